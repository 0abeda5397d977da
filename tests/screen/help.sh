#!/bin/sh
# help.sh: the ? help lists every : command (from the command table, not a
# hand-written subset) and wraps the list to the pane instead of cutting it.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
?
G
:save-screen $tmp/help
SCRIPT
run_script 80 24
check_has "? lists the outbox, order, schedule and translate commands" \
    "$tmp/help" '^Commands at the : prompt' 'outbox-retry,' \
    'outbox-edit,' 'outbox-discard,' 'order-link,' 'send-at,' \
    'translate,' 'send-next,'
if sed -n '/^Commands at the : prompt/,/^ ttydesk |/p' "$tmp/help" |
   grep -q '…'; then
    not_ok "the command list is wrapped at 80 columns, not cut"
    sed 's/^/# /' "$tmp/help"
else
    ok "the command list is wrapped at 80 columns, not cut"
fi
finish
