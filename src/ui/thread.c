/* thread.c: the conversation: header, messages by kind, outbox state. */
#include "ui/thread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "core/model.h"
#include "store/store.h"
#include "ui/clocks.h"
#include "ui/screen.h"
#include "ui/tlines.h"
#include "ui/uitrans.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* Quoted runs at least this long are folded to one line. */
#define THREAD_FOLD_MIN 3

struct thread {
    struct ticket *t;
    struct outbox_item *pending;    /* this ticket's unsent outbox items */
    size_t n_pending;
    struct tlines lines;
    int built_cols;                 /* width lines was built for; 0 = stale */
    int top;
    int at_end;                     /* scroll to the end after building */
    int unfold;                     /* show quoted history in full */
};

static struct thread *
thread_get(struct ui *ui)
{
    return ui_priv(ui, PANE_THREAD);
}

static void
thread_add_body(struct thread *th, const char *body, int obj, int cols)
{
    const char *p = body ? body : "";
    struct buf para;

    buf_init(&para, 0);
    /* Walk the lines, folding runs of quoted ones ("> ..."). */
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        if (*p == '>' && !th->unfold) {
            const char *q = p;
            size_t run = 0;

            while (*q == '>') {
                const char *e = strchr(q, '\n');

                run++;
                q = e ? e + 1 : q + strlen(q);
            }
            if (run >= THREAD_FOLD_MIN) {
                char note[96];

                snprintf(note, sizeof note, "  [%zu quoted lines folded: "
                         "z shows them]", run);
                tlines_add(&th->lines, OBJ_THREAD_QUOTE, note);
                p = q;
                continue;
            }
        }
        buf_reset(&para);
        buf_add(&para, p, n);
        tlines_add_wrapped(&th->lines, *p == '>' ? OBJ_THREAD_QUOTE : obj,
                           "  ", buf_str(&para), cols);
        p += n;
        if (*p == '\n')
            p++;
    }
    buf_free(&para);
}

