/* store.c: opening the store, transactions, accounts and sync cursors. */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/fts.h"
#include "store/schema.h"
#include "util/xmalloc.h"

/* How long a statement waits for another process's write lock (the CLI
 * syncing while the console runs) before it reports "database is locked". */
#define STORE_BUSY_MS 5000

static int
store_is_memory(const char *path)
{
    return path[0] == '\0' || strcmp(path, ":memory:") == 0;
}

/* Drop group and other bits from an existing file; missing is fine. */
static enum td_status
store_chmod_private(const char *path, struct td_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return TD_OK;
    if ((st.st_mode & 077) != 0 && chmod(path, st.st_mode & 0700) != 0)
        return td_error_set(err, TD_EPERM, "store: chmod 600 %s: %s", path,
                            strerror(errno));
    return TD_OK;
}

/* Create the file 0600 ourselves before sqlite does, so that it never
 * exists with the umask's wider mode, and narrow a file that has one.
 * sqlite gives its -wal and -shm files the main file's mode; older ones
 * are narrowed here too. */
static enum td_status
store_prepare_file(const char *path, struct td_error *err)
{
    static const char *const sidecars[] = {"-wal", "-shm", "-journal"};
    struct stat st;
    enum td_status rc = TD_OK;
    int fd;

    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return td_error_set(err, errno == EACCES ? TD_EPERM : TD_EIO,
                            "store: open %s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0)
        rc = td_error_set(err, TD_EIO, "store: stat %s: %s", path,
                          strerror(errno));
    else if ((st.st_mode & 077) != 0 && fchmod(fd, st.st_mode & 0700) != 0)
        rc = td_error_set(err, TD_EPERM, "store: chmod 600 %s: %s", path,
                          strerror(errno));
    close(fd);
    for (size_t i = 0; rc == TD_OK && i < 3; i++) {
        char *p = xasprintf("%s%s", path, sidecars[i]);

        rc = store_chmod_private(p, err);
        free(p);
    }
    return rc;
}

/* Per-connection settings; none of them is stored in the file except
 * journal_mode, which WAL makes persistent. */
static enum td_status
store_configure(struct store *s, int memory, struct td_error *err)
{
    sqlite3_stmt *st = NULL;
    const unsigned char *mode;
    enum td_status rc;
    char op[320];

    /* The first statements are where a file that is no database fails. */
    snprintf(op, sizeof op, "open %.300s", s->path);
    /* synchronous=FULL: the outbox promises that nothing is lost, and a
     * commit per page of sync costs one fsync, which is cheap enough. */
    rc = db_exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                    "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY",
                 op, err);
    if (rc != TD_OK || memory)
        return rc;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st,
                           NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        rc = db_fail(s, err, op);
    } else {
        mode = sqlite3_column_text(st, 0);
        if (mode == NULL || strcmp((const char *)mode, "wal") != 0)
            rc = td_error_set(err, TD_EIO,
                              "store: %s: cannot use WAL mode (journal is "
                              "%s); is it on a network file system?",
                              s->path, mode ? (const char *)mode : "?");
    }
    sqlite3_finalize(st);
    return rc;
}

enum td_status
store_open_version(const char *path, int version, struct store **out,
                   struct td_error *err)
{
    struct store *s;
    enum td_status rc;
    int memory;

    *out = NULL;
    if (path == NULL)
        return td_error_set(err, TD_EINVAL, "store: no path");
    memory = store_is_memory(path);
    if (!memory && (rc = store_prepare_file(path, err)) != TD_OK)
        return rc;
    s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    /* NOMUTEX: one connection per thread; the console has one thread. */
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        rc = td_error_set(err, TD_EIO, "store: open %s: %s", path,
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    if ((rc = store_configure(s, memory, err)) != TD_OK ||
        (rc = fts_register(s->db, err)) != TD_OK ||
        (rc = schema_migrate(s, version, err)) != TD_OK ||
        (rc = schema_version(s, &s->version, err)) != TD_OK)
        goto out;
    *out = s;
    s = NULL;
out:
    store_close(&s);
    return rc;
}

enum td_status
store_open(const char *path, struct store **out, struct td_error *err)
{
    return store_open_version(path, STORE_SCHEMA_VERSION, out, err);
}

void
store_close(struct store **sp)
{
    struct store *s;

    if (sp == NULL || *sp == NULL)
        return;
    s = *sp;
    fts_forget(s);
    db_uncache(s);
    if (s->db != NULL) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        /* sqlite's advice for long-lived connections: refresh the planner's
         * statistics when the session's queries showed they are stale;
         * analysis_limit keeps that to milliseconds on a big store. */
        sqlite3_exec(s->db, "PRAGMA analysis_limit = 400; PRAGMA optimize",
                     NULL, NULL, NULL);
        sqlite3_close(s->db);
    }
    free(s->path);
    free(s);
    *sp = NULL;
}

