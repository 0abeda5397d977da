/* bench_store.c: build a 100,000-ticket store and time the inbox queries on it.
 *   bench_store gen PATH N     fill a new store at PATH with N tickets
 *   bench_store measure PATH   open, first page, page at offset N/2, FTS,
 *                              count, SLA policies applied to every
 *                              ticket, the breaching view, with peak RSS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/query.h"
#include "core/sla.h"
#include "store/store.h"
#include "util/xmalloc.h"

#define PAGE 50

static const char *const words[] = {
    "order", "parcel", "refund", "customs", "delivery", "damaged", "size",
    "pedido", "paquete", "reembolso", "Bestellung", "Paket", "Rückerstattung",
    "commande", "colis", "remboursement", "encomenda", "entrega", "ordine",
    "sipariş", "kargo", "طلب", "شحنة", "注文", "荷物", "pesanan", "paket",
    "คำสั่งซื้อ", "đơn hàng", "where", "still", "not", "arrived", "wrong",
};
static const char *const langs[] = { "en", "es", "de", "fr", "pt", "it", "tr",
                                     "ar", "ja", "id", "th", "vi" };
static const char *const countries[] = { "US", "ES", "DE", "FR", "BR", "IT",
                                         "TR", "SA", "JP", "ID", "TH", "VN" };

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *
sentence(unsigned *seed, int n)
{
    char buf[1024];
    size_t len = 0;

    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *w = words[rand_r(seed) % (sizeof words / sizeof *words)];
        int k = snprintf(buf + len, sizeof buf - len, "%s%s", i ? " " : "", w);

        if (k < 0 || (size_t)k >= sizeof buf - len)
            break;
        len += (size_t)k;
    }
    return xstrdup(buf);
}

static int
gen(const char *path, long n)
{
    struct store *st = NULL;
    struct td_error err;
    int64_t acct;
    unsigned seed = 20261125;
    time_t base = 1795575845 - 30 * 86400;
    double t0 = now_ms();

    unlink(path);
    if (store_open(path, &st, &err) != TD_OK ||
        store_account_ensure(st, "bench", "local", "/dev/null", &acct, &err))
        goto fail;
    for (long i = 0; i < n; i++) {
        struct ticket t = { 0 };
        int l = rand_r(&seed) % 12;

        if (i % 500 == 0 && store_begin(st, &err) != TD_OK)
            goto fail;
        t.account_id = acct;
        t.external_id = xasprintf("%ld", 100000 + i);
        t.subject = sentence(&seed, 5);
        t.status = (enum ticket_status)(rand_r(&seed) % TS_COUNT);
        t.priority = (enum ticket_priority)(rand_r(&seed) % TP_COUNT);
        t.channel = (enum channel)(rand_r(&seed) % 5);
        t.language = xstrdup(langs[l]);
        t.created_at = base + (time_t)(rand_r(&seed) % (30 * 86400));
        t.updated_at = t.created_at + rand_r(&seed) % 86400;
        if (rand_r(&seed) % 3 == 0)
            t.first_response_due = t.created_at + 86400;
        t.requester.external_id = xasprintf("c%ld", i % 20000);
        t.requester.name = xasprintf("Buyer %ld", i % 20000);
        t.requester.email = xasprintf("buyer%ld@example.com", i % 20000);
        t.requester.country = xstrdup(countries[l]);
        if (store_customer_upsert(st, acct, &t.requester, &err) != TD_OK)
            goto fail;
        for (int m = 0; m < 3; m++) {
            struct message *msg = ticket_add_message(&t);

            msg->external_id = xasprintf("m%d", m);
            msg->author = m == 1 ? AK_AGENT : AK_CUSTOMER;
            msg->is_public = 1;
            msg->body = sentence(&seed, 30);
            msg->created_at = t.created_at + m * 3600;
        }
        if (store_ticket_upsert(st, &t, &err) != TD_OK)
            goto fail;
        ticket_clear(&t);
        if ((i + 1) % 500 == 0 || i + 1 == n)
            if (store_commit(st, &err) != TD_OK)
                goto fail;
    }
    printf("generate: %ld tickets x 3 messages stored in %.0f ms "
           "(%.0f tickets/s)\n", n, now_ms() - t0,
           n / ((now_ms() - t0) / 1e3));
    store_close(&st);
    return 0;
fail:
    fprintf(stderr, "bench_store: %s\n", err.msg);
    store_close(&st);
    return 1;
}

static double
page(struct store *st, const char *qtext, size_t offset, size_t *got)
{
    struct ticket rows[PAGE];
    struct query q = { 0 };
    struct td_error err;
    double t0 = now_ms(), dt;

    if (query_parse(qtext, &q, &err) != TD_OK ||
        store_inbox_page(st, &q, offset, PAGE, rows, got, &err) != TD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        exit(1);
    }
    dt = now_ms() - t0;
    for (size_t i = 0; i < *got; i++)
        ticket_clear(&rows[i]);
    query_clear(&q);
    return dt;
}

/* Business-hours policies over every ticket: what a changed rc file
 * costs at the next start, and what it costs when nothing changed. */
