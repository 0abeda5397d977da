/* zammad.c: Zammad REST API v1, as chains of non-blocking requests. */
#include "drivers/zammad.h"

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
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* Zammad caps per_page on the server (api-reference.md section 3,
 * "List/paginate"); 100 is under every cap seen. */
#define ZM_PER_PAGE "100"
/* Search results come from Elasticsearch, whose default window is
 * 10,000 hits: past page 50 the sync starts again from page 1 with the
 * range moved to the newest updated_at seen (as freshdesk.c does). */
#define ZM_MAX_PAGE 50
#define ZM_CURSOR "updated"
/* Text modules are read until an empty page; a server that ignored page=
 * would otherwise be asked forever. */
#define ZM_MAX_CANNED_PAGES 100
#define ZM_MAX_BODY_HTML ((size_t)8 << 20)
/* Zammad refuses a pending state without pending_time; this many days
 * ahead unless the account says pending_days=. */
#define ZM_PENDING_DAYS 3
/* The system user "-": owner_id 1 means nobody owns the ticket. */
#define ZM_NOBODY "1"
/* Where a reply's outbox token rides: preferences.ttydesk_outbox. */
#define ZM_MARKER_KEY "ttydesk_outbox"

struct zm_priv {
    char *base;         /* "https://x.example.com/api/v1", no slash */
    char *auth;         /* "Token token=...", "Bearer ..." or "Basic ..." */
    int insecure;
    long pending_days;
};

static const char *const zm_keys[] = {
    "token_env",
    "token_cmd",
    "auth",
    "user",
    "insecure",
    "pending_days",
    NULL,
};

/* Error bodies: {"error": "...", "error_human": "..."} (not documented,
 * section 3 "Rate limit / errors"; this is what the controllers send). */
static const char *const zm_err_keys[] = {
    "error_human",
    "error",
    "message",
    NULL,
};

/* The default states (section 0.1, unverified list) plus the two that
 * hide a ticket. "pending close" closes by itself at pending_time: the
 * agent is done with it, so it counts as solved. */
static const struct {
    const char *zm;
    const char *ours;
} zm_state_in[] = {
    { "new", "new" },
    { "open", "open" },
    { "pending reminder", "pending" },
    { "pending close", "solved" },
    { "closed", "closed" },
    { "merged", "closed" },
    { "removed", "closed" },
};

/* Zammad has no "solved" and no "on hold": both wait for someone, so
 * on-hold is a pending reminder; solved is closed (a customer's answer
 * reopens a closed ticket, as a solved one would). */
static const struct {
    const char *ours;
    const char *zm;
} zm_state_out[] = {
    { "new", "new" },
    { "open", "open" },
    { "pending", "pending reminder" },
    { "on-hold", "pending reminder" },
    { "solved", "closed" },
    { "closed", "closed" },
};

/* Article types that are a channel (the Ticket::Article::Type names). */
static const struct {
    const char *type;
    enum channel ch;
} zm_channels[] = {
    { "email", CH_EMAIL },
    { "web", CH_WEB },
    { "phone", CH_PHONE },
    { "sms", CH_SMS },
    { "chat", CH_CHAT },
    { "whatsapp message", CH_WHATSAPP },
    { "telegram personal-message", CH_CHAT },
    { "facebook feed post", CH_MESSENGER },
    { "facebook feed comment", CH_MESSENGER },
};

/* Types whose reply goes back the way the customer wrote, with to: set
 * to the customer's address; any other ticket is answered by email. */
static const char *const zm_reply_types[] = {
    "email",
    "sms",
    "whatsapp message",
    "telegram personal-message",
    "facebook feed comment",
    NULL,
};

const char *
zammad_status_from_state(const char *state)
{
    for (size_t i = 0; state && i < sizeof zm_state_in / sizeof *zm_state_in;
         i++)
        if (strcasecmp(zm_state_in[i].zm, state) == 0)
            return zm_state_in[i].ours;
    return "open";
}

const char *
zammad_state_from_status(const char *normalised)
{
    for (size_t i = 0; normalised &&
                       i < sizeof zm_state_out / sizeof *zm_state_out; i++)
        if (strcmp(zm_state_out[i].ours, normalised) == 0)
            return zm_state_out[i].zm;
    return NULL;
}

enum ticket_priority
zammad_priority(const char *name, long id)
{
    /* Names lead with their rank ("1 low", "2 normal", "3 high"). */
    long n = name && *name >= '0' && *name <= '9' ? strtol(name, NULL, 10)
                                                   : id;

    if (n <= 0)
        return TP_NORMAL;
    if (n == 1)
        return TP_LOW;
    if (n == 2)
        return TP_NORMAL;
    return n == 3 ? TP_HIGH : TP_URGENT;
}

enum channel
zammad_channel(const char *article_type)
{
    for (size_t i = 0; article_type &&
                       i < sizeof zm_channels / sizeof *zm_channels; i++)
        if (strcasecmp(zm_channels[i].type, article_type) == 0)
            return zm_channels[i].ch;
    return CH_OTHER;
}