int
store_schema_version(struct store *s)
{
    int v;

    return schema_version(s, &v, NULL) == TD_OK ? v : -1;
}

enum td_status
store_begin(struct store *s, struct td_error *err)
{
    enum td_status rc;

    if (!sqlite3_get_autocommit(s->db))
        return td_error_set(err, TD_EINVAL,
                            "store: begin: a transaction is already open");
    /* sqlite may have ended the last one itself (disk full, I/O error). */
    fts_forget(s);
    if ((rc = db_exec(s, "BEGIN IMMEDIATE", "begin", err)) == TD_OK)
        s->in_txn = 1;
    return rc;
}

enum td_status
store_commit(struct store *s, struct td_error *err)
{
    enum td_status rc;

    if (!s->in_txn)
        return td_error_set(err, TD_EINVAL,
                            "store: commit: no transaction is open");
    if (sqlite3_get_autocommit(s->db)) {
        store_rollback(s);
        return td_error_set(err, TD_EIO,
                            "store: commit: sqlite rolled the page back "
                            "after an earlier error");
    }
    /* The page's FTS rows go in last, in one batch (fts.h says why). */
    rc = fts_flush(s, err);
    if (rc == TD_OK)
        rc = db_exec(s, "COMMIT", "commit", err);
    if (rc != TD_OK) {
        store_rollback(s);
        if (err != NULL) {
            char msg[TD_ERROR_MAX];

            memcpy(msg, err->msg, sizeof msg);
            td_error_set(err, rc, "%.400s (the page was rolled back)", msg);
        }
        return rc;
    }
    s->in_txn = 0;
    return TD_OK;
}

void
store_rollback(struct store *s)
{
    if (s == NULL)
        return;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_txn = 0;
    fts_forget(s);
}

/* Run a check that answers "ok" or rows of problems. */
static enum td_status
store_check_rows(struct store *s, const char *sql, const char *what,
                 struct td_error *err)
{
    sqlite3_stmt *st = NULL;
    enum td_status rc = TD_OK;
    const unsigned char *txt;
    int step;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(s, err, what);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        txt = sqlite3_column_text(st, 0);
        if (txt == NULL || strcmp((const char *)txt, "ok") != 0)
            rc = td_error_set(err, TD_EIO, "store: %s: %s", what,
                              txt ? (const char *)txt : "problem found");
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, what);
    }
    sqlite3_finalize(st);
    return rc;
}

enum td_status
store_check(struct store *s, struct td_error *err)
{
    enum td_status rc;

    rc = store_check_rows(s, "PRAGMA integrity_check", "integrity check",
                          err);
    if (rc == TD_OK)
        rc = store_check_rows(s,
                              "SELECT 'row ' || rowid || ' of ' || "
                              "\"table\" || ' points to a missing ' || "
                              "parent FROM pragma_foreign_key_check",
                              "foreign key check", err);
    if (rc != TD_OK || store_schema_version(s) < 2)
        return rc;
    /* rank = 1 compares the index with the content (the view) as well. */
    return db_exec(s,
                   "INSERT INTO ticket_fts(ticket_fts, rank) "
                   "VALUES('integrity-check', 1)",
                   "full-text index check", err);
}

/* ---- accounts and cursors ---- */

static const char sql_account_ensure[] =
    "INSERT INTO accounts(name, driver, url) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(name) DO UPDATE SET driver = excluded.driver, "
    "url = excluded.url RETURNING id";

