/* rt.c: Request Tracker 5 over REST2, as chains of non-blocking requests. */
#include "drivers/rt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/netdrv.h"
#include "net/html.h"
#include "net/http.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* RT caps per_page at 100 (api-reference.md section 5, quirk 9). */
#define RT_PER_PAGE "100"
#define RT_MAX_BODY_HTML ((size_t)8 << 20)
#define RT_CURSOR "updated"

struct rt_priv {
    char *base;         /* ".../REST/2.0", no trailing slash */
    char *auth;         /* "token ..." */
    int insecure;
};

static const char *const rt_keys[] = {
    "token_env",
    "token_cmd",
    "insecure",
    NULL,
};

/* Default lifecycle; our "pending" (waiting on the customer) and
 * "on-hold" are both RT's "stalled", "closed" has no better RT word than
 * "resolved" (rejected means something else to an RT admin). */
static const struct {
    const char *ours;
    const char *rt;
} rt_status_out[] = {
    { "new", "new" },
    { "open", "open" },
    { "pending", "stalled" },
    { "on-hold", "stalled" },
    { "solved", "resolved" },
    { "closed", "resolved" },
};

static const struct {
    const char *rt;
    const char *ours;
} rt_status_in[] = {
    { "new", "new" },
    { "open", "open" },
    { "stalled", "on-hold" },
    { "resolved", "solved" },
    { "rejected", "closed" },
    { "deleted", "closed" },
};

const char *
rt_status_to_rt(const char *normalised)
{
    for (size_t i = 0; i < sizeof rt_status_out / sizeof *rt_status_out; i++)
        if (strcmp(rt_status_out[i].ours, normalised) == 0)
            return rt_status_out[i].rt;
    return NULL;
}

const char *
rt_status_from_rt(const char *rt)
{
    for (size_t i = 0; rt && i < sizeof rt_status_in / sizeof *rt_status_in;
         i++)
        if (strcasecmp(rt_status_in[i].rt, rt) == 0)
            return rt_status_in[i].ours;
    return "open";
}

static enum td_status
rt_open(struct account *a, struct td_error *err)
{
    struct rt_priv *p = a->priv;
    enum td_status rc;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if ((rc = http_url_check(a->url, p->insecure, err)) != TD_OK)
        return rc;
    /* The account URL is RT's own base ($WebBaseURL); REST2 lives under
     * it. Accept the REST2 URL itself too, since that is what people copy. */
    p->base = netdrv_api_base(a->url, "/REST/2.0");
    {
        char *tok = NULL;

        if ((rc = drv_account_secret(a, &tok, err)) != TD_OK)
            return rc;
        p->auth = xasprintf("token %s", tok);
        memset(tok, 0, strlen(tok));
        free(tok);
    }
    return TD_OK;
}

static void
rt_close(struct account *a)
{
    struct rt_priv *p = a->priv;

    free(p->base);
    if (p->auth)
        memset(p->auth, 0, strlen(p->auth));
    free(p->auth);
}

/* A request to REST2 with the account's credentials and budget. */
static struct http_request *
rt_request(struct account *a, const char *method, const char *path,
           const char *const *params, http_done_fn done, void *ctx)
{
    struct rt_priv *p = a->priv;

    return netdrv_request(a, p->base, p->auth, p->insecure, method, path,
                          params, done, ctx);
}

/* Turn a failed response into err, with RT's {"message": ...} when the
 * body has one. */
static enum td_status
rt_fail(const struct http_response *resp, const char *what,
        struct td_error *err)
{
    cJSON *j = NULL;
    const char *msg = NULL;
    enum td_status rc = resp->result != TD_OK ? resp->result : TD_EPARSE;
    struct td_error ignored;

    if (resp->status >= 400 &&
        json_parse(resp->body, resp->body_len, &j, "rt", &ignored) == TD_OK)
        msg = json_str(j, "message");
    if (resp->status > 0)
        td_error_set(err, rc, "%s: HTTP %ld%s%s", what, resp->status,
                     msg ? ": " : "", msg ? msg : "");
    else
        td_error_set(err, rc, "%s: %s", what, resp->error);
    cJSON_Delete(j);
    return rc;
}

