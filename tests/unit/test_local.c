/* test_local.c: the local JSON-directory backend through the driver table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "drivers/driver.h"
#include "drivers/local.h"
#include "util/xmalloc.h"

/* A sink that remembers what a sync delivered, and keeps cursors. */
struct collect {
    size_t customers, tickets, orders, shipments, pages;
    char *cursor_keys[4];
    char *cursor_vals[4];
    struct ticket last;
    char *subjects;
};

static enum td_status
c_customer(void *ctx, struct customer *c, struct td_error *err)
{
    (void)c;
    (void)err;
    ((struct collect *)ctx)->customers++;
    return TD_OK;
}

static enum td_status
c_ticket(void *ctx, struct ticket *t, struct td_error *err)
{
    struct collect *c = ctx;
    char *s = xasprintf("%s%s|", c->subjects ? c->subjects : "",
                        t->subject ? t->subject : "");

    (void)err;
    free(c->subjects);
    c->subjects = s;
    c->tickets++;
    ticket_clear(&c->last);
    /* Take ownership: the driver clears its copy after the callback. */
    c->last = *t;
    memset(t, 0, sizeof *t);
    return TD_OK;
}

static enum td_status
c_order(void *ctx, struct order *o, struct td_error *err)
{
    (void)err;
    assert_non_null(o->number);
    ((struct collect *)ctx)->orders++;
    return TD_OK;
}

static enum td_status
c_shipment(void *ctx, struct shipment *s, struct td_error *err)
{
    (void)err;
    assert_int_equal(s->status, SS_CUSTOMS);
    assert_int_equal(s->n_events, 2);
    ((struct collect *)ctx)->shipments++;
    return TD_OK;
}

static enum td_status
c_page(void *ctx, struct td_error *err)
{
    (void)err;
    ((struct collect *)ctx)->pages++;
    return TD_OK;
}

static enum td_status
c_cursor_get(void *ctx, const char *key, char **value, struct td_error *err)
{
    struct collect *c = ctx;

    (void)err;
    *value = NULL;
    for (int i = 0; i < 4; i++)
        if (c->cursor_keys[i] && strcmp(c->cursor_keys[i], key) == 0)
            *value = xstrdup(c->cursor_vals[i]);
    return TD_OK;
}

static enum td_status
c_cursor_set(void *ctx, const char *key, const char *value,
             struct td_error *err)
{
    struct collect *c = ctx;

    (void)err;
    for (int i = 0; i < 4; i++) {
        if (c->cursor_keys[i] == NULL || strcmp(c->cursor_keys[i], key) == 0) {
            if (c->cursor_keys[i] == NULL)
                c->cursor_keys[i] = xstrdup(key);
            free(c->cursor_vals[i]);
            c->cursor_vals[i] = xstrdup(value);
            return TD_OK;
        }
    }
    fail_msg("too many cursors");
    return TD_EIO;
}

static struct sync_sink
sink_for(struct collect *c)
{
    struct sync_sink s = {
        .ctx = c,
        .customer = c_customer,
        .ticket = c_ticket,
        .order = c_order,
        .shipment = c_shipment,
        .page_done = c_page,
        .cursor_get = c_cursor_get,
        .cursor_set = c_cursor_set,
    };
    return s;
}

static void
collect_reset(struct collect *c)
{
    ticket_clear(&c->last);
    free(c->subjects);
    c->subjects = NULL;
    c->customers = c->tickets = c->orders = c->shipments = c->pages = 0;
}

static void
collect_free(struct collect *c)
{
    collect_reset(c);
    for (int i = 0; i < 4; i++) {
        free(c->cursor_keys[i]);
        free(c->cursor_vals[i]);
    }
}

/* Files are dated an hour back, as a workspace that is not being written
 * to right now would be (see the settle window in local_sync). */
static void
write_file(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    struct timespec ts[2];

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    clock_gettime(CLOCK_REALTIME, &ts[0]);
    ts[0].tv_sec -= 3600;
    ts[1] = ts[0];
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
    free(path);
}

struct fixture {
    char dir[64];
    struct account_def def;
    struct account *a;
};

static const char ticket_1001[] =
    "{\"id\":\"1001\",\"subject\":\"¿Dónde está mi pedido #1001?\","
    "\"status\":\"open\",\"priority\":\"high\",\"channel\":\"whatsapp\","
    "\"language\":\"es\",\"requester\":\"c1\",\"assignee\":null,"
    "\"tags\":[\"wismo\",\"vip\"],\"created_at\":\"2026-11-24T10:00:00Z\","
    "\"updated_at\":\"2026-11-24T11:00:00Z\","
    "\"first_response_due\":\"2026-11-24T11:00:00Z\",\"messages\":["
    "{\"id\":\"m1\",\"author\":\"customer\",\"author_name\":\"Ana\","
    "\"public\":true,\"body\":\"Hola, ¿dónde está?\",\"html\":null,"
    "\"attachments\":[{\"name\":\"IMG_1.jpg\",\"size\":1234}],"
    "\"created_at\":\"2026-11-24T10:00:00Z\"}]}";

