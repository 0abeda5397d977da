/* inbox.c: the ticket list: a page of rows, columns, views, marks. */
#include "ui/inbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "core/intent.h"
#include "config/views.h"
#include "core/model.h"
#include "core/query.h"
#include "store/store.h"
#include "ui/clocks.h"
#include "ui/editor.h"
#include "ui/order.h"
#include "ui/screen.h"
#include "ui/thread.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/width.h"
#include "util/xmalloc.h"

struct inbox {
    char *view;                 /* the view's name */
    char *filter;               /* the / filter, "" for none */
    struct query q;
    enum query_sort sort;
    int64_t count;              /* rows the query matches */
    int64_t sel;                /* selected row */
    int64_t top;                /* first row shown */
    struct ticket *rows;        /* the cached page: rows_off .. +n_rows */
    size_t n_rows;
    int64_t rows_off;
    int stale;                  /* refetch the page at the next draw */
    int64_t *marks;             /* marked ticket ids */
    size_t n_marks;
};

const char *
inbox_builtin_view(size_t i)
{
    return i < INBOX_N_BUILTIN ? config_builtin_view(i) : NULL;
}

enum col_id {
    COL_SLA = 0,
    COL_CHANNEL,
    COL_LANG,
    COL_BUYER,
    COL_COUNTRY,
    COL_SUBJECT,
    COL_STATUS,
    COL_ASSIGNEE,
    COL_AGE,
    COL_PRIORITY,
    COL_ID,
    COL_ACCOUNT,
    COL_INTENT,
    COL_LOCAL,
    COL_WINDOW,
    COL_COUNT
};

struct col_def {
    const char *name;
    const char *title;
    int width;          /* 0 = takes what is left (the subject) */
    int drop;           /* order in which narrow panes drop it (0 never) */
};

static const struct col_def col_defs[COL_COUNT] = {
    [COL_SLA] = {
        .name = "sla",
        .title = "SLA",
        .width = 5,
        .drop = 0,
    },
    [COL_CHANNEL] = {
        .name = "channel",
        .title = "CHAN",
        .width = 8,
        .drop = 2,
    },
    [COL_LANG] = {
        .name = "lang",
        .title = "LG",
        .width = 2,
        .drop = 5,
    },
    [COL_BUYER] = {
        .name = "buyer",
        .title = "BUYER",
        .width = 14,
        .drop = 0,
    },
    [COL_COUNTRY] = {
        .name = "country",
        .title = "CC",
        .width = 2,
        .drop = 3,
    },
    [COL_SUBJECT] = {
        .name = "subject",
        .title = "SUBJECT",
        .width = 0,
        .drop = 0,
    },
    [COL_STATUS] = {
        .name = "status",
        .title = "STATUS",
        .width = 7,
        .drop = 4,
    },
    [COL_ASSIGNEE] = {
        .name = "assignee",
        .title = "ASSIGNEE",
        .width = 10,
        .drop = 1,
    },
    [COL_AGE] = {
        .name = "age",
        .title = "AGE",
        .width = 4,
        .drop = 6,
    },
    [COL_PRIORITY] = {
        .name = "priority",
        .title = "PRIO",
        .width = 6,
        .drop = 1,
    },
    [COL_ID] = {
        .name = "id",
        .title = "ID",
        .width = 6,
        .drop = 1,
    },
    [COL_ACCOUNT] = {
        .name = "account",
        .title = "ACCOUNT",
        .width = 8,
        .drop = 5,
    },
    /* The intent's short tag, with '?' when the tagger was unsure. */
    [COL_INTENT] = {
        .name = "intent",
        .title = "INTENT",
        .width = 7,
        .drop = 5,
    },
    [COL_LOCAL] = {
        .name = "local",
        .title = "LOCAL",
        .width = 7,
        .drop = 2,
    },
    [COL_WINDOW] = {
        .name = "window",
        .title = "WIN",
        .width = 5,
        .drop = 3,
    },
};

