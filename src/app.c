/* app.c: start-up in order: config, data directory, store, accounts, demo. */
#include "app.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commerce/commerce.h"
#include "config/config.h"
#include "core/assist.h"
#include "core/paths.h"
#include "core/returns.h"
#include "drivers/driver.h"
#include "drivers/local.h"
#include "net/json.h"
#include "store/classify.h"
#include "store/store.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

#define APP_DEMO_NAME "demo"

enum td_status
app_load_config(struct app *app, const char *rc_file, struct td_error *err)
{
    enum td_status rc;

    app->cfg = config_new();
    if (rc_file) {
        app->config_file = paths_expand(rc_file);
    } else {
        char *dir = paths_config_dir();

        app->config_file = paths_join(dir, "ttydeskrc");
        free(dir);
    }
    rc = config_load_file(app->cfg, app->config_file, err);
    if (rc == TD_ENOTFOUND && rc_file == NULL) {
        td_error_clear(err);
        rc = TD_OK;     /* no rc file: defaults and the demo */
    }
    if (rc == TD_OK && config_int(app->cfg, OPT_READONLY))
        app->readonly = 1;
    return rc;
}

static int
is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where the shipped data lives (core/paths.c). */
static char *
app_find_share(void)
{
    return paths_share_dir();
}

static void
app_add_account(struct app *app, struct account *a)
{
    app->accounts = xreallocarray(app->accounts, app->n_accounts + 1,
                                  sizeof *app->accounts);
    app->accounts[app->n_accounts++] = a;
}

/* In the demo the agent is the workspace's "me", so that replies, notes
 * and assignee:me read as they would for a real agent. */
static void
app_demo_agent(struct app *app, const char *dir)
{
    char *path = paths_join(dir, "workspace.json"), *line;
    struct td_error err;
    const char *me;
    cJSON *ws = NULL;

    if (*config_str(app->cfg, OPT_AGENT_NAME) == '\0' &&
        json_load_file(path, (size_t)1 << 20, &ws, &err) == TD_OK &&
        (me = json_str(ws, "me")) != NULL && strpbrk(me, "\"\\\n") == NULL) {
        line = xasprintf("set agent_name = \"%s\"", me);
        (void)config_exec_line(app->cfg, line, "(demo)", 1, &err);
        free(line);
    }
    cJSON_Delete(ws);
    free(path);
}

/* First run without accounts: copy the demo workspace into the data
 * directory and use it as the one account. */
static enum td_status
app_setup_demo(struct app *app, struct td_error *err)
{
    char *src = paths_join(app->share_dir, "demo");
    char *dst = paths_join(app->data_dir, "demo");
    char line[PATH_MAX + 64];
    enum td_status rc = TD_OK;
    struct account *a = NULL;

    if (!is_dir(dst)) {
        if (!is_dir(src)) {
            rc = td_error_set(err, TD_ENOTFOUND,
                              "no account configured and no demo workspace "
                              "at %s (set TTYDESK_DATADIR)", src);
            goto out;
        }
        if ((rc = local_install_workspace(src, dst, time_now(), err)))
            goto out;
    }
    /* Declared through the config language like any account, so that
     * --dump-config and the status bar see an ordinary account. */
    snprintf(line, sizeof line, "account %s local \"%s\"", APP_DEMO_NAME, dst);
    if ((rc = config_exec_line(app->cfg, line, "(demo)", 1, err)) != TD_OK)
        goto out;
    app_demo_agent(app, dst);
    rc = drv_account_new(&app->cfg->accounts[app->cfg->n_accounts - 1], &a,
                         err);
    if (rc == TD_OK) {
        app_add_account(app, a);
        app->is_demo = 1;
        free(app->notice);
        app->notice = xasprintf("Demo workspace: add your helpdesk with an "
                                "'account' line in %s (man ttydeskrc)",
                                app->config_file);
    }
out:
    free(src);
    free(dst);
    return rc;
}

