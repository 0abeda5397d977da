#!/bin/sh
# net.sh: the console in a real terminal (tmux) with a Request Tracker
# account whose server takes 3 s to answer: the screen is up and keys are
# answered while the sync waits, then the tickets land; q quits at once.
set -u
: "${TTYDESK_BIN:=$(pwd)/build/ttydesk}"
: "${TTYDESK_DATADIR:=$(pwd)}"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }

if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1
then
    echo "1..1"
    echo "ok 1 - tmux network tests # SKIP tmux or python3 is not installed"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-tty.XXXXXX")
sock="ttydesk-net-$$"
server=
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server"
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/share" "$tmp/home" "$tmp/config/ttydesk"
ln -s "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
ln -s "$TTYDESK_DATADIR/themes" "$tmp/share/themes"
ln -s "$TTYDESK_DATADIR/keymaps" "$tmp/share/keymaps"
envs="HOME=$tmp/home XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
XDG_STATE_HOME=$tmp/state TTYDESK_DATADIR=$tmp/share LANG=C.UTF-8
LC_ALL=C.UTF-8 TZ=UTC RT_TOKEN=1-14-0123456789abcdef0123456789abcdef"
# A first run installs the demo workspace, which stays beside RT.
printf ':quit\n' >"$tmp/script"
env $envs TTYDESK_SCRIPT="$tmp/script" "$TTYDESK_BIN" >/dev/null 2>&1

python3 "$TTYDESK_DATADIR/tests/screen/rt_loopback.py" \
    "$TTYDESK_DATADIR/tests/unit/test_rt.json" 3000 200 >"$tmp/rt.json"
python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" "$tmp/rt.json" \
    "$tmp/rt.log" >"$tmp/port" 2>/dev/null &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(head -n 1 "$tmp/port")
{
    echo "account demo local \"$tmp/data/ttydesk/demo\""
    echo "account eu rt http://127.0.0.1:$port/ok token_env=RT_TOKEN"
} >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
{
    echo '#!/bin/sh'
    echo "env $(echo $envs) TERM=tmux-256color '$TTYDESK_BIN'"
    echo "echo \$? >'$tmp/status'"
} >"$tmp/run"
chmod +x "$tmp/run"

capture() { T capture-pane -p -t t; }
# wait_for PATTERN [SECONDS]: until the screen matches (grep -E).
wait_for() {
    i=0
    while [ $i -lt $((${2:-5} * 20)) ]; do
        capture | grep -Eq -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

T new-session -d -s t -x 160 -y 40 \; set -g remain-on-exit on \; \
    set -g escape-time 0 \; respawn-pane -k -t t "$tmp/run"
if wait_for '\| eu:syncing \|' 2; then
    ok "the console is up while the first sync waits"
else
    not_ok "the console is up while the first sync waits"
    capture | sed 's/^/# /'
fi
T send-keys -t t j
if wait_for '^ Inbox: open +2/5 ' 1 && capture | grep -q '| eu:syncing |'
then
    ok "j moves the selection before the server has answered"
else
    not_ok "j moves the selection before the server has answered"
    capture | sed 's/^/# /'
fi
if wait_for '\| eu:online \|' 10 && wait_for '^ Inbox: open +2/7 ' 2; then
    ok "the synced tickets appear when the answer lands"
else
    not_ok "the synced tickets appear when the answer lands"
    capture | sed 's/^/# /'
fi
T send-keys -t t q
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
[ "$(cat "$tmp/status" 2>/dev/null)" = 0 ] && ok "q quits" || not_ok "q quits"
echo "1..$n"
exit $failed