static int
setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    char *tdir;

    snprintf(f->dir, sizeof f->dir, "/tmp/ttydesk-local.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    tdir = xasprintf("%s/tickets", f->dir);
    assert_int_equal(mkdir(tdir, 0700), 0);
    write_file(f->dir, "workspace.json",
               "{\"name\":\"t\",\"anchor\":\"2026-11-25T00:00:00Z\"}");
    write_file(f->dir, "customers.json",
               "[{\"id\":\"c1\",\"name\":\"Ana Ruiz\",\"email\":\"ana@x.es\","
               "\"country\":\"ES\",\"timezone\":\"Europe/Madrid\"}]");
    write_file(f->dir, "orders.json",
               "[{\"id\":\"o1\",\"number\":\"#1001\",\"customer\":\"c1\","
               "\"currency\":\"EUR\",\"total\":\"59.90\",\"items\":["
               "{\"sku\":\"A-1\",\"name\":\"Hoodie\",\"quantity\":2,"
               "\"price\":\"29.95\"}]}]");
    write_file(f->dir, "shipments.json",
               "[{\"id\":\"s1\",\"order\":\"o1\",\"carrier\":\"DHL\","
               "\"tracking_number\":\"JD0001\",\"status\":\"customs\","
               "\"events\":[{\"time\":\"2026-11-20T00:00:00Z\","
               "\"status\":\"in-transit\",\"location\":\"Leipzig\"},"
               "{\"time\":\"2026-11-21T00:00:00Z\",\"status\":\"customs\","
               "\"description\":\"Held by customs\"}]}]");
    write_file(tdir, "1001.json", ticket_1001);
    write_file(tdir, "1002.json",
               "{\"id\":\"1002\",\"subject\":\"注文はまだですか\","
               "\"status\":\"new\",\"requester\":\"c1\",\"messages\":["
               "{\"id\":\"h1\",\"body\":null,\"html\":"
               "\"<p>注文は<b>まだ</b>ですか</p><blockquote>old</blockquote>\"}]}");
    free(tdir);
    f->def.kind = "account";
    f->def.name = "t";
    f->def.driver = "local";
    f->def.url = f->dir;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    drv_account_free(&f->a);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(f);
    return 0;
}

static void
test_sync_all(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;

    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 2);
    assert_int_equal(c.customers, 1);
    assert_int_equal(c.orders, 1);
    assert_int_equal(c.shipments, 1);
    assert_true(c.pages >= 2);
    /* Order of delivery is by modification time, then name. */
    assert_non_null(strstr(c.subjects, "pedido #1001"));
    assert_non_null(strstr(c.subjects, "注文はまだですか"));
    /* Delivered last (same mtime, later name): the HTML-only message. */
    assert_string_equal(c.last.external_id, "1002");
    assert_string_equal(c.last.messages[0].body, "注文はまだですか\n\n> old");
    assert_non_null(c.last.messages[0].html);
    collect_reset(&c);
    /* Nothing changed: an incremental sync delivers nothing. */
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 0);
    assert_int_equal(c.orders, 0);
    collect_free(&c);
}

static void
test_ticket_fields(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;
    char *tdir = xasprintf("%s/tickets/1002.json", f->dir);

    unlink(tdir);
    free(tdir);
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 1);
    assert_string_equal(c.last.external_id, "1001");
    assert_int_equal(c.last.status, TS_OPEN);
    assert_int_equal(c.last.priority, TP_HIGH);
    assert_int_equal(c.last.channel, CH_WHATSAPP);
    assert_string_equal(c.last.language, "es");
    assert_string_equal(c.last.requester.name, "Ana Ruiz");
    assert_string_equal(c.last.requester.country, "ES");
    assert_int_equal(c.last.n_tags, 2);
    assert_int_equal(c.last.n_messages, 1);
    assert_int_equal(c.last.messages[0].n_attachments, 1);
    assert_int_equal(c.last.messages[0].attachments[0].size, 1234);
    assert_null(c.last.assignee);
    /* No epoch file: times are as written. */
    assert_int_equal((long long)c.last.created_at, 1795514400LL);
    collect_free(&c);
}

static void
test_epoch_shift(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;

    /* Installed one day after the anchor: every time moves by a day. */
    write_file(f->dir, LOCAL_EPOCH_FILE, "1795651200\n");
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 2);
    collect_free(&c);
}

static void
test_malformed(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;
    char *tdir = xasprintf("%s/tickets", f->dir);

    write_file(tdir, "1003.json", "{\"id\":\"1003\",\n\"subject\": oops}");
    free(tdir);
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_EPARSE);
    assert_non_null(strstr(err.msg, "1003.json"));
    assert_non_null(strstr(err.msg, "line 2"));
    /* The good tickets still arrive, and the index files after them. */
    assert_int_equal(c.tickets, 2);
    assert_int_equal(c.orders, 1);
    collect_free(&c);
}

