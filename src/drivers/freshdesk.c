/* freshdesk.c: Freshdesk API v2, as chains of non-blocking requests. */
#include "drivers/freshdesk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/netdrv.h"
#include "net/html.h"
#include "net/http.h"
#include "net/json.h"
#include "net/http_url.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* per_page is capped at 100 (api-reference.md section 2). */
#define FD_PER_PAGE "100"
#define FD_PER_PAGE_N 100
/* GET /tickets refuses page > 300 (30,000 tickets); the search API is no
 * way round it (30 per page, 10 pages). Since the list is ordered by
 * updated_at ascending, the sync starts again from page 1 with
 * updated_since moved to the newest updated_at seen instead. */
#define FD_MAX_PAGE 300
#define FD_MAX_BODY_HTML ((size_t)8 << 20)
#define FD_CURSOR "updated"
#define FD_SECRET_MAX 1024

struct fd_priv {
    char *base;         /* "https://x.freshdesk.com/api/v2", no slash */
    char *auth;         /* "Basic base64(key:X)" */
    int insecure;
};

static const char *const fd_keys[] = {
    "token_env",
    "token_cmd",
    "insecure",
    NULL,
};

/* Default statuses (section 0.1): 2 Open, 3 Pending, 4 Resolved,
 * 5 Closed. Freshdesk has no "new" or "on hold": new tickets are Open,
 * and on-hold is a custom status an admin may or may not have made. */
static const struct {
    const char *ours;
    int fd;
} fd_status_out[] = {
    { "new", 2 },
    { "open", 2 },
    { "pending", 3 },
    { "on-hold", 3 },
    { "solved", 4 },
    { "closed", 5 },
};

int
freshdesk_status_to_fd(const char *normalised)
{
    for (size_t i = 0; normalised &&
                       i < sizeof fd_status_out / sizeof *fd_status_out; i++)
        if (strcmp(fd_status_out[i].ours, normalised) == 0)
            return fd_status_out[i].fd;
    return 0;
}

const char *
freshdesk_status_from_fd(long code)
{
    switch (code) {
    case 3:
        return "pending";
    case 4:
        return "solved";
    case 5:
        return "closed";
    default:
        /* 2, and custom statuses (ids from 6 up): their meaning is the
         * admin's, so they stay visible as open work. */
        return "open";
    }
}

/* Priority 1 Low, 2 Medium, 3 High, 4 Urgent. */
static enum ticket_priority
fd_priority(long p)
{
    switch (p) {
    case 1:
        return TP_LOW;
    case 3:
        return TP_HIGH;
    case 4:
        return TP_URGENT;
    default:
        return TP_NORMAL;
    }
}

/* source: 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback Widget,
 * 10 Outbound Email (the documented list of the v2 API). WhatsApp is not
 * in it: such tickets come through a Freshchat integration with codes
 * that are not documented, so they show as "other". */
static enum channel
fd_channel(long source)
{
    switch (source) {
    case 1:
    case 10:
        return CH_EMAIL;
    case 2:
    case 9:
        return CH_WEB;
    case 3:
        return CH_PHONE;
    case 7:
        return CH_CHAT;
    default:
        return CH_OTHER;
    }
}

static enum td_status
fd_open(struct account *a, struct td_error *err)
{
    struct fd_priv *p = a->priv;
    char *tok = NULL;
    enum td_status rc;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if ((rc = http_url_check(a->url, p->insecure, err)) != TD_OK)
        return rc;
    p->base = netdrv_api_base(a->url, "/api/v2");
    if ((rc = drv_account_secret(a, &tok, err)) != TD_OK)
        return rc;
    if (strlen(tok) > FD_SECRET_MAX) {
        memset(tok, 0, strlen(tok));
        free(tok);
        return td_error_set(err, TD_EAUTH, "freshdesk: the API key is too "
                            "long");
    }
    /* The API key is the user name; the password is ignored, "X" by
     * convention (api-reference.md section 2). */
    p->auth = netdrv_basic_auth(tok, "X");
    netdrv_wipe(&tok);
    return TD_OK;
}

static void
fd_close(struct account *a)
{
    struct fd_priv *p = a->priv;

    free(p->base);
    netdrv_wipe(&p->auth);
}

/* The budget key (the account name) makes the engine honour
 * X-RateLimit-Remaining and a 429's Retry-After for every request of the
 * account. */
static struct http_request *
fd_request(struct account *a, const char *method, const char *path,
           const char *const *params, http_done_fn done, void *ctx)
{
    struct fd_priv *p = a->priv;

    return netdrv_request(a, p->base, p->auth, p->insecure, method, path,
                          params, done, ctx);
}

