/* zendesk.c: Zendesk Support API v2, as chains of non-blocking requests. */
#include "drivers/zendesk.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/netdrv.h"
#include "net/html.h"
#include "net/http.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/xmalloc.h"

/* Incremental export pages may hold 1000 tickets; 100 keeps a page (one
 * transaction, one comment request per ticket) short. Comment lists take
 * page[size] up to 100 (api-reference.md section 1, "List"). */
#define ZD_EXPORT_PER_PAGE "100"
#define ZD_PAGE_SIZE "100"
#define ZD_CURSOR "cursor"
/* Sideloads of the export (incremental_exports, "Side-Loading"): users
 * for requesters and assignees, and the SLA timers
 * (slas.policy_metrics[].breach_at) for first_response_due. Unverified:
 * the stored docs name slas for ticket lists, not for this export; if the
 * export leaves it out, first_response_due stays 0 and nothing breaks. */
#define ZD_EXPORT_INCLUDE "users,slas"

struct zd_priv {
    char *base;         /* "https://x.zendesk.com/api/v2", no slash */
    char *auth;         /* "Basic ..." or "Bearer ..." */
    int insecure;
};

static const char *const zd_keys[] = {
    "user",
    "auth",
    "token_env",
    "token_cmd",
    "insecure",
    NULL,
};

static const struct {
    const char *zd;
    const char *ours;
} zd_status_in[] = {
    { "new", "new" },
    { "open", "open" },
    { "pending", "pending" },
    { "hold", "on-hold" },
    { "solved", "solved" },
    { "closed", "closed" },
    /* The export lists deleted tickets too (incremental_exports, "Excluding
     * deleted tickets"). */
    { "deleted", "closed" },
};

/* "closed" cannot be set through an update: Zendesk closes solved tickets
 * itself after a while, so an agent's "closed" is sent as "solved". */
static const struct {
    const char *ours;
    const char *zd;
} zd_status_out[] = {
    { "new", "new" },
    { "open", "open" },
    { "pending", "pending" },
    { "on-hold", "hold" },
    { "solved", "solved" },
    { "closed", "solved" },
};

/* via.channel values that are not already one of our channel names. */
static const struct {
    const char *via;
    const char *ours;
} zd_channels[] = {
    { "web_form", "web" },
    { "web_widget", "web" },
    { "web_service", "web" },
    { "help_center", "web" },
    { "mobile_sdk", "web" },
    { "native_messaging", "chat" },
    { "chat_transcript", "chat" },
    { "messaging", "chat" },
    { "facebook", "messenger" },
    { "instagram_dm", "messenger" },
    { "voice", "phone" },
    { "text", "sms" },
};

const char *
zd_status_to_zd(const char *normalised)
{
    for (size_t i = 0; i < sizeof zd_status_out / sizeof *zd_status_out; i++)
        if (strcmp(zd_status_out[i].ours, normalised) == 0)
            return zd_status_out[i].zd;
    return NULL;
}

const char *
zd_status_from_zd(const char *zd)
{
    for (size_t i = 0; zd && i < sizeof zd_status_in / sizeof *zd_status_in;
         i++)
        if (strcasecmp(zd_status_in[i].zd, zd) == 0)
            return zd_status_in[i].ours;
    return "open";
}

const char *
zd_channel_from_via(const char *via)
{
    if (via == NULL)
        return "other";
    if (channel_from_name(via) >= 0)
        return via;
    for (size_t i = 0; i < sizeof zd_channels / sizeof *zd_channels; i++)
        if (strcmp(zd_channels[i].via, via) == 0)
            return zd_channels[i].ours;
    return "other";
}

/* API tokens go as Basic "{email}/token:{token}"; auth=bearer sends an
 * OAuth access token instead (api-reference.md section 1, "Auth"). */
static enum td_status
zd_open(struct account *a, struct td_error *err)
{
    struct zd_priv *p = a->priv;
    const char *mode = drv_account_opt(a, "auth");
    const char *user = drv_account_opt(a, "user");
    char *tok = NULL, *cred;
    enum td_status rc;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if ((rc = http_url_check(a->url, p->insecure, err)) != TD_OK)
        return rc;
    if (mode && strcmp(mode, "token") != 0 && strcmp(mode, "bearer") != 0)
        return td_error_set(err, TD_EINVAL, "auth=%s: want token or bearer",
                            mode);
    if ((mode == NULL || strcmp(mode, "token") == 0) &&
        (user == NULL || strchr(user, '@') == NULL))
        return td_error_set(err, TD_EINVAL, "user= must be the agent's "
                            "email for API token auth");
    p->base = netdrv_api_base(a->url, "/api/v2");
    if ((rc = drv_account_secret(a, &tok, err)) != TD_OK)
        return rc;
    if (mode && strcmp(mode, "bearer") == 0) {
        p->auth = xasprintf("Bearer %s", tok);
    } else {
        cred = xasprintf("%s/token", user);
        p->auth = netdrv_basic_auth(cred, tok);
        netdrv_wipe(&cred);
    }
    netdrv_wipe(&tok);
    return TD_OK;
}

