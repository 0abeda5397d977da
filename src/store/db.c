/* db.c: the statement cache, error texts and small helpers over sqlite3. */
#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fts.h"
#include "util/xmalloc.h"

/* The td_status that best tells the caller what to do about an sqlite
 * failure: a constraint is a bad argument, the rest is I/O. */
static enum td_status
db_status(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
        return TD_EINVAL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return TD_EPERM;
    case SQLITE_TOOBIG:
        return TD_ETOOBIG;
    default:
        return TD_EIO;
    }
}

enum td_status
db_fail(struct store *s, struct td_error *err, const char *op)
{
    int rc = sqlite3_extended_errcode(s->db);

    return td_error_set(err, db_status(rc), "store: %s: %s", op,
                        sqlite3_errmsg(s->db));
}

enum td_status
db_stmt(struct store *s, const char *sql, const char *op, sqlite3_stmt **out,
        struct td_error *err)
{
    sqlite3_stmt *st = NULL;

    *out = NULL;
    for (size_t i = 0; i < s->n_cache; i++) {
        if (s->cache[i].sql == sql) {
            st = s->cache[i].st;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            *out = st;
            return TD_OK;
        }
    }
    /* PERSISTENT tells sqlite the statement lives long, so it does not
     * take it from the lookaside memory meant for short-lived ones. */
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
                           NULL) != SQLITE_OK)
        return db_fail(s, err, op);
    if (s->n_cache == s->cap_cache) {
        s->cap_cache = s->cap_cache ? s->cap_cache * 2 : 32;
        s->cache = xreallocarray(s->cache, s->cap_cache, sizeof *s->cache);
    }
    s->cache[s->n_cache].sql = sql;
    s->cache[s->n_cache].st = st;
    s->n_cache++;
    *out = st;
    return TD_OK;
}

void
db_uncache(struct store *s)
{
    for (size_t i = 0; i < s->n_cache; i++)
        sqlite3_finalize(s->cache[i].st);
    free(s->cache);
    s->cache = NULL;
    s->n_cache = s->cap_cache = 0;
}

enum td_status
db_exec(struct store *s, const char *sql, const char *op,
        struct td_error *err)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(s, err, op);
    return TD_OK;
}

enum td_status
db_done(struct store *s, sqlite3_stmt *st, const char *op,
        struct td_error *err)
{
    enum td_status rc = TD_OK;

    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static const char sql_savepoint[] = "SAVEPOINT td";
static const char sql_release[] = "RELEASE td";
static const char sql_rollback_to[] = "ROLLBACK TO td";

enum td_status
db_savepoint(struct store *s, struct td_error *err)
{
    sqlite3_stmt *st;
    enum td_status rc = TD_OK;

    /* sqlite ends a transaction itself on some errors (disk full, I/O):
     * what was queued for it was rolled back with it, and the writes that
     * follow are on their own again. */
    if (s->savepoints == 0 && s->in_txn && sqlite3_get_autocommit(s->db)) {
        s->in_txn = 0;
        fts_forget(s);
    }
    /* A long transaction must not queue without bound; between two
     * writes (never inside one) is the safe moment to catch up. */
    if (s->savepoints == 0 && s->n_pending >= FTS_PENDING_MAX)
        rc = fts_flush(s, err);
    if (rc == TD_OK)
        rc = db_stmt(s, sql_savepoint, "savepoint", &st, err);
    if (rc == TD_OK)
        rc = db_done(s, st, "savepoint", err);
    if (rc == TD_OK)
        s->savepoints++;
    return rc;
}

enum td_status
db_savepoint_end(struct store *s, enum td_status status,
                 struct td_error *err)
{
    sqlite3_stmt *st;

    enum td_status rc;

    s->savepoints--;
    if (status == TD_OK && s->savepoints == 0 && !s->in_txn)
        status = fts_flush(s, err);
    if (status == TD_OK) {
        rc = db_stmt(s, sql_release, "release savepoint", &st, err);
        if (rc == TD_OK)
            rc = db_done(s, st, "release savepoint", err);
        return rc;
    }
    /* Some failures (disk full, I/O) already rolled the whole transaction
     * back; then there is no savepoint left and these fail harmlessly.
     * They must not overwrite the error that explains the real failure. */
    if (db_stmt(s, sql_rollback_to, "rollback savepoint", &st, NULL) ==
        TD_OK)
        db_done(s, st, "rollback savepoint", NULL);
    if (db_stmt(s, sql_release, "release savepoint", &st, NULL) == TD_OK)
        db_done(s, st, "release savepoint", NULL);
    /* Outside a transaction nothing that was queued survived. Inside one,
     * entries queued by the undone write stay: a queued row whose text
     * did not change costs a comparison at commit, nothing more. */
    if (s->savepoints == 0 && !s->in_txn)
        fts_forget(s);
    return status;
}

int
db_bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v == NULL)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int
db_bind_time(sqlite3_stmt *st, int i, time_t v)
{
    if (v == 0)
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

char *
db_col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *p = sqlite3_column_text(st, i);

    if (p == NULL)
        return NULL;
    return xstrndup((const char *)p, (size_t)sqlite3_column_bytes(st, i));
}

/* Fill buf from /dev/urandom; -1 if it cannot be read in full. */
static int
db_urandom(unsigned char *buf, size_t n)
{
    size_t got = 0;
    ssize_t r;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return -1;
    while (got < n) {
        r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return got == n ? 0 : -1;
}

char *
db_token(void)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char raw[16];
    char *tok = xmalloc(2 * sizeof raw + 1);

    /* sqlite's own generator is seeded from the same source; it is only
     * the fallback for a chroot without /dev. */
    if (db_urandom(raw, sizeof raw) != 0)
        sqlite3_randomness((int)sizeof raw, raw);
    for (size_t i = 0; i < sizeof raw; i++) {
        tok[2 * i] = hex[raw[i] >> 4];
        tok[2 * i + 1] = hex[raw[i] & 15];
    }
    tok[2 * sizeof raw] = '\0';
    return tok;
}
