/* editor.c: the reply editor pane: drafts, reply/note, $EDITOR, send. */
#include "ui/editor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "config/config.h"
#include "core/tscan.h"
#include "drivers/outbox.h"
#include "store/outbox_guard.h"
#include "drivers/replywin.h"
#include "core/sla.h"
#include "store/store.h"
#include "ui/clocks.h"
#include "ui/edbuf.h"
#include "ui/inbox.h"
#include "ui/netsync.h"
#include "ui/picker.h"
#include "ui/keymap.h"
#include "ui/screen.h"
#include "ui/suggest.h"
#include "ui/thread.h"
#include "ui/uitrans.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* A draft idle this long is saved; so is one every this many keys. */
#define EDITOR_SAVE_MS 1000
#define EDITOR_SAVE_KEYS 40

/* Statuses the agent can set to apply after sending; NULL = keep. */
static const char *const editor_statuses[] = {
    NULL, "pending", "solved", "on-hold", "open",
};
#define EDITOR_N_STATUSES \
    (sizeof editor_statuses / sizeof editor_statuses[0])

struct editor {
    struct edbuf buf;
    int64_t ticket_id;
    int is_note;
    size_t status;              /* index in editor_statuses */
    int top;                    /* first visual row shown */
    int cur_y;
    int cur_x;
    int keys_unsaved;
    struct timespec changed;    /* when the unsaved change happened */
    int saved_once;             /* for the title: "draft saved" */
    /* The ticket as it stood when this draft began: what the send guard
     * holds the reply against (store_outbox_set_base). */
    time_t base_at;
    struct suggest sg;          /* shown while the draft is empty */
    char *tpl_label;            /* "wismo [es]": the last template inserted */
    int status_auto;            /* status came from a template, not a key */
    enum channel channel;       /* the ticket's, for its reply window */
    time_t customer_at;         /* the buyer's newest message */
    char *approved;             /* templates approved for channel, or NULL */
};

static struct editor *
editor_get(struct ui *ui)
{
    return ui_priv(ui, PANE_EDITOR);
}

