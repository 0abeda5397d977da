/* libretranslate.c: a LibreTranslate-compatible REST API. POST
 * {URL}/translate with JSON {q, source ("auto" to detect), target,
 * format: "text", api_key (only when the line has a token)}; the answer
 * is {translatedText, detectedLanguage: {language, confidence}} and
 * errors are {"error": "..."} with 400, 403, 429 or 500. */
#include "translate/libretranslate.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/secret.h"
#include "net/http_url.h"
#include "net/json.h"
#include "translate/trhttp.h"
#include "util/xmalloc.h"

struct lt_priv {
    char *key;              /* api_key, NULL for a server that needs none */
    char *endpoint;
};

static const char *const lt_options[] = { NULL };

static enum td_status
lt_open(struct tr_service *s, struct td_error *err)
{
    struct lt_priv *p = s->priv;
    enum td_status rc;

    if ((rc = trhttp_check_url(s, err)) != TD_OK)
        return rc;
    /* A self-hosted server usually needs no key: the token is optional. */
    if ((rc = trhttp_secret(s, 0, &p->key, err)) != TD_OK)
        return rc;
    p->endpoint = http_url_build(s->def->url, "translate", NULL);
    return TD_OK;
}

static void
lt_parse(struct tr_job *job, const cJSON *doc)
{
    const char *text = json_str(doc, "translatedText");
    const cJSON *det = cJSON_GetObjectItemCaseSensitive(doc,
                                                        "detectedLanguage");
    struct td_error err;

    td_error_clear(&err);
    if (text == NULL) {
        td_error_set(&err, TD_EPARSE, "the answer has no translatedText");
        tr_job_finish(job, TD_EPARSE, NULL, NULL, &err, -1);
        return;
    }
    tr_job_finish(job, TD_OK, text, cJSON_IsObject(det)
                  ? json_str(det, "language") : NULL, NULL, -1);
}

static enum td_status
lt_translate(struct tr_service *s, struct tr_job *job, struct td_error *err)
{
    struct lt_priv *p = s->priv;
    cJSON *body = cJSON_CreateObject();

    cJSON_AddStringToObject(body, "q", job->text);
    cJSON_AddStringToObject(body, "source", job->from ? job->from : "auto");
    cJSON_AddStringToObject(body, "target", job->to);
    cJSON_AddStringToObject(body, "format", "text");
    if (p->key)
        cJSON_AddStringToObject(body, "api_key", p->key);
    return trhttp_post(s, job, p->endpoint, NULL, body, 0, lt_parse, err);
}

static void
lt_close(struct tr_service *s)
{
    struct lt_priv *p = s->priv;

    secret_wipe(&p->key);
    free(p->endpoint);
}

const struct translator libretranslate_translator = {
    .name = "libretranslate",
    .caps = TR_CAP_DETECT,
    .priv_size = sizeof(struct lt_priv),
    .options = lt_options,
    .open = lt_open,
    .translate = lt_translate,
    .close = lt_close,
};