static void
thread_build(struct ui *ui, struct thread *th, int cols)
{
    const struct ticket *t = th->t;
    const char *agent_tz = config_str(ui->app->cfg, OPT_TIMEZONE);
    char line[512], when[64], local[64];
    struct buf b;

    tlines_clear(&th->lines);
    th->built_cols = cols;
    if (t == NULL) {
        tlines_add(&th->lines, OBJ_THREAD_META,
                   "  No ticket open: Enter on the inbox opens one.");
        return;
    }
    buf_init(&b, 0);
    tlines_add_wrapped(&th->lines, OBJ_THREAD_SUBJECT, "",
                       t->subject ? t->subject : "(no subject)", cols);
    snprintf(line, sizeof line, "#%s · %s · %s · %s · %s · %s",
             t->external_id ? t->external_id : "?",
             ticket_status_name(t->status),
             ticket_priority_name(t->priority), channel_name(t->channel),
             t->language ? t->language : "-",
             t->account ? t->account : "-");
    tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", line, cols);
    /* What the assist read (store/classify.c), once it has. */
    if (t->intent) {
        buf_printf(&b, "Intent: %s %.0f%% · language %s %.0f%%", t->intent,
                   t->intent_conf * 100, t->language ? t->language : "?",
                   t->language_conf * 100);
        if (t->backend_language && (t->language == NULL ||
                                    strcmp(t->backend_language,
                                           t->language) != 0))
            buf_printf(&b, " (helpdesk: %s)", t->backend_language);
        tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", buf_str(&b),
                           cols);
        buf_reset(&b);
    }
    buf_printf(&b, "From: %s <%s>", t->requester.name ? t->requester.name
               : "?", t->requester.email ? t->requester.email : "");
    if (t->requester.country)
        buf_printf(&b, " · %s", t->requester.country);
    if (t->requester.timezone)
        buf_printf(&b, " · %s", t->requester.timezone);
    buf_printf(&b, " · assignee: %s", t->assignee ? t->assignee : "none");
    tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", buf_str(&b), cols);
    buf_reset(&b);
    if (clocks_header(ui, t, time_now(), &b))
        tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", buf_str(&b),
                           cols);
    if (t->n_tags > 0) {
        buf_reset(&b);
        buf_adds(&b, "Tags:");
        for (size_t i = 0; i < t->n_tags; i++)
            buf_printf(&b, " %s", t->tags[i]);
        tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", buf_str(&b),
                           cols);
    }
    for (size_t i = 0; i < t->n_messages; i++) {
        const struct message *m = &t->messages[i];
        int obj = !m->is_public ? OBJ_THREAD_NOTE
                  : m->author == AK_CUSTOMER ? OBJ_THREAD_BUYER
                  : m->author == AK_AGENT ? OBJ_THREAD_AGENT
                  : OBJ_THREAD_SYSTEM;
        const char *shown, *note;
        const char *kind = !m->is_public ? "internal note"
                           : m->author == AK_CUSTOMER ? "buyer"
                           : m->author == AK_AGENT ? "agent" : "system";

        tlines_add(&th->lines, OBJ_DEFAULT, "");
        clocks_format(ui, agent_tz, m->created_at, "%Y-%m-%d %H:%M %Z", when,
                    sizeof when);
        clocks_format(ui, t->requester.timezone, m->created_at, "%H:%M %Z",
                      local, sizeof local);
        buf_reset(&b);
        buf_printf(&b, "%s %s [%s] %s", !m->is_public ? "▒" : "●",
                   m->author_name ? m->author_name : "?", kind, when);
        if (m->author == AK_CUSTOMER && t->requester.timezone)
            buf_printf(&b, " (buyer's time %s)", local);
        tlines_add_wrapped(&th->lines, obj, "", buf_str(&b), cols);
        /* With translations on, the body in the agent's language and a
         * line saying so; the original stays a key (T) away. */
        shown = uitrans_message(ui, t, m, &note);
        if (note)
            tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "  ", note,
                               cols);
        thread_add_body(th, shown ? shown : m->body, !m->is_public
                        ? OBJ_THREAD_NOTE : OBJ_THREAD_BODY, cols);
        for (size_t k = 0; k < m->n_attachments; k++) {
            buf_reset(&b);
            buf_printf(&b, "  [attachment] %s (%lld bytes)",
                       m->attachments[k].name ? m->attachments[k].name : "?",
                       (long long)m->attachments[k].size);
            tlines_add_wrapped(&th->lines, OBJ_THREAD_META, "", buf_str(&b),
                               cols);
        }
    }
    for (size_t i = 0; i < th->n_pending; i++) {
        const struct outbox_item *it = &th->pending[i];

        tlines_add(&th->lines, OBJ_DEFAULT, "");
        buf_reset(&b);
        buf_printf(&b, "%s you [%s, outbox: %s]", it->is_note ? "▒" : "●",
                   it->is_note ? "internal note" : "reply",
                   outbox_state_name(it->state));
        if (it->set_status)
            buf_printf(&b, " then %s", it->set_status);
        if (it->state == OB_QUEUED && it->send_at > time_now()) {
            enum buyer_zone_src src;
            const struct tz *z = clocks_buyer_zone(ui, t, &src);

            clocks_format(ui, agent_tz, it->send_at, "%a %H:%M %Z", when,
                          sizeof when);
            buf_printf(&b, ", goes %s", when);
            if (z) {
                tz_format(z, it->send_at, "%H:%M", local, sizeof local);
                buf_printf(&b, " (%s%s buyer's time)",
                           src == BZ_GUESS ? "~" : "", local);
            }
        }
        if (it->error)
            buf_printf(&b, ": %s", it->error);
        tlines_add_wrapped(&th->lines, OBJ_THREAD_PENDING, "", buf_str(&b),
                           cols);
        thread_add_body(th, it->body, OBJ_THREAD_BODY, cols);
    }
    buf_free(&b);
}

/* How long a sent item waits in the thread for the sync that brings it
 * back as a message (a backend that never echoes it does not leave it
 * there for good). */
#define THREAD_SENT_SHOWN 120

/* A sent item that the thread does not hold yet: shown as "sent" until
 * the background sync after the send brings the message. */
static int
thread_sent_unseen(const struct ticket *t, const struct outbox_item *it)
{
    if (it->remote_id == NULL ||
        time_now() - it->updated_at > THREAD_SENT_SHOWN)
        return 0;
    for (size_t i = 0; i < t->n_messages; i++)
        if (t->messages[i].external_id &&
            strcmp(t->messages[i].external_id, it->remote_id) == 0)
            return 0;
    return 1;
}

