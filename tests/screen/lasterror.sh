#!/bin/sh
# lasterror.sh: the last error stays on the right of the status bar after
# other messages, until C-l (redraw) drops it.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:sort bogus
:view open
:save-screen $tmp/kept
<C-l>
:save-screen $tmp/dropped
SCRIPT
run_script 100 24
check_has "the error stays on the status bar after a message" "$tmp/kept" \
    '^ ttydesk \| .*outbox 0 +sort: unknown key .bogus.' '^view open: '
if tail -2 "$tmp/dropped" | grep -q 'bogus'; then
    not_ok "C-l drops it"
    tail -2 "$tmp/dropped" | sed 's/^/# /'
else
    ok "C-l drops it"
fi
finish
