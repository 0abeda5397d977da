#!/bin/sh
# wide.sh: Japanese (double width), Arabic (logical order) and Thai (combining
# marks) keep the columns aligned in the inbox and wrap right in the thread.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
<Enter>
:save-screen $tmp/ja
<Esc>jj<Enter>
:save-screen $tmp/ar
<Esc>jj<Enter>
:save-screen $tmp/th
<Esc>
:save-screen $tmp/inbox
SCRIPT
run_script 80 24
check "Japanese thread wraps at 80 columns between characters" "$tmp/ja" <<'EOS'
 Conversation #t2                                                         1 msg
注文した商品がまだ届きません
#t2 · new · normal · line · ja · demo
From: 山田 花子 <hanako@example.jp> · JP · Asia/Tokyo · assignee: none
Buyer's clock Sat 21:00 (Asia/Tokyo) · SLA overdue ~ (Sat 09:30 UTC) · LINE
window closed ~ ago: approved templates only

● 山田 花子 [buyer] DATE (buyer's time HH:MM)
  こんにちは。一週間前に注文した抹茶セットがまだ届いていません。追跡番号を教えて
  いただけますか？よろしくお願いいたします。












 ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
check "Arabic thread in logical order" "$tmp/ar" <<'EOS'
 Conversation #t3                                                         1 msg
لم يصل طلبي بعد
#t3 · open · normal · whatsapp · ar · demo
From: ليلى حداد <layla@example.ae> · AE · Asia/Dubai · assignee: none
Buyer's clock Sat 16:00 (Asia/Dubai) · SLA due in ~ (Sat 13:30 UTC) ·
WhatsApp window ~ left

● ليلى حداد [buyer] DATE (buyer's time HH:MM)
  مرحبا، طلبت حذاء رقم 38 ووصلني رقم 40. أريد استبداله من فضلكم.













 ttydesk | demo:online | 4 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
check "Thai thread with combining marks" "$tmp/th" <<'EOS'
 Conversation #t4                                                         1 msg
สินค้าชำรุดครับ
#t4 · pending · low · chat · th · demo
From: สมชาย ใจดี <somchai@example.th> · TH · Asia/Bangkok · assignee: bob
Buyer's clock Sat 19:00 (Asia/Bangkok)

● สมชาย ใจดี [buyer] DATE (buyer's time HH:MM)
  แก้วที่ได้รับแตกครับ ขอเปลี่ยนใบใหม่ได้ไหมครับ














 ttydesk | demo:online | 3 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
# Every inbox row must end its STATUS column at the same display column:
# measure with python's east-asian widths as an independent check.
if command -v python3 >/dev/null 2>&1; then
    cols=$(python3 - "$tmp/inbox" <<'PY'
import sys, unicodedata
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ('Mn', 'Me'):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in 'WF' else 1
    return w
cols = set()
for line in open(sys.argv[1], encoding='utf-8').read().split('\n')[2:7]:
    for st in ('new', 'open', 'pending'):
        i = line.find(' ' + st + ' ')
        if i >= 0:
            cols.add(width(line[:i]))
print(len(cols))
PY
)
    if [ "$cols" = 1 ]; then
        ok "inbox columns stay aligned with wide and combining text"
    else
        not_ok "inbox columns misaligned ($cols different status columns)"
    fi
fi
finish
