# test_translate.sh: `ttydesk translate` for scripts: Apertium both ways,
# a LibreTranslate loopback server (Arabic, Thai, auth and rate-limit
# failures), --json, the exit statuses, the cache (a second run asks
# nothing), bad rc lines and bad arguments.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
RC_FILE="$XDG_CONFIG_HOME/ttydesk/ttydeskrc"

if ! command -v apertium >/dev/null 2>&1 || ! command -v python3 >/dev/null; then
    skip "translate" "apertium or python3 is not installed (tools/deps.sh)"
    finish
    exit $?
fi

cat >"$T_HOME/lt.json" <<'JSON'
[
 {"method": "POST", "path": "/translate",
  "headers": {"Content-Type": "application/json"},
  "json": {"q": "مرحبا، أين طلبي؟", "source": "auto", "target": "en",
           "format": "text", "api_key": "k-123"},
  "response": {"json": {"translatedText": "Hello, where is my order?",
               "detectedLanguage": {"confidence": 90.0, "language": "ar"}}},
  "min": 1},
 {"method": "POST", "path": "/translate",
  "json": {"q": "สินค้ายังไม่มาถึงค่ะ", "source": "th", "target": "en",
           "format": "text", "api_key": "k-123"},
  "response": {"status": 429, "headers": {"Retry-After": "600"},
               "json": {"error": "Too many requests"}},
  "min": 1},
 {"method": "POST", "path": "/translate",
  "body_contains": "bad key",
  "response": {"status": 403, "json": {"error": "Invalid API key"}},
  "min": 1}
]
JSON
python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" "$T_HOME/lt.json" \
    "$T_HOME/lt.log" >"$T_HOME/port" 2>"$T_HOME/server.err" &
