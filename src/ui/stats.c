/* stats.c: the :stats screen: after-sales charts with drill-down into the inbox. */
#include "ui/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "core/query.h"
#include "store/stats.h"
#include "ui/chart.h"
#include "ui/inbox.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"

/*
 * A section is a list of blocks (a bar chart, a sparkline or the heat
 * map), laid out in as many columns as the width holds, each block going
 * to the shortest column. The rows of bar charts and the day sparkline
 * can be selected (j/k); Enter opens the inbox on the selected row's
 * tickets with the query the store made for it, so that the inbox shows
 * exactly what the bar counted.
 */

#define STATS_COL_MIN 76        /* a column narrower than this is cramped */
#define STATS_GAP 2             /* blank columns between columns */
#define STATS_ROWS 8            /* bars per chart (10 when there is room) */

enum block_kind {
    BK_BAR = 0,
    BK_SPARK,               /* one character per row: days or hours */
    BK_HEAT,                /* weekday x hour */
};

struct block_def {
    enum block_kind kind;
    enum stats_id id;
    int val;                /* the value the bar or spark draws */
    int d1;                 /* up to two more values shown after it */
    int d2;
    const char *l1;         /* and their short names */
    const char *l2;
    int bad;                /* more is worse: the warning colours */
    int pick;               /* a spark whose columns can be selected */
};

static const struct block_def blocks_volume[] = {
    { .kind = BK_SPARK, .id = STATS_VOLUME_DAY, .d1 = -1, .d2 = -1,
      .pick = 1 },
    { .kind = BK_BAR, .id = STATS_VOLUME_CHANNEL, .d1 = -1, .d2 = -1 },
    { .kind = BK_BAR, .id = STATS_VOLUME_INTENT, .d1 = -1, .d2 = -1 },
    { .kind = BK_BAR, .id = STATS_VOLUME_LANGUAGE, .d1 = -1, .d2 = -1 },
    { .kind = BK_BAR, .id = STATS_VOLUME_COUNTRY, .d1 = -1, .d2 = -1 },
    { .kind = BK_SPARK, .id = STATS_VOLUME_HOUR, .d1 = -1, .d2 = -1 },
};

static const struct block_def blocks_products[] = {
    { .kind = BK_BAR, .id = STATS_PRODUCT_SKU, .d1 = 1, .d2 = -1,
      .l1 = "complaints" },
    { .kind = BK_BAR, .id = STATS_PRODUCT_DAMAGE, .d1 = 1, .d2 = 2,
      .l1 = "damaged", .l2 = "wrong", .bad = 1 },
    { .kind = BK_BAR, .id = STATS_PRODUCT_RETURNS, .val = 2, .d1 = 1,
      .d2 = 0, .l1 = "returned", .l2 = "of", .bad = 1 },
    { .kind = BK_BAR, .id = STATS_PRODUCT_NAME, .d1 = 1, .d2 = -1,
      .l1 = "complaints" },
};

static const struct block_def blocks_logistics[] = {
    { .kind = BK_BAR, .id = STATS_SHIP_LANE, .val = 2, .d1 = 4, .d2 = 0,
      .l1 = "p90", .l2 = "parcels", .bad = 1 },
    { .kind = BK_BAR, .id = STATS_SHIP_CARRIER, .val = 3, .d1 = 2,
      .d2 = 4, .l1 = "p50", .l2 = "stuck" },
    { .kind = BK_BAR, .id = STATS_SHIP_COUNTRY, .val = 3, .d1 = 2,
      .d2 = 6, .l1 = "p50", .l2 = "customs" },
};

static const struct block_def blocks_service[] = {
    { .kind = BK_BAR, .id = STATS_FRT_CHANNEL, .val = 2, .d1 = 3,
      .d2 = 1, .l1 = "p90", .l2 = "n" },
    { .kind = BK_BAR, .id = STATS_SLA, .val = 4, .d1 = 1, .d2 = 0,
      .l1 = "breached", .l2 = "of", .bad = 1 },
    { .kind = BK_BAR, .id = STATS_BACKLOG, .d1 = -1, .d2 = -1 },
    { .kind = BK_BAR, .id = STATS_FRT_AGENT, .val = 2, .d1 = 3, .d2 = 1,
      .l1 = "p90", .l2 = "n" },
    { .kind = BK_HEAT, .id = STATS_HEATMAP, .d1 = -1, .d2 = -1 },
};

