# test_man.sh: the man pages lint clean with mandoc, render with man -l, and
# document every option, rc command, key function, console command and
# subcommand the sources define (their tables are read from src/).
. "$(dirname "$0")/../lib.sh"
t_home
src="$TTYDESK_DATADIR/src"
man="$TTYDESK_DATADIR/man"

if command -v mandoc >/dev/null 2>&1; then
    for f in "$man"/*.[1-9]; do
        out=$(mandoc -Tlint "$f" 2>&1)
        if [ $? -eq 0 ] && [ -z "$out" ]; then pass "mandoc -Tlint $(basename "$f")"
        else fail "mandoc -Tlint $(basename "$f")" "$out"; fi
    done
else
    skip "mandoc -Tlint" "mandoc is not installed (make deps installs it)"
fi
if command -v man >/dev/null 2>&1; then
    for f in "$man"/*.[1-9]; do
        err=$(MANWIDTH=80 man -l "$f" 2>&1 >"$T_HOME/page")
        if [ -z "$err" ] && [ "$(wc -l <"$T_HOME/page")" -gt 20 ]; then
            pass "man -l $(basename "$f") renders"
        else fail "man -l $(basename "$f")" "$err"; fi
    done
else
    skip "man -l" "man is not installed"
fi

# names TABLE-START FILE: the .name strings of a table in a C file, from
# the line that starts it to its closing "};".
names() {
    sed -n "/$1/,/^};/s/.*\\.name = \"\\([^\"]*\\)\".*/\\1/p" "$2"
}
# section PAGE NAME: the source lines of one .SH section of a page.
section() {
    sed -n "/^\\.SH $2\$/,/^\\.SH /p" "$man/$1"
}
# documented NAME LINES: a tag line (.B, .BR, .TP item) starts with NAME;
# a dash is written \- in roff.
documented() {
    n=$(printf '%s' "$1" | sed 's/-/\\\\-/g')
    printf '%s\n' "$2" | grep -Eq "^\\.(B|BR|BI|IP) \"?:?$n( |\"|\$|\\\\)"
}

check_all() {   # DESC LIST LINES
    missing=""
    for name in $2; do
        documented "$name" "$3" || missing="$missing $name"
    done
    if [ -z "$missing" ] && [ -n "$2" ]; then pass "$1"
    else fail "$1" "not documented:$missing"; fi
}

opts=$(names '^static const struct option_def options' "$src/config/options.c")
[ "$(printf '%s\n' $opts | wc -l)" -ge 20 ] || fail "read the option table" "$opts"
check_all "ttydeskrc(5) OPTIONS has every option of options.c" "$opts" \
    "$(section ttydeskrc.5 OPTIONS)"

cmds=$(names '^static const struct config_cmd cmds' "$src/config/cmds.c")
check_all "ttydeskrc(5) COMMANDS has every rc command of cmds.c" "$cmds" \
    "$(section ttydeskrc.5 COMMANDS)"

acts=$(sed -n 's/^ *ACTW\{0,1\}("\([^"]*\)".*/\1/p' "$src/ui/actions.c")
check_all "ttydesk-keys(7) has every key function of actions.c" "$acts" \
    "$(sed -n '/^\.SH FUNCTIONS/,/^\.SH COMMANDS/p' "$man/ttydesk-keys.7")"

# The console's : commands (q and resize are test aliases, left out).
ucmds=$(names '^static const struct ui_cmd ui_cmds' "$src/ui/commands.c" |
        grep -vx -e q -e resize)
keys_cmds=$(section ttydesk-keys.7 COMMANDS | sed 's/\\-/-/g')
missing=""
for c in $ucmds; do
    printf '%s\n' "$keys_cmds" | grep -Eq "(\"|[ ,(]|^\\.BR )$c( |\\\\|\"|,|\$)" ||
        missing="$missing $c"
done
if [ -z "$missing" ]; then pass "ttydesk-keys(7) COMMANDS has every : command"
else fail "ttydesk-keys(7) COMMANDS" "not documented:$missing"; fi

sub=$(names '^static const struct cli_cmd commands' "$src/cli/cli.c")
check_all "ttydesk(1) COMMANDS has every subcommand of cli.c" "$sub" \
    "$(section ttydesk.1 COMMANDS)"

# Every long option --help shows is in ttydesk(1) OPTIONS.
run "$TTYDESK_BIN" --help
longs=$(printf '%s\n' "$OUT" | sed -n '/^Options:/,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u)
man_opts=$(section ttydesk.1 OPTIONS | sed 's/\\-/-/g')
missing=""
for o in $longs; do
    printf '%s\n' "$man_opts" | grep -q -- "$o" || missing="$missing $o"
done
if [ -z "$missing" ] && [ -n "$longs" ]; then pass "ttydesk(1) OPTIONS has every option of --help"
else fail "ttydesk(1) OPTIONS" "not documented:$missing"; fi
finish
