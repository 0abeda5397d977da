/* outbox.c: the durable outbox: queue first, send once, recover after a crash. */
#include "drivers/outbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/driver.h"
#include "net/http.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

enum td_status
outbox_queue(struct store *st, int readonly, int64_t ticket_id,
             const char *body, int is_note, const char *set_status,
             int64_t *item_id, struct td_error *err)
{
    return outbox_queue_at(st, readonly, ticket_id, body, is_note,
                           set_status, 0, item_id, err);
}

enum td_status
outbox_queue_at(struct store *st, int readonly, int64_t ticket_id,
                const char *body, int is_note, const char *set_status,
                time_t send_at, int64_t *item_id, struct td_error *err)
{
    struct outbox_item it = { 0 };
    enum td_status rc;

    if (readonly)
        return td_error_set(err, TD_EPERM,
                            "read-only mode: replies and notes are disabled");
    if (body == NULL || body[strspn(body, " \t\r\n")] == '\0')
        return td_error_set(err, TD_EINVAL, "the reply is empty");
    if (set_status && ticket_status_from_name(set_status) < 0)
        return td_error_set(err, TD_EINVAL, "unknown status '%s'", set_status);
    it.ticket_id = ticket_id;
    it.is_note = is_note;
    it.body = xstrdup(body);
    it.set_status = xstrdup(set_status);
    it.send_at = send_at;
    rc = store_outbox_add(st, &it, err);
    if (rc == TD_OK && item_id)
        *item_id = it.id;
    outbox_item_clear(&it);
    return rc;
}

static struct account *
find_account(struct account *const *accounts, size_t n, const char *name)
{
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(accounts[i]->name, name) == 0)
            return accounts[i];
    return NULL;
}

/* One flush in progress: the items it walks and where it stands. The
 * blocking outbox_flush and the console's outbox_flush_start share it,
 * so there is one state machine for both. */
struct outbox_job {
    struct store *st;
    struct account *const *accounts;    /* borrowed */
    size_t n_accounts;
    char *author;
    int64_t only_id;
    struct outbox_hooks hooks;
    struct outbox_item *items;
    size_t n;
    size_t i;                   /* the item being worked on */
    struct account *a;          /* its account */
    size_t sent;
    enum td_status last;
    struct td_error err;        /* the last failure */
    time_t now;
    /* Accounts re-read by this flush's send guard: one incremental sync
     * per account before its first send, not one per item. */
    struct account **guarded;
    size_t n_guarded;
    int pending;                /* an operation is out: its callback resumes */
    int in_run;                 /* outbox_job_run is on the stack */
};

static void outbox_job_run(struct outbox_job *j);

static void
outbox_job_state(struct outbox_job *j, struct outbox_item *it,
                 enum outbox_state state)
{
    it->state = state;
    if (j->hooks.state)
        j->hooks.state(j->hooks.ctx, it->id, state);
}

/* Leave the current item and go on (the callbacks end here). A callback
 * that ran inside the start call (a local driver) returns to the loop in
 * outbox_job_run; one from the transport restarts the loop, so a long
 * outbox of local items never recurses. */
static void
outbox_job_next(struct outbox_job *j)
{
    j->i++;
    j->pending = 0;
    if (!j->in_run)
        outbox_job_run(j);
}

static void
outbox_job_fail(struct outbox_job *j, enum td_status rc, const char *msg)
{
    j->last = td_error_set(&j->err, rc, "%s", msg);
}

static void
outbox_on_resync(void *ctx, enum td_status rc, const char *remote_id,
                 const struct td_error *err)
{
    struct outbox_job *j = ctx;

    (void)remote_id;
    if (rc != TD_OK)
        outbox_job_fail(j, rc, err ? err->msg : "sync failed");
    outbox_job_next(j);
}

/* After a send: show the message in the thread as the backend now has
 * it. The console has its own syncs running and queues one instead. */
static void
outbox_job_resync(struct outbox_job *j)
{
    struct td_error e;

    if (j->hooks.resync) {
        j->hooks.resync(j->hooks.ctx, j->a);
        outbox_job_next(j);
        return;
    }
    td_error_clear(&e);
    j->pending = 1;
    if (drv_sync_start(j->a, j->st, NULL, NULL, outbox_on_resync, j, &e) !=
        TD_OK) {
        outbox_job_fail(j, e.status, e.msg);
        outbox_job_next(j);
    }
}