struct section {
    const char *name;
    const struct block_def *b;
    size_t n;
};

static const struct section sections[] = {
    { "Volume", blocks_volume,
      sizeof blocks_volume / sizeof blocks_volume[0] },
    { "Products", blocks_products,
      sizeof blocks_products / sizeof blocks_products[0] },
    { "Logistics", blocks_logistics,
      sizeof blocks_logistics / sizeof blocks_logistics[0] },
    { "Service", blocks_service,
      sizeof blocks_service / sizeof blocks_service[0] },
};

#define N_SECTIONS (sizeof sections / sizeof sections[0])
#define MAX_BLOCKS 8

/* A block where the layout put it (canvas rows: 0 is the first row under
 * the summary line). */
struct placed {
    int x;
    int y;
    int w;
    int h;
    int rows;               /* bar rows shown */
};

/* A selectable line: a bar row, or the day sparkline. */
struct item {
    int block;
    size_t row;
};

struct sscreen {
    struct stats *st;
    char *query;            /* the user's query text */
    char *since;            /* the range as given (NULL = not given) */
    char *from;
    char *to;
    int section;
    int sel;
    int day;                /* the picked column of the day sparkline */
    int top;                /* the first canvas row shown */
    int utf8;
    /* the last layout, for keys between draws */
    struct placed at[MAX_BLOCKS];
    struct item *items;
    size_t n_items;
    int height;
    int view_rows;
};

static const struct stats_table *
sx_table(const struct sscreen *ss, const struct block_def *d)
{
    return &ss->st->t[d->id];
}

/* ---- layout ---- */

static int
block_height(const struct sscreen *ss, const struct block_def *d,
             int max_rows, int *rows)
{
    size_t n = sx_table(ss, d)->n;

    *rows = 0;
    switch (d->kind) {
    case BK_SPARK:
        return 5;
    case BK_HEAT:
        return 10;
    default:
        *rows = n < (size_t)max_rows ? (int)n : max_rows;
        return 2 + (*rows ? *rows : 1);
    }
}

/* Place the section's blocks and list its selectable lines. */
static void
sx_layout(struct sscreen *ss, int cols, int rows)
{
    const struct section *sec = &sections[ss->section];
    int ncol = cols >= 2 * STATS_COL_MIN + STATS_GAP ? 2 : 1;
    int colh[3] = { 0, 0, 0 }, colw, max_rows;

    if (cols >= 3 * STATS_COL_MIN + 2 * STATS_GAP)
        ncol = 3;
    colw = (cols - STATS_GAP * (ncol - 1)) / ncol;
    max_rows = rows >= 40 ? 10 : STATS_ROWS;
    free(ss->items);
    ss->items = NULL;
    ss->n_items = 0;
    ss->height = 0;
    for (size_t b = 0; b < sec->n && b < MAX_BLOCKS; b++) {
        struct placed *p = &ss->at[b];
        int c = 0;

        for (int k = 1; k < ncol; k++)
            if (colh[k] < colh[c])
                c = k;
        p->x = c * (colw + STATS_GAP);
        p->y = colh[c];
        p->w = colw;
        p->h = block_height(ss, &sec->b[b], max_rows, &p->rows);
        colh[c] += p->h;
        if (colh[c] > ss->height)
            ss->height = colh[c];
    }
    /* Selection order: block by block as listed, rows top to bottom. */
    for (size_t b = 0; b < sec->n && b < MAX_BLOCKS; b++) {
        const struct block_def *d = &sec->b[b];
        size_t n = d->kind == BK_BAR ? (size_t)ss->at[b].rows
                   : d->pick && sx_table(ss, d)->n ? 1 : 0;

        for (size_t r = 0; r < n; r++) {
            ss->items = xreallocarray(ss->items, ss->n_items + 1,
                                      sizeof *ss->items);
            ss->items[ss->n_items++] = (struct item){
                .block = (int)b, .row = r,
            };
        }
    }
    if (ss->sel >= (int)ss->n_items)
        ss->sel = (int)ss->n_items - 1;
    if (ss->sel < 0)
        ss->sel = 0;
}

