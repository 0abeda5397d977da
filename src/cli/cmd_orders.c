/* cmd_orders.c: a ticket's orders and parcels, looked up in the shops and
 * trackers when asked or stale, with the return window and stuck flags. */
#include "cli/cmd_orders.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/ticket_json.h"
#include "commerce/lookup.h"
#include "config/config.h"
#include "core/parcel.h"
#include "core/returns.h"
#include "net/http.h"
#include "net/json.h"
#include "store/commerce.h"
#include "store/store.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#define DAY_S 86400
/* Each request has its own timeouts; this only ends a chain that never
 * would. */
#define ORDERS_WAIT_MS (10L * 60 * 1000)

struct orders_wait {
    int finished;
    struct lookup_result res;
};

static void
orders_done(void *ctx, const struct lookup_result *r)
{
    struct orders_wait *w = ctx;

    w->finished = 1;
    w->res = *r;
}

/* Look up what is stale (everything with force) and wait for it. */
static int
orders_refresh(struct app *app, int64_t id, int force)
{
    struct orders_wait w = { 0 };
    struct td_error err;

    if (app->n_sources == 0) {
        if (force)
            fprintf(stderr, "orders: no shop or tracker is configured; the "
                    "orders shown come from the helpdesk\n");
        return 0;
    }
    if (commerce_refresh_start(app->sources, app->n_sources, app->store, id,
                               force, orders_done, &w, &err) != TD_OK)
        return cli_fail("orders: %s", err.msg);
    while (!w.finished) {
        if (app->http == NULL || http_in_flight(app->http) == 0)
            return cli_fail("orders: a lookup stopped half-way");
        if (http_run(app->http, ORDERS_WAIT_MS, &err) != TD_OK)
            return cli_fail("orders: %s", err.msg);
    }
    if (w.res.failed) {
        char *e = sanitize_str(w.res.error, 0);

        fprintf(stderr, "orders: %zu of %zu lookups failed: %s\n",
                w.res.failed, w.res.asked, e);
        free(e);
        return 1;
    }
    if (force)
        fprintf(stderr, "orders: %zu lookups, %zu orders and %zu parcel "
                "updates stored\n", w.res.asked, w.res.orders,
                w.res.parcels);
    return 0;
}

static cJSON *
facts_json(const struct shipment *s, const struct parcel_facts *pf)
{
    cJSON *o = shipment_json(s);

    if (pf->days_in_transit >= 0)
        cJSON_AddNumberToObject(o, "days_in_transit", pf->days_in_transit);
    else
        cJSON_AddNullToObject(o, "days_in_transit");
    cJSON_AddBoolToObject(o, "stuck", pf->stuck_days > 0);
    cJSON_AddNumberToObject(o, "days_since_checkpoint",
                            pf->last_at ? (double)((time_now() - pf->last_at)
                                                   / DAY_S) : -1);
    json_add_time(o, "delivered_at", pf->delivered_at);
    return o;
}

static void
print_parcel(const struct shipment *s, const struct parcel_facts *pf)
{
    char iso[TIME_ISO_LEN];
    char *line = xasprintf("  %s %s · %s", s->carrier ? s->carrier : "?",
                           s->tracking_number ? s->tracking_number : "-",
                           ship_status_name(s->status));
    char *clean = sanitize_str(line, 0);

    printf("%s", clean);
    if (s->eta) {
        time_format_iso(s->eta, iso);
        printf(" · ETA %.10s", iso);
    }
    if (pf->days_in_transit >= 0)
        printf(" · %d days %s", pf->days_in_transit,
               pf->delivered_at ? "to deliver" : "in transit");
    if (pf->stuck_days)
        printf(" · STUCK %d days without a checkpoint", pf->stuck_days);
    putchar('\n');
    for (size_t e = s->n_events; e-- > 0;) {
        char *d = sanitize_str(s->events[e].description, 0);
        char *l = sanitize_str(s->events[e].location, 0);

        time_format_iso(s->events[e].time, iso);
        printf("    %s %s%s%s\n", iso, l, *l ? ": " : "",
               *d ? d : ship_status_name(s->events[e].status));
        free(d);
        free(l);
    }
    free(line);
    free(clean);
}

static void
window_for(struct app *app, const struct order *o, const struct shipment *v,
           size_t n, struct return_window *w)
{
    struct parcel_facts pf;
    time_t delivered = 0;

    for (size_t k = 0; k < n; k++) {
        parcel_facts(&v[k], time_now(), 0, &pf);
        if (pf.delivered_at > delivered)
            delivered = pf.delivered_at;
    }
    returns_window(app->returns, o->ship_country,
                   (int)config_int(app->cfg, OPT_RETURN_DAYS), delivered,
                   o->created_at, w);
}

