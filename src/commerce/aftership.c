/* aftership.c: parcels from the AfterShip Tracking API.
 *
 * URL: https://api.aftership.com/tracking/VERSION (2025-01 and later,
 * key in as-api-key) or the legacy https://api.aftership.com/v4 (key in
 * aftership-api-key). A parcel is looked up with GET /trackings?keyword=;
 * one AfterShip does not follow yet is created (POST /trackings) so that
 * the next lookup has its checkpoints. Rate limits come in
 * X-RateLimit-* headers, which the HTTP engine's budgets follow. */
#include "commerce/aftership.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/cfind.h"
#include "net/json.h"
#include "util/xmalloc.h"

struct aftership {
    int v4;
};

static const char *const aftership_keys[] = {
    "token_env", "token_cmd", NULL,
};

static enum td_status
aftership_open(struct csource *c, struct td_error *err)
{
    struct aftership *p = c->priv;
    size_t n = strlen(c->url);

    (void)err;
    p->v4 = n >= 3 && strcmp(c->url + n - 3, "/v4") == 0;
    return TD_OK;
}

static struct http_request *
aftership_request(struct cfind *f, const char *method, const char *path,
                  http_done_fn done)
{
    struct aftership *p = f->c->priv;
    struct http_request *req = csource_request(f->c, method, path, done, f);

    http_request_add_header(req, p->v4 ? "aftership-api-key" : "as-api-key",
                            f->c->secret);
    return req;
}

/* Numbers compared as carriers print them: case and dashes aside. */
static int
same_number(const char *a, const char *b)
{
    while (a && b && *a && *b) {
        if (*a == '-' || *a == ' ') {
            a++;
            continue;
        }
        if (*b == '-' || *b == ' ') {
            b++;
            continue;
        }
        if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
    return a && b && *a == '\0' && *b == '\0';
}

static void
aftership_parcel(struct cfind *f, const cJSON *t)
{
    struct shipment sh = { 0 };
    const char *tag = json_str(t, "tag"), *sub = json_str(t, "subtag");
    const cJSON *cp;

    sh.external_id = json_strdup(t, "tracking_number");
    sh.tracking_number = json_strdup(t, "tracking_number");
    sh.carrier = json_strdup(t, "slug");
    sh.status_raw = xstrdup(sub && *sub ? sub : tag ? tag : "");
    sh.status = commerce_ship_status(sub && *sub ? sub : tag, NULL);
    if (sh.status == SS_UNKNOWN)
        sh.status = commerce_ship_status(tag, NULL);
    sh.eta = json_time(t, "expected_delivery");
    cJSON_ArrayForEach(cp, cJSON_GetObjectItemCaseSensitive(t, "checkpoints")) {
        const char *loc = json_str(cp, "location");
        const char *city = json_str(cp, "city");
        const char *country = json_str(cp, "country_name");
        const char *csub = json_str(cp, "subtag");
        char *place = NULL;

        if (!(loc && *loc) && (city || country))
            place = xasprintf("%s%s%s", city ? city : "",
                              city && country ? ", " : "",
                              country ? country : "");
        cfind_event(&sh, json_time(cp, "checkpoint_time"),
                    loc && *loc ? loc : place,
                    csub && *csub ? csub : json_str(cp, "tag"),
                    json_str(cp, "message"));
        free(place);
    }
    cfind_shipment(f, &sh);
}

static void
aftership_on_created(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    cJSON *j = NULL;
    const cJSON *t;

    /* 4003: AfterShip follows it already (another ttydesk, or the shop's
     * own integration); nothing to show until its next lookup. */
    if (resp->status == 400 && strstr(resp->body, "4003")) {
        cfind_settle(f);
        return;
    }
    if (cfind_answer(f, resp, "AfterShip tracking", &j) == TD_OK) {
        t = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(j, "data"), "tracking");
        if (cJSON_IsObject(t))
            aftership_parcel(f, t);
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static void
aftership_on_list(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    struct aftership *p = f->c->priv;
    cJSON *j = NULL, *t, *body;
    const cJSON *list;
    int found = 0;

    if (cfind_answer(f, resp, "AfterShip trackings", &j) == TD_OK) {
        list = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(j, "data"), "trackings");
        if (!cJSON_IsArray(list))
            cfind_fail(f, TD_EPARSE, "%s: the answer has no "
                       "\"data.trackings\"", f->c->name);
        cJSON_ArrayForEach(t, list) {
            if (same_number(json_str(t, "tracking_number"), f->key)) {
                aftership_parcel(f, t);
                found = 1;
            }
        }
        if (!found && f->rc == TD_OK) {
            struct http_request *req = aftership_request(
                f, "POST", "/trackings", aftership_on_created);
            struct td_error e;
            cJSON *tr = cJSON_CreateObject();

            cJSON_AddStringToObject(tr, "tracking_number", f->key);
            if (p->v4) {
                body = cJSON_CreateObject();
                cJSON_AddItemToObject(body, "tracking", tr);
            } else {
                body = tr;
            }
            req->body = cJSON_PrintUnformatted(body);
            req->body_len = strlen(req->body);
            http_request_add_header(req, "Content-Type", "application/json");
            cJSON_Delete(body);
            td_error_clear(&e);
            (void)cfind_submit(f, req, &e);
        }
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static enum td_status
aftership_find_start(struct csource *c, enum commerce_kind kind,
                     const char *key, const struct commerce_sink *out,
                     commerce_done_fn done, void *ctx, struct td_error *err)
{
    struct cfind *f;
    char *q, *path;
    enum td_status rc;

    if (kind != CK_TRACKING)
        return td_error_set(err, TD_ENOTSUP, "%s: a tracker has no orders",
                            c->name);
    f = cfind_new(c, key, out, done, ctx);
    q = csource_escape(key);
    path = xasprintf("/trackings?keyword=%s", q);
    free(q);
    rc = cfind_submit(f, aftership_request(f, "GET", path, aftership_on_list),
                      err);
    free(path);
    if (rc != TD_OK)
        cfind_abort(f);
    return rc;
}

const struct commerce_provider commerce_aftership = {
    .name = "aftership",
    .desc = "AfterShip Tracking API (dated versions and legacy v4)",
    .is_tracker = 1,
    .priv_size = sizeof(struct aftership),
    .keys = aftership_keys,
    .open = aftership_open,
    .find_start = aftership_find_start,
};