#define INBOX_MAX_COLS 16
/* Before the first column: the mark ('*'), the unread dot, a space. */
#define INBOX_GUTTER 3
/* What marks an unread row (the thread pane's dot for a message). */
#define INBOX_UNREAD_DOT "\u25cf"
#define INBOX_SUBJECT_MIN 16
/* Below this confidence the intent tag shows a '?'. */
#define INBOX_INTENT_SURE 0.5

struct col {
    enum col_id id;
    int width;
    int x;
};

/* The columns of option inbox_columns that fit cols: the least useful
 * go first when the pane is narrow (the subject takes the rest). */
static size_t
inbox_columns(struct ui *ui, int cols, struct col *out)
{
    const char *spec = config_str(ui->app->cfg, OPT_INBOX_COLUMNS);
    size_t n = 0;
    int total, x;

    while (spec && *spec && n < INBOX_MAX_COLS) {
        size_t len = strcspn(spec, ",:");
        int w = -1;

        for (int i = 0; i < COL_COUNT; i++) {
            if (strlen(col_defs[i].name) == len &&
                strncmp(col_defs[i].name, spec, len) == 0) {
                out[n].id = (enum col_id)i;
                out[n].width = col_defs[i].width;
                w = i;
            }
        }
        spec += len;
        if (*spec == ':') {
            int v = (int)strtol(spec + 1, (char **)&spec, 10);

            if (w >= 0 && v > 0 && v < 200)
                out[n].width = v;
        }
        if (w >= 0)
            n++;
        if (*spec == ',')
            spec++;
    }
    /* Several accounts feed one inbox: each row says where it came from
     * even when the columns were set before the second account was. */
    if (ui->app->n_accounts > 1 && n < INBOX_MAX_COLS) {
        size_t i = 0;

        while (i < n && out[i].id != COL_ACCOUNT)
            i++;
        if (i == n) {
            memmove(out + 1, out, n * sizeof *out);
            out[0].id = COL_ACCOUNT;
            out[0].width = col_defs[COL_ACCOUNT].width;
            n++;
        }
    }
    for (int level = 1;; level++) {
        total = INBOX_GUTTER;
        for (size_t i = 0; i < n; i++)
            total += out[i].width + 1;
        if (total + INBOX_SUBJECT_MIN <= cols || level > 6)
            break;
        for (size_t i = 0; i < n; i++) {
            if (col_defs[out[i].id].drop == level) {
                memmove(out + i, out + i + 1, (n - i - 1) * sizeof *out);
                n--;
                i--;
            }
        }
    }
    x = INBOX_GUTTER;
    for (size_t i = 0; i < n; i++) {
        if (out[i].width == 0)
            out[i].width = cols - total > 1 ? cols - total : 1;
        out[i].x = x;
        x += out[i].width + 1;
    }
    return n;
}

static struct inbox *
inbox_get(struct ui *ui)
{
    return ui_priv(ui, PANE_INBOX);
}

static void
inbox_drop_rows(struct inbox *in)
{
    for (size_t i = 0; i < in->n_rows; i++)
        ticket_clear(&in->rows[i]);
    in->n_rows = 0;
}

