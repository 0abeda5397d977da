/* translate.c: the registry of translators and drafters, the hub that
 * opens the rc file's lines, runs jobs in the poll loop and caches
 * translations in the store. Providers live in their own files. */
#include "translate/translate.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config/config.h"
#include "net/http.h"
#include "store/translations.h"
#include "translate/deepl.h"
#include "translate/libretranslate.h"
#include "translate/openai.h"
#include "translate/proc.h"
#include "translate/trcommand.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

/* The only lists of providers (drivers[] in driver.c is the model). */
static const struct translator *const translators[] = {
    &libretranslate_translator,
    &deepl_translator,
    &trcommand_translator,
};
static const struct drafter *const drafters[] = {
    &openai_drafter,
};

#define N_TRANSLATORS (sizeof translators / sizeof translators[0])
#define N_DRAFTERS (sizeof drafters / sizeof drafters[0])

/* Options every line may carry. */
static const char *const tr_common_opts[] = {
    "token_env", "token_cmd", "insecure", "timeout", NULL,
};

struct tr_hub {
    const struct config *cfg;
    struct store *store;
    struct http_transport *http;
    struct tr_service **svc;
    size_t n_svc;
    char **errors;
    size_t n_errors;
    struct tr_job *jobs;            /* running, owned */
    struct tr_job *ready;           /* finished, waiting to call back */
    struct proc **procs;            /* the command provider's children */
    void **proc_jobs;               /* the job of each proc (borrowed) */
    size_t n_procs;
};

/* ---- languages ---- */

/* ISO 639-1, 639-3 (Apertium's pair names) and the English name. */
static const struct {
    const char *iso1;
    const char *iso3;
    const char *name;
} tr_langs[] = {
    { "ar", "ara", "Arabic" },     { "ca", "cat", "Catalan" },
    { "cs", "ces", "Czech" },      { "da", "dan", "Danish" },
    { "de", "deu", "German" },     { "el", "ell", "Greek" },
    { "en", "eng", "English" },    { "eo", "epo", "Esperanto" },
    { "es", "spa", "Spanish" },    { "eu", "eus", "Basque" },
    { "fi", "fin", "Finnish" },    { "fr", "fra", "French" },
    { "gl", "glg", "Galician" },   { "he", "heb", "Hebrew" },
    { "hi", "hin", "Hindi" },      { "hu", "hun", "Hungarian" },
    { "id", "ind", "Indonesian" }, { "it", "ita", "Italian" },
    { "ja", "jpn", "Japanese" },   { "ko", "kor", "Korean" },
    { "ms", "msa", "Malay" },      { "nb", "nob", "Norwegian" },
    { "nl", "nld", "Dutch" },      { "oc", "oci", "Occitan" },
    { "pl", "pol", "Polish" },     { "pt", "por", "Portuguese" },
    { "ro", "ron", "Romanian" },   { "ru", "rus", "Russian" },
    { "sv", "swe", "Swedish" },    { "th", "tha", "Thai" },
    { "tl", "tgl", "Tagalog" },    { "tr", "tur", "Turkish" },
    { "uk", "ukr", "Ukrainian" },  { "vi", "vie", "Vietnamese" },
    { "zh", "zho", "Chinese" },
};

#define N_LANGS (sizeof tr_langs / sizeof tr_langs[0])

int
tr_lang_norm(const char *lang, char *out, size_t n)
{
    size_t len;

    if (lang == NULL || n < 16)
        return -1;
    len = strlen(lang);
    if (len != 2 && !(len == 5 && (lang[2] == '-' || lang[2] == '_')))
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (i == 2)
            continue;
        if (!isalpha((unsigned char)lang[i]))
            return -1;
    }
    out[0] = (char)tolower((unsigned char)lang[0]);
    out[1] = (char)tolower((unsigned char)lang[1]);
    out[2] = '\0';
    if (len == 5) {
        out[2] = '-';
        out[3] = (char)toupper((unsigned char)lang[3]);
        out[4] = (char)toupper((unsigned char)lang[4]);
        out[5] = '\0';
    }
    return 0;
}

const char *
tr_lang_iso3(const char *lang)
{
    for (size_t i = 0; lang && i < N_LANGS; i++)
        if (strncmp(tr_langs[i].iso1, lang, 2) == 0 &&
            (lang[2] == '\0' || lang[2] == '-'))
            return tr_langs[i].iso3;
    return NULL;
}

