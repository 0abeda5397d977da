/* test_generic.c: mapping files and the generic driver with the shipped
 * Gorgias and Help Scout mappings against tests/drivers/loopback.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "drivers/driver.h"
#include "drivers/generic.h"
#include "drivers/mapping.h"
#include "net/http.h"
#include "store/store.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#include "unit/drvtest.h"

/* Written by tests/drivers/gen_test_generic.py; the server's --check at
 * the end fails the suite when a request did not match exactly (method,
 * path, query, Authorization, JSON body) or an expected one never came. */
#define GEN_SCRIPT "tests/unit/test_generic.json"
#define GG_KEY "gg0123456789abcdefKEY"
#define HS_TOKEN "hs0123456789abcdefTOKEN"

static const char ES[] = "¿Dónde está mi pedido? Llegó dañado.";
static const char TR[] = "İade talebim: ürün kırık, ığdır şubesi.";
static const char AR[] = "طلبي لم يصل بعد، أرجو المساعدة.";
static const char JA[] = "注文した商品がまだ届いていません。";
static const char TH[] = "สินค้าที่สั่งยังไม่ได้รับ";

#define fixture drvtest

static int
group_setup(void **state)
{
    int rc = drvtest_setup(state, GEN_SCRIPT, "gen");
    struct drvtest *f = *state;
    char cwd[512];

    setenv("TEST_GG_KEY", GG_KEY, 1);
    setenv("TEST_HS_TOKEN", HS_TOKEN, 1);
    setenv("TEST_LK_KEY", "lk-SECRET", 1);
    setenv("TEST_Q_KEY", "q-SECRET", 1);
    /* Mappings by name come from the source tree, never from the
     * machine's config. */
    if (getcwd(cwd, sizeof cwd) != NULL)
        setenv("TTYDESK_DATADIR", cwd, 1);
    setenv("XDG_CONFIG_HOME", f->dir, 1);
    return rc;
}

static int
group_teardown(void **state)
{
    return drvtest_teardown(state);
}

/* ---- accounts ---- */

/* The mapping of each base path's first letter: Gorgias (/g-...) and Help
 * Scout (/h-...) by name from the source tree's mappings/, the test
 * mappings (/l-..., /q-...) by path from tests/data/. */
static enum td_status
acct_open(struct fixture *f, struct acct *ac, const char *path,
          struct td_error *err)
{
    static const struct {
        char letter;
        const char *mapping;
        const char *env;
    } maps[] = {
        { 'g', "gorgias", "TEST_GG_KEY" },
        { 'h', "helpscout", "TEST_HS_TOKEN" },
        { 'l', "tests/data/generic-link.json", "TEST_LK_KEY" },
        { 'q', "tests/data/generic-query.json", "TEST_Q_KEY" },
    };
    size_t i = 0;

    while (i < 3 && maps[i].letter != path[1])
        i++;
    drvtest_acct_init(f, ac, "generic", path[1] == 'g' ? "gg-test"
                                        : path[1] == 'h' ? "hs-test"
                                                         : "t-test", path);
    ac->kv[0].key = "mapping";
    ac->kv[0].value = (char *)maps[i].mapping;
    ac->kv[1].key = "token_env";
    ac->kv[1].value = (char *)maps[i].env;
    ac->kv[2].key = "user";
    ac->kv[2].value = "agent@acme.example";
    ac->def.n_opts = path[1] == 'g' ? 3 : 2;
    return drvtest_acct_new(f, ac, err);
}

static enum td_status
sync_on(struct fixture *f, struct http_engine *e, const char *path,
        struct got *g)
{
    struct http_transport t = http_engine_transport(e);
    struct acct ac;
    struct td_error err;
    enum td_status rc;

    assert_int_equal(acct_open(f, &ac, path, &err), TD_OK);
    ac.a->http = &t;
    rc = drvtest_sync(e, ac.a, g);
    acct_close(&ac);
    return rc;
}

static enum td_status
sync_path(struct fixture *f, const char *path, struct got *g)
{
    return sync_on(f, f->http, path, g);
}

static double
ms_since(const struct timespec *a)
{
    struct timespec b;

    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a->tv_sec) * 1e3 + (b.tv_nsec - a->tv_nsec) / 1e6;
}

/* ---- mapping files ---- */

/* The error a mapping text gets, as the user reads it. */
static const char *
parse_error(const char *text)
{
    static struct td_error err;
    struct mapping *m = NULL;

    td_error_clear(&err);
    assert_int_not_equal(mapping_parse("t.json", text, strlen(text), &m,
                                       &err), TD_OK);
    assert_null(m);
    return err.msg;
}

/* A small valid mapping with one piece replaced (%s). */
#define MIN_HEAD "{\"name\": \"x\", \"auth\": {\"type\": \"bearer\"}, "
#define MIN_LIST "\"list\": {\"path\": \"/t\", \"items\": \"data\"}, "
#define MIN_TICKET "\"ticket\": {\"id\": \"id\"}"

