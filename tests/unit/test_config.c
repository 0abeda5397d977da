/* test_config.c: the config language: splitter, commands, files, dump. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/cmds.h"
#include "config/config.h"
#include "config/keys.h"
#include "config/words.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* A private temporary directory per test, removed by the teardown. */
struct fixture {
    char dir[64];
    char *files[16];
    size_t n_files;
    char *dirs[4];
    size_t n_dirs;
    struct config *cfg;
};

static int
setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/td-config-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    f->cfg = config_new();
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    size_t i;

    for (i = 0; i < f->n_files; i++) {
        unlink(f->files[i]);
        free(f->files[i]);
    }
    for (i = f->n_dirs; i-- > 0;) {
        rmdir(f->dirs[i]);
        free(f->dirs[i]);
    }
    rmdir(f->dir);
    config_free(&f->cfg);
    assert_null(f->cfg);
    free(f);
    return 0;
}

/* Write text to dir/name with mode; returns the path (owned by f). */
static const char *
write_file(struct fixture *f, const char *name, const char *text, int mode)
{
    char *path = xasprintf("%s/%s", f->dir, name);
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
    assert_int_equal(chmod(path, (mode_t)mode), 0);
    f->files[f->n_files++] = path;
    return path;
}

static void
make_dir(struct fixture *f, const char *name)
{
    char *path = xasprintf("%s/%s", f->dir, name);

    assert_int_equal(mkdir(path, 0700), 0);
    f->dirs[f->n_dirs++] = path;
}

/* Run one line as line 1 of "rc"; it must succeed. */
static void
ok(struct config *cfg, const char *line)
{
    struct td_error err;

    if (config_exec_line(cfg, line, "rc", 1, &err) != TD_OK)
        fail_msg("'%s': %s", line, err.msg);
}

/* Run one line as line 1 of "rc"; it must fail with exactly msg (without
 * the "rc:1: " that err and cfg->errors both get). */
static void
bad(struct config *cfg, const char *line, const char *msg)
{
    struct td_error err;
    char *want = xasprintf("rc:1: %s", msg);
    size_t n = cfg->n_errors;

    assert_int_not_equal(config_exec_line(cfg, line, "rc", 1, &err), TD_OK);
    assert_string_equal(err.msg, want);
    assert_int_equal(cfg->n_errors, n + 1);
    assert_string_equal(cfg->errors[n], want);
    free(want);
}

static void
test_split(void **state)
{
    struct td_error err;
    char **v;
    int n;

    (void)state;
    n = config_split("  set  sort =\tupdated  ", &v, &err);
    assert_int_equal(n, 4);
    assert_string_equal(v[0], "set");
    assert_string_equal(v[3], "updated");
    assert_null(v[4]);
    config_words_free(v, n);

    n = config_split("a \"b c\" 'd e' \"\" x", &v, &err);
    assert_int_equal(n, 5);
    assert_string_equal(v[1], "b c");
    assert_string_equal(v[2], "d e");
    assert_string_equal(v[3], "");
    config_words_free(v, n);

    /* Escapes in double quotes only; unknown escapes keep the backslash. */
    n = config_split("\"a\\\"b\\\\c\\nd\\te\\q\" 'x\\ny' <C-\\>", &v, &err);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "a\"b\\c\nd\te\\q");
    assert_string_equal(v[1], "x\\ny");
    assert_string_equal(v[2], "<C-\\>");
    config_words_free(v, n);

    /* Quoted parts join the word around them, as in the shell. */
    n = config_split("token_cmd=\"pass show eu\" a'b'\"c\"", &v, &err);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], "token_cmd=pass show eu");
    assert_string_equal(v[1], "abc");
    config_words_free(v, n);
}

static void
test_split_comments(void **state)
{
    struct td_error err;
    char **v;
    int n;

    (void)state;
    n = config_split("# a comment", &v, &err);
    assert_int_equal(n, 0);
    assert_non_null(v);
    assert_null(v[0]);
    config_words_free(v, n);
    n = config_split("   #set x", &v, &err);
    assert_int_equal(n, 0);
    config_words_free(v, n);
    n = config_split("bind inbox x reply # why: muscle memory", &v, &err);
    assert_int_equal(n, 4);
    config_words_free(v, n);
    /* '#' inside a word, in quotes, or as a colour is not a comment. */
    n = config_split("a#b \"# x\" #ff00AA #ff00aa0 y", &v, &err);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "a#b");
    assert_string_equal(v[1], "# x");
    assert_string_equal(v[2], "#ff00AA");
    config_words_free(v, n);
    n = config_split("", &v, &err);
    assert_int_equal(n, 0);
    config_words_free(v, n);
}

static void
test_split_errors(void **state)
{
    struct td_error err;
    char **v = (char **)&err;

    (void)state;
    assert_int_equal(config_split("set editor = \"vim -u", &v, &err), -1);
    assert_null(v);
    assert_string_equal(err.msg, "unterminated \" quote");
    assert_int_equal(config_split("macro inbox x 'abc", &v, &err), -1);
    assert_string_equal(err.msg, "unterminated ' quote");
    /* An escaped quote does not close. */
    assert_int_equal(config_split("\"abc\\\"", &v, &err), -1);
}

/* Whatever words_quote writes, words_split reads back as the same word. */
static void
test_quote(void **state)
{
    static const char *const words[] = {
        "plain", "", "two words", "tab\there", "new\nline", "cr\r",
        "dq\"", "sq'", "back\\slash", "\\\"", "#comment", "#", "#ff00aa",
        "a#b", "<C-\\>", "ends\\", "Zoë 山田", "\x01ctl", "=", "key=\"v\"",
    };
    struct td_error err;
    struct buf b;
    char **v;
    size_t i;
    int n;

    (void)state;
    buf_init(&b, 0);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        buf_reset(&b);
        words_quote(&b, words[i]);
        n = config_split(buf_str(&b), &v, &err);
        if (n != 1)
            fail_msg("'%s' quoted as '%s' splits into %d", words[i],
                     buf_str(&b), n);
        assert_string_equal(v[0], words[i]);
        config_words_free(v, n);
    }
    buf_reset(&b);
    words_quote(&b, "plain");
    words_quote(&b, "#ff00aa");
    words_quote(&b, "<C-\\>");
    assert_string_equal(buf_str(&b), "plain#ff00aa<C-\\>");
    buf_free(&b);
}

