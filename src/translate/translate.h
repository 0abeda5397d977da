/* translate.h: pluggable translation providers and draft generators: the
 * `translator` and `drafter` lines of the rc file, their ops tables, the
 * cache in the store, and the jobs that run in the caller's poll loop. */
#ifndef TD_TRANSLATE_H
#define TD_TRANSLATE_H

#include <poll.h>
#include <stddef.h>

#include "util/error.h"

struct account_def;
struct config;
struct http_transport;
struct store;
struct tr_hub;
struct tr_job;
struct tr_service;

/* The longest text sent or accepted back (a message, a draft). */
#define TR_TEXT_MAX ((size_t)256 << 10)

/* Capabilities of a translator (curl's SSLSUPP_* bits). */
enum {
    TR_CAP_DETECT = 1 << 0,     /* finds the source language itself */
};

/* A translation provider: one const table per kind (neomutt's MxOps);
 * NULL slot = unsupported. The hub allocates s->priv (priv_size bytes)
 * before open and frees it after close. */
struct translator {
    const char *name;               /* "libretranslate": the rc file word */
    unsigned caps;                  /* TR_CAP_* */
    size_t priv_size;
    const char *const *options;     /* its KEY= words, NULL-terminated */
    /* Check the line and read the secret; errors name the problem only
     * (the hub prefixes file:line). */
    enum td_status (*open)(struct tr_service *s, struct td_error *err);
    /* Start translating job's text; on TD_OK call tr_job_finish() exactly
     * once, later, from the poll loop. On an error nothing is pending. */
    enum td_status (*translate)(struct tr_service *s, struct tr_job *job,
                                struct td_error *err);
    void (*close)(struct tr_service *s);
};

/* A draft generator (an LLM behind a chat-completions API): its own small
 * table, as orders and carriers have theirs. */
struct drafter {
    const char *name;               /* "openai" */
    size_t priv_size;
    const char *const *options;
    enum td_status (*open)(struct tr_service *s, struct td_error *err);
    /* Start writing a draft from job's system and user prompts; finish
     * as translate does. */
    enum td_status (*draft)(struct tr_service *s, struct tr_job *job,
                            struct td_error *err);
    void (*close)(struct tr_service *s);
};

/* One `translator` or `drafter` line, opened. */
struct tr_service {
    char *name;
    const struct translator *tr;    /* exactly one of tr and dr is set */
    const struct drafter *dr;
    const struct account_def *def;  /* borrowed from the config */
    struct tr_hub *hub;
    void *priv;
    int insecure;                   /* insecure=yes: http:// to any host */
    long long rate_until;           /* a 429 said to wait until then */
};

/* What a finished job says; borrowed for the callback only. */
struct tr_result {
    enum td_status status;
    const char *text;       /* translation or draft, sanitized; NULL if failed */
    const char *src;        /* source language used or detected, may be NULL */
    const char *to;         /* the target language ("" for a draft) */
    const char *service;    /* the translator's or drafter's name */
    const char *error;      /* why it failed; "" on success */
    long retry_after_s;     /* from a 429, else -1 */
    int cached;             /* 1: came from the store, nothing was sent */
};

typedef void (*tr_done_fn)(void *ctx, const struct tr_result *res);

/* A job in flight. Providers read its inputs; all of it is owned by the
 * hub. */
struct tr_job {
    struct tr_hub *hub;
    struct tr_service *svc;
    char *text;             /* to translate (translators) */
    char *from;             /* ISO 639-1, NULL = detect */
    char *to;
    char *system;           /* drafters: the instructions ... */
    char *user;             /* ... and the material */
    char *key;              /* cache key (translations) */
    tr_done_fn done;
    void *ctx;
    int finished;
    struct tr_job *next;    /* the hub's list */
    void *priv;             /* the provider's, freed by it before finishing */
};

/* Open every translator and drafter of cfg. Lines that fail are left
 * out, each with a "file:line: message" in tr_hub_errors. store (may be
 * NULL: no cache) and http (may be NULL: network providers fail with
 * TD_ENOTSUP) are borrowed and must outlive the hub. */