static void
zd_close(struct account *a)
{
    struct zd_priv *p = a->priv;

    free(p->base);
    netdrv_wipe(&p->auth);
}

/* A request to the API with the account's credentials and budget: the
 * budget is the account name, so a 429's Retry-After holds every request
 * of the account (Zendesk's limits are per account and minute). */
static struct http_request *
zd_request(struct account *a, const char *method, const char *path,
           const char *const *params, http_done_fn done, void *ctx)
{
    struct zd_priv *p = a->priv;

    return netdrv_request(a, p->base, p->auth, p->insecure, method, path,
                          params, done, ctx);
}

/* Turn a failed response into err. Zendesk's error is a string
 * ("RecordNotFound") with a "description", or an object {title, message};
 * some 429s are text/plain (section 13, gotcha 2), so JSON is optional. */
static enum td_status
zd_fail(const struct http_response *resp, const char *what,
        struct td_error *err)
{
    cJSON *j = NULL;
    const char *e = NULL, *d = NULL;
    enum td_status rc = resp->result != TD_OK ? resp->result : TD_EPARSE;
    struct td_error ignored;

    if (resp->status >= 400 &&
        json_parse(resp->body, resp->body_len, &j, "zendesk",
                   &ignored) == TD_OK) {
        const cJSON *eo = cJSON_GetObjectItemCaseSensitive(j, "error");

        if (cJSON_IsObject(eo)) {
            e = json_str(eo, "title");
            d = json_str(eo, "message");
        } else {
            e = json_str(j, "error");
            d = json_str(j, "description");
        }
    }
    if (resp->status > 0)
        td_error_set(err, rc, "%s: HTTP %ld%s%s%s%s", what, resp->status,
                     e ? ": " : "", e ? e : "", d ? ": " : "", d ? d : "");
    else
        td_error_set(err, rc, "%s: %s", what, resp->error);
    cJSON_Delete(j);
    return rc;
}

/* The JSON object of a 2xx response, or the failure in err. */
static enum td_status
zd_json(const struct http_response *resp, const char *what, cJSON **out,
        struct td_error *err)
{
    enum td_status rc;

    *out = NULL;
    if (resp->result != TD_OK)
        return zd_fail(resp, what, err);
    if ((rc = json_parse(resp->body, resp->body_len, out, what, err)) != TD_OK)
        return rc;
    if (!cJSON_IsObject(*out)) {
        cJSON_Delete(*out);
        *out = NULL;
        return td_error_set(err, TD_EPARSE, "%s: not a JSON object", what);
    }
    return TD_OK;
}

static int
zd_id_ok(const char *id)
{
    return id && *id && strspn(id, "0123456789") == strlen(id);
}

/* Move the items of page[key] to the end of acc. */
static void
zd_collect(cJSON *acc, cJSON *page, const char *key)
{
    cJSON *items = cJSON_GetObjectItemCaseSensitive(page, key);
    cJSON *it;

    while (cJSON_IsArray(items) && (it = items->child) != NULL)
        cJSON_AddItemToArray(acc, cJSON_DetachItemViaPointer(items, it));
}

/* The after cursor of a cursor-paginated list when meta.has_more says
 * another page follows (pagination, "Using cursor pagination"); owned. */
static char *
zd_next_cursor(const cJSON *page)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(page, "meta");

    if (!json_bool(meta, "has_more", 0))
        return NULL;
    return json_strdup(meta, "after_cursor");
}

/* The user with id in users (an array of user objects), or NULL. */
static const cJSON *
zd_user(const cJSON *users, const char *id)
{
    const cJSON *u;

    if (id == NULL)
        return NULL;
    cJSON_ArrayForEach(u, users) {
        char *uid = json_strdup(u, "id");
        int same = uid && strcmp(uid, id) == 0;

        free(uid);
        if (same)
            return u;
    }
    return NULL;
}

/* ---- sync ---- */

/* One sync in flight: the incremental cursor export is read page by
 * page; for each ticket on a page its comments are read (cursor paged,
 * with their authors sideloaded) before the next ticket. The cursor of a
 * page is stored with the page's tickets, in the same transaction. */
