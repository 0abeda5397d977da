/* ui.h: the full-screen console, run when there is no command. */
#ifndef TD_UI_H
#define TD_UI_H

#include <stddef.h>

struct app;

/* Run the console on an opened app (store open, local accounts synced)
 * until the agent quits; returns the exit status. TTYDESK_SCRIPT=FILE
 * takes keys and :commands from FILE and draws to /dev/null (tests). */
int ui_run(struct app *app);

/* One line of console commands for ui_run_batch, and where it came from
 * (file NULL: the n-th -e). */
struct ui_batch_line {
    const char *text;           /* ":sync" or "sync" */
    const char *file;
    int line;
};

struct ui_batch {
    const struct ui_batch_line *lines;
    size_t n;
    int no_input;               /* a question fails instead of asking */
};

/* Run console commands without drawing (ttydesk -e, --batch), each to
 * its end (network included) before the next; messages go to stdout,
 * errors to stderr as "FILE:LINE: message". Stops at the first error.
 * Returns 0, 1 on an error, UI_BATCH_READONLY when read-only mode
 * refused a line. */
#define UI_BATCH_READONLY 5
int ui_run_batch(struct app *app, const struct ui_batch *b);

#endif
