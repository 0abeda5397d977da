/* bench_stats.c: time the full statistics screen on the bench store.
 *   bench_stats PATH   give bench_store's tickets orders, items, parcels
 *                      with checkpoints and intents (once), then time
 *                      store_stats as the :stats screen runs it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/query.h"
#include "store/db.h"
#include "store/stats.h"
#include "store/store.h"

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of this process: on the shared test machine the wall clock
 * also counts other people's work. */
static double
cpu_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One or two orders per buyer of the bench store (20,000 buyers), one to
 * three items each from 200 SKUs, a parcel per order with two to four
 * checkpoints over 12 carriers; an intent on each ticket, and a third of
 * them linked to an order by its number. All in SQL:
 * random() is deterministic enough for timings. */
static const char sql_enrich[] =
    "BEGIN;"
    "INSERT INTO orders(account_id, external_id, number, customer_email,"
    " customer_ext_id, created_at, status, financial_status, ship_country)"
    " SELECT c.account_id, 'o' || c.id || '-' || k.n, '#' || (c.id * 10 + k.n),"
    " c.email, c.external_id, 1795575845 - 40 * 86400 + abs(random()) %"
    " (40 * 86400), 'open', CASE WHEN abs(random()) % 12 = 0 THEN 'refunded'"
    " ELSE 'paid' END, c.country FROM customers c,"
    " (SELECT 1 AS n UNION ALL SELECT 2) k WHERE k.n = 1 OR c.id % 2 = 0;"
    "INSERT INTO order_items(order_id, pos, sku, name, quantity)"
    " SELECT o.id, k.n, 'SKU-' || ((o.id * 7 + k.n * 13) % 200),"
    " 'Product ' || ((o.id * 7 + k.n * 13) % 200), 1 FROM orders o,"
    " (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2) k"
    " WHERE k.n <= o.id % 3;"
    "INSERT INTO shipments(account_id, external_id, order_id, carrier,"
    " tracking_number, status) SELECT o.account_id, 's' || o.id, o.id,"
    " CASE o.id % 12 WHEN 0 THEN 'DHL' WHEN 1 THEN 'UPS' WHEN 2 THEN 'FedEx'"
    " WHEN 3 THEN 'USPS' WHEN 4 THEN 'Yamato' WHEN 5 THEN 'SF Express'"
    " WHEN 6 THEN 'La Poste' WHEN 7 THEN 'Correos' WHEN 8 THEN 'PostNL'"
    " WHEN 9 THEN 'Aramex' WHEN 10 THEN 'J&T' ELSE 'Kerry' END,"
    " 'T' || o.id, CASE abs(random()) % 20 WHEN 0 THEN 'exception'"
    " WHEN 1 THEN 'customs' WHEN 2 THEN 'returning' WHEN 3 THEN 'in-transit'"
    " WHEN 4 THEN 'in-transit' ELSE 'delivered' END FROM orders o;"
    "INSERT INTO shipment_events(shipment_id, pos, time, status)"
    " SELECT s.id, k.n, o.created_at + 86400 + k.n * (abs(random()) %"
    " (3 * 86400)), CASE WHEN k.n = 3 AND s.status = 'delivered'"
    " THEN 'delivered' ELSE 'in-transit' END FROM shipments s JOIN orders o"
    " ON o.id = s.order_id, (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL"
    " SELECT 2 UNION ALL SELECT 3) k WHERE k.n < 2 + s.id % 3"
    " OR (k.n = 3 AND s.status = 'delivered');"
    "UPDATE tickets SET intent = CASE abs(random()) % 10"
    " WHEN 0 THEN 'where_is_my_order' WHEN 1 THEN 'return_refund'"
    " WHEN 2 THEN 'cancel_order' WHEN 3 THEN 'change_address'"
    " WHEN 4 THEN 'damaged_defective' WHEN 5 THEN 'wrong_item'"
    " WHEN 6 THEN 'payment_issue' WHEN 7 THEN 'product_question'"
    " WHEN 8 THEN 'complaint' ELSE 'thanks_other' END,"
    " assignee = CASE id % 5 WHEN 0 THEN NULL ELSE 'agent' || (id % 7) END;"
    /* A third of the tickets quote their order's number, as sync links
     * them (ticket_orders, how 'text'). */
    "INSERT OR IGNORE INTO ticket_orders(ticket_id, order_ref, how,"
    " created_at) SELECT t.id, ltrim(o.number, '#'), 'text', 0"
    " FROM tickets t JOIN customers c ON c.id = t.requester_id"
    " JOIN orders o ON o.account_id = c.account_id"
    " AND o.external_id = 'o' || c.id || '-1' WHERE t.id % 3 = 0;"
    "COMMIT;";

/* The bench store's tickets span the 30 days before this time. */
#define BENCH_NOW ((time_t)1795575845)

static int
run(struct store *st, const char *qtext, time_t since, const char *label)
{
    struct stats_opts o = { .tz = "Europe/Berlin", .now = BENCH_NOW,
                            .from = since ? BENCH_NOW - since : 0 };
    struct stats *s = NULL;
    struct query q;
    struct td_error err;
    double t0, c0;
    size_t rows = 0;

    if (query_parse(qtext, &q, &err) != TD_OK)
        goto fail;
    t0 = now_ms();
    c0 = cpu_ms();
    if (store_stats(st, &q, &o, &s, &err) != TD_OK)
        goto fail;
    for (int i = 0; i < STATS_COUNT; i++)
        rows += s->t[i].n;
    printf("stats %-24s %7.1f ms wall, %7.1f ms cpu (%lld tickets, %zu rows"
           " in %d tables)\n", label, now_ms() - t0, cpu_ms() - c0,
           (long long)s->t[STATS_SUMMARY].rows[0].v[0], rows, STATS_COUNT);
    stats_free(&s);
    query_clear(&q);
    return 0;
fail:
    fprintf(stderr, "bench_stats: %s\n", err.msg);
    query_clear(&q);
    return 1;
}

int
main(int argc, char **argv)
{
    struct store *st = NULL;
    struct td_error err;
    sqlite3_stmt *q;
    int have = 0, rc = 0;
    double t0;

    if (argc != 2) {
        fprintf(stderr, "usage: bench_stats PATH\n");
        return 2;
    }
    if (store_open(argv[1], &st, &err) != TD_OK) {
        fprintf(stderr, "bench_stats: %s\n", err.msg);
        return 1;
    }
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM orders", -1, &q,
                           NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            have = sqlite3_column_int(q, 0) > 0;
        sqlite3_finalize(q);
    }
    if (!have) {
        t0 = now_ms();
        if (sqlite3_exec(st->db, sql_enrich, NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "bench_stats: %s\n", sqlite3_errmsg(st->db));
            store_close(&st);
            return 1;
        }
        printf("stats: orders, items, parcels, intents added in %.0f ms\n",
               now_ms() - t0);
    }
    rc |= run(st, "", 0, "full screen, all time:");
    rc |= run(st, "", 0, "again (warm):");
    rc |= run(st, "", 7 * 86400, "last 7 days:");
    rc |= run(st, "status:unsolved intent:wrong_item", 0,
              "status+intent query:");
    store_close(&st);
    return rc;
}
