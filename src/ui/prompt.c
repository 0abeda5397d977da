/* prompt.c: readline in the curses screen: we feed keys, we draw. */
#include "ui/prompt.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "app.h"
#include "config/config.h"
#include "core/model.h"
#include "core/paths.h"
#include "core/query.h"
#include "core/template.h"
#include "drivers/driver.h"
#include "ui/commands.h"
#include "ui/inbox.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

#define PROMPT_HISTORY_MAX 1000

struct prompt {
    int active;
    enum prompt_kind kind;
    int pipe[2];                /* keys go in here; readline reads them */
    FILE *in;
    FILE *out;                  /* /dev/null: readline must not write */
    char *history;
    char *saved_filter;         /* restored when a / filter is cancelled */
    int cur_x;                  /* where prompt_draw left the cursor */
};

/* Readline's hooks carry no context pointer, so none of them may need
 * one: the terminal is ours (no prep), we draw the line ourselves (no
 * redisplay), and the finished line is taken before readline sees the
 * Enter. A line readline finishes on its own (an inputrc macro ending in
 * \n) reaches us through the history: the handler adds a `:` line to
 * it, and prompt_key sees the history grow (see prompt_macro_line). */
static void
prompt_noprep(int meta)
{
    (void)meta;
}

static void
prompt_nodeprep(void)
{
}

static void
prompt_noredisplay(void)
{
}

static void
prompt_line_done(char *line)
{
    if (line && *line && rl_prompt && rl_prompt[0] == ':')
        add_history(line);
    free(line);
}

/* A count of lines ever added (history_length stops growing once the
 * history is stifled; history_base then moves instead). */
static int
prompt_history_mark(void)
{
    return history_base + history_length;
}

struct prompt *
prompt_new(struct ui *ui)
{
    struct prompt *p = xcalloc(1, sizeof *p);
    char *dir = paths_state_dir();
    struct td_error err;

    (void)ui;
    p->pipe[0] = p->pipe[1] = -1;
    if (pipe(p->pipe) == 0) {
        p->in = fdopen(p->pipe[0], "r");
    }
    p->out = fopen("/dev/null", "w");
    rl_readline_name = "ttydesk";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_prep_term_function = prompt_noprep;
    rl_deprep_term_function = prompt_nodeprep;
    rl_redisplay_function = prompt_noredisplay;
    rl_instream = p->in;
    rl_outstream = p->out;
    rl_inhibit_completion = 1;      /* Tab is ours: see prompt_complete */
    rl_variable_bind("bell-style", "none");
    using_history();
    stifle_history(PROMPT_HISTORY_MAX);
    td_error_clear(&err);
    if (paths_ensure_private_dir(dir, &err) == TD_OK) {
        p->history = paths_join(dir, "history");
        read_history(p->history);
    }
    free(dir);
    return p;
}

void
prompt_free(struct prompt **pp)
{
    struct prompt *p = *pp;

    if (p == NULL)
        return;
    if (p->active)
        rl_callback_handler_remove();
    if (p->history)
        write_history(p->history);
    if (p->in)
        fclose(p->in);
    else if (p->pipe[0] >= 0)
        close(p->pipe[0]);
    if (p->pipe[1] >= 0)
        close(p->pipe[1]);
    if (p->out)
        fclose(p->out);
    rl_instream = NULL;
    rl_outstream = NULL;
    free(p->history);
    free(p->saved_filter);
    free(p);
    *pp = NULL;
}

int
prompt_active(struct ui *ui)
{
    return ui->prompt && ui->prompt->active;
}

void
prompt_open(struct ui *ui, enum prompt_kind kind)
{
    struct prompt *p = ui->prompt;

    if (p == NULL || p->in == NULL)
        return;
    p->active = 1;
    p->kind = kind;
    free(p->saved_filter);
    p->saved_filter = NULL;
    rl_callback_handler_install(kind == PROMPT_COMMAND ? ":" : "/",
                                prompt_line_done);
    if (kind == PROMPT_FILTER) {
        const char *cur = inbox_current_filter(ui);

        p->saved_filter = xstrdup(cur);
        if (*cur) {
            rl_insert_text(cur);
        }
    }
}

