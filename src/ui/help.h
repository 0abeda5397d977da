/* help.h: the ? pane listing the bindings of the pane it was opened from. */
#ifndef TD_HELP_H
#define TD_HELP_H

struct pane_ops;
struct ui;

extern const struct pane_ops help_ops;

/* Show the bindings of the focused pane (and the global ones). */
void help_open(struct ui *ui);
void help_close(struct ui *ui);
/* Show a text (e.g. :dump-config) in the help pane. */
void help_show_text(struct ui *ui, const char *title, const char *text);

#endif
