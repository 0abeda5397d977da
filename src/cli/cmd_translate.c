/* cmd_translate.c: `ttydesk translate --to L [--from L] [--provider NAME]
 * [--json] < text`: one text on stdin, its translation on stdout, through
 * the same translators, cache and engine as the console. */
#include "cli/cmd_translate.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "config/config.h"
#include "core/paths.h"
#include "net/json.h"
#include "store/store.h"
#include "translate/translate.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* A translation that has not come back in this long has failed. */
#define CMD_TRANSLATE_WAIT_MS (10L * 60 * 1000)

struct translate_out {
    int done;
    enum td_status status;
    char *text;
    char *src;
    char *to;
    char *error;
    long retry_after;
    int cached;
};

static void
translate_done(void *ctx, const struct tr_result *res)
{
    struct translate_out *o = ctx;

    o->done = 1;
    o->status = res->status;
    o->text = res->text ? xstrdup(res->text) : NULL;
    o->src = res->src ? xstrdup(res->src) : NULL;
    o->to = xstrdup(res->to);
    o->error = xstrdup(res->error);
    o->retry_after = res->retry_after_s;
    o->cached = res->cached;
}

/* The store holds the cache; without accounts nothing else is opened
 * (no demo install, no sync): scripts call this often. A store that
 * cannot open only costs the cache. */
static void
translate_open_store(struct app *app)
{
    struct td_error err;

    if (app->store)
        return;
    app->data_dir = paths_data_dir();
    if (paths_ensure_private_dir(app->data_dir, &err) != TD_OK)
        return;
    app->store_path = paths_join(app->data_dir, "store.db");
    if (store_open(app->store_path, &app->store, &err) != TD_OK)
        fprintf(stderr, "ttydesk: warning: no cache: %s\n", err.msg);
}

static int
translate_usage(void)
{
    fputs("usage: ttydesk translate [--to LANG] [--from LANG] "
          "[--provider NAME] [--json] < TEXT\n", stderr);
    return 2;
}

static void
translate_print(const struct translate_out *o, const char *provider,
                int json)
{
    cJSON *doc;

    if (!json) {
        if (o->status == TD_OK)
            printf("%s\n", o->text);
        return;
    }
    doc = cJSON_CreateObject();
    cJSON_AddBoolToObject(doc, "ok", o->status == TD_OK);
    json_add_str(doc, "text", o->text);
    json_add_str(doc, "from", o->src);
    json_add_str(doc, "to", o->to);
    json_add_str(doc, "provider", provider);
    cJSON_AddBoolToObject(doc, "cached", o->cached);
    if (o->status != TD_OK) {
        json_add_str(doc, "error", o->error);
        json_add_str(doc, "status", td_status_name(o->status));
        if (o->retry_after >= 0)
            cJSON_AddNumberToObject(doc, "retry_after", o->retry_after);
    }
    cli_print_json(doc);
}

int
cmd_translate(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "to", required_argument, NULL, 't' },
        { "from", required_argument, NULL, 'f' },
        { "provider", required_argument, NULL, 'p' },
        { "json", no_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    const char *to = NULL, *from = NULL, *provider = NULL;
    struct translate_out out = { .retry_after = -1 };
    struct tr_hub *hub = NULL;
    struct tr_service *svc;
    const char *const *errs;
    struct td_error err;
    struct buf in;
    char chunk[8192];
    size_t n, n_errs;
    int c, json = 0, status = 1;

    optind = 1;
    while ((c = getopt_long(argc, argv, "t:f:p:j", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            to = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        case 'p':
            provider = optarg;
            break;
        case 'j':
            json = 1;
            break;
        default:
            return translate_usage();
        }
    }
    if (optind != argc)
        return translate_usage();
    if (to == NULL)
        to = config_str(app->cfg, OPT_TRANSLATE_TO);
    buf_init(&in, TR_TEXT_MAX);
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (buf_add(&in, chunk, n) != 0) {
            buf_free(&in);
            fprintf(stderr, "ttydesk: translate: the text is over %zu "
                    "bytes\n", TR_TEXT_MAX);
            return 2;
        }
    }
    translate_open_store(app);
    td_error_clear(&err);
    if (tr_config_needs_http(app->cfg) && app_http(app, &err) == NULL) {
        fprintf(stderr, "ttydesk: translate: %s\n", err.msg);
        buf_free(&in);
        return 1;
    }
    hub = tr_hub_new(app->cfg, app->store,
                     app->http ? &app->http_transport : NULL);
    errs = tr_hub_errors(hub, &n_errs);
    for (size_t i = 0; i < n_errs; i++)
        fprintf(stderr, "%s\n", errs[i]);
    if ((svc = tr_hub_translator(hub, provider, &err)) == NULL) {
        fprintf(stderr, "ttydesk: translate: %s\n", err.msg);
        status = CMD_TRANSLATE_NOCONF;
        goto out;
    }
    if (tr_translate(hub, svc, buf_str(&in), from, to, translate_done, &out,
                     &err) != TD_OK) {
        fprintf(stderr, "ttydesk: translate: %s\n", err.msg);
        status = err.status == TD_EINVAL || err.status == TD_ETOOBIG ? 2 : 1;
        goto out;
    }
    if (tr_hub_run(hub, CMD_TRANSLATE_WAIT_MS, &err) != TD_OK ||
        !out.done) {
        fprintf(stderr, "ttydesk: translate: %s\n", err.msg);
        goto out;
    }
    translate_print(&out, svc->name, json);
    if (out.status == TD_OK) {
        status = 0;
    } else {
        fprintf(stderr, "ttydesk: translate: %s: %s\n", svc->name,
                out.error);
        status = out.status == TD_ERATE ? CMD_TRANSLATE_RATE : 1;
    }
out:
    /* The engine goes first: nothing may call back into a freed hub. */
    http_engine_free(&app->http);
    tr_hub_free(&hub);
    buf_free(&in);
    free(out.text);
    free(out.src);
    free(out.to);
    free(out.error);
    return status;
}
