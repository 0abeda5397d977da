#!/bin/sh
# readonly.sh: read-only mode in the console: READONLY in the status bar,
# and every key and command that writes says why and does nothing.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

mkdir -p "$tmp/config/ttydesk"
printf 'set readonly = yes\n' >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
cat >"$tmp/script" <<SCRIPT
<Enter>
r
:save-screen $tmp/reply
n
:save-screen $tmp/note
:bulk-status solved
:save-screen $tmp/bulk
<Esc>
t
T
:save-screen $tmp/bulkkey
:bulk-assign me
:save-screen $tmp/assign
:bulk-tag +x
:save-screen $tmp/tag
:send
:save-screen $tmp/send
:order-link 1001
:save-screen $tmp/link
:set noreadonly
r
:save-screen $tmp/off
SCRIPT
run_script 100 24
# the status bar (with the last error on its right) and the message line
last() {
    tail -2 "$1" | sed -e 's/ *$//' -e '1s/\(| READONLY\) .*/\1/'
}
check_last() {
    got=$(last "$2")
    if [ "$got" = "$3" ]; then ok "$1"; else
        not_ok "$1"
        printf '%s\n' "$got" | sed 's/^/#   got: /'
    fi
}
status=" ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0 | READONLY"
why="read-only mode (--readonly or set readonly = yes): nothing is sent or changed"
check_last "r: refused, READONLY in the status bar" "$tmp/reply" \
    "$status
reply: $why"
check_last "n: refused" "$tmp/note" "$status
note: $why"
check_last ":bulk-status refused" "$tmp/bulk" "$status
bulk-status: $why"
check_last "T (bulk key) refused before its prompt opens" "$tmp/bulkkey" \
    "$status
bulk: $why"
check_last ":bulk-assign refused" "$tmp/assign" "$status
bulk-assign: $why"
check_last ":bulk-tag refused" "$tmp/tag" "$status
bulk-tag: $why"
check_last ":send refused" "$tmp/send" "$status
send: $why"
check_last ":order-link refused (as orders --link is)" "$tmp/link" "$status
order-link: $why"
check_last "a session once read-only stays so (set noreadonly)" "$tmp/off" \
    "$status
reply: $why"
# the editor never opened: the screen still has the thread and no editor
if grep -q "(C-s sends)" "$tmp/note"; then not_ok "the editor did not open"
else ok "the editor did not open"; fi
finish
