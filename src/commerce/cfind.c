/* cfind.c: the life of one find, shared by the providers. */
#include "commerce/cfind.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/json.h"
#include "util/xmalloc.h"

struct cfind *
cfind_new(struct csource *c, const char *key, const struct commerce_sink *out,
          commerce_done_fn done, void *ctx)
{
    struct cfind *f = xcalloc(1, sizeof *f);

    f->c = c;
    f->out = *out;
    f->done = done;
    f->ctx = ctx;
    f->key = xstrdup(key);
    td_error_clear(&f->err);
    return f;
}

void
cfind_fail(struct cfind *f, enum td_status rc, const char *fmt, ...)
{
    char msg[TD_ERROR_MAX];
    va_list ap;

    if (f->rc != TD_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    f->rc = td_error_set(&f->err, rc, "%s", msg);
}

enum td_status
cfind_submit(struct cfind *f, struct http_request *req, struct td_error *err)
{
    enum td_status rc;

    f->n_pending++;
    if ((rc = csource_submit(f->c, req, err)) != TD_OK) {
        f->n_pending--;
        if (f->n_pending > 0) {
            cfind_fail(f, rc, "%s", err->msg);
            return TD_OK;
        }
    }
    return rc;
}

enum td_status
cfind_answer(struct cfind *f, struct http_response *resp, const char *what,
             cJSON **j)
{
    struct td_error e;

    *j = NULL;
    td_error_clear(&e);
    if (resp->result != TD_OK) {
        csource_fail(f->c, resp, &e);
        cfind_fail(f, e.status, "%s", e.msg);
        return e.status;
    }
    if (json_parse(resp->body, resp->body_len, j, what, &e) != TD_OK) {
        cfind_fail(f, TD_EPARSE, "%s: %s", f->c->name, e.msg);
        return TD_EPARSE;
    }
    return TD_OK;
}

void
cfind_order(struct cfind *f, struct order *o)
{
    if (f->rc == TD_OK && o->external_id != NULL)
        f->rc = f->out.order(f->out.ctx, o, &f->err);
    order_clear(o);
}

/* Carriers list events newest first (17TRACK) or oldest first
 * (AfterShip, Shopify); the store keeps them oldest first. */
static int
event_cmp(const void *a, const void *b)
{
    const struct shipment_event *x = a, *y = b;

    return (x->time > y->time) - (x->time < y->time);
}

void
cfind_shipment(struct cfind *f, struct shipment *sh)
{
    if (sh->n_events > 1)
        qsort(sh->events, sh->n_events, sizeof *sh->events, event_cmp);
    if (sh->n_events && sh->events[sh->n_events - 1].status == SS_CUSTOMS &&
        (sh->status == SS_IN_TRANSIT || sh->status == SS_EXCEPTION))
        sh->status = SS_CUSTOMS;
    if (f->rc == TD_OK)
        f->rc = f->out.shipment(f->out.ctx, sh, &f->err);
    shipment_clear(sh);
}

void
cfind_event(struct shipment *sh, time_t t, const char *location,
            const char *status_word, const char *description)
{
    struct shipment_event *ev;

    sh->events = xreallocarray(sh->events, sh->n_events + 1,
                               sizeof *sh->events);
    ev = &sh->events[sh->n_events++];
    ev->time = t;
    ev->location = location && *location ? xstrdup(location) : NULL;
    ev->description = description && *description ? xstrdup(description)
                                                   : NULL;
    ev->status = commerce_ship_status(status_word, description);
}

static void
cfind_free(struct cfind *f)
{
    free(f->extra);
    free(f->key);
    free(f);
}

void
cfind_settle(struct cfind *f)
{
    if (f->n_pending > 0 && --f->n_pending > 0)
        return;
    if (f->finish)
        f->finish(f);
    f->done(f->ctx, f->rc, f->rc == TD_OK ? NULL : &f->err);
    cfind_free(f);
}

void
cfind_abort(struct cfind *f)
{
    cfind_free(f);
}
