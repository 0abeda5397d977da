#!/bin/sh
# console.sh: the console in a real terminal (tmux): start-up, resize from
# 200x50 to 80x24 and back, Escape timing, colours of a theme, clean exit.
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
sock="ttydesk-test-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    T kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"
    rm -rf "$tmp"
}
trap cleanup EXIT

# The screen tests' fixture workspace as the demo: fixed content.
mkdir -p "$tmp/share" "$tmp/home" "$tmp/config/ttydesk"
ln -s "$TTYDESK_DATADIR/tests/screen/fixture" "$tmp/share/demo"
ln -s "$TTYDESK_DATADIR/themes" "$tmp/share/themes"
ln -s "$TTYDESK_DATADIR/keymaps" "$tmp/share/keymaps"
{
    echo '#!/bin/sh'
    echo "env HOME='$tmp/home' XDG_DATA_HOME='$tmp/data' \\"
    echo "    XDG_CONFIG_HOME='$tmp/config' XDG_STATE_HOME='$tmp/state' \\"
    echo "    TTYDESK_DATADIR='$tmp/share' LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\"
    echo "    TERM=tmux-256color \"\$@\" '$TTYDESK_BIN'"
    echo "echo \$? >'$tmp/status'"
} >"$tmp/run"
chmod +x "$tmp/run"

# start [ENV...]: a fresh session running the console at 160x45.
start() {
    T kill-server 2>/dev/null
    while T has-session 2>/dev/null; do sleep 0.05; done
    # The options are set before the console starts (respawn-pane), so
    # that a quick exit leaves the pane to inspect.
    T new-session -d -s t -x 160 -y 45 \; set -g remain-on-exit on \; \
        set -g window-size manual \; set -g escape-time 0 \; \
        respawn-pane -k -t t "$tmp/run $*"
}

capture() { T capture-pane -p -t t "$@"; }

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

# size_ok COLS LINES: the screen is that big and the bars are at the bottom
# (waited for: under load a frame may still be on its way).
size_ok() {
    j=0
    while [ $j -lt 100 ]; do
        capture >"$tmp/cap"
        [ "$(wc -l <"$tmp/cap")" -eq "$2" ] &&
            sed -n "$(($2 - 1))p" "$tmp/cap" |
            grep -q '^ ttydesk | demo:online' && return 0
        sleep 0.05
        j=$((j + 1))
    done
    return 1
}

start
if wait_for '^ Inbox: open +1/5 sort:sla'; then
    ok "start-up paints the inbox"
else
    not_ok "start-up paints the inbox"; capture | sed 's/^/# /'
fi
capture | grep -q 'Orders and shipping .*│  Editor' &&
    ok "three panes at 160x45" || not_ok "three panes at 160x45"

T send-keys -t t j j j Enter
wait_for '│  Conversation #t1' || true
T resize-window -t t -x 200 -y 50
if wait_for '^ Inbox: open +4/5' && size_ok 200 50; then
    ok "resized to 200x50"
else
    not_ok "resized to 200x50"; capture | sed 's/^/# /'
fi
T resize-window -t t -x 80 -y 24
if wait_for '^ Conversation #t1 ' && size_ok 80 24 &&
   ! capture | grep -q 'Inbox'; then
    ok "resized to 80x24: one pane, the focused conversation, no leftovers"
else
    not_ok "resized to 80x24"; capture | sed 's/^/# /'
fi
T resize-window -t t -x 160 -y 45
if wait_for '^ Inbox: open +4/5 .*Orders and shipping' && size_ok 160 45 &&
   capture | grep -q '│  Conversation #t1 '; then
    ok "back to 160x45 with the same state"
else
    not_ok "back to 160x45"; capture | sed 's/^/# /'
fi

# Escape: a lone Esc must act at once (ESCDELAY 25 ms), not wait for
# more keys as a Meta prefix would.
T resize-window -t t -x 80 -y 24
wait_for '^ Conversation #t1 ' || true
T send-keys -t t Escape
sleep 0.2
if capture | grep -Eq '^ Inbox: open +4/5'; then
    ok "Escape goes back within 200 ms"
else
    not_ok "Escape goes back within 200 ms"; capture | sed 's/^/# /'
fi
T send-keys -t t : v i e w Space
sleep 0.1
T send-keys -t t Escape
sleep 0.2
if capture | tail -1 | grep -q '^:view'; then
    not_ok "Escape cancels the prompt"
else
    ok "Escape cancels the prompt"
fi

T send-keys -t t q
i=0
while [ ! -s "$tmp/status" ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
if [ "$(cat "$tmp/status" 2>/dev/null)" = 0 ]; then
    ok "q in the inbox quits with status 0"
else
    not_ok "q in the inbox quits with status 0"
    capture | sed 's/^/# /'
fi
if T display-message -p -t t '#{alternate_on}' | grep -q 1; then
    not_ok "the alternate screen is left at exit"
else
    ok "the alternate screen is left at exit"
fi

# Colours: a theme gives SGR colours in capture-pane -e; NO_COLOR none.
esc=$(printf '\033')
printf 'set theme = high-contrast\n' >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
start
wait_for '^ Inbox: open' || true
capture -e >"$tmp/color"
if grep -q "$esc\\[[0-9;]*9[0-7]" "$tmp/color" &&
   grep -q "$esc\\[[0-9;]*10[0-7]" "$tmp/color"; then
    ok "theme high-contrast: bright foregrounds and backgrounds"
else
    not_ok "theme high-contrast colours"; sed 's/^/# /' "$tmp/color" | head -5
fi
rm -f "$tmp/config/ttydesk/ttydeskrc"
start NO_COLOR=1
wait_for '^ Inbox: open' || true
capture -e >"$tmp/mono"
if grep -Eq "$esc\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|38;5)[;m]" "$tmp/mono"; then
    not_ok "NO_COLOR: no colours"; sed 's/^/# /' "$tmp/mono" | head -5
elif grep -q "$esc\\[[0-9;]*7m" "$tmp/mono"; then
    ok "NO_COLOR: no colours, reverse video for the bars"
else
    not_ok "NO_COLOR: reverse video for the bars"
fi
echo "1..$n"
exit $failed
