/* test_notify.c: notify rules, the store's events, rate limits, quiet while
 * typing, and each channel: OSC 9/777 and the bell, the notify_cmd hook, and
 * libnotify against a real notification server on a private session bus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "config/config.h"
#include "core/notify_rules.h"
#include "drivers/driver.h"
#include "store/events.h"
#include "store/store.h"
#include "ui/editor.h"
#include "ui/notify.h"
#include "ui/notify_out.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* ---- rules ---- */

static struct config *
load(const char *text)
{
    struct config *cfg = config_new();
    struct td_error err;

    assert_int_equal(config_load_string(cfg, text, "rc", &err), TD_OK);
    return cfg;
}

static void
test_rule_parse(void **state)
{
    struct config *cfg;
    struct buf b;

    (void)state;
    cfg = load("notify new-ticket view=vip\n"
               "notify customer-reply assigned=me\n"
               "notify sla-due within=15m via=desktop,bell\n"
               "notify outbox-failed\n"
               "notify outbox-held rate=1/10m urgency=low\n"
               "notify sla-due\n");
    assert_int_equal(cfg->n_errors, 0);
    assert_int_equal(cfg->n_notify, 6);
    assert_int_equal(cfg->notify[0].event, NE_NEW_TICKET);
    assert_string_equal(cfg->notify[0].view, "vip");
    assert_int_equal(cfg->notify[1].assigned, NA_ME);
    assert_int_equal(cfg->notify[2].within, 900);
    assert_int_equal(cfg->notify[2].via,
                     NOTIFY_VIA_DESKTOP | NOTIFY_VIA_BELL);
    assert_int_equal(cfg->notify[3].urgency, 2);
    assert_int_equal(cfg->notify[4].rate.count, 1);
    assert_int_equal(cfg->notify[4].rate.period, 600);
    assert_int_equal(cfg->notify[4].urgency, 0);
    /* the default: 15 minutes */
    assert_string_equal(cfg->notify[5].text, "notify sla-due within=15m");
    assert_string_equal(cfg->notify[2].text,
                        "notify sla-due within=15m via=desktop,bell");
    {
        struct config *q = load("notify customer-reply "
                                "assigned=\"Ana L\\\"ópez #2\"\n");

        assert_int_equal(q->n_errors, 0);
        assert_string_equal(q->notify[0].assignee, "Ana L\"ópez #2");
        assert_string_equal(q->notify[0].text, "notify customer-reply "
                            "assigned=\"Ana L\\\"ópez #2\"");
        config_free(&q);
    }
    /* --dump-config writes lines that load back the same */
    buf_init(&b, 0);
    config_dump(cfg, &b);
    assert_non_null(strstr(buf_str(&b), "notify new-ticket view=vip\n"));
    assert_non_null(strstr(buf_str(&b),
                           "notify outbox-held rate=1/10m urgency=low\n"));
    {
        struct config *again = load(buf_str(&b));

        assert_int_equal(again->n_notify, cfg->n_notify);
        for (size_t i = 0; i < cfg->n_notify; i++)
            assert_string_equal(again->notify[i].text, cfg->notify[i].text);
        config_free(&again);
    }
    buf_free(&b);
    config_free(&cfg);
}

static void
test_rule_errors(void **state)
{
    struct config *cfg;

    (void)state;
    cfg = load("notify new-ticket\n"
               "notify new-tickets\n"
               "notify sla-due within=soon\n"
               "notify outbox-failed view=mine\n"
               "notify new-ticket via=pager\n"
               "notify new-ticket rate=lots\n"
               "notify customer-reply urgency=high\n"
               "notify\n"
               "notify new-ticket assigned\n"
               "set notify_rate = 5\n"
               "set notify_via = smoke\n");
    assert_int_equal(cfg->n_notify, 1);
    assert_int_equal(cfg->n_errors, 10);
    assert_string_equal(cfg->errors[0], "rc:2: notify: unknown event "
                        "'new-tickets' (new-ticket, customer-reply, sla-due, "
                        "outbox-held, outbox-failed)");
    assert_string_equal(cfg->errors[1], "rc:3: notify: within: bad duration "
                        "'soon' (like 15m, 1h)");
    assert_string_equal(cfg->errors[2], "rc:4: notify outbox-failed: "
                        "'view=' does not apply to this event");
    assert_non_null(strstr(cfg->errors[3], "rc:5: notify: via: unknown "
                           "channel 'pager'"));
    assert_non_null(strstr(cfg->errors[4], "rc:6: notify: rate: bad value"));
    assert_non_null(strstr(cfg->errors[5], "rc:7: notify: urgency:"));
    assert_non_null(strstr(cfg->errors[6], "rc:8: usage: notify EVENT"));
    assert_string_equal(cfg->errors[7], "rc:9: notify: 'assigned' is not "
                        "KEY=VALUE");
    assert_non_null(strstr(cfg->errors[8], "rc:10: notify_rate: bad value"));
    assert_non_null(strstr(cfg->errors[9], "rc:11: notify_via: unknown "
                           "channel 'smoke'"));
    config_free(&cfg);
}