static long
ms_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - t->tv_sec) * 1000 +
           (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Something changed: mark it for the debounced save. */
static void
editor_changed(struct ui *ui, struct editor *ed)
{
    if (!ed->buf.dirty)
        return;
    if (ed->keys_unsaved++ == 0)
        clock_gettime(CLOCK_MONOTONIC, &ed->changed);
    if (ed->keys_unsaved >= EDITOR_SAVE_KEYS)
        editor_save(ui);
}

void
editor_save(struct ui *ui)
{
    struct editor *ed = editor_get(ui);
    struct td_error err;
    enum td_status rc;

    if (ed == NULL || ed->ticket_id == 0 || !ed->buf.dirty)
        return;
    td_error_clear(&err);
    if (ed->buf.len == 0)
        rc = store_draft_delete(ui->app->store, ed->ticket_id, &err);
    else
        rc = store_draft_save(ui->app->store, ed->ticket_id, ed->buf.text,
                              ed->is_note, editor_statuses[ed->status], &err);
    if (rc != TD_OK && rc != TD_ENOTFOUND) {
        ui_error(ui, "draft not saved: %s", err.msg);
        return;
    }
    ed->buf.dirty = 0;
    ed->keys_unsaved = 0;
    ed->saved_once = 1;
}

int
editor_tick(struct ui *ui)
{
    struct editor *ed = editor_get(ui);
    long ms;

    if (ed == NULL || !ed->buf.dirty || ed->keys_unsaved == 0)
        return -1;
    ms = ms_since(&ed->changed);
    if (ms >= EDITOR_SAVE_MS) {
        editor_save(ui);
        return -1;
    }
    return (int)(EDITOR_SAVE_MS - ms);
}

/* The ticket's channel and the buyer's last word: the title shows the
 * time left in a WhatsApp or LINE reply window. */
static void
editor_window_load(struct ui *ui, struct editor *ed)
{
    struct ticket *t = NULL;
    struct td_error err;

    td_error_clear(&err);
    if (store_ticket_get(ui->app->store, ed->ticket_id, &t, &err) != TD_OK)
        return;
    ed->channel = t->channel;
    ed->customer_at = t->customer_at;
    ticket_free(&t);
    if (sla_channel_has_window(ed->channel)) {
        struct buf b;

        buf_init(&b, 0);
        replywin_approved_names(ui->app->share_dir, ed->channel, &b);
        ed->approved = buf_detach(&b);
    }
}

void
editor_set_ticket(struct ui *ui, int64_t id)
{
    struct editor *ed = editor_get(ui);
    char *body = NULL, *status = NULL;
    int is_note = 0;
    struct td_error err;

    if (ed->ticket_id == id)
        return;
    editor_save(ui);
    /* The picker was filled with the other ticket's data. */
    picker_close(ui);
    ed->ticket_id = id;
    ed->is_note = 0;
    ed->status = 0;
    ed->top = 0;
    ed->saved_once = 0;
    ed->status_auto = 0;
    xfree_str(&ed->tpl_label);
    edbuf_set(&ed->buf, "", 0, 1);
    ed->base_at = 0;
    ed->channel = CH_OTHER;
    ed->customer_at = 0;
    xfree_str(&ed->approved);
    if (id == 0)
        return;
    td_error_clear(&err);
    (void)store_ticket_base(ui->app->store, id, &ed->base_at, &err);
    editor_window_load(ui, ed);
    if (store_draft_load(ui->app->store, id, &body, &is_note, &status,
                         &err) == TD_OK && body) {
        edbuf_set(&ed->buf, body, strlen(body), 1);
        ed->is_note = is_note;
        for (size_t i = 1; status && i < EDITOR_N_STATUSES; i++) {
            if (strcmp(editor_statuses[i], status) == 0)
                ed->status = i;
        }
        ed->saved_once = 1;
        ui_message(ui, "draft restored");
    }
    free(body);
    free(status);
    suggest_load(ui, &ed->sg, id);
}

void
editor_begin(struct ui *ui, int is_note)
{
    struct editor *ed = editor_get(ui);

    if (ui->ticket_id == 0) {
        inbox_act_open(ui);
        if (ui->ticket_id == 0)
            return;
    }
    editor_set_ticket(ui, ui->ticket_id);
    /* The intent may have come since (a sync, the background pass). */
    if (ed->buf.len == 0)
        suggest_load(ui, &ed->sg, ui->ticket_id);
    if (ed->is_note != is_note) {
        ed->is_note = is_note;
        ed->buf.dirty = 1;
        editor_changed(ui, ed);
    }
    ui->aux = PANE_EDITOR;
    ui_focus(ui, PANE_EDITOR);
}

int
editor_is_typing(struct ui *ui, int64_t id)
{
    struct editor *ed = editor_get(ui);

    return ed != NULL && id != 0 && ed->ticket_id == id &&
           ui->focus == PANE_EDITOR && !ui->help;
}

const char *
editor_text(struct ui *ui, int64_t *ticket_id)
{
    struct editor *ed = editor_get(ui);

    *ticket_id = ed ? ed->ticket_id : 0;
    return ed && ed->buf.text ? ed->buf.text : "";
}

void
editor_replace_text(struct ui *ui, const char *text)
{
    struct editor *ed = editor_get(ui);
    size_t n = strlen(text);

    if (ed->ticket_id == 0)
        return;
    if (n > EDBUF_MAX) {
        n = EDBUF_MAX;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;        /* never half a character */
    }
    edbuf_set(&ed->buf, text, n, 0);
    ed->buf.dirty = 1;
    editor_changed(ui, ed);
    editor_save(ui);
}

const char *
editor_author(struct ui *ui)
{
    const char *name = config_str(ui->app->cfg, OPT_AGENT_NAME);

    if (name && *name)
        return name;
    name = getenv("USER");
    return name && *name ? name : "agent";
}

/* A reply still holding a template tag ({{order.number}}, a prompt not
 * answered) cannot go out: say which, and put the cursor on the first.
 * 1 when blocked. */
static int
editor_unresolved(struct ui *ui, struct editor *ed)
{
    struct trender_list tags = { 0 };
    size_t s, e;
    struct buf b;

    if (tscan_all(ed->buf.text, ed->buf.len, &tags) == 0)
        return 0;
    buf_init(&b, 0);
    for (size_t i = 0; i < tags.n && i < 6; i++)
        (void)buf_printf(&b, "%s%s", i ? ", " : "", tags.v[i]);
    if (tags.n > 6)
        (void)buf_printf(&b, " and %zu more", tags.n - 6);
    ui_error(ui, "not sent: fill in or delete %s (highlighted)",
             buf_str(&b));
    if (tscan_next(ed->buf.text, ed->buf.len, 0, &s, &e))
        ed->buf.cursor = s;
    buf_free(&b);
    trender_list_free(&tags);
    return 1;
}

/* A reply on a closed WhatsApp/LINE window must be an approved template
 * (clocks.h); at is the send time (0 = now). Says why not. */
static int
editor_reply_allowed(struct ui *ui, struct editor *ed, time_t at)
{
    struct ticket *t = NULL;
    struct td_error err;
    struct buf why;
    int ok = 1;

    td_error_clear(&err);
    if (!sla_channel_has_window(ed->channel) ||
        store_ticket_get(ui->app->store, ed->ticket_id, &t, &err) != TD_OK)
        return 1;
    buf_init(&why, 0);
    if (!replywin_allowed(ui->app->store, ui->app->share_dir,
                          config_str(ui->app->cfg, OPT_AGENT_NAME), t,
                          ed->buf.text, at ? at : time_now(), &why)) {
        ui_error(ui, "not sent: %s", buf_str(&why));
        ok = 0;
    }
    buf_free(&why);
    ticket_free(&t);
    return ok;
}

int64_t
editor_ticket_id(struct ui *ui)
{
    return editor_get(ui)->ticket_id;
}

int
editor_send_now(struct ui *ui)
{
    return editor_send_at(ui, 0);
}

int
editor_send_at(struct ui *ui, time_t at)
{
    struct editor *ed = editor_get(ui);
    struct td_error err;
    int64_t item = 0, tid = ed->ticket_id;
    char *ok_msg;
    const char *status = editor_statuses[ed->status];
    int is_note = ed->is_note;

    if (tid == 0 || ed->buf.len == 0) {
        ui_error(ui, "nothing to send");
        return -1;
    }
    if (editor_unresolved(ui, ed))
        return -1;
    if (!is_note && !editor_reply_allowed(ui, ed, at))
        return -1;
    /* The draft is on disk before the outbox sees it: a crash in
     * between loses nothing. */
    ed->buf.dirty = 1;
    editor_save(ui);
    td_error_clear(&err);
    if (outbox_queue_at(ui->app->store, ui->app->readonly, tid, ed->buf.text,
                        is_note, status, at, &item, &err) != TD_OK ||
        (ed->base_at && store_outbox_set_base(ui->app->store, item,
                                              ed->base_at, &err) != TD_OK)) {
        ui_error(ui, "not sent: %s", err.msg);
        return -1;
    }
    /* Queued: from here on the outbox owns the text. */
    store_draft_delete(ui->app->store, tid, &err);
    edbuf_set(&ed->buf, "", 0, 1);
    ed->status = 0;
    ed->is_note = 0;
    ed->saved_once = 0;
    (void)store_ticket_base(ui->app->store, tid, &ed->base_at, &err);
    xfree_str(&ed->tpl_label);
    if (at > time_now()) {
        /* Scheduled: the poll loop sends it when its time comes. */
        char when[48];

        clocks_format(ui, config_str(ui->app->cfg, OPT_TIMEZONE), at,
                      "%a %d %b %H:%M %Z", when, sizeof when);
        ui_message(ui, "scheduled in the outbox: goes %s", when);
        clocks_rearm(ui);
    } else {
        /* A network send must not freeze the screen: it goes on in the
         * poll loop and says how it went when it ends (a local one
         * already has). */
        ui_message(ui, "sending...");
        ok_msg = xasprintf("%s%s%s", is_note ? "note added" : "reply sent",
                           status ? ", status " : "", status ? status : "");
        netsync_flush(ui, item, ok_msg);
        free(ok_msg);
    }
    thread_load(ui, tid, 1);
    inbox_reload(ui);
    ui_refresh_counts(ui);
    ui_focus(ui, PANE_THREAD);
    return 0;
}

/* Move the inbox selection to ticket id if it is within a few rows;
 * else leave it where it was. */
static void
editor_seek(struct ui *ui, int64_t id)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        int moved = 0;
        int64_t got;

        while (moved < 50 && (got = inbox_step(ui, dir)) != 0) {
            moved++;
            if (got == id)
                return;
        }
        if (moved)
            inbox_step(ui, -dir * moved);
    }
}

