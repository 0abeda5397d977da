#!/bin/sh
# navigation.sh: j/k/G/g and pages move the inbox selection; Enter opens a ticket.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
jj
:save-screen $tmp/s1
k
:save-screen $tmp/s2
G
:save-screen $tmp/s3
g
:save-screen $tmp/s4
<PageDown>
:save-screen $tmp/s5
<Up><Up><Down>
:save-screen $tmp/s6
<Enter>
:save-screen $tmp/s7
jjjz
:save-screen $tmp/s8
<Tab><Tab><Tab>
:save-screen $tmp/s9
SCRIPT
run_script 80 24
cat >"$tmp/script" <<SCRIPT
tt
:save-screen $tmp/marks
<Enter>J
:save-screen $tmp/next
o
:save-screen $tmp/toggled
K:view<Enter>
:save-screen $tmp/views
SCRIPT
run_script 120 30
check_has "j j selects the third ticket" "$tmp/s1" 'Inbox: open +3/5 sort:sla'
check_has "k goes back one" "$tmp/s2" 'Inbox: open +2/5'
check_has "G goes to the last ticket" "$tmp/s3" 'Inbox: open +5/5'
check_has "g goes to the first ticket" "$tmp/s4" 'Inbox: open +1/5'
check_has "PageDown stops at the last ticket" "$tmp/s5" 'Inbox: open +5/5'
check_has "arrow keys move too" "$tmp/s6" 'Inbox: open +4/5'
check "Enter opens the conversation, quotes folded" "$tmp/s7" <<'EOS'
 Conversation #t1                                                         2 msg
Where is my order #1001?
#t1 · open · high · email · de · demo
From: Jonas Becker <jonas@example.de> · DE · Europe/Berlin · assignee: alice
Buyer's clock Sat 13:00 (Europe/Berlin) · SLA due in ~ (Sat 14:30 UTC)
Tags: shipping vip

● Jonas Becker [buyer] DATE (buyer's time HH:MM)
  Hallo, meine Bestellung #1001 ist noch nicht da.
  Können Sie nachsehen?

  [4 quoted lines folded: z shows them]

▒ alice [internal note] DATE
  DHL shows it in Berlin; answer tomorrow.







 ttydesk | demo:online | 5 unread, 4 open, 2 breaching | outbox 0
Demo workspace: add your helpdesk with an 'account' line in RCFILE
EOS
check_has "z unfolds the quoted history; j scrolls" "$tmp/s8" \
    '^  > Thank you for your order.' '^quoted history shown'
check_has "Tab cycles thread, order, editor, inbox" "$tmp/s9" \
    '^ Inbox: open +4/5'
check_has "t marks tickets and moves down" "$tmp/marks" \
    '^ Inbox: open +\* 3/5 ' '^\*● +-?[0-9]+[smhdw]([0-9]{2})? +山田 花子' '^2 marked$'
check_has "J opens the next ticket where the agent is" "$tmp/next" \
    '^ Inbox: open +\* 4/5 .*│  Conversation #t1 ' '│  Orders and shipping +1 order'
check_has "o switches the order panel and the editor (100-159 cols)" \
    "$tmp/toggled" '│  Reply \(C-s sends\)'
check_has "K goes back; :view lists the views" "$tmp/views" \
    '│  Conversation #t3 ' \
    '^views: all open mine unassigned breaching \(current: open\)$'

# set keymap = vi: gg goes to the top, a lone g waits for the second g.
mkdir -p "$tmp/config/ttydesk"
printf 'set keymap = vi\n' >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
cat >"$tmp/script" <<SCRIPT
Gg
:save-screen $tmp/vi1
g
:save-screen $tmp/vi2
SCRIPT
run_script 80 24
check_has "vi keymap: a lone g waits" "$tmp/vi1" '^ Inbox: open +5/5'
check_has "vi keymap: gg goes to the top" "$tmp/vi2" '^ Inbox: open +1/5'
rm -f "$tmp/config/ttydesk/ttydeskrc"
finish
