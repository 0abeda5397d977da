/* outbox_guard.c: the send guard's question to the store, and the
 * agent's answers to held and failed items. */
#include "store/outbox_guard.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

/* The messages after the base, except those the outbox posted itself
 * (a reply sent earlier in the same flush, say): their ids are the
 * remote ids it recorded. */
static const char sql_news[] =
    "SELECT count(*) OVER (), m.author, m.author_name, m.created_at,"
    " m.body FROM messages m WHERE m.ticket_id = ?1 AND m.created_at > ?2"
    " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = ?1"
    "   AND o.state = 'sent' AND o.remote_id = m.external_id) "
    "ORDER BY m.created_at, m.id LIMIT 1";

/* Enough of a message to recognise it on the status line. */
#define NEWS_SNIPPET_COLS 48

static char *
news_snippet(const char *body)
{
    struct buf b;
    char *clean, *line;

    if (body == NULL)
        return NULL;
    clean = sanitize_str(body, SAN_KEEP_NEWLINES);
    line = clean + strspn(clean, " \t\r\n");
    line[strcspn(line, "\r\n")] = '\0';
    if (*line == '\0') {
        free(clean);
        return NULL;
    }
    buf_init(&b, 4 * NEWS_SNIPPET_COLS + 16);
    width_fit(&b, line, NEWS_SNIPPET_COLS, 0);
    free(clean);
    return buf_detach(&b);
}

enum td_status
store_outbox_news(struct store *s, const struct outbox_item *it,
                  struct outbox_news *out, struct td_error *err)
{
    static const char op[] = "check the thread before sending";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    memset(out, 0, sizeof *out);
    if ((rc = db_stmt(s, sql_news, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, it->ticket_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)it->base_at);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *author = (const char *)sqlite3_column_text(st, 1);

        out->count = sqlite3_column_int(st, 0);
        out->from_customer = author && strcmp(author, "customer") == 0;
        out->who = db_col_str(st, 2);
        out->at = (time_t)sqlite3_column_int64(st, 3);
        out->snippet = news_snippet((const char *)sqlite3_column_text(st, 4));
        if (out->who) {
            char *w = sanitize_str(out->who, 0);

            free(out->who);
            out->who = w;
        }
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

void
outbox_news_clear(struct outbox_news *n)
{
    free(n->who);
    free(n->snippet);
    memset(n, 0, sizeof *n);
}

static const char sql_requeue[] =
    "UPDATE outbox SET state = 'queued', error = NULL,"
    " body = ifnull(?2, body), updated_at = ?3,"
    " base_updated_at = (SELECT max(t.updated_at, ifnull((SELECT"
    "   max(m.created_at) FROM messages m WHERE m.ticket_id = t.id), 0))"
    "   FROM tickets t WHERE t.id = outbox.ticket_id),"
    " base_customer_at = (SELECT customer_at FROM tickets"
    "   WHERE id = outbox.ticket_id) "
    "WHERE id = ?1 AND state IN ('held', 'failed', 'queued')";
static const char sql_discard[] =
    "DELETE FROM outbox WHERE id = ?1"
    " AND state IN ('held', 'failed', 'queued')";
static const char sql_state[] = "SELECT state FROM outbox WHERE id = ?1";

enum td_status
store_outbox_why_unchanged(struct store *s, int64_t id, const char *op,
                           struct td_error *err)
{
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_state, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *state = (const char *)sqlite3_column_text(st, 0);

        rc = state && strcmp(state, "sent") == 0
                 ? td_error_set(err, TD_ECONFLICT, "%s: outbox item %lld "
                                "was already sent", op, (long long)id)
                 : td_error_set(err, TD_ECONFLICT, "%s: outbox item %lld "
                                "is %s", op, (long long)id,
                                state ? state : "?");
    }
    else if (step == SQLITE_DONE)
        rc = td_error_set(err, TD_ENOTFOUND, "%s: no outbox item %lld", op,
                          (long long)id);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_outbox_requeue(struct store *s, int64_t id, const char *body,
                     struct td_error *err)
{
    static const char op[] = "retry";
    sqlite3_stmt *st;
    enum td_status rc;

    if (body && body[strspn(body, " \t\r\n")] == '\0')
        return td_error_set(err, TD_EINVAL, "%s: the reply is empty", op);
    if ((rc = db_stmt(s, sql_requeue, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
    if (db_bind_str(st, 2, body) != SQLITE_OK) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    return sqlite3_changes(s->db) ? TD_OK
                                  : store_outbox_why_unchanged(s, id, op, err);
}

enum td_status
store_outbox_discard(struct store *s, int64_t id, struct td_error *err)
{
    static const char op[] = "discard";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_discard, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    return sqlite3_changes(s->db) ? TD_OK
                                  : store_outbox_why_unchanged(s, id, op, err);
}

static const char sql_ticket_base[] =
    "SELECT max(t.updated_at, ifnull((SELECT max(m.created_at) FROM"
    " messages m WHERE m.ticket_id = t.id), 0)) FROM tickets t"
    " WHERE t.id = ?1";

enum td_status
store_ticket_base(struct store *s, int64_t ticket_id, time_t *base,
                  struct td_error *err)
{
    static const char op[] = "read the ticket's time";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *base = 0;
    if ((rc = db_stmt(s, sql_ticket_base, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *base = (time_t)sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        rc = td_error_set(err, TD_ENOTFOUND, "%s: no ticket %lld", op,
                          (long long)ticket_id);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static const char sql_set_base[] =
    "UPDATE outbox SET base_updated_at = ?2 WHERE id = ?1"
    " AND state IN ('queued', 'held', 'failed')";

enum td_status
store_outbox_set_base(struct store *s, int64_t id, time_t base,
                      struct td_error *err)
{
    static const char op[] = "set the reply's base";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_set_base, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)base);
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    return sqlite3_changes(s->db) ? TD_OK
                                  : store_outbox_why_unchanged(s, id, op, err);
}

enum td_status
store_outbox_get(struct store *s, int64_t id, struct outbox_item *out,
                 struct td_error *err)
{
    struct outbox_item *items = NULL;
    size_t n = 0;
    enum td_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = store_outbox_list(s, -1, &items, &n, err)) != TD_OK)
        return rc;
    rc = td_error_set(err, TD_ENOTFOUND, "no outbox item %lld",
                      (long long)id);
    for (size_t i = 0; i < n; i++) {
        if (items[i].id == id) {
            *out = items[i];
            memset(&items[i], 0, sizeof items[i]);
            td_error_clear(err);
            rc = TD_OK;
        }
    }
    outbox_items_free(&items, n);
    return rc;
}
