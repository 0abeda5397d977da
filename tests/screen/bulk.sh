#!/bin/sh
# bulk.sh: bulk assign and tag on marked tickets, through the driver, with
# the change written to the local workspace and shown in the thread.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:view all
/lang:ja<Enter>
tAcarol<Enter>
<Enter>
:save-screen $tmp/assigned
<Esc>
L+urgent -nosuch<Enter>
<Enter>
:save-screen $tmp/tagged
<Esc>
c/lang:de<Enter>
Anone<Enter>
L-vip<Enter>
<Enter>
:save-screen $tmp/cleared
SCRIPT
run_script 160 45
check_has "A assigns the marked ticket" "$tmp/assigned" \
    '^assigned on 1 ticket' 'assignee: carol'
check_has "L adds a tag" "$tmp/tagged" '^tags changed on 1 ticket' \
    'Tags: urgent'
check_has "assign none and -TAG on the selected ticket" "$tmp/cleared" \
    'assignee: none' 'Tags: shipping *│'
f=$tmp/data/ttydesk/demo/tickets/t2.json
if grep -Eq '"assignee":[[:space:]]*"carol"' "$f" && grep -q '"urgent"' "$f"; then
    ok "the workspace file carries the new assignee and tag"
else
    not_ok "the workspace file carries the new assignee and tag"
fi
finish
