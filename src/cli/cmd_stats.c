/* cmd_stats.c: `ttydesk stats`: the after-sales figures as a report, JSON or CSV. */
#include "cli/cmd_stats.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cli/cli.h"
#include "cli/list_fmt.h"
#include "config/config.h"
#include "core/query.h"
#include "net/json.h"
#include "store/stats.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/tzspan.h"
#include "util/width.h"
#include "util/xmalloc.h"

#define PLAIN_TOP 8         /* rows per table in the plain report */
#define PLAIN_BAR 24        /* the longest bar, in characters */

enum stats_out {
    OUT_PLAIN = 0,
    OUT_JSON,
    OUT_CSV,
};

/* The team's zone: stats_timezone, else the agent's timezone. */
const char *
cmd_stats_zone(const struct config *cfg)
{
    const char *tz = config_str(cfg, OPT_STATS_TIMEZONE);

    return *tz ? tz : config_str(cfg, OPT_TIMEZONE);
}

/* ---- JSON ---- */

static void
json_value(cJSON *o, const char *name, double v)
{
    if (isnan(v))
        cJSON_AddNullToObject(o, name);
    else
        cJSON_AddNumberToObject(o, name, v);
}

static cJSON *
stats_json(const struct stats *st, const char *query, const char *tz,
           time_t now)
{
    cJSON *doc = cJSON_CreateObject(), *tables;

    cJSON_AddStringToObject(doc, "query", query);
    json_add_time(doc, "from", st->from);
    json_add_time(doc, "to", st->to);
    cJSON_AddStringToObject(doc, "timezone", *tz ? tz : "local");
    json_add_time(doc, "generated_at", now);
    tables = cJSON_AddObjectToObject(doc, "tables");
    for (int i = 0; i < STATS_COUNT; i++) {
        const struct stats_table *tb = &st->t[i];
        cJSON *arr = cJSON_AddArrayToObject(tables, tb->def->name);

        for (size_t r = 0; r < tb->n; r++) {
            const struct stats_row *row = &tb->rows[r];
            cJSON *o = cJSON_CreateObject();
            char *drill = stats_drill_query(st, query, row);

            json_add_str(o, tb->def->key, row->key);
            if (tb->def->key2)
                json_add_str(o, tb->def->key2, row->key2);
            for (int v = 0; v < tb->def->n_vals; v++)
                json_value(o, tb->def->vals[v], row->v[v]);
            if (drill)
                cJSON_AddStringToObject(o, "query", drill);
            free(drill);
            cJSON_AddItemToArray(arr, o);
        }
    }
    return doc;
}

/* ---- CSV ---- */

static void
stats_csv(const struct stats *st)
{
    struct buf b;

    buf_init(&b, 0);
    fputs("table,key,key2,metric,value\r\n", stdout);
    for (int i = 0; i < STATS_COUNT; i++) {
        const struct stats_table *tb = &st->t[i];

        for (size_t r = 0; r < tb->n; r++) {
            for (int v = 0; v < tb->def->n_vals; v++) {
                buf_reset(&b);
                buf_printf(&b, "%s,", tb->def->name);
                list_fmt_csv_field(&b, tb->rows[r].key, 1);
                buf_addc(&b, ',');
                list_fmt_csv_field(&b, tb->rows[r].key2, 1);
                buf_printf(&b, ",%s,", tb->def->vals[v]);
                if (!isnan(tb->rows[r].v[v]))
                    buf_printf(&b, "%.10g", tb->rows[r].v[v]);
                buf_adds(&b, "\r\n");
                fputs(buf_str(&b), stdout);
            }
        }
    }
    buf_free(&b);
}

/* ---- the plain report ---- */

static void
plain_heading(const char *title)
{
    size_t n = strlen(title);

    printf("\n%s\n", title);
    for (size_t i = 0; i < n; i++)
        putchar('-');
    putchar('\n');
}

/* A row's label: key (and key2), sanitized and fitted to cols. */
static void
plain_label(struct buf *line, const struct stats_def *d,
            const struct stats_row *r, size_t cols)
{
    struct buf k;
    char *s;

    buf_init(&k, 0);
    buf_adds(&k, r->key ? r->key : d->none ? d->none : "(unknown)");
    if (d->key2)
        buf_printf(&k, " > %s", r->key2 ? r->key2 : "(unknown)");
    s = sanitize_str(buf_str(&k), 0);
    width_fit(line, s, cols, 1);
    free(s);
    buf_free(&k);
}

