#!/bin/sh
# prompt.sh: the readline `:` prompt (completion, history, rc lines, errors),
# the `/` live filter, views, sorting, macros and help.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
k:vi<Tab>bre<Tab><Enter>
:save-screen $tmp/complete
k:view all<Enter>
k:<Up><Up><Enter>
:save-screen $tmp/history
k:frobnicate now<Enter>
:save-screen $tmp/badcmd
1/lang:ja
:save-screen $tmp/live
<Esc>
:save-screen $tmp/escaped
/status:bogus<Enter>
:save-screen $tmp/badquery
/lang:ja<Enter>c
:save-screen $tmp/cleared
k:set agent_name = alice<Enter>3
:save-screen $tmp/mine
k:view german "lang:de"<Enter>
:save-screen $tmp/rcview
k:bind inbox x view-breaching<Enter>x
:save-screen $tmp/bind
:macro inbox V ":view unassigned<Enter>" "unassigned tickets"
V
:save-screen $tmp/macro
k:sort created<Enter>s
:save-screen $tmp/sort
?
:save-screen $tmp/help
:dump-config $tmp/dump
<Esc>:open t4<Enter>
:save-screen $tmp/open
:open demo:nope
:save-screen $tmp/opennot
<Esc>:view open<Enter>
tt
T
:save-screen $tmp/bulkprompt
solved<Enter>
:save-screen $tmp/bulk
:view all
<Esc>:open dem<Tab>5<Enter>
:save-screen $tmp/opentab
SCRIPT
run_script 100 30
check_has "Tab completes the command and the view name" "$tmp/complete" \
    '^ Inbox: breaching +1/2 ' '^view breaching: 2 tickets$'
check_has "Up recalls history" "$tmp/history" '^ Inbox: breaching '
grep -q '^view breaching *$' "$tmp/state/ttydesk/history" &&
    ok "history saved in \$XDG_STATE_HOME/ttydesk/history" ||
    not_ok "history saved in \$XDG_STATE_HOME/ttydesk/history"
check_has "an unknown command is an error in words" "$tmp/badcmd" \
    'frobnicate'
check_has "the / filter narrows the list while typing" "$tmp/live" \
    '^ Inbox: all / lang:ja +1/1 ' '^/lang:ja$'
check_has "Esc puts the list back" "$tmp/escaped" '^ Inbox: all +1/6 '
check_has "a bad query says why and keeps the list" "$tmp/badquery" \
    '^ Inbox: all +1/6 ' 'bogus'
check_has "c clears the filter" "$tmp/cleared" '^ Inbox: all +1/6 ' \
    '^filter cleared$'
check_has ":set then view mine (assignee:me)" "$tmp/mine" \
    '^ Inbox: mine +1/1 ' 'Jonas Becker'
check_has "a view defined at the prompt" "$tmp/rcview" \
    '^ Inbox: german +1/1 '
check_has ":bind at the prompt takes effect" "$tmp/bind" \
    '^ Inbox: breaching +1/2 '
check_has "a macro replays keys and commands" "$tmp/macro" \
    '^ Inbox: unassigned +1/3 '
check_has ":sort then s cycles the sort" "$tmp/sort" 'sort:priority'
check_has "? lists the pane's bindings with descriptions" "$tmp/help" \
    '^Keys of inbox \(this pane\)' \
    '^  x +view-breaching +view: past the first-response SLA' \
    '^  V +\(macro\) +unassigned tickets' '^  j +move-down +next line'
check_has ":dump-config writes rc lines" "$tmp/dump" \
    '^set agent_name = alice$' '^view german "?lang:de"?$' \
    '^bind inbox x view-breaching$'
check_has ":open ID opens a ticket by its helpdesk id" "$tmp/open" \
    '│  Conversation #t4 '
check_has ":open of an unknown id says so" "$tmp/opennot" \
    '^open: no ticket demo:nope$'
check_has "T opens the prompt for a bulk status change" "$tmp/bulkprompt" \
    '^:bulk-status$'
check_has "bulk-status solves the marked tickets" "$tmp/bulk" \
    '^status solved on 2 tickets$' '^ Inbox: open +1/3 '
check_has "Tab completes ticket ids at :open" "$tmp/opentab" \
    '│  Conversation #t5 '
finish
