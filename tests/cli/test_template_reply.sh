# test_template_reply.sh: scripted replies from templates (`ttydesk reply
# --template`) and importing canned replies from a backend (`ttydesk
# template import`) on the demo workspace, end to end through the local
# backend.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
TPL="$XDG_CONFIG_HOME/ttydesk/templates"

# Tickets: a Spanish one with an order (ES), one whose buyer has no order
# (NONE).
"$B" list --json --limit 400 > "$T_HOME/all.json"
python3 - "$T_HOME/all.json" > "$T_HOME/ids" <<'PY'
import json, os, subprocess, sys
rows = json.load(open(sys.argv[1]))
found = {}
for r in rows:
    if r["status"] in ("solved", "closed"):
        continue
    t = json.loads(subprocess.run(
        [os.environ["TTYDESK_BIN"], "show", str(r["id"]), "--json"],
        capture_output=True, text=True).stdout)
    if not t["orders"]:
        found.setdefault("none", r["id"])
    elif r["language"] == "es" and len(t["orders"]) == 1 and t["shipments"]:
        found.setdefault("es", r["id"])
    if len(found) == 2:
        break
print(found["es"], found["none"])
PY
read -r ES NONE < "$T_HOME/ids"
outbox_n() { "$B" outbox --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

run "$B" reply "$ES" --template wismo --dry-run
if [ $RC -eq 0 ] && has "$OUT" "¡Hola" && ! has "$OUT" "{{" &&
   has "$ERR" "template wismo, es: " && [ "$(outbox_n)" = 0 ]; then
    pass "reply --template --dry-run prints the reply, queues nothing"
else fail "dry run" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" reply "$ES" --template wismo --lang de --dry-run
if [ $RC -eq 0 ] && has "$OUT" "Bestellung" && has "$ERR" "used de"; then
    pass "--lang picks another variant"
else fail "--lang" "rc=$RC" "$ERR"; fi

run "$B" reply "$NONE" --template wismo
if [ $RC -eq 6 ] && has "$ERR" "not sent: unresolved: order.number" &&
   [ "$(outbox_n)" = 0 ]; then
    pass "an unresolved variable refuses to send (exit 6), naming it"
else fail "unresolved refuses" "rc=$RC" "$ERR"; fi

# --help states the exit status a script gets for it (6, not 5: read-only).
run "$B" --help
if has "$OUT" "6 unresolved" && ! has "$OUT" "5 unresolved"; then
    pass "--help gives reply's exit status for an unresolved template (6)"
else fail "--help exit status" "$OUT"; fi

run "$B" reply "$NONE" --template refund-issued --var 'order.number=#77'
if [ $RC -eq 6 ] && has "$ERR" "needs input: ?refund_amount"; then
    pass "an unanswered prompt refuses to send, naming it"
else fail "prompt refuses" "rc=$RC" "$ERR"; fi

run "$B" reply "$NONE" --template wismo --dry-run
if [ $RC -eq 6 ] && has "$OUT" "{{order.number}}"; then
    pass "--dry-run shows the unresolved tag where it stands, exit 6"
else fail "dry run unresolved" "rc=$RC" "$OUT"; fi

run "$B" reply "$NONE" --template wismo --var 'order.number=#9 {{agent.name}}'
"$B" show "$NONE" --json > "$T_HOME/t.json"
if [ $RC -eq 0 ] && has "$ERR" "sent (outbox item" && python3 - "$T_HOME/t.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert t["status"] == "pending", t["status"]
body = t["messages"][-1]["body"]
assert "#9 {{agent.name}}" in body, body
PY
then pass "reply --template sends, applies the template's status; a value with {{ stays as is"
else fail "send with template" "rc=$RC" "$ERR" "$(head -c 300 "$T_HOME/t.json")"; fi

run "$B" reply "$NONE" --template thanks --status open --note
"$B" show "$NONE" --json > "$T_HOME/t.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/t.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert t["status"] == "open", t["status"]
assert t["messages"][-1]["public"] is False, t["messages"][-1]
PY
then pass "--status and --note on the command line win over the template"
else fail "overrides" "rc=$RC" "$ERR" "$(tail -c 300 "$T_HOME/t.json")"; fi

run "$B" reply "$ES" --template wismo --text hi
[ $RC -eq 2 ] && pass "--template with --text is a usage error" ||
    fail "usage --text" "rc=$RC"
run "$B" reply "$ES" --text hi --var a=b
[ $RC -eq 2 ] && pass "--var without --template is a usage error" ||
    fail "usage --var" "rc=$RC"
run "$B" reply "$ES" --template nosuch
[ $RC -eq 1 ] && has "$ERR" "no template 'nosuch'" &&
    pass "an unknown template is named" || fail "unknown" "rc=$RC" "$ERR"

# ---- import ----
run "$B" template import demo --dry-run
if [ $RC -eq 0 ] && has "$ERR" "4 new" && has "$ERR" "nothing written" &&
   [ ! -d "$TPL" ] && has "$OUT" "coupon-for-the-trouble"; then
    pass "import --dry-run lists what would come, writes nothing"
else fail "import dry" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template import demo
if [ $RC -eq 0 ] && has "$ERR" "4 new" && [ "$(ls "$TPL" | wc -l)" -eq 4 ] &&
   grep -q '^origin = local:demo:c2$' "$TPL/coupon-for-the-trouble.tmpl"; then
    pass "import writes one template per canned reply, marked with its origin"
else fail "import" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template show coupon-for-the-trouble --json
if [ $RC -eq 0 ] && has "$OUT" '"prompts":	["coupon_code"]' ||
   printf '%s' "$OUT" | python3 -c '
import json, sys
t = json.load(sys.stdin)
assert t["variants"][0]["prompts"] == ["coupon_code"], t
assert "imported" in t["tags"], t'
then pass "the imported template loads, its prompt is a prompt"
else fail "imported loads" "$OUT"; fi

run "$B" template import demo
if [ $RC -eq 0 ] && has "$ERR" "0 new, 0 updated, 4 unchanged"; then
    pass "importing again changes nothing"
else fail "reimport" "$ERR"; fi

# A local edit is never overwritten; an untouched file follows upstream.
sed -i 's/15% off/20% off/' "$TPL/coupon-for-the-trouble.tmpl"
WS="$XDG_DATA_HOME/ttydesk/demo/canned.json"
python3 - "$WS" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for x in c:
    x["body"] = x["body"].replace("Best,", "Kind regards,")
json.dump(c, open(sys.argv[1], "w"))
PY
run "$B" template import demo
if [ $RC -eq 0 ] && has "$ERR" "3 updated, 0 unchanged, 1 kept" &&
   grep -q '20% off' "$TPL/coupon-for-the-trouble.tmpl" &&
   ! grep -q 'Kind regards' "$TPL/coupon-for-the-trouble.tmpl" &&
   grep -q 'Kind regards' "$TPL/size-exchange.tmpl"; then
    pass "re-import: edited file kept, untouched ones updated"
else fail "kept/updated" "$OUT" "$ERR"; fi

run "$B" template import nosuch
[ $RC -eq 2 ] && has "$ERR" "no account 'nosuch'" &&
    pass "import: an unknown account is named" || fail "import unknown" "$ERR"
finish
