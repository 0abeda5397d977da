/* cmd_template.h: `ttydesk template list|show|render`, canned replies for
 * scripts. */
#ifndef TD_CMD_TEMPLATE_H
#define TD_CMD_TEMPLATE_H

struct app;

/* template list [--json] [--lang L] | show NAME [--json] |
 * render NAME TICKET [--lang L] [--var k=v ...] [--json].
 * render exits 0 when the reply is ready, 1 when a variable is unresolved
 * or a prompt unfilled (each named on stderr), 2 on usage errors. */
int cmd_template(struct app *app, int argc, char **argv);

#endif