static void
outbox_on_reply(void *ctx, enum td_status rc, const char *remote_id,
                const struct td_error *derr)
{
    struct outbox_job *j = ctx;
    struct outbox_item *it = &j->items[j->i];
    const char *msg = derr ? derr->msg : "failed";
    struct td_error e;

    td_error_clear(&e);
    if (rc == TD_OK) {
        rc = store_outbox_set_state(j->st, it->id, OB_SENT, NULL, remote_id,
                                    &e);
        outbox_job_state(j, it, OB_SENT);
        msg = e.msg;
    } else if (rc == TD_ENET) {
        /* Unknown outcome: stay "sending"; the next flush asks the thread. */
        store_outbox_set_state(j->st, it->id, OB_SENDING, msg, NULL, NULL);
        outbox_job_state(j, it, OB_SENDING);
    } else {
        store_outbox_set_state(j->st, it->id, OB_FAILED, msg, NULL, NULL);
        outbox_job_state(j, it, OB_FAILED);
    }
    if (rc != TD_OK) {
        j->last = td_error_set(&j->err, rc, "outbox item %lld: %s",
                               (long long)it->id, msg);
        outbox_job_next(j);
        return;
    }
    j->sent++;
    outbox_job_resync(j);
}

static void
outbox_job_send(struct outbox_job *j, struct outbox_item *it)
{
    struct reply_req req = {
        .ticket_ext_id = it->ticket_ext_id,
        .body = it->body,
        .is_note = it->is_note,
        .set_status = it->set_status,
        .token = it->token,
        .author = j->author,
    };
    struct td_error e;
    enum td_status rc;

    /* "sending" is committed before the request: a crash from here on is
     * recovered by the find_sent step, never by a blind resend. */
    td_error_clear(&e);
    if ((rc = store_outbox_set_state(j->st, it->id, OB_SENDING, NULL, NULL,
                                     &e)) != TD_OK) {
        j->last = td_error_set(&j->err, rc, "outbox item %lld: %s",
                               (long long)it->id, e.msg);
        outbox_job_next(j);
        return;
    }
    outbox_job_state(j, it, OB_SENDING);
    j->pending = 1;
    if ((rc = drv_reply_start(j->a, &req, outbox_on_reply, j, &e)) != TD_OK)
        outbox_on_reply(j, rc, NULL, &e);
}

/* An item found in "sending" was interrupted: it may or may not have
 * reached the backend. Only the thread can say, so ask before resending. */
static void
outbox_on_found(void *ctx, enum td_status rc, const char *remote_id,
                const struct td_error *derr)
{
    struct outbox_job *j = ctx;
    struct outbox_item *it = &j->items[j->i];
    struct td_error e;

    td_error_clear(&e);
    if (rc == TD_OK) {
        rc = store_outbox_set_state(j->st, it->id, OB_SENT, NULL, remote_id,
                                    &e);
        outbox_job_state(j, it, OB_SENT);
    } else if (rc == TD_ENOTFOUND) {
        rc = store_outbox_set_state(j->st, it->id, OB_QUEUED, NULL, NULL,
                                    &e);
        outbox_job_state(j, it, OB_QUEUED);
    } else if (rc == TD_ENOTSUP) {
        /* Cannot tell: never guess with a customer-facing message. */
        rc = store_outbox_set_state(j->st, it->id, OB_HELD,
                                    "interrupted while sending and the "
                                    "backend cannot say if it arrived: check "
                                    "the thread, then retry or discard",
                                    NULL, &e);
        outbox_job_state(j, it, OB_HELD);
    } else {
        td_error_set(&e, rc, "%s", derr ? derr->msg : "failed");
    }
    if (rc != TD_OK) {
        outbox_job_fail(j, rc, e.msg);
        outbox_job_next(j);
        return;
    }
    if (it->state != OB_QUEUED) {
        outbox_job_next(j);
        return;
    }
    outbox_job_send(j, it);
}

/* The send guard: did the buyer or another agent write after the reply
 * was written? Then the reply may answer a question nobody asks any more
 * (Help Scout calls it Traffic Cop); hold it and say what came in. */