static void
test_mapping_errors(void **state)
{
    struct mapping *m = NULL;
    struct td_error err;

    (void)state;
    assert_int_equal(mapping_parse("t.json", MIN_HEAD MIN_LIST MIN_TICKET "}",
                                   strlen(MIN_HEAD MIN_LIST MIN_TICKET "}"),
                                   &m, &err), TD_OK);
    assert_int_equal(m->auth, MAP_AUTH_BEARER);
    assert_int_equal(m->list.pager, MAP_PAGER_NONE);
    assert_false(m->has_messages);
    mapping_free(&m);
    assert_null(m);

    /* Not JSON: where it broke. */
    assert_string_equal(parse_error("{\"name\": \"x\",\n \"auth\": }"),
                        "t.json: malformed JSON at line 2, column 10");
    assert_string_equal(parse_error("[1, 2]"),
                        "t.json: (top): a mapping is a JSON object");
    /* Required keys. */
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST "\"x\": 1}"),
                        "t.json: x: unknown key (a typo? keys starting "
                        "with '_' are comments)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST "\"_x\": 1}"),
                        "t.json: ticket: missing: JSON paths to the "
                        "ticket's fields");
    assert_string_equal(parse_error("{\"auth\": {\"type\": \"bearer\"}}"),
                        "t.json: name: missing: the helpdesk's name");
    assert_string_equal(parse_error(MIN_HEAD MIN_TICKET "}"),
                        "t.json: list: missing: the ticket list endpoint");
    assert_string_equal(parse_error(MIN_HEAD
                                    "\"list\": {\"path\": \"/t\"}, "
                                    MIN_TICKET "}"),
                        "t.json: list.items: missing: the JSON path to "
                        "the array of items");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"subject\": \"s\"}}"),
                        "t.json: ticket.id: missing: the JSON path to the "
                        "ticket's id");
    assert_string_equal(parse_error("{\"name\": \"x\", \"auth\": "
                                    "{\"type\": \"header\"}, "
                                    MIN_LIST MIN_TICKET "}"),
                        "t.json: auth.name: missing: the header or query "
                        "parameter that carries the token");
    /* A token under a name the debug log would not hide. */
    assert_string_equal(parse_error("{\"name\": \"x\", \"auth\": "
                                    "{\"type\": \"header\", \"name\": "
                                    "\"X-Auth\"}, " MIN_LIST MIN_TICKET "}"),
                        "t.json: auth.name: \"X-Auth\" is not a name the "
                        "debug log knows to hide (names containing token, "
                        "secret, password or api-key are), so the token "
                        "could end up in a log");
    /* Wrong words and types. */
    assert_string_equal(parse_error("{\"name\": \"x\", \"auth\": "
                                    "{\"type\": \"oauth\"}, "
                                    MIN_LIST MIN_TICKET "}"),
                        "t.json: auth.type: \"oauth\" is not one of "
                        "bearer, basic, header, query");
    assert_string_equal(parse_error(MIN_HEAD "\"list\": {\"path\": \"t\", "
                                    "\"items\": \"data\"}, " MIN_TICKET "}"),
                        "t.json: list.path: \"t\": an API path starts "
                        "with '/'");
    assert_string_equal(parse_error(MIN_HEAD "\"list\": {\"path\": \"/t\", "
                                    "\"items\": \"data\", \"pagination\": "
                                    "{\"type\": \"pages\"}}, "
                                    MIN_TICKET "}"),
                        "t.json: list.pagination.type: \"pages\" is not "
                        "one of none, page, cursor, link");
    assert_string_equal(parse_error(MIN_HEAD "\"list\": {\"path\": \"/t\", "
                                    "\"items\": \"data\", \"pagination\": "
                                    "{\"type\": \"cursor\", \"param\": "
                                    "\"c\"}}, " MIN_TICKET "}"),
                        "t.json: list.pagination.next: missing: the JSON "
                        "path to the next page's cursor");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": 7}}"),
                        "t.json: ticket.id: must be a string (the JSON "
                        "path to the ticket's id)");
    /* Bad paths. */
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"a..b\"}}"),
                        "t.json: ticket.id: \"a..b\": an empty step in "
                        "the JSON path");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"a[x]\"}}"),
                        "t.json: ticket.id: \"a[x]\": an index must be a "
                        "number in brackets, as in items[0]");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"\"}}"),
                        "t.json: ticket.id: must not be empty (the JSON "
                        "path to the ticket's id)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"id\", "
                                    "\"subject\": \"a]\"}}"),
                        "t.json: ticket.subject: \"a]\": a ']' without "
                        "its '['");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"id\", "
                                    "\"subjct\": \"s\"}}"),
                        "t.json: ticket.subjct: unknown key (a typo? keys "
                        "starting with '_' are comments)");
    /* Value maps name ttydesk's own words. */
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST
                                    "\"ticket\": {\"id\": \"id\", "
                                    "\"status_map\": {\"active\": "
                                    "\"opened\"}}}"),
                        "t.json: ticket.status_map.active: \"opened\" is "
                        "not one of new, open, pending, on-hold, solved, "
                        "closed");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"messages\": {\"id\": \"id\", "
                                    "\"body\": \"b\"}}"),
                        "t.json: messages: missing: \"path\" (a messages "
                        "endpoint with {id}) or \"embedded\" (messages "
                        "inside the ticket)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"messages\": {\"embedded\": \"m\", "
                                    "\"id\": \"id\", \"public_map\": "
                                    "{\"note\": \"no\"}, \"body\": "
                                    "\"b\"}}"),
                        "t.json: messages.public_map.note: must be true "
                        "or false");
    /* Calls and their templates. */
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/reply\", "
                                    "\"body\": {}}}"),
                        "t.json: reply.path: \"/t/reply\": needs {id} "
                        "where the ticket's id goes");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/{id}\", "
                                    "\"body\": {\"text\": \"{{bodyhtml}}\""
                                    "}}}"),
                        "t.json: reply.body.text: unknown variable "
                        "{{bodyhtml}} (see ttydesk-mapping(5) for the "
                        "list)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/{id}\", "
                                    "\"body\": {\"a\": [1, \"{{id\"]}}}"),
                        "t.json: reply.body.a[1]: \"{{id\": '{{' without "
                        "its '}}'");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/{id}\", "
                                    "\"method\": \"GET\", \"body\": {}}}"),
                        "t.json: reply.method: \"GET\" is not one of "
                        "POST, PUT, PATCH");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/{id}\", "
                                    "\"vars\": {\"c\": \"x\"}, "
                                    "\"body\": {}}}"),
                        "t.json: reply.vars: needs \"fetch\", the GET the "
                        "variables come from");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"reply\": {\"path\": \"/t/{id}\", "
                                    "\"body\": {\"s\": \"{{status}}\"}}}"),
                        "t.json: status_out: missing: which backend status "
                        "each ttydesk status is sent as ({{status}} is "
                        "used)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"status_out\": {\"done\": \"x\"}}"),
                        "t.json: status_out.done: \"done\" is not a "
                        "ttydesk status (new, open, pending, on-hold, "
                        "solved, closed)");
    assert_string_equal(parse_error(MIN_HEAD MIN_LIST MIN_TICKET ", "
                                    "\"incremental\": {\"type\": "
                                    "\"desc\"}}"),
                        "t.json: ticket.updated: missing: incremental sync "
                        "needs the path to the ticket's update time");
}

