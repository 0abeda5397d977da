#!/bin/sh
# translate.sh: translation and drafts in the console. With Apertium for
# real: a Spanish ticket's conversation shown in English and back, a reply
# written in English translated into Spanish for review, swapped in and
# sent. With a LibreTranslate loopback server: Japanese, Arabic and Thai
# messages in English, then from the store's cache after a restart with
# no request. With a chat-completions loopback server: a draft in the
# editor, never sent by itself.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console
for t in python3 apertium; do
    command -v $t >/dev/null 2>&1 || {
        echo "1..1"
        echo "ok 1 - translation screen tests # SKIP $t is not installed"
        exit 0
    }
done

# The fixture workspace plus a Spanish ticket (the pair Apertium has).
rm "$tmp/share/demo"
cp -r "$here/fixture" "$tmp/share/demo"
cat >"$tmp/share/demo/tickets/t7.json" <<'JSON'
{"id": "t7", "subject": "Pedido sin llegar", "status": "open", "priority": "normal", "channel": "email", "language": "es", "requester": "c7",
 "created_at": "2026-01-08T12:00:00Z", "updated_at": "2026-01-08T12:00:00Z",
 "messages": [
  {"id": "m8", "author": "customer", "author_name": "Lucía Gómez", "created_at": "2026-01-08T12:00:00Z", "body": "¿Dónde está mi pedido? Todavía no ha llegado."}
 ]}
JSON
python3 - "$tmp/share/demo/customers.json" <<'PY'
import json, sys
p = sys.argv[1]
c = json.load(open(p, encoding="utf-8"))
c.append({"id": "c7", "name": "Lucía Gómez", "email": "lucia@example.es",
          "country": "ES", "timezone": "Europe/Madrid", "locale": "es-ES"})
json.dump(c, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY

# The loopback server: LibreTranslate for ja, ar, th (each answered once:
# a second request would get 599), and a chat endpoint.
cat >"$tmp/lt.json" <<'JSON'
[
 {"method": "POST", "path": "/lt/translate",
  "headers": {"Content-Type": "application/json", "Authorization": null},
  "json": {"q": "こんにちは。一週間前に注文した抹茶セットがまだ届いていません。追跡番号を教えていただけますか？よろしくお願いいたします。",
           "source": "ja", "target": "en", "format": "text"},
  "response": {"json": {"translatedText": "Hello. The matcha set I ordered a week ago has not arrived yet. Could you tell me the tracking number? Thank you."}},
  "min": 1},
 {"method": "POST", "path": "/v1/chat/completions",
  "headers": {"Content-Type": "application/json", "Authorization": null},
  "body_contains": ["\"model\":\"test-model\"", "in Japanese (ja)",
                    "[buyer] こんにちは。一週間前に注文した抹茶セット",
                    "\"stream\":false"],
  "response": {"json": {"choices": [{"index": 0, "message": {"role": "assistant",
      "content": "山田様、お問い合わせありがとうございます。追跡番号をお調べします。"}}]}},
  "min": 1}
]
JSON
python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" "$tmp/lt.json" \
    "$tmp/lt.log" >"$tmp/port" 2>"$tmp/server.err" &
server=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do
    sleep 0.05
    i=$((i + 1))
done
port=$(head -n 1 "$tmp/port")
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT

printf ':quit\n' >"$tmp/script"
run_script 120 30
mkdir -p "$tmp/config/ttydesk"
cat >"$tmp/config/ttydesk/ttydeskrc" <<RC
account demo local "$tmp/data/ttydesk/demo"
translator ap command "apertium -u {from3}-{to3}" pairs=en-es,es-en
translator lt libretranslate http://127.0.0.1:$port/lt
drafter ai openai http://127.0.0.1:$port/v1 model=test-model
set translate_to = en
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"

# Apertium: the conversation in English, T back to Spanish; a reply
# typed in English, M-t translates it under the draft, M-o swaps it in,
# C-s sends the Spanish.
cat >"$tmp/script" <<SCRIPT
/Pedido<Enter>
<Enter>
:translate on
@wait
:save-screen $tmp/on
T
:save-screen $tmp/off
rWhere is my order? It has not arrived.
<M-t>
@wait
:save-screen $tmp/review
<M-o>
:save-screen $tmp/swapped
<C-s>
:save-screen $tmp/confirm
y
@wait
:save-screen $tmp/sent
SCRIPT
run_script 120 30
check_has "the Spanish conversation in English (Apertium)" "$tmp/on" \
    '│   \[es → en, ap · T shows the original\]$' \
    '│   Where it is my request\? Still it has not arrived\.$' \
    '^conversation in English \(ap\): T shows the originals$'
check_has "T (in the conversation) shows the original again" "$tmp/off" \
    '│   ¿Dónde está mi pedido\? Todavía no ha llegado\.$' \
    '^conversation as written$'
grep -q 'Where it is my request' "$tmp/off" &&
    not_ok "no translation left after T" || ok "no translation left after T"
check_has "the draft and its Spanish translation, both shown" \
    "$tmp/review" '│ Where is my order\? It has not arrived\.$' \
    '│ ── Spanish translation by ap \(M-o puts it in the editor\)' \
    '│ Dónde es mi orden\? No ha llegado\.$'
check_has "M-o: the Spanish in the editor, the English original below" \
    "$tmp/swapped" '│ ── your English original \(M-o swaps back\)' \
    '^the editor holds the Spanish version \(machine translated\): C-s'
check_has "the confirmation says which version goes" "$tmp/confirm" \
    '^Send this reply to the buyer in Spanish \(machine translated\)\? \(y/n\)$'
check_has "the Spanish reply was sent" "$tmp/sent" \
    '│ ● agent \[agent\] ' '│   Dónde es mi orden\? No ha llegado\.$' \
    '^reply sent$'

# LibreTranslate: Japanese in English (wide text wraps by width).
cat >"$tmp/script" <<SCRIPT
:set translator = lt
/hanako<Enter>
<Enter>
<M-t>
@wait
:save-screen $tmp/ja
SCRIPT
run_script 120 30
check_has "Japanese shown in English through LibreTranslate" "$tmp/ja" \
    '│   \[ja → en, lt · T shows the original\]$' \
    '│   Hello\. The matcha set I ordered a week ago has not arrived yet\.'
# A restart: from the store, nothing asked (the server answers once).
run_script 120 30
mv "$tmp/ja" "$tmp/ja1"
run_script 120 30
check_has "after a restart the translation comes from the cache" "$tmp/ja" \
    '│   \[ja → en, lt, cached · T shows the original\]$' \
    '│   Hello\. The matcha set I ordered a week ago'

# The drafter: M-g writes a draft into the editor; nothing is sent.
cat >"$tmp/script" <<SCRIPT
/hanako<Enter>
<Enter>
<M-g>
@wait
:save-screen $tmp/draft
SCRIPT
run_script 120 30
check_has "the drafter's reply lands in the editor for review" \
    "$tmp/draft" '│ 山田様、お問い合わせありがとうございます。' \
    '^draft from ai: read it before sending' '│ +Reply \(C-s sends\)'
check_has "the draft was not sent" "$tmp/draft" ' 1 msg$' '\| outbox 0$'

kill $server 2>/dev/null
wait $server 2>/dev/null
if python3 "$TTYDESK_DATADIR/tests/drivers/loopback.py" --check \
    "$tmp/lt.json" "$tmp/lt.log" >"$tmp/check" 2>&1; then
    ok "the servers saw exactly the expected requests"
else
    not_ok "the servers saw exactly the expected requests"
    sed 's/^/# /' "$tmp/check"
fi
finish
