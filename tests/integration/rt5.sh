#!/bin/bash
# rt5.sh: the rt driver against a real Request Tracker 5 from Debian's
# packages, on 127.0.0.1:8097, driven through the real ttydesk binary.
#
# Installs RT when it is missing (root + apt only; otherwise every check is
# reported as a SKIP with the reason, which tests/run.sh turns into a
# failure under CI=true). The server runs from its own SQLite database,
# reset from a snapshot on each run, and is stopped by its PID at the end.
# Writes /etc/request-tracker5/RT_SiteConfig.d/99-ttydesk-test.pm (RT reads
# its site config only from there) and keeps its state in $RT_STATE.
# tests/run.sh runs suites with sh; this one needs bash (/dev/tcp).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
set -u

PORT=8097
HOST=127.0.0.1
RT_STATE=${RT_STATE:-/var/lib/ttydesk-test-rt5}
RT_LIB=/usr/share/request-tracker5/lib
RT_SERVER=/usr/share/request-tracker5/libexec/rt-server
SNIPPET=/etc/request-tracker5/RT_SiteConfig.d/99-ttydesk-test.pm
PKGS="request-tracker5 rt5-standalone rt5-db-sqlite dma w3m"
BIN=${TTYDESK_BIN:-$(pwd)/build/ttydesk}
BASE="http://$HOST:$PORT"
API="$BASE/REST/2.0"

n=0
t0=$(date +%s)
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() {       # description, command...
    local d=$1; shift
    if "$@"; then ok "$d"; else not_ok "$d"; fi
}
note() { echo "# $*"; }
skip_all() {
    echo "ok 1 - rt5 integration # SKIP $*"
    echo "1..1"
    exit 0
}

# ---- 1. RT from Debian's packages ----

installed() {
    for p in $PKGS; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = \
          "install ok installed" ] || return 1
    done
}

install_rt() {
    # Debconf answers up front: no database set-up by dbconfig (we make
    # our own SQLite file), no cron jobs, and dma as the MTA so that apt
    # does not pull an exim daemon in for RT's mail dependency.
    debconf-set-selections <<EOF
request-tracker5 request-tracker5/rtname string rt.example.test
request-tracker5 request-tracker5/organization string example.test
request-tracker5 request-tracker5/correspondaddress string rt@example.test
request-tracker5 request-tracker5/commentaddress string rt-comment@example.test
request-tracker5 request-tracker5/webbaseurl string $BASE
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/dbconfig-upgrade boolean false
request-tracker5 request-tracker5/dbconfig-remove boolean false
rt5-db-sqlite rt5-db-sqlite/available boolean true
dma dma/mailname string example.test
dma dma/relayhost string
EOF
    local cand
    cand=$(apt-cache policy request-tracker5 2>/dev/null |
           sed -n 's/^ *Candidate: //p')
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
        apt-get update -q >"$RT_STATE/apt.log" 2>&1 || return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends -o DPkg::Lock::Timeout=120 \
        -o Dpkg::Options::=--force-confdef \
        -o Dpkg::Options::=--force-confold $PKGS >>"$RT_STATE/apt.log" 2>&1
}

[ "$(id -u)" = 0 ] || skip_all "not root: RT5 is installed with apt-get"
command -v apt-get >/dev/null 2>&1 || skip_all "no apt-get on this system"
command -v curl >/dev/null 2>&1 || skip_all "curl is needed to seed RT"
[ -x "$BIN" ] || skip_all "$BIN is not built"
mkdir -p "$RT_STATE" && chmod 700 "$RT_STATE"
# One RT per machine (a global config snippet, one port): when two
# checkouts run `make test` at once, the second waits for the first.
command -v flock >/dev/null 2>&1 || skip_all "flock (util-linux) is missing"
exec 9>"$RT_STATE/lock"
if ! flock -w 240 9; then
    echo "not ok 1 - another run kept $RT_STATE/lock for 240 s"
    echo "1..1"
    exit 1
fi
if ! installed; then
    note "installing $PKGS (about 30 s)"
    install_rt || skip_all "apt-get could not install RT5 (see $RT_STATE/apt.log)"
fi
installed || skip_all "RT5 packages still missing after apt-get"
note "packages ready after $(( $(date +%s) - t0 )) s"

