/* outbox_cmds.c: retry, edit or discard a reply the outbox did not send. */
#include "ui/outbox_cmds.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "ui/clocks.h"
#include "ui/editor.h"
#include "ui/inbox.h"
#include "ui/netsync.h"
#include "ui/screen.h"
#include "ui/thread.h"
#include "util/timeutil.h"

/* The item the command means: the id given, or the newest unsent one of
 * the ticket on screen. TD_OK with *out filled (clear it after). */
static enum td_status
outbox_cmd_item(struct ui *ui, int argc, char **argv,
                struct outbox_item *out, struct td_error *err)
{
    struct outbox_item *items = NULL;
    size_t n = 0;
    enum td_status rc;
    char *end;

    memset(out, 0, sizeof *out);
    if (argc > 1) {
        long long id = strtoll(argv[1], &end, 10);

        if (id <= 0 || *end)
            return td_error_set(err, TD_EINVAL, "'%s' is not an outbox item",
                                argv[1]);
        return store_outbox_get(ui->app->store, id, out, err);
    }
    if (ui->ticket_id == 0)
        return td_error_set(err, TD_EINVAL, "open a ticket or give an "
                            "outbox item");
    if ((rc = store_outbox_list(ui->app->store, -1, &items, &n, err)) !=
        TD_OK)
        return rc;
    rc = td_error_set(err, TD_ENOTFOUND, "this ticket has nothing unsent "
                      "in the outbox");
    for (size_t i = n; i-- > 0;) {
        struct outbox_item *it = &items[i];

        if (it->ticket_id != ui->ticket_id ||
            (it->state != OB_HELD && it->state != OB_FAILED &&
             it->state != OB_QUEUED))
            continue;
        *out = *it;
        memset(it, 0, sizeof *it);
        td_error_clear(err);
        rc = TD_OK;
        break;
    }
    outbox_items_free(&items, n);
    return rc;
}

static int
outbox_cmd_refused(struct ui *ui, const char *what)
{
    if (!ui->app->readonly)
        return 0;
    ui_error(ui, "%s: read-only mode: the outbox cannot be changed", what);
    return 1;
}

static void
outbox_cmd_redraw(struct ui *ui)
{
    if (ui->ticket_id)
        thread_load(ui, ui->ticket_id, 1);
    inbox_reload(ui);
    ui_refresh_counts(ui);
}

/* The agent has read what held it: send as it is, with the base moved to
 * the ticket as it stands now. */
void
outbox_cmd_retry(struct ui *ui, int argc, char **argv)
{
    struct outbox_item it;
    struct td_error err;

    td_error_clear(&err);
    if (outbox_cmd_refused(ui, "outbox-retry"))
        return;
    if (outbox_cmd_item(ui, argc, argv, &it, &err) != TD_OK) {
        ui_error(ui, "outbox-retry: %s", err.msg);
        return;
    }
    /* Scheduled, not stuck: nothing to retry, and a requeue would move
     * its guard's base to now as if the agent had read what came since. */
    if (it.state == OB_QUEUED && it.send_at > time_now()) {
        char when[48];

        clocks_format(ui, config_str(ui->app->cfg, OPT_TIMEZONE), it.send_at,
                      "%a %d %b %H:%M %Z", when, sizeof when);
        ui_message(ui, "outbox item %lld is scheduled: it goes by itself %s "
                   "(:outbox-edit changes it, :outbox-discard drops it)",
                   (long long)it.id, when);
        outbox_item_clear(&it);
        return;
    }
    if (store_outbox_requeue(ui->app->store, it.id, NULL, &err) != TD_OK) {
        ui_error(ui, "outbox-retry: %s", err.msg);
        outbox_item_clear(&it);
        return;
    }
    ui_message(ui, "sending...");
    netsync_flush(ui, it.id, it.is_note ? "note added" : "reply sent");
    outbox_item_clear(&it);
    outbox_cmd_redraw(ui);
}

/* Back into the editor: the item leaves the outbox and its text becomes
 * the ticket's draft, so sending it again is a new, guarded send. */
void
outbox_cmd_edit(struct ui *ui, int argc, char **argv)
{
    struct outbox_item it;
    struct td_error err;
    char *draft = NULL, *status = NULL;
    int is_note = 0;

    td_error_clear(&err);
    if (outbox_cmd_refused(ui, "outbox-edit"))
        return;
    if (outbox_cmd_item(ui, argc, argv, &it, &err) != TD_OK) {
        ui_error(ui, "outbox-edit: %s", err.msg);
        return;
    }
    /* Never two texts in one draft slot: an unsent draft wins and the
     * agent is told, rather than one overwriting the other. */
    editor_save(ui);
    if (store_draft_load(ui->app->store, it.ticket_id, &draft, &is_note,
                         &status, &err) == TD_OK &&
        draft && draft[strspn(draft, " \t\r\n")]) {
        ui_error(ui, "outbox-edit: ticket has a draft already; send or "
                 "clear it first");
    } else if (store_draft_save(ui->app->store, it.ticket_id, it.body,
                                it.is_note, it.set_status, &err) != TD_OK ||
               store_outbox_discard(ui->app->store, it.id, &err) != TD_OK) {
        ui_error(ui, "outbox-edit: %s", err.msg);
    } else {
        if (ui->ticket_id != it.ticket_id)
            inbox_open_id(ui, it.ticket_id);
        editor_set_ticket(ui, 0);
        editor_begin(ui, it.is_note);
        ui_message(ui, "outbox item %lld is back in the editor",
                   (long long)it.id);
    }
    free(draft);
    free(status);
    outbox_item_clear(&it);
    outbox_cmd_redraw(ui);
}

void
outbox_cmd_discard(struct ui *ui, int argc, char **argv)
{
    struct outbox_item it;
    struct td_error err;

    td_error_clear(&err);
    if (outbox_cmd_refused(ui, "outbox-discard"))
        return;
    if (outbox_cmd_item(ui, argc, argv, &it, &err) != TD_OK ||
        store_outbox_discard(ui->app->store, it.id, &err) != TD_OK)
        ui_error(ui, "outbox-discard: %s", err.msg);
    else
        ui_message(ui, "outbox item %lld discarded", (long long)it.id);
    outbox_item_clear(&it);
    outbox_cmd_redraw(ui);
}
