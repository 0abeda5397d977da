/* test_commerce.c: shops and trackers against a loopback server that
 * follows their documented APIs: Shopify, WooCommerce, AfterShip and
 * 17TRACK, their failures, the cache, and 17TRACK's pace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "drvtest.h"

#include "commerce/commerce.h"
#include "commerce/lookup.h"
#include "store/commerce.h"
#include "store/store.h"

#define SCRIPT "tests/unit/test_commerce.json"
#define EMAIL "ayse.yilmaz@example.com"

/* One source made from a shop or tracker line. */
struct src {
    struct account_def def;
    struct config_kv kv[2];
    struct csource *c;
};

struct fx {
    struct drvtest *d;
    struct store *st;
    char db[160];
    int64_t ticket;         /* mentions #1001 and two parcels */
    int64_t plain;          /* the same buyer, no numbers */
    int64_t pace;           /* three parcels */
    struct src s[6];
    size_t n;
};

static int
group_setup(void **state)
{
    setenv("SHOP_TOKEN", "shpat_0123456789abcdef", 1);
    setenv("WOO_KEYS", "ck_live0123:cs_secret4567", 1);
    setenv("AS_KEY", "asat_0123456789", 1);
    setenv("T17_KEY", "17tok0123456789", 1);
    return drvtest_setup(state, SCRIPT, "commerce");
}

static int
group_teardown(void **state)
{
    return drvtest_teardown(state);
}

static int64_t
seed_ticket(struct fx *f, int64_t acct, int64_t cust, const char *ext,
            const char *subject, const char *body)
{
    struct ticket t = { 0 };
    struct message m = { 0 };
    struct td_error err;
    int64_t id;

    m.external_id = (char *)"m1";
    m.author = AK_CUSTOMER;
    m.is_public = 1;
    m.body = (char *)body;
    m.created_at = 1790000000;
    t.account_id = acct;
    t.external_id = (char *)ext;
    t.subject = (char *)subject;
    t.status = TS_OPEN;
    t.requester.id = cust;
    t.created_at = t.updated_at = 1790000000;
    t.messages = &m;
    t.n_messages = 1;
    assert_int_equal(store_ticket_upsert(f->st, &t, &err), TD_OK);
    id = t.id;
    return id;
}

static int
setup(void **state)
{
    struct drvtest *d = *state;
    struct fx *f = xcalloc(1, sizeof *f);
    struct customer c = { 0 };
    struct td_error err;
    int64_t acct;
    static int n;

    f->d = d;
    snprintf(f->db, sizeof f->db, "%s/store-%d.db", d->dir, n++);
    assert_int_equal(store_open(f->db, &f->st, &err), TD_OK);
    assert_int_equal(store_account_ensure(f->st, "hd", "local", "/x", &acct,
                                          &err), TD_OK);
    c.external_id = (char *)"c1";
    c.name = (char *)"Ayşe Yılmaz";
    c.email = (char *)"Ayse.Yilmaz@example.com";
    c.country = (char *)"TR";
    assert_int_equal(store_customer_upsert(f->st, acct, &c, &err), TD_OK);
    f->ticket = seed_ticket(f, acct, c.id, "T1", "Siparişim #1001 nerede?",
                            "Kargo LX123456789CN hâlâ gelmedi. DHL "
                            "00340434161094 de yok.");
    f->plain = seed_ticket(f, acct, c.id, "T2", "Merhaba", "Bir sorum var.");
    f->pace = seed_ticket(f, acct, c.id, "T3", "Three parcels",
                          "RR000000001CN RR000000002CN RR000000003CN");
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fx *f = *state;

    for (size_t i = 0; i < f->n; i++) {
        csource_free(&f->s[i].c);
        free(f->s[i].def.url);
    }
    store_close(&f->st);
    *state = f->d;
    free(f);
    return 0;
}

