# test_template.sh: ttydesk template list|show|render on the demo workspace.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

run "$B" template list
if [ $RC -eq 0 ] && [ "$(printf '%s\n' "$OUT" | wc -l)" -eq 11 ] &&
    has "$OUT" "wismo" && has "$OUT" "en,es,de,fr,pt-BR,ja,ar" &&
    [ -z "$ERR" ]; then
    pass "list: the ten shipped templates, seven languages each"
else fail "list" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template list --json --lang ja
printf '%s' "$OUT" > "$T_HOME/list.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/list.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 10, len(rows)
need = {"id", "name", "code", "description", "intent", "tags", "status",
        "type", "approved", "languages", "path"}
for r in rows:
    assert set(r) == need, set(r) ^ need
    assert "ja" in r["languages"] and r["type"] in ("public", "note")
w = [r for r in rows if r["id"] == "wismo"][0]
assert w["code"] == "wis" and w["status"] == "pending", w
assert w["approved"] == ["whatsapp", "line"], w["approved"]
PY
then pass "list --json --lang ja: shape"
else fail "list --json" "rc=$RC" "$(head -c 300 "$T_HOME/list.json")"; fi

run "$B" template list --lang tr
if [ $RC -eq 0 ] && [ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ]; then
    pass "list --lang tr: no Turkish templates shipped"
else fail "list --lang tr" "$OUT"; fi

run "$B" template show rfd --json
printf '%s' "$OUT" > "$T_HOME/show.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/show.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
assert t["id"] == "refund-issued", t["id"]
v = {x["language"]: x for x in t["variants"]}
assert set(v) == {"en", "es", "de", "fr", "pt-BR", "ja", "ar"}, set(v)
assert v["ja"]["prompts"] == ["refund_amount"], v["ja"]
assert "{{?refund_amount}}" in v["de"]["body"]
PY
then pass "show --json by short code: variants and their prompts"
else fail "show --json" "rc=$RC" "$(head -c 300 "$T_HOME/show.json")"; fi

run "$B" template show wismo
if [ $RC -eq 0 ] && has "$OUT" "[ja]" && has "$OUT" "{{customer.name || \"お客\"}}様"
then pass "show: the file's sections as written"
else fail "show" "$OUT"; fi

# Demo tickets: Spanish and Japanese with an order and a parcel, and one
# whose buyer has no order.
"$B" list --json > "$T_HOME/all.json"
python3 - "$T_HOME/all.json" > "$T_HOME/ids" <<'PY'
import json, os, subprocess, sys
rows = json.load(open(sys.argv[1]))
found = {}
for r in rows:
    lang = r["language"]
    key = lang if lang in ("es", "ja") else None
    if key in found and "none" in found:
        continue
    t = json.loads(subprocess.run(
        [os.environ["TTYDESK_BIN"], "show", str(r["id"]), "--json"],
        capture_output=True, text=True).stdout)
    if not t["orders"]:
        found.setdefault("none", r["id"])
    # One order, so that it is the one rendered; its parcel has scans.
    elif (key and len(t["orders"]) == 1 and t["shipments"] and
          t["shipments"][-1]["tracking_number"] and
          t["shipments"][-1]["events"]):
        found.setdefault(key, r["id"])
    if len(found) == 3:
        break
print(found["es"], found["ja"], found["none"])
PY
read -r ES JA NONE < "$T_HOME/ids"

run "$B" template render wismo "$ES"
if [ $RC -eq 0 ] && has "$OUT" "¡Hola" && has "$OUT" "pedido #" &&
    has "$ERR" "used es" && ! has "$OUT" "{{"; then
    pass "render wismo for a Spanish ticket ($ES)"
else fail "render es" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template render wis "$JA"
if [ $RC -eq 0 ] && has "$OUT" "様" && has "$OUT" "ご注文#" &&
    has "$OUT" "年" && has "$ERR" "used ja"; then
    pass "render wismo for a Japanese ticket ($JA): keigo, dates"
