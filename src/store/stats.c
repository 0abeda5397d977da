/* stats.c: after-sales statistics computed in SQL over the store. */
#include "store/stats.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/where.h"
#include "util/buf.h"
#include "util/tzspan.h"
#include "util/xmalloc.h"

/*
 * The tickets the query and range select are copied, a few columns each,
 * into the temporary table st_t with their local day, hour and weekday
 * already worked out (the zone's offsets become a CASE over the DST
 * changes in the range, see tzspan.c), their destination country and
 * first-response time. st_link holds their linked orders, st_s the
 * parcels looked at. Every table is then one GROUP BY over those, so the
 * tickets table is read once whatever the number of charts. Temporary
 * tables live in the connection's own temp database: nothing is written
 * to the store's file.
 *
 * Percentiles are nearest-rank: p50 of n values is the value of rank
 * ceil(n * 50 / 100) in ascending order, found with row_number().
 */

#define STATS_DAYS_MAX 1000     /* daily rows at most (older days cut) */
#define STATS_TOP 50            /* rows of the per-SKU, per-agent tables */
#define STATS_LANES 30

/* Intents that are complaints about the product or its delivery. */
#define STATS_COMPLAINTS                                                    \
    "('damaged_defective', 'wrong_item', 'complaint', 'return_refund')"

static const struct stats_def defs[STATS_COUNT] = {
    [STATS_SUMMARY] = {
        .name = "summary", .section = "summary", .title = "Summary",
        .key = "scope", .n_vals = 7,
        .vals = {"tickets", "answered", "frt_p50_s", "frt_p90_s",
                 "sla_due", "sla_breached", "unsolved"},
        .units = {SU_COUNT, SU_COUNT, SU_SECONDS, SU_SECONDS, SU_COUNT,
                  SU_COUNT, SU_COUNT},
    },
    [STATS_VOLUME_DAY] = {
        .name = "volume_day", .section = "volume",
        .title = "Tickets per day", .key = "day", .n_vals = 1,
        .vals = {"tickets"},
    },
    [STATS_VOLUME_HOUR] = {
        .name = "volume_hour", .section = "volume",
        .title = "Tickets by hour of day", .key = "hour", .n_vals = 1,
        .vals = {"tickets"},
    },
    [STATS_VOLUME_CHANNEL] = {
        .name = "volume_channel", .section = "volume",
        .title = "Tickets by channel", .key = "channel", .n_vals = 1,
        .vals = {"tickets"},
    },
    [STATS_VOLUME_LANGUAGE] = {
        .name = "volume_language", .section = "volume",
        .title = "Tickets by language", .key = "language", .n_vals = 1,
        .vals = {"tickets"},
    },
    [STATS_VOLUME_COUNTRY] = {
        .name = "volume_country", .section = "volume",
        .title = "Tickets by destination country", .key = "country",
        .n_vals = 1, .vals = {"tickets"},
    },
    [STATS_VOLUME_INTENT] = {
        .name = "volume_intent", .section = "volume",
        .title = "Tickets by intent", .key = "intent", .n_vals = 1,
        .vals = {"tickets"},
    },
    [STATS_PRODUCT_SKU] = {
        .name = "product_sku", .section = "products",
        .title = "Tickets and complaints per SKU", .key = "sku",
        .key2 = "product", .n_vals = 2, .vals = {"tickets", "complaints"},
    },
    [STATS_PRODUCT_NAME] = {
        .name = "product_name", .section = "products",
        .title = "Tickets and complaints per product", .key = "product",
        .n_vals = 2, .vals = {"tickets", "complaints"},
    },
    [STATS_PRODUCT_RETURNS] = {
        .name = "product_returns", .section = "products",
        .title = "Return and refund rate per SKU", .key = "sku",
        .n_vals = 3, .vals = {"orders", "returned", "rate"},
        .units = {SU_COUNT, SU_COUNT, SU_SHARE}, .bar = 2,
    },
    [STATS_PRODUCT_DAMAGE] = {
        .name = "product_damage", .section = "products",
        .title = "Damaged/defective and wrong-item tickets per SKU",
        .key = "sku", .n_vals = 3,
        .vals = {"tickets", "damaged_defective", "wrong_item"},
    },
    [STATS_SHIP_CARRIER] = {
        .name = "ship_carrier", .section = "logistics",
        .title = "Parcels per carrier", .key = "carrier", .n_vals = 8,
        .vals = {"parcels", "delivered", "transit_p50_d", "transit_p90_d",
                 "stuck", "exception", "customs", "returned"},
        .units = {SU_COUNT, SU_COUNT, SU_DAYS, SU_DAYS, SU_SHARE, SU_SHARE,
                  SU_SHARE, SU_SHARE},
        .bar = 3,
    },
    [STATS_SHIP_COUNTRY] = {
        .name = "ship_country", .section = "logistics",
        .title = "Parcels per destination country", .key = "country",
        .n_vals = 8,
        .vals = {"parcels", "delivered", "transit_p50_d", "transit_p90_d",
                 "stuck", "exception", "customs", "returned"},
        .units = {SU_COUNT, SU_COUNT, SU_DAYS, SU_DAYS, SU_SHARE, SU_SHARE,
                  SU_SHARE, SU_SHARE},
        .bar = 3,
    },
    [STATS_SHIP_LANE] = {
        .name = "ship_lane", .section = "logistics",
        .title = "Worst lanes (carrier to country)", .key = "carrier",
        .key2 = "country", .n_vals = 8,
        .vals = {"parcels", "problems", "transit_p50_d", "transit_p90_d",
                 "stuck", "exception", "customs", "returned"},
        .units = {SU_COUNT, SU_SHARE, SU_DAYS, SU_DAYS, SU_SHARE, SU_SHARE,
                  SU_SHARE, SU_SHARE},
        .bar = 1,
    },
    [STATS_FRT_CHANNEL] = {
        .name = "frt_channel", .section = "service",
        .title = "First response by channel", .key = "channel",
        .n_vals = 4, .vals = {"tickets", "answered", "frt_p50_s",
                              "frt_p90_s"},
        .units = {SU_COUNT, SU_COUNT, SU_SECONDS, SU_SECONDS}, .bar = 2,
    },
    [STATS_FRT_HOUR] = {
        .name = "frt_hour", .section = "service",
        .title = "First response by hour of day", .key = "hour",
        .n_vals = 4, .vals = {"tickets", "answered", "frt_p50_s",
                              "frt_p90_s"},
        .units = {SU_COUNT, SU_COUNT, SU_SECONDS, SU_SECONDS}, .bar = 2,
    },
    [STATS_FRT_AGENT] = {
        .name = "frt_agent", .section = "service",
        .title = "First response by agent", .key = "agent", .n_vals = 4,
        .vals = {"tickets", "answered", "frt_p50_s", "frt_p90_s"},
        .units = {SU_COUNT, SU_COUNT, SU_SECONDS, SU_SECONDS}, .bar = 2,
    },
    [STATS_SLA] = {
        .name = "sla", .section = "service",
        .title = "First-response SLA breaches", .key = "channel",
        .n_vals = 5,
        .vals = {"with_due", "breached", "late_reply", "overdue_unanswered",
                 "share"},
        .units = {SU_COUNT, SU_COUNT, SU_COUNT, SU_COUNT, SU_SHARE},
        .bar = 4,
    },
    [STATS_BACKLOG] = {
        .name = "backlog_age", .section = "service",
        .title = "Backlog by age (unsolved now)", .key = "age",
        .n_vals = 1, .vals = {"tickets"},
    },
    [STATS_HEATMAP] = {
        .name = "heatmap", .section = "service",
        .title = "Tickets by weekday and hour", .key = "weekday",
        .key2 = "hour", .n_vals = 1, .vals = {"tickets"},
    },
};

