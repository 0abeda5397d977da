#!/bin/sh
# run.sh: `make bench`. Builds a store of $BENCH_N (100,000) tickets and
# reports the timings the issues ask for: store queries in-process, then the
# console from outside in a real pty.
set -eu
BUILD=${BUILD:-build}
N=${BENCH_N:-100000}
DIR=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-bench.XXXXXX")}
mkdir -p "$DIR/data/ttydesk" "$DIR/config/ttydesk" "$DIR/empty"
chmod 700 "$DIR" "$DIR/data/ttydesk"
echo "== classify: language and intent per message"
"$BUILD/bench/bench_classify" models
echo "== store: $N tickets ($(nproc) cores, $(uname -m))"
"$BUILD/bench/bench_store" gen "$DIR/data/ttydesk/store.db" "$N"
"$BUILD/bench/bench_store" measure "$DIR/data/ttydesk/store.db"
echo "== sync: ${BENCH_SYNC_N:-10000} tickets x 5 messages from a loopback server that answers at once"
for api in zendesk gorgias; do
    "$BUILD/bench/bench_sync" "$api" "$DIR/sync-$api.db" "${BENCH_SYNC_N:-10000}"
done
echo "== assist: classifying the $N tickets a store without the models kept"
cp "$DIR/data/ttydesk/store.db" "$DIR/assist.db"
"$BUILD/bench/bench_assist" . "$DIR/assist.db"
rm -f "$DIR/assist.db"*
echo "== console in a pty, 160x45, same store"
# The generated account's workspace is empty, so start-up syncs nothing.
printf 'account bench local %s/empty\nset default_view = all\n' "$DIR" \
    > "$DIR/config/ttydesk/ttydeskrc"
chmod 600 "$DIR/config/ttydesk/ttydeskrc"
python3 bench/pty_bench.py "$(pwd)/$BUILD/ttydesk" "$DIR"
echo "== stats: the full :stats screen, same store with orders, parcels, intents"
"$BUILD/bench/bench_stats" "$DIR/data/ttydesk/store.db"
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$DIR"