/* The view's query (owned by the caller), NULL if there is no such view. */
static char *
inbox_view_query(struct ui *ui, const char *name)
{
    struct buf b;

    buf_init(&b, 0);
    if (config_view_query(ui->app->cfg, name, &b) != 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* Parse view + filter and count; on success the new query replaces the
 * old one and the selection goes to keep_id if it is still there. */
static int
inbox_query(struct ui *ui, const char *view, const char *filter,
            int64_t keep_id, int quiet)
{
    struct inbox *in = inbox_get(ui);
    char *vq = inbox_view_query(ui, view);
    const char *me = config_str(ui->app->cfg, OPT_AGENT_NAME);
    struct query q = { 0 };
    struct td_error err;
    int64_t count = 0, pos = -1;
    char *text;

    if (vq == NULL) {
        ui_error(ui, "no view called '%s' (:view lists them)", view);
        return -1;
    }
    text = xasprintf("%s %s", vq, filter);
    free(vq);
    td_error_clear(&err);
    if (query_parse(text, &q, &err) != TD_OK) {
        /* While a filter is being typed, a half-written term is not an
         * error worth the status bar. */
        if (quiet)
            ui_message(ui, "%s", err.msg);
        else
            ui_error(ui, "%s", err.msg);
        free(text);
        return -1;
    }
    /* The sort key cycles independently unless the query names one. */
    if (strstr(text, "sort:") == NULL)
        q.sort = in->sort;
    free(text);
    q.me = me && *me ? me : NULL;
    if (store_inbox_count(ui->app->store, &q, &count, &err) != TD_OK) {
        ui_error(ui, "inbox: %s", err.msg);
        query_clear(&q);
        return -1;
    }
    if (keep_id > 0 &&
        store_inbox_position(ui->app->store, &q, keep_id, &pos, &err) !=
        TD_OK)
        pos = -1;
    query_clear(&in->q);
    in->q = q;
    in->count = count;
    if (view != in->view) {
        free(in->view);
        in->view = xstrdup(view);
    }
    if (filter != in->filter) {
        free(in->filter);
        in->filter = xstrdup(filter);
    }
    in->sel = pos >= 0 ? pos : 0;
    in->top = 0;
    in->stale = 1;
    return 0;
}

int
inbox_set_view(struct ui *ui, const char *name)
{
    struct inbox *in = inbox_get(ui);

    if (inbox_query(ui, name, "", inbox_selected(ui), 0) != 0)
        return -1;
    ui_message(ui, "view %s: %lld tickets", in->view, (long long)in->count);
    return 0;
}

int
inbox_set_filter(struct ui *ui, const char *text)
{
    struct inbox *in = inbox_get(ui);

    return inbox_query(ui, in->view, text ? text : "", inbox_selected(ui), 0);
}

int
inbox_filter_live(struct ui *ui, const char *text)
{
    struct inbox *in = inbox_get(ui);

    return inbox_query(ui, in->view, text ? text : "", inbox_selected(ui), 1);
}

int
inbox_set_sort(struct ui *ui, const char *name)
{
    struct inbox *in = inbox_get(ui);

    for (int i = 0; i < QS_COUNT; i++) {
        if (strcmp(query_sort_name((enum query_sort)i), name) == 0) {
            in->sort = (enum query_sort)i;
            inbox_query(ui, in->view, in->filter, inbox_selected(ui), 0);
            ui_message(ui, "sorted by %s", name);
            return 0;
        }
    }
    ui_error(ui, "sort: unknown key '%s' (sla, updated, created, priority, "
             "id)", name);
    return -1;
}

void
inbox_reload(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);

    inbox_query(ui, in->view, in->filter, inbox_selected(ui), 0);
}

const char *
inbox_view_name(struct ui *ui)
{
    return inbox_get(ui)->view;
}

const char *
inbox_current_filter(struct ui *ui)
{
    return inbox_get(ui)->filter;
}

/* Make sure rows [from, from+n) are in the cache: one SQL page. */
static void
inbox_fetch(struct ui *ui, int64_t from, int64_t n)
{
    struct inbox *in = inbox_get(ui);
    struct td_error err;
    size_t got = 0;
    int64_t off;

    if (!in->stale && from >= in->rows_off &&
        from + n <= in->rows_off + (int64_t)in->n_rows)
        return;
    if (from + n > in->count)
        n = in->count - from;
    if (n <= 0 && !in->stale)
        return;
    inbox_drop_rows(in);
    /* Fetch a margin around the visible rows so that moving a line does
     * not query again each time. */
    off = from - n / 2;
    if (off < 0)
        off = 0;
    n = n * 2 + 1;
    in->rows = xreallocarray(in->rows, (size_t)n, sizeof *in->rows);
    memset(in->rows, 0, (size_t)n * sizeof *in->rows);
    td_error_clear(&err);
    in->q.now = time_now();
    if (store_inbox_page(ui->app->store, &in->q, (size_t)off, (size_t)n,
                         in->rows, &got, &err) != TD_OK)
        ui_error(ui, "inbox: %s", err.msg);
    in->n_rows = got;
    in->rows_off = off;
    in->stale = 0;
}

static struct ticket *
inbox_row(struct inbox *in, int64_t i)
{
    if (i < in->rows_off || i >= in->rows_off + (int64_t)in->n_rows)
        return NULL;
    return &in->rows[i - in->rows_off];
}

const struct ticket *
inbox_cached_rows(struct ui *ui, size_t *n)
{
    struct inbox *in = inbox_get(ui);

    *n = in ? in->n_rows : 0;
    return in ? in->rows : NULL;
}

int64_t
inbox_selected(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);
    struct ticket *t;

    if (in == NULL || in->count == 0)
        return 0;
    inbox_fetch(ui, in->sel, 1);
    t = inbox_row(in, in->sel);
    return t ? t->id : 0;
}

