/* events.h: what changed in the store since a mark, for notifications. */
#ifndef TD_STORE_EVENTS_H
#define TD_STORE_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/notify_rules.h"
#include "store/store.h"
#include "util/error.h"

/* Where the last scan stopped: the highest ticket and message ids then
 * (store ids only grow: upserts keep them), and the time of the scan. */
struct store_marks {
    int64_t ticket_id;
    int64_t message_id;
    time_t outbox_at;
};

/* One thing to maybe notify about; owns its strings. */
struct store_event {
    enum notify_event event;
    int64_t ticket_id;
    char *account;
    char *external_id;
    char *subject;
    char *requester;            /* the buyer's name, else email */
    char *assignee;
    char *snippet;              /* the message, or the outbox error */
    time_t due;                 /* sla-due */
    int64_t outbox_id;
    time_t changed;             /* outbox: updated_at (for de-duplication) */
};

/* The marks as the store stands now (a scan from them reports nothing
 * that is already there). */
enum td_status store_events_marks(struct store *s, time_t now,
                                  struct store_marks *m,
                                  struct td_error *err);

/* Everything since *m: tickets stored after it (NE_NEW_TICKET), customer
 * messages on older tickets (NE_CUSTOMER_REPLY), outbox items held or
 * failed since (NE_OUTBOX_HELD/FAILED), and unsolved tickets whose
 * response is due between now and now + sla_within (NE_SLA_DUE: the
 * first-response due time until the first reply, then the
 * next-response one; given at every scan, the caller de-duplicates).
 * Tickets and messages created before not_before are old news that a
 * first sync of an account brings in: skipped. *m moves on. At most a
 * few hundred of each kind; *ev is freed with store_events_free. */
enum td_status store_events_since(struct store *s, struct store_marks *m,
                                  time_t now, time_t not_before,
                                  int64_t sla_within,
                                  struct store_event **ev, size_t *n,
                                  struct td_error *err);
void store_events_free(struct store_event **ev, size_t n);

#endif
