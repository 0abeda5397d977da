/* generic.c: REST helpdesks described by mapping files, as request chains. */
#include "drivers/generic.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "core/paths.h"
#include "drivers/driver.h"
#include "drivers/mapping.h"
#include "drivers/netdrv.h"
#include "net/html.h"
#include "net/http.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#define GEN_CURSOR "updated"
#define GEN_MAX_BODY_HTML ((size_t)8 << 20)
/* A list that keeps answering "there is more" is cut off here rather than
 * looping forever (a cursor that never moves, a page count that lies). */
#define GEN_MAX_PAGES 100000L
/* A ticket changed while a sync walks the list may move to a page already
 * read; the stored watermark is therefore never later than the sync's
 * start, less this much for the server's clock being behind ours. */
#define GEN_CLOCK_SLACK 120

/* The account's own copy of the driver table: caps and slots are what
 * the mapping declares, so a mapping without a note call leaves the note
 * action unavailable exactly as a native driver's NULL slot does. The
 * core reads a->drv, which open points here. */
struct gen_priv {
    struct driver drv;
    struct mapping *map;
    char *base;         /* no trailing slash */
    char *auth;         /* the header value, or the token for ?name= */
    char *user;         /* user= of the account line, NULL if none */
    int insecure;
};

static const char *const gen_keys[] = {
    "mapping",
    "user",
    "token_env",
    "token_cmd",
    "insecure",
    NULL,
};

/* ---- requests ---- */

/* The origin (scheme://host:port) of a URL, owned. */
static char *
gen_origin(const char *url)
{
    const char *p = strstr(url, "://");
    size_t n;

    if (p == NULL)
        return xstrdup(url);
    p += 3;
    n = strcspn(p, "/?#");
    return xasprintf("%.*s", (int)(p + n - url), url);
}

/* A request to base+path?params, or to url as it is (a Link header's next
 * page, already checked to be on the base's origin), with the account's
 * credentials and budget. */
static struct http_request *
gen_request(struct account *a, const char *method, const char *path,
            const char *url, const cJSON *fixed, const char *const *extra,
            http_done_fn done, void *ctx)
{
    struct gen_priv *p = a->priv;
    const struct mapping *m = p->map;
    const char **params;
    size_t n = 0, cap = 4;
    const cJSON *c;
    char **owned = NULL;
    size_t n_owned = 0;
    struct http_request *req;
    char *full;

    cap += 2 * (size_t)cJSON_GetArraySize(fixed);
    for (size_t i = 0; extra && extra[i]; i++)
        cap++;
    params = xcalloc(cap + 1, sizeof *params);
    owned = xcalloc(cap + 1, sizeof *owned);
    cJSON_ArrayForEach(c, fixed) {
        params[n++] = c->string;
        if (cJSON_IsString(c)) {
            params[n++] = c->valuestring;
        } else {
            owned[n_owned] = xasprintf("%.15g", c->valuedouble);
            params[n++] = owned[n_owned++];
        }
    }
    for (size_t i = 0; extra && extra[i]; i += 2) {
        params[n++] = extra[i];
        params[n++] = extra[i + 1];
    }
    if (m->auth == MAP_AUTH_QUERY) {
        params[n++] = m->auth_name;
        params[n++] = p->auth;
    }
    params[n] = NULL;
    if (url) {
        /* Only the token goes on a Link URL: it carries its own query. */
        char *q = NULL;

        if (m->auth == MAP_AUTH_QUERY) {
            char *en = http_url_escape(m->auth_name);
            char *ev = http_url_escape(p->auth);

            q = xasprintf("%s%s%s=%s", url, strchr(url, '?') ? "&" : "?",
                          en, ev);
            free(en);
            netdrv_wipe(&ev);
        }
        full = q ? q : xstrdup(url);
    } else {
        full = http_url_build(p->base, path, params);
    }
    req = http_request_new(method, full);
    netdrv_wipe(&full);
    if (m->auth == MAP_AUTH_BEARER || m->auth == MAP_AUTH_BASIC)
        http_request_add_header(req, "Authorization", p->auth);
    else if (m->auth == MAP_AUTH_HEADER)
        http_request_add_header(req, m->auth_name, p->auth);
    http_request_add_header(req, "Accept", "application/json");
    http_request_set_budget(req, a->name);
    /* Names the engine knows stand for what the mapping says. */
    if (m->rl_remaining)
        http_request_add_rate_name(req, m->rl_remaining,
                                   "X-RateLimit-Remaining");
    if (m->rl_limit)
        http_request_add_rate_name(req, m->rl_limit, "X-RateLimit-Limit");
    if (m->rl_reset)
        http_request_add_rate_name(req, m->rl_reset, "X-RateLimit-Reset");
    if (m->rl_used_of)
        http_request_add_rate_name(req, m->rl_used_of,
                                   "X-Gorgias-Account-Api-Call-Limit");
    req->insecure_ok = p->insecure;
    req->done = done;
    req->ctx = ctx;
    for (size_t i = 0; i < n_owned; i++)
        free(owned[i]);
    free(owned);
    free(params);
    return req;
}

/* The message of an error body in the shapes helpdesks use: {message}
 * (Help Scout), {error:{msg}} (Gorgias), {error:"..."}, {description}. */
static const char *
gen_error_text(const cJSON *j)
{
    static const char *const paths[] = {
        "error.msg", "error.message", "message", "error", "description",
        "errors[0].message", NULL,
    };

    for (size_t i = 0; paths[i]; i++) {
        const cJSON *v = mapping_get(j, paths[i]);

        if (cJSON_IsString(v) && *v->valuestring)
            return v->valuestring;
    }
    return NULL;
}

static enum td_status
gen_fail(struct account *a, const struct http_response *resp,
         const char *what, struct td_error *err)
{
    struct gen_priv *p = a->priv;
    enum td_status rc = resp->result != TD_OK ? resp->result : TD_EPARSE;
    struct td_error ignored;
    const char *e = NULL;
    cJSON *j = NULL;

    if (resp->status >= 400 &&
        json_parse(resp->body, resp->body_len, &j, what, &ignored) == TD_OK)
        e = gen_error_text(j);
    if (resp->status > 0)
        td_error_set(err, rc, "%s: %s: HTTP %ld%s%s", p->map->name, what,
                     resp->status, e ? ": " : "", e ? e : "");
    else
        td_error_set(err, rc, "%s: %s: %s", p->map->name, what, resp->error);
    cJSON_Delete(j);
    return rc;
}

