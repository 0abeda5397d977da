/* test_http.c: the HTTP engine against tests/drivers/loopback.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "net/http.h"
#include "net/http_redact.h"
#include "net/http_url.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The script of expected requests and answers is test_http.json: each test
 * owns its paths, so one server serves the whole file. Times are kept
 * short; assertions on them are only orders of magnitude. */
#define HTTP_SCRIPT "tests/unit/test_http.json"
#define LOOPBACK "tests/drivers/loopback.py"

struct fixture {
    char dir[64];
    char log[128];
    char base[64];
    pid_t pid;
};

/* What a done callback saw. */
struct result {
    int calls;
    long status;
    enum td_status result;
    char error[TD_ERROR_MAX];
    char *body;
    size_t body_len;
    char *x_reply;
    char *content_type;
    long retry_after_s;
    int attempts;
    double elapsed_ms;
};

static void
on_done(void *ctx, struct http_response *resp)
{
    struct result *r = ctx;
    const char *h;

    r->calls++;
    r->status = resp->status;
    r->result = resp->result;
    snprintf(r->error, sizeof r->error, "%s", resp->error);
    free(r->body);
    /* Take the body: the engine frees only what is left. */
    r->body = resp->body;
    r->body_len = resp->body_len;
    resp->body = NULL;
    h = http_header_get(resp, "X-REPLY");
    free(r->x_reply);
    r->x_reply = h ? xstrdup(h) : NULL;
    h = http_header_get(resp, "content-type");
    free(r->content_type);
    r->content_type = h ? xstrdup(h) : NULL;
    r->retry_after_s = resp->retry_after_s;
    r->attempts = resp->attempts;
    r->elapsed_ms = resp->elapsed_ms;
}

static void
result_free(struct result *r)
{
    free(r->body);
    free(r->x_reply);
    free(r->content_type);
    memset(r, 0, sizeof *r);
}

static long long
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Start loopback.py (the cwd is the repository root) on script, logging to
 * log, over TLS when cert is not NULL; base gets its URL. */
static pid_t
spawn_server(const char *script, const char *log, const char *cert,
             const char *key, char *base, size_t size)
{
    int pfd[2];
    char line[32];
    FILE *fp;
    char *end;
    long port;
    pid_t pid;

    if (pipe(pfd) != 0)
        return -1;
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(pfd[1], STDOUT_FILENO);
        close(pfd[0]);
        close(pfd[1]);
        if (cert != NULL)
            execlp("python3", "python3", LOOPBACK, "--tls", cert, key, script,
                   log, (char *)NULL);
        else
            execlp("python3", "python3", LOOPBACK, script, log, (char *)NULL);
        _exit(127);
    }
    close(pfd[1]);
    fp = fdopen(pfd[0], "r");
    if (fp == NULL || fgets(line, sizeof line, fp) == NULL) {
        fprintf(stderr, "%s did not start\n", LOOPBACK);
        if (fp != NULL)
            fclose(fp);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return -1;
    }
    fclose(fp);
    errno = 0;
    port = strtol(line, &end, 10);
    if (errno != 0 || port <= 0 || port > 65535)
        return -1;
    snprintf(base, size, "%s://127.0.0.1:%ld", cert ? "https" : "http", port);
    return pid;
}

static int
server_start(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);

    *state = f;
    snprintf(f->dir, sizeof f->dir, "%s", "/tmp/ttydesk-http.XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->log, sizeof f->log, "%s/requests.jsonl", f->dir);
    f->pid = spawn_server(HTTP_SCRIPT, f->log, NULL, NULL, f->base,
                          sizeof f->base);
    return f->pid > 0 ? 0 : -1;
}

/* Stop the server, then have it check that every request matched and
 * every expectation with a "min" was met. */
