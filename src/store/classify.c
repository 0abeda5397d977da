/* classify.c: the assist's language and intent, stored with what syncs
 * bring in, and a background pass for tickets stored before it. */
#include "store/classify.h"

#include <stdlib.h>
#include <string.h>

#include "core/assist.h"
#include "store/db.h"
#include "util/xmalloc.h"

/*
 * Only the buyer's messages are classified: they are the incoming ones,
 * and the ticket's language is the language the buyer writes. A message
 * keeps its language until its body changes (upsert.c clears it then),
 * so a re-sync detects nothing twice; the ticket is redone when a buyer
 * message is new or edited, or its subject or backend language changed
 * (upsert.c then clears its intent).
 *
 * messages.language NULL means "not classified yet"; "unknown" means the
 * detector would not guess. tickets.intent NULL means the ticket was not
 * classified yet, which is what the background pass looks for through
 * the tickets_intent index.
 */

void
store_set_assist(struct store *s, const struct assist *a)
{
    s->assist = a;
}

static const char sql_msgs_new[] =
    "SELECT id, body FROM messages WHERE ticket_id = ?1"
    " AND author = 'customer' AND language IS NULL";
static const char sql_msg_set[] =
    "UPDATE messages SET language = ?2, language_conf = ?3 WHERE id = ?1";
static const char sql_msgs_buyer[] =
    "SELECT body, language, language_conf FROM messages"
    " WHERE ticket_id = ?1 AND author = 'customer' AND is_public = 1"
    " ORDER BY created_at, id";
static const char sql_ticket_ctx[] =
    "SELECT t.subject, t.backend_language, c.locale, c.country"
    " FROM tickets t LEFT JOIN customers c ON c.id = t.requester_id"
    " WHERE t.id = ?1";
static const char sql_ticket_done[] =
    "SELECT intent IS NOT NULL FROM tickets WHERE id = ?1";
static const char sql_ticket_set[] =
    "UPDATE tickets SET language = ?2, language_conf = ?3, intent = ?4,"
    " intent_conf = ?5 WHERE id = ?1";

struct classify_msgs {
    struct assist_msg *v;
    char **owned;               /* bodies and languages, freed together */
    size_t n, n_owned;
};

static char *
classify_keep(struct classify_msgs *m, char *s)
{
    m->owned = xreallocarray(m->owned, m->n_owned + 1, sizeof *m->owned);
    m->owned[m->n_owned++] = s;
    return s;
}

