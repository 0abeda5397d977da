/* netsync.c: network accounts in the console's poll loop: background
 * syncs, their progress and state, and sends that do not block. */
#include "ui/netsync.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "drivers/driver.h"
#include "drivers/outbox.h"
#include "net/http.h"
#include "store/store.h"
#include "ui/editor.h"
#include "ui/inbox.h"
#include "ui/screen.h"
#include "ui/thread.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The inbox is reloaded at most this often while a sync feeds it: a
 * query per ticket would make a first sync of thousands crawl. */
#define NETSYNC_RELOAD_MS 500

/* One network account as the console sees it. */
struct netsync_acct {
    struct ui *ui;
    struct account *a;
    time_t next_at;             /* when the next background sync is due */
    long interval;              /* seconds between them */
    int running;
    int again;                  /* :sync while running: once more after */
    size_t done;                /* progress of the running sync */
    size_t total;
    char *error;                /* why the last sync failed, NULL if not */
};

/* A send that waits for the running sync to end. */
struct netsync_wait {
    int64_t item_id;
    char *ok_msg;
};

/* Syncs and sends take turns. A sync holds a store transaction from the
 * first ticket of a page to its end, across many requests (driver.c's
 * sink), and everything else written meanwhile joins it: a second sync
 * would fail to begin its own, and an outbox state written there would
 * be undone with a failed page, letting a sent reply go out twice. So
 * one sync runs at a time, never beside a send, and sends go first. */
struct netsync {
    struct netsync_acct *v;
    size_t n;
    struct timespec reloaded;   /* when progress last reloaded the inbox */
    int flushing;               /* sends in flight */
    struct netsync_wait *waiting;
    size_t n_waiting;
};

/* A send in flight: what to say when it ends. */
struct netsync_send {
    struct ui *ui;
    char *ok_msg;
};

/* "90", "90s", "5m", "2h", "1d": seconds; -1 if malformed. The rc file's
 * own durations are parsed by the config; an account key is a string. */
static long
netsync_parse_duration(const char *s)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || v <= 0)
        return -1;
    switch (*end) {
    case '\0':
    case 's':
        break;
    case 'm':
        v *= 60;
        break;
    case 'h':
        v *= 3600;
        break;
    case 'd':
        v *= 86400;
        break;
    default:
        return -1;
    }
    return end[0] && end[1] ? -1 : v;
}

/* The account's sync_interval= wins over the global option. */
static long
netsync_interval(struct ui *ui, const struct account *a)
{
    const char *v = drv_account_opt(a, "sync_interval");
    long s = v ? netsync_parse_duration(v) : -1;

    if (s < 0)
        s = (long)config_int(ui->app->cfg, OPT_SYNC_INTERVAL);
    return s > 0 ? s : 300;
}

static void netsync_due(struct ui *ui);
static void netsync_kick(struct ui *ui);

struct netsync *
netsync_new(struct ui *ui)
{
    struct netsync *ns;
    time_t now = time(NULL);

    if (ui->app->http == NULL)
        return NULL;
    ns = xcalloc(1, sizeof *ns);
    for (size_t i = 0; i < ui->app->n_accounts; i++) {
        struct account *a = ui->app->accounts[i];
        struct netsync_acct *na;

        if (!drv_account_is_net(a) || a->http == NULL)
            continue;
        ns->v = xreallocarray(ns->v, ns->n + 1, sizeof *ns->v);
        na = &ns->v[ns->n++];
        memset(na, 0, sizeof *na);
        na->ui = ui;
        na->a = a;
        na->interval = netsync_interval(ui, a);
        na->next_at = now;      /* the start-up sync */
    }
    /* Out before the first frame: the screen comes up at once and the
     * answers land as the loop polls. */
    ui->net = ns;
    netsync_due(ui);
    return ns;
}

void
netsync_free(struct netsync **p)
{
    struct netsync *ns = p ? *p : NULL;

    if (ns == NULL)
        return;
    for (size_t i = 0; i < ns->n; i++)
        free(ns->v[i].error);
    for (size_t i = 0; i < ns->n_waiting; i++)
        free(ns->waiting[i].ok_msg);
    free(ns->waiting);
    free(ns->v);
    free(ns);
    *p = NULL;
}

static struct netsync_acct *
netsync_find(struct ui *ui, const struct account *a)
{
    struct netsync *ns = ui->net;

    for (size_t i = 0; ns && i < ns->n; i++)
        if (ns->v[i].a == a)
            return &ns->v[i];
    return NULL;
}

/* What changed in the store shows, the selection kept. The open thread
 * is read again only when tickets came in: reloading it scrolls it back
 * to the top, which a quiet sync every few minutes must not do. */
static void
netsync_show(struct ui *ui, size_t n_tickets)
{
    inbox_reload(ui);
    if (ui->ticket_id && n_tickets)
        thread_load(ui, ui->ticket_id, 0);
    ui_refresh_counts(ui);
}

