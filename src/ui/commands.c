/* commands.c: the table of `:` commands the console adds to the rc language. */
#include "ui/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "app.h"
#include "config/config.h"
#include "drivers/driver.h"
#include "drivers/outbox.h"
#include "store/store.h"
#include "core/paths.h"
#include "ui/editor.h"
#include "ui/help.h"
#include "ui/stats.h"
#include "ui/inbox.h"
#include "ui/netsync.h"
#include "ui/order.h"
#include "ui/outbox_cmds.h"
#include "ui/readonly.h"
#include "ui/notify.h"
#include "ui/screen.h"
#include "ui/sendat.h"
#include "ui/thread.h"
#include "ui/tplcmds.h"
#include "ui/uitrans.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct ui_cmd {
    const char *name;
    const char *usage;
    int min_args;           /* after the name */
    int max_args;           /* -1 = any */
    void (*run)(struct ui *ui, int argc, char **argv);
    int writes;             /* changes tickets or sends: refused read-only */
};

static void
cmd_quit(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    ui->quit = 1;
}

/* `view NAME` switches; `view NAME "QUERY"` is the rc line that defines
 * one, so the caller runs it as such (returns through run_config). */
static void
cmd_view(struct ui *ui, int argc, char **argv)
{
    struct buf b;

    if (argc > 1) {
        inbox_set_view(ui, argv[1]);
        return;
    }
    buf_init(&b, 0);
    buf_adds(&b, "views:");
    for (size_t i = 0; i < INBOX_N_BUILTIN; i++)
        buf_printf(&b, " %s", inbox_builtin_view(i));
    for (size_t i = 0; i < ui->app->cfg->n_views; i++) {
        if (config_view(ui->app->cfg, ui->app->cfg->views[i].name) ==
            &ui->app->cfg->views[i])
            buf_printf(&b, " %s", ui->app->cfg->views[i].name);
    }
    ui_message(ui, "%s (current: %s)", buf_str(&b), inbox_view_name(ui));
    buf_free(&b);
}

static char *
join_args(int argc, char **argv, int from)
{
    struct buf b;

    buf_init(&b, 0);
    for (int i = from; i < argc; i++) {
        if (i > from)
            buf_addc(&b, ' ');
        buf_adds(&b, argv[i]);
    }
    return buf_detach(&b);
}

static void
cmd_filter(struct ui *ui, int argc, char **argv)
{
    char *q = join_args(argc, argv, 1);

    if (inbox_set_filter(ui, q) == 0)
        ui_message(ui, "filter: %s", *q ? q : "(none)");
    free(q);
}

static void
cmd_sort(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    inbox_set_sort(ui, argv[1]);
}

static void
cmd_save_screen(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    /* Save what is on screen now, so draw the frame first. */
    ui_draw(ui);
    if (screen_save(ui, argv[1]) != 0)
        ui_error(ui, "save-screen: cannot write %s", argv[1]);
}

static void
cmd_dump_config(struct ui *ui, int argc, char **argv)
{
    struct buf b;
    FILE *f;

    buf_init(&b, 0);
    config_dump(ui->app->cfg, &b);
    if (argc > 1) {
        if ((f = fopen(argv[1], "w")) == NULL ||
            fwrite(b.data ? b.data : "", 1, b.len, f) != b.len) {
            ui_error(ui, "dump-config: cannot write %s", argv[1]);
        } else {
            ui_message(ui, "configuration written to %s", argv[1]);
        }
        if (f)
            fclose(f);
    } else if (ui->batch) {
        /* -e ':dump-config': the lines are the output */
        fputs(buf_str(&b), stdout);
    } else {
        help_show_text(ui, "Configuration (rc lines that load back)",
                       buf_str(&b));
    }
    buf_free(&b);
}

static const char *const shipped_themes[] = {
    "default", "dark", "light", "solarized-dark", "high-contrast", "mono",
};