/* Access tokens go as "Token token=..." (section 3, "Auth"); auth=bearer
 * sends an OAuth token, auth=basic user= with the secret as password. */
static enum td_status
zm_open(struct account *a, struct td_error *err)
{
    struct zm_priv *p = a->priv;
    const char *mode = drv_account_opt(a, "auth");
    const char *user = drv_account_opt(a, "user");
    const char *days = drv_account_opt(a, "pending_days");
    char *tok = NULL, *end = NULL;
    enum td_status rc;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if ((rc = http_url_check(a->url, p->insecure, err)) != TD_OK)
        return rc;
    if (mode && strcmp(mode, "token") != 0 && strcmp(mode, "bearer") != 0 &&
        strcmp(mode, "basic") != 0)
        return td_error_set(err, TD_EINVAL,
                            "auth=%s: want token, bearer or basic", mode);
    if (mode && strcmp(mode, "basic") == 0 && (user == NULL || !*user))
        return td_error_set(err, TD_EINVAL, "auth=basic needs user=");
    p->pending_days = ZM_PENDING_DAYS;
    if (days) {
        p->pending_days = strtol(days, &end, 10);
        if (*days == '\0' || *end != '\0' || p->pending_days < 1 ||
            p->pending_days > 365)
            return td_error_set(err, TD_EINVAL, "pending_days=%s: want 1 "
                                "to 365", days);
    }
    p->base = netdrv_api_base(a->url, "/api/v1");
    if ((rc = drv_account_secret(a, &tok, err)) != TD_OK)
        return rc;
    if (mode && strcmp(mode, "bearer") == 0)
        p->auth = xasprintf("Bearer %s", tok);
    else if (mode && strcmp(mode, "basic") == 0)
        p->auth = netdrv_basic_auth(user, tok);
    else
        p->auth = xasprintf("Token token=%s", tok);
    netdrv_wipe(&tok);
    return TD_OK;
}

static void
zm_close(struct account *a)
{
    struct zm_priv *p = a->priv;

    free(p->base);
    netdrv_wipe(&p->auth);
}

static struct http_request *
zm_request(struct account *a, const char *method, const char *path,
           const char *const *params, http_done_fn done, void *ctx)
{
    struct zm_priv *p = a->priv;

    return netdrv_request(a, p->base, p->auth, p->insecure, method, path,
                          params, done, ctx);
}

/* A request with a JSON body (owned by the caller, copied). */
static struct http_request *
zm_request_json(struct account *a, const char *method, const char *path,
                cJSON *body, http_done_fn done, void *ctx)
{
    struct http_request *hr = zm_request(a, method, path, NULL, done, ctx);
    char *text = cJSON_PrintUnformatted(body);

    http_request_set_body(hr, text, strlen(text), "application/json");
    free(text);
    return hr;
}

static enum td_status
zm_json(const struct http_response *resp, const char *what, cJSON **out,
        struct td_error *err)
{
    return netdrv_json(resp, what, zm_err_keys, out, err);
}

/* "Name <addr>" split; either may be NULL. Both owned. */
static void
zm_addr(const char *from, char **name, char **addr)
{
    const char *lt = from ? strrchr(from, '<') : NULL;
    const char *gt = lt ? strchr(lt, '>') : NULL;
    size_t n;

    *name = *addr = NULL;
    if (from == NULL || *from == '\0')
        return;
    if (lt == NULL || gt == NULL) {
        if (strchr(from, '@'))
            *addr = xstrdup(from);
        else
            *name = xstrdup(from);
        return;
    }
    *addr = xasprintf("%.*s", (int)(gt - lt - 1), lt + 1);
    for (n = (size_t)(lt - from); n > 0 && (from[n - 1] == ' ' ||
                                           from[n - 1] == '"'); n--)
        ;
    while (*from == '"' && n > 0) {
        from++;
        n--;
    }
    if (n > 0)
        *name = xasprintf("%.*s", (int)n, from);
}

/* ---- sync ---- */

/* One sync in flight: the ticket search is read page by page, oldest
 * change first; for each ticket its articles and then its tags are read
 * before the next ticket. A page's tickets and the newest updated_at on
 * it are committed together. */
struct zm_sync {
    struct netdrv_op op;
    const struct sync_sink *out;
    struct netdrv_window w;     /* updated_at range and page */
    int more;
    cJSON *list;
    int idx;
    cJSON *articles;        /* of the ticket being read; NULL if gone */
    cJSON *tags;
    size_t n_done;
};

static void zm_sync_on_list(void *ctx, struct http_response *resp);
static void zm_sync_on_articles(void *ctx, struct http_response *resp);
static void zm_sync_on_tags(void *ctx, struct http_response *resp);

static void
zm_sync_free(void *self)
{
    struct zm_sync *s = self;

    cJSON_Delete(s->list);
    cJSON_Delete(s->articles);
    cJSON_Delete(s->tags);
    free(s);
}

static void
zm_sync_finish(struct zm_sync *s, enum td_status rc,
               const struct td_error *err)
{
    netdrv_op_end(&s->op, zm_sync_free, s, rc, NULL, err);
}

