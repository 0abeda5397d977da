/* cmd_template.c: list, show and render canned replies from the command
 * line; the ticket's data comes from the store, the engine is core's.
 * `ttydesk reply ID --template NAME [--var k=v] [--lang L] [--dry-run]`
 * (issue 6) is still to come in cmd_outbox.c: it should build the values
 * with ticket_vars() below (move it to a shared cli file then), refuse
 * unless template_render() returns TD_OK, and apply the template's status
 * and type (public or note) to the queued reply. */
#include "cli/cmd_template.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "app.h"
#include "cli/cli.h"
#include "config/config.h"
#include "core/template.h"
#include "core/tfile.h"
#include "drivers/cimport.h"
#include "drivers/driver.h"
#include "core/tlocale.h"
#include "store/store.h"
#include "store/tvload.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

#define USAGE_LIST "template list [--json] [--lang L]"
#define USAGE_SHOW "template show NAME [--json]"
#define USAGE_RENDER                                                        \
    "template render NAME TICKET [--lang L] [--var k=v ...] [--json]"
#define USAGE_IMPORT "template import ACCOUNT [--dry-run] [--lang L] [--json]"

static void
print_errors(const struct tpl_library *lib)
{
    for (size_t i = 0; i < lib->errors.n; i++)
        fprintf(stderr, "%s\n", lib->errors.v[i]);
}

static int
has_language(const struct template *t, const char *lang)
{
    size_t n = tlocale_primary_len(lang);

    for (size_t i = 0; i < t->n_variants; i++)
        if (tlocale_primary_len(t->variants[i].lang) == n &&
            strncasecmp(t->variants[i].lang, lang, n) == 0)
            return 1;
    return 0;
}

static const char *
status_word(const struct template *t)
{
    return t->status < 0 ? "none" : ticket_status_name(t->status);
}