static void
test_split_utf8(void **state)
{
    struct td_error err;
    char **v;
    int n;

    (void)state;
    n = config_split("set agent_name = \"Zoë Ōtani 山田\" ü", &v, &err);
    assert_int_equal(n, 5);
    assert_string_equal(v[3], "Zoë Ōtani 山田");
    assert_string_equal(v[4], "ü");
    config_words_free(v, n);
}

/* Parsing checks a line and runs nothing; running is a step of its own. */
static void
test_parse_apart(void **state)
{
    struct fixture *f = *state;
    struct cmds_line l;
    struct td_error err;

    assert_int_equal(cmds_parse("bind inbox x reply", &l, &err), TD_OK);
    assert_non_null(l.cmd);
    assert_string_equal(l.cmd->name, "bind");
    assert_int_equal(l.argc, 4);
    assert_int_equal(f->cfg->n_binds, 0);
    assert_int_equal(cmds_run(f->cfg, &l, &err), TD_OK);
    assert_int_equal(f->cfg->n_binds, 1);
    cmds_line_free(&l);

    assert_int_equal(cmds_parse("  # nothing", &l, &err), TD_OK);
    assert_null(l.cmd);
    assert_int_equal(cmds_run(f->cfg, &l, &err), TD_OK);
    cmds_line_free(&l);

    assert_int_equal(cmds_parse("frobnicate now", &l, &err), TD_EPARSE);
    assert_string_equal(err.msg, "unknown command 'frobnicate'");
    assert_null(l.argv);
    assert_int_equal(cmds_parse("bind inbox x", &l, &err), TD_EPARSE);
    assert_string_equal(err.msg, "usage: bind MAP KEYS FUNCTION");
    assert_int_equal(cmds_parse("unbind inbox x y", &l, &err), TD_EPARSE);
    assert_string_equal(err.msg, "usage: unbind MAP KEYS");
    assert_int_equal(cmds_parse("set \"x", &l, &err), TD_EPARSE);
    assert_string_equal(err.msg, "unterminated \" quote");
    assert_int_equal(f->cfg->n_errors, 0);
}

static void
test_defaults(void **state)
{
    struct fixture *f = *state;
    const struct option_def *o;
    struct buf b;
    size_t n;

    o = config_options(&n);
    assert_int_equal(n, OPT_COUNT);
    assert_string_equal(o[OPT_AGENT_NAME].name, "agent_name");
    assert_string_equal(o[OPT_CONFIRM_SEND].name, "confirm_send");
    assert_int_equal(config_option_find("sort"), OPT_SORT);
    assert_int_equal(config_option_find("inbox_width"), OPT_INBOX_WIDTH);
    assert_int_equal(config_option_find("nope"), -1);
    assert_string_equal(config_str(f->cfg, OPT_AGENT_NAME), "");
    assert_string_equal(config_str(f->cfg, OPT_DEFAULT_LANGUAGE), "en");
    assert_string_equal(config_str(f->cfg, OPT_THEME), "default");
    assert_string_equal(config_str(f->cfg, OPT_KEYMAP), "default");
    assert_string_equal(config_str(f->cfg, OPT_INBOX_COLUMNS),
                        "sla,channel,lang,intent,buyer,country,subject,status,"
                        "assignee,age");
    assert_string_equal(config_str(f->cfg, OPT_DEFAULT_VIEW), "open");
    assert_string_equal(config_str(f->cfg, OPT_SORT), "sla");
    assert_int_equal(config_int(f->cfg, OPT_SYNC_INTERVAL), 300);
    assert_int_equal(config_int(f->cfg, OPT_INBOX_WIDTH), 38);
    assert_int_equal(config_int(f->cfg, OPT_READONLY), 0);
    assert_int_equal(config_int(f->cfg, OPT_PII_MASK), 0);
    assert_int_equal(config_int(f->cfg, OPT_CONFIRM_SEND), 1);
    /* A fresh config dumps to nothing: it is all defaults. */
    buf_init(&b, 0);
    config_dump(f->cfg, &b);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

static void
test_set(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    ok(cfg, "set sort = updated");
    assert_string_equal(config_str(cfg, OPT_SORT), "updated");
    ok(cfg, "set sort created");
    assert_string_equal(config_str(cfg, OPT_SORT), "created");
    ok(cfg, "set sort=priority");
    assert_string_equal(config_str(cfg, OPT_SORT), "priority");
    ok(cfg, "set sort= id");
    assert_string_equal(config_str(cfg, OPT_SORT), "id");
    ok(cfg, "set editor = \"vim -c 'set tw=72'\"");
    assert_string_equal(config_str(cfg, OPT_EDITOR), "vim -c 'set tw=72'");
    ok(cfg, "set editor = \"\"");
    assert_string_equal(config_str(cfg, OPT_EDITOR), "");
    ok(cfg, "set inbox_width = 45");
    assert_int_equal(config_int(cfg, OPT_INBOX_WIDTH), 45);
    ok(cfg, "set inbox_width = 0");
    assert_int_equal(config_int(cfg, OPT_INBOX_WIDTH), 0);
    ok(cfg, "set inbox_columns = sla:6,subject,age:4");
    ok(cfg, "set agent_name = \"José Müller 山田\"");
    assert_string_equal(config_str(cfg, OPT_AGENT_NAME), "José Müller 山田");
    assert_int_equal(cfg->n_errors, 0);
}

static void
test_set_bools(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;
    static const char *const yes[] = { "yes", "on", "true", "1", "YES" };
    static const char *const no[] = { "no", "off", "false", "0", "Off" };
    char line[64];
    size_t i;

    for (i = 0; i < 5; i++) {
        snprintf(line, sizeof line, "set readonly = %s", yes[i]);
        ok(cfg, line);
        assert_int_equal(config_int(cfg, OPT_READONLY), 1);
        snprintf(line, sizeof line, "set readonly %s", no[i]);
        ok(cfg, line);
        assert_int_equal(config_int(cfg, OPT_READONLY), 0);
    }
    ok(cfg, "set pii_mask");
    assert_int_equal(config_int(cfg, OPT_PII_MASK), 1);
    ok(cfg, "set nopii_mask");
    assert_int_equal(config_int(cfg, OPT_PII_MASK), 0);
    ok(cfg, "set pii_mask");
    ok(cfg, "unset pii_mask");
    assert_int_equal(config_int(cfg, OPT_PII_MASK), 0);
    /* unset: a boolean goes off even when its default is on. */
    ok(cfg, "unset confirm_send");
    assert_int_equal(config_int(cfg, OPT_CONFIRM_SEND), 0);
}

static void
test_set_durations(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    ok(cfg, "set sync_interval = 30s");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 30);
    ok(cfg, "set sync_interval = 2h");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 7200);
    ok(cfg, "set sync_interval = 1d");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 86400);
    ok(cfg, "set sync_interval = 600");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 600);
    /* unset puts a non-boolean back to its default. */
    ok(cfg, "unset sync_interval");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 300);
    ok(cfg, "set sort = id");
    ok(cfg, "unset sort");
    assert_string_equal(config_str(cfg, OPT_SORT), "sla");
}