/* The canvas row of the selected line. */
static int
sx_sel_y(const struct sscreen *ss)
{
    const struct item *it;

    if (ss->n_items == 0)
        return 0;
    it = &ss->items[ss->sel];
    return ss->at[it->block].y + 1 + (int)it->row;
}

/* ---- drawing ---- */

static double
sx_max(const struct stats_table *tb, int val, size_t from, size_t n)
{
    double m = 0;

    for (size_t i = from; i < from + n && i < tb->n; i++)
        if (!isnan(tb->rows[i].v[val]) && tb->rows[i].v[val] > m)
            m = tb->rows[i].v[val];
    return m;
}

/* Put text at canvas row y (skipped when scrolled out of view). */
static void
sx_put(struct ui *ui, struct pane *p, struct sscreen *ss, int y, int x,
       int w, const char *text, enum theme_obj obj)
{
    int sy = y - ss->top + 2;

    if (sy < 2 || sy >= p->rows || w <= 0)
        return;
    screen_put(ui, p->win, sy, x, w, text, obj, 1);
}

static void
sx_label(const struct stats_def *def, const struct stats_row *r,
         struct buf *out)
{
    buf_adds(out, r->key ? r->key : def->none ? def->none : "(unknown)");
    if (def->key2)
        buf_printf(out, " → %s", r->key2 ? r->key2 : "?");
}

static void
sx_draw_bar(struct ui *ui, struct pane *p, struct sscreen *ss, size_t b)
{
    const struct block_def *d = &sections[ss->section].b[b];
    const struct stats_table *tb = sx_table(ss, d);
    const struct placed *at = &ss->at[b];
    int lw = at->w >= 60 ? 18 : 14, tw = at->w >= 60 ? 26 : 20;
    int bw = at->w - lw - tw - 2;
    double max = sx_max(tb, d->val, 0, (size_t)at->rows);
    const struct item *sel = ss->n_items ? &ss->items[ss->sel] : NULL;
    struct buf line;
    char a[32], c1[32], c2[32];

    sx_put(ui, p, ss, at->y, at->x, at->w, tb->def->title, OBJ_HELP_KEY);
    if (at->rows == 0)
        sx_put(ui, p, ss, at->y + 1, at->x, at->w, "  (nothing in this range)",
               OBJ_THREAD_META);
    buf_init(&line, 0);
    for (int i = 0; i < at->rows; i++) {
        const struct stats_row *r = &tb->rows[i];
        int picked = sel && sel->block == (int)b && sel->row == (size_t)i;
        int y = at->y + 1 + i;
        enum theme_obj bar = d->bad ? OBJ_SLA_BREACH : OBJ_SLA_OK;

        buf_reset(&line);
        buf_adds(&line, picked ? "▸ " : "  ");
        sx_label(tb->def, r, &line);
        sx_put(ui, p, ss, y, at->x, lw, buf_str(&line),
               picked ? OBJ_INBOX_SELECTED : OBJ_DEFAULT);
        buf_reset(&line);
        chart_bar(&line, r->v[d->val], max, bw, ss->utf8);
        sx_put(ui, p, ss, y, at->x + lw + 1, bw, buf_str(&line), bar);
        stats_format(tb->def->units[d->val], r->v[d->val], a, sizeof a);
        buf_reset(&line);
        buf_printf(&line, "%7s", a);
        if (d->d1 >= 0) {
            stats_format(tb->def->units[d->d1], r->v[d->d1], c1, sizeof c1);
            buf_printf(&line, "  %s %s", d->l1, c1);
        }
        if (d->d2 >= 0) {
            stats_format(tb->def->units[d->d2], r->v[d->d2], c2, sizeof c2);
            buf_printf(&line, " %s %s", d->l2, c2);
        }
        sx_put(ui, p, ss, y, at->x + lw + 1 + bw + 1, tw, buf_str(&line),
               picked ? OBJ_INBOX_SELECTED : OBJ_DEFAULT);
    }
    buf_free(&line);
}

/* Days (the last that fit) or hours, one column each, with the picked
 * day marked under the line. */
