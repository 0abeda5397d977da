/* cmd_outbox.h: `ttydesk reply` and `ttydesk outbox`. */
#ifndef TD_CMD_OUTBOX_H
#define TD_CMD_OUTBOX_H

struct app;

int cmd_reply(struct app *app, int argc, char **argv);
int cmd_outbox(struct app *app, int argc, char **argv);

#endif
