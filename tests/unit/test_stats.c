/* test_stats.c: every statistics table against a hand-built store with
 * known answers, the drill-down queries, and the zone arithmetic. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/query.h"
#include "store/db.h"
#include "store/stats.h"
#include "store/store.h"
#include "ui/chart.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/tzspan.h"
#include "util/xmalloc.h"

#define NOW ((time_t)1764000000)    /* Monday 2025-11-24 16:00 UTC */
#define H 3600
#define D 86400

struct fx {
    struct store *s;
    struct stats *st;
    struct td_error err;
};

static void
exec_sql(struct store *s, const char *sql)
{
    char *msg = NULL;

    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        print_error("%s\n%s\n", msg, sql);
        sqlite3_free(msg);
        fail();
    }
}

static void
execf(struct store *s, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    exec_sql(s, sql);
}

/* Five tickets, four orders, four parcels; the answers are worked out by
 * hand in the comments of each test. */
static void
build(struct store *s)
{
    long long n = (long long)NOW;

    exec_sql(s,
        "INSERT INTO accounts(id, name, driver) VALUES (1, 'main', 'local');"
        "INSERT INTO customers(id, account_id, external_id, email, country)"
        " VALUES (1, 1, 'c1', 'a@x.example', 'de'),"
        " (2, 1, 'c2', 'b@x.example', 'FR'), (3, 1, 'c3', NULL, NULL);");
    /* o1 and o4 are c1's (o1 the newer), o2 is c2's by email only, in
     * another case; o3 nobody's until t5 links it by number. */
    execf(s,
        "INSERT INTO orders(id, account_id, external_id, number,"
        " customer_email, customer_ext_id, created_at, status,"
        " financial_status, ship_country) VALUES"
        " (1, 1, 'o1', '#1001', NULL, 'c1', %lld, 'open', 'paid', 'AT'),"
        " (2, 1, 'o2', '#1002', 'B@X.EXAMPLE', NULL, %lld, 'open',"
        "  'refunded', 'FR'),"
        " (3, 1, 'o3', '#3003', NULL, NULL, %lld, 'open', 'paid', 'US'),"
        " (4, 1, 'o4', '#1004', NULL, 'c1', %lld, 'open', 'paid', 'CH');",
        n - 10 * D, n - 9 * D, n - 12 * D, n - 20 * D);
    exec_sql(s,
        "INSERT INTO order_items(order_id, pos, sku, name) VALUES"
        " (1, 0, 'SKU-A', 'Mug'), (1, 1, 'SKU-B', 'Lamp'),"
        " (2, 0, 'SKU-A', 'Mug'), (3, 0, 'sku-b', 'Lamp'),"
        " (4, 0, 'SKU-C', 'Desk');"
        "INSERT INTO shipments(id, account_id, external_id, order_id,"
        " carrier, status) VALUES (1, 1, 's1', 1, 'DHL', 'delivered'),"
        " (2, 1, 's2', 2, 'DHL', 'delivered'),"
        " (3, 1, 's3', 3, 'UPS', 'in-transit'),"
        " (4, 1, 's4', 4, 'dhl', 'customs');");
    /* s1 takes 3 days, s2 5; s3 has been silent for 10 days. */
    execf(s,
        "INSERT INTO shipment_events(shipment_id, pos, time, status) VALUES"
        " (1, 0, %lld, 'info-received'), (1, 1, %lld, 'delivered'),"
        " (2, 0, %lld, 'in-transit'), (2, 1, %lld, 'delivered'),"
        " (3, 0, %lld, 'in-transit'), (4, 0, %lld, 'customs');",
        n - 9 * D, n - 6 * D, n - 8 * D, n - 3 * D, n - 10 * D, n - D);
    execf(s,
        "INSERT INTO tickets(id, account_id, external_id, status, priority,"
        " channel, language, requester_id, assignee, created_at,"
        " updated_at, first_response_due, intent, first_reply_at) VALUES"
        " (1, 1, 't1', 'open', 1, 'email', 'de', 1, 'alice', %lld, %lld,"
        "  %lld, 'where_is_my_order', %lld),"
        " (2, 1, 't2', 'solved', 1, 'chat', 'de-AT', 1, 'alice', %lld,"
        "  %lld, %lld, 'damaged_defective', %lld),"
        " (3, 1, 't3', 'new', 1, 'email', 'fr', 2, 'bob', %lld, %lld,"
        "  %lld, 'wrong_item', 0),"
        " (4, 1, 't4', 'pending', 1, 'whatsapp', NULL, 3, NULL, %lld,"
        "  %lld, NULL, NULL, %lld),"
        " (5, 1, 't5', 'open', 1, 'email', 'en', 3, 'bob', %lld, %lld,"
        "  %lld, 'complaint', %lld);",
        n - 2 * H, n, n - 90 * 60, n - H,
        n - D, n, n - D + H, n - D + 600,
        n - 3 * D, n, n - 2 * D,
        n - 40 * D, n, n - 40 * D + 2 * H,
        n - 5 * H, n, n - 4 * H, n - 5 * H + 1800);
    exec_sql(s, "INSERT INTO ticket_orders(ticket_id, order_ref, how,"
                " created_at) VALUES (5, '3003', 'manual', 0);");
}

