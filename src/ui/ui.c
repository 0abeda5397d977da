/* ui.c: the one loop: poll keys, signals, timers; dispatch; draw. */
#include "ui/ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "config/config.h"
#include "config/keys.h"
#include "core/paths.h"
#include "core/query.h"
#include "store/classify.h"
#include "store/store.h"
#include "ui/actions.h"
#include "ui/clocks.h"
#include "ui/commands.h"
#include "ui/editor.h"
#include "ui/help.h"
#include "ui/inbox.h"
#include "ui/keymap.h"
#include "ui/netsync.h"
#include "ui/notify.h"
#include "ui/order.h"
#include "ui/picker.h"
#include "ui/prompt.h"
#include "ui/readonly.h"
#include "ui/screen.h"
#include "ui/stats.h"
#include "ui/status.h"
#include "ui/thread.h"
#include "ui/tplcmds.h"
#include "ui/uitrans.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

/* The pane kinds, indexed by enum pane_id. */
static const struct pane_ops *const ui_pane_ops[PANE_COUNT] = {
    [PANE_INBOX] = &inbox_ops,
    [PANE_THREAD] = &thread_ops,
    [PANE_ORDER] = &order_ops,
    [PANE_EDITOR] = &editor_ops,
    [PANE_HELP] = &help_ops,
    [PANE_STATS] = &stats_ops,
};

static int ui_run_with(struct app *app, const struct ui_batch *batch);
static void ui_batch_say(struct ui *ui, int error);

/* ---- messages ---- */

/* -e/--batch have no message line: the message goes out as a line,
 * sanitized (it may quote a subject). A question waits for the loop. */
static void
ui_batch_say(struct ui *ui, int error)
{
    char *s = sanitize_str(ui->msg, 0);

    if (error) {
        fprintf(stderr, "%s: %s\n", ui->batch_where ? ui->batch_where
                : "ttydesk", s);
        ui->batch_failed = 1;
    } else if (ui->confirm == CONFIRM_NONE) {
        printf("%s\n", s);
    }
    free(s);
}

static void
ui_vmessage(struct ui *ui, int error, const char *fmt, va_list ap)
{
    struct buf b;

    buf_init(&b, 4096);
    buf_vprintf(&b, fmt, ap);
    free(ui->msg);
    ui->msg = buf_detach(&b);
    ui->msg_error = error;
    if (error && *ui->msg) {
        free(ui->last_error);
        ui->last_error = xstrdup(ui->msg);
    }
    buf_free(&b);
    if (ui->batch && *ui->msg)
        ui_batch_say(ui, error);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ui_vmessage(ui, 0, fmt, ap);
    va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ui_vmessage(ui, 1, fmt, ap);
    va_end(ap);
}

void *
ui_priv(struct ui *ui, enum pane_id id)
{
    return ui->panes[id].priv;
}

/* ---- layout and drawing ---- */

