# test_demo.sh: demo/ is exactly what tools/demogen generates, and it holds
# what the demo promises (languages, countries, channels, integrity).
. "$(dirname "$0")/../lib.sh"
t_home
if ! command -v python3 >/dev/null 2>&1; then
    skip "demo generator" "python3 is not installed"; finish; exit $?
fi
out="$T_HOME/demo"
if python3 -m tools.demogen "$out" >/dev/null 2>"$T_HOME/err" &&
   diff -r "$out" demo >"$T_HOME/diff" 2>&1; then
    pass "demo/ is the generator's output (make demo reproduces it)"
else
    fail "demo/ differs from the generator's output" "$(head -5 "$T_HOME/diff")" \
        "$(head -3 "$T_HOME/err")"
fi
if python3 -m tools.demogen.verify demo >"$T_HOME/v" 2>&1; then
    pass "the demo's own checks (integrity, time window, totals)"
else
    fail "tools.demogen.verify" "$(tail -5 "$T_HOME/v")"
fi
finish