static int
setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    struct query q;
    struct stats_opts o = { .tz = "Europe/Berlin", .now = NOW };

    if (store_open(":memory:", &f->s, &f->err) != TD_OK)
        return -1;
    build(f->s);
    query_parse("", &q, &f->err);
    if (store_stats(f->s, &q, &o, &f->st, &f->err) != TD_OK) {
        print_error("%s\n", f->err.msg);
        return -1;
    }
    query_clear(&q);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;

    stats_free(&f->st);
    store_close(&f->s);
    free(f);
    return 0;
}

/* The table's rows as "key[/key2]=v0,v1,...;" with NAN as "-" and
 * values printed with %g. */
static char *
dump(const struct stats *st, enum stats_id id)
{
    const struct stats_table *tb = &st->t[id];
    static char out[8192];
    size_t len = 0;

    out[0] = '\0';
    for (size_t i = 0; i < tb->n; i++) {
        const struct stats_row *r = &tb->rows[i];

        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s%s=",
                                r->key ? r->key : "-",
                                r->key2 ? "/" : "",
                                r->key2 ? r->key2 : "");
        for (int k = 0; k < tb->def->n_vals; k++) {
            if (isnan(r->v[k]))
                len += (size_t)snprintf(out + len, sizeof out - len, "%s-",
                                        k ? "," : "");
            else
                len += (size_t)snprintf(out + len, sizeof out - len,
                                        "%s%.4g", k ? "," : "", r->v[k]);
        }
        len += (size_t)snprintf(out + len, sizeof out - len, ";");
    }
    return out;
}

static void
test_summary(void **state)
{
    struct fx *f = *state;

    /* 5 tickets, 4 answered in 600, 1800, 3600, 7200 s: p50 is rank 2,
     * p90 rank 4. Four have a due time; t1 answered late, t3 is past it
     * unanswered. t2 is solved. */
    assert_string_equal(dump(f->st, STATS_SUMMARY),
                        "all=5,4,1800,7200,4,2,4;");
}

static void
test_volume(void **state)
{
    struct fx *f = *state;

    assert_string_equal(dump(f->st, STATS_VOLUME_CHANNEL),
                        "email=3;chat=1;whatsapp=1;");
    /* de-AT counts as de, so that lang:de finds both. */
    assert_string_equal(dump(f->st, STATS_VOLUME_LANGUAGE),
                        "de=2;en=1;fr=1;-=1;");
    /* t1, t2: c1's newest order goes to AT (o4 to CH is older); t3: o2
     * by email; t4: nothing known; t5: o3, linked by hand. */
    assert_string_equal(dump(f->st, STATS_VOLUME_COUNTRY),
                        "AT=2;FR=1;US=1;-=1;");
    assert_string_equal(dump(f->st, STATS_VOLUME_INTENT),
                        "complaint=1;damaged_defective=1;"
                        "where_is_my_order=1;wrong_item=1;-=1;");
}

