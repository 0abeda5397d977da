/* test_store_migrate.c: stores left by older (and newer) ttydesk builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/model.h"
#include "core/query.h"
#include "store/schema.h"
#include "store/store.h"
#include "util/xmalloc.h"

struct fixture {
    char dir[32];
    char path[64];
    struct td_error err;
};

static int
setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);

    snprintf(f->dir, sizeof f->dir, "/tmp/td-migrate-XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/store.db", f->dir);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[80];

    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

/* Run SQL on the file behind the store's back, as an old build would. */
static void
raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
    sqlite3_close(db);
}

static int64_t
count_text(struct store *s, const char *word, struct td_error *err)
{
    struct query_term t = {.field = QF_TEXT, .value = (char *)word};
    struct query q = {.terms = &t, .n_terms = 1};
    int64_t n = -1;

    assert_int_equal(store_inbox_count(s, &q, &n, err), TD_OK);
    return n;
}

/* What version 1 held, written with version 1's own column names. */
static const char v1_rows[] =
    "INSERT INTO accounts(id, name, driver, url) VALUES"
    " (1, 'shop', 'zendesk', 'https://shop.zendesk.com');"
    "INSERT INTO customers(id, account_id, external_id, name, email,"
    " country) VALUES (1, 1, 'u1', 'Kenji Sato', 'kenji@example.jp', 'JP');"
    "INSERT INTO tickets(id, account_id, external_id, subject, status,"
    " status_raw, priority, channel, language, requester_id, created_at,"
    " updated_at, first_response_due) VALUES"
    " (7, 1, '100', 'Parcel stuck in customs', 'open', 'open', 2, 'email',"
    "  'ja', 1, 1000, 2000, 5000),"
    " (8, 1, '101', 'Invoice copy', 'solved', 'solved', 1, 'web', NULL,"
    "  1, 1100, 2100, NULL);"
    "INSERT INTO ticket_tags VALUES (7, 'customs'), (7, 'vip');"
    "INSERT INTO messages(id, ticket_id, external_id, author, author_name,"
    " is_public, body, created_at) VALUES"
    " (1, 7, 'a', 'customer', 'Kenji', 1, '税関で止まっています', 1000),"
    " (2, 7, 'b', 'agent', 'Ana', 1, 'We are checking with the carrier',"
    "  1500),"
    " (3, 8, 'c', 'customer', 'Kenji', 1, 'Please resend the invoice',"
    "  1100);"
    "INSERT INTO attachments VALUES (1, 0, 'photo.jpg', 2048);"
    "INSERT INTO sync_cursors VALUES (1, 'tickets', '2000');";

static void
test_v1_to_v2(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct ticket *t = NULL;
    struct outbox_item it = {0}, *items = NULL;
    char *cursor = NULL;
    size_t n = 0;

    /* A version-1 file, as the first release left it. */
    assert_int_equal(store_open_version(f->path, 1, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), 1);
    store_close(&s);
    raw_exec(f->path, v1_rows);

    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_check(s, &f->err), TD_OK);

    /* The rows are all there, ids and all. */
    assert_int_equal(store_ticket_get(s, 7, &t, &f->err), TD_OK);
    assert_string_equal(t->account, "shop");
    assert_string_equal(t->subject, "Parcel stuck in customs");
    assert_int_equal(t->priority, TP_HIGH);
    assert_int_equal(t->first_response_due, 5000);
    assert_string_equal(t->requester.name, "Kenji Sato");
    assert_int_equal(t->n_tags, 2);
    assert_int_equal(t->n_messages, 2);
    assert_string_equal(t->messages[0].body, "税関で止まっています");
    assert_int_equal(t->messages[0].n_attachments, 1);
    ticket_free(&t);
    assert_int_equal(store_cursor_get(s, 1, "tickets", &cursor, &f->err),
                     TD_OK);
    assert_string_equal(cursor, "2000");
    free(cursor);

    /* The index was built from the old rows. */
    assert_int_equal(count_text(s, "customs", &f->err), 1);
    assert_int_equal(count_text(s, "税関", &f->err), 1);
    assert_int_equal(count_text(s, "kenji@example.jp", &f->err), 2);
    assert_int_equal(count_text(s, "invoice", &f->err), 1);

    /* And the new tables work on old tickets. */
    it.ticket_id = 8;
    it.body = xstrdup("Attached again.");
    assert_int_equal(store_outbox_add(s, &it, &f->err), TD_OK);
    assert_int_equal(store_outbox_list(s, OB_QUEUED, &items, &n, &f->err),
                     TD_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].ticket_ext_id, "101");
    outbox_items_free(&items, n);
    outbox_item_clear(&it);
    assert_int_equal(store_draft_save(s, 7, "draft", 0, NULL, &f->err),
                     TD_OK);
    store_close(&s);

    /* Opening again migrates nothing and keeps everything. */
    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(count_text(s, "carrier", &f->err), 1);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    store_close(&s);
}

