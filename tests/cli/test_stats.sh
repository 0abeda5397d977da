# test_stats.sh: `ttydesk stats` on the demo workspace: JSON, CSV and the
# plain report agree, and each drill-down query lists as many tickets as
# its bar counted.
. "$(dirname "$0")/../lib.sh"
t_home
B=$TTYDESK_BIN

run "$B" stats --since all --json
printf '%s' "$OUT" > "$T_HOME/all.json"
if [ $RC -eq 0 ] && python3 - "$T_HOME/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = d["tables"]
need = ["summary", "volume_day", "volume_hour", "volume_channel",
        "volume_language", "volume_country", "volume_intent", "product_sku",
        "product_name", "product_returns", "product_damage", "ship_carrier",
        "ship_country", "ship_lane", "frt_channel", "frt_hour", "frt_agent",
        "sla", "backlog_age", "heatmap"]
assert list(t) == need, list(t)
s = t["summary"][0]
assert s["scope"] == "all" and s["tickets"] >= 250, s
for name, key in [("volume_channel", "channel"), ("volume_language", "language"),
                  ("volume_country", "country"), ("volume_intent", "intent"),
                  ("volume_hour", "hour"), ("heatmap", "weekday"),
                  ("volume_day", "day")]:
    assert sum(r["tickets"] for r in t[name]) == s["tickets"], name
    assert all(key in r for r in t[name]), name
assert len(t["volume_hour"]) == 24 and len(t["heatmap"]) == 7 * 24
assert sum(r["answered"] for r in t["frt_channel"]) == s["answered"]
assert d["from"] is None and d["to"].endswith("Z")
assert all(set(r) >= {"carrier", "parcels", "transit_p50_d", "stuck"}
           for r in t["ship_carrier"])
PY
then pass "stats --json: every table, totals agree"
else fail "stats --json" "rc=$RC" "$(head -c 400 "$T_HOME/all.json")" "$ERR"; fi

# Each bar's query, run by `list`, finds the bar's tickets.
if python3 - "$T_HOME/all.json" <<'PY'
import json, os, subprocess, sys
t = json.load(open(sys.argv[1]))["tables"]
tried = 0
for name in ["volume_channel", "volume_language", "volume_country",
             "product_sku", "backlog_age"]:
    for r in t[name][:4]:
        if "query" not in r:
            continue
        out = subprocess.run([os.environ["TTYDESK_BIN"], "list", "--json",
                              r["query"]], capture_output=True, text=True)
        rows = json.loads(out.stdout)
        assert len(rows) == r["tickets"], (name, r, len(rows))
        tried += 1
assert tried >= 10, tried
PY
then pass "drill-down queries list exactly the bar's tickets"
else fail "drill-down queries"; fi

run "$B" stats --since all --csv
printf '%s\n' "$OUT" > "$T_HOME/all.csv"
if [ $RC -eq 0 ] && python3 - "$T_HOME/all.csv" "$T_HOME/all.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
d = json.load(open(sys.argv[2]))["tables"]
assert list(rows[0]) == ["table", "key", "key2", "metric", "value"]
got = {(r["key"], float(r["value"])) for r in rows
       if r["table"] == "volume_channel" and r["metric"] == "tickets"}
want = {(r["channel"], float(r["tickets"])) for r in d["volume_channel"]}
assert got == want, (got, want)
cells = [r for r in rows if r["table"] == "heatmap"]
assert len(cells) == 7 * 24 and all(r["key2"] for r in cells)
PY
then pass "stats --csv: long format, same figures as JSON"
else fail "stats --csv" "rc=$RC" "$(printf '%s' "$OUT" | head -5)" "$ERR"; fi

run "$B" stats --since 7d --plain
if [ $RC -eq 0 ] && has "$OUT" "ttydesk after-sales report" &&
   has "$OUT" "Tickets per day" && has "$OUT" "Parcels per carrier" &&
   has "$OUT" "First response by channel" && has "$OUT" "Busiest hours" &&
   ! printf '%s' "$OUT" | grep -q "$(printf '\033')"; then
    pass "stats --since 7d --plain: a readable weekly report"
else fail "stats --plain" "rc=$RC" "$(printf '%s' "$OUT" | head -20)" "$ERR"; fi

# A query narrows every figure, exactly as `list` filters.
run "$B" stats --since all --json channel:email status:unsolved
n=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tables"]["summary"][0]["tickets"])')
run "$B" list --json channel:email status:unsolved
m=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
if [ -n "$n" ] && [ "$n" = "$m" ] && [ "$n" -gt 0 ]; then
    pass "stats QUERY counts what list QUERY lists ($n)"
else fail "stats with a query" "stats $n, list $m"; fi

run "$B" stats --from 2020-01-01 --to 2020-01-31 --json
if [ $RC -eq 0 ] && printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["tables"]["summary"][0]["tickets"] == 0
assert len(d["tables"]["volume_day"]) == 31
assert d["from"] == "2020-01-01T00:00:00Z" and d["to"] == "2020-02-01T00:00:00Z"'
then pass "--from/--to: days in the range, --to's day included"
else fail "--from/--to" "rc=$RC" "$ERR"; fi

run "$B" stats --since soon
if [ $RC -eq 2 ] && has "$ERR" "not a duration"; then pass "bad --since: exit 2"
else fail "bad --since" "rc=$RC $ERR"; fi
run "$B" stats --since 7d --from 2026-01-01
if [ $RC -eq 2 ] && has "$ERR" "not both"; then pass "--since with --from: exit 2"
else fail "--since with --from" "rc=$RC $ERR"; fi
run "$B" stats bogus:x
if [ $RC -eq 2 ] && has "$ERR" "unknown field 'bogus'"; then
    pass "bad query: exit 2 with the inbox's message"
else fail "bad query" "rc=$RC $ERR"; fi
printf 'set stats_timezone = Mars/Olympus\n' > "$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
chmod 600 "$XDG_CONFIG_HOME/ttydesk/ttydeskrc"
run "$B" stats --since 1d
if has "$ERR" "Mars/Olympus" && has "$ERR" "not a time zone"; then
    pass "an unknown stats_timezone is named"
else fail "bad stats_timezone" "rc=$RC $ERR"; fi
finish