static void
test_time_buckets(void **state)
{
    struct fx *f = *state;
    const struct stats_table *d = &f->st->t[STATS_VOLUME_DAY];
    const struct stats_table *h = &f->st->t[STATS_VOLUME_HOUR];
    const struct stats_table *m = &f->st->t[STATS_HEATMAP];

    /* Berlin is UTC+1 in November, +2 in mid-October: t4 was created
     * 2025-10-15 16:00 UTC = 18:00 there, a Wednesday. From that day to
     * today, 41 days. */
    assert_int_equal(d->n, 41);
    assert_string_equal(d->rows[0].key, "2025-10-15");
    assert_true(d->rows[0].v[0] == 1);
    assert_string_equal(d->rows[40].key, "2025-11-24");
    assert_true(d->rows[40].v[0] == 2);
    assert_string_equal(d->rows[39].key, "2025-11-23");
    assert_true(d->rows[39].v[0] == 1);
    assert_true(d->rows[38].v[0] == 0);
    assert_string_equal(d->rows[40].drill,
                        "created>2025-11-24T00:00+01:00 "
                        "created<2025-11-25T00:00+01:00");
    assert_int_equal(h->n, 24);
    assert_true(h->rows[12].v[0] == 1 && h->rows[15].v[0] == 1 &&
                h->rows[17].v[0] == 2 && h->rows[18].v[0] == 1 &&
                h->rows[16].v[0] == 0);
    /* Row wd * 24 + hour, Monday first. */
    assert_int_equal(m->n, 7 * 24);
    assert_string_equal(m->rows[0 * 24 + 15].key, "Mon");
    assert_true(m->rows[0 * 24 + 15].v[0] == 1);
    assert_true(m->rows[0 * 24 + 12].v[0] == 1);
    assert_true(m->rows[2 * 24 + 18].v[0] == 1);
    assert_true(m->rows[4 * 24 + 17].v[0] == 1);
    assert_true(m->rows[6 * 24 + 17].v[0] == 1);
    assert_true(m->rows[6 * 24 + 16].v[0] == 0);
}

static void
test_products(void **state)
{
    struct fx *f = *state;

    /* SKU-A: t1, t2 (o1) and t3 (o2); SKU-B: t1, t2 (o1) and t5 (o3's
     * sku-b, the same SKU); SKU-C: t1, t2 (o4). Complaints: t2
     * damaged, t3 wrong item, t5 complaint. */
    assert_string_equal(dump(f->st, STATS_PRODUCT_SKU),
                        "SKU-A/Mug=3,2;SKU-B/Lamp=3,2;SKU-C/Desk=2,1;");
    assert_string_equal(dump(f->st, STATS_PRODUCT_NAME),
                        "Lamp=3,2;Mug=3,2;Desk=2,1;");
    /* Every order (no query): o2 was refunded. */
    assert_string_equal(dump(f->st, STATS_PRODUCT_RETURNS),
                        "SKU-A=2,1,0.5;SKU-B=2,0,0;SKU-C=1,0,0;");
    assert_string_equal(dump(f->st, STATS_PRODUCT_DAMAGE),
                        "SKU-A=2,1,1;SKU-B=1,1,0;SKU-C=1,1,0;");
}

static void
test_logistics(void **state)
{
    struct fx *f = *state;

    /* DHL (any case): s1 3 days, s2 5 days, s4 in customs. UPS: s3
     * silent for 10 days, stuck (the default is 7). */
    assert_string_equal(dump(f->st, STATS_SHIP_CARRIER),
                        "DHL=3,2,3,5,0,0,0.3333,0;UPS=1,0,-,-,1,0,0,0;");
    assert_string_equal(dump(f->st, STATS_SHIP_COUNTRY),
                        "AT=1,1,3,3,0,0,0,0;CH=1,0,-,-,0,0,1,0;"
                        "FR=1,1,5,5,0,0,0,0;US=1,0,-,-,1,0,0,0;");
    /* Worst first: the lanes with problems, then the slowest. */
    assert_string_equal(dump(f->st, STATS_SHIP_LANE),
                        "UPS/US=1,0,1,-,-,1,0,0,0;dhl/CH=1,0,1,-,-,0,0,1,0;"
                        "DHL/FR=1,1,0,5,5,0,0,0,0;DHL/AT=1,1,0,3,3,0,0,0,0;");
}

