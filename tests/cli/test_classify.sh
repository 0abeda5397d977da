# test_classify.sh: `ttydesk classify`, plain, --json and --lines, and the
# error when the models are missing.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

msg='Hello, my order has not arrived yet, where is it?'
run sh -c "printf '%s' '$msg' | '$B' classify --json"
printf '%s' "$OUT" > "$T_HOME/one.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/one.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert set(r) == {"language", "language_confidence", "intent",
                  "intent_confidence"}, r
assert r["language"] == "en" and r["intent"] == "where_is_my_order", r
assert 0.5 <= r["language_confidence"] <= 1 and 0 < r["intent_confidence"] <= 1
PY
then pass "classify --json: language and intent with confidences"
else fail "classify --json" "rc=$RC" "$OUT" "$ERR"; fi

printf 'ok\n#1234\nQuiero cancelar mi pedido\n注文した商品が壊れていました\n' \
    > "$T_HOME/four.txt"
run sh -c "'$B' classify --lines < '$T_HOME/four.txt'"
n=$(printf '%s\n' "$OUT" | wc -l)
l1=$(printf '%s\n' "$OUT" | sed -n 1p | cut -f1)
l2=$(printf '%s\n' "$OUT" | sed -n 2p | cut -f1)
l3=$(printf '%s\n' "$OUT" | sed -n 3p | cut -f1,3)
l4=$(printf '%s\n' "$OUT" | sed -n 4p | cut -f1,3)
if [ $RC -eq 0 ] && [ "$n" -eq 4 ] && [ "$l1" = unknown ] &&
   [ "$l2" = unknown ] &&
   [ "$l3" = "es	cancel_order" ] && [ "$l4" = "ja	damaged_defective" ]; then
    pass "classify --lines: one result per line, short text unknown"
else fail "classify --lines" "rc=$RC" "$OUT"; fi

# Speed: 20,000 lines must take well under the time a script would wait.
python3 -c "
import sys
msgs = ['Where is my order 1234?', 'Quiero devolver la chaqueta',
        'Das Paket kam kaputt an', 'ok', 'Merci beaucoup']
sys.stdout.write(''.join(msgs[i % 5] + '\n' for i in range(20000)))" \
    > "$T_HOME/many.txt"
start=$(date +%s%N)
run sh -c "'$B' classify --lines --json < '$T_HOME/many.txt'"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
n=$(printf '%s\n' "$OUT" | grep -c '"intent"')
if [ $RC -eq 0 ] && [ "$n" -eq 20000 ] && [ "$ms" -lt 10000 ]; then
    pass "classify --lines --json: 20,000 lines in ${ms} ms"
else fail "classify --lines --json on 20,000 lines" "rc=$RC n=$n ms=$ms"; fi

run sh -c "echo hi | '$B' classify --frobnicate"
if [ $RC -eq 2 ] && has "$ERR" "usage: ttydesk classify"; then
    pass "classify: unknown option is a usage error"
else fail "classify usage" "rc=$RC" "$ERR"; fi

mkdir -p "$T_HOME/share/models"
printf 'garbage' > "$T_HOME/share/models/langid.bin"
run sh -c "echo hello there | TTYDESK_DATADIR='$T_HOME/share' '$B' classify"
if [ $RC -eq 1 ] && has "$ERR" "not a ttydesk language model"; then
    pass "classify: a malformed model is a clear error"
else fail "classify with a malformed model" "rc=$RC" "$ERR"; fi

finish