static int
server_stop(void **state)
{
    struct fixture *f = *state;
    char cmd[300];
    int rc = 0;

    if (f == NULL)
        return 0;
    if (f->pid > 0) {
        kill(f->pid, SIGTERM);
        waitpid(f->pid, NULL, 0);
        snprintf(cmd, sizeof cmd, "python3 %s --check %s %s", LOOPBACK,
                 HTTP_SCRIPT, f->log);
        rc = system(cmd);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        rc = -1;
    free(f);
    return rc == 0 ? 0 : -1;
}

/* The log line of the first request to path; owned, NULL if none. */
static char *
server_logged(const struct fixture *f, const char *path)
{
    char want[128], line[8192];
    FILE *fp = fopen(f->log, "r");
    char *found = NULL;

    if (fp == NULL)
        return NULL;
    snprintf(want, sizeof want, "\"path\": \"%s\"", path);
    while (found == NULL && fgets(line, sizeof line, fp) != NULL)
        if (strstr(line, want) != NULL)
            found = xstrdup(line);
    fclose(fp);
    return found;
}

static struct http_engine *
engine(FILE *debug)
{
    struct http_opts o = {
        .connect_timeout_ms = 2000,
        .timeout_ms = 5000,
        .backoff_base_ms = 100,
        .backoff_max_ms = 400,
        .seed = 42,
        .debug = debug,
    };
    struct http_engine *e;
    struct td_error err;

    assert_int_equal(http_engine_new(&o, &e, &err), TD_OK);
    return e;
}

static struct http_request *
request(const struct fixture *f, const char *method, const char *path,
        struct result *r)
{
    char *url = xasprintf("%s%s", f->base, path);
    struct http_request *req = http_request_new(method, url);

    free(url);
    req->done = on_done;
    req->ctx = r;
    return req;
}

/* Submit one request and run the loop until it completes. */
static void
fetch(struct http_engine *e, struct http_request *req, struct result *r)
{
    struct td_error err;

    assert_int_equal(http_submit(e, req, &err), TD_OK);
    assert_int_equal(http_run(e, 10000, &err), TD_OK);
    assert_int_equal(r->calls, 1);
}

static void
test_get_json(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    char *logged;

    fetch(e, request(f, "GET", "/json?page=2", &r), &r);
    assert_int_equal(r.result, TD_OK);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "{\"ok\": true, \"n\": 42}");
    assert_int_equal(r.body_len, strlen(r.body));
    assert_string_equal(r.content_type, "application/json");
    assert_string_equal(r.error, "");
    assert_int_equal(r.attempts, 1);
    assert_int_equal(http_in_flight(e), 0);
    result_free(&r);
    http_engine_free(&e);
    assert_null(e);
    /* What the server saw: its log has one JSON object per request. */
    logged = server_logged(f, "/json");
    assert_non_null(logged);
    assert_non_null(strstr(logged, "\"method\": \"GET\""));
    assert_non_null(strstr(logged, "\"params\": {\"page\": [\"2\"]}"));
    assert_non_null(strstr(logged, "\"user-agent\": \"ttydesk/"));
    assert_non_null(strstr(logged, "gzip"));    /* Accept-Encoding */
    free(logged);
}

static void
test_headers(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req = request(f, "GET", "/headers", &r);

    /* The script answers 599 unless both headers arrive as given. */
    http_request_add_header(req, "X-Custom", "one two");
    http_request_add_header(req, "Accept", "application/json");
    fetch(e, req, &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "hi");
    assert_non_null(r.x_reply);
    assert_string_equal(r.x_reply, "yes");
    result_free(&r);

    /* A header value with a line break is refused, not sent. */
    req = request(f, "GET", "/headers", &r);
    http_request_add_header(req, "X-Evil", "a\r\nX-Injected: 1");
    assert_int_equal(http_submit(e, req, NULL), TD_EINVAL);
    assert_int_equal(http_in_flight(e), 0);
    http_engine_free(&e);
}

