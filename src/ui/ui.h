/* ui.h: the full-screen console, run when there is no command. */
#ifndef TD_UI_H
#define TD_UI_H

struct app;

/* Run the console on an opened app (store open, local accounts synced)
 * until the agent quits; returns the exit status. TTYDESK_SCRIPT=FILE
 * takes keys and :commands from FILE and draws to /dev/null (tests). */
int ui_run(struct app *app);

#endif
