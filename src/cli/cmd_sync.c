/* cmd_sync.c: sync accounts from the command line and list their state. */
#include "cli/cmd_sync.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "commerce/commerce.h"
#include "cli/cli.h"
#include "cli/cmd_classify.h"
#include "drivers/driver.h"
#include "net/json.h"
#include "store/store.h"
#include "util/sanitize.h"
#include "util/timeutil.h"

struct sync_progress {
    const char *account;
    int tty;
};

static void
sync_progress(void *ctx, size_t done, size_t total)
{
    struct sync_progress *p = ctx;

    if (total)
        fprintf(stderr, "%s%s: %zu/%zu tickets%s", p->tty ? "\r" : "",
                p->account, done, total, p->tty ? "" : "\n");
    else
        fprintf(stderr, "%s%s: %zu tickets%s", p->tty ? "\r" : "", p->account,
                done, p->tty ? "" : "\n");
}

int
cmd_sync(struct app *app, int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    int failed = 0, found = 0;

    if (argc > 2)
        return cli_fail("usage: ttydesk sync [ACCOUNT]"), 2;
    for (size_t i = 0; i < app->n_accounts; i++) {
        struct account *a = app->accounts[i];
        struct sync_progress p = { a->name, isatty(2) };
        struct td_error err;

        if (only && strcmp(only, a->name) != 0)
            continue;
        found = 1;
        if (drv_sync(a, app->store, sync_progress, &p, &err) != TD_OK) {
            if (p.tty)
                fputc('\n', stderr);
            cli_fail("sync %s: %s", a->name, err.msg);
            failed = 1;
            continue;
        }
        if (p.tty)
            fputc('\n', stderr);
        fprintf(stderr, "%s: synced\n", a->name);
    }
    if (only && !found)
        return cli_fail("no account named '%s' (see ttydesk accounts)", only);
    classify_pending_all(app);
    return failed;
}

static const char *
account_state(const struct account_row *r, const struct app *app)
{
    for (size_t i = 0; i < app->n_accounts; i++)
        if (strcmp(app->accounts[i]->name, r->name) == 0) {
            if (r->last_error)
                return "offline";
            return r->last_sync ? "online" : "never synced";
        }
    /* Shops and trackers are looked up per ticket, never synced. */
    for (size_t i = 0; i < app->n_sources; i++)
        if (strcmp(app->sources[i]->name, r->name) == 0)
            return app->sources[i]->prov->is_tracker ? "tracker" : "shop";
    return "not configured";
}

int
cmd_accounts(struct app *app, int argc, char **argv)
{
    struct account_row *rows = NULL;
    struct td_error err;
    size_t n = 0;
    int json = argc > 1 && strcmp(argv[1], "--json") == 0;

    if (argc > 2 || (argc == 2 && !json))
        return cli_fail("usage: ttydesk accounts [--json]"), 2;
    if (store_accounts(app->store, &rows, &n, &err) != TD_OK)
        return cli_fail("%s", err.msg);
    if (json) {
        cJSON *arr = cJSON_CreateArray();

        for (size_t i = 0; i < n; i++) {
            cJSON *o = cJSON_CreateObject();

            cJSON_AddStringToObject(o, "name", rows[i].name);
            cJSON_AddStringToObject(o, "driver", rows[i].driver);
            json_add_str(o, "url", rows[i].url);
            cJSON_AddStringToObject(o, "state", account_state(&rows[i], app));
            json_add_time(o, "last_sync", rows[i].last_sync);
            json_add_str(o, "last_error", rows[i].last_error);
            cJSON_AddNumberToObject(o, "tickets", (double)rows[i].n_tickets);
            cJSON_AddItemToArray(arr, o);
        }
        cli_print_json(arr);
    } else {
        printf("%-12s %-10s %-14s %-8s %-20s %s\n", "NAME", "DRIVER", "STATE",
               "TICKETS", "LAST SYNC", "URL");
        for (size_t i = 0; i < n; i++) {
            char iso[TIME_ISO_LEN];
            char *url = sanitize_str(rows[i].url, 0);

            time_format_iso(rows[i].last_sync, iso);
            printf("%-12s %-10s %-14s %-8lld %-20s %s\n", rows[i].name,
                   rows[i].driver, account_state(&rows[i], app),
                   (long long)rows[i].n_tickets, iso[0] ? iso : "-", url);
            if (rows[i].last_error) {
                char *e = sanitize_str(rows[i].last_error, 0);

                printf("    last error: %s\n", e);
                free(e);
            }
            free(url);
        }
    }
    account_rows_free(&rows, n);
    return 0;
}
