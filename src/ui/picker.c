/* picker.c: choosing a canned reply in the editor pane: search, preview
 * with the ticket's data, prompts, insert (and send). */
#include "ui/picker.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "config/config.h"
#include "core/template.h"
#include "core/tscan.h"
#include "core/tvars.h"
#include "store/tvload.h"
#include "ui/edbuf.h"
#include "ui/editor.h"
#include "ui/keymap.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

#define PICKER_QUERY_MAX 256
#define PICKER_INPUT_MAX 1024

struct picker_match {
    size_t idx;             /* in lib.items */
    int score;
};

struct picker {
    struct tpl_library lib;
    struct tvars vars;      /* the ticket's values, then the answers */
    char *ticket_lang;
    int have_vars;
    char query[PICKER_QUERY_MAX];
    size_t qlen;
    struct picker_match *match;
    size_t n_match;
    size_t sel;
    size_t top;
    int preview_top;
    char *force_lang;       /* picker-lang: a variant chosen by hand */
    /* Asking for prompts before an insert. */
    int asking;
    int then_send;
    size_t asking_idx;      /* the template being inserted */
    struct trender_list prompts;
    size_t prompt_i;
    char input[PICKER_INPUT_MAX];
    size_t ilen;
    int cur_y;
    int cur_x;
};

/* ---- search ---- */

