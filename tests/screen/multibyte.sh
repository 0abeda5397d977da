#!/bin/sh
# multibyte.sh: Japanese, Arabic, Thai and Turkish typed at the / and :
# prompts (readline reads a whole UTF-8 character at a time; the console
# must neither freeze nor split one).
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
/届きません
:save-screen $tmp/ja
<Enter>
c
/لم يصل
:save-screen $tmp/ar
<Esc>
c
/สินค้า
<Enter>
:save-screen $tmp/th
:filter Anaş山田
:save-screen $tmp/none
:quit
SCRIPT
run_script 140 30
check_has "a Japanese filter typed at / finds the ticket as you type" \
    "$tmp/ja" '^ Inbox: open / 届きません +1/1 ' '山田 花子'
check_has "Arabic at the / prompt" "$tmp/ar" '^ Inbox: open / لم يصل +1/1 ' \
    'ليلى حداد'
check_has "Thai, and Enter keeps the filter" "$tmp/th" \
    '^ Inbox: open / สินค้า +1/1 ' 'สมชาย'
check_has "Turkish and Japanese mixed: nothing matches, nothing hangs" \
    "$tmp/none" '^ Inbox: open / Anaş山田 +0/0 '
[ "$status" = 0 ] && ok "the script ran to :quit" || not_ok "the console exited $status"
finish
