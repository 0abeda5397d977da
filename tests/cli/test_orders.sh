# test_orders.sh: `ttydesk orders` with a Shopify shop on loopback beside
# the demo: the buyer's orders looked up by address and by the number the
# ticket names, the cache, --refresh, a linked number, a failing shop, and
# `accounts`. loopback.py checks every request.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
HERE=$(cd "$(dirname "$0")/../drivers" && pwd)

# The screen tests' fixture as the demo: fixed buyers and numbers.
mkdir -p "$T_HOME/share"
ln -s "$TTYDESK_DATADIR/tests/screen/fixture" "$T_HOME/share/demo"
ln -s "$TTYDESK_DATADIR/rules" "$T_HOME/share/rules"
export TTYDESK_DATADIR="$T_HOME/share"

H='"headers": {"X-Shopify-Access-Token": "shpat_cli", "Accept": "application/json"}'
ORDER='{"id": 8001, "name": "#2001", "email": "jonas@example.de",
  "created_at": "2026-11-20T10:00:00+01:00", "closed_at": null,
  "cancelled_at": null, "financial_status": "partially_refunded",
  "fulfillment_status": "partial", "currency": "EUR", "total_price": "89.00",
  "shipping_address": {"country_code": "AT", "city": "Wien"},
  "line_items": [{"sku": "KAFFEE-1", "title": "Röstkaffee", "variant_title": "1 kg",
                  "quantity": 1, "price": "89.00"}],
  "fulfillments": []}'
cat > "$T_HOME/script.json" <<JSON
{"requests": [
 {"method": "GET", "path": "/s/orders.json", $H, "times": 0, "min": 3,
  "query": {"email": "jonas@example.de", "status": "any", "limit": "50"},
  "exact_query": true, "response": {"json": {"orders": [$ORDER]}}},
 {"method": "GET", "path": "/s/orders.json", $H, "times": 0, "min": 3,
  "query": {"name": "#1001", "status": "any", "limit": "10"},
  "exact_query": true, "response": {"json": {"orders": []}}},
 {"method": "GET", "path": "/s/orders.json", $H, "times": 0, "min": 1,
  "query": {"name": "#2002", "status": "any", "limit": "10"},
  "exact_query": true, "response": {"json": {"orders": [
    {"id": 8002, "name": "#2002", "email": "someone.else@example.com",
     "created_at": "2026-11-21T10:00:00+01:00", "financial_status": "paid",
     "fulfillment_status": null, "currency": "EUR", "total_price": "5.00",
     "shipping_address": {"country_code": "DE", "city": "Bonn"},
     "line_items": [], "fulfillments": []}]}}},
 {"method": "GET", "path": "/bad/orders.json", "times": 0, "min": 1,
  "response": {"status": 401, "json": {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"}}}
]}
JSON
python3 "$HERE/loopback.py" "$T_HOME/script.json" "$T_HOME/log.jsonl" \
    > "$T_HOME/port" 2>"$T_HOME/loopback.err" &
LB=$!
i=0
while [ ! -s "$T_HOME/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(head -1 "$T_HOME/port")
RC_FILE="$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
echo "shop eushop shopify http://127.0.0.1:$PORT/s token_env=SHOP_TOKEN ttl=600" > "$RC_FILE"
chmod 600 "$RC_FILE"
export SHOP_TOKEN=shpat_cli
nreq() { cat "$T_HOME/log.jsonl" 2>/dev/null | wc -l; }

run "$B" list --json
id=$(printf '%s' "$OUT" | python3 -c '
import json,sys; print([t["id"] for t in json.load(sys.stdin) if t["external_id"]=="t1"][0])')

run "$B" orders "$id" --json
printf '%s' "$OUT" > "$T_HOME/o1.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/o1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
nums = [o["number"] for o in d["orders"]]
assert nums == ["#2001", "#1001"], nums
o = d["orders"][0]
assert o["ship_city"] == "Wien" and o["items"][0]["name"] == "Röstkaffee (1 kg)", o
assert o["return_days"] == 14 and "EU" in o["return_basis"], o
assert d["looked_up_at"] and d["lookup_error"] is None, d
PY
then pass "orders --json: the shop's order beside the helpdesk's, with the return rule"
else fail "orders --json" "rc=$RC" "$ERR" "$(head -c 400 "$T_HOME/o1.json")"; fi

n1=$(nreq)
run "$B" orders "$id"
n2=$(nreq)
if [ $RC -eq 0 ] && [ "$n1" = "$n2" ] && has "$OUT" "Order #2001 · open · payment partially_refunded"; then
    pass "a second look within the ttl asks the shop nothing"
else fail "cache" "rc=$RC requests $n1 -> $n2" "$OUT"; fi

run "$B" orders "$id" --refresh
n3=$(nreq)
if [ $RC -eq 0 ] && [ "$n3" -eq $((n2 + 2)) ] && has "$ERR" "2 lookups"; then
    pass "--refresh asks again"
else fail "--refresh" "rc=$RC requests $n2 -> $n3" "$ERR"; fi

run "$B" orders "$id" --link '#2002' --json
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert "#2002" in [o["number"] for o in d["orders"]], d'; then
    pass "--link: an order the buyer did not name is looked up and shown"
else fail "--link" "rc=$RC" "$ERR"; fi

run "$B" accounts --json
if printf '%s' "$OUT" | python3 -c '
import json,sys; a={x["name"]: x for x in json.load(sys.stdin)}
assert a["eushop"]["driver"]=="shopify" and a["eushop"]["state"]=="shop", a'; then
    pass "accounts lists the shop as a shop"
else fail "accounts" "$OUT"; fi

echo "shop bad shopify http://127.0.0.1:$PORT/bad token_env=SHOP_TOKEN" >> "$RC_FILE"
run "$B" orders "$id" --refresh
if [ $RC -eq 1 ] && has "$ERR" "bad: HTTP 401: [API] Invalid API key" &&
   has "$OUT" "Order #2001"; then
    pass "a failing shop says why and the others' orders still show"
else fail "failing shop" "rc=$RC" "$ERR"; fi
run "$B" orders "$id" --cached
if [ $RC -eq 0 ] && has "$OUT" "Last lookup failed: bad: HTTP 401"; then
    pass "--cached shows what the last lookup said"
else fail "--cached" "rc=$RC" "$OUT"; fi

echo "shop worse frobshop https://x.example token_env=SHOP_TOKEN" >> "$RC_FILE"
run "$B" orders "$id" --cached
if has "$ERR" "ttydeskrc:3: shop worse: unknown shop 'frobshop'"; then
    pass "an unknown shop is reported against its line"
else fail "unknown shop" "$ERR"; fi

kill $LB 2>/dev/null; wait $LB 2>/dev/null
if python3 "$HERE/loopback.py" --check "$T_HOME/script.json" "$T_HOME/log.jsonl" >"$T_HOME/check" 2>&1; then
    pass "every request was one the script expected"
else fail "loopback check" "$(cat "$T_HOME/check")"; fi
finish