/* Turn a failed response into err, with Freshdesk's
 * {"description", "errors": [{"field", "message"}]} or {"message"}. */
static enum td_status
fd_fail(const struct http_response *resp, const char *what,
        struct td_error *err)
{
    cJSON *j = NULL;
    const char *msg = NULL, *field = NULL;
    enum td_status rc = resp->result != TD_OK ? resp->result : TD_EPARSE;
    struct td_error ignored;

    if (resp->status >= 400 &&
        json_parse(resp->body, resp->body_len, &j, "freshdesk",
                   &ignored) == TD_OK) {
        const cJSON *e0 = cJSON_GetArrayItem(
            cJSON_GetObjectItemCaseSensitive(j, "errors"), 0);

        msg = json_str(e0, "message");
        field = json_str(e0, "field");
        if (msg == NULL)
            msg = json_str(j, "description");
        if (msg == NULL)
            msg = json_str(j, "message");
    }
    if (resp->status > 0)
        td_error_set(err, rc, "%s: HTTP %ld%s%s%s%s", what, resp->status,
                     msg ? ": " : "", field ? field : "",
                     field ? ": " : "", msg ? msg : "");
    else
        td_error_set(err, rc, "%s: %s", what, resp->error);
    cJSON_Delete(j);
    return rc;
}

/* The JSON of a 2xx response, or the failure in err. */
static enum td_status
fd_json(const struct http_response *resp, const char *what, cJSON **out,
        struct td_error *err)
{
    *out = NULL;
    if (resp->result != TD_OK)
        return fd_fail(resp, what, err);
    return json_parse(resp->body, resp->body_len, out, what, err);
}

/* Freshdesk signals a further page with a Link header, rel="next"; it
 * is absent on the last page. */
static int
fd_has_next(const struct http_response *resp)
{
    const char *link = http_header_get(resp, "Link");

    return link && strstr(link, "rel=\"next\"") != NULL;
}

/* A numeric id as a string (ids pass 2^32: 43026449322), owned or NULL. */
static char *
fd_id(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (!cJSON_IsNumber(v) && !cJSON_IsString(v))
        return NULL;
    return json_strdup(obj, key);
}

/* ---- sync ---- */

/* One sync in flight: the ticket list is paged by page/per_page and the
 * Link header; for each ticket on a page its conversations are fetched,
 * page by page, before the next ticket. */
struct fd_sync {
    struct netdrv_op op;    /* first: who is told the outcome */
    const struct sync_sink *out;
    struct netdrv_window w;     /* updated_at range and page */
    int more;               /* the list page had rel="next" */
    cJSON *list;            /* the page of tickets */
    int idx;                /* the ticket being fetched */
    long sub_page;
    cJSON *convs;           /* conversations of every page so far */
    size_t n_done;
};

static void fd_sync_on_list(void *ctx, struct http_response *resp);
static void fd_sync_on_convs(void *ctx, struct http_response *resp);

static void
fd_sync_free(void *self)
{
    struct fd_sync *s = self;

    cJSON_Delete(s->list);
    cJSON_Delete(s->convs);
    free(s);
}

/* End the sync; s is gone when done runs, so done may start another. */
static void
fd_sync_finish(struct fd_sync *s, enum td_status rc,
               const struct td_error *err)
{
    netdrv_op_end(&s->op, fd_sync_free, s, rc, NULL, err);
}

static enum td_status
fd_sync_submit_list(struct fd_sync *s, struct td_error *err)
{
    char page[24], since[TIME_ISO_LEN];
    /* Without updated_since Freshdesk answers only the last 30 days
     * (section 13, gotcha 3), so a first sync asks from 1970. The
     * description costs an extra credit, but without it the customer's
     * first message would be missing: /conversations leaves it out. */
    const char *params[] = {
        "updated_since", since,
        "order_by", "updated_at",
        "order_type", "asc",
        "per_page", FD_PER_PAGE,
        "page", page,
        "include", "requester,description",
        NULL,
    };

    snprintf(page, sizeof page, "%ld", s->w.page);
    netdrv_window_since(&s->w, since);
    return http_transport_submit(s->op.a->http,
                                 fd_request(s->op.a, "GET", "tickets", params,
                                            fd_sync_on_list, s),
                                 err);
}

