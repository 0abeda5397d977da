/* test_outbox.c: queue first, send once, and recover after a crash mid-send. */
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

#include "config/config.h"
#include "drivers/driver.h"
#include "drivers/outbox.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "util/xmalloc.h"

struct fx {
    char dir[64];
    char *db;
    struct account_def def;
    struct account *a;
    struct store *st;
    int64_t ticket_id;
};

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int
setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    struct td_error err;
    char *p;

    snprintf(f->dir, sizeof f->dir, "/tmp/ttydesk-outbox.XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    p = xasprintf("%s/tickets", f->dir);
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
    p = xasprintf("%s/tickets/T1.json", f->dir);
    write_file(p, "{\"id\":\"T1\",\"subject\":\"Where is my parcel?\","
                  "\"status\":\"open\",\"messages\":[{\"id\":\"m1\","
                  "\"author\":\"customer\",\"body\":\"Hi, where is it?\","
                  "\"created_at\":\"2026-11-24T10:00:00Z\"}]}");
    free(p);
    f->def.kind = "account";
    f->def.name = "loc";
    f->def.driver = "local";
    f->def.url = f->dir;
    f->db = xasprintf("%s/store.db", f->dir);
    assert_int_equal(store_open(f->db, &f->st, &err), TD_OK);
    assert_int_equal(drv_account_new(&f->def, &f->a, &err), TD_OK);
    assert_int_equal(drv_sync(f->a, f->st, NULL, NULL, &err), TD_OK);
    assert_int_equal(store_ticket_lookup(f->st, "loc", "T1", &f->ticket_id,
                                         &err), TD_OK);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);

    drv_account_free(&f->a);
    store_close(&f->st);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(f->db);
    free(f);
    return 0;
}

/* How many times text occurs in the ticket's file. */
static int
count_in_file(const struct fx *f, const char *text)
{
    char *path = xasprintf("%s/tickets/T1.json", f->dir), buf[65536];
    FILE *fp = fopen(path, "r");
    size_t n;
    int count = 0;

    assert_non_null(fp);
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    free(path);
    for (char *p = buf; (p = strstr(p, text)) != NULL; p += strlen(text))
        count++;
    return count;
}

static struct outbox_item
get_item(struct fx *f, int64_t id)
{
    struct outbox_item *items = NULL, it = { 0 };
    struct td_error err;
    size_t n = 0;

    assert_int_equal(store_outbox_list(f->st, -1, &items, &n, &err), TD_OK);
    for (size_t i = 0; i < n; i++)
        if (items[i].id == id) {
            it = items[i];
            memset(&items[i], 0, sizeof items[i]);
        }
    outbox_items_free(&items, n);
    assert_int_equal(it.id, id);
    return it;
}

static void
test_send_once(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    struct ticket *t = NULL;
    int64_t id;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "On its way!", 0,
                                  "pending", &id, &err), TD_OK);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_QUEUED);
    assert_non_null(it.token);
    outbox_item_clear(&it);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 1);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_SENT);
    assert_non_null(it.remote_id);
    outbox_item_clear(&it);
    assert_int_equal(count_in_file(f, "On its way!"), 1);
    /* A second flush sends nothing again. */
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 0);
    assert_int_equal(count_in_file(f, "On its way!"), 1);
    /* The thread in the store shows it, with the new status. */
    assert_int_equal(store_ticket_get(f->st, f->ticket_id, &t, &err), TD_OK);
    assert_int_equal(t->n_messages, 2);
    assert_string_equal(t->messages[1].body, "On its way!");
    assert_int_equal(t->status, TS_PENDING);
    ticket_free(&t);
}

/* The request reached the backend, then the process died before it
 * could mark the item sent: the next flush must find it, not resend. */
static void
test_crash_after_send(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    struct reply_req req = { 0 };
    char *remote = NULL;
    int64_t id;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Exactly once", 0,
                                  NULL, &id, &err), TD_OK);
    it = get_item(f, id);
    assert_int_equal(store_outbox_set_state(f->st, id, OB_SENDING, NULL, NULL,
                                            &err), TD_OK);
    req.ticket_ext_id = "T1";
    req.body = it.body;
    req.token = it.token;
    assert_int_equal(drv_reply(f->a, &req, &remote, &err), TD_OK);
    free(remote);
    outbox_item_clear(&it);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 0);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_SENT);
    outbox_item_clear(&it);
    assert_int_equal(count_in_file(f, "Exactly once"), 1);
}

/* The process died after marking "sending" but before the request. */
static void
test_crash_before_send(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    int64_t id;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Never lost", 1,
                                  NULL, &id, &err), TD_OK);
    assert_int_equal(store_outbox_set_state(f->st, id, OB_SENDING, NULL, NULL,
                                            &err), TD_OK);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 1);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_SENT);
    outbox_item_clear(&it);
    assert_int_equal(count_in_file(f, "Never lost"), 1);
}

