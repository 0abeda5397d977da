#!/bin/sh
# clocks.sh: the SLA countdown in a real terminal with the real clock: a
# due time passing turns its row overdue and counts it in the status bar
# with no key pressed, and the console sleeps in between (no busy wait).
set -u
: "${TTYDESK_BIN:=$(pwd)/build/ttydesk}"
: "${TTYDESK_DATADIR:=$(pwd)}"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if ! command -v tmux >/dev/null 2>&1; then
    echo "1..1"
    echo "ok 1 - tmux tests # SKIP tmux is not installed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-tty.XXXXXX")
sock="ttydesk-clocks-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    rm -rf "$tmp"
}
trap cleanup EXIT

# The screen fixture, but t1 (Jonas) is due 8 seconds after the moment
# the workspace is installed (its anchor is that moment).
mkdir -p "$tmp/share" "$tmp/home" "$tmp/config/ttydesk"
cp -R "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
sed -i 's/"first_response_due": "2026-01-10T14:30:00Z"/"first_response_due": "2026-01-10T12:00:08Z"/' \
    "$tmp/share/demo/tickets/t1.json"
ln -s "$TTYDESK_DATADIR/themes" "$tmp/share/themes"
ln -s "$TTYDESK_DATADIR/keymaps" "$tmp/share/keymaps"
{
    echo '#!/bin/sh'
    echo "exec env HOME='$tmp/home' XDG_DATA_HOME='$tmp/data' \\"
    echo "    XDG_CONFIG_HOME='$tmp/config' XDG_STATE_HOME='$tmp/state' \\"
    echo "    TTYDESK_DATADIR='$tmp/share' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
    echo "    TERM=tmux-256color '$TTYDESK_BIN'"
} >"$tmp/run"
chmod +x "$tmp/run"

capture() { T capture-pane -p -t t "$@"; }
wait_for() {
    i=0
    while [ $i -lt $((${2:-5} * 20)) ]; do
        capture | grep -Eq -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

T new-session -d -s t -x 120 -y 30 \; set -g remain-on-exit on \; \
    set -g window-size manual \; respawn-pane -k -t t "$tmp/run"
if wait_for '^ ● 1m +Jonas Becker' 5 &&
   capture | grep -q '2 unread\|6 unread' &&
   capture | grep -q ', 2 breaching'; then
    ok "Jonas's reply is due in under a minute: 1m, 2 breaching"
else
    not_ok "countdown at start"; capture | sed 's/^/# /'
fi
pid=$(T display -p -t t '#{pane_pid}')
cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
# No key is sent: the timer alone must wake the console at the due time.
if wait_for '^ ● -1m +Jonas Becker' 15 &&
   wait_for ', 3 breaching' 2; then
    ok "the due time passes: the row turns overdue, 3 breaching, no key"
else
    not_ok "boundary wake"; capture | sed 's/^/# /'
fi
cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
# Clock ticks (1/100 s) used while waiting for the boundary: a busy loop
# would burn close to all of them.
if [ $((cpu1 - cpu0)) -lt 50 ]; then
    ok "the console slept while it waited ($((cpu1 - cpu0)) ticks of CPU)"
else
    not_ok "busy while waiting: $((cpu1 - cpu0)) ticks of CPU"
fi

# A reply scheduled three seconds ahead goes by itself.
T send-keys -t t ':open t3' Enter
wait_for 'Conversation #t3' 5 || true
T send-keys -t t r 'Your new pair ships today.' Escape
sleep 0.3
T send-keys -t t ':send-at +3s' Enter
if wait_for 'you \[reply, outbox: queued\], goes' 5 &&
   wait_for 'outbox 1' 2; then
    ok ":send-at +3s: queued in the outbox with its time"
else
    not_ok ":send-at +3s"; capture | sed 's/^/# /'
fi
if wait_for '^scheduled reply sent' 10 && wait_for 'outbox 0' 2 &&
   capture | grep -q '│   Your new pair ships today'; then
    ok "the poll loop sent it when its time came, no key pressed"
else
    not_ok "scheduled send"; capture | sed 's/^/# /'
fi
T send-keys -t t ':quit' Enter
echo "1..$n"
exit $failed
