/* chatwoot.c: the Chatwoot API, as chains of non-blocking requests. */
#include "drivers/chatwoot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "drivers/driver.h"
#include "drivers/netdrv.h"
#include "net/http.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/xmalloc.h"

/* The thread comes newest first, 20 messages a request; older pages are
 * asked with before=<the oldest id so far> (section 4, "Read thread"). */
#define CW_MSG_PAGE_N 20
/* A subject for conversations that have none: the first line of the
 * first message, cut to this many bytes (on a character boundary). */
#define CW_SUBJECT_MAX 80
#define CW_CURSOR "activity"
/* 25 conversations a page: past this many pages a server that ignores
 * page= (and sends no all_count) would be read forever. */
#define CW_MAX_PAGES 20000
#define CW_HDR "api_access_token"

struct cw_priv {
    char *base;         /* "https://x/api/v1/accounts/3", no slash */
    char *token;
    int insecure;
};

static const char *const cw_keys[] = {
    "token_env",
    "token_cmd",
    "account_id",
    "insecure",
    NULL,
};

/* {"error": "..."} from the controllers, {description, errors[]} from
 * the validation layer (section 4, "Errors"). */
static const char *const cw_err_keys[] = {
    "error",
    "message",
    "errors",
    "description",
    NULL,
};

/* Chatwoot's "pending" is a conversation no agent has taken yet (a bot
 * holds it): new work. Snoozing waits for the customer's next message,
 * which is what "pending" means here. */
static const struct {
    const char *cw;
    const char *ours;
} cw_status_in[] = {
    { "open", "open" },
    { "pending", "new" },
    { "snoozed", "pending" },
    { "resolved", "solved" },
};

static const struct {
    const char *ours;
    const char *cw;
} cw_status_out[] = {
    { "new", "open" },
    { "open", "open" },
    { "pending", "snoozed" },
    { "on-hold", "snoozed" },
    { "solved", "resolved" },
    { "closed", "resolved" },
};

static const struct {
    const char *type;
    enum channel ch;
} cw_channels[] = {
    { "Channel::Whatsapp", CH_WHATSAPP },
    { "Channel::Line", CH_LINE },
    { "Channel::Email", CH_EMAIL },
    { "Channel::WebWidget", CH_CHAT },
    { "Channel::FacebookPage", CH_MESSENGER },
    { "Channel::Instagram", CH_MESSENGER },
    { "Channel::Telegram", CH_CHAT },
    { "Channel::Sms", CH_SMS },
    { "Channel::TwilioSms", CH_SMS },
};

const char *
chatwoot_status_from_cw(const char *status)
{
    for (size_t i = 0;
         status && i < sizeof cw_status_in / sizeof *cw_status_in; i++)
        if (strcmp(cw_status_in[i].cw, status) == 0)
            return cw_status_in[i].ours;
    return "open";
}

const char *
chatwoot_status_to_cw(const char *normalised)
{
    for (size_t i = 0; normalised &&
                       i < sizeof cw_status_out / sizeof *cw_status_out; i++)
        if (strcmp(cw_status_out[i].ours, normalised) == 0)
            return cw_status_out[i].cw;
    return NULL;
}

enum channel
chatwoot_channel(const char *channel_type, const char *medium)
{
    /* A Twilio inbox is SMS or WhatsApp, by its medium. */
    if (channel_type && strcmp(channel_type, "Channel::TwilioSms") == 0 &&
        medium && strcasecmp(medium, "whatsapp") == 0)
        return CH_WHATSAPP;
    for (size_t i = 0; channel_type &&
                       i < sizeof cw_channels / sizeof *cw_channels; i++)
        if (strcmp(cw_channels[i].type, channel_type) == 0)
            return cw_channels[i].ch;
    return CH_OTHER;
}

/* The account id from account_id= or from a URL that names it, as the
 * dashboard's (".../app/accounts/3/dashboard") or the API's
 * (".../api/v1/accounts/3") do; the root is what comes before. */
static enum td_status
cw_split_url(struct account *a, size_t *root_len, char **id,
             struct td_error *err)
{
    const char *opt = drv_account_opt(a, "account_id");
    const char *acc = strstr(a->url, "/accounts/");
    const char *cut = acc;
    size_t n;

