/* notify.h: the console's notifications: rules against what the store
 * gained, rate limits, quiet while typing, and delivery. */
#ifndef TD_NOTIFY_H
#define TD_NOTIFY_H

#include <stddef.h>

#include "core/notify_rules.h"

struct notify;
struct ui;

/* The console's notification state; the first notify_check only takes
 * the store's marks, so what was there at start is not news. Owned by
 * the ui; notify_free ends it (children of the hook are left to run). */
struct notify *notify_new(void);
void notify_free(struct notify **p);

/* Scan the store for what changed since the last check, match it against
 * the `notify` rules and deliver what the rate limits allow, except on
 * the ticket the agent is typing in. Cheap when there are no rules. */
void notify_check(struct ui *ui);

/* Deliver one event through via (NOTIFY_VIA_* bits, AUTO resolved here)
 * at urgency, past every limit; returns the channels that worked and
 * puts what failed in err (TD_OK if none). */
unsigned notify_deliver(struct ui *ui, const struct notify_ev *ev,
                        unsigned via, int urgency, struct td_error *err);

/* How many notifications went out in this run (for :notify-test and the
 * status bar). */
size_t notify_count(struct ui *ui);

#endif
