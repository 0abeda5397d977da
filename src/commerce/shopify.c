/* shopify.c: a shop on the Shopify Admin REST API.
 *
 * Shopify has called REST "legacy" since October 2024 and takes new
 * public apps on GraphQL only; a store's own custom app (an Admin API
 * access token from Settings > Apps > Develop apps) can still read
 * orders over REST, which is what this provider does. Orders are asked
 * with status=any (the default hides closed ones); without the
 * read_all_orders scope Shopify shows only the last 60 days.
 *
 * URL: https://SHOP.myshopify.com/admin/api/VERSION (e.g. 2024-10).
 * Auth: X-Shopify-Access-Token. Pages: the Link header's rel="next".
 * Rate: the leaky bucket in X-Shopify-Shop-Api-Call-Limit, which the
 * HTTP engine's budgets follow. Fulfilment events give the parcel's
 * journey when no tracker is configured. */
#include "commerce/shopify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/cfind.h"
#include "net/json.h"
#include "util/xmalloc.h"

/* Enough for a buyer's order history; more pages are not fetched. */
#define SHOPIFY_MAX_PAGES 4
/* Fulfilments whose events are fetched per find. */
#define SHOPIFY_MAX_EVENTS 6

static const char *const shopify_keys[] = { "token_env", "token_cmd", NULL };

/* A find's parcels wait for their events before they go to the sink. */
struct shopify_state {
    int pages;
    struct shipment *ships;
    size_t n_ships;
};

static struct http_request *
shopify_request(struct cfind *f, const char *path_or_url, http_done_fn done)
{
    struct http_request *req;

    if (strncmp(path_or_url, "http", 4) == 0) {
        req = csource_request(f->c, "GET", "", done, f);
        free(req->url);
        req->url = xstrdup(path_or_url);
    } else {
        req = csource_request(f->c, "GET", path_or_url, done, f);
    }
    http_request_add_header(req, "X-Shopify-Access-Token", f->c->secret);
    return req;
}

static void
shopify_finish(struct cfind *f)
{
    struct shopify_state *ss = f->extra;

    for (size_t i = 0; i < ss->n_ships; i++)
        cfind_shipment(f, &ss->ships[i]);
    free(ss->ships);
    ss->ships = NULL;
    ss->n_ships = 0;
}

/* The rel="next" URL of a Link header, owned; NULL if none. */
static char *
shopify_next_link(const struct http_response *resp)
{
    for (size_t i = 0; i < resp->n_headers; i++) {
        const char *v = resp->headers[i].value, *lt, *gt;

        if (strcasecmp(resp->headers[i].name, "Link") != 0)
            continue;
        while ((lt = strchr(v, '<')) != NULL &&
               (gt = strchr(lt, '>')) != NULL) {
            const char *end = strchr(gt, ',');
            size_t seg = end ? (size_t)(end - gt) : strlen(gt);

            if (memmem(gt, seg, "rel=\"next\"", 10))
                return xstrndup(lt + 1, (size_t)(gt - lt - 1));
            if (end == NULL)
                break;
            v = end + 1;
        }
    }
    return NULL;
}

static const char *
shopify_order_status(const cJSON *o)
{
    if (json_str(o, "cancelled_at"))
        return "cancelled";
    if (json_str(o, "closed_at"))
        return "closed";
    return "open";
}

static void
shopify_order(const cJSON *j, struct order *o)
{
    const cJSON *ship = cJSON_GetObjectItemCaseSensitive(j, "shipping_address");
    const cJSON *it;
    const char *fs = json_str(j, "fulfillment_status");

    memset(o, 0, sizeof *o);
    o->external_id = json_strdup(j, "id");
    o->number = json_strdup(j, "name");
    o->customer_email = json_strdup(j, "email");
    o->created_at = json_time(j, "created_at");
    o->status = xstrdup(shopify_order_status(j));
    o->financial_status = json_strdup(j, "financial_status");
    o->fulfillment_status = xstrdup(fs ? fs : "unfulfilled");
    o->currency = json_strdup(j, "currency");
    o->total = json_strdup(j, "total_price");
    o->ship_country = json_strdup(ship, "country_code");
    o->ship_city = json_strdup(ship, "city");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, "line_items")) {
        struct order_item *oi;
        const char *vt = json_str(it, "variant_title");
        const char *title = json_str(it, "title");

        o->items = xreallocarray(o->items, o->n_items + 1, sizeof *o->items);
        oi = &o->items[o->n_items++];
        memset(oi, 0, sizeof *oi);
        oi->sku = json_strdup(it, "sku");
        oi->name = vt && *vt ? xasprintf("%s (%s)", title ? title : "?", vt)
                             : json_strdup(it, "title");
        oi->quantity = (int)json_int(it, "quantity", 1);
        oi->price = json_strdup(it, "price");
    }
}

static void shopify_on_events(void *ctx, struct http_response *resp);

/* A fulfilment as a parcel; its events are asked for when it has a
 * tracking number and the budget of event requests allows. */
