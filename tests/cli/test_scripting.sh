# test_scripting.sh: ttydesk for scripts: list --view with --plain, --csv and
# --json; -e and --batch running console commands without the screen;
# --no-input; the exit statuses; read-only refusals on the CLI and in -e.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN
ws="$T_HOME/ws"
mkdir -p "$ws/tickets"
now=$(date -u +%s)
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
cat >"$ws/customers.json" <<JSON
[{"id": "c1", "name": "=HYPERLINK(\"http://evil\")", "email": "a@example.com", "country": "DE"},
 {"id": "c2", "name": "山田 花子", "email": "hanako@example.jp", "country": "JP"}]
JSON
# w1 breaches (due an hour ago), w2 is due tomorrow, w3 is solved
cat >"$ws/tickets/w1.json" <<JSON
{"id": "w1", "subject": "Where is my order, \"please\"?", "status": "open", "channel": "email", "requester": "c1", "assignee": "alice",
 "created_at": "$(iso $((now - 7200)))", "first_response_due": "$(iso $((now - 3600)))", "tags": ["wismo"],
 "messages": [{"id": "m1", "author": "customer", "body": "where?\tnow\nplease"}]}
JSON
cat >"$ws/tickets/w2.json" <<JSON
{"id": "w2", "subject": "配送状況を教えてください", "status": "open", "channel": "line", "requester": "c2",
 "created_at": "$(iso $((now - 600)))", "first_response_due": "$(iso $((now + 86400)))", "tags": ["wismo"],
 "messages": [{"id": "m1", "author": "customer", "body": "まだですか", "created_at": "$(iso $((now - 600)))"}]}
JSON
cat >"$ws/tickets/w3.json" <<JSON
{"id": "w3", "subject": "Thanks", "status": "solved", "channel": "web", "requester": "c2",
 "created_at": "$(iso $((now - 600)))", "messages": []}
JSON
rc="$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
cat >"$rc" <<RC
account shop local "$ws"
set agent_name = alice
set confirm_send = yes
view wismo "tag:wismo status:unsolved"
RC
chmod 600 "$rc"

# ---- list ----
run "$B" list --view breaching --plain
if [ $RC -eq 0 ] && [ "$(printf '%s\n' "$OUT" | wc -l)" -eq 1 ] &&
   has "$OUT" "$(printf 'shop\tw1\topen\tnormal\temail')"; then
    pass "list --view breaching --plain: one tab-separated line per ticket"
else fail "list --view breaching --plain" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" list --view wismo --plain sort:id
if [ $RC -eq 0 ] && [ "$(printf '%s\n' "$OUT" | cut -f3 | tr '\n' ' ')" = "w1 w2 " ]; then
    pass "list --view with an rc view and an extra query term"
else fail "list --view wismo" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" list --view wismo --csv sort:id
line1=$(printf '%s\n' "$OUT" | head -1 | tr -d '\r')
if [ $RC -eq 0 ] && [ "$line1" = "id,account,external_id,status,priority,channel,language,country,buyer,email,assignee,created_at,updated_at,first_response_due,subject" ] &&
   has "$OUT" '"'"'"'=HYPERLINK(""http://evil"")"' &&
   has "$OUT" '"Where is my order, ""please""?"' &&
   has "$OUT" '山田 花子'; then
    pass "list --csv: header, RFC 4180 quoting, no formula injection"
else fail "list --csv" "rc=$RC" "$OUT" "$ERR"; fi
printf '%s' "$OUT" >"$T_HOME/l.csv"
if python3 - "$T_HOME/l.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert [r["external_id"] for r in rows] == ["w1", "w2"], rows
assert rows[0]["buyer"] == "'=HYPERLINK(\"http://evil\")", rows[0]["buyer"]
assert rows[1]["subject"] == "配送状況を教えてください"
PY
then pass "list --csv reads back with Python's csv module"
else fail "list --csv reads back"; fi