const char *const *
commands_themes(size_t *n)
{
    *n = sizeof shipped_themes / sizeof shipped_themes[0];
    return shipped_themes;
}

int
commands_theme(struct ui *ui, const char *name)
{
    struct app *app = ui->app;
    struct td_error err;
    char *path, *file;

    if (strchr(name, '/')) {
        path = paths_expand(name);
    } else {
        file = xasprintf("themes/%s.theme", name);
        path = paths_join(app->share_dir ? app->share_dir : ".", file);
        free(file);
    }
    td_error_clear(&err);
    if (config_load_file(ui->base, path, &err) != TD_OK) {
        ui_error(ui, "theme %s: %s", name, err.msg);
        free(path);
        return -1;
    }
    free(path);
    ui_apply_theme(ui);
    return 0;
}

static void
cmd_theme(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    if (commands_theme(ui, argv[1]) == 0)
        ui_message(ui, "theme %s", argv[1]);
}

static void
cmd_reply(struct ui *ui, int argc, char **argv)
{
    /* `reply --template NAME ...`: tplcmds.c */
    if (argc > 1 && strcmp(argv[0], "reply") == 0) {
        tplcmds_reply(ui, argc, argv);
        return;
    }
    if (argc > 1) {
        ui_error(ui, "usage: note");
        return;
    }
    editor_begin(ui, strcmp(argv[0], "note") == 0);
}

static void
cmd_send(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    editor_act_send(ui);
}

static void
cmd_help(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    help_open(ui);
}

/* Tests resize without a terminal: `:resize COLS LINES`. */
static void
cmd_resize(struct ui *ui, int argc, char **argv)
{
    int cols = (int)strtol(argv[1], NULL, 10);
    int lines = (int)strtol(argv[2], NULL, 10);

    (void)argc;
    if (cols < 1 || lines < 1 || cols > 1000 || lines > 1000) {
        ui_error(ui, "resize: bad size");
        return;
    }
    resizeterm(lines, cols);
    ui_relayout(ui);
}

/* Without marks a bulk command acts on one ticket: the one open in the
 * conversation when the focus is there (after :open, or in -e), else the
 * inbox's selected row. */
static int64_t
commands_one(struct ui *ui)
{
    if (ui->focus != PANE_INBOX && ui->ticket_id != 0)
        return ui->ticket_id;
    return inbox_selected(ui);
}

/* `bulk-status STATUS [NOTE...]` on the marked tickets (or the selected
 * one). The backends change status through the outbox with a message, so
 * each ticket gets an internal note saying what was done. */
static void
cmd_bulk_status(struct ui *ui, int argc, char **argv)
{
    size_t n_marks, queued = 0;
    const int64_t *marks = inbox_marks(ui, &n_marks);
    int64_t one = commands_one(ui);
    char *note = argc > 2 ? join_args(argc, argv, 2)
                 : xasprintf("Status set to %s (bulk).", argv[1]);
    char *ok;
    struct td_error err;

    if (n_marks == 0 && one != 0) {
        marks = &one;
        n_marks = 1;
    }
    td_error_clear(&err);
    for (size_t i = 0; i < n_marks; i++) {
        if (outbox_queue(ui->app->store, ui->app->readonly, marks[i], note, 1,
                         argv[1], NULL, &err) != TD_OK) {
            ui_error(ui, "bulk-status: %s", err.msg);
            break;
        }
        queued++;
    }
    free(note);
    if (queued == 0)
        return;
    inbox_act_mark_clear(ui);
    /* In the poll loop like any send: network accounts must not freeze
     * the screen for a hundred tickets. */
    ok = xasprintf("status %s on %zu ticket%s", argv[1], queued,
                   queued == 1 ? "" : "s");
    ui_message(ui, "sending...");
    netsync_flush(ui, 0, ok);
    free(ok);
    inbox_reload(ui);
    if (ui->ticket_id)
        thread_load(ui, ui->ticket_id, 0);
    ui_refresh_counts(ui);
}