static enum td_status
fd_sync_submit_convs(struct fd_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    char *id = fd_id(item, "id");
    char page[24], *path;
    const char *params[] = {
        "page", page,
        "per_page", FD_PER_PAGE,
        NULL,
    };
    enum td_status rc;

    if (id == NULL)
        return td_error_set(err, TD_EPARSE,
                            "freshdesk: a ticket without an id");
    snprintf(page, sizeof page, "%ld", s->sub_page);
    path = xasprintf("tickets/%s/conversations", id);
    rc = http_transport_submit(s->op.a->http,
                               fd_request(s->op.a, "GET", path, params,
                                          fd_sync_on_convs, s),
                               err);
    free(path);
    free(id);
    return rc;
}

/* Text for a message: body_text when Freshdesk gave one, else the HTML
 * as text. html (borrowed) is kept beside it. */
static enum td_status
fd_fill_body(struct message *m, const char *text, const char *html,
             struct td_error *err)
{
    enum td_status rc;

    if (html && *html)
        m->html = xstrdup(html);
    if (text) {
        m->body = xstrdup(text);
        return TD_OK;
    }
    if (html && (rc = html_to_text(html, strlen(html), &m->body, err)))
        return rc;
    if (m->body == NULL)
        m->body = xstrdup("");
    return TD_OK;
}

static void
fd_fill_attachments(struct message *m, const cJSON *list)
{
    const cJSON *at;

    cJSON_ArrayForEach(at, list) {
        const char *name = json_str(at, "name");

        if (name == NULL)
            continue;
        m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
                                       sizeof *m->attachments);
        m->attachments[m->n_attachments].name = xstrdup(name);
        m->attachments[m->n_attachments++].size =
            json_int(at, "size", 0);
    }
}

/* Build the ticket from its list item and conversations. */
static enum td_status
fd_build_ticket(struct fd_sync *s, const cJSON *item, struct ticket *t,
                struct td_error *err)
{
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(item, "requester");
    const cJSON *tags = cJSON_GetObjectItemCaseSensitive(item, "tags");
    const cJSON *c;
    long status = (long)json_int(item, "status", 2);
    long source = (long)json_int(item, "source", 0);
    char *req_id = fd_id(item, "requester_id");
    struct message *m;
    enum td_status rc = TD_OK;

    t->external_id = fd_id(item, "id");
    t->subject = json_strdup(item, "subject");
    /* The code itself: custom statuses have no fixed word. */
    t->status_raw = xasprintf("%ld", status);
    t->status = ticket_status_from_name(freshdesk_status_from_fd(status));
    t->priority = fd_priority((long)json_int(item, "priority", 2));
    t->channel = fd_channel(source);
    t->created_at = json_time(item, "created_at");
    t->updated_at = json_time(item, "updated_at");
    t->first_response_due = json_time(item, "fr_due_by");
    /* Without /agents we only know the agent's id; it is what filters
     * and assignments need. */
    t->assignee = fd_id(item, "responder_id");
    t->requester.external_id = req_id ? xstrdup(req_id) : NULL;
    if (cJSON_IsObject(req)) {
        t->requester.name = json_strdup(req, "name");
        t->requester.email = json_strdup(req, "email");
        t->requester.phone = json_strdup(req, "phone");
        if (t->requester.phone == NULL)
            t->requester.phone = json_strdup(req, "mobile");
    }
    cJSON_ArrayForEach(c, tags)
        if (cJSON_IsString(c))
            ticket_add_tag(t, c->valuestring);
    /* The description is the first message; it has no conversation id,
     * so it gets one that cannot clash with theirs (all digits). An
     * outbound email (source 10) was written by an agent. */
    if (json_str(item, "description") || json_str(item, "description_text")) {
        m = ticket_add_message(t);
        m->external_id = xasprintf("d%s", t->external_id ? t->external_id
                                                         : "");
        m->is_public = 1;
        m->created_at = t->created_at;
        m->author = source == 10 ? AK_AGENT : AK_CUSTOMER;
        if (m->author == AK_CUSTOMER && t->requester.name)
            m->author_name = xstrdup(t->requester.name);
        rc = fd_fill_body(m, json_str(item, "description_text"),
                          json_str(item, "description"), err);
    }
    cJSON_ArrayForEach(c, s->convs) {
        char *uid;
        int priv;

        if (rc != TD_OK)
            break;
        uid = fd_id(c, "user_id");
        priv = json_bool(c, "private", 0);
        m = ticket_add_message(t);
        m->external_id = fd_id(c, "id");
        m->is_public = !priv;
        m->created_at = json_time(c, "created_at");
        /* incoming: it came from outside (the customer's mail or the
         * portal); a note is always an agent's, even when "incoming". */
        if (!priv && (json_bool(c, "incoming", 0) ||
                      (uid && req_id && strcmp(uid, req_id) == 0))) {
            m->author = AK_CUSTOMER;
            m->author_name = t->requester.name ? xstrdup(t->requester.name)
                                               : NULL;
            free(uid);
        } else {
            m->author = AK_AGENT;
            m->author_name = uid;
        }
        fd_fill_attachments(m, cJSON_GetObjectItemCaseSensitive(
                                   c, "attachments"));
        rc = fd_fill_body(m, json_str(c, "body_text"), json_str(c, "body"),
                          err);
    }
    free(req_id);
    return rc;
}

