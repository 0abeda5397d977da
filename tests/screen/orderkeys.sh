#!/bin/sh
# orderkeys.sh: ] and [ pick the buyer's orders from the conversation too,
# where Enter leaves the focus (R and y already worked there; ] and [ did
# nothing without a Tab to the order panel first).
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

# The fixture, with a second order for Jonas (t1's buyer).
rm "$tmp/share/demo"
cp -R "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
python3 - "$tmp/share/demo" <<'PY'
import json, os, sys
p = os.path.join(sys.argv[1], "orders.json")
orders = json.load(open(p))
o = dict(orders[0])
o.update(id="o9", number="#1009", created_at="2025-12-01T09:00:00Z",
         status="closed", total="9.90")
orders.append(o)
json.dump(orders, open(p, "w"), ensure_ascii=False)
PY

cat >"$tmp/script" <<SCRIPT
:open t1
:save-screen $tmp/opened
]
:save-screen $tmp/next
[
:save-screen $tmp/prev
SCRIPT
run_script 160 45
check_has "two orders, the newest picked" "$tmp/opened" \
    ' Orders and shipping +2 orders' '▶ Order #1001 · '
check_has "] in the conversation picks the next order" "$tmp/next" \
    '▶ Order #1009 · ' '^order #1009 \(2 of 2\)'
check_has "[ in the conversation picks the previous one" "$tmp/prev" \
    '▶ Order #1001 · ' '^order #1001 \(1 of 2\)'
finish