/* The JSON document of a 2xx response, or the failure in err. */
static enum td_status
gen_json(struct account *a, const struct http_response *resp,
         const char *what, cJSON **out, struct td_error *err)
{
    struct gen_priv *p = a->priv;
    char label[128];

    *out = NULL;
    if (resp->result != TD_OK)
        return gen_fail(a, resp, what, err);
    snprintf(label, sizeof label, "%s: %s", p->map->name, what);
    return json_parse(resp->body, resp->body_len, out, label, err);
}

/* The URL of rel="next" in a Link header (RFC 8288), owned or NULL. */
static char *
gen_link_next(const struct http_response *resp)
{
    const char *link = http_header_get(resp, "Link");
    const char *p = link;

    while (p && (p = strchr(p, '<')) != NULL) {
        const char *end = strchr(p, '>');
        const char *stop;

        if (end == NULL)
            return NULL;
        stop = strchr(end, ',');
        if (stop == NULL)
            stop = end + strlen(end);
        for (const char *r = end; r < stop; r++)
            if ((stop - r >= 10 && strncasecmp(r, "rel=\"next\"", 10) == 0) ||
                (stop - r >= 8 && strncasecmp(r, "rel=next", 8) == 0 &&
                 (stop - r == 8 || strchr(" ;,", r[8]))))
                return xasprintf("%.*s", (int)(end - p - 1), p + 1);
        p = stop;
    }
    return NULL;
}

/* Where a list goes on. */
struct gen_pager {
    long page;          /* PAGE: the page just asked for */
    char *cursor;       /* CURSOR: for the next request, NULL = first */
    char *url;          /* LINK: the next page, NULL = first */
    long count;         /* pages read, against GEN_MAX_PAGES */
};

static void
gen_pager_reset(struct gen_pager *pg, const struct map_list *l)
{
    pg->page = l->page_start;
    xfree_str(&pg->cursor);
    xfree_str(&pg->url);
    pg->count = 0;
}

/* After a page: 1 and pg moved on when another page follows; 0 at the
 * end; -1 (err set) when the next page would leave the base's origin. */
static int
gen_pager_next(struct account *a, const struct map_list *l,
               struct gen_pager *pg, const cJSON *doc, int n_items,
               const struct http_response *resp, struct td_error *err)
{
    struct gen_priv *p = a->priv;
    char *next, *origin, *origin2;
    int same;

    if (++pg->count >= GEN_MAX_PAGES)
        return 0;
    switch (l->pager) {
    case MAP_PAGER_NONE:
        return 0;
    case MAP_PAGER_PAGE:
        if (n_items == 0)
            return 0;
        if (l->total_pages) {
            const cJSON *tp = mapping_get(doc, l->total_pages);

            /* page counts from start: pages read so far against it */
            if (cJSON_IsNumber(tp) &&
                pg->page - l->page_start + 1 >= (long)tp->valuedouble)
                return 0;
        }
        pg->page++;
        return 1;
    case MAP_PAGER_CURSOR:
        next = mapping_strdup(doc, l->next);
        /* A cursor that does not move would be asked forever. */
        if (next == NULL || *next == '\0' ||
            (pg->cursor && strcmp(next, pg->cursor) == 0)) {
            free(next);
            return 0;
        }
        free(pg->cursor);
        pg->cursor = next;
        return 1;
    case MAP_PAGER_LINK:
        if ((next = gen_link_next(resp)) == NULL)
            return 0;
        /* A reference relative to the host (RFC 8288 allows them). */
        if (next[0] == '/' && next[1] != '/') {
            char *o = gen_origin(p->base), *abs = xasprintf("%s%s", o, next);

            free(o);
            free(next);
            next = abs;
        }
        /* The credentials go only where the account points. */
        origin = gen_origin(p->base);
        origin2 = gen_origin(next);
        same = strcmp(origin, origin2) == 0;
        free(origin);
        free(origin2);
        if (!same) {
            td_error_set(err, TD_EPERM, "%s: the next page is on another "
                         "host (%s); not sent the token", p->map->name, next);
            free(next);
            return -1;
        }
        if (pg->url && strcmp(pg->url, next) == 0) {
            free(next);
            return 0;
        }
        free(pg->url);
        pg->url = next;
        return 1;
    }
    return 0;
}

/* Submit a GET of list l (path with {id} filled from id) at pg, with the
 * extra parameters (name, value pairs, NULL-terminated). */
static enum td_status
gen_list_submit(struct account *a, const struct map_list *l,
                const struct gen_pager *pg, const char *id,
                const char *const *extra, http_done_fn done, void *ctx,
                struct td_error *err)
{
    const char *params[16] = { 0 };
    size_t n = 0;
    char pagebuf[32], *path;
    enum td_status rc;

    if (pg->url)
        return http_transport_submit(a->http,
                                     gen_request(a, "GET", NULL, pg->url,
                                                 NULL, NULL, done, ctx),
                                     err);
    if (l->pager == MAP_PAGER_PAGE) {
        snprintf(pagebuf, sizeof pagebuf, "%ld", pg->page);
        params[n++] = l->page_param;
        params[n++] = pagebuf;
    } else if (l->pager == MAP_PAGER_CURSOR && pg->cursor) {
        params[n++] = l->page_param;
        params[n++] = pg->cursor;
    }
    for (size_t i = 0; extra && extra[i] && n + 2 < 15; i += 2) {
        params[n++] = extra[i];
        params[n++] = extra[i + 1];
    }
    path = mapping_path(l->path, id);
    rc = http_transport_submit(a->http,
                               gen_request(a, "GET", path, NULL, l->params,
                                           params, done, ctx),
                               err);
    free(path);
    return rc;
}

/* ---- open ---- */

static void
gen_close(struct account *a)
{
    struct gen_priv *p = a->priv;

    mapping_free(&p->map);
    free(p->base);
    free(p->user);
    netdrv_wipe(&p->auth);
}

static enum td_status gen_sync_start(struct account *a,
                                     const struct sync_sink *out,
                                     drv_done_fn done, void *ctx,
                                     struct td_error *err);