void
prompt_open_with(struct ui *ui, const char *text)
{
    prompt_open(ui, PROMPT_COMMAND);
    if (prompt_active(ui))
        rl_insert_text(text);
}

static void
prompt_close(struct ui *ui)
{
    struct prompt *p = ui->prompt;

    rl_callback_handler_remove();
    p->active = 0;
}

/* Bytes readline understands for a key. */
static void
prompt_bytes(const char *key, struct buf *out)
{
    static const struct {
        const char *key;
        const char *bytes;
    } seqs[] = {
        {
            .key = "<Left>",
            .bytes = "\033[D",
        },
        {
            .key = "<Right>",
            .bytes = "\033[C",
        },
        {
            .key = "<Up>",
            .bytes = "\033[A",
        },
        {
            .key = "<Down>",
            .bytes = "\033[B",
        },
        {
            .key = "<Home>",
            .bytes = "\033[H",
        },
        {
            .key = "<End>",
            .bytes = "\033[F",
        },
        {
            .key = "<Delete>",
            .bytes = "\033[3~",
        },
        {
            .key = "<Backspace>",
            .bytes = "\177",
        },
        {
            .key = "<Tab>",
            .bytes = "\t",
        },
        {
            .key = "<Space>",
            .bytes = " ",
        },
        {
            .key = "<Enter>",
            .bytes = "\r",
        },
    };

    for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++) {
        if (strcmp(key, seqs[i].key) == 0) {
            buf_adds(out, seqs[i].bytes);
            return;
        }
    }
    if (key[0] == '<' && key[1] == 'C' && key[2] == '-' && key[4] == '>') {
        char c = key[3];

        buf_addc(out, c == '?' ? 0x7f : (char)((c >= 'a' && c <= 'z')
                                               ? c - 'a' + 1 : c & 0x1f));
        return;
    }
    if (key[0] == '<' && key[1] == 'M' && key[2] == '-' && key[4] == '>') {
        buf_addc(out, '\033');
        buf_addc(out, key[3]);
        return;
    }
    if (key[0] == '<' && key[1] != '\0')
        return;                 /* F-keys and the like: nothing */
    buf_adds(out, key);
}

/* Hand bytes to readline: one rl_callback_read_char per byte, which is
 * what it reads per call, so it never blocks on an empty pipe. */
static void
prompt_feed(struct prompt *p, const char *s, size_t n)
{
    struct pollfd pfd = { .fd = p->pipe[0], .events = POLLIN };

    if (n == 0 || write(p->pipe[1], s, n) != (ssize_t)n)
        return;
    /* Not one call per byte: readline reads a whole multibyte character
     * (or an escape sequence) in one call, and a call with the pipe
     * empty would block the console. Call while bytes are left. */
    while (p->active && poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN))
        rl_callback_read_char();
}

static void
prompt_add_names(struct buf *all, const char *word, const char *name,
                 size_t *count, char **first)
{
    if (strncmp(name, word, strlen(word)) != 0)
        return;
    if (*count == 0)
        *first = xstrdup(name);
    buf_printf(all, "%s ", name);
    (*count)++;
    /* Keep in *first the common prefix of all matches. */
    for (size_t i = 0; (*first)[i]; i++) {
        if ((*first)[i] != name[i]) {
            (*first)[i] = '\0';
            break;
        }
    }
}

/* Whether word (inside line) is a template name to complete: the
 * argument of :template-edit, -rename, -delete, or after --template. */