/* Feed the finished ticket to the sink and note its updated_at. */
static enum td_status
fd_sync_emit(struct fd_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    struct ticket t = { 0 };
    /* Parsed, not compared as text: Freshdesk may answer with an offset
     * ("+10:00") as well as with Z. Read before the sink, which may take
     * what t holds. */
    time_t upd = json_time(item, "updated_at");
    enum td_status rc;

    if ((rc = fd_build_ticket(s, item, &t, err)) == TD_OK)
        rc = s->out->ticket(s->out->ctx, &t, err);
    ticket_clear(&t);
    if (rc == TD_OK)
        netdrv_window_seen(&s->w, upd);
    if (rc != TD_OK)
        return rc;
    s->n_done++;
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done, 0);
    return TD_OK;
}

/* Go on with the next ticket of the page, or the next page, or finish. */
static void
fd_sync_next(struct fd_sync *s)
{
    struct td_error err;
    enum td_status rc = TD_OK;
    int go;

    td_error_clear(&err);
    if (s->idx < cJSON_GetArraySize(s->list)) {
        cJSON_Delete(s->convs);
        s->convs = cJSON_CreateArray();
        s->sub_page = 1;
        if ((rc = fd_sync_submit_convs(s, &err)) != TD_OK)
            fd_sync_finish(s, rc, &err);
        return;
    }
    rc = netdrv_window_page_done(&s->w, s->out, FD_CURSOR, s->more, &go,
                                 "freshdesk", &err);
    if (rc == TD_OK && go && (rc = fd_sync_submit_list(s, &err)) == TD_OK)
        return;
    fd_sync_finish(s, rc, &err);
}

static void
fd_sync_on_list(void *ctx, struct http_response *resp)
{
    struct fd_sync *s = ctx;
    struct td_error err;
    cJSON *j;
    enum td_status rc;

    if ((rc = fd_json(resp, "freshdesk: ticket list", &j, &err)) != TD_OK) {
        fd_sync_finish(s, rc, &err);
        return;
    }
    if (!cJSON_IsArray(j)) {
        cJSON_Delete(j);
        td_error_set(&err, TD_EPARSE, "freshdesk: the ticket list is not "
                     "an array");
        fd_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    s->more = fd_has_next(resp);
    cJSON_Delete(s->list);
    s->list = j;
    s->idx = 0;
    fd_sync_next(s);
}

static void
fd_sync_on_convs(void *ctx, struct http_response *resp)
{
    struct fd_sync *s = ctx;
    struct td_error err;
    cJSON *j, *it;
    enum td_status rc;

    rc = fd_json(resp, "freshdesk: conversations", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j)) {
        rc = td_error_set(&err, TD_EPARSE, "freshdesk: conversations are "
                          "not an array");
    }
    if (rc != TD_OK) {
        cJSON_Delete(j);
        fd_sync_finish(s, rc, &err);
        return;
    }
    while ((it = j->child) != NULL)
        cJSON_AddItemToArray(s->convs, cJSON_DetachItemViaPointer(j, it));
    cJSON_Delete(j);
    if (fd_has_next(resp)) {
        s->sub_page++;
        if ((rc = fd_sync_submit_convs(s, &err)) != TD_OK)
            fd_sync_finish(s, rc, &err);
        return;
    }
    if ((rc = fd_sync_emit(s, &err)) != TD_OK) {
        fd_sync_finish(s, rc, &err);
        return;
    }
    s->idx++;
    fd_sync_next(s);
}

/* updated_since is inclusive, so the tickets of the cursor's second
 * come again and are upserted unchanged: nothing is lost to a ticket
 * updated twice within that second. */
static enum td_status
fd_sync_start(struct account *a, const struct sync_sink *out,
              drv_done_fn done, void *ctx, struct td_error *err)
{
    struct fd_sync *s = xcalloc(1, sizeof *s);
    char *cursor = NULL;
    enum td_status rc;

    if ((rc = out->cursor_get(out->ctx, FD_CURSOR, &cursor, err)) != TD_OK) {
        free(s);
        return rc;
    }
    netdrv_window_init(&s->w, cursor, FD_MAX_PAGE);
    free(cursor);
    s->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    s->out = out;
    if ((rc = fd_sync_submit_list(s, err)) != TD_OK)
        fd_sync_free(s);
    return rc;
}