static void
sx_draw_spark(struct ui *ui, struct pane *p, struct sscreen *ss, size_t b)
{
    const struct block_def *d = &sections[ss->section].b[b];
    const struct stats_table *tb = sx_table(ss, d);
    const struct placed *at = &ss->at[b];
    int picked = ss->n_items && ss->items[ss->sel].block == (int)b;
    size_t width = (size_t)(at->w - 4), first, n;
    double *v, max;
    struct buf line;
    char num[32];

    first = tb->n > width ? tb->n - width : 0;
    n = tb->n - first;
    if (ss->day < (int)first)
        ss->day = (int)first;
    if (ss->day >= (int)tb->n)
        ss->day = (int)tb->n - 1;
    buf_init(&line, 0);
    buf_adds(&line, tb->def->title);
    max = sx_max(tb, d->val, first, n);
    stats_format(SU_COUNT, max, num, sizeof num);
    buf_printf(&line, "  (peak %s)", num);
    if (picked && ss->day >= 0) {
        stats_format(SU_COUNT, tb->rows[ss->day].v[d->val], num, sizeof num);
        buf_printf(&line, "  %s: %s", tb->rows[ss->day].key, num);
    }
    sx_put(ui, p, ss, at->y, at->x, at->w, buf_str(&line), OBJ_HELP_KEY);
    v = xcalloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = tb->rows[first + i].v[d->val];
    buf_reset(&line);
    buf_adds(&line, picked ? "▸ " : "  ");
    chart_spark(&line, v, n, max, ss->utf8);
    sx_put(ui, p, ss, at->y + 1, at->x, at->w, buf_str(&line), OBJ_SLA_OK);
    free(v);
    /* The axis: the first and last keys, and the picked column. */
    buf_reset(&line);
    for (size_t i = 0; i < n + 2; i++)
        buf_addc(&line, ' ');
    if (picked && ss->day >= (int)first)
        line.data[2 + ss->day - (int)first] = '^';
    sx_put(ui, p, ss, at->y + 2, at->x, at->w, buf_str(&line),
           OBJ_INBOX_SELECTED);
    if (n > 0) {
        buf_reset(&line);
        buf_printf(&line, "  %s", tb->rows[first].key);
        sx_put(ui, p, ss, at->y + 3, at->x, at->w, buf_str(&line),
               OBJ_THREAD_META);
        if (n > 12) {
            int lx = at->x + 2 + (int)n - (int)strlen(tb->rows[tb->n - 1].key);

            sx_put(ui, p, ss, at->y + 3, lx, (int)strlen(
                       tb->rows[tb->n - 1].key), tb->rows[tb->n - 1].key,
                   OBJ_THREAD_META);
        }
    }
    buf_free(&line);
}

/* Weekdays down, hours across, in the team's time. */
static void
sx_draw_heat(struct ui *ui, struct pane *p, struct sscreen *ss, size_t b)
{
    const struct block_def *d = &sections[ss->section].b[b];
    const struct stats_table *tb = sx_table(ss, d);
    const struct placed *at = &ss->at[b];
    int cw = (at->w - 5) / 24;
    double max = sx_max(tb, 0, 0, tb->n);
    struct buf line;

    if (cw < 1)
        cw = 1;
    if (cw > 3)
        cw = 3;
    sx_put(ui, p, ss, at->y, at->x, at->w, tb->def->title, OBJ_HELP_KEY);
    buf_init(&line, 0);
    buf_adds(&line, "    ");
    for (int h = 0; h < 24; h++) {
        if (h % (cw >= 3 ? 3 : 6) == 0)
            buf_printf(&line, "%-*d", cw, h);
        else
            buf_printf(&line, "%*s", cw, "");
    }
    sx_put(ui, p, ss, at->y + 1, at->x, at->w, buf_str(&line),
           OBJ_THREAD_META);
    for (int wd = 0; wd < 7 && (size_t)(wd * 24 + 23) < tb->n; wd++) {
        int y = at->y + 2 + wd;

        sx_put(ui, p, ss, y, at->x, 4, tb->rows[wd * 24].key,
               OBJ_THREAD_META);
        for (int h = 0; h < 24; h++) {
            int level;
            const char *g = chart_shade(tb->rows[wd * 24 + h].v[0], max,
                                        ss->utf8, &level);
            static const enum theme_obj colour[5] = {
                OBJ_DEFAULT, OBJ_SLA_OK, OBJ_SLA_OK, OBJ_SLA_WARN,
                OBJ_SLA_BREACH,
            };

            buf_reset(&line);
            for (int k = 0; k < cw; k++)
                buf_adds(&line, g);
            sx_put(ui, p, ss, y, at->x + 4 + h * cw, cw, buf_str(&line),
                   colour[level]);
        }
    }
    buf_free(&line);
}

