/* http.c: the asynchronous HTTP engine (libcurl multi) behind http_ops. */
#include "net/http.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "net/http_redact.h"
#include "net/http_url.h"
#include "net/ratelimit.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

#ifndef TTYDESK_VERSION
#define TTYDESK_VERSION "0"
#endif

/* All response headers together; more is a broken or hostile server. */
#define HTTP_MAX_HEADER_BYTES ((size_t)256 << 10)
/* How much of a text error body goes into the error message. */
#define HTTP_SNIPPET_MAX 160

enum http_xfer_state {
    XFER_WAITING,   /* for its first start, a retry delay or the budget */
    XFER_RUNNING,   /* added to the multi handle */
};

/* One submitted request through all its attempts. */
struct http_xfer {
    struct http_xfer *next;
    struct http_engine *e;
    struct http_request *req;
    unsigned long id;               /* tells transfers apart in the log */
    enum http_xfer_state state;
    CURL *easy;                     /* kept across attempts */
    struct curl_slist *slist;
    int loopback;
    struct buf body;
    struct http_header *headers;
    size_t n_headers;
    size_t header_bytes;
    char *reason;
    int too_big;                    /* 1: body, 2: headers over the cap */
    enum td_status result;          /* the verdict, once finished */
    int attempts;
    long retry_after_s;
    long long submitted_ms;
    long long start_at_ms;          /* no (re)start before this */
    char errbuf[CURL_ERROR_SIZE];
};

/* A socket libcurl asked us to watch. */
struct http_sock {
    curl_socket_t fd;
    int what;                       /* CURL_POLL_IN, _OUT or _INOUT */
};

struct http_engine {
    struct http_opts opts;          /* defaults filled in */
    char *user_agent;
    char *ca_file;
    CURLM *multi;
    struct http_sock *socks;
    size_t n_socks;
    long long timer_at_ms;          /* libcurl's timeout; -1 = none */
    struct http_xfer *xfers;        /* every request in flight */
    size_t n_xfers;
    unsigned long next_id;
    struct ratelimit *rl;
    uint64_t rng;
};

static const char *const http_methods[] = {
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", NULL,
};

static long long
http_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long
http_wall_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* xorshift64*: jitter needs no quality, only no shared state. */
static uint64_t
http_random(struct http_engine *e)
{
    e->rng ^= e->rng >> 12;
    e->rng ^= e->rng << 25;
    e->rng ^= e->rng >> 27;
    return e->rng * 2685821657736338717ULL;
}

static void
http_headers_free(struct http_header *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].name);
        free(h[i].value);
    }
    free(h);
}

static void
http_debug(struct http_engine *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
http_debug(struct http_engine *e, const char *fmt, ...)
{
    va_list ap;

    if (e->opts.debug == NULL)
        return;
    va_start(ap, fmt);
    vfprintf(e->opts.debug, fmt, ap);
    va_end(ap);
    fflush(e->opts.debug);
}

/* ---- requests and responses ---- */

struct http_request *
http_request_new(const char *method, const char *url)
{
    struct http_request *req = xcalloc(1, sizeof *req);

    req->method = method;
    req->url = xstrdup(url);
    return req;
}

void
http_request_free(struct http_request **p)
{
    struct http_request *req;

    if (p == NULL || *p == NULL)
        return;
    req = *p;
    free(req->url);
    http_headers_free(req->headers, req->n_headers);
    free(req->body);
    free(req->budget_key);
    http_headers_free(req->rate_names, req->n_rate_names);
    free(req);
    *p = NULL;
}

void
http_request_add_header(struct http_request *req, const char *name,
                        const char *value)
{
    req->headers = xreallocarray(req->headers, req->n_headers + 1,
                                 sizeof *req->headers);
    req->headers[req->n_headers].name = xstrdup(name);
    req->headers[req->n_headers].value = xstrdup(value);
    req->n_headers++;
}

void
http_request_set_body(struct http_request *req, const void *body, size_t len,
                      const char *content_type)
{
    free(req->body);
    req->body = xmalloc(len + 1);
    if (len)
        memcpy(req->body, body, len);
    req->body[len] = '\0';
    req->body_len = len;
    if (content_type != NULL)
        http_request_add_header(req, "Content-Type", content_type);
}

void
http_request_set_budget(struct http_request *req, const char *key)
{
    free(req->budget_key);
    req->budget_key = xstrdup(key);
}

void
http_request_add_rate_name(struct http_request *req, const char *theirs,
                           const char *known)
{
    req->rate_names = xreallocarray(req->rate_names, req->n_rate_names + 1,
                                    sizeof *req->rate_names);
    req->rate_names[req->n_rate_names].name = xstrdup(theirs);
    req->rate_names[req->n_rate_names].value = xstrdup(known);
    req->n_rate_names++;
}

const char *
http_headers_find(const struct http_header *h, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(h[i].name, name) == 0)
            return h[i].value;
    return NULL;
}

