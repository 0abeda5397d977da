/* http.h: the asynchronous HTTP engine (libcurl multi) behind http_ops. */
#ifndef TD_HTTP_H
#define TD_HTTP_H

#include <poll.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

#define HTTP_MAX_BODY_DEFAULT ((size_t)32 << 20)

/* Both name and value are owned by whatever holds the array. */
struct http_header {
    char *name;
    char *value;
};

/* Values of http_request.idempotent. AUTO follows RFC 9110: GET, HEAD,
 * OPTIONS, PUT and DELETE may be retried after a failure, POST and PATCH
 * may not. NO is for a PUT that is not idempotent in practice (a Zendesk
 * comment is added with PUT /tickets/{id}); YES for a POST that is (a
 * search, or a create carrying an idempotency key). */
enum http_idempotent {
    HTTP_IDEMPOTENT_AUTO = 0,
    HTTP_IDEMPOTENT_YES = 1,
    HTTP_IDEMPOTENT_NO = -1,
};

struct http_response;

typedef void (*http_done_fn)(void *ctx, struct http_response *resp);

/* One request. http_request_new() and the setters below fill it; every
 * pointer member except method, done and ctx is owned by the request and
 * freed by http_request_free(). */
struct http_request {
    const char *method;     /* "GET", "POST", ...: a static string */
    char *url;
    struct http_header *headers;
    size_t n_headers;
    char *body;
    size_t body_len;
    int idempotent;         /* enum http_idempotent */
    int insecure_ok;        /* the account says insecure=yes: allow http:// */
    long timeout_ms;        /* total time per attempt; 0 = engine default */
    size_t max_body;        /* response body cap; 0 = engine default */
    char *budget_key;       /* rate budget (the account name); NULL = none */
    /* Rate-limit headers under names the engine does not know (from a
     * generic driver's mapping): a response header called rate_names[i].name
     * counts as one called rate_names[i].value, a name it knows. */
    struct http_header *rate_names;
    size_t n_rate_names;
    long min_gap_ms;        /* with budget_key: a fixed pace, 0 = none */
    http_done_fn done;      /* called once with the final outcome */
    void *ctx;              /* borrowed, passed to done */
};

/* The final outcome of a request, after retries. The engine owns it and
 * frees it when done() returns; done() may keep the body by taking
 * resp->body and setting it to NULL. */
struct http_response {
    long status;            /* last HTTP status, 0 if none arrived */
    char *reason;           /* "Not Found"; "" if none */
    struct http_header *headers;  /* of the last response */
    size_t n_headers;
    char *body;             /* NUL-terminated, never NULL */
    size_t body_len;
    enum td_status result;  /* TD_OK for 2xx and 304 */
    char error[TD_ERROR_MAX];  /* what went wrong; "" when result is TD_OK */
    long retry_after_s;     /* from Retry-After on 429/503, else -1 */
    int attempts;           /* 1 when the first attempt was final */
    double elapsed_ms;      /* from submission to completion, waits included */
    const struct http_request *req;  /* the request, for the callback */
};

/* Engine settings; a field left 0 takes its default.
 *
 * Retries, up to max_attempts in all, only for idempotent requests (see
 * enum http_idempotent): 429 and 503 wait for Retry-After (seconds or an
 * HTTP date; at least the backoff, at most retry_after_max_s, else the 429
 * is final with retry_after_s set); 500, 502, 504 and broken connections
 * (reset, closed mid-body, nothing received) back off exponentially with
 * jitter. A refused connection is retried for any method: nothing was
 * sent. Timeouts, DNS failures, TLS verification failures, 4xx and the
 * size caps are final at once. Redirects are never followed (3xx ends as
 * TD_ENET naming the Location), so credential headers stay with the host
 * they were meant for. A 429 with Retry-After also holds every other
 * request of the same budget_key. */
struct http_opts {
    long connect_timeout_ms;    /* 10 s */
    long timeout_ms;            /* 60 s, total per attempt */
    long low_speed_limit;       /* 1 byte/s ... */
    long low_speed_time_s;      /* ... over 30 s counts as stalled */
    int max_attempts;           /* 4, the first attempt included */
    long backoff_base_ms;       /* 500: 1st retry after 250-500 ms, ... */
    long backoff_max_ms;        /* 30 s */
    long retry_after_max_s;     /* 120: a longer Retry-After is not waited */
    size_t max_body;            /* HTTP_MAX_BODY_DEFAULT */
    long max_host_connections;  /* 6 */
    const char *user_agent;     /* "ttydesk/VERSION" */
    const char *ca_file;        /* extra CA bundle, NULL = system's */
    FILE *debug;                /* redacted request log, borrowed; NULL */
    unsigned seed;              /* jitter seed; 0 = from time and pid */
};