static void
test_methods(void **state)
{
    static const char ticket[] = "{\"ticket\": {\"status\": \"solved\"}}";
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req;

    /* The script checks the JSON body and the Content-Type. */
    req = request(f, "PUT", "/put", &r);
    http_request_set_body(req, ticket, strlen(ticket), "application/json");
    fetch(e, req, &r);
    assert_int_equal(r.status, 200);
    result_free(&r);
    /* An empty PATCH says Content-Length: 0; a DELETE sends no body. */
    fetch(e, request(f, "PATCH", "/patch", &r), &r);
    assert_int_equal(r.status, 204);
    assert_int_equal(r.result, TD_OK);
    result_free(&r);
    fetch(e, request(f, "DELETE", "/del", &r), &r);
    assert_int_equal(r.status, 204);
    result_free(&r);
    fetch(e, request(f, "HEAD", "/head", &r), &r);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    result_free(&r);
    /* Methods outside the known set are refused before anything is sent. */
    assert_int_equal(http_submit(e, request(f, "BREW", "/x", &r), NULL),
                     TD_EINVAL);
    http_engine_free(&e);
}

static void
test_gzip(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};

    fetch(e, request(f, "GET", "/gzip", &r), &r);
    assert_int_equal(r.result, TD_OK);
    assert_int_equal(r.body_len, 12 * 1000);
    assert_memory_equal(r.body, "compress me compress me ", 24);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_404_401(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};

    fetch(e, request(f, "GET", "/missing", &r), &r);
    assert_int_equal(r.result, TD_ENOTFOUND);
    assert_int_equal(r.status, 404);
    assert_non_null(strstr(r.error, "HTTP 404"));
    /* The error body is kept for the driver to read. */
    assert_non_null(strstr(r.body, "RecordNotFound"));
    assert_int_equal(r.attempts, 1);
    result_free(&r);

    fetch(e, request(f, "GET", "/auth", &r), &r);
    assert_int_equal(r.result, TD_EAUTH);
    assert_int_equal(r.status, 401);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_429_get_retried(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    long long t0 = now_ms();

    fetch(e, request(f, "GET", "/limited", &r), &r);
    assert_int_equal(r.result, TD_OK);
    assert_string_equal(r.body, "at last");
    assert_int_equal(r.attempts, 2);
    assert_true(now_ms() - t0 >= 950);
    assert_true(r.elapsed_ms >= 950);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_429_post_not_retried(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req;

    req = request(f, "POST", "/limited-post", &r);
    http_request_set_body(req, "{}", 2, "application/json");
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_ERATE);
    assert_int_equal(r.status, 429);
    assert_int_equal(r.attempts, 1);
    assert_int_equal(r.retry_after_s, 1);
    assert_true(r.elapsed_ms < 900);
    /* A text body's first line explains, without terminal escapes. */
    assert_non_null(strstr(r.error, "HTTP 429"));
    assert_non_null(strstr(r.error, ": Too many requests"));
    assert_null(strchr(r.error, '\033'));
    assert_null(strstr(r.error, "second line"));
    result_free(&r);

    /* Unless the request says it is idempotent. */
    req = request(f, "POST", "/limited-idem", &r);
    req->idempotent = HTTP_IDEMPOTENT_YES;
    http_request_set_body(req, "{\"idem\": true}", 14, "application/json");
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_OK);
    assert_int_equal(r.status, 201);
    assert_int_equal(r.attempts, 2);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_5xx_backoff(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};

    fetch(e, request(f, "GET", "/flaky", &r), &r);
    assert_int_equal(r.result, TD_OK);
    assert_string_equal(r.body, "fine");
    assert_int_equal(r.attempts, 3);
    /* Backoff 50-100 ms, then 100-200 ms (base 100 in these tests). */
    assert_true(r.elapsed_ms >= 150);
    assert_true(r.elapsed_ms < 3000);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_dropped(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req;

    fetch(e, request(f, "GET", "/drop", &r), &r);
    assert_int_equal(r.result, TD_OK);
    assert_string_equal(r.body, "whole");
    assert_int_equal(r.attempts, 2);
    result_free(&r);

    /* The POST may have reached the server: never sent twice. */
    req = request(f, "POST", "/drop-post", &r);
    http_request_set_body(req, "{\"a\":1}", 7, "application/json");
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_ENET);
    assert_int_equal(r.attempts, 1);
    assert_non_null(strstr(r.error, "POST"));
    result_free(&r);
    http_engine_free(&e);
}