static void
sx_summary(struct ui *ui, struct pane *p, struct sscreen *ss)
{
    const struct stats_table *tb = &ss->st->t[STATS_SUMMARY];
    const struct stats_row *r = tb->n ? &tb->rows[0] : NULL;
    char a[32], b[32], c[32];
    struct buf line;

    buf_init(&line, 0);
    if (r) {
        stats_format(SU_SECONDS, r->v[2], a, sizeof a);
        stats_format(SU_SECONDS, r->v[3], b, sizeof b);
        stats_format(SU_SHARE, r->v[4] > 0 ? r->v[5] / r->v[4] : NAN, c,
                     sizeof c);
        buf_printf(&line, " %.0f tickets · %.0f answered · reply p50 %s "
                   "p90 %s · SLA breached %.0f/%.0f (%s) · %.0f unsolved",
                   r->v[0], r->v[1], a, b, r->v[5], r->v[4], c, r->v[6]);
    }
    screen_put(ui, p->win, 1, 0, p->cols, buf_str(&line), OBJ_THREAD_META, 1);
    buf_free(&line);
}

static void
stats_draw(struct ui *ui, struct pane *p)
{
    struct sscreen *ss = p->priv;
    const struct section *sec;
    struct buf left, right;
    int view, y;

    werase(p->win);
    buf_init(&left, 0);
    buf_init(&right, 0);
    buf_adds(&left, " Statistics:");
    for (size_t i = 0; i < N_SECTIONS; i++)
        buf_printf(&left, (int)i == ss->section ? " [%s]" : "  %s ",
                   sections[i].name);
    if (ss->st == NULL) {
        screen_title(ui, p, buf_str(&left), "");
        screen_put(ui, p->win, 2, 0, p->cols, "  :stats computes the figures.",
                   OBJ_DEFAULT, 1);
        goto out;
    }
    if (ss->query && *ss->query)
        buf_printf(&right, "%s · ", ss->query);
    if (ss->since && strcmp(ss->since, "all") == 0)
        buf_adds(&right, "all time ");
    else if (ss->since)
        buf_printf(&right, "last %s ", ss->since);
    else if (ss->from || ss->to)
        buf_printf(&right, "%s..%s ", ss->from ? ss->from : "",
                   ss->to ? ss->to : "");
    else if (ss->st->from)
        buf_adds(&right, "default range ");
    else
        buf_adds(&right, "all time ");
    screen_title(ui, p, buf_str(&left), buf_str(&right));
    sx_summary(ui, p, ss);
    sx_layout(ss, p->cols, p->rows);
    view = p->rows - 2;
    ss->view_rows = view;
    /* Keep the selected line in view, a block title above it if there is
     * room. */
    y = sx_sel_y(ss);
    if (y < ss->top + 1)
        ss->top = y - 1;
    if (y >= ss->top + view)
        ss->top = y - view + 1;
    if (ss->top > ss->height - view)
        ss->top = ss->height - view;
    if (ss->top < 0)
        ss->top = 0;
    sec = &sections[ss->section];
    for (size_t b = 0; b < sec->n && b < MAX_BLOCKS; b++) {
        switch (sec->b[b].kind) {
        case BK_SPARK:
            sx_draw_spark(ui, p, ss, b);
            break;
        case BK_HEAT:
            sx_draw_heat(ui, p, ss, b);
            break;
        default:
            sx_draw_bar(ui, p, ss, b);
            break;
        }
    }
out:
    buf_free(&left);
    buf_free(&right);
}

/* ---- keys ---- */