static enum td_status gen_reply_start(struct account *a,
                                      const struct reply_req *req,
                                      drv_done_fn done, void *ctx,
                                      struct td_error *err);
static enum td_status gen_find_sent_start(struct account *a,
                                          const char *ticket_ext_id,
                                          const char *token,
                                          drv_done_fn done, void *ctx,
                                          struct td_error *err);
static enum td_status gen_update_start(struct account *a,
                                       const struct ticket_update *u,
                                       drv_done_fn done, void *ctx,
                                       struct td_error *err);

/* The table this account gets: only what the mapping declares. */
static void
gen_table(struct gen_priv *p)
{
    const struct mapping *m = p->map;
    /* Every message the account can post must carry the marker, or a
     * note that landed would look lost and be sent again. */
    int marker = (m->has_reply || m->has_note) &&
                 (!m->has_reply || m->reply.carries_marker) &&
                 (!m->has_note || m->note.carries_marker);

    p->drv = drv_generic;
    p->drv.caps = DRV_CAP_SYNC;
    p->drv.sync_start = gen_sync_start;
    p->drv.reply_start = NULL;
    p->drv.find_sent_start = NULL;
    p->drv.update_start = NULL;
    if (m->has_reply)
        p->drv.caps |= DRV_CAP_REPLY;
    if (m->has_note)
        p->drv.caps |= DRV_CAP_NOTE;
    if (m->has_reply || m->has_note)
        p->drv.reply_start = gen_reply_start;
    if (m->has_status || (m->has_reply && m->reply.uses_status) ||
        (m->has_note && m->note.uses_status))
        p->drv.caps |= DRV_CAP_STATUS;
    if (m->has_status)
        p->drv.update_start = gen_update_start;
    /* Recovery after a crash needs the thread and a reply that carries
     * the outbox marker; without both the slot stays NULL and a reply
     * left "sending" waits for the agent instead of being guessed. */
    if (marker && m->has_msg_list)
        p->drv.find_sent_start = gen_find_sent_start;
}

static enum td_status
gen_open(struct account *a, struct td_error *err)
{
    struct gen_priv *p = a->priv;
    const char *name = drv_account_opt(a, "mapping");
    const char *url = a->url;
    char *share, *file = NULL, *tok = NULL;
    enum td_status rc;
    size_t n;

    p->insecure = netdrv_truthy(drv_account_opt(a, "insecure"));
    if (name == NULL)
        return td_error_set(err, TD_EINVAL, "generic: mapping= is missing "
                            "(a JSON file describing the API, see "
                            "ttydesk-mapping(5))");
    share = paths_share_dir();
    rc = mapping_find(name, share, &file, err);
    free(share);
    if (rc != TD_OK)
        return rc;
    rc = mapping_load(file, &p->map, err);
    free(file);
    if (rc != TD_OK)
        return rc;
    if ((rc = http_url_check(url, p->insecure, err)) != TD_OK ||
        (rc = mapping_check_url(p->map, url, err)) != TD_OK)
        return rc;
    n = strlen(url);
    while (n > 0 && url[n - 1] == '/')
        n--;
    p->base = xasprintf("%.*s", (int)n, url);
    if (drv_account_opt(a, "user"))
        p->user = xstrdup(drv_account_opt(a, "user"));
    if (p->map->auth == MAP_AUTH_BASIC && p->user == NULL)
        return td_error_set(err, TD_EINVAL, "user= is needed: %s sends "
                            "user:token (Basic auth)", p->map->name);
    if ((rc = drv_account_secret(a, &tok, err)) != TD_OK)
        return rc;
    switch (p->map->auth) {
    case MAP_AUTH_BEARER:
        p->auth = xasprintf("Bearer %s", tok);
        break;
    case MAP_AUTH_BASIC:
        p->auth = netdrv_basic_auth(p->user, tok);
        break;
    case MAP_AUTH_HEADER:
        p->auth = xasprintf("%s%s", p->map->auth_prefix, tok);
        break;
    case MAP_AUTH_QUERY:
        p->auth = xstrdup(tok);
        break;
    }
    netdrv_wipe(&tok);
    gen_table(p);
    a->drv = &p->drv;
    return TD_OK;
}

/* ---- tickets and messages from JSON ---- */

static const struct mapping *
gen_map(const struct account *a)
{
    return ((const struct gen_priv *)a->priv)->map;
}

static int
gen_word(const cJSON *map, const char *raw, int (*from)(const char *))
{
    const char *w = mapping_lookup(map, raw);

    if (w)
        return from(w);
    return raw ? from(raw) : -1;
}

static enum td_status
gen_fill_message(const struct mapping *m, struct ticket *t,
                 const cJSON *item, struct td_error *err)
{
    struct message *msg;
    const cJSON *pub;
    char *raw;
    int k;

    if ((raw = mapping_strdup(item, m->m_id)) == NULL)
        return td_error_set(err, TD_EPARSE, "%s: a message of ticket %s "
                            "without an id at \"%s\"", m->name,
                            t->external_id, m->m_id);
    msg = ticket_add_message(t);
    msg->external_id = raw;
    raw = mapping_strdup(item, m->m_author);
    k = gen_word(m->author_map, raw, author_kind_from_name);
    msg->author = k >= 0 ? (enum author_kind)k : AK_AGENT;
    free(raw);
    msg->author_name = mapping_strdup(item, m->m_author_name);
    msg->created_at = mapping_time(item, m->m_created);
    msg->is_public = 1;
    pub = m->m_public ? mapping_get(item, m->m_public) : NULL;
    if (cJSON_IsBool(pub)) {
        msg->is_public = cJSON_IsTrue(pub);
    } else if (pub && m->public_map) {
        const cJSON *v;

        raw = mapping_strdup(item, m->m_public);
        v = raw ? cJSON_GetObjectItemCaseSensitive(m->public_map, raw) : NULL;
        if (v == NULL)
            v = cJSON_GetObjectItemCaseSensitive(m->public_map, "*");
        if (cJSON_IsBool(v))
            msg->is_public = cJSON_IsTrue(v);
        free(raw);
    }
    msg->html = mapping_strdup(item, m->m_html);
    if (msg->html && *msg->html == '\0')
        xfree_str(&msg->html);
    msg->body = mapping_strdup(item, m->m_body);
    if ((msg->body == NULL || *msg->body == '\0') && msg->html) {
        enum td_status rc;

        free(msg->body);
        msg->body = NULL;
        rc = html_to_text(msg->html, strlen(msg->html), &msg->body, err);
        if (rc != TD_OK)
            return rc;
    }
    if (msg->body == NULL)
        msg->body = xstrdup("");
    return TD_OK;
}

