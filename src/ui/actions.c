/* actions.c: the named functions keys are bound to; moving, panes. */
#include "ui/actions.h"

#include <string.h>

#include "app.h"
#include "config/config.h"

#include "ui/editor.h"
#include "ui/help.h"
#include "ui/stats.h"
#include "ui/inbox.h"
#include "ui/order.h"
#include "ui/picker.h"
#include "ui/prompt.h"
#include "ui/screen.h"
#include "ui/thread.h"
#include "ui/uitrans.h"
#include "util/xmalloc.h"

/* The pane keys act on: the help when it is open, else the focus. */
static struct pane *
act_pane(struct ui *ui)
{
    return &ui->panes[ui->help ? PANE_HELP
                      : ui->stats ? PANE_STATS : ui->focus];
}

static void
act_move(struct ui *ui, enum move_how how, int n)
{
    struct pane *p = act_pane(ui);

    if (p->ops->step)
        p->ops->step(ui, p, how, n);
}

static void
act_move_down(struct ui *ui)
{
    act_move(ui, MOVE_LINE, 1);
}

static void
act_move_up(struct ui *ui)
{
    act_move(ui, MOVE_LINE, -1);
}

static void
act_page_down(struct ui *ui)
{
    act_move(ui, MOVE_PAGE, 1);
}

static void
act_page_up(struct ui *ui)
{
    act_move(ui, MOVE_PAGE, -1);
}

static void
act_half_down(struct ui *ui)
{
    act_move(ui, MOVE_HALF, 1);
}

static void
act_half_up(struct ui *ui)
{
    act_move(ui, MOVE_HALF, -1);
}

static void
act_move_top(struct ui *ui)
{
    act_move(ui, MOVE_TOP, 0);
}

static void
act_move_bottom(struct ui *ui)
{
    act_move(ui, MOVE_BOTTOM, 0);
}

static void
act_quit(struct ui *ui)
{
    ui->quit = 1;
}

static void
act_help(struct ui *ui)
{
    if (ui->help)
        help_close(ui);
    else
        help_open(ui);
}

/* Tab order: the panes the layout can show, skipping the hidden one of
 * the order/editor pair in two-pane mode. */
static void
act_next_pane(struct ui *ui)
{
    enum pane_id p = ui->focus;

    if (ui->help)
        help_close(ui);
    for (int i = 0; i < PANE_HELP; i++) {
        p = (enum pane_id)((p + 1) % PANE_HELP);
        if (ui->lay.mode == LAYOUT_MODE_TWO &&
            (p == PANE_ORDER || p == PANE_EDITOR) && p != ui->aux)
            continue;
        break;
    }
    ui_focus(ui, p);
}

/* Tab in the editor: take the suggestion while it shows, else move on
 * like Tab everywhere else. */
static void
act_use_suggestion(struct ui *ui)
{
    if (!editor_use_suggestion(ui))
        act_next_pane(ui);
}

/* Esc: close what is on top, then walk back towards the inbox. */
static void
act_back(struct ui *ui)
{
    if (ui->help) {
        help_close(ui);
        return;
    }
    if (ui->stats) {
        stats_close(ui);
        return;
    }
    switch (ui->focus) {
    case PANE_EDITOR:
        editor_save(ui);
        ui_focus(ui, PANE_THREAD);
        break;
    case PANE_THREAD:
    case PANE_ORDER:
        ui_focus(ui, PANE_INBOX);
        break;
    default:
        break;
    }
}

static void
act_prompt(struct ui *ui)
{
    prompt_open(ui, PROMPT_COMMAND);
}

static void
act_filter(struct ui *ui)
{
    prompt_open(ui, PROMPT_FILTER);
}

static void
act_redraw(struct ui *ui)
{
    clearok(curscr, TRUE);
    ui_refresh_counts(ui);
    /* The last error stays on the status bar until the next one; once
     * read (or out of date: a reply queued then sent), C-l drops it. */
    xfree_str(&ui->last_error);
}

/* In two-pane mode the order panel and the editor share a slot. */
static void
act_toggle_order(struct ui *ui)
{
    ui->aux = ui->aux == PANE_ORDER ? PANE_EDITOR : PANE_ORDER;
    if (ui->lay.mode == LAYOUT_MODE_ONE)
        ui_focus(ui, ui->focus == PANE_ORDER ? PANE_THREAD : PANE_ORDER);
    else
        ui_relayout(ui);
}

/* T: the bulk change goes through the prompt so that it is typed out,
 * seen and in the history before it runs. */
static void
act_bulk(struct ui *ui)
{
    prompt_open_with(ui, "bulk-status ");
}