static void
sla_bench(struct store *st)
{
    char *hours[] = { "hours", "berlin", "Mon-Fri", "09:00-18:00",
                      "tz=Europe/Berlin", "holidays=2026-12-25,2026-12-26" };
    char *urgent[] = { "sla", "urgent", "first=1h", "next=2h",
                       "priority=urgent" };
    char *rest[] = { "sla", "default", "first=8h", "next=1d",
                     "hours=berlin" };
    struct sla_book *b = sla_book_new();
    struct td_error err;
    size_t got;
    double t0;

    if (sla_book_hours(b, 6, hours, NULL, &err) != TD_OK ||
        sla_book_policy(b, 5, urgent, &err) != TD_OK ||
        sla_book_policy(b, 5, rest, &err) != TD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        exit(1);
    }
    t0 = now_ms();
    if (store_sla_apply(st, b, &err) != TD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        exit(1);
    }
    printf("SLA policies, every ticket: %7.2f ms\n", now_ms() - t0);
    t0 = now_ms();
    (void)store_sla_apply(st, b, &err);
    printf("  again, unchanged:       %7.2f ms\n", now_ms() - t0);
    t0 = page(st, "status:unsolved sla<1h", 0, &got);
    printf("breaching view (sla<1h):  %7.2f ms (%zu rows)\n", t0, got);
    /* Back to the backends' due times, for the next run. */
    (void)store_sla_apply(st, NULL, &err);
    sla_book_free(&b);
}

static int
measure(const char *path)
{
    struct store *st = NULL;
    struct td_error err;
    struct rusage ru;
    struct query q = { 0 };
    int64_t count = 0;
    size_t got;
    double t0 = now_ms(), t_open, t;

    if (store_open(path, &st, &err) != TD_OK) {
        fprintf(stderr, "bench_store: %s\n", err.msg);
        return 1;
    }
    t_open = now_ms() - t0;
    t = page(st, "", 0, &got);
    printf("open store:               %7.2f ms\n", t_open);
    printf("open + first inbox page:  %7.2f ms (%zu rows, sort by SLA)\n",
           t_open + t, got);
    t = page(st, "", 50000, &got);
    printf("page at offset 50,000:    %7.2f ms (%zu rows)\n", t, got);
    t = page(st, "sort:updated", 50000, &got);
    printf("  same, sort:updated:     %7.2f ms\n", t);
    t = page(st, "status:open lang:de", 0, &got);
    printf("filter status+lang:       %7.2f ms (%zu rows)\n", t, got);
    t = page(st, "customs", 0, &got);
    printf("FTS 'customs' first page: %7.2f ms (%zu rows)\n", t, got);
    t = page(st, "注文", 0, &got);
    printf("FTS '注文' first page:     %7.2f ms (%zu rows)\n", t, got);
    query_parse("refund -status:closed", &q, &err);
    t0 = now_ms();
    store_inbox_count(st, &q, &count, &err);
    printf("count 'refund -status:closed': %.2f ms (%lld tickets)\n",
           now_ms() - t0, (long long)count);
    query_clear(&q);
    sla_bench(st);
    store_close(&st);
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS:                 %7.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "gen") == 0)
        return gen(argv[2], strtol(argv[3], NULL, 10));
    if (argc == 3 && strcmp(argv[1], "measure") == 0)
        return measure(argv[2]);
    fprintf(stderr, "usage: bench_store gen PATH N | measure PATH\n");
    return 2;
}