static void
test_newer_store_refused(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;

    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    store_close(&s);
    raw_exec(f->path, "PRAGMA user_version = 99");
    assert_int_equal(store_open(f->path, &s, &f->err), TD_ENOTSUP);
    assert_null(s);
    assert_non_null(strstr(f->err.msg, f->path));
    assert_non_null(strstr(f->err.msg, "schema version 99"));
    assert_non_null(strstr(f->err.msg, "newer ttydesk"));
    /* Not touched: still 99. */
    assert_int_equal(store_open_version(f->path, 1, &s, &f->err),
                     TD_ENOTSUP);
}

/* A migration that fails halfway leaves the file at the old version, with
 * nothing of the new one. */
static void
test_failed_migration_rolls_back(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;

    assert_int_equal(store_open_version(f->path, 1, &s, &f->err), TD_OK);
    store_close(&s);
    raw_exec(f->path, "CREATE TABLE drafts (x)");   /* in version 2's way */
    assert_int_equal(store_open(f->path, &s, &f->err), TD_EIO);
    assert_non_null(strstr(f->err.msg, "migrate to schema version 2"));
    assert_non_null(strstr(f->err.msg, "drafts"));
    raw_exec(f->path, "DROP TABLE drafts");
    assert_int_equal(store_open_version(f->path, 1, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), 1);
    store_close(&s);
    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    store_close(&s);
}

static int64_t raw_int(const char *path, const char *sql);

static int
is_unread(const char *path, int64_t id, struct td_error *err)
{
    char sql[128];

    /* Raw, not store_ticket_get: its columns are the newest version's,
     * and the file may be kept at an older one. */
    (void)err;
    snprintf(sql, sizeof sql, "SELECT %s FROM tickets t WHERE id = %lld",
             SCHEMA_UNREAD, (long long)id);
    return (int)raw_int(path, sql);
}

static int64_t
count_unread(struct store *s, struct td_error *err)
{
    struct query_term t = {.field = QF_IS, .value = (char *)"unread"};
    struct query q = {.terms = &t, .n_terms = 1};
    int64_t n = -1, m = -1;

    /* The status bar's count and the query's must agree. */
    assert_int_equal(store_inbox_count(s, &q, &n, err), TD_OK);
    assert_int_equal(store_unread_count(s, &m, err), TD_OK);
    assert_int_equal(n, m);
    return n;
}

/* Version 3 adds the unread state. Tickets a version-2 ttydesk stored
 * count as seen (an upgrade must not turn the whole inbox bold); what
 * the customer writes after the upgrade makes them unread, and tickets
 * new to the file start unread. */
