/* driver.c: the driver registry, account life cycle and the store-backed sync sink. */
#include "drivers/driver.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "drivers/local.h"
#include "store/store.h"
#include "util/xmalloc.h"

/* The only list of drivers (and the only place for #ifdefs about them). */
static const struct driver *const drivers[] = {
    &drv_local,
    NULL,
};

const struct driver *const *
drv_all(void)
{
    return drivers;
}

const struct driver *
drv_find(const char *name)
{
    for (size_t i = 0; drivers[i] != NULL; i++)
        if (strcmp(drivers[i]->name, name) == 0)
            return drivers[i];
    return NULL;
}

enum td_status
drv_account_new(const struct account_def *def, struct account **out,
                struct td_error *err)
{
    const struct driver *drv = drv_find(def->driver);
    struct account *a;
    enum td_status rc;

    *out = NULL;
    if (drv == NULL)
        return td_error_set(err, TD_ENOTSUP,
                            "account %s: unknown driver '%s'", def->name,
                            def->driver);
    for (size_t i = 0; i < def->n_opts; i++) {
        int known = 0;

        for (size_t k = 0; drv->keys && drv->keys[k]; k++)
            if (strcmp(drv->keys[k], def->opts[i].key) == 0)
                known = 1;
        if (!known)
            return td_error_set(err, TD_EINVAL,
                                "account %s: driver %s has no option '%s'",
                                def->name, drv->name, def->opts[i].key);
    }
    a = xcalloc(1, sizeof *a);
    a->name = xstrdup(def->name);
    a->drv = drv;
    a->url = xstrdup(def->url);
    a->def = def;
    a->priv = drv->priv_size ? xcalloc(1, drv->priv_size) : NULL;
    /* close runs even when open failed half-way: it frees what open made. */
    if (drv->open && (rc = drv->open(a, err)) != TD_OK) {
        td_error_prefix(err, "account %s: ", def->name);
        drv_account_free(&a);
        return rc;
    }
    *out = a;
    return TD_OK;
}

void
drv_account_free(struct account **ap)
{
    struct account *a;

    if (ap == NULL || *ap == NULL)
        return;
    a = *ap;
    if (a->priv && a->drv->close)
        a->drv->close(a);
    free(a->priv);
    free(a->name);
    free(a->url);
    free(a);
    *ap = NULL;
}

/* The sink that writes a sync into the store. A page is one transaction:
 * the first write of a page begins it, page_done commits it. */
struct store_sink {
    struct store *st;
    struct account *a;
    int in_txn;
    size_t n_tickets;
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
};

static enum td_status
sink_txn(struct store_sink *s, struct td_error *err)
{
    enum td_status rc;

    if (s->in_txn)
        return TD_OK;
    if ((rc = store_begin(s->st, err)) == TD_OK)
        s->in_txn = 1;
    return rc;
}

static enum td_status
sink_customer(void *ctx, struct customer *c, struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_customer_upsert(s->st, s->a->store_id, c, err);
}

static enum td_status
sink_ticket(void *ctx, struct ticket *t, struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc = sink_txn(s, err);

    if (rc != TD_OK)
        return rc;
    t->account_id = s->a->store_id;
    if (t->requester.external_id || t->requester.email) {
        if (t->requester.external_id == NULL)
            t->requester.external_id = xstrdup(t->requester.email);
        rc = store_customer_upsert(s->st, s->a->store_id, &t->requester, err);
        if (rc != TD_OK)
            return rc;
    }
    if ((rc = store_ticket_upsert(s->st, t, err)) == TD_OK)
        s->n_tickets++;
    return rc;
}

static enum td_status
sink_order(void *ctx, struct order *o, struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_order_upsert(s->st, s->a->store_id, o, err);
}

static enum td_status
sink_shipment(void *ctx, struct shipment *sh, struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_shipment_upsert(s->st, s->a->store_id, sh, err);
}

static enum td_status
sink_page_done(void *ctx, struct td_error *err)
{
    struct store_sink *s = ctx;

    if (!s->in_txn)
        return TD_OK;
    s->in_txn = 0;
    return store_commit(s->st, err);
}

static enum td_status
sink_cursor_get(void *ctx, const char *key, char **value, struct td_error *err)
{
    struct store_sink *s = ctx;

    return store_cursor_get(s->st, s->a->store_id, key, value, err);
}

/* A cursor moves in the same transaction as the page it describes, so a
 * crash can never store a cursor past data that was not committed. */
static enum td_status
sink_cursor_set(void *ctx, const char *key, const char *value,
                struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_cursor_set(s->st, s->a->store_id, key, value, err);
}

static void
sink_progress(void *ctx, size_t done, size_t total)
{
    struct store_sink *s = ctx;

    if (s->progress)
        s->progress(s->progress_ctx, done, total);
}

enum td_status
drv_sync(struct account *a, struct store *st,
         void (*progress)(void *ctx, size_t done, size_t total),
         void *progress_ctx, struct td_error *err)
{
    struct store_sink s = {
        .st = st,
        .a = a,
        .progress = progress,
        .progress_ctx = progress_ctx,
    };
    const struct sync_sink sink = {
        .ctx = &s,
        .customer = sink_customer,
        .ticket = sink_ticket,
        .order = sink_order,
        .shipment = sink_shipment,
        .page_done = sink_page_done,
        .cursor_get = sink_cursor_get,
        .cursor_set = sink_cursor_set,
        .progress = sink_progress,
    };
    struct td_error ignored;
    enum td_status rc;

    if (a->drv->sync == NULL || !(a->drv->caps & DRV_CAP_SYNC))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot sync", a->name,
                            a->drv->name);
    if ((rc = store_account_ensure(st, a->name, a->drv->name, a->url,
                                   &a->store_id, err)) != TD_OK)
        return rc;
    a->state = AS_SYNCING;
    rc = a->drv->sync(a, &sink, err);
    if (rc == TD_OK)
        rc = sink_page_done(&s, err);
    if (rc != TD_OK && s.in_txn)
        store_rollback(st);
    a->state = rc == TD_OK ? AS_ONLINE : AS_OFFLINE;
    td_error_clear(&ignored);
    store_account_synced(st, a->store_id, time(NULL),
                         rc == TD_OK ? NULL : err->msg, &ignored);
    return rc;
}

enum td_status
drv_reply(struct account *a, const struct reply_req *req, char **remote_id,
          struct td_error *err)
{
    unsigned need = req->is_note ? DRV_CAP_NOTE : DRV_CAP_REPLY;

    *remote_id = NULL;
    if (a->drv->reply == NULL || !(a->drv->caps & need))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot post %s",
                            a->name, a->drv->name,
                            req->is_note ? "internal notes" : "replies");
    if (req->set_status && !(a->drv->caps & DRV_CAP_STATUS))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot change status",
                            a->name, a->drv->name);
    return a->drv->reply(a, req, remote_id, err);
}

enum td_status
drv_find_sent(struct account *a, const char *ticket_ext_id, const char *token,
              char **remote_id, struct td_error *err)
{
    *remote_id = NULL;
    if (a->drv->find_sent == NULL)
        return td_error_set(err, TD_ENOTSUP,
                            "%s: %s cannot check for a sent reply", a->name,
                            a->drv->name);
    return a->drv->find_sent(a, ticket_ext_id, token, remote_id, err);
}