run "$B" list --view breaching --json
printf '%s' "$OUT" >"$T_HOME/l.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/l.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["external_id"] for r in rows] == ["w1"], rows
assert rows[0]["first_response_due"] and rows[0]["assignee"] == "alice"
PY
then pass "list --view breaching --json"
else fail "list --json" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" list --view nope
if [ $RC -eq 2 ] && has "$ERR" "no view 'nope'"; then pass "unknown view: exit 2"
else fail "unknown view" "rc=$RC" "$ERR"; fi
run "$B" list --csv --json
if [ $RC -eq 2 ]; then pass "two formats: exit 2"; else fail "two formats" "rc=$RC"; fi

# ---- -e and --batch ----
run "$B" -e ':view' -e 'sort updated'
if [ $RC -eq 0 ] && has "$OUT" "views: all open mine unassigned breaching wismo" &&
   has "$OUT" "sorted by updated"; then
    pass "-e runs console commands, messages on stdout"
else fail "-e" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" -e ':open shop:w2' -e ':bulk-tag +vip' -e ':frobnicate' -e ':bulk-tag +late'
if [ $RC -eq 1 ] && has "$ERR" "-e:3: unknown command 'frobnicate'" &&
   has "$OUT" "tags changed on 1 ticket"; then
    pass "-e: an error says which -e, exit 1, and stops there"
else fail "-e error" "rc=$RC" "$OUT" "$ERR"; fi
run "$B" list --plain tag:vip
run2=$OUT
run "$B" list --plain tag:late
if has "$run2" "$(printf '\tw2\t')" && [ -z "$OUT" ]; then
    pass "-e changed the ticket, and nothing after the error ran"
else fail "-e effects" "$run2" "$OUT"; fi

cat >"$T_HOME/batch" <<'BATCH'
# a comment, then a blank line

:open shop:w1
bulk-status pending
filter lang:
BATCH
run "$B" --batch "$T_HOME/batch"
if [ $RC -eq 1 ] && has "$ERR" "$T_HOME/batch:5: " && has "$OUT" "status pending on 1 ticket"; then
    pass "--batch: errors as FILE:LINE:, exit 1"
else fail "--batch" "rc=$RC" "$OUT" "$ERR"; fi
run "$B" list --plain status:pending
if has "$OUT" "$(printf '\tw1\t')"; then pass "--batch changed the ticket"
else fail "--batch effect" "$OUT"; fi

printf ':view\n' | "$B" --batch - >"$T_HOME/out" 2>&1
if [ $? -eq 0 ] && grep -q "views:" "$T_HOME/out"; then pass "--batch - reads stdin"
else fail "--batch -" "$(cat "$T_HOME/out")"; fi

# a question (confirm_send) with --no-input fails instead of asking
run "$B" --no-input -e ':open shop:w2' -e ':reply' -e ':send'
if [ $RC -eq 1 ] && has "$ERR" "-e:3: nothing to send"; then
    pass "-e :send with an empty draft fails"
else fail "empty send" "rc=$RC" "$ERR"; fi
# a draft left by the console: -e can send it, but confirm_send asks first
id2=$("$B" list --plain tag:wismo sort:id | sed -n 2p | cut -f1)
sqlite3 "$XDG_DATA_HOME/ttydesk/store.db" \
    "INSERT INTO drafts(ticket_id, body, is_note, updated_at) VALUES($id2, 'Danke, es ist unterwegs.', 0, 1)"
run "$B" --no-input -e ':open shop:w2' -e ':reply' -e ':send'
if [ $RC -eq 1 ] && has "$ERR" "-e:3: 'Send this reply to the buyer? (y/n)' needs an answer and input is off"; then
    pass "--no-input: a question is an error, not a prompt"
else fail "--no-input question" "rc=$RC" "$OUT" "$ERR"; fi
run "$B" outbox --json
if ! has "$OUT" "Danke"; then pass "nothing was sent without an answer"
else fail "sent without answer" "$OUT"; fi
run "$B" -e 'set confirm_send = no' -e ':open shop:w2' -e ':reply' -e ':send'
if [ $RC -eq 0 ] && has "$OUT" "reply sent" && grep -q "unterwegs" "$ws/tickets/w2.json"; then
    pass "-e sends a draft through the outbox when nothing needs asking"
