/* cmd_outbox_act.h: the agent's answers to the outbox from a script:
 * retry, edit or discard an item, and the outcome of a send. */
#ifndef TD_CMD_OUTBOX_ACT_H
#define TD_CMD_OUTBOX_ACT_H

#include <stdint.h>

#include "util/error.h"

struct app;

/* Exit statuses of `ttydesk reply` and `ttydesk outbox retry|edit`,
 * documented in ttydesk(1). */
enum {
    OUTBOX_EXIT_SENT = 0,
    OUTBOX_EXIT_FAILED = 1,
    OUTBOX_EXIT_USAGE = 2,
    OUTBOX_EXIT_HELD = 3,
    OUTBOX_EXIT_QUEUED = 4,
};

/* Send one queued item now and say on stderr what became of it; the
 * exit status above. */
int outbox_send_item(struct app *app, int64_t item);

/* `ttydesk outbox retry|edit|discard ID ...` (argv[0] is the verb). */
int cmd_outbox_act(struct app *app, int argc, char **argv);

/* A reply's text from a file ("-" = stdin), at most 1 MiB; NULL and err
 * set on failure. */
char *outbox_read_text(const char *path, struct td_error *err);

/* The agent's name for the messages ttydesk posts, NULL if not set. */
const char *outbox_agent_name(struct app *app);

#endif
