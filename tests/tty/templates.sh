#!/bin/sh
# templates.sh: canned replies in a real terminal (tmux): a ~/.inputrc
# macro inside `$if ttydesk` types a whole `:reply --template wismo`, the
# picker searches live as keys arrive, and an rc `macro` sends with a
# template and opens the next ticket.
set -u
: "${TTYDESK_BIN:=$(pwd)/build/ttydesk}"
: "${TTYDESK_DATADIR:=$(pwd)}"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if ! command -v tmux >/dev/null 2>&1; then
    echo "1..1"
    echo "ok 1 - tmux tests # SKIP tmux is not installed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-tty.XXXXXX")
sock="ttydesk-tpl-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/share" "$tmp/home" "$tmp/config/ttydesk"
ln -s "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
ln -s "$TTYDESK_DATADIR/themes" "$tmp/share/themes"
ln -s "$TTYDESK_DATADIR/keymaps" "$tmp/share/keymaps"
ln -s "$TTYDESK_DATADIR/templates" "$tmp/share/templates"
# The readline macro: C-x w types the command and Enter runs it. Only
# ttydesk's readline sees it ($if ttydesk), as with any inputrc.
cat >"$tmp/inputrc" <<'RC'
$if ttydesk
"\C-xw": "reply --template wismo\n"
$endif
$if bash
"\C-xw": "echo wrong application\n"
$endif
RC
{
    echo '#!/bin/sh'
    echo "env HOME='$tmp/home' XDG_DATA_HOME='$tmp/data' \\"
    echo "    XDG_CONFIG_HOME='$tmp/config' XDG_STATE_HOME='$tmp/state' \\"
    echo "    TTYDESK_DATADIR='$tmp/share' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
    echo "    INPUTRC='$tmp/inputrc' TERM=tmux-256color \"\$@\" '$TTYDESK_BIN'"
    echo "echo \$? >'$tmp/status'"
} >"$tmp/run"
chmod +x "$tmp/run"

start() {
    T kill-server 2>/dev/null
    while T has-session 2>/dev/null; do sleep 0.05; done
    T new-session -d -s t -x 160 -y 45 \; set -g remain-on-exit on \; \
        set -g window-size manual \; set -g escape-time 0 \; \
        respawn-pane -k -t t "$tmp/run $*"
}
capture() { T capture-pane -p -t t "$@"; }
wait_for() {
    i=0
    while [ $i -lt $((${2:-5} * 20)) ]; do
        capture | grep -Eq -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

start
wait_for '^ Inbox: open +1/5' || true
# Jonas Becker's German ticket (#t1), which has an order and a parcel.
T send-keys -t t j j j Enter
wait_for '│  Conversation #t1' || true
T send-keys -t t :
sleep 0.1
T send-keys -t t C-x w
if wait_for 'Reply · wismo \[de\]' && wait_for '│ Hallo Jonas,' &&
   wait_for 'Bestellung #1001' &&
   capture | tail -1 | grep -q '^wismo \[de\]: de-DE not found, used de'; then
    ok "an inputrc macro (\$if ttydesk) typed :reply --template wismo"
else
    not_ok "inputrc macro"; capture | sed 's/^/# /'
fi
capture | grep -q 'wrong application' &&
    not_ok "the \$if bash part stayed out" ||
    ok "the \$if bash part stayed out"

# The picker, live: each key narrows the list in the real terminal.
T send-keys -t t C-r
wait_for 'Templates 10/10' || true
T send-keys -t t d a m
if wait_for 'Templates [12]/10' && wait_for 'search: dam' &&
   wait_for '│ > dmg +damaged +Damaged item' &&
   wait_for '── damaged \[de\]'; then
    ok "picker: search narrows live; the preview names the variant"
else
    not_ok "picker live search"; capture | sed 's/^/# /'
fi
T send-keys -t t Escape
if wait_for 'Reply · wismo \[de\]' 1 && ! capture | grep -q 'Templates'; then
    ok "picker: Esc closes it at once, the draft is untouched"
else
    not_ok "picker Esc"; capture | sed 's/^/# /'
fi
T send-keys -t t Escape
sleep 0.1
T send-keys -t t Escape
sleep 0.1
T send-keys -t t q
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 60 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(cat "$tmp/status" 2>/dev/null)" = 0 ] && ok "quit cleanly" ||
    { not_ok "quit cleanly"; capture | sed 's/^/# /'; }

# The unfilled tag in the draft stands out (editor.unresolved: white on
# red), and C-s refuses the draft naming it.
rm -f "$tmp/status"
start
wait_for '^ Inbox: open +1/5' || true
T send-keys -t t j j Enter
wait_for '│  Conversation #t6' || true
T send-keys -t t :
sleep 0.1
T send-keys -t t C-x w
wait_for 'Reply · wismo \[ar\]' || true
esc=$(printf '\033')
capture -e >"$tmp/color"
if grep -Eq "$esc\\[[0-9;]*41m\\{\\{order\\.number\\}\\}" "$tmp/color"; then
    ok "the unfilled {{order.number}} is shown in the unresolved colours"
else
    not_ok "unresolved colours"; grep -F 'order.number' "$tmp/color" | sed 's/^/# /'
fi
T send-keys -t t C-s
if wait_for '^not sent: fill in or delete \{\{order.number\}\}'; then
    ok "C-s refuses it, naming the tag"
else
    not_ok "C-s refuses"; capture | tail -3 | sed 's/^/# /'
fi
T kill-server 2>/dev/null

# An rc macro: template, status pending, send, next ticket; one key.
rm -f "$tmp/status"
cat >"$tmp/config/ttydesk/ttydeskrc" <<'RC'
set confirm_send = no
macro global <F5> "<M-:>reply --template wismo<Enter><M-:>draft-status pending<Enter><M-:>send-next<Enter>" "wismo, pending, send, next"
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
start
wait_for '^ Inbox: open +1/5' || true
T send-keys -t t j j j Enter
wait_for '│  Conversation #t1' || true
T send-keys -t t F5
if wait_for 'reply sent, status pending' && wait_for '│  Conversation #t4'; then
    ok "rc macro on F5: wismo, pending, sent, next ticket opened"
else
    not_ok "rc macro send-next"; capture | sed 's/^/# /'
fi
echo "1..$n"
exit $failed