static cJSON *
strings_json(char **v, size_t n)
{
    cJSON *a = cJSON_CreateArray();

    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

static cJSON *
template_json(const struct template *t, int bodies)
{
    cJSON *o = cJSON_CreateObject(), *langs = cJSON_CreateArray();
    cJSON *ap = cJSON_CreateArray();

    cJSON_AddStringToObject(o, "id", t->id);
    cJSON_AddStringToObject(o, "name", t->name);
    if (t->code)
        cJSON_AddStringToObject(o, "code", t->code);
    else
        cJSON_AddNullToObject(o, "code");
    cJSON_AddStringToObject(o, "description",
                            t->description ? t->description : "");
    cJSON_AddStringToObject(o, "intent", t->intent ? t->intent : "");
    cJSON_AddItemToObject(o, "tags", strings_json(t->tags, t->n_tags));
    if (t->status < 0)
        cJSON_AddNullToObject(o, "status");
    else
        cJSON_AddStringToObject(o, "status", status_word(t));
    cJSON_AddStringToObject(o, "type", t->is_note ? "note" : "public");
    for (int c = 0; c < CH_COUNT; c++)
        if (t->approved & (1u << c))
            cJSON_AddItemToArray(ap, cJSON_CreateString(channel_name(c)));
    cJSON_AddItemToObject(o, "approved", ap);
    for (size_t i = 0; i < t->n_variants; i++) {
        if (bodies) {
            cJSON *v = cJSON_CreateObject();
            struct trender_list prompts = { 0 };

            trender_prompts(t->variants[i].body, &prompts);
            cJSON_AddStringToObject(v, "language", t->variants[i].lang);
            cJSON_AddStringToObject(v, "body", t->variants[i].body);
            cJSON_AddItemToObject(v, "prompts",
                                  strings_json(prompts.v, prompts.n));
            trender_list_free(&prompts);
            cJSON_AddItemToArray(langs, v);
        } else {
            cJSON_AddItemToArray(langs,
                                 cJSON_CreateString(t->variants[i].lang));
        }
    }
    cJSON_AddItemToObject(o, bodies ? "variants" : "languages", langs);
    cJSON_AddStringToObject(o, "path", t->path);
    return o;
}

static int
template_list(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "lang", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    struct tpl_library lib = { 0 };
    const char *lang = NULL;
    int json = 0, c;
    cJSON *arr;

    optind = 0;
    while ((c = getopt_long(argc, argv, "+jl:", opts, NULL)) != -1) {
        if (c == 'j')
            json = 1;
        else if (c == 'l')
            lang = optarg;
        else
            return cli_fail("usage: ttydesk " USAGE_LIST), 2;
    }
    if (optind < argc)
        return cli_fail("usage: ttydesk " USAGE_LIST), 2;
    tpl_library_load(&lib, app->share_dir);
    print_errors(&lib);
    arr = cJSON_CreateArray();
    if (!json)
        printf("%-20s %-6s %-6s %-8s %-26s %s\n", "ID", "CODE", "TYPE",
               "STATUS", "LANGUAGES", "NAME");
    for (size_t i = 0; i < lib.n; i++) {
        const struct template *t = lib.items[i];
        struct buf langs;
        char *code, *name;

        if (lang && !has_language(t, lang))
            continue;
        if (json) {
            cJSON_AddItemToArray(arr, template_json(t, 0));
            continue;
        }
        buf_init(&langs, 0);
        for (size_t k = 0; k < t->n_variants; k++)
            (void)buf_printf(&langs, "%s%s", k ? "," : "",
                             t->variants[k].lang);
        code = sanitize_str(t->code ? t->code : "-", 0);
        name = sanitize_str(t->name, 0);
        printf("%-20s %-6s %-6s %-8s %-26s %s\n", t->id, code,
               t->is_note ? "note" : "public", status_word(t),
               buf_str(&langs), name);
        free(code);
        free(name);
        buf_free(&langs);
    }
    if (json)
        cli_print_json(arr);
    else
        cJSON_Delete(arr);
    tpl_library_free(&lib);
    return 0;
}

static int
template_show(struct app *app, int argc, char **argv)
{
    struct tpl_library lib = { 0 };
    const struct template *t;
    const char *name = NULL;
    int json = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (name == NULL && argv[i][0] != '-')
            name = argv[i];
        else
            return cli_fail("usage: ttydesk " USAGE_SHOW), 2;
    }
    if (name == NULL)
        return cli_fail("usage: ttydesk " USAGE_SHOW), 2;
    tpl_library_load(&lib, app->share_dir);
    print_errors(&lib);
    if ((t = tpl_library_find(&lib, name)) == NULL) {
        tpl_library_free(&lib);
        return cli_fail("template: no template '%s' (ttydesk template "
                        "list)", name);
    }
    if (json) {
        cli_print_json(template_json(t, 1));
    } else {
        char *head = xasprintf("%s  %s\n%s\ncode %s  type %s  status %s  "
                               "intent %s\n%s", t->id, t->name, t->path,
                               t->code ? t->code : "-",
                               t->is_note ? "note" : "public",
                               status_word(t), t->intent ? t->intent : "-",
                               t->description ? t->description : "");
        char *clean = sanitize_str(head, SAN_KEEP_NEWLINES);

        puts(clean);
        free(clean);
        free(head);
        /* A team's shared file is text, but not trusted with the tty. */
        for (size_t i = 0; i < t->n_variants; i++) {
            char *s = sanitize_str(t->variants[i].body,
                                   SAN_KEEP_NEWLINES | SAN_KEEP_TABS);

            printf("\n[%s]\n%s\n", t->variants[i].lang, s);
            free(s);
        }
    }
    tpl_library_free(&lib);
    return 0;
}

/* Build the variables for ticket id from the store; the caller clears v. */
static enum td_status
ticket_vars(struct app *app, int64_t id, struct tvars *v, enum channel *ch,
            char **lang, struct td_error *err)
{
    const char *agent = config_str(app->cfg, OPT_AGENT_NAME);

    return tvload_ticket(app->store, id, agent, v, ch, lang, err);
}