/* The JSON of a 2xx response, or the failure in err. */
static enum td_status
rt_json(const struct http_response *resp, const char *what, cJSON **out,
        struct td_error *err)
{
    *out = NULL;
    if (resp->result != TD_OK)
        return rt_fail(resp, what, err);
    return json_parse(resp->body, resp->body_len, out, what, err);
}

/* RT gives numbers as numbers, strings or floats (quirk 2). */
static long
rt_num(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (cJSON_IsNumber(v))
        return (long)v->valuedouble;
    if (cJSON_IsString(v))
        return strtol(v->valuestring, NULL, 10);
    return 0;
}

/* The id of a reference {"id": ..., "type", "_url"}, owned or NULL. In
 * a collection asked for with fields= some references come as the bare
 * id instead ("TransactionId": "33" in /ticket/N/attachments). */
static char *
rt_ref_id(const cJSON *obj, const char *key)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (cJSON_IsObject(r))
        return json_strdup(r, "id");
    return json_strdup(obj, key);
}

/* ---- sync ---- */

/* One sync in flight: the ticket list is paged with page/per_page over a
 * TicketSQL query fixed at the start; for each ticket on a page its
 * history (who wrote what, when) and its attachments (the bodies) are
 * fetched, one request at a time, before the next ticket. */
struct rt_sync {
    struct netdrv_op op;    /* first: who is told the outcome */
    const struct sync_sink *out;
    char *query;
    char *newest;           /* newest LastUpdated seen so far (ISO) */
    int moved;              /* newest changed since the last cursor_set */
    long page;
    long pages;
    cJSON *list;            /* the page of tickets */
    int idx;                /* the ticket being fetched */
    size_t n_done;
    size_t total;
    int stage;              /* RT_ST_HISTORY or RT_ST_ATTS */
    long sub_page;
    cJSON *history;         /* items of every history page */
    cJSON *atts;            /* items of every attachments page */
};

enum {
    RT_ST_HISTORY,
    RT_ST_ATTS,
};

static void rt_sync_on_list(void *ctx, struct http_response *resp);
static void rt_sync_on_sub(void *ctx, struct http_response *resp);

static void
rt_sync_free(void *self)
{
    struct rt_sync *s = self;

    free(s->query);
    free(s->newest);
    cJSON_Delete(s->list);
    cJSON_Delete(s->history);
    cJSON_Delete(s->atts);
    free(s);
}

/* End the sync; s is gone when done runs, so done may start another. */
static void
rt_sync_finish(struct rt_sync *s, enum td_status rc,
               const struct td_error *err)
{
    netdrv_op_end(&s->op, rt_sync_free, s, rc, NULL, err);
}

static enum td_status
rt_sync_submit_list(struct rt_sync *s, struct td_error *err)
{
    char page[24];
    const char *params[] = {
        "query", s->query,
        "orderby", "LastUpdated",
        "order", "ASC",
        "page", page,
        "per_page", RT_PER_PAGE,
        "fields", "Subject,Status,Queue,Owner,Requestor,Created,LastUpdated",
        "fields[Queue]", "Name",
        "fields[Requestor]", "EmailAddress,RealName",
        NULL,
    };

    snprintf(page, sizeof page, "%ld", s->page);
    return http_transport_submit(s->op.a->http,
                                 rt_request(s->op.a, "GET", "tickets", params,
                                            rt_sync_on_list, s),
                                 err);
}

static enum td_status
rt_sync_submit_sub(struct rt_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    char *id = json_strdup(item, "id");
    char page[24], *path;
    const char *hist[] = {
        "page", page,
        "per_page", RT_PER_PAGE,
        "fields", "Type,Creator,Created",
        NULL,
    };
    /* Not Parent: it makes RT 5.0.3 answer 500 (quirk 5). In this
     * collection Content is text, not base64 (quirk 4). */
    const char *atts[] = {
        "page", page,
        "per_page", RT_PER_PAGE,
        "fields", "TransactionId,ContentType,Filename,Content",
        NULL,
    };
    enum td_status rc;

    snprintf(page, sizeof page, "%ld", s->sub_page);
    if (id == NULL)
        return td_error_set(err, TD_EPARSE, "rt: a ticket without an id");
    path = xasprintf("ticket/%s/%s", id,
                     s->stage == RT_ST_HISTORY ? "history" : "attachments");
    rc = http_transport_submit(s->op.a->http,
                               rt_request(s->op.a, "GET", path,
                                          s->stage == RT_ST_HISTORY ? hist
                                                                    : atts,
                                          rt_sync_on_sub, s),
                               err);
    free(path);
    free(id);
    return rc;
}