static void
test_mapping_files(void **state)
{
    struct fixture *f = *state;
    struct mapping *m = NULL;
    struct td_error err;
    char *path = NULL, *bad;
    FILE *fp;

    /* The shipped mappings load, by name from the data dir. */
    assert_int_equal(mapping_find("gorgias", getenv("TTYDESK_DATADIR"),
                                  &path, &err), TD_OK);
    assert_non_null(strstr(path, "mappings/gorgias.json"));
    assert_int_equal(mapping_load(path, &m, &err), TD_OK);
    free(path);
    assert_string_equal(m->name, "gorgias");
    assert_int_equal(m->auth, MAP_AUTH_BASIC);
    assert_int_equal(m->list.pager, MAP_PAGER_CURSOR);
    assert_int_equal(m->incr, MAP_INCR_DESC);
    assert_true(m->has_reply && m->has_note && m->has_status);
    assert_true(m->reply.carries_marker);
    /* Only where Gorgias lives, or loopback. */
    assert_int_equal(mapping_check_url(m, "https://acme.gorgias.com", &err),
                     TD_OK);
    assert_int_equal(mapping_check_url(m, "http://127.0.0.1:9/x", &err),
                     TD_OK);
    assert_int_equal(mapping_check_url(m, "https://gorgias.com.evil.example",
                                       &err), TD_EPERM);
    assert_int_equal(mapping_check_url(m, "https://gorgias.com", &err),
                     TD_EPERM);
    mapping_free(&m);
    assert_int_equal(mapping_find("helpscout.json", getenv("TTYDESK_DATADIR"),
                                  &path, &err), TD_OK);
    assert_int_equal(mapping_load(path, &m, &err), TD_OK);
    free(path);
    assert_int_equal(m->auth, MAP_AUTH_BEARER);
    assert_int_equal(m->list.pager, MAP_PAGER_PAGE);
    assert_int_equal(m->incr, MAP_INCR_PARAM);
    assert_int_equal(mapping_check_url(m, "https://api.helpscout.net", &err),
                     TD_OK);
    assert_int_equal(mapping_check_url(m, "https://api.helpscout.net.evil.io",
                                       &err), TD_EPERM);
    mapping_free(&m);

    /* Not found: where it looked. */
    assert_int_equal(mapping_find("nosuch", "/usr/share/ttydesk", &path,
                                  &err), TD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "mapping nosuch: not in "));
    assert_non_null(strstr(err.msg, "/usr/share/ttydesk/mappings/"));
    /* A file with an error: file, where, what. */
    bad = xasprintf("%s/bad.json", f->dir);
    fp = fopen(bad, "w");
    assert_non_null(fp);
    fputs(MIN_HEAD MIN_LIST "\"ticket\": {\"id\": \"a.\"}}", fp);
    fclose(fp);
    assert_int_equal(mapping_load(bad, &m, &err), TD_EINVAL);
    assert_non_null(strstr(err.msg, "/bad.json: ticket.id: \"a.\": an "
                                    "empty step in the JSON path"));
    free(bad);
    assert_int_equal(mapping_load("/nonexistent/m.json", &m, &err),
                     TD_ENOTFOUND);
}

static void
test_paths_templates(void **state)
{
    const char *doc_s = "{\"a\": {\"b\": [{\"c\": 5}, {\"c\": \"x\"}]}, "
                        "\"t\": true, \"n\": null, \"f\": 2.5, "
                        "\"ts\": \"2026-11-24T10:00:00+02:00\", "
                        "\"u\": 1795000000}";
    cJSON *doc = cJSON_Parse(doc_s), *tmpl, *out;
    cJSON *num = cJSON_CreateNumber(301);
    struct map_var vars[] = {
        { .name = "id", .str = "7" },
        { .name = "status", .str = NULL },
        { .name = "cid", .json = num },
        { .name = "text", .str = "línea \"1\"" },
    };
    char *s;

    (void)state;
    s = mapping_strdup(doc, "a.b[0].c");
    assert_string_equal(s, "5");
    free(s);
    s = mapping_strdup(doc, "a.b[1].c");
    assert_string_equal(s, "x");
    free(s);
    s = mapping_strdup(doc, "t");
    assert_string_equal(s, "true");
    free(s);
    s = mapping_strdup(doc, "f");
    assert_string_equal(s, "2.5");
    free(s);
    assert_null(mapping_strdup(doc, "n"));
    assert_null(mapping_strdup(doc, "a.b[2].c"));
    assert_null(mapping_strdup(doc, "a.b.c"));
    assert_null(mapping_strdup(doc, "a"));
    assert_ptr_equal(mapping_get(doc, "."), doc);
    /* 10:00 at +02:00 is 08:00 Z. */
    assert_int_equal(mapping_time(doc, "ts"), 1795507200);
    assert_int_equal(mapping_time(doc, "u"), 1795000000);
    assert_int_equal(mapping_time(doc, "n"), 0);

    tmpl = cJSON_Parse("{\"customer\": {\"id\": \"{{cid}}\"}, "
                       "\"status\": \"{{status}}\", "
                       "\"text\": \"{{text}}\", "
                       "\"url\": \"/t/{{id}}/x/{{cid}}\", "
                       "\"list\": [\"{{status}}\", \"{{id}}\", true]}");
    out = mapping_expand(tmpl, vars, 4);
    s = cJSON_PrintUnformatted(out);
    assert_string_equal(s, "{\"customer\":{\"id\":301},"
                           "\"text\":\"línea \\\"1\\\"\","
                           "\"url\":\"/t/7/x/301\","
                           "\"list\":[\"7\",true]}");
    free(s);
    cJSON_Delete(out);
    cJSON_Delete(tmpl);
    cJSON_Delete(num);
    cJSON_Delete(doc);
    s = mapping_path("/api/tickets/{id}/messages", "a/b c");
    assert_string_equal(s, "/api/tickets/a%2Fb%20c/messages");
    free(s);
    s = mapping_format_time(MAP_TIME_ISO, 1795000000);
    assert_string_equal(s, "2026-11-18T11:06:40Z");
    free(s);
    s = mapping_format_time(MAP_TIME_ISO_MS, 1795000000);
    assert_string_equal(s, "2026-11-18T11:06:40.000Z");
    free(s);
    s = mapping_format_time(MAP_TIME_UNIX, 1795000000);
    assert_string_equal(s, "1795000000");
    free(s);
}

