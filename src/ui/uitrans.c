/* uitrans.c: translation and draft generation in the console. The
 * conversation can show each message in the agent's language (T, or
 * :translate), the originals a key away; the agent's draft can be
 * translated into the buyer's language (M-t) and shown under the draft
 * for review, M-o swapping which of the two is in the editor (and so
 * goes out with C-s); a drafter writes a proposal into the editor (M-g,
 * :draft). Every job runs in the poll loop: translation commands as
 * children whose pipes are polled, HTTP providers on the app's engine. */
#include "ui/uitrans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "core/model.h"
#include "core/template.h"
#include "store/store.h"
#include "translate/draftprompt.h"
#include "translate/translate.h"
#include "ui/editor.h"
#include "ui/screen.h"
#include "ui/thread.h"
#include "ui/tlines.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Translations running at once: a thread of twenty messages must not
 * start twenty Apertium processes on a two-core box. */
#define UITRANS_MAX_JOBS 3

enum ut_state {
    UT_QUEUED = 0,
    UT_RUNNING,
    UT_DONE,
    UT_FAILED,
};

/* One message of the open ticket as the thread shows it translated. */
struct ut_msg {
    int64_t msg_id;
    char *from;             /* the ticket's language, NULL = detect */
    char *body;             /* the original, while queued */
    char *text;             /* the translation */
    char *note;             /* the line above the body */
    enum ut_state state;
};

/* The draft under review: the version not in the editor is `other`. */
struct ut_draft {
    int64_t ticket_id;
    unsigned gen;           /* which request an answer belongs to */
    int pending;
    char *other;            /* NULL while pending or failed */
    char *other_lang;
    char *editor_lang;      /* the language of what the editor holds */
    char *placed;           /* the editor's text when other was made */
    int translated_in_editor;
    char *error;
    char *service;
};

struct uitrans {
    struct ui *ui;
    struct tr_hub *hub;
    int on;                 /* the thread shows translations */
    int64_t ticket_id;      /* whose messages msgs holds */
    char to[16];            /* translate_to when msgs was filled */
    struct ut_msg *msgs;
    size_t n_msgs;
    size_t running;
    struct ut_draft draft;
    int64_t drafting;       /* the ticket a draft is being written for */
    unsigned draft_gen;
    char line[512];         /* uitrans_send_note's and banner's text */
};

/* What a callback needs to find its target, which may be gone. */
struct ut_ctx {
    struct uitrans *u;
    int64_t ticket_id;
    int64_t msg_id;
    unsigned gen;
};

static struct uitrans *
ut_get(struct ui *ui)
{
    return ui->trans;
}

static void
ut_msg_clear(struct ut_msg *m)
{
    free(m->from);
    free(m->body);
    free(m->text);
    free(m->note);
    memset(m, 0, sizeof *m);
}

static void
ut_msgs_reset(struct uitrans *u)
{
    for (size_t i = 0; i < u->n_msgs; i++)
        ut_msg_clear(&u->msgs[i]);
    free(u->msgs);
    u->msgs = NULL;
    u->n_msgs = 0;
    u->ticket_id = 0;
}

static void
ut_draft_reset(struct ut_draft *d)
{
    unsigned gen = d->gen;

    free(d->other);
    free(d->other_lang);
    free(d->editor_lang);
    free(d->placed);
    free(d->error);
    free(d->service);
    memset(d, 0, sizeof *d);
    d->gen = gen + 1;       /* an answer still out is now stale */
}

struct uitrans *
uitrans_new(struct ui *ui)
{
    struct uitrans *u = xcalloc(1, sizeof *u);
    struct app *app = ui->app;
    const char *const *errs;
    struct td_error err;
    size_t n;

    u->ui = ui;
    td_error_clear(&err);
    if (tr_config_needs_http(app->cfg) && app_http(app, &err) == NULL)
        ui_error(ui, "translators: %s", err.msg);
    u->hub = tr_hub_new(app->cfg, app->store,
                        app->http ? &app->http_transport : NULL);
    errs = tr_hub_errors(u->hub, &n);
    if (n > 0)
        ui_error(ui, "%s%s", errs[0], n > 1 ? " (and more)" : "");
    return u;
}