/* ---- reply ---- */

struct fd_op {
    struct netdrv_op op;    /* first: who is told the outcome */
    char *ticket;
    int status;             /* reply: the code to PUT afterwards, or 0 */
    char *remote;           /* reply: the conversation id it created */
    char *token;            /* find_sent: the marker looked for */
    char *best;             /* find_sent: the earliest conversation */
    long page;
    struct canned_list *canned;     /* list_canned: borrowed */
    cJSON *folders;         /* list_canned: the folders */
    int folder;             /* list_canned: the one being read */
    cJSON *change;          /* update: the PUT body, tags still to merge */
    cJSON *add, *del;       /* update: the tags to add and remove */
};

static void
fd_op_free(void *self)
{
    struct fd_op *op = self;

    free(op->ticket);
    free(op->remote);
    free(op->token);
    free(op->best);
    cJSON_Delete(op->folders);
    cJSON_Delete(op->change);
    cJSON_Delete(op->add);
    cJSON_Delete(op->del);
    free(op);
}

static void
fd_op_finish(struct fd_op *op, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    netdrv_op_end(&op->op, fd_op_free, op, rc, remote_id, err);
}

/* A token goes into an HTML comment: refuse anything that could end it. */
static int
fd_token_ok(const char *tok)
{
    return netdrv_token_ok(tok);
}

static int
fd_digits(const char *s)
{
    return s && *s && strspn(s, "0123456789") == strlen(s);
}

/* The text as HTML (escaped, line breaks kept) plus the marker; NULL
 * when it would pass the cap (never a truncated reply). The body field
 * of /reply and /notes is HTML. */
static char *
fd_body_html(const char *text, const char *token)
{
    return netdrv_body_html(text, token, FD_MAX_BODY_HTML);
}

static void
fd_status_on_done(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err, why;
    char *remote;

    if (resp->result == TD_OK) {
        remote = xstrdup(op->remote);
        fd_op_finish(op, TD_OK, remote, NULL);
        free(remote);
        return;
    }
    /* The reply is in the thread, the status is not set. Any failure
     * here is TD_ENET so that the outbox leaves the item "sending" and
     * asks find_sent, which finds the reply: it is never sent twice.
     * The status change is the part that may be lost; err says so. */
    fd_fail(resp, "freshdesk: status", &why);
    td_error_set(&err, TD_ENET, "freshdesk: sent as conversation %s, but "
                 "the status was not changed (%s)", op->remote, why.msg);
    fd_op_finish(op, TD_ENET, NULL, &err);
}