/* Send, then open the ticket that came after it in the view. That one
 * is remembered before sending: the sent ticket may move (its status
 * changes the sort) or leave the view. */
int
editor_send_next_now(struct ui *ui)
{
    int64_t next = inbox_step(ui, 1);

    if (next)
        inbox_step(ui, -1);
    if (editor_send_now(ui) != 0)
        return -1;
    if (next == 0) {
        ui_message(ui, "sent; that was the last ticket of the view");
        return 0;
    }
    /* Put the selection on it too, when it is still near in the list. */
    if (inbox_selected(ui) != next)
        editor_seek(ui, next);
    inbox_open_id(ui, next);
    return 0;
}

/* The checks both sends share before any confirmation. */
static int
editor_ready(struct ui *ui, struct editor *ed)
{
    if (ed->ticket_id == 0 || ed->buf.len == 0) {
        ui_error(ui, "nothing to send");
        return 0;
    }
    if (editor_unresolved(ui, ed))
        return 0;
    /* A closed WhatsApp/LINE window takes only approved templates. */
    return ed->is_note || editor_reply_allowed(ui, ed, 0);
}

/* Send (next: and open the next ticket), after the y/n question when
 * confirm_send is set. */
static void
editor_ask_send(struct ui *ui, int next)
{
    struct editor *ed = editor_get(ui);
    const char *st = editor_statuses[ed->status];

    if (!editor_ready(ui, ed))
        return;
    if (config_int(ui->app->cfg, OPT_CONFIRM_SEND)) {
        ui->confirm = next ? CONFIRM_SEND_NEXT : CONFIRM_SEND;
        ui_message(ui, "Send this %s%s%s%s%s? (y/n)",
                   ed->is_note ? "internal note" : "reply to the buyer",
                   ed->is_note ? "" : uitrans_send_note(ui),
                   st ? " and set status " : "", st ? st : "",
                   next ? ", then open the next ticket" : "");
        return;
    }
    if (next)
        editor_send_next_now(ui);
    else
        editor_send_now(ui);
}

