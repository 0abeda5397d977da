#!/bin/sh
# netchat.sh: a Chatwoot and a Zammad account on loopback servers: the
# conversations land with their channels (WhatsApp, LINE) and the account
# of each row, a LINE thread in Thai reads, and a note goes out from the
# keyboard and shows as sent.
. "$TTYDESK_DATADIR/tests/screen/screenlib"
need_console
command -v python3 >/dev/null 2>&1 || {
    echo "1..1"
    echo "ok 1 - chat network screen tests # SKIP python3 is not installed"
    exit 0
}

. "$TTYDESK_DATADIR/tests/drivers/loopbacklib"

# serve DRIVER: the CLI tests' loose script for the driver's /ok account.
serve() {
    python3 "$TTYDESK_DATADIR/tests/cli/net_loopback.py" "$1" \
        "$TTYDESK_DATADIR/tests/unit/test_$1.json" >"$tmp/$1.json"
    loopback_start "$tmp/$1.json" "$tmp/$1.log" "$tmp"
}

serve chatwoot
cport=$port
cserver=$server
serve zammad
zport=$port
zserver=$server
trap 'kill "$cserver" "$zserver" 2>/dev/null; rm -rf "$tmp"' EXIT
# The tokens come from token_cmd (the console runs with a clean
# environment).
mkdir -p "$tmp/config/ttydesk"
cat >"$tmp/config/ttydesk/ttydeskrc" <<RC
account chat chatwoot http://127.0.0.1:$cport/ok/app/accounts/3 token_cmd="echo cw0123456789abcdefTOKEN"
account desk zammad http://127.0.0.1:$zport/ok token_cmd="echo zm0123456789abcdefTOKEN"
RC
chmod 600 "$tmp/config/ttydesk/ttydeskrc"

# Keys typed from the script stay ASCII: a non-ASCII key in
# TTYDESK_SCRIPT stalls the console (reported, not this test's subject).
cat >"$tmp/script" <<SCRIPT
@wait
:save-screen $tmp/synced
jjjj<Enter>
:save-screen $tmp/thread
r<C-t>Esperando al transportista.<C-s>y
@wait
:save-screen $tmp/sent
SCRIPT
run_script 160 30
check_has "both accounts sync and come online" "$tmp/synced" \
    '^ Inbox: open +1/7 ' '\| chat:online \| desk:online \|' \
    'สมชาย +สินค้าที่สั่งยังไม่ได้รับ' 'Ayşe Yılmaz +İade talebi'
check_has "a LINE conversation reads in Thai, its account and channel shown" \
    "$tmp/thread" '│ #2 · pending · normal · line · - · chat ' \
    '│   สินค้าที่สั่งยังไม่ได้รับ'
check_has "an internal note goes out from the keyboard and shows as sent" \
    "$tmp/sent" 'note, outbox: sent\]' '│   Esperando al transportista\.'
python3 - "$tmp/chatwoot.log" <<'PY' && ok "the server got it once, private" ||
import json, sys
posts = [json.loads(l) for l in open(sys.argv[1])]
posts = [e for e in posts if e["method"] == "POST"]
assert len(posts) == 1, posts
e = posts[0]
assert e["path"] == "/ok/api/v1/accounts/3/conversations/2/messages", e
assert e["status"] == 200, e
assert json.loads(e["body"]) == {"content": "Esperando al transportista.",
                                 "message_type": "outgoing",
                                 "private": True}, e["body"]
PY
    not_ok "the server got it once, private"
finish
