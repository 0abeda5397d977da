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

#include <cjson/cJSON.h>

#include "config/secret.h"
#include "net/json.h"
#include "util/xmalloc.h"

/* Enough for a buyer's order history; more pages are not fetched. */
#define SHOPIFY_MAX_PAGES 4
/* Fulfilments whose events are fetched per find. */
#define SHOPIFY_MAX_EVENTS 6

struct shopify {
    char *token;
};

static const char *const shopify_keys[] = { "token_env", "token_cmd", NULL };

static enum td_status
shopify_open(struct csource *c, struct td_error *err)
{
    struct shopify *p = c->priv;

    return account_def_secret(c->def, &p->token, err);
}

static void
shopify_close(struct csource *c)
{
    struct shopify *p = c->priv;

    if (p->token)
        memset(p->token, 0, strlen(p->token));
    free(p->token);
}

/* One find: the pages of orders, then the events of their parcels. */
struct shopify_find {
    struct csource *c;
    struct commerce_sink out;
    commerce_done_fn done;
    void *ctx;
    int pages;
    struct shipment *ships;     /* waiting for their events */
    size_t n_ships;
    size_t n_pending;           /* event requests out */
    enum td_status rc;
    struct td_error err;
};

static struct http_request *
shopify_request(struct shopify_find *f, const char *path_or_url,
                http_done_fn done)
{
    struct shopify *p = f->c->priv;
    struct http_request *req;

    if (strncmp(path_or_url, "http", 4) == 0) {
        req = csource_request(f->c, "GET", "", done, f);
        free(req->url);
        req->url = xstrdup(path_or_url);
    } else {
        req = csource_request(f->c, "GET", path_or_url, done, f);
    }
    http_request_add_header(req, "X-Shopify-Access-Token", p->token);
    return req;
}

static void
shopify_finish(struct shopify_find *f)
{
    for (size_t i = 0; i < f->n_ships; i++) {
        if (f->rc == TD_OK)
            f->rc = f->out.shipment(f->out.ctx, &f->ships[i], &f->err);
        shipment_clear(&f->ships[i]);
    }
    free(f->ships);
    f->done(f->ctx, f->rc, f->rc == TD_OK ? NULL : &f->err);
    free(f);
}

static void
shopify_fail(struct shopify_find *f, enum td_status rc, const char *msg)
{
    if (f->rc == TD_OK)
        f->rc = td_error_set(&f->err, rc, "%s: %s", f->c->name, msg);
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
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "line_items");
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
    cJSON_ArrayForEach(it, items) {
        struct order_item *oi;
        const char *vt = json_str(it, "variant_title");

        o->items = xreallocarray(o->items, o->n_items + 1, sizeof *o->items);
        oi = &o->items[o->n_items++];
        memset(oi, 0, sizeof *oi);
        oi->sku = json_strdup(it, "sku");
        oi->name = vt && *vt ? xasprintf("%s (%s)", json_str(it, "title") ?
                                         json_str(it, "title") : "?", vt)
                             : json_strdup(it, "title");
        oi->quantity = (int)json_int(it, "quantity", 1);
        oi->price = json_strdup(it, "price");
    }
}

static void shopify_on_events(void *ctx, struct http_response *resp);

/* A fulfilment as a parcel; its events are asked for when it has a
 * tracking number and the budget of event requests allows. */
static void
shopify_fulfilment(struct shopify_find *f, const cJSON *fj,
                   const char *order_id)
{
    struct shipment *sh;
    const char *ss = json_str(fj, "shipment_status");
    char *path, *fid;
    struct td_error e;

    f->ships = xreallocarray(f->ships, f->n_ships + 1, sizeof *f->ships);
    sh = &f->ships[f->n_ships++];
    memset(sh, 0, sizeof *sh);
    fid = json_strdup(fj, "id");
    sh->external_id = xasprintf("fulfillment-%s", fid ? fid : "?");
    sh->order_ext_id = xstrdup(order_id);
    sh->carrier = json_strdup(fj, "tracking_company");
    sh->tracking_number = json_strdup(fj, "tracking_number");
    sh->status_raw = xstrdup(ss ? ss : json_str(fj, "status") ?
                             json_str(fj, "status") : "");
    sh->status = ss ? commerce_ship_status(ss, NULL) : SS_INFO_RECEIVED;
    if (sh->tracking_number == NULL || fid == NULL ||
        f->n_ships > SHOPIFY_MAX_EVENTS) {
        free(fid);
        return;
    }
    path = xasprintf("/orders/%s/fulfillments/%s/events.json", order_id, fid);
    free(fid);
    td_error_clear(&e);
    f->n_pending++;
    if (csource_submit(f->c, shopify_request(f, path, shopify_on_events),
                       &e) != TD_OK) {
        f->n_pending--;
        shopify_fail(f, e.status, e.msg);
    }
    free(path);
}

/* Which parcel an events answer is for: by the fulfilment id in its URL. */
static struct shipment *
shopify_ship_for(struct shopify_find *f, const char *url)
{
    const char *p = strstr(url, "/fulfillments/");

    if (p == NULL)
        return NULL;
    p += strlen("/fulfillments/");
    for (size_t i = 0; i < f->n_ships; i++) {
        const char *id = f->ships[i].external_id + strlen("fulfillment-");
        size_t n = strlen(id);

        if (strncmp(p, id, n) == 0 && p[n] == '/')
            return &f->ships[i];
    }
    return NULL;
}

