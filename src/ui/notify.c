/* notify.c: match store events against the notify rules and deliver them. */
#include "ui/notify.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "config/views.h"
#include "core/pii.h"
#include "core/query.h"
#include "store/events.h"
#include "store/store.h"
#include "ui/editor.h"
#include "ui/inbox.h"
#include "ui/notify_out.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Older tickets and messages are what a first sync of an account brings
 * in, not news. */
#define NOTIFY_STALE (24 * 3600)
/* A desktop without a notification server is asked again after this. */
#define NOTIFY_DESKTOP_RETRY 300
/* Hooks that have not ended yet; more are refused, not queued. */
#define NOTIFY_KIDS 8

struct notify {
    struct store_marks marks;
    int have_marks;
    struct notify_window all;
    struct notify_window *rule_win;     /* one per rule, by index */
    size_t n_rule_win;
    struct notify_seen seen;
    pid_t kids[NOTIFY_KIDS];
    size_t n_kids;
    time_t desktop_retry;
    size_t sent;
    char *last_warning;                 /* said once, not every minute */
};

struct notify *
notify_new(void)
{
    return xcalloc(1, sizeof(struct notify));
}

void
notify_free(struct notify **p)
{
    if (*p == NULL)
        return;
    free((*p)->rule_win);
    free((*p)->last_warning);
    free(*p);
    *p = NULL;
}

size_t
notify_count(struct ui *ui)
{
    return ui->notify ? ui->notify->sent : 0;
}

static void
notify_reap(struct notify *nt)
{
    size_t keep = 0;

    for (size_t i = 0; i < nt->n_kids; i++) {
        if (waitpid(nt->kids[i], NULL, WNOHANG) == 0)
            nt->kids[keep++] = nt->kids[i];
    }
    nt->n_kids = keep;
}

/* A problem with the rules or a channel: on the message line once per
 * distinct text, so a broken hook does not flash every minute. */
static void
notify_warn(struct ui *ui, const char *msg)
{
    struct notify *nt = ui->notify;

    if (nt->last_warning && strcmp(nt->last_warning, msg) == 0)
        return;
    free(nt->last_warning);
    nt->last_warning = xstrdup(msg);
    ui_error(ui, "notify: %s", msg);
}

/* The channels a rule's via names, with auto (the rule's default, and
 * notify_via's) made concrete for this moment. */
static unsigned
notify_resolve_via(struct ui *ui, unsigned via, time_t now)
{
    const char *cmd = config_str(ui->app->cfg, OPT_NOTIFY_CMD);
    unsigned v = via;

    if (v == NOTIFY_VIA_AUTO &&
        notify_via_parse(config_str(ui->app->cfg, OPT_NOTIFY_VIA), &v,
                         NULL) != 0)
        v = NOTIFY_VIA_AUTO;
    if (v & NOTIFY_VIA_AUTO) {
        v &= ~(unsigned)NOTIFY_VIA_AUTO;
        if (notify_out_have_bus() && now >= ui->notify->desktop_retry)
            v |= NOTIFY_VIA_DESKTOP;
        else
            v |= NOTIFY_VIA_OSC9 | NOTIFY_VIA_BELL;
        if (cmd && *cmd)
            v |= NOTIFY_VIA_CMD;
    }
    return v;
}

unsigned
notify_deliver(struct ui *ui, const struct notify_ev *ev, unsigned via,
               int urgency, struct td_error *err)
{
    struct notify *nt = ui->notify;
    const char *cmd = config_str(ui->app->cfg, OPT_NOTIFY_CMD);
    const char *tmux = getenv("TMUX");
    time_t now = time(NULL);
    int was_auto = (via & NOTIFY_VIA_AUTO) != 0;
    struct notify_msg m = { .ev = ev, .urgency = urgency }, shown;
    unsigned ok = 0, term;
    struct td_error e;
    char *summary = notify_summary(ev), *body = notify_body(ev);
    char *msum = NULL, *mbody = NULL;

    td_error_clear(err);
    m.summary = summary;
    m.body = body;
    /* A pop-up is on the screen being shared too: the PII mask covers
     * the desktop and the terminal; the hook, a program, gets it all. */
    shown = m;
    if (screen_pii(ui)) {
        shown.summary = msum = pii_mask(summary);
        shown.body = mbody = pii_mask(body);
    }
    via = notify_resolve_via(ui, via, now);
    if (via & NOTIFY_VIA_DESKTOP) {
        if (notify_out_desktop(&shown, &e) == TD_OK) {
            ok |= NOTIFY_VIA_DESKTOP;
        } else {
            td_error_set(err, e.status, "%s", e.msg);
            /* auto falls back to the terminal, and leaves the desktop
             * alone for a while: over SSH a bus often has no server. */
            if (was_auto) {
                nt->desktop_retry = now + NOTIFY_DESKTOP_RETRY;
                via |= NOTIFY_VIA_OSC9 | NOTIFY_VIA_BELL;
            }
        }
    }
    term = via & (NOTIFY_VIA_OSC9 | NOTIFY_VIA_OSC777 | NOTIFY_VIA_BELL);
    if (term) {
        if (notify_out_terminal(ui->term_out, term, &shown,
                                tmux != NULL && *tmux != '\0') >= 0)
            ok |= term;
        else
            td_error_set(err, TD_EIO, "cannot write to the terminal");
    }
    if (via & NOTIFY_VIA_CMD) {
        pid_t pid;

        notify_reap(nt);
        if (cmd == NULL || *cmd == '\0') {
            td_error_set(err, TD_EINVAL, "via=cmd but notify_cmd is not "
                         "set");
        } else if (nt->n_kids >= NOTIFY_KIDS) {
            td_error_set(err, TD_ERATE, "notify_cmd: %d still running",
                         NOTIFY_KIDS);
        } else if (notify_out_cmd(cmd, &m, &pid, &e) != TD_OK) {
            td_error_set(err, e.status, "%s", e.msg);
        } else {
            nt->kids[nt->n_kids++] = pid;
            ok |= NOTIFY_VIA_CMD;
        }
    }
    if (ok)
        nt->sent++;
    free(summary);
    free(body);
    free(msum);
    free(mbody);
    return ok;
}