static void
test_set_errors(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    bad(cfg, "set bogus = 1", "unknown option 'bogus'");
    bad(cfg, "unset bogus", "unknown option 'bogus'");
    bad(cfg, "set readonly = maybe",
        "readonly: bad boolean 'maybe' (yes/no, on/off, true/false, 1/0)");
    bad(cfg, "set inbox_width = wide", "inbox_width: bad number 'wide'");
    bad(cfg, "set inbox_width = 12x", "inbox_width: bad number '12x'");
    bad(cfg, "set inbox_width = 150",
        "inbox_width: 150 is out of range (0..100)");
    bad(cfg, "set inbox_width = -1",
        "inbox_width: -1 is out of range (0..100)");
    bad(cfg, "set sync_interval = soon", "sync_interval: bad duration "
        "'soon' (like 30s, 5m, 2h, 1d, or seconds)");
    bad(cfg, "set sync_interval = -5m", "sync_interval: bad duration "
        "'-5m' (like 30s, 5m, 2h, 1d, or seconds)");
    bad(cfg, "set sort = random", "sort: bad value 'random' (one of sla, "
        "updated, created, priority, id)");
    bad(cfg, "set inbox_columns = \"sla subject\"",
        "inbox_columns: bad column list 'sla subject' (NAME[:WIDTH],...)");
    bad(cfg, "set editor", "set: option 'editor' needs a value "
        "(set editor = VALUE)");
    bad(cfg, "set noeditor", "set: 'editor' is not a boolean option");
    bad(cfg, "set", "usage: set NAME = VALUE");
    bad(cfg, "set sort updated created", "usage: set NAME = VALUE");
    bad(cfg, "set sort = a b", "usage: set NAME = VALUE");
    bad(cfg, "set sort =", "usage: set NAME = VALUE");
    bad(cfg, "unset", "usage: unset NAME");
    bad(cfg, "frobnicate", "unknown command 'frobnicate'");
    /* Nothing bad got in. */
    assert_int_equal(config_int(cfg, OPT_INBOX_WIDTH), 38);
    assert_string_equal(config_str(cfg, OPT_SORT), "sla");
    assert_int_equal(config_int(cfg, OPT_SYNC_INTERVAL), 300);
}

static void
test_account(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;
    const struct account_def *a;

    ok(cfg, "account eu zendesk https://acme-eu.zendesk.com "
       "user=ana@acme.example token_cmd=\"pass show zendesk/eu\" "
       "mapping=default sync_interval=2m insecure=no");
    assert_int_equal(cfg->n_accounts, 1);
    a = &cfg->accounts[0];
    assert_string_equal(a->kind, "account");
    assert_string_equal(a->name, "eu");
    assert_string_equal(a->driver, "zendesk");
    assert_string_equal(a->url, "https://acme-eu.zendesk.com");
    assert_int_equal(a->n_opts, 5);
    assert_string_equal(account_def_opt(a, "token_cmd"),
                        "pass show zendesk/eu");
    assert_string_equal(account_def_opt(a, "user"), "ana@acme.example");
    assert_string_equal(account_def_opt(a, "insecure"), "no");
    assert_null(account_def_opt(a, "token"));
    assert_string_equal(a->file, "rc");
    assert_int_equal(a->line, 1);

    ok(cfg, "account rt RT http://127.0.0.1:8080/rt token_env=RT_TOKEN "
       "user=root user=agent empty=");
    a = &cfg->accounts[1];
    assert_string_equal(a->driver, "rt");
    /* A key given twice keeps its last value. */
    assert_int_equal(a->n_opts, 3);
    assert_string_equal(account_def_opt(a, "user"), "agent");
    assert_string_equal(account_def_opt(a, "empty"), "");

    ok(cfg, "shop store shopify https://acme.myshopify.com "
       "token_env=SHOPIFY_TOKEN");
    ok(cfg, "tracker parcels aftership https://api.aftership.com "
       "api_key_cmd=\"pass show aftership\"");
    assert_int_equal(cfg->n_accounts, 4);
    assert_string_equal(cfg->accounts[2].kind, "shop");
    assert_string_equal(cfg->accounts[3].kind, "tracker");
    assert_int_equal(cfg->n_errors, 0);
}

