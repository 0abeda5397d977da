/* cli.h: the non-interactive subcommands (ttydesk list, show, sync, ...). */
#ifndef TD_CLI_H
#define TD_CLI_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "util/error.h"

struct app;

/* Exit statuses, documented in ttydesk(1), EXIT STATUS. */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_ERROR = 1,
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_HELD = 3,          /* reply: the send guard held it */
    CLI_EXIT_QUEUED = 4,        /* reply: queued, not sent yet */
    CLI_EXIT_READONLY = 5,      /* refused: read-only mode */
};

/* A subcommand: run gets argv with argv[0] the command's name and returns
 * the process exit status (enum cli_exit). */
struct cli_cmd {
    const char *name;
    const char *usage;
    const char *desc;
    int needs_store;        /* open the store and sync local accounts first */
    int (*run)(struct app *app, int argc, char **argv);
    /* Whether these arguments change tickets or send (NULL: never);
     * read-only mode refuses them before run (cli_refuse_write). */
    int (*writes)(int argc, char **argv);
};

/* The one read-only check of the CLI: CLI_EXIT_READONLY with the reason
 * on stderr when the app is read-only and cmd would write, else 0. */
int cli_refuse_write(const struct app *app, const struct cli_cmd *cmd,
                     int argc, char **argv);

/* The command called name, NULL if none. */
const struct cli_cmd *cli_find(const char *name);
/* Print the command list for --help. */
void cli_print_commands(void);
/* "42" is ttydesk's id; "demo:1001" an account's own ticket id. */
enum td_status cli_resolve_ticket(struct app *app, const char *arg,
                                  int64_t *id, struct td_error *err);
/* Print a JSON document (pretty) on stdout and free it. */
void cli_print_json(cJSON *doc);
/* Print "ttydesk: msg" to stderr; returns 1 for `return cli_fail(...)`. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