static void
test_v2_to_v3(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct message m = {0};
    struct ticket t = {0};

    assert_int_equal(store_open_version(f->path, 1, &s, &f->err), TD_OK);
    store_close(&s);
    raw_exec(f->path, v1_rows);
    assert_int_equal(store_open_version(f->path, 2, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), 2);
    store_close(&s);
    raw_exec(f->path, "INSERT INTO drafts VALUES (8, 'half a reply', 0,"
                      " NULL, 2200)");

    /* Through version 3 to the newest: this build's reads and writes use
     * the newest columns (version 4's language and intent among them). */
    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    assert_int_equal(is_unread(f->path, 7, &f->err), 0);
    assert_int_equal(is_unread(f->path, 8, &f->err), 0);
    assert_int_equal(count_unread(s, &f->err), 0);
    assert_int_equal(count_text(s, "customs", &f->err), 1);
    /* Writes are the newest build's: its upserts fill later columns. */
    store_close(&s);
    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);

    /* The customer's last word before the upgrade (at 1000, ticket
     * updated at 2000) was seen; one after it is news. */
    m.external_id = xstrdup("d");
    m.author = AK_CUSTOMER;
    m.body = xstrdup("Any news?");
    m.is_public = 1;
    m.created_at = 1900;
    assert_int_equal(store_message_upsert(s, 7, &m, &f->err), TD_OK);
    assert_int_equal(is_unread(f->path, 7, &f->err), 0);
    m.created_at = 2500;
    assert_int_equal(store_message_upsert(s, 7, &m, &f->err), TD_OK);
    message_clear(&m);
    assert_int_equal(is_unread(f->path, 7, &f->err), 1);
    assert_int_equal(count_unread(s, &f->err), 1);

    /* A ticket the old build never stored starts unread. */
    t.account_id = 1;
    t.external_id = xstrdup("102");
    t.subject = xstrdup("Wrong size");
    t.status = TS_NEW;
    t.requester.id = 1;
    t.updated_at = 3000;
    assert_int_equal(store_ticket_upsert(s, &t, &f->err), TD_OK);
    assert_int_equal(is_unread(f->path, t.id, &f->err), 1);
    assert_int_equal(count_unread(s, &f->err), 2);
    assert_int_equal(store_ticket_mark_seen(s, 7, 1, &f->err), TD_OK);
    assert_int_equal(count_unread(s, &f->err), 1);
    ticket_clear(&t);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    store_close(&s);

    /* Opening again migrates nothing and keeps the seen state. */
    assert_int_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_int_equal(is_unread(f->path, 7, &f->err), 0);
    assert_int_equal(count_unread(s, &f->err), 1);
    store_close(&s);
}

static int64_t
raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t v = -1;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Version 4 works out first_reply_at and agent_at from the threads it
 * finds, and keeps them from then on whoever writes the messages. */
static void
test_v3_to_v4(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    struct message m = {0};

    assert_int_equal(store_open_version(f->path, 1, &s, &f->err), TD_OK);
    store_close(&s);
    raw_exec(f->path, v1_rows);
    assert_int_equal(store_open_version(f->path, 3, &s, &f->err), TD_OK);
    store_close(&s);

    assert_int_equal(store_open_version(f->path, 4, &s, &f->err), TD_OK);
    assert_int_equal(store_schema_version(s), 4);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    assert_int_equal(raw_int(f->path, "SELECT first_reply_at FROM tickets"
                                " WHERE id = 7"), 1500);
    assert_int_equal(raw_int(f->path, "SELECT first_reply_at + agent_at"
                                " FROM tickets WHERE id = 8"), 0);
    assert_int_equal(raw_int(f->path, "SELECT count(*) FROM tickets"
                                " WHERE intent IS NULL"), 2);

    /* A later agent reply moves agent_at, not the first reply; an
     * internal note moves neither. */
    m.external_id = xstrdup("e");
    m.author = AK_AGENT;
    m.body = xstrdup("It cleared customs today.");
    m.is_public = 1;
    m.created_at = 2600;
    assert_int_equal(store_message_upsert(s, 7, &m, &f->err), TD_OK);
    free(m.external_id);
    m.external_id = xstrdup("f");
    m.is_public = 0;
    m.created_at = 2700;
    assert_int_equal(store_message_upsert(s, 7, &m, &f->err), TD_OK);
    free(m.external_id);
    m.external_id = xstrdup("g");
    m.is_public = 1;
    m.created_at = 1200;
    assert_int_equal(store_message_upsert(s, 8, &m, &f->err), TD_OK);
    message_clear(&m);
    assert_int_equal(raw_int(f->path, "SELECT first_reply_at FROM tickets"
                                " WHERE id = 7"), 1500);
    assert_int_equal(raw_int(f->path, "SELECT agent_at FROM tickets"
                                " WHERE id = 7"), 2600);
    assert_int_equal(raw_int(f->path, "SELECT first_reply_at FROM tickets"
                                " WHERE id = 8"), 1200);
    store_close(&s);
}

static void
test_not_a_database(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;
    FILE *fp = fopen(f->path, "w");

    assert_non_null(fp);
    fputs("this is not an SQLite file, it is a text file of some length "
          "so that sqlite reads a header and rejects it\n", fp);
    fclose(fp);
    assert_int_not_equal(store_open(f->path, &s, &f->err), TD_OK);
    assert_null(s);
    assert_non_null(strstr(f->err.msg, "store: "));
    assert_non_null(strstr(f->err.msg, "not a database"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_v1_to_v2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_v2_to_v3, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_store_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_v3_to_v4, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_migration_rolls_back,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
