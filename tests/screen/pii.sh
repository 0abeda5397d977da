#!/bin/sh
# pii.sh: the PII mask (toggle-pii, M-p; set pii_mask) hides emails, phone
# numbers and street addresses in the inbox, the conversation, the order
# panel and the status bar, in several scripts, without moving the layout,
# and without touching the data (unmasked again, the text is all there).
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

ws="$tmp/ws"
mkdir -p "$ws/tickets" "$tmp/config/ttydesk"
cat >"$ws/customers.json" <<'JSON'
[{"id": "k1", "email": "yamada.hanako@example.jp", "country": "JP"},
 {"id": "k2", "name": "ليلى حداد", "email": "layla@example.ae", "country": "AE"}]
JSON
cat >"$ws/orders.json" <<'JSON'
[{"id": "o9", "number": "#2001", "customer": "k1", "email": "yamada.hanako@example.jp", "created_at": "2026-01-05T09:00:00Z", "status": "open", "financial_status": "paid", "fulfillment_status": "unfulfilled", "currency": "JPY", "total": "8800", "ship_country": "JP", "ship_city": "渋谷区神南1-2-3",
  "items": [{"sku": "TEA-7", "name": "抹茶セット", "quantity": 1, "price": "8800"}]}]
JSON
cat >"$ws/tickets/p1.json" <<'JSON'
{"id": "p1", "subject": "住所変更: 東京都渋谷区神南1-2-3", "status": "open", "priority": "normal", "channel": "email", "language": "ja", "requester": "k1",
 "created_at": "2026-01-10T08:00:00Z", "updated_at": "2026-01-10T09:00:00Z",
 "messages": [
  {"id": "m1", "author": "customer", "author_name": "Hanako", "created_at": "2026-01-10T08:00:00Z",
   "body": "新しい住所は東京都渋谷区神南1-2-3です。\n電話：０９０－１２３４－５６７８\nmail: yamada.hanako@example.jp"}]}
JSON
cat >"$ws/tickets/p2.json" <<'JSON'
{"id": "p2", "subject": "Lieferadresse Hauptstraße 5", "status": "open", "priority": "normal", "channel": "whatsapp", "language": "ar", "requester": "k2",
 "created_at": "2026-01-10T07:00:00Z", "updated_at": "2026-01-10T07:30:00Z",
 "messages": [
  {"id": "m1", "author": "customer", "created_at": "2026-01-10T07:00:00Z",
   "body": "العنوان ١٢ شارع التحرير، القاهرة\nرقمي ٠٥٠١٢٣٤٥٦٧\nor call +49 30 1234567 / 221B Baker Street"}]}
JSON
printf 'account pii local "%s"\nset inbox_width = 50\n' "$ws" >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"

cat >"$tmp/script" <<SCRIPT
:sort id
<Enter>
:save-screen $tmp/plain
<M-p>
:save-screen $tmp/masked
:open pii:p2
:save-screen $tmp/masked2
<M-p>
:save-screen $tmp/plain2
:set pii_mask = yes
:save-screen $tmp/masked3
SCRIPT
run_script 120 30
check "masked: inbox, conversation, order panel, status bar" "$tmp/masked" <<'EOS'
 Inbox: open                                   1/2 sort:id │  Conversation #p1                                    1 msg
   SLA   LG INTENT  BUYER          SUBJECT            AGE  │ 住所変更: *****************-*-*
   -     ja -       ******.******… 住所変更: *******… ~ │ #p1 · open · normal · email · ja · pii
 ● -     ar -       ليلى حداد      Lieferadresse ***… ~ │ From: ? <******.******@*******.**> · JP · assignee: none
                                                           │ Buyer's clock Sat 21:00 (Asia/Tokyo)
                                                           │
                                                           │ ● Hanako [buyer] DATE
                                                           │   新しい住所は*****************-*-*です。
                                                           │   電話：******－********－********
                                                           │   mail: ******.******@*******.**
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │  Orders and shipping                               1 order
                                                           │ Order #2001 · DAY · open
                                                           │   payment paid · fulfilment unfulfilled · 8800 JPY · ship
                                                           │   to JP ***********-*-*
                                                           │   1 × TEA-7 抹茶セット · 8800
                                                           │   return: 30 days from delivery · the shop's own policy
                                                           │   (return_days)
                                                           │
                                                           │
                                                           │
                                                           │
 ttydesk | pii:online | 1 unread, 2 open, 0 breaching | outbox 0 | PII HIDDEN
personal data hidden (emails, phones, addresses)
EOS
check "masked: Arabic, German, English, Arabic-Indic digits" "$tmp/masked2" <<'EOS'
 Inbox: open                                   1/2 sort:id │  Conversation #p2                                    1 msg
   SLA   LG INTENT  BUYER          SUBJECT            AGE  │ Lieferadresse *********** *
   -     ja -       ******.******… 住所変更: *******… ~ │ #p2 · open · normal · whatsapp · ar · pii
   -     ar -       ليلى حداد      Lieferadresse ***… ~ │ From: ليلى حداد <*****@*******.**> · AE · assignee: none
                                                           │ Buyer's clock Sat 16:00 (Asia/Dubai) · WhatsApp window ~
                                                           │ left
                                                           │
                                                           │ ● ? [buyer] DATE
                                                           │   العنوان ** **** *******، القاهرة
                                                           │   رقمي **********
                                                           │   or call +** ** ******* / **** ***** ******
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │  Orders and shipping                              0 orders
                                                           │   No orders in the store for this buyer (:order-link NUMBE…
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
                                                           │
 ttydesk | pii:online | 0 unread, 2 open, 0 breaching | outbox 0 | PII HIDDEN
personal data hidden (emails, phones, addresses)
EOS
check_has "shown again: the data was never changed" "$tmp/plain2" \
    'Lieferadresse Hauptstraße 5' 'layla@example\.ae' \
    'العنوان ١٢ شارع التحرير، القاهرة' 'رقمي ٠٥٠١٢٣٤٥٦٧' \
    'or call \+49 30 1234567 / 221B Baker Street' 'yamada\.hanako…'
check_has "unmasked first screen" "$tmp/plain" '電話：０９０－１２３４－５６７８' \
    'mail: yamada\.hanako@example\.jp' 'to JP 渋谷区神南1-2-3'
if grep -q 'PII HIDDEN' "$tmp/plain2"; then
    not_ok "status bar says nothing when shown"
else
    ok "status bar says nothing when shown"
fi
# set pii_mask = yes at the prompt does what the key does
head -29 "$tmp/masked2" >"$tmp/a"
head -29 "$tmp/masked3" >"$tmp/b"
if cmp -s "$tmp/a" "$tmp/b"; then
    ok "set pii_mask = yes masks like the key"
else
    not_ok "set pii_mask = yes masks like the key"
fi
finish