static void
test_account_local(void **state)
{
    struct fixture *f = *state;
    char *want;

    setenv("HOME", f->dir, 1);
    ok(f->cfg, "account demo local ~/demo");
    want = xasprintf("%s/demo", f->dir);
    assert_string_equal(f->cfg->accounts[0].url, want);
    free(want);
    ok(f->cfg, "account d2 local \"/srv/ttydesk/my demo\"");
    ok(f->cfg, "account d3 local ./demo");
    ok(f->cfg, "account d4 local file:///srv/demo");
    bad(f->cfg, "account d5 local demo", "account d5: driver local wants a "
        "directory (/..., ./..., ~/...), not 'demo'");
    bad(f->cfg, "account d6 local \"\"", "account d6: driver local wants a "
        "directory (/..., ./..., ~/...), not ''");
    assert_int_equal(f->cfg->n_accounts, 4);
}

static void
test_account_replace(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    ok(cfg, "account eu zendesk https://old.zendesk.com");
    ok(cfg, "account us zendesk https://us.zendesk.com");
    ok(cfg, "shop eu shopify https://eu.myshopify.com");
    ok(cfg, "account eu freshdesk https://new.freshdesk.com");
    /* The same kind and name replaces; the latest sits last. */
    assert_int_equal(cfg->n_accounts, 3);
    assert_string_equal(cfg->accounts[0].name, "us");
    assert_string_equal(cfg->accounts[1].kind, "shop");
    assert_string_equal(cfg->accounts[2].name, "eu");
    assert_string_equal(cfg->accounts[2].driver, "freshdesk");
    assert_string_equal(cfg->accounts[2].url, "https://new.freshdesk.com");
}

static void
test_account_errors(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    bad(cfg, "account e.u zendesk https://x.zendesk.com",
        "account: bad name 'e.u' (letters, digits, _ and - only)");
    bad(cfg, "shop \"my shop\" shopify https://x.myshopify.com",
        "shop: bad name 'my shop' (letters, digits, _ and - only)");
    bad(cfg, "account eu zen/desk https://x.zendesk.com",
        "account eu: bad driver name 'zen/desk'");
    bad(cfg, "account eu zendesk acme.zendesk.com",
        "account eu: bad URL 'acme.zendesk.com' (want scheme://host...)");
    bad(cfg, "account eu zendesk https://",
        "account eu: bad URL 'https://' (want scheme://host...)");
    bad(cfg, "account eu zendesk https://x.zendesk.com verbose",
        "account eu: 'verbose' is not KEY=VALUE");
    bad(cfg, "account eu zendesk https://x.zendesk.com =x",
        "account eu: '=x' is not KEY=VALUE");
    bad(cfg, "account eu zendesk", "usage: account NAME DRIVER URL "
        "[KEY=VALUE ...]");
    bad(cfg, "tracker t", "usage: tracker NAME DRIVER URL [KEY=VALUE ...]");
    assert_int_equal(cfg->n_accounts, 0);
}

static void
test_secrets(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;
    static const char *const keys[] = {
        "token", "password", "api_key", "secret", "client_secret",
        "api_token", "Password", "passwd", "apikey", "pass", "key",
    };
    static const char *const fine[] = {
        "token_cmd", "token_env", "password_cmd", "api_key_env",
        "secret_cmd", "user", "insecure", "mapping", "sync_interval",
        "email", "keymap",
    };
    char line[256];
    size_t i;

    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        snprintf(line, sizeof line, "account eu zendesk "
                 "https://x.zendesk.com user=ana %s=hunter2", keys[i]);
        bad(cfg, line, "account eu: put secrets in token_cmd= or "
            "token_env=, not in the rc file");
        /* The secret itself is never repeated back. */
        assert_null(strstr(cfg->errors[cfg->n_errors - 1], "hunter2"));
    }
    bad(cfg, "shop s shopify https://s.myshopify.com token=abc",
        "shop s: put secrets in token_cmd= or token_env=, not in the rc "
        "file");
    /* Refused even when the rest of the line is also wrong. */
    bad(cfg, "account eu zendesk not-a-url password=abc",
        "account eu: put secrets in token_cmd= or token_env=, not in the "
        "rc file");
    assert_int_equal(cfg->n_accounts, 0);
    for (i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        assert_false(cmds_is_secret_key(fine[i]));
        snprintf(line, sizeof line, "account eu zendesk "
                 "https://x.zendesk.com %s=x", fine[i]);
        ok(cfg, line);
    }
}

static void
test_view(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;
    const struct view_def *v;

    ok(cfg, "view open \"status:open sort:sla\"");
    ok(cfg, "view urgent 'status:unsolved sla<1h priority:urgent,high'");
    ok(cfg, "view de status:open lang:de");
    ok(cfg, "view all \"\"");
    assert_int_equal(cfg->n_views, 4);
    v = config_view(cfg, "de");
    assert_non_null(v);
    assert_string_equal(v->query, "status:open lang:de");
    assert_string_equal(config_view(cfg, "urgent")->query,
                        "status:unsolved sla<1h priority:urgent,high");
    assert_null(config_view(cfg, "nope"));
    ok(cfg, "view open \"status:open,pending\"");
    assert_int_equal(cfg->n_views, 4);
    assert_string_equal(config_view(cfg, "open")->query,
                        "status:open,pending");
    assert_string_equal(cfg->views[3].name, "open");

    bad(cfg, "view broken \"status:open bogus:x\"",
        "view broken: unknown field 'bogus' (fields: status, lang, channel, "
        "country, priority, from, tag, assignee, order, account, id, sla, "
        "age, updated, is, intent, sku, carrier, shipto, created, sort)");
    bad(cfg, "view late \"sla<soon\"", "view late: 'sla<soon': 'soon' is "
        "not a duration (like 90s, 30m, 2h, 1d12h, 2w)");
    bad(cfg, "view x/y status:open",
        "view: bad name 'x/y' (letters, digits, _ and - only)");
    bad(cfg, "view lonely", "usage: view NAME \"QUERY\"");
    assert_null(config_view(cfg, "broken"));
}