# ---- 2. configuration, database, token ----

DB=$RT_STATE/rt5.db
cat >"$RT_STATE/site.pm" <<EOF
# Written by ttydesk's tests/integration/rt5.sh: a throw-away RT on
# loopback. Loaded after 50-debconf.pm and 51-dbconfig-common.pm.
Set(\$rtname, 'rt.example.test');
Set(\$Organization, 'example.test');
Set(\$WebDomain, '$HOST');
Set(\$WebPort, $PORT);
Set(\$WebPath, '');
Set(\$WebBaseURL, '$BASE');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, \$ENV{TTYDESK_RT_DB} || '$DB');
Set(\$DatabaseHost, '');
Set(\$DatabasePort, '');
Set(\$DatabaseUser, '');
Set(\$DatabasePassword, '');
Set(\$DatabaseAdmin, '');
# REST2 checks the token with bcrypt on every request; the default cost
# would add about a fifth of a second to each one.
Set(\$BcryptCost, 4);
# Mail goes to mbox files, never to an MTA.
Set(\$MailCommand, 'mbox');
Set(\$Timezone, 'UTC');
Set(\$LogToSyslog, undef);
Set(\$LogToFile, undef);
Set(\$LogToSTDERR, 'warning');
1;
EOF
cmp -s "$RT_STATE/site.pm" "$SNIPPET" || install -m 644 "$RT_STATE/site.pm" "$SNIPPET"