struct zd_sync {
    struct netdrv_op op;    /* first: who is told the outcome */
    const struct sync_sink *out;
    char *cursor;           /* the cursor this page was asked with */
    char *next;             /* after_cursor of the page */
    int end;                /* end_of_stream */
    cJSON *list;            /* the page of tickets */
    cJSON *users;           /* users sideloaded with the page */
    int idx;                /* the ticket being fetched */
    size_t n_done;
    char *sub_cursor;       /* page[after] for the comments, NULL = first */
    cJSON *comments;        /* every comment page of the ticket */
    cJSON *cusers;          /* users sideloaded with the comments */
};

static void zd_sync_on_list(void *ctx, struct http_response *resp);
static void zd_sync_on_comments(void *ctx, struct http_response *resp);

static void
zd_sync_free(void *self)
{
    struct zd_sync *s = self;

    free(s->cursor);
    free(s->next);
    free(s->sub_cursor);
    cJSON_Delete(s->list);
    cJSON_Delete(s->users);
    cJSON_Delete(s->comments);
    cJSON_Delete(s->cusers);
    free(s);
}

/* End the sync; s is gone when done runs, so done may start another. */
static void
zd_sync_finish(struct zd_sync *s, enum td_status rc,
               const struct td_error *err)
{
    netdrv_op_end(&s->op, zd_sync_free, s, rc, NULL, err);
}

/* The first export asks from start_time=0 (everything); later ones resume
 * from the stored after_cursor (incremental_exports, "Cursor-based"). */
static enum td_status
zd_sync_submit_list(struct zd_sync *s, struct td_error *err)
{
    const char *params[] = {
        s->cursor ? "cursor" : "start_time", s->cursor ? s->cursor : "0",
        "per_page", ZD_EXPORT_PER_PAGE,
        "include", ZD_EXPORT_INCLUDE,
        NULL,
    };

    return http_transport_submit(s->op.a->http,
                                 zd_request(s->op.a, "GET",
                                            "incremental/tickets/cursor.json",
                                            params, zd_sync_on_list, s),
                                 err);
}

static enum td_status
zd_sync_submit_comments(struct zd_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    char *id = json_strdup(item, "id"), *path;
    const char *params[] = {
        "page[size]", ZD_PAGE_SIZE,
        "include", "users",
        "page[after]", s->sub_cursor,
        NULL,
    };
    enum td_status rc;

    if (!zd_id_ok(id)) {
        free(id);
        return td_error_set(err, TD_EPARSE, "zendesk: a ticket without an id");
    }
    path = xasprintf("tickets/%s/comments.json", id);
    rc = http_transport_submit(s->op.a->http,
                               zd_request(s->op.a, "GET", path, params,
                                          zd_sync_on_comments, s),
                               err);
    free(path);
    free(id);
    return rc;
}

static void
zd_fill_customer(struct customer *c, const cJSON *u, const char *id)
{
    const char *tz;

    c->external_id = xstrdup(id);
    if (u == NULL)
        return;
    c->name = json_strdup(u, "name");
    c->email = json_strdup(u, "email");
    c->phone = json_strdup(u, "phone");
    c->locale = json_strdup(u, "locale");
    /* time_zone is a Rails name ("Beijing"); iana_time_zone, when the
     * account sends it, is what the model wants. */
    tz = json_str(u, "iana_time_zone");
    if (tz == NULL)
        tz = json_str(u, "time_zone");
    c->timezone = tz ? xstrdup(tz) : NULL;
}

/* The agent's name (else email, else id) for assignee_id; owned. */
static char *
zd_user_label(const cJSON *users, const char *id)
{
    const cJSON *u = zd_user(users, id);

    if (u && json_str(u, "name") && *json_str(u, "name"))
        return json_strdup(u, "name");
    if (u && json_str(u, "email"))
        return json_strdup(u, "email");
    return xstrdup(id);
}

/* breach_at of an SLA metric (first_reply_time, next_reply_time) in the
 * slas sideload, which comes inside the ticket (sideloading, "slas"). */
static time_t
zd_sla_due(const cJSON *item, const char *want)
{
    const cJSON *slas = cJSON_GetObjectItemCaseSensitive(item, "slas");
    const cJSON *pm = cJSON_GetObjectItemCaseSensitive(slas,
                                                       "policy_metrics");
    const cJSON *m;

    cJSON_ArrayForEach(m, pm) {
        const char *metric = json_str(m, "metric");

        if (metric && strcmp(metric, want) == 0)
            return json_time(m, "breach_at");
    }
    return 0;
}

