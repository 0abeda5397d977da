/* app.h: the one struct that holds the program's state, and its start-up steps. */
#ifndef TD_APP_H
#define TD_APP_H

#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

#include "net/http.h"

struct account;
struct assist;
struct config;
struct csource;
struct return_rules;
struct store;

/* Everything that lives for the whole run. There are no other globals:
 * each layer is handed what it needs from here. */
struct app {
    struct config *cfg;
    char *config_file;          /* the rc file read (may not exist) */
    char *data_dir;             /* $XDG_DATA_HOME/ttydesk */
    char *store_path;
    char *share_dir;            /* where demo/, themes/, keymaps/ are */
    struct store *store;
    struct account **accounts;
    size_t n_accounts;
    struct csource **sources;   /* shops and trackers (commerce.h) */
    struct return_rules *returns;   /* return windows (core/returns.h) */
    size_t n_sources;
    int is_demo;                /* no account configured: the demo runs */
    int readonly;
    FILE *debug;                /* -d FILE, NULL when off */
    /* The one HTTP engine, made on first need by app_http (a run with
     * only local accounts never starts libcurl); every network account
     * borrows http_transport. */
    struct http_engine *http;
    struct http_transport http_transport;
    char *notice;               /* a first message for the status bar */
    /* The language and intent models, loaded once by app_open (NULL
     * when they are missing: nothing is classified then); the store
     * borrows them. */
    struct assist *assist;
};

/* Read the rc file (rc_file NULL = the default one). Config errors do not
 * fail this: they are in app->cfg->errors for the caller to show. */
enum td_status app_load_config(struct app *app, const char *rc_file,
                               struct td_error *err);

/* Make the data directory (0700), open the store, set up the accounts
 * (installing the demo workspace on a first run without any). */
enum td_status app_open(struct app *app, struct td_error *err);

/* Sync every account whose backend is local files (cheap and offline);
 * failures are recorded on the account and reported through err. */
enum td_status app_sync_local(struct app *app, struct td_error *err);

/* The app's HTTP engine, created on the first call with the -d log;
 * NULL (err set) if libcurl cannot start. The console polls it with
 * http_pollfds/http_timeout_ms/http_dispatch. */
struct http_engine *app_http(struct app *app, struct td_error *err);

/* The account called name, NULL if none. */
struct account *app_account(struct app *app, const char *name);

/* Release everything; the app can be reused after app_free. */
void app_free(struct app *app);

#endif
