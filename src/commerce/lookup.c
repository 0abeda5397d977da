/* lookup.c: a ticket's orders from the shops, then its parcels from the
 * trackers; each answer stored and remembered in the cache. */
#include "commerce/lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ordermatch.h"
#include "store/commerce.h"
#include "util/xmalloc.h"

/* A failed lookup is tried again after this long, not at every key. */
#define LOOKUP_RETRY_S 60L

struct refresh {
    struct csource *const *srcs;
    size_t n_srcs;
    struct store *st;
    int64_t ticket_id;
    int force;
    lookup_done_fn done;
    void *ctx;
    size_t pending;
    int phase;              /* 0: shops, 1: trackers */
    struct lookup_result res;
};

/* One find of a refresh: which source, what kind, what key. */
struct refresh_find {
    struct refresh *r;
    struct csource *c;
    enum commerce_kind kind;
    char *key;
};

static void refresh_trackers(struct refresh *r);

static void
refresh_end(struct refresh *r)
{
    r->done(r->ctx, &r->res);
    free(r);
}

static enum td_status
sink_order(void *ctx, struct order *o, struct td_error *err)
{
    struct refresh_find *rf = ctx;
    enum td_status rc = store_order_upsert(rf->r->st, rf->c->store_id, o, err);

    if (rc == TD_OK)
        rf->r->res.orders++;
    return rc;
}

static enum td_status
sink_shipment(void *ctx, struct shipment *s, struct td_error *err)
{
    struct refresh_find *rf = ctx;
    enum td_status rc;

    if (rf->kind == CK_TRACKING)
        rc = store_shipment_track(rf->r->st, rf->c->store_id, s, NULL, err);
    else
        rc = store_shipment_upsert(rf->r->st, rf->c->store_id, s, err);
    if (rc == TD_OK)
        rf->r->res.parcels++;
    return rc;
}

static void
refresh_find_done(void *ctx, enum td_status rc, const struct td_error *err)
{
    struct refresh_find *rf = ctx;
    struct refresh *r = rf->r;
    struct td_error e;

    td_error_clear(&e);
    if (rc != TD_OK) {
        r->res.failed++;
        if (r->res.error[0] == '\0')
            snprintf(r->res.error, sizeof r->res.error, "%s",
                     err ? err->msg : "failed");
    }
    (void)store_cache_put(r->st, rf->c->name, commerce_kind_name(rf->kind),
                          rf->key, rc == TD_OK ? rf->c->ttl : LOOKUP_RETRY_S,
                          rc == TD_OK ? NULL : err ? err->msg : "failed", &e);
    free(rf->key);
    free(rf);
    if (--r->pending > 0)
        return;
    if (r->phase == 0)
        refresh_trackers(r);
    else
        refresh_end(r);
}

/* Ask c about key unless the cache says it was asked recently. */
static void
refresh_ask(struct refresh *r, struct csource *c, enum commerce_kind kind,
            const char *key)
{
    struct cache_entry ce = { 0 };
    struct refresh_find *rf;
    struct commerce_sink sink;
    struct td_error e;
    time_t now = time(NULL);

    td_error_clear(&e);
    if (!r->force &&
        store_cache_get(r->st, c->name, commerce_kind_name(kind), key, &ce,
                        &e) == TD_OK &&
        ce.fetched_at != 0 && ce.expires_at > now) {
        cache_entry_clear(&ce);
        r->res.cached++;
        return;
    }
    cache_entry_clear(&ce);
    rf = xcalloc(1, sizeof *rf);
    rf->r = r;
    rf->c = c;
    rf->kind = kind;
    rf->key = xstrdup(key);
    sink.ctx = rf;
    sink.order = sink_order;
    sink.shipment = sink_shipment;
    r->pending++;
    r->res.asked++;
    if (c->prov->find_start(c, kind, key, &sink, refresh_find_done, rf,
                            &e) != TD_OK) {
        r->pending--;
        r->res.asked--;
        if (e.status != TD_ENOTFOUND) {
            r->res.failed++;
            if (r->res.error[0] == '\0')
                snprintf(r->res.error, sizeof r->res.error, "%s", e.msg);
        }
        free(rf->key);
        free(rf);
    }
}

static void
refresh_trackers(struct refresh *r)
{
    char **numbers = NULL;
    size_t n = 0;
    struct td_error e;

    r->phase = 1;
    td_error_clear(&e);
    if (store_ticket_tracking(r->st, r->ticket_id, &numbers, &n, &e) ==
        TD_OK) {
        for (size_t i = 0; i < r->n_srcs; i++) {
            if (!r->srcs[i]->prov->is_tracker)
                continue;
            for (size_t k = 0; k < n; k++)
                refresh_ask(r, r->srcs[i], CK_TRACKING, numbers[k]);
        }
    } else if (r->res.error[0] == '\0') {
        snprintf(r->res.error, sizeof r->res.error, "%s", e.msg);
        r->res.failed++;
    }
    store_strings_free(&numbers, n);
    if (r->pending == 0)
        refresh_end(r);
}

enum td_status
commerce_refresh_start(struct csource *const *srcs, size_t n,
                       struct store *st, int64_t ticket_id, int force,
                       lookup_done_fn done, void *ctx, struct td_error *err)
{
    struct refresh *r;
    struct order_refs refs = { 0 };
    char *email = NULL;
    enum td_status rc;

    if ((rc = store_ticket_refs(st, ticket_id, &email, &refs, err)) !=
            TD_OK ||
        (rc = store_ticket_links_found(st, ticket_id, &refs, err)) !=
            TD_OK) {
        free(email);
        order_refs_clear(&refs);
        return rc;
    }
    r = xcalloc(1, sizeof *r);
    r->srcs = srcs;
    r->n_srcs = n;
    r->st = st;
    r->ticket_id = ticket_id;
    r->force = force;
    r->done = done;
    r->ctx = ctx;
    for (size_t i = 0; i < n; i++) {
        if (srcs[i]->prov->is_tracker)
            continue;
        if (email && *email)
            refresh_ask(r, srcs[i], CK_EMAIL, email);
        for (size_t k = 0; k < refs.n_numbers; k++)
            refresh_ask(r, srcs[i], CK_NUMBER, refs.numbers[k]);
    }
    free(email);
    order_refs_clear(&refs);
    if (r->pending == 0)
        refresh_trackers(r);
    return TD_OK;
}