static void
test_timeout(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req = request(f, "GET", "/slow", &r);
    long long t0 = now_ms();

    req->timeout_ms = 300;
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_ENET);
    assert_non_null(strstr(r.error, "timed out"));
    assert_true(now_ms() - t0 < 1500);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_too_big(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req = request(f, "GET", "/big", &r);

    req->max_body = 1024;
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_ETOOBIG);
    assert_non_null(strstr(r.error, "1024"));
    assert_int_equal(r.attempts, 1);
    result_free(&r);

    /* The cap counts decoded bytes: 200 kB of zeros gzip to almost nothing. */
    req = request(f, "GET", "/bomb", &r);
    req->max_body = 64 * 1024;
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_ETOOBIG);
    result_free(&r);
    http_engine_free(&e);
}

static void
test_parallel(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r[5];
    struct td_error err;
    long long t0 = now_ms(), took;

    memset(r, 0, sizeof r);
    for (int i = 0; i < 5; i++)
        assert_int_equal(http_submit(e, request(f, "GET", "/par", &r[i]),
                                     &err), TD_OK);
    assert_int_equal(http_in_flight(e), 5);
    assert_int_equal(http_run(e, 10000, &err), TD_OK);
    took = now_ms() - t0;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(r[i].calls, 1);
        assert_int_equal(r[i].result, TD_OK);
        assert_string_equal(r[i].body, "p");
        result_free(&r[i]);
    }
    /* One after the other would take 1.5 s. */
    assert_true(took < 1200);
    http_engine_free(&e);
}

static void
test_plain_http_refused(void **state)
{
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct http_request *req;
    struct td_error err;

    (void)state;
    req = http_request_new("GET", "http://example.com/api/v2/tickets.json");
    req->done = on_done;
    req->ctx = &r;
    assert_int_equal(http_submit(e, req, &err), TD_EPERM);
    assert_non_null(strstr(err.msg, "example.com"));
    assert_non_null(strstr(err.msg, "insecure=yes"));
    assert_int_equal(http_in_flight(e), 0);
    assert_int_equal(r.calls, 0);

    /* insecure=yes lets it through; it is never run here, only queued. */
    req = http_request_new("GET", "http://example.com/api/v2/tickets.json");
    req->done = on_done;
    req->ctx = &r;
    req->insecure_ok = 1;
    assert_int_equal(http_submit(e, req, &err), TD_OK);
    assert_int_equal(http_in_flight(e), 1);
    http_engine_free(&e);
    assert_int_equal(r.calls, 0);

    assert_int_equal(http_url_check("https://acme.zendesk.com", 0, NULL),
                     TD_OK);
    assert_int_equal(http_url_check("http://127.0.0.1:8080/x", 0, NULL),
                     TD_OK);
    assert_int_equal(http_url_check("http://127.9.9.9/", 0, NULL), TD_OK);
    assert_int_equal(http_url_check("http://localhost/rt", 0, NULL), TD_OK);
    assert_int_equal(http_url_check("http://[::1]:3000/", 0, NULL), TD_OK);
    assert_int_equal(http_url_check("http://127.0.0.1.evil.example/", 0,
                                    NULL), TD_EPERM);
    assert_int_equal(http_url_check("http://10.0.0.1/", 0, NULL), TD_EPERM);
    assert_int_equal(http_url_check("http://10.0.0.1/", 1, NULL), TD_OK);
    assert_int_equal(http_url_check("ftp://example.com/", 1, NULL),
                     TD_EINVAL);
    assert_int_equal(http_url_check("not a url", 0, NULL), TD_EINVAL);
    assert_int_equal(http_url_check("https://me:pw@example.com/", 0, &err),
                     TD_EINVAL);
    assert_null(strstr(err.msg, "pw"));
}