void
ui_relayout(struct ui *ui)
{
    struct layout_in in = {
        .cols = COLS,
        .lines = LINES,
        .inbox_pct = (int)config_int(ui->app->cfg, OPT_INBOX_WIDTH),
        .editor_pct = (int)config_int(ui->app->cfg, OPT_EDITOR_WIDTH),
        .order_pct = (int)config_int(ui->app->cfg, OPT_ORDER_HEIGHT),
        .focus = ui->focus,
        .aux = ui->aux,
        .help = ui->help,
        .stats = ui->stats,
    };

    int pad;

    ui->cols = COLS;
    ui->lines = LINES;
    layout_compute(&in, &ui->lay);
    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *p = &ui->panes[i];
        const struct rect *r = &ui->lay.pane[i];

        if (p->win) {
            delwin(p->win);
            p->win = NULL;
        }
        p->rows = p->cols = p->width = 0;
        if (r->w == 0)
            continue;
        /* A pane right of a separator keeps a blank column from it. */
        pad = r->x > 0 && r->w > 2 ? 1 : 0;
        p->win = newwin(r->h, r->w - pad, r->y, r->x + pad);
        p->rows = r->h;
        p->width = r->w - pad;
        /* A pane that does not reach the right edge gives its last
         * column to the separator line. */
        p->cols = r->x + r->w < ui->cols && p->width > 1 ? p->width - 1
                  : p->width;
    }
    for (int i = 0; i < PANE_COUNT; i++) {
        if (ui->panes[i].win)
            wbkgdset(ui->panes[i].win, ui->theme.attr[OBJ_DEFAULT]);
    }
    /* What the old layout left in the blank columns must go. */
    wbkgdset(stdscr, ui->theme.attr[OBJ_DEFAULT]);
    werase(stdscr);
    wnoutrefresh(stdscr);
    if (ui->win_status)
        delwin(ui->win_status);
    if (ui->win_prompt)
        delwin(ui->win_prompt);
    ui->win_status = ui->lay.status.w ? newwin(1, ui->lay.status.w,
                                               ui->lay.status.y, 0) : NULL;
    ui->win_prompt = ui->lay.prompt.w ? newwin(1, ui->lay.prompt.w,
                                               ui->lay.prompt.y, 0) : NULL;
}

void
ui_focus(struct ui *ui, enum pane_id id)
{
    ui->help = 0;
    ui->stats = 0;
    ui->focus = id;
    if (id == PANE_ORDER || id == PANE_EDITOR)
        ui->aux = id;
    ui_relayout(ui);
}

void
ui_draw(struct ui *ui)
{
    struct pane *cur = NULL;
    int cy = -1, cx = -1, px;

    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *p = &ui->panes[i];

        if (p->win == NULL)
            continue;
        p->ops->draw(ui, p);
        if (p->cols < p->width) {
            wattrset(p->win, ui->theme.attr[OBJ_SEPARATOR]);
            mvwvline_set(p->win, 0, p->cols, WACS_VLINE, p->rows);
            wattrset(p->win, ui->theme.attr[OBJ_DEFAULT]);
        }
        wnoutrefresh(p->win);
    }
    status_draw(ui);
    if (ui->win_status)
        wnoutrefresh(ui->win_status);
    prompt_draw(ui);
    /* The cursor shows only where text is typed: the prompt, or the
     * editor. The window refreshed last decides where it sits. */
    if ((px = prompt_cursor(ui)) >= 0 && ui->win_prompt) {
        wmove(ui->win_prompt, 0, px);
        wnoutrefresh(ui->win_prompt);
        curs_set(1);
    } else {
        if (ui->win_prompt)
            wnoutrefresh(ui->win_prompt);
        if (!ui->help && !ui->stats)
            cur = &ui->panes[ui->focus];
        if (cur && cur->win && cur->ops->cursor &&
            cur->ops->cursor(ui, cur, &cy, &cx) == 0) {
            wmove(cur->win, cy, cx);
            wnoutrefresh(cur->win);
            curs_set(1);
        } else {
            curs_set(0);
        }
    }
    doupdate();
}

void
ui_apply_theme(struct ui *ui)
{
    const char *nc = getenv("NO_COLOR");

    ui->mono = (nc && *nc) || !has_colors();
    if (!ui->mono) {
        start_color();
        use_default_colors();
    }
    theme_apply(&ui->theme, ui->base, ui->app->cfg, ui->mono);
    if (ui->win_status)
        ui_relayout(ui);    /* the new background everywhere */
}

