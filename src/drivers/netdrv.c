/* netdrv.c: requests, credentials and secrets as every network driver needs them. */
#include "drivers/netdrv.h"

#include <stdlib.h>
#include <string.h>

#include "config/secret.h"
#include "drivers/driver.h"
#include "net/http_url.h"
#include "util/buf.h"
#include "util/base64.h"
#include "util/xmalloc.h"

struct http_request *
netdrv_request(struct account *a, const char *base, const char *auth,
               int insecure, const char *method, const char *path,
               const char *const *params, http_done_fn done, void *ctx)
{
    char *url = http_url_build(base, path, params);
    struct http_request *req = http_request_new(method, url);

    free(url);
    http_request_add_header(req, "Authorization", auth);
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
