#!/bin/sh
# editor.sh: typing, undo, $EDITOR, status after send, confirmation, sending
# to the local backend, and drafts that survive leaving and restarting.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

# An $EDITOR that signs the draft, to check the round trip.
printf 'printf "\\nSigned, Alice\\n" >> "$1"\n' >"$tmp/ed.sh"

cat >"$tmp/script" <<SCRIPT
jjj<Enter>
rHallo Jonas,<Enter>wir schauen nach. xx<C-z>
:save-screen $tmp/typed
<C-x><C-e>
:save-screen $tmp/edited
<C-o><C-o><C-s>n
:save-screen $tmp/cancelled
<C-s>y
:save-screen $tmp/sent
SCRIPT
EDITOR="sh $tmp/ed.sh" run_script 120 30
check_has "typed text in the editor, undo took the last word" "$tmp/typed" \
    '│ +Reply \(C-s sends\) +\[\+\]$' '│ Hallo Jonas,$' '│ wir schauen nach\.$'
check_has "\$EDITOR round trip, draft saved" "$tmp/edited" \
    '│ +Reply \(C-s sends\) +\[saved\]$' '│ Signed, Alice$'
check_has "status to set after sending; n cancels the send" "$tmp/cancelled" \
    'then solved \[\+\]$' '^cancelled$' '│ Signed, Alice$'
check_has "sent through the outbox: the thread shows it, status solved" \
    "$tmp/sent" '│ ● agent \[agent\] ' '│   wir schauen nach\.$' \
    '^reply sent, status solved$' 'Inbox: open +1/4' '3 open, 2 breaching'
sed -n '/Reply (C-s sends)/,$p' "$tmp/sent" | grep -q 'wir schauen' &&
    not_ok "the editor is empty after sending" ||
    ok "the editor is empty after sending"

# A draft outlives leaving the ticket and a restart.
cat >"$tmp/script" <<SCRIPT
<Enter>n
Bitte Tracking pruefen
<Esc><Esc>j<Enter><Esc>k<Enter>
:save-screen $tmp/back
:quit
SCRIPT
run_script 120 30
check_has "draft restored when the ticket is reopened" "$tmp/back" \
    '│ +Internal note \(C-s sends\) +\[saved\]$' '│ Bitte Tracking pruefen$'
cat >"$tmp/script" <<SCRIPT
<Enter>o
:save-screen $tmp/restart
SCRIPT
run_script 120 30
check_has "draft restored after a restart" "$tmp/restart" \
    '│ Bitte Tracking pruefen$' '^draft restored$'
finish
