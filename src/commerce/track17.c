/* track17.c: parcels from the 17TRACK Tracking API (v2.2 and later).
 *
 * URL: https://api.17track.net/track/v2.2 (or v2.4). Auth: the 17token
 * header. Every call is a POST of a JSON array. A parcel is read with
 * gettrackinfo; one 17TRACK does not follow yet is registered (which
 * costs a credit), and the next lookup has its events. A code 0 answer
 * may still reject the number: both arrays are read. 17TRACK allows 3
 * requests a second and sends no rate headers, so requests are paced. */
#include "commerce/track17.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commerce/cfind.h"
#include "net/json.h"
#include "util/xmalloc.h"

/* 3 requests a second. */
#define TRACK17_GAP_MS 334

static const char *const track17_keys[] = {
    "token_env", "token_cmd", NULL,
};

static struct http_request *
track17_request(struct cfind *f, const char *path, http_done_fn done)
{
    struct http_request *req = csource_request(f->c, "POST", path, done, f);
    cJSON *arr = cJSON_CreateArray(), *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "number", f->key);
    if (strcmp(path, "/register") == 0)
        cJSON_AddBoolToObject(o, "auto_detection", 1);
    cJSON_AddItemToArray(arr, o);
    req->body = cJSON_PrintUnformatted(arr);
    req->body_len = strlen(req->body);
    cJSON_Delete(arr);
    /* Reading is safe to repeat; registering twice only says so. */
    req->idempotent = HTTP_IDEMPOTENT_YES;
    req->min_gap_ms = TRACK17_GAP_MS;
    http_request_add_header(req, "Content-Type", "application/json");
    http_request_add_header(req, "17token", f->c->secret);
    return req;
}

static void
track17_parcel(struct cfind *f, const cJSON *acc)
{
    const cJSON *ti = cJSON_GetObjectItemCaseSensitive(acc, "track_info");
    const cJSON *ls = cJSON_GetObjectItemCaseSensitive(ti, "latest_status");
    const cJSON *tm = cJSON_GetObjectItemCaseSensitive(ti, "time_metrics");
    const cJSON *tr = cJSON_GetObjectItemCaseSensitive(ti, "tracking");
    const cJSON *prov, *ev;
    const char *st = json_str(ls, "status"), *sub = json_str(ls, "sub_status");
    struct shipment sh = { 0 };

    sh.external_id = json_strdup(acc, "number");
    sh.tracking_number = json_strdup(acc, "number");
    sh.status_raw = xstrdup(sub && *sub ? sub : st ? st : "");
    sh.status = commerce_ship_status(sub && *sub ? sub : st, NULL);
    if (sh.status == SS_UNKNOWN)
        sh.status = commerce_ship_status(st, NULL);
    sh.eta = json_time(cJSON_GetObjectItemCaseSensitive(
                           tm, "estimated_delivery_date"), "to");
    /* A parcel handed from one carrier to another has several providers,
     * each with its events; the first is the current one. */
    cJSON_ArrayForEach(prov, cJSON_GetObjectItemCaseSensitive(tr,
                                                              "providers")) {
        const cJSON *pv = cJSON_GetObjectItemCaseSensitive(prov, "provider");

        if (sh.carrier == NULL)
            sh.carrier = json_strdup(pv, "name");
        cJSON_ArrayForEach(ev, cJSON_GetObjectItemCaseSensitive(prov,
                                                                "events")) {
            const char *esub = json_str(ev, "sub_status");
            time_t t = json_time(ev, "time_utc");

            cfind_event(&sh, t ? t : json_time(ev, "time_iso"),
                        json_str(ev, "location"),
                        esub ? esub : json_str(ev, "stage"),
                        json_str(ev, "description"));
        }
    }
    cfind_shipment(f, &sh);
}

static void track17_on_register(void *ctx, struct http_response *resp);

static void
track17_on_info(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    cJSON *j = NULL, *it;
    const cJSON *data;

    if (cfind_answer(f, resp, "17TRACK gettrackinfo", &j) == TD_OK) {
        data = cJSON_GetObjectItemCaseSensitive(j, "data");
        if (json_int(j, "code", -1) != 0 || !cJSON_IsObject(data)) {
            cfind_fail(f, TD_EPARSE, "%s: 17TRACK answered code %lld",
                       f->c->name, (long long)json_int(j, "code", -1));
        } else {
            cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(
                                       data, "accepted"))
                track17_parcel(f, it);
            cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(
                                       data, "rejected")) {
                const cJSON *e = cJSON_GetObjectItemCaseSensitive(it, "error");
                int64_t code = json_int(e, "code", 0);
                struct td_error se;

                /* Not followed yet: register it once. A number that is
                 * malformed, or a key that is refused, is not. */
                if (f->extra == NULL && code != -18010012 &&
                    code != -18010013 && code != -18010002 &&
                    code != -18010001) {
                    f->extra = xstrdup("registered");
                    td_error_clear(&se);
                    (void)cfind_submit(f, track17_request(
                                              f, "/register",
                                              track17_on_register), &se);
                } else {
                    cfind_fail(f, TD_ENOTFOUND, "%s: %s: %s (%lld)",
                               f->c->name, f->key,
                               json_str(e, "message") ? json_str(e, "message")
                                                      : "rejected",
                               (long long)code);
                }
            }
        }
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static void
track17_on_register(void *ctx, struct http_response *resp)
{
    struct cfind *f = ctx;
    cJSON *j = NULL, *it;
    const cJSON *data;

    if (cfind_answer(f, resp, "17TRACK register", &j) == TD_OK) {
        data = cJSON_GetObjectItemCaseSensitive(j, "data");
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(data,
                                                                "rejected")) {
            const cJSON *e = cJSON_GetObjectItemCaseSensitive(it, "error");

            if (json_int(e, "code", 0) != -18019901)    /* already */
                cfind_fail(f, TD_ENOTFOUND, "%s: %s: %s", f->c->name,
                           f->key, json_str(e, "message")
                                       ? json_str(e, "message")
                                       : "rejected");
        }
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(data,
                                                                "accepted")) {
            struct shipment sh = { 0 };

            /* Followed from now on; no events until 17TRACK fetches. */
            sh.external_id = json_strdup(it, "number");
            sh.tracking_number = json_strdup(it, "number");
            sh.status = SS_INFO_RECEIVED;
            sh.status_raw = xstrdup("registered");
            cfind_shipment(f, &sh);
        }
    }
    cJSON_Delete(j);
    cfind_settle(f);
}

static enum td_status
track17_find_start(struct csource *c, enum commerce_kind kind,
                   const char *key, const struct commerce_sink *out,
                   commerce_done_fn done, void *ctx, struct td_error *err)
{
    struct cfind *f;
    enum td_status rc;

    if (kind != CK_TRACKING)
        return td_error_set(err, TD_ENOTSUP, "%s: a tracker has no orders",
                            c->name);
    f = cfind_new(c, key, out, done, ctx);
    rc = cfind_submit(f, track17_request(f, "/gettrackinfo", track17_on_info),
                      err);
    if (rc != TD_OK)
        cfind_abort(f);
    return rc;
}

const struct commerce_provider commerce_track17 = {
    .name = "17track",
    .desc = "17TRACK Tracking API v2.2+ (paced to 3 requests a second)",
    .is_tracker = 1,
    .keys = track17_keys,
    .find_start = track17_find_start,
};