static int
inbox_body_rows(struct ui *ui)
{
    int rows = ui->panes[PANE_INBOX].rows - 2;

    return rows > 1 ? rows : 1;
}

static void
inbox_clamp(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);
    int h = inbox_body_rows(ui);

    if (in->sel >= in->count)
        in->sel = in->count - 1;
    if (in->sel < 0)
        in->sel = 0;
    if (in->top > in->sel)
        in->top = in->sel;
    if (in->sel >= in->top + h)
        in->top = in->sel - h + 1;
    if (in->top > in->count - h)
        in->top = in->count - h;
    if (in->top < 0)
        in->top = 0;
}

int64_t
inbox_step(struct ui *ui, int dir)
{
    struct inbox *in = inbox_get(ui);
    int64_t old = in->sel;

    in->sel += dir;
    inbox_clamp(ui);
    return in->sel == old ? 0 : inbox_selected(ui);
}

static void
inbox_move(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct inbox *in = p->priv;
    int h = inbox_body_rows(ui);

    switch (how) {
    case MOVE_LINE:
        in->sel += n;
        break;
    case MOVE_PAGE:
    case MOVE_HALF:
        /* Scroll the page with the selection, as less and tig do. */
        in->sel += n * (how == MOVE_PAGE ? h : h / 2);
        in->top += n * (how == MOVE_PAGE ? h : h / 2);
        break;
    case MOVE_TOP:
        in->sel = 0;
        break;
    case MOVE_BOTTOM:
        in->sel = in->count - 1;
        break;
    }
    inbox_clamp(ui);
}

static int
inbox_is_marked(struct inbox *in, int64_t id)
{
    for (size_t i = 0; i < in->n_marks; i++) {
        if (in->marks[i] == id)
            return 1;
    }
    return 0;
}