void
thread_load(struct ui *ui, int64_t id, int at_end)
{
    struct thread *th = thread_get(ui);
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0;

    ticket_free(&th->t);
    outbox_items_free(&th->pending, th->n_pending);
    th->pending = NULL;
    th->n_pending = 0;
    th->built_cols = 0;
    th->top = 0;
    th->at_end = at_end;
    if (id == 0)
        return;
    td_error_clear(&err);
    if (store_ticket_get(ui->app->store, id, &th->t, &err) != TD_OK) {
        ui_error(ui, "ticket %lld: %s", (long long)id, err.msg);
        return;
    }
    if (store_outbox_list(ui->app->store, -1, &items, &n, &err) == TD_OK) {
        /* Keep what this ticket still has in flight; sent items are in
         * the thread as messages by now. */
        for (size_t i = 0; i < n; i++) {
            if (items[i].ticket_id != id ||
                (items[i].state == OB_SENT &&
                 !thread_sent_unseen(th->t, &items[i])))
                continue;
            th->pending = xreallocarray(th->pending, th->n_pending + 1,
                                        sizeof *th->pending);
            th->pending[th->n_pending++] = items[i];
            memset(&items[i], 0, sizeof items[i]);
        }
        outbox_items_free(&items, n);
    }
}

static int
thread_body_rows(struct pane *p)
{
    return p->rows > 1 ? p->rows - 1 : 1;
}

static void
thread_clamp(struct thread *th, struct pane *p)
{
    int max = (int)th->lines.n - thread_body_rows(p);

    if (th->top > max)
        th->top = max;
    if (th->top < 0)
        th->top = 0;
}

static void
thread_draw(struct ui *ui, struct pane *p)
{
    struct thread *th = p->priv;
    int h = thread_body_rows(p);
    char left[128], right[64];

    if (th->built_cols != p->cols || th->lines.pii != screen_pii(ui)) {
        th->lines.pii = screen_pii(ui);
        thread_build(ui, th, p->cols);
        if (th->at_end)
            th->top = (int)th->lines.n;
    }
    thread_clamp(th, p);
    snprintf(left, sizeof left, " Conversation%s%s", th->t ? " #" : "",
             th->t && th->t->external_id ? th->t->external_id : "");
    snprintf(right, sizeof right, "%zu msg%s ",
             th->t ? th->t->n_messages : 0,
             th->n_pending ? " +outbox" : "");
    screen_title(ui, p, left, right);
    for (int r = 0; r < h; r++) {
        size_t i = (size_t)(th->top + r);

        if (i < th->lines.n)
            screen_put(ui, p->win, r + 1, 0, p->cols, th->lines.v[i].text,
                       (enum theme_obj)th->lines.v[i].obj, 1);
        else
            screen_put(ui, p->win, r + 1, 0, p->cols, "", OBJ_DEFAULT, 1);
    }
}

static void
thread_move(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct thread *th = p->priv;
    int h = thread_body_rows(p);

    (void)ui;
    switch (how) {
    case MOVE_LINE:
        th->top += n;
        break;
    case MOVE_PAGE:
        th->top += n * (h > 2 ? h - 1 : 1);
        break;
    case MOVE_HALF:
        th->top += n * (h / 2 > 0 ? h / 2 : 1);
        break;
    case MOVE_TOP:
        th->top = 0;
        break;
    case MOVE_BOTTOM:
        th->top = (int)th->lines.n;
        break;
    }
    thread_clamp(th, p);
}

static void
thread_init(struct ui *ui, struct pane *p)
{
    (void)ui;
    (void)p;
}

static void
thread_fini(struct ui *ui, struct pane *p)
{
    struct thread *th = p->priv;

    (void)ui;
    ticket_free(&th->t);
    outbox_items_free(&th->pending, th->n_pending);
    tlines_clear(&th->lines);
}

const struct pane_ops thread_ops = {
    .name = "thread",
    .priv_size = sizeof(struct thread),
    .init = thread_init,
    .fini = thread_fini,
    .draw = thread_draw,
    .step = thread_move,
    .input = NULL,
};

void
thread_invalidate(struct ui *ui)
{
    thread_get(ui)->built_cols = 0;
}

void
thread_restale(struct ui *ui)
{
    thread_invalidate(ui);
}

void
thread_act_fold_toggle(struct ui *ui)
{
    struct thread *th = thread_get(ui);

    th->unfold = !th->unfold;
    th->built_cols = 0;
    ui_message(ui, "quoted history %s", th->unfold ? "shown" : "folded");
}
