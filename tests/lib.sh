# lib.sh: TAP helpers and a private environment for the shell test suites.
# Each suite sources it, calls `ok COND DESC`-style helpers, then `finish`.
set -u
: "${TTYDESK_BIN:?run through make test}"
: "${TTYDESK_DATADIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
export TTYDESK_DATADIR LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
T_N=0
T_FAIL=0

# A fresh HOME with XDG dirs; every suite gets its own so nothing leaks.
t_home() {
    T_HOME=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-t.XXXXXX")
    export HOME="$T_HOME" XDG_DATA_HOME="$T_HOME/data" \
        XDG_CONFIG_HOME="$T_HOME/config" XDG_STATE_HOME="$T_HOME/state"
    mkdir -p "$XDG_CONFIG_HOME/ttydesk"
    chmod 700 "$T_HOME"
}

pass() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
fail() {
    T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N - $1"
    shift
    for line in "$@"; do echo "#   $line"; done
}
skip() { T_N=$((T_N + 1)); echo "ok $T_N - $1 # SKIP $2"; }

# check DESC COMMAND...: passes when the command exits 0.
check() {
    desc=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$desc"; else fail "$desc" "command: $*"; fi
}

# run CMD...: capture stdout/stderr/exit status in $OUT $ERR $RC.
run() {
    "$@" >"$T_HOME/out" 2>"$T_HOME/err"
    RC=$?
    OUT=$(cat "$T_HOME/out")
    ERR=$(cat "$T_HOME/err")
}

# has TEXT NEEDLE: fixed-string containment.
has() { case "$1" in *"$2"*) return 0 ;; esac; return 1; }

finish() {
    echo "1..$T_N"
    [ -n "${T_HOME:-}" ] && rm -rf "$T_HOME"
    [ "$T_FAIL" -eq 0 ]
}