static void
test_keys(void **state)
{
    static const char *const good[][2] = {
        { "x", "x" },
        { "gg", "gg" },
        { "<C-x><C-e>", "<C-x><C-e>" },
        { "<c-X>", "<C-x>" },
        { "<M-x>", "<M-x>" },
        { "<M-X>", "<M-X>" },
        { "<enter>", "<Enter>" },
        { "<Return>", "<Enter>" },
        { "<Tab><Esc><Space>", "<Tab><Esc><Space>" },
        { "<Up><Down><Left><Right>", "<Up><Down><Left><Right>" },
        { "<PageUp><pagedown><Home><End>", "<PageUp><PageDown><Home><End>" },
        { "<Backspace><Delete>", "<Backspace><Delete>" },
        { "<F1><f12>", "<F1><F12>" },
        { "<C-\\>", "<C-\\>" },
        { "<", "<" },
        { "a<b", "a<b" },
        { "<lt><Enter>", "<<Enter>" },
        { "<lt>", "<" },
        { "<LT>x", "<x" },
        { "<lt>>", "<lt>>" },
        { "<<Enter>", "<<Enter>" },
        { "ö", "ö" },
        { "g<Enter>", "g<Enter>" },
    };
    static const char *const wrong[][2] = {
        { "<Foo>", "bad key '<Foo>' in '<Foo>'" },
        { "g<F13>", "bad key '<F13>' in 'g<F13>'" },
        { "<F0>", "bad key '<F0>' in '<F0>'" },
        { "<C-1>", "bad key '<C-1>' in '<C-1>'" },
        { "<C-xy>", "bad key '<C-xy>' in '<C-xy>'" },
        { "<C-?x>", "bad key '<C-?x>' in '<C-?x>'" },
        { "x<>", "bad key '<>' in 'x<>'" },
        { "<x<C-?x>", "bad key '<C-?x>' in '<x<C-?x>'" },
        { "", "empty key sequence" },
        { "a b", "bad key in 'a b': write <Space>, <Tab>, <Enter> for "
          "blanks" },
        { "a\tb", "bad key in 'a\tb': write <Space>, <Tab>, <Enter> for "
          "blanks" },
    };
    struct td_error err;
    struct buf b;
    size_t i;

    (void)state;
    buf_init(&b, 0);
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        buf_reset(&b);
        if (keys_canon(good[i][0], 0, &b, &err) != TD_OK)
            fail_msg("'%s': %s", good[i][0], err.msg);
        assert_string_equal(buf_str(&b), good[i][1]);
    }
    for (i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        buf_reset(&b);
        assert_int_equal(keys_canon(wrong[i][0], 0, &b, &err), TD_EINVAL);
        assert_string_equal(err.msg, wrong[i][1]);
    }
    /* A macro sequence may type spaces and a '<' that opens no key. */
    buf_reset(&b);
    assert_int_equal(keys_canon("/sla<30m tag:x<enter>", 1, &b, &err),
                     TD_OK);
    assert_string_equal(buf_str(&b), "/sla<30m tag:x<Enter>");
    buf_reset(&b);
    assert_int_equal(keys_canon("a<b>", 1, &b, &err), TD_EINVAL);
    assert_string_equal(err.msg, "bad key '<b>' in 'a<b>'");
    buf_reset(&b);
    assert_int_equal(keys_canon("1<2 b> <lt>x>", 1, &b, &err), TD_OK);
    assert_string_equal(buf_str(&b), "1<lt>2 b> <lt>x>");
    buf_free(&b);
}

static void
test_bind(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;
    static const char *const maps[] = {
        "global", "inbox", "thread", "order", "editor", "prompt", "picker",
        "stats",
    };
    char line[64];
    size_t i;

    for (i = 0; i < sizeof maps / sizeof maps[0]; i++) {
        snprintf(line, sizeof line, "bind %s <C-x><C-e> edit-reply",
                 maps[i]);
        ok(cfg, line);
    }
    assert_int_equal(cfg->n_binds, 8);
    ok(cfg, "bind inbox gg first");
    ok(cfg, "bind inbox <enter> open");
    assert_string_equal(cfg->binds[9].keys, "<Enter>");
    /* The same key in another spelling replaces the bind. */
    ok(cfg, "bind inbox <Return> open-thread");
    assert_int_equal(cfg->n_binds, 10);
    assert_string_equal(cfg->binds[9].func, "open-thread");
    ok(cfg, "unbind inbox gg");
    assert_int_equal(cfg->n_binds, 10);
    assert_string_equal(cfg->binds[9].keys, "gg");
    assert_null(cfg->binds[9].func);

    bad(cfg, "bind outbox x reply", "bind: unknown map 'outbox' (global, "
        "inbox, thread, order, editor, prompt, picker, stats)");
    bad(cfg, "bind inbox <Foo> reply",
        "bind: bad key '<Foo>' in '<Foo>'");
    bad(cfg, "bind inbox x \"re ply\"", "bind: bad function name 're ply'");
    bad(cfg, "bind inbox x", "usage: bind MAP KEYS FUNCTION");
    bad(cfg, "unbind inbox <C-?x>", "unbind: bad key '<C-?x>' in '<C-?x>'");
    bad(cfg, "unbind nowhere x", "unbind: unknown map 'nowhere' (global, "
        "inbox, thread, order, editor, prompt, picker, stats)");
    assert_int_equal(cfg->n_binds, 10);
}

