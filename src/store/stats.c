/* stats.c: after-sales statistics computed in SQL over the store. */
#include "store/stats.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "store/db.h"
#include "store/schema.h"
#include "store/where.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/tzspan.h"
#include "util/xmalloc.h"

/*
 * The tickets the query and range select are copied, a few columns each,
 * into the temporary table st_t with their local time already worked
 * out (the zone's offsets become a CASE over the DST changes in the
 * range, see tzspan.c) and their first-response time. The tickets table
 * is read once whatever the number of charts: st_t is summed into three
 * small cubes (sx_cubes) and the charts are sums over those; orders are
 * linked per buyer (sql_links), parcels summed per shipment (sx_orders).
 * Temporary tables live in the connection's own temp database: nothing
 * is written to the store's file.
 *
 * Percentiles are nearest-rank: p50 of n values is the value of rank
 * ceil(n * 50 / 100) in ascending order (pct_stream).
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
        .none = "(not tagged)",
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
        .key2 = "country", .n_vals = 9,
        .vals = {"parcels", "delivered", "problems", "transit_p50_d",
                 "transit_p90_d", "stuck", "exception", "customs",
                 "returned"},
        .units = {SU_COUNT, SU_COUNT, SU_SHARE, SU_DAYS, SU_DAYS, SU_SHARE,
                  SU_SHARE, SU_SHARE, SU_SHARE},
        .bar = 2,
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
        .none = "(unassigned)",
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
    int64_t bl_from[N_BUCKETS]; /* the backlog buckets' created ranges */
    int64_t bl_to[N_BUCKETS];
    struct td_error *err;
};

const struct stats_def *
stats_def(enum stats_id id)
{
    return (unsigned)id < STATS_COUNT ? &defs[id] : NULL;
}

static double
sx_ms(const struct timespec *a)
{
    struct timespec b;

    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) * 1e3 +
           (double)(b.tv_nsec - a->tv_nsec) / 1e6;
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

static int64_t
sx_utc_of_local(const struct sctx *c, int64_t local)
{
    return tz_spans_to_utc(c->spans, c->n_spans, local);
}

