/* commands.h: the console's own `:` commands (quit, view, ...). */
#ifndef TD_COMMANDS_H
#define TD_COMMANDS_H

#include <stddef.h>

struct ui;

/* Run argv if it is a console command: 1 if it was one (done or with a
 * message), 0 if not (the caller tries it as an rc line). */
int commands_run(struct ui *ui, int argc, char **argv);
/* Every name the : prompt completes first: console and rc commands. */
const char *const *commands_names(size_t *n);
/* The themes that ship in themes/. */
const char *const *commands_themes(size_t *n);
/* Load theme name (a shipped name or a file) and apply it. */
int commands_theme(struct ui *ui, const char *name);

#endif