void
editor_act_send_next(struct ui *ui)
{
    editor_ask_send(ui, 1);
}

void
editor_act_send(struct ui *ui)
{
    editor_ask_send(ui, 0);
}

int64_t
editor_ticket(struct ui *ui)
{
    return editor_get(ui)->ticket_id;
}

int
editor_insert(struct ui *ui, const char *text)
{
    struct editor *ed = editor_get(ui);

    if (ed->ticket_id == 0)
        return -1;
    /* Its own undo step: C-z takes the whole template back out. */
    ed->buf.coalesce = 0;
    if (edbuf_insert(&ed->buf, text, strlen(text)) != 0) {
        ui_error(ui, "the draft would pass its size limit: not inserted");
        return -1;
    }
    ed->buf.coalesce = 0;
    editor_changed(ui, ed);
    return 0;
}

int
editor_set_status(struct ui *ui, const char *name)
{
    struct editor *ed = editor_get(ui);

    ed->status_auto = 0;
    for (size_t i = 0; i < EDITOR_N_STATUSES; i++) {
        if ((i == 0 && (name == NULL || strcmp(name, "keep") == 0)) ||
            (i > 0 && name && strcmp(editor_statuses[i], name) == 0)) {
            ed->status = i;
            ed->buf.dirty = 1;
            editor_changed(ui, ed);
            return 0;
        }
    }
    return -1;
}

