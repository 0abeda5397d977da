#!/bin/sh
# notify.sh: notifications end to end in a real terminal (tmux): a sync
# brings a new ticket and a buyer's reply; the rules send them to a real
# notification server on a private D-Bus session bus (libnotify), to the
# terminal as OSC 9, OSC 777 and BEL wrapped for tmux's passthrough (read
# raw from the pane with pipe-pane), and to the notify_cmd hook. The
# buyer's escape sequences never reach the terminal.
set -u
: "${TTYDESK_BIN:=$(pwd)/build/ttydesk}"
: "${TTYDESK_DATADIR:=$(pwd)}"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-notify.XXXXXX")
. "$TTYDESK_DATADIR/tests/notify/bus.sh"
if ! command -v tmux >/dev/null 2>&1 || ! bus_start "$tmp"; then
    bus_stop
    rm -rf "$tmp"
    echo "1..1"
    echo "ok 1 - notifications # SKIP needs tmux, dbus-daemon, python3-dbus"
    exit 0
fi
sock="ttydesk-notify-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    bus_stop
    rm -rf "$tmp"
}
trap cleanup EXIT

ws="$tmp/ws"
mkdir -p "$ws/tickets" "$tmp/config/ttydesk" "$tmp/home"
now=$(date -u +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
cat >"$ws/customers.json" <<'JSON'
[{"id": "c1", "name": "Jonas Becker", "email": "jonas@example.de", "country": "DE"}]
JSON
old() {
    cat >"$ws/tickets/t1.json" <<JSON
{"id": "t1", "subject": "Paket fehlt", "status": "open", "requester": "c1", "assignee": "alice",
 "created_at": "$(iso $((now - 3600)))", "messages": [
  {"id": "m1", "author": "customer", "created_at": "$(iso $((now - 3600)))", "body": "Wo ist mein Paket?"}$1]}
JSON
}
old ""
cat >"$tmp/hook" <<'SH'
#!/bin/sh
env | grep '^TTYDESK_' | LC_ALL=C sort >>"$HOOK_OUT"
echo --- >>"$HOOK_OUT"
SH
chmod +x "$tmp/hook"
cat >"$tmp/config/ttydesk/ttydeskrc" <<RC
account shop local "$ws"
set agent_name = alice
set notify_cmd = "$tmp/hook"
notify new-ticket via=desktop,osc9,osc777,bell,cmd
notify customer-reply assigned=me via=desktop urgency=critical
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
{
    echo '#!/bin/sh'
    echo "exec env HOME='$tmp/home' XDG_DATA_HOME='$tmp/data' \\"
    echo "    XDG_CONFIG_HOME='$tmp/config' XDG_STATE_HOME='$tmp/state' \\"
    echo "    TTYDESK_DATADIR='$TTYDESK_DATADIR' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
    echo "    HOOK_OUT='$tmp/hook.out' DBUS_SESSION_BUS_ADDRESS='$DBUS_SESSION_BUS_ADDRESS' \\"
    echo "    TERM=tmux-256color '$TTYDESK_BIN'"
} >"$tmp/run"
chmod +x "$tmp/run"

T new-session -d -s t -x 120 -y 30 \; set -g remain-on-exit on \; \
    set -g window-size manual \; set -g escape-time 0 \; \
    respawn-pane -k -t t "$tmp/run"
T pipe-pane -O -t t "cat >>'$tmp/raw'"
capture() { T capture-pane -p -t t; }
wait_for() {
    i=0
    while [ $i -lt $((${2:-5} * 20)) ]; do
        eval "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
if wait_for 'capture | grep -q "Inbox: open"'; then
    ok "the console starts"
else
    not_ok "the console starts"; capture | sed 's/^/# /'
fi

# What a sync brings: a new ticket whose subject tries a title change and
# a clipboard write, and the buyer's reply on alice's ticket.
cat >"$ws/tickets/n1.json" <<JSON
{"id": "n1", "subject": "Refund \u001b]0;pwned\u0007now \u001b]52;c;ZXZpbA==\u0007!", "status": "new", "requester": "c1",
 "created_at": "$(iso $((now - 60)))", "messages": [
  {"id": "m1", "author": "customer", "created_at": "$(iso $((now - 60)))", "body": "Ich will mein Geld zurück"}]}
JSON
old ', {"id": "m2", "author": "customer", "created_at": "'"$(iso $((now - 30)))"'", "body": "Hallo??"}'
T send-keys -t t : s y n c Enter

if wait_for '[ "$(grep -c "" "$NOTIFYD_LOG")" -ge 2 ]' 10; then
    ok "the notification server got two notifications"
else
    not_ok "the notification server got two notifications"
    sed 's/^/# /' "$NOTIFYD_LOG"; capture | tail -3 | sed 's/^/# /'
fi
if /usr/bin/python3 - "$NOTIFYD_LOG" <<'PY'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = {g["summary"]: g for g in got}
new = by["New ticket shop:n1"]
assert new["app"] == "ttydesk", new
assert new["body"] == "Refund ]0;pwned now ]52;c;ZXZpbA== !: Ich will mein Geld zurück", new
assert new["urgency"] == 1, new
assert "\x1b" not in new["body"] and "\x07" not in new["body"]
rep = by["Jonas Becker replied on shop:t1"]
assert rep["body"] == "Paket fehlt: Hallo??", rep
assert rep["urgency"] == 2 and rep["expire_timeout"] == 0, rep
PY
then ok "libnotify: summary, body (escapes removed), urgency"
else not_ok "libnotify: summary, body, urgency"; sed 's/^/# /' "$NOTIFYD_LOG"; fi

if wait_for 'grep -q -- --- "$tmp/hook.out" 2>/dev/null' 5 &&
   grep -qx 'TTYDESK_EVENT=new-ticket' "$tmp/hook.out" &&
   grep -qx 'TTYDESK_ACCOUNT=shop' "$tmp/hook.out" &&
   grep -qx 'TTYDESK_EXTERNAL_ID=n1' "$tmp/hook.out" &&
   grep -qx 'TTYDESK_REQUESTER=Jonas Becker' "$tmp/hook.out" &&
   grep -qx 'TTYDESK_SUBJECT=Refund ]0;pwned now ]52;c;ZXZpbA== !' "$tmp/hook.out" &&
   grep -q '^TTYDESK_TICKET=[0-9]' "$tmp/hook.out" &&
   [ "$(grep -c -- --- "$tmp/hook.out")" -eq 1 ]; then
    ok "notify_cmd ran once with the details in TTYDESK_* variables"
else
    not_ok "notify_cmd"; sed 's/^/# /' "$tmp/hook.out" 2>/dev/null
fi

# The raw bytes the console wrote: the sequences inside tmux's DCS
# passthrough (every ESC doubled), then BEL; no buyer escape anywhere.
esc=$(printf '\033')
bel=$(printf '\007')
want9="${esc}Ptmux;${esc}${esc}]9;New ticket shop:n1: Refund ]0,pwned now ]52,c,ZXZpbA== !: Ich will mein Geld zurück${bel}${esc}\\"
want777="${esc}Ptmux;${esc}${esc}]777;notify;New ticket shop:n1;Refund ]0,pwned now ]52,c,ZXZpbA== !: Ich will mein Geld zurück${bel}${esc}\\${bel}"
if wait_for 'grep -qF "$want9" "$tmp/raw"' 5 && grep -qF "$want777" "$tmp/raw"; then
    ok "OSC 9, OSC 777 and BEL in tmux passthrough reach the terminal"
else
    not_ok "OSC 9 / OSC 777 / BEL"
    LC_ALL=C grep -a -o 'Ptmux;.\{0,140\}' "$tmp/raw" | cat -v | sed 's/^/# /'
fi
if LC_ALL=C grep -aq "${esc}]0;pwned" "$tmp/raw" ||
   LC_ALL=C grep -aq "${esc}]52;" "$tmp/raw"; then
    not_ok "no buyer escape sequence reached the terminal"
else
    ok "no buyer escape sequence reached the terminal"
fi
# A quiet minute: nothing is notified twice.
T send-keys -t t : s y n c Enter
sleep 0.5
if [ "$(grep -c "" "$NOTIFYD_LOG")" -eq 2 ]; then
    ok "a sync with nothing new notifies nothing"
else
    not_ok "a sync with nothing new notifies nothing"
fi
# :notify-test goes through the channels asked for.
T send-keys -t t : n o t i f y - t e s t Space d e s k t o p Enter
if wait_for '[ "$(grep -c "" "$NOTIFYD_LOG")" -ge 3 ]' 5 &&
   tail -1 "$NOTIFYD_LOG" | grep -q '"summary": "ttydesk notification test"' &&
   wait_for 'capture | tail -1 | grep -q "notify-test: sent desktop"' 3; then
    ok ":notify-test desktop"
else
    not_ok ":notify-test desktop"; capture | tail -2 | sed 's/^/# /'
fi
T send-keys -t t q
echo "1..$n"
exit $failed