static void
test_redact_lines(void **state)
{
    static const struct {
        const char *in;
        const char *out;
    } cases[] = {
        { "Authorization: Bearer abc.def\r\n",
          "Authorization: Bearer [redacted]" },
        { "authorization: Basic dXNlcjpwYXNz",
          "authorization: Basic [redacted]" },
        { "Authorization: sekrit", "Authorization: [redacted]" },
        { "X-Api-Key: 12345", "X-Api-Key: [redacted]" },
        { "X-Shopify-Access-Token: shpat_1", "X-Shopify-Access-Token: "
                                             "[redacted]" },
        { "api_access_token: cw", "api_access_token: [redacted]" },
        { "Set-Cookie: sid=1; Path=/", "Set-Cookie: [redacted]" },
        { "Content-Type: application/json",
          "Content-Type: application/json" },
        { "GET /api?token=T1&page=2&api_key=K1&access_token=A1 HTTP/1.1",
          "GET /api?token=[redacted]&page=2&api_key=[redacted]"
          "&access_token=[redacted] HTTP/1.1" },
        { "Link: <https://x.myshopify.com/o.json?page_info=abc&limit=5>; "
          "rel=\"next\"",
          "Link: <https://x.myshopify.com/o.json?page_info=abc&limit=5>; "
          "rel=\"next\"" },
        { "Location: https://u:p@h/x?refresh_token=R#f",
          "Location: https://[redacted]@h/x?refresh_token=[redacted]#f" },
    };
    struct buf b;
    char *s;

    (void)state;
    buf_init(&b, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf_reset(&b);
        assert_int_equal(http_redact_line(cases[i].in, strlen(cases[i].in),
                                          &b), 0);
        assert_string_equal(buf_str(&b), cases[i].out);
    }
    buf_free(&b);
    s = http_redact_url("https://h/a?x=1&token=abc");
    assert_string_equal(s, "https://h/a?x=1&token=[redacted]");
    free(s);
}

static void
test_debug_log_redacted(void **state)
{
    struct fixture *f = *state;
    char *log = NULL;
    size_t log_len = 0;
    FILE *dbg = open_memstream(&log, &log_len);
    struct http_engine *e = engine(dbg);
    struct result r = {0};
    struct http_request *req;

    req = request(f, "GET", "/redact?token=SECRET-Q1&page=2&api_key="
                  "SECRET-Q2&access_token=SECRET-Q3", &r);
    http_request_add_header(req, "Authorization", "Bearer SECRET-BEARER");
    http_request_add_header(req, "X-Api-Key", "SECRET-KEY");
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_OK);
    result_free(&r);
    http_engine_free(&e);
    fclose(dbg);
    assert_non_null(log);
    /* It logged the request and the answer ... */
    assert_non_null(strstr(log, "> GET /redact?token=[redacted]&page=2"));
    assert_non_null(strstr(log, "> Authorization: Bearer [redacted]"));
    assert_non_null(strstr(log, "> X-Api-Key: [redacted]"));
    assert_non_null(strstr(log, "< HTTP/1.1 200"));
    assert_non_null(strstr(log, "< Set-Cookie: [redacted]"));
    /* ... and no secret at all. */
    assert_null(strstr(log, "SECRET"));
    free(log);
}

static void
test_rate_budget(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0}, other = {0};
    struct http_request *req;
    struct td_error err;
    long long t0;

    /* Remaining 0, reset in 1 s: the next request on "acme" waits. */
    req = request(f, "GET", "/budget-a", &r);
    http_request_set_budget(req, "acme");
    fetch(e, req, &r);
    assert_int_equal(r.result, TD_OK);
    result_free(&r);

    t0 = now_ms();
    req = request(f, "GET", "/budget-b", &r);
    http_request_set_budget(req, "acme");
    assert_int_equal(http_submit(e, req, &err), TD_OK);
    req = request(f, "GET", "/budget-b", &other);
    http_request_set_budget(req, "globex");
    assert_int_equal(http_submit(e, req, &err), TD_OK);
    /* While acme waits, the loop has a timer, not a busy wait. */
    assert_true(http_timeout_ms(e) >= 0);
    assert_int_equal(http_run(e, 10000, &err), TD_OK);
    assert_int_equal(r.result, TD_OK);
    assert_int_equal(other.result, TD_OK);
    assert_true(r.elapsed_ms >= 900);
    assert_true(now_ms() - t0 >= 900);
    /* Another account's budget is its own. */
    assert_true(other.elapsed_ms < 500);
    result_free(&r);
    result_free(&other);
    http_engine_free(&e);
}