static enum td_status
zd_fill_message(struct zd_sync *s, struct ticket *t, const cJSON *c,
                const char *requester, struct td_error *err)
{
    struct message *m = ticket_add_message(t);
    char *author = json_strdup(c, "author_id");
    const cJSON *u = zd_user(s->cusers, author);
    const cJSON *atts = cJSON_GetObjectItemCaseSensitive(c, "attachments");
    const cJSON *at;
    const char *role, *plain, *html;

    if (u == NULL)
        u = zd_user(s->users, author);
    role = json_str(u, "role");
    m->external_id = json_strdup(c, "id");
    m->is_public = json_bool(c, "public", 1);
    m->created_at = json_time(c, "created_at");
    /* author_id -1 is Zendesk itself (triggers, automations); otherwise
     * the role says who wrote it, and without the user the requester is
     * the customer. */
    if (author && strcmp(author, "-1") == 0)
        m->author = AK_SYSTEM;
    else if (role)
        m->author = strcmp(role, "end-user") == 0 ? AK_CUSTOMER : AK_AGENT;
    else
        m->author = author && requester && strcmp(author, requester) == 0
                        ? AK_CUSTOMER : AK_AGENT;
    if (u && json_str(u, "name"))
        m->author_name = json_strdup(u, "name");
    free(author);
    /* plain_body is the text as the customer reads it; body may carry
     * Markdown. html_body is kept for the reader that wants it. */
    plain = json_str(c, "plain_body");
    if (plain == NULL)
        plain = json_str(c, "body");
    html = json_str(c, "html_body");
    if (html && *html)
        m->html = xstrdup(html);
    if (plain) {
        m->body = xstrdup(plain);
    } else if (html) {
        enum td_status rc = html_to_text(html, strlen(html), &m->body, err);

        if (rc != TD_OK)
            return rc;
    } else {
        m->body = xstrdup("");
    }
    cJSON_ArrayForEach(at, atts) {
        m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
                                       sizeof *m->attachments);
        m->attachments[m->n_attachments].name =
            xstrdup(json_str(at, "file_name") ? json_str(at, "file_name")
                    : json_str(at, "name") ? json_str(at, "name") : "");
        m->attachments[m->n_attachments++].size = json_int(at, "size", 0);
    }
    return TD_OK;
}

/* Build the ticket from its export item, the sideloads and comments. */
static enum td_status
zd_build_ticket(struct zd_sync *s, const cJSON *item, struct ticket *t,
                struct td_error *err)
{
    const char *status = json_str(item, "status");
    const char *prio = json_str(item, "priority");
    const cJSON *via = cJSON_GetObjectItemCaseSensitive(item, "via");
    const cJSON *tags = cJSON_GetObjectItemCaseSensitive(item, "tags");
    char *req = json_strdup(item, "requester_id");
    char *asg = json_strdup(item, "assignee_id");
    const cJSON *c;
    enum td_status rc = TD_OK;
    int p;

    t->external_id = json_strdup(item, "id");
    t->subject = json_strdup(item, "subject");
    if (t->subject == NULL)
        t->subject = json_strdup(item, "raw_subject");
    t->status_raw = xstrdup(status ? status : "");
    t->status = ticket_status_from_name(zd_status_from_zd(status));
    p = prio ? ticket_priority_from_name(prio) : -1;
    t->priority = p >= 0 ? (enum ticket_priority)p : TP_NORMAL;
    t->channel = channel_from_name(zd_channel_from_via(json_str(via,
                                                                "channel")));
    t->created_at = json_time(item, "created_at");
    t->updated_at = json_time(item, "updated_at");
    t->first_response_due = zd_sla_due(item, "first_reply_time");
    t->next_response_due = zd_sla_due(item, "next_reply_time");
    if (req)
        zd_fill_customer(&t->requester, zd_user(s->users, req), req);
    if (asg)
        t->assignee = zd_user_label(s->users, asg);
    cJSON_ArrayForEach(c, tags) {
        if (cJSON_IsString(c) && *c->valuestring)
            ticket_add_tag(t, c->valuestring);
    }
    cJSON_ArrayForEach(c, s->comments) {
        if ((rc = zd_fill_message(s, t, c, req, err)) != TD_OK)
            break;
    }
    free(req);
    free(asg);
    return rc;
}

static enum td_status
zd_sync_emit(struct zd_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    struct ticket t = { 0 };
    enum td_status rc;

    if ((rc = zd_build_ticket(s, item, &t, err)) == TD_OK)
        rc = s->out->ticket(s->out->ctx, &t, err);
    ticket_clear(&t);
    if (rc != TD_OK)
        return rc;
    s->n_done++;
    /* The cursor export gives no total. */
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done, 0);
    return TD_OK;
}

