#!/bin/sh
# run.sh: run every test suite and end with one line "N passed, N failed".
# Unit tests are cmocka binaries (given as arguments) speaking TAP; the other
# suites are shell scripts under tests/*/ that print TAP lines too.
# TESTS=pattern limits the run to suites whose path matches.
set -u
BUILD=${BUILD:-build}
export BUILD
export TTYDESK_BIN="$(pwd)/$BUILD/ttydesk"
export CMOCKA_MESSAGE_OUTPUT=TAP
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
log=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-test.XXXXXX")
pass=0
fail=0
failed_names=""

run_suite() {            # name, command...
    name=$1; shift
    out="$log/$(echo "$name" | tr '/' '_').out"
    "$@" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1   # it crashed or failed outside any test
    fi
    if grep -q '^ok .*# SKIP' "$out" && [ "${CI:-}" = true ]; then
        f=$((f + $(grep -c '^ok .*# SKIP' "$out")))   # CI must run everything
    fi
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -ne 0 ]; then
        failed_names="$failed_names $name"
        printf 'FAIL %-34s %3d passed, %d failed (exit %d)\n' "$name" "$p" "$f" "$rc"
        grep -E '^not ok |^# ' "$out" | head -40 | sed 's/^/    /'
        [ "$rc" -ne 0 ] && tail -25 "$out" | sed 's/^/    | /'
    else
        printf 'ok   %-34s %3d passed\n' "$name" "$p"
        grep '# SKIP' "$out" | sed 's/^/    /'
    fi
}

for bin in "$@"; do
    case "$bin" in *"${TESTS:-}"*) ;; *) continue ;; esac
    run_suite "unit/$(basename "$bin")" "$bin"
done
for t in tests/fuzz/*.sh tests/cli/*.sh tests/screen/*.sh tests/tty/*.sh \
         tests/drivers/*.sh tests/integration/*.sh; do
    [ -f "$t" ] || continue
    case "$t" in *"${TESTS:-}"*) ;; *) continue ;; esac
    run_suite "${t#tests/}" sh "$t"
done

echo "logs: $log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
