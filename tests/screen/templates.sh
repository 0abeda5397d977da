#!/bin/sh
# templates.sh: canned replies in the console: the picker's live search and
# its preview with the ticket's data (variant and why), prompts on insert,
# the unfilled-tag block, insert and send, send-next, the library's
# commands ($EDITOR, rename, delete) and importing from the backend.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console
ln -s "$TTYDESK_DATADIR/templates" "$tmp/share/templates"
TPL="$tmp/config/ttydesk/templates"

# Jonas Becker's German ticket (#t1, 4th row): an order and a parcel.
cat >"$tmp/script" <<SCRIPT
jjj<Enter>r<C-r>
:save-screen $tmp/open
wsm
:save-screen $tmp/search
<BS><BS><BS>refund
:save-screen $tmp/refund
<Tab>
:save-screen $tmp/lang
<F1>
:save-screen $tmp/help
<F1>
<Esc>
:save-screen $tmp/closed
SCRIPT
run_script 140 40
check_has "C-r opens the picker over the editor: every template, a preview" \
    "$tmp/open" '│  Templates 10/10 +Enter insert  C-s \+send$' '│ search:$' \
    '│ > adr +address-change +Address change$' \
    '│ ── address-change \[de\]: de-DE not found, used de$' \
    '│ public reply, then pending$' '│ Hallo Jonas,$'
check_has "fuzzy search by name as the agent types; preview with the order" \
    "$tmp/search" '│  Templates 1/10 ' '│ search: wsm$' \
    '│ > wis +wismo +Where is my order$' \
    '│ ── wismo \[de\]: de-DE not found, used de$' \
    'Bestellung #1001' 'Sendungsnummer 00340434161094'
check_has "search by intent; an unanswered prompt shows in the preview" \
    "$tmp/refund" '│ > rfd +refund-issued +Refund issued$' \
    'public reply, then solved  needs input: \?refund_amount$' \
    '\{\{\?refund_amount\}\}'
check_has "Tab previews another language variant, chosen by hand" \
    "$tmp/lang" '│ ── refund-issued \[en\]: used en' '^language: en \(chosen by hand\)$'
check_has "F1 in the picker lists the picker's keys" "$tmp/help" \
    '^Keys of picker \(this pane\)$' \
    '^  <Enter> +picker-insert +picker: insert the template'
check_has "Esc closes the picker, the editor is back" "$tmp/closed" \
    '│  Reply \(C-s sends\)'

# Insert with a prompt, then the block: a ticket without an order.
cat >"$tmp/script" <<SCRIPT
:set confirm_send = no
jj<Enter>r<C-r>rfd<Enter>
:save-screen $tmp/ask
25,00 €<Enter>
:save-screen $tmp/inserted
<C-s>
:save-screen $tmp/blocked
<C-a><C-k>
:save-screen $tmp/killed
SCRIPT
run_script 140 40
check_has "Enter asks the template's prompts" "$tmp/ask" \
    '│ refund_amount \(1/1\):$' 'Enter next  C-s insert\+send  Esc back'
check_has "inserted: the variant and why in the title and message" \
    "$tmp/inserted" \
    '│  Reply · refund-issued \[ar\] +(whatsapp window [0-9hm]+ )?then solved \[\+\]$' \
    'بقيمة 25,00 € للطلب رقم' \
    'ar-AE not found, used ar; unresolved: order.number: fill in'
check_has "C-s refuses a reply with an unfilled tag and names it" \
    "$tmp/blocked" '^not sent: fill in or delete \{\{order.number\}\} \(highlighted\)$' \
    'outbox 0'
grep -q 'reply sent' "$tmp/blocked" && not_ok "nothing was sent" ||
    ok "nothing was sent"

# A note with text never turns public because a public template is added.
cat >"$tmp/script" <<SCRIPT
jjj<Enter>nsuspect fraud<Enter><C-r>thx<Enter>
:save-screen $tmp/note
SCRIPT
run_script 140 40
check_has "a note stays a note when a public template is inserted into it" \
    "$tmp/note" '│  Internal note · thanks \[de\] +then solved \[\+\]$' \
    '│ suspect fraud$' 'the draft stays an internal note \(C-t makes it public\)$'
rm -rf "$tmp/data" "$tmp/state"