/* Go on with the next ticket of the page, or the next page, or finish. */
static void
zd_sync_next(struct zd_sync *s)
{
    struct td_error err;
    enum td_status rc = TD_OK;

    td_error_clear(&err);
    while (s->idx < cJSON_GetArraySize(s->list)) {
        const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
        const char *st = json_str(item, "status");

        cJSON_Delete(s->comments);
        cJSON_Delete(s->cusers);
        s->comments = cJSON_CreateArray();
        s->cusers = cJSON_CreateArray();
        xfree_str(&s->sub_cursor);
        /* A deleted ticket has no comments to read (404): only its new
         * status goes to the store. */
        if (st == NULL || strcmp(st, "deleted") != 0) {
            if ((rc = zd_sync_submit_comments(s, &err)) != TD_OK)
                zd_sync_finish(s, rc, &err);
            return;
        }
        if ((rc = zd_sync_emit(s, &err)) != TD_OK) {
            zd_sync_finish(s, rc, &err);
            return;
        }
        s->idx++;
    }
    /* The page is complete: its cursor goes in its transaction. */
    if (s->next && (s->cursor == NULL || strcmp(s->next, s->cursor) != 0))
        rc = s->out->cursor_set(s->out->ctx, ZD_CURSOR, s->next, &err);
    if (rc == TD_OK)
        rc = s->out->page_done(s->out->ctx, &err);
    /* An empty page whose cursor did not move would be asked forever. */
    if (rc == TD_OK && !s->end && s->next &&
        (s->cursor == NULL || strcmp(s->next, s->cursor) != 0)) {
        free(s->cursor);
        s->cursor = s->next;
        s->next = NULL;
        if ((rc = zd_sync_submit_list(s, &err)) == TD_OK)
            return;
    }
    zd_sync_finish(s, rc, &err);
}

static void
zd_sync_on_list(void *ctx, struct http_response *resp)
{
    struct zd_sync *s = ctx;
    struct td_error err;
    cJSON *j, *items;
    enum td_status rc;

    if ((rc = zd_json(resp, "zendesk: ticket export", &j, &err)) != TD_OK) {
        zd_sync_finish(s, rc, &err);
        return;
    }
    items = cJSON_DetachItemFromObjectCaseSensitive(j, "tickets");
    if (!cJSON_IsArray(items) ||
        !cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(j, "end_of_stream"))) {
        cJSON_Delete(items);
        cJSON_Delete(j);
        td_error_set(&err, TD_EPARSE,
                     "zendesk: ticket export without tickets or "
                     "end_of_stream");
        zd_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    cJSON_Delete(s->list);
    cJSON_Delete(s->users);
    s->list = items;
    s->users = cJSON_CreateArray();
    zd_collect(s->users, j, "users");
    free(s->next);
    s->next = json_strdup(j, "after_cursor");
    s->end = json_bool(j, "end_of_stream", 1);
    cJSON_Delete(j);
    s->idx = 0;
    zd_sync_next(s);
}

static void
zd_sync_on_comments(void *ctx, struct http_response *resp)
{
    struct zd_sync *s = ctx;
    struct td_error err;
    cJSON *j = NULL;
    enum td_status rc;

    td_error_clear(&err);
    /* Deleted between the export and this request: keep what the store
     * has of its thread and go on, rather than stop every later sync. */
    if (resp->status == 404) {
        xfree_str(&s->sub_cursor);
    } else if ((rc = zd_json(resp, "zendesk: comments", &j,
                             &err)) != TD_OK) {
        zd_sync_finish(s, rc, &err);
        return;
    } else {
        zd_collect(s->comments, j, "comments");
        zd_collect(s->cusers, j, "users");
        free(s->sub_cursor);
        s->sub_cursor = zd_next_cursor(j);
        cJSON_Delete(j);
    }
    if (s->sub_cursor) {
        if ((rc = zd_sync_submit_comments(s, &err)) != TD_OK)
            zd_sync_finish(s, rc, &err);
        return;
    }
    if ((rc = zd_sync_emit(s, &err)) != TD_OK) {
        zd_sync_finish(s, rc, &err);
        return;
    }
    s->idx++;
    zd_sync_next(s);
}

static enum td_status
zd_sync_start(struct account *a, const struct sync_sink *out,
              drv_done_fn done, void *ctx, struct td_error *err)
{
    struct zd_sync *s = xcalloc(1, sizeof *s);
    enum td_status rc;

    if ((rc = out->cursor_get(out->ctx, ZD_CURSOR, &s->cursor, err)) !=
        TD_OK) {
        free(s);
        return rc;
    }
    s->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    s->out = out;
    if ((rc = zd_sync_submit_list(s, err)) != TD_OK)
        zd_sync_free(s);
    return rc;
}

/* ---- reply ---- */

struct zd_op {
    struct netdrv_op op;    /* first: who is told the outcome */
    char *ticket;
    char *token;            /* find_sent: the token looked for */
    char *after;            /* find_sent, list_canned: page[after] */
    struct canned_list *canned;     /* list_canned: borrowed */
};

static void
zd_op_free(void *self)
{
    struct zd_op *op = self;

    free(op->ticket);
    free(op->token);
    free(op->after);
    free(op);
}

