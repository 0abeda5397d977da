/* app.c: start-up in order: config, data directory, store, accounts, demo. */
#include "app.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "core/paths.h"
#include "drivers/driver.h"
#include "drivers/local.h"
#include "net/json.h"
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

/* Where the shipped data lives: $TTYDESK_DATADIR, the install prefix, the
 * prefix the binary sits in, or the source tree it was built in
 * (build/ttydesk -> ../demo). */
static char *
app_find_share(void)
{
    const char *env = getenv("TTYDESK_DATADIR");
    char exe[PATH_MAX], *cand;
    ssize_t n;

    if (env && *env)
        return xstrdup(env);
    if (is_dir(TTYDESK_DATADIR "/demo"))
        return xstrdup(TTYDESK_DATADIR);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;

        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL)
            *slash = '\0';
        /* Installed under another prefix than the one compiled in. */
        cand = paths_join(exe, "../share/ttydesk/demo");
        if (is_dir(cand)) {
            free(cand);
            return paths_join(exe, "../share/ttydesk");
        }
        free(cand);
        cand = paths_join(exe, "../demo");
        if (is_dir(cand)) {
            free(cand);
            return paths_join(exe, "..");
        }
        free(cand);
    }
    return xstrdup(TTYDESK_DATADIR);
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
        app->notice = xasprintf("Demo workspace: add your helpdesk with an "
                                "'account' line in %s (man ttydeskrc)",
                                app->config_file);
    }
out:
    free(src);
    free(dst);
    return rc;
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
    return TD_OK;
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
    /* After the accounts: they borrow it. */
    http_engine_free(&app->http);
    store_close(&app->store);
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
