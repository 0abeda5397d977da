#!/bin/sh
# layout.sh: the first screen at 160x45 (three panes), 120x40 (two), 80x24 (one).
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

printf ':save-screen %s\n' "$tmp/s" >"$tmp/script"
rm -rf "$tmp/data" "$tmp/state" "$tmp/s"
run_script 160 45
check "first screen at 160x45" "$tmp/s" <<'EOF'
 Inbox: open                                  1/5 sort:sla │  Orders and shipping                             0 orders │  Editor
   SLA   LG INTENT  BUYER          SUBJECT            AGE  │   No ticket open.                                         │
 ● ~ ja -       山田 花子      注文した商品がま…  ~ │                                                           │
 ● ~ en -       Mallory ␛[31m… Refund ␛]0;pwned␇… ~ │                                                           │
 ● ~ ar -       ليلى حداد      لم يصل طلبي بعد    ~ │                                                           │
 ● ~ de -       Jonas Becker   Where is my order… ~ │                                                           │
 ● -     th -       สมชาย ใจดี      สินค้าชำรุดครับ        ~ │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │  Conversation                                       0 msg │
                                                           │   No ticket open: Enter on the inbox opens one.           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │
                                                           │                                                           │ C-s send  C-t note/reply  C-o status  …
 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOF

printf ':save-screen %s\n' "$tmp/s" >"$tmp/script"
rm -rf "$tmp/data" "$tmp/state" "$tmp/s"
run_script 120 40
check "first screen at 120x40" "$tmp/s" <<'EOF'
 Inbox: open                   1/5 sort:sla │  Conversation                                                       0 msg
   SLA   BUYER          SUBJECT             │   No ticket open: Enter on the inbox opens one.
 ● ~ 山田 花子      注文した商品がまだ… │
 ● ~ Mallory ␛[31m… Refund ␛]0;pwned␇n… │
 ● ~ ليلى حداد      لم يصل طلبي بعد     │
 ● ~ Jonas Becker   Where is my order … │
 ● -     สมชาย ใจดี      สินค้าชำรุดครับ         │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │  Orders and shipping                                             0 orders
                                            │   No ticket open.
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
                                            │
 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOF

printf ':save-screen %s\n' "$tmp/s" >"$tmp/script"
rm -rf "$tmp/data" "$tmp/state" "$tmp/s"
run_script 80 24
check "first screen at 80x24" "$tmp/s" <<'EOF'
 Inbox: open                                                       1/5 sort:sla
   SLA   CHAN     LG INTENT  BUYER          CC SUBJECT             STATUS  AGE
 ● ~ line     ja -       山田 花子      JP 注文した商品がまだ… new     ~
 ● ~ web      en -       Mallory ␛[31m… US Refund ␛]0;pwned␇n… open    ~
 ● ~ whatsapp ar -       ليلى حداد      AE لم يصل طلبي بعد     open    ~
 ● ~ email    de -       Jonas Becker   DE Where is my order … open    ~
 ● -     chat     th -       สมชาย ใจดี      TH สินค้าชำรุดครับ         pending ~















 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOF

# Resizing keeps the state: the open ticket, the selection, the focus.
cat >"$tmp/script" <<SCRIPT
jjj<Enter>
:resize 80 24
:save-screen $tmp/small
:resize 160 45
:save-screen $tmp/big
SCRIPT
run_script 160 45
check_has "160x45 -> 80x24 shows the focused conversation" "$tmp/small" \
    '^ Conversation #t1 ' '^Where is my order #1001\?$'
[ "$(wc -l <"$tmp/small")" -eq 24 ] && ok "80x24 has 24 lines" ||
    not_ok "80x24 has 24 lines"
check_has "and back to 160x45: three panes, same selection" "$tmp/big" \
    '^ Inbox: open +4/5 sort:sla │  Orders and shipping +1 order │  Reply' \
    '│  Conversation #t1 +2 msg │'
finish
