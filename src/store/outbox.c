/* outbox.c: replies and notes waiting to be sent, kept until they are. */
#include "store/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/outbox_guard.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

static const char *const state_names[OB_COUNT] = {
    [OB_QUEUED] = "queued",
    [OB_SENDING] = "sending",
    [OB_SENT] = "sent",
    [OB_HELD] = "held",
    [OB_FAILED] = "failed",
};

const char *
outbox_state_name(enum outbox_state st)
{
    return (unsigned)st < OB_COUNT ? state_names[st] : "unknown";
}

static enum outbox_state
outbox_state_from(const char *name)
{
    for (int i = 0; i < OB_COUNT; i++)
        if (name != NULL && strcmp(state_names[i], name) == 0)
            return (enum outbox_state)i;
    /* The CHECK constraint allows nothing else; held is the safe guess. */
    return OB_HELD;
}

/* The token is written with the item so that it exists before any send:
 * a sender that crashed after posting can ask the backend for it. */
static const char sql_add[] =
    "INSERT INTO outbox(ticket_id, is_note, body, set_status, state, token,"
    " created_at, updated_at, send_at, base_updated_at, base_customer_at) "
    "SELECT ?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?7, ?8,"
    " ifnull(nullif(?9, 0), max(t.updated_at, ifnull((SELECT"
    "   max(m.created_at) FROM messages m WHERE m.ticket_id = t.id), 0))),"
    " t.customer_at "
    "FROM tickets t WHERE t.id = ?1 RETURNING id, base_updated_at";

enum td_status
store_outbox_add(struct store *s, struct outbox_item *it,
                 struct td_error *err)
{
    static const char op[] = "queue reply";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if (it->body == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no body", op);
    if (it->token == NULL)
        it->token = db_token();
    if (it->created_at == 0)
        it->created_at = time_now();
    it->updated_at = it->created_at;
    it->state = OB_QUEUED;
    it->attempts = 0;
    if ((rc = db_stmt(s, sql_add, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, it->ticket_id);
    sqlite3_bind_int(st, 2, it->is_note != 0);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)it->created_at);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)it->updated_at);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)it->send_at);
    sqlite3_bind_int64(st, 9, (sqlite3_int64)it->base_at);
    if (db_bind_str(st, 3, it->body) | db_bind_str(st, 4, it->set_status) |
        db_bind_str(st, 5, it->token))
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_DONE)
        rc = td_error_set(err, TD_ENOTFOUND, "store: %s: no ticket %lld", op,
                          (long long)it->ticket_id);
    else if (step != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else {
        it->id = sqlite3_column_int64(st, 0);
        it->base_at = (time_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc;
}

/* A sent item stays sent: moving it back to queued or sending is how a
 * reply gets posted twice, so the update refuses it. Every move to
 * sending counts an attempt. */
static const char sql_set_state[] =
    "UPDATE outbox SET state = ?2, error = ?3,"
    " remote_id = ifnull(?4, remote_id),"
    " attempts = attempts + (?2 = 'sending'), updated_at = ?5 "
    "WHERE id = ?1 AND (state <> 'sent' OR ?2 = 'sent')";
enum td_status
store_outbox_set_state(struct store *s, int64_t id, enum outbox_state state,
                       const char *error, const char *remote_id,
                       struct td_error *err)
{
    static const char op[] = "update outbox";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((unsigned)state >= OB_COUNT)
        return td_error_set(err, TD_EINVAL, "store: %s: bad state %d", op,
                            (int)state);
    if ((rc = db_stmt(s, sql_set_state, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)time_now());
    if (db_bind_str(st, 2, state_names[state]) | db_bind_str(st, 3, error) |
        db_bind_str(st, 4, remote_id)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    if (sqlite3_changes(s->db) == 0)
        return store_outbox_why_unchanged(s, id, op, err);
    return TD_OK;
}

/* Oldest first: the order in which the sender must post, so that two
 * replies to one ticket reach the buyer in the order they were written. */
static const char sql_list[] =
    "SELECT o.id, o.ticket_id, a.name, t.external_id, o.is_note, o.body,"
    " o.set_status, o.state, o.error, o.token, o.remote_id, o.attempts,"
    " o.created_at, o.updated_at, o.send_at, o.base_updated_at "
    "FROM outbox o JOIN tickets t ON t.id = o.ticket_id"
    " JOIN accounts a ON a.id = t.account_id "
    "WHERE ?1 IS NULL OR o.state = ?1 ORDER BY o.created_at, o.id";

static void
outbox_read_row(sqlite3_stmt *st, struct outbox_item *it)
{
    it->id = sqlite3_column_int64(st, 0);
    it->ticket_id = sqlite3_column_int64(st, 1);
    it->account = db_col_str(st, 2);
    it->ticket_ext_id = db_col_str(st, 3);
    it->is_note = sqlite3_column_int(st, 4);
    it->body = db_col_str(st, 5);
    it->set_status = db_col_str(st, 6);
    it->state = outbox_state_from((const char *)sqlite3_column_text(st, 7));
    it->error = db_col_str(st, 8);
    it->token = db_col_str(st, 9);
    it->remote_id = db_col_str(st, 10);
    it->attempts = sqlite3_column_int(st, 11);
    it->created_at = (time_t)sqlite3_column_int64(st, 12);
    it->updated_at = (time_t)sqlite3_column_int64(st, 13);
    it->send_at = (time_t)sqlite3_column_int64(st, 14);
    it->base_at = (time_t)sqlite3_column_int64(st, 15);
}

enum td_status
store_outbox_list(struct store *s, int state, struct outbox_item **items,
                  size_t *n, struct td_error *err)
{
    static const char op[] = "list outbox";
    struct outbox_item *v = NULL;
    size_t len = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *items = NULL;
    *n = 0;
    if (state < -1 || state >= OB_COUNT)
        return td_error_set(err, TD_EINVAL, "store: %s: bad state %d", op,
                            state);
    if ((rc = db_stmt(s, sql_list, op, &st, err)) != TD_OK)
        return rc;
    if (state >= 0 && db_bind_str(st, 1, state_names[state]) != SQLITE_OK) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        memset(&v[len], 0, sizeof v[len]);
        outbox_read_row(st, &v[len++]);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    if (rc != TD_OK) {
        outbox_items_free(&v, len);
        return rc;
    }
    *items = v;
    *n = len;
    return TD_OK;
}

void
outbox_item_clear(struct outbox_item *it)
{
    if (it == NULL)
        return;
    free(it->account);
    free(it->ticket_ext_id);
    free(it->body);
    free(it->set_status);
    free(it->error);
    free(it->token);
    free(it->remote_id);
    memset(it, 0, sizeof *it);
}

void
outbox_items_free(struct outbox_item **items, size_t n)
{
    if (items == NULL || *items == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        outbox_item_clear(&(*items)[i]);
    free(*items);
    *items = NULL;
}