static void
gen_fill_tags(const struct mapping *m, struct ticket *t, const cJSON *item)
{
    const cJSON *tags = m->t_tags ? mapping_get(item, m->t_tags) : NULL;
    const cJSON *c;

    cJSON_ArrayForEach(c, tags) {
        const cJSON *v = m->t_tag_key
                             ? cJSON_GetObjectItemCaseSensitive(c,
                                                                m->t_tag_key)
                             : c;

        if (cJSON_IsString(v) && *v->valuestring)
            ticket_add_tag(t, v->valuestring);
    }
}

/* Build t from a list item and its messages: those of each page doc in
 * pages (at the messages' items path) or embedded in the item. */
static enum td_status
gen_build_ticket(const struct mapping *m, const cJSON *item,
                 const cJSON *pages, struct ticket *t, struct td_error *err)
{
    const cJSON *pg, *c;
    char *raw;
    int k;

    if ((t->external_id = mapping_strdup(item, m->t_id)) == NULL)
        return td_error_set(err, TD_EPARSE, "%s: a ticket without an id at "
                            "\"%s\"", m->name, m->t_id);
    t->subject = mapping_strdup(item, m->t_subject);
    raw = mapping_strdup(item, m->t_status);
    t->status_raw = xstrdup(raw ? raw : "");
    k = gen_word(m->status_map, raw, ticket_status_from_name);
    t->status = k >= 0 ? (enum ticket_status)k : TS_OPEN;
    free(raw);
    raw = mapping_strdup(item, m->t_priority);
    k = gen_word(m->priority_map, raw, ticket_priority_from_name);
    t->priority = k >= 0 ? (enum ticket_priority)k : TP_NORMAL;
    free(raw);
    raw = mapping_strdup(item, m->t_channel);
    k = gen_word(m->channel_map, raw, channel_from_name);
    t->channel = k >= 0 ? (enum channel)k : CH_OTHER;
    free(raw);
    t->requester.external_id = mapping_strdup(item, m->t_req_id);
    t->requester.name = mapping_strdup(item, m->t_req_name);
    t->requester.email = mapping_strdup(item, m->t_req_email);
    t->assignee = mapping_strdup(item, m->t_assignee);
    t->created_at = mapping_time(item, m->t_created);
    t->updated_at = mapping_time(item, m->t_updated);
    gen_fill_tags(m, t, item);
    if (m->msg_embedded) {
        cJSON_ArrayForEach(c, mapping_get(item, m->msg_embedded)) {
            enum td_status rc = gen_fill_message(m, t, c, err);

            if (rc != TD_OK)
                return rc;
        }
    }
    cJSON_ArrayForEach(pg, pages) {
        cJSON_ArrayForEach(c, mapping_get(pg, m->msgs.items)) {
            enum td_status rc = gen_fill_message(m, t, c, err);

            if (rc != TD_OK)
                return rc;
        }
    }
    return TD_OK;
}

/* ---- sync ---- */

/* One sync in flight: the list is read page by page; for each ticket on
 * a page its messages are read (all their pages) before the next ticket.
 * The watermark (newest update seen) is stored with the last page; each
 * earlier page stores, in its own transaction, where the walk goes on, so
 * a sync that fails half-way resumes there next time (see
 * gen_cursor_encode) and a first sync of many thousand tickets is not
 * read twice. */
struct gen_sync {
    struct account *a;
    const struct sync_sink *out;
    drv_done_fn done;
    void *ctx;
    time_t mark;            /* the stored watermark; 0 = first sync */
    time_t newest;
    time_t started;         /* our clock when the sync began */
    struct gen_pager pg;
    cJSON *doc;             /* the list page */
    const cJSON *items;     /* borrowed from doc */
    int idx;
    int stop;               /* DESC: reached what the last sync saw */
    int more;               /* another list page follows this one */
    int resumed;            /* started where a failed sync stopped */
    int wrote_resume;       /* a resume point was stored this time */
    size_t n_done;
    size_t total;
    struct gen_pager mpg;   /* the messages of items[idx] */
    cJSON *mpages;          /* their page documents */
};

static void gen_sync_on_list(void *ctx, struct http_response *resp);
static void gen_sync_on_msgs(void *ctx, struct http_response *resp);

static void
gen_sync_finish(struct gen_sync *s, enum td_status rc,
                const struct td_error *err)
{
    drv_done_fn done = s->done;
    void *ctx = s->ctx;

    xfree_str(&s->pg.cursor);
    xfree_str(&s->pg.url);
    xfree_str(&s->mpg.cursor);
    xfree_str(&s->mpg.url);
    cJSON_Delete(s->doc);
    cJSON_Delete(s->mpages);
    free(s);
    done(ctx, rc, NULL, rc == TD_OK ? NULL : err);
}

static enum td_status
gen_sync_submit_list(struct gen_sync *s, struct td_error *err)
{
    const struct mapping *m = gen_map(s->a);
    const char *extra[3] = { 0 };
    char *since = NULL;
    enum td_status rc;

    if (m->incr == MAP_INCR_PARAM && s->mark > 0) {
        since = mapping_format_time(m->incr_format, s->mark);
        extra[0] = m->incr_param;
        extra[1] = since;
    }
    rc = gen_list_submit(s->a, &m->list, &s->pg, NULL, extra,
                         gen_sync_on_list, s, err);
    free(since);
    return rc;
}

static enum td_status
gen_sync_submit_msgs(struct gen_sync *s, struct td_error *err)
{
    const struct mapping *m = gen_map(s->a);
    const cJSON *item = cJSON_GetArrayItem(s->items, s->idx);
    char *id = mapping_strdup(item, m->t_id);
    enum td_status rc;

    if (id == NULL || *id == '\0') {
        free(id);
        return td_error_set(err, TD_EPARSE, "%s: a ticket without an id at "
                            "\"%s\"", m->name, m->t_id);
    }
    rc = gen_list_submit(s->a, &m->msgs, &s->mpg, id, NULL, gen_sync_on_msgs,
                         s, err);
    free(id);
    return rc;
}