/* Up to top rows of a table as columns under their names; a table of
 * one or two figures also gets its chart value drawn in '#'. */
static void
plain_table(const struct stats *st, enum stats_id id, size_t top)
{
    const struct stats_table *tb = &st->t[id];
    const struct stats_def *d = tb->def;
    size_t lw = d->key2 ? 24 : 18;
    int bar = d->n_vals <= 3;
    struct buf line;
    double max = 0;
    char num[32];

    plain_heading(d->title);
    if (tb->n == 0) {
        puts("  (nothing in this range)");
        return;
    }
    for (size_t i = 0; i < tb->n && i < top; i++)
        if (!isnan(tb->rows[i].v[d->bar]) && tb->rows[i].v[d->bar] > max)
            max = tb->rows[i].v[d->bar];
    buf_init(&line, 0);
    buf_adds(&line, "  ");
    width_fit(&line, "", lw + (bar ? PLAIN_BAR + 1 : 0), 1);
    for (int v = 0; v < d->n_vals; v++)
        buf_printf(&line, " %*s", (int)(strlen(d->vals[v]) > 7
                                         ? strlen(d->vals[v]) : 7),
                   d->vals[v]);
    puts(buf_str(&line));
    for (size_t i = 0; i < tb->n && i < top; i++) {
        const struct stats_row *r = &tb->rows[i];
        double bv = isnan(r->v[d->bar]) ? 0 : r->v[d->bar];
        int len = max > 0 ? (int)lround(bv / max * PLAIN_BAR) : 0;

        buf_reset(&line);
        buf_adds(&line, "  ");
        plain_label(&line, d, r, lw);
        if (bar) {
            buf_addc(&line, ' ');
            for (int k = 0; k < PLAIN_BAR; k++)
                buf_addc(&line, k < len ? '#' : ' ');
        }
        for (int v = 0; v < d->n_vals; v++) {
            stats_format(d->units[v], r->v[v], num, sizeof num);
            buf_printf(&line, " %*s", (int)(strlen(d->vals[v]) > 7
                                            ? strlen(d->vals[v]) : 7), num);
        }
        puts(buf_str(&line));
    }
    if (tb->n > top)
        printf("  ... and %zu more\n", tb->n - top);
    buf_free(&line);
}

/* Tickets per day as one line of counts, a week per line. */
static void
plain_days(const struct stats *st)
{
    const struct stats_table *tb = &st->t[STATS_VOLUME_DAY];
    size_t start = tb->n > 42 ? tb->n - 42 : 0;

    plain_heading(tb->def->title);
    if (tb->n > 42)
        printf("  (the last 42 of %zu days)\n", tb->n);
    for (size_t i = start; i < tb->n; i++) {
        printf("  %s %5.0f", tb->rows[i].key + 5, tb->rows[i].v[0]);
        if ((i - start) % 7 == 6 || i + 1 == tb->n)
            putchar('\n');
    }
}

/* The busiest hours of the week, from the heat map. */
static void
plain_busiest(const struct stats *st)
{
    const struct stats_table *tb = &st->t[STATS_HEATMAP];
    size_t best[5], n = 0;

    plain_heading("Busiest hours (team time)");
    /* The five biggest cells, earliest first among equals. */
    for (; n < 5; n++) {
        size_t pick = tb->n;

        for (size_t i = 0; i < tb->n; i++) {
            int taken = 0;

            for (size_t k = 0; k < n; k++)
                taken |= best[k] == i;
            if (!taken && tb->rows[i].v[0] > 0 &&
                (pick == tb->n || tb->rows[i].v[0] > tb->rows[pick].v[0]))
                pick = i;
        }
        if (pick == tb->n)
            break;
        best[n] = pick;
    }
    if (n == 0)
        puts("  (no tickets)");
    for (size_t k = 0; k < n; k++)
        printf("  %s %s:00  %.0f tickets\n", tb->rows[best[k]].key,
               tb->rows[best[k]].key2, tb->rows[best[k]].v[0]);
}

