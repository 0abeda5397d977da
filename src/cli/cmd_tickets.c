/* cmd_tickets.c: list tickets by query and show one with its orders and parcels. */
#include "cli/cmd_tickets.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/cmd_classify.h"
#include "cli/list_fmt.h"
#include "cli/ticket_json.h"
#include "config/config.h"
#include "config/views.h"
#include "core/query.h"
#include "core/intent.h"
#include "store/classify.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"

#define LIST_PAGE 200

static int
parse_count(const char *s, long *out)
{
    char *end;

    errno = 0;
    *out = strtol(s, &end, 10);
    return errno == 0 && end != s && *end == '\0' && *out >= 0 ? 0 : -1;
}

static int
term_cols(void)
{
    struct winsize ws;
    const char *c = getenv("COLUMNS");
    long v;

    if (isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (c && parse_count(c, &v) == 0 && v >= 40 && v < 1000)
        return (int)v;
    return 120;
}

/* Append a sanitized, fitted cell and a separating space. */
static void
cell(struct buf *line, const char *text, size_t cols)
{
    char *s = sanitize_str(text ? text : "-", 0);

    width_fit(line, s, cols, 1);
    (void)buf_addc(line, ' ');
    free(s);
}

static void
list_row(struct buf *line, const struct ticket *t, time_t now, int cols,
         int multi)
{
    char id[24], age[16];
    int subj = cols - (7 + 9 + 7 + 9 + 3 + 7 + 3 + 19 + 5) -
               (multi ? 11 : 0);

    snprintf(id, sizeof id, "%lld", (long long)t->id);
    time_format_span(now - t->created_at, age, sizeof age);
    buf_reset(line);
    cell(line, id, 6);
    if (multi)
        cell(line, t->account, 10);
    cell(line, ticket_status_name(t->status), 8);
    cell(line, ticket_priority_name(t->priority), 6);
    cell(line, channel_name(t->channel), 8);
    cell(line, t->language, 2);
    cell(line, t->intent ? intent_label_short(intent_label_parse(t->intent))
                         : NULL, 6);
    cell(line, t->requester.country, 2);
    cell(line, t->requester.name ? t->requester.name : t->requester.email, 18);
    cell(line, t->subject, (size_t)(subj > 10 ? subj : 10));
    (void)buf_adds(line, age);
    puts(buf_str(line));
}

enum list_format { LF_TABLE, LF_JSON, LF_PLAIN, LF_CSV };

int
cmd_list(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "plain", no_argument, NULL, 'p' },
        { "csv", no_argument, NULL, 'c' },
        { "limit", required_argument, NULL, 'n' },
        { "view", required_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    enum list_format fmt = LF_TABLE;
    struct ticket rows[LIST_PAGE];
    struct query q = { 0 };
    struct td_error err;
    struct buf text, line;
    long limit = 0, shown = 0;
    size_t offset = 0, got;
    int json = 0, c, rc = 0, cols = term_cols(), n_fmt = 0;
    time_t now = time_now();

    optind = 0;     /* 0, not 1: glibc then also resets its permutation state */
    buf_init(&text, 0);
    while ((c = getopt_long(argc, argv, "+jn:V:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            fmt = LF_JSON;
            n_fmt++;
            break;
        case 'p':
            fmt = LF_PLAIN;
            n_fmt++;
            break;
        case 'c':
            fmt = LF_CSV;
            n_fmt++;
            break;
        case 'n':
            if (parse_count(optarg, &limit) != 0) {
                buf_free(&text);
                return cli_fail("--limit: '%s' is not a count", optarg), 2;
            }
            break;
        case 'V':
            /* The view's query first; the words after narrow it. */
            buf_reset(&text);
            if (config_view_query(app->cfg, optarg, &text) != 0) {
                buf_free(&text);
                return cli_fail("--view: no view '%s' (all, open, mine, "
                                "unassigned, breaching, or a view line)",
                                optarg), 2;
            }
            break;
        default:
            buf_free(&text);
            fprintf(stderr, "usage: ttydesk list [--view NAME] [--json|--plain|"
                            "--csv] [--limit N] [QUERY...]\n");
            return c == 'h' ? 0 : 2;
        }
    }
    if (n_fmt > 1) {
        buf_free(&text);
        return cli_fail("list: --json, --plain and --csv are one of a kind; "
                        "give one"), 2;
    }
    json = fmt == LF_JSON;
    for (int i = optind; i < argc; i++) {
        if (text.len > 0)
            (void)buf_addc(&text, ' ');
        (void)buf_adds(&text, argv[i]);
    }
    if (query_parse(buf_str(&text), &q, &err) != TD_OK) {
        buf_free(&text);
        return cli_fail("query: %s", err.msg), 2;
    }
    buf_free(&text);
    classify_pending_all(app);      /* intent: terms need every ticket */
    q.me = *config_str(app->cfg, OPT_AGENT_NAME)
               ? config_str(app->cfg, OPT_AGENT_NAME) : NULL;
    buf_init(&line, 0);
    if (json)
        fputs("[", stdout);
    else if (fmt == LF_CSV)
        printf("%s\r\n", LIST_FMT_COLUMNS);
    else if (fmt == LF_PLAIN)
        ;   /* no header: one ticket a line, for cut and read */
    else
        printf("%-6s %s%-8s %-6s %-8s %-2s %-6s %-2s %-18s %s\n", "ID",
               app->n_accounts > 1 ? "ACCOUNT    " : "", "STATUS", "PRI",
               "CHANNEL", "LG", "INTENT", "CC", "BUYER", "SUBJECT");
    /* Page by page, so that 100,000 tickets never sit in memory at once. */
    for (;;) {
        size_t want = LIST_PAGE;

        if (limit && (size_t)(limit - shown) < want)
            want = (size_t)(limit - shown);
        if (store_inbox_page(app->store, &q, offset, want, rows, &got,
                             &err) != TD_OK) {
            rc = cli_fail("%s", err.msg);
            break;
        }
        for (size_t i = 0; i < got; i++) {
            if (json) {
                cJSON *o = ticket_json(&rows[i], 0);
                char *s = cJSON_Print(o);

                printf("%s\n%s", shown + (long)i ? "," : "", s);
                cJSON_free(s);
                cJSON_Delete(o);
            } else if (fmt == LF_PLAIN || fmt == LF_CSV) {
                buf_reset(&line);
                if (fmt == LF_PLAIN)
                    list_fmt_plain(&line, &rows[i]);
                else
                    list_fmt_csv(&line, &rows[i]);
                fwrite(line.data, 1, line.len, stdout);
            } else {
                list_row(&line, &rows[i], now, cols, app->n_accounts > 1);
            }
            ticket_clear(&rows[i]);
        }
        shown += (long)got;
        offset += got;
        if (got < want || (limit && shown >= limit))
            break;
    }
    if (json)
        puts(shown ? "\n]" : "]");
    buf_free(&line);
    query_clear(&q);
    return rc;
}

static void
print_wrapped_body(const char *body)
{
    char *s = sanitize_str(body, SAN_KEEP_NEWLINES | SAN_KEEP_TABS);
    const char *p = s;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        printf("    %.*s\n", (int)n, p);
        p += n + (nl ? 1 : 0);
    }
    free(s);
}

/* One line of `show` with backend fields in it (shop items, addresses,
 * carriers, the helpdesk's ids and names): formatted, then made safe as a
 * whole, so that no field reaches the terminal raw. */
static void __attribute__((format(printf, 1, 2)))
show_line(const char *fmt, ...)
{
    struct buf b;
    va_list ap;
    char *safe;

    buf_init(&b, 0);
    va_start(ap, fmt);
    (void)buf_vprintf(&b, fmt, ap);
    va_end(ap);
    safe = sanitize_text(buf_str(&b), b.len, SAN_KEEP_NEWLINES);
    fputs(safe, stdout);
    free(safe);
    buf_free(&b);
}

static void
show_plain(const struct ticket *t, struct order *orders, size_t n_orders,
           struct shipment **ships, size_t *n_ships)
{
    char when[TIME_ISO_LEN];
    char *subj = sanitize_str(t->subject, 0);
    char *name = sanitize_str(t->requester.name, 0);
    char *email = sanitize_str(t->requester.email, 0);

    show_line("#%lld  %s:%s  %s\n", (long long)t->id, t->account,
              t->external_id, subj);
    show_line("status %s  priority %s  channel %s  language %s  assignee %s\n",
              ticket_status_name(t->status), ticket_priority_name(t->priority),
              channel_name(t->channel), t->language ? t->language : "-",
              t->assignee ? t->assignee : "-");
    show_line("buyer  %s <%s>  %s  %s\n", name, email,
              t->requester.country ? t->requester.country : "-",
              t->requester.timezone ? t->requester.timezone : "");
    free(subj);
    free(name);
    free(email);
    for (size_t i = 0; i < t->n_messages; i++) {
        const struct message *m = &t->messages[i];
        char *who = sanitize_str(m->author_name, 0);

        time_format_iso(m->created_at, when);
        show_line("\n--- %s %s%s, %s\n", author_kind_name(m->author), who,
                  m->is_public ? "" : " (internal note)", when);
        print_wrapped_body(m->body);
        for (size_t k = 0; k < m->n_attachments; k++) {
            char *an = sanitize_str(m->attachments[k].name, 0);

            show_line("    [attachment] %s (%lld bytes)\n", an,
                      (long long)m->attachments[k].size);
            free(an);
        }
        free(who);
    }
    for (size_t i = 0; i < n_orders; i++) {
        const struct order *o = &orders[i];

        time_format_iso(o->created_at, when);
        show_line("\norder %s  %s  %s/%s/%s  %s %s  ship to %s, %s\n",
                  o->number ? o->number : "-", when,
                  o->status ? o->status : "-",
                  o->financial_status ? o->financial_status : "-",
                  o->fulfillment_status ? o->fulfillment_status : "-",
                  o->total ? o->total : "-", o->currency ? o->currency : "",
                  o->ship_city ? o->ship_city : "-",
                  o->ship_country ? o->ship_country : "-");
        for (size_t k = 0; k < o->n_items; k++) {
            struct buf nm;

            /* By columns, not bytes: 抹茶セット is 10 columns, 15 bytes. */
            buf_init(&nm, 0);
            width_fit(&nm, o->items[k].name ? o->items[k].name : "-", 30, 1);
            show_line("    %-18s %3d x %s %s\n",
                      o->items[k].sku ? o->items[k].sku : "-",
                      o->items[k].quantity, buf_str(&nm),
                      o->items[k].price ? o->items[k].price : "-");
            buf_free(&nm);
        }
        for (size_t k = 0; k < n_ships[i]; k++) {
            const struct shipment *s = &ships[i][k];

            show_line("  parcel %s %s  %s\n", s->carrier ? s->carrier : "-",
                      s->tracking_number ? s->tracking_number : "-",
                      ship_status_name(s->status));
            for (size_t e = 0; e < s->n_events; e++) {
                char *loc = sanitize_str(s->events[e].location, 0);
                char *d = sanitize_str(s->events[e].description, 0);

                struct buf lb;

                time_format_iso(s->events[e].time, when);
                buf_init(&lb, 0);
                width_fit(&lb, loc, 24, 1);
                show_line("    %s  %s %s\n", when, buf_str(&lb), d);
                buf_free(&lb);
                free(loc);
                free(d);
            }
        }
    }
}

int
cmd_show(struct app *app, int argc, char **argv)
{
    struct ticket *t = NULL;
    struct order *orders = NULL;
    struct shipment **ships = NULL;
    size_t n_orders = 0, *n_ships = NULL;
    struct td_error err;
    int64_t id;
    int json = 0, rc = 0;
    const char *arg = NULL;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (arg == NULL && argv[i][0] != '-')
            arg = argv[i];
        else
            return cli_fail("usage: ttydesk show ID [--json]"), 2;
    }
    if (arg == NULL)
        return cli_fail("usage: ttydesk show ID [--json]"), 2;
    if (cli_resolve_ticket(app, arg, &id, &err) != TD_OK ||
        (t == NULL && store_classify_ticket(app->store, id, &err) != TD_OK) ||
        store_ticket_get(app->store, id, &t, &err) != TD_OK ||
        store_orders_for_ticket(app->store, id, &orders, &n_orders, &err))
        return cli_fail("show %s: %s", arg, err.msg);
    ships = xcalloc(n_orders + 1, sizeof *ships);
    n_ships = xcalloc(n_orders + 1, sizeof *n_ships);
    for (size_t i = 0; i < n_orders; i++) {
        if (store_shipments_for_order(app->store, orders[i].id, &ships[i],
                                      &n_ships[i], &err) != TD_OK) {
            rc = cli_fail("show %s: %s", arg, err.msg);
            goto out;
        }
    }
    if (json) {
        cJSON *o = ticket_json(t, 1), *oa = cJSON_CreateArray();
        cJSON *sa = cJSON_CreateArray();

        for (size_t i = 0; i < n_orders; i++) {
            cJSON_AddItemToArray(oa, order_json(&orders[i]));
            for (size_t k = 0; k < n_ships[i]; k++)
                cJSON_AddItemToArray(sa, shipment_json(&ships[i][k]));
        }
        cJSON_AddItemToObject(o, "orders", oa);
        cJSON_AddItemToObject(o, "shipments", sa);
        cli_print_json(o);
    } else {
        show_plain(t, orders, n_orders, ships, n_ships);
    }
out:
    for (size_t i = 0; i < n_orders; i++)
        shipments_free(&ships[i], n_ships[i]);
    free(ships);
    free(n_ships);
    orders_free(&orders, n_orders);
    ticket_free(&t);
    return rc;
}