static void
test_refusals(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item *items = NULL;
    size_t n = 0;

    assert_int_equal(outbox_queue(f->st, 1, f->ticket_id, "x", 0, NULL, NULL,
                                  &err), TD_EPERM);
    assert_non_null(strstr(err.msg, "read-only"));
    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, " \n", 0, NULL,
                                  NULL, &err), TD_EINVAL);
    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "x", 0, "resolved",
                                  NULL, &err), TD_EINVAL);
    assert_int_equal(store_outbox_list(f->st, -1, &items, &n, &err), TD_OK);
    assert_int_equal(n, 0);
    outbox_items_free(&items, n);
}

/* A definite failure is kept, with its reason, for the agent to act on. */
static void
test_failure_kept(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    char *path = xasprintf("%s/tickets/T1.json", f->dir);
    int64_t id;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Lost?", 0, NULL,
                                  &id, &err), TD_OK);
    assert_int_equal(unlink(path), 0);
    assert_int_not_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent,
                                      &err), TD_OK);
    assert_int_equal(sent, 0);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_FAILED);
    assert_non_null(it.error);
    assert_string_equal(it.body, "Lost?");
    outbox_item_clear(&it);
    free(path);
}

/* The buyer writes after the reply was written: the guard's re-read of
 * the ticket finds it, and the reply waits for the agent. */
static void
test_guard_holds(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    char *path = xasprintf("%s/tickets/T1.json", f->dir);
    int64_t id;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "It ships today",
                                  0, NULL, &id, &err), TD_OK);
    write_file(path, "{\"id\":\"T1\",\"subject\":\"Where is my parcel?\","
                     "\"status\":\"open\",\"messages\":[{\"id\":\"m1\","
                     "\"author\":\"customer\",\"body\":\"Hi, where is it?\","
                     "\"created_at\":\"2026-11-24T10:00:00Z\"},{\"id\":"
                     "\"m2\",\"author\":\"customer\",\"body\":\"\\u001b[2J"
                     "Found it at my neighbour's, thanks!\\nBye\","
                     "\"created_at\":\"2026-11-24T11:00:00Z\"}]}");
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_ECONFLICT);
    assert_int_equal(sent, 0);
    assert_int_equal(count_in_file(f, "It ships today"), 0);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_HELD);
    assert_non_null(strstr(it.error, "the buyer wrote at"));
    assert_non_null(strstr(it.error, "Found it at my neighbour's"));
    assert_null(strchr(it.error, '\033'));
    assert_null(strstr(it.error, "Bye"));
    outbox_item_clear(&it);

    /* Held stays held: another flush does not send it behind the
     * agent's back. */
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 0);

    /* The agent read it and retries with new words: sent once. */
    assert_int_equal(store_outbox_requeue(f->st, id, "Glad it arrived!",
                                          &err), TD_OK);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 1);
    assert_int_equal(count_in_file(f, "Glad it arrived!"), 1);
    assert_int_equal(count_in_file(f, "It ships today"), 0);
    it = get_item(f, id);
    assert_int_equal(it.state, OB_SENT);
    outbox_item_clear(&it);
    free(path);
}

/* Two replies queued for one ticket: the first one's message, synced
 * back after its send, is not news that holds the second. */
static void
test_guard_own_replies(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    int64_t a, b;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "First part", 0,
                                  NULL, &a, &err), TD_OK);
    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Second part", 1,
                                  NULL, &b, &err), TD_OK);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(sent, 2);
    assert_int_equal(count_in_file(f, "First part"), 1);
    assert_int_equal(count_in_file(f, "Second part"), 1);
}

/* The agent's answers: discard what was never sent, never what was. */
static void
test_discard(void **state)
{
    struct fx *f = *state;
    struct td_error err;
    struct outbox_item it;
    int64_t a, b;
    size_t sent = 0;

    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Sent one", 0,
                                  NULL, &a, &err), TD_OK);
    assert_int_equal(outbox_flush(f->st, &f->a, 1, "Maya", 0, &sent, &err),
                     TD_OK);
    assert_int_equal(outbox_queue(f->st, 0, f->ticket_id, "Never mind", 0,
                                  NULL, &b, &err), TD_OK);
    assert_int_equal(store_outbox_discard(f->st, a, &err), TD_ECONFLICT);
    assert_non_null(strstr(err.msg, "already sent"));
    assert_int_equal(store_outbox_requeue(f->st, a, "again", &err),
                     TD_ECONFLICT);
    assert_int_equal(store_outbox_discard(f->st, b, &err), TD_OK);
    assert_int_equal(store_outbox_get(f->st, b, &it, &err), TD_ENOTFOUND);
    assert_int_equal(store_outbox_discard(f->st, b, &err), TD_ENOTFOUND);
    assert_int_equal(store_outbox_get(f->st, a, &it, &err), TD_OK);
    assert_string_equal(it.body, "Sent one");
    outbox_item_clear(&it);
    assert_int_equal(outbox_queue(f->st, 0, 424242, "Nobody", 0, NULL, &b,
                                  &err), TD_ENOTFOUND);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_send_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_after_send, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_before_send, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guard_holds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_guard_own_replies, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_discard, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