/* ---- the account line ---- */

static void
test_open(void **state)
{
    struct fixture *f = *state;
    struct acct ac;
    struct td_error err;
    const struct driver *d;

    /* Caps and slots are the mapping's: Gorgias and Help Scout declare
     * reply, note and status, and a thread for find_sent. */
    assert_int_equal(acct_open(f, &ac, "/g-ok", &err), TD_OK);
    d = ac.a->drv;
    assert_string_equal(d->name, "generic");
    assert_int_equal(d->caps, DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE |
                                  DRV_CAP_STATUS);
    assert_non_null(d->find_sent_start);
    assert_non_null(d->update_start);
    assert_true(drv_account_is_net(ac.a));
    acct_close(&ac);

    /* A mapping with a list and nothing else: sync only, NULL slots. */
    {
        char *file = xasprintf("%s/ro.json", f->dir);
        FILE *fp = fopen(file, "w");

        assert_non_null(fp);
        fputs(MIN_HEAD MIN_LIST MIN_TICKET "}", fp);
        fclose(fp);
        drvtest_acct_init(f, &ac, "generic", "ro", "/ro");
        ac.kv[0].key = "mapping";
        ac.kv[0].value = file;
        ac.kv[1].key = "token_env";
        ac.kv[1].value = "TEST_HS_TOKEN";
        ac.def.n_opts = 2;
        assert_int_equal(drvtest_acct_new(f, &ac, &err), TD_OK);
        assert_int_equal(ac.a->drv->caps, DRV_CAP_SYNC);
        assert_null(ac.a->drv->reply_start);
        assert_null(ac.a->drv->find_sent_start);
        assert_null(ac.a->drv->update_start);
        {
            struct reply_req req = { .ticket_ext_id = "1", .body = "x" };
            char *remote = NULL;

            assert_int_equal(drv_reply(ac.a, &req, &remote, &err),
                             TD_ENOTSUP);
            assert_string_equal(err.msg, "ro: generic cannot post replies");
        }
        acct_close(&ac);
        free(file);
    }

    /* No mapping= */
    drvtest_acct_init(f, &ac, "generic", "nomap", "/x");
    ac.kv[0].key = "token_env";
    ac.kv[0].value = "TEST_HS_TOKEN";
    ac.def.n_opts = 1;
    assert_int_equal(drvtest_acct_new(f, &ac, &err), TD_EINVAL);
    assert_string_equal(err.msg, "account nomap: generic: mapping= is "
                        "missing (a JSON file describing the API, see "
                        "ttydesk-mapping(5))");
    acct_close(&ac);
    /* Basic auth without user= */
    drvtest_acct_init(f, &ac, "generic", "nouser", "/g-x");
    ac.kv[0].key = "mapping";
    ac.kv[0].value = "gorgias";
    ac.kv[1].key = "token_env";
    ac.kv[1].value = "TEST_GG_KEY";
    ac.def.n_opts = 2;
    assert_int_equal(drvtest_acct_new(f, &ac, &err), TD_EINVAL);
    assert_string_equal(err.msg, "account nouser: user= is needed: gorgias "
                        "sends user:token (Basic auth)");
    acct_close(&ac);
    /* The token is not sent to a host the mapping is not for. */
    memset(&ac, 0, sizeof ac);
    ac.def.kind = "account";
    ac.def.name = "evil";
    ac.def.driver = "generic";
    ac.def.url = "https://helpscout.evil.example";
    ac.def.opts = ac.kv;
    ac.kv[0].key = "mapping";
    ac.kv[0].value = "helpscout";
    ac.kv[1].key = "token_env";
    ac.kv[1].value = "TEST_HS_TOKEN";
    ac.def.n_opts = 2;
    assert_int_equal(drv_account_new(&ac.def, &ac.a, &err), TD_EPERM);
    assert_non_null(strstr(err.msg, "helpscout lives at "
                                    "https://api.helpscout.net, not "
                                    "https://helpscout.evil.example"));
    ac.def.url = "https://api.helpscout.net";
    assert_int_equal(drv_account_new(&ac.def, &ac.a, &err), TD_OK);
    drv_account_free(&ac.a);
    /* A mapping that is not there. */
    ac.kv[0].value = "freshservice";
    assert_int_equal(drv_account_new(&ac.def, &ac.a, &err), TD_ENOTFOUND);
    assert_non_null(strstr(err.msg, "mapping freshservice: not in "));
}

/* ---- Gorgias sync ---- */