/* A done callback that submits a follow-up, as a pager does. */
struct chain {
    const struct fixture *f;
    struct http_engine *e;
    struct result r[2];
    int step;
};

static void
chain_done(void *ctx, struct http_response *resp)
{
    struct chain *c = ctx;
    struct http_request *req;

    on_done(&c->r[c->step], resp);
    if (c->step++ == 0) {
        req = request(c->f, "GET", "/chain", NULL);
        req->done = chain_done;
        req->ctx = c;
        assert_int_equal(http_submit(c->e, req, NULL), TD_OK);
    }
}

static void
test_submit_from_callback(void **state)
{
    struct chain c;
    struct http_request *req;
    struct td_error err;

    memset(&c, 0, sizeof c);
    c.f = *state;
    c.e = engine(NULL);
    req = request(c.f, "GET", "/chain", NULL);
    req->done = chain_done;
    req->ctx = &c;
    assert_int_equal(http_submit(c.e, req, &err), TD_OK);
    assert_int_equal(http_run(c.e, 10000, &err), TD_OK);
    assert_int_equal(c.step, 2);
    assert_string_equal(c.r[0].body, "c");
    assert_string_equal(c.r[1].body, "c");
    result_free(&c.r[0]);
    result_free(&c.r[1]);
    http_engine_free(&c.e);
}

/* The program's own loop: a "keyboard" fd next to libcurl's sockets keeps
 * being served while the request is on its way. */
static void
test_poll_loop(void **state)
{
    struct fixture *f = *state;
    struct http_engine *e = engine(NULL);
    struct result r = {0};
    struct pollfd fds[16];
    int keys[2], served = 0;
    char c;
    const struct http_transport t = http_engine_transport(e);

    assert_int_equal(pipe(keys), 0);
    assert_string_equal(t.ops->name, "curl");
    assert_int_equal(http_transport_submit(&t, request(f, "GET", "/loop", &r),
                                           NULL), TD_OK);
    assert_int_equal(t.ops->in_flight(t.impl), 1);
    while (r.calls == 0) {
        size_t n;
        long timeout;

        /* A key press arrives every turn until the answer does. */
        assert_int_equal(write(keys[1], "k", 1), 1);
        fds[0].fd = keys[0];
        fds[0].events = POLLIN;
        fds[0].revents = 0;
        n = t.ops->pollfds(t.impl, fds + 1, 15);
        assert_true(n <= 15);
        timeout = t.ops->timeout_ms(t.impl);
        assert_true(poll(fds, n + 1, (int)timeout) >= 0);
        if (fds[0].revents & POLLIN) {
            assert_int_equal(read(keys[0], &c, 1), 1);
            served++;
            usleep(10000);
        }
        t.ops->dispatch(t.impl, fds + 1, n);
    }
    assert_int_equal(r.result, TD_OK);
    assert_true(served >= 5);
    close(keys[0]);
    close(keys[1]);
    result_free(&r);
    http_engine_free(&e);
}

/* Verification is always on: a self-signed certificate fails, and passes
 * only once its CA file is configured. */
static void
test_tls_verified(void **state)
{
    struct fixture *f = *state;
    char cert[160], key[160], log[160], base[64], cmd[600];
    struct http_opts o = { .seed = 1 };
    struct http_engine *e;
    struct result r = {0};
    struct http_request *req;
    char *url;
    pid_t pid;

    snprintf(cert, sizeof cert, "%s/cert.pem", f->dir);
    snprintf(key, sizeof key, "%s/key.pem", f->dir);
    snprintf(log, sizeof log, "%s/tls.jsonl", f->dir);
    snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey ec -pkeyopt "
             "ec_paramgen_curve:prime256v1 -nodes -keyout %s -out %s "
             "-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
             " >/dev/null 2>&1", key, cert);
    assert_int_equal(system(cmd), 0);
    pid = spawn_server(HTTP_SCRIPT, log, cert, key, base, sizeof base);
    assert_true(pid > 0);
    url = xasprintf("%s/json?page=2", base);

    assert_int_equal(http_engine_new(&o, &e, NULL), TD_OK);
    req = http_request_new("GET", url);
    req->done = on_done;
    req->ctx = &r;
    fetch(e, req, &r);
    http_engine_free(&e);
    assert_int_equal(r.result, TD_ENET);
    assert_non_null(strstr(r.error, "certificate"));
    assert_int_equal(r.attempts, 1);
    result_free(&r);

    o.ca_file = cert;
    assert_int_equal(http_engine_new(&o, &e, NULL), TD_OK);
    req = http_request_new("GET", url);
    req->done = on_done;
    req->ctx = &r;
    fetch(e, req, &r);
    http_engine_free(&e);
    assert_int_equal(r.result, TD_OK);
    assert_string_equal(r.body, "{\"ok\": true, \"n\": 42}");
    result_free(&r);
    free(url);
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