static void
test_macro(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    ok(cfg, "macro inbox gs \":set sort updated<enter>\" \"sort by update\"");
    assert_int_equal(cfg->n_macros, 1);
    assert_string_equal(cfg->macros[0].map, "inbox");
    assert_string_equal(cfg->macros[0].keys, "gs");
    assert_string_equal(cfg->macros[0].sequence, ":set sort updated<Enter>");
    assert_string_equal(cfg->macros[0].desc, "sort by update");
    ok(cfg, "macro thread <F5> s<Down>");
    assert_null(cfg->macros[1].desc);
    /* A key does one thing: a bind over a macro drops the macro, and
     * the other way round. */
    ok(cfg, "bind inbox gs sort-menu");
    assert_int_equal(cfg->n_macros, 1);
    ok(cfg, "macro inbox gs \":set sort sla<Enter>\"");
    assert_int_equal(cfg->n_macros, 2);
    assert_int_equal(cfg->n_binds, 0);

    bad(cfg, "macro inbox x \"<Entr>\"", "macro: bad key '<Entr>' in "
        "'<Entr>'");
    bad(cfg, "macro inbox x \"\"", "macro: empty key sequence");
    bad(cfg, "macro attic x y", "macro: unknown map 'attic' (global, inbox, "
        "thread, order, editor, prompt, picker, stats)");
    bad(cfg, "macro inbox x", "usage: macro MAP KEYS \"SEQUENCE\" "
        "[\"DESCRIPTION\"]");
    bad(cfg, "macro inbox x y z w", "usage: macro MAP KEYS \"SEQUENCE\" "
        "[\"DESCRIPTION\"]");
}

static void
test_color(void **state)
{
    struct config *cfg = ((struct fixture *)*state)->cfg;

    ok(cfg, "color title brightwhite blue bold,underline");
    ok(cfg, "color inbox.selected default color255 reverse");
    ok(cfg, "color sla.breached #FF0000 default bold italic");
    ok(cfg, "color status Red BrightBlack");
    ok(cfg, "color thread.quote color0 default none");
    assert_int_equal(cfg->n_colors, 5);
    assert_string_equal(cfg->colors[2].fg, "#ff0000");
    assert_string_equal(cfg->colors[2].attrs, "bold,italic");
    assert_string_equal(cfg->colors[3].fg, "red");
    assert_string_equal(cfg->colors[3].bg, "brightblack");
    assert_null(cfg->colors[3].attrs);
    ok(cfg, "color title white black dim,blink,standout");
    assert_int_equal(cfg->n_colors, 5);
    assert_string_equal(cfg->colors[4].object, "title");

    bad(cfg, "color title purple default", "color: unknown color 'purple' "
        "(default, red, brightred, color0..color255, #rrggbb, ...)");
    bad(cfg, "color title red color256", "color: unknown color 'color256' "
        "(default, red, brightred, color0..color255, #rrggbb, ...)");
    bad(cfg, "color title red color007", "color: unknown color 'color007' "
        "(default, red, brightred, color0..color255, #rrggbb, ...)");
    bad(cfg, "color title \"#ff00\" red", "color: unknown color '#ff00' "
        "(default, red, brightred, color0..color255, #rrggbb, ...)");
    bad(cfg, "color title red blue sparkly", "color: unknown attribute "
        "'sparkly' (bold, underline, reverse, dim, italic, blink, "
        "standout, none)");
    bad(cfg, "color title red blue bold,,dim", "color: unknown attribute "
        "'' (bold, underline, reverse, dim, italic, blink, standout, "
        "none)");
    bad(cfg, "color t/x red blue", "color: bad object name 't/x'");
    bad(cfg, "color title red", "usage: color OBJECT FG BG [ATTRS]");
}

static void
test_load_file(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    const char *rc;

    rc = write_file(f, "rc",
                    "# ttydesk rc\n"
                    "\n"
                    "set sort = updated   # why: I work oldest-first\n"
                    "  set inbox_width = 40\r\n"
                    "bind inbox \\\n"
                    "    <C-r> reply\n"
                    "# a comment ending in a backslash \\\n"
                    "set pii_mask\n"
                    "account eu zendesk \\\n"
                    "  https://eu.zendesk.com \\\n"
                    "  token_env=ZD_TOKEN\n"
                    "set agent_name = \"Zoë\"\\\n", 0600);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_OK);
    assert_int_equal(f->cfg->n_errors, 0);
    assert_string_equal(config_str(f->cfg, OPT_SORT), "updated");
    assert_int_equal(config_int(f->cfg, OPT_INBOX_WIDTH), 40);
    assert_int_equal(f->cfg->n_binds, 1);
    assert_string_equal(f->cfg->binds[0].keys, "<C-r>");
    assert_int_equal(config_int(f->cfg, OPT_PII_MASK), 1);
    assert_int_equal(f->cfg->n_accounts, 1);
    assert_string_equal(f->cfg->accounts[0].file, rc);
    assert_int_equal(f->cfg->accounts[0].line, 9);
    assert_string_equal(account_def_opt(&f->cfg->accounts[0], "token_env"),
                        "ZD_TOKEN");
    assert_string_equal(config_str(f->cfg, OPT_AGENT_NAME), "Zoë");
    assert_int_equal(f->cfg->source_depth, 0);
    assert_null(f->cfg->cur_file);
}

static void
test_load_errors_continue(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    const char *rc;
    char *want;

    rc = write_file(f, "rc",
                    "set sort = updated\n"
                    "frobnicate\n"
                    "set inbox_width = 400\n"
                    "bind inbox \\\n"
                    "  <Nope> reply\n"
                    "set editor = \"vim\n"
                    "account eu zendesk https://eu.zendesk.com token=x\n"
                    "set pii_mask = yes\n", 0644);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_OK);
    assert_int_equal(f->cfg->n_errors, 5);
    want = xasprintf("%s:2: unknown command 'frobnicate'", rc);
    assert_string_equal(f->cfg->errors[0], want);
    free(want);
    want = xasprintf("%s:3: inbox_width: 400 is out of range (0..100)", rc);
    assert_string_equal(f->cfg->errors[1], want);
    free(want);
    /* A continued line is reported at the line where it starts. */
    want = xasprintf("%s:4: bind: bad key '<Nope>' in '<Nope>'", rc);
    assert_string_equal(f->cfg->errors[2], want);
    free(want);
    want = xasprintf("%s:6: unterminated \" quote", rc);
    assert_string_equal(f->cfg->errors[3], want);
    free(want);
    want = xasprintf("%s:7: account eu: put secrets in token_cmd= or "
                     "token_env=, not in the rc file", rc);
    assert_string_equal(f->cfg->errors[4], want);
    free(want);
    /* The good lines around the bad ones took effect. */
    assert_string_equal(config_str(f->cfg, OPT_SORT), "updated");
    assert_int_equal(config_int(f->cfg, OPT_PII_MASK), 1);
    assert_int_equal(f->cfg->n_accounts, 0);
}

