/* cmd_sync.h: `ttydesk sync` and `ttydesk accounts`. */
#ifndef TD_CMD_SYNC_H
#define TD_CMD_SYNC_H

struct app;

int cmd_sync(struct app *app, int argc, char **argv);
int cmd_accounts(struct app *app, int argc, char **argv);

#endif
