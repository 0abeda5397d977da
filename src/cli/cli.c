/* cli.c: the table of subcommands and what they share. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#include "cli/cmd_classify.h"
#include "cli/cmd_translate.h"
#include "cli/cmd_config.h"
#include "cli/cmd_orders.h"
#include "cli/cmd_outbox.h"
#include "cli/cmd_stats.h"
#include "cli/cmd_template.h"
#include "cli/cmd_tickets.h"
#include "cli/cmd_update.h"
#include "cli/cmd_sync.h"
#include "drivers/driver.h"
#include "store/store.h"
#include "util/xmalloc.h"

static int
always_writes(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

/* outbox writes only when it sends (--flush). */
static int
outbox_writes(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--flush") == 0)
            return 1;
    return 0;
}

static const struct cli_cmd commands[] = {
    {
        .name = "list",
        .usage = "list [--view V] [--json|--plain|--csv] [QUERY...]",
        .desc = "list tickets matching a query (see ttydesk(1), QUERIES)",
        .needs_store = 1,
        .run = cmd_list,
    },
    {
        .name = "show",
        .usage = "show ID [--json]",
        .desc = "a ticket with its thread, customer, orders and shipments",
        .needs_store = 1,
        .run = cmd_show,
    },
    {
        .name = "orders",
        .usage = "orders ID [--json] [--refresh|--cached] [--link N|--unlink N]",
        .desc = "a ticket's orders and parcels from the shops and trackers",
        .needs_store = 1,
        .run = cmd_orders,
    },
    {
        .name = "sync",
        .usage = "sync [ACCOUNT]",
        .desc = "fetch what changed from every account, or one",
        .needs_store = 1,
        .run = cmd_sync,
    },
    {
        .name = "accounts",
        .usage = "accounts [--json]",
        .desc = "each account, its driver, state and last sync",
        .needs_store = 1,
        .run = cmd_accounts,
    },
    {
        .name = "reply",
        .usage = "reply ID --text T|--file F|--template N",
        .desc = "queue a reply (--note, --status S) and send it; exit 0 "
                "sent, 3 held, 4 queued, 6 unresolved",
        .needs_store = 1,
        .run = cmd_reply,
        .writes = always_writes,
    },
    {
        .name = "outbox",
        .usage = "outbox [--flush] [--json] | outbox retry|edit|discard ID",
        .desc = "replies and notes waiting, sent, held or failed; --flush "
                "sends what waits",
        .needs_store = 1,
        .run = cmd_outbox,
        .writes = outbox_writes,
    },
    {
        .name = "template",
        .usage = "template list|show|render|import ...",
        .desc = "canned replies: list, show, render NAME TICKET [--var k=v], "
                "import ACCOUNT",
        .needs_store = 1,
        .run = cmd_template,
    },
    {
        .name = "update",
        .usage = "update ID [--status S] [--assign NAME|none] [--tag +T|-T]",
        .desc = "change status, assignee or tags without a message",
        .needs_store = 1,
        .run = cmd_update,
        .writes = always_writes,
    },
    {
        .name = "dump-config",
        .usage = "dump-config",
        .desc = "print the configuration as rc lines that load back",
        .needs_store = 0,
        .run = cmd_dump_config,
    },
    {
        .name = "classify",
        .usage = "classify [--json] [--lines] < TEXT",
        .desc = "the language and intent of a message (or of each line)",
        .needs_store = 0,
        .run = cmd_classify,
    },
    {
        .name = "translate",
        .usage = "translate [--to L] [--from L] [--provider P] [--json]",
        .desc = "translate the text on stdin with a translator line",
        .needs_store = 0,
        .run = cmd_translate,
    },
    {
        .name = "stats",
        .usage = "stats [--since 7d] [--json|--csv|--plain] [QUERY...]",
        .desc = "after-sales figures: volume, products, logistics, service",
        .needs_store = 1,
        .run = cmd_stats,
    },
};

const struct cli_cmd *
cli_find(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

void
cli_print_commands(void)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-40s %s\n", commands[i].usage, commands[i].desc);
}

int
cli_refuse_write(const struct app *app, const struct cli_cmd *cmd, int argc,
                 char **argv)
{
    if (!app->readonly || cmd->writes == NULL || !cmd->writes(argc, argv))
        return 0;
    fprintf(stderr, "ttydesk: %s: read-only mode (--readonly or set "
            "readonly = yes): nothing is sent or changed\n", cmd->name);
    return CLI_EXIT_READONLY;
}

int
cli_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("ttydesk: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

enum td_status
cli_resolve_ticket(struct app *app, const char *arg, int64_t *id,
                   struct td_error *err)
{
    const char *colon = strchr(arg, ':');
    char *end;
    long long v;

    if (colon) {
        char *acct = xstrndup(arg, (size_t)(colon - arg));
        enum td_status rc = store_ticket_lookup(app->store, acct, colon + 1,
                                                id, err);

        free(acct);
        return rc;
    }
    /* "#1128", as the console shows a ticket: the helpdesk's own number,
     * looked up in every account; two accounts with that number must be
     * told apart with ACCOUNT:1128. */
    if (arg[0] == '#' && arg[1]) {
        int64_t found = 0, one;
        size_t n = 0;
        struct td_error e;

        for (size_t i = 0; i < app->n_accounts; i++) {
            if (store_ticket_lookup(app->store, app->accounts[i]->name,
                                    arg + 1, &one, &e) == TD_OK) {
                found = one;
                n++;
            }
        }
        if (n == 1) {
            *id = found;
            return TD_OK;
        }
        return td_error_set(err, n ? TD_EINVAL : TD_ENOTFOUND,
                            n ? "%s is in %zu accounts: say which, as "
                                "ACCOUNT:%s" : "no ticket %s in any account",
                            arg, n, arg + 1);
    }
    errno = 0;
    v = strtoll(arg, &end, 10);
    if (errno || end == arg || *end || v <= 0)
        return td_error_set(err, TD_EINVAL,
                            "'%s' is not a ticket id (42, #1128 or "
                            "ACCOUNT:1128)", arg);
    *id = v;
    return TD_OK;
}

void
cli_print_json(cJSON *doc)
{
    char *s = cJSON_Print(doc);

    puts(s);
    cJSON_free(s);
    cJSON_Delete(doc);
}
