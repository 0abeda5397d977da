/* sla.c (store): tickets.sla_due, computed from the policies in C, kept in SQL. */
#include "store/sla.h"

#include <stdlib.h>
#include <string.h>

#include "core/sla.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * The due time depends on business hours, zones and holidays, which SQL
 * cannot count; the store keeps the result in tickets.sla_due so that
 * the inbox sorts and filters by it with an index. It changes only when
 * the ticket does (its upserts call sla_refresh_ticket) or the policies
 * do (store_sla_apply), never with the passing of time: the countdown is
 * sla_due - now, worked out when drawn.
 */

#define SLA_FACT_COLS                                                      \
    "t.id, a.name, t.priority, t.channel, t.status, t.created_at,"        \
    " t.first_reply_at, t.agent_at, t.customer_at,"                        \
    " ifnull(t.first_response_due, 0), ifnull(t.next_response_due, 0),"  \
    " ifnull(t.sla_due, 0), t.sla_source"                                  \
    " FROM tickets t LEFT JOIN accounts a ON a.id = t.account_id"

static const char sql_one[] = "SELECT " SLA_FACT_COLS " WHERE t.id = ?1";
/* Every ticket that may owe something, or did. */
static const char sql_all[] =
    "SELECT " SLA_FACT_COLS " WHERE t.status IN ('new', 'open')"
    " OR t.sla_due IS NOT NULL";
static const char sql_set[] =
    "UPDATE tickets SET sla_due = ?2, sla_source = ?3 WHERE id = ?1";
static const char sql_meta_get[] =
    "SELECT value FROM meta WHERE key = 'sla_policies'";
static const char sql_meta_set[] =
    "INSERT INTO meta(key, value) VALUES('sla_policies', ?1) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";

/* Work out one row of SLA_FACT_COLS; 1 if sla_due or sla_source must
 * change, with the new values in *r. */
static int
sla_row(struct store *s, sqlite3_stmt *st, struct sla_result *r)
{
    struct sla_facts f;
    const char *old_src = (const char *)sqlite3_column_text(st, 12);
    int prio = sqlite3_column_int(st, 2), k;

    memset(&f, 0, sizeof f);
    f.account = (const char *)sqlite3_column_text(st, 1);
    f.priority = prio < 0 ? TP_LOW : prio >= TP_COUNT ? TP_URGENT
                 : (enum ticket_priority)prio;
    k = channel_from_name((const char *)sqlite3_column_text(st, 3));
    f.channel = k < 0 ? CH_OTHER : (enum channel)k;
    k = ticket_status_from_name((const char *)sqlite3_column_text(st, 4));
    f.status = k < 0 ? TS_OPEN : (enum ticket_status)k;
    f.created_at = (time_t)sqlite3_column_int64(st, 5);
    f.first_reply_at = (time_t)sqlite3_column_int64(st, 6);
    f.agent_at = (time_t)sqlite3_column_int64(st, 7);
    f.customer_at = (time_t)sqlite3_column_int64(st, 8);
    f.backend_first_due = (time_t)sqlite3_column_int64(st, 9);
    f.backend_next_due = (time_t)sqlite3_column_int64(st, 10);
    sla_ticket_due(s->sla, &f, r);
    if (r->due == 0)
        r->source = NULL;
    return (time_t)sqlite3_column_int64(st, 11) != r->due ||
           (old_src == NULL) != (r->source == NULL) ||
           (old_src && r->source && strcmp(old_src, r->source) != 0);
}

static enum td_status
sla_write(struct store *s, int64_t id, const struct sla_result *r,
          struct td_error *err)
{
    static const char op[] = "update SLA due time";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_set, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (db_bind_time(st, 2, r->due) | db_bind_str(st, 3, r->source)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

enum td_status
sla_refresh_ticket(struct store *s, int64_t id, struct td_error *err)
{
    static const char op[] = "read SLA facts";
    struct sla_result r;
    sqlite3_stmt *st;
    enum td_status rc;
    int step, change = 0;

    /* A file kept at an older version (tests build them) has no clock
     * columns: its writes are those of the ttydesk that made it. */
    if (s->version < 5)
        return TD_OK;
    if ((rc = db_stmt(s, sql_one, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        change = sla_row(s, st, &r);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    if (rc == TD_OK && change)
        rc = sla_write(s, id, &r, err);
    return rc;
}

/* Recompute every ticket that may owe a reply. The changes are collected
 * first and written after the read ends: one statement each, inside the
 * caller's savepoint. */
static enum td_status
sla_refresh_all(struct store *s, struct td_error *err)
{
    static const char op[] = "recompute SLA due times";
    struct change {
        int64_t id;
        struct sla_result r;
    } *ch = NULL;
    size_t n = 0, cap = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_all, op, &st, err)) != TD_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct sla_result r;

        if (!sla_row(s, st, &r))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            ch = xreallocarray(ch, cap, sizeof *ch);
        }
        ch[n].id = sqlite3_column_int64(st, 0);
        ch[n].r = r;
        n++;
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    /* source points into s->sla (a policy name) or a literal: both
     * outlive this loop. */
    for (size_t i = 0; i < n && rc == TD_OK; i++)
        rc = sla_write(s, ch[i].id, &ch[i].r, err);
    free(ch);
    return rc;
}

static enum td_status
sla_meta(struct store *s, char **value, struct td_error *err)
{
    static const char op[] = "read SLA policies";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *value = NULL;
    if ((rc = db_stmt(s, sql_meta_get, op, &st, err)) != TD_OK)
        return rc;
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *value = db_col_str(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_sla_apply(struct store *s, const struct sla_book *b,
                struct td_error *err)
{
    static const char op[] = "record SLA policies";
    struct buf dump;
    char *old = NULL;
    sqlite3_stmt *st;
    enum td_status rc;

    s->sla = b;
    buf_init(&dump, 0);
    /* The version of the rules in this file, then the policies. */
    buf_adds(&dump, "# sla 1\n");
    sla_book_dump(b, &dump);
    if ((rc = sla_meta(s, &old, err)) != TD_OK ||
        (old && strcmp(old, buf_str(&dump)) == 0))
        goto out;
    if ((rc = db_savepoint(s, err)) != TD_OK)
        goto out;
    rc = sla_refresh_all(s, err);
    if (rc == TD_OK)
        rc = db_stmt(s, sql_meta_set, op, &st, err);
    if (rc == TD_OK) {
        if (db_bind_str(st, 1, buf_str(&dump)) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    rc = db_savepoint_end(s, rc, err);
out:
    free(old);
    buf_free(&dump);
    return rc;
}

/* The index tickets_sla_due leads with (sla_due IS NULL): the same term,
 * written the same way, lets sqlite seek in it. */
static const char sql_next[] =
    "SELECT sla_due FROM tickets WHERE (sla_due IS NULL) = 0"
    " AND sla_due >= ?1 ORDER BY (sla_due IS NULL), sla_due LIMIT 1";

enum td_status
store_sla_next(struct store *s, time_t after, time_t *due,
               struct td_error *err)
{
    static const char op[] = "next SLA due time";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *due = 0;
    if ((rc = db_stmt(s, sql_next, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)after);
    if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *due = (time_t)sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}