static void
test_service(void **state)
{
    struct fx *f = *state;

    assert_string_equal(dump(f->st, STATS_FRT_CHANNEL),
                        "email=3,2,1800,3600;chat=1,1,600,600;"
                        "whatsapp=1,1,7200,7200;");
    assert_string_equal(dump(f->st, STATS_FRT_AGENT),
                        "alice=2,2,600,3600;bob=2,1,1800,1800;"
                        "-=1,1,7200,7200;");
    /* Hours in Berlin: t5 12:00, t1 15:00, t2 and t3 17:00, t4 18:00. */
    assert_string_equal(dump(f->st, STATS_FRT_HOUR),
                        "12=1,1,1800,1800;15=1,1,3600,3600;"
                        "17=2,1,600,600;18=1,1,7200,7200;");
    /* email: t1 late, t3 overdue, t5 in time; chat: t2 in time. */
    assert_string_equal(dump(f->st, STATS_SLA),
                        "email=3,2,1,1,0.6667;chat=1,0,0,0,0;");
    /* Unsolved now: t1 2h, t5 5h, t3 3 days (exactly), t4 40 days. */
    assert_string_equal(dump(f->st, STATS_BACKLOG),
                        "<1h=0;1-4h=1;4-24h=1;1-3d=0;3-7d=1;7-30d=0;>30d=1;");
}

/* Each drill-down query, run as the inbox runs it, finds as many tickets
 * as the bar counted. */
static void
check_drills(struct fx *f, enum stats_id id, const char *user)
{
    const struct stats_table *tb = &f->st->t[id];
    size_t tried = 0;

    for (size_t i = 0; i < tb->n; i++) {
        char *text = stats_drill_query(f->st, user, &tb->rows[i]);
        struct query q;
        int64_t n = -1;

        if (text == NULL)
            continue;
        if (query_parse(text, &q, &f->err) != TD_OK) {
            print_error("%s: %s\n", text, f->err.msg);
            fail();
        }
        q.now = NOW;
        assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
        if (n != (int64_t)tb->rows[i].v[0])
            print_error("%s: %s found %lld, bar %g\n", tb->def->name, text,
                        (long long)n, tb->rows[i].v[0]);
        assert_int_equal(n, (int64_t)tb->rows[i].v[0]);
        query_clear(&q);
        free(text);
        tried++;
    }
    assert_true(tried > 0);
}

static void
test_drill(void **state)
{
    struct fx *f = *state;

    check_drills(f, STATS_VOLUME_CHANNEL, NULL);
    check_drills(f, STATS_VOLUME_LANGUAGE, NULL);
    check_drills(f, STATS_VOLUME_COUNTRY, NULL);
    check_drills(f, STATS_VOLUME_INTENT, NULL);
    check_drills(f, STATS_VOLUME_DAY, NULL);
    check_drills(f, STATS_PRODUCT_SKU, NULL);
    check_drills(f, STATS_PRODUCT_DAMAGE, NULL);
    check_drills(f, STATS_BACKLOG, NULL);
    assert_string_equal(f->st->t[STATS_PRODUCT_SKU].rows[0].drill,
                        "sku:SKU-A");
}

/* A query and a range narrow every figure, and the drill-downs keep
 * both. */
static void
test_filtered(void **state)
{
    struct fx *f = *state;
    struct stats *saved = f->st;
    struct stats_opts o = { .tz = "Europe/Berlin", .now = NOW,
                            .from = NOW - 4 * D, .to = NOW };
    struct query q;

    assert_int_equal(query_parse("channel:email -intent:complaint", &q,
                                 &f->err), TD_OK);
    q.now = NOW;
    assert_int_equal(store_stats(f->s, &q, &o, &f->st, &f->err), TD_OK);
    query_clear(&q);
    /* t1 and t3 (t5 is a complaint, t4 too old and on whatsapp). */
    assert_string_equal(dump(f->st, STATS_SUMMARY),
                        "all=2,1,3600,3600,2,2,2;");
    assert_string_equal(dump(f->st, STATS_VOLUME_COUNTRY), "AT=1;FR=1;");
    /* Orders come from the tickets' links now: o1, o4 (t1), o2 (t3). */
    assert_string_equal(dump(f->st, STATS_PRODUCT_RETURNS),
                        "SKU-A=2,1,0.5;SKU-B=1,0,0;SKU-C=1,0,0;");
    assert_string_equal(dump(f->st, STATS_SHIP_CARRIER),
                        "DHL=3,2,3,5,0,0,0.3333,0;");
    assert_int_equal(f->st->t[STATS_VOLUME_DAY].n, 5);
    check_drills(f, STATS_VOLUME_COUNTRY, "channel:email -intent:complaint");
    check_drills(f, STATS_VOLUME_DAY, "channel:email -intent:complaint");
    check_drills(f, STATS_PRODUCT_SKU, "channel:email -intent:complaint");
    stats_free(&f->st);
    f->st = saved;
}