static void
zd_op_finish(struct zd_op *op, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    netdrv_op_end(&op->op, zd_op_free, op, rc, remote_id, err);
}

/* Tokens are ours (store/outbox.c); refuse anything else rather than
 * send it to a customer's helpdesk. */
static int
zd_token_ok(const char *tok)
{
    return tok && *tok && strlen(tok) <= 128 &&
           strspn(tok, "abcdefghijklmnopqrstuvwxyz"
                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                       "0123456789-_.") == strlen(tok);
}

/* The id of the Comment event in an audit (the comment's id), owned; the
 * audit's own id when it has none. */
static char *
zd_audit_comment_id(const cJSON *audit)
{
    const cJSON *ev;

    cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(audit,
                                                            "events")) {
        const char *type = json_str(ev, "type");

        if (type && strcmp(type, "Comment") == 0)
            return json_strdup(ev, "id");
    }
    return json_strdup(audit, "id");
}

static void
zd_reply_on_done(void *ctx, struct http_response *resp)
{
    struct zd_op *op = ctx;
    struct td_error err;
    cJSON *j = NULL;
    char *id = NULL;
    struct td_error ignored;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        /* A PUT that failed after it was sent may have landed: TD_ENET
         * leaves the outbox item "sending" so find_sent decides. */
        enum td_status rc = zd_fail(resp, "zendesk: reply", &err);

        zd_op_finish(op, rc, NULL, &err);
        return;
    }
    /* The update answers {ticket, audit}; the comment is an event of the
     * audit. The reply is in whatever the body says, so a body we cannot
     * read still counts as sent. */
    if (json_parse(resp->body, resp->body_len, &j, "zendesk",
                   &ignored) == TD_OK)
        id = zd_audit_comment_id(cJSON_GetObjectItemCaseSensitive(j,
                                                                  "audit"));
    cJSON_Delete(j);
    zd_op_finish(op, TD_OK, id ? id : "", NULL);
    free(id);
}

/* A comment is added with an update of the ticket (the Comments API has
 * no create), with the status change in the same call so a crash cannot
 * leave one without the other (ticket_comments, "Creating comments"). */