/* The text of one cell; *obj may be changed for the SLA colours. */
static void
inbox_cell(struct ui *ui, const struct ticket *t, enum col_id id,
           time_t now, struct buf *b, enum theme_obj *obj)
{
    char span[32];

    switch (id) {
    case COL_SLA:
        clocks_sla_cell(ui, t, now, b, obj);
        break;
    case COL_LOCAL:
        clocks_local_cell(ui, t, now, b, obj);
        break;
    case COL_WINDOW:
        clocks_window_cell(ui, t, now, b, obj);
        break;
    case COL_CHANNEL:
        buf_adds(b, channel_name(t->channel));
        break;
    case COL_LANG:
        buf_adds(b, t->language ? t->language : "-");
        break;
    case COL_BUYER:
        buf_adds(b, t->requester.name && *t->requester.name
                    ? t->requester.name
                    : t->requester.email ? t->requester.email : "?");
        break;
    case COL_COUNTRY:
        buf_adds(b, t->requester.country ? t->requester.country : "-");
        break;
    case COL_SUBJECT:
        buf_adds(b, t->subject ? t->subject : "");
        break;
    case COL_STATUS:
        buf_adds(b, ticket_status_name(t->status));
        break;
    case COL_ASSIGNEE:
        buf_adds(b, t->assignee ? t->assignee : "-");
        break;
    case COL_AGE:
        time_format_span((int64_t)(now - t->created_at), span, sizeof span);
        buf_adds(b, span);
        break;
    case COL_PRIORITY:
        buf_adds(b, ticket_priority_name(t->priority));
        break;
    case COL_ID:
        buf_printf(b, "%lld", (long long)t->id);
        break;
    case COL_ACCOUNT:
        buf_adds(b, t->account ? t->account : "-");
        break;
    case COL_INTENT:
        if (t->intent == NULL) {
            buf_adds(b, "-");
            break;
        }
        buf_printf(b, "%s%s", intent_label_short(intent_label_parse(
                                  t->intent)),
                   t->intent_conf < INBOX_INTENT_SURE ? "?" : "");
        break;
    case COL_COUNT:
        break;
    }
}

static void
inbox_draw(struct ui *ui, struct pane *p)
{
    struct inbox *in = p->priv;
    struct col cols[INBOX_MAX_COLS];
    size_t n = inbox_columns(ui, p->cols, cols);
    int h = inbox_body_rows(ui);
    time_t now = time_now();
    char left[256], right[64];

    inbox_clamp(ui);
    inbox_fetch(ui, in->top, h);
    snprintf(left, sizeof left, " Inbox: %s%s%s", in->view,
             *in->filter ? " / " : "", in->filter);
    snprintf(right, sizeof right, "%s%lld/%lld sort:%s ",
             in->n_marks ? "* " : "",
             (long long)(in->count ? in->sel + 1 : 0), (long long)in->count,
             query_sort_name(in->sort));
    screen_title(ui, p, left, right);
    screen_put(ui, p->win, 1, 0, p->cols, "", OBJ_INBOX_HEADER, 1);
    for (size_t c = 0; c < n; c++)
        screen_put(ui, p->win, 1, cols[c].x, cols[c].width,
                   col_defs[cols[c].id].title, OBJ_INBOX_HEADER, 1);
    for (int r = 0; r < h; r++) {
        int64_t i = in->top + r;
        struct ticket *t = inbox_row(in, i);
        enum theme_obj row_obj;
        int marked;

        if (t == NULL) {
            screen_put(ui, p->win, r + 2, 0, p->cols, "", OBJ_DEFAULT, 1);
            continue;
        }
        marked = inbox_is_marked(in, t->id);
        row_obj = i == in->sel ? OBJ_INBOX_SELECTED
                  : marked ? OBJ_INBOX_MARKED
                  : t->unread ? OBJ_INBOX_UNREAD : OBJ_INBOX_ROW;
        screen_put(ui, p->win, r + 2, 0, p->cols, marked ? "*" : "",
                   row_obj, 1);
        /* The dot keeps unread rows apart on the selection bar, on
         * marked rows and without colour or bold. */
        if (t->unread)
            screen_put(ui, p->win, r + 2, 1, 1, INBOX_UNREAD_DOT, row_obj, 0);
        for (size_t c = 0; c < n; c++) {
            enum theme_obj obj = row_obj;
            struct buf b;

            buf_init(&b, 0);
            inbox_cell(ui, t, cols[c].id, now, &b, &obj);
            if (i == in->sel)
                obj = row_obj;      /* the selection bar is one colour */
            screen_put(ui, p->win, r + 2, cols[c].x, cols[c].width,
                       buf_str(&b), obj, 1);
            buf_free(&b);
        }
    }
}