static void
rt_fill_customer(struct customer *c, const cJSON *req)
{
    c->external_id = json_strdup(req, "id");
    c->email = json_strdup(req, "EmailAddress");
    c->name = json_strdup(req, "RealName");
    if (c->name && *c->name == '\0')
        xfree_str(&c->name);
    if (c->email && *c->email == '\0')
        xfree_str(&c->email);
}

/* Whether user (an RT user name, for customers their email) is one of the
 * ticket's requestors. */
static int
rt_is_requestor(const cJSON *requestors, const char *user)
{
    const cJSON *r;

    if (user == NULL)
        return 0;
    cJSON_ArrayForEach(r, requestors) {
        const char *id = json_str(r, "id");
        const char *em = json_str(r, "EmailAddress");

        if ((id && strcasecmp(id, user) == 0) ||
            (em && strcasecmp(em, user) == 0))
            return 1;
    }
    return 0;
}

/* The body of transaction txn: its text/plain part, else its text/html
 * part as text; files become attachments of the message. */
static enum td_status
rt_fill_body(struct message *m, const cJSON *atts, const char *txn,
             struct td_error *err)
{
    const cJSON *at;
    const char *html = NULL;

    cJSON_ArrayForEach(at, atts) {
        char *tid = rt_ref_id(at, "TransactionId");
        const char *ct = json_str(at, "ContentType");
        const char *fn = json_str(at, "Filename");
        const char *content = json_str(at, "Content");
        int mine = tid && strcmp(tid, txn) == 0;

        free(tid);
        if (!mine || ct == NULL)
            continue;
        if (fn && *fn) {
            m->attachments = xreallocarray(m->attachments,
                                           m->n_attachments + 1,
                                           sizeof *m->attachments);
            m->attachments[m->n_attachments].name = xstrdup(fn);
            m->attachments[m->n_attachments++].size =
                content ? (int64_t)strlen(content) : 0;
        } else if (strncasecmp(ct, "text/plain", 10) == 0 && content &&
                   m->body == NULL) {
            m->body = xstrdup(content);
        } else if (strncasecmp(ct, "text/html", 9) == 0 && content &&
                   html == NULL) {
            html = content;
        }
    }
    if (m->body == NULL && html != NULL) {
        enum td_status rc = html_to_text(html, strlen(html), &m->body, err);

        if (rc != TD_OK)
            return rc;
        m->html = xstrdup(html);
    }
    if (m->body == NULL)
        m->body = xstrdup("");
    return TD_OK;
}

/* Build the ticket from its list item, history and attachments. */
static enum td_status
rt_build_ticket(struct rt_sync *s, const cJSON *item, struct ticket *t,
                struct td_error *err)
{
    const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(item, "Requestor");
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(item, "Queue");
    const cJSON *h;
    const char *status = json_str(item, "Status");
    char *owner = rt_ref_id(item, "Owner");
    enum td_status rc;