static void
stats_step(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct sscreen *ss = p->priv;

    (void)ui;
    switch (how) {
    case MOVE_TOP:
        ss->sel = 0;
        ss->top = 0;
        break;
    case MOVE_BOTTOM:
        ss->sel = (int)ss->n_items - 1;
        break;
    case MOVE_LINE:
        ss->sel += n;
        break;
    default:
        ss->sel += n * (ss->view_rows > 4 ? ss->view_rows / 2 : 2);
        break;
    }
    if (ss->sel >= (int)ss->n_items)
        ss->sel = (int)ss->n_items - 1;
    if (ss->sel < 0)
        ss->sel = 0;
}

static void
sx_section(struct ui *ui, int dir)
{
    struct sscreen *ss = ui_priv(ui, PANE_STATS);

    ss->section = (ss->section + dir + (int)N_SECTIONS) % (int)N_SECTIONS;
    ss->sel = 0;
    ss->top = 0;
}

void
stats_act_next_section(struct ui *ui)
{
    if (ui->stats)
        sx_section(ui, 1);
}

void
stats_act_prev_section(struct ui *ui)
{
    if (ui->stats)
        sx_section(ui, -1);
}

/* The selected line's row: a bar, or the picked day of a sparkline. */
static const struct stats_row *
sx_selected_row(struct sscreen *ss)
{
    const struct item *it;
    const struct block_def *d;
    const struct stats_table *tb;

    if (ss->st == NULL || ss->n_items == 0)
        return NULL;
    it = &ss->items[ss->sel];
    d = &sections[ss->section].b[it->block];
    tb = sx_table(ss, d);
    if (d->kind == BK_SPARK)
        return ss->day >= 0 && (size_t)ss->day < tb->n ? &tb->rows[ss->day]
               : NULL;
    return it->row < tb->n ? &tb->rows[it->row] : NULL;
}

static int
stats_input(struct ui *ui, struct pane *p, const char *key)
{
    struct sscreen *ss = p->priv;
    int left = strcmp(key, "h") == 0 || strcmp(key, "<Left>") == 0;
    int right = strcmp(key, "l") == 0 || strcmp(key, "<Right>") == 0;

    if (!left && !right)
        return 0;
    if (ss->n_items &&
        sections[ss->section].b[ss->items[ss->sel].block].kind == BK_SPARK)
        ss->day += right ? 1 : -1;
    else
        sx_section(ui, right ? 1 : -1);
    return 1;
}

void
stats_act_drill(struct ui *ui)
{
    struct sscreen *ss = ui_priv(ui, PANE_STATS);
    const struct stats_row *r;
    char *q;

    if (!ui->stats)
        return;
    if ((r = sx_selected_row(ss)) == NULL)
        return;
    if ((q = stats_drill_query(ss->st, ss->query, r)) == NULL) {
        ui_message(ui, "this row has no query the inbox can run");
        return;
    }
    stats_close(ui);
    ui_focus(ui, PANE_INBOX);
    if (inbox_set_view(ui, "all") == 0 && inbox_set_filter(ui, q) == 0)
        ui_message(ui, "filter: %s", q);
    free(q);
}

/* ---- computing ---- */

static void
sx_drop(struct sscreen *ss)
{
    stats_free(&ss->st);
    free(ss->query);
    free(ss->since);
    free(ss->from);
    free(ss->to);
    ss->query = ss->since = ss->from = ss->to = NULL;
}

static char *
sx_dup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Compute for text/since/from/to; the screen keeps the old figures when
 * anything is wrong. */
