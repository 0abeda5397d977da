/* cmd_orders.h: `ttydesk orders`, the order panel for scripts. */
#ifndef TD_CMD_ORDERS_H
#define TD_CMD_ORDERS_H

struct app;

int cmd_orders(struct app *app, int argc, char **argv);

#endif