/* Around both DST changes of 2025 in Berlin the hours and days follow
 * the wall clock there. */
static void
test_dst(void **state)
{
    struct fx *f = *state;
    struct stats *saved = f->st;
    struct stats_opts o = { .tz = "Europe/Berlin", .now = NOW };
    struct query q;
    const struct stats_table *m, *d;
    time_t a, b, c, e;
    size_t k;

    /* 00:30Z = 01:30 CET; 01:30Z = 03:30 CEST (02:00 never happened).
     * In October 00:30Z = 02:30 CEST and 01:30Z = 02:30 CET. */
    time_parse_iso("2025-03-30T00:30:00Z", &a);
    time_parse_iso("2025-03-30T01:30:00Z", &b);
    time_parse_iso("2025-10-26T00:30:00Z", &c);
    time_parse_iso("2025-10-26T01:30:00Z", &e);
    execf(f->s, "DELETE FROM tickets; INSERT INTO tickets(id, account_id,"
          " external_id, status, priority, channel, created_at) VALUES"
          " (11, 1, 'd1', 'open', 1, 'email', %lld),"
          " (12, 1, 'd2', 'open', 1, 'email', %lld),"
          " (13, 1, 'd3', 'open', 1, 'email', %lld),"
          " (14, 1, 'd4', 'open', 1, 'email', %lld);",
          (long long)a, (long long)b, (long long)c, (long long)e);
    query_parse("", &q, &f->err);
    assert_int_equal(store_stats(f->s, &q, &o, &f->st, &f->err), TD_OK);
    query_clear(&q);
    m = &f->st->t[STATS_HEATMAP];
    assert_true(m->rows[6 * 24 + 1].v[0] == 1);
    assert_true(m->rows[6 * 24 + 2].v[0] == 2);
    assert_true(m->rows[6 * 24 + 3].v[0] == 1);
    d = &f->st->t[STATS_VOLUME_DAY];
    assert_string_equal(d->rows[0].key, "2025-03-30");
    assert_true(d->rows[0].v[0] == 2);
    /* The day of the spring change is 23 hours long. */
    assert_string_equal(d->rows[0].drill, "created>2025-03-30T00:00+01:00 "
                        "created<2025-03-31T00:00+02:00");
    for (k = 0; k < d->n; k++)
        if (strcmp(d->rows[k].key, "2025-10-26") == 0)
            break;
    assert_true(k < d->n);
    assert_true(d->rows[k].v[0] == 2);
    check_drills(f, STATS_VOLUME_DAY, NULL);
    stats_free(&f->st);
    f->st = saved;
}

static void
test_tz(void **state)
{
    struct tz_span *sp;
    size_t n;
    struct td_error err;
    time_t from, to;

    (void)state;
    time_parse_iso("2025-01-01", &from);
    time_parse_iso("2026-01-01", &to);
    assert_int_equal(tz_spans("Europe/Berlin", from, to, &sp, &n, &err),
                     TD_OK);
    assert_int_equal(n, 3);
    assert_int_equal(sp[0].offset, 3600);
    assert_int_equal(sp[1].offset, 7200);
    time_parse_iso("2025-03-30T01:00:00Z", &from);
    assert_int_equal(sp[1].start, (int64_t)from);
    time_parse_iso("2025-10-26T01:00:00Z", &from);
    assert_int_equal(sp[2].start, (int64_t)from);
    free(sp);
    assert_int_equal(tz_check("Mars/Olympus", &err), TD_EINVAL);
    assert_int_equal(tz_check("../../etc/passwd", &err), TD_EINVAL);
    assert_int_equal(tz_check("UTC", &err), TD_OK);
}

