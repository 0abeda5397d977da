# generic_cli.sh: the generic driver end to end through the CLI: an rc line
# naming the shipped Gorgias mapping by name, `ttydesk sync`, `accounts`,
# `show`, `reply --status`, and what the driver cannot do, against
# tests/drivers/loopback.py (which checks every request exactly).
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
HERE=$(cd "$(dirname "$0")" && pwd)
AUTH=$(printf '%s' 'agent@acme.example:gg-cli-KEY' | base64)

cat > "$T_HOME/script.json" <<EOF
{"requests": [
 {"method": "GET", "path": "/cli/api/tickets",
  "query": {"limit": "30", "order_by": "updated_datetime:desc"},
  "exact_query": true, "min": 1,
  "headers": {"Authorization": "Basic $AUTH"},
  "response": {"json": {"object": "list", "uri": "/api/tickets",
   "data": [{"id": 41, "status": "open", "channel": "chat",
     "subject": "注文 — İade — طلب", "via": "chat",
     "customer": {"id": 5, "email": "ja@example.com", "firstname": "山田 健"},
     "tags": [{"id": 1, "name": "返品"}],
     "created_datetime": "2026-11-20T10:00:00Z",
     "updated_datetime": "2026-11-24T10:00:00Z"}],
   "meta": {"prev_cursor": null, "next_cursor": null}}}},
 {"method": "GET", "path": "/cli/api/tickets/41/messages",
  "query": {"limit": "30"}, "exact_query": true, "min": 1,
  "response": {"json": {"object": "list", "data": [
    {"id": 410, "ticket_id": 41, "from_agent": false, "public": true,
     "channel": "chat", "body_text": "まだ届いていません。\nสินค้ายังไม่ได้รับ",
     "body_html": null, "sender": {"id": 5, "name": "山田 健"},
     "created_datetime": "2026-11-20T10:00:00Z"}],
   "meta": {"next_cursor": null}}}},
 {"method": "PUT", "path": "/cli/api/tickets/41", "json": {"status": "closed"},
  "min": 1, "response": {"json": {"id": 41, "status": "closed"}}},
 {"method": "GET", "path": "/cli/api/tickets/41", "min": 1,
  "response": {"json": {"id": 41, "channel": "chat",
                        "customer": {"id": 5, "email": "ja@example.com"}}}},
 {"method": "POST", "path": "/cli/api/tickets/41/messages", "min": 1,
  "body_contains": ["\"channel\":\"chat\"", "\"from_agent\":true",
                    "\"receiver\":{\"id\":5}", "Lo siento, ya está en camino.",
                    "\"to\":[{\"address\":\"ja@example.com\"}]",
                    "<!-- ttydesk-outbox:"],
  "response": {"status": 201, "json": {"id": 999, "ticket_id": 41}}},
 {"method": "GET", "path": "/cli/api/tickets", "times": 0,
  "response": {"json": {"data": [{"id": 41, "status": "closed",
     "updated_datetime": "2026-11-24T10:00:00Z"}],
   "meta": {"next_cursor": "never-asked"}}}}
]}
EOF

python3 "$HERE/loopback.py" "$T_HOME/script.json" "$T_HOME/log.jsonl" \
    > "$T_HOME/port" 2>"$T_HOME/loopback.err" &
LB=$!
i=0
while [ ! -s "$T_HOME/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(head -1 "$T_HOME/port")

RC_FILE="$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
cat > "$RC_FILE" <<EOF
account gg generic http://127.0.0.1:$PORT/cli mapping=gorgias user=agent@acme.example token_env=GG_KEY
EOF
chmod 600 "$RC_FILE"
export GG_KEY=gg-cli-KEY

run "$B" sync gg
if [ $RC -eq 0 ] && has "$ERR" "gg: 1 tickets"; then
    pass "sync: the Gorgias mapping found by name, one ticket"
else fail "sync gg" "rc=$RC" "$ERR"; fi

run "$B" accounts
if [ $RC -eq 0 ] && has "$OUT" "generic" && has "$OUT" "online"; then
    pass "accounts: generic, online"; else fail "accounts" "$OUT" "$ERR"; fi

run "$B" list --json account:gg
id=$(printf '%s' "$OUT" | python3 -c \
    'import json,sys; r=json.load(sys.stdin); print(r[0]["id"] if len(r)==1 else "")')
if [ $RC -eq 0 ] && [ -n "$id" ] && has "$OUT" "注文 — İade — طلب" &&
   has "$OUT" '"chat"'; then
    pass "list: subject in three scripts, channel chat"
else fail "list --json account:gg" "$OUT" "$ERR"; fi

run "$B" show "$id"
if [ $RC -eq 0 ] && has "$OUT" "まだ届いていません。" &&
   has "$OUT" "สินค้ายังไม่ได้รับ" && has "$OUT" "山田 健"; then
    pass "show: the thread, Japanese and Thai"
else fail "show $id" "$OUT" "$ERR"; fi

# The status goes first (PUT), then the ticket is read for its channel
# and customer, then the message; the server checks each body.
run "$B" reply "$id" --text "Lo siento, ya está en camino." --status solved
if [ $RC -eq 0 ] && has "$ERR" "sent"; then
    pass "reply --status solved: sent"
else fail "reply" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" update "$id" --assign lena
if [ $RC -ne 0 ] && has "$ERR" "generic cannot change the assignee"; then
    pass "update --assign: refused, the mapping has no assignee call"
else fail "update --assign" "rc=$RC" "$ERR"; fi

kill "$LB" 2>/dev/null
wait "$LB" 2>/dev/null
if python3 "$HERE/loopback.py" --check "$T_HOME/script.json" \
       "$T_HOME/log.jsonl" > "$T_HOME/check" 2>&1 &&
   ! grep -q '"status": 599' "$T_HOME/log.jsonl"; then
    pass "every request matched exactly"
else fail "loopback --check" "$(cat "$T_HOME/check")" \
    "$(grep '"status": 599' "$T_HOME/log.jsonl" | head -c 600)"; fi

# A broken mapping is a clear error naming the file and the key.
mkdir -p "$XDG_CONFIG_HOME/ttydesk/mappings"
printf '{"name": "x", "auth": {"type": "bearer"}, "list": {"path": "/t", "items": "data"}, "ticket": {"id": "a..b"}}\n' \
    > "$XDG_CONFIG_HOME/ttydesk/mappings/broken.json"
echo "account br generic https://x.example mapping=broken token_env=GG_KEY" > "$RC_FILE"
run "$B" sync br
if [ $RC -ne 0 ] &&
   has "$ERR" "mappings/broken.json: ticket.id: \"a..b\": an empty step in the JSON path"; then
    pass "a broken mapping: file: key: what is wrong"
else fail "broken mapping" "rc=$RC" "$ERR"; fi

finish