static void
test_gg_sync_pages(void **state)
{
    struct got g = { .cursor_key = "updated" };
    const struct ticket *t;
    const struct message *m;

    assert_int_equal(sync_path(*state, "/g-ok", &g), TD_OK);
    assert_int_equal(g.n_tickets, 5);
    assert_int_equal(g.pages, 3);
    /* The newest update seen (the list is newest first). */
    assert_string_equal(g.cursor_out, "2026-11-24T10:00:00Z");
    assert_int_equal(g.progress_done, 5);

    t = drvtest_ticket(&g, "1");
    assert_non_null(t);
    assert_string_equal(t->subject, "Pedido dañado — İade");
    assert_int_equal(t->status, TS_OPEN);
    assert_string_equal(t->status_raw, "open");
    assert_int_equal(t->channel, CH_EMAIL);
    assert_int_equal(t->priority, TP_NORMAL);
    assert_string_equal(t->requester.external_id, "501");
    assert_string_equal(t->requester.name, "Ana Muñoz");
    assert_string_equal(t->requester.email, "es@example.com");
    assert_string_equal(t->assignee, "agent@acme.example");
    assert_int_equal(t->n_tags, 2);
    assert_string_equal(t->tags[0], "envío");
    assert_int_equal(t->created_at, 1795168800);
    assert_int_equal(t->updated_at, 1795514400);
    /* Two message pages, in order. */
    assert_int_equal(t->n_messages, 3);
    m = &t->messages[0];
    assert_string_equal(m->external_id, "10");
    assert_int_equal(m->author, AK_CUSTOMER);
    assert_string_equal(m->author_name, "Ana Muñoz");
    assert_true(m->is_public);
    assert_non_null(strstr(m->body, ES));
    assert_non_null(strstr(m->body, TR));
    assert_null(m->html);
    /* No body_text: the text of body_html. */
    m = &t->messages[1];
    assert_int_equal(m->author, AK_AGENT);
    assert_string_equal(m->html, "<p>Hola &amp; gracias</p><p>İyi günler"
                                 "</p>");
    assert_non_null(strstr(m->body, "Hola & gracias"));
    assert_non_null(strstr(m->body, "İyi günler"));
    assert_int_equal(m->created_at, 1795172400);
    m = &t->messages[2];
    assert_false(m->is_public);
    assert_string_equal(m->body, "Nota: revisar stock");

    t = drvtest_ticket(&g, "2");
    assert_int_equal(t->status, TS_CLOSED);
    assert_int_equal(t->channel, CH_MESSENGER);
    assert_string_equal(t->requester.name, "سارة");
    assert_string_equal(t->messages[0].body, AR);
    t = drvtest_ticket(&g, "3");
    assert_int_equal(t->channel, CH_CHAT);
    assert_string_equal(t->messages[0].body, JA);
    /* Gone before its messages were read: stored without a thread. */
    t = drvtest_ticket(&g, "4");
    assert_non_null(t);
    assert_int_equal(t->n_messages, 0);
    t = drvtest_ticket(&g, "5");
    assert_int_equal(t->channel, CH_WHATSAPP);
    assert_string_equal(t->requester.name, "สมชาย");
    assert_string_equal(t->messages[0].body, TH);
    got_free(&g);
}

static void
test_gg_sync_incremental(void **state)
{
    struct got g = { .cursor_key = "updated" };

    g.cursor_in = "2026-11-24T08:00:00Z";
    assert_int_equal(sync_path(*state, "/g-inc", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_int_equal(g.pages, 1);
    assert_string_equal(g.tickets[0].external_id, "3");
    assert_int_equal(g.tickets[0].n_messages, 2);
    assert_string_equal(g.tickets[0].messages[1].body, "はい、確認します。");
    assert_string_equal(g.cursor_out, "2026-11-24T09:30:00Z");
    got_free(&g);

    g.cursor_in = "2026-11-24T08:00:00Z";
    assert_int_equal(sync_path(*state, "/g-empty", &g), TD_OK);
    assert_int_equal(g.n_tickets, 0);
    assert_null(g.cursor_out);
    got_free(&g);
}

/* A sync that fails half-way resumes where it stopped. */
static void
test_gg_sync_resume(void **state)
{
    struct got g = { .cursor_key = "updated" };
    char *stored;

    assert_int_equal(sync_path(*state, "/g-resume", &g), TD_ENET);
    assert_int_equal(g.pages, 1);
    /* No watermark yet; the newest seen and the next page's cursor. */
    assert_string_equal(g.cursor_out, "\t2026-11-24T10:00:00Z\tcursor:c2");
    stored = g.cursor_out;
    g.cursor_out = NULL;
    got_free(&g);
    g.cursor_in = stored;
    assert_int_equal(sync_path(*state, "/g-resume", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_string_equal(g.tickets[0].external_id, "3");
    /* What page 1 saw before the failure counts. */
    assert_string_equal(g.cursor_out, "2026-11-24T10:00:00Z");
    got_free(&g);
    free(stored);

    /* A resume cursor the API no longer takes: the walk starts over. */
    g.cursor_in = "2026-11-20T00:00:00Z\t2026-11-24T10:00:00Z\t"
                  "cursor:expired";
    assert_int_equal(sync_path(*state, "/g-stale", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_string_equal(g.tickets[0].messages[0].body, TH);
    assert_string_equal(g.cursor_out, "2026-11-22T10:00:00Z");
    got_free(&g);
}

static void
test_gg_sync_errors(void **state)
{
    struct got g = { .cursor_key = "updated" };

    assert_int_equal(sync_path(*state, "/g-401", &g), TD_EAUTH);
    assert_string_equal(g.msg, "gorgias: ticket list: HTTP 401: "
                               "Unauthorized: bad API key");
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-404", &g), TD_ENOTFOUND);
    assert_string_equal(g.msg, "gorgias: ticket list: HTTP 404: Resource "
                               "not found.");
    assert_int_equal(g.pages, 0);
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-500", &g), TD_ENET);
    assert_string_equal(g.msg, "gorgias: ticket list: HTTP 500: oops");
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-bad", &g), TD_EPARSE);
    assert_non_null(strstr(g.msg, "gorgias: ticket list: malformed JSON at "
                                "line 1, column "));
    assert_null(g.cursor_out);
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-trunc", &g), TD_EPARSE);
    assert_int_equal(g.n_tickets, 0);
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-noitems", &g), TD_EPARSE);
    assert_string_equal(g.msg, "gorgias: ticket list: no array at \"data\"");
    got_free(&g);
    assert_int_equal(sync_path(*state, "/g-cut", &g), TD_ENET);
    assert_null(g.cursor_out);
    got_free(&g);
}

static void
test_gg_sync_retries(void **state)
{
    struct fixture *f = *state;
    struct got g = { .cursor_key = "updated" };
    struct timespec a;
    struct http_engine *quick;
    struct http_opts o = {
        .connect_timeout_ms = 2000,
        .timeout_ms = 400,
        .max_attempts = 1,
        .seed = 7,
    };
    struct td_error err;

    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(sync_path(f, "/g-429", &g), TD_OK);
    assert_true(ms_since(&a) >= 900);
    got_free(&g);
    assert_int_equal(sync_path(f, "/g-drop", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_string_equal(g.tickets[0].messages[0].body, TR);
    got_free(&g);
    assert_int_equal(sync_path(f, "/g-slow", &g), TD_OK);
    got_free(&g);
    assert_int_equal(http_engine_new(&o, &quick, &err), TD_OK);
    assert_int_equal(sync_on(f, quick, "/g-timeout", &g), TD_ENET);
    assert_null(g.cursor_out);
    got_free(&g);
    http_engine_free(&quick);
}

/* ---- Gorgias writes ---- */

static void
test_gg_reply(void **state)
{
    struct fixture *f = *state;
    struct acct ac;
    struct td_error err;
    char *remote = NULL, *body;
    struct reply_req req = {
        .ticket_ext_id = "7",
        .token = "tok-1",
    };
    struct ticket_update u = { .ticket_ext_id = "7", .status = "pending" };

    assert_int_equal(acct_open(f, &ac, "/g-reply", &err), TD_OK);
    body = xasprintf("Hola <Ana> & co.\n%s", JA);
    req.body = body;
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "9001");
    free(remote);
    free(body);
    /* A note that also solves the ticket: the status goes first. */
    req = (struct reply_req){ .ticket_ext_id = "7", .body = TH,
                              .is_note = 1, .set_status = "solved",
                              .token = "tok-2" };
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "9002");
    free(remote);
    /* A status change alone (bulk); Gorgias has no pending. */
    assert_int_equal(drv_update(ac.a, &u, &err), TD_OK);
    u.status = NULL;
    u.assignee = "lena";
    assert_int_equal(drv_update(ac.a, &u, &err), TD_ENOTSUP);

    req = (struct reply_req){ .ticket_ext_id = "404", .body = "x",
                              .token = "tok-4" };
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENOTFOUND);
    assert_string_equal(err.msg, "gorgias: reading the ticket: HTTP 404: "
                                 "Resource not found.");
    /* 500 on the POST: unknown outcome, not retried. */
    req.ticket_ext_id = "8";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENET);
    assert_null(remote);
    /* 429 on the POST: final at once. */
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ERATE);
    /* Refused before anything is sent. */
    req.token = "x\"}, \"status\": \"closed";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_EINVAL);
    req.token = "tok-5";
    req.set_status = "bogus";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_EINVAL);
    acct_close(&ac);
}

static void
test_gg_find_sent(void **state)
{
    struct fixture *f = *state;
    struct acct ac;
    struct td_error err;
    char *remote = NULL;
    struct reply_req req = {
        .ticket_ext_id = "11",
        .body = ES,
        .token = "tok-c1",
    };

    assert_int_equal(acct_open(f, &ac, "/g-find", &err), TD_OK);
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENET);
    assert_null(remote);
    /* On the second page, after tok-c10 (another token). */
    assert_int_equal(drv_find_sent(ac.a, "11", "tok-c1", &remote, &err),
                     TD_OK);
    assert_string_equal(remote, "1103");
    free(remote);
    assert_int_equal(drv_find_sent(ac.a, "12", "tok-c1", &remote, &err),
                     TD_ENOTFOUND);
    assert_string_equal(err.msg, "gorgias: not in ticket 12");
    assert_int_equal(drv_find_sent(ac.a, "12", "tok c1", &remote, &err),
                     TD_EINVAL);
    acct_close(&ac);
}

