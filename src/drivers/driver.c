/* driver.c: the driver registry, account life cycle and the store-backed sync sink. */
#include "drivers/driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/secret.h"
#include "drivers/chatwoot.h"
#include "drivers/freshdesk.h"
#include "drivers/generic.h"
#include "drivers/local.h"
#include "drivers/rt.h"
#include "drivers/zammad.h"
#include "drivers/zendesk.h"
#include "net/http.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

/* The only list of drivers (and the only place for #ifdefs about them). */
static const struct driver *const drivers[] = {
    &drv_local,
    &drv_rt,
    &drv_freshdesk,
    &drv_zendesk,
    &drv_generic,
    &drv_zammad,
    &drv_chatwoot,
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
        /* Keys the core itself reads, whatever the driver. */
        int known = strcmp(def->opts[i].key, "sync_interval") == 0;

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

int
drv_account_is_net(const struct account *a)
{
    return a->drv->sync_start || a->drv->reply_start ||
           a->drv->find_sent_start;
}

const char *
drv_account_opt(const struct account *a, const char *key)
{
    for (size_t i = 0; a->def && i < a->def->n_opts; i++)
        if (strcmp(a->def->opts[i].key, key) == 0)
            return a->def->opts[i].value;
    return NULL;
}

enum td_status
drv_account_secret(const struct account *a, char **out, struct td_error *err)
{
    struct account_def none = { .name = a->name };

    /* An account made without a definition (tests) has no options. */
    return secret_get(a->def ? a->def : &none, out, err);
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

/* The sink that writes a sync into the store. A page is one transaction.
 * A local driver writes a page without waiting, so its writes go straight
 * into a transaction that page_done commits. A network driver feeds a page
 * across many round trips: its items are kept in memory and written in
 * one short transaction at page_done, so that no transaction stays open
 * while the console waits on the network (a draft or a read mark written
 * meanwhile would otherwise join it and share its fate). */
enum sink_kind {
    SK_CUSTOMER = 0,
    SK_TICKET,
    SK_ORDER,
    SK_SHIPMENT,
    SK_CURSOR,
};

struct sink_item {
    enum sink_kind kind;
    union {
        struct customer c;
        struct ticket t;
        struct order o;
        struct shipment sh;
        struct {
            char *key;
            char *value;
        } cur;
    } u;
};

struct store_sink {
    struct sync_sink sink;      /* what the driver is handed; ctx = this */
    struct store *st;
    struct account *a;
    int in_txn;
    int buffered;               /* keep a page in memory until page_done */
    struct sink_item *items;    /* owned, with what each holds */
    size_t n_items;
    size_t n_tickets;
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
    drv_done_fn done;
    void *ctx;
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

/* Take what the driver built (it clears its own copy after the call). */
static struct sink_item *
sink_keep(struct store_sink *s, enum sink_kind kind)
{
    struct sink_item *it;

    s->items = xreallocarray(s->items, s->n_items + 1, sizeof *s->items);
    it = &s->items[s->n_items++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

static void
sink_drop(struct store_sink *s)
{
    for (size_t i = 0; i < s->n_items; i++) {
        struct sink_item *it = &s->items[i];

        switch (it->kind) {
        case SK_CUSTOMER:
            customer_clear(&it->u.c);
            break;
        case SK_TICKET:
            ticket_clear(&it->u.t);
            break;
        case SK_ORDER:
            order_clear(&it->u.o);
            break;
        case SK_SHIPMENT:
            shipment_clear(&it->u.sh);
            break;
        case SK_CURSOR:
            free(it->u.cur.key);
            free(it->u.cur.value);
            break;
        }
    }
    free(s->items);
    s->items = NULL;
    s->n_items = 0;
}

static enum td_status
apply_customer(struct store_sink *s, struct customer *c, struct td_error *err)
{
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_customer_upsert(s->st, s->a->store_id, c, err);
}

static enum td_status
apply_ticket(struct store_sink *s, struct ticket *t, struct td_error *err)
{
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
apply_order(struct store_sink *s, struct order *o, struct td_error *err)
{
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_order_upsert(s->st, s->a->store_id, o, err);
}

static enum td_status
apply_shipment(struct store_sink *s, struct shipment *sh,
               struct td_error *err)
{
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_shipment_upsert(s->st, s->a->store_id, sh, err);
}

/* A cursor moves in the same transaction as the page it describes, so a
 * crash can never store a cursor past data that was not committed. */
static enum td_status
apply_cursor(struct store_sink *s, const char *key, const char *value,
             struct td_error *err)
{
    enum td_status rc = sink_txn(s, err);

    return rc ? rc : store_cursor_set(s->st, s->a->store_id, key, value, err);
}

static enum td_status
sink_customer(void *ctx, struct customer *c, struct td_error *err)
{
    struct store_sink *s = ctx;

    if (!s->buffered)
        return apply_customer(s, c, err);
    sink_keep(s, SK_CUSTOMER)->u.c = *c;
    memset(c, 0, sizeof *c);
    return TD_OK;
}

static enum td_status
sink_ticket(void *ctx, struct ticket *t, struct td_error *err)
{
    struct store_sink *s = ctx;

    if (!s->buffered)
        return apply_ticket(s, t, err);
    sink_keep(s, SK_TICKET)->u.t = *t;
    memset(t, 0, sizeof *t);
    return TD_OK;
}

static enum td_status
sink_order(void *ctx, struct order *o, struct td_error *err)
{
    struct store_sink *s = ctx;

    if (!s->buffered)
        return apply_order(s, o, err);
    sink_keep(s, SK_ORDER)->u.o = *o;
    memset(o, 0, sizeof *o);
    return TD_OK;
}

static enum td_status
sink_shipment(void *ctx, struct shipment *sh, struct td_error *err)
{
    struct store_sink *s = ctx;

    if (!s->buffered)
        return apply_shipment(s, sh, err);
    sink_keep(s, SK_SHIPMENT)->u.sh = *sh;
    memset(sh, 0, sizeof *sh);
    return TD_OK;
}

static enum td_status
sink_cursor_set(void *ctx, const char *key, const char *value,
                struct td_error *err)
{
    struct store_sink *s = ctx;
    struct sink_item *it;

    if (!s->buffered)
        return apply_cursor(s, key, value, err);
    it = sink_keep(s, SK_CURSOR);
    it->u.cur.key = xstrdup(key);
    it->u.cur.value = xstrdup(value);
    return TD_OK;
}

/* Write what a buffered page holds, in order, in one transaction. */
static enum td_status
sink_flush(struct store_sink *s, struct td_error *err)
{
    enum td_status rc = TD_OK;

    for (size_t i = 0; i < s->n_items && rc == TD_OK; i++) {
        struct sink_item *it = &s->items[i];

        switch (it->kind) {
        case SK_CUSTOMER:
            rc = apply_customer(s, &it->u.c, err);
            break;
        case SK_TICKET:
            rc = apply_ticket(s, &it->u.t, err);
            break;
        case SK_ORDER:
            rc = apply_order(s, &it->u.o, err);
            break;
        case SK_SHIPMENT:
            rc = apply_shipment(s, &it->u.sh, err);
            break;
        case SK_CURSOR:
            rc = apply_cursor(s, it->u.cur.key, it->u.cur.value, err);
            break;
        }
    }
    sink_drop(s);
    return rc;
}

static enum td_status
sink_page_done(void *ctx, struct td_error *err)
{
    struct store_sink *s = ctx;
    enum td_status rc;

    if (s->buffered && (rc = sink_flush(s, err)) != TD_OK) {
        if (s->in_txn)
            store_rollback(s->st);
        s->in_txn = 0;
        return rc;
    }
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

static void
sink_progress(void *ctx, size_t done, size_t total)
{
    struct store_sink *s = ctx;

    if (s->progress)
        s->progress(s->progress_ctx, done, total);
}

/* The end of a sync, synchronous or not: commit or roll back the last
 * page, record the result on the account, tell the caller, free s. */
static void
sink_finish(void *ctx, enum td_status rc, const char *remote_id,
            const struct td_error *derr)
{
    struct store_sink *s = ctx;
    struct td_error err, ignored;

    (void)remote_id;
    td_error_clear(&err);
    if (rc != TD_OK)
        td_error_set(&err, rc, "%s", derr ? derr->msg : "sync failed");
    if (rc == TD_OK)
        rc = sink_page_done(s, &err);
    sink_drop(s);       /* a failed page's items never reach the store */
    if (rc != TD_OK && s->in_txn)
        store_rollback(s->st);
    s->a->state = rc == TD_OK ? AS_ONLINE : AS_OFFLINE;
    td_error_clear(&ignored);
    store_account_synced(s->st, s->a->store_id, time_now(),
                         rc == TD_OK ? NULL : err.msg, &ignored);
    s->done(s->ctx, rc, NULL, rc == TD_OK ? NULL : &err);
    free(s);
}

enum td_status
drv_sync_start(struct account *a, struct store *st,
               void (*progress)(void *ctx, size_t done, size_t total),
               void *progress_ctx, drv_done_fn done, void *ctx,
               struct td_error *err)
{
    struct store_sink *s;
    struct td_error e;
    enum td_status rc;

    if (!(a->drv->caps & DRV_CAP_SYNC) ||
        (a->drv->sync == NULL && a->drv->sync_start == NULL))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot sync", a->name,
                            a->drv->name);
    if (a->drv->sync_start && a->http == NULL)
        return td_error_set(err, TD_ENOTSUP, "%s: no HTTP engine", a->name);
    if ((rc = store_account_ensure(st, a->name, a->drv->name, a->url,
                                   &a->store_id, err)) != TD_OK)
        return rc;
    s = xcalloc(1, sizeof *s);
    s->st = st;
    s->a = a;
    s->progress = progress;
    s->progress_ctx = progress_ctx;
    s->done = done;
    s->ctx = ctx;
    s->buffered = a->drv->sync_start != NULL;
    s->sink = (struct sync_sink){
        .ctx = s,
        .customer = sink_customer,
        .ticket = sink_ticket,
        .order = sink_order,
        .shipment = sink_shipment,
        .page_done = sink_page_done,
        .cursor_get = sink_cursor_get,
        .cursor_set = sink_cursor_set,
        .progress = sink_progress,
    };
    a->state = AS_SYNCING;
    if (a->drv->sync_start) {
        rc = a->drv->sync_start(a, &s->sink, sink_finish, s, err);
        if (rc != TD_OK) {
            /* Not started: record the failure as a finished sync would. */
            s->done = NULL;
            a->state = AS_OFFLINE;
            td_error_clear(&e);
            store_account_synced(st, a->store_id, time_now(), err->msg, &e);
            free(s);
        }
        return rc;
    }
    td_error_clear(&e);
    rc = a->drv->sync(a, &s->sink, &e);
    sink_finish(s, rc, NULL, &e);
    return TD_OK;
}

/* What a blocking wrapper waits for. */
struct drv_wait {
    int finished;
    enum td_status rc;
    char *remote_id;
    struct td_error err;
};

static void
drv_wait_done(void *ctx, enum td_status rc, const char *remote_id,
              const struct td_error *err)
{
    struct drv_wait *w = ctx;

    w->finished = 1;
    w->rc = rc;
    w->remote_id = remote_id ? xstrdup(remote_id) : NULL;
    if (rc != TD_OK)
        td_error_set(&w->err, rc, "%s", err ? err->msg : "failed");
}

/* Long enough for the biggest first sync; every request has its own
 * timeouts, so this only guards against a chain that never ends. */
#define DRV_WAIT_MS (6L * 3600 * 1000)

/* Run a->http until the operation behind w has called back. */
static enum td_status
drv_wait_run(struct account *a, struct drv_wait *w, struct td_error *err)
{
    const struct http_transport *t = a->http;
    enum td_status rc;

    while (!w->finished) {
        if (t == NULL || t->ops->run == NULL || t->ops->in_flight == NULL)
            return td_error_set(err, TD_ENOTSUP, "%s: no HTTP engine",
                                a->name);
        /* A chain with nothing in flight that has not called back is a
         * driver bug; fail rather than spin. */
        if (t->ops->in_flight(t->impl) == 0)
            return td_error_set(err, TD_ENET, "%s: %s stopped half-way",
                                a->name, a->drv->name);
        if ((rc = t->ops->run(t->impl, DRV_WAIT_MS, err)) != TD_OK)
            return rc;
    }
    if (w->rc != TD_OK)
        return td_error_set(err, w->rc, "%s", w->err.msg);
    return TD_OK;
}

enum td_status
drv_sync(struct account *a, struct store *st,
         void (*progress)(void *ctx, size_t done, size_t total),
         void *progress_ctx, struct td_error *err)
{
    struct drv_wait w = { 0 };
    enum td_status rc;

    rc = drv_sync_start(a, st, progress, progress_ctx, drv_wait_done, &w,
                        err);
    if (rc == TD_OK)
        rc = drv_wait_run(a, &w, err);
    free(w.remote_id);
    return rc;
}

static enum td_status
drv_reply_check(struct account *a, const struct reply_req *req,
                struct td_error *err)
{
    unsigned need = req->is_note ? DRV_CAP_NOTE : DRV_CAP_REPLY;

    if ((a->drv->reply == NULL && a->drv->reply_start == NULL) ||
        !(a->drv->caps & need))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot post %s",
                            a->name, a->drv->name,
                            req->is_note ? "internal notes" : "replies");
    if (req->set_status && !(a->drv->caps & DRV_CAP_STATUS))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot change status",
                            a->name, a->drv->name);
    if (a->drv->reply_start && a->http == NULL)
        return td_error_set(err, TD_ENOTSUP, "%s: no HTTP engine", a->name);
    return TD_OK;
}

enum td_status
drv_reply_start(struct account *a, const struct reply_req *req,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    char *remote = NULL;
    struct td_error e;
    enum td_status rc;

    if ((rc = drv_reply_check(a, req, err)) != TD_OK)
        return rc;
    if (a->drv->reply_start)
        return a->drv->reply_start(a, req, done, ctx, err);
    td_error_clear(&e);
    rc = a->drv->reply(a, req, &remote, &e);
    done(ctx, rc, remote, &e);
    free(remote);
    return TD_OK;
}

enum td_status
drv_reply(struct account *a, const struct reply_req *req, char **remote_id,
          struct td_error *err)
{
    struct drv_wait w = { 0 };
    enum td_status rc;

    *remote_id = NULL;
    if ((rc = drv_reply_check(a, req, err)) != TD_OK)
        return rc;
    if (a->drv->reply)
        return a->drv->reply(a, req, remote_id, err);
    rc = a->drv->reply_start(a, req, drv_wait_done, &w, err);
    if (rc == TD_OK)
        rc = drv_wait_run(a, &w, err);
    if (rc == TD_OK)
        *remote_id = w.remote_id;
    else
        free(w.remote_id);
    return rc;
}

enum td_status
drv_find_sent(struct account *a, const char *ticket_ext_id, const char *token,
              char **remote_id, struct td_error *err)
{
    struct drv_wait w = { 0 };
    enum td_status rc;

    *remote_id = NULL;
    if (a->drv->find_sent)
        return a->drv->find_sent(a, ticket_ext_id, token, remote_id, err);
    if (a->drv->find_sent_start == NULL || a->http == NULL)
        return td_error_set(err, TD_ENOTSUP,
                            "%s: %s cannot check for a sent reply", a->name,
                            a->drv->name);
    rc = a->drv->find_sent_start(a, ticket_ext_id, token, drv_wait_done, &w,
                                 err);
    if (rc == TD_OK)
        rc = drv_wait_run(a, &w, err);
    if (rc == TD_OK)
        *remote_id = w.remote_id;
    else
        free(w.remote_id);
    return rc;
}

static enum td_status
drv_update_check(struct account *a, const struct ticket_update *u,
                 struct td_error *err)
{
    unsigned need = 0;

    if (u->status)
        need |= DRV_CAP_STATUS;
    if (u->assignee)
        need |= DRV_CAP_ASSIGN;
    if (u->n_add_tags || u->n_remove_tags)
        need |= DRV_CAP_TAGS;
    if (need == 0)
        return td_error_set(err, TD_EINVAL, "nothing to change");
    if ((a->drv->caps & need) != need ||
        (a->drv->update == NULL && a->drv->update_start == NULL))
        return td_error_set(err, TD_ENOTSUP, "%s: %s cannot change %s",
                            a->name, a->drv->name,
                            (need & ~a->drv->caps & DRV_CAP_TAGS) ? "tags"
                            : (need & ~a->drv->caps & DRV_CAP_ASSIGN)
                                ? "the assignee"
                                : "the status");
    if (u->status && ticket_status_from_name(u->status) < 0)
        return td_error_set(err, TD_EINVAL, "unknown status '%s'", u->status);
    return TD_OK;
}

enum td_status
drv_update(struct account *a, const struct ticket_update *u,
           struct td_error *err)
{
    struct drv_wait w = { 0 };
    enum td_status rc;

    if ((rc = drv_update_check(a, u, err)) != TD_OK)
        return rc;
    if (a->drv->update)
        return a->drv->update(a, u, err);
    if (a->http == NULL)
        return td_error_set(err, TD_ENOTSUP, "%s: no network transport",
                            a->name);
    rc = a->drv->update_start(a, u, drv_wait_done, &w, err);
    if (rc == TD_OK)
        rc = drv_wait_run(a, &w, err);
    free(w.remote_id);
    return rc;
}

void
canned_list_clear(struct canned_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].id);
        free(l->v[i].title);
        free(l->v[i].body);
        free(l->v[i].folder);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void
canned_list_add(struct canned_list *l, const char *id, const char *title,
                const char *body, const char *folder)
{
    struct canned *c;

    l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
    c = &l->v[l->n++];
    c->id = id ? xstrdup(id) : NULL;
    c->title = title ? xstrdup(title) : NULL;
    c->body = body ? xstrdup(body) : NULL;
    c->folder = folder ? xstrdup(folder) : NULL;
}

enum td_status
drv_list_canned(struct account *a, struct canned_list *out,
                struct td_error *err)
{
    struct drv_wait w = { 0 };
    enum td_status rc;

    if (a->drv->list_canned)
        return a->drv->list_canned(a, out, err);
    if (a->drv->list_canned_start == NULL)
        return td_error_set(err, TD_ENOTSUP,
                            "%s: %s has no canned replies to list", a->name,
                            a->drv->name);
    if (a->http == NULL)
        return td_error_set(err, TD_ENOTSUP, "%s: no network transport",
                            a->name);
    rc = a->drv->list_canned_start(a, out, drv_wait_done, &w, err);
    if (rc == TD_OK)
        rc = drv_wait_run(a, &w, err);
    free(w.remote_id);
    return rc;
}
