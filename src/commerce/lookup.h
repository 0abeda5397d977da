/* lookup.h: bring a ticket's orders and parcels up to date from the
 * configured shops and trackers, in the poll loop. */
#ifndef TD_COMMERCE_LOOKUP_H
#define TD_COMMERCE_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "commerce/commerce.h"
#include "store/store.h"

/* How a refresh went. */
struct lookup_result {
    size_t asked;           /* finds sent (fresh cache entries are not) */
    size_t cached;          /* finds skipped: the cache was fresh */
    size_t failed;
    size_t orders;          /* orders and parcels stored */
    size_t parcels;
    char error[TD_ERROR_MAX];   /* the first failure, "" if none */
};

typedef void (*lookup_done_fn)(void *ctx, const struct lookup_result *r);

/* Look up ticket_id's buyer address and the order numbers its messages
 * mention (or the agent linked) in every shop, then its parcels in every
 * tracker, storing what comes back. Lookups whose cache entry is fresh
 * are skipped unless force. Returns once the first requests are out;
 * done is called once, from the transport, when all have ended (or
 * before this returns when nothing needed asking). srcs must outlive the
 * refresh. A failure leaves what the store had: the panel stays readable
 * and says what failed. */
enum td_status commerce_refresh_start(struct csource *const *srcs, size_t n,
                                      struct store *st, int64_t ticket_id,
                                      int force, lookup_done_fn done,
                                      void *ctx, struct td_error *err);

#endif