static void
stats_plain(const struct stats *st, const char *query, const char *tz)
{
    const struct stats_row *s = st->t[STATS_SUMMARY].n
                                ? &st->t[STATS_SUMMARY].rows[0] : NULL;
    char a[32], b[32], from[TIME_ISO_LEN], to[TIME_ISO_LEN];
    char *q = sanitize_str(query, 0);

    time_format_iso(st->from, from);
    time_format_iso(st->to, to);
    printf("ttydesk after-sales report\n");
    printf("Range: %s to %s (days and hours in %s)\n",
           st->from ? from : "the first ticket", to, *tz ? tz : "local time");
    if (*q)
        printf("Query: %s\n", q);
    free(q);
    if (s) {
        stats_format(SU_SECONDS, s->v[2], a, sizeof a);
        stats_format(SU_SECONDS, s->v[3], b, sizeof b);
        printf("\nTickets %.0f, answered %.0f; first response p50 %s, "
               "p90 %s.\n", s->v[0], s->v[1], a, b);
        stats_format(SU_SHARE, s->v[4] > 0 ? s->v[5] / s->v[4] : NAN, a,
                     sizeof a);
        printf("First-response SLA: %.0f of %.0f tickets with a due time "
               "breached (%s). Unsolved now: %.0f.\n", s->v[5], s->v[4], a,
               s->v[6]);
    }
    plain_days(st);
    plain_table(st, STATS_VOLUME_CHANNEL, PLAIN_TOP);
    plain_table(st, STATS_VOLUME_LANGUAGE, PLAIN_TOP);
    plain_table(st, STATS_VOLUME_COUNTRY, PLAIN_TOP);
    plain_table(st, STATS_VOLUME_INTENT, PLAIN_TOP + 3);
    plain_table(st, STATS_PRODUCT_SKU, PLAIN_TOP);
    plain_table(st, STATS_PRODUCT_DAMAGE, PLAIN_TOP);
    plain_table(st, STATS_PRODUCT_RETURNS, PLAIN_TOP);
    plain_table(st, STATS_SHIP_CARRIER, PLAIN_TOP);
    plain_table(st, STATS_SHIP_LANE, PLAIN_TOP);
    plain_table(st, STATS_FRT_CHANNEL, PLAIN_TOP);
    plain_table(st, STATS_FRT_AGENT, PLAIN_TOP);
    plain_table(st, STATS_SLA, PLAIN_TOP);
    plain_table(st, STATS_BACKLOG, PLAIN_TOP);
    plain_busiest(st);
}

int
cmd_stats(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "since", required_argument, NULL, 's' },
        { "from", required_argument, NULL, 'f' },
        { "to", required_argument, NULL, 't' },
        { "json", no_argument, NULL, 'j' },
        { "csv", no_argument, NULL, 'c' },
        { "plain", no_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *since = NULL, *from = NULL, *to = NULL;
    const char *tz = cmd_stats_zone(app->cfg);
    struct stats_opts o = { 0 };
    struct stats *st = NULL;
    struct query q = { 0 };
    struct td_error err;
    struct buf text;
    enum stats_out out = OUT_PLAIN;
    time_t now = time_now();
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, "+s:f:t:jcph", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            since = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        case 't':
            to = optarg;
            break;
        case 'j':
            out = OUT_JSON;
            break;
        case 'c':
            out = OUT_CSV;
            break;
        case 'p':
            out = OUT_PLAIN;
            break;
        default:
            fprintf(stderr, "usage: ttydesk stats [--since 7d|all | --from "
                    "DATE --to DATE] [--json|--csv|--plain] [QUERY...]\n");
            return c == 'h' ? 0 : 2;
        }
    }
    if (stats_parse_range(since, from, to, tz,
                          config_int(app->cfg, OPT_STATS_SINCE), now, &o,
                          &err) != TD_OK)
        return cli_fail("stats: %s", err.msg), 2;
    buf_init(&text, 0);
    for (int i = optind; i < argc; i++)
        buf_printf(&text, "%s%s", i > optind ? " " : "", argv[i]);
    if (query_parse(buf_str(&text), &q, &err) != TD_OK) {
        buf_free(&text);
        return cli_fail("query: %s", err.msg), 2;
    }
    q.me = *config_str(app->cfg, OPT_AGENT_NAME)
               ? config_str(app->cfg, OPT_AGENT_NAME) : NULL;
    o.tz = tz;
    o.stuck_days = (int)config_int(app->cfg, OPT_STUCK_DAYS);
    o.now = now;
    if (store_stats(app->store, &q, &o, &st, &err) != TD_OK) {
        query_clear(&q);
        buf_free(&text);
        return cli_fail("stats: %s", err.msg);
    }
    if (out == OUT_JSON)
        cli_print_json(stats_json(st, buf_str(&text), tz, now));
    else if (out == OUT_CSV)
        stats_csv(st);
    else
        stats_plain(st, buf_str(&text), tz);
    stats_free(&st);
    query_clear(&q);
    buf_free(&text);
    return 0;
}