static enum td_status
gen_sync_emit(struct gen_sync *s, struct td_error *err)
{
    const struct mapping *m = gen_map(s->a);
    const cJSON *item = cJSON_GetArrayItem(s->items, s->idx);
    struct ticket t = { 0 };
    enum td_status rc;

    rc = gen_build_ticket(m, item, s->mpages, &t, err);
    if (rc == TD_OK) {
        if (t.updated_at > s->newest)
            s->newest = t.updated_at;
        rc = s->out->ticket(s->out->ctx, &t, err);
    }
    ticket_clear(&t);
    if (rc != TD_OK)
        return rc;
    s->n_done++;
    if (s->out->progress)
        s->out->progress(s->out->ctx, s->n_done,
                         s->total >= s->n_done ? s->total : 0);
    return TD_OK;
}

/* The stored cursor: the watermark ("" before the first complete sync)
 * and, while a walk is under way, the newest update seen so far and where
 * the walk goes on, tab-separated: "MARK\tNEWEST\tpage:N", "...\tcursor:C"
 * or "...\tlink:URL". One value, so that all three move together with the
 * page they describe. Owned. */
static char *
gen_cursor_encode(const struct gen_sync *s)
{
    char mark[TIME_ISO_LEN], newest[TIME_ISO_LEN];

    time_format_iso(s->mark, mark);
    time_format_iso(s->newest, newest);
    if (s->pg.url)
        return xasprintf("%s\t%s\tlink:%s", mark, newest, s->pg.url);
    if (s->pg.cursor)
        return xasprintf("%s\t%s\tcursor:%s", mark, newest, s->pg.cursor);
    return xasprintf("%s\t%s\tpage:%ld", mark, newest, s->pg.page);
}

/* Read a stored cursor into s: the watermark, and a resume point when a
 * sync stopped half-way. Anything unreadable starts from the watermark. */