else fail "-e send" "rc=$RC" "$OUT" "$ERR"; fi

run "$B" --no-input
if [ $RC -eq 2 ] && has "$ERR" "--no-input"; then pass "--no-input without a command: exit 2"
else fail "--no-input console" "rc=$RC" "$ERR"; fi
run "$B" -e ':view' list
if [ $RC -eq 2 ]; then pass "-e with a command: exit 2"; else fail "-e and command" "rc=$RC"; fi

run "$B" -e ':notify new-ticket view=wismo' -e ':dump-config'
if [ $RC -eq 0 ] && has "$OUT" "notify new-ticket view=wismo" &&
   has "$OUT" 'view wismo "tag:wismo status:unsolved"'; then
    pass "-e ':dump-config' prints the configuration, rc lines included"
else fail "-e dump-config" "rc=$RC" "$OUT" "$ERR"; fi
run "$B" -e ':notify new-tickets'
if [ $RC -eq 1 ] && has "$ERR" "-e:1: notify: unknown event 'new-tickets'"; then
    pass "-e: a bad rc line is an error with its place"
else fail "-e bad rc line" "rc=$RC" "$ERR"; fi
run env COLUMNS=120 LINES=30 "$B" -e ':open shop:w2' \
    -e ':save-screen '"$T_HOME/shot" -e ':set pii_mask' \
    -e ':save-screen '"$T_HOME/shot2"
if [ $RC -eq 0 ] && grep -q 'hanako@example.jp' "$T_HOME/shot" 2>/dev/null &&
   grep -q '\*\*\*\*\*\*@\*\*\*\*\*\*\*\.\*\*' "$T_HOME/shot2" &&
   ! grep -q 'hanako@example' "$T_HOME/shot2"; then
    pass "-e ':save-screen' with the PII mask: a shareable screenshot"
else fail "-e save-screen" "rc=$RC" "$ERR"; fi

# ---- read-only ----
run "$B" --readonly reply shop:w2 --text "hi"
if [ $RC -eq 5 ] && has "$ERR" "reply: read-only mode"; then
    pass "--readonly reply: exit 5, says why"
else fail "--readonly reply" "rc=$RC" "$ERR"; fi
run "$B" --readonly update shop:w2 --status solved
if [ $RC -eq 5 ] && has "$ERR" "update: read-only mode"; then
    pass "--readonly update: exit 5"
else fail "--readonly update" "rc=$RC" "$ERR"; fi
run "$B" --readonly outbox --flush
if [ $RC -eq 5 ]; then pass "--readonly outbox --flush: exit 5"
else fail "--readonly outbox --flush" "rc=$RC" "$ERR"; fi
run "$B" --readonly outbox
if [ $RC -eq 0 ]; then pass "--readonly outbox (a listing) still works"
else fail "--readonly outbox" "rc=$RC" "$ERR"; fi
run "$B" --readonly list --plain
if [ $RC -eq 0 ] && [ -n "$OUT" ]; then pass "--readonly list still works"
else fail "--readonly list" "rc=$RC"; fi
for cmd in ':bulk-status solved' ':bulk-assign me' ':bulk-tag +x' ':reply' ':note' ':send'; do
    run "$B" --readonly -e ':open shop:w2' -e "$cmd"
    w=${cmd#:}
    if [ $RC -eq 5 ] && has "$ERR" "-e:2: ${w%% *}: read-only mode"; then
        :
    else
        fail "--readonly -e '$cmd'" "rc=$RC" "$ERR"
        cmd=bad
        break
    fi
done
[ "$cmd" != bad ] && pass "--readonly -e: every write command refused, exit 5"
printf 'set readonly = yes\n' >>"$rc"
run "$B" update shop:w2 --status solved
if [ $RC -eq 5 ]; then pass "set readonly = yes in the rc file: the CLI refuses"
else fail "set readonly" "rc=$RC" "$ERR"; fi
run "$B" list --plain status:solved
if ! has "$OUT" "$(printf '\tw2\t')"; then pass "nothing changed in read-only mode"
else fail "read-only changed something" "$OUT"; fi

finish