static struct csource *
add_src(struct fx *f, const char *kind, const char *name, const char *prov,
        const char *path, const char *env, const char *k2, const char *v2)
{
    struct src *s = &f->s[f->n++];
    struct td_error err;

    s->def.kind = (char *)kind;
    s->def.name = (char *)name;
    s->def.driver = (char *)prov;
    s->def.url = xasprintf("%s%s", f->d->base, path);
    s->def.file = (char *)"test.rc";
    s->def.line = (int)f->n;
    s->def.opts = s->kv;
    s->kv[0].key = (char *)"token_env";
    s->kv[0].value = (char *)env;
    s->def.n_opts = 1;
    if (k2) {
        s->kv[1].key = (char *)k2;
        s->kv[1].value = (char *)v2;
        s->def.n_opts = 2;
    }
    assert_int_equal(csource_new(&s->def, &f->d->t, &s->c, &err), TD_OK);
    assert_int_equal(store_account_ensure(f->st, name, prov, s->def.url,
                                          &s->c->store_id, &err), TD_OK);
    return s->c;
}

struct wait {
    int finished;
    struct lookup_result res;
};

static void
wait_done(void *ctx, const struct lookup_result *r)
{
    struct wait *w = ctx;

    w->finished = 1;
    w->res = *r;
}

/* Refresh ticket with the sources from..from+n and wait. */
static struct lookup_result
refresh(struct fx *f, size_t from, size_t n, int64_t ticket, int force)
{
    struct csource *v[6];
    struct wait w = { 0 };
    struct td_error err;

    for (size_t i = 0; i < n; i++)
        v[i] = f->s[from + i].c;
    assert_int_equal(commerce_refresh_start(v, n, f->st, ticket, force,
                                            wait_done, &w, &err), TD_OK);
    while (!w.finished) {
        assert_true(http_in_flight(f->d->http) > 0);
        assert_int_equal(http_run(f->d->http, 20000, &err), TD_OK);
    }
    return w.res;
}

static const struct order *
find_order(const struct order *v, size_t n, const char *number)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].number && strcmp(v[i].number, number) == 0)
            return &v[i];
    return NULL;
}

/* Shopify: the buyer's orders over two pages, the order the text names,
 * its fulfilment's events; then the cache answers a second look. */
static void
test_shopify(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct order *o = NULL;
    struct shipment *sh = NULL;
    const struct order *o1, *o2;
    size_t n = 0, ns = 0;
    struct td_error err;

    add_src(f, "shop", "myshop", "shopify", "/shop/admin/api/2024-10/",
            "SHOP_TOKEN", NULL, NULL);
    r = refresh(f, 0, 1, f->ticket, 0);
    assert_string_equal(r.error, "");
    assert_int_equal(r.failed, 0);
    assert_int_equal(r.asked, 2);       /* the address and #1001 */
    assert_int_equal(store_orders_for_ticket(f->st, f->ticket, &o, &n, &err),
                     TD_OK);
    assert_int_equal(n, 2);
    o1 = find_order(o, n, "#1001");
    o2 = find_order(o, n, "#1002");
    assert_non_null(o1);
    assert_non_null(o2);
    assert_string_equal(o1->ship_city, "İstanbul");
    assert_string_equal(o1->total, "1299.90");
    assert_string_equal(o1->fulfillment_status, "fulfilled");
    assert_int_equal(o1->n_items, 2);
    assert_string_equal(o1->items[0].name, "Espresso mug (blue)");
    assert_int_equal(o1->items[0].quantity, 2);
    assert_string_equal(o1->items[1].name, "抹茶セット");
    assert_string_equal(o2->financial_status, "refunded");
    assert_string_equal(o2->fulfillment_status, "unfulfilled");
    assert_int_equal(store_shipments_for_order(f->st, o1->id, &sh, &ns, &err),
                     TD_OK);
    assert_int_equal(ns, 1);
    assert_string_equal(sh[0].carrier, "China Post");
    assert_string_equal(sh[0].tracking_number, "LX123456789CN");
    /* The newest event says customs: the parcel is held there. */
    assert_int_equal(sh[0].status, SS_CUSTOMS);
    assert_int_equal(sh[0].n_events, 2);
    assert_string_equal(sh[0].events[0].location, "Shenzhen, CN");
    assert_true(sh[0].events[0].time < sh[0].events[1].time);
    assert_true(sh[0].eta > 0);
    shipments_free(&sh, ns);
    orders_free(&o, n);

    /* Fresh in the cache: nothing is asked again. */
    r = refresh(f, 0, 1, f->ticket, 0);
    assert_int_equal(r.asked, 0);
    assert_int_equal(r.cached, 2);
}