/* The range is inclusive, so tickets of the cursor's second come again
 * and are upserted unchanged: none is lost to two updates in a second.
 * Inside brackets the Lucene syntax takes the colons of the time as they
 * are (the query syntax is an assumption, section 3 "Incremental"). */
static enum td_status
zm_sync_submit_list(struct zm_sync *s, struct td_error *err)
{
    char page[24], since[TIME_ISO_LEN], *query;
    const char *params[] = {
        "query", NULL,
        "sort_by", "updated_at",
        "order_by", "asc",
        "per_page", ZM_PER_PAGE,
        "page", page,
        "expand", "true",
        NULL,
    };
    enum td_status rc;

    snprintf(page, sizeof page, "%ld", s->w.page);
    netdrv_window_since(&s->w, since);
    query = xasprintf("updated_at:[%s TO *]", since);
    params[1] = query;
    rc = http_transport_submit(s->op.a->http,
                               zm_request(s->op.a, "GET", "tickets/search",
                                          params, zm_sync_on_list, s),
                               err);
    free(query);
    return rc;
}

static enum td_status
zm_sync_submit_item(struct zm_sync *s, int tags, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    char *id = json_strdup(item, "id"), *path;
    const char *params[] = {
        "object", "Ticket",
        "o_id", id,
        NULL,
    };
    enum td_status rc;

    if (!netdrv_digits(id)) {
        free(id);
        return td_error_set(err, TD_EPARSE, "zammad: a ticket without an "
                            "id");
    }
    if (tags) {
        rc = http_transport_submit(s->op.a->http,
                                   zm_request(s->op.a, "GET", "tags", params,
                                              zm_sync_on_tags, s),
                                   err);
    } else {
        path = xasprintf("ticket_articles/by_ticket/%s", id);
        rc = http_transport_submit(s->op.a->http,
                                   zm_request(s->op.a, "GET", path, NULL,
                                              zm_sync_on_articles, s),
                                   err);
        free(path);
    }
    free(id);
    return rc;
}

static void
zm_fill_attachments(struct message *m, const cJSON *list)
{
    const cJSON *at;

    cJSON_ArrayForEach(at, list) {
        const char *name = json_str(at, "filename");
        const char *size = json_str(at, "size");

        if (name == NULL)
            continue;
        m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
                                       sizeof *m->attachments);
        m->attachments[m->n_attachments].name = xstrdup(name);
        /* The size is a string in the article JSON. */
        m->attachments[m->n_attachments++].size =
            size ? strtoll(size, NULL, 10) : json_int(at, "size", 0);
    }
}

static enum td_status
zm_fill_message(struct message *m, const cJSON *art, struct td_error *err)
{
    const char *sender = json_str(art, "sender");
    const char *ctype = json_str(art, "content_type");
    const char *body = json_str(art, "body");
    char *name, *addr;

    m->external_id = json_strdup(art, "id");
    m->is_public = !json_bool(art, "internal", 0);
    m->created_at = json_time(art, "created_at");
    if (sender && strcmp(sender, "Customer") == 0)
        m->author = AK_CUSTOMER;
    else if (sender && strcmp(sender, "System") == 0)
        m->author = AK_SYSTEM;
    else
        m->author = AK_AGENT;
    zm_addr(json_str(art, "from"), &name, &addr);
    m->author_name = name ? name : addr ? xstrdup(addr)
                                        : json_strdup(art, "created_by");
    free(addr);
    zm_fill_attachments(m, cJSON_GetObjectItemCaseSensitive(art,
                                                            "attachments"));
    if (body == NULL)
        body = "";
    if (ctype && strstr(ctype, "html")) {
        m->html = xstrdup(body);
        return html_to_text(body, strlen(body), &m->body, err);
    }
    m->body = xstrdup(body);
    return TD_OK;
}

static enum td_status
zm_build_ticket(struct zm_sync *s, const cJSON *item, struct ticket *t,
                struct td_error *err)
{
    const char *state = json_str(item, "state");
    const char *owner = json_str(item, "owner");
    const char *customer = json_str(item, "customer");
    char *owner_id = json_strdup(item, "owner_id");
    const cJSON *art, *tag;
    enum td_status rc = TD_OK;
    int have_channel = 0;