/* Case-insensitive (ASCII) substring; other bytes compare as they are. */
static const char *
find_fold(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    if (hay == NULL || n == 0)
        return hay;
    for (const char *h = hay; *h; h++) {
        size_t i = 0;

        while (i < n && h[i] &&
               tolower((unsigned char)h[i]) ==
               tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return h;
    }
    return NULL;
}

/* needle's characters in order in hay ("wsm" in "wismo"); the score
 * drops with the gaps between them. -1 when they are not all there. */
static int
subsequence(const char *hay, const char *needle)
{
    int gaps = 0, started = 0;

    if (hay == NULL)
        return -1;
    for (; *needle; needle++) {
        while (*hay && tolower((unsigned char)*hay) !=
               tolower((unsigned char)*needle)) {
            gaps += started;
            hay++;
        }
        if (*hay == '\0')
            return -1;
        started = 1;
        hay++;
    }
    return gaps;
}

static int
score_word(const struct template *t, const char *w)
{
    int best = -1, g;

    if (t->code && strcasecmp(t->code, w) == 0)
        return 1000;
    if (strcasecmp(t->id, w) == 0)
        return 900;
    if (find_fold(t->id, w) == t->id || find_fold(t->name, w) == t->name ||
        (t->code && find_fold(t->code, w) == t->code))
        best = 600;
    else if (find_fold(t->id, w) || find_fold(t->name, w) ||
             (t->intent && find_fold(t->intent, w)))
        best = 400;
    for (size_t i = 0; best < 300 && i < t->n_tags; i++)
        if (find_fold(t->tags[i], w))
            best = 300;
    if (best < 0) {
        int a = subsequence(t->id, w), b = subsequence(t->name, w);

        g = a < 0 ? b : b < 0 ? a : a < b ? a : b;
        if (g >= 0)
            best = 250 - (g > 200 ? 200 : g);
    }
    if (best < 0 && t->description && find_fold(t->description, w))
        best = 40;
    for (size_t i = 0; best < 0 && i < t->n_variants; i++)
        if (find_fold(t->variants[i].body, w))
            best = 20;
    return best;
}

/* Every word of the query must match somewhere; the scores add up. */
static int
score(const struct template *t, const char *query)
{
    char word[PICKER_QUERY_MAX];
    int total = 0;

    for (const char *q = query; *q;) {
        size_t n = strcspn(q, " ");

        if (n > 0) {
            int s;

            memcpy(word, q, n);
            word[n] = '\0';
            if ((s = score_word(t, word)) < 0)
                return -1;
            total += s;
        }
        q += n + (q[n] == ' ');
    }
    return total;
}

static int
cmp_match(const void *a, const void *b)
{
    const struct picker_match *x = a, *y = b;

    if (x->score != y->score)
        return y->score > x->score ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void
picker_search(struct picker *pk)
{
    pk->query[pk->qlen] = '\0';
    pk->n_match = 0;
    for (size_t i = 0; i < pk->lib.n; i++) {
        int s = score(pk->lib.items[i], pk->query);

        if (s >= 0) {
            pk->match[pk->n_match].idx = i;
            pk->match[pk->n_match++].score = s;
        }
    }
    qsort(pk->match, pk->n_match, sizeof *pk->match, cmp_match);
    pk->sel = 0;
    pk->top = 0;
    pk->preview_top = 0;
    xfree_str(&pk->force_lang);
}

static const struct template *
picker_current(const struct picker *pk)
{
    if (pk->asking)
        return pk->lib.items[pk->asking_idx];
    if (pk->n_match == 0)
        return NULL;
    return pk->lib.items[pk->match[pk->sel].idx];
}

/* ---- open, close ---- */

static struct picker *
picker_new(struct ui *ui)
{
    struct picker *pk = xcalloc(1, sizeof *pk);
    const char *agent = editor_author(ui);
    struct td_error err;

    tpl_library_load(&pk->lib, ui->app->share_dir);
    pk->match = xcalloc(pk->lib.n + 1, sizeof *pk->match);
    td_error_clear(&err);
    if (tvload_ticket(ui->app->store, editor_ticket(ui), agent, &pk->vars,
                      NULL, &pk->ticket_lang, &err) == TD_OK)
        pk->have_vars = 1;
    else
        ui_error(ui, "templates: the ticket's data is unavailable: %s",
                 err.msg);
    return pk;
}

/* The editor on the open ticket, a reply unless a draft says otherwise. */
static int
picker_need_editor(struct ui *ui)
{
    if (editor_ticket(ui) == 0 || editor_ticket(ui) != ui->ticket_id) {
        editor_begin(ui, 0);
    } else if (ui->focus != PANE_EDITOR) {
        /* Keep the draft as it is (a note stays a note). */
        ui->aux = PANE_EDITOR;
        ui_focus(ui, PANE_EDITOR);
    }
    return editor_ticket(ui) != 0 ? 0 : -1;
}

void
picker_open(struct ui *ui, const char *query)
{
    struct picker *pk;

    if (picker_need_editor(ui) != 0)
        return;
    picker_close(ui);
    pk = ui->picker = picker_new(ui);
    if (query) {
        pk->qlen = strlen(query) < PICKER_QUERY_MAX - 1 ? strlen(query)
                   : PICKER_QUERY_MAX - 1;
        memcpy(pk->query, query, pk->qlen);
    }
    picker_search(pk);
    if (pk->lib.n == 0)
        ui_error(ui, "no templates (ttydesk-templates(5); :template-new "
                 "NAME)");
    else if (pk->lib.errors.n)
        ui_error(ui, "%s%s", pk->lib.errors.v[0],
                 pk->lib.errors.n > 1 ? " (and more)" : "");
    else
        ui_message(ui, "type to search; Enter inserts, C-s inserts and "
                   "sends, Esc closes");
}

void
picker_close(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk == NULL)
        return;
    tpl_library_free(&pk->lib);
    tvars_clear(&pk->vars);
    trender_list_free(&pk->prompts);
    free(pk->ticket_lang);
    free(pk->force_lang);
    free(pk->match);
    free(pk);
    ui->picker = NULL;
}

/* ---- insert ---- */

static const char *
picker_want(const struct picker *pk)
{
    return pk->force_lang ? pk->force_lang : pk->ticket_lang;
}

static enum td_status
picker_render(struct ui *ui, struct picker *pk, const struct template *t,
              struct tpl_result *r, struct td_error *err)
{
    return template_render(t, &pk->vars, picker_want(pk),
                           config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE),
                           r, err);
}

