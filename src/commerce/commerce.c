/* commerce.c: the shop and tracker registry and what providers share. */
#include "commerce/commerce.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commerce/aftership.h"
#include "commerce/shopify.h"
#include "commerce/track17.h"
#include "commerce/woocommerce.h"
#include "config/secret.h"
#include "net/json.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

/* The only list of providers. */
static const struct commerce_provider *const providers[] = {
    &commerce_shopify,
    &commerce_woocommerce,
    &commerce_aftership,
    &commerce_track17,
    NULL,
};

/* A lookup stays fresh this long unless the line says ttl=SECONDS. */
#define COMMERCE_TTL_DEFAULT 900L

static const char *const kind_names[CK_COUNT] = {
    [CK_EMAIL] = "email",
    [CK_NUMBER] = "number",
    [CK_TRACKING] = "tracking",
};

const char *
commerce_kind_name(enum commerce_kind k)
{
    return (unsigned)k < CK_COUNT ? kind_names[k] : "?";
}

const struct commerce_provider *const *
commerce_providers(void)
{
    return providers;
}

const char *
csource_opt(const struct csource *c, const char *key)
{
    return c->def ? account_def_opt(c->def, key) : NULL;
}

enum td_status
csource_new(const struct account_def *def, const struct http_transport *http,
            struct csource **out, struct td_error *err)
{
    const struct commerce_provider *p = NULL;
    int tracker = strcmp(def->kind, "tracker") == 0;
    struct csource *c;
    const char *ttl;
    enum td_status rc;
    size_t len;

    *out = NULL;
    for (size_t i = 0; providers[i]; i++)
        if (strcmp(providers[i]->name, def->driver) == 0)
            p = providers[i];
    if (p == NULL || p->is_tracker != tracker)
        return td_error_set(err, TD_ENOTSUP, "%s:%d: %s %s: unknown %s "
                            "'%s'", def->file, def->line, def->kind,
                            def->name, tracker ? "tracker" : "shop",
                            def->driver);
    for (size_t i = 0; i < def->n_opts; i++) {
        int known = strcmp(def->opts[i].key, "ttl") == 0 ||
                    strcmp(def->opts[i].key, "insecure") == 0;

        for (size_t k = 0; p->keys && p->keys[k]; k++)
            if (strcmp(p->keys[k], def->opts[i].key) == 0)
                known = 1;
        if (!known)
            return td_error_set(err, TD_EINVAL, "%s:%d: %s %s: %s does not "
                                "know the option '%s'", def->file, def->line,
                                def->kind, def->name, p->name,
                                def->opts[i].key);
    }
    c = xcalloc(1, sizeof *c);
    c->name = xstrdup(def->name);
    c->prov = p;
    c->def = def;
    c->url = xstrdup(def->url);
    len = strlen(c->url);
    while (len > 0 && c->url[len - 1] == '/')
        c->url[--len] = '\0';
    c->http = http;
    c->ttl = COMMERCE_TTL_DEFAULT;
    if ((ttl = csource_opt(c, "ttl")) != NULL) {
        char *end;
        long v = strtol(ttl, &end, 10);

        if (*end || v < 0 || v > 30L * 86400) {
            csource_free(&c);
            return td_error_set(err, TD_EINVAL, "%s:%d: %s %s: ttl=%s is "
                                "not a number of seconds", def->file,
                                def->line, def->kind, def->name, ttl);
        }
        c->ttl = v;
    }
    c->insecure = (ttl = csource_opt(c, "insecure")) != NULL &&
                  (strcmp(ttl, "yes") == 0 || strcmp(ttl, "true") == 0 ||
                   strcmp(ttl, "1") == 0);
    c->priv = p->priv_size ? xcalloc(1, p->priv_size) : NULL;
    if ((rc = secret_get(def, &c->secret, err)) != TD_OK ||
        (p->open && (rc = p->open(c, err)) != TD_OK)) {
        csource_free(&c);
        return rc;
    }
    *out = c;
    return TD_OK;
}

void
csource_free(struct csource **cp)
{
    struct csource *c;

    if (cp == NULL || *cp == NULL)
        return;
    c = *cp;
    if (c->priv && c->prov->close)
        c->prov->close(c);
    if (c->secret)
        memset(c->secret, 0, strlen(c->secret));
    free(c->secret);
    free(c->priv);
    free(c->name);
    free(c->url);
    free(c);
    *cp = NULL;
}

struct http_request *
csource_request(struct csource *c, const char *method, const char *path,
                http_done_fn done, void *ctx)
{
    char *url = xasprintf("%s%s", c->url, path);
    struct http_request *req = http_request_new(method, url);

    free(url);
    http_request_add_header(req, "Accept", "application/json");
    req->insecure_ok = c->insecure;
    req->budget_key = xasprintf("commerce:%s", c->name);
    req->done = done;
    req->ctx = ctx;
    return req;
}

enum td_status
csource_submit(struct csource *c, struct http_request *req,
               struct td_error *err)
{
    if (c->http == NULL) {
        http_request_free(&req);
        return td_error_set(err, TD_ENOTSUP, "%s: no network transport",
                            c->name);
    }
    return http_transport_submit(c->http, req, err);
}

