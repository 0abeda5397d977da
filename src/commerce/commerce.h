/* commerce.h: shops and carrier trackers behind the order panel.
 *
 * A source is a `shop` or `tracker` line of the rc file, made from a
 * provider: a small ops table of its own (not the helpdesk driver table).
 * A provider answers one kind of question at a time, asynchronously on
 * the app's HTTP transport: the orders of an email address, the order
 * with a number, or the journey of a parcel. Answers go to a sink; the
 * lookup (lookup.h) stores them and keeps the cache. */
#ifndef TD_COMMERCE_H
#define TD_COMMERCE_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "core/model.h"
#include "net/http.h"
#include "util/error.h"

enum commerce_kind {
    CK_EMAIL = 0,           /* a shop: the orders of a buyer's address */
    CK_NUMBER,              /* a shop: the order with this number */
    CK_TRACKING,            /* a tracker: a parcel's journey */
    CK_COUNT
};

/* The cache's word for a kind: "email", "number", "tracking". */
const char *commerce_kind_name(enum commerce_kind k);

/* Where a provider puts what it found. The sink may modify and keep
 * nothing: the provider frees the structs after each call. */
struct commerce_sink {
    void *ctx;
    enum td_status (*order)(void *ctx, struct order *o,
                            struct td_error *err);
    /* For a shop: a fulfilment of the last order given (its order_ext_id
     * set); for a tracker: the parcel. */
    enum td_status (*shipment)(void *ctx, struct shipment *s,
                               struct td_error *err);
};

/* Called once when a find ends: TD_OK (found or not: what was found went
 * to the sink), or the failure with its text. */
typedef void (*commerce_done_fn)(void *ctx, enum td_status rc,
                                 const struct td_error *err);

struct csource;

struct commerce_provider {
    const char *name;           /* the DRIVER word of a shop/tracker line */
    const char *desc;
    int is_tracker;             /* answers CK_TRACKING, else CK_EMAIL/NUMBER */
    size_t priv_size;
    const char *const *keys;    /* key=value options it understands */
    /* Check the line's settings and prepare priv; c->secret is read. */
    enum td_status (*open)(struct csource *c, struct td_error *err);
    /* Release what open made (not priv itself); NULL if nothing. */
    void (*close)(struct csource *c);
    /* Start a find. TD_OK: done will be called from the transport later,
     * never before this returns. Another status: nothing is in flight. */
    enum td_status (*find_start)(struct csource *c, enum commerce_kind kind,
                                 const char *key,
                                 const struct commerce_sink *out,
                                 commerce_done_fn done, void *ctx,
                                 struct td_error *err);
};

/* One shop or tracker of the rc file. */
struct csource {
    char *name;
    const struct commerce_provider *prov;
    const struct account_def *def;  /* borrowed from the config */
    char *url;                      /* without a trailing '/' */
    int64_t store_id;               /* its accounts row in the store */
    long ttl;                       /* seconds a lookup stays fresh */
    int insecure;                   /* insecure=yes: plain http allowed */
    const struct http_transport *http;  /* borrowed from the app */
    char *secret;                   /* from token_env/token_cmd; wiped */
    void *priv;
};

/* The registered providers, NULL-terminated; the only list of them. */
const struct commerce_provider *const *commerce_providers(void);

/* Make a source from a shop or tracker line (kind checked against the
 * provider). On failure *out is NULL and err says why, naming the line. */
enum td_status csource_new(const struct account_def *def,
                           const struct http_transport *http,
                           struct csource **out, struct td_error *err);
void csource_free(struct csource **c);

/* An option of the source's line, borrowed; NULL when not given. */
const char *csource_opt(const struct csource *c, const char *key);

/* A JSON request to the source's URL + path (query already encoded in
 * path), counted against the source's rate budget (its name). */
struct http_request *csource_request(struct csource *c, const char *method,
                                     const char *path, http_done_fn done,
                                     void *ctx);

/* Submit req on the source's transport (ownership taken). */
enum td_status csource_submit(struct csource *c, struct http_request *req,
                              struct td_error *err);

/* The error text of a failed response: the HTTP status and what the
 * body says in the provider's error shapes ("errors", "message",
 * "meta.message"), sanitised and short. */
void csource_fail(struct csource *c, const struct http_response *resp,
                  struct td_error *err);

/* A carrier's or shop's word for a parcel's state, in any of the
 * vocabularies the providers use (AfterShip tags and subtags, 17TRACK
 * statuses and sub-statuses, Shopify shipment_status), with the text of
 * the latest event as a hint for customs holds; SS_UNKNOWN if none. */
enum ship_status commerce_ship_status(const char *raw, const char *text);

/* 1 if url is on the source's own origin (scheme://host:port): a next
 * page link elsewhere would carry the credentials away. */
int csource_same_origin(const struct csource *c, const char *url);

/* s percent-encoded for a query value (owned). */
char *csource_escape(const char *s);

#endif
