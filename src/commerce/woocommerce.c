/* woocommerce.c: a shop on the WooCommerce REST API v3.
 *
 * URL: https://STORE/wp-json/wc/v3. Auth: HTTP Basic with the consumer
 * key and secret ("ck_...:cs_..." from token_env/token_cmd), over HTTPS
 * only: WooCommerce wants OAuth 1.0a signatures over plain HTTP, which
 * ttydesk does not send. A buyer's orders come from search=EMAIL (a text
 * search, so the billing address is checked again here); an order number
 * is the order's id unless the shop's numbering plugin says otherwise
 * (number_prefix=WC- strips a prefix the buyers write). Tracking numbers
 * are not in WooCommerce itself: with tracking=shipment-tracking the
 * official Shipment Tracking extension's endpoint is read. */
#include "commerce/woocommerce.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/cfind.h"
#include "net/json.h"
#include "util/base64.h"
#include "util/xmalloc.h"

/* Orders whose parcels are asked for per find. */
#define WOO_MAX_TRACKING 4

struct woo {
    char *auth;             /* "Basic ..." */
    int tracking;           /* the Shipment Tracking extension is there */
};

static const char *const woo_keys[] = {
    "token_env", "token_cmd", "number_prefix", "tracking", NULL,
};

static enum td_status
woo_open(struct csource *c, struct td_error *err)
{
    struct woo *p = c->priv;
    const char *t = csource_opt(c, "tracking");
    char *b64;

    if (t && strcmp(t, "shipment-tracking") != 0 && strcmp(t, "none") != 0)
        return td_error_set(err, TD_EINVAL, "%s:%d: shop %s: tracking=%s: "
                            "want shipment-tracking or none", c->def->file,
                            c->def->line, c->name, t);
    p->tracking = t && strcmp(t, "shipment-tracking") == 0;
    if (strchr(c->secret, ':') == NULL)
        return td_error_set(err, TD_EAUTH, "%s: the secret must be "
                            "CONSUMER_KEY:CONSUMER_SECRET", c->name);
    b64 = base64_encode(c->secret, strlen(c->secret));
    p->auth = xasprintf("Basic %s", b64);
    memset(b64, 0, strlen(b64));
    free(b64);
    return TD_OK;
}

static void
woo_close(struct csource *c)
{
    struct woo *p = c->priv;

    if (p->auth)
        memset(p->auth, 0, strlen(p->auth));
    free(p->auth);
}

static struct http_request *
woo_request(struct cfind *f, const char *path, http_done_fn done)
{
    struct woo *p = f->c->priv;
    struct http_request *req = csource_request(f->c, "GET", path, done, f);

    http_request_add_header(req, "Authorization", p->auth);
    return req;
}

/* Payment as the panel shows it: WooCommerce has one status for both. */
static const char *
woo_payment(const cJSON *o)
{
    const char *st = json_str(o, "status");

    if (st && strcmp(st, "refunded") == 0)
        return "refunded";
    if (json_str(o, "date_paid_gmt") || json_str(o, "date_paid"))
        return "paid";
    if (st && strcmp(st, "failed") == 0)
        return "failed";
    return "pending";
}

static void
woo_order(const cJSON *j, struct order *o)
{
    const cJSON *bill = cJSON_GetObjectItemCaseSensitive(j, "billing");
    const cJSON *ship = cJSON_GetObjectItemCaseSensitive(j, "shipping");
    const cJSON *it;
    const char *st = json_str(j, "status");
    const char *num = json_str(j, "number");

    memset(o, 0, sizeof *o);
    o->external_id = json_strdup(j, "id");
    if (num == NULL)
        o->number = o->external_id ? xasprintf("#%s", o->external_id) : NULL;
    else
        o->number = xasprintf("#%s", num);
    o->customer_email = json_strdup(bill, "email");
    o->customer_ext_id = json_int(j, "customer_id", 0) > 0
                             ? json_strdup(j, "customer_id") : NULL;
    o->created_at = json_time(j, "date_created_gmt");
    o->status = json_strdup(j, "status");
    o->financial_status = xstrdup(woo_payment(j));
    o->fulfillment_status = xstrdup(st && strcmp(st, "completed") == 0
                                        ? "fulfilled" : "unfulfilled");
    o->currency = json_strdup(j, "currency");
    o->total = json_strdup(j, "total");
    o->ship_country = json_strdup(ship, "country");
    if (o->ship_country && *o->ship_country == '\0') {
        free(o->ship_country);
        o->ship_country = json_strdup(bill, "country");
    }
    o->ship_city = json_strdup(ship, "city");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, "line_items")) {
        struct order_item *oi;

        o->items = xreallocarray(o->items, o->n_items + 1, sizeof *o->items);
        oi = &o->items[o->n_items++];
        memset(oi, 0, sizeof *oi);
        oi->sku = json_strdup(it, "sku");
        oi->name = json_strdup(it, "name");
        oi->quantity = (int)json_int(it, "quantity", 1);
        oi->price = json_strdup(it, "price");
    }
}

