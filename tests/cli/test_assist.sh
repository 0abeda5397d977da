# test_assist.sh: language and intent in `list`/`show` (text and JSON),
# intent: and lang: queries, and a store written without the models
# classified when they come back.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

# First run without the models (a share with the demo only): nothing is
# classified, nothing fails.
mkdir -p "$T_HOME/share"
ln -s "$TTYDESK_DATADIR/demo" "$T_HOME/share/demo"
run env TTYDESK_DATADIR="$T_HOME/share" "$B" list --json --limit 2
printf '%s' "$OUT" > "$T_HOME/bare.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/bare.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 2, rows
for r in rows:
    assert r["intent"] is None and r["intent_confidence"] is None, r
    assert r["language"] == r["backend_language"], r
PY
then pass "without models: intent null, the backend's language as is"
else fail "list --json without models" "rc=$RC" "$ERR"; fi

# With the models every ticket is classified on the next run.
run "$B" list --json
printf '%s' "$OUT" > "$T_HOME/all.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/all.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) > 100
labels = {"where_is_my_order", "return_refund", "cancel_order",
          "change_address", "damaged_defective", "wrong_item",
          "payment_issue", "product_question", "complaint", "thanks_other"}
for r in rows:
    for k in ("language", "language_confidence", "backend_language",
              "intent", "intent_confidence"):
        assert k in r, (k, r["id"])
    assert r["intent"] in labels, r
    assert 0 < r["intent_confidence"] <= 1, r
    if r["language"] is not None:
        assert len(r["language"]) == 2 and 0 < r["language_confidence"] <= 1
seen = {r["intent"] for r in rows}
assert len(seen) >= 8, seen
PY
then pass "list --json: language, intent, confidences, backend_language"
else fail "list --json fields" "rc=$RC" "$ERR"; fi

run "$B" list --json intent:wism lang:es
printf '%s' "$OUT" > "$T_HOME/es.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/es.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows, "no Spanish where-is-my-order ticket"
for r in rows:
    assert r["language"] == "es" and r["intent"] == "where_is_my_order", r
PY
then pass "intent:wism lang:es: only Spanish where-is-my-order tickets"
else fail "intent:wism lang:es" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" list intent:wismo lang:ja
if [ $RC -eq 0 ] && has "$OUT" " INTENT " && has "$OUT" " ja wismo" ; then
    pass "list: LG and INTENT columns"
else fail "list text columns" "rc=$RC" "$OUT"; fi

run "$B" list intent:bogus
if [ $RC -eq 2 ] && has "$ERR" "unknown intent 'bogus'"; then
    pass "list intent:bogus: a clear error, exit 2"
else fail "intent:bogus" "rc=$RC" "$ERR"; fi

id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" \
    "$T_HOME/es.json")
run "$B" show "$id" --json
printf '%s' "$OUT" > "$T_HOME/show.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/show.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert t["language"] == "es" and t["intent"] == "where_is_my_order", t
assert t["backend_language"] == "es"
buyer = [m for m in t["messages"] if m["author"] == "customer"]
assert buyer and all(m["language"] for m in buyer), buyer
assert any(m["language"] == "es" for m in buyer)
for m in t["messages"]:
    if m["author"] != "customer":
        assert m["language"] is None and m["language_confidence"] is None
PY
then pass "show --json: the ticket's and each buyer message's language"
else fail "show --json" "rc=$RC" "$ERR"; fi

run "$B" list --json lang:unknown
if [ $RC -eq 0 ] && [ "$OUT" = "[]" ]; then
    pass "lang:unknown: every demo ticket has a language"
else fail "lang:unknown" "rc=$RC" "$OUT"; fi
finish