/* Render with the answers given and put the text into the draft. */
static void
picker_finish(struct ui *ui)
{
    struct picker *pk = ui->picker;
    const struct template *t = picker_current(pk);
    int send = pk->then_send, was_empty, kept_note;
    struct tpl_result r;
    struct td_error err;
    enum td_status rc;
    char *label, *why = NULL, *left = NULL;

    td_error_clear(&err);
    rc = picker_render(ui, pk, t, &r, &err);
    if (rc == TD_EPARSE) {
        ui_error(ui, "template %s: %s", t->id, err.msg);
        return;
    }
    label = xasprintf("%s [%s]", t->id, r.variant->lang);
    why = xstrdup(r.why);
    if (rc != TD_OK)
        left = xstrdup(err.msg);
    was_empty = editor_draft_len(ui) == 0;
    if (editor_insert(ui, buf_str(&r.r.text)) != 0) {
        tpl_result_free(&r);
        free(label);
        free(why);
        free(left);
        return;
    }
    kept_note = editor_template_used(ui, label, t->is_note, was_empty,
                                     t->status >= 0
                                     ? ticket_status_name(t->status) : NULL);
    tpl_result_free(&r);
    picker_close(ui);
    if (left)
        ui_error(ui, "%s: %s; %s: fill in the highlighted tags", label, why,
                 left);
    else if (send)
        editor_act_send(ui);
    if (!left && !send)
        ui_message(ui, "%s: %s%s", label, why, kept_note ? "; the draft "
                   "stays an internal note (C-t makes it public)" : "");
    free(label);
    free(why);
    free(left);
}

/* Ask the next unanswered prompt, or insert when none is left. */
static void
picker_ask_next(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk->prompt_i >= pk->prompts.n) {
        picker_finish(ui);
        return;
    }
    pk->ilen = 0;
    pk->input[0] = '\0';
}

/* Start inserting the current template: its open prompts first. */
static void
picker_begin_insert(struct ui *ui, int then_send)
{
    struct picker *pk = ui->picker;
    const struct template *t = picker_current(pk);
    struct tpl_result r;
    struct td_error err;
    enum td_status rc;

    if (t == NULL) {
        ui_error(ui, "no template matches '%s'", pk->query);
        return;
    }
    td_error_clear(&err);
    rc = picker_render(ui, pk, t, &r, &err);
    if (rc == TD_EPARSE) {
        ui_error(ui, "template %s: %s", t->id, err.msg);
        return;
    }
    pk->then_send = then_send;
    pk->asking_idx = pk->n_match && !pk->asking ? pk->match[pk->sel].idx
                                                 : pk->asking_idx;
    trender_list_free(&pk->prompts);
    for (size_t i = 0; i < r.r.inputs.n; i++)
        trender_list_add(&pk->prompts, r.r.inputs.v[i]);
    tpl_result_free(&r);
    pk->prompt_i = 0;
    pk->asking = pk->prompts.n > 0;
    if (pk->asking)
        ui_message(ui, "Enter gives the value (empty leaves it open), Esc "
                   "goes back");
    picker_ask_next(ui);
}

int
picker_insert_named(struct ui *ui, const char *name, char *const *vars,
                    size_t n_vars, const char *lang)
{
    struct picker *pk;
    const struct template *t;

    if (picker_need_editor(ui) != 0)
        return -1;
    picker_close(ui);
    pk = ui->picker = picker_new(ui);
    picker_search(pk);
    if ((t = tpl_library_find(&pk->lib, name)) == NULL) {
        picker_close(ui);
        ui_error(ui, "no template '%s' (:template lists them)", name);
        return -1;
    }
    for (size_t i = 0; i < n_vars; i++)
        (void)tvars_set(&pk->vars, vars[i]);
    if (lang && *lang)
        pk->force_lang = xstrdup(lang);
    for (size_t i = 0; i < pk->n_match; i++)
        if (pk->lib.items[pk->match[i].idx] == t)
            pk->sel = i;
    picker_begin_insert(ui, 0);
    return 0;
}

/* ---- actions ---- */

void
picker_act_open(struct ui *ui)
{
    picker_open(ui, NULL);
}

