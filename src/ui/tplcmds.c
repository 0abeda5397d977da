/* tplcmds.c: the template library from the console: pick, write, rename,
 * delete, import; replies from templates; send and go to the next. */
#include "ui/tplcmds.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "core/template.h"
#include "core/tfile.h"
#include "drivers/cimport.h"
#include "drivers/driver.h"
#include "ui/editor.h"
#include "ui/picker.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static char *
join_from(int argc, char **argv, int from)
{
    struct buf b;

    buf_init(&b, 0);
    for (int i = from; i < argc; i++)
        (void)buf_printf(&b, "%s%s", i > from ? " " : "", argv[i]);
    return buf_detach(&b);
}

void
tplcmds_template(struct ui *ui, int argc, char **argv)
{
    char *q = join_from(argc, argv, 1);

    picker_open(ui, q);
    free(q);
}

/* After $EDITOR: read the file back and say what is wrong with it, as
 * file:line, so that the agent can go straight back in. */
static void
report_file(struct ui *ui, const char *path, const char *what)
{
    struct trender_list errs = { 0 };
    struct template *t = template_load(path, &errs);

    if (errs.n)
        ui_error(ui, "%s%s", errs.v[0], errs.n > 1 ? " (and more: ttydesk "
                 "template show)" : "");
    else if (t)
        ui_message(ui, "template %s %s (%zu language%s): %s", t->id, what,
                   t->n_variants, t->n_variants == 1 ? "" : "s", path);
    template_free(&t);
    trender_list_free(&errs);
}

static void
load_lib(struct ui *ui, struct tpl_library *lib)
{
    memset(lib, 0, sizeof *lib);
    tpl_library_load(lib, ui->app->share_dir);
}

void
tplcmds_new(struct ui *ui, int argc, char **argv)
{
    struct tpl_library lib;
    struct td_error err;
    char *dir = tfile_user_dir(), *path = NULL;
    const char *lang = config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE);

    (void)argc;
    load_lib(ui, &lib);
    td_error_clear(&err);
    if (tfile_create(&lib, dir, argv[1], lang, &path, &err) != TD_OK)
        ui_error(ui, "template-new: %s", err.msg);
    else if (editor_run_external(ui, path) != 0)
        ui_error(ui, "template-new: the editor failed; %s is there to "
                 "finish", path);
    else
        report_file(ui, path, "written");
    free(path);
    free(dir);
    tpl_library_free(&lib);
}

void
tplcmds_edit(struct ui *ui, int argc, char **argv)
{
    struct tpl_library lib;
    struct td_error err;
    char *dir = tfile_user_dir(), *path = NULL;

    (void)argc;
    load_lib(ui, &lib);
    td_error_clear(&err);
    if (tfile_writable(&lib, dir, argv[1], &path, &err) != TD_OK)
        ui_error(ui, "template-edit: %s", err.msg);
    else if (editor_run_external(ui, path) != 0)
        ui_error(ui, "template-edit: the editor failed (%s)", path);
    else
        report_file(ui, path, "saved");
    free(path);
    free(dir);
    tpl_library_free(&lib);
}

void
tplcmds_rename(struct ui *ui, int argc, char **argv)
{
    struct tpl_library lib;
    struct td_error err;
    char *dir = tfile_user_dir();

    (void)argc;
    load_lib(ui, &lib);
    td_error_clear(&err);
    if (tfile_rename(&lib, dir, argv[1], argv[2], &err) != TD_OK)
        ui_error(ui, "template-rename: %s", err.msg);
    else
        ui_message(ui, "template %s is now %s", argv[1], argv[2]);
    free(dir);
    tpl_library_free(&lib);
}

void
tplcmds_delete(struct ui *ui, int argc, char **argv)
{
    struct tpl_library lib;
    const struct template *t;
    char *dir = tfile_user_dir();

    (void)argc;
    load_lib(ui, &lib);
    if ((t = tpl_library_find(&lib, argv[1])) == NULL) {
        ui_error(ui, "template-delete: no template '%s'", argv[1]);
    } else {
        free(ui->confirm_arg);
        ui->confirm_arg = xstrdup(t->id);
        ui->confirm = CONFIRM_TEMPLATE_DELETE;
        ui_message(ui, "Delete template %s (%s)? (y/n)", t->id, t->path);
    }
    free(dir);
    tpl_library_free(&lib);
}