struct http_engine;

/* Create an engine. The caller owns *out (http_engine_free). */
enum td_status http_engine_new(const struct http_opts *opts,
                               struct http_engine **out,
                               struct td_error *err);
/* Abort whatever is in flight without calling done callbacks, free the
 * engine and clear the pointer. NULL-safe. Not from inside a callback. */
void http_engine_free(struct http_engine **e);

/* Queue req; ownership is taken whatever the outcome. On TD_OK, done() is
 * called later from http_dispatch() or http_run(), exactly once. On an
 * error (bad URL, plain http:// to a remote host without insecure_ok:
 * TD_EPERM) nothing was sent, done() is not called and err says why. */
enum td_status http_submit(struct http_engine *e, struct http_request *req,
                           struct td_error *err);

/* Poll integration: the sockets libcurl wants watched go into fds (at most
 * max; returns how many it would need), the timeout for poll() comes from
 * http_timeout_ms() (-1 = nothing scheduled), and after poll() returns,
 * http_dispatch() gets the same fds (others in the array are ignored; NULL
 * is fine after a timeout). done callbacks run inside http_dispatch() and
 * may call http_submit(). */
size_t http_pollfds(struct http_engine *e, struct pollfd *fds, size_t max);
long http_timeout_ms(struct http_engine *e);
void http_dispatch(struct http_engine *e, const struct pollfd *fds, size_t n);
/* Requests submitted and not yet completed (waiting ones included). */
size_t http_in_flight(const struct http_engine *e);

/* Run the poll loop until nothing is in flight (TD_OK) or max_ms passed
 * (TD_ENET; the requests stay queued). For the CLI and tests; not from
 * inside a callback. */
enum td_status http_run(struct http_engine *e, long max_ms,
                        struct td_error *err);

/* A transport: what drivers talk to, so that tests can swap the curl
 * engine for a replay. NULL slot = unsupported. */
struct http_ops {
    const char *name;
    enum td_status (*submit)(void *impl, struct http_request *req,
                             struct td_error *err);
    size_t (*in_flight)(const void *impl);
    enum td_status (*run)(void *impl, long max_ms, struct td_error *err);
    size_t (*pollfds)(void *impl, struct pollfd *fds, size_t max);
    long (*timeout_ms)(void *impl);
    void (*dispatch)(void *impl, const struct pollfd *fds, size_t n);
};

struct http_transport {
    const struct http_ops *ops;
    void *impl;
};

/* The libcurl engine as a transport; impl is a struct http_engine. */
extern const struct http_ops http_curl_ops;
/* e as a transport (borrowed). */
struct http_transport http_engine_transport(struct http_engine *e);
/* Call t->ops->submit; TD_ENOTSUP (req freed) when the slot is NULL. */
enum td_status http_transport_submit(const struct http_transport *t,
                                     struct http_request *req,
                                     struct td_error *err);

/* An owned request for method (a static string) and url (copied). */
struct http_request *http_request_new(const char *method, const char *url);
/* Free the request and what it owns; clears the pointer. NULL-safe. */
void http_request_free(struct http_request **p);
/* Append a header (both copied). */
void http_request_add_header(struct http_request *req, const char *name,
                             const char *value);
/* Set the body (copied) and, when content_type is not NULL, the
 * Content-Type header. Without one libcurl labels a body
 * application/x-www-form-urlencoded, so JSON APIs must pass it. */
void http_request_set_body(struct http_request *req, const void *body,
                           size_t len, const char *content_type);
/* Set the rate budget key (copied), usually the account name. */
void http_request_set_budget(struct http_request *req, const char *key);
/* Read the response header theirs as the rate-limit header known (one of
 * the names ratelimit_note() knows, e.g. X-RateLimit-Remaining); both
 * copied. */
void http_request_add_rate_name(struct http_request *req, const char *theirs,
                                const char *known);

/* The value of the first header called name (case-insensitive), or NULL.
 * Borrowed from resp. */
const char *http_header_get(const struct http_response *resp,
                            const char *name);
/* Find name in any header array (case-insensitive); borrowed or NULL. */
const char *http_headers_find(const struct http_header *h, size_t n,
                              const char *name);

/* Seconds a Retry-After value asks for: delta seconds or an HTTP date
 * compared with now (Unix time). -1 if malformed; 0 for a past date. */
long http_retry_after_parse(const char *value, long long now);

/* The status a final HTTP status maps to (200 -> TD_OK, 404 ->
 * TD_ENOTFOUND, 401 -> TD_EAUTH, 429 -> TD_ERATE, ...). */
enum td_status http_status_result(long status);

#endif