void
picker_act_insert(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk == NULL)
        return;
    if (!pk->asking) {
        picker_begin_insert(ui, 0);
        return;
    }
    /* An answer: given, or left open (the tag stays and blocks). */
    if (pk->ilen > 0) {
        char *kv = xasprintf("%s=%.*s", pk->prompts.v[pk->prompt_i],
                             (int)pk->ilen, pk->input);

        (void)tvars_set(&pk->vars, kv);
        free(kv);
    }
    pk->prompt_i++;
    picker_ask_next(ui);
}

void
picker_act_insert_send(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk == NULL)
        return;
    if (pk->asking) {
        pk->then_send = 1;
        picker_act_insert(ui);
        return;
    }
    picker_begin_insert(ui, 1);
}

void
picker_act_close(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk && pk->asking) {
        pk->asking = 0;
        ui_message(ui, "back to the list");
        return;
    }
    picker_close(ui);
    ui_message(ui, "%s", "");
}

static void
picker_move(struct ui *ui, int dir)
{
    struct picker *pk = ui->picker;

    if (pk == NULL || pk->asking || pk->n_match == 0)
        return;
    if (dir < 0 && pk->sel > 0)
        pk->sel--;
    else if (dir > 0 && pk->sel + 1 < pk->n_match)
        pk->sel++;
    pk->preview_top = 0;
    xfree_str(&pk->force_lang);
}

void
picker_act_down(struct ui *ui)
{
    picker_move(ui, 1);
}

void
picker_act_up(struct ui *ui)
{
    picker_move(ui, -1);
}

/* Drop the last character (UTF-8) of s[0..*n). */
static void
drop_char(char *s, size_t *n)
{
    if (*n == 0)
        return;
    do {
        (*n)--;
    } while (*n > 0 && ((unsigned char)s[*n] & 0xc0) == 0x80);
    s[*n] = '\0';
}

void
picker_act_delete_back(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk == NULL)
        return;
    if (pk->asking) {
        drop_char(pk->input, &pk->ilen);
        return;
    }
    drop_char(pk->query, &pk->qlen);
    picker_search(pk);
}

void
picker_act_clear(struct ui *ui)
{
    struct picker *pk = ui->picker;

    if (pk == NULL)
        return;
    if (pk->asking) {
        pk->ilen = 0;
        pk->input[0] = '\0';
        return;
    }
    pk->qlen = 0;
    picker_search(pk);
}

/* Preview another language: the ticket's choice, then each variant. */
void
picker_act_lang(struct ui *ui)
{
    struct picker *pk = ui->picker;
    const struct template *t;
    size_t next = 0;

    if (pk == NULL || (t = picker_current(pk)) == NULL)
        return;
    if (pk->force_lang) {
        for (size_t i = 0; i < t->n_variants; i++)
            if (strcmp(t->variants[i].lang, pk->force_lang) == 0)
                next = i + 1;
        xfree_str(&pk->force_lang);
        if (next >= t->n_variants) {
            ui_message(ui, "language: the ticket's");
            return;
        }
    }
    pk->force_lang = xstrdup(t->variants[next].lang);
    ui_message(ui, "language: %s (chosen by hand)", pk->force_lang);
}

void
picker_act_preview_down(struct ui *ui)
{
    if (ui->picker)
        ui->picker->preview_top += 5;
}

void
picker_act_preview_up(struct ui *ui)
{
    if (ui->picker) {
        ui->picker->preview_top -= 5;
        if (ui->picker->preview_top < 0)
            ui->picker->preview_top = 0;
    }
}

void
picker_input(struct ui *ui, const char *key)
{
    struct picker *pk = ui->picker;
    char *buf = pk->asking ? pk->input : pk->query;
    size_t *n = pk->asking ? &pk->ilen : &pk->qlen;
    size_t cap = pk->asking ? PICKER_INPUT_MAX : PICKER_QUERY_MAX;
    size_t k;

    if (!keymap_is_text(key))
        return;
    if (strcmp(key, "<Space>") == 0)
        key = " ";
    k = strlen(key);
    if (*n + k + 1 > cap)
        return;
    memcpy(buf + *n, key, k);
    *n += k;
    buf[*n] = '\0';
    if (!pk->asking)
        picker_search(pk);
}