static void
gen_cursor_decode(struct gen_sync *s, const char *v)
{
    const struct mapping *m = gen_map(s->a);
    const char *t1 = strchr(v, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    char buf[TIME_ISO_LEN + 8];
    const char *pos;
    char *end;

    snprintf(buf, sizeof buf, "%.*s", (int)(t1 ? t1 - v : (long)strlen(v)),
             v);
    if (time_parse_iso(buf, &s->mark) != 0)
        s->mark = 0;
    if (t2 == NULL)
        return;
    snprintf(buf, sizeof buf, "%.*s", (int)(t2 - t1 - 1), t1 + 1);
    if (time_parse_iso(buf, &s->newest) != 0)
        s->newest = 0;
    pos = t2 + 1;
    if (m->list.pager == MAP_PAGER_PAGE && strncmp(pos, "page:", 5) == 0) {
        s->pg.page = strtol(pos + 5, &end, 10);
        s->resumed = *end == '\0' && end > pos + 5;
    } else if (m->list.pager == MAP_PAGER_CURSOR &&
               strncmp(pos, "cursor:", 7) == 0 && pos[7]) {
        s->pg.cursor = xstrdup(pos + 7);
        s->resumed = 1;
    } else if (m->list.pager == MAP_PAGER_LINK &&
               strncmp(pos, "link:", 5) == 0 && pos[5]) {
        s->pg.url = xstrdup(pos + 5);
        s->resumed = 1;
    }
    if (!s->resumed) {
        gen_pager_reset(&s->pg, &m->list);
        s->newest = 0;
    }
}

/* The page's items are done: commit them, then the next page or the end. */
static void
gen_sync_page_end(struct gen_sync *s)
{
    int more = s->more && !s->stop;
    struct td_error err;
    enum td_status rc = TD_OK;
    char iso[TIME_ISO_LEN];

    td_error_clear(&err);
    if (more) {
        char *v = gen_cursor_encode(s);

        rc = s->out->cursor_set(s->out->ctx, GEN_CURSOR, v, &err);
        free(v);
        s->wrote_resume = 1;
    } else {
        if (s->newest > s->started - GEN_CLOCK_SLACK)
            s->newest = s->started - GEN_CLOCK_SLACK;
        if (s->newest < s->mark)
            s->newest = s->mark;
        /* The walk is over: the watermark alone, without a resume point. */
        if (s->newest > s->mark || s->resumed || s->wrote_resume) {
            time_format_iso(s->newest, iso);
            rc = s->out->cursor_set(s->out->ctx, GEN_CURSOR, iso, &err);
        }
    }
    if (rc == TD_OK)
        rc = s->out->page_done(s->out->ctx, &err);
    if (rc == TD_OK && more && (rc = gen_sync_submit_list(s, &err)) == TD_OK)
        return;
    gen_sync_finish(s, rc, &err);
}

static void
gen_sync_next(struct gen_sync *s)
{
    const struct mapping *m = gen_map(s->a);
    struct td_error err;
    enum td_status rc;

    td_error_clear(&err);
    while (s->idx < cJSON_GetArraySize(s->items)) {
        const cJSON *item = cJSON_GetArrayItem(s->items, s->idx);

        /* Newest first: the first ticket the last sync already saw ends
         * the walk (everything after it is older still). */
        if (m->incr == MAP_INCR_DESC && s->mark > 0 &&
            mapping_time(item, m->t_updated) <= s->mark) {
            s->stop = 1;
            break;
        }
        cJSON_Delete(s->mpages);
        s->mpages = cJSON_CreateArray();
        if (m->has_msg_list) {
            gen_pager_reset(&s->mpg, &m->msgs);
            if ((rc = gen_sync_submit_msgs(s, &err)) != TD_OK)
                gen_sync_finish(s, rc, &err);
            return;
        }
        if ((rc = gen_sync_emit(s, &err)) != TD_OK) {
            gen_sync_finish(s, rc, &err);
            return;
        }
        s->idx++;
    }
    gen_sync_page_end(s);
}

static void
gen_sync_on_list(void *ctx, struct http_response *resp)
{
    struct gen_sync *s = ctx;
    const struct mapping *m = gen_map(s->a);
    struct td_error err;
    const cJSON *total;
    enum td_status rc;

    td_error_clear(&err);
    cJSON_Delete(s->doc);
    s->doc = NULL;
    if ((rc = gen_json(s->a, resp, "ticket list", &s->doc, &err)) != TD_OK) {
        /* The place a failed sync stopped at is refused (an expired
         * cursor, a page that is gone): walk again from the start. */
        if (s->resumed && s->pg.count == 0 &&
            (resp->status == 400 || resp->status == 404 ||
             resp->status == 410 || resp->status == 422)) {
            s->resumed = 0;
            s->wrote_resume = 1;
            s->newest = 0;
            gen_pager_reset(&s->pg, &m->list);
            if ((rc = gen_sync_submit_list(s, &err)) == TD_OK)
                return;
        }
        gen_sync_finish(s, rc, &err);
        return;
    }
    s->items = mapping_get(s->doc, m->list.items);
    if (!cJSON_IsArray(s->items)) {
        td_error_set(&err, TD_EPARSE, "%s: ticket list: no array at \"%s\"",
                     m->name, m->list.items);
        gen_sync_finish(s, TD_EPARSE, &err);
        return;
    }
    total = m->list.total ? mapping_get(s->doc, m->list.total) : NULL;
    if (cJSON_IsNumber(total) && total->valuedouble > 0)
        s->total = (size_t)total->valuedouble;
    /* Decided now, used after the messages of this page's tickets. */
    s->more = gen_pager_next(s->a, &m->list, &s->pg, s->doc,
                             cJSON_GetArraySize(s->items), resp, &err);
    if (s->more < 0) {
        gen_sync_finish(s, err.status, &err);
        return;
    }
    s->idx = 0;
    s->stop = 0;
    gen_sync_next(s);
}

static void
gen_sync_on_msgs(void *ctx, struct http_response *resp)
{
    struct gen_sync *s = ctx;
    const struct mapping *m = gen_map(s->a);
    struct td_error err;
    cJSON *j = NULL;
    enum td_status rc;
    int more = 0;

    td_error_clear(&err);
    /* Deleted between the list and this request: the ticket goes to the
     * store without its thread rather than stop every later sync. */
    if (resp->status != 404) {
        if ((rc = gen_json(s->a, resp, "messages", &j, &err)) != TD_OK) {
            gen_sync_finish(s, rc, &err);
            return;
        }
        if (!cJSON_IsArray(mapping_get(j, m->msgs.items))) {
            cJSON_Delete(j);
            td_error_set(&err, TD_EPARSE, "%s: messages: no array at "
                         "\"%s\"", m->name, m->msgs.items);
            gen_sync_finish(s, TD_EPARSE, &err);
            return;
        }
        cJSON_AddItemToArray(s->mpages, j);
        more = gen_pager_next(s->a, &m->msgs, &s->mpg, j,
                              cJSON_GetArraySize(mapping_get(j,
                                                             m->msgs.items)),
                              resp, &err);
        if (more < 0) {
            gen_sync_finish(s, err.status, &err);
            return;
        }
    }
    if (more) {
        if ((rc = gen_sync_submit_msgs(s, &err)) != TD_OK)
            gen_sync_finish(s, rc, &err);
        return;
    }
    if ((rc = gen_sync_emit(s, &err)) != TD_OK) {
        gen_sync_finish(s, rc, &err);
        return;
    }
    s->idx++;
    gen_sync_next(s);
}

static enum td_status
gen_sync_start(struct account *a, const struct sync_sink *out,
               drv_done_fn done, void *ctx, struct td_error *err)
{
    const struct mapping *m = gen_map(a);
    struct gen_sync *s = xcalloc(1, sizeof *s);
    char *mark = NULL;
    enum td_status rc;

    if ((rc = out->cursor_get(out->ctx, GEN_CURSOR, &mark, err)) != TD_OK) {
        free(s);
        return rc;
    }
    s->a = a;
    s->out = out;
    s->done = done;
    s->ctx = ctx;
    s->started = time(NULL);
    gen_pager_reset(&s->pg, &m->list);
    if (mark)
        gen_cursor_decode(s, mark);
    free(mark);
    if ((rc = gen_sync_submit_list(s, err)) != TD_OK) {
        xfree_str(&s->pg.cursor);
        xfree_str(&s->pg.url);
        free(s);
    }
    return rc;
}

/* ---- reply, note and status ---- */

/* One write in flight: an optional status call first (so that a retry
 * after a failure finds the status already set rather than a reply sent
 * twice), then an optional GET for the template's variables, then the
 * call itself. find_sent uses the same struct to walk the thread. */
struct gen_op {
    struct account *a;
    drv_done_fn done;
    void *ctx;
    const struct map_call *call;    /* NULL: status only */
    char *ticket;
    char *status;           /* the backend's word, NULL = keep */
    int status_first;       /* a separate status call goes first */
    char *body_text;
    char *body_html;
    char *token;
    char *author;
    cJSON *fetched;
    struct gen_pager pg;    /* find_sent */
};

static void
gen_op_free(struct gen_op *op)
{
    free(op->ticket);
    free(op->status);
    free(op->body_text);
    free(op->body_html);
    free(op->token);
    free(op->author);
    cJSON_Delete(op->fetched);
    xfree_str(&op->pg.cursor);
    xfree_str(&op->pg.url);
    free(op);
}

/* End the operation; op is gone when done runs, so done may start
 * another. */
static void
gen_op_finish(struct gen_op *op, enum td_status rc, const char *remote_id,
              const struct td_error *err)
{
    drv_done_fn done = op->done;
    void *ctx = op->ctx;
    char *rid = remote_id ? xstrdup(remote_id) : NULL;

    gen_op_free(op);
    done(ctx, rc, rid, rc == TD_OK ? NULL : err);
    free(rid);
}

/* The id of what a call created: a header (Help Scout's Resource-ID) or
 * a JSON path in the answer; "" when the answer does not say. */
static char *
gen_result_id(const struct map_call *c, const struct http_response *resp)
{
    struct td_error ignored;
    const char *h;
    cJSON *j = NULL;
    char *id = NULL;

    if (c->result_id == NULL)
        return xstrdup("");
    if (strncmp(c->result_id, "header:", 7) == 0) {
        h = http_header_get(resp, c->result_id + 7);
        return xstrdup(h ? h : "");
    }
    if (json_parse(resp->body, resp->body_len, &j, "reply",
                   &ignored) == TD_OK)
        id = mapping_strdup(j, c->result_id);
    cJSON_Delete(j);
    return id ? id : xstrdup("");
}

/* Submit call c with its body filled in from op. */
static enum td_status
gen_call_submit(struct gen_op *op, const struct map_call *c,
                http_done_fn done, struct td_error *err)
{
    struct gen_priv *p = op->a->priv;
    struct map_var vars[32];
    size_t n = 0;
    const cJSON *v;
    struct http_request *req;
    char *path, *body;
    cJSON *j;

    vars[n++] = (struct map_var){ .name = "id", .str = op->ticket };
    vars[n++] = (struct map_var){ .name = "status", .str = op->status };
    vars[n++] = (struct map_var){ .name = "user", .str = p->user };
    vars[n++] = (struct map_var){ .name = "body_text", .str = op->body_text };
    vars[n++] = (struct map_var){ .name = "body_html", .str = op->body_html };
    vars[n++] = (struct map_var){ .name = "token", .str = op->token };
    vars[n++] = (struct map_var){ .name = "author", .str = op->author };
    cJSON_ArrayForEach(v, c->vars) {
        if (n < sizeof vars / sizeof *vars)
            vars[n++] = (struct map_var){
                .name = v->string,
                .json = mapping_get(op->fetched, v->valuestring),
            };
    }
    j = mapping_expand(c->body, vars, n);
    body = cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    path = mapping_path(c->path, op->ticket);
    req = gen_request(op->a, c->method, path, NULL, NULL, NULL, done, op);
    http_request_set_body(req, body, strlen(body), c->content_type);
    /* A status call sets a value: sending it twice does no harm. A reply
     * or note adds a message each time: never retried blindly (the
     * outbox's find_sent decides after a failure). */
    req->idempotent = c == &gen_map(op->a)->status ? HTTP_IDEMPOTENT_YES
                                                   : HTTP_IDEMPOTENT_NO;
    free(body);
    free(path);
    return http_transport_submit(op->a->http, req, err);
}

static void gen_op_on_fetch(void *ctx, struct http_response *resp);
static void gen_op_on_call(void *ctx, struct http_response *resp);

/* The step after the status call: the variables' GET, or the call. */
static enum td_status
gen_op_fetch_or_call(struct gen_op *op, struct td_error *err)
{
    char *path;
    enum td_status rc;

    if (op->call->fetch == NULL)
        return gen_call_submit(op, op->call, gen_op_on_call, err);
    path = mapping_path(op->call->fetch, op->ticket);
    rc = http_transport_submit(op->a->http,
                               gen_request(op->a, "GET", path, NULL, NULL,
                                           NULL, gen_op_on_fetch, op),
                               err);
    free(path);
    return rc;
}

static void
gen_op_on_status(void *ctx, struct http_response *resp)
{
    struct gen_op *op = ctx;
    struct td_error err;
    enum td_status rc;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        rc = gen_fail(op->a, resp, "status change", &err);
        gen_op_finish(op, rc, NULL, &err);
        return;
    }
    if (op->call == NULL) {
        gen_op_finish(op, TD_OK, "", NULL);
        return;
    }
    /* The status is set; what follows sends the message alone. */
    xfree_str(&op->status);
    if ((rc = gen_op_fetch_or_call(op, &err)) != TD_OK)
        gen_op_finish(op, rc, NULL, &err);
}

