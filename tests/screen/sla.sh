#!/bin/sh
# sla.sh: SLA countdowns under a fixed clock, policy due times in business
# hours, the breaching view, buyers' clocks at night, WhatsApp/LINE reply
# windows and :send-at into the buyer's morning.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

# Saturday 10 January 2026, 15:00 UTC: midnight in Tokyo, morning in New
# York. The fixture's times keep their distance to this moment.
TTYDESK_NOW=2026-01-10T15:00:00Z
export TTYDESK_NOW

# The fixture, but the WhatsApp ticket (t3) without the backend's due
# time: the rc file's policy counts it in Berlin office hours.
rm "$tmp/share/demo"
cp -R "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
sed -i 's/, "first_response_due": "2026-01-10T13:30:00Z"//' \
    "$tmp/share/demo/tickets/t3.json"
grep -q first_response_due "$tmp/share/demo/tickets/t3.json" &&
    echo "# fixture t3 still has its due time"

mkdir -p "$tmp/config/ttydesk/templates"
cat >"$tmp/config/ttydesk/ttydeskrc" <<'RC'
hours berlin Mon-Fri 09:00-18:00 tz=Europe/Berlin holidays=2026-01-01
sla chat first=2h next=4h channel=whatsapp,line hours=berlin
sla default first=8h
set breaching_within = 3h
set inbox_columns = sla,channel,buyer,local,window,subject
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
cat >"$tmp/config/ttydesk/templates/line-update.tmpl" <<'TMPL'
name = Parcel update
approved = line, whatsapp

[en]
Your parcel is on its way: {{?tracking}}.
TMPL

cat >"$tmp/script" <<SCRIPT
:set inbox_width = 70
:save-screen $tmp/inbox
:view breaching
:save-screen $tmp/breaching
:view open
:set inbox_width = 38
:open t2
:save-screen $tmp/line
r
Can you wait a bit?
<C-s>
:save-screen $tmp/refused
<C-a><C-k>
Your parcel is on its way: JP123.
<C-s>y
:save-screen $tmp/approved
:open t3
r
Good morning! Your new pair ships today.
:send-at +20h
:save-screen $tmp/late
:send-at morning
:save-screen $tmp/scheduled
:open t1
:save-screen $tmp/berlin
:sla chat first=1h next=4h channel=whatsapp,line
:set inbox_width = 70
:save-screen $tmp/repolicy
:view breaching
:set breaching_within = 0
:save-screen $tmp/within0
SCRIPT
run_script 160 30
check_has "countdowns from the fixed clock; policy time for t3 in Berlin hours" \
    "$tmp/inbox" '^ ● -2h30 line     山田 花子      00:00☾ +shut +注文' \
    '^ ● -45m  web      Mallory .* 10:00 ' \
    '^ ● 2h30  email    Jonas Becker   16:00 ' \
    '^ ● 43h   whatsapp ليلى حداد      19:00 +18h +لم' \
    '^ ● -     chat     สมชาย ใจดี      22:00☾ ' '2 breaching'
check_has "the breaching view: overdue and due within breaching_within" \
    "$tmp/breaching" '^ Inbox: breaching +1/3 ' '^ ● -2h30 line ' \
    '^ ● -45m  web ' '^ ● 2h30  email ' '^view breaching: 3 tickets$'
check_has "the buyer's clock at night, the SLA and the closed LINE window" \
    "$tmp/line" "Buyer's clock Sun 00:00 \\(Asia/Tokyo\\) ☾ night there" \
    'overdue 2h30 \(Sat 12:30 UTC\) · LINE window closed 0m ago:' \
    '│ approved templates only +│' 'Reply \(C-s sends\) +line window closed'
check_has "free text on a closed window is refused, the draft kept" \
    "$tmp/refused" '│ Can you wait a bit\?$' \
    '│ Window closed: only approved templates' \
    '^not sent: the LINE reply window has closed: LINE delivers only' \
    '\(approved: line-update\); an internal note is fine$'
check_has "an approved template goes; the clock stops" "$tmp/approved" \
    '│   Your parcel is on its way: JP123\. ' '^reply sent$' \
    '^   -     山田 花子 +shut' '4 open, 1 breaching'
check_has "send-at after the window closes is refused" "$tmp/late" \
    '^not sent: the WhatsApp reply window will be closed by then'
check_has ":send-at morning: 09:00 in Dubai, kept in the outbox" \
    "$tmp/scheduled" '^scheduled in the outbox: goes Sun 11 Jan 05:00 UTC$' \
    'you \[reply, outbox: queued\], goes Sun 05:00 UTC \(09:00 ' \
    '│   Good morning! Your new pair ships today\. ' 'outbox 1'