    *id = NULL;
    if (acc) {
        const char *d = acc + strlen("/accounts/");

        n = strspn(d, "0123456789");
        if (n == 0 || (d[n] != '\0' && d[n] != '/'))
            return td_error_set(err, TD_EINVAL, "chatwoot: no account id "
                                "after /accounts/ in the URL");
        *id = xasprintf("%.*s", (int)n, d);
        if (cut - a->url >= 4 && strncmp(cut - 4, "/app", 4) == 0)
            cut -= 4;
        else if (cut - a->url >= 7 && strncmp(cut - 7, "/api/v1", 7) == 0)
            cut -= 7;
        *root_len = (size_t)(cut - a->url);
    } else {
        *root_len = strlen(a->url);
    }
    if (opt && !netdrv_digits(opt)) {
        free(*id);
        *id = NULL;
        return td_error_set(err, TD_EINVAL, "account_id=%s: want a number",
                            opt);
    }
    if (opt && *id && strcmp(opt, *id) != 0) {
        td_error_set(err, TD_EINVAL, "account_id=%s, but the URL names "
                     "account %s", opt, *id);
        free(*id);
        *id = NULL;
        return TD_EINVAL;
    }
    if (opt && *id == NULL)
        *id = xstrdup(opt);
    if (*id == NULL)
        return td_error_set(err, TD_EINVAL, "chatwoot: say account_id= (the "
                            "number in the dashboard's URL)");
    while (*root_len > 0 && a->url[*root_len - 1] == '/')
        (*root_len)--;
    return TD_OK;
}

/* The token goes in its own header (section 4, "Auth"): a user's access
 * token from their profile page. */
static enum td_status
cw_open(struct account *a, struct td_error *err)
{
    struct cw_priv *p = a->priv;
    size_t root = 0;
    char *id = NULL;
    enum td_status rc;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if ((rc = http_url_check(a->url, p->insecure, err)) != TD_OK)
        return rc;
    if ((rc = cw_split_url(a, &root, &id, err)) != TD_OK)
        return rc;
    p->base = xasprintf("%.*s/api/v1/accounts/%s", (int)root, a->url, id);
    free(id);
    return drv_account_secret(a, &p->token, err);
}

static void
cw_close(struct account *a)
{
    struct cw_priv *p = a->priv;

    free(p->base);
    netdrv_wipe(&p->token);
}

static struct http_request *
cw_request(struct account *a, const char *method, const char *path,
           const char *const *params, http_done_fn done, void *ctx)
{
    struct cw_priv *p = a->priv;

    return netdrv_request_as(a, p->base, CW_HDR, p->token, p->insecure,
                             method, path, params, done, ctx);
}

static struct http_request *
cw_request_json(struct account *a, const char *path, cJSON *body,
                http_done_fn done, void *ctx)
{
    struct http_request *hr = cw_request(a, "POST", path, NULL, done, ctx);
    char *text = cJSON_PrintUnformatted(body);

    http_request_set_body(hr, text, strlen(text), "application/json");
    free(text);
    return hr;
}

static enum td_status
cw_json(const struct http_response *resp, const char *what, cJSON **out,
        struct td_error *err)
{
    return netdrv_json(resp, what, cw_err_keys, out, err);
}

/* obj.data.payload, or obj.payload: the list of most answers. */
static cJSON *
cw_payload(cJSON *j)
{
    cJSON *data = cJSON_GetObjectItemCaseSensitive(j, "data");
    cJSON *p = cJSON_GetObjectItemCaseSensitive(cJSON_IsObject(data) ? data
                                                                     : j,
                                                "payload");

    return cJSON_IsArray(p) ? p : NULL;
}

/* A Unix time member (Chatwoot's times are mostly seconds). */
static time_t
cw_time(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (cJSON_IsNumber(v))
        return (time_t)v->valuedouble;
    return json_time(obj, key);     /* some builds send ISO strings */
}

/* ---- sync ---- */

/* One sync in flight. Chatwoot has no change feed: the conversation list
 * comes latest activity first (section 4, "Incremental"), so the sync
 * reads pages until it reaches a conversation not active since the
 * stored cursor, reading each conversation's thread (newest page first)
 * on the way. The cursor, the newest activity seen, is only stored with
 * the last page: stopping half-way must not skip what is older. */
struct cw_sync {
    struct netdrv_op op;
    const struct sync_sink *out;
    time_t since;
    time_t newest;
    long page;
    int stop;               /* reached the cursor */
    size_t seen;            /* conversations listed so far */
    size_t total;           /* all_count, 0 if unknown */
    size_t shown;           /* the total for progress: a first sync reads
                             * them all, a later one stops early */
    cJSON *inboxes;         /* inbox list: channel of each inbox_id */
    cJSON *list;
    cJSON *page_json;
    int idx;
    cJSON *msgs;            /* the thread of the conversation being read */
    char *before;           /* the oldest message id so far */
    size_t n_done;
};

static void cw_sync_on_inboxes(void *ctx, struct http_response *resp);
static void cw_sync_on_list(void *ctx, struct http_response *resp);
static void cw_sync_on_msgs(void *ctx, struct http_response *resp);

static void
cw_sync_free(void *self)
{
    struct cw_sync *s = self;

    cJSON_Delete(s->inboxes);
    cJSON_Delete(s->page_json);
    cJSON_Delete(s->msgs);
    free(s->before);
    free(s);
}

static void
cw_sync_finish(struct cw_sync *s, enum td_status rc,
               const struct td_error *err)
{
    netdrv_op_end(&s->op, cw_sync_free, s, rc, NULL, err);
}