static void
act_bulk_assign(struct ui *ui)
{
    prompt_open_with(ui, "bulk-assign ");
}

static void
act_bulk_tag(struct ui *ui)
{
    prompt_open_with(ui, "bulk-tag ");
}

static void
act_reply(struct ui *ui)
{
    editor_begin(ui, 0);
}

static void
act_note(struct ui *ui)
{
    editor_begin(ui, 1);
}

/* Screen sharing: hide emails, phones and addresses (the pii_mask
 * option, so :set pii_mask and the rc file say the same). The panes
 * rebuild their lines when they see the option change. */
static void
act_toggle_pii(struct ui *ui)
{
    struct td_error err;
    int on = !screen_pii(ui);

    td_error_clear(&err);
    if (config_exec_line(ui->app->cfg, on ? "set pii_mask" : "set nopii_mask",
                         NULL, 0, &err) != TD_OK) {
        ui_error(ui, "%s", err.msg);
        return;
    }
    ui_message(ui, on ? "personal data hidden (emails, phones, addresses)"
                      : "personal data shown");
}

/* Queue-first work: the next ticket opens where the agent is. */
static void
act_step(struct ui *ui, int dir)
{
    enum pane_id keep = ui->focus == PANE_INBOX ? PANE_THREAD : ui->focus;
    int64_t id = inbox_step(ui, dir);

    if (id == 0) {
        ui_message(ui, "no %s ticket", dir > 0 ? "next" : "previous");
        return;
    }
    inbox_act_open(ui);
    ui_focus(ui, keep);
}

static void
act_next_ticket(struct ui *ui)
{
    act_step(ui, 1);
}

static void
act_prev_ticket(struct ui *ui)
{
    act_step(ui, -1);
}

#define ACT(n, d, f) { .name = n, .desc = d, .fn = f }
#define ACTW(n, d, f) { .name = n, .desc = d, .fn = f, .writes = 1 }