static void
gen_op_on_fetch(void *ctx, struct http_response *resp)
{
    struct gen_op *op = ctx;
    struct td_error err;
    enum td_status rc;

    td_error_clear(&err);
    if ((rc = gen_json(op->a, resp, "reading the ticket", &op->fetched,
                       &err)) != TD_OK ||
        (rc = gen_call_submit(op, op->call, gen_op_on_call, &err)) != TD_OK)
        gen_op_finish(op, rc, NULL, &err);
}

static void
gen_op_on_call(void *ctx, struct http_response *resp)
{
    struct gen_op *op = ctx;
    struct td_error err;
    enum td_status rc;
    char *id;

    td_error_clear(&err);
    if (resp->result != TD_OK) {
        /* TD_ENET after the request went out leaves the outbox item
         * "sending", so find_sent decides whether it landed. */
        rc = gen_fail(op->a, resp, op->call == &gen_map(op->a)->note
                                       ? "note" : "reply", &err);
        gen_op_finish(op, rc, NULL, &err);
        return;
    }
    id = gen_result_id(op->call, resp);
    gen_op_finish(op, TD_OK, id, NULL);
    free(id);
}

/* The backend's word for a ttydesk status, or an error naming both. */
static enum td_status
gen_status_word(const struct mapping *m, const char *ours, char **out,
                struct td_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m->status_out, ours);

    *out = NULL;
    if (!cJSON_IsString(v))
        return td_error_set(err, TD_EINVAL, "%s: no %s status for '%s' "
                            "(status_out in %s)", m->name, m->name, ours,
                            m->file);
    *out = xstrdup(v->valuestring);
    return TD_OK;
}

