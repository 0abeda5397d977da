/* netdrv.c: requests, credentials and secrets as every network driver needs them. */
#include "drivers/netdrv.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config/secret.h"
#include "drivers/driver.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/buf.h"
#include "util/base64.h"
#include "util/xmalloc.h"

struct http_request *
netdrv_request(struct account *a, const char *base, const char *auth,
               int insecure, const char *method, const char *path,
               const char *const *params, http_done_fn done, void *ctx)
{
    return netdrv_request_as(a, base, "Authorization", auth, insecure,
                             method, path, params, done, ctx);
}

struct http_request *
netdrv_request_as(struct account *a, const char *base, const char *hdr,
                  const char *auth, int insecure, const char *method,
                  const char *path, const char *const *params,
                  http_done_fn done, void *ctx)
{
    char *url = http_url_build(base, path, params);
    struct http_request *req = http_request_new(method, url);

    free(url);
    http_request_add_header(req, hdr, auth);
    /* Some APIs answer 406 unless JSON is said to be acceptable (RT). */
    http_request_add_header(req, "Accept", "application/json");
    http_request_set_budget(req, a->name);
    req->insecure_ok = insecure;
    req->done = done;
    req->ctx = ctx;
    return req;
}

char *
netdrv_basic_auth(const char *user, const char *password)
{
    char *cred = xasprintf("%s:%s", user, password);
    char *b64 = base64_encode(cred, strlen(cred));
    char *auth = xasprintf("Basic %s", b64);

    netdrv_wipe(&cred);
    netdrv_wipe(&b64);
    return auth;
}

char *
netdrv_api_base(const char *url, const char *api)
{
    size_t n = strlen(url), k = strlen(api);

    while (n > 0 && url[n - 1] == '/')
        n--;
    if (n >= k && strncmp(url + n - k, api, k) == 0)
        n -= k;
    return xasprintf("%.*s%s", (int)n, url, api);
}

int
netdrv_truthy(const char *v)
{
    return v && (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 ||
                 strcmp(v, "true") == 0);
}

void
netdrv_wipe(char **s)
{
    secret_wipe(s);
}