static void
inbox_init(struct ui *ui, struct pane *p)
{
    struct inbox *in = p->priv;
    const char *sort = config_str(ui->app->cfg, OPT_SORT);
    const char *view = config_str(ui->app->cfg, OPT_DEFAULT_VIEW);

    in->view = xstrdup("all");
    in->filter = xstrdup("");
    in->sort = QS_SLA;
    for (int i = 0; i < QS_COUNT; i++) {
        if (sort && strcmp(query_sort_name((enum query_sort)i), sort) == 0)
            in->sort = (enum query_sort)i;
    }
    if (view == NULL || *view == '\0' ||
        inbox_query(ui, view, "", 0, 0) != 0)
        inbox_query(ui, "all", "", 0, 0);
}

static void
inbox_fini(struct ui *ui, struct pane *p)
{
    struct inbox *in = p->priv;

    (void)ui;
    inbox_drop_rows(in);
    free(in->rows);
    query_clear(&in->q);
    free(in->view);
    free(in->filter);
    free(in->marks);
}

const struct pane_ops inbox_ops = {
    .name = "inbox",
    .priv_size = sizeof(struct inbox),
    .init = inbox_init,
    .fini = inbox_fini,
    .draw = inbox_draw,
    .step = inbox_move,
    .input = NULL,
};

/* ---- actions ---- */

void
inbox_act_open(struct ui *ui)
{
    int64_t id = inbox_selected(ui);

    if (id == 0) {
        ui_error(ui, "no ticket here");
        return;
    }
    inbox_open_id(ui, id);
}

/* The cached rows follow a change of seen state at once; the list is
 * not queried again, so that under is:unread the ticket just read stays
 * where it is until the next reload, as a mail reader keeps a message it
 * has just shown. */
static void
inbox_cache_unread(struct inbox *in, int64_t id, int unread)
{
    for (size_t i = 0; i < in->n_rows; i++) {
        if (in->rows[i].id == id)
            in->rows[i].unread = unread;
    }
}

/* Mark id unread or read in the store and in the rows shown; 0 on
 * success, -1 with the error shown. */
static int
inbox_set_unread(struct ui *ui, int64_t id, int unread)
{
    struct td_error err;

    td_error_clear(&err);
    if (store_ticket_mark_seen(ui->app->store, id, !unread, &err) != TD_OK) {
        ui_error(ui, "%s", err.msg);
        return -1;
    }
    inbox_cache_unread(inbox_get(ui), id, unread);
    return 0;
}

/* Whether id is unread: from the cached page, else (a marked ticket that
 * scrolled away) from the store. -1 with the error shown. */
static int
inbox_unread_of(struct ui *ui, int64_t id)
{
    struct inbox *in = inbox_get(ui);
    struct ticket *t = NULL;
    struct td_error err;
    int unread;

    for (size_t i = 0; i < in->n_rows; i++) {
        if (in->rows[i].id == id)
            return in->rows[i].unread;
    }
    td_error_clear(&err);
    if (store_ticket_get(ui->app->store, id, &t, &err) != TD_OK) {
        ui_error(ui, "%s", err.msg);
        return -1;
    }
    unread = t->unread;
    ticket_free(&t);
    return unread;
}

void
inbox_open_id(struct ui *ui, int64_t id)
{
    /* Opening is reading: the row loses its dot, the count goes down. */
    if (inbox_set_unread(ui, id, 0) == 0)
        ui_refresh_counts(ui);
    ui->ticket_id = id;
    thread_load(ui, id, 0);
    order_load(ui, id);
    editor_set_ticket(ui, id);
    ui_focus(ui, PANE_THREAD);
}

static void
inbox_view_n(struct ui *ui, size_t i)
{
    inbox_set_view(ui, inbox_builtin_view(i));
}

void
inbox_act_view_all(struct ui *ui)
{
    inbox_view_n(ui, 0);
}