/* ---- drawing ---- */

void
picker_mark_tags(struct ui *ui, WINDOW *w, int y, int cols,
                 const char *text, size_t len, size_t rs, size_t re)
{
    size_t s, e, at = rs;

    /* Tags live on one line: look from the start of the row's line. */
    while (at > 0 && text[at - 1] != '\n')
        at--;
    while (tscan_next(text, len, at, &s, &e)) {
        size_t from = s > rs ? s : rs, to = e < re ? e : re;
        char *pre, *seg, *clean;
        int x;

        at = e;
        if (s >= re)
            break;
        if (from >= to)
            continue;
        pre = xstrndup(text + rs, from - rs);
        clean = sanitize_str(pre, 0);
        x = (int)width_str(clean);
        seg = xstrndup(text + from, to - from);
        if (seg[0] && seg[strlen(seg) - 1] == '\n')
            seg[strlen(seg) - 1] = '\0';
        if (x < cols)
            screen_put(ui, w, y, x, cols - x, seg, OBJ_EDITOR_UNRESOLVED, 0);
        free(seg);
        free(clean);
        free(pre);
    }
}

/* Draw text wrapped at the pane's width in rows [y0, y1), from visual
 * row skip; unfilled tags highlighted. Returns the rows it has. */
static int
draw_wrapped(struct ui *ui, struct pane *p, int y0, int y1, const char *text,
             int skip)
{
    struct edbuf eb;
    struct edbuf_row *rows;
    size_t n, row, col;

    edbuf_init(&eb);
    edbuf_set(&eb, text, strlen(text), 1);
    n = edbuf_wrap(&eb, p->cols, NULL, 0, &row, &col);
    rows = xcalloc(n + 1, sizeof *rows);
    edbuf_wrap(&eb, p->cols, rows, n, &row, &col);
    if (skip > (int)n - 1)
        skip = n ? (int)n - 1 : 0;
    for (int y = y0; y < y1; y++) {
        size_t i = (size_t)(skip + y - y0);
        char *s;

        if (i >= n) {
            screen_put(ui, p->win, y, 0, p->cols, "", OBJ_EDITOR_TEXT, 1);
            continue;
        }
        s = xstrndup(eb.text + rows[i].start, rows[i].end - rows[i].start);
        if (*s && s[strlen(s) - 1] == '\n')
            s[strlen(s) - 1] = '\0';
        screen_put(ui, p->win, y, 0, p->cols, s, OBJ_EDITOR_TEXT, 1);
        picker_mark_tags(ui, p->win, y, p->cols, eb.text, eb.len,
                         rows[i].start, rows[i].end);
        free(s);
    }
    free(rows);
    edbuf_free(&eb);
    return (int)n;
}

static void
draw_preview(struct ui *ui, struct pane *p, int y0, int y1)
{
    struct picker *pk = ui->picker;
    const struct template *t = picker_current(pk);
    struct tpl_result r;
    struct td_error err;
    enum td_status rc;
    char *line;
    int y = y0;

    if (y0 >= y1)
        return;
    if (t == NULL) {
        screen_put(ui, p->win, y, 0, p->cols, "── no template matches",
                   OBJ_HELP_TEXT, 1);
        draw_wrapped(ui, p, y + 1, y1, "", 0);
        return;
    }
    td_error_clear(&err);
    rc = picker_render(ui, pk, t, &r, &err);
    if (rc == TD_EPARSE) {
        line = xasprintf("── %s: %s", t->id, err.msg);
        screen_put(ui, p->win, y, 0, p->cols, line, OBJ_STATUS_ERROR, 1);
        free(line);
        draw_wrapped(ui, p, y + 1, y1, "", 0);
        return;
    }
    /* Which variant and why: the agent must know before inserting. */
    line = xasprintf("── %s [%s]: %s", t->id, r.variant->lang, r.why);
    screen_put(ui, p->win, y++, 0, p->cols, line, OBJ_TITLE, 1);
    free(line);
    if (y < y1) {
        line = xasprintf("%s%s%s%s%s", t->is_note ? "internal note"
                         : "public reply",
                         t->status >= 0 ? ", then " : "",
                         t->status >= 0 ? ticket_status_name(t->status) : "",
                         pk->have_vars ? "" : " (no ticket data)",
                         rc == TD_OK ? "" : "  ");
        if (rc != TD_OK) {
            char *all = xasprintf("%s%s", line, err.msg);

            free(line);
            line = all;
        }
        screen_put(ui, p->win, y++, 0, p->cols, line,
                   rc == TD_OK ? OBJ_HELP_TEXT : OBJ_EDITOR_UNRESOLVED, 1);
        free(line);
    }
    draw_wrapped(ui, p, y, y1, buf_str(&r.r.text), pk->preview_top);
    tpl_result_free(&r);
}