const char *
http_header_get(const struct http_response *resp, const char *name)
{
    return http_headers_find(resp->headers, resp->n_headers, name);
}

long
http_retry_after_parse(const char *value, long long now)
{
    const char *p = value;
    char *end;
    long long v;
    time_t t;

    if (value == NULL)
        return -1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p >= '0' && *p <= '9') {
        errno = 0;
        v = strtoll(p, &end, 10);
        while (*end == ' ' || *end == '\t')
            end++;
        if (errno != 0 || *end != '\0' || v > 86400LL * 365)
            return -1;
        return (long)v;
    }
    /* An HTTP date; curl_getdate knows RFC 1123, 850 and asctime forms. */
    t = curl_getdate(p, NULL);
    if (t == (time_t)-1)
        return -1;
    return (long long)t > now ? (long)((long long)t - now) : 0;
}

enum td_status
http_status_result(long status)
{
    if ((status >= 200 && status < 300) || status == 304)
        return TD_OK;
    switch (status) {
    case 401:
        return TD_EAUTH;
    case 403:
        return TD_EPERM;
    case 404:
    case 410:
        return TD_ENOTFOUND;
    case 405:
    case 501:
        return TD_ENOTSUP;
    case 409:
    case 412:
        return TD_ECONFLICT;
    case 413:
        return TD_ETOOBIG;
    case 429:
        return TD_ERATE;
    default:
        break;
    }
    if (status >= 400 && status < 500)
        return TD_EINVAL;
    return TD_ENET;     /* 5xx, and 3xx that we do not follow */
}

/* ---- libcurl callbacks ---- */

static size_t
http_write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
    struct http_xfer *x = userp;
    size_t n = size * nmemb;

    /* The cap applies to the decoded body: a small gzip can be large. */
    if (buf_add(&x->body, data, n) != 0) {
        x->too_big = 1;
        return 0;       /* makes libcurl stop with CURLE_WRITE_ERROR */
    }
    return n;
}

static void
http_xfer_clear_headers(struct http_xfer *x)
{
    http_headers_free(x->headers, x->n_headers);
    x->headers = NULL;
    x->n_headers = 0;
    x->header_bytes = 0;
    xfree_str(&x->reason);
}

static size_t
http_header_cb(char *data, size_t size, size_t nmemb, void *userp)
{
    struct http_xfer *x = userp;
    size_t n = size * nmemb, len = n, nl;
    const char *colon, *v;

    x->header_bytes += n;
    if (x->header_bytes > HTTP_MAX_HEADER_BYTES) {
        x->too_big = 2;
        return 0;
    }
    while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        len--;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        /* A new response (after 100 Continue, say): forget the last one. */
        const char *sp = memchr(data, ' ', len), *sp2 = NULL;

        http_xfer_clear_headers(x);
        x->header_bytes = n;
        if (sp != NULL)
            sp2 = memchr(sp + 1, ' ', len - (size_t)(sp + 1 - data));
        x->reason = sp2 ? xstrndup(sp2 + 1, len - (size_t)(sp2 + 1 - data))
                        : xstrdup("");
        return n;
    }
    colon = memchr(data, ':', len);
    if (colon == NULL || colon == data)
        return n;   /* the blank line at the end, or junk */
    nl = (size_t)(colon - data);
    v = colon + 1;
    while (v < data + len && (*v == ' ' || *v == '\t'))
        v++;
    x->headers = xreallocarray(x->headers, x->n_headers + 1,
                               sizeof *x->headers);
    x->headers[x->n_headers].name = xstrndup(data, nl);
    x->headers[x->n_headers].value = xstrndup(v, (size_t)(data + len - v));
    x->n_headers++;
    return n;
}

/* Header blocks as they go out and come in, redacted, line by line. */
static int
http_debug_cb(CURL *easy, curl_infotype type, char *data, size_t size,
              void *userp)
{
    struct http_xfer *x = userp;
    const char *p = data, *end = data + size;
    struct buf line;
    char mark;

    (void)easy;
    if (type == CURLINFO_HEADER_OUT)
        mark = '>';
    else if (type == CURLINFO_HEADER_IN)
        mark = '<';
    else
        return 0;
    buf_init(&line, 0);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n = eol ? (size_t)(eol - p) + 1 : (size_t)(end - p);

        buf_reset(&line);
        http_redact_line(p, n, &line);
        if (line.len > 0)
            http_debug(x->e, "[%lu] %c %s\n", x->id, mark, buf_str(&line));
        p += n;
    }
    buf_free(&line);
    return 0;
}