static void
woo_on_tracking(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    const char *p = strstr(resp->req->url, "/orders/");
    char *order_id = p ? xstrndup(p + 8, strcspn(p + 8, "/")) : NULL;
    cJSON *j = NULL, *t;

    if (cfind_answer(f, resp, "shipment trackings", &j) == TD_OK) {
        cJSON_ArrayForEach(t, j) {
            struct shipment sh = { 0 };
            const char *prov = json_str(t, "tracking_provider");

            sh.external_id = json_strdup(t, "tracking_id");
            if (sh.external_id == NULL)
                sh.external_id = json_strdup(t, "tracking_number");
            sh.order_ext_id = order_id ? xstrdup(order_id) : NULL;
            sh.carrier = prov && *prov ? xstrdup(prov)
                                       : json_strdup(t, "custom_tracking_provider");
            sh.tracking_number = json_strdup(t, "tracking_number");
            sh.status = SS_IN_TRANSIT;
            sh.status_raw = xstrdup("shipped");
            if (sh.external_id && sh.tracking_number)
                cfind_shipment(f, &sh);
            else
                shipment_clear(&sh);
        }
    }
    cJSON_Delete(j);
    free(order_id);
    cfind_settle(f);
}

/* The Shipment Tracking extension lives beside wc/v3 under wp-json. */
static void
woo_ask_tracking(struct cfind *f, const char *order_id)
{
    const char *v3 = strstr(f->c->url, "/wc/v3");
    char *path;
    struct http_request *req;
    struct td_error e;

    if (v3 == NULL)
        return;
    path = xasprintf("%.*s/wc-shipment-tracking/v3/orders/%s/"
                     "shipment-trackings", (int)(v3 - f->c->url), f->c->url,
                     order_id);
    req = woo_request(f, "", woo_on_tracking);
    free(req->url);
    req->url = path;
    td_error_clear(&e);
    (void)cfind_submit(f, req, &e);
}

/* One order of an answer: kept when it is the buyer's, with its
 * parcels asked for. */
static void
woo_take(struct cfind *f, const cJSON *o, size_t *asked)
{
    struct woo *p = f->c->priv;
    struct order ord;
    const char *mail;

    woo_order(o, &ord);
    mail = ord.customer_email;
    /* search= matches any field: keep the buyer's own orders. */
    if (f->extra && (mail == NULL || strcasecmp(mail, f->key) != 0)) {
        order_clear(&ord);
        return;
    }
    if (p->tracking && ord.external_id && (*asked)++ < WOO_MAX_TRACKING)
        woo_ask_tracking(f, ord.external_id);
    cfind_order(f, &ord);
}

static void
woo_on_orders(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    cJSON *j = NULL, *o;
    size_t asked = 0;

    /* An order number that is no order: found nothing, not a failure. */
    if (resp->status == 404 && f->extra == NULL) {
        cfind_settle(f);
        return;
    }
    if (cfind_answer(f, resp, "WooCommerce orders", &j) == TD_OK) {
        if (cJSON_IsArray(j)) {
            cJSON_ArrayForEach(o, j)
                woo_take(f, o, &asked);
        } else if (cJSON_IsObject(j) && json_str(j, "id") == NULL &&
                   json_int(j, "id", 0) == 0) {
            cfind_fail(f, TD_EPARSE, "%s: the answer is not an order",
                       f->c->name);
        } else if (cJSON_IsObject(j)) {
            woo_take(f, j, &asked);     /* orders/{id}: one object */
        } else {
            cfind_fail(f, TD_EPARSE, "%s: the answer is not a list of "
                       "orders", f->c->name);
        }
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static enum td_status
woo_find_start(struct csource *c, enum commerce_kind kind, const char *key,
               const struct commerce_sink *out, commerce_done_fn done,
               void *ctx, struct td_error *err)
{
    const char *prefix = csource_opt(c, "number_prefix");
    struct cfind *f;
    char *path, *q;
    enum td_status rc;

    if (kind == CK_TRACKING)
        return td_error_set(err, TD_ENOTSUP, "%s: a shop does not track "
                            "parcels", c->name);
    f = cfind_new(c, key, out, done, ctx);
    if (kind == CK_EMAIL) {
        q = csource_escape(key);
        path = xasprintf("/orders?search=%s&per_page=20", q);
        free(q);
        f->extra = xstrdup("email");    /* filter on the billing address */
    } else {
        if (prefix && strncasecmp(key, prefix, strlen(prefix)) == 0)
            key += strlen(prefix);
        if (*key == '\0' || key[strspn(key, "0123456789")] != '\0') {
            /* Not an order id this shop can have: nothing to ask. */
            cfind_abort(f);
            return td_error_set(err, TD_ENOTFOUND, "%s: no order number",
                                c->name);
        }
        path = xasprintf("/orders/%s", key);
    }
    rc = cfind_submit(f, woo_request(f, path, woo_on_orders), err);
    free(path);
    if (rc != TD_OK)
        cfind_abort(f);
    return rc;
}

const struct commerce_provider commerce_woocommerce = {
    .name = "woocommerce",
    .desc = "WooCommerce REST API v3 (orders; parcels with the Shipment "
            "Tracking extension)",
    .is_tracker = 0,
    .priv_size = sizeof(struct woo),
    .keys = woo_keys,
    .open = woo_open,
    .close = woo_close,
    .find_start = woo_find_start,
};
