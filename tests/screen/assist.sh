#!/bin/sh
# assist.sh: the shipped demo workspace with the real models and templates:
# the INTENT column, intent:/lang: filters, and the suggested reply in the
# editor (Tab takes it, nothing is sent) for a where-is-my-order ticket in
# Spanish and one in Japanese.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

# The shipped demo, models and templates instead of the fixture.
rm -f "$tmp/share/demo"
for d in demo models templates; do
    ln -s "$TTYDESK_DATADIR/$d" "$tmp/share/$d"
done

# A saved view over the assist's columns, from the rc file.
mkdir -p "$tmp/config/ttydesk"
printf 'view wja "lang:ja intent:where_is_my_order status:unsolved"\n' \
    >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"

cat >"$tmp/script" <<SCRIPT
:set inbox_width = 75
:view wja
:save-screen $tmp/view
:view open
:save-screen $tmp/inbox
c/lang:es intent:wismo order:1133<Enter>
:save-screen $tmp/es-filter
:set inbox_width = 38
<Enter>r
:save-screen $tmp/es
<Tab>
:save-screen $tmp/es-taken
<Esc><Esc>c/lang:ja intent:wism order:1170<Enter>
<Enter>r
:save-screen $tmp/ja
xyz
:save-screen $tmp/ja-typed
<C-z><C-z><C-z><C-t>
:save-screen $tmp/ja-note
<C-t><Tab>
:save-screen $tmp/ja-taken
:quit
SCRIPT
run_script 200 45

check_has "an rc view with lang: and intent: terms" "$tmp/view" \
    'Inbox: wja +1/[0-9]+ sort:sla' ' ja +wismo'
grep -E '^ .{0,12} (en|es|de|fr|pt|it|tr|ar|id|th|vi) ' "$tmp/view" &&
    not_ok "the view holds Japanese tickets only" ||
    ok "the view holds Japanese tickets only"
check_has "inbox shows language and intent columns" "$tmp/inbox" \
    ' SLA +CHAN +LG +INTENT +BUYER' \
    ' de +damage +Anna Schneider +DE +Ware beschädigt angekommen' \
    ' en +addr +Niamh Wilson +GB +Change shipping address'
check_has "lang:es intent:wismo order:1133 finds the Spanish ticket" \
    "$tmp/es-filter" 'Inbox: open / lang:es intent:wismo order:1133 +1/1' \
    'Carmen Castaño +ES +Mi pedido #1133 no ha llegado'
check_has "empty Spanish draft shows the wismo template, filled in" \
    "$tmp/es" 'Suggested: Where is my order \[es\]' '¡Hola, Carmen!' \
    'pedido #1133' 'RR409312240ES' \
    'Tab takes the suggestion, typing ignores it' \
    '│ Intent: where_is_my_order [0-9]+% · language es [0-9]+%'
check_has "Tab puts it in the draft, status pending, nothing sent" \
    "$tmp/es-taken" 'Reply \(C-s sends\) +then pending \[\+\]' \
    '│ ¡Hola, Carmen!' '^wismo: review and edit, C-s sends' 'outbox 0'
grep -q 'Suggested:' "$tmp/es-taken" &&
    not_ok "the suggestion header goes once taken" ||
    ok "the suggestion header goes once taken"
check_has "Japanese ticket: the ja variant with its tracking number" \
    "$tmp/ja" 'Suggested: Where is my order \[ja\]' '田中 愛様' \
    'ご注文#1170' 'UG852631993YP'
check_has "typing ignores the suggestion" "$tmp/ja-typed" '│ xyz$'
grep -q 'Suggested:' "$tmp/ja-typed" &&
    not_ok "typed draft hides the suggestion" ||
    ok "typed draft hides the suggestion"
grep -q 'Suggested:' "$tmp/ja-note" &&
    not_ok "an internal note gets no suggested reply" ||
    ok "an internal note gets no suggested reply"
check_has "emptied again, Tab takes the Japanese reply" "$tmp/ja-taken" \
    '│ 田中 愛様' 'then pending \[\+\]' 'outbox 0'
finish