void
uitrans_free(struct uitrans **p)
{
    struct uitrans *u = p ? *p : NULL;

    if (u == NULL)
        return;
    tr_hub_free(&u->hub);
    ut_msgs_reset(u);
    ut_draft_reset(&u->draft);
    free(u);
    *p = NULL;
}

/* ---- the poll loop ---- */

size_t
uitrans_pollfds(struct ui *ui, struct pollfd **fds, size_t *cap, size_t at)
{
    struct uitrans *u = ut_get(ui);
    size_t need;

    if (u == NULL || u->hub == NULL)
        return 0;
    while ((need = tr_hub_pollfds(u->hub, *fds + at, *cap - at)) >
           *cap - at) {
        *cap = at + need;
        *fds = xreallocarray(*fds, *cap, sizeof **fds);
    }
    return need;
}

int
uitrans_timeout(struct ui *ui, int ms)
{
    struct uitrans *u = ut_get(ui);
    long t;

    if (u == NULL || u->hub == NULL)
        return ms;
    t = tr_hub_timeout_ms(u->hub);
    return t >= 0 && t < ms ? (int)t : ms;
}

static void ut_pump(struct uitrans *u);

void
uitrans_dispatch(struct ui *ui, const struct pollfd *fds, size_t n)
{
    struct uitrans *u = ut_get(ui);

    if (u == NULL || u->hub == NULL)
        return;
    tr_hub_dispatch(u->hub, fds, n);
    ut_pump(u);
}

int
uitrans_busy(struct ui *ui)
{
    struct uitrans *u = ut_get(ui);

    if (u == NULL || u->hub == NULL)
        return 0;
    for (size_t i = 0; i < u->n_msgs; i++)
        if (u->msgs[i].state == UT_QUEUED)
            return 1;
    return tr_hub_pending(u->hub) > 0;
}

/* ---- the conversation ---- */

int
uitrans_thread_on(struct ui *ui)
{
    struct uitrans *u = ut_get(ui);

    return u && u->on;
}

static struct ut_msg *
ut_find(struct uitrans *u, int64_t ticket_id, int64_t msg_id)
{
    if (u->ticket_id != ticket_id)
        return NULL;
    for (size_t i = 0; i < u->n_msgs; i++)
        if (u->msgs[i].msg_id == msg_id)
            return &u->msgs[i];
    return NULL;
}

static void
ut_msg_done(void *ctx, const struct tr_result *r)
{
    struct ut_ctx *c = ctx;
    struct uitrans *u = c->u;
    struct ut_msg *m = ut_find(u, c->ticket_id, c->msg_id);

    if (u->running > 0)
        u->running--;
    free(c);
    /* The agent moved on: the answer is in the store's cache for when
     * the ticket is opened again. */
    if (m == NULL)
        return;
    free(m->note);
    if (r->status == TD_OK) {
        m->state = UT_DONE;
        m->text = xstrdup(r->text);
        m->note = xasprintf("[%s → %s, %s%s · T shows the original]",
                            r->src ? r->src : "?", r->to, r->service,
                            r->cached ? ", cached" : "");
    } else {
        m->state = UT_FAILED;
        m->note = xasprintf("[not translated: %s]", r->error);
    }
    thread_invalidate(u->ui);
}

/* Start queued translations while there is room. */
static void
ut_pump(struct uitrans *u)
{
    struct tr_service *s;
    struct td_error err;

    for (size_t i = 0; i < u->n_msgs && u->running < UITRANS_MAX_JOBS;
         i++) {
        struct ut_msg *m = &u->msgs[i];
        struct ut_ctx *c;

        if (m->state != UT_QUEUED)
            continue;
        td_error_clear(&err);
        if ((s = tr_hub_translator(u->hub, NULL, &err)) == NULL) {
            m->state = UT_FAILED;
            free(m->note);
            m->note = xasprintf("[not translated: %s]", err.msg);
            thread_invalidate(u->ui);
            continue;
        }
        c = xcalloc(1, sizeof *c);
        c->u = u;
        c->ticket_id = u->ticket_id;
        c->msg_id = m->msg_id;
        if (tr_translate(u->hub, s, m->body, m->from, u->to, ut_msg_done, c,
                         &err) != TD_OK) {
            free(c);
            m->state = UT_FAILED;
            free(m->note);
            m->note = xasprintf("[not translated: %s]", err.msg);
            thread_invalidate(u->ui);
            continue;
        }
        m->state = UT_RUNNING;
        u->running++;
        free(m->body);
        m->body = NULL;
    }
}