static const char *const weekdays[7] = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

/* Backlog buckets: age in [lo, hi) seconds; hi 0 = no bound. */
static const struct {
    const char *name;
    int64_t lo;
    int64_t hi;
} backlog_buckets[] = {
    { "<1h", 0, 3600 },
    { "1-4h", 3600, 4 * 3600 },
    { "4-24h", 4 * 3600, 86400 },
    { "1-3d", 86400, 3 * 86400 },
    { "3-7d", 3 * 86400, 7 * 86400 },
    { "7-30d", 7 * 86400, 30 * 86400 },
    { ">30d", 30 * 86400, 0 },
};

#define N_BUCKETS (sizeof backlog_buckets / sizeof backlog_buckets[0])

/* The work of one computation. */
struct sctx {
    struct store *s;
    struct stats *st;
    struct tz_span *spans;
    size_t n_spans;
    time_t now;
    int64_t stuck_secs;
    int scoped;             /* the query has terms: orders and parcels
                               come from the tickets' links only */
    struct td_error *err;
};

const struct stats_def *
stats_def(enum stats_id id)
{
    return (unsigned)id < STATS_COUNT ? &defs[id] : NULL;
}

/* ---- small helpers ---- */

static enum td_status
sx_exec(struct sctx *c, const char *sql)
{
    return db_exec(c->s, sql, "statistics", c->err);
}

/* Prepare sql and bind args as ?1.. (after any where arguments). */
static enum td_status
sx_prepare(struct sctx *c, const char *sql, const int64_t *args,
           size_t n_args, int first, sqlite3_stmt **st)
{
    if (sqlite3_prepare_v2(c->s->db, sql, -1, st, NULL) != SQLITE_OK)
        return db_fail(c->s, c->err, "statistics");
    for (size_t i = 0; i < n_args; i++)
        sqlite3_bind_int64(*st, first + (int)i, args[i]);
    return TD_OK;
}

static struct stats_row *
row_add(struct stats_table *tb)
{
    struct stats_row *r;

    tb->rows = xreallocarray(tb->rows, tb->n + 1, sizeof *tb->rows);
    r = &tb->rows[tb->n++];
    memset(r, 0, sizeof *r);
    for (int i = 0; i < STATS_NV; i++)
        r->v[i] = NAN;
    return r;
}

/* Run sql and append a row per result row: the key, the second key when
 * the table has one, then its values (NULL = NAN). */