/* ---- Help Scout ---- */

static void
test_hs_sync_pages(void **state)
{
    struct got g = { .cursor_key = "updated" };
    const struct ticket *t;
    const struct message *m;

    assert_int_equal(sync_path(*state, "/h-ok", &g), TD_OK);
    assert_int_equal(g.n_tickets, 5);
    assert_int_equal(g.pages, 3);
    assert_string_equal(g.cursor_out, "2026-11-23T08:00:00Z");
    assert_int_equal(g.progress_done, 5);
    assert_int_equal(g.progress_total, 5);      /* page.totalElements */

    t = drvtest_ticket(&g, "1");
    assert_string_equal(t->subject, "Pedido dañado — İade");
    assert_int_equal(t->status, TS_OPEN);
    assert_string_equal(t->status_raw, "active");
    assert_string_equal(t->requester.external_id, "301");
    assert_string_equal(t->requester.email, "es@example.com");
    assert_null(t->requester.name);
    assert_string_equal(t->assignee, "lena@acme.example");
    assert_int_equal(t->n_tags, 1);
    assert_string_equal(t->tags[0], "envío");
    assert_int_equal(t->n_messages, 4);
    m = &t->messages[0];
    assert_int_equal(m->author, AK_CUSTOMER);
    assert_non_null(strstr(m->body, ES));
    assert_non_null(strstr(m->body, TR));
    assert_non_null(m->html);
    m = &t->messages[1];
    assert_int_equal(m->author, AK_AGENT);
    assert_string_equal(m->author_name, "lena@acme.example");
    assert_string_equal(m->body, "Hola & gracias");
    assert_true(m->is_public);
    m = &t->messages[2];
    assert_false(m->is_public);                 /* a note */
    assert_int_equal(m->author, AK_AGENT);
    assert_int_equal(t->messages[3].author, AK_SYSTEM);     /* lineitem */

    t = drvtest_ticket(&g, "2");
    assert_int_equal(t->status, TS_PENDING);
    assert_string_equal(t->messages[0].body, TR);
    t = drvtest_ticket(&g, "3");
    assert_int_equal(t->status, TS_CLOSED);
    assert_int_equal(t->channel, CH_CHAT);
    assert_string_equal(t->messages[0].body, AR);
    t = drvtest_ticket(&g, "4");
    assert_int_equal(t->channel, CH_PHONE);
    assert_string_equal(t->messages[0].body, JA);
    t = drvtest_ticket(&g, "5");
    assert_int_equal(t->status, TS_CLOSED);     /* spam */
    assert_string_equal(t->status_raw, "spam");
    assert_string_equal(t->messages[0].body, TH);
    got_free(&g);
}

