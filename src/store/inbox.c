/* inbox.c: inbox pages, counts and positions in the order a query asks. */
#include "store/inbox.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/read.h"
#include "store/where.h"
#include "util/buf.h"

/* ---- sort orders ---- */

/*
 * Each sort is a list of keys ending in the id, so that the order is total
 * and pages never repeat or skip a ticket. The expressions and directions
 * are those of the tickets_* indexes of schema version 2 (sqlite matches
 * them textually), and reverse flips every key, which sqlite serves by
 * walking the same index backwards.
 */
struct sort_key {
    const char *expr;
    int desc;
};

/* Tickets with a due time first, soonest first; then the rest by update. */
static const struct sort_key keys_sla[] = {
    {"(t.sla_due IS NULL)", 0},
    {"t.sla_due", 0},
    {"t.updated_at", 1},
    {"t.id", 0},
    {NULL, 0},
};
static const struct sort_key keys_updated[] = {
    {"t.updated_at", 1},
    {"t.id", 0},
    {NULL, 0},
};
static const struct sort_key keys_created[] = {
    {"t.created_at", 1},
    {"t.id", 0},
    {NULL, 0},
};
static const struct sort_key keys_priority[] = {
    {"t.priority", 1},
    {"t.updated_at", 1},
    {"t.id", 0},
    {NULL, 0},
};
static const struct sort_key keys_id[] = {
    {"t.id", 0},
    {NULL, 0},
};

static const struct sort_key *
inbox_keys(const struct query *q)
{
    switch (q->sort) {
    case QS_UPDATED:
        return keys_updated;
    case QS_CREATED:
        return keys_created;
    case QS_PRIORITY:
        return keys_priority;
    case QS_ID:
        return keys_id;
    case QS_SLA:
    default:
        return keys_sla;
    }
}

static int
key_desc(const struct query *q, const struct sort_key *k)
{
    return k->desc ^ (q->reverse != 0);
}

static void
inbox_order(struct where *w, struct buf *b, const struct query *q)
{
    const struct sort_key *k = inbox_keys(q);

    where_add(w, b, " ORDER BY ");
    for (size_t i = 0; k[i].expr != NULL; i++)
        where_add(w, b, "%s%s %s", i ? ", " : "", k[i].expr,
                key_desc(q, &k[i]) ? "DESC" : "ASC");
}

/* The page query: the inner select finds the page's ids by walking the
 * sort index (skipping offset rows costs an index step each, not a table
 * row and two joins each); the outer one fetches only those rows. */
static void
inbox_page_sql(struct where *w, struct buf *sql, const struct query *q)
{
    where_add(w, sql,
            "SELECT " READ_TICKET_COLS " FROM (SELECT t.id AS pid FROM "
            "tickets t WHERE %s",
            buf_str(&w->sql));
    inbox_order(w, sql, q);
    where_add(w, sql, " LIMIT ?%zu OFFSET ?%zu) AS p JOIN tickets t ON "
                    "t.id = p.pid" READ_TICKET_JOINS,
            w->n_args + 1, w->n_args + 2);
    inbox_order(w, sql, q);
}

/* Compile q and prepare the statement that wraps its WHERE clause as
 * make_sql says; the WHERE arguments are bound. */
static enum td_status
inbox_prepare(struct store *s, const struct query *q, const char *op,
              void (*make_sql)(struct where *, struct buf *,
                               const struct query *),
              const char *prefix, struct where *w, sqlite3_stmt **st,
              struct td_error *err)
{
    struct buf sql;
    enum td_status rc;

    *st = NULL;
    if ((rc = where_compile(q, w, err)) != TD_OK)
        return rc;
    buf_init(&sql, WHERE_SQL_MAX);
    where_add(w, &sql, "%s", prefix);
    make_sql(w, &sql, q);
    if (w->overflow)
        rc = td_error_set(err, TD_ETOOBIG, "store: %s: query too long", op);
    else if (sqlite3_prepare_v2(s->db, buf_str(&sql), -1, st, NULL) !=
                 SQLITE_OK ||
             where_bind(*st, w) != SQLITE_OK)
        rc = db_fail(s, err, op);
    buf_free(&sql);
    if (rc != TD_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
        where_free(w);
    }
    return rc;
}

enum td_status
store_inbox_page(struct store *s, const struct query *q, size_t offset,
                 size_t n, struct ticket *rows, size_t *got,
                 struct td_error *err)
{
    static const char op[] = "inbox page";
    struct where w;
    sqlite3_stmt *st;
    enum td_status rc;
    size_t k = 0;
    int step = SQLITE_DONE;

    *got = 0;
    if (n == 0)
        return TD_OK;
    rc = inbox_prepare(s, q, op, inbox_page_sql, "", &w, &st, err);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, (int)w.n_args + 1,
                       n > INT64_MAX ? INT64_MAX : (sqlite3_int64)n);
    sqlite3_bind_int64(st, (int)w.n_args + 2,
                       offset > INT64_MAX ? INT64_MAX
                                          : (sqlite3_int64)offset);
    while (k < n && (step = sqlite3_step(st)) == SQLITE_ROW) {
        memset(&rows[k], 0, sizeof rows[k]);
        read_ticket_row(st, &rows[k++]);
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_finalize(st);
    where_free(&w);
    for (size_t i = 0; i < k && rc == TD_OK; i++)
        rc = read_tags(s, &rows[i], err);
    if (rc != TD_OK) {
        for (size_t i = 0; i < k; i++)
            ticket_clear(&rows[i]);
        return rc;
    }
    *got = k;
    return TD_OK;
}