static void
test_reply_and_find(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;
    char *remote = NULL, *found = NULL;
    struct reply_req req = {
        .ticket_ext_id = "1001",
        .body = "Hola Ana, tu pedido está en aduanas.",
        .is_note = 0,
        .set_status = "pending",
        .token = "tok-123",
        .author = "Maya",
    };

    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    collect_reset(&c);
    assert_int_equal(drv_reply(f->a, &req, &remote, &err), TD_OK);
    assert_non_null(remote);
    assert_int_equal(drv_find_sent(f->a, "1001", "tok-123", &found, &err),
                     TD_OK);
    assert_string_equal(found, remote);
    free(found);
    found = NULL;
    assert_int_equal(drv_find_sent(f->a, "1001", "other", &found, &err),
                     TD_ENOTFOUND);
    /* The changed file comes back in the next incremental sync. */
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 1);
    assert_int_equal(c.last.n_messages, 2);
    assert_int_equal(c.last.status, TS_PENDING);
    assert_int_equal(c.last.first_response_due, 0);
    assert_string_equal(c.last.messages[1].body, req.body);
    assert_string_equal(c.last.messages[1].author_name, "Maya");
    assert_int_equal(c.last.messages[1].author, AK_AGENT);
    free(remote);
    collect_free(&c);
}

static void
test_update(void **state)
{
    struct fixture *f = *state;
    struct collect c = { 0 };
    struct sync_sink s = sink_for(&c);
    struct td_error err;
    const char *add[] = { "refund", "vip" };
    const char *del[] = { "wismo" };
    struct ticket_update u = {
        .ticket_ext_id = "1001",
        .status = "solved",
        .assignee = "Kenji",
        .add_tags = add,
        .n_add_tags = 2,
        .remove_tags = del,
        .n_remove_tags = 1,
    };
    struct ticket_update none = { .ticket_ext_id = "1001" };

    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    collect_reset(&c);
    assert_int_equal(drv_update(f->a, &u, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_int_equal(c.tickets, 1);
    assert_int_equal(c.last.status, TS_SOLVED);
    assert_string_equal(c.last.assignee, "Kenji");
    /* vip was there already: tags stay a set, in their order. */
    assert_int_equal(c.last.n_tags, 2);
    assert_string_equal(c.last.tags[0], "vip");
    assert_string_equal(c.last.tags[1], "refund");
    u.status = NULL;
    u.assignee = "";                    /* unassign */
    u.n_add_tags = u.n_remove_tags = 0;
    collect_reset(&c);
    assert_int_equal(drv_update(f->a, &u, &err), TD_OK);
    assert_int_equal(f->a->drv->sync(f->a, &s, &err), TD_OK);
    assert_null(c.last.assignee);
    assert_int_equal(drv_update(f->a, &none, &err), TD_EINVAL);
    u.status = "resolved";
    assert_int_equal(drv_update(f->a, &u, &err), TD_EINVAL);
    collect_free(&c);
}

static void
test_bad_ids(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    char *remote = NULL;
    struct reply_req req = {
        .ticket_ext_id = "../../etc/passwd",
        .body = "x",
        .token = "t",
    };

    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(drv_reply(f->a, &req, &remote, &err), TD_EINVAL);
    assert_null(remote);
    req.ticket_ext_id = "9999";
    assert_int_equal(drv_reply(f->a, &req, &remote, &err), TD_ENOTFOUND);
}

static void
test_unknown_driver_and_option(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    struct config_kv kv = { "token", "x" };

    f->def.driver = "nosuch";
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_ENOTSUP);
    assert_non_null(strstr(err.msg, "nosuch"));
    f->def.driver = "local";
    f->def.opts = &kv;
    f->def.n_opts = 1;
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_EINVAL);
    assert_non_null(strstr(err.msg, "token"));
    f->def.opts = NULL;
    f->def.n_opts = 0;
    f->def.url = "/nonexistent/dir";
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_ENOTFOUND);
    assert_null(f->a);
}

static void
test_install_workspace(void **state)
{
    struct fixture *f = *state;
    struct td_error err;
    char *dst = xasprintf("%s-copy", f->dir), *ep, *cmd;
    FILE *fp;
    char line[32];

    assert_int_equal(local_install_workspace(f->dir, dst, 1795651200, &err),
                     TD_OK);
    ep = xasprintf("%s/%s", dst, LOCAL_EPOCH_FILE);
    fp = fopen(ep, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_string_equal(line, "1795651200\n");
    free(ep);
    ep = xasprintf("%s/tickets/1001.json", dst);
    assert_int_equal(access(ep, R_OK), 0);
    free(ep);
    /* Installing over an existing workspace is refused, not merged. */
    assert_int_not_equal(local_install_workspace(f->dir, dst, 1, &err), TD_OK);
    cmd = xasprintf("rm -rf '%s' '%s'.new-*", dst, dst);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dst);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sync_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ticket_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_epoch_shift, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reply_and_find, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_driver_and_option, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_install_workspace, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
