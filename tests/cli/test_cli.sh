# test_cli.sh: the non-interactive CLI on the demo workspace, from a fresh HOME.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

run "$B" --version
if [ $RC -eq 0 ] && has "$OUT" "ttydesk "; then pass "--version"; else fail "--version" "$OUT"; fi

run "$B" --help
if [ $RC -eq 0 ] && has "$OUT" "list [--view V] [--json|--plain|--csv]" && has "$OUT" "show ID"; then
    pass "--help lists the commands"; else fail "--help" "$OUT"; fi

run "$B" frobnicate
if [ $RC -eq 2 ] && has "$ERR" "unknown command 'frobnicate'"; then
    pass "unknown command exits 2 with a message"; else fail "unknown command" "$RC $ERR"; fi

# First run: the demo is installed and synced; the data dir is private.
run "$B" list --json
printf '%s' "$OUT" > "$T_HOME/list.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/list.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert 250 <= len(rows) <= 350, len(rows)
langs = {r["language"] for r in rows if r["language"]}
assert len(langs) >= 12, langs
countries = {r["customer"]["country"] for r in rows}
assert len(countries) >= 12, countries
need = {"id", "account", "external_id", "subject", "status", "priority",
        "channel", "language", "customer", "assignee", "created_at", "updated_at",
        "unread"}
for r in rows:
    assert need <= set(r), set(r) ^ need
    # Nothing was opened in the console yet: every ticket is new.
    assert r["unread"] is True, r
    assert {"name", "email", "country"} <= set(r["customer"])
    assert r["account"] == "demo"
assert {"email", "web", "chat", "whatsapp", "line"} <= {r["channel"] for r in rows}
PY
then pass "list --json: the demo has ~300 tickets in 12+ languages"
else fail "list --json on the demo" "rc=$RC" "$(head -c 300 "$T_HOME/list.json")" "$ERR"; fi

run "$B" list --json is:read
if [ $RC -eq 0 ] && [ "$(printf '%s' "$OUT" | tr -d ' \n')" = "[]" ]; then
    pass "list --json is:read: none read before the console opened one"
else fail "list --json is:read" "rc=$RC" "$(printf '%s' "$OUT" | head -c 300)" \
    "$ERR"; fi

mode=$(stat -c %a "$XDG_DATA_HOME/ttydesk")
fmode=$(stat -c %a "$XDG_DATA_HOME/ttydesk/store.db")
if [ "$mode" = 700 ] && [ "$fmode" = 600 ]; then pass "data dir 0700, store 0600"
else fail "data dir and store modes" "dir $mode, store $fmode"; fi

# A ticket whose buyer has an order with a parcel.
id=$(python3 - "$T_HOME/list.json" <<'PY'
import json, sys, subprocess, os
rows = json.load(open(sys.argv[1]))
for r in rows:
    out = subprocess.run([os.environ["TTYDESK_BIN"], "show", str(r["id"]), "--json"],
                         capture_output=True, text=True)
    t = json.loads(out.stdout)
    if t["orders"] and t["shipments"] and t["shipments"][0]["events"]:
        print(r["id"]); break
PY
)
run "$B" show "$id" --json
printf '%s' "$OUT" > "$T_HOME/show.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/show.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert t["messages"] and t["messages"][0]["body"], "messages"
m = t["messages"][0]
assert {"author", "public", "body", "created_at", "attachments"} <= set(m)
o = t["orders"][0]
assert o["number"] and o["items"] and o["items"][0]["sku"], o
s = t["shipments"][0]
assert s["carrier"] and s["tracking_number"] and s["events"], s
assert s["status"] in ("info-received", "in-transit", "customs", "out-for-delivery",
                       "delivered", "exception", "returning", "expired", "unknown")
PY
then pass "show --json: thread, customer, order and shipment"
else fail "show --json" "id=$id rc=$RC" "$ERR"; fi

run "$B" show "demo:$(python3 -c "import json;print(json.load(open('$T_HOME/show.json'))['external_id'])")"
if [ $RC -eq 0 ] && has "$OUT" "order " && has "$OUT" "parcel "; then
    pass "show ACCOUNT:ID, plain"; else fail "show ACCOUNT:ID" "$ERR"; fi