/* The query words the statistics' drill-downs use. */
static void
test_query_fields(void **state)
{
    struct fx *f = *state;
    struct query q;
    struct td_error err;
    int64_t n;
    time_t t;

    assert_int_equal(query_parse("intent:wrong_item,none sku:\"sku-a\" "
                                 "carrier:dhl shipto:at created>2025-01-01 "
                                 "created<2026-01-01T00:00+01:00", &q, &err),
                     TD_OK);
    assert_int_equal(q.n_terms, 6);
    assert_int_equal(q.terms[0].field, QF_INTENT);
    assert_string_equal(q.terms[0].value, "wrong_item,none");
    assert_int_equal(q.terms[3].field, QF_SHIPTO);
    assert_string_equal(q.terms[3].value, "AT");
    assert_int_equal(q.terms[4].op, QO_GT);
    time_parse_iso("2025-12-31T23:00:00Z", &t);
    assert_int_equal(q.terms[5].seconds, (int64_t)t);
    query_clear(&q);
    assert_int_equal(query_parse("intent:angry", &q, &err), TD_EINVAL);
    assert_non_null(strstr(err.msg, "unknown intent 'angry'"));
    assert_int_equal(query_parse("created>yesterday", &q, &err), TD_EINVAL);
    assert_non_null(strstr(err.msg, "not a date or time"));
    assert_int_equal(query_parse("created:2025-01-01", &q, &err), TD_EINVAL);
    assert_int_equal(query_parse("shipto:Austria", &q, &err), TD_EINVAL);
    /* In the store: t1 and t2 hold SKU-A through o1; t3 through o2. The
     * test_dst run emptied tickets, so build a fresh store. */
    (void)f;
    {
        struct store *s2;

        assert_int_equal(store_open(":memory:", &s2, &err), TD_OK);
        build(s2);
        assert_int_equal(query_parse("sku:sku-a", &q, &err), TD_OK);
        assert_int_equal(store_inbox_count(s2, &q, &n, &err), TD_OK);
        assert_int_equal(n, 3);
        query_clear(&q);
        assert_int_equal(query_parse("carrier:ups", &q, &err), TD_OK);
        assert_int_equal(store_inbox_count(s2, &q, &n, &err), TD_OK);
        assert_int_equal(n, 1);     /* t5, through the hand-made link */
        query_clear(&q);
        assert_int_equal(query_parse("-intent:none shipto:AT,FR", &q, &err),
                         TD_OK);
        assert_int_equal(store_inbox_count(s2, &q, &n, &err), TD_OK);
        assert_int_equal(n, 3);
        query_clear(&q);
        store_close(&s2);
    }
}

/* Orders a message quotes: t2 its buyer's own #1001 (nothing changes),
 * t1 somebody else's #1002, newer than its own, to FR with SKU-A (which
 * t1's buyer has already), and a tracking number of s3 (UPS, sku-b). */
static void
test_quoted_orders(void **state)
{
    struct fx *f = *state;
    struct store *s2;
    struct stats *st;
    struct query q;
    struct stats_opts o = { .tz = "Europe/Berlin", .now = NOW };
    struct stats *saved = f->st;
    struct store *saved_s = f->s;

    assert_int_equal(store_open(":memory:", &s2, &f->err), TD_OK);
    build(s2);
    exec_sql(s2, "UPDATE shipments SET tracking_number = 'ab-123' WHERE id = 3;"
             "INSERT INTO ticket_orders(ticket_id, order_ref, how, created_at)"
             " VALUES (2, '1001', 'text', 0), (1, '1002', 'text', 0),"
             " (3, 'AB123', 'tracking', 0);");
    query_parse("", &q, &f->err);
    assert_int_equal(store_stats(s2, &q, &o, &st, &f->err), TD_OK);
    query_clear(&q);
    f->st = st;
    f->s = s2;
    assert_string_equal(dump(st, STATS_VOLUME_COUNTRY),
                        "FR=2;AT=1;US=1;-=1;");
    /* t3 gets sku-b (SKU-B) through the tracking number's order o3. */
    assert_string_equal(dump(st, STATS_PRODUCT_SKU),
                        "SKU-B/Lamp=4,3;SKU-A/Mug=3,2;SKU-C/Desk=2,1;");
    check_drills(f, STATS_VOLUME_COUNTRY, NULL);
    check_drills(f, STATS_PRODUCT_SKU, NULL);
    check_drills(f, STATS_PRODUCT_DAMAGE, NULL);
    stats_free(&st);
    store_close(&s2);
    f->st = saved;
    f->s = saved_s;
}