static void
test_rule_match(void **state)
{
    struct config *cfg = load("notify customer-reply assigned=me\n"
                              "notify customer-reply assigned=none\n"
                              "notify customer-reply assigned=Bob\n"
                              "notify sla-due within=15m\n");
    struct notify_ev ev = { .event = NE_CUSTOMER_REPLY, .assignee = "alice" };
    time_t now = 1800000000;

    (void)state;
    assert_true(notify_rule_matches(&cfg->notify[0], &ev, "Alice", now));
    assert_false(notify_rule_matches(&cfg->notify[0], &ev, "bob", now));
    /* no agent_name: nobody is me */
    assert_false(notify_rule_matches(&cfg->notify[0], &ev, "", now));
    assert_false(notify_rule_matches(&cfg->notify[1], &ev, "x", now));
    assert_false(notify_rule_matches(&cfg->notify[2], &ev, "x", now));
    ev.assignee = "";
    assert_true(notify_rule_matches(&cfg->notify[1], &ev, "x", now));
    ev.assignee = "bob";
    assert_true(notify_rule_matches(&cfg->notify[2], &ev, "x", now));
    /* another event never matches */
    assert_false(notify_rule_matches(&cfg->notify[3], &ev, "x", now));
    ev.event = NE_SLA_DUE;
    ev.due = now + 14 * 60;
    assert_true(notify_rule_matches(&cfg->notify[3], &ev, "x", now));
    ev.due = now + 16 * 60;
    assert_false(notify_rule_matches(&cfg->notify[3], &ev, "x", now));
    ev.due = now - 1;       /* already breached: the breaching view's job */
    assert_false(notify_rule_matches(&cfg->notify[3], &ev, "x", now));
    config_free(&cfg);
}

static void
test_window_and_seen(void **state)
{
    struct notify_window w = { 0 };
    struct notify_rate r = { .count = 3, .period = 60 };
    struct notify_rate none = { 0 };
    struct notify_seen *s = xcalloc(1, sizeof *s);

    (void)state;
    assert_true(notify_window_take(&w, &r, 1000));
    assert_true(notify_window_take(&w, &r, 1010));
    assert_true(notify_window_take(&w, &r, 1020));
    assert_false(notify_window_take(&w, &r, 1030));
    assert_false(notify_window_take(&w, &r, 1059));
    assert_true(notify_window_take(&w, &r, 1060));     /* 1000 left it */
    for (int i = 0; i < 200; i++)
        assert_true(notify_window_take(&w, &none, 2000));
    assert_int_equal(notify_rate_parse("0", &r), 0);
    assert_int_equal(r.count, 0);
    assert_int_equal(notify_rate_parse("2/1h", &r), 0);
    assert_int_equal(r.period, 3600);
    assert_int_equal(notify_rate_parse("2", &r), -1);
    assert_int_equal(notify_rate_parse("1000/1m", &r), -1);
    assert_false(notify_seen_check(s, notify_key(NE_SLA_DUE, 7, 100)));
    assert_true(notify_seen_check(s, notify_key(NE_SLA_DUE, 7, 100)));
    assert_false(notify_seen_check(s, notify_key(NE_SLA_DUE, 7, 160)));
    /* full: the oldest go, the set stays bounded */
    for (int i = 0; i < NOTIFY_SEEN_MAX + 5; i++)
        notify_seen_check(s, notify_key(NE_OUTBOX_FAILED, i, 0));
    assert_int_equal(s->n, NOTIFY_SEEN_MAX);
    free(s);
}

/* ---- text and sequences ---- */

