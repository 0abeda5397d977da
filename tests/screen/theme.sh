#!/bin/sh
# theme.sh: every shipped theme loads without an error, `set theme` at start,
# and NO_COLOR still draws the console.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

for t in default dark light solarized-dark high-contrast mono; do
    printf ':theme %s\n:save-screen %s\n' "$t" "$tmp/s" >"$tmp/script"
    rm -f "$tmp/s"
    run_script 120 30
    check_has "theme $t loads" "$tmp/s" "^theme $t\$"
done
mkdir -p "$tmp/config/ttydesk"
printf 'set theme = solarized-dark\ncolor status white red bold\n' \
    >"$tmp/config/ttydesk/ttydeskrc"
chmod 600 "$tmp/config/ttydesk/ttydeskrc"
printf ':save-screen %s\n:dump-config %s\n' "$tmp/s" "$tmp/dump" >"$tmp/script"
run_script 120 30
check_has "set theme in the rc file" "$tmp/dump" '^set theme = solarized-dark$' \
    '^color status white red bold$'
check_has "no error at start with a theme" "$tmp/s" '^Demo workspace'
printf ':theme nosuch\n:save-screen %s\n' "$tmp/s" >"$tmp/script"
run_script 120 30
check_has "an unknown theme is an error" "$tmp/s" 'theme nosuch: '
rm -f "$tmp/config/ttydesk/ttydeskrc"
printf ':save-screen %s\n' "$tmp/s" >"$tmp/script"
NO_COLOR=1 run_script 80 24
check_has "NO_COLOR draws the console" "$tmp/s" '^ Inbox: open +1/5'
finish
