/* outbox.h: queue replies durably and send each exactly once. */
#ifndef TD_OUTBOX_H
#define TD_OUTBOX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"

struct account;
struct store;

/* Put a reply or note for a ticket into the store's outbox (state queued)
 * before anything touches the network. *item_id gets its id (may be NULL).
 * Refused with TD_EPERM in read-only mode (readonly != 0). */
enum td_status outbox_queue(struct store *st, int readonly, int64_t ticket_id,
                            const char *body, int is_note,
                            const char *set_status, int64_t *item_id,
                            struct td_error *err);

/* outbox_queue, but the item waits until send_at (0 = at once): flushes
 * before then leave it queued (`:send-at`). */
enum td_status outbox_queue_at(struct store *st, int readonly,
                               int64_t ticket_id, const char *body,
                               int is_note, const char *set_status,
                               time_t send_at, int64_t *item_id,
                               struct td_error *err);

/* Send what is queued (and recover what a crash left in "sending": the
 * thread is checked for the item's token before anything is resent).
 * Each item becomes sent, held (the ticket changed since it was queued)
 * or failed, with its error kept. After a send the account is synced so
 * the thread shows the message. *n_sent counts sends (may be NULL); err
 * holds the last failure. only_id limits the flush to one item (0 = all). */
enum td_status outbox_flush(struct store *st, struct account *const *accounts,
                            size_t n_accounts, const char *author,
                            int64_t only_id, size_t *n_sent,
                            struct td_error *err);

/* How an asynchronous flush reports to its caller. */
struct outbox_hooks {
    void *ctx;
    /* An item changed state (sending, sent, failed, ...); may be NULL. */
    void (*state)(void *ctx, int64_t item_id, int state);
    /* After a send, instead of the flush's own sync of the account (the
     * console, whose syncs run in the background); may be NULL. */
    void (*resync)(void *ctx, struct account *a);
    /* The end: called once, with what outbox_flush would return (err is
     * NULL on TD_OK). */
    void (*done)(void *ctx, size_t n_sent, enum td_status rc,
                 const struct td_error *err);
};

/* outbox_flush for the poll loop: the same steps, but it returns once the
 * first request is out and reports through hooks (copied). With only
 * local accounts everything, done included, happens before it returns.
 * accounts must outlive the flush. TD_OK unless the outbox cannot be
 * read, in which case done is not called. */
enum td_status outbox_flush_start(struct store *st,
                                  struct account *const *accounts,
                                  size_t n_accounts, const char *author,
                                  int64_t only_id,
                                  const struct outbox_hooks *hooks,
                                  struct td_error *err);

#endif