size_t
editor_draft_len(struct ui *ui)
{
    return editor_get(ui)->buf.len;
}

int
editor_template_used(struct ui *ui, const char *label, int is_note,
                     int was_empty, const char *status)
{
    struct editor *ed = editor_get(ui);
    int kept_note = 0;

    free(ed->tpl_label);
    ed->tpl_label = xstrdup(label);
    /* A note template makes the draft a note; a public one makes a note
     * public only when it started the draft: text written as a note
     * must not reach the buyer because a template was added to it. */
    if (is_note && !ed->is_note) {
        ed->is_note = 1;
        ed->buf.dirty = 1;
    } else if (!is_note && ed->is_note && was_empty) {
        ed->is_note = 0;
        ed->buf.dirty = 1;
    } else if (!is_note && ed->is_note) {
        kept_note = 1;
    }
    /* The template's status, unless the agent already chose one. */
    if (status && (ed->status == 0 || ed->status_auto) &&
        editor_set_status(ui, status) == 0)
        ed->status_auto = 1;
    editor_changed(ui, ed);
    return kept_note;
}

int
editor_run_external(struct ui *ui, const char *path)
{
    const char *cmd = config_str(ui->app->cfg, OPT_EDITOR);
    sigset_t set;
    pid_t pid;
    int status;

    if (cmd == NULL || *cmd == '\0')
        cmd = getenv("VISUAL");
    if (cmd == NULL || *cmd == '\0')
        cmd = getenv("EDITOR");
    if (cmd == NULL || *cmd == '\0')
        cmd = "vi";
    def_prog_mode();
    endwin();
    pid = fork();
    if (pid == 0) {
        char *script = xasprintf("%s \"$1\"", cmd);

        /* The console blocks SIGWINCH, SIGTERM and SIGHUP for its
         * signalfd; the editor needs them back. */
        sigemptyset(&set);
        sigaddset(&set, SIGWINCH);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGHUP);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
        _exit(127);
    }
    status = -1;
    if (pid > 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    }
    reset_prog_mode();
    clearok(curscr, TRUE);
    return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

void
editor_act_edit_external(struct ui *ui)
{
    struct editor *ed = editor_get(ui);
    char *path = NULL;
    struct buf b;
    FILE *f;
    int fd;
    char chunk[4096];
    size_t n;

    if (ed->ticket_id == 0) {
        ui_error(ui, "no ticket open");
        return;
    }
    path = xasprintf("%s/draft-XXXXXX", ui->app->data_dir ?
                     ui->app->data_dir : "/tmp");
    if ((fd = mkstemp(path)) < 0 ||
        write(fd, ed->buf.text, ed->buf.len) != (ssize_t)ed->buf.len) {
        ui_error(ui, "cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        goto out;
    }
    close(fd);
    if (editor_run_external(ui, path) != 0) {
        ui_error(ui, "the editor failed; the draft is unchanged");
        goto out;
    }
    if ((f = fopen(path, "r")) == NULL)
        goto out;
    buf_init(&b, EDBUF_MAX);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&b, chunk, n) != 0) {
            ui_error(ui, "the draft is over %d bytes: not taken",
                     EDBUF_MAX);
            break;
        }
    }
    fclose(f);
    /* Editors end files with a newline; a reply should not. */
    while (b.len > 0 && b.data[b.len - 1] == '\n')
        b.len--;
    if (b.len <= EDBUF_MAX)
        edbuf_set(&ed->buf, b.len ? b.data : "", b.len, 0);
    buf_free(&b);
    editor_changed(ui, ed);
    editor_save(ui);
out:
    if (path)
        unlink(path);
    free(path);
}