static void
assert_no_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        assert_true(*p >= 0x20 && *p != 0x7f);
        /* no C1 control (U+0080..U+009F is C2 80..C2 9F) */
        if (p[0] == 0xc2)
            assert_true(p[1] >= 0xa0);
    }
    assert_null(strstr(s, "\xe2\x80\xae"));     /* U+202E */
}

static void
test_clean_text(void **state)
{
    const char *hostile = "\033]0;pwned\007Refund\033[2J now\r\n"
                          "\xc2\x9b" "31m \xe2\x80\xae" "evil; a\x01" "b\xff";
    char *s = notify_clean(hostile, 200, 0);
    char *t = notify_clean(hostile, 200, 1);
    char *cut = notify_clean("日本語のテキストがとても長いです", 20, 0);

    (void)state;
    assert_no_controls(s);
    assert_string_equal(s, "]0;pwned Refund [2J now 31m evil; a b"
                        "\xef\xbf\xbd");
    assert_string_equal(t, "]0,pwned Refund [2J now 31m evil, a b"
                        "\xef\xbf\xbd");
    assert_null(strchr(t, ';'));
    assert_non_null(strstr(s, "pwned"));
    assert_non_null(strstr(s, "evil;"));
    /* cut on a character boundary, with an ellipsis, within the cap */
    assert_true(strlen(cut) <= 20);
    assert_non_null(strstr(cut, "\xe2\x80\xa6"));
    assert_string_equal(cut, "日本語のテ\xe2\x80\xa6");
    free(s);
    free(t);
    free(cut);
}

static void
test_sequences(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    notify_seq_osc9(&b, "New ticket", 0);
    assert_string_equal(buf_str(&b), "\033]9;New ticket\007");
    buf_reset(&b);
    notify_seq_osc777(&b, "New ticket", "Where is my order", 0);
    assert_string_equal(buf_str(&b),
                        "\033]777;notify;New ticket;Where is my order\007");
    buf_reset(&b);
    notify_seq_osc9(&b, "hi", 1);
    assert_string_equal(buf_str(&b), "\033Ptmux;\033\033]9;hi\007\033\\");
    buf_free(&b);
}

static void
test_terminal_channel(void **state)
{
    struct notify_ev ev = {
        .event = NE_NEW_TICKET,
        .account = "shop",
        .external_id = "42",
        .subject = "\033]52;c;ZXZpbA==\007Paket fehlt; bitte \xe2\x80\xae"
                   "helfen",
    };
    char *summary = notify_summary(&ev), *body = notify_body(&ev);
    struct notify_msg m = { .ev = &ev, .summary = summary, .body = body };
    char path[] = "/tmp/ttydesk-notify-term.XXXXXX", got[1024];
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w+");
    long n;
    size_t len;

    (void)state;
    assert_non_null(f);
    n = notify_out_terminal(f, NOTIFY_VIA_OSC9 | NOTIFY_VIA_OSC777 |
                            NOTIFY_VIA_BELL, &m, 0);
    assert_true(n > 0);
    rewind(f);
    len = fread(got, 1, sizeof got - 1, f);
    got[len] = '\0';
    assert_int_equal((long)len, n);
    assert_string_equal(got,
        "\033]9;New ticket shop:42: ]52,c,ZXZpbA== Paket fehlt, bitte "
        "helfen\007"
        "\033]777;notify;New ticket shop:42;]52,c,ZXZpbA== Paket fehlt, "
        "bitte helfen\007\007");
    /* tmux: one DCS per sequence, ESCs doubled */
    rewind(f);
    assert_int_equal(ftruncate(fd, 0), 0);
    n = notify_out_terminal(f, NOTIFY_VIA_OSC9, &m, 1);
    rewind(f);
    len = fread(got, 1, sizeof got - 1, f);
    got[len] = '\0';
    assert_string_equal(got, "\033Ptmux;\033\033]9;New ticket shop:42: "
                        "]52,c,ZXZpbA== Paket fehlt, bitte helfen\007"
                        "\033\\");
    fclose(f);
    unlink(path);
    free(summary);
    free(body);
}

/* ---- the hook ---- */

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    struct buf b;
    char chunk[4096];
    size_t n;

    buf_init(&b, 0);
    if (f) {
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            buf_add(&b, chunk, n);
        fclose(f);
    }
    return buf_detach(&b);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Wait until path holds at least n "---" records (hooks run detached;
 * on a loaded machine starting one can take seconds). */
