/* cmd_classify.h: `ttydesk classify`, language and intent of text on stdin. */
#ifndef TD_CMD_CLASSIFY_H
#define TD_CMD_CLASSIFY_H

struct app;

int cmd_classify(struct app *app, int argc, char **argv);

#endif