void
editor_act_toggle_note(struct ui *ui)
{
    struct editor *ed = editor_get(ui);

    ed->is_note = !ed->is_note;
    ed->buf.dirty = 1;
    editor_changed(ui, ed);
    ui_message(ui, "%s", ed->is_note ? "internal note (the buyer won't "
               "see it)" : "public reply");
}

void
editor_act_cycle_status(struct ui *ui)
{
    struct editor *ed = editor_get(ui);

    ed->status = (ed->status + 1) % EDITOR_N_STATUSES;
    ed->status_auto = 0;
    ed->buf.dirty = 1;
    editor_changed(ui, ed);
    ui_message(ui, "after sending: %s", editor_statuses[ed->status] ?
               editor_statuses[ed->status] : "keep the status");
}

/* Run an edbuf operation, then note the change. */
#define EDITOR_OP(fn, call)                                              \
    void                                                                 \
    fn(struct ui *ui)                                                    \
    {                                                                    \
        struct editor *ed = editor_get(ui);                              \
                                                                         \
        call;                                                            \
        editor_changed(ui, ed);                                          \
    }

EDITOR_OP(editor_act_undo, edbuf_undo(&ed->buf))
EDITOR_OP(editor_act_redo, edbuf_redo(&ed->buf))
EDITOR_OP(editor_act_left, edbuf_left(&ed->buf))
EDITOR_OP(editor_act_right, edbuf_right(&ed->buf))
EDITOR_OP(editor_act_up, edbuf_vertical(&ed->buf, -1,
                                        ui->panes[PANE_EDITOR].cols))
EDITOR_OP(editor_act_down, edbuf_vertical(&ed->buf, 1,
                                          ui->panes[PANE_EDITOR].cols))
EDITOR_OP(editor_act_word_back, edbuf_word_back(&ed->buf))
EDITOR_OP(editor_act_word_forward, edbuf_word_forward(&ed->buf))
EDITOR_OP(editor_act_line_start, edbuf_line_start(&ed->buf))
EDITOR_OP(editor_act_line_end, edbuf_line_end(&ed->buf))
EDITOR_OP(editor_act_delete_back, edbuf_delete_back(&ed->buf))
EDITOR_OP(editor_act_delete_forward, edbuf_delete_forward(&ed->buf))
EDITOR_OP(editor_act_delete_word_back, edbuf_delete_word_back(&ed->buf))
EDITOR_OP(editor_act_kill_line, edbuf_kill_line(&ed->buf))
EDITOR_OP(editor_act_newline, edbuf_insert(&ed->buf, "\n", 1))

int
editor_use_suggestion(struct ui *ui)
{
    struct editor *ed = editor_get(ui);
    struct suggest *sg = &ed->sg;

    if (ed->ticket_id == 0 || sg->text == NULL || ed->is_note ||
        sg->ticket_id != ed->ticket_id || ed->buf.len > 0)
        return 0;
    /* Into the draft, never out: the agent reads, edits and sends it. */
    if (edbuf_insert(&ed->buf, sg->text, strlen(sg->text)) != 0) {
        ui_error(ui, "the suggestion is over the draft's size limit");
        return 1;
    }
    ed->buf.cursor = 0;
    for (size_t i = 1; sg->status >= 0 && i < EDITOR_N_STATUSES; i++)
        if (strcmp(editor_statuses[i],
                   ticket_status_name((enum ticket_status)sg->status)) == 0)
            ed->status = i;
    editor_changed(ui, ed);
    ui_message(ui, "%s: review and edit, C-s sends, C-z takes it back%s%s",
               sg->template_id, sg->note ? "; " : "",
               sg->note ? sg->note : "");
    return 1;
}

