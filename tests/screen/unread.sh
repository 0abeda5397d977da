#!/bin/sh
# unread.sh: new tickets are bold with a dot, opening one reads it, N toggles
# it (on the marked tickets too), is:unread filters, and it all survives a
# restart.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:save-screen $tmp/u1
<Enter><Esc>
:save-screen $tmp/u2
N
:save-screen $tmp/u3
N/is:unread<Enter>
:save-screen $tmp/u4
cgtt
:save-screen $tmp/u5
N
:save-screen $tmp/u6
N
:save-screen $tmp/u7
SCRIPT
run_script 80 24
check_has "a fresh sync is all unread" "$tmp/u1" \
    '^ ● +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' \
    '^ ● +- +chat +th +- +สมชาย' '6 unread, 4 open'
check "opening a ticket reads it: no dot, one unread less" "$tmp/u2" <<'EOS'
 Inbox: open                                                       1/5 sort:sla
   SLA   CHAN     LG INTENT  BUYER          CC SUBJECT             STATUS  AGE
   ~ line     ja -       山田 花子      JP 注文した商品がまだ… new     ~
 ● ~ web      en -       Mallory ␛[31m… US Refund ␛]0;pwned␇n… open    ~
 ● ~ whatsapp ar -       ليلى حداد      AE لم يصل طلبي بعد     open    ~
 ● ~ email    de -       Jonas Becker   DE Where is my order … open    ~
 ● -     chat     th -       สมชาย ใจดี      TH สินค้าชำรุดครับ         pending ~















 ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
check_has "N marks it unread again" "$tmp/u3" \
    '^ ● +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' '6 unread, 4 open' \
    '^marked unread$'
check "N reads it again; is:unread leaves it out" "$tmp/u4" <<'EOS'
 Inbox: open / is:unread                                           3/4 sort:sla
   SLA   CHAN     LG INTENT  BUYER          CC SUBJECT             STATUS  AGE
 ● ~ web      en -       Mallory ␛[31m… US Refund ␛]0;pwned␇n… open    ~
 ● ~ whatsapp ar -       ليلى حداد      AE لم يصل طلبي بعد     open    ~
 ● ~ email    de -       Jonas Becker   DE Where is my order … open    ~
 ● -     chat     th -       สมชาย ใจดี      TH สินค้าชำรุดครับ         pending ~
















 ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0
filter: is:unread
EOS
check_has "marks keep the dot beside the star" "$tmp/u5" \
    '^\*  +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' \
    '^\*● +-?[0-9]+[smhdw]([0-9]{2})? +web +en +- +Mallory' '^2 marked$'
# The first marked ticket is read, so both become unread, then both read.
check_has "N on marked tickets: all take the first one's opposite" \
    "$tmp/u6" '^\*● +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' \
    '^\*● +-?[0-9]+[smhdw]([0-9]{2})? +web +en +- +Mallory' '6 unread, 4 open' \
    '^2 tickets marked unread$'
check_has "N again reads them both" "$tmp/u7" \
    '^\*  +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' \
    '^\*  +-?[0-9]+[smhdw]([0-9]{2})? +web +en +- +Mallory' '4 unread, 4 open' \
    '^2 tickets marked read$'

# The seen state is the store's: a restart (and its sync) keeps it.
cat >"$tmp/script" <<SCRIPT
/-is:unread<Enter>
:save-screen $tmp/u8
SCRIPT
run_script 80 24
check_has "a restart keeps what was read" "$tmp/u8" \
    '^ Inbox: open / -is:unread +1/2 ' \
    '^   +-?[0-9]+[smhdw]([0-9]{2})? +line +ja +- +山田 花子' \
    '^   +-?[0-9]+[smhdw]([0-9]{2})? +web +en +- +Mallory' '4 unread, 4 open'
finish