static void
test_load_missing_and_unsafe(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    const char *rc;
    char *path, *want;

    path = xasprintf("%s/nope", f->dir);
    assert_int_equal(config_load_file(f->cfg, path, &err), TD_ENOTFOUND);
    free(path);

    rc = write_file(f, "rc", "set sort = id\n", 0666);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_EPERM);
    want = xasprintf("%s: refusing to read: writable by others "
                     "(chmod go-w %s)", rc, rc);
    assert_string_equal(err.msg, want);
    free(want);
    assert_string_equal(config_str(f->cfg, OPT_SORT), "sla");
    /* Group-writable alone is refused too. */
    assert_int_equal(chmod(rc, 0620), 0);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_EPERM);
    assert_int_equal(chmod(rc, 0600), 0);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_OK);
    assert_string_equal(config_str(f->cfg, OPT_SORT), "id");
    /* A directory is not an rc file. */
    assert_int_equal(config_load_file(f->cfg, f->dir, &err), TD_EIO);
}

static void
test_source(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    const char *rc, *inc, *unsafe;
    char *want;

    make_dir(f, "conf.d");
    inc = write_file(f, "conf.d/keys.rc",
                     "bind inbox x archive\n"
                     "source ../colors.rc\n"
                     "oops\n", 0600);
    write_file(f, "colors.rc", "color title red default\n", 0600);
    unsafe = write_file(f, "unsafe.rc", "set sort = id\n", 0622);
    setenv("HOME", f->dir, 1);
    rc = write_file(f, "rc",
                    "source conf.d/keys.rc\n"
                    "source missing.rc\n"
                    "source unsafe.rc\n"
                    "source ~/colors.rc\n"
                    "set pii_mask\n", 0600);
    assert_int_equal(config_load_file(f->cfg, rc, &err), TD_OK);
    assert_int_equal(f->cfg->n_binds, 1);
    assert_int_equal(f->cfg->n_colors, 1);
    assert_int_equal(config_int(f->cfg, OPT_PII_MASK), 1);
    assert_string_equal(config_str(f->cfg, OPT_SORT), "sla");
    assert_int_equal(f->cfg->n_errors, 3);
    /* Errors in a sourced file name that file. */
    want = xasprintf("%s:3: unknown command 'oops'", inc);
    assert_string_equal(f->cfg->errors[0], want);
    free(want);
    want = xasprintf("%s:2: source: %s/missing.rc: no such file", rc,
                     f->dir);
    assert_string_equal(f->cfg->errors[1], want);
    free(want);
    want = xasprintf("%s:3: source: %s: refusing to read: writable by "
                     "others (chmod go-w %s)", rc, unsafe, unsafe);
    assert_string_equal(f->cfg->errors[2], want);
    free(want);
    assert_int_equal(f->cfg->source_depth, 0);
}

static void
test_source_loop(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    const char *a;
    char *want;

    a = write_file(f, "a.rc", "set pii_mask\nsource b.rc\n", 0600);
    write_file(f, "b.rc", "source a.rc\n", 0600);
    assert_int_equal(config_load_file(f->cfg, a, &err), TD_OK);
    /* One error, where the loop is cut, and the rest loaded. */
    assert_int_equal(f->cfg->n_errors, 1);
    want = xasprintf("%s/b.rc:1: source: a.rc: nested more than 10 deep "
                     "(does it source itself?)", f->dir);
    assert_string_equal(f->cfg->errors[0], want);
    free(want);
    assert_int_equal(config_int(f->cfg, OPT_PII_MASK), 1);
    assert_int_equal(f->cfg->source_depth, 0);
}

static void
test_load_string(void **state)
{
    struct fixture *f = *state;
    struct td_error err;

    assert_int_equal(config_load_string(f->cfg, "set sort = id\n"
                                        "nope\n"
                                        "bind inbox j next", "(defaults)",
                                        &err), TD_OK);
    assert_string_equal(config_str(f->cfg, OPT_SORT), "id");
    assert_int_equal(f->cfg->n_binds, 1);
    assert_int_equal(f->cfg->n_errors, 1);
    assert_string_equal(f->cfg->errors[0],
                        "(defaults):2: unknown command 'nope'");
}

static void
test_prompt_errors(void **state)
{
    struct fixture *f = *state;
    struct td_error err;

    /* With no file (the : prompt) the message stands alone. */
    assert_int_equal(config_exec_line(f->cfg, "set sort = x", NULL, 0, &err),
                     TD_EINVAL);
    assert_string_equal(err.msg, "sort: bad value 'x' (one of sla, updated, "
                        "created, priority, id)");
    assert_string_equal(f->cfg->errors[0], err.msg);
    /* err may be NULL; the error is still recorded. */
    assert_int_equal(config_exec_line(f->cfg, "nope", "rc", 7, NULL),
                     TD_EPARSE);
    assert_string_equal(f->cfg->errors[1], "rc:7: unknown command 'nope'");
    /* An account typed at the prompt still says where it came from. */
    assert_int_equal(config_exec_line(f->cfg, "account a rt https://rt.example",
                                      NULL, 0, &err), TD_OK);
    assert_string_equal(f->cfg->accounts[0].file, "(prompt)");
}

