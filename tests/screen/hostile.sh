#!/bin/sh
# hostile.sh: escape sequences, C1 controls and bidi overrides from a buyer
# are shown as visible placeholders; nothing raw reaches the screen.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:save-screen $tmp/inbox
j<Enter>
:save-screen $tmp/thread
SCRIPT
run_script 80 24
check "hostile message shown with placeholders" "$tmp/thread" <<'EOS'
 Conversation #t5                                                         1 msg
Refund ␛]0;pwned␇now [U+202E]evil
#t5 · open · urgent · web · en · demo
From: Mallory ␛[31mRed <mallory@example.com> · US · America/New_York ·
assignee: none
Buyer's clock Sat 07:00 (America/New_York) · SLA overdue ~ (Sat 11:15 UTC)

● Mallory [buyer] DATE (buyer's time HH:MM)
  clear␛[2Jscreen
  copy␛]52;c;ZXZpbA==␇clip
  move␛[10;10Hcursor
  bidi [U+202E]txt.exe[U+202C] end
  bell␇ c1[U+009B]31m done









 ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
check_has "inbox row shows the title-change attempt as text" "$tmp/inbox" \
    'Mallory ␛\[31m… US Refund ␛\]0;pwned␇n…'
for f in inbox thread; do
    # Byte-wise: ESC and BEL; UTF-8 sequences: U+009B (CSI) and U+202E.
    if LC_ALL=C grep -q "$(printf '[\033\007]')" "$tmp/$f" ||
       LC_ALL=C grep -q "$(printf '\302\233')" "$tmp/$f" ||
       LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/$f"; then
        not_ok "no raw ESC, BEL, CSI or U+202E in the $f screen"
    else
        ok "no raw ESC, BEL, CSI or U+202E in the $f screen"
    fi
done
finish