static struct http_sock *
http_sock_find(struct http_engine *e, curl_socket_t fd)
{
    for (size_t i = 0; i < e->n_socks; i++)
        if (e->socks[i].fd == fd)
            return &e->socks[i];
    return NULL;
}

/* CURLMOPT_SOCKETFUNCTION: keep the list http_pollfds() hands out. */
static int
http_socket_cb(CURL *easy, curl_socket_t fd, int what, void *userp,
               void *socketp)
{
    struct http_engine *e = userp;
    struct http_sock *s = http_sock_find(e, fd);

    (void)easy;
    (void)socketp;
    if (what == CURL_POLL_REMOVE) {
        if (s != NULL)
            *s = e->socks[--e->n_socks];
        return 0;
    }
    if (s == NULL) {
        e->socks = xreallocarray(e->socks, e->n_socks + 1, sizeof *e->socks);
        s = &e->socks[e->n_socks++];
        s->fd = fd;
    }
    s->what = what;
    return 0;
}

/* CURLMOPT_TIMERFUNCTION: remember when libcurl wants to be called; the
 * poll loop does the calling (calling back from here would recurse). */
static int
http_timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    struct http_engine *e = userp;

    (void)multi;
    e->timer_at_ms = timeout_ms < 0 ? -1 : http_now_ms() + timeout_ms;
    return 0;
}

/* ---- the engine ---- */

enum td_status
http_engine_new(const struct http_opts *opts, struct http_engine **out,
                struct td_error *err)
{
    static const struct http_opts none;
    struct http_engine *e;

