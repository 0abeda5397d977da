/* events.c: new tickets, customer messages, outbox trouble and due SLAs. */
#include "store/events.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/xmalloc.h"

/* A sync of thousands of tickets is one "many new tickets", not
 * thousands of rows to match: the rate limits drop the rest anyway. */
#define EVENTS_MAX 200

/* Every query returns the same first columns, read by ev_read. */
#define EV_COLS \
    "t.id, a.name, t.external_id, t.subject, " \
    "coalesce(nullif(c.name, ''), c.email), t.assignee"
#define EV_FROM \
    " FROM tickets t JOIN accounts a ON a.id = t.account_id" \
    " LEFT JOIN customers c ON c.id = t.requester_id"

static const char sql_marks[] =
    "SELECT (SELECT ifnull(max(id), 0) FROM tickets),"
    " (SELECT ifnull(max(id), 0) FROM messages)";

static const char sql_new_tickets[] =
    "SELECT " EV_COLS ", (SELECT m.body FROM messages m"
    "  WHERE m.ticket_id = t.id AND m.author = 'customer'"
    "  ORDER BY m.created_at DESC, m.id DESC LIMIT 1)"
    EV_FROM
    " WHERE t.id > ?1 AND t.id <= ?2 AND (t.created_at = 0"
    "  OR t.created_at >= ?3)"
    " ORDER BY t.id LIMIT ?4";

static const char sql_replies[] =
    "SELECT " EV_COLS ", m.body FROM messages m"
    " JOIN tickets t ON t.id = m.ticket_id"
    " JOIN accounts a ON a.id = t.account_id"
    " LEFT JOIN customers c ON c.id = t.requester_id"
    " WHERE m.id > ?1 AND m.id <= ?2 AND m.ticket_id <= ?3"
    "  AND m.author = 'customer'"
    "  AND (m.created_at = 0 OR m.created_at >= ?4)"
    " ORDER BY m.id LIMIT ?5";

/* updated_at moves with each state change; the caller de-duplicates on
 * (item, updated_at), so the one-second overlap is safe. */
static const char sql_outbox[] =
    "SELECT " EV_COLS ", o.error, o.id, o.state, o.updated_at"
    " FROM outbox o JOIN tickets t ON t.id = o.ticket_id"
    " JOIN accounts a ON a.id = t.account_id"
    " LEFT JOIN customers c ON c.id = t.requester_id"
    " WHERE o.state IN ('held', 'failed') AND o.updated_at >= ?1"
    " ORDER BY o.id LIMIT ?2";

static const char sql_sla[] =
    "SELECT * FROM (SELECT " EV_COLS ", NULL,"
    "  CASE WHEN t.first_reply_at = 0 THEN t.first_response_due"
    "   ELSE t.next_response_due END AS due"
    EV_FROM
    " WHERE t.status IN ('new', 'open'))"
    " WHERE due BETWEEN ?1 AND ?2 ORDER BY due LIMIT ?3";