void
picker_draw(struct ui *ui, struct pane *p)
{
    struct picker *pk = ui->picker;
    int h = p->rows, list_h, y, id_w = 14;
    char left[160], right[64];
    char *line;

    snprintf(left, sizeof left, " Templates %zu/%zu", pk->n_match,
             pk->lib.n);
    snprintf(right, sizeof right, "Enter insert  C-s +send ");
    screen_title(ui, p, left, right);
    if (pk->asking) {
        const char *name = pk->prompts.v[pk->prompt_i];

        line = xasprintf("%s (%zu/%zu): ", name, pk->prompt_i + 1,
                         pk->prompts.n);
    } else {
        line = xasprintf("search: ");
    }
    {
        char *full = xasprintf("%s%s", line, pk->asking ? pk->input
                               : pk->query);
        char *clean = sanitize_str(full, 0);
        int w = (int)width_str(clean);

        screen_put(ui, p->win, 1, 0, p->cols, full, OBJ_PROMPT, 1);
        pk->cur_y = 1;
        pk->cur_x = w < p->cols ? w : p->cols - 1;
        free(clean);
        free(full);
    }
    free(line);
    /* The list takes a third of the pane, the preview the rest. */
    list_h = (h - 3) / 3;
    if (list_h < 3)
        list_h = 3;
    if (list_h > (int)pk->n_match)
        list_h = pk->n_match ? (int)pk->n_match : 1;
    if (pk->sel < pk->top)
        pk->top = pk->sel;
    if (pk->sel >= pk->top + (size_t)list_h)
        pk->top = pk->sel - (size_t)list_h + 1;
    for (size_t i = 0; i < pk->n_match; i++) {
        int w = (int)strlen(pk->lib.items[pk->match[i].idx]->id);

        if (w > id_w)
            id_w = w < 28 ? w : 28;
    }
    for (y = 0; y < list_h && 2 + y < h - 1; y++) {
        size_t i = pk->top + (size_t)y;
        const struct template *t;

        if (i >= pk->n_match) {
            screen_put(ui, p->win, 2 + y, 0, p->cols, pk->n_match ? ""
                       : "  (nothing matches)", OBJ_HELP_TEXT, 1);
            continue;
        }
        t = pk->lib.items[pk->match[i].idx];
        line = xasprintf("%s %-5s %-*s %s%s%s", i == pk->sel ? ">" : " ",
                         t->code ? t->code : "", id_w, t->id, t->name,
                         t->origin ? "  ← " : "",
                         t->origin ? t->origin : "");
        screen_put(ui, p->win, 2 + y, 0, p->cols, line,
                   i == pk->sel ? OBJ_PICKER_SELECTED : OBJ_EDITOR_TEXT, 1);
        free(line);
    }
    draw_preview(ui, p, 2 + list_h, h - 1);
    screen_put(ui, p->win, h - 1, 0, p->cols,
               pk->asking ? "Enter next  C-s insert+send  Esc back to list"
               : "↑↓ choose  Tab language  PgDn preview  Enter insert  "
                 "C-s insert+send  Esc close", OBJ_HELP_TEXT, 1);
}

int
picker_cursor(struct ui *ui, struct pane *p, int *y, int *x)
{
    (void)p;
    *y = ui->picker->cur_y;
    *x = ui->picker->cur_x;
    return 0;
}