const char *
tr_lang_name(const char *lang)
{
    for (size_t i = 0; lang && i < N_LANGS; i++)
        if (strncmp(tr_langs[i].iso1, lang, 2) == 0 &&
            (lang[2] == '\0' || lang[2] == '-'))
            return tr_langs[i].name;
    return lang ? lang : "?";
}

/* ---- the hub ---- */

const char *
tr_opt(const struct tr_service *s, const char *key)
{
    return account_def_opt(s->def, key);
}

static void
tr_hub_fail(struct tr_hub *h, const struct account_def *d,
            const struct td_error *err)
{
    const char *msg = err->msg;
    size_t n = strlen(d->name);

    /* "eu: $X is not set" from secret_get already names the line. */
    if (strncmp(msg, d->name, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
        msg += n + 2;
    h->errors = xreallocarray(h->errors, h->n_errors + 1,
                              sizeof *h->errors);
    h->errors[h->n_errors++] = xasprintf("%s:%d: %s %s: %s", d->file,
                                         d->line, d->kind, d->name, msg);
}

static int
tr_known_opt(const char *const *list, const char *key)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return 1;
    return 0;
}

/* Find the provider of a line, check its options, open it. */
static struct tr_service *
tr_service_open(struct tr_hub *h, const struct account_def *d,
                struct td_error *err)
{
    const struct translator *tr = NULL;
    const struct drafter *dr = NULL;
    const char *const *opts;
    struct tr_service *s;
    const char *v;
    enum td_status rc;
    size_t i;

    if (strcmp(d->kind, "translator") == 0) {
        for (i = 0; i < N_TRANSLATORS; i++)
            if (strcmp(translators[i]->name, d->driver) == 0)
                tr = translators[i];
        if (tr == NULL) {
            td_error_set(err, TD_EINVAL, "unknown provider '%s' (want "
                         "libretranslate, deepl or command)", d->driver);
            return NULL;
        }
        opts = tr->options;
    } else {
        for (i = 0; i < N_DRAFTERS; i++)
            if (strcmp(drafters[i]->name, d->driver) == 0)
                dr = drafters[i];
        if (dr == NULL) {
            td_error_set(err, TD_EINVAL, "unknown provider '%s' (want "
                         "openai)", d->driver);
            return NULL;
        }
        opts = dr->options;
    }
    for (i = 0; i < d->n_opts; i++) {
        if (!tr_known_opt(tr_common_opts, d->opts[i].key) &&
            !tr_known_opt(opts, d->opts[i].key)) {
            td_error_set(err, TD_EINVAL, "%s has no option '%s'",
                         d->driver, d->opts[i].key);
            return NULL;
        }
    }
    s = xcalloc(1, sizeof *s);
    s->name = xstrdup(d->name);
    s->tr = tr;
    s->dr = dr;
    s->def = d;
    s->hub = h;
    v = account_def_opt(d, "insecure");
    s->insecure = v && (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 ||
                        strcmp(v, "true") == 0);
    i = tr ? tr->priv_size : dr->priv_size;
    s->priv = i ? xcalloc(1, i) : NULL;
    rc = tr ? (tr->open ? tr->open(s, err) : TD_OK)
            : (dr->open ? dr->open(s, err) : TD_OK);
    if (rc != TD_OK) {
        if (tr && tr->close)
            tr->close(s);
        if (dr && dr->close)
            dr->close(s);
        free(s->priv);
        free(s->name);
        free(s);
        return NULL;
    }
    return s;
}

static int
tr_is_ours(const struct account_def *d)
{
    return strcmp(d->kind, "translator") == 0 ||
           strcmp(d->kind, "drafter") == 0;
}

int
tr_config_needs_http(const struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_accounts; i++)
        if (tr_is_ours(&cfg->accounts[i]) &&
            strcmp(cfg->accounts[i].driver, "command") != 0)
            return 1;
    return 0;
}

struct tr_hub *
tr_hub_new(const struct config *cfg, struct store *store,
           struct http_transport *http)
{
    struct tr_hub *h = xcalloc(1, sizeof *h);
    struct td_error err;

