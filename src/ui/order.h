/* order.h: the order and logistics panel for the open ticket's buyer. */
#ifndef TD_ORDER_H
#define TD_ORDER_H

#include <stdint.h>

struct pane_ops;
struct ui;

extern const struct pane_ops order_ops;

/* Show the orders and parcels of ticket id (0 = none) as the store has
 * them, and ask the shops and trackers about what is stale (in the
 * background; the panel redraws when they answer). */
void order_load(struct ui *ui, int64_t id);

/* Keys: pick the next or previous order, refresh every lookup now, copy
 * the tracking page of the picked order's parcel (OSC 52). */
void order_act_next(struct ui *ui);
void order_act_prev(struct ui *ui);
void order_act_refresh(struct ui *ui);
void order_act_copy_tracking(struct ui *ui);

/* Link (link 1) or unlink an order number to the open ticket. */
int order_link(struct ui *ui, const char *number, int link);

#endif