static void
shopify_on_events(void *ctx, struct http_response *resp)
{
    struct shopify_find *f = ctx;
    struct shipment *sh = shopify_ship_for(f, resp->req->url);
    cJSON *j = NULL, *ev;
    struct td_error e;

    f->n_pending--;
    td_error_clear(&e);
    if (resp->result != TD_OK) {
        csource_fail(f->c, resp, &e);
        shopify_fail(f, e.status, e.msg + strlen(f->c->name) + 2);
    } else if (json_parse(resp->body, resp->body_len, &j,
                          "fulfilment events", &e) != TD_OK) {
        shopify_fail(f, TD_EPARSE, e.msg);
    } else if (sh != NULL) {
        cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(
                                   j, "fulfillment_events")) {
            struct shipment_event *se;
            const char *city = json_str(ev, "city");
            const char *country = json_str(ev, "country");

            sh->events = xreallocarray(sh->events, sh->n_events + 1,
                                       sizeof *sh->events);
            se = &sh->events[sh->n_events++];
            memset(se, 0, sizeof *se);
            se->time = json_time(ev, "happened_at");
            se->location = city || country
                               ? xasprintf("%s%s%s", city ? city : "",
                                           city && country ? ", " : "",
                                           country ? country : "")
                               : NULL;
            se->description = json_strdup(ev, "message");
            se->status = commerce_ship_status(json_str(ev, "status"),
                                              se->description);
            if (json_time(ev, "estimated_delivery_at"))
                sh->eta = json_time(ev, "estimated_delivery_at");
        }
        if (sh->n_events) {
            const struct shipment_event *last = &sh->events[sh->n_events - 1];

            if (last->status == SS_CUSTOMS)
                sh->status = SS_CUSTOMS;
        }
    }
    cJSON_Delete(j);
    if (f->n_pending == 0)
        shopify_finish(f);
}

static void
shopify_on_orders(void *ctx, struct http_response *resp)
{
    struct shopify_find *f = ctx;
    cJSON *j = NULL, *o;
    char *next;
    struct td_error e;

    f->n_pending--;
    td_error_clear(&e);
    if (resp->result != TD_OK) {
        csource_fail(f->c, resp, &f->err);
        f->rc = f->err.status;
    } else if (json_parse(resp->body, resp->body_len, &j, "Shopify orders",
                          &e) != TD_OK ||
               !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j,
                                                               "orders"))) {
        shopify_fail(f, TD_EPARSE, *e.msg ? e.msg
                                          : "the answer has no \"orders\"");
    } else {
        cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(j, "orders")) {
            struct order ord;
            const cJSON *fj;

            shopify_order(o, &ord);
            if (ord.external_id == NULL) {
                order_clear(&ord);
                continue;
            }
            if (f->rc == TD_OK)
                f->rc = f->out.order(f->out.ctx, &ord, &f->err);
            cJSON_ArrayForEach(fj, cJSON_GetObjectItemCaseSensitive(
                                       o, "fulfillments"))
                shopify_fulfilment(f, fj, ord.external_id);
            order_clear(&ord);
        }
        next = shopify_next_link(resp);
        if (next && ++f->pages < SHOPIFY_MAX_PAGES && f->rc == TD_OK &&
            csource_same_origin(f->c, next)) {
            f->n_pending++;
            if (csource_submit(f->c, shopify_request(f, next,
                                                     shopify_on_orders),
                               &e) != TD_OK) {
                f->n_pending--;
                shopify_fail(f, e.status, e.msg);
            }
        }
        free(next);
    }
    cJSON_Delete(j);
    if (f->n_pending == 0)
        shopify_finish(f);
}

static enum td_status
shopify_find_start(struct csource *c, enum commerce_kind kind,
                   const char *key, const struct commerce_sink *out,
                   commerce_done_fn done, void *ctx, struct td_error *err)
{
    struct shopify_find *f;
    char *q, *path, *name;
    enum td_status rc;

    if (kind == CK_EMAIL) {
        q = csource_escape(key);
        path = xasprintf("/orders.json?email=%s&status=any&limit=50", q);
    } else if (kind == CK_NUMBER) {
        /* Order names are "#1001"; a shop with its own prefix
         * (name_prefix=EU-) writes them "EU1001" or "EU-1001". */
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
    f = xcalloc(1, sizeof *f);
    f->c = c;
    f->out = *out;
    f->done = done;
    f->ctx = ctx;
    td_error_clear(&f->err);
    f->n_pending = 1;
    rc = csource_submit(c, shopify_request(f, path, shopify_on_orders), err);
    free(path);
    if (rc != TD_OK)
        free(f);
    return rc;
}

const struct commerce_provider commerce_shopify = {
    .name = "shopify",
    .desc = "Shopify Admin REST API (orders, fulfilments and their events)",
    .is_tracker = 0,
    .priv_size = sizeof(struct shopify),
    .keys = shopify_keys,
    .open = shopify_open,
    .close = shopify_close,
    .find_start = shopify_find_start,
};