static const struct action actions[] = {
    ACT("move-down", "next line or ticket", act_move_down),
    ACT("move-up", "previous line or ticket", act_move_up),
    ACT("page-down", "next page", act_page_down),
    ACT("page-up", "previous page", act_page_up),
    ACT("half-page-down", "half a page down", act_half_down),
    ACT("half-page-up", "half a page up", act_half_up),
    ACT("move-top", "first line or ticket", act_move_top),
    ACT("move-bottom", "last line or ticket", act_move_bottom),
    ACT("next-pane", "focus the next pane", act_next_pane),
    ACT("back", "close help, leave the editor, back to the inbox",
        act_back),
    ACT("prompt", "the : command line", act_prompt),
    ACT("filter", "filter the inbox as you type (query language)",
        act_filter),
    ACT("help", "this help", act_help),
    ACT("redraw", "repaint the screen, refresh the counts, drop the last "
        "error", act_redraw),
    ACT("toggle-order", "switch the order panel and the editor",
        act_toggle_order),
    ACTW("reply", "write a public reply to the open ticket", act_reply),
    ACTW("note", "write an internal note on the open ticket", act_note),
    ACT("next-ticket", "open the next ticket of the list", act_next_ticket),
    ACT("prev-ticket", "open the previous ticket", act_prev_ticket),
    ACT("quit", "leave ttydesk (drafts are saved)", act_quit),
    ACT("open", "open the selected ticket", inbox_act_open),
    ACT("view-all", "view: every ticket", inbox_act_view_all),
    ACT("view-open", "view: unsolved tickets", inbox_act_view_open),
    ACT("view-mine", "view: unsolved tickets assigned to me",
        inbox_act_view_mine),
    ACT("view-unassigned", "view: unsolved and unassigned",
        inbox_act_view_unassigned),
    ACT("view-breaching", "view: past the first-response SLA",
        inbox_act_view_breaching),
    ACT("view-next", "the next view (built-in, then rc views)",
        inbox_act_view_next),
    ACT("sort-next", "cycle the sort: sla, updated, created, priority, id",
        inbox_act_sort_next),
    ACT("mark-toggle", "mark or unmark the ticket", inbox_act_mark_toggle),
    ACT("mark-clear", "clear every mark", inbox_act_mark_clear),
    ACT("toggle-unread", "mark the ticket (or the marked ones) read or "
        "unread", inbox_act_toggle_unread),
    ACTW("bulk", "change the status of the marked tickets (:bulk-status)",
        act_bulk),
    ACTW("bulk-assign", "assign the marked tickets (:bulk-assign NAME|me|none)",
        act_bulk_assign),
    ACTW("bulk-tag", "tag the marked tickets (:bulk-tag +TAG -TAG)",
        act_bulk_tag),
    ACT("filter-clear", "drop the / filter", inbox_act_filter_clear),
    ACT("fold-toggle", "show or fold quoted history",
        thread_act_fold_toggle),
    ACT("order-refresh", "look the ticket's orders and parcels up again now",
        order_act_refresh),
    ACT("order-next", "pick the next of the buyer's orders", order_act_next),
    ACT("order-prev", "pick the previous of the buyer's orders",
        order_act_prev),
    ACT("copy-tracking", "copy the parcel's tracking page (OSC 52)",
        order_act_copy_tracking),
    ACT("translate-toggle", "show the conversation in your language "
        "(translate_to) or as written", uitrans_act_toggle),
    ACT("translate-draft", "translate the draft into the buyer's language "
        "and show it under the draft", uitrans_act_translate_draft),
    ACT("swap-translation", "swap the draft and its translation (what the "
        "editor holds is sent)", uitrans_act_swap_draft),
    ACT("generate-draft", "ask the drafter for a draft (review it before "
        "sending)", uitrans_act_generate_draft),
    ACTW("send", "send the draft (through the outbox)", editor_act_send),
    ACTW("edit-external", "edit the draft in $EDITOR",
        editor_act_edit_external),
    ACT("toggle-note", "switch public reply / internal note",
        editor_act_toggle_note),
    ACT("cycle-status", "status to set after sending",
        editor_act_cycle_status),
    ACT("undo", "undo", editor_act_undo),
    ACT("redo", "redo", editor_act_redo),
    ACT("cursor-left", "cursor left", editor_act_left),
    ACT("cursor-right", "cursor right", editor_act_right),
    ACT("cursor-up", "cursor up a row", editor_act_up),
    ACT("cursor-down", "cursor down a row", editor_act_down),
    ACT("word-back", "cursor to the previous word", editor_act_word_back),
    ACT("word-forward", "cursor past the next word",
        editor_act_word_forward),
    ACT("line-start", "cursor to the start of the line",
        editor_act_line_start),
    ACT("line-end", "cursor to the end of the line", editor_act_line_end),
    ACT("delete-back", "delete the character before the cursor",
        editor_act_delete_back),
    ACT("delete-forward", "delete the character under the cursor",
        editor_act_delete_forward),
    ACT("delete-word-back", "delete the word before the cursor",
        editor_act_delete_word_back),
    ACT("kill-line", "delete to the end of the line", editor_act_kill_line),
    ACT("newline", "new line", editor_act_newline),
    ACT("use-suggestion", "start the empty draft with the suggested reply "
        "(else the next pane)", act_use_suggestion),
    ACTW("send-next", "send the draft, apply its status, open the next "
        "ticket", editor_act_send_next),
    ACT("template-picker", "insert a canned reply (search, preview)",
        picker_act_open),
    ACT("picker-insert", "picker: insert the template (asks its prompts)",
        picker_act_insert),
    ACTW("picker-send", "picker: insert the template and send",
        picker_act_insert_send),
    ACT("picker-close", "picker: close (or back from a prompt)",
        picker_act_close),
    ACT("picker-down", "picker: next template", picker_act_down),
    ACT("picker-up", "picker: previous template", picker_act_up),
    ACT("picker-delete-back", "picker: delete a character of the search",
        picker_act_delete_back),
    ACT("picker-clear", "picker: clear the search (or the answer)",
        picker_act_clear),
    ACT("picker-lang", "picker: preview the next language variant",
        picker_act_lang),
    ACT("picker-preview-down", "picker: scroll the preview down",
        picker_act_preview_down),
    ACT("picker-preview-up", "picker: scroll the preview up",
        picker_act_preview_up),
    ACT("toggle-pii", "hide or show emails, phone numbers and addresses "
        "(screen sharing)", act_toggle_pii),
    ACT("stats-next-section", "statistics: the next section",
        stats_act_next_section),
    ACT("stats-prev-section", "statistics: the previous section",
        stats_act_prev_section),
    ACT("stats-drill", "statistics: the inbox filtered to the bar's tickets",
        stats_act_drill),
    ACT("stats-refresh", "statistics: compute again", stats_act_refresh),
};

#define N_ACTIONS (sizeof actions / sizeof actions[0])

const struct action *
actions_table(size_t *n)
{
    *n = N_ACTIONS;
    return actions;
}

const struct action *
actions_find(const char *name)
{
    for (size_t i = 0; i < N_ACTIONS; i++) {
        if (strcmp(actions[i].name, name) == 0)
            return &actions[i];
    }
    return NULL;
}