void
ui_refresh_counts(struct ui *ui)
{
    int64_t counts[TS_COUNT] = { 0 };
    struct query q = { 0 };
    struct td_error err;
    static const int pending[] = { OB_QUEUED, OB_SENDING, OB_HELD,
                                   OB_FAILED };

    td_error_clear(&err);
    if (store_status_counts(ui->app->store, counts, &err) == TD_OK)
        ui->n_open = counts[TS_NEW] + counts[TS_OPEN];
    if (query_parse("status:unsolved sla<0", &q, &err) == TD_OK &&
        store_inbox_count(ui->app->store, &q, &ui->n_breaching, &err) !=
        TD_OK)
        ui->n_breaching = 0;
    query_clear(&q);
    if (store_unread_count(ui->app->store, &ui->n_unread, &err) != TD_OK)
        ui->n_unread = 0;
    ui->n_outbox = 0;
    for (size_t i = 0; i < sizeof pending / sizeof pending[0]; i++) {
        struct outbox_item *items = NULL;
        size_t n = 0;

        if (store_outbox_list(ui->app->store, pending[i], &items, &n,
                              &err) == TD_OK) {
            ui->n_outbox += n;
            outbox_items_free(&items, n);
        }
    }
    /* Whatever refreshed the counts (a sync, a send, the minute
     * timer) may have brought something to notify about. */
    notify_check(ui);
}

/* ---- the key queue (scripts and macros) ---- */

static void
keyq_insert(struct keyq *q, size_t at, const char *text, int is_cmd)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 64;
        q->v = xreallocarray(q->v, q->cap, sizeof *q->v);
    }
    memmove(q->v + at + 1, q->v + at, (q->n - at) * sizeof *q->v);
    q->v[at].text = xstrdup(text);
    q->v[at].is_cmd = is_cmd;
    q->n++;
}

static int
keyq_pop(struct keyq *q, struct qitem *out)
{
    if (q->n == 0)
        return 0;
    *out = q->v[0];
    memmove(q->v, q->v + 1, (q->n - 1) * sizeof *q->v);
    q->n--;
    return 1;
}

static void
keyq_free(struct keyq *q)
{
    for (size_t i = 0; i < q->n; i++)
        free(q->v[i].text);
    free(q->v);
    memset(q, 0, sizeof *q);
}

/* Split canonical keys into the queue from position at; returns the
 * position after them. */
static size_t
ui_queue_keys(struct ui *ui, size_t at, const char *keys)
{
    char k[64];
    const char *p = keys;

    while (keymap_next(&p, k, sizeof k) > 0)
        keyq_insert(&ui->queue, at++, k, 0);
    return at;
}

void
ui_push_keys(struct ui *ui, const char *keys)
{
    ui_queue_keys(ui, 0, keys);
}

/* TTYDESK_SCRIPT: lines of keys ("jjk<Enter>") and of ":commands". */
static int
ui_load_script(struct ui *ui, const char *path)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (f == NULL)
        return -1;
    while ((n = getline(&line, &cap, f)) >= 0) {
        struct buf keys;
        struct td_error err;

        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        if (line[0] == ':') {
            keyq_insert(&ui->queue, ui->queue.n, line + 1, 1);
            continue;
        }
        /* @wait: let the network finish (syncs, sends) before going on;
         * without it a script runs every key before any answer lands. */
        if (strcmp(line, "@wait") == 0) {
            keyq_insert(&ui->queue, ui->queue.n, "", 2);
            continue;
        }
        buf_init(&keys, 0);
        if (keys_canon(line, 1, &keys, &err) == TD_OK)
            ui_queue_keys(ui, ui->queue.n, buf_str(&keys));
        else
            fprintf(stderr, "ttydesk: %s: %s\n", path, err.msg);
        buf_free(&keys);
    }
    free(line);
    fclose(f);
    return 0;
}

/* ---- commands and keys ---- */

void
ui_command(struct ui *ui, const char *line)
{
    char **argv = NULL;
    struct td_error err;
    int argc;

    td_error_clear(&err);
    argc = config_split(line, &argv, &err);
    if (argc < 0) {
        ui_error(ui, "%s", err.msg);
        return;
    }
    if (argc == 0 || commands_run(ui, argc, argv)) {
        config_words_free(argv, argc);
        return;
    }
    if (config_exec_line(ui->app->cfg, line, NULL, 0, &err) != TD_OK) {
        ui_error(ui, "%s", err.msg);
    } else if (strcmp(argv[0], "color") == 0 ||
               strcmp(argv[0], "source") == 0) {
        ui_apply_theme(ui);
    } else if (strcmp(argv[0], "set") == 0 || strcmp(argv[0], "unset") == 0) {
        ui_relayout(ui);
        inbox_reload(ui);
    } else if (strcmp(argv[0], "view") == 0 && argc >= 3) {
        inbox_set_view(ui, argv[1]);
    }
    if (err.status == TD_OK)
        clocks_config(ui, argv[0]);
    config_words_free(argv, argc);
}

