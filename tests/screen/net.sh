#!/bin/sh
# net.sh: a Request Tracker account on a loopback server beside the local
# demo: the console comes up and takes keys while the first sync waits for
# a slow server, the tickets land after it, a failing server leaves the
# account offline with the demo usable, and a reply goes out in the
# background and shows as sent.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console
command -v python3 >/dev/null 2>&1 || {
    echo "1..1"
    echo "ok 1 - network screen tests # SKIP python3 is not installed"
    exit 0
}

# mkscript DELAY_MS STATUS: the loopback server's script (see
# rt_loopback.py): the RT unit test's tickets, the first page slow.
mkscript() {
    python3 "$TTYDESK_DATADIR/tests/screen/rt_loopback.py" \
        "$TTYDESK_DATADIR/tests/unit/test_rt.json" "$1" "$2" >"$tmp/rt.json"
}

# serve: start the loopback server on $tmp/rt.json; $port is its port.
serve() {
    python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" "$tmp/rt.json" \
        "$tmp/rt.log" >"$tmp/port" 2>"$tmp/server.err" &
    server=$!
    i=0
    while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
    port=$(head -n 1 "$tmp/port")
}

stop() {
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
}

# A first run installs the demo workspace; then the rc file adds the RT
# account beside it.
printf ':quit\n' >"$tmp/script"
run_script 120 30
rc() {
    mkdir -p "$tmp/config/ttydesk"
    {
        echo "account demo local \"$tmp/data/ttydesk/demo\""
        echo "account eu rt http://127.0.0.1:$1/ok token_env=RT_TOKEN"
    } >"$tmp/config/ttydesk/ttydeskrc"
    chmod 600 "$tmp/config/ttydesk/ttydeskrc"
}

# The first sync waits 2 s for the first page: the screen is up, j moves
# the selection and the status bar says the account is syncing; then the
# three RT tickets arrive beside the demo's.
mkscript 2000 200
serve
rc "$port"
export RT_TOKEN=1-14-0123456789abcdef0123456789abcdef
cat >"$tmp/script" <<SCRIPT
j
:save-screen $tmp/early
@wait
:save-screen $tmp/synced
:sync eu
:save-screen $tmp/resync
/Ana<Enter>
<Enter>
rUn momento, por favor.<C-s>y
:save-screen $tmp/waiting
@wait
:save-screen $tmp/first
rGracias, lo enviamos hoy.<C-s>y
:save-screen $tmp/sending
@wait
:save-screen $tmp/sent
SCRIPT
run_script 160 30
check_has "keys work while the first sync waits for the server" \
    "$tmp/early" '^ Inbox: open +2/5 ' '\| eu:syncing \|' '\| demo:online \|'
check_has "the synced tickets appear, the account is online" "$tmp/synced" \
    '^ Inbox: open +2/7 ' 'Ana Muñoz +Pedido dañado' '\| eu:online \|'
check_has ":sync eu starts a background sync" "$tmp/resync" \
    '\| eu:syncing \|' '^syncing in the background$' '^ Inbox: open +2/7 '
check_has "a reply while a sync runs waits for it, queued" "$tmp/waiting" \
    'reply, outbox: queued\]' '^queued; it goes out when the running sync' \
    '\| eu:syncing \|'
check_has "then it goes out" "$tmp/first" 'reply, outbox: sent\]' \
    '^reply sent$' '\| eu:online \|'
check_has "a reply to an RT ticket is sending without blocking the screen" \
    "$tmp/sending" 'reply, outbox: (queued|sending)\]' '^sending\.\.\.$'
check_has "the reply went out and shows as sent" "$tmp/sent" \
    'reply, outbox: sent\]' '^reply sent$' '\| eu:online \|'
[ "$(grep -c '"path": "/ok/REST/2.0/ticket/1/correspond".*"status": 201' \
    "$tmp/rt.log")" = 2 ] && ok "the server got each reply once" ||
    not_ok "the server got each reply once"
stop

# A server that answers 500, then one that refuses the connection: the
# account is offline with the reason, the demo still works.
mkscript 0 500
serve
rc "$port"
cat >"$tmp/script" <<SCRIPT
@wait
jj<Enter>
:save-screen $tmp/e500
SCRIPT
run_script 160 30
stop
check_has "a server that answers 500 leaves the account offline" \
    "$tmp/e500" '\| eu:offline \|.*eu: rt: ticket list' '\| demo:online \|' \
    '^ Inbox: open +3/7 ' 'Conversation #t3 +1 msg'
rc "$port"
run_script 160 30
check_has "a server that refuses leaves the account offline" \
    "$tmp/e500" '\| eu:offline \|.*eu: rt: ' '\| demo:online \|' \
    '^ Inbox: open +3/7 '
finish