enum td_status
store_account_ensure(struct store *s, const char *name, const char *driver,
                     const char *url, int64_t *id, struct td_error *err)
{
    static const char op[] = "ensure account";
    sqlite3_stmt *st;
    enum td_status rc;

    if (name == NULL || driver == NULL)
        return td_error_set(err, TD_EINVAL,
                            "store: %s: no name or driver", op);
    if ((rc = db_stmt(s, sql_account_ensure, op, &st, err)) != TD_OK)
        return rc;
    if (db_bind_str(st, 1, name) | db_bind_str(st, 2, driver) |
        db_bind_str(st, 3, url))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

static const char sql_account_synced[] =
    "UPDATE accounts SET last_sync = ?2, last_error = ?3 WHERE id = ?1";

enum td_status
store_account_synced(struct store *s, int64_t account_id, time_t when,
                     const char *error, struct td_error *err)
{
    static const char op[] = "record sync";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_account_synced, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)when);
    if (db_bind_str(st, 3, error) != SQLITE_OK) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    if (sqlite3_changes(s->db) == 0)
        return td_error_set(err, TD_ENOTFOUND, "store: %s: no account %lld",
                            op, (long long)account_id);
    return TD_OK;
}

static const char sql_accounts[] =
    "SELECT a.id, a.name, a.driver, a.url, a.last_sync, a.last_error, "
    "(SELECT count(*) FROM tickets t WHERE t.account_id = a.id) "
    "FROM accounts a ORDER BY a.name";

enum td_status
store_accounts(struct store *s, struct account_row **rows, size_t *n,
               struct td_error *err)
{
    static const char op[] = "list accounts";
    sqlite3_stmt *st;
    struct account_row *v = NULL, *r;
    size_t len = 0;
    enum td_status rc;
    int step;

    *rows = NULL;
    *n = 0;
    if ((rc = db_stmt(s, sql_accounts, op, &st, err)) != TD_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        r = &v[len++];
        r->id = sqlite3_column_int64(st, 0);
        r->name = db_col_str(st, 1);
        r->driver = db_col_str(st, 2);
        r->url = db_col_str(st, 3);
        r->last_sync = (time_t)sqlite3_column_int64(st, 4);
        r->last_error = db_col_str(st, 5);
        r->n_tickets = sqlite3_column_int64(st, 6);
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
        sqlite3_reset(st);
        account_rows_free(&v, len);
        return rc;
    }
    sqlite3_reset(st);
    *rows = v;
    *n = len;
    return TD_OK;
}

void
account_rows_free(struct account_row **rows, size_t n)
{
    if (rows == NULL || *rows == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        free((*rows)[i].name);
        free((*rows)[i].driver);
        free((*rows)[i].url);
        free((*rows)[i].last_error);
    }
    free(*rows);
    *rows = NULL;
}

static const char sql_cursor_get[] =
    "SELECT value FROM sync_cursors WHERE account_id = ?1 AND key = ?2";
static const char sql_cursor_set[] =
    "INSERT INTO sync_cursors(account_id, key, value) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(account_id, key) DO UPDATE SET value = excluded.value";
static const char sql_cursor_unset[] =
    "DELETE FROM sync_cursors WHERE account_id = ?1 AND key = ?2";

enum td_status
store_cursor_get(struct store *s, int64_t account_id, const char *key,
                 char **value, struct td_error *err)
{
    static const char op[] = "read cursor";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *value = NULL;
    if ((rc = db_stmt(s, sql_cursor_get, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    if (db_bind_str(st, 2, key) != SQLITE_OK)
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *value = db_col_str(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_cursor_set(struct store *s, int64_t account_id, const char *key,
                 const char *value, struct td_error *err)
{
    static const char op[] = "write cursor";
    sqlite3_stmt *st;
    enum td_status rc;

    if (key == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no key", op);
    rc = db_stmt(s, value ? sql_cursor_set : sql_cursor_unset, op, &st, err);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    if (db_bind_str(st, 2, key) != SQLITE_OK ||
        (value && db_bind_str(st, 3, value) != SQLITE_OK)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}