    t->external_id = json_strdup(item, "id");
    t->subject = json_strdup(item, "Subject");
    t->status_raw = xstrdup(status ? status : "");
    t->status = ticket_status_from_name(rt_status_from_rt(status));
    t->priority = TP_NORMAL;
    t->channel = CH_EMAIL;
    t->created_at = json_time(item, "Created");
    t->updated_at = json_time(item, "LastUpdated");
    if (cJSON_IsArray(reqs) && cJSON_GetArraySize(reqs) > 0)
        rt_fill_customer(&t->requester, cJSON_GetArrayItem(reqs, 0));
    /* "Nobody" is RT's word for unassigned. */
    if (owner && strcmp(owner, "Nobody") != 0)
        t->assignee = owner;
    else
        free(owner);
    /* Our model has no queue; it is the tag an agent filters by. */
    if (json_str(q, "Name"))
        ticket_add_tag(t, json_str(q, "Name"));
    cJSON_ArrayForEach(h, s->history) {
        const char *type = json_str(h, "Type");
        char *txn, *creator;
        struct message *m;
        int note;

        if (type == NULL || (strcmp(type, "Create") != 0 &&
                             strcmp(type, "Correspond") != 0 &&
                             strcmp(type, "Comment") != 0))
            continue;
        note = strcmp(type, "Comment") == 0;
        txn = json_strdup(h, "id");
        creator = rt_ref_id(h, "Creator");
        m = ticket_add_message(t);
        m->external_id = txn;
        m->is_public = !note;
        m->created_at = json_time(h, "Created");
        if (!note && rt_is_requestor(reqs, creator))
            m->author = AK_CUSTOMER;
        else if (creator && strcmp(creator, "RT_System") == 0)
            m->author = AK_SYSTEM;
        else
            m->author = AK_AGENT;
        /* A customer's RT user name is their email: show their name. */
        if (m->author == AK_CUSTOMER && t->requester.name) {
            m->author_name = xstrdup(t->requester.name);
            free(creator);
        } else {
            m->author_name = creator;
        }
        if (txn && (rc = rt_fill_body(m, s->atts, txn, err)) != TD_OK)
            return rc;
    }
    return TD_OK;
}

/* Feed the finished ticket to the sink and note its LastUpdated. */
static enum td_status
rt_sync_emit(struct rt_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    const char *upd = json_str(item, "LastUpdated");
    struct ticket t = { 0 };
    enum td_status rc;

    if ((rc = rt_build_ticket(s, item, &t, err)) == TD_OK)
        rc = s->out->ticket(s->out->ctx, &t, err);
    ticket_clear(&t);
    if (rc != TD_OK)
        return rc;
    /* ISO 8601 in UTC with Z sorts as text. */
    if (upd && (s->newest == NULL || strcmp(upd, s->newest) > 0)) {
        free(s->newest);
        s->newest = xstrdup(upd);
        s->moved = 1;
    }
    s->n_done++;
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done, s->total);
    return TD_OK;
}

/* Go on with the next ticket of the page, or the next page, or finish. */
static void
rt_sync_next(struct rt_sync *s)
{
    struct td_error err;
    enum td_status rc = TD_OK;

    td_error_clear(&err);
    if (s->idx < cJSON_GetArraySize(s->list)) {
        cJSON_Delete(s->history);
        cJSON_Delete(s->atts);
        s->history = cJSON_CreateArray();
        s->atts = cJSON_CreateArray();
        s->stage = RT_ST_HISTORY;
        s->sub_page = 1;
        if ((rc = rt_sync_submit_sub(s, &err)) != TD_OK)
            rt_sync_finish(s, rc, &err);
        return;
    }
    /* The page is complete: its cursor goes in its transaction. */
    if (s->moved)
        rc = s->out->cursor_set(s->out->ctx, RT_CURSOR, s->newest, &err);
    s->moved = 0;
    if (rc == TD_OK)
        rc = s->out->page_done(s->out->ctx, &err);
    if (rc == TD_OK && s->page < s->pages) {
        s->page++;
        if ((rc = rt_sync_submit_list(s, &err)) == TD_OK)
            return;
    }
    rt_sync_finish(s, rc, &err);
}