static void
ui_confirm_key(struct ui *ui, const char *key)
{
    enum confirm_kind kind = ui->confirm;

    ui->confirm = CONFIRM_NONE;
    if (strcmp(key, "y") != 0 && strcmp(key, "Y") != 0) {
        ui_message(ui, "cancelled");
        xfree_str(&ui->confirm_arg);
        return;
    }
    ui_message(ui, "%s", "");
    if (kind == CONFIRM_SEND)
        editor_send_now(ui);
    else if (kind == CONFIRM_SEND_NEXT)
        editor_send_next_now(ui);
    else if (kind == CONFIRM_TEMPLATE_DELETE)
        tplcmds_delete_now(ui, ui->confirm_arg);
    else if (kind == CONFIRM_QUIT)
        ui->quit = 1;
    xfree_str(&ui->confirm_arg);
}

static void
ui_key(struct ui *ui, const char *key)
{
    struct pane *p = &ui->panes[ui->help ? PANE_HELP
                                : ui->stats ? PANE_STATS : ui->focus];
    const char *func, *macro;
    int text_input = !ui->help && !ui->stats && ui->focus == PANE_EDITOR;
    size_t len = strlen(ui->seq);
    const struct action *a;
    enum keymap_match m;
    const char *map = p->ops->name;

    if (ui->confirm != CONFIRM_NONE) {
        ui_confirm_key(ui, key);
        return;
    }
    if (prompt_active(ui)) {
        prompt_key(ui, key);
        return;
    }
    /* The template picker takes the keys while it is open: its own map
     * ("picker"), then global keys that type nothing. */
    if (ui->picker && !ui->help && ui->focus == PANE_EDITOR) {
        map = "picker";
        text_input = 1;
    }
    if (len + strlen(key) + 1 > sizeof ui->seq)
        len = 0;
    memcpy(ui->seq + len, key, strlen(key) + 1);
    m = keymap_lookup(ui->app->cfg, ui->base, map, ui->seq,
                      text_input, &func, &macro);
    switch (m) {
    case KM_PREFIX:
        return;
    case KM_BIND:
        ui->seq[0] = '\0';
        if ((a = actions_find(func)) == NULL)
            ui_error(ui, "unknown function '%s' (? lists them)", func);
        else if (!a->writes || !readonly_refuse(ui, a->name))
            a->fn(ui);
        return;
    case KM_MACRO:
        ui->seq[0] = '\0';
        ui_push_keys(ui, macro);
        return;
    case KM_NONE:
        break;
    }
    ui->seq[0] = '\0';
    /* A key that ended an unknown sequence is dropped with it; a lone
     * unbound key may still mean something to the pane (typing). */
    if (len == 0 && strcmp(map, "picker") == 0)
        picker_input(ui, key);
    else if (len == 0 && p->ops->input)
        p->ops->input(ui, p, key);
}