/* Whether text in language lang needs translating into to. */
static int
ut_same_lang(const char *lang, const char *to)
{
    return lang && strncmp(lang, to, 2) == 0;
}

const char *
uitrans_message(struct ui *ui, const struct ticket *t,
                const struct message *m, const char **note)
{
    struct uitrans *u = ut_get(ui);
    const char *to = config_str(ui->app->cfg, OPT_TRANSLATE_TO);
    struct tr_service *s;
    struct ut_msg *um;
    struct td_error err;
    char *cached, code[16];

    *note = NULL;
    /* Internal notes are written by agents for agents, system lines by
     * the backend: only what the buyer and the agent said is translated. */
    if (u == NULL || !u->on || !m->is_public || m->author == AK_SYSTEM ||
        m->body == NULL || m->body[strspn(m->body, " \t\r\n")] == '\0' ||
        ut_same_lang(t->language, to))
        return NULL;
    if (u->ticket_id != t->id || strcmp(u->to, to) != 0) {
        ut_msgs_reset(u);
        u->ticket_id = t->id;
        snprintf(u->to, sizeof u->to, "%s", to);
    }
    if ((um = ut_find(u, t->id, m->id)) == NULL) {
        u->msgs = xreallocarray(u->msgs, u->n_msgs + 1, sizeof *u->msgs);
        um = &u->msgs[u->n_msgs++];
        memset(um, 0, sizeof *um);
        um->msg_id = m->id;
        /* A language the detector could not tell ("unknown") is left to
         * the provider to detect. */
        um->from = t->language && tr_lang_norm(t->language, code,
                                               sizeof code) == 0
                   ? xstrdup(code) : NULL;
        td_error_clear(&err);
        s = tr_hub_translator(u->hub, NULL, &err);
        /* Cached: shown at once, nothing asked. */
        if (s && (cached = tr_cached(u->hub, s, m->body, um->from, to))) {
            um->state = UT_DONE;
            um->text = cached;
            um->note = xasprintf("[%s → %s, %s, cached · T shows the "
                                 "original]", um->from ? um->from : "auto",
                                 to, s->name);
        } else {
            um->state = UT_QUEUED;
            um->body = xstrdup(m->body);
            um->note = xasprintf("[translating into %s…]",
                                 tr_lang_name(to));
            ut_pump(u);
        }
    }
    *note = um->note;
    return um->state == UT_DONE ? um->text : NULL;
}

/* Show or hide translations; the banner line says what is on. */
static void
ut_set_on(struct ui *ui, int on)
{
    struct uitrans *u = ut_get(ui);
    struct tr_service *s;
    struct td_error err;

    if (u == NULL)
        return;
    td_error_clear(&err);
    if (on && (s = tr_hub_translator(u->hub, NULL, &err)) == NULL) {
        ui_error(ui, "translate: %s", err.msg);
        return;
    }
    u->on = on;
    thread_invalidate(ui);
    if (on)
        ui_message(ui, "conversation in %s (%s): T shows the originals",
                   tr_lang_name(config_str(ui->app->cfg, OPT_TRANSLATE_TO)),
                   s->name);
    else
        ui_message(ui, "conversation as written");
}

void
uitrans_act_toggle(struct ui *ui)
{
    struct uitrans *u = ut_get(ui);

    ut_set_on(ui, u ? !u->on : 0);
}

void
uitrans_cmd_translate(struct ui *ui, int argc, char **argv)
{
    struct uitrans *u = ut_get(ui);

    if (argc < 2 || strcmp(argv[1], "toggle") == 0)
        ut_set_on(ui, u ? !u->on : 0);
    else if (strcmp(argv[1], "on") == 0)
        ut_set_on(ui, 1);
    else if (strcmp(argv[1], "off") == 0)
        ut_set_on(ui, 0);
    else
        ui_error(ui, "usage: translate [on|off|toggle]");
}

/* ---- the draft ---- */

static int
ut_draft_here(struct uitrans *u, int64_t tid, const char *text)
{
    return u && tid != 0 && u->draft.ticket_id == tid && text && *text &&
           (u->draft.pending || u->draft.other || u->draft.error);
}