int
netdrv_token_ok(const char *tok)
{
    return tok && *tok && strspn(tok, "abcdefghijklmnopqrstuvwxyz"
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789-_.") == strlen(tok);
}

char *
netdrv_body_html(const char *text, const char *token, size_t max)
{
    struct buf b;
    int bad = 0;

    buf_init(&b, max);
    bad |= buf_adds(&b, "<div style=\"white-space: pre-wrap\">");
    for (const char *p = text; *p && !bad; p++) {
        switch (*p) {
        case '&':
            bad |= buf_adds(&b, "&amp;");
            break;
        case '<':
            bad |= buf_adds(&b, "&lt;");
            break;
        case '>':
            bad |= buf_adds(&b, "&gt;");
            break;
        case '\n':
            bad |= buf_adds(&b, "<br>\n");
            break;
        case '\r':
            break;
        default:
            bad |= buf_addc(&b, *p);
        }
    }
    bad |= buf_adds(&b, "</div>");
    if (token)
        bad |= buf_printf(&b, "%s%s%s", NETDRV_MARKER_PREFIX, token,
                          NETDRV_MARKER_SUFFIX);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* The detail of an error body: the first of keys that is a string, or
 * the first entry of an "errors" array (a string or {message}). */
static const char *
netdrv_detail(const cJSON *j, const char *const *keys)
{
    for (size_t i = 0; keys && keys[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, keys[i]);
        const cJSON *e0 = cJSON_IsArray(v) ? cJSON_GetArrayItem(v, 0) : NULL;

        if (cJSON_IsString(v) && *v->valuestring)
            return v->valuestring;
        if (cJSON_IsString(e0))
            return e0->valuestring;
        if (json_str(e0, "message"))
            return json_str(e0, "message");
        if (cJSON_IsObject(v) && json_str(v, "message"))
            return json_str(v, "message");
    }
    return NULL;
}

enum td_status
netdrv_fail(const struct http_response *resp, const char *what,
            const char *const *keys, struct td_error *err)
{
    cJSON *j = NULL;
    const char *d = NULL;
    enum td_status rc = resp->result != TD_OK ? resp->result : TD_EPARSE;
    struct td_error ignored;

    if (resp->status >= 400 &&
        json_parse(resp->body, resp->body_len, &j, what, &ignored) == TD_OK)
        d = netdrv_detail(j, keys);
    if (resp->status > 0)
        td_error_set(err, rc, "%s: HTTP %ld%s%s", what, resp->status,
                     d ? ": " : "", d ? d : "");
    else
        td_error_set(err, rc, "%s: %s", what, resp->error);
    cJSON_Delete(j);
    return rc;
}

enum td_status
netdrv_json(const struct http_response *resp, const char *what,
            const char *const *keys, cJSON **out, struct td_error *err)
{
    *out = NULL;
    if (resp->result != TD_OK)
        return netdrv_fail(resp, what, keys, err);
    return json_parse(resp->body, resp->body_len, out, what, err);
}

int
netdrv_digits(const char *s)
{
    return s && *s && strlen(s) <= 19 &&
           strspn(s, "0123456789") == strlen(s);
}

void
netdrv_op_end(struct netdrv_op *op, void (*free_fn)(void *self), void *self,
              enum td_status rc, const char *remote_id,
              const struct td_error *err)
{
    drv_done_fn done = op->done;
    void *ctx = op->ctx;
    char *rid = remote_id ? xstrdup(remote_id) : NULL;
    struct td_error e;

    td_error_clear(&e);
    if (rc != TD_OK) {
        if (err)
            e = *err;
        else
            td_error_set(&e, rc, "%s", td_status_name(rc));
        e.status = rc;
    }
    free_fn(self);
    done(ctx, rc, rid, rc == TD_OK ? NULL : &e);
    free(rid);
}

void
netdrv_window_init(struct netdrv_window *w, const char *cursor,
                   long max_page)
{
    time_t t;

    memset(w, 0, sizeof *w);
    if (cursor && time_parse_iso(cursor, &t) == 0 && t > 0)
        w->since = w->newest = t;
    w->page = 1;
    w->max_page = max_page;
}

void
netdrv_window_seen(struct netdrv_window *w, time_t updated)
{
    if (updated > w->newest) {
        w->newest = updated;
        w->moved = 1;
    }
}

void
netdrv_window_since(const struct netdrv_window *w, char out[TIME_ISO_LEN])
{
    if (w->since > 0)
        time_format_iso(w->since, out);
    else
        snprintf(out, TIME_ISO_LEN, "%s", "1970-01-01T00:00:00Z");
}

enum td_status
netdrv_window_page_done(struct netdrv_window *w, const struct sync_sink *out,
                        const char *key, int more, int *go, const char *who,
                        struct td_error *err)
{
    enum td_status rc = TD_OK;
    char iso[TIME_ISO_LEN];

    *go = 0;
    /* The page's cursor goes in the page's transaction. */
    if (w->moved) {
        time_format_iso(w->newest, iso);
        rc = out->cursor_set(out->ctx, key, iso, err);
    }
    w->moved = 0;
    if (rc == TD_OK)
        rc = out->page_done(out->ctx, err);
    if (rc != TD_OK || !more)
        return rc;
    if (w->page < w->max_page) {
        w->page++;
    } else if (w->newest > w->since) {
        w->since = w->newest;
        w->page = 1;
    } else {
        /* max_page full pages updated within one second: stop rather
         * than ask the same pages forever. */
        return td_error_set(err, TD_ENOTSUP, "%s: more than %ld pages "
                            "share one updated_at", who, w->max_page);
    }
    *go = 1;
    return TD_OK;
}