/* Apply one field change to the marked tickets (or the selected one)
 * through each ticket's driver; local workspaces are re-read at once,
 * network accounts show it at their next sync. */
static void
bulk_update(struct ui *ui, const char *what, struct ticket_update *u)
{
    size_t n_marks, done = 0;
    const int64_t *marks = inbox_marks(ui, &n_marks);
    int64_t one = commands_one(ui);
    struct td_error err;

    if (n_marks == 0 && one != 0) {
        marks = &one;
        n_marks = 1;
    }
    td_error_clear(&err);
    for (size_t i = 0; i < n_marks; i++) {
        struct ticket *t = NULL;
        struct account *a;
        enum td_status rc;

        if ((rc = store_ticket_get(ui->app->store, marks[i], &t, &err)))
            break;
        if ((a = app_account(ui->app, t->account)) == NULL) {
            rc = td_error_set(&err, TD_ENOTFOUND, "account %s is not "
                              "configured", t->account);
        } else {
            u->ticket_ext_id = t->external_id;
            rc = drv_update(a, u, &err);
            if (rc == TD_OK && a->drv->sync)
                rc = drv_sync(a, ui->app->store, NULL, NULL, &err);
        }
        ticket_free(&t);
        if (rc != TD_OK)
            break;
        done++;
    }
    if (done)
        inbox_act_mark_clear(ui);
    if (err.status != TD_OK)
        ui_error(ui, "%s: %s (%zu of %zu done)", what, err.msg, done,
                 n_marks);
    else
        ui_message(ui, "%s on %zu ticket%s", what, done, done == 1 ? "" : "s");
    inbox_reload(ui);
    if (ui->ticket_id)
        thread_load(ui, ui->ticket_id, 0);
    ui_refresh_counts(ui);
}

/* `bulk-assign NAME|me|none` */
static void
cmd_bulk_assign(struct ui *ui, int argc, char **argv)
{
    struct ticket_update u = { 0 };
    char *name = join_args(argc, argv, 1);
    const char *me = config_str(ui->app->cfg, OPT_AGENT_NAME);

    if (strcmp(name, "none") == 0)
        u.assignee = "";
    else if (strcmp(name, "me") == 0 && *me)
        u.assignee = me;
    else
        u.assignee = name;
    bulk_update(ui, *u.assignee ? "assigned" : "unassigned", &u);
    free(name);
}

/* `bulk-tag +TAG -TAG ...` (a bare TAG adds it) */
static void
cmd_bulk_tag(struct ui *ui, int argc, char **argv)
{
    const char **add = xcalloc((size_t)argc, sizeof *add);
    const char **del = xcalloc((size_t)argc, sizeof *del);
    struct ticket_update u = { 0 };

    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1])
            del[u.n_remove_tags++] = argv[i] + 1;
        else if (argv[i][0] == '+' && argv[i][1])
            add[u.n_add_tags++] = argv[i] + 1;
        else if (argv[i][0] != '+' && argv[i][0] != '-')
            add[u.n_add_tags++] = argv[i];
    }
    u.add_tags = add;
    u.remove_tags = del;
    if (u.n_add_tags + u.n_remove_tags == 0)
        ui_error(ui, "bulk-tag: +TAG to add, -TAG to remove");
    else
        bulk_update(ui, "tags changed", &u);
    free(add);
    free(del);
}

/* `open [ACCOUNT:]ID`: a ticket by the helpdesk's id, e.g. from a
 * chat message or a colleague. */