static void
fd_reply_on_done(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err;
    struct http_request *hr;
    char *path, *body;
    cJSON *j;
    enum td_status rc;

    td_error_clear(&err);
    /* A POST that failed after it was sent may have landed: TD_ENET
     * leaves the outbox item "sending" so find_sent decides. A 2xx that
     * is not JSON landed too: the id is unknown, not the outcome. */
    if (resp->result != TD_OK) {
        rc = fd_fail(resp, "freshdesk: reply", &err);
        fd_op_finish(op, rc, NULL, &err);
        return;
    }
    if (json_parse(resp->body, resp->body_len, &j, "freshdesk: reply",
                   &err) == TD_OK) {
        op->remote = fd_id(j, "id");
        cJSON_Delete(j);
    }
    if (op->remote == NULL)
        op->remote = xstrdup("");
    if (op->status == 0) {
        body = xstrdup(op->remote);
        fd_op_finish(op, TD_OK, body, NULL);
        free(body);
        return;
    }
    /* The status is a second call (PUT /tickets/{id}); see
     * fd_reply_start for why it comes after the reply. */
    j = cJSON_CreateObject();
    cJSON_AddNumberToObject(j, "status", op->status);
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    path = xasprintf("tickets/%s", op->ticket);
    hr = fd_request(op->op.a, "PUT", path, NULL, fd_status_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    free(body);
    free(path);
    if ((rc = http_transport_submit(op->op.a->http, hr, &err)) != TD_OK) {
        td_error_set(&err, TD_ENET, "freshdesk: sent as conversation %s, "
                     "but the status was not changed", op->remote);
        fd_op_finish(op, TD_ENET, NULL, &err);
    }
}

/* A reply (POST /tickets/{id}/reply) or a private note (POST
 * /tickets/{id}/notes), then, when asked, the status (PUT /tickets/{id}).
 * Freshdesk has no call that does both, so the pair is not atomic. The
 * reply goes first, as the agent UI's "Send and set as Resolved" does:
 * the other order could close a ticket whose answer then never left,
 * and would mail the customer "resolved" before the answer. The POST is
 * the only step that must not repeat and it carries the outbox token, so
 * after a crash (or a failed PUT, reported as TD_ENET) find_sent finds
 * it and the item becomes sent; only the status change can be lost. */
static enum td_status
fd_reply_start(struct account *a, const struct reply_req *req,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    struct http_request *hr;
    struct fd_op *op;
    char *html, *path, *body;
    int status = 0;
    cJSON *j;

    if (!fd_digits(req->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "freshdesk: bad ticket id '%s'",
                            req->ticket_ext_id ? req->ticket_ext_id : "");
    if (req->token && !fd_token_ok(req->token))
        return td_error_set(err, TD_EINVAL,
                            "freshdesk: unusable outbox token");
    if (req->set_status &&
        (status = freshdesk_status_to_fd(req->set_status)) == 0)
        return td_error_set(err, TD_EINVAL, "freshdesk: no status for '%s'",
                            req->set_status);
    if ((html = fd_body_html(req->body, req->token)) == NULL)
        return td_error_set(err, TD_ETOOBIG,
                            "freshdesk: the reply is too long");
    j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "body", html);
    /* private defaults to true, but say it: a public note would mail
     * nobody yet show in the customer's portal. */
    if (req->is_note)
        cJSON_AddTrueToObject(j, "private");
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    free(html);
    path = xasprintf("tickets/%s/%s", req->ticket_ext_id,
                     req->is_note ? "notes" : "reply");
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->ticket = xstrdup(req->ticket_ext_id);
    op->status = status;
    hr = fd_request(a, "POST", path, NULL, fd_reply_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    hr->idempotent = HTTP_IDEMPOTENT_NO;
    free(body);
    free(path);
    if (http_transport_submit(a->http, hr, err) != TD_OK) {
        fd_op_free(op);
        return err->status;
    }
    return TD_OK;
}

/* ---- find_sent ---- */

static enum td_status fd_find_submit(struct fd_op *op, struct td_error *err);

/* Whether html holds the exact marker of token (so "tok-1" is not found
 * in the marker of "tok-10"). */
static int
fd_has_marker(const char *html, const char *marker)
{
    return html && strstr(html, marker) != NULL;
}

static void
fd_find_on_page(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err;
    const cJSON *c;
    char *marker;
    cJSON *j;
    enum td_status rc;

    rc = fd_json(resp, "freshdesk: conversations", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "freshdesk: conversations are "
                          "not an array");
    if (rc != TD_OK) {
        cJSON_Delete(j);
        fd_op_finish(op, rc, NULL, &err);
        return;
    }
    marker = xasprintf("%s%s%s", FD_MARKER_PREFIX, op->token,
                       FD_MARKER_SUFFIX);
    /* Keep the earliest: a forwarded or quoted copy comes later. */
    cJSON_ArrayForEach(c, j) {
        char *id;

        if (!fd_has_marker(json_str(c, "body"), marker))
            continue;
        id = fd_id(c, "id");
        if (id && (op->best == NULL || strtoll(id, NULL, 10) <
                                           strtoll(op->best, NULL, 10))) {
            free(op->best);
            op->best = id;
        } else {
            free(id);
        }
    }
    free(marker);
    cJSON_Delete(j);
    if (fd_has_next(resp)) {
        op->page++;
        if ((rc = fd_find_submit(op, &err)) != TD_OK)
            fd_op_finish(op, rc, NULL, &err);
        return;
    }
    if (op->best) {
        char *best = xstrdup(op->best);

        fd_op_finish(op, TD_OK, best, NULL);
        free(best);
        return;
    }
    td_error_set(&err, TD_ENOTFOUND, "freshdesk: not in ticket %s",
                 op->ticket);
    fd_op_finish(op, TD_ENOTFOUND, NULL, &err);
}

static enum td_status
fd_find_submit(struct fd_op *op, struct td_error *err)
{
    char page[24], *path;
    const char *params[] = {
        "page", page,
        "per_page", FD_PER_PAGE,
        NULL,
    };
    enum td_status rc;

    snprintf(page, sizeof page, "%ld", op->page);
    path = xasprintf("tickets/%s/conversations", op->ticket);
    rc = http_transport_submit(op->op.a->http,
                               fd_request(op->op.a, "GET", path, params,
                                          fd_find_on_page, op),
                               err);
    free(path);
    return rc;
}

static enum td_status
fd_find_sent_start(struct account *a, const char *ticket_ext_id,
                   const char *token, drv_done_fn done, void *ctx,
                   struct td_error *err)
{
    struct fd_op *op;
    enum td_status rc;

    if (!fd_digits(ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "freshdesk: bad ticket id");
    if (!fd_token_ok(token))
        return td_error_set(err, TD_EINVAL,
                            "freshdesk: unusable outbox token");
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->ticket = xstrdup(ticket_ext_id);
    op->token = xstrdup(token);
    op->page = 1;
    if ((rc = fd_find_submit(op, err)) != TD_OK) {
        fd_op_free(op);
    }
    return rc;
}

/* ---- update: status, responder, tags ---- */

static void
fd_update_on_done(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err;
    enum td_status rc;

    if (resp->result != TD_OK) {
        rc = fd_fail(resp, "freshdesk: update", &err);
        fd_op_finish(op, rc, NULL, &err);
        return;
    }
    fd_op_finish(op, TD_OK, NULL, NULL);
}

static enum td_status
fd_update_put(struct fd_op *op, struct td_error *err)
{
    struct http_request *hr;
    char *path = xasprintf("tickets/%s", op->ticket);
    char *body = cJSON_PrintUnformatted(op->change);

    hr = fd_request(op->op.a, "PUT", path, NULL, fd_update_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    free(body);
    free(path);
    return http_transport_submit(op->op.a->http, hr, err);
}

static int
fd_in(const cJSON *list, const char *s)
{
    const cJSON *c;

    cJSON_ArrayForEach(c, list)
        if (cJSON_IsString(c) && strcmp(c->valuestring, s) == 0)
            return 1;
    return 0;
}

/* The ticket's tags as they are, changed as asked, into the PUT. */
static void
fd_update_on_ticket(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err;
    const cJSON *c;
    cJSON *j, *tags;
    enum td_status rc;

    if ((rc = fd_json(resp, "freshdesk: ticket", &j, &err)) != TD_OK) {
        fd_op_finish(op, rc, NULL, &err);
        return;
    }
    tags = cJSON_AddArrayToObject(op->change, "tags");
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(j, "tags"))
        if (cJSON_IsString(c) && !fd_in(op->del, c->valuestring) &&
            !fd_in(tags, c->valuestring))
            cJSON_AddItemToArray(tags, cJSON_CreateString(c->valuestring));
    cJSON_ArrayForEach(c, op->add)
        if (!fd_in(tags, c->valuestring))
            cJSON_AddItemToArray(tags, cJSON_CreateString(c->valuestring));
    cJSON_Delete(j);
    if ((rc = fd_update_put(op, &err)) != TD_OK)
        fd_op_finish(op, rc, NULL, &err);
}

/* PUT /tickets/{id} with status and responder_id (section 2,
 * "Status/assignee"). tags there replaces the whole list, so with a tag
 * change the ticket is read first. The assignee is the agent id the sync
 * shows, "" unassigns. */
static enum td_status
fd_update_start(struct account *a, const struct ticket_update *u,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    int status = 0;
    struct fd_op *op;
    char *path;
    enum td_status rc;

    if (!fd_digits(u->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "freshdesk: bad ticket id '%s'",
                            u->ticket_ext_id ? u->ticket_ext_id : "");
    if (u->status && (status = freshdesk_status_to_fd(u->status)) == 0)
        return td_error_set(err, TD_EINVAL, "freshdesk: no status for '%s'",
                            u->status);
    if (u->assignee && *u->assignee && !fd_digits(u->assignee))
        return td_error_set(err, TD_EINVAL, "freshdesk: assign by the "
                            "agent's id, not '%s'", u->assignee);
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->ticket = xstrdup(u->ticket_ext_id);
    op->change = cJSON_CreateObject();
    if (status)
        cJSON_AddNumberToObject(op->change, "status", status);
    if (u->assignee && *u->assignee)
        cJSON_AddNumberToObject(op->change, "responder_id",
                                strtod(u->assignee, NULL));
    else if (u->assignee)
        cJSON_AddNullToObject(op->change, "responder_id");
    if (u->n_add_tags + u->n_remove_tags == 0) {
        rc = fd_update_put(op, err);
    } else {
        op->add = cJSON_CreateArray();
        op->del = cJSON_CreateArray();
        for (size_t i = 0; i < u->n_add_tags; i++)
            cJSON_AddItemToArray(op->add, cJSON_CreateString(u->add_tags[i]));
        for (size_t i = 0; i < u->n_remove_tags; i++)
            cJSON_AddItemToArray(op->del,
                                 cJSON_CreateString(u->remove_tags[i]));
        path = xasprintf("tickets/%s", op->ticket);
        rc = http_transport_submit(a->http,
                                   fd_request(a, "GET", path, NULL,
                                              fd_update_on_ticket, op),
                                   err);
        free(path);
    }
    if (rc != TD_OK)
        fd_op_free(op);
    return rc;
}

/* ---- canned responses: folders, then the responses of each ---- */

static enum td_status fd_canned_submit(struct fd_op *op,
                                       struct td_error *err);

static void
fd_canned_on_responses(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    const cJSON *folder = cJSON_GetArrayItem(op->folders, op->folder);
    struct td_error err;
    const cJSON *c;
    cJSON *j;
    enum td_status rc;

    rc = fd_json(resp, "freshdesk: canned responses", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "freshdesk: canned responses "
                          "are not an array");
    cJSON_ArrayForEach(c, (rc == TD_OK ? j : NULL)) {
        const char *text = json_str(c, "content");
        const char *html = json_str(c, "content_html");
        char *id = fd_id(c, "id"), *conv = NULL;

        /* content is the plain text; without it, the HTML as text. The
         * {{ticket.requester.firstname}} placeholders are text in both. */
        if (text == NULL && html)
            rc = html_to_text(html, strlen(html), &conv, &err);
        if (rc == TD_OK && (text || conv))
            canned_list_add(op->canned, id, json_str(c, "title"),
                            text ? text : conv, json_str(folder, "name"));
        free(conv);
        free(id);
        if (rc != TD_OK)
            break;
    }
    cJSON_Delete(j);
    if (rc == TD_OK && fd_has_next(resp)) {
        op->page++;
    } else if (rc == TD_OK) {
        op->folder++;
        op->page = 1;
    }
    if (rc == TD_OK && op->folder < cJSON_GetArraySize(op->folders) &&
        (rc = fd_canned_submit(op, &err)) == TD_OK)
        return;
    fd_op_finish(op, rc, NULL, &err);
}

static enum td_status
fd_canned_submit(struct fd_op *op, struct td_error *err)
{
    const cJSON *folder = cJSON_GetArrayItem(op->folders, op->folder);
    char page[24], *id = fd_id(folder, "id"), *path;
    const char *params[] = {
        "page", page,
        "per_page", FD_PER_PAGE,
        NULL,
    };
    enum td_status rc;

    if (!fd_digits(id)) {
        free(id);
        return td_error_set(err, TD_EPARSE, "freshdesk: a canned response "
                            "folder without an id");
    }
    snprintf(page, sizeof page, "%ld", op->page);
    path = xasprintf("canned_response_folders/%s/responses", id);
    rc = http_transport_submit(op->op.a->http,
                               fd_request(op->op.a, "GET", path, params,
                                          fd_canned_on_responses, op),
                               err);
    free(path);
    free(id);
    return rc;
}

static void
fd_canned_on_folders(void *ctx, struct http_response *resp)
{
    struct fd_op *op = ctx;
    struct td_error err;
    cJSON *j;
    enum td_status rc;

    td_error_clear(&err);
    rc = fd_json(resp, "freshdesk: canned response folders", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "freshdesk: canned response "
                          "folders are not an array");
    if (rc != TD_OK) {
        cJSON_Delete(j);
        fd_op_finish(op, rc, NULL, &err);
        return;
    }
    op->folders = j;
    op->folder = 0;
    op->page = 1;
    if (cJSON_GetArraySize(j) > 0 && (rc = fd_canned_submit(op, &err)) ==
                                         TD_OK)
        return;
    fd_op_finish(op, rc, NULL, &err);
}

/* GET /canned_response_folders, then each folder's responses
 * (api-reference.md section 2, "Canned responses"). */
static enum td_status
fd_list_canned_start(struct account *a, struct canned_list *out,
                     drv_done_fn done, void *ctx, struct td_error *err)
{
    struct fd_op *op = xcalloc(1, sizeof *op);
    enum td_status rc;

    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->canned = out;
    rc = http_transport_submit(a->http,
                               fd_request(a, "GET", "canned_response_folders",
                                          NULL, fd_canned_on_folders, op),
                               err);
    if (rc != TD_OK)
        fd_op_free(op);
    return rc;
}

const struct driver drv_freshdesk = {
    .name = "freshdesk",
    .desc = "Freshdesk (API v2)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ASSIGN | DRV_CAP_TAGS,
    .priv_size = sizeof(struct fd_priv),
    .keys = fd_keys,
    .open = fd_open,
    .close = fd_close,
    .sync_start = fd_sync_start,
    .reply_start = fd_reply_start,
    .find_sent_start = fd_find_sent_start,
    .update_start = fd_update_start,
    .list_canned_start = fd_list_canned_start,
};