check_has "Berlin buyer by day, SLA from the backend" "$tmp/berlin" \
    "Buyer's clock Sat 16:00 \\(Europe/Berlin\\) · SLA due in 2h30" \
    '\(Sat 17:30 UTC\)'
check_has "a new policy at the prompt: t3 is worked out again, around the clock" \
    "$tmp/repolicy" '^   -5h00 whatsapp ليلى حداد ' '2 breaching'
check_has "breaching_within = 0: the breaching view keeps the overdue only" \
    "$tmp/within0" '^ Inbox: breaching +1/2 ' '^   -5h00 whatsapp ' \
    '^ ● -45m  web ' '^view breaching: 2 tickets$'

# The scripts' side of the same store.
run_cli() {
    env -i PATH="$PATH" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
        XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" \
        TTYDESK_DATADIR="$tmp/share" COLUMNS=120 LANG=C.UTF-8 \
        LC_ALL=C.UTF-8 TZ=UTC TTYDESK_NOW="$TTYDESK_NOW" \
        "$TTYDESK_BIN" "$@"
}
run_cli list --view breaching >"$tmp/cli-breaching" 2>&1
check_has "ttydesk list --view breaching" "$tmp/cli-breaching" \
    ' open +urgent +web +en +- +US Mallory' \
    ' open +high +email +de +- +DE Jonas Becker'
[ "$(grep -c '^[0-9]' "$tmp/cli-breaching")" = 2 ] &&
    ok "list --view breaching: the answered LINE ticket is gone" ||
    not_ok "list --view breaching: 2 rows"
run_cli list --json --view breaching >"$tmp/cli-json" 2>&1
check_has "--json carries sla_due" "$tmp/cli-json" \
    '"sla_due":[[:space:]]*"2026-01-10T14:15:00Z"' \
    '"sla_due":[[:space:]]*"2026-01-10T17:30:00Z"'
run_cli outbox >"$tmp/cli-outbox" 2>&1
check_has "ttydesk outbox shows when the scheduled reply goes" \
    "$tmp/cli-outbox" 'SEND AT \(UTC\)' \
    ' reply +queued +2026-01-11T05:00:00Z +Good morning!'
run_cli list --view nowhere >/dev/null 2>"$tmp/cli-err"
[ $? = 2 ] && grep -q "no view 'nowhere'" "$tmp/cli-err" &&
    ok "an unknown view: exit 2 and why" || not_ok "unknown view refused"
run_cli reply demo:t2 --text "Hello?" >/dev/null 2>"$tmp/cli-reply"
st=$?
check_has "ttydesk reply: free text on a closed LINE window is refused" \
    "$tmp/cli-reply" '^ttydesk: reply: the LINE reply window has closed: LINE' \
    'approved: line-update'
[ $st = 1 ] && ok "refused with exit status 1" || not_ok "exit $st, want 1"
run_cli reply demo:t2 --text "Your parcel is on its way: JP999." \
    >/dev/null 2>"$tmp/cli-reply2"
st=$?
[ $st = 0 ] && ok "ttydesk reply: an approved template goes (exit 0)" ||
    not_ok "approved template by CLI: exit $st: $(cat "$tmp/cli-reply2")"

# An hour later, from a new start: the countdowns moved, t1 breaches.
TTYDESK_NOW=2026-01-10T18:00:00Z
cat >"$tmp/script" <<SCRIPT
:set inbox_width = 70
:save-screen $tmp/later
SCRIPT
run_script 160 30
check_has "three hours later the same rows count down; t1 is overdue" \
    "$tmp/later" '^ ● -3h45 web ' '^ +-30m  email ' '^ +40h   whatsapp +ليلى حداد      22:00☾  15h ' \
    '2 breaching'

# Past 09:00 in Dubai: the console sends what was scheduled.
TTYDESK_NOW=2026-01-11T05:01:00Z
cat >"$tmp/script" <<SCRIPT
:open t3
:save-screen $tmp/due
SCRIPT
run_script 160 30
check_has "a scheduled reply goes when its time comes" "$tmp/due" \
    '│ ● agent \[agent\] 2026-01-11 05:01 UTC' 'outbox 0'
run_cli outbox >"$tmp/cli-outbox2" 2>&1
check_has "and the outbox says it was sent" "$tmp/cli-outbox2" \
    ' reply +sent +- +Good morning!'
finish
