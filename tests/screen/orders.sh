#!/bin/sh
# orders.sh: the order panel for a buyer with several orders: a parcel in
# transit, one delivered (with its return window), one returning to the
# sender, one stuck, and (another buyer) one held at customs; picking an
# order, linking one by number, and the lookups' state.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

# The fixture plus three more orders for Jonas (c1, Berlin). Times are
# relative to the anchor, which the demo moves to now.
rm "$tmp/share/demo"
cp -R "$here/fixture" "$tmp/share/demo"
python3 - "$tmp/share/demo" <<'PY'
import json, sys, os
d = sys.argv[1]
orders = json.load(open(os.path.join(d, "orders.json")))
ships = json.load(open(os.path.join(d, "shipments.json")))
def order(i, num, created, status="open", country="DE", city="Berlin"):
    return {"id": i, "number": num, "customer": "c1",
            "email": "jonas@example.de", "created_at": created,
            "status": status, "financial_status": "paid",
            "fulfillment_status": "fulfilled", "currency": "EUR",
            "total": "24.90", "ship_country": country, "ship_city": city,
            "items": [{"sku": "TEE-" + num[1:], "name": "T-Shirt",
                       "quantity": 1, "price": "24.90"}]}
orders += [order("o3", "#1003", "2025-12-20T10:00:00Z"),
           order("o4", "#1004", "2025-12-15T10:00:00Z"),
           order("o5", "#1005", "2025-12-22T10:00:00Z")]
ships += [
 {"id": "s3", "order": "o3", "carrier": "DHL", "tracking_number": "00340434161111",
  "status": "delivered", "events": [
   {"time": "2025-12-22T08:00:00Z", "location": "Leipzig", "status": "in-transit", "description": "Shipment picked up"},
   {"time": "2025-12-30T12:00:00Z", "location": "Berlin", "status": "delivered", "description": "Delivered to neighbour"}]},
 {"id": "s4", "order": "o4", "carrier": "UPS", "tracking_number": "1Z999AA10123456784",
  "status": "returning", "events": [
   {"time": "2025-12-16T08:00:00Z", "location": "Köln", "status": "in-transit", "description": "Departed facility"},
   {"time": "2026-01-08T09:00:00Z", "location": "Berlin", "status": "returning", "description": "Address unknown, returning to sender"}]},
 {"id": "s5", "order": "o5", "carrier": "Hermes", "tracking_number": "H1000720000001",
  "status": "in-transit", "events": [
   {"time": "2025-12-23T08:00:00Z", "location": "Hamburg", "status": "in-transit", "description": "Parcel sorted"},
   {"time": "2025-12-31T18:00:00Z", "location": "Hannover", "status": "in-transit", "description": "In transit"}]}]
json.dump(orders, open(os.path.join(d, "orders.json"), "w"), ensure_ascii=False)
json.dump(ships, open(os.path.join(d, "shipments.json"), "w"), ensure_ascii=False)
PY

cat >"$tmp/script" <<SCRIPT
:open t1
<Tab>
:save-screen $tmp/first
]
:save-screen $tmp/stuck
]
:save-screen $tmp/picked
]
:save-screen $tmp/returning
:order-refresh
:save-screen $tmp/nosource
:open t2
:save-screen $tmp/customs
:order-link 1001
:save-screen $tmp/linked
:order-unlink 1001
:order-unlink 1001
:save-screen $tmp/unlinked
:order-link 99999
:save-screen $tmp/nosuch
:order-link
:save-screen $tmp/usage
SCRIPT
run_script 160 45
check_has "several orders: the newest first, picked with ▶, in transit" \
    "$tmp/first" ' Orders and shipping +4 orders' '│ ▶ Order #1001 · ' \
    'DHL 00340434161094 · in-transit · ETA [0-9-]+ · [0-9]+' \
    'days in transit' 'Arrived at the delivery base'
check_has "] picks the next order: a delivered parcel and its return window" \
    "$tmp/picked" '▶ Order #1003 · ' \
    'DHL 00340434161111 · delivered · 8 days to deliver' \
    'return by [0-9-]+ · 3 days left \(14 days\) · EU' \
    'Consumer Rights Directive 2011/83/EU' \
    '^order #1003 \(3 of 4\)'
check_has "a parcel without news for 9 days is flagged stuck" "$tmp/stuck" \
    '▶ Order #1005 · ' 'Hermes H1000720000001 · in-transit' \
    'STUCK: no new checkpoint for 9 days' '^order #1005 \(2 of 4\)'
check_has "a parcel returning to the sender" "$tmp/returning" \
    '▶ Order #1004 · ' 'UPS 1Z999AA10123456784 · returning' \
    'Address unknown, returning to'
check_has "R without a shop or tracker says where the orders come from" \
    "$tmp/nosource" 'no shop or tracker is configured'
check_has "another buyer's parcel held at customs, in Japanese" \
    "$tmp/customs" ' Orders and shipping +1 order' \
    'Yamato 4321-8765-0001 · customs' '成田: 通関手続き中' \
    'return: 30 days from delivery'
check_has ":order-link adds an order the buyer did not name" "$tmp/linked" \
    ' Orders and shipping +2 orders' '^order 1001 linked' 'Order #1001 · '
check_has ":order-unlink, twice: the second says it is not linked" \
    "$tmp/unlinked" ' Orders and shipping +1 order' \
    'order-unlink: order 1001 is not linked to this ticket'
check_has "linking a number no order has says so" "$tmp/nosuch" \
    'order 99999 linked, but no order with that number is in the store'
check_has "the usage says to leave out the #" "$tmp/usage" \
    'order-link NUMBER \(1189, not #1189: # starts a comment\)'
finish
