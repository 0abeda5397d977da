/* cmd_config.h: `ttydesk dump-config`. */
#ifndef TD_CMD_CONFIG_H
#define TD_CMD_CONFIG_H

struct app;

int cmd_dump_config(struct app *app, int argc, char **argv);

#endif