static void
test_chart(void **state)
{
    struct buf b;
    double v[5] = { 0, 1, 4, 8, NAN };
    int level;

    (void)state;
    buf_init(&b, 0);
    chart_bar(&b, 5, 10, 4, 1);
    assert_string_equal(buf_str(&b), "██  ");
    buf_reset(&b);
    chart_bar(&b, 3, 8, 2, 1);      /* 6 eighths: a three-quarter block */
    assert_string_equal(buf_str(&b), "▊ ");
    buf_reset(&b);
    chart_bar(&b, 0.001, 10, 3, 1); /* a sliver, never nothing */
    assert_string_equal(buf_str(&b), "▏  ");
    buf_reset(&b);
    chart_bar(&b, 3, 8, 4, 0);      /* ASCII rounds up to whole cells */
    assert_string_equal(buf_str(&b), "##  ");
    buf_reset(&b);
    chart_bar(&b, 20, 10, 3, 0);
    assert_string_equal(buf_str(&b), "###");
    buf_reset(&b);
    chart_spark(&b, v, 5, 8, 1);
    assert_string_equal(buf_str(&b), " ▁▄█ ");
    buf_reset(&b);
    chart_spark(&b, v, 5, 8, 0);
    assert_string_equal(buf_str(&b), " .=# ");
    assert_string_equal(chart_shade(0, 8, 1, &level), " ");
    assert_int_equal(level, 0);
    assert_string_equal(chart_shade(8, 8, 1, &level), "█");
    assert_int_equal(level, 4);
    assert_string_equal(chart_shade(1, 8, 0, &level), ".");
    buf_free(&b);
}

static void
test_format_range(void **state)
{
    struct stats_opts o;
    struct td_error err;
    char s[32];
    time_t a, b;

    (void)state;
    stats_format(SU_SECONDS, 3900, s, sizeof s);
    assert_string_equal(s, "1h05m");
    stats_format(SU_SECONDS, 2 * D + 5 * H, s, sizeof s);
    assert_string_equal(s, "2d05h");
    stats_format(SU_SHARE, 0.334, s, sizeof s);
    assert_string_equal(s, "33%");
    stats_format(SU_DAYS, NAN, s, sizeof s);
    assert_string_equal(s, "-");
    assert_int_equal(stats_parse_range("7d", NULL, NULL, "UTC", 0, NOW, &o,
                                       &err), TD_OK);
    assert_int_equal(o.from, NOW - 7 * D);
    assert_int_equal(o.to, 0);
    /* Dates are days in the zone; --to's day is included. */
    assert_int_equal(stats_parse_range(NULL, "2025-03-30", "2025-03-30",
                                       "Europe/Berlin", 0, NOW, &o, &err),
                     TD_OK);
    time_parse_iso("2025-03-29T23:00:00Z", &a);
    time_parse_iso("2025-03-30T22:00:00Z", &b);
    assert_int_equal(o.from, a);
    assert_int_equal(o.to, b);
    assert_int_equal(stats_parse_range(NULL, NULL, NULL, "UTC", 30 * D, NOW,
                                       &o, &err), TD_OK);
    assert_int_equal(o.from, NOW - 30 * D);
    assert_int_equal(stats_parse_range("all", NULL, NULL, "UTC", 30 * D, NOW,
                                       &o, &err), TD_OK);
    assert_int_equal(o.from, 0);
    assert_int_equal(stats_parse_range("7d", "2025-01-01", NULL, "UTC", 0,
                                       NOW, &o, &err), TD_EINVAL);
    assert_int_equal(stats_parse_range(NULL, "2025-02-01", "2025-01-01",
                                       "UTC", 0, NOW, &o, &err), TD_EINVAL);
    assert_int_equal(stats_parse_range(NULL, "soon", NULL, "UTC", 0, NOW,
                                       &o, &err), TD_EINVAL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_volume),
        cmocka_unit_test(test_time_buckets),
        cmocka_unit_test(test_products),
        cmocka_unit_test(test_logistics),
        cmocka_unit_test(test_service),
        cmocka_unit_test(test_drill),
        cmocka_unit_test(test_filtered),
        cmocka_unit_test(test_dst),
        cmocka_unit_test(test_tz),
        cmocka_unit_test(test_query_fields),
        cmocka_unit_test(test_quoted_orders),
        cmocka_unit_test(test_chart),
        cmocka_unit_test(test_format_range),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