/* The draft changed since it was translated (the original is in the
 * editor, edited): the preview no longer says the same thing. */
static int
ut_draft_stale(struct uitrans *u, const char *text)
{
    return !u->draft.translated_in_editor && u->draft.placed &&
           strcmp(u->draft.placed, text) != 0;
}

static void
ut_draft_done(void *ctx, const struct tr_result *r)
{
    struct ut_ctx *c = ctx;
    struct uitrans *u = c->u;
    struct ut_draft *d = &u->draft;
    int ours = d->gen == c->gen && d->ticket_id == c->ticket_id;

    free(c);
    if (!ours)
        return;
    d->pending = 0;
    if (r->status != TD_OK) {
        d->error = xstrdup(r->error);
        ui_error(u->ui, "draft not translated: %s", r->error);
        return;
    }
    d->other = xstrdup(r->text);
    ui_message(u->ui, "%s translation under the draft: M-o puts it in the "
               "editor, C-s then sends it", tr_lang_name(d->other_lang));
}

static void
ut_translate_draft(struct ui *ui, const char *lang)
{
    struct uitrans *u = ut_get(ui);
    const char *mine = config_str(ui->app->cfg, OPT_TRANSLATE_TO);
    struct ticket *t = NULL;
    struct tr_service *s;
    struct td_error err;
    struct ut_ctx *c;
    const char *text, *to, *from;
    int64_t tid = 0;

    text = editor_text(ui, &tid);
    if (u == NULL || tid == 0) {
        ui_error(ui, "open a ticket and write a reply first (r)");
        return;
    }
    if (text[strspn(text, " \t\r\n")] == '\0') {
        ui_error(ui, "nothing to translate: write the reply first");
        return;
    }
    td_error_clear(&err);
    if ((s = tr_hub_translator(u->hub, NULL, &err)) == NULL) {
        ui_error(ui, "translate: %s", err.msg);
        return;
    }
    if (store_ticket_get(ui->app->store, tid, &t, &err) != TD_OK) {
        ui_error(ui, "ticket: %s", err.msg);
        return;
    }
    to = lang && *lang ? lang : t->language;
    if (to == NULL) {
        ui_error(ui, "the buyer's language is unknown: :translate-draft "
                 "LANG");
        ticket_free(&t);
        return;
    }
    /* What the editor holds is what is translated: normally the agent's
     * own language; after M-o and edits, whatever it was swapped to. */
    from = u->draft.ticket_id == tid && u->draft.editor_lang
           ? u->draft.editor_lang : mine;
    ut_draft_reset(&u->draft);
    u->draft.ticket_id = tid;
    u->draft.pending = 1;
    u->draft.editor_lang = xstrdup(from);
    u->draft.other_lang = xstrdup(to);
    u->draft.placed = xstrdup(text);
    u->draft.service = xstrdup(s->name);
    c = xcalloc(1, sizeof *c);
    c->u = u;
    c->ticket_id = tid;
    c->gen = u->draft.gen;
    if (tr_translate(u->hub, s, text, from, to, ut_draft_done, c, &err) !=
        TD_OK) {
        free(c);
        ut_draft_reset(&u->draft);
        ui_error(ui, "translate: %s", err.msg);
    } else {
        ui_message(ui, "translating the draft into %s with %s...",
                   tr_lang_name(to), s->name);
    }
    ticket_free(&t);
}

void
uitrans_act_translate_draft(struct ui *ui)
{
    ut_translate_draft(ui, NULL);
}

void
uitrans_cmd_translate_draft(struct ui *ui, int argc, char **argv)
{
    char lang[16];

    if (argc > 1 && tr_lang_norm(argv[1], lang, sizeof lang) != 0) {
        ui_error(ui, "translate-draft: '%s' is not a language code (es, "
                 "pt-BR)", argv[1]);
        return;
    }
    ut_translate_draft(ui, argc > 1 ? lang : NULL);
}