/* The message in the shapes the providers use for errors. */
static const char *
fail_message(const cJSON *j)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(j, "errors");
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(j, "meta");
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(j, "data");

    if (cJSON_IsString(e))
        return e->valuestring;
    if (cJSON_IsObject(e) && e->child && cJSON_IsArray(e->child) &&
        cJSON_IsString(e->child->child))
        return e->child->child->valuestring;
    if (json_str(m, "message"))
        return json_str(m, "message");
    if (json_str(j, "message"))
        return json_str(j, "message");
    if (cJSON_IsObject(d) && json_str(d, "message"))
        return json_str(d, "message");
    return NULL;
}

void
csource_fail(struct csource *c, const struct http_response *resp,
             struct td_error *err)
{
    cJSON *j = resp->body_len ? cJSON_ParseWithLength(resp->body,
                                                      resp->body_len)
                              : NULL;
    const char *m = j ? fail_message(j) : NULL;
    char *clean = m ? sanitize_str(m, 0) : NULL;

    if (resp->status >= 400)
        td_error_set(err, resp->result, "%s: HTTP %ld%s%s", c->name,
                     resp->status, clean ? ": " : "",
                     clean ? clean : (resp->reason ? resp->reason : ""));
    else
        td_error_set(err, resp->result, "%s: %s", c->name,
                     *resp->error ? resp->error : "request failed");
    free(clean);
    cJSON_Delete(j);
}

char *
csource_escape(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = xmalloc(strlen(s) * 3 + 1), *o = out;

    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;

        if (isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            *o++ = (char)ch;
        } else {
            *o++ = '%';
            *o++ = hex[ch >> 4];
            *o++ = hex[ch & 15];
        }
    }
    *o = '\0';
    return out;
}

/* Each vocabulary's words, folded to lower case without '_' and ' '. */
static const struct {
    const char *word;
    enum ship_status st;
} ship_words[] = {
    { "pending", SS_INFO_RECEIVED },
    { "inforeceived", SS_INFO_RECEIVED },
    { "labelprinted", SS_INFO_RECEIVED },
    { "labelpurchased", SS_INFO_RECEIVED },
    { "confirmed", SS_INFO_RECEIVED },
    { "notfound", SS_INFO_RECEIVED },
    { "intransit", SS_IN_TRANSIT },
    { "intransitpickedup", SS_IN_TRANSIT },
    { "outfordelivery", SS_OUT_FOR_DELIVERY },
    { "availableforpickup", SS_OUT_FOR_DELIVERY },
    { "readyforpickup", SS_OUT_FOR_DELIVERY },
    { "delivered", SS_DELIVERED },
    { "attemptfail", SS_EXCEPTION },
    { "attempteddelivery", SS_EXCEPTION },
    { "deliveryfailure", SS_EXCEPTION },
    { "exception", SS_EXCEPTION },
    { "failure", SS_EXCEPTION },
    { "exceptionreturning", SS_RETURNING },
    { "exceptionreturned", SS_RETURNING },
    { "returning", SS_RETURNING },
    { "returned", SS_RETURNING },
    { "returntosender", SS_RETURNING },
    { "exception004", SS_CUSTOMS },
    { "exceptioncustoms", SS_CUSTOMS },
    { "customs", SS_CUSTOMS },
    { "expired", SS_EXPIRED },
};

/* Words that say a parcel is held at customs, in the demo's languages. */
static const char *const customs_words[] = {
    "customs", "zoll", "douane", "aduana", "dogana", "alfândega",
    "alfandega", "gümrük", "gumruk", "bea cukai", "hải quan", "通関", "税関",
    "海关", "세관", "الجمارك", "ศุลกากร", NULL,
};

enum ship_status
commerce_ship_status(const char *raw, const char *text)
{
    char fold[64];
    size_t n = 0;
    enum ship_status st = SS_UNKNOWN;

    for (const char *p = raw; p && *p && n + 1 < sizeof fold; p++)
        if (*p != '_' && *p != ' ' && *p != '-')
            fold[n++] = (char)tolower((unsigned char)*p);
    fold[n] = '\0';
    for (size_t i = 0; n && i < sizeof ship_words / sizeof ship_words[0];
         i++)
        if (strcmp(fold, ship_words[i].word) == 0)
            st = ship_words[i].st;
    /* A sub-status first, then its main status ("InTransit_Departure"). */
    if (st == SS_UNKNOWN && raw && strchr(raw, '_')) {
        char *main = xstrndup(raw, strcspn(raw, "_"));

        st = commerce_ship_status(main, NULL);
        free(main);
    }
    if ((st == SS_IN_TRANSIT || st == SS_EXCEPTION || st == SS_UNKNOWN) &&
        text) {
        for (size_t i = 0; customs_words[i]; i++)
            if (strcasestr(text, customs_words[i]))
                return SS_CUSTOMS;
    }
    return st;
}

int
csource_same_origin(const struct csource *c, const char *url)
{
    const char *host = strstr(c->url, "://");
    size_t n;

    if (host == NULL)
        return 0;
    n = (size_t)(host + 3 - c->url);
    n += strcspn(host + 3, "/?#");
    return strncmp(url, c->url, n) == 0 &&
           (url[n] == '\0' || url[n] == '/' || url[n] == '?');
}
