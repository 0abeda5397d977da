/* cmd_classify.h: `ttydesk classify`, language and intent of text on stdin. */
#ifndef TD_CMD_CLASSIFY_H
#define TD_CMD_CLASSIFY_H

struct app;

int cmd_classify(struct app *app, int argc, char **argv);

/* Classify every stored ticket that is not yet (a store an older ttydesk
 * wrote), in transactions of a few thousand; a failure is a warning on
 * stderr, never the command's failure. */
void classify_pending_all(struct app *app);

#endif