else fail "render ja" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template render wismo "$JA" --lang pt
if [ $RC -eq 0 ] && has "$OUT" "Olá" &&
    has "$ERR" "pt not found, used pt-BR, the closest variant"; then
    pass "render --lang pt: variant and why"
else fail "render --lang pt" "$OUT" "$ERR"; fi

run "$B" template render wismo "$NONE"
if [ $RC -eq 1 ] && [ -z "$OUT" ] &&
    has "$ERR" "unresolved: order.number"; then
    pass "render refuses an unresolved variable and names it"
else fail "unresolved" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template render wismo "$NONE" --var 'order.number=#9999'
if [ $RC -eq 0 ] && has "$OUT" "#9999"; then
    pass "--var fills a variable the store lacks"
else fail "--var variable" "rc=$RC" "$ERR"; fi

run "$B" template render refund-issued "$ES"
if [ $RC -eq 1 ] && has "$ERR" "needs input: ?refund_amount"; then
    pass "render asks for an unfilled prompt"
else fail "prompt" "rc=$RC" "$ERR"; fi

run "$B" template render refund-issued "$ES" --var 'refund_amount=12,00 € {{agent.name}}'
if [ $RC -eq 0 ] && has "$OUT" "reembolso de 12,00 € {{agent.name}}"; then
    pass "--var fills a prompt; a value with {{ is not expanded"
else fail "--var prompt" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template render refund-issued "$JA" --json
printf '%s' "$OUT" > "$T_HOME/render.json"
if [ $RC -eq 1 ] && python3 - "$T_HOME/render.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
need = {"template", "ticket", "language", "why", "ready", "text",
        "unresolved", "needs_input", "status", "type", "channel",
        "approved_for_channel"}
assert set(r) == need, set(r) ^ need
assert r["template"] == "refund-issued" and r["language"] == "ja", r
assert r["ready"] is False and r["needs_input"] == ["refund_amount"], r
assert r["unresolved"] == [] and "{{?refund_amount}}" in r["text"], r
assert r["status"] == "solved" and r["type"] == "public", r
assert isinstance(r["approved_for_channel"], bool)
PY
then pass "render --json: shape of a reply that is not ready"
else fail "render --json" "rc=$RC" "$(head -c 400 "$T_HOME/render.json")"; fi

# The agent's own directory comes first; its errors read file:line.
mkdir -p "$XDG_CONFIG_HOME/ttydesk/templates"
cat > "$XDG_CONFIG_HOME/ttydesk/templates/wismo.tmpl" <<'EOF'
name = Our own
[en]
Hey {{customer.name}}, it is {{tracking.status || "on its way"}}.
EOF
printf 'name = bad\nstaus = open\n[en]\n{{#if order}}x\n' \
    > "$XDG_CONFIG_HOME/ttydesk/templates/bad.tmpl"
run "$B" template render wismo "$ES" --lang en
if [ $RC -eq 0 ] && has "$OUT" "Hey " && has "$ERR" "bad.tmpl:2: unknown key 'staus'" &&
    has "$ERR" "bad.tmpl:4: {{#if}} is never closed"; then
    pass "the agent's template hides the shipped one; errors say file:line"
else fail "user dir" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" template render nosuch "$ES"
if [ $RC -eq 1 ] && has "$ERR" "no template 'nosuch'"; then
    pass "unknown template"
else fail "unknown template" "rc=$RC" "$ERR"; fi

run "$B" template render wismo
if [ $RC -eq 2 ]; then pass "render without a ticket is a usage error"
else fail "usage" "rc=$RC" "$ERR"; fi

run "$B" template render wismo "$ES" --var novalue
if [ $RC -eq 2 ] && has "$ERR" "not name=value"; then pass "--var needs name=value"
else fail "--var syntax" "rc=$RC" "$ERR"; fi

finish