void
tplcmds_delete_now(struct ui *ui, const char *name)
{
    struct tpl_library lib;
    struct td_error err;
    char *dir = tfile_user_dir();

    load_lib(ui, &lib);
    td_error_clear(&err);
    if (name == NULL || tfile_delete(&lib, dir, name, &err) != TD_OK) {
        ui_error(ui, "template-delete: %s", name ? err.msg : "nothing");
    } else {
        /* A shipped template of that id shows again. */
        tpl_library_free(&lib);
        load_lib(ui, &lib);
        if (tpl_library_find(&lib, name))
            ui_message(ui, "template %s deleted; the shipped one is back",
                       name);
        else
            ui_message(ui, "template %s deleted", name);
    }
    free(dir);
    tpl_library_free(&lib);
}

/* Blocks while a network backend answers: an explicit, rare action. */
void
tplcmds_import(struct ui *ui, int argc, char **argv)
{
    struct tpl_library lib;
    struct cimport_report rep;
    struct td_error err;
    struct account *a = NULL;
    const char *lang = config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE);
    const char *name = NULL;
    char *dir;
    int dry = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--dry-run") == 0)
            dry = 1;
        else if (name == NULL)
            name = argv[i];
        else
            name = "";
    }
    if (name == NULL || *name == '\0') {
        ui_error(ui, "usage: template-import ACCOUNT [--dry-run]");
        return;
    }
    if ((a = app_account(ui->app, name)) == NULL) {
        ui_error(ui, "template-import: no account '%s'", name);
        return;
    }
    load_lib(ui, &lib);
    dir = tfile_user_dir();
    td_error_clear(&err);
    /* A network backend may take a moment: say so before waiting. */
    if (drv_account_is_net(a)) {
        ui_message(ui, "importing canned replies from %s...", a->name);
        ui_draw(ui);
    }
    if (cimport_run(a, &lib, dir, lang && *lang ? lang : "en", dry, &rep,
                    &err) != TD_OK)
        ui_error(ui, "template-import %s: %s (%zu new before that)", name,
                 err.msg, rep.n_new);
    else
        ui_message(ui, "%s%s: %zu new, %zu updated, %zu unchanged, %zu kept "
                   "(edited here)", dry ? "dry run, " : "", name, rep.n_new,
                   rep.n_updated, rep.n_same, rep.n_kept);
    cimport_report_free(&rep);
    free(dir);
    tpl_library_free(&lib);
}

void
tplcmds_reply(struct ui *ui, int argc, char **argv)
{
    const char *name = NULL, *lang = NULL;
    char **vars = xcalloc((size_t)argc, sizeof *vars);
    size_t n_vars = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--template") == 0 && i + 1 < argc) {
            name = argv[++i];
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            lang = argv[++i];
        } else if (strcmp(argv[i], "--var") == 0 && i + 1 < argc &&
                   strchr(argv[i + 1], '=')) {
            vars[n_vars++] = argv[++i];
        } else {
            ui_error(ui, "usage: reply [--template NAME [--var k=v]... "
                     "[--lang L]]");
            free(vars);
            return;
        }
    }
    if (name == NULL)
        editor_begin(ui, 0);
    else
        (void)picker_insert_named(ui, name, vars, n_vars, lang);
    free(vars);
}

void
tplcmds_send_next(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    editor_act_send_next(ui);
}

void
tplcmds_draft_status(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    if (editor_ticket(ui) == 0) {
        ui_error(ui, "draft-status: no draft (r replies)");
        return;
    }
    if (editor_set_status(ui, argv[1]) != 0)
        ui_error(ui, "draft-status: pending, solved, on-hold, open or keep");
    else
        ui_message(ui, "after sending: %s", strcmp(argv[1], "keep") == 0
                   ? "keep the status" : argv[1]);
}