run "$B" show 999999
if [ $RC -eq 1 ] && has "$ERR" "999999"; then pass "show of a missing ticket fails clearly"
else fail "show missing" "$RC $ERR"; fi

run "$B" list --json lang:ja
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; r=json.load(sys.stdin); assert r and all(x["language"]=="ja" for x in r)'; then
    pass "list with a query (lang:ja)"; else fail "list lang:ja" "$ERR"; fi

run "$B" list --json --limit 7
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; assert len(json.load(sys.stdin))==7'; then pass "--limit"; else fail "--limit" "$ERR"; fi

run "$B" list bogus:1
if [ $RC -eq 2 ] && has "$ERR" "bogus"; then pass "a bad query says which word"
else fail "bad query" "$RC $ERR"; fi

run "$B" list --limit x
if [ $RC -eq 2 ]; then pass "--limit x is a usage error"; else fail "--limit x" "$RC"; fi

# Nothing from a buyer reaches the terminal raw.
run "$B" list
if [ $RC -eq 0 ] && ! printf '%s' "$OUT" | grep -q "$(printf '\033')"; then
    pass "plain list output carries no escape bytes"; else fail "list escapes" "$RC"; fi
n_esc=0
for tid in $(python3 -c "
import json
for r in json.load(open('$T_HOME/list.json'))[:400]: print(r['id'])"); do
    "$B" show "$tid" > "$T_HOME/s.txt" 2>&1
    if grep -q "$(printf '\033')" "$T_HOME/s.txt"; then n_esc=$((n_esc + 1)); fi
done
if [ $n_esc -eq 0 ]; then pass "no ticket's plain show output carries an escape byte"
else fail "show escapes" "$n_esc tickets leaked ESC"; fi

run "$B" sync
if [ $RC -eq 0 ] && has "$ERR" "demo: synced"; then pass "sync"; else fail "sync" "$ERR"; fi
run "$B" sync nosuch
if [ $RC -eq 1 ] && has "$ERR" "no account named 'nosuch'"; then pass "sync of an unknown account"
else fail "sync nosuch" "$RC $ERR"; fi

run "$B" accounts --json
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; a=json.load(sys.stdin); assert a[0]["name"]=="demo" and a[0]["driver"]=="local" and a[0]["tickets"]>=250 and a[0]["state"]=="online"'; then
    pass "accounts --json"; else fail "accounts" "$OUT $ERR"; fi

# Replies: queued, sent once, visible in the thread, in the ticket's file.
run "$B" reply "$id" --text "Hello, your parcel is on its way. — Maya" --status pending
if [ $RC -eq 0 ] && has "$ERR" "sent"; then pass "reply sends through the outbox"
else fail "reply" "$RC $ERR"; fi
ext=$(python3 -c "import json;print(json.load(open('$T_HOME/show.json'))['external_id'])")
n=$(grep -c "your parcel is on its way" "$XDG_DATA_HOME/ttydesk/demo/tickets/$ext.json")
run "$B" show "$id" --json
if [ "$n" = 1 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; t=json.load(sys.stdin); m=t["messages"][-1]
assert m["author"]=="agent" and "on its way" in m["body"] and t["status"]=="pending", (m, t["status"])'; then
    pass "the reply is in the ticket file once and in the thread"
else fail "reply landed" "count=$n" "$ERR"; fi
run "$B" reply "$id" --note --text "internal: checked with DHL"
run "$B" outbox --json
if printf '%s' "$OUT" | python3 -c '
import json,sys; o=json.load(sys.stdin); assert len(o)==2 and all(i["state"]=="sent" for i in o) and o[1]["kind"]=="note"'; then
    pass "outbox lists sent replies and notes"; else fail "outbox" "$OUT"; fi

run "$B" update "$id" --status on-hold --assign none --tag +escalated --tag -nosuch
run2=$RC
run "$B" show "$id" --json
if [ $run2 -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; t=json.load(sys.stdin)
assert t["status"]=="on-hold" and t["assignee"] is None and "escalated" in t["tags"], t'; then
    pass "update changes status, assignee and tags without a message"
else fail "update" "$run2 $ERR"; fi
run "$B" update "$id"
if [ $RC -ne 0 ] && has "$ERR" "nothing to change"; then pass "update with nothing to change is refused"
else fail "update nothing" "$RC $ERR"; fi
run "$B" --readonly update "$id" --status solved
if [ $RC -ne 0 ] && has "$ERR" "read-only"; then pass "--readonly refuses updates"
else fail "readonly update" "$RC $ERR"; fi

run "$B" --readonly reply "$id" --text "should not go"
if [ $RC -ne 0 ] && has "$ERR" "read-only"; then pass "--readonly refuses replies"
else fail "--readonly" "$RC $ERR"; fi
run "$B" reply "$id" --text "   "
if [ $RC -ne 0 ] && has "$ERR" "empty"; then pass "an empty reply is refused"
else fail "empty reply" "$RC $ERR"; fi
run "$B" reply "$id"
if [ $RC -eq 2 ]; then pass "reply without text is a usage error"; else fail "reply usage" "$RC"; fi

# rc file: bad lines are reported as file:line: message and the rest loads.
rc="$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
cat > "$rc" <<RC
set agent_name = "Maya Cohen"
frobnicate now
set sync_interval = soon
view late "sla<1h status:open"
account shop local $XDG_DATA_HOME/ttydesk/demo
RC
chmod 600 "$rc"
run "$B" accounts
if has "$ERR" "ttydeskrc:2: " && has "$ERR" "ttydeskrc:3: " && [ $RC -eq 0 ] &&
   has "$OUT" "shop"; then pass "rc errors are file:line: message and loading goes on"
else fail "rc errors" "$RC" "$ERR" "$OUT"; fi

echo 'account eu local /tmp token=hunter2' > "$rc"
run "$B" accounts
if has "$ERR" "token_cmd" && ! has "$ERR$OUT" "hunter2"; then
    pass "a secret in the rc file is refused and not echoed"
else fail "secret in rc" "$ERR"; fi

echo 'set agent_name = "X"' > "$rc"; chmod 666 "$rc"
run "$B" list
if [ $RC -ne 0 ] && has "$ERR" "writable by others"; then pass "a world-writable rc file is refused"
else fail "writable rc" "$RC $ERR"; fi
rm -f "$rc"

run "$B" -F /nonexistent/rc list
if [ $RC -ne 0 ] && has "$ERR" "/nonexistent/rc"; then pass "-F with a missing file fails clearly"
else fail "-F missing" "$RC $ERR"; fi

chmod 777 "$XDG_DATA_HOME/ttydesk"
run "$B" list
if [ $RC -ne 0 ] && has "$ERR" "writable by others"; then pass "a data dir writable by others is refused"
else fail "open data dir" "$RC $ERR"; fi
chmod 700 "$XDG_DATA_HOME/ttydesk"

# dump-config loads back unchanged.
cat > "$T_HOME/rc1" <<'RC'
set agent_name = "Lucía Ortega"
set readonly = yes
set sync_interval = 10m
view mine-es "assignee:me lang:es"
bind inbox x quit
color status white blue bold
account demo local /tmp/somewhere
RC
chmod 600 "$T_HOME/rc1"
"$B" -F "$T_HOME/rc1" --dump-config > "$T_HOME/rc2" 2>"$T_HOME/err"
chmod 600 "$T_HOME/rc2"
"$B" -F "$T_HOME/rc2" --dump-config > "$T_HOME/rc3" 2>>"$T_HOME/err"
if cmp -s "$T_HOME/rc2" "$T_HOME/rc3" && grep -q "Lucía Ortega" "$T_HOME/rc2"; then
    pass "--dump-config loads back unchanged"
else fail "dump-config" "$(cat "$T_HOME/err")"; fi

# A broken ticket file: a clear error, and the rest stays readable.
printf '{"id": "9001", "subject": tr' > "$XDG_DATA_HOME/ttydesk/demo/tickets/9001.json"
run "$B" list --json
if [ $RC -eq 0 ] && has "$ERR" "9001.json" && has "$ERR" "malformed JSON" &&
   printf '%s' "$OUT" | python3 -c 'import json,sys; assert len(json.load(sys.stdin))>=250'; then
    pass "a malformed ticket file is reported and the cache stays readable"
else fail "malformed workspace file" "$RC $ERR"; fi

finish