static int
sx_compute(struct ui *ui, const char *text, const char *since,
           const char *from, const char *to)
{
    struct sscreen *ss = ui_priv(ui, PANE_STATS);
    const struct config *cfg = ui->app->cfg;
    const char *tz = *config_str(cfg, OPT_STATS_TIMEZONE)
                     ? config_str(cfg, OPT_STATS_TIMEZONE)
                     : config_str(cfg, OPT_TIMEZONE);
    struct stats_opts o = { 0 };
    struct stats *st = NULL;
    struct query q;
    struct td_error err;
    time_t now = time_now();

    if (stats_parse_range(since, from, to, tz,
                          config_int(cfg, OPT_STATS_SINCE), now, &o,
                          &err) != TD_OK) {
        ui_error(ui, "stats: %s", err.msg);
        return -1;
    }
    if (query_parse(text, &q, &err) != TD_OK) {
        ui_error(ui, "stats: %s", err.msg);
        return -1;
    }
    q.me = *config_str(cfg, OPT_AGENT_NAME) ? config_str(cfg, OPT_AGENT_NAME)
           : NULL;
    o.tz = tz;
    o.stuck_days = (int)config_int(cfg, OPT_STUCK_DAYS);
    o.now = now;
    if (store_stats(ui->app->store, &q, &o, &st, &err) != TD_OK) {
        query_clear(&q);
        ui_error(ui, "stats: %s", err.msg);
        return -1;
    }
    query_clear(&q);
    {
        char *nq = xstrdup(text), *ns = sx_dup(since), *nf = sx_dup(from),
             *nt = sx_dup(to);

        sx_drop(ss);
        ss->st = st;
        ss->query = nq;
        ss->since = ns;
        ss->from = nf;
        ss->to = nt;
    }
    ss->day = ss->st->t[STATS_VOLUME_DAY].n
              ? (int)ss->st->t[STATS_VOLUME_DAY].n - 1 : 0;
    ss->utf8 = chart_utf8();
    ui_message(ui, "statistics of %.0f tickets (Tab: sections, Enter: the "
               "tickets)", ss->st->t[STATS_SUMMARY].n
               ? ss->st->t[STATS_SUMMARY].rows[0].v[0] : 0);
    return 0;
}

void
stats_cmd(struct ui *ui, int argc, char **argv)
{
    const char *since = NULL, *from = NULL, *to = NULL;
    struct buf text;

    buf_init(&text, 0);
    for (int i = 1; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--since") == 0 ? &since
                            : strcmp(argv[i], "--from") == 0 ? &from
                            : strcmp(argv[i], "--to") == 0 ? &to : NULL;

        if (slot) {
            if (i + 1 >= argc) {
                ui_error(ui, "stats: %s needs a value", argv[i]);
                buf_free(&text);
                return;
            }
            *slot = argv[++i];
            continue;
        }
        /* The words come unquoted from the command line: quote again
         * those that held spaces (from:"Ann Lee"). */
        if (text.len)
            buf_addc(&text, ' ');
        if (strchr(argv[i], ' ') && !strchr(argv[i], '"')) {
            const char *colon = strchr(argv[i], ':');

            if (colon && colon < strchr(argv[i], ' '))
                buf_printf(&text, "%.*s\"%s\"", (int)(colon - argv[i] + 1),
                           argv[i], colon + 1);
            else
                buf_printf(&text, "\"%s\"", argv[i]);
        } else {
            buf_adds(&text, argv[i]);
        }
    }
    if (sx_compute(ui, buf_str(&text), since, from, to) == 0) {
        struct sscreen *ss = ui_priv(ui, PANE_STATS);

        ss->sel = 0;
        ss->top = 0;
        ui->help = 0;
        ui->stats = 1;
        ui_relayout(ui);
    }
    buf_free(&text);
}

void
stats_act_refresh(struct ui *ui)
{
    struct sscreen *ss = ui_priv(ui, PANE_STATS);
    char *q, *s, *f, *t;

    if (!ui->stats || ss->st == NULL)
        return;
    /* sx_compute replaces these: work on copies. */
    q = xstrdup(ss->query ? ss->query : "");
    s = sx_dup(ss->since);
    f = sx_dup(ss->from);
    t = sx_dup(ss->to);
    sx_compute(ui, q, s, f, t);
    free(q);
    free(s);
    free(f);
    free(t);
}

void
stats_close(struct ui *ui)
{
    ui->stats = 0;
    ui_relayout(ui);
}

static void
stats_fini(struct ui *ui, struct pane *p)
{
    struct sscreen *ss = p->priv;

    (void)ui;
    sx_drop(ss);
    free(ss->items);
    ss->items = NULL;
}

const struct pane_ops stats_ops = {
    .name = "stats",
    .priv_size = sizeof(struct sscreen),
    .init = NULL,
    .fini = stats_fini,
    .draw = stats_draw,
    .step = stats_step,
    .input = stats_input,
};