static void
ui_resize(struct ui *ui)
{
    struct winsize ws;

    if (ui->term_out && ioctl(fileno(ui->term_out), TIOCGWINSZ, &ws) == 0 &&
        ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
    ui_relayout(ui);
    /* The terminal may have reflowed what it showed: paint it all. */
    clearok(curscr, TRUE);
}

/* Read every key curses has; ESC then a key within the delay is Meta. */
static void
ui_read_keys(struct ui *ui)
{
    wint_t ch, ch2;
    int rc, rc2;
    char key[64];

    while ((rc = wget_wch(ui->win_input, &ch)) != ERR) {
        if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
            /* resizeterm queues one of these after our signalfd
             * resize: that one is done. Without a signalfd, curses
             * resized itself and only the layout is left to do. */
            if (ui->sigfd < 0) {
                ui_relayout(ui);
                clearok(curscr, TRUE);
            }
            continue;
        }
        if (rc == OK && ch == 27) {
            rc2 = wget_wch(ui->win_input, &ch2);
            if (rc2 == OK && ch2 > ' ' && ch2 < 127) {
                snprintf(key, sizeof key, "<M-%c>", (int)ch2);
                ui_key(ui, key);
                continue;
            }
            ui_key(ui, "<Esc>");
            if (rc2 == ERR)
                continue;
            ch = ch2;
            rc = rc2;
        }
        if (keymap_from_curses(ch, rc == KEY_CODE_YES, key, sizeof key) > 0)
            ui_key(ui, key);
    }
}

/* ---- start, loop, end ---- */

/* fatal() exits through atexit: leave the terminal usable. */
static void
ui_atexit(void)
{
    if (!isendwin())
        endwin();
}

static int
ui_start_curses(struct ui *ui)
{
    const char *term = getenv("TERM");

    if (ui->scripted) {
        /* Tests: draw into nothing, with LINES/COLUMNS from the env. */
        ui->term_out = fopen("/dev/null", "w");
        ui->term_in = fopen("/dev/null", "r");
        if (term == NULL || *term == '\0')
            term = "xterm-256color";
    } else {
        ui->term_out = stdout;
        ui->term_in = stdin;
    }
    if (ui->term_out == NULL || ui->term_in == NULL)
        return -1;
    ui->screen = newterm(term, ui->term_out, ui->term_in);
    if (ui->screen == NULL) {
        fprintf(stderr, "ttydesk: cannot start the console on terminal "
                "'%s'\n", term ? term : "(unset)");
        return -1;
    }
    set_term(ui->screen);
    atexit(ui_atexit);
    raw();
    noecho();
    nonl();
    if (getenv("ESCDELAY") == NULL)
        set_escdelay(25);       /* a lone Esc must feel instant */
    ui->win_input = newpad(1, 1);
    keypad(ui->win_input, TRUE);
    nodelay(ui->win_input, TRUE);
    ui_apply_theme(ui);
    return 0;
}

/* SIGWINCH, SIGTERM and SIGHUP arrive as reads on a signalfd in the
 * loop: no handler, no global flag. */
