#!/bin/sh
# demo.sh: the shipped demo workspace starts clean in every layout and its
# tickets open (the other screen tests use their own fixed fixture).
. "$TTYDESK_DATADIR/tests/screen/screenlib"
if [ ! -d "$TTYDESK_DATADIR/demo/tickets" ]; then
    echo "1..1"
    echo "ok 1 - shipped demo # SKIP demo/ is not generated yet (make demo)"
    exit 0
fi
need_console
rm -f "$tmp/share/demo"
ln -s "$TTYDESK_DATADIR/demo" "$tmp/share/demo"

for size in "160 45" "120 40" "80 24"; do
    set -- $size
    rm -rf "$tmp/data" "$tmp/state"
    cat >"$tmp/script" <<SCRIPT
:view all
:save-screen $tmp/first
<Enter>
:save-screen $tmp/open
G<Enter>
:save-screen $tmp/last
SCRIPT
    run_script "$1" "$2"
    check_has "demo at $1x$2: the inbox fills, no error" "$tmp/first" \
        '^ Inbox: all +1/[0-9]+ sort:sla' '^view all: [0-9]+ tickets$'
    check_has "demo at $1x$2: the first ticket opens" "$tmp/open" \
        'Conversation #[^ ]+ +[0-9]+ msg'
    check_has "demo at $1x$2: the last ticket opens" "$tmp/last" \
        'Conversation #[^ ]+ +[0-9]+ msg'
    if LC_ALL=C grep -q "$(printf '[\033\007]')" "$tmp/first" "$tmp/open" \
        "$tmp/last"; then
        not_ok "demo at $1x$2: nothing raw on screen"
    else
        ok "demo at $1x$2: nothing raw on screen"
    fi
done
finish
