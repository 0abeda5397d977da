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
#include "core/template.h"
#include "drivers/outbox.h"
#include "drivers/replywin.h"
#include "net/json.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "store/tvload.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"

/* Exit statuses beyond cmd_outbox_act.h's: a --template reply with
 * variables or prompts left open (documented in ttydesk(1)). */
enum {
    REPLY_UNRESOLVED = 6,
};

/* --template NAME: the reply's text, type and status from a template
 * rendered for ticket id. Unresolved variables refuse it, naming them;
 * with dry_run the text is printed and nothing more. Returns -1 to go on
 * and queue *body, else the exit status. */
static int
reply_template(struct app *app, int64_t id, const char *name,
               char *const *vars, size_t n_vars, const char *lang,
               int dry_run, char **body, int *note, const char **status)
{
    struct tpl_library lib = { 0 };
    const struct template *t;
    struct tpl_result r;
    struct td_error err;
    enum channel ch = CH_OTHER;
    enum td_status rc;
    int out = -1;

    tpl_library_load(&lib, app->share_dir);
    if ((t = tpl_library_find(&lib, name)) == NULL) {
        out = cli_fail("reply: no template '%s' (ttydesk template list)",
                       name);
        goto done;
    }
    td_error_clear(&err);
    rc = tvload_render(app->store, id, t, outbox_agent_name(app), lang,
                       config_str(app->cfg, OPT_DEFAULT_LANGUAGE), vars,
                       n_vars, &r, &ch, &err);
    if (rc != TD_OK && rc != TD_EINVAL) {
        out = cli_fail("reply: template %s: %s", t->id, err.msg);
        goto done;
    }
    fprintf(stderr, "ttydesk: template %s, %s: %s\n", t->id,
            r.variant->lang, r.why);
    if (!template_channel_ok(t, ch))
        fprintf(stderr, "ttydesk: warning: %s is not approved for %s; it can "
                "go only inside the customer's reply window\n", t->id,
                channel_name(ch));
    if (dry_run) {
        char *txt = sanitize_str(buf_str(&r.r.text),
                                 SAN_KEEP_NEWLINES | SAN_KEEP_TABS);

        puts(txt);
        free(txt);
        out = OUTBOX_EXIT_SENT;
    }
    if (rc == TD_EINVAL) {
        out = REPLY_UNRESOLVED;
        cli_fail("reply: not %s: %s (give them with --var name=value)",
                 dry_run ? "ready to send" : "sent", err.msg);
    } else if (out < 0) {
        *body = xstrdup(buf_str(&r.r.text));
        /* --note and --status given on the command line win. */
        if (*note < 0)
            *note = t->is_note;
        if (*status == NULL && t->status >= 0)
            *status = ticket_status_name(t->status);
    }
    tpl_result_free(&r);
done:
    tpl_library_free(&lib);
    return out;
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
    if (!replywin_allowed(app->store, app->share_dir, outbox_agent_name(app), t,
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
        { "template", required_argument, NULL, 'T' },
        { "var", required_argument, NULL, 'v' },
        { "lang", required_argument, NULL, 'l' },
        { "dry-run", no_argument, NULL, 'd' },
        { "read-at", required_argument, NULL, 'r' },
        { NULL, 0, NULL, 0 },
    };
    const char *usage = "usage: ttydesk reply ID (--text TEXT | --file FILE "
                        "| --template NAME [--var k=v ...] [--lang L] "
                        "[--dry-run]) [--note] [--status STATUS] "
                        "[--read-at TIME]";
    char *body = NULL;
    const char *status = NULL, *tname = NULL, *lang = NULL;
    char **vars = NULL;
    size_t n_vars = 0;
    struct td_error err;
    int64_t id, item = 0;
    time_t read_at = 0;
    int c, note = -1, dry = 0;

    optind = 0;     /* 0, not 1: glibc then also resets its permutation state */
    while ((c = getopt_long(argc, argv, "t:f:ns:T:v:l:dr:", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            free(body);
            body = xstrdup(optarg);
            break;
        case 'f':
            free(body);
            if ((body = outbox_read_text(optarg, &err)) == NULL) {
                free(vars);
                return cli_fail("%s", err.msg);
            }
            break;
        case 'n':
            note = 1;
            break;
        case 's':
            status = optarg;
            break;
        case 'T':
            tname = optarg;
            break;
        case 'v':
            if (strchr(optarg, '=') == NULL || *optarg == '=') {
                free(body);
                free(vars);
                return cli_fail("--var: '%s' is not name=value", optarg),
                       OUTBOX_EXIT_USAGE;
            }
            vars = xreallocarray(vars, n_vars + 1, sizeof *vars);
            vars[n_vars++] = optarg;
            break;
        case 'l':
            lang = optarg;
            break;
        case 'd':
            dry = 1;
            break;
        case 'r':
            /* The thread as the script read it (show --json's
             * updated_at): whatever came after holds the reply. */
            if (time_parse_iso(optarg, &read_at) != 0 || read_at <= 0) {
                free(body);
                free(vars);
                return cli_fail("reply: --read-at: '%s' is not an ISO 8601 "
                                "time", optarg), OUTBOX_EXIT_USAGE;
            }
            break;
        default:
            free(body);
            free(vars);
            return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
        }
    }
    /* Exactly one source of text; --var, --lang, --dry-run go with
     * --template only. */
    if (optind != argc - 1 || (body == NULL) == (tname == NULL) ||
        (tname == NULL && (n_vars || lang || dry))) {
        free(body);
        free(vars);
        return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
    }
    if (cli_resolve_ticket(app, argv[optind], &id, &err) != TD_OK) {
        free(vars);
        return cli_fail("reply: %s", err.msg);
    }
    if (tname) {
        int done = reply_template(app, id, tname, vars, n_vars, lang, dry,
                                  &body, &note, &status);

        if (done >= 0) {
            free(vars);
            return done;
        }
    }
    free(vars);
    if (note < 0)
        note = 0;
    if ((!note && reply_window_check(app, id, body, &err) != TD_OK) ||
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