static int
outbox_job_guard_holds(struct outbox_job *j, struct outbox_item *it)
{
    struct outbox_news news;
    struct td_error e;
    char when[32], *msg;
    struct tm tm;

    td_error_clear(&e);
    if (store_outbox_news(j->st, it, &news, &e) != TD_OK) {
        /* Cannot tell: a customer-facing message waits rather than
         * risks the wrong answer. */
        store_outbox_set_state(j->st, it->id, OB_HELD, e.msg, NULL, NULL);
        outbox_job_state(j, it, OB_HELD);
        outbox_job_fail(j, e.status, e.msg);
        return 1;
    }
    if (news.count == 0)
        return 0;
    if (localtime_r(&news.at, &tm) == NULL ||
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm) == 0)
        snprintf(when, sizeof when, "?");
    msg = xasprintf("%s wrote at %s since this reply was written%s%s%s%s",
                    news.from_customer ? "the buyer"
                    : news.who         ? news.who
                                       : "another agent",
                    when, news.count > 1 ? " (and more)" : "",
                    news.snippet ? ": \"" : "",
                    news.snippet ? news.snippet : "",
                    news.snippet ? "\"" : "");
    outbox_news_clear(&news);
    store_outbox_set_state(j->st, it->id, OB_HELD, msg, NULL, NULL);
    outbox_job_state(j, it, OB_HELD);
    j->last = td_error_set(&j->err, TD_ECONFLICT, "outbox item %lld: %s",
                           (long long)it->id, msg);
    free(msg);
    return 1;
}

/* The guard's re-read of the account is back. */
static void
outbox_on_guard(void *ctx, enum td_status rc, const char *remote_id,
                const struct td_error *derr)
{
    struct outbox_job *j = ctx;
    struct outbox_item *it = &j->items[j->i];
    char *msg;

    (void)remote_id;
    if (rc != TD_OK) {
        /* Not re-read, not sent: it stays queued for the next flush. */
        msg = xasprintf("not sent: could not re-read the ticket first: %s",
                        derr ? derr->msg : "sync failed");
        store_outbox_set_state(j->st, it->id, OB_QUEUED, msg, NULL, NULL);
        j->last = td_error_set(&j->err, rc, "outbox item %lld: %s",
                               (long long)it->id, msg);
        free(msg);
        outbox_job_next(j);
        return;
    }
    if (outbox_job_guard_holds(j, it)) {
        outbox_job_next(j);
        return;
    }
    outbox_job_send(j, it);
}

/* Re-read the item's account once per flush, then guard and send. */
static void
outbox_job_guard(struct outbox_job *j, struct outbox_item *it)
{
    struct td_error e;
    enum td_status rc;

    for (size_t k = 0; k < j->n_guarded; k++) {
        if (j->guarded[k] == j->a) {
            if (outbox_job_guard_holds(j, it))
                j->i++;
            else
                outbox_job_send(j, it);
            return;
        }
    }
    j->guarded = xreallocarray(j->guarded, j->n_guarded + 1,
                               sizeof *j->guarded);
    j->guarded[j->n_guarded++] = j->a;
    td_error_clear(&e);
    j->pending = 1;
    rc = drv_sync_start(j->a, j->st, NULL, NULL, outbox_on_guard, j, &e);
    if (rc != TD_OK)
        outbox_on_guard(j, rc, NULL, &e);
}

/* drv_find_sent without the wait: the synchronous slot answers at once,
 * the network one through the transport. */
static void
outbox_job_recover(struct outbox_job *j, struct outbox_item *it)
{
    const struct driver *d = j->a->drv;
    char *remote = NULL;
    struct td_error e;
    enum td_status rc;

    td_error_clear(&e);
    j->pending = 1;
    if (d->find_sent) {
        rc = d->find_sent(j->a, it->ticket_ext_id, it->token, &remote, &e);
        outbox_on_found(j, rc, remote, &e);
        free(remote);
        return;
    }
    if (d->find_sent_start == NULL || j->a->http == NULL)
        rc = td_error_set(&e, TD_ENOTSUP,
                          "%s: %s cannot check for a sent reply",
                          j->a->name, d->name);
    else
        rc = d->find_sent_start(j->a, it->ticket_ext_id, it->token,
                                outbox_on_found, j, &e);
    if (rc != TD_OK)
        outbox_on_found(j, rc, NULL, &e);
}