void
inbox_act_view_open(struct ui *ui)
{
    inbox_view_n(ui, 1);
}

void
inbox_act_view_mine(struct ui *ui)
{
    inbox_view_n(ui, 2);
}

void
inbox_act_view_unassigned(struct ui *ui)
{
    inbox_view_n(ui, 3);
}

void
inbox_act_view_breaching(struct ui *ui)
{
    inbox_view_n(ui, 4);
}

/* The built-in views, then the rc file's ones not named like them. */
void
inbox_act_view_next(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);
    const struct config *cfg = ui->app->cfg;
    size_t total = INBOX_N_BUILTIN + cfg->n_views, cur = 0;

    for (size_t i = 0; i < total; i++) {
        const char *name = i < INBOX_N_BUILTIN ? inbox_builtin_view(i)
                           : cfg->views[i - INBOX_N_BUILTIN].name;

        if (strcmp(name, in->view) == 0)
            cur = i;
    }
    for (size_t k = 1; k <= total; k++) {
        size_t i = (cur + k) % total;
        const char *name = i < INBOX_N_BUILTIN ? inbox_builtin_view(i)
                           : cfg->views[i - INBOX_N_BUILTIN].name;

        /* An rc view that redefines a built-in was visited there. */
        if (i >= INBOX_N_BUILTIN && config_view_query(cfg, name, NULL) == 0 &&
            config_view(cfg, name) != &cfg->views[i - INBOX_N_BUILTIN])
            continue;
        inbox_set_view(ui, name);
        return;
    }
}

void
inbox_act_sort_next(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);

    inbox_set_sort(ui, query_sort_name((enum query_sort)((in->sort + 1) %
                                                         QS_COUNT)));
}

void
inbox_act_mark_toggle(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);
    int64_t id = inbox_selected(ui);

    if (id == 0)
        return;
    for (size_t i = 0; i < in->n_marks; i++) {
        if (in->marks[i] == id) {
            in->marks[i] = in->marks[--in->n_marks];
            inbox_step(ui, 1);
            return;
        }
    }
    in->marks = xreallocarray(in->marks, in->n_marks + 1, sizeof *in->marks);
    in->marks[in->n_marks++] = id;
    ui_message(ui, "%zu marked", in->n_marks);
    inbox_step(ui, 1);
}

const int64_t *
inbox_marks(struct ui *ui, size_t *n)
{
    struct inbox *in = inbox_get(ui);

    *n = in->n_marks;
    return in->marks;
}

void
inbox_act_mark_clear(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);

    ui_message(ui, "%zu marks cleared", in->n_marks);
    in->n_marks = 0;
}

void
inbox_act_filter_clear(struct ui *ui)
{
    inbox_set_filter(ui, "");
    ui_message(ui, "filter cleared");
}

/* N, neomutt's toggle-new: on the marked tickets if there are any, else
 * on the selected one. They all take the opposite of the first one's
 * state, so that a mixed set ends up alike rather than flipped each. */
void
inbox_act_toggle_unread(struct ui *ui)
{
    struct inbox *in = inbox_get(ui);
    size_t n = in->n_marks, done = 0;
    int64_t one = inbox_selected(ui);
    const int64_t *ids = in->marks;
    int unread;

    if (n == 0) {
        if (one == 0) {
            ui_error(ui, "no ticket here");
            return;
        }
        ids = &one;
        n = 1;
    }
    if ((unread = inbox_unread_of(ui, ids[0])) < 0)
        return;
    unread = !unread;
    for (size_t i = 0; i < n; i++) {
        if (inbox_set_unread(ui, ids[i], unread) != 0)
            break;
        done++;
    }
    ui_refresh_counts(ui);
    if (done == 1)
        ui_message(ui, "marked %s", unread ? "unread" : "read");
    else if (done > 1)
        ui_message(ui, "%zu tickets marked %s", done,
                   unread ? "unread" : "read");
}