static void
cmd_open(struct ui *ui, int argc, char **argv)
{
    const char *colon = strchr(argv[1], ':');
    char *account = NULL;
    const char *ext = argv[1];
    struct td_error err;
    int64_t id = 0;

    (void)argc;
    if (colon) {
        account = xstrndup(argv[1], (size_t)(colon - argv[1]));
        ext = colon + 1;
    } else if (ui->app->n_accounts > 0) {
        account = xstrdup(ui->app->accounts[0]->name);
    }
    td_error_clear(&err);
    if (account == NULL ||
        store_ticket_lookup(ui->app->store, account, ext, &id, &err) !=
        TD_OK)
        ui_error(ui, "open: no ticket %s%s%s", account ? account : "",
                 account ? ":" : "", ext);
    else
        inbox_open_id(ui, id);
    free(account);
}

/* `order-link NUMBER`, `order-unlink NUMBER`: the agent says which
 * order a ticket is about when the buyer wrote no number. */
static void
cmd_order_link(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    order_link(ui, argv[1], strcmp(argv[0], "order-link") == 0);
}

static void
cmd_order_refresh(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    order_act_refresh(ui);
}

static void
cmd_copy_tracking(struct ui *ui, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    order_act_copy_tracking(ui);
}

/* Local accounts sync here (they are instant); network ones start in the
 * background and show their progress in the status bar. */
static void
cmd_sync(struct ui *ui, int argc, char **argv)
{
    struct account *only = NULL;
    struct td_error err, e;
    size_t n_net = 0;

    if (argc > 1 && (only = app_account(ui->app, argv[1])) == NULL) {
        ui_error(ui, "sync: no account %s", argv[1]);
        return;
    }
    td_error_clear(&err);
    for (size_t i = 0; i < ui->app->n_accounts; i++) {
        struct account *a = ui->app->accounts[i];
        int net = drv_account_is_net(a);

        if (only && a != only)
            continue;
        td_error_clear(&e);
        if ((net ? netsync_start(ui, a, &e)
             : drv_sync(a, ui->app->store, NULL, NULL, &e)) != TD_OK)
            td_error_set(&err, e.status, "%s", e.msg);
        else if (net)
            n_net++;
    }
    if (err.status != TD_OK)
        ui_error(ui, "sync: %s", err.msg);
    else if (n_net)
        ui_message(ui, "syncing in the background");
    else
        ui_message(ui, "synced");
    inbox_reload(ui);
    if (ui->ticket_id)
        thread_load(ui, ui->ticket_id, 0);
    ui_refresh_counts(ui);
}

/* `notify-test [CHANNELS]`: one notification now, past every rule and
 * limit, to see that the desktop, the terminal or the hook get it. */
static void
cmd_notify_test(struct ui *ui, int argc, char **argv)
{
    struct notify_ev ev = {
        .event = NE_TEST,
        .subject = "If you read this, notifications reach you.",
    };
    unsigned via = NOTIFY_VIA_AUTO, ok;
    struct td_error err;

    td_error_clear(&err);
    if (argc > 1 && notify_via_parse(argv[1], &via, &err) != 0) {
        ui_error(ui, "notify-test: %s", err.msg);
        return;
    }
    ok = notify_deliver(ui, &ev, via, 1, &err);
    if (err.status != TD_OK)
        ui_error(ui, "notify-test: %s%s", err.msg,
                 ok ? " (other channels worked)" : "");
    else
        ui_message(ui, "notify-test: sent%s%s%s%s%s",
                   ok & NOTIFY_VIA_DESKTOP ? " desktop" : "",
                   ok & NOTIFY_VIA_OSC9 ? " osc9" : "",
                   ok & NOTIFY_VIA_OSC777 ? " osc777" : "",
                   ok & NOTIFY_VIA_BELL ? " bell" : "",
                   ok & NOTIFY_VIA_CMD ? " cmd" : "");
}