/* Start the work on items[i], or skip it. */
static void
outbox_job_step(struct outbox_job *j)
{
    struct outbox_item *it = &j->items[j->i];

    if ((j->only_id && it->id != j->only_id) ||
        (it->state != OB_QUEUED && it->state != OB_SENDING) ||
        (it->state == OB_QUEUED && it->send_at > j->now)) {
        j->i++;
        return;
    }
    if ((j->a = find_account(j->accounts, j->n_accounts, it->account)) ==
        NULL) {
        j->last = td_error_set(&j->err, TD_ENOTFOUND,
                               "outbox item %lld: account %s is not "
                               "configured", (long long)it->id,
                               it->account ? it->account : "?");
        j->i++;
        return;
    }
    if (it->state == OB_SENDING)
        outbox_job_recover(j, it);
    else
        outbox_job_guard(j, it);
}

static void
outbox_job_run(struct outbox_job *j)
{
    j->in_run = 1;
    while (!j->pending && j->i < j->n)
        outbox_job_step(j);
    j->in_run = 0;
    if (j->pending)
        return;
    j->hooks.done(j->hooks.ctx, j->sent, j->last,
                  j->last == TD_OK ? NULL : &j->err);
    outbox_items_free(&j->items, j->n);
    free(j->guarded);
    free(j->author);
    free(j);
}

enum td_status
outbox_flush_start(struct store *st, struct account *const *accounts,
                   size_t n_accounts, const char *author, int64_t only_id,
                   const struct outbox_hooks *hooks, struct td_error *err)
{
    struct outbox_job *j = xcalloc(1, sizeof *j);
    enum td_status rc;

    if ((rc = store_outbox_list(st, -1, &j->items, &j->n, err)) != TD_OK) {
        free(j);
        return rc;
    }
    j->st = st;
    j->accounts = accounts;
    j->n_accounts = n_accounts;
    j->author = xstrdup(author);
    j->only_id = only_id;
    j->hooks = *hooks;
    j->now = time_now();
    td_error_clear(&j->err);
    outbox_job_run(j);
    return TD_OK;
}

/* What the blocking flush waits for. */
struct outbox_wait {
    int finished;
    size_t sent;
    enum td_status rc;
    struct td_error err;
};

static void
outbox_wait_done(void *ctx, size_t n_sent, enum td_status rc,
                 const struct td_error *err)
{
    struct outbox_wait *w = ctx;

    w->finished = 1;
    w->sent = n_sent;
    w->rc = rc;
    if (rc != TD_OK)
        td_error_set(&w->err, rc, "%s", err ? err->msg : "failed");
}

/* Long enough for a send and its sync; each request has its own timeouts,
 * so this only guards against a chain that never ends. */
#define OUTBOX_WAIT_MS (6L * 3600 * 1000)

enum td_status
outbox_flush(struct store *st, struct account *const *accounts,
             size_t n_accounts, const char *author, int64_t only_id,
             size_t *n_sent, struct td_error *err)
{
    struct outbox_wait w = { 0 };
    struct outbox_hooks hooks = {
        .ctx = &w,
        .done = outbox_wait_done,
    };
    const struct http_transport *t = NULL;
    enum td_status rc;

    if (n_sent)
        *n_sent = 0;
    /* Every network account borrows the app's one transport. */
    for (size_t i = 0; t == NULL && i < n_accounts; i++)
        t = accounts[i]->http;
    if ((rc = outbox_flush_start(st, accounts, n_accounts, author, only_id,
                                 &hooks, err)) != TD_OK)
        return rc;
    while (!w.finished) {
        /* A chain with nothing in flight that has not called back would
         * spin forever: a driver bug, reported rather than hidden. Once
         * the job is out it owns its items, so it cannot be freed here. */
        if (t == NULL || t->ops->run == NULL || t->ops->in_flight == NULL ||
            t->ops->in_flight(t->impl) == 0)
            return td_error_set(err, TD_ENET, "outbox: a send stopped "
                                "half-way");
        if ((rc = t->ops->run(t->impl, OUTBOX_WAIT_MS, err)) != TD_OK)
            return rc;
    }
    if (n_sent)
        *n_sent = w.sent;
    if (w.rc != TD_OK)
        td_error_set(err, w.rc, "%s", w.err.msg);
    return w.rc;
}