static int
prompt_wants_template(const char *line, size_t cmdlen, const char *word)
{
    static const char *const cmds[] = {
        "template-edit", "template-rename", "template-delete",
    };
    size_t n = (size_t)(word - line);

    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strlen(cmds[i]) == cmdlen && strncmp(line, cmds[i], cmdlen) == 0)
            return 1;
    return n >= 11 && strncmp(word - 11, "--template ", 11) == 0;
}

/* Tab at the `:` prompt: command names first, then the arguments the
 * command takes (views, options, themes, sort keys, ticket ids). */
static void
prompt_complete(struct ui *ui)
{
    char *line = xstrndup(rl_line_buffer, (size_t)rl_point);
    char *word = strrchr(line, ' ');
    struct buf all;
    size_t count = 0, n;
    char *common = NULL;
    const char *const *names;

    word = word ? word + 1 : line;
    buf_init(&all, 0);
    if (word == line) {
        names = commands_names(&n);
        for (size_t i = 0; i < n; i++)
            prompt_add_names(&all, word, names[i], &count, &common);
    } else {
        size_t cmdlen = strcspn(line, " ");

        if (strncmp(line, "view", cmdlen) == 0 && cmdlen == 4) {
            for (size_t i = 0; i < INBOX_N_BUILTIN; i++)
                prompt_add_names(&all, word, inbox_builtin_view(i), &count,
                                 &common);
            for (size_t i = 0; i < ui->app->cfg->n_views; i++)
                prompt_add_names(&all, word, ui->app->cfg->views[i].name,
                                 &count, &common);
        } else if (strncmp(line, "set", cmdlen) == 0 && cmdlen == 3) {
            const struct option_def *o = config_options(&n);

            for (size_t i = 0; i < n; i++)
                prompt_add_names(&all, word, o[i].name, &count, &common);
        } else if (strncmp(line, "theme", cmdlen) == 0 && cmdlen == 5) {
            names = commands_themes(&n);
            for (size_t i = 0; i < n; i++)
                prompt_add_names(&all, word, names[i], &count, &common);
        } else if (strncmp(line, "open", cmdlen) == 0 && cmdlen == 4) {
            /* Ticket ids as ttydesk numbers them and as ACCOUNT:ID, from
             * the rows the inbox has at hand (no query per Tab). */
            const struct ticket *rows = inbox_cached_rows(ui, &n);

            for (size_t i = 0; i < n; i++) {
                char id[96];

                snprintf(id, sizeof id, "%lld", (long long)rows[i].id);
                prompt_add_names(&all, word, id, &count, &common);
                if (rows[i].account && rows[i].external_id) {
                    snprintf(id, sizeof id, "%s:%s", rows[i].account,
                             rows[i].external_id);
                    prompt_add_names(&all, word, id, &count, &common);
                }
            }
        } else if (prompt_wants_template(line, cmdlen, word)) {
            struct tpl_library lib = { 0 };

            tpl_library_load(&lib, ui->app->share_dir);
            for (size_t i = 0; i < lib.n; i++)
                prompt_add_names(&all, word, lib.items[i]->id, &count,
                                 &common);
            tpl_library_free(&lib);
        } else if (cmdlen == 15 && strncmp(line, "template-import", 15) == 0) {
            for (size_t i = 0; i < ui->app->n_accounts; i++)
                prompt_add_names(&all, word, ui->app->accounts[i]->name,
                                 &count, &common);
        } else if (strncmp(line, "sort", cmdlen) == 0 && cmdlen == 4) {
            for (int i = 0; i < QS_COUNT; i++)
                prompt_add_names(&all, word,
                                 query_sort_name((enum query_sort)i),
                                 &count, &common);
        }
    }
    if (count >= 1 && strlen(common) > strlen(word))
        rl_insert_text(common + strlen(word));
    if (count == 1)
        rl_insert_text(" ");
    else if (count > 1)
        ui_message(ui, "%s", buf_str(&all));
    free(common);
    free(line);
    buf_free(&all);
}

