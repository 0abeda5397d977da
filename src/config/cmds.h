/* cmds.h: the command table of the config language and its parse/run steps. */
#ifndef TD_CMDS_H
#define TD_CMDS_H

#include <stddef.h>

#include "config/config.h"
#include "util/error.h"

/* One command (tmux's struct cmd_entry). exec gets the whole line as
 * argv, argv[0] being the command name, after the argument count has
 * been checked against min_args..max_args (max_args -1: no limit). */
struct config_cmd {
    const char *name;
    int min_args;
    int max_args;
    const char *usage;
    enum td_status (*exec)(struct config *cfg, int argc, char **argv,
                           struct td_error *err);
};

/* A line split into words and matched to its command, not yet run. */
struct cmds_line {
    const struct config_cmd *cmd;   /* NULL: blank line or comment */
    int argc;
    char **argv;                    /* owned; cmds_line_free */
};

/* The table, and the command with that name (NULL if none). */
const struct config_cmd *cmds_table(size_t *n);
const struct config_cmd *cmds_find(const char *name);

/* Split text and find its command; checks the argument count but runs
 * nothing, so that a line can be checked apart from being run. On error
 * out is empty and err says why ("unknown command 'x'", "usage: ..."). */
enum td_status cmds_parse(const char *text, struct cmds_line *out,
                          struct td_error *err);
/* Run a parsed line against cfg. A blank line does nothing. */
enum td_status cmds_run(struct config *cfg, const struct cmds_line *l,
                        struct td_error *err);
/* Release what l owns; l can be parsed into again. */
void cmds_line_free(struct cmds_line *l);

/* Whether an account key holds a secret that must not sit in an rc file
 * (token, password, api_key, ...; never a *_cmd or *_env key). */
int cmds_is_secret_key(const char *key);

#endif
