/* cmd_update.h: `ttydesk update`: status, assignee and tags without a message. */
#ifndef TD_CMD_UPDATE_H
#define TD_CMD_UPDATE_H

struct app;

int cmd_update(struct app *app, int argc, char **argv);

#endif
