/* outbox.c: the durable outbox: queue first, send once, recover after a crash. */
#include "drivers/outbox.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "drivers/driver.h"
#include "store/store.h"
#include "util/xmalloc.h"

enum td_status
outbox_queue(struct store *st, int readonly, int64_t ticket_id,
             const char *body, int is_note, const char *set_status,
             int64_t *item_id, struct td_error *err)
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

/* An item found in "sending" was interrupted: it may or may not have
 * reached the backend. Only the thread can say, so ask before resending. */
static enum td_status
outbox_recover(struct store *st, struct account *a, struct outbox_item *it,
               struct td_error *err)
{
    char *remote = NULL;
    struct td_error e;
    enum td_status rc;

    rc = drv_find_sent(a, it->ticket_ext_id, it->token, &remote, &e);
    if (rc == TD_OK) {
        rc = store_outbox_set_state(st, it->id, OB_SENT, NULL, remote, err);
        it->state = OB_SENT;
    } else if (rc == TD_ENOTFOUND) {
        rc = store_outbox_set_state(st, it->id, OB_QUEUED, NULL, NULL, err);
        it->state = OB_QUEUED;
    } else if (rc == TD_ENOTSUP) {
        /* Cannot tell: never guess with a customer-facing message. */
        rc = store_outbox_set_state(st, it->id, OB_HELD,
                                    "interrupted while sending and the "
                                    "backend cannot say if it arrived: check "
                                    "the thread, then retry or discard",
                                    NULL, err);
        it->state = OB_HELD;
    } else {
        td_error_set(err, rc, "%s", e.msg);
    }
    free(remote);
    return rc;
}

static enum td_status
outbox_send_one(struct store *st, struct account *a, struct outbox_item *it,
                const char *author, struct td_error *err)
{
    struct reply_req req = {
        .ticket_ext_id = it->ticket_ext_id,
        .body = it->body,
        .is_note = it->is_note,
        .set_status = it->set_status,
        .token = it->token,
        .author = author,
    };
    char *remote = NULL;
    struct td_error e;
    enum td_status rc;

    /* "sending" is committed before the request: a crash from here on is
     * recovered by outbox_recover, never by a blind resend. */
    if ((rc = store_outbox_set_state(st, it->id, OB_SENDING, NULL, NULL, err)))
        return rc;
    rc = drv_reply(a, &req, &remote, &e);
    if (rc == TD_OK) {
        rc = store_outbox_set_state(st, it->id, OB_SENT, NULL, remote, err);
    } else if (rc == TD_ENET) {
        /* Unknown outcome: stay "sending"; the next flush asks the thread. */
        store_outbox_set_state(st, it->id, OB_SENDING, e.msg, NULL, NULL);
        td_error_set(err, rc, "%s", e.msg);
    } else {
        store_outbox_set_state(st, it->id, OB_FAILED, e.msg, NULL, NULL);
        td_error_set(err, rc, "%s", e.msg);
    }
    free(remote);
    return rc;
}

enum td_status
outbox_flush(struct store *st, struct account *const *accounts,
             size_t n_accounts, const char *author, int64_t only_id,
             size_t *n_sent, struct td_error *err)
{
    struct outbox_item *items = NULL;
    size_t n = 0, sent = 0;
    enum td_status rc, last = TD_OK;
    time_t now = time(NULL);

    if ((rc = store_outbox_list(st, -1, &items, &n, err)) != TD_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        struct outbox_item *it = &items[i];
        struct account *a;
        struct td_error e;

        if (only_id && it->id != only_id)
            continue;
        if (it->state != OB_QUEUED && it->state != OB_SENDING)
            continue;
        if (it->state == OB_QUEUED && it->send_at > now)
            continue;
        if ((a = find_account(accounts, n_accounts, it->account)) == NULL) {
            last = td_error_set(err, TD_ENOTFOUND,
                                "outbox item %lld: account %s is not "
                                "configured", (long long)it->id,
                                it->account ? it->account : "?");
            continue;
        }
        if (it->state == OB_SENDING &&
            (rc = outbox_recover(st, a, it, &e)) != TD_OK) {
            last = td_error_set(err, rc, "%s", e.msg);
            continue;
        }
        if (it->state != OB_QUEUED)
            continue;
        if ((rc = outbox_send_one(st, a, it, author, &e)) != TD_OK) {
            last = td_error_set(err, rc, "outbox item %lld: %s",
                                (long long)it->id, e.msg);
            continue;
        }
        sent++;
        /* Show the message in the thread as the backend now has it. */
        if (drv_sync(a, st, NULL, NULL, &e) != TD_OK)
            last = td_error_set(err, e.status, "%s", e.msg);
    }
    outbox_items_free(&items, n);
    if (n_sent)
        *n_sent = sent;
    return last;
}
