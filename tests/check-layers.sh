#!/bin/sh
# check-layers.sh: enforce the include arrows of STYLE.md and its banned calls.
set -u
bad=0
complain() { echo "check-layers: $*" >&2; bad=1; }

for f in $(grep -rlE '#include *<(ncursesw/)?n?curses(w)?\.h>' src); do
    case "$f" in src/ui/*) ;; *) complain "$f includes curses outside src/ui/" ;; esac
done
for f in $(grep -rl '#include *<curl/' src); do
    case "$f" in src/net/*) ;; *) complain "$f includes libcurl outside src/net/" ;; esac
done
for f in $(grep -rl '#include *<sqlite3.h>' src); do
    case "$f" in src/store/*) ;; *) complain "$f includes sqlite3 outside src/store/" ;; esac
done
for f in $(grep -rlE '#include *"(ui|net|drivers|store|cli|config|commerce|translate)/' src/core src/util); do
    complain "$f: core/ and util/ must not include ui/, net/, drivers/, store/ ..."
done
# translate/ sits beside drivers/: it uses net/ and store/ (and config/'s
# definitions), never the console, the CLI or a helpdesk driver.
for f in $(grep -rlE '#include *"(ui|cli|drivers|commerce)/' src/translate 2>/dev/null); do
    complain "$f: translate/ must not include ui/, cli/, drivers/ or commerce/"
done
grep -rnE '(^|[^_a-z])(strcpy|strcat|sprintf|gets|atoi|strtok)\(' src &&
    complain "banned functions above (STYLE.md)"
for f in $(find src -name '*.c' ! -name main.c); do
    h=${f%.c}.h
    [ -f "$h" ] || complain "$f has no header $h"
done
for f in $(find src -name '*.[ch]'); do
    n=$(wc -l < "$f")
    [ "$n" -gt 1500 ] && complain "$f has $n lines (limit ~1500)"
done
[ $bad -eq 0 ] && echo "check-layers: ok"
exit $bad
