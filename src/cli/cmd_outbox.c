/* cmd_outbox.c: queue and send a reply from a script, and list the outbox. */
#include "cli/cmd_outbox.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/cmd_outbox_act.h"
#include "config/config.h"
#include "drivers/outbox.h"
#include "net/json.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"





int
cmd_reply(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "text", required_argument, NULL, 't' },
        { "file", required_argument, NULL, 'f' },
        { "note", no_argument, NULL, 'n' },
        { "status", required_argument, NULL, 's' },
        { "read-at", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *usage = "usage: ttydesk reply ID (--text TEXT | --file FILE) "
                        "[--note] [--status STATUS] [--read-at TIME]";
    char *body = NULL;
    const char *status = NULL;
    struct td_error err;
    int64_t id, item = 0;
    time_t read_at = 0;
    int c, note = 0;

    optind = 0;     /* 0, not 1: glibc then also resets its permutation state */
    while ((c = getopt_long(argc, argv, "t:f:ns:r:", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            free(body);
            body = xstrdup(optarg);
            break;
        case 'f':
            free(body);
            if ((body = outbox_read_text(optarg, &err)) == NULL)
                return cli_fail("%s", err.msg);
            break;
        case 'n':
            note = 1;
            break;
        case 's':
            status = optarg;
            break;
        case 'r':
            /* The thread as the script read it (show --json's
             * updated_at): whatever came after holds the reply. */
            if (time_parse_iso(optarg, &read_at) != 0 || read_at <= 0) {
                free(body);
                return cli_fail("reply: --read-at: '%s' is not an ISO 8601 "
                                "time", optarg), OUTBOX_EXIT_USAGE;
            }
            break;
        default:
            free(body);
            return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
        }
    }
    if (optind != argc - 1 || body == NULL) {
        free(body);
        return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
    }
    if (cli_resolve_ticket(app, argv[optind], &id, &err) != TD_OK ||
        outbox_queue(app->store, app->readonly, id, body, note, status, &item,
                     &err) != TD_OK ||
        (read_at && store_outbox_set_base(app->store, item, read_at,
                                          &err) != TD_OK)) {
        free(body);
        return cli_fail("reply: %s", err.msg);
    }
    free(body);
    return outbox_send_item(app, item);
}

int
cmd_outbox(struct app *app, int argc, char **argv)
{
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0, sent = 0;
    int json = 0, flush = 0, failed = 0;

    if (argc > 1 && argv[1][0] != '-')
        return cmd_outbox_act(app, argc - 1, argv + 1);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--flush") == 0)
            flush = 1;
        else
            return cli_fail("usage: ttydesk outbox [--flush] [--json] | "
                            "outbox (retry|edit|discard) ID"),
                   OUTBOX_EXIT_USAGE;
    }
    /* --flush is what a restart after a crash runs: items left "sending"
     * are looked for in their thread before anything is resent. */
    if (flush && outbox_flush(app->store, app->accounts, app->n_accounts,
                              outbox_agent_name(app), 0, &sent, &err) != TD_OK) {
        cli_fail("outbox: %s", err.msg);
        failed = 1;
    }
    if (flush)
        fprintf(stderr, "outbox: %zu sent\n", sent);
    if (store_outbox_list(app->store, -1, &items, &n, &err) != TD_OK)
        return cli_fail("%s", err.msg);
    if (json) {
        cJSON *arr = cJSON_CreateArray();

        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();

            cJSON_AddNumberToObject(o, "id", (double)items[i].id);
            cJSON_AddNumberToObject(o, "ticket_id", (double)items[i].ticket_id);
            json_add_str(o, "account", items[i].account);
            json_add_str(o, "ticket_external_id", items[i].ticket_ext_id);
            cJSON_AddStringToObject(o, "kind", items[i].is_note ? "note"
                                                                : "reply");
            cJSON_AddStringToObject(o, "state",
                                    outbox_state_name(items[i].state));
            json_add_str(o, "set_status", items[i].set_status);
            json_add_str(o, "error", items[i].error);
            json_add_str(o, "remote_id", items[i].remote_id);
            cJSON_AddNumberToObject(o, "attempts", items[i].attempts);
            json_add_time(o, "created_at", items[i].created_at);
            json_add_time(o, "updated_at", items[i].updated_at);
            json_add_str(o, "body", items[i].body);
            cJSON_AddItemToArray(arr, o);
        }
        cli_print_json(arr);
    } else {
        printf("%-5s %-8s %-12s %-6s %-8s %s\n", "ID", "TICKET", "ACCOUNT",
               "KIND", "STATE", "TEXT / ERROR");
        for (size_t i = 0; i < n; i++) {
            char *text = sanitize_str(items[i].error ? items[i].error
                                                     : items[i].body, 0);
            struct buf cut;

            /* By columns, not bytes: "%.60s" split Thai and Japanese
             * characters in half. */
            buf_init(&cut, 0);
            width_fit(&cut, text, 60, 0);
            printf("%-5lld %-8lld %-12s %-6s %-8s %s\n",
                   (long long)items[i].id, (long long)items[i].ticket_id,
                   items[i].account ? items[i].account : "-",
                   items[i].is_note ? "note" : "reply",
                   outbox_state_name(items[i].state), buf_str(&cut));
            buf_free(&cut);
            free(text);
        }
    }
    outbox_items_free(&items, n);
    return failed;
}