/* Whether ticket id is in the view now: its query and id:ID. */
static int
notify_in_view(struct ui *ui, const char *view, int64_t id)
{
    const char *me = config_str(ui->app->cfg, OPT_AGENT_NAME);
    struct query q = { 0 };
    struct td_error err;
    int64_t count = 0;
    struct buf vq;
    char *text;

    buf_init(&vq, 0);
    if (config_view_query(ui->app->cfg, view, &vq) != 0) {
        char *msg = xasprintf("view=%s: no such view", view);

        notify_warn(ui, msg);
        free(msg);
        buf_free(&vq);
        return 0;
    }
    text = xasprintf("%s id:%lld", buf_str(&vq), (long long)id);
    buf_free(&vq);
    if (query_parse(text, &q, &err) == TD_OK) {
        q.me = *me ? me : NULL;
        if (store_inbox_count(ui->app->store, &q, &count, &err) != TD_OK)
            count = 0;
    }
    query_clear(&q);
    free(text);
    return count > 0;
}

static void
notify_event(struct ui *ui, const struct store_event *se, time_t now)
{
    struct notify *nt = ui->notify;
    const struct config *cfg = ui->app->cfg;
    const char *me = config_str(cfg, OPT_AGENT_NAME);
    struct notify_rate all_rate = { 0 };
    struct notify_ev ev = {
        .event = se->event,
        .ticket_id = se->ticket_id,
        .account = se->account,
        .external_id = se->external_id,
        .subject = se->subject,
        .requester = se->requester,
        .assignee = se->assignee,
        .snippet = se->snippet,
        .due = se->due,
        .outbox_id = se->outbox_id,
    };
    struct td_error err;

    /* The agent is writing in this ticket: it is in front of them. */
    if (editor_is_typing(ui, se->ticket_id))
        return;
    (void)notify_rate_parse(config_str(cfg, OPT_NOTIFY_RATE), &all_rate);
    for (size_t i = 0; i < cfg->n_notify; i++) {
        const struct notify_rule *r = &cfg->notify[i];
        int64_t extra = se->event == NE_SLA_DUE ? (int64_t)se->due
                        : (int64_t)se->changed;

        if (!notify_rule_matches(r, &ev, me, now))
            continue;
        if (r->view && !notify_in_view(ui, r->view, se->ticket_id))
            continue;
        /* Rescans see the same due time and outbox state again. */
        if ((se->event == NE_SLA_DUE || se->outbox_id) &&
            notify_seen_check(&nt->seen,
                              notify_key(se->event, se->event == NE_SLA_DUE
                                         ? se->ticket_id : se->outbox_id,
                                         extra * 64 + (int64_t)i)))
            return;
        if (!notify_window_take(&nt->rule_win[i], &r->rate, now) ||
            !notify_window_take(&nt->all, &all_rate, now))
            return;
        if (notify_deliver(ui, &ev, r->via, r->urgency, &err) == 0 ||
            err.status != TD_OK)
            notify_warn(ui, err.msg);
        return;     /* one notification per event, by the first rule */
    }
}

void
notify_check(struct ui *ui)
{
    struct notify *nt = ui->notify;
    const struct config *cfg = ui->app->cfg;
    struct store_event *ev = NULL;
    struct td_error err;
    time_t now = time(NULL);
    int64_t within = 0;
    size_t n = 0;

    /* -e and --batch are scripts: their syncs pop nothing up. */
    if (nt == NULL || ui->batch)
        return;
    notify_reap(nt);
    if (cfg->n_notify == 0) {
        /* Rules added later (:notify ...) start from then. */
        nt->have_marks = 0;
        return;
    }
    if (!nt->have_marks) {
        if (store_events_marks(ui->app->store, now, &nt->marks, &err) ==
            TD_OK)
            nt->have_marks = 1;
        return;
    }
    if (nt->n_rule_win != cfg->n_notify) {
        free(nt->rule_win);
        nt->rule_win = xcalloc(cfg->n_notify, sizeof *nt->rule_win);
        nt->n_rule_win = cfg->n_notify;
    }
    for (size_t i = 0; i < cfg->n_notify; i++) {
        if (cfg->notify[i].event == NE_SLA_DUE &&
            cfg->notify[i].within > within)
            within = cfg->notify[i].within;
    }
    td_error_clear(&err);
    if (store_events_since(ui->app->store, &nt->marks, now,
                           now - NOTIFY_STALE, within, &ev, &n, &err) !=
        TD_OK) {
        notify_warn(ui, err.msg);
        return;
    }
    for (size_t i = 0; i < n; i++)
        notify_event(ui, &ev[i], now);
    store_events_free(&ev, n);
}