static int32_t
sx_offset_at(const struct sctx *c, int64_t t)
{
    return tz_spans_offset(c->spans, c->n_spans, t);
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
    /* A ticket with no creation time (0) cannot be placed in time. */
    int64_t range[2] = { from ? (int64_t)from : 1,
                         to ? (int64_t)to : INT64_MAX };
    int step;

    if ((rc = where_compile(q, &w, c->err)) != TD_OK)
        return rc;
    buf_init(&sql, 0);
    buf_init(&local, 0);
    tz_sql_local(&local, "t.created_at", c->spans, c->n_spans);
    /* With no lower bound the range matches nearly every ticket, and a
     * scan of the table beats walking the created_at index ("+"). */
    buf_printf(&sql,
        "CREATE TEMP TABLE st_t AS SELECT t.id AS id,"
        " t.requester_id AS rq, t.account_id AS acct,"
        " t.created_at AS created, %s AS lt, t.channel AS channel,"
        " t.language AS lang, nullif(t.intent, '') AS intent,"
        " nullif(t.assignee, '') AS assignee, t.status AS status,"
        " CASE WHEN t.first_reply_at > 0 THEN"
        "  max(t.first_reply_at - t.created_at, 0) END AS frt,"
        " t.first_reply_at AS replied, t.first_response_due AS due,"
        " t.id IN (SELECT ticket_id FROM ticket_orders) AS manual"
        " FROM tickets t WHERE (%s) AND %st.created_at >= ?%zu"
        " AND t.created_at < ?%zu",
        buf_str(&local), buf_str(&w.sql), from ? "" : "+",
        w.n_args + 1, w.n_args + 2);
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

/*
 * The links of WHERE_LINKED_ORDERS (its note on "+" applies), worked out
 * per buyer rather than per ticket: a buyer (requester and account) has
 * many tickets but one set of orders, so st_b counts each buyer's tickets
 * (by intent) and st_bo holds each buyer's orders. Most orders a message
 * quotes (ticket_orders) are the buyer's own; st_xo keeps those that are
 * not, the extra orders of a ticket, and st_m those tickets with their
 * destination. A ticket then counts once for its buyer's SKUs and once
 * for each extra SKU (st_ms, st_mn: the SKUs and names its buyer does not
 * have), and its destination replaces its buyer's when extra orders move
 * it. Destinations follow WHERE_SHIPTO: the newest linked order's country,
 * else the buyer's.
 */
static const char sql_links[] =
    "CREATE TEMP TABLE st_b AS SELECT rq, acct, count(*) AS n,"
    " sum(ifnull(intent IN " STATS_COMPLAINTS ", 0)) AS nc,"
    " sum(ifnull(intent = 'damaged_defective', 0)) AS nd,"
    " sum(ifnull(intent = 'wrong_item', 0)) AS nw,"
    " CAST(NULL AS TEXT) AS dest FROM st_t WHERE rq IS NOT NULL"
    " GROUP BY rq, acct;"
    "CREATE INDEX temp.st_b_key ON st_b(rq, acct);"
    "CREATE TEMP TABLE st_bo (rq INTEGER NOT NULL, acct INTEGER NOT NULL,"
    " order_id INTEGER NOT NULL, PRIMARY KEY (rq, acct, order_id))"
    " WITHOUT ROWID;"
    "INSERT OR IGNORE INTO st_bo SELECT b.rq, b.acct, x.id FROM st_b b"
    " CROSS JOIN customers c ON c.id = b.rq CROSS JOIN orders x"
    " ON x.account_id = b.acct AND x.customer_ext_id = c.external_id;"
    "INSERT OR IGNORE INTO st_bo SELECT b.rq, b.acct, x.id FROM st_b b"
    " CROSS JOIN customers c ON c.id = b.rq CROSS JOIN orders x"
    " ON x.customer_email = c.email COLLATE NOCASE WHERE c.email <> '';"
    "CREATE TEMP TABLE st_xo (ticket_id INTEGER NOT NULL,"
    " order_id INTEGER NOT NULL, PRIMARY KEY (ticket_id, order_id))"
    " WITHOUT ROWID;"
    "INSERT OR IGNORE INTO st_xo SELECT t.id, x.id FROM st_t t"
    " CROSS JOIN ticket_orders k ON k.ticket_id = t.id CROSS JOIN orders x"
    " ON ltrim(x.number, '#') = +k.order_ref COLLATE NOCASE"
    " WHERE t.manual AND k.how IN ('text', 'manual')"
    " AND NOT EXISTS (SELECT 1 FROM st_bo o WHERE o.rq = t.rq"
    "  AND o.acct = t.acct AND o.order_id = x.id);"
    "INSERT OR IGNORE INTO st_xo SELECT t.id, sh.order_id FROM st_t t"
    " CROSS JOIN ticket_orders k ON k.ticket_id = t.id"
    " CROSS JOIN shipments sh ON " SCHEMA_TRACKING_SH " = +k.order_ref"
    " WHERE t.manual AND k.how = 'tracking' AND sh.order_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM st_bo o WHERE o.rq = t.rq"
    "  AND o.acct = t.acct AND o.order_id = sh.order_id);"
    "UPDATE st_b SET dest = upper(coalesce("
    " (SELECT o.ship_country FROM st_bo l JOIN orders o ON o.id ="
    "  l.order_id WHERE l.rq = st_b.rq AND l.acct = st_b.acct"
    "  AND o.ship_country <> '' ORDER BY o.created_at DESC, o.id DESC"
    "  LIMIT 1),"
    " (SELECT nullif(c.country, '') FROM customers c WHERE c.id = st_b.rq)));"
    "CREATE TEMP TABLE st_m AS SELECT t.id AS id, t.rq AS rq,"
    " t.acct AS acct, t.intent AS intent,"
    " upper(coalesce((SELECT o.ship_country FROM (SELECT order_id"
    "  FROM st_xo x WHERE x.ticket_id = t.id UNION SELECT order_id"
    "  FROM st_bo b WHERE b.rq = t.rq AND b.acct = t.acct) l"
    "  JOIN orders o ON o.id = l.order_id WHERE o.ship_country <> ''"
    "  ORDER BY o.created_at DESC, o.id DESC LIMIT 1),"
    " (SELECT nullif(c.country, '') FROM customers c WHERE c.id = t.rq)))"
    "  AS dest FROM st_t t WHERE t.manual"
    " AND t.id IN (SELECT ticket_id FROM st_xo);"
    "CREATE INDEX temp.st_m_id ON st_m(id);"
    /* SKUs and product names per buyer and per extra order, each once:
     * a ticket counts once per SKU however many orders hold it. */
    "CREATE TEMP TABLE st_bs AS SELECT o.rq AS rq, o.acct AS acct,"
    " upper(i.sku) AS k, min(i.sku) AS sku, max(i.name) AS name"
    " FROM st_bo o JOIN order_items i ON i.order_id = o.order_id"
    " WHERE i.sku <> '' GROUP BY o.rq, o.acct, upper(i.sku);"
    "CREATE TEMP TABLE st_bn AS SELECT DISTINCT rq, acct, name FROM st_bs"
    " WHERE name <> '';"
    "CREATE INDEX temp.st_bs_key ON st_bs(rq, acct, k);"
    "CREATE INDEX temp.st_bn_key ON st_bn(rq, acct, name);"
    "CREATE TEMP TABLE st_ms AS SELECT x.ticket_id AS id,"
    " upper(i.sku) AS k, min(i.sku) AS sku, max(i.name) AS name"
    " FROM st_xo x JOIN order_items i ON i.order_id = x.order_id"
    " JOIN st_m m ON m.id = x.ticket_id WHERE i.sku <> ''"
    " AND NOT EXISTS (SELECT 1 FROM st_bs s WHERE s.rq = m.rq"
    "  AND s.acct = m.acct AND s.k = upper(i.sku))"
    " GROUP BY x.ticket_id, upper(i.sku);"
    "CREATE TEMP TABLE st_mn AS SELECT DISTINCT m.id AS id, i.name AS name"
    " FROM st_xo x JOIN order_items i ON i.order_id = x.order_id"
    " JOIN st_m m ON m.id = x.ticket_id WHERE i.name <> ''"
    " AND NOT EXISTS (SELECT 1 FROM st_bn s WHERE s.rq = m.rq"
    "  AND s.acct = m.acct AND s.name = i.name);";

/* st_o: the orders looked at, with whether each came back or was
 * refunded; st_s: the parcels, with their times and states. */
static enum td_status
sx_orders(struct sctx *c, time_t from, time_t to)
{
    char sql[2048];
    sqlite3_stmt *st;
    enum td_status rc;
    int64_t args[3] = { (int64_t)from, to ? (int64_t)to : INT64_MAX,
                        (int64_t)c->now - c->stuck_secs };
    const char *scope = c->scoped
        ? "SELECT order_id FROM st_bo UNION SELECT order_id FROM st_xo"
        : NULL;

    snprintf(sql, sizeof sql,
        "CREATE TEMP TABLE st_o AS SELECT o.id AS id,"
        " (lower(ifnull(o.financial_status, '')) LIKE '%%refund%%'"
        "  OR lower(ifnull(o.status, '')) LIKE '%%return%%'"
        "  OR lower(ifnull(o.status, '')) LIKE '%%refund%%'"
        "  OR EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id"
        "   AND s.status = 'returning')) AS returned"
        " FROM orders o WHERE %s%s%s",
        scope ? "o.id IN (" : "o.created_at >= ?1 AND o.created_at < ?2",
        scope ? scope : "", scope ? ")" : "");
    if ((rc = sx_prepare(c, sql, args, scope ? 0 : 2, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: orders");
    sqlite3_finalize(st);
    if (rc != TD_OK)
        return rc;
    /* The parcels: those of the orders above, and, over the whole
     * store, those with no known order whose first checkpoint is in the
     * range. */
    snprintf(sql, sizeof sql,
        "CREATE TEMP TABLE st_sid AS SELECT s.id AS id FROM shipments s"
        " WHERE s.order_id IN (SELECT id FROM st_o)%s",
        scope ? "" : " UNION SELECT s.id FROM shipments s"
        " WHERE s.order_id IS NULL AND (SELECT min(e.time) FROM"
        " shipment_events e WHERE e.shipment_id = s.id AND e.time > 0)"
        " BETWEEN ?1 AND ?2 - 1");
    if ((rc = sx_prepare(c, sql, args, scope ? 0 : 2, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: parcels");
    sqlite3_finalize(st);
    if (rc != TD_OK)
        return rc;
    /* As core/parcel.c (the order panel) says it: a delivered parcel
     * took from its first checkpoint to its first delivered one (its
     * last, without one); a parcel neither delivered, coming back nor
     * expired is stuck when its newest checkpoint is stuck_days old.
     * The checkpoints are summed up in one pass over their events. */
    snprintf(sql, sizeof sql,
        "CREATE TEMP TABLE st_s AS SELECT id, carrier, dest, status,"
        " CASE WHEN status = 'delivered' AND first > 0 THEN"
        "  max(coalesce(delivered, last) - first, 0) / 86400.0 END AS days,"
        " (status NOT IN ('delivered', 'returning', 'expired')"
        "  AND last > 0 AND last <= ?3) AS stuck,"
        " (status = 'exception') AS exc, (status = 'customs') AS customs,"
        " (status = 'returning' OR ifnull(ret, 0)) AS ret FROM ("
        " SELECT s.id AS id, nullif(s.carrier, '') AS carrier,"
        "  upper(nullif(o.ship_country, '')) AS dest, s.status AS status,"
        "  o.created_at AS created, e.first AS first, e.last AS last,"
        "  e.delivered AS delivered, e.ret AS ret"
        " FROM st_sid x JOIN shipments s ON s.id = x.id"
        " LEFT JOIN orders o ON o.id = s.order_id"
        " LEFT JOIN (SELECT shipment_id AS sid,"
        "  min(CASE WHEN time > 0 THEN time END) AS first,"
        "  max(CASE WHEN time > 0 THEN time END) AS last,"
        "  min(CASE WHEN status = 'delivered' AND time > 0 THEN time END)"
        "   AS delivered, max(status = 'returning') AS ret"
        "  FROM shipment_events WHERE shipment_id IN (SELECT id FROM st_sid)"
        "  GROUP BY shipment_id) e ON e.sid = s.id)");
    if ((rc = sx_prepare(c, sql, args, 3, 1, &st)) != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: parcels");
    sqlite3_finalize(st);
    return rc;
}

/* ---- percentiles, streamed ---- */

/*
 * A percentile needs its group's values in order. Rather than one window
 * sort per table, the values are read once in ascending order and every
 * table that wants them counts its rows along: the row of a group takes
 * the value at which its count reaches the rank. Memory is a counter per
 * row; nothing else is kept.
 */
#define PCT_BUCKETS 256

struct pct_target {
    struct stats_table *tb;
    int kcol;               /* the key's column in the stream */
    int k2col;              /* the second key's, -1 for none */
    int nocase;             /* keys compare without ASCII case */
    int n_idx;              /* the value holding the group's count */
    int p50_idx;
    double *seen;
    int slot[PCT_BUCKETS];  /* hash of key -> row + 1 */
};

static unsigned
pct_hash(const char *a, const char *b, int nocase)
{
    unsigned h = 2166136261u;

    for (const char *p = a ? a : ""; *p; p++)
        h = (h ^ (unsigned char)(nocase && *p >= 'A' && *p <= 'Z'
                                 ? *p + 32 : *p)) * 16777619u;
    h = (h ^ (a ? 1u : 2u)) * 16777619u;
    for (const char *p = b ? b : ""; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return h;
}

static int
pct_eq(const char *a, const char *b, int nocase)
{
    if (a == NULL || b == NULL)
        return a == b;
    return nocase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static void
pct_init(struct pct_target *t)
{
    memset(t->slot, 0, sizeof t->slot);
    t->seen = xcalloc(t->tb->n + 1, sizeof *t->seen);
    for (size_t i = 0; i < t->tb->n && i < PCT_BUCKETS / 2; i++) {
        const struct stats_row *r = &t->tb->rows[i];
        unsigned h = pct_hash(r->key, r->key2, t->nocase) % PCT_BUCKETS;

        while (t->slot[h])
            h = (h + 1) % PCT_BUCKETS;
        t->slot[h] = (int)i + 1;
    }
}

static void
pct_add(struct pct_target *t, const char *k, const char *k2, double v)
{
    unsigned h = pct_hash(k, k2, t->nocase) % PCT_BUCKETS;
    struct stats_row *r;
    double n, seen;

    for (; t->slot[h]; h = (h + 1) % PCT_BUCKETS) {
        r = &t->tb->rows[t->slot[h] - 1];
        if (!pct_eq(r->key, k, t->nocase) ||
            (t->k2col >= 0 && !pct_eq(r->key2, k2, 0)))
            continue;
        n = r->v[t->n_idx];
        seen = ++t->seen[t->slot[h] - 1];
        /* Nearest rank: ceil(n * p / 100). */
        if (seen == ceil(n * 50 / 100))
            r->v[t->p50_idx] = v;
        if (seen == ceil(n * 90 / 100))
            r->v[t->p50_idx + 1] = v;
        return;
    }
}

/* Stream sql (keys..., value last, ascending) into the targets. */
static enum td_status
pct_stream(struct sctx *c, const char *sql, int vcol, struct pct_target *t,
           size_t n)
{
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    for (size_t i = 0; i < n; i++)
        pct_init(&t[i]);
    if ((rc = sx_prepare(c, sql, NULL, 0, 1, &st)) != TD_OK)
        goto out;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        double v = sqlite3_column_double(st, vcol);

        for (size_t i = 0; i < n; i++)
            pct_add(&t[i],
                    (const char *)sqlite3_column_text(st, t[i].kcol),
                    t[i].k2col >= 0 ? (const char *)sqlite3_column_text(
                                          st, t[i].k2col) : NULL, v);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(c->s, c->err, "statistics: percentiles");
    sqlite3_finalize(st);
out:
    for (size_t i = 0; i < n; i++) {
        free(t[i].seen);
        t[i].seen = NULL;
    }
    return rc;
}

/* ---- the tables ---- */

/* A language's primary subtag, lower case: de-AT counts as de, as
 * lang:de finds it. Worked out on the cube, not per ticket. */
#define SX_LANG                                                             \
    "lower(CASE WHEN instr(lang, '-') > 1 THEN"                            \
    " substr(lang, 1, instr(lang, '-') - 1) ELSE nullif(lang, '') END)"

static enum td_status
sx_volume(struct sctx *c)
{
    static const struct {
        enum stats_id id;
        const char *col;
        const char *field;
    } dims[] = {
        { STATS_VOLUME_CHANNEL, "channel", "channel" },
        { STATS_VOLUME_LANGUAGE, SX_LANG, "lang" },
        { STATS_VOLUME_INTENT, "intent", "intent" },
    };
    char sql[512];
    enum td_status rc;

    for (size_t i = 0; i < sizeof dims / sizeof dims[0]; i++) {
        snprintf(sql, sizeof sql,
                 "SELECT %s AS k, sum(n) FROM st_cb GROUP BY 1"
                 " ORDER BY 2 DESC, k IS NULL, 1", dims[i].col);
        if ((rc = sx_fill(c, dims[i].id, sql, NULL, 0)) != TD_OK)
            return rc;
        sx_drill_field(&c->st->t[dims[i].id], dims[i].field);
    }
    /* Destinations: per buyer, the tickets with no buyer, and the
     * tickets whose extra orders move theirs from their buyer's. */
    if ((rc = sx_fill(c, STATS_VOLUME_COUNTRY,
        "SELECT dest, sum(n) FROM (SELECT dest, n FROM st_b"
        " UNION ALL SELECT NULL, count(*) FROM st_t WHERE rq IS NULL"
        " UNION ALL SELECT dest, 1 FROM st_m"
        " UNION ALL SELECT b.dest, -1 FROM st_m m LEFT JOIN st_b b"
        "  ON b.rq = m.rq AND b.acct = m.acct)"
        " GROUP BY dest HAVING sum(n) > 0"
        " ORDER BY 2 DESC, dest IS NULL, dest", NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_VOLUME_COUNTRY], "shipto");
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
                 "SELECT day, sum(n) FROM st_ca GROUP BY 1"
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
    char key[16];
    int step;

    /* 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday. */
    if ((rc = sx_prepare(c, "SELECT (day + 3) % 7, hr,"
                         " sum(n) FROM st_ca GROUP BY 1, 2", NULL, 0, 1,
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

/* The backlog: unsolved tickets by age now, every bucket shown, in one
 * pass. Age in [lo, hi) <=> created in (now - hi, now - lo]. */
static enum td_status
sx_backlog(struct sctx *c)
{
    struct stats_table *tb = &c->st->t[STATS_BACKLOG];
    struct buf sql;
    sqlite3_stmt *st;
    enum td_status rc;

    /* One pass over the unsolved tickets, no sort. */
    buf_init(&sql, 0);
    buf_adds(&sql, "SELECT 0");
    for (size_t i = 0; i < N_BUCKETS; i++)
        buf_printf(&sql, ", total(created >= %" PRId64 " AND created < %"
                   PRId64 ")", c->bl_from[i], c->bl_to[i]);
    buf_adds(&sql, " FROM st_t WHERE status IN ('new', 'open', 'pending',"
             " 'on-hold')");
    rc = sx_prepare(c, buf_str(&sql), NULL, 0, 1, &st);
    buf_free(&sql);
    if (rc != TD_OK)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = db_fail(c->s, c->err, "statistics: backlog");
        sqlite3_finalize(st);
        return rc;
    }
    for (size_t i = 0; i < N_BUCKETS; i++) {
        struct stats_row *r = row_add(tb);
        char *terms = sx_created_terms(c, c->bl_from[i], c->bl_to[i]);
        struct buf d;

        r->key = xstrdup(backlog_buckets[i].name);
        r->v[0] = sqlite3_column_double(st, (int)i + 1);
        buf_init(&d, 0);
        buf_printf(&d, "status:unsolved %s", terms);
        r->drill = buf_detach(&d);
        free(terms);
    }
    sqlite3_finalize(st);
    return TD_OK;
}

/*
 * Three small cubes of st_t, each one sort of it, from which the ticket
 * tables are summed: st_ca by local day and hour (days, hours, the heat
 * map), st_cb by channel, language and intent (volumes), st_cc by
 * channel, hour and agent with the first-response, SLA and backlog
 * counts (service, summary). Summing a cube of a few thousand rows is
 * cheap; sorting 100,000 tickets once per chart is not.
 */
static enum td_status
sx_cubes(struct sctx *c)
{
    struct buf sql;
    enum td_status rc;

    buf_init(&sql, 0);
    buf_adds(&sql,
        "CREATE TEMP TABLE st_ca AS SELECT lt / 86400 AS day,"
        " lt % 86400 / 3600 AS hr, count(*) AS n FROM st_t GROUP BY 1, 2;"
        "CREATE TEMP TABLE st_cb AS SELECT channel, lang, intent,"
        " count(*) AS n FROM st_t GROUP BY 1, 2, 3;"
        "CREATE TEMP TABLE st_cc AS SELECT channel, lt % 86400 / 3600 AS hr,"
        " assignee, count(*) AS n, count(frt) AS nf,"
        " sum(due IS NOT NULL) AS nd,"
        " sum(due IS NOT NULL AND replied > 0 AND replied > due) AS late,");
    buf_printf(&sql, " sum(due IS NOT NULL AND replied = 0 AND due < %"
               PRId64 ") AS open,", (int64_t)c->now);
    buf_adds(&sql, " sum(status IN ('new', 'open', 'pending', 'on-hold'))"
             " AS uns");
    for (size_t i = 0; i < N_BUCKETS; i++) {
        /* Age in [lo, hi) <=> created in (now - hi, now - lo]. */
        c->bl_from[i] = backlog_buckets[i].hi
                        ? c->now - backlog_buckets[i].hi + 1 : 0;
        c->bl_to[i] = c->now - backlog_buckets[i].lo + 1;
    }
    buf_adds(&sql, " FROM st_t GROUP BY 1, 2, 3;");
    rc = sx_exec(c, buf_str(&sql));
    buf_free(&sql);
    return rc;
}

/* The union of buyers' and hand-linked tickets' rows for products:
 * key, shown sku, name, tickets, complaints, damaged, wrong item. */
#define SX_PER_SKU                                                          \
    "SELECT s.k AS k, s.sku AS sku, s.name AS name, b.n AS n, b.nc AS nc,"  \
    " b.nd AS nd, b.nw AS nw FROM st_bs s JOIN st_b b ON b.rq = s.rq"       \
    " AND b.acct = s.acct UNION ALL SELECT m.k, m.sku, m.name, 1,"          \
    " ifnull(t.intent IN " STATS_COMPLAINTS ", 0),"                         \
    " ifnull(t.intent = 'damaged_defective', 0),"                          \
    " ifnull(t.intent = 'wrong_item', 0)"                                  \
    " FROM st_ms m JOIN st_m t ON t.id = m.id"

static enum td_status
sx_products(struct sctx *c)
{
    char sql[2048];
    enum td_status rc;
    struct stats_table *tb;

    /* Every SKU's sums once; the two SKU tables read them. */
    if ((rc = sx_exec(c, "CREATE TEMP TABLE st_ps AS SELECT min(sku) AS sku,"
                      " max(name) AS name, sum(n) AS n, sum(nc) AS nc,"
                      " sum(nd) AS nd, sum(nw) AS nw FROM (" SX_PER_SKU ")"
                      " GROUP BY k")) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
        "SELECT sku, name, n, nc FROM st_ps WHERE n > 0"
        " ORDER BY 3 DESC, 4 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_SKU, sql, NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_PRODUCT_SKU], "sku");
    snprintf(sql, sizeof sql,
        "SELECT name, sum(n), sum(nc) FROM ("
        " SELECT s.name AS name, b.n AS n, b.nc AS nc FROM st_bn s"
        " JOIN st_b b ON b.rq = s.rq AND b.acct = s.acct"
        " UNION ALL SELECT m.name, 1, ifnull(t.intent IN "
        STATS_COMPLAINTS ", 0) FROM st_mn m JOIN st_m t ON t.id = m.id)"
        " GROUP BY name HAVING sum(n) > 0 ORDER BY 2 DESC, 3 DESC, 1"
        " LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_NAME, sql, NULL, 0)) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
        "SELECT min(i.sku), count(DISTINCT o.id),"
        " count(DISTINCT CASE WHEN o.returned THEN o.id END),"
        " 1.0 * count(DISTINCT CASE WHEN o.returned THEN o.id END)"
        "  / count(DISTINCT o.id)"
        " FROM st_o o JOIN order_items i ON i.order_id = o.id"
        " WHERE ifnull(i.sku, '') <> '' GROUP BY upper(i.sku)"
        " ORDER BY 3 DESC, 4 DESC, 2 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_PRODUCT_RETURNS, sql, NULL, 0)) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
        "SELECT sku, nd + nw, nd, nw FROM st_ps WHERE nd + nw > 0"
        " ORDER BY 2 DESC, 1 LIMIT %d", STATS_TOP);
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

/* Lanes: the share of parcels with any problem first, then the slowest
 * p90 (unknown last), then the busiest. */
static int
sx_lane_cmp(const void *pa, const void *pb)
{
    const struct stats_row *a = pa, *b = pb;
    double pa90 = isnan(a->v[4]) ? -1 : a->v[4];
    double pb90 = isnan(b->v[4]) ? -1 : b->v[4];
    int k;

    if (a->v[2] != b->v[2])
        return a->v[2] > b->v[2] ? -1 : 1;
    if (pa90 != pb90)
        return pa90 > pb90 ? -1 : 1;
    if (a->v[0] != b->v[0])
        return a->v[0] > b->v[0] ? -1 : 1;
    if ((k = strcmp(a->key ? a->key : "", b->key ? b->key : "")) != 0)
        return k;
    return strcmp(a->key2 ? a->key2 : "", b->key2 ? b->key2 : "");
}

#define SX_SHARES                                                           \
    " 1.0 * sum(stuck) / count(*), 1.0 * sum(exc) / count(*),"             \
    " 1.0 * sum(customs) / count(*), 1.0 * sum(ret) / count(*)"

static enum td_status
sx_logistics(struct sctx *c)
{
    char sql[1024];
    enum td_status rc;
    struct stats_table *lanes = &c->st->t[STATS_SHIP_LANE];
    struct pct_target t[3] = {
        { .tb = &c->st->t[STATS_SHIP_CARRIER], .kcol = 0, .k2col = -1,
          .nocase = 1, .n_idx = 1, .p50_idx = 2 },
        { .tb = &c->st->t[STATS_SHIP_COUNTRY], .kcol = 1, .k2col = -1,
          .n_idx = 1, .p50_idx = 2 },
        { .tb = lanes, .kcol = 0, .k2col = 1, .nocase = 1, .n_idx = 1,
          .p50_idx = 3 },
    };

    /* Percentiles are NULL here and streamed in below. */
    snprintf(sql, sizeof sql,
        "SELECT min(carrier), count(*), count(days), NULL, NULL,"
        SX_SHARES " FROM st_s GROUP BY carrier COLLATE NOCASE"
        " ORDER BY 2 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_SHIP_CARRIER, sql, NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_SHIP_CARRIER], "carrier");
    snprintf(sql, sizeof sql,
        "SELECT dest, count(*), count(days), NULL, NULL," SX_SHARES
        " FROM st_s GROUP BY dest ORDER BY 2 DESC, 1 LIMIT %d", STATS_TOP);
    if ((rc = sx_fill(c, STATS_SHIP_COUNTRY, sql, NULL, 0)) != TD_OK)
        return rc;
    if ((rc = sx_fill(c, STATS_SHIP_LANE,
        "SELECT min(carrier), dest, count(*), count(days),"
        " 1.0 * sum(stuck OR exc OR customs OR ret) / count(*), NULL, NULL,"
        SX_SHARES " FROM st_s GROUP BY carrier COLLATE NOCASE, dest",
        NULL, 0)) != TD_OK)
        return rc;
    if ((rc = pct_stream(c, "SELECT carrier, dest, days FROM st_s"
                         " WHERE days IS NOT NULL ORDER BY days", 2, t,
                         3)) != TD_OK)
        return rc;
    if (lanes->n > 1)
        qsort(lanes->rows, lanes->n, sizeof *lanes->rows, sx_lane_cmp);
    while (lanes->n > STATS_LANES) {
        struct stats_row *r = &lanes->rows[--lanes->n];

        free(r->key);
        free(r->key2);
        free(r->drill);
    }
    for (size_t i = 0; i < lanes->n; i++) {
        struct stats_row *r = &lanes->rows[i];
        char *a = sx_term("carrier", r->key), *b = sx_term("shipto", r->key2);

        if (a && b) {
            struct buf tx;

            buf_init(&tx, 0);
            buf_printf(&tx, "%s %s", a, b);
            r->drill = buf_detach(&tx);
        }
        free(a);
        free(b);
    }
    return TD_OK;
}

/* The hour of day of st_t's local time, as the tables write it. */
#define SX_HOUR "printf('%02d', lt % 86400 / 3600)"

static enum td_status
sx_service(struct sctx *c)
{
    char sql[1024];
    enum td_status rc;
    struct pct_target t[4] = {
        { .tb = &c->st->t[STATS_FRT_CHANNEL], .kcol = 0, .k2col = -1,
          .n_idx = 1, .p50_idx = 2 },
        { .tb = &c->st->t[STATS_FRT_HOUR], .kcol = 1, .k2col = -1,
          .n_idx = 1, .p50_idx = 2 },
        { .tb = &c->st->t[STATS_FRT_AGENT], .kcol = 2, .k2col = -1,
          .n_idx = 1, .p50_idx = 2 },
        { .tb = &c->st->t[STATS_SUMMARY], .kcol = 3, .k2col = -1,
          .n_idx = 1, .p50_idx = 2 },
    };

    if ((rc = sx_fill(c, STATS_FRT_CHANNEL,
                      "SELECT channel, sum(n), sum(nf), NULL, NULL"
                      " FROM st_cc GROUP BY 1 ORDER BY 2 DESC, 1", NULL,
                      0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_FRT_CHANNEL], "channel");
    if ((rc = sx_fill(c, STATS_FRT_HOUR,
                      "SELECT printf('%02d', hr), sum(n), sum(nf), NULL,"
                      " NULL FROM st_cc GROUP BY hr ORDER BY hr", NULL,
                      0)) != TD_OK)
        return rc;
    snprintf(sql, sizeof sql,
             "SELECT assignee, sum(n), sum(nf), NULL, NULL FROM st_cc"
             " GROUP BY 1 ORDER BY 2 DESC, assignee IS NULL, 1 LIMIT %d",
             STATS_TOP);
    if ((rc = sx_fill(c, STATS_FRT_AGENT, sql, NULL, 0)) != TD_OK)
        return rc;
    if ((rc = pct_stream(c, "SELECT channel, " SX_HOUR ", assignee, 'all',"
                         " frt FROM st_t WHERE frt IS NOT NULL ORDER BY frt",
                         4, t, 4)) != TD_OK)
        return rc;
    /* Breaches: replied after the due time, or not replied and past it. */
    if ((rc = sx_fill(c, STATS_SLA,
        "SELECT channel, sum(nd), sum(late) + sum(open), sum(late),"
        " sum(open), 1.0 * (sum(late) + sum(open)) / sum(nd) FROM st_cc"
        " GROUP BY channel HAVING sum(nd) > 0 ORDER BY 3 DESC, 2 DESC, 1",
        NULL, 0)) != TD_OK)
        return rc;
    sx_drill_field(&c->st->t[STATS_SLA], "channel");
    return sx_backlog(c);
}

static enum td_status
sx_summary(struct sctx *c)
{
    enum td_status rc;

    /* Percentiles come with the first-response stream (sx_service). */
    rc = sx_fill(c, STATS_SUMMARY,
        "SELECT 'all', total(n), total(nf), NULL, NULL, total(nd),"
        " total(late) + total(open), total(uns) FROM st_cc", NULL, 0);
    return rc;
}

/* ---- the whole ---- */

static const char sql_drop[] =
    "DROP TABLE IF EXISTS temp.st_t; DROP TABLE IF EXISTS temp.st_b;"
    "DROP TABLE IF EXISTS temp.st_bo; DROP TABLE IF EXISTS temp.st_xo;"
    "DROP TABLE IF EXISTS temp.st_m; DROP TABLE IF EXISTS temp.st_bs;"
    "DROP TABLE IF EXISTS temp.st_bn; DROP TABLE IF EXISTS temp.st_ms;"
    "DROP TABLE IF EXISTS temp.st_mn; DROP TABLE IF EXISTS temp.st_o;"
    "DROP TABLE IF EXISTS temp.st_s; DROP TABLE IF EXISTS temp.st_ca;"
    "DROP TABLE IF EXISTS temp.st_sid; DROP TABLE IF EXISTS temp.st_ps;"
    "DROP TABLE IF EXISTS temp.st_cb; DROP TABLE IF EXISTS temp.st_cc;";

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
    c.now = o->now ? o->now : time_now();
    to = o->to ? o->to : c.now + 1;
    c.stuck_secs = (int64_t)(o->stuck_days > 0 ? o->stuck_days : 5) * 86400;
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
        (rc = sx_cubes(&c)) != TD_OK ||
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

void
stats_format(enum stats_unit u, double v, char *out, size_t n)
{
    long long s;

    if (isnan(v)) {
        snprintf(out, n, "-");
        return;
    }
    switch (u) {
    case SU_SHARE:
        snprintf(out, n, v > 0 && v < 0.01 ? "<1%%" : "%.0f%%", v * 100);
        break;
    case SU_DAYS:
        snprintf(out, n, v < 10 ? "%.1fd" : "%.0fd", v);
        break;
    case SU_SECONDS:
        s = llround(v);
        if (s < 60)
            snprintf(out, n, "%llds", s);
        else if (s < 3600)
            snprintf(out, n, "%lldm", s / 60);
        else if (s < 86400)
            snprintf(out, n, "%lldh%02lldm", s / 3600, s / 60 % 60);
        else
            snprintf(out, n, "%lldd%02lldh", s / 86400, s / 3600 % 24);
        break;
    default:
        snprintf(out, n, "%.0f", v);
        break;
    }
}

/* A date or time from the command line: *out its instant; a bare date
 * is the start of that day in tz, and day_end moves it to the next
 * day's start (an inclusive "to"). */
static enum td_status
stats_when(const char *what, const char *text, const char *tz, int day_end,
           time_t *out, struct td_error *err)
{
    size_t len = strlen(text);
    int zoned = len > 10 && (text[len - 1] == 'Z' || text[len - 1] == 'z' ||
                             strchr(text + 10, '+') ||
                             strchr(text + 10, '-'));
    time_t t;

    if (time_parse_iso(text, &t) != 0)
        return td_error_set(err, TD_EINVAL, "%s: '%s' is not a date "
                            "(YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)",
                            what, text);
    if (len == 10 && day_end)
        t += 86400;
    if (zoned) {
        *out = t;
        return TD_OK;
    }
    return tz_local_to_utc(tz, (int64_t)t, out, err);
}

enum td_status
stats_parse_range(const char *since, const char *from, const char *to,
                  const char *tz, int64_t default_since, time_t now,
                  struct stats_opts *o, struct td_error *err)
{
    enum td_status rc;
    int64_t secs;

    o->from = o->to = 0;
    if (since && (from || to))
        return td_error_set(err, TD_EINVAL, "give --since or --from/--to, "
                            "not both");
    if (since) {
        if (strcmp(since, "all") == 0)
            return TD_OK;
        if ((secs = query_parse_duration(since)) <= 0)
            return td_error_set(err, TD_EINVAL, "--since: '%s' is not a "
                                "duration (like 7d, 24h, 2w) or all", since);
        o->from = now - (time_t)secs;
        return TD_OK;
    }
    if (from && (rc = stats_when("--from", from, tz, 0, &o->from, err)) !=
        TD_OK)
        return rc;
    if (to && (rc = stats_when("--to", to, tz, 1, &o->to, err)) != TD_OK)
        return rc;
    if (o->from && o->to && o->to <= o->from)
        return td_error_set(err, TD_EINVAL, "--to is not after --from");
    if (!from && !to && default_since > 0)
        o->from = now - (time_t)default_since;
    return TD_OK;
}