    t->external_id = json_strdup(item, "id");
    t->subject = json_strdup(item, "title");
    /* expand=true names the state; an id is all there is without it. */
    if (state)
        t->status_raw = xstrdup(state);
    else
        t->status_raw = json_strdup(item, "state_id");
    t->status = ticket_status_from_name(zammad_status_from_state(state));
    t->priority = zammad_priority(json_str(item, "priority"),
                                  (long)json_int(item, "priority_id", 2));
    t->created_at = json_time(item, "created_at");
    t->updated_at = json_time(item, "updated_at");
    t->first_response_due = json_time(item, "first_response_escalation_at");
    t->requester.external_id = json_strdup(item, "customer_id");
    if (customer && strchr(customer, '@'))
        t->requester.email = xstrdup(customer);
    if (owner_id && strcmp(owner_id, ZM_NOBODY) != 0)
        t->assignee = owner && strcmp(owner, "-") != 0 ? xstrdup(owner)
                                                       : xstrdup(owner_id);
    free(owner_id);
    cJSON_ArrayForEach(tag, s->tags)
        if (cJSON_IsString(tag) && *tag->valuestring)
            ticket_add_tag(t, tag->valuestring);
    cJSON_ArrayForEach(art, s->articles) {
        const char *type = json_str(art, "type");

        /* The channel is where the first customer-facing article came
         * from (a note says nothing about it). */
        if (!have_channel && type && strcmp(type, "note") != 0) {
            t->channel = zammad_channel(type);
            have_channel = 1;
        }
        if (t->requester.name == NULL &&
            strcmp(json_str(art, "sender") ? json_str(art, "sender") : "",
                   "Customer") == 0) {
            char *name, *addr;

            zm_addr(json_str(art, "from"), &name, &addr);
            t->requester.name = name;
            if (t->requester.email == NULL)
                t->requester.email = addr;
            else
                free(addr);
        }
        if ((rc = zm_fill_message(ticket_add_message(t), art, err)) != TD_OK)
            break;
    }
    if (!have_channel)
        t->channel = zammad_channel(json_str(item, "create_article_type"));
    return rc;
}

static enum td_status
zm_sync_emit(struct zm_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    struct ticket t = { 0 };
    enum td_status rc;
    time_t updated;

    rc = zm_build_ticket(s, item, &t, err);
    /* Read before the sink, which may take the ticket's contents. */
    updated = t.updated_at;
    if (rc == TD_OK)
        rc = s->out->ticket(s->out->ctx, &t, err);
    if (rc == TD_OK)
        netdrv_window_seen(&s->w, updated);
    ticket_clear(&t);
    if (rc != TD_OK)
        return rc;
    s->n_done++;
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done, 0);
    return TD_OK;
}

static void
zm_sync_next(struct zm_sync *s)
{
    struct td_error err;
    enum td_status rc = TD_OK;
    int go;

    td_error_clear(&err);
    if (s->idx < cJSON_GetArraySize(s->list)) {
        cJSON_Delete(s->articles);
        cJSON_Delete(s->tags);
        s->articles = s->tags = NULL;
        if ((rc = zm_sync_submit_item(s, 0, &err)) != TD_OK)
            zm_sync_finish(s, rc, &err);
        return;
    }
    rc = netdrv_window_page_done(&s->w, s->out, ZM_CURSOR, s->more, &go,
                                 "zammad", &err);
    if (rc == TD_OK && go && (rc = zm_sync_submit_list(s, &err)) == TD_OK)
        return;
    zm_sync_finish(s, rc, &err);
}