static void
netsync_progress(void *ctx, size_t done, size_t total)
{
    struct netsync_acct *na = ctx;
    struct netsync *ns = na->ui->net;
    struct timespec now;
    long ms;

    na->done = done;
    na->total = total;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (now.tv_sec - ns->reloaded.tv_sec) * 1000 +
         (now.tv_nsec - ns->reloaded.tv_nsec) / 1000000;
    if (ms >= NETSYNC_RELOAD_MS) {
        ns->reloaded = now;
        inbox_reload(na->ui);
    }
}

static void netsync_run(struct netsync_acct *na);

static void
netsync_done(void *ctx, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    struct netsync_acct *na = ctx;
    const char *why = err && *err->msg ? err->msg : "sync failed";

    (void)remote_id;
    na->running = 0;
    /* The reason goes to the message line once, not at every retry; the
     * status bar keeps saying offline. */
    if (rc != TD_OK && (na->error == NULL || strcmp(na->error, why) != 0))
        ui_error(na->ui, "%s: %s", na->a->name, why);
    free(na->error);
    na->error = rc == TD_OK ? NULL : xstrdup(why);
    na->next_at = time(NULL) + na->interval;
    netsync_show(na->ui, na->done);
    if (na->again) {
        na->again = 0;
        na->next_at = 0;
    }
    netsync_kick(na->ui);
}

static void
netsync_run(struct netsync_acct *na)
{
    struct td_error err;

    td_error_clear(&err);
    na->running = 1;
    na->done = na->total = 0;
    na->next_at = time(NULL) + na->interval;
    if (drv_sync_start(na->a, na->ui->app->store, netsync_progress, na,
                       netsync_done, na, &err) != TD_OK) {
        /* Not started: the account is offline and says why. */
        na->running = 0;
        if (na->error == NULL || strcmp(na->error, err.msg) != 0)
            ui_error(na->ui, "%s: %s", na->a->name, err.msg);
        free(na->error);
        na->error = xstrdup(err.msg);
    }
}

static int
netsync_syncing(const struct netsync *ns)
{
    for (size_t i = 0; ns && i < ns->n; i++)
        if (ns->v[i].running)
            return 1;
    return 0;
}

/* Start the next sync that is due, if it is a sync's turn (see struct
 * netsync). */
static void
netsync_due(struct ui *ui)
{
    struct netsync *ns = ui->net;
    time_t now = time(NULL);

    if (ns == NULL || ns->flushing || ns->n_waiting || netsync_syncing(ns))
        return;
    for (size_t i = 0; i < ns->n; i++) {
        if (ns->v[i].next_at <= now) {
            netsync_run(&ns->v[i]);
            /* One that failed to start is not running: try the next. */
            if (ns->v[i].running)
                return;
        }
    }
}

size_t
netsync_pollfds(struct ui *ui, struct pollfd **fds, size_t *cap, size_t at)
{
    struct http_engine *e = ui->app->http;
    size_t need;

    /* The engine may serve translators without any network account. */
    if (e == NULL)
        return 0;
    netsync_due(ui);
    /* http_pollfds says how many it needs even when they do not fit. */
    while ((need = http_pollfds(e, *fds + at, *cap - at)) > *cap - at) {
        *cap = at + need;
        *fds = xreallocarray(*fds, *cap, sizeof **fds);
    }
    return need;
}

int
netsync_timeout(struct ui *ui, int ms)
{
    struct netsync *ns = ui->net;
    time_t now = time(NULL);
    long t;

    if (ui->app->http && (t = http_timeout_ms(ui->app->http)) >= 0 &&
        t < ms)
        ms = (int)t;
    if (ns == NULL)
        return ms;
    /* A sync that is due but waits its turn starts from netsync_kick;
     * waking for it now would only spin. */
    if (ns->flushing || ns->n_waiting || netsync_syncing(ns))
        return ms;
    for (size_t i = 0; i < ns->n; i++) {
        if (ns->v[i].running)
            continue;
        t = ns->v[i].next_at <= now ? 0
            : (long)(ns->v[i].next_at - now) * 1000;
        if (t < ms)
            ms = (int)t;
    }
    return ms;
}

void
netsync_dispatch(struct ui *ui, const struct pollfd *fds, size_t n)
{
    if (ui->app->http == NULL)
        return;
    http_dispatch(ui->app->http, fds, n);
    netsync_due(ui);
}

int
netsync_busy(struct ui *ui)
{
    struct netsync *ns = ui->net;

    if (ui->app->http && http_in_flight(ui->app->http) > 0)
        return 1;
    return ns && (ns->flushing || ns->n_waiting || netsync_syncing(ns));
}

enum td_status
netsync_start(struct ui *ui, struct account *a, struct td_error *err)
{
    struct netsync_acct *na = netsync_find(ui, a);

    if (na == NULL)
        return td_error_set(err, TD_EINVAL, "%s is not a network account",
                            a->name);
    if (na->running) {
        na->again = 1;
    } else {
        na->next_at = 0;
        netsync_due(ui);
    }
    return TD_OK;
}