static void
shopify_fulfilment(struct cfind *f, const cJSON *fj, const char *order_id)
{
    struct shopify_state *ss = f->extra;
    struct shipment *sh;
    const char *st = json_str(fj, "shipment_status");
    char *path, *fid = json_strdup(fj, "id");
    struct td_error e;

    ss->ships = xreallocarray(ss->ships, ss->n_ships + 1, sizeof *ss->ships);
    sh = &ss->ships[ss->n_ships++];
    memset(sh, 0, sizeof *sh);
    sh->external_id = xasprintf("fulfillment-%s", fid ? fid : "?");
    sh->order_ext_id = xstrdup(order_id);
    sh->carrier = json_strdup(fj, "tracking_company");
    sh->tracking_number = json_strdup(fj, "tracking_number");
    sh->status_raw = xstrdup(st ? st : json_str(fj, "status") ?
                             json_str(fj, "status") : "");
    sh->status = st ? commerce_ship_status(st, NULL) : SS_INFO_RECEIVED;
    if (sh->tracking_number == NULL || fid == NULL ||
        ss->n_ships > SHOPIFY_MAX_EVENTS) {
        free(fid);
        return;
    }
    path = xasprintf("/orders/%s/fulfillments/%s/events.json", order_id, fid);
    free(fid);
    td_error_clear(&e);
    (void)cfind_submit(f, shopify_request(f, path, shopify_on_events), &e);
    free(path);
}

/* Which parcel an events answer is for: by the fulfilment id in its URL. */
static struct shipment *
shopify_ship_for(struct shopify_state *ss, const char *url)
{
    const char *p = strstr(url, "/fulfillments/");

    if (p == NULL)
        return NULL;
    p += strlen("/fulfillments/");
    for (size_t i = 0; i < ss->n_ships; i++) {
        const char *id = ss->ships[i].external_id + strlen("fulfillment-");
        size_t n = strlen(id);

        if (strncmp(p, id, n) == 0 && p[n] == '/')
            return &ss->ships[i];
    }
    return NULL;
}

static void
shopify_on_events(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    struct shipment *sh = shopify_ship_for(f->extra, resp->req->url);
    cJSON *j = NULL, *ev;

    if (cfind_answer(f, resp, "fulfilment events", &j) == TD_OK && sh) {
        cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(
                                   j, "fulfillment_events")) {
            const char *city = json_str(ev, "city");
            const char *country = json_str(ev, "country");
            char *place = city || country
                              ? xasprintf("%s%s%s", city ? city : "",
                                          city && country ? ", " : "",
                                          country ? country : "")
                              : NULL;

            cfind_event(sh, json_time(ev, "happened_at"), place,
                        json_str(ev, "status"), json_str(ev, "message"));
            free(place);
            if (json_time(ev, "estimated_delivery_at"))
                sh->eta = json_time(ev, "estimated_delivery_at");
        }
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static void
shopify_on_orders(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    struct shopify_state *ss = f->extra;
    cJSON *j = NULL, *o, *list;
    char *next;
    struct td_error e;

    if (cfind_answer(f, resp, "Shopify orders", &j) != TD_OK) {
        cJSON_Delete(j);
        cfind_settle(f);
        return;
    }
    list = cJSON_GetObjectItemCaseSensitive(j, "orders");
    if (!cJSON_IsArray(list))
        cfind_fail(f, TD_EPARSE, "%s: the answer has no \"orders\"",
                   f->c->name);
    cJSON_ArrayForEach(o, list) {
        struct order ord;
        const cJSON *fj;

        shopify_order(o, &ord);
        cJSON_ArrayForEach(fj, cJSON_GetObjectItemCaseSensitive(
                                   o, "fulfillments"))
            if (ord.external_id)
                shopify_fulfilment(f, fj, ord.external_id);
        cfind_order(f, &ord);
    }
    next = shopify_next_link(resp);
    if (next && ++ss->pages < SHOPIFY_MAX_PAGES && f->rc == TD_OK &&
        csource_same_origin(f->c, next)) {
        td_error_clear(&e);
        (void)cfind_submit(f, shopify_request(f, next, shopify_on_orders),
                           &e);
    }
    free(next);
    cJSON_Delete(j);
    cfind_settle(f);
}

static enum td_status
shopify_find_start(struct csource *c, enum commerce_kind kind,
                   const char *key, const struct commerce_sink *out,
                   commerce_done_fn done, void *ctx, struct td_error *err)
{
    struct cfind *f;
    char *q, *path, *name;
    enum td_status rc;

    if (kind == CK_EMAIL) {
        q = csource_escape(key);
        path = xasprintf("/orders.json?email=%s&status=any&limit=50", q);
    } else if (kind == CK_NUMBER) {
        /* Order names are "#1001"; a shop with its own prefix writes
         * them "EU1001" or "EU-1001", as the buyer does. */
        name = key[strspn(key, "0123456789")] == '\0'
                   ? xasprintf("#%s", key) : xstrdup(key);
        q = csource_escape(name);
        free(name);
        path = xasprintf("/orders.json?name=%s&status=any&limit=10", q);
    } else {
        return td_error_set(err, TD_ENOTSUP, "%s: a shop does not track "
                            "parcels", c->name);
    }
    free(q);
    f = cfind_new(c, key, out, done, ctx);
    f->extra = xcalloc(1, sizeof(struct shopify_state));
    f->finish = shopify_finish;
    rc = cfind_submit(f, shopify_request(f, path, shopify_on_orders), err);
    free(path);
    if (rc != TD_OK)
        cfind_abort(f);
    return rc;
}

const struct commerce_provider commerce_shopify = {
    .name = "shopify",
    .desc = "Shopify Admin REST API (orders, fulfilments and their events)",
    .is_tracker = 0,
    .keys = shopify_keys,
    .find_start = shopify_find_start,
};