static void
ui_start_signals(struct ui *ui)
{
    sigset_t set;

    ui->sigfd = -1;
    if (ui->scripted)
        return;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    if (sigprocmask(SIG_BLOCK, &set, NULL) == 0)
        ui->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static void
ui_signals(struct ui *ui)
{
    struct signalfd_siginfo si;

    while (read(ui->sigfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGWINCH) {
            ui_resize(ui);
        } else {
            /* A dropped SSH session or kill: keep the draft, leave. */
            editor_save(ui);
            ui->quit = 1;
            ui->exit_status = 1;
        }
    }
}

static void
ui_load_base(struct ui *ui)
{
    const char *km = config_str(ui->app->cfg, OPT_KEYMAP);
    struct td_error err;

    ui->base = config_new();
    td_error_clear(&err);
    config_load_string(ui->base, keymap_default_text(), "default.keys",
                       &err);
    if (km && *km && strcmp(km, "default") != 0) {
        char *file = xasprintf("keymaps/%s.keys", km);
        char *path = strchr(km, '/') ? paths_expand(km)
                     : paths_join(ui->app->share_dir ? ui->app->share_dir
                                  : ".", file);

        if (config_load_file(ui->base, path, &err) != TD_OK)
            ui_error(ui, "keymap %s: %s", km, err.msg);
        free(path);
        free(file);
    }
}

static int
ui_poll_timeout(struct ui *ui)
{
    struct timespec now;
    int ms, ed;

    /* Wake at the next minute: the SLA column counts down. */
    clock_gettime(CLOCK_REALTIME, &now);
    ms = (int)(60000 - (now.tv_sec % 60) * 1000 - now.tv_nsec / 1000000);
    if (ms < 1)
        ms = 1;
    ed = editor_tick(ui);
    if (ed >= 0 && ed < ms)
        ms = ed;
    return clocks_timeout(ui, ms);
}

/* The minute timer: the SLA column counts down. Network timeouts wake
 * the loop far more often; the counts are queries, so once a minute. */
static void
ui_minute(struct ui *ui)
{
    long minute = (long)(time_now() / 60);

    if (minute != ui->counts_minute) {
        ui->counts_minute = minute;
        ui_refresh_counts(ui);
    }
    clocks_tick(ui);
}

/* Tickets classified per idle turn of the loop, each slice one
 * transaction (bench/bench_assist.c times them); a key typed meanwhile
 * ends the slice after the ticket in hand. The inbox is redrawn every so
 * many slices. */
#define UI_CLASSIFY_SLICE 50
#define UI_CLASSIFY_RELOAD 40

/* Whether the agent typed meanwhile: the background pass then stops
 * after the ticket in hand (a script's keys are never "waiting"). */
static int
ui_key_waiting(void *ctx)
{
    struct ui *ui = ctx;
    struct pollfd p;

    if (ui->scripted)
        return 0;
    p.fd = fileno(ui->term_in);
    p.events = POLLIN;
    p.revents = 0;
    return poll(&p, 1, 0) > 0;
}

/* The background pass over tickets stored before the assist (an older
 * ttydesk's store, or models that were missing): a slice whenever the
 * loop is idle, newest first, until none is left. */
static void
ui_classify_slice(struct ui *ui)
{
    struct td_error err;
    size_t done = 0;
    int more = 0;

    if (!ui->classify_more)
        return;
    td_error_clear(&err);
    if (store_classify_pending(ui->app->store, UI_CLASSIFY_SLICE,
                               ui_key_waiting, ui, &done, &more,
                               &err) != TD_OK) {
        ui_error(ui, "classify: %s", err.msg);
        more = 0;
    }
    ui->classify_more = more;
    /* Newest first: the first slice is the top of the inbox. */
    if (done > 0 && (!more || ui->classify_slices++ % UI_CLASSIFY_RELOAD == 0))
        inbox_reload(ui);
}

/* One poll over the terminal, the signalfd and the HTTP engine's
 * sockets (as many as it asks for), then whatever woke up. Returns -1
 * when the loop must end. */
static int
ui_wait(struct ui *ui, struct pollfd **fds, size_t *cap)
{
    size_t nfds = 0, net_at, n_net, tr_at, n_tr;
    int n, ms, keys = -1, sig = -1;

    if (*cap < 2) {
        *cap = 8;
        *fds = xreallocarray(*fds, *cap, sizeof **fds);
    }
    /* A script's terminal is /dev/null: always readable, never keys. */
    if (!ui->scripted) {
        (*fds)[nfds].fd = fileno(ui->term_in);
        (*fds)[nfds].events = POLLIN;
        keys = (int)nfds++;
    }
    if (ui->sigfd >= 0) {
        (*fds)[nfds].fd = ui->sigfd;
        (*fds)[nfds].events = POLLIN;
        sig = (int)nfds++;
    }
    net_at = nfds;
    n_net = netsync_pollfds(ui, fds, cap, net_at);
    nfds += n_net;
    tr_at = nfds;
    n_tr = uitrans_pollfds(ui, fds, cap, tr_at);
    nfds += n_tr;
    ms = uitrans_timeout(ui, netsync_timeout(ui, ui_poll_timeout(ui)));
    if (ui->classify_more)
        ms = 0;                 /* keys first, then the next slice */
    for (size_t i = 0; i < nfds; i++)
        (*fds)[i].revents = 0;
    n = poll(*fds, (nfds_t)nfds, ms);
    if (n < 0 && errno != EINTR)
        return -1;
    /* After a timeout too: libcurl runs its timers from here. */
    netsync_dispatch(ui, n > 0 ? *fds + net_at : NULL, n > 0 ? n_net : 0);
    /* After the engine: translations it finished are called back here. */
    uitrans_dispatch(ui, n > 0 ? *fds + tr_at : NULL, n > 0 ? n_tr : 0);
    if (n <= 0) {
        ui_minute(ui);
        ui_classify_slice(ui);
        return 0;
    }
    if (sig >= 0 && ((*fds)[sig].revents & POLLIN))
        ui_signals(ui);
    if (keys >= 0 && (*fds)[keys].revents & (POLLIN | POLLHUP | POLLERR)) {
        if ((*fds)[keys].revents & (POLLHUP | POLLERR) &&
            !((*fds)[keys].revents & POLLIN)) {
            editor_save(ui);
            return -1;      /* the terminal went away */
        }
        ui_read_keys(ui);
    }
    return 0;
}

static void
ui_loop(struct ui *ui)
{
    struct pollfd *fds = NULL;
    size_t cap = 0;
    struct qitem it;

    ui->counts_minute = (long)(time_now() / 60);
    clocks_tick(ui);
    while (!ui->quit) {
        ui_draw(ui);
        if (ui->script_wait && !netsync_busy(ui) && !uitrans_busy(ui))
            ui->script_wait = 0;
        if (!ui->script_wait && keyq_pop(&ui->queue, &it)) {
            if (it.is_cmd == 2)
                ui->script_wait = 1;
            else if (it.is_cmd)
                ui_command(ui, it.text);
            else
                ui_key(ui, it.text);
            free(it.text);
            continue;
        }
        /* The script is done; what it started on the network is waited
         * for, so that nothing is left half-way at exit. */
        if (ui->scripted && !netsync_busy(ui) && !uitrans_busy(ui))
            break;
        if (ui_wait(ui, &fds, &cap) < 0)
            break;
    }
    free(fds);
}

static void
ui_free(struct ui *ui)
{
    for (int i = PANE_COUNT; i-- > 0;) {
        struct pane *p = &ui->panes[i];

        if (p->ops && p->ops->fini)
            p->ops->fini(ui, p);
    }
    for (int i = 0; i < PANE_COUNT; i++) {
        if (ui->panes[i].win)
            delwin(ui->panes[i].win);
        free(ui->panes[i].priv);
    }
    prompt_free(&ui->prompt);
    clocks_free(&ui->clocks);
    if (ui->win_status)
        delwin(ui->win_status);
    if (ui->win_prompt)
        delwin(ui->win_prompt);
    if (ui->win_input)
        delwin(ui->win_input);
    if (ui->screen) {
        endwin();
        delscreen(ui->screen);
    }
    if (ui->scripted) {
        if (ui->term_out)
            fclose(ui->term_out);
        if (ui->term_in)
            fclose(ui->term_in);
    }
    if (ui->sigfd >= 0)
        close(ui->sigfd);
    keyq_free(&ui->queue);
    netsync_free(&ui->net);
    uitrans_free(&ui->trans);
    notify_free(&ui->notify);
    config_free(&ui->base);
    picker_close(ui);
    free(ui->confirm_arg);
    free(ui->msg);
    free(ui->last_error);
    free(ui->batch_where);
    free(ui);
}

/* A question (confirm_send) in a batch: asked on the terminal when there
 * is one and --no-input is not given, else a failure. */
static void
ui_batch_confirm(struct ui *ui)
{
    char answer[16] = "";
    char *q = sanitize_str(ui->msg, 0);

    if (ui->batch->no_input || !isatty(0)) {
        ui->confirm = CONFIRM_NONE;
        ui_error(ui, "'%s' needs an answer and input is off (--no-input or "
                 "no terminal); set confirm_send = no to send without "
                 "asking", q);
    } else {
        fprintf(stderr, "%s ", q);
        fflush(stderr);
        if (fgets(answer, sizeof answer, stdin) == NULL)
            answer[0] = 'n';
        ui_confirm_key(ui, answer[0] == 'y' || answer[0] == 'Y' ? "y"
                       : "n");
    }
    free(q);
}

static void
ui_batch_loop(struct ui *ui)
{
    const struct ui_batch *b = ui->batch;
    struct pollfd *fds = NULL;
    size_t cap = 0;

    for (size_t i = 0; i < b->n && !ui->quit && !ui->batch_failed; i++) {
        const struct ui_batch_line *l = &b->lines[i];
        const char *text = l->text;

        while (*text == ' ' || *text == '\t')
            text++;
        if (*text == ':')
            text++;
        if (*text == '\0' || *text == '#')
            continue;
        free(ui->batch_where);
        ui->batch_where = l->file ? xasprintf("%s:%d", l->file, l->line)
                          : xasprintf("-e:%d", l->line);
        ui_command(ui, text);
        if (ui->confirm != CONFIRM_NONE)
            ui_batch_confirm(ui);
        /* Each line ends before the next: a sync, a send. */
        while (netsync_busy(ui))
            if (ui_wait(ui, &fds, &cap) < 0)
                break;
    }
    free(fds);
}

int
ui_run_batch(struct app *app, const struct ui_batch *b)
{
    return ui_run_with(app, b);
}

int
ui_run(struct app *app)
{
    return ui_run_with(app, NULL);
}

static int
ui_run_with(struct app *app, const struct ui_batch *batch)
{
    struct ui *ui = xcalloc(1, sizeof *ui);
    const char *script = getenv("TTYDESK_SCRIPT");
    const char *theme;
    int status;

    ui->app = app;
    ui->sigfd = -1;
    ui->aux = PANE_ORDER;
    ui->focus = PANE_INBOX;
    ui->batch = batch;
    ui_load_base(ui);
    if (batch) {
        ui->scripted = 1;
    } else if (script && *script) {
        ui->scripted = 1;
        if (ui_load_script(ui, script) != 0) {
            fprintf(stderr, "ttydesk: cannot read TTYDESK_SCRIPT %s\n",
                    script);
            ui_free(ui);
            return 1;
        }
    }
    if (ui_start_curses(ui) != 0) {
        ui_free(ui);
        return 1;
    }
    theme = config_str(app->cfg, OPT_THEME);
    if (theme && *theme && strcmp(theme, "default") != 0)
        commands_theme(ui, theme);
    ui_start_signals(ui);
    ui->prompt = prompt_new(ui);
    ui->cols = COLS;
    ui->lines = LINES;
    ui_relayout(ui);
    for (int i = 0; i < PANE_COUNT; i++) {
        struct pane *p = &ui->panes[i];

        p->ops = ui_pane_ops[i];
        p->priv = xcalloc(1, p->ops->priv_size);
    }
    /* The inbox last: its first query may report into the others. */
    for (int i = PANE_COUNT; i-- > 0;) {
        if (ui->panes[i].ops->init)
            ui->panes[i].ops->init(ui, &ui->panes[i]);
    }
    thread_load(ui, 0, 0);
    order_load(ui, 0);
    ui->notify = notify_new();
    ui_refresh_counts(ui);
    /* Before netsync: translators may start the HTTP engine. */
    ui->trans = uitrans_new(ui);
    ui->net = netsync_new(ui);
    if (batch) {
        /* main printed the config errors already; a batch has no
         * notice to show */
        ui_batch_loop(ui);
        editor_save(ui);
        status = ui->refused ? UI_BATCH_READONLY : ui->batch_failed ? 1 : 0;
        ui_free(ui);
        return status;
    }
    ui->classify_more = app->assist != NULL;
    if (app->cfg->n_errors > 0)
        ui_error(ui, "%s%s", app->cfg->errors[0],
                 app->cfg->n_errors > 1 ? " (and more)" : "");
    else if (app->notice)
        ui_message(ui, "%s", app->notice);
    ui_loop(ui);
    editor_save(ui);
    status = ui->exit_status;
    ui_free(ui);
    return status;
}