    *out = NULL;
    if (opts == NULL)
        opts = &none;
    /* Reference counted by libcurl since 7.84 and thread-safe; each engine
     * takes one reference so nothing global is left to the caller. */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return td_error_set(err, TD_ENET, "http: libcurl failed to start");
    e = xcalloc(1, sizeof *e);
    e->opts = *opts;
#define HTTP_DEFAULT(field, value)                                          \
    do {                                                                    \
        if (e->opts.field <= 0)                                             \
            e->opts.field = (value);                                        \
    } while (0)
    HTTP_DEFAULT(connect_timeout_ms, 10000);
    HTTP_DEFAULT(timeout_ms, 60000);
    HTTP_DEFAULT(low_speed_limit, 1);
    HTTP_DEFAULT(low_speed_time_s, 30);
    HTTP_DEFAULT(max_attempts, 4);
    HTTP_DEFAULT(backoff_base_ms, 500);
    HTTP_DEFAULT(backoff_max_ms, 30000);
    HTTP_DEFAULT(retry_after_max_s, 120);
    HTTP_DEFAULT(max_host_connections, 6);
#undef HTTP_DEFAULT
    if (e->opts.max_body == 0)
        e->opts.max_body = HTTP_MAX_BODY_DEFAULT;
    e->user_agent = xstrdup(opts->user_agent ? opts->user_agent
                                             : "ttydesk/" TTYDESK_VERSION);
    e->ca_file = xstrdup(opts->ca_file);
    e->opts.user_agent = e->user_agent;
    e->opts.ca_file = e->ca_file;
    e->rng = opts->seed ? opts->seed
                        : ((uint64_t)time(NULL) << 20) ^ (uint64_t)getpid();
    e->rng |= 1;
    e->timer_at_ms = -1;
    e->rl = ratelimit_new();
    e->multi = curl_multi_init();
    if (e->multi == NULL) {
        http_engine_free(&e);
        return td_error_set(err, TD_ENET, "http: curl_multi_init failed");
    }
    curl_multi_setopt(e->multi, CURLMOPT_SOCKETFUNCTION, http_socket_cb);
    curl_multi_setopt(e->multi, CURLMOPT_SOCKETDATA, e);
    curl_multi_setopt(e->multi, CURLMOPT_TIMERFUNCTION, http_timer_cb);
    curl_multi_setopt(e->multi, CURLMOPT_TIMERDATA, e);
    /* Several requests of one account share a connection (HTTP/2) or a
     * small pool of them (HTTP/1.1). */
    curl_multi_setopt(e->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    curl_multi_setopt(e->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                      e->opts.max_host_connections);
    *out = e;
    return TD_OK;
}

static void
http_xfer_free(struct http_xfer *x)
{
    if (x->easy != NULL) {
        if (x->state == XFER_RUNNING)
            curl_multi_remove_handle(x->e->multi, x->easy);
        curl_easy_cleanup(x->easy);
    }
    curl_slist_free_all(x->slist);
    buf_free(&x->body);
    http_xfer_clear_headers(x);
    http_request_free(&x->req);
    free(x);
}

void
http_engine_free(struct http_engine **p)
{
    struct http_engine *e;

    if (p == NULL || *p == NULL)
        return;
    e = *p;
    while (e->xfers != NULL) {
        struct http_xfer *x = e->xfers;

        e->xfers = x->next;
        http_xfer_free(x);
    }
    if (e->multi != NULL)
        curl_multi_cleanup(e->multi);
    free(e->socks);
    ratelimit_free(&e->rl);
    free(e->user_agent);
    free(e->ca_file);
    free(e);
    *p = NULL;
    curl_global_cleanup();
}

size_t
http_in_flight(const struct http_engine *e)
{
    return e->n_xfers;
}

static int
http_method_known(const char *m)
{
    for (size_t i = 0; http_methods[i] != NULL; i++)
        if (strcmp(http_methods[i], m) == 0)
            return 1;
    return 0;
}

static int
http_idempotent(const struct http_request *req)
{
    if (req->idempotent == HTTP_IDEMPOTENT_YES)
        return 1;
    if (req->idempotent == HTTP_IDEMPOTENT_NO)
        return 0;
    return strcmp(req->method, "POST") != 0 &&
           strcmp(req->method, "PATCH") != 0;
}

static int
http_text_safe(const char *s)
{
    /* A CR or LF would let a value smuggle in headers of its own. */
    return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* Everything about the easy handle that stays the same across attempts. */
static enum td_status
http_xfer_setup(struct http_xfer *x, struct td_error *err)
{
    struct http_engine *e = x->e;
    struct http_request *req = x->req;
    CURL *c;
    long timeout = req->timeout_ms > 0 ? req->timeout_ms : e->opts.timeout_ms;
    size_t max = req->max_body ? req->max_body : e->opts.max_body;

    c = x->easy = curl_easy_init();
    if (c == NULL)
        return td_error_set(err, TD_ENET, "http: curl_easy_init failed");
    for (size_t i = 0; i < req->n_headers; i++) {
        char *line = xasprintf("%s: %s", req->headers[i].name,
                               req->headers[i].value);

        x->slist = curl_slist_append(x->slist, line);
        free(line);
    }
    /* No "Expect: 100-continue" round trip before large bodies. */
    x->slist = curl_slist_append(x->slist, "Expect:");
    buf_init(&x->body, max);

    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_PRIVATE, x);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    /* Redirects are not followed: custom credential headers (X-Api-Key,
     * api_access_token) would go along to whatever host they name. */
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (e->ca_file != NULL)
        curl_easy_setopt(c, CURLOPT_CAINFO, e->ca_file);
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(c, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, e->opts.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, e->opts.low_speed_limit);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, e->opts.low_speed_time_s);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    curl_easy_setopt(c, CURLOPT_USERAGENT, e->user_agent);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, x->slist);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, http_header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
    /* A proxy cannot reach our loopback; everything else keeps libcurl's
     * reading of http_proxy, https_proxy and no_proxy. */
    if (x->loopback)
        curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (e->opts.debug != NULL) {
        curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, http_debug_cb);
        curl_easy_setopt(c, CURLOPT_DEBUGDATA, x);
        curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
    }
    if (strcmp(req->method, "HEAD") == 0) {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (strcmp(req->method, "GET") != 0) {
        if (strcmp(req->method, "POST") != 0)
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
        /* An empty POST, PUT or PATCH still says Content-Length: 0, which
         * some servers insist on (411 otherwise). */
        if (req->body != NULL || strcmp(req->method, "POST") == 0 ||
            strcmp(req->method, "PUT") == 0 ||
            strcmp(req->method, "PATCH") == 0) {
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                             (curl_off_t)req->body_len);
            curl_easy_setopt(c, CURLOPT_POSTFIELDS,
                             req->body ? req->body : "");
        }
    }
    return TD_OK;
}

enum td_status
http_submit(struct http_engine *e, struct http_request *req,
            struct td_error *err)
{
    struct http_xfer *x;
    enum td_status st;