static enum td_status
cw_sync_submit_list(struct cw_sync *s, struct td_error *err)
{
    char page[24];
    /* The order the sync relies on, said out loud: Chatwoot's default,
     * which versions without this sort name fall back to. */
    const char *params[] = {
        "status", "all",
        "assignee_type", "all",
        "sort_by", "last_activity_at_desc",
        "page", page,
        NULL,
    };

    snprintf(page, sizeof page, "%ld", s->page);
    return http_transport_submit(s->op.a->http,
                                 cw_request(s->op.a, "GET", "conversations",
                                            params, cw_sync_on_list, s),
                                 err);
}

static enum td_status
cw_sync_submit_msgs(struct cw_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    char *id = json_strdup(item, "id"), *path;
    const char *params[] = {
        "before", s->before,
        NULL,
    };
    enum td_status rc;

    if (!netdrv_digits(id)) {
        free(id);
        return td_error_set(err, TD_EPARSE, "chatwoot: a conversation "
                            "without an id");
    }
    path = xasprintf("conversations/%s/messages", id);
    rc = http_transport_submit(s->op.a->http,
                               cw_request(s->op.a, "GET", path, params,
                                          cw_sync_on_msgs, s),
                               err);
    free(path);
    free(id);
    return rc;
}

/* The channel of the conversation's inbox; the Twilio inbox's medium
 * tells WhatsApp from SMS, which meta.channel cannot. */
static enum channel
cw_conv_channel(const struct cw_sync *s, const cJSON *conv)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(conv, "meta");
    int64_t inbox = json_int(conv, "inbox_id", -1);
    const cJSON *in;

    cJSON_ArrayForEach(in, s->inboxes) {
        if (json_int(in, "id", -2) == inbox)
            return chatwoot_channel(json_str(in, "channel_type"),
                                    json_str(in, "medium"));
    }
    return chatwoot_channel(json_str(meta, "channel"), NULL);
}

static int
cw_msg_cmp(const void *a, const void *b)
{
    int64_t x = json_int(*(const cJSON *const *)a, "id", 0);
    int64_t y = json_int(*(const cJSON *const *)b, "id", 0);

    return x < y ? -1 : x > y;
}

/* message_type is a number in the API (0 incoming, 1 outgoing, 2
 * activity, 3 template) and a word in webhooks; both are read. */
static enum author_kind
cw_author(const cJSON *m)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "message_type");
    const char *st = json_str(m, "sender_type");
    int type = cJSON_IsNumber(v) ? v->valueint : -1;

    if (cJSON_IsString(v)) {
        static const char *const words[] = { "incoming", "outgoing",
                                             "activity", "template" };

        for (int i = 0; i < 4; i++)
            if (strcmp(v->valuestring, words[i]) == 0)
                type = i;
    }
    if (type == 0)
        return AK_CUSTOMER;
    if (type == 2 || type == 3 || (st && strcmp(st, "AgentBot") == 0))
        return AK_SYSTEM;
    return AK_AGENT;
}

static void
cw_fill_message(struct message *m, const cJSON *c)
{
    const cJSON *sender = cJSON_GetObjectItemCaseSensitive(c, "sender");
    const cJSON *at;
    const char *content = json_str(c, "content");

    m->external_id = json_strdup(c, "id");
    m->is_public = !json_bool(c, "private", 0);
    m->created_at = cw_time(c, "created_at");
    m->author = cw_author(c);
    m->author_name = json_strdup(sender, "name");
    m->body = xstrdup(content ? content : "");
    cJSON_ArrayForEach(at, cJSON_GetObjectItemCaseSensitive(c,
                                                           "attachments")) {
        const char *url = json_str(at, "data_url");
        const char *slash = url ? strrchr(url, '/') : NULL;
        const char *ft = json_str(at, "file_type");

        m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
                                       sizeof *m->attachments);
        m->attachments[m->n_attachments].name =
            xstrdup(slash && slash[1] ? slash + 1 : ft ? ft : "attachment");
        m->attachments[m->n_attachments++].size =
            json_int(at, "file_size", 0);
    }
}

/* The first line of text, at most CW_SUBJECT_MAX bytes, not cutting a
 * UTF-8 sequence; owned. */