static void
classify_msgs_free(struct classify_msgs *m)
{
    for (size_t i = 0; i < m->n_owned; i++)
        free(m->owned[i]);
    free(m->owned);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* Detect the language of the buyer's messages that have none yet; *n
 * says how many. The ids and bodies are read first: no statement stays
 * open across the updates. */
static enum td_status
classify_messages(struct store *s, int64_t id, size_t *n,
                  struct td_error *err)
{
    static const char op[] = "classify messages";
    struct classify_msgs m = { 0 };
    int64_t *ids = NULL;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_msgs_new, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        ids = xreallocarray(ids, m.n + 1, sizeof *ids);
        m.v = xreallocarray(m.v, m.n + 1, sizeof *m.v);
        ids[m.n] = sqlite3_column_int64(st, 0);
        m.v[m.n++].body = classify_keep(&m, db_col_str(st, 1));
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    for (size_t i = 0; i < m.n && rc == TD_OK; i++) {
        struct langid_result lr;
        const char *b = m.v[i].body ? m.v[i].body : "";

        assist_message(s->assist, b, strlen(b), &lr);
        if ((rc = db_stmt(s, sql_msg_set, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, ids[i]);
        sqlite3_bind_double(st, 3, lr.confidence);
        if (db_bind_str(st, 2, lr.lang) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    *n = m.n;
    free(ids);
    classify_msgs_free(&m);
    return rc;
}

/* Whether the ticket was classified and nothing it was read from changed
 * since (upsert.c clears the intent when its subject or backend language
 * changes): a re-sync of an unchanged ticket then costs one lookup. */
static enum td_status
classify_is_current(struct store *s, int64_t id, int *current,
                    struct td_error *err)
{
    static const char op[] = "classify ticket";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *current = 0;
    if ((rc = db_stmt(s, sql_ticket_done, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *current = sqlite3_column_int(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

/* What the ticket rules need: the buyer's public messages and the
 * ticket's subject, backend language and buyer. */
static enum td_status
classify_context(struct store *s, int64_t id, struct classify_msgs *m,
                 char *ctx[4], struct td_error *err)
{
    static const char op[] = "classify ticket";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_msgs_buyer, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct assist_msg *am;

        m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
        am = &m->v[m->n++];
        am->body = classify_keep(m, db_col_str(st, 0));
        am->lang = classify_keep(m, db_col_str(st, 1));
        am->conf = sqlite3_column_double(st, 2);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    if (rc != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_ticket_ctx, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < 4; i++)
            ctx[i] = db_col_str(st, i);
    } else if (step == SQLITE_DONE) {
        rc = td_error_set(err, TD_ENOTFOUND, "store: no ticket %lld",
                          (long long)id);
    } else {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

enum td_status
classify_ticket(struct store *s, int64_t id, struct td_error *err)
{
    static const char op[] = "classify ticket";
    struct classify_msgs m = { 0 };
    struct assist_ticket_out out;
    char *ctx[4] = { NULL, NULL, NULL, NULL };
    sqlite3_stmt *st;
    enum td_status rc;

    size_t fresh = 0;
    int current = 0;

    if (s->assist == NULL)
        return TD_OK;
    if ((rc = classify_messages(s, id, &fresh, err)) != TD_OK ||
        (fresh == 0 &&
         (rc = classify_is_current(s, id, &current, err)) != TD_OK))
        goto out;
    if (fresh == 0 && current)
        goto out;
    if ((rc = classify_context(s, id, &m, ctx, err)) != TD_OK)
        goto out;
    assist_ticket(s->assist,
                  &(struct assist_ticket_in){
                      .subject = ctx[0],
                      .msgs = m.v,
                      .n_msgs = m.n,
                      .backend_lang = ctx[1],
                      .locale = ctx[2],
                      .country = ctx[3],
                  },
                  &out);
    if ((rc = db_stmt(s, sql_ticket_set, op, &st, err)) != TD_OK)
        goto out;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_double(st, 3, out.lang_conf);
    sqlite3_bind_double(st, 5, out.intent_conf);
    if (db_bind_str(st, 2, out.lang[0] ? out.lang : NULL) |
        db_bind_str(st, 4, intent_label_name(out.intent))) {
        sqlite3_reset(st);
        rc = db_fail(s, err, op);
    } else {
        rc = db_done(s, st, op, err);
    }
out:
    for (int i = 0; i < 4; i++)
        free(ctx[i]);
    classify_msgs_free(&m);
    return rc;
}

enum td_status
store_classify_ticket(struct store *s, int64_t id, struct td_error *err)
{
    enum td_status rc;

    if (s->assist == NULL)
        return TD_OK;
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    rc = classify_ticket(s, id, err);
    return db_savepoint_end(s, rc, err);
}

/* Newest first through tickets_intent (intent, updated_at DESC, id). */
static const char sql_pending[] =
    "SELECT id FROM tickets WHERE intent IS NULL"
    " ORDER BY updated_at DESC, id LIMIT ?1";
static const char sql_pending_count[] =
    "SELECT count(*) FROM tickets WHERE intent IS NULL";

enum td_status
store_classify_pending(struct store *s, size_t max, int (*stop)(void *ctx),
                       void *ctx, size_t *done, int *more,
                       struct td_error *err)
{
    static const char op[] = "classify stored tickets";
    int64_t *ids = NULL;
    size_t n = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step, own_txn = 0;

    *done = 0;
    *more = 0;
    if (s->assist == NULL || max == 0)
        return TD_OK;
    if ((rc = db_stmt(s, sql_pending, op, &st, err)) != TD_OK)
        return rc;
    /* One more than asked: tells whether any are left. */
    sqlite3_bind_int64(st, 1, (sqlite3_int64)max + 1);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        ids = xreallocarray(ids, n + 1, sizeof *ids);
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    if (rc == TD_OK && n > max) {
        *more = 1;
        n = max;
    }
    if (rc == TD_OK && n > 0 && !s->in_txn) {
        if ((rc = store_begin(s, err)) == TD_OK)
            own_txn = 1;
    }
    for (size_t i = 0; i < n && rc == TD_OK; i++) {
        if (i > 0 && stop && stop(ctx)) {
            *more = 1;
            break;
        }
        rc = store_classify_ticket(s, ids[i], err);
        if (rc == TD_OK)
            (*done)++;
    }
    if (own_txn) {
        if (rc == TD_OK)
            rc = store_commit(s, err);
        else
            store_rollback(s);
        if (rc != TD_OK)
            *done = 0;
    }
    free(ids);
    return rc;
}

enum td_status
store_classify_count(struct store *s, int64_t *n, struct td_error *err)
{
    static const char op[] = "count unclassified tickets";
    sqlite3_stmt *st;
    enum td_status rc;

    *n = 0;
    if ((rc = db_stmt(s, sql_pending_count, op, &st, err)) != TD_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}
