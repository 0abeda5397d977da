# test_ids.sh: a ticket as the CLI takes it: ttydesk's number, #N as the
# console shows it, ACCOUNT:N; and the errors when it is none of these.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

run "$B" list --json --limit 1
id=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
ext=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["external_id"])')
run "$B" show "#$ext" --json
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c "
import json,sys; assert json.load(sys.stdin)['id'] == $id"; then
    pass "#N, as the console shows a ticket, is the same ticket"
else fail "#N" "rc=$RC" "$ERR"; fi
run "$B" show "demo:$ext" --json
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c "
import json,sys; assert json.load(sys.stdin)['id'] == $id"; then
    pass "ACCOUNT:N"
else fail "ACCOUNT:N" "rc=$RC" "$ERR"; fi
run "$B" show "#99999999"
if [ $RC -ne 0 ] && has "$ERR" "no ticket #99999999 in any account"; then
    pass "#N that no account has"
else fail "#N missing" "rc=$RC" "$ERR"; fi
run "$B" show "x1"
if [ $RC -ne 0 ] && has "$ERR" "'x1' is not a ticket id (42, #1128 or ACCOUNT:1128)"; then
    pass "a word that is no id says the three forms"
else fail "bad id" "rc=$RC" "$ERR"; fi
finish
