#!/bin/sh
# outbox_sched.sh: :outbox-retry (and `ttydesk outbox retry`) on a reply
# scheduled with :send-at says when it goes, and leaves it scheduled,
# instead of an error that it is "not sent yet: will retry".
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console

cat >"$tmp/script" <<SCRIPT
:open t1
r
See you in two hours.
:send-at +2h
:save-screen $tmp/scheduled
:outbox-retry
:save-screen $tmp/retry
SCRIPT
run_script 120 30
check_has ":send-at +2h queues the reply" "$tmp/scheduled" \
    '^scheduled in the outbox: goes Sat 10 Jan 14:00 UTC$' 'outbox 1'
check_has ":outbox-retry on it says when it goes, not an error" \
    "$tmp/retry" \
    '^outbox item 1 is scheduled: it goes by itself Sat 10 Jan 14:00 UTC' \
    'outbox 1$'
if grep -q 'not sent yet' "$tmp/retry"; then
    not_ok ":outbox-retry: no 'not sent yet' error"
else
    ok ":outbox-retry: no 'not sent yet' error"
fi

run_cli() {
    env -i PATH="$PATH" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
        XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" \
        TTYDESK_DATADIR="$tmp/share" LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \
        TTYDESK_NOW="$TTYDESK_NOW" "$TTYDESK_BIN" "$@"
}
run_cli outbox retry 1 >/dev/null 2>"$tmp/cli-retry"
st=$?
check_has "ttydesk outbox retry: scheduled, with its time" "$tmp/cli-retry" \
    '^ttydesk: scheduled \(outbox item 1\): it goes by itself at 2026-01-10T14:00:00Z$'
[ $st = 4 ] && ok "exit 4: still in the outbox" || not_ok "exit $st, want 4"
run_cli outbox >"$tmp/cli-outbox" 2>&1
check_has "the item keeps its time" "$tmp/cli-outbox" \
    ' reply +queued +2026-01-10T14:00:00Z +See you in two hours'
finish