    h->cfg = cfg;
    h->store = store;
    h->http = http;
    for (size_t i = 0; i < cfg->n_accounts; i++) {
        const struct account_def *d = &cfg->accounts[i];
        struct tr_service *s;

        if (!tr_is_ours(d))
            continue;
        td_error_clear(&err);
        if ((s = tr_service_open(h, d, &err)) == NULL) {
            tr_hub_fail(h, d, &err);
            continue;
        }
        h->svc = xreallocarray(h->svc, h->n_svc + 1, sizeof *h->svc);
        h->svc[h->n_svc++] = s;
    }
    return h;
}

static void
tr_job_free(struct tr_job *j)
{
    free(j->text);
    free(j->from);
    free(j->to);
    free(j->system);
    free(j->user);
    free(j->key);
    free(j);
}

/* Job results waiting for their callback keep it in ready (see
 * tr_job_finish); the fields below are the result. */
struct tr_done {
    struct tr_result res;
    char *text;
    char *src;
    char *error;
};

void
tr_hub_free(struct tr_hub **hp)
{
    struct tr_hub *h = hp ? *hp : NULL;

    if (h == NULL)
        return;
    for (size_t i = 0; i < h->n_procs; i++)
        proc_free(&h->procs[i]);
    free(h->procs);
    free(h->proc_jobs);
    for (struct tr_job *j = h->jobs, *next; j; j = next) {
        next = j->next;
        tr_job_free(j);
    }
    for (struct tr_job *j = h->ready, *next; j; j = next) {
        struct tr_done *d = j->priv;

        next = j->next;
        if (d) {
            free(d->text);
            free(d->src);
            free(d->error);
            free(d);
        }
        tr_job_free(j);
    }
    for (size_t i = 0; i < h->n_svc; i++) {
        struct tr_service *s = h->svc[i];

        if (s->tr && s->tr->close)
            s->tr->close(s);
        if (s->dr && s->dr->close)
            s->dr->close(s);
        free(s->priv);
        free(s->name);
        free(s);
    }
    free(h->svc);
    for (size_t i = 0; i < h->n_errors; i++)
        free(h->errors[i]);
    free(h->errors);
    free(h);
    *hp = NULL;
}

const char *const *
tr_hub_errors(const struct tr_hub *h, size_t *n)
{
    *n = h->n_errors;
    return (const char *const *)h->errors;
}

static struct tr_service *
tr_hub_find(struct tr_hub *h, int drafter, const char *name,
            struct td_error *err)
{
    const char *what = drafter ? "drafter" : "translator";
    struct tr_service *first = NULL;

    if (name == NULL || *name == '\0')
        name = config_str(h->cfg, drafter ? OPT_DRAFTER : OPT_TRANSLATOR);
    for (size_t i = 0; i < h->n_svc; i++) {
        struct tr_service *s = h->svc[i];

        if ((s->dr != NULL) != drafter)
            continue;
        if (first == NULL)
            first = s;
        if (name && *name && strcmp(s->name, name) == 0)
            return s;
    }
    if (name && *name) {
        td_error_set(err, TD_ENOTFOUND, "no %s called '%s'%s", what, name,
                     h->n_errors ? " (see the rc file errors)" : "");
        return NULL;
    }
    if (first == NULL)
        td_error_set(err, TD_ENOTFOUND, "no %s configured (see %s in "
                     "ttydeskrc(5))%s", what, what,
                     h->n_errors ? "; the rc file has errors" : "");
    return first;
}

struct tr_service *
tr_hub_translator(struct tr_hub *h, const char *name, struct td_error *err)
{
    return tr_hub_find(h, 0, name, err);
}

struct tr_service *
tr_hub_drafter(struct tr_hub *h, const char *name, struct td_error *err)
{
    return tr_hub_find(h, 1, name, err);
}

/* ---- jobs and the cache ---- */

/* The provider's identity (kind and address, not the name an rc file
 * gives it), the languages and the text, hashed: a changed text, pair
 * or service never meets an old translation. */