static const struct ui_cmd ui_cmds[] = {
    {
        .name = "quit",
        .usage = "quit",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_quit,
    },
    {
        .name = "q",
        .usage = "q",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_quit,
    },
    {
        .name = "view",
        .usage = "view [NAME]",
        .min_args = 0,
        .max_args = 1,
        .run = cmd_view,
    },
    {
        .name = "filter",
        .usage = "filter [QUERY]",
        .min_args = 0,
        .max_args = -1,
        .run = cmd_filter,
    },
    {
        .name = "sort",
        .usage = "sort sla|updated|created|priority|id",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_sort,
    },
    {
        .name = "save-screen",
        .usage = "save-screen FILE",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_save_screen,
    },
    {
        .name = "dump-config",
        .usage = "dump-config [FILE]",
        .min_args = 0,
        .max_args = 1,
        .run = cmd_dump_config,
    },
    {
        .name = "theme",
        .usage = "theme NAME|FILE",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_theme,
    },
    {
        .name = "reply",
        .usage = "reply [--template NAME [--var k=v]... [--lang L]]",
        .min_args = 0,
        .max_args = -1,
        .run = cmd_reply,
        .writes = 1,
    },
    {
        .name = "note",
        .usage = "note",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_reply,
        .writes = 1,
    },
    {
        .name = "send",
        .usage = "send",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_send,
        .writes = 1,
    },
    {
        .name = "help",
        .usage = "help",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_help,
    },
    {
        .name = "resize",
        .usage = "resize COLS LINES",
        .min_args = 2,
        .max_args = 2,
        .run = cmd_resize,
    },
    {
        .name = "bulk-status",
        .usage = "bulk-status STATUS [NOTE]",
        .min_args = 1,
        .max_args = -1,
        .run = cmd_bulk_status,
        .writes = 1,
    },
    {
        .name = "bulk-assign",
        .usage = "bulk-assign NAME|me|none",
        .min_args = 1,
        .max_args = -1,
        .run = cmd_bulk_assign,
        .writes = 1,
    },
    {
        .name = "bulk-tag",
        .usage = "bulk-tag +TAG -TAG ...",
        .min_args = 1,
        .max_args = -1,
        .run = cmd_bulk_tag,
        .writes = 1,
    },
    {
        .name = "open",
        .usage = "open [ACCOUNT:]ID",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_open,
    },
    {
        .name = "sync",
        .usage = "sync [ACCOUNT]",
        .min_args = 0,
        .max_args = 1,
        .run = cmd_sync,
    },
    {
        .name = "order-link",
        .usage = "order-link NUMBER (1189, not #1189: # starts a comment)",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_order_link,
        .writes = 1,
    },
    {
        .name = "order-unlink",
        .usage = "order-unlink NUMBER (1189, not #1189)",
        .min_args = 1,
        .max_args = 1,
        .run = cmd_order_link,
        .writes = 1,
    },
    {
        .name = "order-refresh",
        .usage = "order-refresh",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_order_refresh,
    },
    {
        .name = "copy-tracking",
        .usage = "copy-tracking",
        .min_args = 0,
        .max_args = 0,
        .run = cmd_copy_tracking,
    },
    {
        .name = "outbox-retry",
        .writes = 1,
        .usage = "outbox-retry [ITEM]",
        .min_args = 0,
        .max_args = 1,
        .run = outbox_cmd_retry,
    },
    {
        .name = "outbox-edit",
        .writes = 1,
        .usage = "outbox-edit [ITEM]",
        .min_args = 0,
        .max_args = 1,
        .run = outbox_cmd_edit,
    },
    {
        .name = "outbox-discard",
        .writes = 1,
        .usage = "outbox-discard [ITEM]",
        .min_args = 0,
        .max_args = 1,
        .run = outbox_cmd_discard,
    },
    {
        .name = "template",
        .usage = "template [QUERY]",
        .min_args = 0,
        .max_args = -1,
        .run = tplcmds_template,
    },
    {
        .name = "template-new",
        .writes = 1,
        .usage = "template-new NAME",
        .min_args = 1,
        .max_args = 1,
        .run = tplcmds_new,
    },
    {
        .name = "template-edit",
        .writes = 1,
        .usage = "template-edit NAME",
        .min_args = 1,
        .max_args = 1,
        .run = tplcmds_edit,
    },
    {
        .name = "template-rename",
        .writes = 1,
        .usage = "template-rename OLD NEW",
        .min_args = 2,
        .max_args = 2,
        .run = tplcmds_rename,
    },
    {
        .name = "template-delete",
        .writes = 1,
        .usage = "template-delete NAME",
        .min_args = 1,
        .max_args = 1,
        .run = tplcmds_delete,
    },
    {
        .name = "template-import",
        .writes = 1,
        .usage = "template-import ACCOUNT [--dry-run]",
        .min_args = 1,
        .max_args = 2,
        .run = tplcmds_import,
    },
    {
        .name = "send-next",
        .writes = 1,
        .usage = "send-next",
        .min_args = 0,
        .max_args = 0,
        .run = tplcmds_send_next,
    },
    {
        .name = "draft-status",
        .usage = "draft-status pending|solved|on-hold|open|keep",
        .min_args = 1,
        .max_args = 1,
        .run = tplcmds_draft_status,
    },
    {
        .name = "translate",
        .usage = "translate [on|off|toggle]",
        .min_args = 0,
        .max_args = 1,
        .run = uitrans_cmd_translate,
    },
    {
        .name = "translate-draft",
        .usage = "translate-draft [LANG]",
        .min_args = 0,
        .max_args = 1,
        .run = uitrans_cmd_translate_draft,
    },
    {
        .name = "draft",
        .usage = "draft [TEMPLATE]",
        .min_args = 0,
        .max_args = 1,
        .run = uitrans_cmd_draft,
    },
    {
        .name = "send-at",
        .writes = 1,
        .usage = "send-at morning|HH:MM|+DURATION|ISO-TIME",
        .min_args = 1,
        .max_args = 1,
        .run = sendat_cmd,
    },
    {
        .name = "notify-test",
        .usage = "notify-test [CHANNELS]",
        .min_args = 0,
        .max_args = 1,
        .run = cmd_notify_test,
    },
    {
        .name = "stats",
        .usage = "stats [--since 7d|all | --from DATE --to DATE] [QUERY]",
        .min_args = 0,
        .max_args = -1,
        .run = stats_cmd,
    },
};

