#!/bin/sh
# translate.sh: a slow translation command in a real terminal (tmux) does
# not freeze the console: while the child runs, the conversation says so
# and keys (the : prompt) are taken at once; the translation lands later.
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
sock="ttydesk-tr-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/share" "$tmp/home" "$tmp/config/ttydesk" "$tmp/data/ttydesk"
ln -s "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
ln -s "$TTYDESK_DATADIR/themes" "$tmp/share/themes"
ln -s "$TTYDESK_DATADIR/keymaps" "$tmp/share/keymaps"
# A translator that takes two seconds (a big model on a small box).
cat >"$tmp/config/ttydesk/ttydeskrc" <<'RC'
translator slow command "sh -c 'sleep 2; sed s/Hallo/Hello/'" timeout=20
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
{
    echo '#!/bin/sh'
    echo "env HOME='$tmp/home' XDG_DATA_HOME='$tmp/data' \\"
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

T new-session -d -s t -x 160 -y 45 \; set -g remain-on-exit on \; \
    set -g window-size manual \; set -g escape-time 0 \; \
    respawn-pane -k -t t "$tmp/run"
wait_for '^ Inbox: open' || true
T send-keys -t t j j j Enter
wait_for '│  Conversation #t1' || true
T send-keys -t t M-t
if wait_for '\[translating into English…\]' 1; then
    ok "M-t: the conversation says the translation is on its way"
else
    not_ok "M-t: the conversation says the translation is on its way"
    capture | sed 's/^/# /'
fi
# The child sleeps for two seconds: keys must work meanwhile.
T send-keys -t t : v i e w Space
if wait_for '^:view ?$' 1 && capture | grep -q 'translating into English'; then
    ok "keys are taken while the command runs"
else
    not_ok "keys are taken while the command runs"; capture | sed 's/^/# /'
fi
T send-keys -t t Escape
if wait_for '│   Hello, meine Bestellung #1001 ist noch nicht da\.' 6 &&
   capture | grep -q '\[de → en, slow · T shows the original\]'; then
    ok "the translation lands when the command ends"
else
    not_ok "the translation lands when the command ends"
    capture | sed 's/^/# /'
fi
T send-keys -t t q
echo "1..$n"
exit $failed
