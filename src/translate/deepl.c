/* deepl.c: the DeepL API. POST {URL}/v2/translate with JSON {text: [..],
 * target_lang, source_lang (left out to detect)} and the header
 * "Authorization: DeepL-Auth-Key KEY"; the answer is {translations:
 * [{detected_source_language, text}]}. Keys ending in ":fx" belong to
 * DeepL API Free, served by api-free.deepl.com; other keys to Pro, served
 * by api.deepl.com: a key sent to the wrong host gets 403, so the line is
 * checked when it is read. 456 means the quota is used up. */
#include "translate/deepl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/secret.h"
#include "net/http_url.h"
#include "net/json.h"
#include "translate/trhttp.h"
#include "util/xmalloc.h"

#define DEEPL_FREE_HOST "api-free.deepl.com"
#define DEEPL_PRO_HOST "api.deepl.com"

struct deepl_priv {
    char *auth;             /* "DeepL-Auth-Key ..." */
    char *endpoint;
};

static const char *const deepl_options[] = { "formality", NULL };

/* Whether url's host is host ("https://api.deepl.com/..."). */
static int
deepl_host_is(const char *url, const char *host)
{
    const char *p = strstr(url, "://");
    size_t n = strlen(host);

    return p && strncmp(p + 3, host, n) == 0 &&
           (p[3 + n] == '\0' || p[3 + n] == '/' || p[3 + n] == ':');
}

static enum td_status
deepl_open(struct tr_service *s, struct td_error *err)
{
    struct deepl_priv *p = s->priv;
    const char *url = s->def->url;
    enum td_status rc;
    char *key = NULL;
    size_t n;
    int free_key;

    if ((rc = trhttp_check_url(s, err)) != TD_OK)
        return rc;
    if ((rc = trhttp_secret(s, 1, &key, err)) != TD_OK)
        return rc;
    n = strlen(key);
    free_key = n > 3 && strcmp(key + n - 3, ":fx") == 0;
    if (free_key && deepl_host_is(url, DEEPL_PRO_HOST))
        rc = td_error_set(err, TD_EINVAL, "the key is a DeepL API Free key "
                          "(it ends in :fx): use https://" DEEPL_FREE_HOST);
    else if (!free_key && deepl_host_is(url, DEEPL_FREE_HOST))
        rc = td_error_set(err, TD_EINVAL, "the key is a DeepL API Pro key: "
                          "use https://" DEEPL_PRO_HOST);
    if (rc == TD_OK) {
        p->auth = xasprintf("DeepL-Auth-Key %s", key);
        p->endpoint = http_url_build(url, "v2/translate", NULL);
    }
    secret_wipe(&key);
    return rc;
}

static void
deepl_parse(struct tr_job *job, const cJSON *doc)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(doc, "translations");
    const cJSON *first = cJSON_IsArray(arr) ? cJSON_GetArrayItem(arr, 0)
                         : NULL;
    const char *text = first ? json_str(first, "text") : NULL;
    struct td_error err;

    td_error_clear(&err);
    if (text == NULL) {
        td_error_set(&err, TD_EPARSE, "the answer has no translations[0]."
                     "text");
        tr_job_finish(job, TD_EPARSE, NULL, NULL, &err, -1);
        return;
    }
    tr_job_finish(job, TD_OK, text,
                  json_str(first, "detected_source_language"), NULL, -1);
}

/* DeepL's codes: upper case; English and Portuguese targets need their
 * variant (EN-US or EN-GB, PT-BR or PT-PT): a bare one gets the most
 * common, the agent may ask for the other ("en-GB"). */
static void
deepl_code(const char *lang, int target, char *out, size_t n)
{
    size_t i;

    for (i = 0; lang[i] && i + 1 < n; i++)
        out[i] = (char)toupper((unsigned char)lang[i]);
    out[i] = '\0';
    if (target && strcmp(out, "EN") == 0)
        snprintf(out, n, "EN-US");
    else if (target && strcmp(out, "PT") == 0)
        snprintf(out, n, "PT-BR");
    else if (!target && strlen(out) > 2)
        out[2] = '\0';      /* a source is never a variant */
}

static enum td_status
deepl_translate(struct tr_service *s, struct tr_job *job,
                struct td_error *err)
{
    struct deepl_priv *p = s->priv;
    const char *formality = tr_opt(s, "formality");
    cJSON *body = cJSON_CreateObject(), *text = cJSON_CreateArray();
    char code[16];

    cJSON_AddItemToArray(text, cJSON_CreateString(job->text));
    cJSON_AddItemToObject(body, "text", text);
    deepl_code(job->to, 1, code, sizeof code);
    cJSON_AddStringToObject(body, "target_lang", code);
    if (job->from) {
        deepl_code(job->from, 0, code, sizeof code);
        cJSON_AddStringToObject(body, "source_lang", code);
    }
    if (formality)
        cJSON_AddStringToObject(body, "formality", formality);
    return trhttp_post(s, job, p->endpoint, p->auth, body, 0, deepl_parse,
                       err);
}

static void
deepl_close(struct tr_service *s)
{
    struct deepl_priv *p = s->priv;

    secret_wipe(&p->auth);
    free(p->endpoint);
}

const struct translator deepl_translator = {
    .name = "deepl",
    .caps = TR_CAP_DETECT,
    .priv_size = sizeof(struct deepl_priv),
    .options = deepl_options,
    .open = deepl_open,
    .translate = deepl_translate,
    .close = deepl_close,
};