static void
test_hs_sync_incremental(void **state)
{
    struct got g = { .cursor_key = "updated" };

    g.cursor_in = "2026-11-23T08:00:00Z";
    assert_int_equal(sync_path(*state, "/h-inc", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_int_equal(g.tickets[0].n_messages, 2);
    assert_string_equal(g.tickets[0].messages[1].body, "شكراً جزيلاً");
    assert_string_equal(g.cursor_out, "2026-11-24T12:00:00Z");
    got_free(&g);

    /* Page numbers resume too, with the walk's modifiedSince. */
    g.cursor_in = "2026-11-20T00:00:00Z\t2026-11-21T09:30:00Z\tpage:2";
    assert_int_equal(sync_path(*state, "/h-resume", &g), TD_OK);
    assert_int_equal(g.n_tickets, 1);
    assert_string_equal(g.cursor_out, "2026-11-22T10:00:00Z");
    got_free(&g);

    /* A server clock years ahead: the watermark is not believed past
     * the start of the sync (less two minutes of slack). */
    {
        time_t before = time(NULL), mark;

        assert_int_equal(sync_path(*state, "/h-future", &g), TD_OK);
        assert_non_null(g.cursor_out);
        assert_int_equal(time_parse_iso(g.cursor_out, &mark), 0);
        assert_true(mark >= before - 120 && mark <= time(NULL) - 120);
        got_free(&g);
    }
}

static void
test_hs_sync_errors(void **state)
{
    struct got g = { .cursor_key = "updated" };
    struct timespec a;

    assert_int_equal(sync_path(*state, "/h-401", &g), TD_EAUTH);
    assert_string_equal(g.msg, "helpscout: ticket list: HTTP 401: "
                               "Authentication failed");
    got_free(&g);
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(sync_path(*state, "/h-429", &g), TD_OK);
    assert_true(ms_since(&a) >= 900);
    got_free(&g);
}

/* Through drv_sync and the store: the watermark is stored with the last
 * page, and the next sync asks from it. */
static void
test_hs_sync_store(void **state)
{
    struct fixture *f = *state;
    struct store *st = NULL;
    struct ticket *t = NULL;
    struct acct ac;
    struct td_error err;
    char *cur = NULL;
    int64_t id;

    assert_int_equal(store_open(":memory:", &st, &err), TD_OK);
    assert_int_equal(acct_open(f, &ac, "/h-store", &err), TD_OK);
    assert_int_equal(drv_sync(ac.a, st, NULL, NULL, &err), TD_OK);
    assert_int_equal(ac.a->state, AS_ONLINE);
    assert_int_equal(store_cursor_get(st, ac.a->store_id, "updated", &cur,
                                      &err), TD_OK);
    assert_string_equal(cur, "2026-11-21T09:00:00Z");
    xfree_str(&cur);
    assert_int_equal(store_ticket_lookup(st, "hs-test", "21", &id, &err),
                     TD_OK);
    assert_int_equal(store_ticket_get(st, id, &t, &err), TD_OK);
    assert_int_equal(t->status, TS_PENDING);
    assert_int_equal(t->channel, CH_CHAT);
    assert_int_equal(t->n_messages, 1);
    assert_string_equal(t->messages[0].body, TH);
    ticket_free(&t);
    assert_int_equal(drv_sync(ac.a, st, NULL, NULL, &err), TD_OK);
    acct_close(&ac);

    /* Page 2 fails: page 1 is kept with the place to go on from, and the
     * next sync reads page 2 only. */
    store_close(&st);
    assert_int_equal(store_open(":memory:", &st, &err), TD_OK);
    assert_int_equal(acct_open(f, &ac, "/h-store2", &err), TD_OK);
    assert_int_equal(drv_sync(ac.a, st, NULL, NULL, &err), TD_ENET);
    assert_int_equal(ac.a->state, AS_OFFLINE);
    assert_int_equal(store_cursor_get(st, ac.a->store_id, "updated", &cur,
                                      &err), TD_OK);
    assert_string_equal(cur, "\t2026-11-21T09:00:00Z\tpage:2");
    xfree_str(&cur);
    assert_int_equal(store_ticket_lookup(st, "hs-test", "31", &id, &err),
                     TD_OK);
    assert_int_equal(store_ticket_lookup(st, "hs-test", "32", &id, &err),
                     TD_ENOTFOUND);
    assert_int_equal(drv_sync(ac.a, st, NULL, NULL, &err), TD_OK);
    assert_int_equal(store_cursor_get(st, ac.a->store_id, "updated", &cur,
                                      &err), TD_OK);
    assert_string_equal(cur, "2026-11-21T09:00:00Z");
    xfree_str(&cur);
    assert_int_equal(store_ticket_lookup(st, "hs-test", "32", &id, &err),
                     TD_OK);
    assert_int_equal(store_ticket_get(st, id, &t, &err), TD_OK);
    assert_string_equal(t->messages[0].body, JA);
    ticket_free(&t);
    acct_close(&ac);
    store_close(&st);
}

static void
test_hs_reply(void **state)
{
    struct fixture *f = *state;
    struct acct ac;
    struct td_error err;
    char *remote = NULL;
    struct reply_req req = {
        .ticket_ext_id = "7",
        .body = AR,
        .set_status = "pending",
        .token = "tok-1",
    };
    struct ticket_update u = { .ticket_ext_id = "7", .status = "open" };

    assert_int_equal(acct_open(f, &ac, "/h-reply", &err), TD_OK);
    /* The status rides with the reply; the id is in Resource-ID. */
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "8001");
    free(remote);
    /* Without a status change the member is left out. */
    req.body = ES;
    req.set_status = NULL;
    req.token = "tok-2";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "8002");
    free(remote);
    /* Notes cannot carry a status: a JSON Patch goes first. */
    req.body = TH;
    req.is_note = 1;
    req.set_status = "solved";
    req.token = "tok-3";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "8003");
    free(remote);
    assert_int_equal(drv_update(ac.a, &u, &err), TD_OK);
    req = (struct reply_req){ .ticket_ext_id = "9", .body = "x",
                              .token = "tok-4" };
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENOTFOUND);
    assert_string_equal(err.msg, "helpscout: reading the ticket: HTTP 404: "
                                 "Conversation not found");
    acct_close(&ac);

    assert_int_equal(acct_open(f, &ac, "/h-find", &err), TD_OK);
    assert_int_equal(drv_find_sent(ac.a, "11", "tok-h1", &remote, &err),
                     TD_OK);
    assert_string_equal(remote, "1102");
    free(remote);
    acct_close(&ac);
}