void
uitrans_act_swap_draft(struct ui *ui)
{
    struct uitrans *u = ut_get(ui);
    int64_t tid = 0;
    const char *text = editor_text(ui, &tid);
    char *cur, *lang;

    if (!ut_draft_here(u, tid, text) || u->draft.other == NULL) {
        ui_error(ui, "no translation to swap in: M-t translates the draft");
        return;
    }
    if (ut_draft_stale(u, text)) {
        ui_error(ui, "the draft changed since it was translated: M-t "
                 "translates it again");
        return;
    }
    /* The editor's text (maybe edited) goes to the preview, unchanged. */
    cur = xstrdup(text);
    editor_replace_text(ui, u->draft.other);
    free(u->draft.other);
    u->draft.other = cur;
    lang = u->draft.other_lang;
    u->draft.other_lang = u->draft.editor_lang;
    u->draft.editor_lang = lang;
    u->draft.translated_in_editor = !u->draft.translated_in_editor;
    free(u->draft.placed);
    u->draft.placed = xstrdup(editor_text(ui, &tid));
    ui_message(ui, "the editor holds the %s version%s: C-s sends it, M-o "
               "swaps back", tr_lang_name(u->draft.editor_lang),
               u->draft.translated_in_editor ? " (machine translated)" : "");
}

int
uitrans_preview_rows(struct ui *ui, struct pane *p)
{
    struct uitrans *u = ut_get(ui);
    int64_t tid = 0;
    const char *text = editor_text(ui, &tid);
    int rows = (p->rows - 2) / 2;

    /* Sent or cleared: what was under review is over. */
    if (u && tid != 0 && u->draft.ticket_id == tid && *text == '\0' &&
        !u->draft.pending)
        ut_draft_reset(&u->draft);
    if (!ut_draft_here(u, tid, text) || p->rows < 7)
        return 0;
    return rows < 3 ? 3 : rows;
}

void
uitrans_draw_preview(struct ui *ui, struct pane *p, int y, int rows)
{
    struct uitrans *u = ut_get(ui);
    struct ut_draft *d = &u->draft;
    int64_t tid = 0;
    const char *text = editor_text(ui, &tid);
    struct tlines lines = { 0 };
    char head[256];

    if (d->pending)
        snprintf(head, sizeof head, "── translating into %s with %s… ",
                 tr_lang_name(d->other_lang), d->service);
    else if (d->error)
        snprintf(head, sizeof head, "── not translated: %s ", d->error);
    else if (ut_draft_stale(u, text))
        snprintf(head, sizeof head, "── %s translation of an older draft: "
                 "M-t again ", tr_lang_name(d->other_lang));
    else if (d->translated_in_editor)
        snprintf(head, sizeof head, "── your %s original (M-o swaps back) ",
                 tr_lang_name(d->other_lang));
    else
        snprintf(head, sizeof head, "── %s translation by %s (M-o puts it "
                 "in the editor) ", tr_lang_name(d->other_lang), d->service);
    screen_put(ui, p->win, y, 0, p->cols, head, OBJ_TITLE, 1);
    if (d->other)
        tlines_add_wrapped(&lines, OBJ_THREAD_BODY, "", d->other, p->cols);
    for (int r = 1; r < rows; r++) {
        size_t i = (size_t)(r - 1);

        screen_put(ui, p->win, y + r, 0, p->cols,
                   i < lines.n ? lines.v[i].text : "",
                   i < lines.n ? (enum theme_obj)lines.v[i].obj
                   : OBJ_DEFAULT, 1);
    }
    tlines_clear(&lines);
}

const char *
uitrans_send_note(struct ui *ui)
{
    struct uitrans *u = ut_get(ui);
    int64_t tid = 0;
    const char *text = editor_text(ui, &tid);

    if (!ut_draft_here(u, tid, text) || u->draft.editor_lang == NULL)
        return "";
    if (u->draft.translated_in_editor)
        snprintf(u->line, sizeof u->line, " in %s (machine translated)",
                 tr_lang_name(u->draft.editor_lang));
    else if (u->draft.other)
        snprintf(u->line, sizeof u->line, " in %s, untranslated (M-o "
                 "swaps in the %s)", tr_lang_name(u->draft.editor_lang),
                 tr_lang_name(u->draft.other_lang));
    else
        return "";
    return u->line;
}

/* ---- draft generation ---- */