static char *
cw_subject(const char *text)
{
    size_t n = strcspn(text, "\r\n");

    if (n > CW_SUBJECT_MAX) {
        n = CW_SUBJECT_MAX;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    return xasprintf("%.*s", (int)n, text);
}

static enum td_status
cw_build_ticket(struct cw_sync *s, const cJSON *conv, struct ticket *t)
{
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(conv, "meta");
    const cJSON *who = cJSON_GetObjectItemCaseSensitive(meta, "sender");
    const cJSON *asg = cJSON_GetObjectItemCaseSensitive(meta, "assignee");
    const char *aa = "additional_attributes";
    const cJSON *add = cJSON_GetObjectItemCaseSensitive(conv, aa);
    const cJSON *wadd = cJSON_GetObjectItemCaseSensitive(who, aa);
    const char *status = json_str(conv, "status");
    const char *prio = json_str(conv, "priority");
    const char *cc = json_str(wadd, "country_code");
    int n = cJSON_GetArraySize(s->msgs), p;
    const cJSON **v = xcalloc((size_t)n + 1, sizeof *v);
    const cJSON *c;
    int i = 0;

    t->external_id = json_strdup(conv, "id");
    t->status_raw = xstrdup(status ? status : "");
    t->status = ticket_status_from_name(chatwoot_status_from_cw(status));
    /* low, medium, high, urgent or null. */
    p = prio && strcmp(prio, "medium") != 0 ? ticket_priority_from_name(prio)
                                            : -1;
    t->priority = p >= 0 ? (enum ticket_priority)p : TP_NORMAL;
    t->channel = cw_conv_channel(s, conv);
    t->created_at = cw_time(conv, "created_at");
    t->updated_at = cw_time(conv, "timestamp");
    if (t->updated_at == 0)
        t->updated_at = cw_time(conv, "last_activity_at");
    t->requester.external_id = json_strdup(who, "id");
    t->requester.name = json_strdup(who, "name");
    t->requester.email = json_strdup(who, "email");
    t->requester.phone = json_strdup(who, "phone_number");
    if (cc && strlen(cc) == 2)
        t->requester.country = xstrdup(cc);
    if (cJSON_IsObject(asg)) {
        const char *name = json_str(asg, "name");

        t->assignee = name && *name ? xstrdup(name)
                      : json_str(asg, "email") ? json_strdup(asg, "email")
                                               : json_strdup(asg, "id");
    }
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(conv, "labels"))
        if (cJSON_IsString(c) && *c->valuestring)
            ticket_add_tag(t, c->valuestring);
    cJSON_ArrayForEach(c, s->msgs)
        v[i++] = c;
    qsort(v, (size_t)n, sizeof *v, cw_msg_cmp);
    for (i = 0; i < n; i++) {
        const char *content = json_str(v[i], "content");

        cw_fill_message(ticket_add_message(t), v[i]);
        if (t->subject == NULL && content && *content &&
            cw_author(v[i]) != AK_SYSTEM)
            t->subject = cw_subject(content);
    }
    free(v);
    /* An email conversation has a real subject. */
    if (json_str(add, "mail_subject")) {
        free(t->subject);
        t->subject = json_strdup(add, "mail_subject");
    }
    return TD_OK;
}

static enum td_status
cw_sync_emit(struct cw_sync *s, struct td_error *err)
{
    const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
    struct ticket t = { 0 };
    enum td_status rc;
    time_t updated;

    rc = cw_build_ticket(s, item, &t);
    /* Read before the sink, which may take the ticket's contents. */
    updated = t.updated_at;
    if (rc == TD_OK)
        rc = s->out->ticket(s->out->ctx, &t, err);
    if (rc == TD_OK && updated > s->newest)
        s->newest = updated;
    ticket_clear(&t);
    if (rc != TD_OK)
        return rc;
    s->n_done++;
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done, s->shown);
    return TD_OK;
}

static void
cw_sync_next(struct cw_sync *s)
{
    struct td_error err;
    enum td_status rc = TD_OK;
    int more;

    td_error_clear(&err);
    while (!s->stop && s->idx < cJSON_GetArraySize(s->list)) {
        const cJSON *item = cJSON_GetArrayItem(s->list, s->idx);
        time_t act = cw_time(item, "timestamp");

        if (act == 0)
            act = cw_time(item, "last_activity_at");
        /* ">=": the cursor's own second comes again (upserted), so two
         * changes within one second are not lost. */
        if (s->since > 0 && act < s->since) {
            s->stop = 1;
            break;
        }
        cJSON_Delete(s->msgs);
        s->msgs = cJSON_CreateArray();
        xfree_str(&s->before);
        if ((rc = cw_sync_submit_msgs(s, &err)) != TD_OK)
            cw_sync_finish(s, rc, &err);
        return;
    }
    more = !s->stop && cJSON_GetArraySize(s->list) > 0 &&
           (s->total == 0 || s->seen < s->total);
    /* The last page carries the cursor, in its own transaction. */
    if (!more && s->newest > 0) {
        char num[24];

        snprintf(num, sizeof num, "%lld", (long long)s->newest);
        if (s->since == 0 || s->newest != s->since)
            rc = s->out->cursor_set(s->out->ctx, CW_CURSOR, num, &err);
    }
    if (rc == TD_OK)
        rc = s->out->page_done(s->out->ctx, &err);
    if (rc == TD_OK && more && s->page >= CW_MAX_PAGES)
        rc = td_error_set(&err, TD_ENOTSUP, "chatwoot: more than %d pages "
                          "of conversations", CW_MAX_PAGES);
    if (rc == TD_OK && more) {
        s->page++;
        if ((rc = cw_sync_submit_list(s, &err)) == TD_OK)
            return;
    }
    cw_sync_finish(s, rc, &err);
}