struct tr_hub *tr_hub_new(const struct config *cfg, struct store *store,
                          struct http_transport *http);
/* Drop pending jobs without calling them back and free everything; call
 * after the HTTP engine is stopped or idle. NULL-safe, clears *h. */
void tr_hub_free(struct tr_hub **h);
/* Whether any line of cfg needs the HTTP engine (so callers start it). */
int tr_config_needs_http(const struct config *cfg);
/* The errors of tr_hub_new, n in *n (borrowed). */
const char *const *tr_hub_errors(const struct tr_hub *h, size_t *n);

/* The translator called name; NULL name = the `translator` option, else
 * the first declared. NULL (err set) when there is none. */
struct tr_service *tr_hub_translator(struct tr_hub *h, const char *name,
                                     struct td_error *err);
/* The same for drafters (the `drafter` option). */
struct tr_service *tr_hub_drafter(struct tr_hub *h, const char *name,
                                  struct td_error *err);

/* Translate text from (NULL or "" or "auto" = detect) to `to` with s.
 * A cached translation is not asked for again. done is called exactly
 * once, always later, from tr_hub_dispatch or tr_hub_run (never from
 * inside this call). TD_EINVAL for bad languages or text (nothing
 * pending). */
enum td_status tr_translate(struct tr_hub *h, struct tr_service *s,
                            const char *text, const char *from,
                            const char *to, tr_done_fn done, void *ctx,
                            struct td_error *err);
/* The cached translation, owned, or NULL: what the console draws while
 * nothing is asked for. */
char *tr_cached(struct tr_hub *h, struct tr_service *s, const char *text,
                const char *from, const char *to);
/* Ask the drafter d for a draft; done as for tr_translate. */
enum td_status tr_draft(struct tr_hub *h, struct tr_service *d,
                        const char *system, const char *user,
                        tr_done_fn done, void *ctx, struct td_error *err);

/* Called by providers when a job ends: text (borrowed; sanitized and
 * cached here) on TD_OK, else err's message. src may be NULL. Runs the
 * callback and frees the job. */
void tr_job_finish(struct tr_job *job, enum td_status rc, const char *text,
                   const char *src, const struct td_error *err,
                   long retry_after_s);

/* Poll integration, as http.h's: the pipes of running commands go into
 * fds (returns how many it would need), tr_hub_timeout_ms says when the
 * loop must wake (-1 none, 0 now: callbacks are ready), dispatch after
 * poll. The HTTP side is polled by the owner of the engine. */
size_t tr_hub_pollfds(struct tr_hub *h, struct pollfd *fds, size_t max);
long tr_hub_timeout_ms(struct tr_hub *h);
void tr_hub_dispatch(struct tr_hub *h, const struct pollfd *fds, size_t n);
/* Jobs not yet called back. */
size_t tr_hub_pending(const struct tr_hub *h);
/* Poll the hub and the HTTP transport until no job is pending (TD_OK) or
 * max_ms passed (TD_ENET): for the CLI and tests. */
enum td_status tr_hub_run(struct tr_hub *h, long max_ms,
                          struct td_error *err);

/* Language codes: "es", "pt-BR" (case folded to "pt-BR"), into out (at
 * least 16 bytes). -1 when lang is not ISO 639-1 with an optional region. */
int tr_lang_norm(const char *lang, char *out, size_t n);
/* The ISO 639-3 code of an ISO 639-1 one ("es" -> "spa"), NULL if
 * unknown: what Apertium's pairs are named with. */
const char *tr_lang_iso3(const char *lang);
/* The English name of a language ("es" -> "Spanish"), or lang itself. */
const char *tr_lang_name(const char *lang);

/* For providers: an option of the service's line, NULL if absent. */
const char *tr_opt(const struct tr_service *s, const char *key);
/* For providers: the HTTP transport, NULL when the caller gave none. */
struct http_transport *tr_hub_http(struct tr_hub *h);
/* For providers: poll p in the loop until it ends (the hub frees it
 * after its callback, which must finish j). */
struct proc;
void tr_hub_add_proc(struct tr_hub *h, struct proc *p, struct tr_job *j);

#endif
