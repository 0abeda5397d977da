# bus.sh: start a private D-Bus session bus and the test notification
# server on it (sourced by the notification tests).
# bus_start DIR: sets DBUS_SESSION_BUS_ADDRESS, BUS_PID, NOTIFYD_PID and
# NOTIFYD_LOG (DIR/notifications.jsonl); returns 1 if either did not start.
# bus_stop: ends both.
bus_start() {
    command -v dbus-daemon >/dev/null 2>&1 || return 1
    /usr/bin/python3 -c 'import dbus, gi' 2>/dev/null || return 1
    NOTIFYD_LOG="$1/notifications.jsonl"
    : >"$NOTIFYD_LOG"
    dbus-daemon --session --nofork --print-address=3 --print-pid=4 \
        3>"$1/bus.addr" 4>"$1/bus.pid" >/dev/null 2>&1 &
    i=0
    while [ ! -s "$1/bus.pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    [ -s "$1/bus.addr" ] || return 1
    DBUS_SESSION_BUS_ADDRESS=$(head -1 "$1/bus.addr")
    BUS_PID=$(head -1 "$1/bus.pid")
    export DBUS_SESSION_BUS_ADDRESS
    /usr/bin/python3 "${TTYDESK_DATADIR:-.}/tests/notify/notifyd.py" "$NOTIFYD_LOG" \
        >"$1/notifyd.err" 2>&1 &
    NOTIFYD_PID=$!
    i=0
    while [ ! -f "$NOTIFYD_LOG.ready" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    [ -f "$NOTIFYD_LOG.ready" ]
}

bus_stop() {
    [ -n "${NOTIFYD_PID:-}" ] && kill "$NOTIFYD_PID" 2>/dev/null
    [ -n "${BUS_PID:-}" ] && kill "$BUS_PID" 2>/dev/null
    NOTIFYD_PID= BUS_PID=
}
