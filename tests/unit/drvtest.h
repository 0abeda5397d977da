/* drvtest.h: the loopback-server fixture shared by the network driver tests.
 * Header-only (static inline) because each tests/unit/test_*.c is built as
 * one program; include it after <cmocka.h>. */
#ifndef TD_DRVTEST_H
#define TD_DRVTEST_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config/config.h"
#include "drivers/driver.h"
#include "net/http.h"
#include "util/xmalloc.h"

#define DRVTEST_LOOPBACK "tests/drivers/loopback.py"

/* One loopback.py for a whole test group, and one HTTP engine. */
struct drvtest {
    char dir[64];
    char log[128];
    char base[64];
    const char *script;
    pid_t pid;
    struct http_engine *http;
    struct http_transport t;
};

/* Start loopback.py on SCRIPT; its first line is the port. */
static inline pid_t
drvtest_spawn(const char *script, const char *log, char *base, size_t size)
{
    int pfd[2];
    char line[32];
    FILE *fp;
    char *end;
    long port;
    pid_t pid;

    if (pipe(pfd) != 0)
        return -1;
    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        dup2(pfd[1], STDOUT_FILENO);
        close(pfd[0]);
        close(pfd[1]);
        execlp("python3", "python3", DRVTEST_LOOPBACK, script, log,
               (char *)NULL);
        _exit(127);
    }
    close(pfd[1]);
    fp = fdopen(pfd[0], "r");
    if (fp == NULL || fgets(line, sizeof line, fp) == NULL) {
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
    snprintf(base, size, "http://127.0.0.1:%ld", port);
    return pid;
}

/* A group's setup: temp dir, server on script, engine with quick retries. */
static inline int
drvtest_setup(void **state, const char *script, const char *tag)
{
    struct drvtest *f = xcalloc(1, sizeof *f);
    struct http_opts o = {
        .connect_timeout_ms = 2000,
        .timeout_ms = 5000,
        .max_attempts = 3,
        .backoff_base_ms = 50,
        .backoff_max_ms = 200,
        .seed = 7,
    };
    struct td_error err;

    *state = f;
    f->script = script;
    snprintf(f->dir, sizeof f->dir, "/tmp/ttydesk-%s.XXXXXX", tag);
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->log, sizeof f->log, "%s/requests.jsonl", f->dir);
    f->pid = drvtest_spawn(script, f->log, f->base, sizeof f->base);
    if (f->pid <= 0 || http_engine_new(&o, &f->http, &err) != TD_OK)
        return -1;
    f->t = http_engine_transport(f->http);
    return 0;
}

/* Stop the server, then let it say whether every request matched
 * exactly and every expected one came (loopback.py --check). */
