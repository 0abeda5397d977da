/* cli.h: the non-interactive subcommands (ttydesk list, show, sync, ...). */
#ifndef TD_CLI_H
#define TD_CLI_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "util/error.h"

struct app;

/* A subcommand: run gets argv with argv[0] the command's name and returns
 * the process exit status (0 ok, 1 failed, 2 usage). */
struct cli_cmd {
    const char *name;
    const char *usage;
    const char *desc;
    int needs_store;        /* open the store and sync local accounts first */
    int (*run)(struct app *app, int argc, char **argv);
};

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
