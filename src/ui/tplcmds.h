/* tplcmds.h: the console's template commands: :template, :template-new,
 * -edit, -rename, -delete, -import, :reply --template, :send-next and
 * :draft-status. The command table (commands.c) points here. */
#ifndef TD_TPLCMDS_H
#define TD_TPLCMDS_H

struct ui;

void tplcmds_template(struct ui *ui, int argc, char **argv);
void tplcmds_new(struct ui *ui, int argc, char **argv);
void tplcmds_edit(struct ui *ui, int argc, char **argv);
void tplcmds_rename(struct ui *ui, int argc, char **argv);
void tplcmds_delete(struct ui *ui, int argc, char **argv);
void tplcmds_import(struct ui *ui, int argc, char **argv);
/* `reply --template NAME [--var k=v]... [--lang L]` (and plain `reply`). */
void tplcmds_reply(struct ui *ui, int argc, char **argv);
void tplcmds_send_next(struct ui *ui, int argc, char **argv);
void tplcmds_draft_status(struct ui *ui, int argc, char **argv);

/* The confirmed half of :template-delete. */
void tplcmds_delete_now(struct ui *ui, const char *name);

#endif