server=$!
i=0
while [ ! -s "$T_HOME/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
port=$(head -n 1 "$T_HOME/port")

cat >"$RC_FILE" <<RC
translator ap command "apertium -u {from3}-{to3}" pairs=en-es,es-en
translator lt libretranslate http://127.0.0.1:$port token_env=LT_KEY
RC
chmod 600 "$RC_FILE"
export LT_KEY=k-123

run sh -c "printf 'Where is my order? It has not arrived.' | '$B' translate --from en --to es"
if [ $RC -eq 0 ] && [ "$OUT" = "Dónde es mi orden? No ha llegado." ]; then
    pass "translate: English to Spanish with Apertium"
else fail "translate en->es" "rc=$RC" "$OUT" "$ERR"; fi

run sh -c "printf '¿Dónde está mi pedido?\n' | '$B' translate --from es --json"
printf '%s' "$OUT" >"$T_HOME/es.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/es.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert r["ok"] is True and r["from"] == "es" and r["to"] == "en", r
assert r["provider"] == "ap" and r["cached"] is False, r
assert "order" in r["text"] or "request" in r["text"], r
PY
then pass "translate --json: Spanish to English (translate_to), provider ap"
else fail "translate --json es->en" "rc=$RC" "$OUT" "$ERR"; fi

run sh -c "printf '¿Dónde está mi pedido?' | '$B' translate --from es --json"
if [ $RC -eq 0 ] && has "$OUT" '"cached":	true'; then
    pass "translate: the second run comes from the cache"
else fail "translate cache" "rc=$RC" "$OUT" "$ERR"; fi

run sh -c "printf 'مرحبا، أين طلبي؟' | '$B' translate --provider lt --json"
if [ $RC -eq 0 ] && has "$OUT" '"from":	"ar"' &&
   has "$OUT" '"text":	"Hello, where is my order?"'; then
    pass "translate --provider lt: Arabic, source detected by the server"
else fail "translate lt ar" "rc=$RC" "$OUT" "$ERR"; fi
run sh -c "printf 'مرحبا، أين طلبي؟' | '$B' translate --provider lt"
if [ $RC -eq 0 ] && [ "$OUT" = "Hello, where is my order?" ]; then
    pass "translate: cached, no second request"
else fail "translate lt cached" "rc=$RC" "$OUT" "$ERR"; fi

run sh -c "printf 'สินค้ายังไม่มาถึงค่ะ' | '$B' translate --provider lt --from th --json"
if [ $RC -eq 4 ] && has "$OUT" '"retry_after":	600' &&
   has "$ERR" 'rate limited (HTTP 429): retry in 600 s'; then
    pass "translate: 429 exits 4 with retry_after"
else fail "translate 429" "rc=$RC" "$OUT" "$ERR"; fi

run sh -c "printf 'bad key' | '$B' -d '$T_HOME/debug.log' translate --provider lt --from en --to de"
if [ $RC -eq 1 ] && has "$ERR" 'lt: HTTP 403: Invalid API key'; then
    pass "translate: a refused key exits 1 with the server's words"
else fail "translate 403" "rc=$RC" "$OUT" "$ERR"; fi
if grep -q 'POST /translate' "$T_HOME/debug.log" &&
   ! grep -q 'k-123' "$T_HOME/debug.log"; then
    pass "translate -d: the request is logged, the key is not"
else fail "translate -d log" "$(cat "$T_HOME/debug.log")"; fi

run sh -c "printf 'hola' | '$B' translate --to english"
if [ $RC -eq 2 ] && has "$ERR" "bad target language 'english'"; then
    pass "translate: a bad language exits 2"
else fail "translate bad lang" "rc=$RC" "$OUT" "$ERR"; fi
run sh -c "printf '' | '$B' translate --from es"
if [ $RC -eq 2 ] && has "$ERR" "nothing to translate"; then
    pass "translate: empty input exits 2"
else fail "translate empty" "rc=$RC" "$OUT" "$ERR"; fi
run sh -c "printf 'hola' | '$B' translate --frm es"
if [ $RC -eq 2 ] && has "$ERR" "usage: ttydesk translate"; then
    pass "translate: a bad option exits 2 with the usage"
else fail "translate usage" "rc=$RC" "$OUT" "$ERR"; fi
run sh -c "printf 'Bonjour' | '$B' translate --from fr"
if [ $RC -eq 1 ] && has "$ERR" "ap has no fr-en pair"; then
    pass "translate: a pair Apertium lacks exits 1"
else fail "translate no pair" "rc=$RC" "$OUT" "$ERR"; fi

# Broken lines: file:line errors, and no translator at all exits 3.
cat >"$RC_FILE" <<'RC'
translator x deepl https://api.deepl.com token_env=NOT_SET_ANYWHERE
translator y google https://translate.example.com
RC
run sh -c "printf 'hola' | '$B' translate --from es"
if [ $RC -eq 3 ] && has "$ERR" "ttydeskrc:1: translator x: \$NOT_SET_ANYWHERE is not set" &&
   has "$ERR" "ttydeskrc:2: translator y: unknown provider 'google'"; then
    pass "translate: rc errors as file:line, no usable translator exits 3"
else fail "translate rc errors" "rc=$RC" "$OUT" "$ERR"; fi
cat >"$RC_FILE" <<'RC'
translator x libretranslate https://translate.example.com api_key=abc
RC
run sh -c "printf 'hola' | '$B' translate --from es"
if [ $RC -eq 3 ] && has "$ERR" "put secrets in token_cmd= or token_env="; then
    pass "translate: a key in the rc file is refused"
else fail "translate secret in rc" "rc=$RC" "$OUT" "$ERR"; fi

kill $server 2>/dev/null
wait $server 2>/dev/null
if python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" --check \
    "$T_HOME/lt.json" "$T_HOME/lt.log" >"$T_HOME/check" 2>&1; then
    pass "the server saw exactly the expected requests"
else fail "server check" "$(cat "$T_HOME/check")"; fi
finish