enum td_status
store_events_marks(struct store *s, time_t now, struct store_marks *m,
                   struct td_error *err)
{
    static const char op[] = "notification marks";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_marks, op, &st, err)) != TD_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW) {
        m->ticket_id = sqlite3_column_int64(st, 0);
        m->message_id = sqlite3_column_int64(st, 1);
        m->outbox_at = now;
    } else {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

static struct store_event *
ev_push(struct store_event **v, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    memset(&(*v)[*n], 0, sizeof **v);
    return &(*v)[(*n)++];
}

static void
ev_read(sqlite3_stmt *st, struct store_event *e, enum notify_event kind)
{
    e->event = kind;
    e->ticket_id = sqlite3_column_int64(st, 0);
    e->account = db_col_str(st, 1);
    e->external_id = db_col_str(st, 2);
    e->subject = db_col_str(st, 3);
    e->requester = db_col_str(st, 4);
    e->assignee = db_col_str(st, 5);
    e->snippet = db_col_str(st, 6);
}

struct scan {
    struct store *s;
    struct store_event *v;
    size_t n;
    size_t cap;
    struct td_error *err;
};

/* Step st (bound already) and add a row of kind per result; the outbox
 * and sla queries carry their extra columns after the common ones. */
static enum td_status
scan_rows(struct scan *sc, sqlite3_stmt *st, enum notify_event kind,
          const char *op)
{
    enum td_status rc = TD_OK;
    int step;

    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_event *e = ev_push(&sc->v, &sc->n, &sc->cap);
        enum notify_event k = kind;

        if (kind == NE_OUTBOX_HELD) {
            const char *state = (const char *)sqlite3_column_text(st, 8);

            if (state && strcmp(state, "failed") == 0)
                k = NE_OUTBOX_FAILED;
            e->outbox_id = sqlite3_column_int64(st, 7);
            e->changed = (time_t)sqlite3_column_int64(st, 9);
        }
        ev_read(st, e, k);
        if (kind == NE_SLA_DUE)
            e->due = (time_t)sqlite3_column_int64(st, 7);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(sc->s, sc->err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_events_since(struct store *s, struct store_marks *m, time_t now,
                   time_t not_before, int64_t sla_within,
                   struct store_event **ev, size_t *n, struct td_error *err)
{
    static const char op[] = "notification scan";
    struct scan sc = { .s = s, .err = err };
    struct store_marks next;
    sqlite3_stmt *st;
    enum td_status rc;

    *ev = NULL;
    *n = 0;
    /* The marks first: rows a sync adds while this runs wait for the
     * next scan instead of being missed between two queries. */
    if ((rc = store_events_marks(s, now, &next, err)) != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_new_tickets, op, &st, err)) != TD_OK)
        goto out;
    sqlite3_bind_int64(st, 1, m->ticket_id);
    sqlite3_bind_int64(st, 2, next.ticket_id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)not_before);
    sqlite3_bind_int(st, 4, EVENTS_MAX);
    if ((rc = scan_rows(&sc, st, NE_NEW_TICKET, op)) != TD_OK)
        goto out;
    if ((rc = db_stmt(s, sql_replies, op, &st, err)) != TD_OK)
        goto out;
    sqlite3_bind_int64(st, 1, m->message_id);
    sqlite3_bind_int64(st, 2, next.message_id);
    sqlite3_bind_int64(st, 3, m->ticket_id);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)not_before);
    sqlite3_bind_int(st, 5, EVENTS_MAX);
    if ((rc = scan_rows(&sc, st, NE_CUSTOMER_REPLY, op)) != TD_OK)
        goto out;
    if ((rc = db_stmt(s, sql_outbox, op, &st, err)) != TD_OK)
        goto out;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)m->outbox_at - 1);
    sqlite3_bind_int(st, 2, EVENTS_MAX);
    if ((rc = scan_rows(&sc, st, NE_OUTBOX_HELD, op)) != TD_OK)
        goto out;
    if (sla_within > 0) {
        if ((rc = db_stmt(s, sql_sla, op, &st, err)) != TD_OK)
            goto out;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)now + sla_within);
        sqlite3_bind_int(st, 3, EVENTS_MAX);
        if ((rc = scan_rows(&sc, st, NE_SLA_DUE, op)) != TD_OK)
            goto out;
    }
    *m = next;
out:
    if (rc != TD_OK) {
        store_events_free(&sc.v, sc.n);
        return rc;
    }
    *ev = sc.v;
    *n = sc.n;
    return TD_OK;
}

void
store_events_free(struct store_event **ev, size_t n)
{
    if (*ev == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        struct store_event *e = &(*ev)[i];

        free(e->account);
        free(e->external_id);
        free(e->subject);
        free(e->requester);
        free(e->assignee);
        free(e->snippet);
    }
    free(*ev);
    *ev = NULL;
}