static void
cw_sync_on_list(void *ctx, struct http_response *resp)
{
    struct cw_sync *s = ctx;
    struct td_error err;
    cJSON *j, *meta;
    enum td_status rc;

    if ((rc = cw_json(resp, "chatwoot: conversations", &j, &err)) != TD_OK) {
        cw_sync_finish(s, rc, &err);
        return;
    }
    if (cw_payload(j) == NULL) {
        cJSON_Delete(j);
        td_error_set(&err, TD_EPARSE, "chatwoot: conversations without a "
                     "payload");
        cw_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    meta = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(j, "data"), "meta");
    s->total = (size_t)json_int(meta, "all_count", 0);
    s->shown = s->since == 0 ? s->total : 0;
    cJSON_Delete(s->page_json);
    s->page_json = j;
    s->list = cw_payload(j);
    s->seen += (size_t)cJSON_GetArraySize(s->list);
    s->idx = 0;
    cw_sync_next(s);
}

static void
cw_sync_on_msgs(void *ctx, struct http_response *resp)
{
    struct cw_sync *s = ctx;
    struct td_error err;
    cJSON *j = NULL, *list, *it;
    int n = 0;
    enum td_status rc;

    td_error_clear(&err);
    /* Deleted since the list: keep what the store has of it. */
    if (resp->status != 404) {
        if ((rc = cw_json(resp, "chatwoot: messages", &j, &err)) != TD_OK) {
            cw_sync_finish(s, rc, &err);
            return;
        }
        if ((list = cw_payload(j)) == NULL) {
            cJSON_Delete(j);
            td_error_set(&err, TD_EPARSE, "chatwoot: messages without a "
                         "payload");
            cw_sync_finish(s, TD_EPARSE, &err);
            return;
        }
        while ((it = list->child) != NULL) {
            char *id = json_strdup(it, "id");

            if (id && (s->before == NULL ||
                       strtoll(id, NULL, 10) < strtoll(s->before, NULL, 10))) {
                free(s->before);
                s->before = id;
            } else {
                free(id);
            }
            cJSON_AddItemToArray(s->msgs,
                                 cJSON_DetachItemViaPointer(list, it));
            n++;
        }
        cJSON_Delete(j);
    }
    /* A full page: older messages may follow. */
    if (n >= CW_MSG_PAGE_N && s->before) {
        if ((rc = cw_sync_submit_msgs(s, &err)) != TD_OK)
            cw_sync_finish(s, rc, &err);
        return;
    }
    if ((rc = cw_sync_emit(s, &err)) != TD_OK) {
        cw_sync_finish(s, rc, &err);
        return;
    }
    s->idx++;
    cw_sync_next(s);
}

/* The inboxes, for the channel of each conversation. An agent who may
 * not list them (403) still syncs, with meta.channel only. */
static void
cw_sync_on_inboxes(void *ctx, struct http_response *resp)
{
    struct cw_sync *s = ctx;
    struct td_error err;
    cJSON *j = NULL, *list;
    enum td_status rc;

    if (resp->status != 403 && resp->status != 404) {
        if ((rc = cw_json(resp, "chatwoot: inboxes", &j, &err)) != TD_OK) {
            cw_sync_finish(s, rc, &err);
            return;
        }
        /* {"payload": [...]}; a bare array is taken too. */
        list = cJSON_IsArray(j) ? j : cw_payload(j);
        if (list == j)
            s->inboxes = j;
        else if (list)
            s->inboxes = cJSON_DetachItemFromObjectCaseSensitive(j,
                                                                 "payload");
        if (s->inboxes != j)
            cJSON_Delete(j);
    }
    if ((rc = cw_sync_submit_list(s, &err)) != TD_OK)
        cw_sync_finish(s, rc, &err);
}

static enum td_status
cw_sync_start(struct account *a, const struct sync_sink *out,
              drv_done_fn done, void *ctx, struct td_error *err)
{
    struct cw_sync *s = xcalloc(1, sizeof *s);
    char *cursor = NULL, *end = NULL;
    enum td_status rc;
    long long t;

    if ((rc = out->cursor_get(out->ctx, CW_CURSOR, &cursor, err)) != TD_OK) {
        free(s);
        return rc;
    }
    if (cursor) {
        t = strtoll(cursor, &end, 10);
        if (*cursor && *end == '\0' && t > 0)
            s->since = (time_t)t;
    }
    free(cursor);
    s->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    s->out = out;
    s->page = 1;
    rc = http_transport_submit(a->http,
                               cw_request(a, "GET", "inboxes", NULL,
                                          cw_sync_on_inboxes, s),
                               err);
    if (rc != TD_OK)
        cw_sync_free(s);
    return rc;
}

/* ---- reply, update, canned ---- */

