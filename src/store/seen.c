/* seen.c: which tickets the agent has seen, for the inbox's unread state. */
#include "store/seen.h"

#include "store/db.h"
#include "store/schema.h"

/*
 * Seen is the agent's state, not the backend's: it lives in the store
 * only, is never sent anywhere and no sync writes it (upsert.c leaves
 * seen_at alone and only ever raises customer_at).
 *
 * Seeing a ticket records the later of its updated_at and its newest
 * customer message: a backend that leaves updated_at unknown (0) must not
 * leave every ticket with a customer message unread for ever.
 */
static const char sql_mark_seen[] =
    "UPDATE tickets SET seen_at = max(updated_at, customer_at) WHERE id = ?1";
static const char sql_mark_unseen[] =
    "UPDATE tickets SET seen_at = NULL WHERE id = ?1";
/* The same expression as the partial index: a count of its rows. */
static const char sql_unread_count[] =
    "SELECT count(*) FROM tickets t WHERE " SCHEMA_UNREAD;

enum td_status
store_ticket_mark_seen(struct store *s, int64_t id, int seen,
                       struct td_error *err)
{
    static const char op[] = "mark ticket seen";
    sqlite3_stmt *st;
    enum td_status rc;

    rc = db_stmt(s, seen ? sql_mark_seen : sql_mark_unseen, op, &st, err);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    if (sqlite3_changes(s->db) == 0)
        return td_error_set(err, TD_ENOTFOUND, "store: no ticket %lld",
                            (long long)id);
    return TD_OK;
}

enum td_status
store_unread_count(struct store *s, int64_t *count, struct td_error *err)
{
    static const char op[] = "count unread";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *count = 0;
    if ((rc = db_stmt(s, sql_unread_count, op, &st, err)) != TD_OK)
        return rc;
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}