static cJSON *
render_json(const struct template *t, int64_t id, const struct tpl_result *r,
            enum td_status rc, enum channel ch)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "template", t->id);
    cJSON_AddNumberToObject(o, "ticket", (double)id);
    cJSON_AddStringToObject(o, "language", r->variant->lang);
    cJSON_AddStringToObject(o, "why", r->why);
    cJSON_AddBoolToObject(o, "ready", rc == TD_OK);
    cJSON_AddStringToObject(o, "text", buf_str(&r->r.text));
    cJSON_AddItemToObject(o, "unresolved",
                          strings_json(r->r.missing.v, r->r.missing.n));
    cJSON_AddItemToObject(o, "needs_input",
                          strings_json(r->r.inputs.v, r->r.inputs.n));
    if (t->status < 0)
        cJSON_AddNullToObject(o, "status");
    else
        cJSON_AddStringToObject(o, "status", status_word(t));
    cJSON_AddStringToObject(o, "type", t->is_note ? "note" : "public");
    cJSON_AddStringToObject(o, "channel", channel_name(ch));
    cJSON_AddBoolToObject(o, "approved_for_channel",
                          template_channel_ok(t, ch));
    return o;
}

static int
template_render_cmd(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "lang", required_argument, NULL, 'l' },
        { "var", required_argument, NULL, 'v' },
        { NULL, 0, NULL, 0 },
    };
    struct tpl_library lib = { 0 };
    struct tvars v = { 0 };
    struct tpl_result r;
    struct td_error err;
    const struct template *t;
    const char *lang = NULL;
    char *ticket_lang = NULL;
    char **vars = NULL;
    size_t n_vars = 0;
    enum channel ch = CH_OTHER;
    enum td_status rc;
    int64_t id;
    int json = 0, c, status = 0;

    optind = 0;
    while ((c = getopt_long(argc, argv, "jl:v:", opts, NULL)) != -1) {
        if (c == 'j') {
            json = 1;
        } else if (c == 'l') {
            lang = optarg;
        } else if (c == 'v' && strchr(optarg, '=') && *optarg != '=') {
            vars = xreallocarray(vars, n_vars + 1, sizeof *vars);
            vars[n_vars++] = optarg;
        } else {
            free(vars);
            if (c == 'v')
                return cli_fail("--var: '%s' is not name=value", optarg), 2;
            return cli_fail("usage: ttydesk " USAGE_RENDER), 2;
        }
    }
    if (argc - optind != 2) {
        free(vars);
        return cli_fail("usage: ttydesk " USAGE_RENDER), 2;
    }
    tpl_library_load(&lib, app->share_dir);
    print_errors(&lib);
    if ((t = tpl_library_find(&lib, argv[optind])) == NULL) {
        status = cli_fail("template: no template '%s' (ttydesk template "
                          "list)", argv[optind]);
        goto out;
    }
    if (cli_resolve_ticket(app, argv[optind + 1], &id, &err) != TD_OK ||
        ticket_vars(app, id, &v, &ch, &ticket_lang, &err) != TD_OK) {
        status = cli_fail("template: %s", err.msg);
        goto out;
    }
    for (size_t i = 0; i < n_vars; i++)
        (void)tvars_set(&v, vars[i]);
    /* --lang wins over the ticket's language. */
    rc = template_render(t, &v, lang ? lang : ticket_lang,
                         config_str(app->cfg, OPT_DEFAULT_LANGUAGE), &r,
                         &err);
    if (rc == TD_EPARSE) {
        status = cli_fail("template %s: %s", t->id, err.msg);
        goto out;
    }
    if (json) {
        cli_print_json(render_json(t, id, &r, rc, ch));
    } else if (rc == TD_OK) {
        char *s = sanitize_str(buf_str(&r.r.text),
                               SAN_KEEP_NEWLINES | SAN_KEEP_TABS);

        puts(s);
        free(s);
    }
    /* Stderr, so that stdout is the reply alone for reply --file. */
    fprintf(stderr, "ttydesk: template %s, %s: %s\n", t->id, r.variant->lang,
            r.why);
    if (!template_channel_ok(t, ch))
        fprintf(stderr, "ttydesk: warning: %s is not approved for %s; it can "
                        "go only inside the customer's reply window\n",
                t->id, channel_name(ch));
    if (rc != TD_OK)
        status = cli_fail("template %s: %s (give values with --var "
                          "name=value)", t->id, err.msg);
    tpl_result_free(&r);
out:
    free(ticket_lang);
    tvars_clear(&v);
    tpl_library_free(&lib);
    free(vars);
    return status;
}

/* `template import ACCOUNT`: the backend's canned replies into the
 * agent's template directory, one line (or JSON object) per reply. */
