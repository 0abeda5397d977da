# test_netdrivers.sh: ttydesk sync, list, reply and update against Zammad and
# Chatwoot accounts on loopback servers, through the real binary.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
D=$TTYDESK_DATADIR

. "$D/tests/drivers/loopbacklib"

# serve DRIVER: a loopback server for the driver's /ok account; $port.
serve() {
    python3 "$D/tests/cli/net_loopback.py" "$1" \
        "$D/tests/unit/test_$1.json" >"$T_HOME/$1.json"
    loopback_start "$T_HOME/$1.json" "$T_HOME/$1.log" "$T_HOME"
}

# logged METHOD PATH: how many requests the server got for it.
logged() {
    python3 - "$1" "$2" "$3" <<'PY'
import json, sys
log, method, path = sys.argv[1:]
n = 0
for line in open(log):
    e = json.loads(line)
    if e["method"] == method and e["path"] == path and e["status"] < 300:
        n += 1
print(n)
PY
}

export ZM_TOKEN=zm0123456789abcdefTOKEN CW_TOKEN=cw0123456789abcdefTOKEN
serve zammad
zport=$port
zserver=$server
serve chatwoot
cport=$port
cserver=$server
cat >"$XDG_CONFIG_HOME/ttydesk/ttydeskrc" <<RC
account desk zammad http://127.0.0.1:$zport/ok token_env=ZM_TOKEN
account chat chatwoot http://127.0.0.1:$cport/ok/app/accounts/3 token_env=CW_TOKEN
RC
chmod 600 "$XDG_CONFIG_HOME/ttydesk/ttydeskrc"

run "$B" sync desk
if [ $RC -eq 0 ]; then pass "sync desk (zammad)"
else fail "sync desk (zammad)" "rc=$RC" "$ERR"; fi
run "$B" sync chat
if [ $RC -eq 0 ]; then pass "sync chat (chatwoot)"
else fail "sync chat (chatwoot)" "rc=$RC" "$ERR"; fi

run "$B" accounts
if [ $RC -eq 0 ] && has "$OUT" "zammad" && has "$OUT" "chatwoot"; then
    pass "accounts lists both drivers"
else fail "accounts" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" list --json
printf '%s' "$OUT" >"$T_HOME/list.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/list.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
desk = {r["external_id"]: r for r in rows if r["account"] == "desk"}
chat = {r["external_id"]: r for r in rows if r["account"] == "chat"}
assert set(desk) == {"1", "2", "3", "4", "5", "6"}, sorted(desk)
assert set(chat) == {"1", "2", "3", "4", "5"}, sorted(chat)
assert desk["3"]["channel"] == "whatsapp", desk["3"]
assert desk["1"]["priority"] == "high", desk["1"]
assert chat["1"]["channel"] == "whatsapp", chat["1"]
assert chat["2"]["channel"] == "line", chat["2"]
assert chat["4"]["channel"] == "whatsapp", chat["4"]   # Twilio, WhatsApp
assert chat["2"]["status"] == "pending", chat["2"]     # snoozed
PY
then pass "list --json: both accounts' tickets, WhatsApp and LINE as such"
else fail "list --json" "rc=$RC" "$(head -c 400 "$T_HOME/list.json")"; fi

run "$B" show desk:1 --json
if [ $RC -eq 0 ] && has "$OUT" "Llegó dañado" && has "$OUT" "revisar stock"
then pass "show desk:1: the Zammad thread, notes included"
else fail "show desk:1" "rc=$RC" "$(printf '%s' "$OUT" | head -c 300)" "$ERR"; fi

# A public reply that solves the ticket: article, then state.
run "$B" reply desk:1 --text "Gracias, Ana. Lo enviamos hoy." --status solved
if [ $RC -eq 0 ] && [ "$(logged "$T_HOME/zammad.log" POST \
    /ok/api/v1/ticket_articles)" = 1 ] && [ "$(logged "$T_HOME/zammad.log" \
    PUT /ok/api/v1/tickets/1)" = 1 ]
then pass "reply --status to Zammad: one article, one state change"
else fail "reply to Zammad" "rc=$RC" "$OUT" "$ERR"; fi
if python3 - "$T_HOME/zammad.log" <<'PY'
import json, sys
seen = 0
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["path"] == "/ok/api/v1/ticket_articles":
        seen += 1
        b = json.loads(e["body"])
        assert b["type"] == "email" and b["internal"] is False, b
        assert b["to"] == "Ana Muñoz <ana@example.com>", b
        assert "<!-- ttydesk-outbox:" in b["body"], b
        assert b["preferences"]["ttydesk_outbox"] in b["body"], b
        assert e["headers"]["authorization"].startswith("Token token="), e
    if e["method"] == "PUT":
        assert json.loads(e["body"]) == {"state": "closed"}, e["body"]
assert seen == 1, seen
PY
then pass "the article is an email to the customer with the outbox marker"
else fail "the Zammad article"; fi

run "$B" reply chat:1 --text "ありがとうございます" --note
if [ $RC -eq 0 ] && [ "$(logged "$T_HOME/chatwoot.log" POST \
    /ok/api/v1/accounts/3/conversations/1/messages)" = 1 ]
then pass "reply --note to Chatwoot: one private message"
else fail "note to Chatwoot" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" update desk:1 --assign lena@example.com --tag +vip --tag -envío
if [ $RC -eq 0 ] && [ "$(logged "$T_HOME/zammad.log" POST \
    /ok/api/v1/tags/add)" = 1 ] && [ "$(logged "$T_HOME/zammad.log" \
    DELETE /ok/api/v1/tags/remove)" = 1 ]
then pass "update on Zammad: owner, then each tag"
else fail "update on Zammad" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" update chat:1 --status on-hold --assign "Lena Agent" --tag +urgente \
    --tag -envío
if [ $RC -eq 0 ] && python3 - "$T_HOME/chatwoot.log" <<'PY'
import json, sys
got = {}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["method"] == "POST":
        got[e["path"].rsplit("/", 1)[1]] = json.loads(e["body"])
assert got["toggle_status"] == {"status": "snoozed"}, got
assert got["assignments"] == {"assignee_id": 3}, got
assert got["labels"] == {"labels": ["vip", "urgente"]}, got
PY
then pass "update on Chatwoot: status, agent by name, labels"
else fail "update on Chatwoot" "rc=$RC" "$OUT" "$ERR"; fi

kill "$zserver" "$cserver" 2>/dev/null
wait "$zserver" "$cserver" 2>/dev/null
finish