static enum td_status
zd_reply_start(struct account *a, const struct reply_req *req,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct http_request *hr;
    struct zd_op *op;
    cJSON *j, *t, *c;
    char *path, *body;

    if (!zd_id_ok(req->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zendesk: bad ticket id '%s'",
                            req->ticket_ext_id ? req->ticket_ext_id : "");
    if (req->token && !zd_token_ok(req->token))
        return td_error_set(err, TD_EINVAL, "zendesk: unusable outbox token");
    if (req->set_status && (status = zd_status_to_zd(req->set_status)) == NULL)
        return td_error_set(err, TD_EINVAL, "zendesk: no Zendesk status "
                            "for '%s'", req->set_status);
    j = cJSON_CreateObject();
    t = cJSON_AddObjectToObject(j, "ticket");
    c = cJSON_AddObjectToObject(t, "comment");
    cJSON_AddStringToObject(c, "body", req->body ? req->body : "");
    cJSON_AddBoolToObject(c, "public", !req->is_note);
    if (status)
        cJSON_AddStringToObject(t, "status", status);
    /* Custom audit metadata (tickets, "Setting Metadata"): it lands in
     * audit.metadata.custom, where find_sent looks for the token. */
    if (req->token)
        cJSON_AddStringToObject(cJSON_AddObjectToObject(t, "metadata"),
                                ZD_MARKER_KEY, req->token);
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    path = xasprintf("tickets/%s.json", req->ticket_ext_id);
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    hr = zd_request(a, "PUT", path, NULL, zd_reply_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    /* A PUT, but each one adds another comment: never retry it blindly
     * (the engine would, RFC 9110 calls PUT idempotent). */
    hr->idempotent = HTTP_IDEMPOTENT_NO;
    free(body);
    free(path);
    if (http_transport_submit(a->http, hr, err) != TD_OK) {
        zd_op_free(op);
        return err->status;
    }
    return TD_OK;
}

/* ---- find_sent ---- */

static enum td_status zd_find_submit(struct zd_op *op, struct td_error *err);

/* Audits come oldest first, so the first one with the token is ours. */
static void
zd_find_on_page(void *ctx, struct http_response *resp)
{
    struct zd_op *op = ctx;
    struct td_error err;
    const cJSON *au;
    cJSON *j;
    enum td_status rc;

    if ((rc = zd_json(resp, "zendesk: audits", &j, &err)) != TD_OK) {
        zd_op_finish(op, rc, NULL, &err);
        return;
    }
    cJSON_ArrayForEach(au, cJSON_GetObjectItemCaseSensitive(j, "audits")) {
        const cJSON *md = cJSON_GetObjectItemCaseSensitive(au, "metadata");
        const char *tok = json_str(cJSON_GetObjectItemCaseSensitive(md,
                                                                    "custom"),
                                   ZD_MARKER_KEY);
        char *id;

        if (tok == NULL || strcmp(tok, op->token) != 0)
            continue;
        id = zd_audit_comment_id(au);
        cJSON_Delete(j);
        zd_op_finish(op, TD_OK, id ? id : "", NULL);
        free(id);
        return;
    }
    free(op->after);
    op->after = zd_next_cursor(j);
    cJSON_Delete(j);
    if (op->after) {
        if ((rc = zd_find_submit(op, &err)) != TD_OK)
            zd_op_finish(op, rc, NULL, &err);
        return;
    }
    td_error_set(&err, TD_ENOTFOUND, "zendesk: not in ticket %s", op->ticket);
    zd_op_finish(op, TD_ENOTFOUND, NULL, &err);
}

static enum td_status
zd_find_submit(struct zd_op *op, struct td_error *err)
{
    const char *params[] = {
        "page[size]", ZD_PAGE_SIZE,
        "page[after]", op->after,
        NULL,
    };
    char *path = xasprintf("tickets/%s/audits.json", op->ticket);
    enum td_status rc;

    rc = http_transport_submit(op->op.a->http,
                               zd_request(op->op.a, "GET", path, params,
                                          zd_find_on_page, op),
                               err);
    free(path);
    return rc;
}

static enum td_status
zd_find_sent_start(struct account *a, const char *ticket_ext_id,
                   const char *token, drv_done_fn done, void *ctx,
                   struct td_error *err)
{
    struct zd_op *op;
    enum td_status rc;

    if (!zd_id_ok(ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zendesk: bad ticket id");
    if (!zd_token_ok(token))
        return td_error_set(err, TD_EINVAL, "zendesk: unusable outbox token");
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->ticket = xstrdup(ticket_ext_id);
    op->token = xstrdup(token);
    if ((rc = zd_find_submit(op, err)) != TD_OK) {
        zd_op_free(op);
    }
    return rc;
}

/* ---- update: status, assignee and tags in one PUT ---- */

static void
zd_update_on_done(void *ctx, struct http_response *resp)
{
    struct zd_op *op = ctx;
    struct td_error err;
    enum td_status rc;

    if (resp->result != TD_OK) {
        rc = zd_fail(resp, "zendesk: update", &err);
        zd_op_finish(op, rc, NULL, &err);
        return;
    }
    zd_op_finish(op, TD_OK, NULL, NULL);
}

static cJSON *
zd_str_array(const char *const *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

/* PUT /tickets/{id}.json with status, the assignee (assignee_id for an
 * id, assignee_email for an address, null to unassign) and
 * additional_tags / remove_tags, which change only the tags named
 * (tickets, "Updating tag lists"). Every field is an assignment, so a
 * repeat after a lost answer changes nothing. */
static enum td_status
zd_update_start(struct account *a, const struct ticket_update *u,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct http_request *hr;
    struct zd_op *op;
    cJSON *j, *t;
    char *path, *body;
    enum td_status rc;

    if (!zd_id_ok(u->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zendesk: bad ticket id '%s'",
                            u->ticket_ext_id ? u->ticket_ext_id : "");
    if (u->status && (status = zd_status_to_zd(u->status)) == NULL)
        return td_error_set(err, TD_EINVAL, "zendesk: no Zendesk status "
                            "for '%s'", u->status);
    if (u->assignee && *u->assignee && !zd_id_ok(u->assignee) &&
        strchr(u->assignee, '@') == NULL)
        return td_error_set(err, TD_EINVAL, "zendesk: assign by the agent's "
                            "email or id, not '%s'", u->assignee);
    j = cJSON_CreateObject();
    t = cJSON_AddObjectToObject(j, "ticket");
    if (status)
        cJSON_AddStringToObject(t, "status", status);
    if (u->assignee && *u->assignee == '\0')
        cJSON_AddNullToObject(t, "assignee_id");
    else if (u->assignee && zd_id_ok(u->assignee))
        cJSON_AddNumberToObject(t, "assignee_id", strtod(u->assignee, NULL));
    else if (u->assignee)
        cJSON_AddStringToObject(t, "assignee_email", u->assignee);
    if (u->n_add_tags)
        cJSON_AddItemToObject(t, "additional_tags",
                              zd_str_array(u->add_tags, u->n_add_tags));
    if (u->n_remove_tags)
        cJSON_AddItemToObject(t, "remove_tags",
                              zd_str_array(u->remove_tags,
                                           u->n_remove_tags));
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    path = xasprintf("tickets/%s.json", u->ticket_ext_id);
    op = xcalloc(1, sizeof *op);
    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    hr = zd_request(a, "PUT", path, NULL, zd_update_on_done, op);
    http_request_set_body(hr, body, strlen(body), "application/json");
    free(body);
    free(path);
    if ((rc = http_transport_submit(a->http, hr, err)) != TD_OK)
        zd_op_free(op);
    return rc;
}

/* ---- canned replies: macros ---- */

static enum td_status zd_canned_submit(struct zd_op *op,
                                       struct td_error *err);

/* The text a macro puts in the comment: comment_value (a string, or
 * ["channel:all", text] in older macros), else comment_value_html as
 * text. NULL for a macro that writes no comment (only sets fields);
 * owned. */
static enum td_status
zd_macro_text(const cJSON *macro, char **out, struct td_error *err)
{
    const cJSON *act, *html = NULL;

    *out = NULL;
    cJSON_ArrayForEach(act, cJSON_GetObjectItemCaseSensitive(macro,
                                                            "actions")) {
        const char *field = json_str(act, "field");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(act, "value");

        if (field == NULL)
            continue;
        if (strcmp(field, "comment_value") == 0) {
            if (cJSON_IsArray(v))
                v = cJSON_GetArrayItem(v, cJSON_GetArraySize(v) - 1);
            if (cJSON_IsString(v)) {
                *out = xstrdup(v->valuestring);
                return TD_OK;
            }
        } else if (strcmp(field, "comment_value_html") == 0 &&
                   cJSON_IsString(v)) {
            html = v;
        }
    }
    if (html)
        return html_to_text(html->valuestring, strlen(html->valuestring),
                            out, err);
    return TD_OK;
}

/* Zendesk agents group macros with "::" in the title ("Returns::Damaged"):
 * what comes before the last "::" is the folder. */
static void
zd_canned_add(struct canned_list *l, const cJSON *macro, const char *body)
{
    const char *title = json_str(macro, "title");
    const char *sep = NULL;
    char *id = json_strdup(macro, "id"), *folder = NULL;

    for (const char *p = title; p && (p = strstr(p, "::")) != NULL; p += 2)
        sep = p;
    if (sep) {
        folder = xasprintf("%.*s", (int)(sep - title), title);
        title = sep + 2;
    }
    canned_list_add(l, id, title, body, folder);
    free(folder);
    free(id);
}

static void
zd_canned_on_page(void *ctx, struct http_response *resp)
{
    struct zd_op *op = ctx;
    struct td_error err;
    const cJSON *m;
    cJSON *j;
    enum td_status rc;

    if ((rc = zd_json(resp, "zendesk: macros", &j, &err)) != TD_OK) {
        zd_op_finish(op, rc, NULL, &err);
        return;
    }
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(j, "macros")) {
        char *text = NULL;

        if ((rc = zd_macro_text(m, &text, &err)) != TD_OK)
            break;
        if (text)
            zd_canned_add(op->canned, m, text);
        free(text);
    }
    free(op->after);
    op->after = rc == TD_OK ? zd_next_cursor(j) : NULL;
    cJSON_Delete(j);
    if (op->after && (rc = zd_canned_submit(op, &err)) == TD_OK)
        return;
    zd_op_finish(op, rc, NULL, &err);
}

static enum td_status
zd_canned_submit(struct zd_op *op, struct td_error *err)
{
    const char *params[] = {
        "page[size]", ZD_PAGE_SIZE,
        "page[after]", op->after,
        NULL,
    };

    return http_transport_submit(op->op.a->http,
                                 zd_request(op->op.a, "GET",
                                            "macros/active.json", params,
                                            zd_canned_on_page, op),
                                 err);
}

/* The agent's active macros (macros, "List Active Macros"), cursor
 * paged; only those that write a comment are canned replies. Their
 * Liquid placeholders ({{ticket.requester.first_name}}) stay as they
 * are. */
static enum td_status
zd_list_canned_start(struct account *a, struct canned_list *out,
                     drv_done_fn done, void *ctx, struct td_error *err)
{
    struct zd_op *op = xcalloc(1, sizeof *op);
    enum td_status rc;

    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    op->canned = out;
    if ((rc = zd_canned_submit(op, err)) != TD_OK)
        zd_op_free(op);
    return rc;
}

const struct driver drv_zendesk = {
    .name = "zendesk",
    .desc = "Zendesk Support (API v2)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ASSIGN | DRV_CAP_TAGS,
    .priv_size = sizeof(struct zd_priv),
    .keys = zd_keys,
    .open = zd_open,
    .close = zd_close,
    .sync_start = zd_sync_start,
    .reply_start = zd_reply_start,
    .find_sent_start = zd_find_sent_start,
    .update_start = zd_update_start,
    .list_canned_start = zd_list_canned_start,
};
