/* cfind.h: one find in flight, as the providers share it: the sink, the
 * caller's done, the first failure, and the requests still out. */
#ifndef TD_COMMERCE_CFIND_H
#define TD_COMMERCE_CFIND_H

#include <cjson/cJSON.h>

#include "commerce/commerce.h"

struct cfind {
    struct csource *c;
    struct commerce_sink out;
    commerce_done_fn done;
    void *ctx;
    char *key;                  /* what was asked */
    size_t n_pending;
    enum td_status rc;
    struct td_error err;
    void *extra;                /* the provider's own state, freed here */
    /* Called once before done, when the last request has ended: for a
     * provider that holds answers back until they are complete. */
    void (*finish)(struct cfind *f);
};

/* A find for (c, key) reporting to out/done. */
struct cfind *cfind_new(struct csource *c, const char *key,
                        const struct commerce_sink *out,
                        commerce_done_fn done, void *ctx);

/* Submit req for f (counted as pending). On failure f records it and
 * TD_OK is still returned when another request of f is out; the caller
 * of the first submit gets the failure and must cfind_abort. */
enum td_status cfind_submit(struct cfind *f, struct http_request *req,
                            struct td_error *err);

/* A response arrived: TD_OK with *j parsed (an object or array as the
 * provider expects: the caller checks), or the failure recorded in f. */
enum td_status cfind_answer(struct cfind *f, struct http_response *resp,
                            const char *what, cJSON **j);

/* The first failure wins; later ones are dropped. */
void cfind_fail(struct cfind *f, enum td_status rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A request of f ended: when it was the last, call done and free f. */
void cfind_settle(struct cfind *f);

/* Free a find whose first request never went out (done not called). */
void cfind_abort(struct cfind *f);

/* Pass o / sh to the sink (unless f failed already) and clear it. */
void cfind_order(struct cfind *f, struct order *o);
void cfind_shipment(struct cfind *f, struct shipment *sh);

/* Append an event to sh. */
void cfind_event(struct shipment *sh, time_t t, const char *location,
                 const char *status_word, const char *description);

#endif
