/* cmd_tickets.h: `ttydesk list` and `ttydesk show`. */
#ifndef TD_CMD_TICKETS_H
#define TD_CMD_TICKETS_H

struct app;

int cmd_list(struct app *app, int argc, char **argv);
int cmd_show(struct app *app, int argc, char **argv);

#endif
