/* cmd_translate.h: `ttydesk translate`, text on stdin translated for scripts. */
#ifndef TD_CMD_TRANSLATE_H
#define TD_CMD_TRANSLATE_H

struct app;

/* Exit statuses beyond 0 (done), 1 (the provider failed) and 2 (usage). */
#define CMD_TRANSLATE_NOCONF 3      /* no usable translator line */
#define CMD_TRANSLATE_RATE 4        /* rate limited: try again later */

int cmd_translate(struct app *app, int argc, char **argv);

#endif