struct cw_op {
    struct netdrv_op op;
    char *conv;
    const char *status;     /* to toggle after the reply or in an update */
    char *remote;
    /* update: what is left to do, in this order */
    int do_assign;
    char *assignee;         /* "" unassigns */
    char **add, **del;
    size_t n_add, n_del;
    int do_labels;
    struct canned_list *canned;
};

static void
cw_op_free(void *self)
{
    struct cw_op *op = self;

    free(op->conv);
    free(op->remote);
    free(op->assignee);
    for (size_t i = 0; i < op->n_add; i++)
        free(op->add[i]);
    for (size_t i = 0; i < op->n_del; i++)
        free(op->del[i]);
    free(op->add);
    free(op->del);
    free(op);
}

static struct cw_op *
cw_op_new(struct account *a, drv_done_fn done, void *ctx)
{
    struct cw_op *op = xcalloc(1, sizeof *op);

    op->op = (struct netdrv_op){ .a = a, .done = done, .ctx = ctx };
    return op;
}

static void
cw_op_finish(struct cw_op *op, enum td_status rc, const char *remote_id,
             const struct td_error *err)
{
    netdrv_op_end(&op->op, cw_op_free, op, rc, remote_id, err);
}

/* POST .../toggle_status {status} (section 4, "Status"). */
static enum td_status
cw_toggle(struct cw_op *op, http_done_fn done, struct td_error *err)
{
    cJSON *j = cJSON_CreateObject();
    char *path = xasprintf("conversations/%s/toggle_status", op->conv);
    struct http_request *hr;

    cJSON_AddStringToObject(j, "status", op->status);
    hr = cw_request_json(op->op.a, path, j, done, op);
    /* Setting a status twice leaves it set: safe to retry. */
    hr->idempotent = HTTP_IDEMPOTENT_YES;
    cJSON_Delete(j);
    free(path);
    return http_transport_submit(op->op.a->http, hr, err);
}

static void
cw_status_on_done(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err, why;

    if (resp->result == TD_OK) {
        cw_op_finish(op, TD_OK, op->remote, NULL);
        return;
    }
    /* The message is in the conversation, the status is not. TD_ENET,
     * as for any unknown outcome, keeps the item from being re-sent
     * blindly (the outbox holds it for the agent); err says what
     * happened. */
    netdrv_fail(resp, "chatwoot: status", cw_err_keys, &why);
    td_error_set(&err, TD_ENET, "chatwoot: sent as message %s, but the "
                 "status was not changed (%s)", op->remote, why.msg);
    cw_op_finish(op, TD_ENET, NULL, &err);
}

static void
cw_reply_on_done(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err, ignored;
    cJSON *j = NULL;
    enum td_status rc;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        rc = netdrv_fail(resp, "chatwoot: message", cw_err_keys, &err);
        cw_op_finish(op, rc, NULL, &err);
        return;
    }
    if (json_parse(resp->body, resp->body_len, &j, "chatwoot", &ignored) ==
        TD_OK)
        op->remote = json_strdup(j, "id");
    cJSON_Delete(j);
    if (op->remote == NULL)
        op->remote = xstrdup("");
    if (op->status == NULL) {
        cw_op_finish(op, TD_OK, op->remote, NULL);
        return;
    }
    if ((rc = cw_toggle(op, cw_status_on_done, &err)) != TD_OK) {
        td_error_set(&err, TD_ENET, "chatwoot: sent as message %s, but the "
                     "status was not changed", op->remote);
        cw_op_finish(op, TD_ENET, NULL, &err);
    }
}

/* POST .../conversations/{id}/messages, outgoing, private for a note
 * (section 4, "Reply / note"). The content goes to the customer as it
 * is (WhatsApp, LINE, a web chat): there is no hidden place for the
 * outbox token that Chatwoot keeps (content_attributes only keeps the
 * keys it knows), so this driver has no find_sent and an interrupted
 * send is held for the agent to check rather than guessed. */
static enum td_status
cw_reply_start(struct account *a, const struct reply_req *req,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct http_request *hr;
    struct cw_op *op;
    char *path;
    cJSON *j;
    enum td_status rc;

    if (!netdrv_digits(req->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "chatwoot: bad conversation id "
                            "'%s'", req->ticket_ext_id ? req->ticket_ext_id
                                                       : "");
    if (req->set_status &&
        (status = chatwoot_status_to_cw(req->set_status)) == NULL)
        return td_error_set(err, TD_EINVAL, "chatwoot: no status for '%s'",
                            req->set_status);
    if (req->body == NULL || *req->body == '\0')
        return td_error_set(err, TD_EINVAL, "chatwoot: an empty message");
    j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "content", req->body);
    cJSON_AddStringToObject(j, "message_type", "outgoing");
    cJSON_AddBoolToObject(j, "private", req->is_note);
    op = cw_op_new(a, done, ctx);
    op->conv = xstrdup(req->ticket_ext_id);
    op->status = status;
    path = xasprintf("conversations/%s/messages", op->conv);
    hr = cw_request_json(a, path, j, cw_reply_on_done, op);
    hr->idempotent = HTTP_IDEMPOTENT_NO;
    cJSON_Delete(j);
    free(path);
    if ((rc = http_transport_submit(a->http, hr, err)) != TD_OK)
        cw_op_free(op);
    return rc;
}