static void
test_error_cap(void **state)
{
    struct fixture *f = *state;
    struct buf text;
    int i;

    buf_init(&text, 0);
    for (i = 0; i < 150; i++)
        buf_adds(&text, "junk\n");
    config_load_string(f->cfg, buf_str(&text), "bin", NULL);
    buf_free(&text);
    assert_int_equal(f->cfg->n_errors, 101);
    assert_string_equal(f->cfg->errors[99], "bin:100: unknown command 'junk'");
    assert_string_equal(f->cfg->errors[100],
                        "bin: too many errors; the rest are not shown");
}

static const char rich_rc[] =
    "set agent_name = \"José Müller 山田\"\n"
    "set agent_email = jose@acme.example\n"
    "set timezone = Europe/Berlin\n"
    "set default_language = de\n"
    "set sync_interval = 90\n"
    "set editor = \"vim -c 'set tw=72' \\\"+normal G\\\"\"\n"
    "set readonly\n"
    "set pii_mask = on\n"
    "set theme = ~/themes/dark.theme\n"
    "set keymap = vi\n"
    "set inbox_columns = sla:6,subject,age\n"
    "set inbox_width = 0\n"
    "set default_view = \"\"\n"
    "set sort = updated\n"
    "set noconfirm_send\n"
    "account demo local /srv/ttydesk/demo\n"
    "account eu zendesk https://acme-eu.zendesk.com user=ana@acme.example "
    "token_cmd=\"pass show 'zendesk/eu'\" empty= mapping=default\n"
    "account rt rt http://127.0.0.1:8080/REST/2.0 token_env=RT_TOKEN "
    "insecure=yes\n"
    "shop store shopify https://acme.myshopify.com token_env=SHOP\n"
    "tracker parcels aftership https://api.aftership.com "
    "api_key_cmd=\"pass aftership\"\n"
    "view open \"status:open sort:sla\"\n"
    "view vip 'tag:vip from:\"Ann Lee\" -status:solved'\n"
    "view empty \"\"\n"
    "bind inbox <c-x><C-e> edit-reply\n"
    "bind inbox \"#\" count\n"
    "bind thread <C-\\> split\n"
    "bind global \"'\" mark\n"
    "bind global '\"' quote\n"
    "unbind inbox gg\n"
    "macro inbox gs \":set sort updated<Enter>\" \"sort by update\"\n"
    "macro thread ö \"reply<Tab>tab<Enter>newline\"\n"
    "macro order x y \"\"\n"
    "color title brightwhite blue bold,underline\n"
    "color sla.breached #FF0000 default\n"
    "color status color42 color0 none\n";

static void
test_dump_round_trip(void **state)
{
    struct fixture *f = *state;
    struct config *again;
    struct td_error err;
    struct buf one, two;

    assert_int_equal(config_load_string(f->cfg, rich_rc, "rich", &err),
                     TD_OK);
    if (f->cfg->n_errors)
        fail_msg("%s", f->cfg->errors[0]);
    buf_init(&one, 0);
    config_dump(f->cfg, &one);

    again = config_new();
    assert_int_equal(config_load_string(again, buf_str(&one), "dump", &err),
                     TD_OK);
    if (again->n_errors)
        fail_msg("%s\n%s", again->errors[0], buf_str(&one));
    buf_init(&two, 0);
    config_dump(again, &two);
    assert_string_equal(buf_str(&one), buf_str(&two));
    assert_int_equal(again->n_accounts, 5);
    assert_int_equal(again->n_views, 3);
    assert_int_equal(again->n_binds, 6);
    assert_int_equal(again->n_macros, 3);
    assert_int_equal(again->n_colors, 3);
    assert_string_equal(config_str(again, OPT_EDITOR),
                        "vim -c 'set tw=72' \"+normal G\"");
    assert_string_equal(config_str(again, OPT_AGENT_NAME),
                        "José Müller 山田");
    assert_string_equal(account_def_opt(&again->accounts[1], "token_cmd"),
                        "pass show 'zendesk/eu'");
    assert_string_equal(again->macros[1].sequence,
                        "reply<Tab>tab<Enter>newline");
    assert_string_equal(again->binds[4].keys, "\"");
    config_free(&again);
    buf_free(&one);
    buf_free(&two);
}

static void
test_dump_text(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    struct buf b;

    config_load_string(f->cfg,
                       "color title red default\n"
                       "set sync_interval = 7200\n"
                       "bind inbox <return> open\n"
                       "view mine \"assignee:me status:open\"\n"
                       "set confirm_send = off\n"
                       "account eu zendesk https://eu.zendesk.com "
                       "token_cmd=\"pass eu\"\n"
                       "unbind inbox #\n"
                       "macro inbox M \":sync<Enter>\"\n"
                       "set agent_name = Ana\n", "rc", &err);
    assert_int_equal(f->cfg->n_errors, 1);  /* the # is a comment there */
    buf_init(&b, 0);
    config_dump(f->cfg, &b);
    assert_string_equal(buf_str(&b),
                        "set agent_name = Ana\n"
                        "set sync_interval = 2h\n"
                        "set confirm_send = no\n"
                        "account eu zendesk https://eu.zendesk.com "
                        "token_cmd=\"pass eu\"\n"
                        "view mine \"assignee:me status:open\"\n"
                        "bind inbox <Enter> open\n"
                        "macro inbox M :sync<Enter>\n"
                        "color title red default\n");
    buf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_split_comments),
        cmocka_unit_test(test_split_errors),
        cmocka_unit_test(test_split_utf8),
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_keys),
        cmocka_unit_test_setup_teardown(test_parse_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_bools, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_durations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_local, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_replace, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_account_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_secrets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind, setup, teardown),
        cmocka_unit_test_setup_teardown(test_macro, setup, teardown),
        cmocka_unit_test_setup_teardown(test_color, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_errors_continue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_load_missing_and_unsafe, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_source, setup, teardown),
        cmocka_unit_test_setup_teardown(test_source_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_string, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prompt_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dump_round_trip, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dump_text, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