static char *
tr_key(const struct tr_service *s, const char *from, const char *to,
       const char *text)
{
    char hex[SHA256_HEX_LEN + 1];
    struct sha256 c;
    unsigned char d[SHA256_LEN];
    static const char digits[] = "0123456789abcdef";
    const char *parts[] = { s->def->driver, s->def->url,
                            from ? from : "auto", to, text };

    sha256_init(&c);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        sha256_add(&c, parts[i], strlen(parts[i]) + 1);   /* NUL too */
    sha256_end(&c, d);
    for (int i = 0; i < SHA256_LEN; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[SHA256_HEX_LEN] = '\0';
    return xstrdup(hex);
}

/* from: NULL for auto; returns -1 (err set) on a bad code. */
static int
tr_langs_check(const char *from, const char *to, char *f, char *t,
               struct td_error *err)
{
    if (from && *from && strcmp(from, "auto") != 0 &&
        tr_lang_norm(from, f, 16) != 0) {
        td_error_set(err, TD_EINVAL, "bad source language '%s' (want an "
                     "ISO 639-1 code such as es)", from);
        return -1;
    }
    if (tr_lang_norm(to, t, 16) != 0) {
        td_error_set(err, TD_EINVAL, "bad target language '%s' (want an "
                     "ISO 639-1 code such as en)", to ? to : "");
        return -1;
    }
    if (!(from && *from && strcmp(from, "auto") != 0))
        f[0] = '\0';
    return 0;
}

/* "hola\n" and "hola" are one text: one cache entry. Owned. */
static char *
tr_trim_dup(const char *text)
{
    char *s = xstrdup(text);
    size_t n = strlen(s);

    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        s[--n] = '\0';
    return s;
}

char *
tr_cached(struct tr_hub *h, struct tr_service *s, const char *text,
          const char *from, const char *to)
{
    char f[16], t[16], *key, *out = NULL, *trimmed;
    struct td_error err;

    if (h->store == NULL || s == NULL || s->tr == NULL ||
        tr_langs_check(from, to, f, t, &err) != 0)
        return NULL;
    trimmed = tr_trim_dup(text);
    key = tr_key(s, *f ? f : NULL, t, trimmed);
    if (store_translation_get(h->store, key, &out, NULL, &err) != TD_OK)
        out = NULL;
    free(key);
    free(trimmed);
    return out;
}

static struct tr_job *
tr_job_new(struct tr_hub *h, struct tr_service *s, tr_done_fn done,
           void *ctx)
{
    struct tr_job *j = xcalloc(1, sizeof *j);

    j->hub = h;
    j->svc = s;
    j->done = done;
    j->ctx = ctx;
    return j;
}

/* Move j from jobs to ready with its result: the callback runs from the
 * next dispatch, so that no caller is called back from inside its own
 * call. */
static void
tr_job_ready(struct tr_job *j, enum td_status rc, const char *text,
             const char *src, const char *error, long retry_after,
             int cached)
{
    struct tr_hub *h = j->hub;
    struct tr_done *d = xcalloc(1, sizeof *d);
    struct tr_job **pp;

    for (pp = &h->jobs; *pp; pp = &(*pp)->next) {
        if (*pp == j) {
            *pp = j->next;
            break;
        }
    }
    d->text = text ? xstrdup(text) : NULL;
    d->src = src ? xstrdup(src) : NULL;
    d->error = xstrdup(error ? error : "");
    d->res.status = rc;
    d->res.text = d->text;
    d->res.src = d->src;
    d->res.to = j->to ? j->to : "";
    d->res.service = j->svc->name;
    d->res.error = d->error;
    d->res.retry_after_s = retry_after;
    d->res.cached = cached;
    j->priv = d;
    j->finished = 1;
    /* Appended: callbacks run in the order jobs ended. */
    j->next = NULL;
    for (pp = &h->ready; *pp; pp = &(*pp)->next)
        ;
    *pp = j;
}

void
tr_job_finish(struct tr_job *j, enum td_status rc, const char *text,
              const char *src, const struct td_error *err, long retry_after_s)
{
    struct tr_hub *h = j->hub;
    char *clean = NULL, srcn[16];
    struct td_error serr;
    size_t len;

    if (rc == TD_OK) {
        /* Whatever a provider says is hostile until made safe: no escape
         * sequence reaches the terminal or the store. */
        clean = sanitize_str(text, SAN_KEEP_NEWLINES | SAN_KEEP_TABS);
        len = strlen(clean);
        while (len > 0 && (clean[len - 1] == '\n' || clean[len - 1] == ' '))
            clean[--len] = '\0';
        if (len == 0) {
            free(clean);
            clean = NULL;
            rc = TD_EPARSE;
        }
    }
    if (src && tr_lang_norm(src, srcn, sizeof srcn) == 0)
        src = srcn;
    else
        src = j->from;
    /* The engine holds this service's requests for as long as the 429
     * asked; new jobs are told so at once instead of waiting unseen. */
    if (rc == TD_ERATE && retry_after_s > 0)
        j->svc->rate_until = (long long)time(NULL) + retry_after_s;
    if (rc == TD_OK && j->key && h->store) {
        td_error_clear(&serr);
        /* A cache that cannot be written is not the translation's
         * failure: the text still goes to the caller. */
        (void)store_translation_put(h->store, j->key, j->svc->name, src,
                                    j->to, clean, &serr);
    }
    tr_job_ready(j, rc, clean, src,
                 rc == TD_OK ? "" : err && err->msg[0] ? err->msg
                 : clean == NULL && text ? "the answer was empty"
                 : "failed", retry_after_s, 0);
    free(clean);
}

static enum td_status
tr_job_start(struct tr_hub *h, struct tr_job *j, struct td_error *err)
{
    struct tr_service *s = j->svc;
    long long wait = s->rate_until - (long long)time(NULL);
    enum td_status rc;

    if (wait > 0) {
        tr_job_free(j);
        return td_error_set(err, TD_ERATE, "%s is rate limited: retry in "
                            "%lld s", s->name, wait);
    }
    j->next = h->jobs;
    h->jobs = j;
    if (s->tr)
        rc = s->tr->translate ? s->tr->translate(s, j, err)
             : td_error_set(err, TD_ENOTSUP, "%s cannot translate",
                            s->name);
    else
        rc = s->dr->draft ? s->dr->draft(s, j, err)
             : td_error_set(err, TD_ENOTSUP, "%s cannot draft", s->name);
    if (rc != TD_OK) {
        h->jobs = j->next;
        tr_job_free(j);
    }
    return rc;
}

enum td_status
tr_translate(struct tr_hub *h, struct tr_service *s, const char *text,
             const char *from, const char *to, tr_done_fn done, void *ctx,
             struct td_error *err)
{
    char f[16], t[16], *cached = NULL, *src = NULL;
    struct tr_job *j;

    if (s == NULL || s->tr == NULL)
        return td_error_set(err, TD_EINVAL, "not a translator");
    if (tr_langs_check(from, to, f, t, err) != 0)
        return TD_EINVAL;
    if (text == NULL || text[strspn(text, " \t\r\n")] == '\0')
        return td_error_set(err, TD_EINVAL, "nothing to translate");
    if (strlen(text) > TR_TEXT_MAX)
        return td_error_set(err, TD_ETOOBIG, "text over %zu bytes",
                            TR_TEXT_MAX);
    if (*f && strncmp(f, t, 2) == 0)
        return td_error_set(err, TD_EINVAL, "the text is already in %s",
                            tr_lang_name(t));
    if (!*f && !(s->tr->caps & TR_CAP_DETECT))
        return td_error_set(err, TD_EINVAL, "%s cannot detect the source "
                            "language: give it (--from, or the ticket's "
                            "language)", s->name);
    j = tr_job_new(h, s, done, ctx);
    j->text = tr_trim_dup(text);
    j->from = *f ? xstrdup(f) : NULL;
    j->to = xstrdup(t);
    j->key = tr_key(s, j->from, t, j->text);
    if (h->store && store_translation_get(h->store, j->key, &cached, &src,
                                          err) == TD_OK) {
        td_error_clear(err);
        j->next = h->jobs;
        h->jobs = j;
        tr_job_ready(j, TD_OK, cached, src ? src : j->from, "", -1, 1);
        free(cached);
        free(src);
        return TD_OK;
    }
    td_error_clear(err);
    return tr_job_start(h, j, err);
}

enum td_status
tr_draft(struct tr_hub *h, struct tr_service *d, const char *system,
         const char *user, tr_done_fn done, void *ctx, struct td_error *err)
{
    struct tr_job *j;

    if (d == NULL || d->dr == NULL)
        return td_error_set(err, TD_EINVAL, "not a drafter");
    if (strlen(system) + strlen(user) > TR_TEXT_MAX)
        return td_error_set(err, TD_ETOOBIG, "prompt over %zu bytes",
                            TR_TEXT_MAX);
    j = tr_job_new(h, d, done, ctx);
    j->system = xstrdup(system);
    j->user = xstrdup(user);
    return tr_job_start(h, j, err);
}

/* ---- what providers use ---- */

struct http_transport *
tr_hub_http(struct tr_hub *h)
{
    return h->http && h->http->ops ? h->http : NULL;
}

void
tr_hub_add_proc(struct tr_hub *h, struct proc *p, struct tr_job *j)
{
    h->procs = xreallocarray(h->procs, h->n_procs + 1, sizeof *h->procs);
    h->proc_jobs = xreallocarray(h->proc_jobs, h->n_procs + 1,
                                 sizeof *h->proc_jobs);
    h->procs[h->n_procs] = p;
    h->proc_jobs[h->n_procs++] = j;
}

/* ---- the poll loop ---- */

size_t
tr_hub_pollfds(struct tr_hub *h, struct pollfd *fds, size_t max)
{
    size_t n = 0;
    struct pollfd tmp[3];

    for (size_t i = 0; i < h->n_procs; i++) {
        size_t k = proc_pollfds(h->procs[i], tmp, 3);

        for (size_t m = 0; m < k; m++, n++)
            if (n < max)
                fds[n] = tmp[m];
    }
    return n;
}

long
tr_hub_timeout_ms(struct tr_hub *h)
{
    long ms = -1, t;

    if (h->ready)
        return 0;
    for (size_t i = 0; i < h->n_procs; i++) {
        t = proc_timeout_ms(h->procs[i]);
        if (t >= 0 && (ms < 0 || t < ms))
            ms = t;
    }
    return ms;
}

void
tr_hub_dispatch(struct tr_hub *h, const struct pollfd *fds, size_t n)
{
    size_t i = 0;

    while (i < h->n_procs) {
        /* done() runs inside proc_dispatch and finishes the job. */
        if (proc_dispatch(h->procs[i], fds, n)) {
            proc_free(&h->procs[i]);
            h->procs[i] = h->procs[h->n_procs - 1];
            h->proc_jobs[i] = h->proc_jobs[h->n_procs - 1];
            h->n_procs--;
            continue;
        }
        i++;
    }
    /* Callbacks last, one list at a time: one may start another job. */
    while (h->ready) {
        struct tr_job *j = h->ready;
        struct tr_done *d = j->priv;

        h->ready = j->next;
        if (j->done)
            j->done(j->ctx, &d->res);
        free(d->text);
        free(d->src);
        free(d->error);
        free(d);
        tr_job_free(j);
    }
}

size_t
tr_hub_pending(const struct tr_hub *h)
{
    size_t n = 0;

    for (const struct tr_job *j = h->jobs; j; j = j->next)
        n++;
    for (const struct tr_job *j = h->ready; j; j = j->next)
        n++;
    return n;
}

static long
tr_ms_since(const struct timespec *t0)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t0->tv_sec) * 1000 +
           (now.tv_nsec - t0->tv_nsec) / 1000000;
}