enum td_status
store_inbox_explain(struct store *s, const struct query *q, char **plan,
                    struct td_error *err)
{
    static const char op[] = "explain inbox";
    struct where w;
    struct buf out;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *plan = NULL;
    rc = inbox_prepare(s, q, op, inbox_page_sql, "EXPLAIN QUERY PLAN ", &w,
                       &st, err);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int(st, (int)w.n_args + 1, 50);
    sqlite3_bind_int(st, (int)w.n_args + 2, 0);
    buf_init(&out, 0);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        buf_printf(&out, "%s\n", (const char *)sqlite3_column_text(st, 3));
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_finalize(st);
    where_free(&w);
    if (rc != TD_OK) {
        buf_free(&out);
        return rc;
    }
    *plan = buf_detach(&out);
    return TD_OK;
}

static void
inbox_count_sql(struct where *w, struct buf *sql, const struct query *q)
{
    (void)q;
    where_add(w, sql, "SELECT count(*) FROM tickets t WHERE %s",
            buf_str(&w->sql));
}

/* Run a statement that gives one integer. */
static enum td_status
inbox_one_int(struct store *s, sqlite3_stmt *st, const char *op,
              int64_t *v, struct td_error *err)
{
    int step = sqlite3_step(st);

    if (step == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        return TD_OK;
    }
    if (step == SQLITE_DONE)
        return td_error_set(err, TD_EIO, "store: %s: no result", op);
    return db_fail(s, err, op);
}

enum td_status
store_inbox_count(struct store *s, const struct query *q, int64_t *count,
                  struct td_error *err)
{
    static const char op[] = "inbox count";
    struct where w;
    sqlite3_stmt *st;
    enum td_status rc;

    *count = 0;
    rc = inbox_prepare(s, q, op, inbox_count_sql, "", &w, &st, err);
    if (rc != TD_OK)
        return rc;
    rc = inbox_one_int(s, st, op, count, err);
    sqlite3_finalize(st);
    where_free(&w);
    return rc;
}

/* The sort keys of one ticket, if the query matches it: ?N+1 is its id. */
static void
inbox_keys_sql(struct where *w, struct buf *sql, const struct query *q)
{
    const struct sort_key *k = inbox_keys(q);

    where_add(w, sql, "SELECT ");
    for (size_t i = 0; k[i].expr != NULL; i++)
        where_add(w, sql, "%s%s", i ? ", " : "", k[i].expr);
    where_add(w, sql, " FROM tickets t WHERE %s AND t.id = ?%zu",
            buf_str(&w->sql), w->n_args + 1);
}

/* How many matching tickets sort before the one whose keys are bound at
 * ?N+1..: key 0 before, or key 0 equal and key 1 before, and so on. IS
 * rather than = so that two missing due times are equal. */
static void
inbox_before_sql(struct where *w, struct buf *sql, const struct query *q)
{
    const struct sort_key *k = inbox_keys(q);
    size_t base = w->n_args + 1;

    where_add(w, sql, "SELECT count(*) FROM tickets t WHERE %s AND (",
            buf_str(&w->sql));
    for (size_t i = 0; k[i].expr != NULL; i++) {
        where_add(w, sql, "%s(", i ? " OR " : "");
        for (size_t j = 0; j < i; j++)
            where_add(w, sql, "%s IS ?%zu AND ", k[j].expr, base + j);
        where_add(w, sql, "%s %s ?%zu)", k[i].expr,
                key_desc(q, &k[i]) ? ">" : "<", base + i);
    }
    where_add(w, sql, ")");
}

enum td_status
store_inbox_position(struct store *s, const struct query *q, int64_t id,
                     int64_t *pos, struct td_error *err)
{
    static const char op[] = "inbox position";
    sqlite3_value *vals[8] = {NULL};
    struct where w;
    sqlite3_stmt *st;
    enum td_status rc;
    int step, nk = 0;

    *pos = -1;
    rc = inbox_prepare(s, q, op, inbox_keys_sql, "", &w, &st, err);
    if (rc != TD_OK)
        return rc;
    sqlite3_bind_int64(st, (int)w.n_args + 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        nk = sqlite3_column_count(st);
        for (int i = 0; i < nk && i < 8; i++)
            vals[i] = sqlite3_value_dup(sqlite3_column_value(st, i));
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_finalize(st);
    where_free(&w);
    if (rc != TD_OK || step == SQLITE_DONE)
        goto out;
    rc = inbox_prepare(s, q, op, inbox_before_sql, "", &w, &st, err);
    if (rc != TD_OK)
        goto out;
    for (int i = 0; i < nk && i < 8; i++)
        sqlite3_bind_value(st, (int)w.n_args + 1 + i, vals[i]);
    rc = inbox_one_int(s, st, op, pos, err);
    sqlite3_finalize(st);
    where_free(&w);
out:
    for (int i = 0; i < 8; i++)
        sqlite3_value_free(vals[i]);
    return rc;
}

static const char sql_status_counts[] =
    "SELECT status, count(*) FROM tickets GROUP BY status";

enum td_status
store_status_counts(struct store *s, int64_t counts[TS_COUNT],
                    struct td_error *err)
{
    static const char op[] = "count statuses";
    sqlite3_stmt *st;
    enum td_status rc;
    int step, i;

    for (i = 0; i < TS_COUNT; i++)
        counts[i] = 0;
    if ((rc = db_stmt(s, sql_status_counts, op, &st, err)) != TD_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        i = ticket_status_from_name((const char *)sqlite3_column_text(st, 0));
        if (i >= 0)
            counts[i] += sqlite3_column_int64(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}
