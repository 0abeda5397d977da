/* commerce.h: what the order panel's lookups keep in the store: the cache
 * of shop and carrier answers, the orders linked to a ticket, parcels
 * updated from a tracker. */
#ifndef TD_STORE_COMMERCE_H
#define TD_STORE_COMMERCE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model.h"
#include "core/ordermatch.h"
#include "store/store.h"

/* One lookup as the cache remembers it. */
struct cache_entry {
    time_t fetched_at;      /* 0: never looked up */
    time_t expires_at;
    char *error;            /* why the last lookup failed, NULL if it did not */
};

/* The entry for (source, kind, key); fetched_at 0 when there is none. */
enum td_status store_cache_get(struct store *s, const char *source,
                               const char *kind, const char *key,
                               struct cache_entry *out, struct td_error *err);
/* Record a lookup made now: fresh for ttl seconds; error NULL = it worked. */
enum td_status store_cache_put(struct store *s, const char *source,
                               const char *kind, const char *key, long ttl,
                               const char *error, struct td_error *err);
void cache_entry_clear(struct cache_entry *e);

/* The oldest lookup behind a ticket's panel and the newest error. */
struct cache_summary {
    time_t oldest;          /* 0: nothing looked up yet */
    char *error;
    size_t n_failed;
};
enum td_status store_cache_summary(struct store *s, int64_t ticket_id,
                                   struct cache_summary *out,
                                   struct td_error *err);
void cache_summary_clear(struct cache_summary *c);

/* What to look up for a ticket: the buyer's address, and the order and
 * tracking numbers the ticket's messages mention plus those the agent
 * linked. *email may be NULL. */
enum td_status store_ticket_refs(struct store *s, int64_t ticket_id,
                                 char **email, struct order_refs *refs,
                                 struct td_error *err);
/* Remember the numbers found in the text (links "text" and "tracking",
 * replaced) so that the panel finds those orders. */
enum td_status store_ticket_links_found(struct store *s, int64_t ticket_id,
                                        const struct order_refs *refs,
                                        struct td_error *err);
/* The agent links (or unlinks) an order number by hand. */
enum td_status store_ticket_link(struct store *s, int64_t ticket_id,
                                 const char *number, int link,
                                 struct td_error *err);

/* The tracking numbers of a ticket's parcels (of its orders, and those
 * its messages mention); owned strings. */
enum td_status store_ticket_tracking(struct store *s, int64_t ticket_id,
                                     char ***out, size_t *n,
                                     struct td_error *err);
void store_strings_free(char ***v, size_t n);

/* A carrier's news about a parcel: every stored shipment with that
 * tracking number takes its status, ETA and events; when none has it,
 * the parcel is kept on its own under the tracker's account. *updated
 * says how many rows changed (may be NULL). */
enum td_status store_shipment_track(struct store *s, int64_t tracker_id,
                                    struct shipment *tracked,
                                    size_t *updated, struct td_error *err);

/* Parcels the ticket mentions that belong to no stored order. */
enum td_status store_ticket_loose_shipments(struct store *s,
                                            int64_t ticket_id,
                                            struct shipment **out, size_t *n,
                                            struct td_error *err);

#endif