    if (req == NULL)
        return td_error_set(err, TD_EINVAL, "http: no request");
    if (req->method == NULL || !http_method_known(req->method)) {
        st = td_error_set(err, TD_EINVAL, "http: unknown method \"%s\"",
                          req->method ? req->method : "");
        goto fail;
    }
    if (req->done == NULL) {
        st = td_error_set(err, TD_EINVAL, "http: request without callback");
        goto fail;
    }
    /* Before anything touches the network: plain http only to loopback. */
    st = http_url_check(req->url, req->insecure_ok, err);
    if (st != TD_OK)
        goto fail;
    for (size_t i = 0; i < req->n_headers; i++) {
        const struct http_header *h = &req->headers[i];

        if (!http_text_safe(h->name) || !http_text_safe(h->value) ||
            h->name[0] == '\0' || strchr(h->name, ':') != NULL) {
            st = td_error_set(err, TD_EINVAL, "http: bad header \"%s\"",
                              h->name ? h->name : "");
            goto fail;
        }
    }
    x = xcalloc(1, sizeof *x);
    x->e = e;
    x->req = req;
    x->id = ++e->next_id;
    x->state = XFER_WAITING;
    x->loopback = http_url_loopback(req->url);
    x->retry_after_s = -1;
    x->submitted_ms = x->start_at_ms = http_now_ms();
    if (req->budget_key && req->min_gap_ms > 0)
        ratelimit_pace(e->rl, req->budget_key, req->min_gap_ms);
    st = http_xfer_setup(x, err);
    if (st != TD_OK) {
        http_xfer_free(x);
        return st;
    }
    x->next = e->xfers;
    e->xfers = x;
    e->n_xfers++;
    return TD_OK;
fail:
    http_request_free(&req);
    return st;
}

/* Delay before retry number n (1 = the first retry): exponential, capped,
 * with "equal jitter" so that clients that failed together spread out. */
static long long
http_backoff_ms(struct http_engine *e, int n)
{
    long long d = e->opts.backoff_base_ms;

    for (int i = 1; i < n && d < e->opts.backoff_max_ms; i++)
        d *= 2;
    if (d > e->opts.backoff_max_ms)
        d = e->opts.backoff_max_ms;
    return d / 2 + (long long)(http_random(e) % (uint64_t)(d / 2 + 1));
}

/* Errors after which the server may not have seen the request at all, or
 * the connection broke: worth another attempt when that is safe. */
static int
http_curl_retryable(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
        return 1;
    default:
        return 0;
    }
}

/* Start a waiting transfer: one more attempt on the multi handle. */
static enum td_status
http_xfer_start(struct http_xfer *x, struct td_error *err)
{
    struct http_engine *e = x->e;
    char *shown;
    CURLMcode mc;

    buf_reset(&x->body);
    http_xfer_clear_headers(x);
    x->too_big = 0;
    x->errbuf[0] = '\0';
    x->attempts++;
    if (e->opts.debug != NULL) {
        shown = http_redact_url(x->req->url);
        http_debug(e, "[%lu] * attempt %d: %s %s\n", x->id, x->attempts,
                   x->req->method, shown);
        free(shown);
    }
    mc = curl_multi_add_handle(e->multi, x->easy);
    if (mc != CURLM_OK)
        return td_error_set(err, TD_ENET, "http: %s",
                            curl_multi_strerror(mc));
    x->state = XFER_RUNNING;
    return TD_OK;
}

static void
http_xfer_unlink(struct http_engine *e, struct http_xfer *x)
{
    for (struct http_xfer **pp = &e->xfers; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == x) {
            *pp = x->next;
            e->n_xfers--;
            break;
        }
    }
    x->next = NULL;
}

/* Move x to the done list with a final result. */
static void
http_xfer_finish(struct http_engine *e, struct http_xfer *x,
                 struct http_xfer **done, enum td_status result,
                 const char *msg)
{
    struct http_xfer **tail = done;

    http_xfer_unlink(e, x);
    if (x->state == XFER_RUNNING) {
        curl_multi_remove_handle(e->multi, x->easy);
        x->state = XFER_WAITING;
    }
    /* The message waits in errbuf until the response is built. */
    x->result = result;
    snprintf(x->errbuf, sizeof x->errbuf, "%s", msg ? msg : "");
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = x;
}