PIDFILE=$RT_STATE/rt-server.pid
LOG=$RT_STATE/rt-server.log
rt_pid() {      # our server's PID, if it runs
    local pid
    pid=$(cat "$PIDFILE" 2>/dev/null) || return 1
    case "$pid" in ''|*[!0-9]*) return 1 ;; esac
    tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q rt-server ||
        return 1
    echo "$pid"
}
rt_stop() {     # TERM our master (it stops its workers), KILL if it hangs
    local pid kids i
    pid=$(rt_pid) || return 0
    echo "$(date -u +%T) stop $pid" >>"$RT_STATE/ctl.log"
    # Its workers by PID too: a KILLed master would leave them listening.
    kids=$(pgrep -P "$pid" | tr '\n' ' ')
    kill -CONT "$pid" $kids 2>/dev/null
    kill -TERM "$pid" 2>/dev/null
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" $kids 2>/dev/null
    rm -f "$PIDFILE"
    # Only return once the port is free, so a restart cannot race it.
    for i in $(seq 50); do
        (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null || return 0
        sleep 0.1
    done
}
code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
rt_start() {
    local i c
    # A server that was just stopped may hold the port for a moment.
    for i in $(seq 50); do
        (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null || break
        sleep 0.1
    done
    if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
        echo "port $PORT is taken by another process" >&2
        return 1
    fi
    # nohup: a hang-up of the terminal the tests run in must not take RT
    # down half-way; the lock's fd is not handed down to the server.
    ( cd "$RT_STATE" && exec nohup "$RT_SERVER" --host "$HOST" \
        --port "$PORT" --server Starlet --max-workers 2 9>&- ) \
        >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    echo "$(date -u +%T) start $!" >>"$RT_STATE/ctl.log"
    for i in $(seq 200); do
        c=$(code "$API/rt")
        [ "$c" = 401 ] || [ "$c" = 200 ] && return 0
        kill -0 "$(cat "$PIDFILE")" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
trap 'rt_stop; [ -n "${KEEP:-}" ] || rm -rf "${WORK:-}"' EXIT
rt_stop

# A pristine database with a token is made once per RT version and copied
# for every run, so each run starts from the same empty RT in a blink.
stamp=$(dpkg-query -W -f='${Version}' request-tracker5)
if [ "$(cat "$RT_STATE/pristine.stamp" 2>/dev/null)" != "$stamp" ] ||
   [ ! -s "$RT_STATE/pristine.db" ] || [ ! -s "$RT_STATE/token" ]; then
    note "initialising the RT database"
    rm -f "$RT_STATE/new.db"
    pw=$RT_STATE/root.pw
    ( umask 077; echo "ttydesk-test-root" >"$pw" )
    if ! TTYDESK_RT_DB=$RT_STATE/new.db /usr/sbin/rt-setup-database-5 \
            --action init --skip-create --root-password-file "$pw" \
            >"$RT_STATE/setup.log" 2>&1; then
        not_ok "rt-setup-database (see $RT_STATE/setup.log)"
        echo "1..$n"; exit 1
    fi
    # Tokens are RT::AuthToken records; RT's own API makes one for root.
    if ! TTYDESK_RT_DB=$RT_STATE/new.db perl -I"$RT_LIB" -e '
            use strict; use warnings;
            use RT; RT::LoadConfig(); RT::Init();
            my $u = RT::User->new(RT->SystemUser);
            $u->Load("root") or die "no root\n";
            my $t = RT::AuthToken->new(RT->SystemUser);
            my ($id, $msg, $tok) = $t->Create(Owner => $u->Id,
                                             Description => "ttydesk tests");
            die "$msg\n" unless $id;
            print "$tok\n";' >"$RT_STATE/token.new" 2>>"$RT_STATE/setup.log"
    then
        not_ok "mint an RT token (see $RT_STATE/setup.log)"
        echo "1..$n"; exit 1
    fi
    mv "$RT_STATE/new.db" "$RT_STATE/pristine.db"
    mv "$RT_STATE/token.new" "$RT_STATE/token"
    chmod 600 "$RT_STATE/token"
    echo "$stamp" >"$RT_STATE/pristine.stamp"
fi
cp "$RT_STATE/pristine.db" "$DB"
RT_TOKEN=$(cat "$RT_STATE/token")
export RT_TOKEN
AUTH="Authorization: token $RT_TOKEN"
JSON="Content-Type: application/json"

if ! rt_start; then
    tail -20 "$LOG" | sed 's/^/# /'
    not_ok "start rt-server on $BASE"
    echo "1..$n"; exit 1
fi
ok "RT5 answers on $API ($(( $(date +%s) - t0 )) s since start)"
check "the token is accepted" test "$(code -H "$AUTH" "$API/rt")" = 200

# ---- 3. tickets with text in five languages, made through REST2 ----

new_ticket() {      # subject, requestor, content -> ticket id
    local body
    body=$(python3 -c 'import json, sys
print(json.dumps({"Queue": "General", "Subject": sys.argv[1],
                  "Requestor": sys.argv[2], "Content": sys.argv[3],
                  "ContentType": "text/plain"}))' "$1" "$2" "$3")
    curl -s -H "$AUTH" -H "$JSON" -X POST --data-binary "$body" \
        "$API/ticket" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
ES="¿Dónde está mi pedido? El paquete llegó dañado, señor Muñoz."
TR="İade talebim için teşekkürler; kargo şirketi ürünü ığdır'a gönderdi."
AR="طلبي لم يصل بعد، أرجو المساعدة في تتبع الشحنة."
JA="注文した商品がまだ届いていません。追跡番号を教えてください。"
TH="สินค้าที่สั่งยังไม่ได้รับ กรุณาตรวจสอบการจัดส่งด้วยครับ"
T1=$(new_ticket "Pedido dañado — İade" "buyer.es@example.com" "$ES
$TR")
T2=$(new_ticket "طلب عاجل" "buyer.ar@example.com" "$AR")
T3=$(new_ticket "注文 / คำสั่งซื้อ" "buyer.ja@example.com" "$JA
$TH")
check "three tickets created through REST2 ($T1 $T2 $T3)" \
    test -n "$T1" -a -n "$T2" -a -n "$T3"

# ---- 4. ttydesk against it ----

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ttydesk-rt5.XXXXXX")
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data
export XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=$WORK/cache
mkdir -p "$HOME" "$XDG_CONFIG_HOME/ttydesk" "$XDG_DATA_HOME"
RC=$XDG_CONFIG_HOME/ttydesk/ttydeskrc
echo "account rt1 rt $BASE token_env=RT_TOKEN" >"$RC"
chmod 600 "$RC"
td() { "$BIN" -d "$WORK/debug.log" "$@"; }

s=$(date +%s.%N)
check "ttydesk sync rt1" td sync rt1
note "first sync took $(python3 -c "import time; print('%.2f' % (time.time() - $s))") s"
td list --json --limit 50 >"$WORK/list.json" 2>"$WORK/list.err"
has() { python3 -c 'import sys; sys.exit(0 if sys.argv[1] in open(sys.argv[2], encoding="utf-8").read() else 1)' "$1" "$2"; }
check "list --json shows the Spanish/Turkish ticket" has "Pedido dañado — İade" "$WORK/list.json"
check "list --json shows the Arabic ticket" has "طلب عاجل" "$WORK/list.json"
check "list --json shows the Japanese/Thai ticket" has "注文 / คำสั่งซื้อ" "$WORK/list.json"
td show "rt1:$T1" >"$WORK/show1.txt" 2>&1
check "show reads the Spanish text of the thread" has "$ES" "$WORK/show1.txt"
check "show reads the Turkish text of the thread" has "$TR" "$WORK/show1.txt"
td show "rt1:$T3" --json >"$WORK/show3.json" 2>>"$WORK/stderr.log"
check "show --json reads the Japanese and Thai text" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); t=json.dumps(d, ensure_ascii=False); sys.exit(0 if sys.argv[2] in t and sys.argv[3] in t else 1)' \
    "$WORK/show3.json" "$JA" "$TH"
check "the debug log does not hold the token" \
    sh -c "! grep -qF '$RT_TOKEN' '$WORK/debug.log'"

# How many Correspond/Comment transactions of ticket $1 contain $2, and of
# what types, as RT itself reports them.
landed() {     # ticket, text -> "Correspond" lines, one per transaction
    python3 - "$API" "$RT_TOKEN" "$1" "$2" <<'EOF'
import json, sys, urllib.request
api, tok, tid, text = sys.argv[1:]
def get(path):
    out, page = [], 1
    while True:
        sep = "&" if "?" in path else "?"
        r = urllib.request.Request("%s/%s%sper_page=100&page=%d" % (api, path, sep, page),
                                   headers={"Authorization": "token " + tok})
        d = json.load(urllib.request.urlopen(r))
        out += d["items"]
        if d["page"] >= (d["pages"] or 0):
            return out
        page += 1
types = {str(h["id"]): h["Type"] for h in get("ticket/%s/history?fields=Type" % tid)}
txns = set()
for a in get("ticket/%s/attachments?fields=TransactionId,Content" % tid):
    tx = a["TransactionId"]
    tx = str(tx["id"] if isinstance(tx, dict) else tx)
    t = types.get(tx)
    if t in ("Correspond", "Comment", "Create") and text in (a.get("Content") or ""):
        txns.add((int(tx), t))
for _, t in sorted(txns):
    print(t)
EOF
}
outbox_state_is() {     # body, state: exactly one item with body, in state
    "$BIN" outbox --json | python3 -c 'import json, sys
d = [i for i in json.load(sys.stdin) if i["body"] == sys.argv[1]]
sys.exit(0 if len(d) == 1 and d[0]["state"] == sys.argv[2] else 1)' "$1" "$2"
}
status_of() {
    curl -s -H "$AUTH" "$API/ticket/$1" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["Status"])'
}

R1="Hola señor Muñoz: le enviamos un reemplazo hoy. — İyi günler"
check "ttydesk reply (public) exits 0" td reply "rt1:$T1" --text "$R1"
check "RT has the reply exactly once, as correspondence" \
    test "$(landed "$T1" "$R1")" = "Correspond"
N1="Nota interna: revisar stock del almacén 注文"
check "ttydesk reply --note exits 0" td reply "rt1:$T1" --note --text "$N1"
check "RT has the note exactly once, as a comment" \
    test "$(landed "$T1" "$N1")" = "Comment"
R2="تم شحن طلبك اليوم. شكراً لصبرك."
check "ttydesk reply --status solved exits 0" \
    td reply "rt1:$T2" --status solved --text "$R2"
check "RT has that reply exactly once" test "$(landed "$T2" "$R2")" = "Correspond"
check "RT's ticket is resolved" test "$(status_of "$T2")" = resolved
td show "rt1:$T2" --json >"$WORK/show2.json" 2>>"$WORK/stderr.log"
check "after the send ttydesk shows it solved with the reply" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); b=[m["body"] for m in d["messages"]]; sys.exit(0 if d["status"] == "solved" and sys.argv[2] in b and not any("ttydesk-outbox" in x for x in b) else 1)' \
    "$WORK/show2.json" "$R2"

# ---- 5. RT goes away in the middle of sending ----

# a) The server is down when the reply is sent: the outcome is unknown to
# ttydesk (it may have been a dropped answer), so the item stays
# "sending"; after RT is back, a flush looks for it in the thread, finds
# nothing and sends it, once.
R3="注文番号を確認しました。明日発送します。"
rt_stop
td reply "rt1:$T3" --text "$R3" >"$WORK/r3.out" 2>&1
rc=$?
check "reply with RT down does not claim success (exit $rc)" test "$rc" -ne 0
check "RT started again" rt_start
check "ttydesk outbox --flush" td outbox --flush
check "the reply arrived exactly once" test "$(landed "$T3" "$R3")" = "Correspond"
td outbox --flush >/dev/null 2>&1
check "a second flush does not send it again" \
    test "$(landed "$T3" "$R3")" = "Correspond"

# b) The reply landed but ttydesk died before it recorded that (kill -9
# between the POST and the store update): the store still says
# "sending". The flush must find the message in the thread, not resend.
R4="ขอบคุณครับ เราได้ส่งสินค้าใหม่ให้แล้ว"
td reply "rt1:$T3" --text "$R4" >/dev/null 2>&1
python3 - "$XDG_DATA_HOME/ttydesk/store.db" "$R4" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE outbox SET state = 'sending', remote_id = NULL WHERE body = ?",
           (sys.argv[2],))
db.commit()
EOF
check "flush after a crash mid-send" td outbox --flush
check "the crashed reply is in RT exactly once" \
    test "$(landed "$T3" "$R4")" = "Correspond"
check "and the outbox says sent" \
    outbox_state_is "$R4" sent

# c) The real thing: the POST reaches RT, which posts the reply, but its
# answer never comes back (holdproxy.py withholds it, as a connection that
# drops after the server took the request does); ttydesk is killed with -9
# while it waits. The store says "sending"; the flush must look before it
# resends. The send guard's re-read of the ticket goes through first.
R6="Paketiniz yolda, İstanbul'dan çıktı. 注文 #6"
PROXY_PORT=$((PORT + 1))
python3 "$(dirname "$0")/holdproxy.py" "$PROXY_PORT" "$PORT" /correspond \
    "$WORK/posted" 2>>"$WORK/proxy.log" &
proxy=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/$HOST/$PROXY_PORT") 2>/dev/null && break
    sleep 0.1
done
echo "account rt1 rt http://$HOST:$PROXY_PORT token_env=RT_TOKEN" >"$RC"
"$BIN" reply "rt1:$T1" --text "$R6" >"$WORK/r6.out" 2>&1 &
tdpid=$!
for _ in $(seq 300); do [ -s "$WORK/posted" ] && break; sleep 0.1; done
kill -KILL "$tdpid" 2>/dev/null
wait "$tdpid" 2>/dev/null
kill "$proxy" 2>/dev/null
wait "$proxy" 2>/dev/null
echo "account rt1 rt $BASE token_env=RT_TOKEN" >"$RC"
check "RT took the POST and ttydesk was killed before the answer" \
    test -s "$WORK/posted"
check "killed ttydesk left the item sending" \
    outbox_state_is "$R6" sending
before=$(landed "$T1" "$R6" | wc -l)
note "RT handled the orphaned POST: $before time(s)"
check "flush after kill -9 mid-send" td outbox --flush
check "that reply is in RT exactly once" \
    test "$(landed "$T1" "$R6")" = "Correspond"

# ---- 6. incremental sync sees a change made in RT ----
R5="Gracias, ya lo recibí."
curl -s -H "$AUTH" -H "$JSON" -X POST \
    --data-binary "{\"Content\":\"$R5\",\"ContentType\":\"text/plain\"}" \
    "$API/ticket/$T1/correspond" >/dev/null
check "incremental sync" td sync rt1
td show "rt1:$T1" >"$WORK/show1b.txt" 2>&1
check "the new message is in the thread" has "$R5" "$WORK/show1b.txt"

rt_stop
check "RT stopped" sh -c "! (exec 3<>/dev/tcp/$HOST/$PORT) 2>/dev/null"
note "total $(( $(date +%s) - t0 )) s"
echo "1..$n"