static void
app_config_error(struct app *app, const struct account_def *def,
                 const char *msg)
{
    size_t n = app->cfg->n_errors;

    app->cfg->errors = xreallocarray(app->cfg->errors, n + 1,
                                     sizeof *app->cfg->errors);
    /* Commerce errors name their line already. */
    app->cfg->errors[n] = strncmp(msg, def->file, strlen(def->file)) == 0
                              ? xstrdup(msg)
                              : xasprintf("%s:%d: %s", def->file, def->line,
                                          msg);
    app->cfg->n_errors++;
}

/* The return windows: the agent's own rules file if there is one, else
 * the one shipped in the share directory. Bad lines are config errors. */
static void
app_load_returns(struct app *app)
{
    char *dir = paths_config_dir();
    char *path = paths_join(dir, "returns.rules");
    char **errs = NULL;
    size_t n_errs = 0;
    struct td_error e;

    if (access(path, F_OK) != 0) {
        free(path);
        path = paths_join(app->share_dir, "rules/returns.rules");
    }
    if (returns_load(path, &app->returns, &errs, &n_errs, &e) != TD_OK)
        n_errs = 0;
    for (size_t i = 0; i < n_errs; i++) {
        size_t n = app->cfg->n_errors;

        app->cfg->errors = xreallocarray(app->cfg->errors, n + 1,
                                         sizeof *app->cfg->errors);
        app->cfg->errors[n] = errs[i];
        app->cfg->n_errors++;
    }
    free(errs);
    free(path);
    free(dir);
}

/* The shop and tracker lines: each a source with an accounts row of its
 * own in the store (its orders and parcels hang from it). A broken one is
 * reported against its line and the others work. */
static enum td_status
app_open_sources(struct app *app, struct td_error *err)
{
    enum td_status rc;

    for (size_t i = 0; i < app->cfg->n_accounts; i++) {
        const struct account_def *def = &app->cfg->accounts[i];
        struct csource *c;
        struct td_error e;

        if (strcmp(def->kind, "shop") != 0 &&
            strcmp(def->kind, "tracker") != 0)
            continue;
        if (app_http(app, &e) == NULL ||
            csource_new(def, &app->http_transport, &c, &e) != TD_OK) {
            app_config_error(app, def, e.msg);
            continue;
        }
        if ((rc = store_account_ensure(app->store, c->name, c->prov->name,
                                       c->url, &c->store_id, err)) != TD_OK) {
            csource_free(&c);
            return rc;
        }
        app->sources = xreallocarray(app->sources, app->n_sources + 1,
                                     sizeof *app->sources);
        app->sources[app->n_sources++] = c;
    }
    app_load_returns(app);
    return TD_OK;
}

/* Any `account` line, even a broken one, means the user left the demo. */
static int
app_has_accounts(const struct config *cfg)
{
    for (size_t i = 0; i < cfg->n_accounts; i++)
        if (strcmp(cfg->accounts[i].kind, "account") == 0)
            return 1;
    return 0;
}

/* The models are an aid: without them the console and the CLI work as
 * before and nothing new is classified; the status bar says why. */
static void
app_load_assist(struct app *app)
{
    struct td_error e;

    td_error_clear(&e);
    if (assist_load(app->share_dir, &app->assist, &e) != TD_OK) {
        if (app->debug)
            fprintf(app->debug, "assist: %s\n", e.msg);
        if (app->notice == NULL)
            app->notice = xasprintf("language and intent off: %s", e.msg);
        return;
    }
    store_set_assist(app->store, app->assist);
}

