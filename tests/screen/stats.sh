#!/bin/sh
# stats.sh: the :stats screen at 80x24 and 160x45: sections, bars, the
# heat map, Enter into the inbox on exactly the bar's tickets, and the
# ASCII charts of a locale that is not UTF-8.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:stats --since all
:save-screen $tmp/v
<Tab>
:save-screen $tmp/p
]
:save-screen $tmp/l
[
[
:save-screen $tmp/v2
j
<Enter>
:save-screen $tmp/d
SCRIPT
run_script 80 24
check_has "volume at 80x24: the day sparkline, channels as bars" "$tmp/v" \
    '^ Statistics: \[Volume\]  Products   Logistics   Service +all time$' \
    '^ 6 tickets · 0 answered · reply p50 - p90 - · SLA breached 2/5 \(40%\)' \
    '^Tickets per day  \(peak [0-9]+\)' '^▸ [ ▁▂▃▄▅▆▇█]+$' \
    '^  email            █{34}       2$' '^  chat             █{17} +1$'
check "products at 80x24" "$tmp/p" <<'EOS'
 Statistics:  Volume  [Products]  Logistics   Service                  all time
 6 tickets · 0 answered · reply p50 - p90 - · SLA breached 2/5 (40%) · 5 unsolv…
Tickets and complaints per SKU
▸ BEAN-1K → Beans… ██████████████████████████████████       1  complaints 0
  MUG-01 → Espres… ██████████████████████████████████       1  complaints 0
  TEA-7 → 抹茶セ…  ██████████████████████████████████       1  complaints 0

Damaged/defective and wrong-item tickets per SKU
  (nothing in this range)

Return and refund rate per SKU
  BEAN-1K                                                  0%  returned 0 of 1
  MUG-01                                                   0%  returned 0 of 1
  TEA-7                                                    0%  returned 0 of 1

Tickets and complaints per product
  Beans 1 kg       ██████████████████████████████████       1  complaints 0
  Espresso mug     ██████████████████████████████████       1  complaints 0
  抹茶セット       ██████████████████████████████████       1  complaints 0



 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
statistics of 6 tickets (Tab: sections, Enter: the tickets)
EOS
check_has "] goes to logistics: the worst lane first" "$tmp/l" \
    '\[Logistics\]' '^▸ Yamato → JP +█+ +100%  p90 - parcels 1$' \
    '^  DHL → DE +0%  p90 - parcels 1$'
check_has "[ twice comes back to volume" "$tmp/v2" '\[Volume\]'
check "j then Enter: the inbox on exactly the email bar's 2 tickets" "$tmp/d" <<'EOS'
 Inbox: all / channel:email                                        1/2 sort:sla
   SLA   CHAN     LG INTENT  BUYER          CC SUBJECT             STATUS  AGE
 ● ~ email    de -       Jonas Becker   DE Where is my order … open    ~
 ● -     email    pt -       Ana Souza      BR Obrigada, chegou t… solved  ~


















 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
filter: channel:email
EOS

cat >"$tmp/script" <<SCRIPT
:stats --since all
]]]
:save-screen $tmp/w
<Tab><Tab>
:save-screen $tmp/w2
q
:save-screen $tmp/w3
SCRIPT
run_script 160 45
check_has "service at 160x45: two columns, the heat map" "$tmp/w" \
    '^First response by channel +First-response SLA breaches$' \
    '^  <1h  +0 +\(unassigned\)' \
    'Tickets by weekday and hour$' \
    ' 0        3        6        9        12       15       18       21$' \
    ' Mon( |$)' ' Sun( |$)'
check "products at 160x45, side by side" "$tmp/w2" <<'EOS'
 Statistics:  Volume  [Products]  Logistics   Service                                                                                                  all time
 6 tickets · 0 answered · reply p50 - p90 - · SLA breached 2/5 (40%) · 5 unsolved
Tickets and complaints per SKU                                                   Damaged/defective and wrong-item tickets per SKU
▸ BEAN-1K → Beans… █████████████████████████████████       1  complaints 0         (nothing in this range)
  MUG-01 → Espres… █████████████████████████████████       1  complaints 0
  TEA-7 → 抹茶セ…  █████████████████████████████████       1  complaints 0       Return and refund rate per SKU
                                                                                   BEAN-1K                                                 0%  returned 0 of 1
Tickets and complaints per product                                                 MUG-01                                                  0%  returned 0 of 1
  Beans 1 kg       █████████████████████████████████       1  complaints 0         TEA-7                                                   0%  returned 0 of 1
  Espresso mug     █████████████████████████████████       1  complaints 0
  抹茶セット       █████████████████████████████████       1  complaints 0
































 ttydesk | demo:online | 6 unread, 4 open, 2 breaching | outbox 0
statistics of 6 tickets (Tab: sections, Enter: the tickets)
EOS
check_has "q closes the screen" "$tmp/w3" '^ Inbox: open'

# Not UTF-8: the same bars in ASCII.
printf ':stats --since all\n:save-screen %s\n' "$tmp/a" >"$tmp/script"
env -i PATH="$PATH" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" \
    TTYDESK_DATADIR="$tmp/share" TTYDESK_SCRIPT="$tmp/script" \
    COLUMNS=80 LINES=24 TERM=xterm-256color LANG=C LC_ALL=C TZ=UTC \
    "$TTYDESK_BIN" >"$tmp/stdout" 2>>"$tmp/allerr"
check_has "a C locale gets ASCII bars" "$tmp/a" '^  email +#{34} +2$' \
    '^  chat +#{17} +1$'
if grep -q '█' "$tmp/a" 2>/dev/null; then
    not_ok "no block characters in a C locale"
else
    ok "no block characters in a C locale"
fi
finish