static void
netsync_send_state(void *ctx, int64_t item_id, int state)
{
    struct netsync_send *s = ctx;

    (void)item_id;
    (void)state;
    if (s->ui->ticket_id)
        thread_load(s->ui, s->ui->ticket_id, 1);
    ui_refresh_counts(s->ui);
}

/* After a send the thread should show the message as the backend has
 * it: a network account gets a background sync (never two at once), a
 * local one is synced here, at once. */
static void
netsync_send_resync(void *ctx, struct account *a)
{
    struct netsync_send *s = ctx;
    struct td_error err;

    td_error_clear(&err);
    if (netsync_find(s->ui, a))
        netsync_start(s->ui, a, &err);
    else if (drv_sync(a, s->ui->app->store, NULL, NULL, &err) != TD_OK)
        ui_error(s->ui, "sync: %s", err.msg);
}

static void
netsync_send_done(void *ctx, size_t n_sent, enum td_status rc,
                  const struct td_error *err)
{
    struct netsync_send *s = ctx;
    struct ui *ui = s->ui;

    if (rc == TD_ECONFLICT && err)
        ui_error(s->ui, "held: %s  [:outbox-retry :outbox-edit "
                 ":outbox-discard]", err->msg);
    else if (rc != TD_OK || n_sent == 0)
        ui_error(s->ui, "queued in the outbox; not sent yet: %s",
                 err && *err->msg ? err->msg : "will retry");
    else if (s->ok_msg)
        ui_message(s->ui, "%s", s->ok_msg);
    if (s->ui->ticket_id)
        thread_load(s->ui, s->ui->ticket_id, 1);
    inbox_reload(s->ui);
    ui_refresh_counts(s->ui);
    free(s->ok_msg);
    free(s);
    if (ui->net) {
        ui->net->flushing--;
        netsync_kick(ui);
    }
}

static void
netsync_flush_now(struct ui *ui, int64_t item_id, const char *ok_msg)
{
    struct netsync_send *s = xcalloc(1, sizeof *s);
    struct outbox_hooks hooks = {
        .ctx = s,
        .state = netsync_send_state,
        .resync = netsync_send_resync,
        .done = netsync_send_done,
    };
    struct td_error err;

    s->ui = ui;
    s->ok_msg = ok_msg ? xstrdup(ok_msg) : NULL;
    if (ui->net)
        ui->net->flushing++;
    td_error_clear(&err);
    if (outbox_flush_start(ui->app->store, ui->app->accounts,
                           ui->app->n_accounts, editor_author(ui), item_id,
                           &hooks, &err) != TD_OK) {
        ui_error(ui, "queued in the outbox; not sent yet: %s", err.msg);
        free(s->ok_msg);
        free(s);
        if (ui->net) {
            ui->net->flushing--;
            netsync_kick(ui);
        }
    }
}

/* Something ended: the sends that waited for a sync go now; with no
 * send left, the next sync that is due. */
static void
netsync_kick(struct ui *ui)
{
    struct netsync *ns = ui->net;

    if (ns == NULL || netsync_syncing(ns))
        return;
    while (ns->n_waiting > 0) {
        struct netsync_wait w = ns->waiting[0];

        memmove(ns->waiting, ns->waiting + 1,
                --ns->n_waiting * sizeof *ns->waiting);
        netsync_flush_now(ui, w.item_id, w.ok_msg);
        free(w.ok_msg);
    }
    netsync_due(ui);
}

void
netsync_flush(struct ui *ui, int64_t item_id, const char *ok_msg)
{
    struct netsync *ns = ui->net;

    if (ns && netsync_syncing(ns)) {
        /* Queued in the store already: safe to wait, and it is shown. */
        ns->waiting = xreallocarray(ns->waiting, ns->n_waiting + 1,
                                    sizeof *ns->waiting);
        ns->waiting[ns->n_waiting].item_id = item_id;
        ns->waiting[ns->n_waiting].ok_msg = ok_msg ? xstrdup(ok_msg) : NULL;
        ns->n_waiting++;
        ui_message(ui, "queued; it goes out when the running sync ends");
        return;
    }
    netsync_flush_now(ui, item_id, ok_msg);
}

void
netsync_describe(struct ui *ui, const struct account *a, struct buf *b)
{
    struct netsync_acct *na = netsync_find(ui, a);

    if (na && na->running && na->total)
        buf_printf(b, "%s:syncing %zu/%zu", a->name, na->done, na->total);
    else if (na && na->running && na->done)
        buf_printf(b, "%s:syncing %zu", a->name, na->done);
    else if (na && na->running)
        buf_printf(b, "%s:syncing", a->name);
    else if (a->state == AS_ONLINE)
        buf_printf(b, "%s:online", a->name);
    else if (a->state == AS_SYNCING)
        buf_printf(b, "%s:syncing", a->name);
    else
        buf_printf(b, "%s:offline", a->name);
}