static enum td_status
sx_fill(struct sctx *c, enum stats_id id, const char *sql,
        const int64_t *args, size_t n_args)
{
    struct stats_table *tb = &c->st->t[id];
    sqlite3_stmt *st;
    struct stats_row *r;
    enum td_status rc;
    int step, col;

    if ((rc = sx_prepare(c, sql, args, n_args, 1, &st)) != TD_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        r = row_add(tb);
        r->key = db_col_str(st, 0);
        col = 1;
        if (tb->def->key2)
            r->key2 = db_col_str(st, col++);
        for (int i = 0; i < tb->def->n_vals; i++, col++) {
            if (sqlite3_column_type(st, col) != SQLITE_NULL)
                r->v[i] = sqlite3_column_double(st, col);
        }
    }
    if (step != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics");
    sqlite3_finalize(st);
    return rc;
}

/* The UTC time at which local time `local` (seconds, the zone's wall
 * clock read as if UTC) begins: inverts the offsets. In a gap (clocks
 * moved forward over it) it is the first instant after. */
static int64_t
sx_utc_of_local(const struct sctx *c, int64_t local)
{
    for (size_t i = 0; i < c->n_spans; i++) {
        int64_t u = local - c->spans[i].offset;
        int64_t end = i + 1 < c->n_spans ? c->spans[i + 1].start : INT64_MAX;

        if ((i == 0 || u >= c->spans[i].start) && u < end)
            return u;
    }
    for (size_t i = 1; i < c->n_spans; i++) {
        if (c->spans[i].start + c->spans[i].offset > local)
            return c->spans[i].start;
    }
    return local - (c->n_spans ? c->spans[c->n_spans - 1].offset : 0);
}

static int32_t
sx_offset_at(const struct sctx *c, int64_t t)
{
    int32_t off = c->n_spans ? c->spans[0].offset : 0;

    for (size_t i = 1; i < c->n_spans && c->spans[i].start <= t; i++)
        off = c->spans[i].offset;
    return off;
}

/* t as ISO 8601 in the team's zone, with its offset: 2026-11-20T00:00+01:00
 * (seconds only when they are not zero). */
static void
sx_iso(const struct sctx *c, int64_t t, struct buf *out)
{
    int32_t off = sx_offset_at(c, t);
    time_t l = (time_t)(t + off);
    struct tm tm;
    char date[40];
    int a = off < 0 ? -off : off;

    gmtime_r(&l, &tm);
    strftime(date, sizeof date, tm.tm_sec ? "%Y-%m-%dT%H:%M:%S"
             : "%Y-%m-%dT%H:%M", &tm);
    if (off == 0)
        buf_printf(out, "%sZ", date);
    else
        buf_printf(out, "%s%c%02d:%02d", date, off < 0 ? '-' : '+',
                   a / 3600, a / 60 % 60);
}

/* "created>A created<B" for [a, b); either bound may be 0 (none). */
static char *
sx_created_terms(const struct sctx *c, int64_t a, int64_t b)
{
    struct buf t;

    buf_init(&t, 0);
    if (a) {
        buf_adds(&t, "created>");
        sx_iso(c, a, &t);
    }
    if (b) {
        buf_adds(&t, a ? " created<" : "created<");
        sx_iso(c, b, &t);
    }
    return buf_detach(&t);
}

/* field:value as the query language reads it back: quoted when it holds
 * a space or a quote; NULL when it cannot be said (a comma would split
 * it into a list). */
static char *
sx_term(const char *field, const char *value)
{
    struct buf b;
    int quote = 0;

    if (value == NULL || *value == '\0' || strchr(value, ','))
        return NULL;
    for (const char *p = value; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return NULL;
        if (*p == ' ' || *p == '"' || *p == '\'' || *p == '\\')
            quote = 1;
    }
    buf_init(&b, 0);
    buf_printf(&b, "%s:", field);
    if (quote)
        buf_addc(&b, '"');
    for (const char *p = value; *p; p++) {
        if (quote && (*p == '"' || *p == '\\'))
            buf_addc(&b, '\\');
        buf_addc(&b, *p);
    }
    if (quote)
        buf_addc(&b, '"');
    return buf_detach(&b);
}

static void
sx_drill_field(struct stats_table *tb, const char *field)
{
    for (size_t i = 0; i < tb->n; i++)
        tb->rows[i].drill = sx_term(field, tb->rows[i].key);
}

/* ---- the working tables ---- */

/* st_t: the selected tickets. Arguments: the where clause's, then the
 * range. */
static enum td_status
sx_tickets(struct sctx *c, const struct query *q, time_t from, time_t to)
{
    struct where w;
    struct buf sql, local;
    sqlite3_stmt *st = NULL;
    enum td_status rc;
    int64_t range[2] = { (int64_t)from, to ? (int64_t)to : INT64_MAX };
    int step;

    if ((rc = where_compile(q, &w, c->err)) != TD_OK)
        return rc;
    buf_init(&sql, 0);
    buf_init(&local, 0);
    tz_sql_local(&local, "t.created_at", c->spans, c->n_spans);
    buf_printf(&sql,
        "CREATE TEMP TABLE st_t AS SELECT t.id AS id,"
        " t.account_id AS account_id, t.requester_id AS requester_id,"
        " t.created_at AS created, %s AS lt, t.channel AS channel,"
        " lower(CASE WHEN instr(t.language, '-') > 1 THEN"
        "  substr(t.language, 1, instr(t.language, '-') - 1)"
        "  ELSE nullif(t.language, '') END) AS lang,"
        " nullif(t.intent, '') AS intent,"
        " nullif(t.assignee, '') AS assignee, t.status AS status,"
        " CASE WHEN t.first_reply_at > 0 THEN"
        "  max(t.first_reply_at - t.created_at, 0) END AS frt,"
        " t.first_reply_at AS replied, t.first_response_due AS due,"
        " CAST(NULL AS TEXT) AS dest"
        " FROM tickets t WHERE (%s) AND t.created_at >= ?%zu"
        " AND t.created_at < ?%zu",
        buf_str(&local), buf_str(&w.sql), w.n_args + 1, w.n_args + 2);
    if (sqlite3_prepare_v2(c->s->db, buf_str(&sql), -1, &st, NULL) !=
        SQLITE_OK) {
        rc = db_fail(c->s, c->err, "statistics: select tickets");
        goto out;
    }
    where_bind(st, &w);
    sqlite3_bind_int64(st, (int)w.n_args + 1, range[0]);
    sqlite3_bind_int64(st, (int)w.n_args + 2, range[1]);
    if ((step = sqlite3_step(st)) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: select tickets");
out:
    sqlite3_finalize(st);
    buf_free(&sql);
    buf_free(&local);
    where_free(&w);
    return rc;
}

/* st_link: the orders of st_t's tickets, found as WHERE_LINKED_ORDERS
 * finds them but for all tickets in one pass; then each ticket's
 * destination as WHERE_SHIPTO says it. */
static const char sql_links[] =
    "CREATE TEMP TABLE st_link (ticket_id INTEGER NOT NULL,"
    " order_id INTEGER NOT NULL, PRIMARY KEY (ticket_id, order_id))"
    " WITHOUT ROWID;"
    "INSERT OR IGNORE INTO st_link SELECT t.id, x.id FROM st_t t"
    " JOIN customers c ON c.id = t.requester_id JOIN orders x"
    " ON x.account_id = t.account_id AND x.customer_ext_id = c.external_id;"
    "INSERT OR IGNORE INTO st_link SELECT t.id, x.id FROM st_t t"
    " JOIN customers c ON c.id = t.requester_id JOIN orders x"
    " ON x.account_id = t.account_id"
    " AND x.customer_email = c.email COLLATE NOCASE WHERE c.email <> '';"
    "INSERT OR IGNORE INTO st_link SELECT t.id, x.id FROM st_t t"
    " JOIN ticket_orders k ON k.ticket_id = t.id JOIN orders x"
    " ON x.account_id = t.account_id AND (x.external_id = k.order_ref"
    " OR ltrim(x.number, '#') = ltrim(k.order_ref, '#') COLLATE NOCASE);"
    "CREATE INDEX temp.st_t_id ON st_t(id);"
    "UPDATE st_t SET dest = upper(coalesce("
    " (SELECT o.ship_country FROM st_link l JOIN orders o ON o.id ="
    "  l.order_id WHERE l.ticket_id = st_t.id AND o.ship_country <> ''"
    "  ORDER BY o.created_at DESC, o.id DESC LIMIT 1),"
    " (SELECT nullif(c.country, '') FROM customers c"
    "  WHERE c.id = st_t.requester_id)))";

/* st_o: the orders looked at, with whether each came back or was
 * refunded; st_s: the parcels, with their times and states. */
static enum td_status
sx_orders(struct sctx *c, time_t from, time_t to)
{
    char sql[2048];
    sqlite3_stmt *st;
    enum td_status rc;
    int64_t args[4] = { (int64_t)from, to ? (int64_t)to : INT64_MAX,
                        (int64_t)c->now - c->stuck_secs };

    snprintf(sql, sizeof sql,
        "CREATE TEMP TABLE st_o AS SELECT o.id AS id,"
        " upper(nullif(o.ship_country, '')) AS dest, o.created_at AS created,"
        " (lower(ifnull(o.financial_status, '')) LIKE '%%refund%%'"
        "  OR lower(ifnull(o.status, '')) LIKE '%%return%%'"
        "  OR lower(ifnull(o.status, '')) LIKE '%%refund%%'"
        "  OR EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id"
        "   AND s.status = 'returning')) AS returned"
        " FROM orders o WHERE %s",
        c->scoped ? "o.id IN (SELECT order_id FROM st_link)"
                  : "o.created_at >= ?1 AND o.created_at < ?2");
    if ((rc = sx_prepare(c, sql, args, c->scoped ? 0 : 2, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: orders");
    sqlite3_finalize(st);
    if (rc != TD_OK)
        return rc;
    /* A parcel starts at its first checkpoint (its order's time when it
     * has none); it is stuck when it is not delivered, not coming back
     * and has had no checkpoint since the cut-off. */
    snprintf(sql, sizeof sql,
        "CREATE TEMP TABLE st_s AS SELECT id, carrier, dest, status,"
        " CASE WHEN delivered > 0 AND first > 0 AND delivered >= first THEN"
        "  (delivered - first) / 86400.0 END AS days,"
        " (status NOT IN ('delivered', 'returning', 'expired')"
        "  AND coalesce(last, created, 0) < ?3) AS stuck,"
        " (status = 'exception') AS exc, (status = 'customs') AS customs,"
        " (status = 'returning' OR ret) AS ret FROM ("
        " SELECT s.id AS id, nullif(s.carrier, '') AS carrier,"
        "  upper(nullif(o.ship_country, '')) AS dest, s.status AS status,"
        "  o.created_at AS created,"
        "  (SELECT min(e.time) FROM shipment_events e WHERE"
        "   e.shipment_id = s.id AND e.time > 0) AS first,"
        "  (SELECT max(e.time) FROM shipment_events e WHERE"
        "   e.shipment_id = s.id AND e.time > 0) AS last,"
        "  (SELECT min(e.time) FROM shipment_events e WHERE"
        "   e.shipment_id = s.id AND e.status = 'delivered'"
        "   AND e.time > 0) AS delivered,"
        "  EXISTS (SELECT 1 FROM shipment_events e WHERE"
        "   e.shipment_id = s.id AND e.status = 'returning') AS ret"
        " FROM shipments s LEFT JOIN orders o ON o.id = s.order_id"
        " WHERE %s)",
        c->scoped ? "s.order_id IN (SELECT order_id FROM st_link)"
                  : "1");
    if ((rc = sx_prepare(c, sql, args, 3, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: parcels");
    sqlite3_finalize(st);
    if (rc != TD_OK || c->scoped)
        return rc;
    /* Unscoped: the parcels that started in the range. */
    snprintf(sql, sizeof sql,
        "DELETE FROM st_s WHERE id NOT IN (SELECT s.id FROM shipments s"
        " LEFT JOIN orders o ON o.id = s.order_id WHERE coalesce((SELECT"
        " min(e.time) FROM shipment_events e WHERE e.shipment_id = s.id"
        " AND e.time > 0), o.created_at, 0) BETWEEN ?1 AND ?2 - 1)");
    if ((rc = sx_prepare(c, sql, args, 2, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: parcels");
    sqlite3_finalize(st);
    return rc;
}

/* ---- the tables ---- */

/* Percentiles of v per group g of an inner query "SELECT g, v, ..." with
 * extra aggregate columns `aggs` over the same rows. */
static void
sx_pct_sql(char *out, size_t n, const char *inner, const char *aggs,
           const char *order, int limit)
{
    snprintf(out, n,
        "WITH r AS (SELECT *, row_number() OVER (PARTITION BY g, v IS NULL"
        " ORDER BY v) AS rn, count(v) OVER (PARTITION BY g) AS nv"
        " FROM (%s)) SELECT g%s,"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 50 + 99) / 100"
        "  THEN v END),"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 90 + 99) / 100"
        "  THEN v END)"
        " FROM r GROUP BY g ORDER BY %s LIMIT %d",
        inner, aggs, order, limit);
}

static enum td_status
sx_volume(struct sctx *c)
{
    static const struct {
        enum stats_id id;
        const char *col;
        const char *field;
    } dims[] = {
        { STATS_VOLUME_CHANNEL, "channel", "channel" },
        { STATS_VOLUME_LANGUAGE, "lang", "lang" },
        { STATS_VOLUME_COUNTRY, "dest", "shipto" },
        { STATS_VOLUME_INTENT, "intent", "intent" },
    };
    char sql[512];
    enum td_status rc;

    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT %s, count(*) FROM st_t GROUP BY 1"
                 " ORDER BY 2 DESC, %s IS NULL, 1", dims[i].col,
                 dims[i].col);
        if ((rc = sx_fill(c, dims[i].id, sql, NULL, 0)) != TD_OK)
            return rc;
        sx_drill_field(&c->st->t[dims[i].id], dims[i].field);
    }
    /* Untagged tickets are intent:none. */
    for (size_t i = 0; i < c->st->t[STATS_VOLUME_INTENT].n; i++) {
        struct stats_row *r = &c->st->t[STATS_VOLUME_INTENT].rows[i];

        if (r->key == NULL)
            r->drill = xstrdup("intent:none");
    }
    return TD_OK;
}

/* Per day, gaps filled with zeros, keys as dates in the team's zone. */
static enum td_status
sx_days(struct sctx *c)
{
    struct stats_table *tb = &c->st->t[STATS_VOLUME_DAY];
    struct stats_table raw = { .def = tb->def };
    struct stats_table *keep = tb;
    int64_t first, last, d, day0;
    size_t k = 0;
    enum td_status rc;
    struct tm tm;
    char date[16];

    c->st->t[STATS_VOLUME_DAY] = raw;
    rc = sx_fill(c, STATS_VOLUME_DAY,
                 "SELECT lt / 86400, count(*) FROM st_t GROUP BY 1"
                 " ORDER BY 1", NULL, 0);
    raw = *keep;
    memset(keep, 0, sizeof *keep);
    keep->def = raw.def;
    if (rc != TD_OK)
        goto out;
    first = c->st->from ? (c->st->from + sx_offset_at(c, c->st->from)) /
                          86400
            : raw.n ? strtoll(raw.rows[0].key, NULL, 10) : 0;
    last = (c->st->to - 1 + sx_offset_at(c, c->st->to - 1)) / 86400;
    if (raw.n && strtoll(raw.rows[raw.n - 1].key, NULL, 10) > last)
        last = strtoll(raw.rows[raw.n - 1].key, NULL, 10);
    if (raw.n == 0 && c->st->from == 0)
        first = last;
    if (last - first >= STATS_DAYS_MAX)
        first = last - STATS_DAYS_MAX + 1;
    for (d = first; d <= last; d++) {
        struct stats_row *r = row_add(keep);
        time_t t = (time_t)(d * 86400);
        int64_t a, b;

        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        r->key = xstrdup(date);
        r->v[0] = 0;
        while (k < raw.n && strtoll(raw.rows[k].key, NULL, 10) < d)
            k++;
        if (k < raw.n && strtoll(raw.rows[k].key, NULL, 10) == d)
            r->v[0] = raw.rows[k].v[0];
        day0 = d * 86400;
        a = sx_utc_of_local(c, day0);
        b = sx_utc_of_local(c, day0 + 86400);
        r->drill = sx_created_terms(c, a, b);
    }
out:
    for (size_t i = 0; i < raw.n; i++)
        free(raw.rows[i].key);
    free(raw.rows);
    return rc;
}

/* Hours 0..23 and the weekday x hour grid, empty cells included. */
static enum td_status
sx_hours(struct sctx *c)
{
    struct stats_table *h = &c->st->t[STATS_VOLUME_HOUR];
    struct stats_table *m = &c->st->t[STATS_HEATMAP];
    double grid[7][24] = { { 0 } };
    sqlite3_stmt *st;
    enum td_status rc;
    char key[8];
    int step;

    /* 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday. */
    if ((rc = sx_prepare(c, "SELECT (lt / 86400 + 3) % 7, lt % 86400 / 3600,"
                         " count(*) FROM st_t GROUP BY 1, 2", NULL, 0, 1,
                         &st)) != TD_OK)
        return rc;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int wd = sqlite3_column_int(st, 0), hr = sqlite3_column_int(st, 1);

        if (wd >= 0 && wd < 7 && hr >= 0 && hr < 24)
            grid[wd][hr] = sqlite3_column_double(st, 2);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: hours");
    sqlite3_finalize(st);
    if (rc != TD_OK)
        return rc;
    for (int hr = 0; hr < 24; hr++) {
        struct stats_row *r = row_add(h);

        snprintf(key, sizeof key, "%02d", hr);
        r->key = xstrdup(key);
        r->v[0] = 0;
        for (int wd = 0; wd < 7; wd++)
            r->v[0] += grid[wd][hr];
    }
    for (int wd = 0; wd < 7; wd++) {
        for (int hr = 0; hr < 24; hr++) {
            struct stats_row *r = row_add(m);

            snprintf(key, sizeof key, "%02d", hr);
            r->key = xstrdup(weekdays[wd]);
            r->key2 = xstrdup(key);
            r->v[0] = grid[wd][hr];
        }
    }
    return TD_OK;
}

static enum td_status
sx_products(struct sctx *c)
{
    char sql[1024];
    enum td_status rc;
    struct stats_table *tb;

    snprintf(sql, sizeof sql,
        "SELECT min(i.sku), max(i.name), count(DISTINCT t.id),"
        " count(DISTINCT CASE WHEN t.intent IN " STATS_COMPLAINTS
        "  THEN t.id END)"
        " FROM st_link l JOIN st_t t ON t.id = l.ticket_id"
        " JOIN order_items i ON i.order_id = l.order_id"
        " WHERE ifnull(i.sku, '') <> '' GROUP BY i.sku COLLATE NOCASE"
        " ORDER BY 3 DESC, 4 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_SKU, sql, NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_PRODUCT_SKU], "sku");
    snprintf(sql, sizeof sql,
        "SELECT min(i.name), count(DISTINCT t.id),"
        " count(DISTINCT CASE WHEN t.intent IN " STATS_COMPLAINTS
        "  THEN t.id END)"
        " FROM st_link l JOIN st_t t ON t.id = l.ticket_id"
        " JOIN order_items i ON i.order_id = l.order_id"
        " WHERE ifnull(i.name, '') <> '' GROUP BY i.name"
        " ORDER BY 2 DESC, 3 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_NAME, sql, NULL, 0)) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
        "SELECT min(i.sku), count(DISTINCT o.id),"
        " count(DISTINCT CASE WHEN o.returned THEN o.id END),"
        " 1.0 * count(DISTINCT CASE WHEN o.returned THEN o.id END)"
        "  / count(DISTINCT o.id)"
        " FROM st_o o JOIN order_items i ON i.order_id = o.id"
        " WHERE ifnull(i.sku, '') <> '' GROUP BY i.sku COLLATE NOCASE"
        " ORDER BY 4 DESC, 2 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_RETURNS, sql, NULL, 0)) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
        "SELECT min(i.sku), count(DISTINCT t.id),"
        " count(DISTINCT CASE WHEN t.intent = 'damaged_defective'"
        "  THEN t.id END),"
        " count(DISTINCT CASE WHEN t.intent = 'wrong_item' THEN t.id END)"
        " FROM st_link l JOIN st_t t ON t.id = l.ticket_id"
        " JOIN order_items i ON i.order_id = l.order_id"
        " WHERE ifnull(i.sku, '') <> ''"
        " AND t.intent IN ('damaged_defective', 'wrong_item')"
        " GROUP BY i.sku COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT %d",
        STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_DAMAGE, sql, NULL, 0)) != TD_OK)
        return rc;
    tb = &c->st->t[STATS_PRODUCT_DAMAGE];
    for (size_t i = 0; i < tb->n; i++) {
        char *t = sx_term("sku", tb->rows[i].key);

        if (t) {
            struct buf b;

            buf_init(&b, 0);
            buf_printf(&b, "%s intent:damaged_defective,wrong_item", t);
            tb->rows[i].drill = buf_detach(&b);
            free(t);
        }
    }
    return TD_OK;
}

static enum td_status
sx_logistics(struct sctx *c)
{
    char inner[512], sql[2048];
    enum td_status rc;

    /* Per carrier and per country: parcels, delivered, the transit
     * percentiles of the delivered ones, the shares. */
    snprintf(inner, sizeof inner,
             "SELECT carrier AS g, days AS v, * FROM st_s");
    snprintf(sql, sizeof sql,
        "WITH r AS (SELECT *, row_number() OVER (PARTITION BY g COLLATE NOCASE,"
        " v IS NULL ORDER BY v) AS rn, count(v) OVER (PARTITION BY g COLLATE"
        " NOCASE) AS nv FROM (%s)) SELECT min(g), count(*), sum(v IS NOT NULL),"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 50 + 99) / 100"
        "  THEN v END),"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 90 + 99) / 100"
        "  THEN v END),"
        " 1.0 * sum(stuck) / count(*), 1.0 * sum(exc) / count(*),"
        " 1.0 * sum(customs) / count(*), 1.0 * sum(ret) / count(*)"
        " FROM r GROUP BY g COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT %d",
        inner, STATS_TOP);
    if ((rc = sx_fill(c, STATS_SHIP_CARRIER, sql, NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_SHIP_CARRIER], "carrier");
    snprintf(inner, sizeof inner,
             "SELECT dest AS g, days AS v, * FROM st_s");
    snprintf(sql, sizeof sql,
        "WITH r AS (SELECT *, row_number() OVER (PARTITION BY g COLLATE NOCASE,"
        " v IS NULL ORDER BY v) AS rn, count(v) OVER (PARTITION BY g COLLATE"
        " NOCASE) AS nv FROM (%s)) SELECT min(g), count(*), sum(v IS NOT NULL),"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 50 + 99) / 100"
        "  THEN v END),"
        " max(CASE WHEN v IS NOT NULL AND rn = (nv * 90 + 99) / 100"
        "  THEN v END),"
        " 1.0 * sum(stuck) / count(*), 1.0 * sum(exc) / count(*),"
        " 1.0 * sum(customs) / count(*), 1.0 * sum(ret) / count(*)"
        " FROM r GROUP BY g COLLATE NOCASE ORDER BY 2 DESC, 1 LIMIT %d",
        inner, STATS_TOP);
    if ((rc = sx_fill(c, STATS_SHIP_COUNTRY, sql, NULL, 0)) != TD_OK)
        return rc;
    /* Lanes: the share of parcels with any problem first, then the
     * slowest p90. */
    snprintf(sql, sizeof sql,
        "WITH r AS (SELECT *, row_number() OVER (PARTITION BY carrier"
        " COLLATE NOCASE, dest, days IS NULL ORDER BY days) AS rn,"
        " count(days) OVER (PARTITION BY carrier COLLATE NOCASE, dest)"
        " AS nv FROM st_s)"
        " SELECT min(carrier), dest, count(*),"
        " 1.0 * sum(stuck OR exc OR customs OR ret) / count(*),"
        " max(CASE WHEN days IS NOT NULL AND rn = (nv * 50 + 99) / 100"
        "  THEN days END),"
        " max(CASE WHEN days IS NOT NULL AND rn = (nv * 90 + 99) / 100"
        "  THEN days END),"
        " 1.0 * sum(stuck) / count(*), 1.0 * sum(exc) / count(*),"
        " 1.0 * sum(customs) / count(*), 1.0 * sum(ret) / count(*)"
        " FROM r GROUP BY carrier COLLATE NOCASE, dest"
        " ORDER BY 4 DESC, 6 DESC, 3 DESC, 1, 2 LIMIT %d", STATS_LANES);
    if ((rc = sx_fill(c, STATS_SHIP_LANE, sql, NULL, 0)) != TD_OK)
        return rc;
    for (size_t i = 0; i < c->st->t[STATS_SHIP_LANE].n; i++) {
        struct stats_row *r = &c->st->t[STATS_SHIP_LANE].rows[i];
        char *a = sx_term("carrier", r->key), *b = sx_term("shipto", r->key2);

        if (a && b) {
            struct buf t;

            buf_init(&t, 0);
            buf_printf(&t, "%s %s", a, b);
            r->drill = buf_detach(&t);
        }
        free(a);
        free(b);
    }
    return TD_OK;
}

static enum td_status
sx_service(struct sctx *c)
{
    char sql[2048], inner[256];
    enum td_status rc;
    int64_t now[1] = { (int64_t)c->now };
    static const struct {
        enum stats_id id;
        const char *g;
        const char *order;
        const char *field;
    } frt[] = {
        { STATS_FRT_CHANNEL, "channel", "2 DESC, 1", "channel" },
        { STATS_FRT_HOUR, "printf('%02d', lt % 86400 / 3600)", "1", NULL },
        { STATS_FRT_AGENT, "assignee", "2 DESC, g IS NULL, 1", NULL },
    };

    for (size_t i = 0; i < sizeof frt / sizeof frt[0]; i++) {
        snprintf(inner, sizeof inner, "SELECT %s AS g, frt AS v FROM st_t",
                 frt[i].g);
        sx_pct_sql(sql, sizeof sql, inner, ", count(*), count(v)",
                   frt[i].order, frt[i].id == STATS_FRT_HOUR ? 24
                   : STATS_TOP);
        if ((rc = sx_fill(c, frt[i].id, sql, NULL, 0)) != TD_OK)
            return rc;
        if (frt[i].field)
            sx_drill_field(&c->st->t[frt[i].id], frt[i].field);
    }
    /* Breaches: replied after the due time, or not replied and past it. */
    if ((rc = sx_fill(c, STATS_SLA,
        "SELECT channel, count(*), sum(b), sum(late), sum(open),"
        " 1.0 * sum(b) / count(*) FROM (SELECT channel,"
        "  (replied > 0 AND replied > due) AS late,"
        "  (replied = 0 AND due < ?1) AS open,"
        "  ((replied > 0 AND replied > due) OR (replied = 0 AND due < ?1))"
        "   AS b FROM st_t WHERE due IS NOT NULL)"
        " GROUP BY channel ORDER BY 3 DESC, 2 DESC, 1", now, 1)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_SLA], "channel");
    /* The backlog: unsolved tickets by age now, every bucket shown. */
    for (size_t i = 0; i < N_BUCKETS; i++) {
        struct stats_row *r = row_add(&c->st->t[STATS_BACKLOG]);
        int64_t args[3], a, b;
        sqlite3_stmt *st;

        /* age in [lo, hi) <=> created in (now - hi, now - lo]. */
        a = backlog_buckets[i].hi ? c->now - backlog_buckets[i].hi + 1 : 0;
        b = c->now - backlog_buckets[i].lo + 1;
        args[0] = a;
        args[1] = b;
        r->key = xstrdup(backlog_buckets[i].name);
        if ((rc = sx_prepare(c, "SELECT count(*) FROM st_t WHERE status IN"
                             " ('new', 'open', 'pending', 'on-hold') AND"
                             " created >= ?1 AND created < ?2", args, 2, 1,
                             &st)) != TD_OK)
            return rc;
        if (sqlite3_step(st) == SQLITE_ROW)
            r->v[0] = sqlite3_column_double(st, 0);
        else
            rc = db_fail(c->s, c->err, "statistics: backlog");
        sqlite3_finalize(st);
        if (rc != TD_OK)
            return rc;
        {
            char *terms = sx_created_terms(c, a, b);
            struct buf d;

            buf_init(&d, 0);
            buf_printf(&d, "status:unsolved %s", terms);
            r->drill = buf_detach(&d);
            free(terms);
        }
    }
    return TD_OK;
}

static enum td_status
sx_summary(struct sctx *c)
{
    int64_t now[1] = { (int64_t)c->now };
    enum td_status rc;

    rc = sx_fill(c, STATS_SUMMARY,
        "WITH r AS (SELECT *, row_number() OVER (PARTITION BY frt IS NULL"
        " ORDER BY frt) AS rn, count(frt) OVER () AS nv FROM st_t)"
        " SELECT NULL, count(*), count(frt),"
        " max(CASE WHEN frt IS NOT NULL AND rn = (nv * 50 + 99) / 100"
        "  THEN frt END),"
        " max(CASE WHEN frt IS NOT NULL AND rn = (nv * 90 + 99) / 100"
        "  THEN frt END),"
        " ifnull(sum(due IS NOT NULL), 0),"
        " ifnull(sum(due IS NOT NULL AND ((replied > 0 AND replied > due)"
        "  OR (replied = 0 AND due < ?1))), 0),"
        " ifnull(sum(status IN ('new', 'open', 'pending', 'on-hold')), 0)"
        " FROM r", now, 1);
    if (rc == TD_OK && c->st->t[STATS_SUMMARY].n == 1)
        c->st->t[STATS_SUMMARY].rows[0].key = xstrdup("all");
    return rc;
}

/* ---- the whole ---- */

static double
sx_ms(const struct timespec *a)
{
    struct timespec b;

    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) * 1e3 +
           (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

static const char sql_drop[] =
    "DROP TABLE IF EXISTS temp.st_t; DROP TABLE IF EXISTS temp.st_link;"
    "DROP TABLE IF EXISTS temp.st_o; DROP TABLE IF EXISTS temp.st_s;";

enum td_status
store_stats(struct store *s, const struct query *q,
            const struct stats_opts *o, struct stats **out,
            struct td_error *err)
{
    struct sctx c = { .s = s, .err = err };
    struct timespec t0;
    enum td_status rc;
    time_t from = o->from, to;
    int in_txn = s->in_txn;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    *out = NULL;
    c.now = o->now ? o->now : time(NULL);
    to = o->to ? o->to : c.now + 1;
    c.stuck_secs = (int64_t)(o->stuck_days > 0 ? o->stuck_days : 7) * 86400;
    c.scoped = q->n_terms > 0;
    c.st = xcalloc(1, sizeof *c.st);
    for (int i = 0; i < STATS_COUNT; i++)
        c.st->t[i].def = &defs[i];
    c.st->from = from;
    c.st->to = to;
    /* The offsets over the range (from the oldest ticket when open). */
    if (from == 0) {
        sqlite3_stmt *st;

        if (sqlite3_prepare_v2(s->db, "SELECT min(created_at) FROM tickets"
                               " WHERE created_at > 0", -1, &st, NULL) ==
            SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                from = (time_t)sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        if (from == 0 || from > to)
            from = to - 86400;
    }
    if ((rc = tz_spans(o->tz, from - 86400, to + 86400, &c.spans,
                       &c.n_spans, err)) != TD_OK)
        goto out;
    c.st->range = sx_created_terms(&c, (int64_t)o->from, (int64_t)o->to);
    if (!in_txn && (rc = sx_exec(&c, "BEGIN")) != TD_OK)
        goto out;
    if ((rc = sx_exec(&c, sql_drop)) != TD_OK ||
        (rc = sx_tickets(&c, q, o->from, o->to)) != TD_OK ||
        (rc = sx_exec(&c, sql_links)) != TD_OK ||
        (rc = sx_orders(&c, o->from, o->to)) != TD_OK ||
        (rc = sx_summary(&c)) != TD_OK ||
        (rc = sx_days(&c)) != TD_OK ||
        (rc = sx_hours(&c)) != TD_OK ||
        (rc = sx_volume(&c)) != TD_OK ||
        (rc = sx_products(&c)) != TD_OK ||
        (rc = sx_logistics(&c)) != TD_OK ||
        (rc = sx_service(&c)) != TD_OK) {
        /* fall through to the clean-up */
    }
    sqlite3_exec(s->db, sql_drop, NULL, NULL, NULL);
    if (!in_txn)
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
out:
    free(c.spans);
    if (rc != TD_OK) {
        stats_free(&c.st);
        return rc;
    }
    c.st->ms = sx_ms(&t0);
    *out = c.st;
    return TD_OK;
}

void
stats_free(struct stats **p)
{
    struct stats *st;

    if (p == NULL || (st = *p) == NULL)
        return;
    for (int i = 0; i < STATS_COUNT; i++) {
        for (size_t k = 0; k < st->t[i].n; k++) {
            free(st->t[i].rows[k].key);
            free(st->t[i].rows[k].key2);
            free(st->t[i].rows[k].drill);
        }
        free(st->t[i].rows);
    }
    free(st->range);
    free(st);
    *p = NULL;
}

char *
stats_drill_query(const struct stats *st, const char *user_query,
                  const struct stats_row *row)
{
    struct buf b;

    if (row == NULL || row->drill == NULL)
        return NULL;
    buf_init(&b, 0);
    if (user_query && *user_query)
        buf_printf(&b, "%s ", user_query);
    if (st->range && *st->range)
        buf_printf(&b, "%s ", st->range);
    buf_adds(&b, row->drill);
    return buf_detach(&b);
}