static void
rt_sync_on_list(void *ctx, struct http_response *resp)
{
    struct rt_sync *s = ctx;
    struct td_error err;
    cJSON *j, *items;
    enum td_status rc;

    if ((rc = rt_json(resp, "rt: ticket list", &j, &err)) != TD_OK) {
        rt_sync_finish(s, rc, &err);
        return;
    }
    items = cJSON_DetachItemFromObjectCaseSensitive(j, "items");
    if (!cJSON_IsArray(items)) {
        cJSON_Delete(items);
        cJSON_Delete(j);
        td_error_set(&err, TD_EPARSE, "rt: ticket list without items");
        rt_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    s->pages = rt_num(j, "pages");
    if (s->total == 0)
        s->total = (size_t)(rt_num(j, "total") > 0 ? rt_num(j, "total") : 0);
    cJSON_Delete(j);
    cJSON_Delete(s->list);
    s->list = items;
    s->idx = 0;
    rt_sync_next(s);
}

/* Move the items of a collection page into acc; 1 if more pages follow. */
static int
rt_collect(cJSON *acc, cJSON *page)
{
    cJSON *items = cJSON_GetObjectItemCaseSensitive(page, "items");
    cJSON *it;

    while (cJSON_IsArray(items) && (it = items->child) != NULL)
        cJSON_AddItemToArray(acc, cJSON_DetachItemViaPointer(items, it));
    return rt_num(page, "page") < rt_num(page, "pages");
}

static void
rt_sync_on_sub(void *ctx, struct http_response *resp)
{
    struct rt_sync *s = ctx;
    struct td_error err;
    cJSON *j;
    enum td_status rc;
    int more;

    rc = rt_json(resp, s->stage == RT_ST_HISTORY ? "rt: ticket history"
                                                  : "rt: attachments",
                 &j, &err);
    if (rc != TD_OK) {
        rt_sync_finish(s, rc, &err);
        return;
    }
    more = rt_collect(s->stage == RT_ST_HISTORY ? s->history : s->atts, j);
    cJSON_Delete(j);
    if (more) {
        s->sub_page++;
    } else if (s->stage == RT_ST_HISTORY) {
        s->stage = RT_ST_ATTS;
        s->sub_page = 1;
    } else {
        if ((rc = rt_sync_emit(s, &err)) != TD_OK) {
            rt_sync_finish(s, rc, &err);
            return;
        }
        s->idx++;
        rt_sync_next(s);
        return;
    }
    if ((rc = rt_sync_submit_sub(s, &err)) != TD_OK)
        rt_sync_finish(s, rc, &err);
}

/* The TicketSQL for what changed since cursor. RT compares whole seconds
 * and a ticket may change again within the second the cursor names, so
 * the bound is one second earlier: the boundary tickets come again and
 * are upserted unchanged, which costs little and loses nothing. */
static char *
rt_query(const char *cursor)
{
    struct tm tm;
    time_t t;

    if (cursor == NULL || time_parse_iso(cursor, &t) != 0 || t <= 1)
        return xstrdup("id > 0");
    t -= 1;
    gmtime_r(&t, &tm);
    return xasprintf("LastUpdated > '%04d-%02d-%02d %02d:%02d:%02d'",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static enum td_status
rt_sync_start(struct account *a, const struct sync_sink *out,
              drv_done_fn done, void *ctx, struct td_error *err)
{
    struct rt_sync *s = xcalloc(1, sizeof *s);
    char *cursor = NULL;
    enum td_status rc;

    if ((rc = out->cursor_get(out->ctx, RT_CURSOR, &cursor, err)) != TD_OK) {
        free(s);
        return rc;
    }
    s->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    s->out = out;
    s->query = rt_query(cursor);
    s->newest = cursor;
    s->page = 1;
    if ((rc = rt_sync_submit_list(s, err)) != TD_OK)
        rt_sync_free(s);
    return rc;
}

/* ---- reply ---- */

struct rt_op {
    struct netdrv_op op;    /* first: who is told the outcome */
    char *ticket;
    char *token;            /* find_sent: the marker looked for */
    char *best;             /* find_sent: the earliest transaction with it */
    long page;
};

static void
rt_op_free(void *self)
{
    struct rt_op *op = self;

    free(op->ticket);
    free(op->token);
    free(op->best);
    free(op);
}

static void
rt_op_finish(struct rt_op *op, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    netdrv_op_end(&op->op, rt_op_free, op, rc, remote_id, err);
}

/* A token goes into an HTML comment: refuse anything that could end it. */
static int
rt_token_ok(const char *tok)
{
    return netdrv_token_ok(tok);
}

/* The text as HTML (escaped, line breaks kept) plus the marker; NULL
 * when it would pass the cap (never a truncated reply). */
static char *
rt_body_html(const char *text, const char *token)
{
    return netdrv_body_html(text, token, RT_MAX_BODY_HTML);
}

/* "/REST/2.0/transaction/59" -> "59" (owned), NULL if not that shape. */
static char *
rt_location_id(const char *loc)
{
    const char *p = loc ? strstr(loc, "/transaction/") : NULL;

    if (p == NULL)
        return NULL;
    p += strlen("/transaction/");
    return *p ? xstrndup(p, strspn(p, "0123456789")) : NULL;
}

static void
rt_reply_on_done(void *ctx, struct http_response *resp)
{
    struct rt_op *op = ctx;
    struct td_error err;
    char *id;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        /* A POST that failed after it was sent may have landed: TD_ENET
         * leaves the outbox item "sending" so find_sent decides. */
        enum td_status rc = rt_fail(resp, "rt: reply", &err);

        rt_op_finish(op, rc, NULL, &err);
        return;
    }
    id = rt_location_id(http_header_get(resp, "Location"));
    rt_op_finish(op, TD_OK, id ? id : "", NULL);
    free(id);
}

/* Correspond (public) or comment (note), with the status change in the
 * same request: RT applies both in one call, so a crash cannot leave the
 * reply sent and the status unchanged. */
static enum td_status
rt_reply_start(struct account *a, const struct reply_req *req,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct http_request *hr;
    struct rt_op *op;
    char *html, *path, *body;
    cJSON *j;

    if (req->ticket_ext_id == NULL ||
        strspn(req->ticket_ext_id, "0123456789") !=
            strlen(req->ticket_ext_id) || *req->ticket_ext_id == '\0')
        return td_error_set(err, TD_EINVAL, "rt: bad ticket id '%s'",
                            req->ticket_ext_id ? req->ticket_ext_id : "");
    if (req->token && !rt_token_ok(req->token))
        return td_error_set(err, TD_EINVAL, "rt: unusable outbox token");
    if (req->set_status && (status = rt_status_to_rt(req->set_status)) == NULL)
        return td_error_set(err, TD_EINVAL, "rt: no RT status for '%s'",
                            req->set_status);
    if ((html = rt_body_html(req->body, req->token)) == NULL)
        return td_error_set(err, TD_ETOOBIG, "rt: the reply is too long");
    j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "Content", html);
    /* HTML so that the outbox marker is invisible; a raw text/plain body
     * would also be double-encoded by RT (quirk 6). */
    cJSON_AddStringToObject(j, "ContentType", "text/html");
    if (status)
        cJSON_AddStringToObject(j, "Status", status);
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    free(html);
    path = xasprintf("ticket/%s/%s", req->ticket_ext_id,
                     req->is_note ? "comment" : "correspond");
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    hr = rt_request(a, "POST", path, NULL, rt_reply_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    hr->idempotent = HTTP_IDEMPOTENT_NO;
    free(body);
    free(path);
    if (http_transport_submit(a->http, hr, err) != TD_OK) {
        rt_op_free(op);
        return err->status;
    }
    return TD_OK;
}

/* ---- update: status and owner; RT has no tags (the queue is one) ---- */

static void
rt_update_on_done(void *ctx, struct http_response *resp)
{
    struct rt_op *op = ctx;
    struct td_error err;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        enum td_status rc = rt_fail(resp, "rt: update", &err);

        rt_op_finish(op, rc, NULL, &err);
        return;
    }
    rt_op_finish(op, TD_OK, NULL, NULL);
}

/* PUT /ticket/{id} with Status and Owner ("Nobody" unassigns). Both are
 * plain assignments, so a repeat after a lost answer changes nothing. */
static enum td_status
rt_update_start(struct account *a, const struct ticket_update *u,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct http_request *hr;
    struct rt_op *op;
    char *path, *body;
    cJSON *j;

    if (u->ticket_ext_id == NULL || *u->ticket_ext_id == '\0' ||
        strspn(u->ticket_ext_id, "0123456789") != strlen(u->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "rt: bad ticket id '%s'",
                            u->ticket_ext_id ? u->ticket_ext_id : "");
    if (u->status && (status = rt_status_to_rt(u->status)) == NULL)
        return td_error_set(err, TD_EINVAL, "rt: no RT status for '%s'",
                            u->status);
    j = cJSON_CreateObject();
    if (status)
        cJSON_AddStringToObject(j, "Status", status);
    if (u->assignee)
        cJSON_AddStringToObject(j, "Owner",
                                *u->assignee ? u->assignee : "Nobody");
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    path = xasprintf("ticket/%s", u->ticket_ext_id);
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    hr = rt_request(a, "PUT", path, NULL, rt_update_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    free(body);
    free(path);
    if (http_transport_submit(a->http, hr, err) != TD_OK) {
        rt_op_free(op);
        return err->status;
    }
    return TD_OK;
}

/* ---- find_sent ---- */

static enum td_status rt_find_submit(struct rt_op *op, struct td_error *err);

static void
rt_find_on_page(void *ctx, struct http_response *resp)
{
    struct rt_op *op = ctx;
    struct td_error err;
    char *marker;
    const cJSON *at, *items;
    cJSON *j;
    enum td_status rc;
    int more;

    if ((rc = rt_json(resp, "rt: attachments", &j, &err)) != TD_OK) {
        rt_op_finish(op, rc, NULL, &err);
        return;
    }
    marker = xasprintf("%s%s%s", RT_MARKER_PREFIX, op->token,
                       RT_MARKER_SUFFIX);
    items = cJSON_GetObjectItemCaseSensitive(j, "items");
    /* RT's own copy of the outgoing mail (EmailRecord) carries the marker
     * too, and is always a later transaction: keep the earliest. */
    cJSON_ArrayForEach(at, items) {
        const char *content = json_str(at, "Content");
        char *tid;

        if (content == NULL || strstr(content, marker) == NULL)
            continue;
        tid = rt_ref_id(at, "TransactionId");
        if (tid && (op->best == NULL || strtol(tid, NULL, 10) <
                                            strtol(op->best, NULL, 10))) {
            free(op->best);
            op->best = tid;
        } else {
            free(tid);
        }
    }
    free(marker);
    more = rt_num(j, "page") < rt_num(j, "pages");
    cJSON_Delete(j);
    if (more) {
        op->page++;
        if ((rc = rt_find_submit(op, &err)) != TD_OK)
            rt_op_finish(op, rc, NULL, &err);
        return;
    }
    if (op->best) {
        char *best = xstrdup(op->best);

        rt_op_finish(op, TD_OK, best, NULL);
        free(best);
        return;
    }
    td_error_set(&err, TD_ENOTFOUND, "rt: not in ticket %s", op->ticket);
    rt_op_finish(op, TD_ENOTFOUND, NULL, &err);
}

static enum td_status
rt_find_submit(struct rt_op *op, struct td_error *err)
{
    char page[24], *path;
    const char *params[] = {
        "page", page,
        "per_page", RT_PER_PAGE,
        "fields", "TransactionId,ContentType,Content",
        NULL,
    };
    enum td_status rc;

    snprintf(page, sizeof page, "%ld", op->page);
    path = xasprintf("ticket/%s/attachments", op->ticket);
    rc = http_transport_submit(op->op.a->http,
                               rt_request(op->op.a, "GET", path, params,
                                          rt_find_on_page, op),
                               err);
    free(path);
    return rc;
}

static enum td_status
rt_find_sent_start(struct account *a, const char *ticket_ext_id,
                   const char *token, drv_done_fn done, void *ctx,
                   struct td_error *err)
{
    struct rt_op *op;
    enum td_status rc;

    if (ticket_ext_id == NULL || *ticket_ext_id == '\0' ||
        strspn(ticket_ext_id, "0123456789") != strlen(ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "rt: bad ticket id");
    if (!rt_token_ok(token))
        return td_error_set(err, TD_EINVAL, "rt: unusable outbox token");
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->ticket = xstrdup(ticket_ext_id);
    op->token = xstrdup(token);
    op->page = 1;
    if ((rc = rt_find_submit(op, err)) != TD_OK) {
        rt_op_free(op);
    }
    return rc;
}

const struct driver drv_rt = {
    .name = "rt",
    .desc = "Request Tracker 5 (REST2)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ASSIGN,
    .priv_size = sizeof(struct rt_priv),
    .keys = rt_keys,
    .open = rt_open,
    .close = rt_close,
    .sync_start = rt_sync_start,
    .reply_start = rt_reply_start,
    .find_sent_start = rt_find_sent_start,
    .update_start = rt_update_start,
};
