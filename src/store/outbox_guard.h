/* outbox_guard.h: what the send guard asks the store before a send, and
 * the agent's answers to a held or failed item (retry, edit, discard). */
#ifndef TD_STORE_OUTBOX_GUARD_H
#define TD_STORE_OUTBOX_GUARD_H

#include <time.h>

#include "store/store.h"

/* What a ticket's thread gained after an outbox item was written: the
 * messages newer than the item's base, leaving out the ones the outbox
 * itself posted. */
struct outbox_news {
    int count;
    int from_customer;      /* the first of them is the buyer's */
    char *who;              /* its author's name, NULL if unknown */
    time_t at;              /* its time */
    char *snippet;          /* its first words, sanitised, NULL if none */
};

/* Fill *out (cleared first) for the item. count 0 = nothing new. */
enum td_status store_outbox_news(struct store *s,
                                 const struct outbox_item *it,
                                 struct outbox_news *out,
                                 struct td_error *err);
void outbox_news_clear(struct outbox_news *n);

/* A held or failed item goes back to queued, with the agent's new body
 * (NULL keeps it), its error cleared and its base moved to the ticket
 * as stored now: the agent has seen what the guard held it for. */
enum td_status store_outbox_requeue(struct store *s, int64_t id,
                                    const char *body, struct td_error *err);

/* The agent drops an item that was never sent (queued, held or failed);
 * one being sent or already sent is refused (TD_ECONFLICT). */
enum td_status store_outbox_discard(struct store *s, int64_t id,
                                    struct td_error *err);

/* The item was written from the thread as it stood at base (its
 * updated_at then): what came after it holds the send. */
enum td_status store_outbox_set_base(struct store *s, int64_t id,
                                     time_t base, struct td_error *err);

/* The base a reply written now would get: the ticket's updated_at or
 * its newest message, whichever is later. */
enum td_status store_ticket_base(struct store *s, int64_t ticket_id,
                                 time_t *base, struct td_error *err);

/* Why an update or delete of item id touched no row: TD_ENOTFOUND (no
 * such item) or TD_ECONFLICT (its state forbids it), with op in err. */
enum td_status store_outbox_why_unchanged(struct store *s, int64_t id,
                                          const char *op,
                                          struct td_error *err);

/* One item by id (TD_ENOTFOUND if none); clear with outbox_item_clear. */
enum td_status store_outbox_get(struct store *s, int64_t id,
                                struct outbox_item *out,
                                struct td_error *err);

#endif