/* WooCommerce: the search's stranger is dropped, a number that is no
 * order is nothing (404), the Shipment Tracking extension's parcel. */
static void
test_woocommerce(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct order *o = NULL;
    struct shipment *sh = NULL;
    const struct order *w;
    size_t n = 0, ns = 0;
    struct td_error err;

    add_src(f, "shop", "woo", "woocommerce", "/woo/wp-json/wc/v3",
            "WOO_KEYS", "tracking", "shipment-tracking");
    r = refresh(f, 0, 1, f->ticket, 1);
    assert_string_equal(r.error, "");
    assert_int_equal(r.asked, 2);
    assert_int_equal(store_orders_for_ticket(f->st, f->ticket, &o, &n, &err),
                     TD_OK);
    assert_int_equal(n, 1);
    w = find_order(o, n, "#727");
    assert_non_null(w);
    assert_string_equal(w->financial_status, "paid");
    assert_string_equal(w->ship_city, "Köln");
    assert_string_equal(w->items[0].price, "29.95");
    assert_int_equal(store_shipments_for_order(f->st, w->id, &sh, &ns, &err),
                     TD_OK);
    assert_int_equal(ns, 1);
    assert_string_equal(sh[0].carrier, "DHL");
    assert_string_equal(sh[0].tracking_number, "00340434161094");
    shipments_free(&sh, ns);
    orders_free(&o, n);
}

/* AfterShip: a delivered parcel it follows; one it does not, created.
 * Neither belongs to a stored order: they show as the buyer's parcels. */
static void
test_aftership(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct shipment *sh = NULL;
    size_t ns = 0;
    struct td_error err;

    add_src(f, "tracker", "as", "aftership", "/as/tracking/2025-01",
            "AS_KEY", NULL, NULL);
    r = refresh(f, 0, 1, f->ticket, 0);
    assert_string_equal(r.error, "");
    assert_int_equal(r.asked, 2);
    assert_int_equal(r.parcels, 2);
    assert_int_equal(store_ticket_loose_shipments(f->st, f->ticket, &sh, &ns,
                                                  &err), TD_OK);
    assert_int_equal(ns, 2);
    assert_string_equal(sh[0].tracking_number, "LX123456789CN");
    assert_int_equal(sh[0].status, SS_DELIVERED);
    assert_string_equal(sh[0].carrier, "china-post");
    assert_int_equal(sh[0].n_events, 2);
    assert_string_equal(sh[0].events[1].location, "İstanbul, Türkiye");
    assert_int_equal(sh[0].events[1].status, SS_DELIVERED);
    assert_int_equal(sh[1].status, SS_INFO_RECEIVED);
    shipments_free(&sh, ns);
}

/* 17TRACK: a parcel returning to its sender (events newest first in the
 * answer, oldest first in the store); one not followed yet, registered. */
static void
test_track17(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct shipment *sh = NULL;
    size_t ns = 0;
    struct td_error err;

    add_src(f, "tracker", "t17", "17track", "/t17/track/v2.2", "T17_KEY",
            NULL, NULL);
    r = refresh(f, 0, 1, f->ticket, 0);
    assert_string_equal(r.error, "");
    assert_int_equal(r.parcels, 2);
    assert_int_equal(store_ticket_loose_shipments(f->st, f->ticket, &sh, &ns,
                                                  &err), TD_OK);
    assert_int_equal(ns, 2);
    assert_int_equal(sh[0].status, SS_RETURNING);
    assert_string_equal(sh[0].status_raw, "Exception_Returning");
    assert_string_equal(sh[0].carrier, "China Post");
    assert_string_equal(sh[0].events[0].location, "深圳");
    assert_string_equal(sh[0].events[1].description,
                        "Göndericiye iade ediliyor");
    assert_string_equal(sh[1].status_raw, "registered");
    shipments_free(&sh, ns);
}

/* A refused token and malformed JSON fail with what the server said;
 * 429 (Retry-After), 500 and a dropped connection are retried; the
 * cache keeps the failures so the panel can say what failed. */