static void
test_helpers(void **state)
{
    static const char *const params[] = {
        "q", "status:open type:ticket", "page", "2", "skip", NULL,
        "emoji", "caf\xc3\xa9", NULL,
    };
    char *s;
    char date[64];
    time_t now = time(NULL), later = now + 30;
    struct tm tm;

    (void)state;
    s = http_url_escape("a b/c?d=e&f~_.-");
    assert_string_equal(s, "a%20b%2Fc%3Fd%3De%26f~_.-");
    free(s);
    s = http_url_build("https://acme.zendesk.com/", "/api/v2/search.json",
                       params);
    assert_string_equal(s, "https://acme.zendesk.com/api/v2/search.json"
                           "?q=status%3Aopen%20type%3Aticket&page=2"
                           "&emoji=caf%C3%A9");
    free(s);
    s = http_url_build("https://h/x?a=1", NULL, params + 2);
    assert_string_equal(s, "https://h/x?a=1&page=2&emoji=caf%C3%A9");
    free(s);

    assert_int_equal(http_retry_after_parse("1", now), 1);
    assert_int_equal(http_retry_after_parse(" 120 ", now), 120);
    assert_int_equal(http_retry_after_parse("soon", now), -1);
    assert_int_equal(http_retry_after_parse("1x", now), -1);
    assert_int_equal(http_retry_after_parse(NULL, now), -1);
    gmtime_r(&later, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    assert_int_equal(http_retry_after_parse(date, now), 30);
    assert_int_equal(http_retry_after_parse(
                         "Wed, 21 Oct 2015 07:28:00 GMT", now), 0);

    assert_int_equal(http_status_result(200), TD_OK);
    assert_int_equal(http_status_result(204), TD_OK);
    assert_int_equal(http_status_result(304), TD_OK);
    assert_int_equal(http_status_result(401), TD_EAUTH);
    assert_int_equal(http_status_result(403), TD_EPERM);
    assert_int_equal(http_status_result(404), TD_ENOTFOUND);
    assert_int_equal(http_status_result(409), TD_ECONFLICT);
    assert_int_equal(http_status_result(412), TD_ECONFLICT);
    assert_int_equal(http_status_result(422), TD_EINVAL);
    assert_int_equal(http_status_result(429), TD_ERATE);
    assert_int_equal(http_status_result(503), TD_ENET);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_json),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_methods),
        cmocka_unit_test(test_gzip),
        cmocka_unit_test(test_404_401),
        cmocka_unit_test(test_429_get_retried),
        cmocka_unit_test(test_429_post_not_retried),
        cmocka_unit_test(test_5xx_backoff),
        cmocka_unit_test(test_dropped),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_parallel),
        cmocka_unit_test(test_plain_http_refused),
        cmocka_unit_test(test_redact_lines),
        cmocka_unit_test(test_debug_log_redacted),
        cmocka_unit_test(test_rate_budget),
        cmocka_unit_test(test_submit_from_callback),
        cmocka_unit_test(test_poll_loop),
        cmocka_unit_test(test_tls_verified),
        cmocka_unit_test(test_helpers),
    };

    /* The server outlives every test; SIGPIPE from a dropped socket must
     * not end the run (libcurl avoids it, this is belt and braces). */
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, server_start, server_stop);
}