/* An update runs status, then assignee, then labels; each step's done
 * callback starts the next one that is asked for. */
static enum td_status cw_update_next(struct cw_op *op, int *all_done,
                                     struct td_error *err);

static void
cw_update_on_step(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err;
    enum td_status rc;
    int all_done = 0;

    if (resp->result != TD_OK) {
        rc = netdrv_fail(resp, "chatwoot: update", cw_err_keys, &err);
        cw_op_finish(op, rc, NULL, &err);
        return;
    }
    if ((rc = cw_update_next(op, &all_done, &err)) != TD_OK || all_done)
        cw_op_finish(op, rc, NULL, &err);
}

/* POST .../assignments {assignee_id}; null unassigns. */
static enum td_status
cw_assign(struct cw_op *op, const char *agent_id, struct td_error *err)
{
    cJSON *j = cJSON_CreateObject();
    char *path = xasprintf("conversations/%s/assignments", op->conv);
    struct http_request *hr;

    if (agent_id)
        cJSON_AddNumberToObject(j, "assignee_id", strtod(agent_id, NULL));
    else
        cJSON_AddNullToObject(j, "assignee_id");
    hr = cw_request_json(op->op.a, path, j, cw_update_on_step, op);
    hr->idempotent = HTTP_IDEMPOTENT_YES;
    cJSON_Delete(j);
    free(path);
    return http_transport_submit(op->op.a->http, hr, err);
}

/* The agent called op->assignee (name or email), from GET /agents. */
static void
cw_agents_on_done(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err;
    const cJSON *ag;
    char *id = NULL;
    cJSON *j;
    enum td_status rc;

    rc = cw_json(resp, "chatwoot: agents", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "chatwoot: agents are not an "
                          "array");
    cJSON_ArrayForEach(ag, (rc == TD_OK ? j : NULL)) {
        const char *name = json_str(ag, "name");
        const char *email = json_str(ag, "email");

        if ((name && strcmp(name, op->assignee) == 0) ||
            (email && strcasecmp(email, op->assignee) == 0)) {
            id = json_strdup(ag, "id");
            break;
        }
    }
    cJSON_Delete(j);
    if (rc == TD_OK && id == NULL)
        rc = td_error_set(&err, TD_ENOTFOUND, "chatwoot: no agent called "
                          "'%s'", op->assignee);
    if (rc == TD_OK)
        rc = cw_assign(op, id, &err);
    free(id);
    if (rc != TD_OK)
        cw_op_finish(op, rc, NULL, &err);
}

/* Labels are replaced as a whole (POST .../labels {labels}), so the
 * current ones are read first and changed as asked. */
static void
cw_labels_on_done(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err;
    struct http_request *hr;
    cJSON *j, *list, *out, *c;
    char *path;
    enum td_status rc;

    if ((rc = cw_json(resp, "chatwoot: labels", &j, &err)) != TD_OK) {
        cw_op_finish(op, rc, NULL, &err);
        return;
    }
    list = cw_payload(j);
    out = cJSON_CreateObject();
    c = cJSON_AddArrayToObject(out, "labels");
    for (const cJSON *l = list ? list->child : NULL; l; l = l->next) {
        int drop = !cJSON_IsString(l);

        for (size_t i = 0; !drop && i < op->n_del; i++)
            drop = strcmp(l->valuestring, op->del[i]) == 0;
        for (size_t i = 0; !drop && i < op->n_add; i++)
            drop = strcmp(l->valuestring, op->add[i]) == 0;
        if (!drop)
            cJSON_AddItemToArray(c, cJSON_CreateString(l->valuestring));
    }
    for (size_t i = 0; i < op->n_add; i++)
        cJSON_AddItemToArray(c, cJSON_CreateString(op->add[i]));
    cJSON_Delete(j);
    path = xasprintf("conversations/%s/labels", op->conv);
    hr = cw_request_json(op->op.a, path, out, cw_update_on_step, op);
    hr->idempotent = HTTP_IDEMPOTENT_YES;
    cJSON_Delete(out);
    free(path);
    if ((rc = http_transport_submit(op->op.a->http, hr, &err)) != TD_OK)
        cw_op_finish(op, rc, NULL, &err);
}