void
prompt_key(struct ui *ui, const char *key)
{
    struct prompt *p = ui->prompt;
    struct buf b;
    char *line;
    int mark;

    if (strcmp(key, "<Esc>") == 0 || strcmp(key, "<C-g>") == 0) {
        prompt_close(ui);
        if (p->kind == PROMPT_FILTER && p->saved_filter)
            inbox_set_filter(ui, p->saved_filter);
        ui_message(ui, "%s", "");
        return;
    }
    if (strcmp(key, "<Enter>") == 0) {
        /* Take the line now: readline resets it once it has handled
         * the Enter, and its handler cannot reach us. */
        line = xstrdup(rl_line_buffer ? rl_line_buffer : "");
        prompt_feed(p, "\r", 1);       /* the handler adds it to history */
        prompt_close(ui);
        if (*line && p->kind == PROMPT_COMMAND && p->history)
            write_history(p->history);
        if (p->kind == PROMPT_COMMAND) {
            ui_message(ui, "%s", "");
            if (*line)
                ui_command(ui, line);
        } else if (inbox_set_filter(ui, line) == 0) {
            ui_message(ui, "filter: %s", *line ? line : "(none)");
        } else if (p->saved_filter) {
            /* Keep the error on screen, and the list as it was. */
            inbox_filter_live(ui, p->saved_filter);
        }
        free(line);
        return;
    }
    if (strcmp(key, "<Tab>") == 0 && p->kind == PROMPT_COMMAND) {
        prompt_complete(ui);
        return;
    }
    buf_init(&b, 0);
    prompt_bytes(key, &b);
    mark = prompt_history_mark();
    prompt_feed(p, b.data ? b.data : "", b.len);
    buf_free(&b);
    /* An inputrc macro typed a whole command and its Enter. */
    if (p->active && p->kind == PROMPT_COMMAND &&
        prompt_history_mark() != mark && history_length > 0) {
        line = xstrdup(history_get(history_base + history_length - 1)->line);
        prompt_close(ui);
        if (p->history)
            write_history(p->history);
        ui_message(ui, "%s", "");
        ui_command(ui, line);
        free(line);
        return;
    }
    if (p->active && p->kind == PROMPT_FILTER) {
        /* The live filter: a half-typed query that does not parse yet
         * leaves the list as it was. */
        inbox_filter_live(ui, rl_line_buffer);
    }
}

void
prompt_draw(struct ui *ui)
{
    struct prompt *p = ui->prompt;
    WINDOW *w = ui->win_prompt;
    struct buf b;
    const char *text;
    size_t before, skip = 0;
    unsigned cp;

    if (w == NULL)
        return;
    if (!prompt_active(ui)) {
        screen_put(ui, w, 0, 0, ui->cols, ui->msg ? ui->msg : "",
                   ui->msg_error ? OBJ_STATUS_ERROR : OBJ_PROMPT, 1);
        return;
    }
    buf_init(&b, 0);
    buf_add(&b, rl_line_buffer, (size_t)rl_point);
    before = width_str(buf_str(&b)) + 1;
    text = rl_line_buffer;
    /* Scroll the line left so that the cursor stays on screen. */
    while (before + 1 >= (size_t)ui->cols && text[skip] &&
           skip < (size_t)rl_point) {
        size_t n = utf8_decode(text + skip, strlen(text + skip), &cp);

        before -= n ? (size_t)width_cp(cp) : 1;
        skip += n ? n : 1;
    }
    p->cur_x = (int)before;
    buf_reset(&b);
    buf_addc(&b, p->kind == PROMPT_COMMAND ? ':' : '/');
    buf_adds(&b, text + skip);
    screen_put(ui, w, 0, 0, ui->cols, buf_str(&b), OBJ_PROMPT, 1);
    buf_free(&b);
}

int
prompt_cursor(struct ui *ui)
{
    if (!prompt_active(ui))
        return -1;
    return ui->prompt->cur_x < ui->cols ? ui->prompt->cur_x : ui->cols - 1;
}