/* ---- the other ways a mapping can say it ---- */

static void
test_link_header_query(void **state)
{
    struct fixture *f = *state;
    struct got g = { .cursor_key = "updated" };
    const struct ticket *t;
    struct acct ac;
    struct td_error err;
    char *remote = NULL;
    struct reply_req req = {
        .ticket_ext_id = "5",
        .body = JA,
        .token = "tok-l1",
        .author = "Lena",
    };

    /* Link header pages (relative references), a top-level array,
     * messages inside each ticket, the token in X-Api-Key. */
    assert_int_equal(sync_path(f, "/l-ok", &g), TD_OK);
    assert_int_equal(g.n_tickets, 3);
    assert_int_equal(g.pages, 2);
    assert_string_equal(g.cursor_out, "2026-11-24T09:00:00Z");
    t = drvtest_ticket(&g, "1");
    assert_string_equal(t->subject, ES);
    assert_int_equal(t->status, TS_PENDING);
    assert_int_equal(t->priority, TP_URGENT);
    assert_int_equal(t->channel, CH_WHATSAPP);
    assert_string_equal(t->requester.email, "c1@example.com");
    assert_null(t->requester.external_id);
    assert_string_equal(t->tags[0], "vip");
    assert_int_equal(t->n_messages, 2);
    assert_int_equal(t->messages[0].author, AK_CUSTOMER);
    assert_string_equal(t->messages[0].body, ES);
    assert_int_equal(t->messages[1].author, AK_SYSTEM);
    t = drvtest_ticket(&g, "2");
    assert_int_equal(t->status, TS_OPEN);       /* "*" */
    assert_string_equal(t->status_raw, "weird");
    assert_int_equal(t->n_messages, 0);
    t = drvtest_ticket(&g, "3");
    assert_int_equal(t->status, TS_OPEN);       /* "*" before the word */
    assert_int_equal(t->priority, TP_HIGH);
    assert_int_equal(t->messages[0].author, AK_AGENT);  /* unmapped */
    got_free(&g);
    /* Unix seconds for "since". */
    g.cursor_in = "2026-11-24T08:00:00Z";
    assert_int_equal(sync_path(f, "/l-inc", &g), TD_OK);
    assert_int_equal(g.n_tickets, 0);
    got_free(&g);
    /* A next page elsewhere is refused, naming it. */
    assert_int_equal(sync_path(f, "/l-evil", &g), TD_EPERM);
    assert_string_equal(g.msg, "linkdesk: the next page is on another host "
                               "(http://example.com/steal?page=2); not sent "
                               "the token");
    got_free(&g);

    /* Only a reply call: notes and status changes are unavailable. */
    assert_int_equal(acct_open(f, &ac, "/l-reply", &err), TD_OK);
    assert_int_equal(ac.a->drv->caps, DRV_CAP_SYNC | DRV_CAP_REPLY);
    assert_null(ac.a->drv->find_sent_start);    /* no messages endpoint */
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_OK);
    assert_string_equal(remote, "77");
    free(remote);
    req.is_note = 1;
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENOTSUP);
    assert_string_equal(err.msg, "t-test: generic cannot post internal "
                                 "notes");
    req.is_note = 0;
    req.set_status = "solved";
    assert_int_equal(drv_reply(ac.a, &req, &remote, &err), TD_ENOTSUP);
    acct_close(&ac);

    /* The token as ?api_token=, pages from 0 until an empty one. */
    assert_int_equal(sync_path(f, "/q-ok", &g), TD_OK);
    assert_int_equal(g.n_tickets, 2);
    assert_int_equal(g.pages, 3);
    assert_string_equal(g.tickets[0].subject, TH);
    assert_string_equal(g.tickets[1].external_id, "A-2");
    assert_int_equal(g.tickets[1].n_messages, 0);
    /* No incremental sync: no watermark; the resume points the pages
     * stored are cleared at the end. */
    assert_string_equal(g.cursor_out, "");
    got_free(&g);

    /* The mapping's own rate-limit headers pace the account. */
    {
        struct timespec a;

        clock_gettime(CLOCK_MONOTONIC, &a);
        assert_int_equal(sync_path(f, "/q-rate", &g), TD_OK);
        assert_true(ms_since(&a) >= 900);
        assert_int_equal(g.n_tickets, 1);
        got_free(&g);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mapping_errors),
        cmocka_unit_test(test_mapping_files),
        cmocka_unit_test(test_paths_templates),
        cmocka_unit_test(test_open),
        cmocka_unit_test(test_gg_sync_pages),
        cmocka_unit_test(test_gg_sync_incremental),
        cmocka_unit_test(test_gg_sync_resume),
        cmocka_unit_test(test_gg_sync_errors),
        cmocka_unit_test(test_gg_sync_retries),
        cmocka_unit_test(test_gg_reply),
        cmocka_unit_test(test_gg_find_sent),
        cmocka_unit_test(test_hs_sync_pages),
        cmocka_unit_test(test_hs_sync_incremental),
        cmocka_unit_test(test_hs_sync_errors),
        cmocka_unit_test(test_hs_sync_store),
        cmocka_unit_test(test_hs_reply),
        cmocka_unit_test(test_link_header_query),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