# Picker: insert and send at once (C-s), then send-next from the keys.
cat >"$tmp/script" <<SCRIPT
:set confirm_send = no
jjj<Enter>r<C-r>wis<C-s>
@wait
:save-screen $tmp/sent
r<C-r>thx<Enter><M-s>
@wait
:save-screen $tmp/next
SCRIPT
run_script 140 40
check_has "C-s in the picker inserts and sends with the template's status" \
    "$tmp/sent" '^reply sent, status pending$' '│   Hallo Jonas,$' \
    '   -     Jonas Becker   Where is my order'
check_has "M-s sends (solved: it leaves the view) and opens the next one" \
    "$tmp/next" '^reply sent, status solved$' 'Conversation #t4 ' \
    '^ Inbox: open +4/4 '
cat >"$tmp/script" <<SCRIPT
:set confirm_send = no
j<Enter>r<C-r>thx<Enter><M-s>
@wait
:save-screen $tmp/next
SCRIPT
run_script 140 40
check_has "M-s sends, applies the status and opens the next ticket" \
    "$tmp/next" '^ Inbox: open +2/3 ' 'Conversation #t3 ' \
    '^reply sent, status solved$' '^ ttydesk \| demo:online \| [0-9] unread, 2 open'

# The library from the console: new and edit in \$EDITOR, rename, delete.
cat >"$tmp/ed.sh" <<'ED'
sed -i -e 's/^code =$/code = gw/' -e 's/^Hi /Hallo /' "$1"
ED
cat >"$tmp/script" <<SCRIPT
:template-new goodwill
:save-screen $tmp/new
:template-edit thx
:save-screen $tmp/edit
:template-rename goodwill sorry
:save-screen $tmp/renamed
:template-delete thanks
:save-screen $tmp/ask-delete
y
:save-screen $tmp/deleted
:template-delete wismo
y
:save-screen $tmp/shipped
SCRIPT
EDITOR="sh $tmp/ed.sh" run_script 140 40
check_has ":template-new writes a skeleton and opens \$EDITOR" "$tmp/new" \
    '^template goodwill written \(1 language\): /.*/config/ttydesk/templates/goodwill.tmpl$'
grep -q '^code = gw$' "$TPL/sorry.tmpl" 2>/dev/null &&
    ok "the agent's edit is in the file, renamed" ||
    not_ok "the agent's edit is in the file, renamed"
check_has ":template-edit copies a shipped template first" "$tmp/edit" \
    '^template thanks saved \(7 languages\): /.*/config/ttydesk/templates/thanks.tmpl$'
check_has ":template-rename" "$tmp/renamed" '^template goodwill is now sorry$'
check_has ":template-delete asks first" "$tmp/ask-delete" \
    '^Delete template thanks \(/.*/config/ttydesk/templates/thanks.tmpl\)\? \(y/n\)$'
check_has "the copy deleted, the shipped one is back" "$tmp/deleted" \
    '^template thanks deleted; the shipped one is back$'
check_has "a shipped template is never deleted" "$tmp/shipped" \
    '^template-delete: wismo is a shipped template; it can be changed'

# Tab completes template names and accounts at the prompt (M-: opens it).
cat >"$tmp/script" <<SCRIPT
<M-:>reply --template wi<Tab>
:save-screen $tmp/tab1
<Esc><M-:>template-import d<Tab>
:save-screen $tmp/tab2
<Esc>
SCRIPT
run_script 140 40
check_has "Tab completes a template name after --template" "$tmp/tab1" \
    '^:reply --template wismo$'
check_has "Tab completes an account for :template-import" "$tmp/tab2" \
    '^:template-import demo$'

# Import from the backend; the imported ones in the picker.
cat >"$tmp/script" <<SCRIPT
:template-import demo
:save-screen $tmp/import
jjj<Enter>r<C-r>coupon
:save-screen $tmp/coupon
<Enter>
:save-screen $tmp/coupon-ask
SCRIPT
run_script 140 40
check_has ":template-import brings the backend's canned replies" \
    "$tmp/import" '^demo: 4 new, 0 updated, 0 unchanged, 0 kept'
check_has "imported templates are found, marked with their origin" \
    "$tmp/coupon" '│ > +coupon-for-the-trouble +Coupon for the trouble  ← local:demo:c2' \
    '── coupon-for-the-trouble \[en\]'
check_has "an imported prompt is asked on insert" "$tmp/coupon-ask" \
    '│ coupon_code \(1/1\):$'
finish
