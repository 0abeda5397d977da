# test_show_hostile.sh: `ttydesk show` prints a ticket's orders and parcels
# as the shop and the carrier wrote them, but escape sequences in those
# fields (an item name, the buyer's own shipping city, a carrier) reach the
# terminal as visible placeholders, as in the console and `orders`.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

# The screen tests' fixture workspace, with hostile order and parcel fields.
share="$T_HOME/share"
mkdir -p "$share"
cp -R "$TTYDESK_DATADIR/tests/screen/fixture" "$share/demo"
ln -s "$TTYDESK_DATADIR/rules" "$share/rules"
python3 - "$share/demo" <<'PY'
import json, os, sys
d = sys.argv[1]
p = os.path.join(d, "orders.json")
orders = json.load(open(p))
o = orders[0]
o["ship_city"] = "Ber\x1b[31mlin"
o["items"][0]["name"] = "Mug \x1b]0;pwned\x07\x1b[2J"
o["items"][0]["sku"] = "MUG\x9b5m"
json.dump(orders, open(p, "w"))
p = os.path.join(d, "shipments.json")
ships = json.load(open(p))
ships[0]["carrier"] = "DHL\x1b[10;10H"
json.dump(ships, open(p, "w"))
PY
export TTYDESK_DATADIR="$share" TTYDESK_NOW=2026-01-10T12:00:00Z

run "$B" show demo:t1
printf '%s' "$OUT" >"$T_HOME/show"
if [ $RC -eq 0 ] && has "$OUT" "order #1001"; then
    pass "show prints the ticket's order"
else fail "show demo:t1" "rc=$RC" "$ERR"; fi
if LC_ALL=C grep -q "$(printf '\033')" "$T_HOME/show" ||
   LC_ALL=C grep -q "$(printf '\302\233')" "$T_HOME/show"; then
    fail "no raw ESC or C1 byte from the order or parcel fields" \
        "$(grep -n 'order\|parcel\|Mug' "$T_HOME/show" | cat -v)"
else pass "no raw ESC or C1 byte from the order or parcel fields"; fi
if has "$OUT" "ship to Ber␛[31mlin" && has "$OUT" "Mug ␛]0;pwned␇␛[2J" &&
   has "$OUT" "MUG[U+009B]5m" && has "$OUT" "parcel DHL␛[10;10H"; then
    pass "the hostile fields are shown as placeholders"
else fail "placeholders" "$(printf '%s\n' "$OUT" | grep -a 'order\|parcel\|x ')"; fi
finish