#define N_UI_CMDS (sizeof ui_cmds / sizeof ui_cmds[0])

static const char *const all_names[] = {
    "quit", "view", "filter", "sort", "save-screen", "dump-config", "theme",
    "reply", "note", "send", "help", "sync", "open", "bulk-status",
    "bulk-assign", "bulk-tag", "outbox-retry", "outbox-edit",
    "outbox-discard", "order-link", "order-unlink", "order-refresh",
    "copy-tracking", "translate", "translate-draft", "draft", "send-at", "stats",
    "set",
    "unset", "bind", "unbind", "macro", "color", "source",
    "template", "template-new", "template-edit", "template-rename",
    "template-delete", "template-import", "send-next", "draft-status",
    "notify-test", "notify",
};

const char *const *
commands_names(size_t *n)
{
    *n = sizeof all_names / sizeof all_names[0];
    return all_names;
}

int
commands_run(struct ui *ui, int argc, char **argv)
{
    for (size_t i = 0; i < N_UI_CMDS; i++) {
        const struct ui_cmd *c = &ui_cmds[i];

        if (strcmp(c->name, argv[0]) != 0)
            continue;
        /* `view NAME QUERY` defines a view: an rc line. */
        if (c->max_args >= 0 && argc - 1 > c->max_args &&
            strcmp(c->name, "view") == 0)
            return 0;
        if (argc - 1 < c->min_args ||
            (c->max_args >= 0 && argc - 1 > c->max_args)) {
            ui_error(ui, "usage: %s", c->usage);
            return 1;
        }
        if (c->writes && readonly_refuse(ui, c->name))
            return 1;
        c->run(ui, argc, argv);
        return 1;
    }
    return 0;
}