/* Submit the next step asked for; *all_done when none is left. */
static enum td_status
cw_update_next(struct cw_op *op, int *all_done, struct td_error *err)
{
    enum td_status rc;
    char *path;

    *all_done = 0;
    if (op->status) {
        rc = cw_toggle(op, cw_update_on_step, err);
        op->status = NULL;
        return rc;
    }
    if (op->do_assign) {
        op->do_assign = 0;
        if (*op->assignee == '\0' || netdrv_digits(op->assignee))
            return cw_assign(op, *op->assignee ? op->assignee : NULL, err);
        return http_transport_submit(op->op.a->http,
                                     cw_request(op->op.a, "GET", "agents",
                                                NULL, cw_agents_on_done, op),
                                     err);
    }
    if (op->do_labels) {
        op->do_labels = 0;
        path = xasprintf("conversations/%s/labels", op->conv);
        rc = http_transport_submit(op->op.a->http,
                                   cw_request(op->op.a, "GET", path, NULL,
                                              cw_labels_on_done, op),
                                   err);
        free(path);
        return rc;
    }
    *all_done = 1;
    return TD_OK;
}

static char **
cw_strv(const char *const *v, size_t n)
{
    char **out = xcalloc(n + 1, sizeof *out);

    for (size_t i = 0; i < n; i++)
        out[i] = xstrdup(v[i]);
    return out;
}

/* The assignee is an agent id, or an agent's name or email (what the
 * sync stores), looked up in GET /agents; "" unassigns. */
static enum td_status
cw_update_start(struct account *a, const struct ticket_update *u,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    const char *status = NULL;
    struct cw_op *op;
    enum td_status rc;
    int all_done;

    if (!netdrv_digits(u->ticket_ext_id))
        return td_error_set(err, TD_EINVAL, "chatwoot: bad conversation id "
                            "'%s'", u->ticket_ext_id ? u->ticket_ext_id
                                                     : "");
    if (u->status && (status = chatwoot_status_to_cw(u->status)) == NULL)
        return td_error_set(err, TD_EINVAL, "chatwoot: no status for '%s'",
                            u->status);
    for (size_t i = 0; i < u->n_add_tags; i++)
        if (u->add_tags[i] == NULL || *u->add_tags[i] == '\0')
            return td_error_set(err, TD_EINVAL, "chatwoot: empty label");
    op = cw_op_new(a, done, ctx);
    op->conv = xstrdup(u->ticket_ext_id);
    op->status = status;
    if (u->assignee) {
        op->do_assign = 1;
        op->assignee = xstrdup(u->assignee);
    }
    op->add = cw_strv(u->add_tags, u->n_add_tags);
    op->n_add = u->n_add_tags;
    op->del = cw_strv(u->remove_tags, u->n_remove_tags);
    op->n_del = u->n_remove_tags;
    op->do_labels = op->n_add + op->n_del > 0;
    if (!op->status && !op->do_assign && !op->do_labels) {
        cw_op_free(op);
        return td_error_set(err, TD_EINVAL, "chatwoot: nothing to change");
    }
    if ((rc = cw_update_next(op, &all_done, err)) != TD_OK)
        cw_op_free(op);
    return rc;
}

static void
cw_canned_on_done(void *ctx, struct http_response *resp)
{
    struct cw_op *op = ctx;
    struct td_error err;
    const cJSON *c;
    cJSON *j;
    enum td_status rc;

    rc = cw_json(resp, "chatwoot: canned responses", &j, &err);
    if (rc == TD_OK && !cJSON_IsArray(j))
        rc = td_error_set(&err, TD_EPARSE, "chatwoot: canned responses are "
                          "not an array");
    cJSON_ArrayForEach(c, (rc == TD_OK ? j : NULL)) {
        char *id = json_strdup(c, "id");

        /* The short code is what agents type after "/": the title. */
        if (json_str(c, "content"))
            canned_list_add(op->canned, id, json_str(c, "short_code"),
                            json_str(c, "content"), NULL);
        free(id);
    }
    cJSON_Delete(j);
    cw_op_finish(op, rc, NULL, &err);
}

/* GET /canned_responses: the whole list in one answer (section 4,
 * "Canned responses"), {{contact.name}} placeholders and all. */
static enum td_status
cw_list_canned_start(struct account *a, struct canned_list *out,
                     drv_done_fn done, void *ctx, struct td_error *err)
{
    struct cw_op *op = cw_op_new(a, done, ctx);
    enum td_status rc;

    op->canned = out;
    rc = http_transport_submit(a->http,
                               cw_request(a, "GET", "canned_responses", NULL,
                                          cw_canned_on_done, op),
                               err);
    if (rc != TD_OK)
        cw_op_free(op);
    return rc;
}

const struct driver drv_chatwoot = {
    .name = "chatwoot",
    .desc = "Chatwoot (Application API v1)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ASSIGN | DRV_CAP_TAGS,
    .priv_size = sizeof(struct cw_priv),
    .keys = cw_keys,
    .open = cw_open,
    .close = cw_close,
    .sync_start = cw_sync_start,
    .reply_start = cw_reply_start,
    .update_start = cw_update_start,
    .list_canned_start = cw_list_canned_start,
};
