#!/bin/sh
# guard.sh: the send guard from the keyboard. The agent writes a reply;
# meanwhile the buyer writes again; C-s holds the reply and says why;
# :outbox-edit brings it back, C-s after reading sends it once.
set -u
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1
then
    echo "1..1"
    echo "ok 1 - tmux guard tests # SKIP tmux or python3 is not installed"
    exit 0
fi
sock="ttydesk-guard-$$"
. "$TTYDESK_DATADIR/tests/tty/ttylib"

start
wait_for '^ Inbox: open +1/5' || { not_ok "start-up"; capture | sed 's/^/# /'; }
T send-keys -t t :
T send-keys -t t -l 'open t1'
T send-keys -t t Enter
wait_for '│  Conversation #t1' || true
T send-keys -t t r
T send-keys -t t -l 'Ihr Paket ist unterwegs.'
wait_for 'Ihr Paket ist unterwegs' || true

# The buyer writes in the helpdesk (the workspace file) while the agent
# types; the console has not synced it.
python3 - "$tmp/data/ttydesk/demo/tickets/t1.json" <<'PY'
import json, sys
p = sys.argv[1]
t = json.load(open(p))
t["messages"].append({"id": "m-late", "author": "customer",
    "author_name": "Jonas Becker", "created_at": "2026-01-10T10:30:00Z",
    "body": "Hat sich erledigt, das Paket ist heute angekommen!"})
json.dump(t, open(p, "w"), ensure_ascii=False)
PY
T send-keys -t t C-s
[ -n "$(capture | grep 'Send this')" ] && T send-keys -t t y
if wait_for 'held: outbox item [0-9]+: the buyer wrote at [0-9-]+ [0-9:]+ since' &&
   capture | grep -q 'Hat sich erledigt'; then
    ok "C-s holds the reply: the status line says the buyer wrote, and what"
else
    not_ok "held on C-s"; capture | sed 's/^/# /'
fi
if wait_for 'outbox: held' && grep -c 'Ihr Paket ist unterwegs' \
    "$tmp/data/ttydesk/demo/tickets/t1.json" | grep -qx 0; then
    ok "the thread shows it held; the helpdesk did not get it"
else
    not_ok "held in thread"; capture | sed 's/^/# /'
fi

T send-keys -t t :
T send-keys -t t -l 'outbox-edit'
T send-keys -t t Enter
if wait_for 'is back in the editor' && capture | grep -q 'Ihr Paket ist unterwegs'; then
    ok ":outbox-edit puts the text back in the editor"
else
    not_ok ":outbox-edit"; capture | sed 's/^/# /'
fi
T send-keys -t t C-a C-k
T send-keys -t t -l 'Wie schön, viel Freude damit!'
T send-keys -t t C-s
[ -n "$(capture | grep 'Send this')" ] && T send-keys -t t y
if wait_for '^reply sent' &&
   [ "$(grep -c 'Wie schön' "$tmp/data/ttydesk/demo/tickets/t1.json")" = 1 ] &&
   [ "$(grep -c 'Ihr Paket ist' "$tmp/data/ttydesk/demo/tickets/t1.json")" = 0 ]; then
    ok "after reading, the new reply is sent once"
else
    not_ok "sent after edit"; capture | sed 's/^/# /'
fi
T send-keys -t t :
T send-keys -t t -l 'outbox-discard'
T send-keys -t t Enter
if wait_for 'nothing unsent'; then ok ":outbox-discard with nothing unsent says so"
else not_ok ":outbox-discard nothing"; capture | sed 's/^/# /'; fi
echo "1..$n"
exit $failed