enum td_status
app_open(struct app *app, struct td_error *err)
{
    enum td_status rc;
    int64_t id;

    app->data_dir = paths_data_dir();
    app->share_dir = app_find_share();
    if ((rc = paths_ensure_private_dir(app->data_dir, err)) != TD_OK)
        return rc;
    app->store_path = paths_join(app->data_dir, "store.db");
    if ((rc = store_open(app->store_path, &app->store, err)) != TD_OK)
        return rc;
    app_load_assist(app);
    /* The rc file's SLA policies may have changed since the last run. */
    if ((rc = store_sla_apply(app->store, app->cfg->sla, err)) != TD_OK)
        return rc;
    for (size_t i = 0; i < app->cfg->n_accounts; i++) {
        const struct account_def *def = &app->cfg->accounts[i];
        struct account *a;
        struct td_error aerr;

        if (strcmp(def->kind, "account") != 0)
            continue;
        /* A broken account must not keep the others from working. */
        if (drv_account_new(def, &a, &aerr) != TD_OK) {
            size_t n = app->cfg->n_errors;

            app->cfg->errors = xreallocarray(app->cfg->errors, n + 1,
                                             sizeof *app->cfg->errors);
            app->cfg->errors[n] = xasprintf("%s:%d: %s", def->file, def->line,
                                            aerr.msg);
            app->cfg->n_errors++;
            continue;
        }
        /* A network account without an engine could only fail later;
         * say so now, against its rc line. */
        if (drv_account_is_net(a)) {
            if (app_http(app, &aerr) == NULL) {
                size_t n = app->cfg->n_errors;

                app->cfg->errors = xreallocarray(app->cfg->errors, n + 1,
                                                 sizeof *app->cfg->errors);
                app->cfg->errors[n] = xasprintf("%s:%d: %s", def->file,
                                                def->line, aerr.msg);
                app->cfg->n_errors++;
                drv_account_free(&a);
                continue;
            }
            a->http = &app->http_transport;
        }
        app_add_account(app, a);
    }
    if (app->n_accounts == 0 && !app_has_accounts(app->cfg) &&
        (rc = app_setup_demo(app, err)) != TD_OK)
        return rc;
    for (size_t i = 0; i < app->n_accounts; i++) {
        struct account *a = app->accounts[i];

        if ((rc = store_account_ensure(app->store, a->name, a->drv->name,
                                       a->url, &id, err)) != TD_OK)
            return rc;
        a->store_id = id;
    }
    return app_open_sources(app, err);
}

enum td_status
app_sync_local(struct app *app, struct td_error *err)
{
    enum td_status rc = TD_OK;

    for (size_t i = 0; i < app->n_accounts; i++) {
        struct account *a = app->accounts[i];
        struct td_error e;

        if (strcmp(a->drv->name, "local") != 0)
            continue;
        if (drv_sync(a, app->store, NULL, NULL, &e) != TD_OK && rc == TD_OK)
            rc = td_error_set(err, e.status, "%s", e.msg);
    }
    return rc;
}

struct http_engine *
app_http(struct app *app, struct td_error *err)
{
    struct http_opts o = {
        .debug = app->debug,
    };

    if (app->http == NULL) {
        if (http_engine_new(&o, &app->http, err) != TD_OK)
            return NULL;
        app->http_transport = http_engine_transport(app->http);
    }
    return app->http;
}

struct account *
app_account(struct app *app, const char *name)
{
    for (size_t i = 0; i < app->n_accounts; i++)
        if (strcmp(app->accounts[i]->name, name) == 0)
            return app->accounts[i];
    return NULL;
}

void
app_free(struct app *app)
{
    for (size_t i = 0; i < app->n_accounts; i++)
        drv_account_free(&app->accounts[i]);
    free(app->accounts);
    for (size_t i = 0; i < app->n_sources; i++)
        csource_free(&app->sources[i]);
    free(app->sources);
    returns_free(&app->returns);
    /* After the accounts: they borrow it. */
    http_engine_free(&app->http);
    store_close(&app->store);
    assist_free(&app->assist);      /* after the store that borrows it */
    config_free(&app->cfg);
    free(app->config_file);
    free(app->data_dir);
    free(app->store_path);
    free(app->share_dir);
    free(app->notice);
    if (app->debug)
        fclose(app->debug);
    memset(app, 0, sizeof *app);
}
