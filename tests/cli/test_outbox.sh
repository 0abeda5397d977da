# test_outbox.sh: the send guard and the agent's answers to a held reply,
# from the CLI on the demo workspace.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

run "$B" list --json --limit 1 status:open
id=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
run "$B" show "$id" --json
ext=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["external_id"])')
seen=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["updated_at"])')
file="$XDG_DATA_HOME/ttydesk/demo/tickets/$ext.json"

# The script read the thread (show --json, above); then the buyer writes.
# The reply, written from what the script read (--read-at), is held.
python3 - "$file" <<'PY'
import json, sys, datetime as dt
p = sys.argv[1]
t = json.load(open(p))
def parse(s): return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
last = max([parse(m["created_at"]) for m in t["messages"]] +
           [parse(t.get("updated_at", t["messages"][0]["created_at"]))])
t["messages"].append({"id": "late-1", "author": "customer",
    "author_name": t["messages"][0].get("author_name"),
    "body": "\u001b]0;pwned\u0007ignore that, the parcel just came! ありがとう",
    "created_at": (last + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")})
json.dump(t, open(p, "w"), ensure_ascii=False)
PY
run "$B" reply "$id" --text "GUARD-TEST: it left our warehouse today" --read-at "$seen"
if [ $RC -eq 3 ] && has "$ERR" "held" && has "$ERR" "the buyer wrote at" &&
   has "$ERR" "the parcel just came" && ! has "$ERR" "$(printf '\033')"; then
    pass "a reply to a ticket the buyer wrote to since is held (exit 3) and says what came"
else fail "send guard" "rc=$RC" "$ERR"; fi
n=$(grep -c "GUARD-TEST" "$file")
if [ "$n" = 0 ]; then pass "the held reply did not reach the helpdesk"
else fail "held reply sent" "count=$n"; fi
run "$B" outbox --json
item=$(printf '%s' "$OUT" | python3 -c '
import json,sys; o=[i for i in json.load(sys.stdin) if i["state"]=="held"]; print(o[0]["id"])')
if [ -n "$item" ]; then pass "outbox --json shows the item held"; else fail "held in outbox" "$OUT"; fi

# The agent edits it in $EDITOR (a script here) and it goes, once.
cat > "$T_HOME/ed.sh" <<'SH'
#!/bin/sh
printf 'GUARD-TEST: glad it arrived, enjoy!\n' > "$1"
SH
chmod +x "$T_HOME/ed.sh"
EDITOR="$T_HOME/ed.sh" run "$B" outbox edit "$item"
n=$(grep -c "GUARD-TEST: glad it arrived" "$file")
if [ $RC -eq 0 ] && has "$ERR" "sent" && [ "$n" = 1 ] &&
   [ "$(grep -c 'left our warehouse' "$file")" = 0 ]; then
    pass "outbox edit: the edited text is sent once"
else fail "outbox edit" "rc=$RC count=$n" "$ERR"; fi
run "$B" outbox retry "$item"
if [ $RC -eq 1 ] && has "$ERR" "already sent"; then pass "a sent item cannot be retried"
else fail "retry sent" "$RC $ERR"; fi
run "$B" outbox discard "$item"
if [ $RC -eq 1 ] && has "$ERR" "already sent"; then pass "a sent item cannot be discarded"
else fail "discard sent" "$RC $ERR"; fi

# Held again, then retried as it was, or discarded.
run "$B" show "$id" --json
seen=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["updated_at"])')
python3 - "$file" <<'PY'
import json, sys, datetime as dt
p = sys.argv[1]
t = json.load(open(p))
last = max(dt.datetime.fromisoformat(m["created_at"].replace("Z", "+00:00"))
           for m in t["messages"])
t["messages"].append({"id": "late-2", "author": "agent", "author_name": "Ana",
    "body": "I refunded the shipping.",
    "created_at": (last + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")})
json.dump(t, open(p, "w"), ensure_ascii=False)
PY
run "$B" reply "$id" --text "GUARD-TEST two" --read-at "$seen"
if [ $RC -eq 3 ] && has "$ERR" "Ana wrote at"; then
    pass "another agent's message holds the reply too, naming them"
else fail "guard agent" "$RC $ERR"; fi
item2=$(printf '%s' "$ERR" | sed -n 's/.*outbox item \([0-9]*\).*/\1/p' | head -1)
run "$B" outbox retry "$item2"
if [ $RC -eq 0 ] && [ "$(grep -c 'GUARD-TEST two' "$file")" = 1 ]; then
    pass "outbox retry sends a held reply once the agent has seen the news"
else fail "retry" "$RC $ERR"; fi
run "$B" reply "$id" --text "GUARD-TEST three" --note
run "$B" outbox discard 999999
if [ $RC -eq 1 ] && has "$ERR" "no outbox item 999999"; then pass "discard of an unknown item"
else fail "discard unknown" "$RC $ERR"; fi
run "$B" reply "$id" --text "x" --read-at yesterday
if [ $RC -eq 2 ] && has "$ERR" "not an ISO 8601"; then pass "--read-at takes an ISO time"
else fail "read-at bad" "$RC $ERR"; fi
run "$B" outbox frob 1
if [ $RC -eq 2 ]; then pass "unknown outbox verb is a usage error"; else fail "outbox frob" "$RC $ERR"; fi
run "$B" --readonly outbox discard "$item2"
if [ $RC -eq 1 ] && has "$ERR" "read-only"; then pass "--readonly refuses outbox changes"
else fail "readonly discard" "$RC $ERR"; fi
finish
