/* draft.c: the reply being written on each ticket, saved as the agent types. */
#include "store/draft.h"

#include "store/db.h"
#include "util/timeutil.h"

/* One draft per ticket (its primary key): saving replaces. updated_at
 * lets a later "drafts" view show the newest first. */
static const char sql_save[] =
    "INSERT INTO drafts(ticket_id, body, is_note, set_status, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(ticket_id) DO UPDATE SET body = excluded.body,"
    " is_note = excluded.is_note, set_status = excluded.set_status,"
    " updated_at = excluded.updated_at";
static const char sql_load[] =
    "SELECT body, is_note, set_status FROM drafts WHERE ticket_id = ?1";
static const char sql_delete[] = "DELETE FROM drafts WHERE ticket_id = ?1";

enum td_status
store_draft_save(struct store *s, int64_t ticket_id, const char *body,
                 int is_note, const char *set_status, struct td_error *err)
{
    static const char op[] = "save draft";
    sqlite3_stmt *st;
    enum td_status rc;

    if (body == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no body", op);
    if ((rc = db_stmt(s, sql_save, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    sqlite3_bind_int(st, 3, is_note != 0);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)time_now());
    if (db_bind_str(st, 2, body) | db_bind_str(st, 4, set_status)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

enum td_status
store_draft_load(struct store *s, int64_t ticket_id, char **body,
                 int *is_note, char **set_status, struct td_error *err)
{
    static const char op[] = "load draft";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *body = NULL;
    *set_status = NULL;
    *is_note = 0;
    if ((rc = db_stmt(s, sql_load, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    /* No row is not an error: most tickets have no draft. */
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        *body = db_col_str(st, 0);
        *is_note = sqlite3_column_int(st, 1);
        *set_status = db_col_str(st, 2);
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_draft_delete(struct store *s, int64_t ticket_id, struct td_error *err)
{
    static const char op[] = "delete draft";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_delete, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    return db_done(s, st, op, err);
}
