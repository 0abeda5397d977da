/* test_store_crash.c: kill -9 in the middle of a sync leaves whole pages. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/model.h"
#include "core/query.h"
#include "store/store.h"
#include "util/xmalloc.h"

#define PAGES 200
#define PER_PAGE 50
#define MSGS 3
#define ROUNDS 8

/* The child: a sync that writes PAGES pages, one transaction each. */
static void
child_import(const char *path)
{
    struct store *s = NULL;
    struct td_error err;
    struct ticket t;
    struct message *m;
    char buf[96];
    int64_t acct;

    if (store_open(path, &s, &err) != TD_OK ||
        store_account_ensure(s, "crash", "local", NULL, &acct, &err) != TD_OK)
        _exit(3);
    for (int p = 0; p < PAGES; p++) {
        if (store_begin(s, &err) != TD_OK)
            _exit(4);
        for (int i = 0; i < PER_PAGE; i++) {
            memset(&t, 0, sizeof t);
            t.account_id = acct;
            snprintf(buf, sizeof buf, "%d", p * PER_PAGE + i);
            t.external_id = xstrdup(buf);
            snprintf(buf, sizeof buf, "crashword page%d subject", p);
            t.subject = xstrdup(buf);
            t.updated_at = 1000 + p;
            snprintf(buf, sizeof buf, "c%d", i);
            t.requester.external_id = xstrdup(buf);
            t.requester.name = xstrdup("Crash Tester");
            t.requester.email = xstrdup("crash@example.com");
            for (int k = 0; k < MSGS; k++) {
                m = ticket_add_message(&t);
                snprintf(buf, sizeof buf, "m%d", k);
                m->external_id = xstrdup(buf);
                snprintf(buf, sizeof buf,
                         "message %d of page %d: 注文 สวัสดี more words", k,
                         p);
                m->body = xstrdup(buf);
                m->created_at = 1000 + k;
            }
            if (store_ticket_upsert(s, &t, &err) != TD_OK)
                _exit(5);
            ticket_clear(&t);
        }
        if (store_commit(s, &err) != TD_OK)
            _exit(6);
    }
    store_close(&s);
    _exit(0);
}

/* Tickets committed so far, read through a second connection; -1 while
 * the child has not created the tables yet. */
static int64_t
peek_count(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t n = -1;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
            SQLITE_OK &&
        sqlite3_busy_timeout(db, 1000) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM tickets", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static int64_t
raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t v;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int64_t
count_text(struct store *s, const char *word)
{
    struct query_term t = {.field = QF_TEXT, .value = (char *)word};
    struct query q = {.terms = &t, .n_terms = 1};
    struct td_error err;
    int64_t n = -1;

    assert_int_equal(store_inbox_count(s, &q, &n, &err), TD_OK);
    return n;
}

/* Everything a reader may rely on after the crash. */
static int64_t
check_store(const char *path)
{
    struct store *s = NULL;
    struct td_error err;
    sqlite3 *db = NULL;
    char word[32];
    int64_t n, pages;

    if (store_open(path, &s, &err) != TD_OK)
        fail_msg("reopen: %s", err.msg);
    /* integrity_check, foreign keys, and the FTS index against the
     * ticket_doc view (content comparison). */
    if (store_check(s, &err) != TD_OK)
        fail_msg("check: %s", err.msg);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    n = raw_int(db, "SELECT count(*) FROM tickets");
    assert_int_equal(n % PER_PAGE, 0);          /* no half page */
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tickets t WHERE "
                                 "(SELECT count(*) FROM messages m WHERE "
                                 "m.ticket_id = t.id) <> 3"),
                     0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM tickets WHERE "
                                 "requester_id IS NULL"),
                     0);
    assert_int_equal(raw_int(db, "SELECT count(DISTINCT subject) FROM "
                                 "tickets"),
                     n / PER_PAGE);
    sqlite3_close(db);
    /* Every committed ticket is findable, and each page whole. */
    assert_int_equal(count_text(s, "crashword"), n);
    assert_int_equal(count_text(s, "注文"), n);
    pages = n / PER_PAGE;
    if (pages > 0) {
        snprintf(word, sizeof word, "page%lld", (long long)(pages - 1));
        assert_int_equal(count_text(s, word), PER_PAGE);
    }
    snprintf(word, sizeof word, "page%lld", (long long)pages);
    assert_int_equal(count_text(s, word), 0);
    store_close(&s);
    return n;
}

static void
remove_store(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm"};
    char p[96];

    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
}

static void
test_kill_during_import(void **state)
{
    char dir[] = "/tmp/td-crash-XXXXXX", path[64];
    struct timespec ts;
    int killed_midway = 0, status;
    int64_t want, n;
    pid_t pid;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    srand((unsigned)ts.tv_nsec ^ (unsigned)getpid());
    for (int round = 0; round < ROUNDS; round++) {
        remove_store(path);
        fflush(NULL);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
            child_import(path);
        /* Let a different number of pages commit each round, then kill
         * at a random moment within the next page or two. */
        want = (int64_t)PER_PAGE * (1 + round * 9);
        for (int waited = 0; waited < 60000; waited++) {
            if (peek_count(path) >= want)
                break;
            if (waitpid(pid, &status, WNOHANG) == pid)
                fail_msg("round %d: the importer died early (%d)", round,
                         status);
            usleep(1000);
        }
        usleep((useconds_t)(rand() % 20000));
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
            fail_msg("round %d: the importer failed (%d)", round,
                     WEXITSTATUS(status));
        n = check_store(path);
        print_message("# round %d: %lld tickets survived\n", round,
                      (long long)n);
        assert_true(n >= want);
        if (WIFSIGNALED(status) && n < PAGES * PER_PAGE)
            killed_midway++;
    }
    /* At least some rounds must really have cut a sync short. */
    assert_true(killed_midway >= 5);
    remove_store(path);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_import),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
