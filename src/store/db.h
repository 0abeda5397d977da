/* db.h: what the store's files share: struct store, statements, errors. */
#ifndef TD_STORE_DB_H
#define TD_STORE_DB_H

#include <sqlite3.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"
#include "util/error.h"

/* A prepared statement kept for the life of the connection, keyed by the
 * address of its SQL text (a string literal, so the key never moves). */
struct db_cached {
    const char *sql;
    sqlite3_stmt *st;
};

struct fts_doc;
struct assist;
struct sla_book;

struct store {
    sqlite3 *db;
    char *path;                 /* for error messages */
    struct db_cached *cache;
    size_t n_cache;
    size_t cap_cache;
    unsigned savepoints;        /* depth of db_savepoint nesting */
    int in_txn;                 /* between store_begin and commit/rollback */
    struct fts_doc *pending;    /* FTS rows to bring up to date (fts.c) */
    size_t n_pending;
    size_t cap_pending;
    /* The models that classify what is written (store_set_assist),
     * borrowed; NULL: nothing is classified. */
    const struct assist *assist;
    const struct sla_book *sla; /* borrowed; NULL = backend due times only */
    int version;                /* the schema version the file was opened at */
};

/* Turn the connection's last failure into err: "store: OP: sqlite's text",
 * with a status that fits the sqlite error code. Returns that status. */
enum td_status db_fail(struct store *s, struct td_error *err, const char *op);

/* Set *st to the cached statement for sql (a string literal), reset and
 * with its bindings cleared. Callers sqlite3_reset() it when done so that
 * no read transaction stays open. */
enum td_status db_stmt(struct store *s, const char *sql, const char *op,
                       sqlite3_stmt **st, struct td_error *err);
/* Finalize every cached statement (before sqlite3_close). */
void db_uncache(struct store *s);

/* Run SQL that returns no rows (may hold several statements). */
enum td_status db_exec(struct store *s, const char *sql, const char *op,
                       struct td_error *err);
/* Step st once expecting SQLITE_DONE, then reset it. */
enum td_status db_done(struct store *s, sqlite3_stmt *st, const char *op,
                       struct td_error *err);

/* Savepoints make each compound write all-or-nothing, inside or outside
 * a store_begin() transaction. db_savepoint_end commits the savepoint when
 * status is TD_OK and rolls it back otherwise; it returns status, or the
 * failure of the release itself. Outside a transaction, ending the
 * outermost savepoint also brings the queued FTS rows up to date. */
enum td_status db_savepoint(struct store *s, struct td_error *err);
enum td_status db_savepoint_end(struct store *s, enum td_status status,
                                struct td_error *err);

/* Binding helpers returning the sqlite code; a NULL string binds NULL,
 * and db_bind_time binds NULL for 0 (unknown) times. */
int db_bind_str(sqlite3_stmt *st, int i, const char *v);
int db_bind_time(sqlite3_stmt *st, int i, time_t v);

/* An owned copy of a text column, NULL for SQL NULL. */
char *db_col_str(sqlite3_stmt *st, int i);

/* A random unique token: 32 hex digits from /dev/urandom. Owned. */
char *db_token(void);

#endif