/* Schedule another attempt after delay_ms; 1 if it was scheduled. */
static int
http_xfer_retry(struct http_engine *e, struct http_xfer *x,
                long long delay_ms, const char *why)
{
    if (x->attempts >= e->opts.max_attempts)
        return 0;
    curl_multi_remove_handle(e->multi, x->easy);
    x->state = XFER_WAITING;
    x->start_at_ms = http_now_ms() + delay_ms;
    http_debug(e, "[%lu] * %s; retry in %lld ms\n", x->id, why, delay_ms);
    return 1;
}

/* A plain-text error body says more than the status (Zendesk sends its
 * per-endpoint 429s so): its first line goes after msg, made safe for the
 * status bar. JSON bodies are left to the driver, which knows the shape. */
static void
http_error_snippet(const struct http_xfer *x, char *msg, size_t size)
{
    const char *type = http_headers_find(x->headers, x->n_headers,
                                         "content-type");
    const char *body = buf_str(&x->body);
    size_t n = strcspn(body, "\r\n"), used = strlen(msg);
    char *clean;

    if (type == NULL || strncasecmp(type, "text/", 5) != 0 || n == 0)
        return;
    if (n > HTTP_SNIPPET_MAX)
        n = HTTP_SNIPPET_MAX;
    clean = sanitize_text(body, n, 0);
    snprintf(msg + used, size - used, ": %s", clean);
    free(clean);
}

/* Let the budget learn from the response's rate-limit headers, reading
 * the request's rate_names as the names they stand for. */
static void
http_note_rate(struct http_engine *e, const struct http_request *req,
               const struct http_xfer *x, long long now)
{
    struct http_header *h = x->headers, *tmp = NULL;
    size_t n = x->n_headers;

    if (req->n_rate_names > 0) {
        tmp = xcalloc(2 * n + 1, sizeof *tmp);
        memcpy(tmp, x->headers, n * sizeof *tmp);
        for (size_t i = 0; i < x->n_headers; i++)
            for (size_t j = 0; j < req->n_rate_names; j++)
                if (strcasecmp(x->headers[i].name,
                               req->rate_names[j].name) == 0) {
                    tmp[n].name = req->rate_names[j].value;
                    tmp[n++].value = x->headers[i].value;
                    break;
                }
        h = tmp;
    }
    ratelimit_note(e->rl, req->budget_key, h, n, now, http_wall_ms());
    free(tmp);
}

/* An attempt ended: retry it, or decide its final result. */
static void
http_xfer_ended(struct http_engine *e, struct http_xfer *x, CURLcode code,
                struct http_xfer **done)
{
    struct http_request *req = x->req;
    int idem = http_idempotent(req);
    long status = 0;
    char *shown = http_redact_url(req->url);
    char msg[TD_ERROR_MAX];
    long long now = http_now_ms();

    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status > 0 && req->budget_key != NULL)
        http_note_rate(e, req, x, now);
    if (x->too_big == 1 || code == CURLE_FILESIZE_EXCEEDED) {
        size_t max = req->max_body ? req->max_body : e->opts.max_body;

        snprintf(msg, sizeof msg, "%s %s: response body over %zu bytes",
                 req->method, shown, max);
        http_xfer_finish(e, x, done, TD_ETOOBIG, msg);
        goto out;
    }
    if (x->too_big == 2) {
        snprintf(msg, sizeof msg, "%s %s: response headers over %zu bytes",
                 req->method, shown, HTTP_MAX_HEADER_BYTES);
        http_xfer_finish(e, x, done, TD_ETOOBIG, msg);
        goto out;
    }
    if (code != CURLE_OK) {
        /* Refused connections never carried the request, so even a POST
         * may go again; anything later may have reached the server. */
        int safe = idem || code == CURLE_COULDNT_CONNECT;

        snprintf(msg, sizeof msg, "%s %s: %s", req->method, shown,
                 x->errbuf[0] ? x->errbuf : curl_easy_strerror(code));
        if (safe && http_curl_retryable(code) &&
            http_xfer_retry(e, x, http_backoff_ms(e, x->attempts), msg))
            goto out;
        http_xfer_finish(e, x, done, TD_ENET, msg);
        goto out;
    }
    snprintf(msg, sizeof msg, "%s %s: HTTP %ld%s%s", req->method, shown,
             status, x->reason && *x->reason ? " " : "",
             x->reason ? x->reason : "");
    if (status == 429 || status == 503) {
        long ra = http_retry_after_parse(http_headers_find(
                                             x->headers, x->n_headers,
                                             "retry-after"),
                                         (long long)(http_wall_ms() / 1000));
        long long delay = http_backoff_ms(e, x->attempts);

        x->retry_after_s = ra;
        if (ra >= 0 && req->budget_key != NULL)
            ratelimit_block(e->rl, req->budget_key, now + ra * 1000LL);
        if (ra >= 0 && (long long)ra * 1000 > delay)
            delay = (long long)ra * 1000;
        /* A 429 is retried only for idempotent requests, as the issue
         * asks; a Retry-After beyond our patience is the caller's call. */
        if (idem && ra <= e->opts.retry_after_max_s &&
            http_xfer_retry(e, x, delay, msg))
            goto out;
    } else if (status == 500 || status == 502 || status == 504) {
        if (idem &&
            http_xfer_retry(e, x, http_backoff_ms(e, x->attempts), msg))
            goto out;
    }
    if (http_status_result(status) != TD_OK)
        http_error_snippet(x, msg, sizeof msg);
    if (status >= 300 && status < 400 && status != 304) {
        const char *loc = http_headers_find(x->headers, x->n_headers,
                                            "location");
        char *where = http_redact_url(loc ? loc : "?");

        snprintf(msg, sizeof msg, "%s %s: HTTP %ld redirect to %s not followed",
                 req->method, shown, status, where);
        free(where);
    }
    http_xfer_finish(e, x, done, http_status_result(status),
                     http_status_result(status) == TD_OK ? "" : msg);
