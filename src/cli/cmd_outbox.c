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
#include "config/config.h"
#include "drivers/outbox.h"
#include "drivers/replywin.h"
#include "net/json.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"

#define REPLY_MAX_FILE ((size_t)1 << 20)

/* Exit statuses of `ttydesk reply`, documented in ttydesk(1). */
enum {
    REPLY_SENT = 0,
    REPLY_FAILED = 1,
    REPLY_USAGE = 2,
    REPLY_HELD = 3,
    REPLY_QUEUED = 4,
};

static char *
read_text_file(const char *path, struct td_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct buf b;
    char chunk[8192];
    size_t n;

    if (f == NULL) {
        td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf_init(&b, REPLY_MAX_FILE);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_add(&b, chunk, n) != 0) {
            td_error_set(err, TD_ETOOBIG, "%s: over %zu bytes", path,
                         REPLY_MAX_FILE);
            buf_free(&b);
            if (f != stdin)
                fclose(f);
            return NULL;
        }
    if (f != stdin)
        fclose(f);
    return buf_detach(&b);
}

static const char *
agent_name(struct app *app)
{
    const char *n = config_str(app->cfg, OPT_AGENT_NAME);

    return *n ? n : NULL;
}

/* A WhatsApp or LINE ticket whose reply window has closed takes only an
 * approved template (drivers/replywin.h), here as in the console. */
static enum td_status
reply_window_check(struct app *app, int64_t id, const char *body,
                   struct td_error *err)
{
    struct ticket *t = NULL;
    struct buf why;
    enum td_status rc;

    if ((rc = store_ticket_get(app->store, id, &t, err)) != TD_OK)
        return rc;
    buf_init(&why, 0);
    if (!replywin_allowed(app->store, app->share_dir, agent_name(app), t,
                          body, time_now(), &why))
        rc = td_error_set(err, TD_EPERM, "%s", buf_str(&why));
    buf_free(&why);
    ticket_free(&t);
    return rc;
}

int
cmd_reply(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "text", required_argument, NULL, 't' },
        { "file", required_argument, NULL, 'f' },
        { "note", no_argument, NULL, 'n' },
        { "status", required_argument, NULL, 's' },
        { NULL, 0, NULL, 0 },
    };
    const char *usage = "usage: ttydesk reply ID (--text TEXT | --file FILE) "
                        "[--note] [--status STATUS]";
    char *body = NULL;
    const char *status = NULL;
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0, sent = 0;
    int64_t id, item = 0;
    int c, note = 0, rc = REPLY_FAILED;

    optind = 0;     /* 0, not 1: glibc then also resets its permutation state */
    while ((c = getopt_long(argc, argv, "t:f:ns:", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            free(body);
            body = xstrdup(optarg);
            break;
        case 'f':
            free(body);
            if ((body = read_text_file(optarg, &err)) == NULL)
                return cli_fail("%s", err.msg);
            break;
        case 'n':
            note = 1;
            break;
        case 's':
            status = optarg;
            break;
        default:
            free(body);
            return cli_fail("%s", usage), REPLY_USAGE;
        }
    }
    if (optind != argc - 1 || body == NULL) {
        free(body);
        return cli_fail("%s", usage), REPLY_USAGE;
    }
    if (cli_resolve_ticket(app, argv[optind], &id, &err) != TD_OK ||
        (!note && reply_window_check(app, id, body, &err) != TD_OK) ||
        outbox_queue(app->store, app->readonly, id, body, note, status, &item,
                     &err) != TD_OK) {
        free(body);
        return cli_fail("reply: %s", err.msg);
    }
    free(body);
    (void)outbox_flush(app->store, app->accounts, app->n_accounts,
                       agent_name(app), item, &sent, &err);
    if (store_outbox_list(app->store, -1, &items, &n, &err) != TD_OK)
        return cli_fail("reply: %s", err.msg);
    for (size_t i = 0; i < n; i++) {
        if (items[i].id != item)
            continue;
        switch (items[i].state) {
        case OB_SENT:
            fprintf(stderr, "sent (outbox item %lld)\n", (long long)item);
            rc = REPLY_SENT;
            break;
        case OB_HELD:
            rc = REPLY_HELD;
            cli_fail("held (outbox item %lld): %s", (long long)item,
                     items[i].error ? items[i].error : "");
            break;
        case OB_FAILED:
            rc = REPLY_FAILED;
            cli_fail("failed (outbox item %lld): %s", (long long)item,
                     items[i].error ? items[i].error : "");
            break;
        default:
            rc = REPLY_QUEUED;
            cli_fail("still queued (outbox item %lld): %s", (long long)item,
                     items[i].error ? items[i].error : "will retry");
            break;
        }
    }
    outbox_items_free(&items, n);
    return rc;
}

int
cmd_outbox(struct app *app, int argc, char **argv)
{
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0, sent = 0;
    int json = 0, flush = 0, failed = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--flush") == 0)
            flush = 1;
        else
            return cli_fail("usage: ttydesk outbox [--flush] [--json]"), 2;
    }
    /* --flush is what a restart after a crash runs: items left "sending"
     * are looked for in their thread before anything is resent. */
    if (flush && outbox_flush(app->store, app->accounts, app->n_accounts,
                              agent_name(app), 0, &sent, &err) != TD_OK) {
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
            json_add_time(o, "send_at", items[i].send_at);
            json_add_str(o, "body", items[i].body);
            cJSON_AddItemToArray(arr, o);
        }
        cli_print_json(arr);
    } else {
        printf("%-5s %-8s %-12s %-6s %-8s %-20s %s\n", "ID", "TICKET",
               "ACCOUNT", "KIND", "STATE", "SEND AT (UTC)", "TEXT / ERROR");
        for (size_t i = 0; i < n; i++) {
            char *text = sanitize_str(items[i].error ? items[i].error
                                                     : items[i].body, 0);
            struct buf cut;
            char when[TIME_ISO_LEN];

            /* By columns, not bytes: "%.60s" split Thai and Japanese
             * characters in half. */
            buf_init(&cut, 0);
            width_fit(&cut, text, 60, 0);
            /* When a scheduled item goes; "now" for one that waits for
             * nothing but the next flush. */
            if (items[i].state == OB_QUEUED && items[i].send_at)
                time_format_iso(items[i].send_at, when);
            else
                snprintf(when, sizeof when, "%s",
                         items[i].state == OB_QUEUED ? "now" : "-");
            printf("%-5lld %-8lld %-12s %-6s %-8s %-20s %s\n",
                   (long long)items[i].id, (long long)items[i].ticket_id,
                   items[i].account ? items[i].account : "-",
                   items[i].is_note ? "note" : "reply",
                   outbox_state_name(items[i].state), when, buf_str(&cut));
            buf_free(&cut);
            free(text);
        }
    }
    outbox_items_free(&items, n);
    return failed;
}
