/* paths.h: where ttydesk keeps its data and config, and keeping them private. */
#ifndef TD_PATHS_H
#define TD_PATHS_H

#include "util/error.h"

/* $XDG_DATA_HOME/ttydesk, else ~/.local/share/ttydesk. Owned result. */
char *paths_data_dir(void);
/* $XDG_CONFIG_HOME/ttydesk, else ~/.config/ttydesk. Owned result. */
char *paths_config_dir(void);
/* $XDG_STATE_HOME/ttydesk, else ~/.local/state/ttydesk (history, logs). */
char *paths_state_dir(void);

/* Create dir and its parents; dir itself gets mode 0700. Refuses a dir
 * that is writable by group or others or owned by someone else (TD_EPERM,
 * with the chmod that fixes it in err). */
enum td_status paths_ensure_private_dir(const char *dir, struct td_error *err);

/* "~" or "~/x" becomes $HOME/x; anything else is copied. Owned result. */
char *paths_expand(const char *path);

/* Where the shipped data (demo, themes, mappings, ...) lives:
 * $TTYDESK_DATADIR, the install prefix, the prefix the binary sits in, or
 * the source tree it was built in (build/ttydesk -> ..). Owned result. */
char *paths_share_dir(void);

/* Join a and b with one '/'. Owned result. */
char *paths_join(const char *a, const char *b);

#endif