/* The suggestion, dimmed, where the empty draft would be. */
static void
editor_draw_suggestion(struct ui *ui, struct pane *p, int h)
{
    struct editor *ed = p->priv;
    struct edbuf tmp;
    struct edbuf_row *rows;
    size_t n, row, col;
    char *head;

    head = xasprintf("Suggested: %s", ed->sg.title);
    screen_put(ui, p->win, 1, 0, p->cols, head, OBJ_HELP_KEY, 1);
    free(head);
    edbuf_init(&tmp);
    edbuf_set(&tmp, ed->sg.text, strlen(ed->sg.text), 1);
    n = edbuf_wrap(&tmp, p->cols, NULL, 0, &row, &col);
    rows = xcalloc(n ? n : 1, sizeof *rows);
    edbuf_wrap(&tmp, p->cols, rows, n, &row, &col);
    for (int r = 1; r < h; r++) {
        size_t i = (size_t)(r - 1);
        char *s = i < n ? xstrndup(tmp.text + rows[i].start,
                                   rows[i].end - rows[i].start)
                        : xstrdup("");
        size_t len = strlen(s);

        if (len > 0 && s[len - 1] == '\n')
            s[len - 1] = '\0';
        screen_put(ui, p->win, r + 1, 0, p->cols, s, OBJ_HELP_TEXT, 1);
        free(s);
    }
    free(rows);
    edbuf_free(&tmp);
}

static int
editor_input(struct ui *ui, struct pane *p, const char *key)
{
    struct editor *ed = p->priv;

    if (!keymap_is_text(key))
        return 0;
    if (ed->ticket_id == 0) {
        ui_error(ui, "open a ticket first (Enter on the inbox)");
        return 1;
    }
    if (strcmp(key, "<Space>") == 0)
        key = " ";
    if (edbuf_insert(&ed->buf, key, strlen(key)) != 0)
        ui_error(ui, "the draft is at its size limit");
    editor_changed(ui, ed);
    return 1;
}

static int
editor_window_closed(const struct editor *ed)
{
    return ed->ticket_id != 0 && !ed->is_note &&
           sla_channel_has_window(ed->channel) &&
           sla_window_left(ed->channel, ed->customer_at, time_now()) <= 0;
}

/* "window 5h12m " or "window closed " for a reply on WhatsApp or LINE. */
static void
editor_window_title(const struct editor *ed, char *out, size_t n)
{
    int64_t left;

    out[0] = '\0';
    if (ed->ticket_id == 0 || ed->is_note ||
        !sla_channel_has_window(ed->channel))
        return;
    left = sla_window_left(ed->channel, ed->customer_at, time_now());
    if (left <= 0)
        snprintf(out, n, "%s window closed ", channel_name(ed->channel));
    else
        snprintf(out, n, "%s window %lldh%02lldm ", channel_name(ed->channel),
                 (long long)(left / 3600), (long long)(left % 3600 / 60));
}

