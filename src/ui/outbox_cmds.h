/* outbox_cmds.h: the console's answers to a held or failed reply:
 * `:outbox-retry`, `:outbox-edit`, `:outbox-discard`. */
#ifndef TD_UI_OUTBOX_CMDS_H
#define TD_UI_OUTBOX_CMDS_H

struct ui;

/* Each takes an optional outbox item id; without one, the newest held,
 * failed or waiting item of the ticket on screen. */
void outbox_cmd_retry(struct ui *ui, int argc, char **argv);
void outbox_cmd_edit(struct ui *ui, int argc, char **argv);
void outbox_cmd_discard(struct ui *ui, int argc, char **argv);

#endif