static void
ut_gen_done(void *ctx, const struct tr_result *r)
{
    struct ut_ctx *c = ctx;
    struct uitrans *u = c->u;
    struct ui *ui = u->ui;
    int64_t tid = 0, want = c->ticket_id;
    int ours = u->draft_gen == c->gen && u->drafting == c->ticket_id;

    free(c);
    if (!ours)
        return;
    u->drafting = 0;
    if (r->status != TD_OK) {
        ui_error(ui, "no draft: %s", r->error);
        return;
    }
    (void)editor_text(ui, &tid);
    if (tid != want) {
        ui_error(ui, "the draft from %s came after you left the ticket: M-g "
                 "asks again", r->service);
        return;
    }
    /* Into the editor for review, one undo step: never sent from here. */
    editor_replace_text(ui, r->text);
    ut_draft_reset(&u->draft);
    ui_message(ui, "draft from %s: read it before sending (C-z puts back "
               "what you had)", r->service);
}

/* The template's body in the buyer's language, or NULL (err set). */
static char *
ut_template_body(struct ui *ui, const char *name, const char *lang,
                 struct td_error *err)
{
    struct tpl_library lib = { 0 };
    const struct template *t;
    struct buf why;
    char *body = NULL;

    tpl_library_load(&lib, ui->app->share_dir);
    if ((t = tpl_library_find(&lib, name)) == NULL) {
        td_error_set(err, TD_ENOTFOUND, "no template '%s'", name);
    } else {
        buf_init(&why, 0);
        body = xstrdup(t->variants[template_pick(t, lang, NULL,
            config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE), &why)].body);
        buf_free(&why);
    }
    tpl_library_free(&lib);
    return body;
}

static void
ut_generate(struct ui *ui, const char *tpl)
{
    struct uitrans *u = ut_get(ui);
    struct draft_input in = { 0 };
    struct order *orders = NULL;
    struct shipment *ships = NULL;
    size_t n_orders = 0, n_ships = 0;
    struct ticket *t = NULL;
    struct tr_service *d;
    struct buf sys, user;
    struct td_error err;
    struct ut_ctx *c;
    char *body = NULL;
    int64_t tid = 0;
    const char *text;

    if (u == NULL)
        return;
    td_error_clear(&err);
    if ((d = tr_hub_drafter(u->hub, NULL, &err)) == NULL) {
        ui_error(ui, "draft: %s", err.msg);
        return;
    }
    if (ui->ticket_id == 0) {
        ui_error(ui, "open a ticket first (Enter on the inbox)");
        return;
    }
    editor_begin(ui, 0);
    text = editor_text(ui, &tid);
    if (tid == 0 || store_ticket_get(ui->app->store, tid, &t, &err) !=
        TD_OK) {
        ui_error(ui, "draft: %s", tid ? err.msg : "no ticket");
        return;
    }
    in.t = t;
    in.lang = t->language ? t->language
              : config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE);
    in.agent = editor_author(ui);
    in.start = text;
    if (tpl && (body = ut_template_body(ui, tpl, in.lang, &err)) == NULL) {
        ui_error(ui, "draft: %s", err.msg);
        ticket_free(&t);
        return;
    }
    in.template_body = body;
    if (store_orders_for_ticket(ui->app->store, tid, &orders, &n_orders,
                                &err) == TD_OK && n_orders > 0) {
        in.order = &orders[0];
        if (store_shipments_for_order(ui->app->store, orders[0].id, &ships,
                                      &n_ships, &err) == TD_OK && n_ships)
            in.shipment = &ships[0];
    }
    buf_init(&sys, 0);
    buf_init(&user, TR_TEXT_MAX);
    draftprompt_build(&in, &sys, &user);
    c = xcalloc(1, sizeof *c);
    c->u = u;
    c->ticket_id = tid;
    c->gen = ++u->draft_gen;
    if (tr_draft(u->hub, d, buf_str(&sys), buf_str(&user), ut_gen_done, c,
                 &err) != TD_OK) {
        free(c);
        ui_error(ui, "draft: %s", err.msg);
    } else {
        u->drafting = tid;
        ui_message(ui, "asking %s for a draft in %s...", d->name,
                   tr_lang_name(in.lang));
    }
    buf_free(&sys);
    buf_free(&user);
    free(body);
    shipments_free(&ships, n_ships);
    orders_free(&orders, n_orders);
    ticket_free(&t);
}

void
uitrans_act_generate_draft(struct ui *ui)
{
    ut_generate(ui, NULL);
}

void
uitrans_cmd_draft(struct ui *ui, int argc, char **argv)
{
    ut_generate(ui, argc > 1 ? argv[1] : NULL);
}