static void
editor_draw(struct ui *ui, struct pane *p)
{
    struct editor *ed = p->priv;
    int pv = uitrans_preview_rows(ui, p);
    int h = p->rows - 2 - pv, width = p->cols;
    size_t n, row, col;
    struct edbuf_row *rows;
    char left[128], right[96];
    enum theme_obj obj = ed->is_note ? OBJ_EDITOR_NOTE : OBJ_EDITOR_TEXT;
    /* A reply to the buyer, not an internal note, can start from it. */
    int suggesting = ed->buf.len == 0 && ed->sg.text && !ed->is_note &&
                     ed->sg.ticket_id == ed->ticket_id;

    if (ui->picker) {
        picker_draw(ui, p);
        return;
    }
    if (h < 1)
        h = 1;
    snprintf(left, sizeof left, " %s%s%s%s", ed->ticket_id == 0 ? "Editor"
             : ed->is_note ? "Internal note" : "Reply",
             ed->ticket_id == 0 || ed->tpl_label ? "" : " (C-s sends)",
             ed->tpl_label ? " · " : "", ed->tpl_label ? ed->tpl_label : "");
    editor_window_title(ed, right, sizeof right);
    n = strlen(right);
    snprintf(right + n, sizeof right - n, "%s%s%s ",
             editor_statuses[ed->status] ? "then " : "",
             editor_statuses[ed->status] ? editor_statuses[ed->status] : "",
             ed->buf.dirty ? " [+]" : ed->saved_once ? " [saved]" : "");
    screen_title(ui, p, left, right);
    n = edbuf_wrap(&ed->buf, width, NULL, 0, &row, &col);
    rows = xcalloc(n, sizeof *rows);
    edbuf_wrap(&ed->buf, width, rows, n, &row, &col);
    if ((int)row < ed->top)
        ed->top = (int)row;
    if ((int)row >= ed->top + h)
        ed->top = (int)row - h + 1;
    if (suggesting)
        editor_draw_suggestion(ui, p, h);
    for (int r = 0; r < h && !suggesting; r++) {
        size_t i = (size_t)(ed->top + r);

        if (i < n) {
            char *s = xstrndup(ed->buf.text + rows[i].start,
                               rows[i].end - rows[i].start);
            size_t len = strlen(s);

            if (len > 0 && s[len - 1] == '\n')
                s[len - 1] = '\0';
            screen_put(ui, p->win, r + 1, 0, p->cols, s, obj, 1);
            picker_mark_tags(ui, p->win, r + 1, p->cols, ed->buf.text,
                             ed->buf.len, rows[i].start, rows[i].end);
            free(s);
        } else {
            screen_put(ui, p->win, r + 1, 0, p->cols,
                       ed->ticket_id == 0 && r == 0
                       ? "r replies, n writes a note on the open ticket" : "",
                       OBJ_EDITOR_TEXT, 1);
        }
    }
    if (pv > 0)
        uitrans_draw_preview(ui, p, h + 1, pv);
    if (editor_window_closed(ed)) {
        char *line = xasprintf("Window closed: only approved templates go "
                               "(%s); C-t makes a note",
                               ed->approved ? ed->approved : "none");

        screen_put(ui, p->win, p->rows - 1, 0, p->cols, line,
                   OBJ_SLA_BREACH, 1);
        free(line);
    } else {
        screen_put(ui, p->win, p->rows - 1, 0, p->cols,
                   suggesting ? "Tab takes the suggestion, typing ignores it"
                   : "C-s send  C-t note/reply  C-o status  C-z undo  "
                     "C-x C-e $EDITOR  C-r template  M-s send+next  Esc back",
                   OBJ_HELP_TEXT, 1);
    }
    ed->cur_y = (int)row - ed->top + 1;
    ed->cur_x = (int)col < width ? (int)col : width - 1;
    free(rows);
}

static int
editor_cursor(struct ui *ui, struct pane *p, int *y, int *x)
{
    struct editor *ed = p->priv;

    if (ui->picker)
        return picker_cursor(ui, p, y, x);
    if (ed->ticket_id == 0)
        return -1;
    *y = ed->cur_y;
    *x = ed->cur_x;
    return 0;
}

static void
editor_move(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct editor *ed = p->priv;
    int h = p->rows > 3 ? p->rows - 2 : 1;

    switch (how) {
    case MOVE_LINE:
    case MOVE_PAGE:
    case MOVE_HALF:
        for (int i = 0; i < (how == MOVE_LINE ? 1 : h) * (n < 0 ? -n : n);
             i++)
            edbuf_vertical(&ed->buf, n < 0 ? -1 : 1, p->cols);
        break;
    case MOVE_TOP:
        ed->buf.cursor = 0;
        break;
    case MOVE_BOTTOM:
        ed->buf.cursor = ed->buf.len;
        break;
    }
    (void)ui;
}

static void
editor_init(struct ui *ui, struct pane *p)
{
    struct editor *ed = p->priv;

    (void)ui;
    edbuf_init(&ed->buf);
    ed->sg.status = -1;
}

static void
editor_fini(struct ui *ui, struct pane *p)
{
    struct editor *ed = p->priv;

    editor_save(ui);
    edbuf_free(&ed->buf);
    suggest_free(&ed->sg);
    free(ed->tpl_label);
    xfree_str(&ed->approved);
}

const struct pane_ops editor_ops = {
    .name = "editor",
    .priv_size = sizeof(struct editor),
    .init = editor_init,
    .fini = editor_fini,
    .draw = editor_draw,
    .step = editor_move,
    .input = editor_input,
    .cursor = editor_cursor,
};