enum td_status
tr_hub_run(struct tr_hub *h, long max_ms, struct td_error *err)
{
    const struct http_ops *ops = h->http ? h->http->ops : NULL;
    struct pollfd *fds = NULL;
    size_t cap = 0, n_net, n_tr;
    struct timespec t0;
    long ms, t, left;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (tr_hub_pending(h) > 0) {
        if ((left = max_ms - tr_ms_since(&t0)) <= 0) {
            free(fds);
            return td_error_set(err, TD_ENET, "no answer in %ld ms",
                                max_ms);
        }
        for (;;) {
            n_net = ops && ops->pollfds
                    ? ops->pollfds(h->http->impl, fds, cap) : 0;
            n_tr = tr_hub_pollfds(h, fds ? fds + (n_net < cap ? n_net : cap)
                                  : NULL, n_net < cap ? cap - n_net : 0);
            if (n_net + n_tr <= cap)
                break;
            cap = n_net + n_tr + 4;
            fds = xreallocarray(fds, cap, sizeof *fds);
        }
        ms = tr_hub_timeout_ms(h);
        if (ops && ops->timeout_ms &&
            (t = ops->timeout_ms(h->http->impl)) >= 0 && (ms < 0 || t < ms))
            ms = t;
        if (ms < 0 || ms > left)
            ms = left;
        for (size_t i = 0; i < n_net + n_tr; i++)
            fds[i].revents = 0;
        if (poll(fds, (nfds_t)(n_net + n_tr), (int)ms) < 0 &&
            errno != EINTR) {
            free(fds);
            return td_error_set(err, TD_EIO, "poll: %s", strerror(errno));
        }
        if (ops && ops->dispatch)
            ops->dispatch(h->http->impl, fds, n_net);
        tr_hub_dispatch(h, fds + n_net, n_tr);
    }
    free(fds);
    return TD_OK;
}