static int
template_import(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "dry-run", no_argument, NULL, 'n' },
        { "json", no_argument, NULL, 'j' },
        { "lang", required_argument, NULL, 'l' },
        { NULL, 0, NULL, 0 },
    };
    struct tpl_library lib = { 0 };
    struct cimport_report rep;
    struct td_error err;
    struct account *a;
    const char *lang = NULL;
    char *dir;
    int dry = 0, json = 0, c, status = 0;
    enum td_status rc;

    optind = 0;
    while ((c = getopt_long(argc, argv, "njl:", opts, NULL)) != -1) {
        if (c == 'n')
            dry = 1;
        else if (c == 'j')
            json = 1;
        else if (c == 'l')
            lang = optarg;
        else
            return cli_fail("usage: ttydesk " USAGE_IMPORT), 2;
    }
    if (argc - optind != 1)
        return cli_fail("usage: ttydesk " USAGE_IMPORT), 2;
    if ((a = app_account(app, argv[optind])) == NULL)
        return cli_fail("template import: no account '%s' (ttydesk "
                        "accounts)", argv[optind]), 2;
    if (lang == NULL || *lang == '\0')
        lang = config_str(app->cfg, OPT_DEFAULT_LANGUAGE);
    tpl_library_load(&lib, app->share_dir);
    dir = tfile_user_dir();
    td_error_clear(&err);
    rc = cimport_run(a, &lib, dir, lang && *lang ? lang : "en", dry, &rep,
                     &err);
    if (json) {
        cJSON *arr = cJSON_CreateArray();

        for (size_t i = 0; i < rep.n; i++) {
            cJSON *o = cJSON_CreateObject();

            cJSON_AddStringToObject(o, "origin", rep.v[i].origin);
            cJSON_AddStringToObject(o, "title", rep.v[i].title);
            if (rep.v[i].id)
                cJSON_AddStringToObject(o, "template", rep.v[i].id);
            else
                cJSON_AddNullToObject(o, "template");
            cJSON_AddStringToObject(o, "action",
                                    timport_action_name(rep.v[i].act));
            if (rep.v[i].unknown)
                cJSON_AddStringToObject(o, "prompts", rep.v[i].unknown);
            cJSON_AddItemToArray(arr, o);
        }
        cli_print_json(arr);
    } else {
        int w = 8;

        for (size_t i = 0; i < rep.n; i++)
            if (rep.v[i].id && (int)strlen(rep.v[i].id) > w)
                w = (int)strlen(rep.v[i].id);
        for (size_t i = 0; i < rep.n; i++) {
            char *title = sanitize_str(rep.v[i].title, 0);
            char *unk = rep.v[i].unknown
                        ? sanitize_str(rep.v[i].unknown, 0) : NULL;

            printf("%-*s %-18s %s%s%s%s\n", w,
                   rep.v[i].id ? rep.v[i].id : "-",
                   timport_action_name(rep.v[i].act), title,
                   unk ? "  (asks for " : "", unk ? unk : "",
                   unk ? ")" : "");
            free(title);
            free(unk);
        }
    }
    fprintf(stderr, "ttydesk: %s%s: %zu new, %zu updated, %zu unchanged, "
            "%zu kept (edited here)%s\n", dry ? "dry run, " : "", a->name,
            rep.n_new, rep.n_updated, rep.n_same, rep.n_kept,
            dry ? "; nothing written" : "");
    if (rc != TD_OK)
        status = cli_fail("template import: %s", err.msg);
    cimport_report_free(&rep);
    free(dir);
    tpl_library_free(&lib);
    return status;
}

int
cmd_template(struct app *app, int argc, char **argv)
{
    if (argc < 2)
        return cli_fail("usage: ttydesk %s | %s | %s | %s", USAGE_LIST,
                        USAGE_SHOW, USAGE_RENDER, USAGE_IMPORT), 2;
    if (strcmp(argv[1], "list") == 0)
        return template_list(app, argc - 1, argv + 1);
    if (strcmp(argv[1], "show") == 0)
        return template_show(app, argc - 1, argv + 1);
    if (strcmp(argv[1], "render") == 0)
        return template_render_cmd(app, argc - 1, argv + 1);
    if (strcmp(argv[1], "import") == 0)
        return template_import(app, argc - 1, argv + 1);
    return cli_fail("template: unknown subcommand '%s' (list, show, render, "
                    "import)",
                    argv[1]), 2;
}