out:
    free(shown);
}

/* Collect the transfers libcurl says are finished. */
static void
http_check_multi(struct http_engine *e, struct http_xfer **done)
{
    CURLMsg *m;
    int left;

    while ((m = curl_multi_info_read(e->multi, &left)) != NULL) {
        struct http_xfer *x = NULL;

        if (m->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        if (x != NULL)
            http_xfer_ended(e, x, m->data.result, done);
    }
}

/* Start the waiting transfers whose time and budget have come. */
static void
http_start_ready(struct http_engine *e, struct http_xfer **done)
{
    long long now = http_now_ms();
    struct http_xfer *x, *next;

    for (x = e->xfers; x != NULL; x = next) {
        struct td_error err;
        long long wait;

        next = x->next;
        if (x->state != XFER_WAITING || x->start_at_ms > now)
            continue;
        wait = ratelimit_wait_ms(e->rl, x->req->budget_key, now);
        if (wait > 0) {
            x->start_at_ms = now + wait;
            http_debug(e, "[%lu] * budget %s: waiting %lld ms\n", x->id,
                       x->req->budget_key, wait);
            continue;
        }
        ratelimit_take(e->rl, x->req->budget_key, now);
        if (http_xfer_start(x, &err) != TD_OK)
            http_xfer_finish(e, x, done, TD_ENET, err.msg);
    }
}

/* Build the response of each finished transfer, call back, free. */
static void
http_deliver(struct http_engine *e, struct http_xfer *done)
{
    while (done != NULL) {
        struct http_xfer *x = done;
        struct http_response resp;
        long status = 0;

        done = x->next;
        memset(&resp, 0, sizeof resp);
        if (x->attempts > 0)
            curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
        resp.status = status;
        resp.reason = x->reason ? x->reason : xstrdup("");
        x->reason = NULL;
        resp.headers = x->headers;
        resp.n_headers = x->n_headers;
        x->headers = NULL;
        x->n_headers = 0;
        resp.body_len = x->body.len;
        resp.body = buf_detach(&x->body);
        resp.result = x->result;
        snprintf(resp.error, sizeof resp.error, "%s", x->errbuf);
        resp.retry_after_s = x->retry_after_s;
        resp.attempts = x->attempts;
        resp.elapsed_ms = (double)(http_now_ms() - x->submitted_ms);
        resp.req = x->req;
        http_debug(e, "[%lu] * done: %s, HTTP %ld, %zu bytes, %d attempt%s, "
                   "%.0f ms%s%s\n", x->id, td_status_name(resp.result),
                   status, resp.body_len, resp.attempts,
                   resp.attempts == 1 ? "" : "s", resp.elapsed_ms,
                   resp.error[0] ? ": " : "", resp.error);
        x->req->done(x->req->ctx, &resp);
        http_headers_free(resp.headers, resp.n_headers);
        free(resp.reason);
        free(resp.body);
        http_xfer_free(x);
    }
}

size_t
http_pollfds(struct http_engine *e, struct pollfd *fds, size_t max)
{
    for (size_t i = 0; i < e->n_socks && i < max; i++) {
        fds[i].fd = e->socks[i].fd;
        fds[i].events = 0;
        fds[i].revents = 0;
        if (e->socks[i].what & CURL_POLL_IN)
            fds[i].events |= POLLIN;
        if (e->socks[i].what & CURL_POLL_OUT)
            fds[i].events |= POLLOUT;
    }
    return e->n_socks;
}

long
http_timeout_ms(struct http_engine *e)
{
    long long at = e->timer_at_ms, now = http_now_ms();

    for (struct http_xfer *x = e->xfers; x != NULL; x = x->next)
        if (x->state == XFER_WAITING && (at < 0 || x->start_at_ms < at))
            at = x->start_at_ms;
    if (at < 0)
        return -1;
    if (at <= now)
        return 0;
    return at - now > 86400000LL ? 86400000L : (long)(at - now);
}

void
http_dispatch(struct http_engine *e, const struct pollfd *fds, size_t n)
{
    struct http_xfer *done = NULL;
    int running;

    for (size_t i = 0; fds != NULL && i < n; i++) {
        int mask = 0;

        if (fds[i].revents == 0 || http_sock_find(e, fds[i].fd) == NULL)
            continue;
        if (fds[i].revents & (POLLIN | POLLHUP))
            mask |= CURL_CSELECT_IN;
        if (fds[i].revents & POLLOUT)
            mask |= CURL_CSELECT_OUT;
        if (fds[i].revents & (POLLERR | POLLNVAL))
            mask |= CURL_CSELECT_ERR;
        curl_multi_socket_action(e->multi, fds[i].fd, mask, &running);
    }
    if (e->timer_at_ms >= 0 && e->timer_at_ms <= http_now_ms()) {
        e->timer_at_ms = -1;
        curl_multi_socket_action(e->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    http_check_multi(e, &done);
    http_start_ready(e, &done);
    /* Callbacks last: they may submit, which only queues. */
    http_deliver(e, done);
}

enum td_status
http_run(struct http_engine *e, long max_ms, struct td_error *err)
{
    long long deadline = http_now_ms() + max_ms;
    struct pollfd *fds = NULL;
    size_t cap = 0;

    while (e->n_xfers > 0) {
        long long now = http_now_ms();
        long t = http_timeout_ms(e);
        size_t n;

        if (now >= deadline) {
            free(fds);
            return td_error_set(err, TD_ENET,
                                "http: %zu request%s still running after "
                                "%ld ms", e->n_xfers,
                                e->n_xfers == 1 ? "" : "s", max_ms);
        }
        n = http_pollfds(e, fds, cap);
        if (n > cap) {
            cap = n;
            fds = xreallocarray(fds, cap, sizeof *fds);
            n = http_pollfds(e, fds, cap);
        }
        if (t < 0 || t > deadline - now)
            t = (long)(deadline - now);
        if (poll(fds, n, (int)t) < 0 && errno != EINTR) {
            free(fds);
            return td_error_set(err, TD_ENET, "http: poll: %s",
                                strerror(errno));
        }
        http_dispatch(e, fds, n);
    }
    free(fds);
    return TD_OK;
}

/* ---- the transport table ---- */

static enum td_status
http_curl_submit(void *impl, struct http_request *req, struct td_error *err)
{
    return http_submit(impl, req, err);
}

static size_t
http_curl_in_flight(const void *impl)
{
    return http_in_flight(impl);
}

static enum td_status
http_curl_run(void *impl, long max_ms, struct td_error *err)
{
    return http_run(impl, max_ms, err);
}

static size_t
http_curl_pollfds(void *impl, struct pollfd *fds, size_t max)
{
    return http_pollfds(impl, fds, max);
}

static long
http_curl_timeout_ms(void *impl)
{
    return http_timeout_ms(impl);
}

static void
http_curl_dispatch(void *impl, const struct pollfd *fds, size_t n)
{
    http_dispatch(impl, fds, n);
}

const struct http_ops http_curl_ops = {
    .name = "curl",
    .submit = http_curl_submit,
    .in_flight = http_curl_in_flight,
    .run = http_curl_run,
    .pollfds = http_curl_pollfds,
    .timeout_ms = http_curl_timeout_ms,
    .dispatch = http_curl_dispatch,
};

struct http_transport
http_engine_transport(struct http_engine *e)
{
    struct http_transport t = {
        .ops = &http_curl_ops,
        .impl = e,
    };

    return t;
}

enum td_status
http_transport_submit(const struct http_transport *t,
                      struct http_request *req, struct td_error *err)
{
    if (t == NULL || t->ops == NULL || t->ops->submit == NULL) {
        http_request_free(&req);
        return td_error_set(err, TD_ENOTSUP, "http: transport cannot submit");
    }
    return t->ops->submit(t->impl, req, err);
}
