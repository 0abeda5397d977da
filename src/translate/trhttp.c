/* trhttp.c: what the HTTP providers share: a JSON POST through the app's
 * engine, and the vendors' error bodies turned into one message. */
#include "translate/trhttp.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/secret.h"
#include "net/http.h"
#include "net/http_url.h"
#include "net/json.h"
#include "translate/translate.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

/* Translations are short; a draft is a page. A bigger answer is broken. */
#define TRHTTP_MAX_BODY ((size_t)4 << 20)
#define TRHTTP_TIMEOUT_MS 30000L

struct trhttp_call {
    struct tr_job *job;
    trhttp_parse_fn parse;
};

/* The message of an error body: LibreTranslate {"error": "..."}, DeepL
 * {"message": "..."}, OpenAI {"error": {"message": "..."}}. Owned,
 * sanitized, one line, or NULL. */
static char *
trhttp_error_text(const char *body, size_t len)
{
    cJSON *doc = cJSON_ParseWithLength(body, len);
    const cJSON *e;
    const char *msg = NULL;
    char *out = NULL;

    if (doc == NULL)
        return NULL;
    e = cJSON_GetObjectItemCaseSensitive(doc, "error");
    if (cJSON_IsString(e))
        msg = e->valuestring;
    else if (cJSON_IsObject(e))
        msg = json_str(e, "message");
    if (msg == NULL)
        msg = json_str(doc, "message");
    if (msg && *msg) {
        out = sanitize_str(msg, 0);
        if (strlen(out) > 200)
            out[200] = '\0';
    }
    cJSON_Delete(doc);
    return out;
}

static void
trhttp_done(void *ctx, struct http_response *resp)
{
    struct trhttp_call *call = ctx;
    struct tr_job *job = call->job;
    trhttp_parse_fn parse = call->parse;
    struct td_error err;
    cJSON *doc = NULL;
    char *msg;

    free(call);
    td_error_clear(&err);
    if (resp->result != TD_OK) {
        msg = resp->status ? trhttp_error_text(resp->body, resp->body_len)
              : NULL;
        if (resp->status == 429 && resp->retry_after_s >= 0)
            td_error_set(&err, TD_ERATE, "rate limited (HTTP 429): retry "
                         "in %ld s%s%s", resp->retry_after_s,
                         msg ? ": " : "", msg ? msg : "");
        else if (resp->status == 429)
            td_error_set(&err, TD_ERATE, "rate limited (HTTP 429)%s%s",
                         msg ? ": " : "", msg ? msg : "");
        else if (resp->status > 0)
            /* 403 is these APIs' word for a refused key (DeepL and
             * LibreTranslate), not a permission of the agent's. */
            td_error_set(&err, resp->status == 403 ? TD_EAUTH
                         : resp->result, "HTTP %ld%s%s", resp->status,
                         msg ? ": " : (resp->reason && *resp->reason)
                         ? " " : "", msg ? msg : resp->reason);
        else
            td_error_set(&err, resp->result, "%s", resp->error);
        free(msg);
        tr_job_finish(job, err.status, NULL, NULL, &err,
                      resp->retry_after_s);
        return;
    }
    if (json_parse(resp->body, resp->body_len, &doc, "answer", &err) !=
        TD_OK) {
        tr_job_finish(job, TD_EPARSE, NULL, NULL, &err, -1);
        return;
    }
    parse(job, doc);
    cJSON_Delete(doc);
}

enum td_status
trhttp_post(struct tr_service *s, struct tr_job *job, const char *url,
            const char *auth, cJSON *body, long timeout_ms,
            trhttp_parse_fn parse, struct td_error *err)
{
    struct http_transport *t = tr_hub_http(s->hub);
    struct http_request *req;
    struct trhttp_call *call;
    const char *to = tr_opt(s, "timeout");
    char *text, *end;
    long secs;

    if (t == NULL) {
        cJSON_Delete(body);
        return td_error_set(err, TD_ENOTSUP, "%s: no network here",
                            s->name);
    }
    text = cJSON_PrintUnformatted(body);
    cJSON_Delete(body);
    if (text == NULL)
        return td_error_set(err, TD_EINVAL, "%s: cannot encode the request",
                            s->name);
    req = http_request_new("POST", url);
    http_request_set_body(req, text, strlen(text), "application/json");
    free(text);
    http_request_add_header(req, "Accept", "application/json");
    if (auth)
        http_request_add_header(req, "Authorization", auth);
    http_request_set_budget(req, s->name);
    /* Asking again for the same translation changes nothing: a 5xx or a
     * 429 with a short Retry-After is retried by the engine. */
    req->idempotent = HTTP_IDEMPOTENT_YES;
    req->insecure_ok = s->insecure;
    req->max_body = TRHTTP_MAX_BODY;
    req->timeout_ms = timeout_ms ? timeout_ms : TRHTTP_TIMEOUT_MS;
    if (to && (secs = strtol(to, &end, 10)) > 0 && *end == '\0')
        req->timeout_ms = secs * 1000;
    call = xcalloc(1, sizeof *call);
    call->job = job;
    call->parse = parse;
    req->done = trhttp_done;
    req->ctx = call;
    if (http_transport_submit(t, req, err) != TD_OK) {
        free(call);
        td_error_prefix(err, "%s: ", s->name);
        return err->status;
    }
    return TD_OK;
}

enum td_status
trhttp_check_url(struct tr_service *s, struct td_error *err)
{
    return http_url_check(s->def->url, s->insecure, err);
}

enum td_status
trhttp_secret(struct tr_service *s, int required, char **out,
              struct td_error *err)
{
    *out = NULL;
    if (!required && tr_opt(s, "token_env") == NULL &&
        tr_opt(s, "token_cmd") == NULL)
        return TD_OK;
    return secret_get(s->def, out, err);
}