static void
test_failures(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct cache_entry ce;
    struct td_error err;

    add_src(f, "shop", "s401", "shopify", "/e401", "SHOP_TOKEN", NULL, NULL);
    add_src(f, "shop", "s429", "shopify", "/e429", "SHOP_TOKEN", NULL, NULL);
    add_src(f, "shop", "s500", "shopify", "/e500", "SHOP_TOKEN", NULL, NULL);
    add_src(f, "shop", "sbad", "shopify", "/ebad", "SHOP_TOKEN", NULL, NULL);
    add_src(f, "shop", "sdrop", "shopify", "/edrop", "SHOP_TOKEN", NULL,
            NULL);
    r = refresh(f, 0, 5, f->plain, 0);
    assert_int_equal(r.asked, 5);
    assert_int_equal(r.failed, 2);
    assert_int_equal(r.orders, 1);      /* after the dropped connection */
    assert_int_equal(store_cache_get(f->st, "s401", "email", EMAIL, &ce,
                                     &err), TD_OK);
    assert_non_null(ce.error);
    assert_non_null(strstr(ce.error, "s401: HTTP 401: [API] Invalid API "
                                     "key"));
    assert_int_equal(ce.expires_at - ce.fetched_at, 60);
    cache_entry_clear(&ce);
    assert_int_equal(store_cache_get(f->st, "sbad", "email", EMAIL, &ce,
                                     &err), TD_OK);
    assert_non_null(strstr(ce.error, "sbad: "));
    cache_entry_clear(&ce);
    assert_int_equal(store_cache_get(f->st, "s429", "email", EMAIL, &ce,
                                     &err), TD_OK);
    assert_null(ce.error);
    cache_entry_clear(&ce);
}

static void
test_track17_refused(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;

    add_src(f, "tracker", "t17bad", "17track", "/e17", "T17_KEY", NULL,
            NULL);
    r = refresh(f, 0, 1, f->ticket, 0);
    /* A refused key is a failure for each number, never a reason to
     * register the number (which would spend credits). */
    assert_int_equal(r.asked, 2);
    assert_int_equal(r.failed, 2);
    assert_non_null(strstr(r.error, "t17bad: "));
    assert_non_null(strstr(r.error, "Invalid access key. (-18010002)"));
}

/* 17TRACK allows 3 requests a second: three lookups take two gaps. */
static void
test_track17_pace(void **state)
{
    struct fx *f = *state;
    struct lookup_result r;
    struct timespec a, b;
    double s;

    add_src(f, "tracker", "pace", "17track", "/pace", "T17_KEY", NULL, NULL);
    clock_gettime(CLOCK_MONOTONIC, &a);
    r = refresh(f, 0, 1, f->pace, 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    assert_int_equal(r.asked, 3);
    assert_string_equal(r.error, "");
    assert_true(s >= 0.66);
}

/* Lines that cannot work are refused against their line. */
static void
test_bad_lines(void **state)
{
    struct fx *f = *state;
    struct account_def d = { 0 };
    struct config_kv kv[1] = { { (char *)"colour", (char *)"red" } };
    struct csource *c = NULL;
    struct td_error err;

    d.kind = (char *)"shop";
    d.name = (char *)"x";
    d.driver = (char *)"aftership";
    d.url = (char *)"https://api.aftership.com/tracking/2025-01";
    d.file = (char *)"rc";
    d.line = 7;
    assert_int_equal(csource_new(&d, &f->d->t, &c, &err), TD_ENOTSUP);
    assert_string_equal(err.msg, "rc:7: shop x: unknown shop 'aftership'");
    d.driver = (char *)"shopify";
    d.opts = kv;
    d.n_opts = 1;
    assert_int_equal(csource_new(&d, &f->d->t, &c, &err), TD_EINVAL);
    assert_non_null(strstr(err.msg, "does not know the option 'colour'"));
    d.n_opts = 0;
    assert_int_equal(csource_new(&d, &f->d->t, &c, &err), TD_EAUTH);
    assert_non_null(strstr(err.msg, "no token_env= or token_cmd="));
    assert_null(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_shopify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_woocommerce, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aftership, setup, teardown),
        cmocka_unit_test_setup_teardown(test_track17, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_track17_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_track17_pace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_lines, setup, teardown),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
