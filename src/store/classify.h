/* classify.h: the assist's language and intent, stored with what syncs
 * bring in, and a background pass for tickets stored before it. */
#ifndef TD_STORE_CLASSIFY_H
#define TD_STORE_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct assist;
struct store;

/* Classify what is written from now on with a (borrowed; it must outlive
 * the store or be unset with NULL). Every ticket upsert and message
 * upsert then detects the language of the buyer's new or edited messages
 * and redoes the ticket's language and intent (core/assist.h has the
 * rules), inside the same savepoint: microseconds per message. */
void store_set_assist(struct store *s, const struct assist *a);

/* Classify ticket id now (no-op without an assist). */
enum td_status store_classify_ticket(struct store *s, int64_t id,
                                     struct td_error *err);

/* Classify up to max tickets not classified yet (stored by an older
 * ttydesk, or while the models were missing), most recently updated
 * first, in one transaction unless one is open. stop (may be NULL) is
 * asked before each ticket and ends the slice early when it returns
 * nonzero: the console's says "a key is waiting". *done says how many,
 * *more whether any are left. The console runs it in slices from its
 * poll loop so that an upgraded store of 100k tickets never stalls
 * start-up; the CLI runs it before it answers. */
enum td_status store_classify_pending(struct store *s, size_t max,
                                      int (*stop)(void *ctx), void *ctx,
                                      size_t *done, int *more,
                                      struct td_error *err);

/* How many tickets are not classified yet. */
enum td_status store_classify_count(struct store *s, int64_t *n,
                                    struct td_error *err);

/* For the store's own upserts: store_classify_ticket without the
 * savepoint (the caller holds one). */
enum td_status classify_ticket(struct store *s, int64_t id,
                               struct td_error *err);

#endif