static enum td_status
gen_reply_start(struct account *a, const struct reply_req *req,
                drv_done_fn done, void *ctx, struct td_error *err)
{
    const struct mapping *m = gen_map(a);
    const struct map_call *c = req->is_note ? &m->note : &m->reply;
    struct gen_op *op;
    enum td_status rc;

    if (!(req->is_note ? m->has_note : m->has_reply))
        return td_error_set(err, TD_ENOTSUP, "%s: the mapping has no %s "
                            "call", m->name, req->is_note ? "note" : "reply");
    if (req->ticket_ext_id == NULL || *req->ticket_ext_id == '\0')
        return td_error_set(err, TD_EINVAL, "%s: no ticket id", m->name);
    if (req->token && !netdrv_token_ok(req->token))
        return td_error_set(err, TD_EINVAL, "%s: unusable outbox token",
                            m->name);
    if (req->set_status && !c->uses_status && !m->has_status)
        return td_error_set(err, TD_ENOTSUP, "%s: a %s cannot change the "
                            "status here", m->name,
                            req->is_note ? "note" : "reply");
    op = xcalloc(1, sizeof *op);
    op->a = a;
    op->done = done;
    op->ctx = ctx;
    op->call = c;
    op->ticket = xstrdup(req->ticket_ext_id);
    if (req->set_status &&
        (rc = gen_status_word(m, req->set_status, &op->status, err)) !=
            TD_OK) {
        gen_op_free(op);
        return rc;
    }
    op->status_first = op->status && !c->uses_status;
    op->body_text = xstrdup(req->body ? req->body : "");
    op->body_html = netdrv_body_html(op->body_text, req->token,
                                     GEN_MAX_BODY_HTML);
    if (op->body_html == NULL) {
        gen_op_free(op);
        return td_error_set(err, TD_ETOOBIG, "%s: the reply is too long",
                            m->name);
    }
    op->token = req->token ? xstrdup(req->token) : NULL;
    op->author = req->author ? xstrdup(req->author) : NULL;
    if (op->status_first)
        rc = gen_call_submit(op, &m->status, gen_op_on_status, err);
    else
        rc = gen_op_fetch_or_call(op, err);
    if (rc != TD_OK)
        gen_op_free(op);
    return rc;
}

static enum td_status
gen_update_start(struct account *a, const struct ticket_update *u,
                 drv_done_fn done, void *ctx, struct td_error *err)
{
    const struct mapping *m = gen_map(a);
    struct gen_op *op;
    enum td_status rc;

    if (u->status == NULL)
        return td_error_set(err, TD_ENOTSUP, "%s: only the status can be "
                            "changed", m->name);
    op = xcalloc(1, sizeof *op);
    op->a = a;
    op->done = done;
    op->ctx = ctx;
    op->ticket = xstrdup(u->ticket_ext_id ? u->ticket_ext_id : "");
    if ((rc = gen_status_word(m, u->status, &op->status, err)) != TD_OK ||
        (rc = gen_call_submit(op, &m->status, gen_op_on_status, err)) !=
            TD_OK)
        gen_op_free(op);
    return rc;
}

/* ---- find_sent ---- */

static enum td_status gen_find_submit(struct gen_op *op,
                                      struct td_error *err);

/* 1 if text holds needle not followed by another token character:
 * tok-1 must not be found in the marker of tok-10. */
static int
gen_has_marker(const char *text, const char *needle)
{
    size_t n = strlen(needle);

    for (const char *p = text; p && (p = strstr(p, needle)) != NULL; p++)
        if (!netdrv_token_ok((char[]){ p[n], '\0' }))
            return 1;
    return 0;
}

/* The message on the page whose body carries the outbox marker of
 * op->token (HTML may come back re-serialised, so the marker's text is
 * looked for, not the exact comment). */
static char *
gen_find_on(const struct mapping *m, const cJSON *doc, const char *needle)
{
    const cJSON *c;

    cJSON_ArrayForEach(c, mapping_get(doc, m->msgs.items)) {
        char *html = mapping_strdup(c, m->m_html);
        char *body = mapping_strdup(c, m->m_body);
        int hit = gen_has_marker(html, needle) || gen_has_marker(body, needle);

        free(html);
        free(body);
        if (hit)
            return mapping_strdup(c, m->m_id);
    }
    return NULL;
}

static void
gen_find_on_page(void *ctx, struct http_response *resp)
{
    struct gen_op *op = ctx;
    const struct mapping *m = gen_map(op->a);
    struct td_error err;
    char *needle, *id;
    enum td_status rc;
    cJSON *j;
    int more;

    td_error_clear(&err);
    if ((rc = gen_json(op->a, resp, "messages", &j, &err)) != TD_OK) {
        gen_op_finish(op, rc, NULL, &err);
        return;
    }
    needle = xasprintf("ttydesk-outbox:%s", op->token);
    id = gen_find_on(m, j, needle);
    free(needle);
    if (id) {
        cJSON_Delete(j);
        gen_op_finish(op, TD_OK, id, NULL);
        free(id);
        return;
    }
    more = gen_pager_next(op->a, &m->msgs, &op->pg, j,
                          cJSON_GetArraySize(mapping_get(j, m->msgs.items)),
                          resp, &err);
    cJSON_Delete(j);
    if (more > 0 && (rc = gen_find_submit(op, &err)) == TD_OK)
        return;
    if (more == 0)
        rc = td_error_set(&err, TD_ENOTFOUND, "%s: not in ticket %s",
                          m->name, op->ticket);
    gen_op_finish(op, rc, NULL, &err);
}

static enum td_status
gen_find_submit(struct gen_op *op, struct td_error *err)
{
    return gen_list_submit(op->a, &gen_map(op->a)->msgs, &op->pg, op->ticket,
                           NULL, gen_find_on_page, op, err);
}

static enum td_status
gen_find_sent_start(struct account *a, const char *ticket_ext_id,
                    const char *token, drv_done_fn done, void *ctx,
                    struct td_error *err)
{
    const struct mapping *m = gen_map(a);
    struct gen_op *op;
    enum td_status rc;

    if (ticket_ext_id == NULL || *ticket_ext_id == '\0')
        return td_error_set(err, TD_EINVAL, "%s: no ticket id", m->name);
    if (!netdrv_token_ok(token))
        return td_error_set(err, TD_EINVAL, "%s: unusable outbox token",
                            m->name);
    op = xcalloc(1, sizeof *op);
    op->a = a;
    op->done = done;
    op->ctx = ctx;
    op->ticket = xstrdup(ticket_ext_id);
    op->token = xstrdup(token);
    gen_pager_reset(&op->pg, &m->msgs);
    if ((rc = gen_find_submit(op, err)) != TD_OK)
        gen_op_free(op);
    return rc;
}

/* The registered table: every slot a mapping can fill. Each account
 * gets a copy with only what its mapping declares (gen_table). */
const struct driver drv_generic = {
    .name = "generic",
    .desc = "any REST helpdesk, described by a mapping file",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS,
    .priv_size = sizeof(struct gen_priv),
    .keys = gen_keys,
    .open = gen_open,
    .close = gen_close,
    .sync_start = gen_sync_start,
    .reply_start = gen_reply_start,
    .find_sent_start = gen_find_sent_start,
    .update_start = gen_update_start,
};