static void
zm_sync_on_list(void *ctx, struct http_response *resp)
{
    struct zm_sync *s = ctx;
    struct td_error err;
    cJSON *j;
    enum td_status rc;

    if ((rc = zm_json(resp, "zammad: ticket search", &j, &err)) != TD_OK) {
        zm_sync_finish(s, rc, &err);
        return;
    }
    /* expand=true answers an array of tickets (without it, ids and
     * assets, which this driver does not ask for). */
    if (!cJSON_IsArray(j)) {
        cJSON_Delete(j);
        td_error_set(&err, TD_EPARSE, "zammad: the ticket search is not an "
                     "array");
        zm_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    /* Until an empty page: the server may cap per_page below what was
     * asked (section 3), so a short page is not the last one. */
    s->more = cJSON_GetArraySize(j) > 0;
    cJSON_Delete(s->list);
    s->list = j;
    s->idx = 0;
    zm_sync_next(s);
}

static void
zm_sync_on_articles(void *ctx, struct http_response *resp)
{
    struct zm_sync *s = ctx;
    struct td_error err;
    cJSON *j = NULL;
    enum td_status rc;

    /* Deleted since the search: keep what the store has of it. */
    if (resp->status != 404) {
        rc = zm_json(resp, "zammad: articles", &j, &err);
        if (rc == TD_OK && !cJSON_IsArray(j))
            rc = td_error_set(&err, TD_EPARSE, "zammad: articles are not "
                              "an array");
        if (rc != TD_OK) {
            cJSON_Delete(j);
            zm_sync_finish(s, rc, &err);
            return;
        }
    }
    s->articles = j;
    if ((rc = zm_sync_submit_item(s, 1, &err)) != TD_OK)
        zm_sync_finish(s, rc, &err);
}

static void
zm_sync_on_tags(void *ctx, struct http_response *resp)
{
    struct zm_sync *s = ctx;
    struct td_error err;
    cJSON *j = NULL;
    enum td_status rc;

    td_error_clear(&err);
    if (resp->status != 404) {
        if ((rc = zm_json(resp, "zammad: tags", &j, &err)) != TD_OK) {
            zm_sync_finish(s, rc, &err);
            return;
        }
        s->tags = cJSON_DetachItemFromObjectCaseSensitive(j, "tags");
        cJSON_Delete(j);
    }
    if ((rc = zm_sync_emit(s, &err)) != TD_OK) {
        zm_sync_finish(s, rc, &err);
        return;
    }
    s->idx++;
    zm_sync_next(s);
}

static enum td_status
zm_sync_start(struct account *a, const struct sync_sink *out,
              drv_done_fn done, void *ctx, struct td_error *err)
{
    struct zm_sync *s = xcalloc(1, sizeof *s);
    char *cursor = NULL;
    enum td_status rc;

    if ((rc = out->cursor_get(out->ctx, ZM_CURSOR, &cursor, err)) != TD_OK) {
        free(s);
        return rc;
    }
    netdrv_window_init(&s->w, cursor, ZM_MAX_PAGE);
    free(cursor);
    s->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    s->out = out;
    if ((rc = zm_sync_submit_list(s, err)) != TD_OK)
        zm_sync_free(s);
    return rc;
}

/* ---- reply, find_sent, update ---- */

/* One request of an update: they run one after another. */
struct zm_step {
    const char *method;
    char *path;
    char *body;
    int idempotent;
};

struct zm_op {
    struct netdrv_op op;
    char *ticket;
    char *html;             /* reply: the body with the marker */
    int is_note;
    const char *state;      /* reply: the state to PUT after, or NULL */
    char *remote;           /* reply: the article it created */
    char *token;            /* reply, find_sent: the outbox token */
    char *best;             /* find_sent: the earliest match */
    long page;              /* list_canned */
    struct canned_list *canned;
    struct zm_step *steps;  /* update */
    size_t n_steps, step;
};

static void
zm_op_free(void *self)
{
    struct zm_op *op = self;

    free(op->ticket);
    free(op->html);
    free(op->remote);
    free(op->token);
    free(op->best);
    for (size_t i = 0; i < op->n_steps; i++) {
        free(op->steps[i].path);
        free(op->steps[i].body);
    }
    free(op->steps);
    free(op);
}

static struct zm_op *
zm_op_new(struct account *a, drv_done_fn done, void *ctx)
{
    struct zm_op *op = xcalloc(1, sizeof *op);

    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    return op;
}

static void
zm_op_finish(struct zm_op *op, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    netdrv_op_end(&op->op, zm_op_free, op, rc, remote_id, err);
}

/* {"state": ..., "pending_time": ...} into j for a normalised status. */
static void
zm_add_state(struct account *a, cJSON *j, const char *state)
{
    struct zm_priv *p = a->priv;
    char iso[TIME_ISO_LEN];

    cJSON_AddStringToObject(j, "state", state);
    if (strncmp(state, "pending", 7) == 0) {
        time_format_iso(time(NULL) + p->pending_days * 86400L, iso);
        cJSON_AddStringToObject(j, "pending_time", iso);
    }
}

static void
zm_status_on_done(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err, why;

    if (resp->result == TD_OK) {
        zm_op_finish(op, TD_OK, op->remote, NULL);
        return;
    }
    /* The article is in the ticket, the state is not: TD_ENET keeps the
     * outbox item "sending", and find_sent then finds the article, so it
     * is never sent twice; only the state change is lost, and err says
     * so. */
    netdrv_fail(resp, "zammad: state", zm_err_keys, &why);
    td_error_set(&err, TD_ENET, "zammad: sent as article %s, but the state "
                 "was not changed (%s)", op->remote, why.msg);
    zm_op_finish(op, TD_ENET, NULL, &err);
}

static void
zm_reply_on_post(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err, ignored;
    struct http_request *hr;
    char *path;
    cJSON *j = NULL;
    enum td_status rc;

    td_error_clear(&err);
    /* A POST that failed after it was sent may have landed: TD_ENET
     * leaves the outbox item "sending" so find_sent decides. */
    if (resp->result != TD_OK) {
        rc = netdrv_fail(resp, "zammad: article", zm_err_keys, &err);
        zm_op_finish(op, rc, NULL, &err);
        return;
    }
    if (json_parse(resp->body, resp->body_len, &j, "zammad", &ignored) ==
        TD_OK)
        op->remote = json_strdup(j, "id");
    cJSON_Delete(j);
    if (op->remote == NULL)
        op->remote = xstrdup("");
    if (op->state == NULL) {
        zm_op_finish(op, TD_OK, op->remote, NULL);
        return;
    }
    j = cJSON_CreateObject();
    zm_add_state(op->op.a, j, op->state);
    path = xasprintf("tickets/%s", op->ticket);
    hr = zm_request_json(op->op.a, "PUT", path, j, zm_status_on_done, op);
    cJSON_Delete(j);
    free(path);
    if (http_transport_submit(op->op.a->http, hr, &err) != TD_OK) {
        td_error_set(&err, TD_ENET, "zammad: sent as article %s, but the "
                     "state was not changed", op->remote);
        zm_op_finish(op, TD_ENET, NULL, &err);
    }
}

/* POST /ticket_articles (section 3, "Reply / note"). A note is type
 * "note" and internal: an internal email would still be mailed (gotcha
 * 4). A reply goes back the way the customer last wrote (arts, their
 * articles), to their address; else by email to the ticket's customer. */
static enum td_status
zm_reply_post(struct zm_op *op, const cJSON *arts, struct td_error *err)
{
    const char *type = "note", *to = NULL;
    const cJSON *art, *last = NULL;
    struct http_request *hr;
    cJSON *j;

    if (!op->is_note) {
        type = "email";
        cJSON_ArrayForEach(art, arts) {
            const char *s = json_str(art, "sender");

            if (s && strcmp(s, "Customer") == 0)
                last = art;
        }
        for (size_t i = 0; last && zm_reply_types[i]; i++) {
            const char *t = json_str(last, "type");

            if (t && strcmp(t, zm_reply_types[i]) == 0)
                type = zm_reply_types[i];
        }
        to = json_str(last, "reply_to");
        if (to == NULL || *to == '\0')
            to = json_str(last, "from");
        if (strcmp(type, "email") == 0 && (to == NULL || !strchr(to, '@')))
            return td_error_set(err, TD_EINVAL, "zammad: ticket %s has no "
                                "customer address to reply to", op->ticket);
    }
    j = cJSON_CreateObject();
    cJSON_AddNumberToObject(j, "ticket_id", strtod(op->ticket, NULL));
    cJSON_AddStringToObject(j, "body", op->html);
    cJSON_AddStringToObject(j, "content_type", "text/html");
    cJSON_AddStringToObject(j, "type", type);
    cJSON_AddBoolToObject(j, "internal", op->is_note);
    cJSON_AddStringToObject(j, "sender", "Agent");
    if (to)
        cJSON_AddStringToObject(j, "to", to);
    /* The token twice: Zammad's HTML sanitiser drops comments (comment is
     * no allowed tag in config/initializers/html_sanitizer.rb), so the
     * one in the body may not survive; the article's preferences, which
     * the API stores as given and the mail job only adds to, keep it out
     * of sight. */
    if (op->token)
        cJSON_AddStringToObject(cJSON_AddObjectToObject(j, "preferences"),
                                ZM_MARKER_KEY, op->token);
    hr = zm_request_json(op->op.a, "POST", "ticket_articles", j,
                         zm_reply_on_post, op);
    hr->idempotent = HTTP_IDEMPOTENT_NO;
    cJSON_Delete(j);
    return http_transport_submit(op->op.a->http, hr, err);
}

static void
zm_reply_on_thread(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err;
    cJSON *j;
    enum td_status rc;

    rc = zm_json(resp, "zammad: articles", &j, &err);
    if (rc == TD_OK)
        rc = zm_reply_post(op, j, &err);
    cJSON_Delete(j);
    if (rc != TD_OK)
        zm_op_finish(op, rc, NULL, &err);
}

static enum td_status
zm_reply_start(struct account *a, const struct reply_req *req,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *state = NULL;
    struct zm_op *op;
    char *html, *path;
    enum td_status rc;

    if (!netdrv_digits(req->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zammad: bad ticket id '%s'",
                            req->ticket_ext_id ? req->ticket_ext_id : "");
    if (req->token && !netdrv_token_ok(req->token))
        return td_error_set(err, TD_EINVAL, "zammad: unusable outbox token");
    if (req->set_status &&
        (state = zammad_state_from_status(req->set_status)) == NULL)
        return td_error_set(err, TD_EINVAL, "zammad: no state for '%s'",
                            req->set_status);
    /* HTML, so the token can ride in a comment nobody sees too. */
    if ((html = netdrv_body_html(req->body ? req->body : "", req->token,
                                 ZM_MAX_BODY_HTML)) == NULL)
        return td_error_set(err, TD_ETOOBIG, "zammad: the reply is too long");
    op = zm_op_new(a, done, ctx);
    op->ticket = xstrdup(req->ticket_ext_id);
    op->html = html;
    op->is_note = req->is_note;
    op->state = state;
    op->token = req->token ? xstrdup(req->token) : NULL;
    if (op->is_note) {
        rc = zm_reply_post(op, NULL, err);
    } else {
        /* Read the thread first: the reply's type and address come from
         * the customer's last article. */
        path = xasprintf("ticket_articles/by_ticket/%s", op->ticket);
        rc = http_transport_submit(a->http,
                                   zm_request(a, "GET", path, NULL,
                                              zm_reply_on_thread, op),
                                   err);
        free(path);
    }
    if (rc != TD_OK)
        zm_op_free(op);
    return rc;
}

static void
zm_find_on_thread(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err;
    const cJSON *art;
    char *marker, *best = NULL;
    cJSON *j;
    enum td_status rc;

    rc = zm_json(resp, "zammad: articles", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "zammad: articles are not an "
                          "array");
    if (rc != TD_OK) {
        cJSON_Delete(j);
        zm_op_finish(op, rc, NULL, &err);
        return;
    }
    marker = xasprintf("%s%s%s", NETDRV_MARKER_PREFIX, op->token,
                       NETDRV_MARKER_SUFFIX);
    /* The earliest: a quote of it in a later article is not it. */
    cJSON_ArrayForEach(art, j) {
        const char *body = json_str(art, "body");
        const char *tok = json_str(cJSON_GetObjectItemCaseSensitive(
                                       art, "preferences"), ZM_MARKER_KEY);
        char *id;

        if ((tok == NULL || strcmp(tok, op->token) != 0) &&
            (body == NULL || strstr(body, marker) == NULL))
            continue;
        id = json_strdup(art, "id");
        if (id && (best == NULL ||
                   strtoll(id, NULL, 10) < strtoll(best, NULL, 10))) {
            free(best);
            best = id;
        } else {
            free(id);
        }
    }
    free(marker);
    cJSON_Delete(j);
    op->best = best;
    if (best) {
        zm_op_finish(op, TD_OK, op->best, NULL);
        return;
    }
    td_error_set(&err, TD_ENOTFOUND, "zammad: not in ticket %s", op->ticket);
    zm_op_finish(op, TD_ENOTFOUND, NULL, &err);
}

static enum td_status
zm_find_sent_start(struct account *a, const char *ticket_ext_id,
                   const char *token, drv_done_fn done, void *ctx,
                   struct td_error *err)
{
    struct zm_op *op;
    char *path;
    enum td_status rc;

    if (!netdrv_digits(ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zammad: bad ticket id");
    if (!netdrv_token_ok(token))
        return td_error_set(err, TD_EINVAL, "zammad: unusable outbox token");
    op = zm_op_new(a, done, ctx);
    op->ticket = xstrdup(ticket_ext_id);
    op->token = xstrdup(token);
    path = xasprintf("ticket_articles/by_ticket/%s", ticket_ext_id);
    rc = http_transport_submit(a->http,
                               zm_request(a, "GET", path, NULL,
                                          zm_find_on_thread, op),
                               err);
    free(path);
    if (rc != TD_OK)
        zm_op_free(op);
    return rc;
}

static enum td_status zm_update_submit(struct zm_op *op,
                                       struct td_error *err);

static void
zm_update_on_done(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err;
    enum td_status rc;

    if (resp->result != TD_OK) {
        rc = netdrv_fail(resp, "zammad: update", zm_err_keys, &err);
        /* Say how far it got: the steps before this one are done. */
        if (op->step > 0)
            td_error_prefix(&err, "after %zu of %zu changes: ", op->step,
                            op->n_steps);
        zm_op_finish(op, rc, NULL, &err);
        return;
    }
    if (++op->step == op->n_steps) {
        zm_op_finish(op, TD_OK, NULL, NULL);
        return;
    }
    if ((rc = zm_update_submit(op, &err)) != TD_OK)
        zm_op_finish(op, rc, NULL, &err);
}

static enum td_status
zm_update_submit(struct zm_op *op, struct td_error *err)
{
    const struct zm_step *st = &op->steps[op->step];
    struct http_request *hr;

    hr = zm_request(op->op.a, st->method, st->path, NULL, zm_update_on_done,
                    op);
    http_request_set_body(hr, st->body, strlen(st->body),
                          "application/json");
    hr->idempotent = st->idempotent;
    return http_transport_submit(op->op.a->http, hr, err);
}

static void
zm_add_step(struct zm_op *op, const char *method, const char *path,
            cJSON *body, int idempotent)
{
    struct zm_step *st;

    op->steps = xreallocarray(op->steps, op->n_steps + 1, sizeof *op->steps);
    st = &op->steps[op->n_steps++];
    st->method = method;
    st->path = xstrdup(path);
    st->body = cJSON_PrintUnformatted(body);
    st->idempotent = idempotent;
    cJSON_Delete(body);
}

/* A tag change: POST /tags/add or DELETE /tags/remove with {item,
 * object, o_id} (docs.zammad.org api/ticket/tags). Adding a tag twice
 * or removing an absent one changes nothing, so both may be retried. */
static void
zm_tag_step(struct zm_op *op, const char *tag, int add)
{
    cJSON *j = cJSON_CreateObject();

    cJSON_AddStringToObject(j, "item", tag);
    cJSON_AddStringToObject(j, "object", "Ticket");
    cJSON_AddNumberToObject(j, "o_id", strtod(op->ticket, NULL));
    zm_add_step(op, add ? "POST" : "DELETE", add ? "tags/add" : "tags/remove",
                j, HTTP_IDEMPOTENT_YES);
}

/* State and owner in one PUT /tickets/{id}, then one call per tag. The
 * owner is an agent id (owner_id) or a login, which Zammad looks up by
 * name as it does for group and customer (unverified for owner); ""
 * gives the ticket back to nobody (owner_id 1). */
static enum td_status
zm_update_start(struct account *a, const struct ticket_update *u,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *state = NULL;
    struct zm_op *op;
    char *path;
    enum td_status rc;

    if (!netdrv_digits(u->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "zammad: bad ticket id '%s'",
                            u->ticket_ext_id ? u->ticket_ext_id : "");
    if (u->status && (state = zammad_state_from_status(u->status)) == NULL)
        return td_error_set(err, TD_EINVAL, "zammad: no state for '%s'",
                            u->status);
    for (size_t i = 0; i < u->n_add_tags + u->n_remove_tags; i++) {
        const char *tag = i < u->n_add_tags ? u->add_tags[i]
                                            : u->remove_tags[i -
                                                             u->n_add_tags];

        if (tag == NULL || *tag == '\0')
            return td_error_set(err, TD_EINVAL, "zammad: empty tag");
    }
    op = zm_op_new(a, done, ctx);
    op->ticket = xstrdup(u->ticket_ext_id);
    if (state || u->assignee) {
        cJSON *j = cJSON_CreateObject();

        if (state)
            zm_add_state(a, j, state);
        if (u->assignee && (*u->assignee == '\0' ||
                            netdrv_digits(u->assignee)))
            cJSON_AddNumberToObject(j, "owner_id",
                                    strtod(*u->assignee ? u->assignee
                                                        : ZM_NOBODY, NULL));
        else if (u->assignee)
            cJSON_AddStringToObject(j, "owner", u->assignee);
        path = xasprintf("tickets/%s", op->ticket);
        zm_add_step(op, "PUT", path, j, HTTP_IDEMPOTENT_AUTO);
        free(path);
    }
    for (size_t i = 0; i < u->n_add_tags; i++)
        zm_tag_step(op, u->add_tags[i], 1);
    for (size_t i = 0; i < u->n_remove_tags; i++)
        zm_tag_step(op, u->remove_tags[i], 0);
    if (op->n_steps == 0) {
        zm_op_free(op);
        return td_error_set(err, TD_EINVAL, "zammad: nothing to change");
    }
    if ((rc = zm_update_submit(op, err)) != TD_OK)
        zm_op_free(op);
    return rc;
}

/* ---- canned replies: text modules ---- */

static enum td_status zm_canned_submit(struct zm_op *op,
                                       struct td_error *err);

static void
zm_canned_on_page(void *ctx, struct http_response *resp)
{
    struct zm_op *op = ctx;
    struct td_error err;
    const cJSON *tm;
    cJSON *j;
    enum td_status rc;

    rc = zm_json(resp, "zammad: text modules", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "zammad: text modules are not an "
                          "array");
    cJSON_ArrayForEach(tm, (rc == TD_OK ? j : NULL)) {
        const char *content = json_str(tm, "content");
        char *id = json_strdup(tm, "id"), *text = NULL;

        /* Inactive modules are not offered in Zammad's editor either. */
        if (!json_bool(tm, "active", 1) || content == NULL) {
            free(id);
            continue;
        }
        /* The content is rich text; the #{...} placeholders are text in
         * it and come through as they are. */
        if (strchr(content, '<'))
            rc = html_to_text(content, strlen(content), &text, &err);
        if (rc == TD_OK)
            canned_list_add(op->canned, id, json_str(tm, "name"),
                            text ? text : content, json_str(tm, "keywords"));
        free(text);
        free(id);
        if (rc != TD_OK)
            break;
    }
    if (rc == TD_OK && cJSON_GetArraySize(j) > 0 &&
        op->page >= ZM_MAX_CANNED_PAGES)
        rc = td_error_set(&err, TD_ENOTSUP, "zammad: more than %d pages of "
                          "text modules", ZM_MAX_CANNED_PAGES);
    if (rc == TD_OK && cJSON_GetArraySize(j) > 0) {
        cJSON_Delete(j);
        op->page++;
        if ((rc = zm_canned_submit(op, &err)) != TD_OK)
            zm_op_finish(op, rc, NULL, &err);
        return;
    }
    cJSON_Delete(j);
    zm_op_finish(op, rc, NULL, &err);
}

static enum td_status
zm_canned_submit(struct zm_op *op, struct td_error *err)
{
    char page[24];
    const char *params[] = {
        "page", page,
        "per_page", ZM_PER_PAGE,
        NULL,
    };

    snprintf(page, sizeof page, "%ld", op->page);
    return http_transport_submit(op->op.a->http,
                                 zm_request(op->op.a, "GET", "text_modules",
                                            params, zm_canned_on_page, op),
                                 err);
}

/* GET /text_modules (section 3, "Canned replies"; the path is marked
 * unverified there), paged like every Zammad list. The keywords, which
 * the editor matches after "::", stand in for a folder. */
static enum td_status
zm_list_canned_start(struct account *a, struct canned_list *out,
                     drv_done_fn done, void *ctx, struct td_error *err)
{
    struct zm_op *op = zm_op_new(a, done, ctx);
    enum td_status rc;

    op->canned = out;
    op->page = 1;
    if ((rc = zm_canned_submit(op, err)) != TD_OK)
        zm_op_free(op);
    return rc;
}

const struct driver drv_zammad = {
    .name = "zammad",
    .desc = "Zammad (REST API v1)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ASSIGN | DRV_CAP_TAGS,
    .priv_size = sizeof(struct zm_priv),
    .keys = zm_keys,
    .open = zm_open,
    .close = zm_close,
    .sync_start = zm_sync_start,
    .reply_start = zm_reply_start,
    .find_sent_start = zm_find_sent_start,
    .update_start = zm_update_start,
    .list_canned_start = zm_list_canned_start,
};