static int
orders_print(struct app *app, int64_t id, int json)
{
    struct order *orders = NULL;
    struct shipment *loose = NULL;
    size_t n = 0, n_loose = 0;
    int stuck_after = (int)config_int(app->cfg, OPT_STUCK_DAYS);
    cJSON *arr = json ? cJSON_CreateArray() : NULL, *doc = NULL;
    struct cache_summary cs;
    struct td_error err;
    time_t now = time_now();

    if (store_orders_for_ticket(app->store, id, &orders, &n, &err) != TD_OK ||
        store_ticket_loose_shipments(app->store, id, &loose, &n_loose,
                                     &err) != TD_OK ||
        store_cache_summary(app->store, id, &cs, &err) != TD_OK) {
        cJSON_Delete(arr);
        orders_free(&orders, n);
        return cli_fail("orders: %s", err.msg);
    }
    for (size_t i = 0; i < n; i++) {
        struct shipment *v = NULL;
        size_t nv = 0;
        struct return_window w;
        struct parcel_facts pf;
        cJSON *o = NULL, *ships = NULL;

        (void)store_shipments_for_order(app->store, orders[i].id, &v, &nv,
                                        &err);
        window_for(app, &orders[i], v, nv, &w);
        if (json) {
            o = order_json(&orders[i]);
            ships = cJSON_CreateArray();
            cJSON_AddNumberToObject(o, "return_days", w.days);
            json_add_time(o, "return_deadline", w.deadline);
            json_add_str(o, "return_basis", w.why);
        } else {
            char *line = xasprintf("Order %s · %s · payment %s · fulfilment "
                                   "%s · %s %s · ship to %s %s",
                                   orders[i].number ? orders[i].number : "?",
                                   orders[i].status ? orders[i].status : "-",
                                   orders[i].financial_status
                                       ? orders[i].financial_status : "-",
                                   orders[i].fulfillment_status
                                       ? orders[i].fulfillment_status : "-",
                                   orders[i].total ? orders[i].total : "?",
                                   orders[i].currency ? orders[i].currency
                                                      : "",
                                   orders[i].ship_country
                                       ? orders[i].ship_country : "-",
                                   orders[i].ship_city ? orders[i].ship_city
                                                       : "");
            char *clean = sanitize_str(line, 0);

            printf("%s\n", clean);
            free(clean);
            free(line);
            for (size_t k = 0; k < orders[i].n_items; k++) {
                char *it = xasprintf("  %d × %s %s · %s",
                                     orders[i].items[k].quantity,
                                     orders[i].items[k].sku
                                         ? orders[i].items[k].sku : "-",
                                     orders[i].items[k].name
                                         ? orders[i].items[k].name : "",
                                     orders[i].items[k].price
                                         ? orders[i].items[k].price : "");

                clean = sanitize_str(it, 0);
                printf("%s\n", clean);
                free(clean);
                free(it);
            }
        }
        for (size_t k = 0; k < nv; k++) {
            parcel_facts(&v[k], now, stuck_after, &pf);
            if (json)
                cJSON_AddItemToArray(ships, facts_json(&v[k], &pf));
            else
                print_parcel(&v[k], &pf);
        }
        if (json) {
            cJSON_AddItemToObject(o, "shipments", ships);
            cJSON_AddItemToArray(arr, o);
        } else if (w.deadline) {
            char iso[TIME_ISO_LEN];

            time_format_iso(w.deadline, iso);
            printf("  return by %.10s (%d days%s%s)\n", iso, w.days,
                   w.why ? ": " : "", w.why ? w.why : "");
        } else {
            printf("  return: %d days from %s%s%s\n", w.days,
                   w.from_order ? "the order" : "delivery",
                   w.why ? " · " : "", w.why ? w.why : "");
        }
        shipments_free(&v, nv);
    }
    if (json) {
        cJSON *lo = cJSON_CreateArray();
        struct parcel_facts pf;

        for (size_t k = 0; k < n_loose; k++) {
            parcel_facts(&loose[k], now, stuck_after, &pf);
            cJSON_AddItemToArray(lo, facts_json(&loose[k], &pf));
        }
        doc = cJSON_CreateObject();
        cJSON_AddNumberToObject(doc, "ticket_id", (double)id);
        cJSON_AddItemToObject(doc, "orders", arr);
        cJSON_AddItemToObject(doc, "parcels", lo);
        json_add_time(doc, "looked_up_at", cs.oldest);
        json_add_str(doc, "lookup_error", cs.error);
        cli_print_json(doc);
    } else {
        struct parcel_facts pf;

        if (n_loose)
            printf("Parcels the buyer mentions\n");
        for (size_t k = 0; k < n_loose; k++) {
            parcel_facts(&loose[k], now, stuck_after, &pf);
            print_parcel(&loose[k], &pf);
        }
        if (n == 0 && n_loose == 0)
            printf("No orders in the store for this ticket's buyer.\n");
        if (cs.error) {
            char *e = sanitize_str(cs.error, 0);

            printf("Last lookup failed: %s\n", e);
            free(e);
        }
    }
    cache_summary_clear(&cs);
    orders_free(&orders, n);
    shipments_free(&loose, n_loose);
    return 0;
}

int
cmd_orders(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "refresh", no_argument, NULL, 'r' },
        { "cached", no_argument, NULL, 'c' },
        { "link", required_argument, NULL, 'l' },
        { "unlink", required_argument, NULL, 'u' },
        { NULL, 0, NULL, 0 },
    };
    const char *usage = "usage: ttydesk orders ID [--json] [--refresh | "
                        "--cached] [--link NUMBER | --unlink NUMBER]";
    const char *link = NULL, *unlink = NULL;
    struct td_error err;
    int64_t id;
    int c, json = 0, force = 0, cached = 0, rc;

    optind = 0;
    while ((c = getopt_long(argc, argv, "jrcl:u:", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'r':
            force = 1;
            break;
        case 'c':
            cached = 1;
            break;
        case 'l':
            link = optarg;
            break;
        case 'u':
            unlink = optarg;
            break;
        default:
            return cli_fail("%s", usage), 2;
        }
    }
    if (optind != argc - 1 || (force && cached) || (link && unlink))
        return cli_fail("%s", usage), 2;
    if (cli_resolve_ticket(app, argv[optind], &id, &err) != TD_OK)
        return cli_fail("orders: %s", err.msg);
    if (link || unlink) {
        if (app->readonly)
            return cli_fail("orders: read-only mode: links cannot change");
        if (store_ticket_link(app->store, id, link ? link : unlink,
                              link != NULL, &err) != TD_OK)
            return cli_fail("orders: %s", err.msg);
        force = link != NULL;
    }
    rc = cached ? 0 : orders_refresh(app, id, force);
    return orders_print(app, id, json) ? 1 : rc;
}