static inline int
drvtest_teardown(void **state)
{
    struct drvtest *f = *state;
    char cmd[300];
    int rc = 0;

    http_engine_free(&f->http);
    if (f->pid > 0) {
        kill(f->pid, SIGTERM);
        waitpid(f->pid, NULL, 0);
        snprintf(cmd, sizeof cmd, "python3 %s --check %s %s",
                 DRVTEST_LOOPBACK, f->script, f->log);
        rc = system(cmd);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        rc = -1;
    free(f);
    return rc == 0 ? 0 : -1;
}

/* An account of driver on a base path of the server; the test fills kv
 * (and def.n_opts) between drvtest_acct_init and drvtest_acct_new. */
struct acct {
    struct account_def def;
    struct config_kv kv[4];
    struct account *a;
};

static inline void
drvtest_acct_init(struct drvtest *f, struct acct *ac, char *driver,
                  char *name, const char *path)
{
    memset(ac, 0, sizeof *ac);
    ac->def.kind = "account";
    ac->def.name = name;
    ac->def.driver = driver;
    ac->def.url = xasprintf("%s%s", f->base, path);
    ac->def.opts = ac->kv;
}

static inline enum td_status
drvtest_acct_new(struct drvtest *f, struct acct *ac, struct td_error *err)
{
    if (drv_account_new(&ac->def, &ac->a, err) != TD_OK)
        return err->status;
    ac->a->http = &f->t;
    return TD_OK;
}

static inline void
acct_close(struct acct *ac)
{
    drv_account_free(&ac->a);
    free(ac->def.url);
}

/* A sink that keeps what a sync feeds it. */
struct got {
    struct ticket tickets[8];
    size_t n_tickets;
    int pages;
    const char *cursor_key; /* the cursor the driver must use */
    char *cursor_in;        /* what cursor_get answers */
    char *cursor_out;       /* the last cursor_set */
    size_t progress_done, progress_total;
    int calls;
    enum td_status rc;
    char msg[TD_ERROR_MAX];
};

/* Move what the driver built into the sink's copy: the driver clears its
 * own after the call. */
static inline enum td_status
got_ticket(void *ctx, struct ticket *t, struct td_error *err)
{
    struct got *g = ctx;

    (void)err;
    assert_true(g->n_tickets < 8);
    g->tickets[g->n_tickets++] = *t;
    memset(t, 0, sizeof *t);
    return TD_OK;
}

static inline enum td_status
got_page(void *ctx, struct td_error *err)
{
    struct got *g = ctx;

    (void)err;
    g->pages++;
    return TD_OK;
}

static inline enum td_status
got_cursor_get(void *ctx, const char *key, char **value, struct td_error *err)
{
    struct got *g = ctx;

    (void)err;
    assert_string_equal(key, g->cursor_key);
    *value = g->cursor_in ? xstrdup(g->cursor_in) : NULL;
    return TD_OK;
}

static inline enum td_status
got_cursor_set(void *ctx, const char *key, const char *value,
               struct td_error *err)
{
    struct got *g = ctx;

    (void)err;
    assert_string_equal(key, g->cursor_key);
    free(g->cursor_out);
    g->cursor_out = xstrdup(value);
    return TD_OK;
}

static inline void
got_progress(void *ctx, size_t done, size_t total)
{
    struct got *g = ctx;

    g->progress_done = done;
    g->progress_total = total;
}

static inline void
got_done(void *ctx, enum td_status rc, const char *remote_id,
         const struct td_error *err)
{
    struct got *g = ctx;

    assert_null(remote_id);
    g->calls++;
    g->rc = rc;
    snprintf(g->msg, sizeof g->msg, "%s", err ? err->msg : "");
}

static inline void
got_free(struct got *g)
{
    const char *key = g->cursor_key;

    for (size_t i = 0; i < g->n_tickets; i++)
        ticket_clear(&g->tickets[i]);
    free(g->cursor_out);
    memset(g, 0, sizeof *g);
    g->cursor_key = key;
}

/* Run an account's asynchronous sync on engine e until it calls back. */
static inline enum td_status
drvtest_sync(struct http_engine *e, struct account *a, struct got *g)
{
    struct sync_sink sink = {
        .ctx = g,
        .ticket = got_ticket,
        .page_done = got_page,
        .cursor_get = got_cursor_get,
        .cursor_set = got_cursor_set,
        .progress = got_progress,
    };
    struct td_error err;

    assert_non_null(a->drv->sync_start);
    assert_int_equal(a->drv->sync_start(a, &sink, got_done, g, &err), TD_OK);
    /* Started, not finished: the callback only comes from the loop. */
    assert_int_equal(g->calls, 0);
    assert_int_equal(http_run(e, 20000, &err), TD_OK);
    assert_int_equal(g->calls, 1);
    return g->rc;
}

/* How a test opens its driver's account on a base path of the server. */
typedef enum td_status (*drvtest_open_fn)(struct drvtest *f, struct acct *ac,
                                          const char *path,
                                          struct td_error *err);

/* Open the account on a base path, sync it on engine e (the fixture's
 * when NULL) into g, close it; the sync's outcome. */
static inline enum td_status
drvtest_sync_path(struct drvtest *f, struct http_engine *e,
                  drvtest_open_fn open, const char *path, struct got *g)
{
    struct http_engine *eng = e ? e : f->http;
    struct http_transport t = http_engine_transport(eng);
    struct acct ac;
    struct td_error err;
    enum td_status rc;

    assert_int_equal(open(f, &ac, path, &err), TD_OK);
    ac.a->http = &t;
    rc = drvtest_sync(eng, ac.a, g);
    acct_close(&ac);
    return rc;
}

/* The synced ticket with that backend id, NULL if it did not come. */
static inline const struct ticket *
drvtest_ticket(const struct got *g, const char *id)
{
    for (size_t i = 0; i < g->n_tickets; i++)
        if (g->tickets[i].external_id &&
            strcmp(g->tickets[i].external_id, id) == 0)
            return &g->tickets[i];
    return NULL;
}

static inline const struct message *
drvtest_msg(const struct ticket *t, const char *id)
{
    for (size_t i = 0; i < t->n_messages; i++)
        if (t->messages[i].external_id &&
            strcmp(t->messages[i].external_id, id) == 0)
            return &t->messages[i];
    return NULL;
}

#endif
