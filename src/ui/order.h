/* order.h: the order and logistics panel for the open ticket's buyer. */
#ifndef TD_ORDER_H
#define TD_ORDER_H

#include <stdint.h>

struct pane_ops;
struct ui;

extern const struct pane_ops order_ops;

/* Read the orders and shipments of ticket id's buyer (0 = none). */
void order_load(struct ui *ui, int64_t id);

#endif
