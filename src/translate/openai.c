/* openai.c: draft generation through an OpenAI-compatible chat-completions
 * endpoint. POST {URL}/chat/completions (URL ends in /v1, as llama.cpp's
 * server and the hosted APIs name it) with {model, messages: [{role:
 * system}, {role: user}], temperature, max_tokens, stream: false}, and
 * "Authorization: Bearer KEY" when the line has a token (a local server
 * usually has none). The draft is choices[0].message.content. */
#include "translate/openai.h"

#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/secret.h"
#include "net/http_url.h"
#include "net/json.h"
#include "translate/trhttp.h"
#include "util/xmalloc.h"

/* A model on a laptop takes its time writing a page. */
#define OPENAI_TIMEOUT_MS 120000L

struct openai_priv {
    char *auth;             /* "Bearer ...", NULL without a token */
    char *endpoint;
    double temperature;
    long max_tokens;
};

static const char *const openai_options[] = {
    "model", "temperature", "max_tokens", NULL,
};

static enum td_status
openai_open(struct tr_service *s, struct td_error *err)
{
    struct openai_priv *p = s->priv;
    const char *t = tr_opt(s, "temperature"), *m = tr_opt(s, "max_tokens");
    char *key = NULL, *end;
    enum td_status rc;

    if ((rc = trhttp_check_url(s, err)) != TD_OK)
        return rc;
    p->temperature = 0.3;
    p->max_tokens = 700;
    if (t) {
        p->temperature = strtod(t, &end);
        if (*end || end == t || p->temperature < 0 || p->temperature > 2)
            return td_error_set(err, TD_EINVAL, "temperature=%s: want a "
                                "number from 0 to 2", t);
    }
    if (m) {
        p->max_tokens = strtol(m, &end, 10);
        if (*end || end == m || p->max_tokens <= 0)
            return td_error_set(err, TD_EINVAL, "max_tokens=%s: want a "
                                "positive number", m);
    }
    if ((rc = trhttp_secret(s, 0, &key, err)) != TD_OK)
        return rc;
    if (key)
        p->auth = xasprintf("Bearer %s", key);
    secret_wipe(&key);
    p->endpoint = http_url_build(s->def->url, "chat/completions", NULL);
    return TD_OK;
}

static void
openai_parse(struct tr_job *job, const cJSON *doc)
{
    const cJSON *ch = cJSON_GetObjectItemCaseSensitive(doc, "choices");
    const cJSON *first = cJSON_IsArray(ch) ? cJSON_GetArrayItem(ch, 0) : NULL;
    const cJSON *msg = first ? cJSON_GetObjectItemCaseSensitive(first,
                                                                "message")
                       : NULL;
    const char *text = msg ? json_str(msg, "content") : NULL;
    struct td_error err;

    td_error_clear(&err);
    if (text == NULL) {
        td_error_set(&err, TD_EPARSE, "the answer has no choices[0]."
                     "message.content");
        tr_job_finish(job, TD_EPARSE, NULL, NULL, &err, -1);
        return;
    }
    tr_job_finish(job, TD_OK, text, NULL, NULL, -1);
}

static void
openai_add_message(cJSON *msgs, const char *role, const char *content)
{
    cJSON *m = cJSON_CreateObject();

    cJSON_AddStringToObject(m, "role", role);
    cJSON_AddStringToObject(m, "content", content);
    cJSON_AddItemToArray(msgs, m);
}

static enum td_status
openai_draft(struct tr_service *s, struct tr_job *job, struct td_error *err)
{
    struct openai_priv *p = s->priv;
    const char *model = tr_opt(s, "model");
    cJSON *body = cJSON_CreateObject(), *msgs = cJSON_CreateArray();

    /* llama.cpp serves whatever it loaded and ignores the name; hosted
     * APIs need one. */
    cJSON_AddStringToObject(body, "model", model ? model : "default");
    openai_add_message(msgs, "system", job->system);
    openai_add_message(msgs, "user", job->user);
    cJSON_AddItemToObject(body, "messages", msgs);
    cJSON_AddNumberToObject(body, "temperature", p->temperature);
    cJSON_AddNumberToObject(body, "max_tokens", (double)p->max_tokens);
    cJSON_AddFalseToObject(body, "stream");
    return trhttp_post(s, job, p->endpoint, p->auth, body, OPENAI_TIMEOUT_MS,
                       openai_parse, err);
}

static void
openai_close(struct tr_service *s)
{
    struct openai_priv *p = s->priv;

    secret_wipe(&p->auth);
    free(p->endpoint);
}

const struct drafter openai_drafter = {
    .name = "openai",
    .priv_size = sizeof(struct openai_priv),
    .options = openai_options,
    .open = openai_open,
    .draft = openai_draft,
    .close = openai_close,
};