static char *
wait_records(const char *path, int n)
{
    for (int i = 0; i < 1500; i++) {
        char *s = slurp(path);
        int count = 0;

        for (char *p = s; (p = strstr(p, "---\n")) != NULL; p += 4)
            count++;
        if (count >= n)
            return s;
        free(s);
        usleep(20000);
    }
    return slurp(path);
}

static void
test_cmd_channel(void **state)
{
    char dir[] = "/tmp/ttydesk-notify-cmd.XXXXXX";
    char *hook, *out, *cmd, *got, *rm;
    struct notify_ev ev = {
        .event = NE_CUSTOMER_REPLY,
        .ticket_id = 7,
        .account = "shop",
        .external_id = "T7",
        .subject = "$(touch pwned) `id` \033[31mred",
        .requester = "ناصر",
        .assignee = "alice",
    };
    struct notify_msg m = { .ev = &ev, .summary = "s", .body = "b",
                            .urgency = 2 };
    struct td_error err;
    pid_t pid;
    int status;

    (void)state;
    assert_non_null(mkdtemp(dir));
    hook = xasprintf("%s/hook with space.sh", dir);
    out = xasprintf("%s/out", dir);
    write_file(hook, "#!/bin/sh\n"
                     "cd \"$(dirname \"$0\")\"\n"
                     "env | grep '^TTYDESK_' | LC_ALL=C sort >> out\n"
                     "echo \"argv: $*\" >> out\n"
                     "echo --- >> out\n");
    chmod(hook, 0700);
    /* quoted like an rc value: the path has a space, the argument too */
    cmd = xasprintf("\"%s\" \"one arg\"", hook);
    assert_int_equal(notify_out_cmd(cmd, &m, &pid, &err), TD_OK);
    assert_true(pid > 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    got = slurp(out);
    assert_non_null(strstr(got, "TTYDESK_EVENT=customer-reply\n"));
    assert_non_null(strstr(got, "TTYDESK_TICKET=7\n"));
    assert_non_null(strstr(got, "TTYDESK_ACCOUNT=shop\n"));
    assert_non_null(strstr(got, "TTYDESK_EXTERNAL_ID=T7\n"));
    assert_non_null(strstr(got, "TTYDESK_REQUESTER=ناصر\n"));
    assert_non_null(strstr(got, "TTYDESK_URGENCY=critical\n"));
    assert_non_null(strstr(got, "TTYDESK_SUBJECT=$(touch pwned) `id` "
                                "[31mred\n"));
    assert_null(strchr(got, '\033'));
    assert_non_null(strstr(got, "argv: one arg\n"));
    free(got);
    got = xasprintf("%s/pwned", dir);
    assert_int_not_equal(access(got, F_OK), 0);
    free(got);
    /* a missing program is an error, not a crash */
    assert_int_not_equal(notify_out_cmd("/nonexistent/hook", &m, &pid, &err),
                         TD_OK);
    assert_non_null(strstr(err.msg, "/nonexistent/hook"));
    rm = xasprintf("rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
    free(rm);
    free(cmd);
    free(hook);
    free(out);
}

/* ---- the desktop: libnotify and a real server on a private bus ---- */

struct bus {
    char dir[64];
    char *log;
    long bus_pid;
    long server_pid;
};

static int
bus_up(struct bus *b)
{
    const char *share = getenv("TTYDESK_DATADIR");
    char *cmd, *env, addr[512];
    FILE *f;

    snprintf(b->dir, sizeof b->dir, "/tmp/ttydesk-notify-bus.XXXXXX");
    if (mkdtemp(b->dir) == NULL)
        return -1;
    cmd = xasprintf("TTYDESK_DATADIR='%s' sh -c '. \"$TTYDESK_DATADIR/tests/"
                    "notify/bus.sh\" && bus_start %s && echo "
                    "\"$DBUS_SESSION_BUS_ADDRESS $BUS_PID $NOTIFYD_PID\" > "
                    "%s/env'", share ? share : ".", b->dir, b->dir);
    if (system(cmd) != 0) {
        free(cmd);
        return -1;
    }
    free(cmd);
    env = xasprintf("%s/env", b->dir);
    f = fopen(env, "r");
    free(env);
    if (f == NULL)
        return -1;
    if (fscanf(f, "%511s %ld %ld", addr, &b->bus_pid, &b->server_pid) != 3) {
        fclose(f);
        return -1;
    }
    fclose(f);
    setenv("DBUS_SESSION_BUS_ADDRESS", addr, 1);
    b->log = xasprintf("%s/notifications.jsonl", b->dir);
    return 0;
}

static void
bus_down(struct bus *b)
{
    char *rm = xasprintf("rm -rf '%s'", b->dir);

    if (b->server_pid > 0)
        kill((pid_t)b->server_pid, SIGTERM);
    if (b->bus_pid > 0)
        kill((pid_t)b->bus_pid, SIGTERM);
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    assert_int_equal(system(rm), 0);
    free(rm);
    free(b->log);
}

static void
test_desktop_channel(void **state)
{
    struct notify_ev ev = {
        .event = NE_SLA_DUE,
        .account = "shop",
        .external_id = "99",
        .subject = "配送が遅れています \033]0;x\007",
    };
    char *summary = notify_summary(&ev), *body = notify_body(&ev), *got;
    struct notify_msg m = { .ev = &ev, .summary = summary, .body = body,
                            .urgency = 2 };
    struct td_error err;
    struct bus b = { 0 };

    (void)state;
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    assert_int_equal(notify_out_desktop(&m, &err), TD_ENOTSUP);
    assert_non_null(strstr(err.msg, "DBUS_SESSION_BUS_ADDRESS"));
    if (bus_up(&b) != 0) {
        free(summary);
        free(body);
        skip();     /* counted as a failure under CI=true */
    }
    assert_int_equal(notify_out_desktop(&m, &err), TD_OK);
    m.urgency = 0;
    ev.subject = "second";
    free(body);
    body = notify_body(&ev);
    m.body = body;
    assert_int_equal(notify_out_desktop(&m, &err), TD_OK);
    got = slurp(b.log);
    assert_string_equal(got,
        "{\"app\": \"ttydesk\", \"summary\": \"SLA due on shop:99\", "
        "\"body\": \"配送が遅れています ]0;x\", \"urgency\": 2, "
        "\"category\": \"im.received\", \"expire_timeout\": 0}\n"
        "{\"app\": \"ttydesk\", \"summary\": \"SLA due on shop:99\", "
        "\"body\": \"second\", \"urgency\": 0, "
        "\"category\": \"im.received\", \"expire_timeout\": 10000}\n");
    free(got);
    bus_down(&b);
    free(summary);
    free(body);
}

/* ---- the engine: store events to deliveries, through a console state
 * without a screen ---- */

struct fx {
    char dir[64];
    struct app app;
    struct ui *ui;
    struct account_def def;
    struct account *a;
    char *hook_out;
    char *term_path;
};

static void
ticket_file(struct fx *f, const char *id, const char *extra,
            const char *messages)
{
    char *path = xasprintf("%s/ws/tickets/%s.json", f->dir, id);
    char when[TIME_ISO_LEN];
    char *text;

    time_format_iso(time(NULL) - 600, when);
    text = xasprintf("{\"id\":\"%s\",\"status\":\"open\",\"created_at\":"
                     "\"%s\",\"updated_at\":\"%s\"%s,\"messages\":[%s]}",
                     id, when, when, extra, messages);
    write_file(path, text);
    free(text);
    free(path);
}

static void
sync_ws(struct fx *f)
{
    struct td_error err;

    assert_int_equal(drv_sync(f->a, f->app.store, NULL, NULL, &err), TD_OK);
}

static int
engine_setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    struct td_error err;
    char *p, *rc, *hook;
    int64_t id;

    snprintf(f->dir, sizeof f->dir, "/tmp/ttydesk-notify.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    p = xasprintf("mkdir -p '%s/ws/tickets'", f->dir);
    assert_int_equal(system(p), 0);
    free(p);
    f->hook_out = xasprintf("%s/hook.out", f->dir);
    f->term_path = xasprintf("%s/term.out", f->dir);
    hook = xasprintf("%s/hook", f->dir);
    /* one write per record: hooks run side by side, appends must not
     * interleave */
    write_file(hook, "#!/bin/sh\n"
                     "rec=$(printf '%s %s %s\\n---' \"$TTYDESK_EVENT\" "
                     "\"$TTYDESK_EXTERNAL_ID\" \"$TTYDESK_SUBJECT\")\n"
                     "printf '%s\\n' \"$rec\" >> \"$1\"\n");
    chmod(hook, 0700);
    ticket_file(f, "T1", ",\"subject\":\"Old one\",\"assignee\":\"alice\"",
                "{\"id\":\"m1\",\"author\":\"customer\",\"body\":\"hi\"}");
    f->app.cfg = config_new();
    rc = xasprintf("set agent_name = alice\n"
                   "set notify_cmd = \"%s '%s'\"\n"
                   "set notify_via = osc9,cmd\n"
                   "set notify_rate = 0\n"
                   "view vip \"tag:vip\"\n", hook, f->hook_out);
    assert_int_equal(config_load_string(f->app.cfg, rc, "rc", &err), TD_OK);
    assert_int_equal(f->app.cfg->n_errors, 0);
    free(rc);
    free(hook);
    p = xasprintf("%s/store.db", f->dir);
    assert_int_equal(store_open(p, &f->app.store, &err), TD_OK);
    free(p);
    f->def.kind = "account";
    f->def.name = "loc";
    f->def.driver = "local";
    f->def.url = xasprintf("%s/ws", f->dir);
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(store_account_ensure(f->app.store, "loc", "local",
                                          f->def.url, &id, &err), TD_OK);
    f->a->store_id = id;
    f->app.accounts = xcalloc(1, sizeof *f->app.accounts);
    f->app.accounts[0] = f->a;
    f->app.n_accounts = 1;
    sync_ws(f);
    f->ui = xcalloc(1, sizeof *f->ui);
    f->ui->app = &f->app;
    f->ui->focus = PANE_INBOX;
    f->ui->term_out = fopen(f->term_path, "w");
    f->ui->notify = notify_new();
    f->ui->panes[PANE_EDITOR].ops = &editor_ops;
    f->ui->panes[PANE_EDITOR].priv = xcalloc(1, editor_ops.priv_size);
    if (editor_ops.init)
        editor_ops.init(f->ui, &f->ui->panes[PANE_EDITOR]);
    *state = f;
    return 0;
}

static int
engine_teardown(void **state)
{
    struct fx *f = *state;
    char *rm = xasprintf("rm -rf '%s'", f->dir);

    /* let detached hooks finish before the directory goes */
    while (wait(NULL) > 0)
        ;
    notify_free(&f->ui->notify);
    if (editor_ops.fini)
        editor_ops.fini(f->ui, &f->ui->panes[PANE_EDITOR]);
    fclose(f->ui->term_out);
    free(f->ui->panes[PANE_EDITOR].priv);
    free(f->ui->msg);
    free(f->ui->last_error);
    free(f->ui);
    f->a = NULL;
    app_free(&f->app);
    assert_int_equal(system(rm), 0);
    free(rm);
    free((char *)f->def.url);
    free(f->hook_out);
    free(f->term_path);
    free(f);
    return 0;
}

static void
rules(struct fx *f, const char *text)
{
    struct td_error err;

    assert_int_equal(config_load_string(f->app.cfg, text, "rc", &err), TD_OK);
    assert_int_equal(f->app.cfg->n_errors, 0);
}

static void
test_engine_new_and_reply(void **state)
{
    struct fx *f = *state;
    char *got, *term;

    rules(f, "notify new-ticket\nnotify customer-reply assigned=me\n");
    notify_check(f->ui);            /* marks only: T1 is not news */
    ticket_file(f, "T2", ",\"subject\":\"Paket \\u001b]0;x\\u0007fehlt\"",
                "{\"id\":\"m1\",\"author\":\"customer\",\"body\":\"wo?\"}");
    ticket_file(f, "T1", ",\"subject\":\"Old one\",\"assignee\":\"alice\"",
                "{\"id\":\"m1\",\"author\":\"customer\",\"body\":\"hi\"},"
                "{\"id\":\"m2\",\"author\":\"customer\",\"body\":\"again\"}");
    sync_ws(f);
    notify_check(f->ui);
    got = wait_records(f->hook_out, 2);
    /* the hooks run side by side: either may write first */
    assert_non_null(strstr(got, "new-ticket T2 Paket ]0;x fehlt\n---\n"));
    assert_non_null(strstr(got, "customer-reply T1 Old one\n---\n"));
    free(got);
    fflush(f->ui->term_out);
    term = slurp(f->term_path);
    assert_non_null(strstr(term, "\033]9;New ticket loc:T2: Paket ]0,x "
                                 "fehlt: wo?\007"));
    assert_non_null(strstr(term, "\033]9;The buyer replied on loc:T1: "
                                 "Old one: again\007"));
    free(term);
    /* nothing new: nothing again */
    notify_check(f->ui);
    usleep(100000);
    got = slurp(f->hook_out);
    assert_int_equal(strlen(got), strlen("new-ticket T2 Paket ]0;x fehlt\n"
                     "---\ncustomer-reply T1 Old one\n---\n"));
    free(got);
}

static void
test_engine_rate_view_quiet(void **state)
{
    struct fx *f = *state;
    char *got;
    int64_t t1;
    struct td_error err;

    rules(f, "notify new-ticket view=vip rate=2/1h\n"
             "notify customer-reply\n");
    notify_check(f->ui);
    ticket_file(f, "V1", ",\"subject\":\"vip one\",\"tags\":[\"vip\"]", "");
    ticket_file(f, "P1", ",\"subject\":\"plain\"", "");
    ticket_file(f, "V2", ",\"subject\":\"vip two\",\"tags\":[\"vip\"]", "");
    ticket_file(f, "V3", ",\"subject\":\"vip three\",\"tags\":[\"vip\"]", "");
    /* the agent is typing in T1: its buyer's new message stays quiet */
    assert_int_equal(store_ticket_lookup(f->app.store, "loc", "T1", &t1,
                                         &err), TD_OK);
    editor_set_ticket(f->ui, t1);
    f->ui->focus = PANE_EDITOR;
    ticket_file(f, "T1", ",\"subject\":\"Old one\",\"assignee\":\"alice\"",
                "{\"id\":\"m1\",\"author\":\"customer\",\"body\":\"hi\"},"
                "{\"id\":\"m2\",\"author\":\"customer\",\"body\":\"again\"}");
    sync_ws(f);
    notify_check(f->ui);
    got = wait_records(f->hook_out, 2);
    /* P1 is not in the view; V3 is over the rule's 2 an hour */
    assert_non_null(strstr(got, "new-ticket V1 vip one\n---\n"));
    assert_non_null(strstr(got, "new-ticket V2 vip two\n---\n"));
    assert_int_equal(strlen(got), strlen("new-ticket V1 vip one\n---\n"
                                         "new-ticket V2 vip two\n---\n"));
    free(got);
    /* left the editor: the next message on T1 is news */
    f->ui->focus = PANE_INBOX;
    ticket_file(f, "T1", ",\"subject\":\"Old one\",\"assignee\":\"alice\"",
                "{\"id\":\"m1\",\"author\":\"customer\",\"body\":\"hi\"},"
                "{\"id\":\"m2\",\"author\":\"customer\",\"body\":\"again\"},"
                "{\"id\":\"m3\",\"author\":\"customer\",\"body\":\"hello?\"}");
    sync_ws(f);
    notify_check(f->ui);
    got = wait_records(f->hook_out, 3);
    assert_non_null(strstr(got, "customer-reply T1 Old one\n---\n"));
    free(got);
}

static void
test_engine_global_rate(void **state)
{
    struct fx *f = *state;
    char *got;

    rules(f, "set notify_rate = 1/1h\nnotify new-ticket rate=0\n");
    notify_check(f->ui);
    ticket_file(f, "A1", ",\"subject\":\"a1\"", "");
    ticket_file(f, "A2", ",\"subject\":\"a2\"", "");
    sync_ws(f);
    notify_check(f->ui);
    got = wait_records(f->hook_out, 1);
    usleep(100000);
    free(got);
    got = slurp(f->hook_out);
    assert_string_equal(got, "new-ticket A1 a1\n---\n");
    free(got);
}

static void
test_engine_sla_and_outbox(void **state)
{
    struct fx *f = *state;
    struct outbox_item it = { 0 };
    struct td_error err;
    char due[TIME_ISO_LEN], *extra, *got;
    int64_t t1;

    rules(f, "notify sla-due within=15m\nnotify outbox-failed\n"
             "notify outbox-held\n");
    notify_check(f->ui);
    time_format_iso(time(NULL) + 10 * 60, due);
    extra = xasprintf(",\"subject\":\"due soon\",\"first_response_due\":"
                      "\"%s\"", due);
    ticket_file(f, "S1", extra, "");
    free(extra);
    time_format_iso(time(NULL) + 60 * 60, due);
    extra = xasprintf(",\"subject\":\"due later\",\"first_response_due\":"
                      "\"%s\"", due);
    ticket_file(f, "S2", extra, "");
    free(extra);
    sync_ws(f);
    assert_int_equal(store_ticket_lookup(f->app.store, "loc", "T1", &t1,
                                         &err), TD_OK);
    it.ticket_id = t1;
    it.body = "thanks";
    assert_int_equal(store_outbox_add(f->app.store, &it, &err), TD_OK);
    assert_int_equal(store_outbox_set_state(f->app.store, it.id, OB_FAILED,
                                            "HTTP 500 \033[31m", NULL, &err),
                     TD_OK);
    notify_check(f->ui);
    got = wait_records(f->hook_out, 2);
    assert_non_null(strstr(got, "sla-due S1 due soon\n---\n"));
    assert_null(strstr(got, "S2"));
    assert_non_null(strstr(got, "outbox-failed T1 Old one\n---\n"));
    free(got);
    /* a rescan (the minute timer) repeats neither */
    notify_check(f->ui);
    usleep(150000);
    got = slurp(f->hook_out);
    assert_int_equal(strlen(got), strlen("sla-due S1 due soon\n---\n"
                                         "outbox-failed T1 Old one\n---\n"));
    free(got);
    free(it.token);
    free(it.account);
    free(it.ticket_ext_id);
}

/* auto: a bus without a notification server (usual over SSH) falls back
 * to OSC 9 and the bell at once, and is not asked again for a while. */
static void
test_engine_auto_fallback(void **state)
{
    struct fx *f = *state;
    struct notify_ev ev = { .event = NE_TEST, .subject = "hello" };
    struct td_error err;
    unsigned ok;
    char *term;

    rules(f, "set notify_via = auto\nset notify_cmd = \"\"\n");
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", 1);
    ok = notify_deliver(f->ui, &ev, NOTIFY_VIA_AUTO, 1, &err);
    assert_int_equal(ok, NOTIFY_VIA_OSC9 | NOTIFY_VIA_BELL);
    assert_int_not_equal(err.status, TD_OK);    /* says why */
    ok = notify_deliver(f->ui, &ev, NOTIFY_VIA_AUTO, 1, &err);
    assert_int_equal(ok, NOTIFY_VIA_OSC9 | NOTIFY_VIA_BELL);
    assert_int_equal(err.status, TD_OK);        /* desktop not retried */
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    fflush(f->ui->term_out);
    term = slurp(f->term_path);
    assert_string_equal(term, "\033]9;ttydesk notification test: hello\007\007"
                              "\033]9;ttydesk notification test: hello\007"
                              "\007");
    free(term);
    /* the PII mask covers what shows on screen */
    rules(f, "set pii_mask\n");
    assert_int_equal(ftruncate(fileno(f->ui->term_out), 0), 0);
    rewind(f->ui->term_out);
    ev.subject = "mail me at ana@example.com";
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", 1);
    ok = notify_deliver(f->ui, &ev, NOTIFY_VIA_OSC9, 1, &err);
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    fflush(f->ui->term_out);
    term = slurp(f->term_path);
    assert_string_equal(term, "\033]9;ttydesk notification test: mail me "
                              "at ***@*******.***\007");
    free(term);
    /* via=cmd without notify_cmd is an error, not silence */
    ok = notify_deliver(f->ui, &ev, NOTIFY_VIA_CMD, 1, &err);
    assert_int_equal(ok, 0);
    assert_non_null(strstr(err.msg, "notify_cmd is not set"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_parse),
        cmocka_unit_test(test_rule_errors),
        cmocka_unit_test(test_rule_match),
        cmocka_unit_test(test_window_and_seen),
        cmocka_unit_test(test_clean_text),
        cmocka_unit_test(test_sequences),
        cmocka_unit_test(test_terminal_channel),
        cmocka_unit_test(test_cmd_channel),
        cmocka_unit_test(test_desktop_channel),
        cmocka_unit_test_setup_teardown(test_engine_new_and_reply,
                                        engine_setup, engine_teardown),
        cmocka_unit_test_setup_teardown(test_engine_rate_view_quiet,
                                        engine_setup, engine_teardown),
        cmocka_unit_test_setup_teardown(test_engine_global_rate,
                                        engine_setup, engine_teardown),
        cmocka_unit_test_setup_teardown(test_engine_sla_and_outbox,
                                        engine_setup, engine_teardown),
        cmocka_unit_test_setup_teardown(test_engine_auto_fallback,
                                        engine_setup, engine_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
