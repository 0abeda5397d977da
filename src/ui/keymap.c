/* keymap.c: key names, the default bindings, resolving typed keys. */
#include "ui/keymap.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"

static const char keymap_default[] =
    "# default.keys: the bindings ttydesk starts from (compiled in).\n"
    "# Maps: global (every pane), inbox, thread, order, editor. A\n"
    "# pane's own map wins over global; in the editor, plain letters\n"
    "# type text. Functions and descriptions: ? in ttydesk.\n"
    "\n"
    "# moving around lists and text\n"
    "bind global j move-down\n"
    "bind global <Down> move-down\n"
    "bind global k move-up\n"
    "bind global <Up> move-up\n"
    "bind global <PageDown> page-down\n"
    "bind global <C-f> page-down\n"
    "bind global <Space> page-down\n"
    "bind global <PageUp> page-up\n"
    "bind global <C-b> page-up\n"
    "bind global <C-d> half-page-down\n"
    "bind global <C-u> half-page-up\n"
    "bind global g move-top\n"
    "bind global <Home> move-top\n"
    "bind global G move-bottom\n"
    "bind global <End> move-bottom\n"
    "\n"
    "# panes and the command line\n"
    "bind global <Tab> next-pane\n"
    "bind global <Esc> back\n"
    "bind global : prompt\n"
    "bind global / filter\n"
    "bind global ? help\n"
    "bind global <F1> help\n"
    "bind global <C-l> redraw\n"
    "bind global o toggle-order\n"
    "bind global r reply\n"
    "bind global n note\n"
    "bind global J next-ticket\n"
    "bind global K prev-ticket\n"
    "\n"
    "# views (saved queries) and order\n"
    "bind global 1 view-all\n"
    "bind global 2 view-open\n"
    "bind global 3 view-mine\n"
    "bind global 4 view-unassigned\n"
    "bind global 5 view-breaching\n"
    "bind global v view-next\n"
    "bind global <M-p> toggle-pii\n"
    "\n"
    "# translation and drafts (translator and drafter in ttydeskrc(5))\n"
    "bind global <M-t> translate-toggle\n"
    "bind global <M-g> generate-draft\n"
    "\n"
    "# the inbox\n"
    "bind inbox <Enter> open\n"
    "bind inbox l open\n"
    "bind inbox q quit\n"
    "bind inbox s sort-next\n"
    "bind inbox t mark-toggle\n"
    "bind inbox T bulk\n"
    "bind inbox A bulk-assign\n"
    "bind inbox L bulk-tag\n"
    "bind inbox U mark-clear\n"
    "bind inbox N toggle-unread\n"
    "bind inbox c filter-clear\n"
    "\n"
    "# the conversation and the order panel\n"
    "bind thread q back\n"
    "bind thread h back\n"
    "bind thread z fold-toggle\n"
    "bind thread T translate-toggle\n"
    "bind order q back\n"
    "bind order R order-refresh\n"
    "bind thread R order-refresh\n"
    "bind order ] order-next\n"
    "bind order [ order-prev\n"
    "bind thread ] order-next\n"
    "bind thread [ order-prev\n"
    "bind order y copy-tracking\n"
    "bind thread y copy-tracking\n"
    "\n"
    "# the reply editor: text keys type, these edit\n"
    "bind editor <C-s> send\n"
    "bind editor <C-x><C-e> edit-external\n"
    "bind editor <C-t> toggle-note\n"
    "bind editor <C-o> cycle-status\n"
    "bind editor <C-z> undo\n"
    "bind editor <C-_> undo\n"
    "bind editor <C-y> redo\n"
    "bind editor <Left> cursor-left\n"
    "bind editor <Right> cursor-right\n"
    "bind editor <Up> cursor-up\n"
    "bind editor <Down> cursor-down\n"
    "bind editor <M-b> word-back\n"
    "bind editor <M-f> word-forward\n"
    "bind editor <C-a> line-start\n"
    "bind editor <Home> line-start\n"
    "bind editor <C-e> line-end\n"
    "bind editor <End> line-end\n"
    "bind editor <Backspace> delete-back\n"
    "bind editor <Delete> delete-forward\n"
    "bind editor <C-d> delete-forward\n"
    "bind editor <C-w> delete-word-back\n"
    "bind editor <C-k> kill-line\n"
    "bind editor <Enter> newline\n"
    "bind editor <Esc> back\n"
    "bind editor <Tab> use-suggestion\n"
    "\n"
    "# the template picker (C-r in the editor): text keys search\n"
    "bind editor <C-r> template-picker\n"
    "bind editor <M-s> send-next\n"
    "bind global <M-:> prompt\n"
    "bind picker <Enter> picker-insert\n"
    "bind picker <C-s> picker-send\n"
    "bind picker <Esc> picker-close\n"
    "bind picker <C-g> picker-close\n"
    "bind picker <Down> picker-down\n"
    "bind picker <C-n> picker-down\n"
    "bind picker <Up> picker-up\n"
    "bind picker <C-p> picker-up\n"
    "bind picker <Backspace> picker-delete-back\n"
    "bind picker <C-u> picker-clear\n"
    "bind picker <Tab> picker-lang\n"
    "bind picker <PageDown> picker-preview-down\n"
    "bind picker <PageUp> picker-preview-up\n"
    "bind editor <M-t> translate-draft\n"
    "bind editor <M-o> swap-translation\n"

    "\n"
    "# the statistics screen (:stats)\n"
    "bind stats <Tab> stats-next-section\n"
    "bind stats ] stats-next-section\n"
    "bind stats [ stats-prev-section\n"
    "bind stats <Enter> stats-drill\n"
    "bind stats r stats-refresh\n"
    "bind stats q back\n";

const char *
keymap_default_text(void)
{
    return keymap_default;
}

struct keymap_code {
    int code;
    const char *name;
};

static const struct keymap_code keymap_codes[] = {
    {
        .code = KEY_UP,
        .name = "<Up>",
    },
    {
        .code = KEY_DOWN,
        .name = "<Down>",
    },
    {
        .code = KEY_LEFT,
        .name = "<Left>",
    },
    {
        .code = KEY_RIGHT,
        .name = "<Right>",
    },
    {
        .code = KEY_PPAGE,
        .name = "<PageUp>",
    },
    {
        .code = KEY_NPAGE,
        .name = "<PageDown>",
    },
    {
        .code = KEY_HOME,
        .name = "<Home>",
    },
    {
        .code = KEY_END,
        .name = "<End>",
    },
    {
        .code = KEY_BACKSPACE,
        .name = "<Backspace>",
    },
    {
        .code = KEY_DC,
        .name = "<Delete>",
    },
    {
        .code = KEY_ENTER,
        .name = "<Enter>",
    },
};

size_t
keymap_from_curses(wint_t ch, int is_code, char *out, size_t n)
{
    mbstate_t st;
    size_t k;

    out[0] = '\0';
    if (is_code) {
        for (size_t i = 0; i < sizeof keymap_codes / sizeof keymap_codes[0];
             i++) {
            if ((int)ch == keymap_codes[i].code)
                return (size_t)snprintf(out, n, "%s", keymap_codes[i].name);
        }
        if ((int)ch >= KEY_F(1) && (int)ch <= KEY_F(12))
            return (size_t)snprintf(out, n, "<F%d>", (int)ch - KEY_F0);
        return 0;
    }
    switch (ch) {
    case '\r':
    case '\n':
        return (size_t)snprintf(out, n, "<Enter>");
    case '\t':
        return (size_t)snprintf(out, n, "<Tab>");
    case 27:
        return (size_t)snprintf(out, n, "<Esc>");
    case 127:
    case 8:
        return (size_t)snprintf(out, n, "<Backspace>");
    case ' ':
        return (size_t)snprintf(out, n, "<Space>");
    case 0:
        return (size_t)snprintf(out, n, "<C-@>");
    default:
        break;
    }
    if (ch < 27)
        return (size_t)snprintf(out, n, "<C-%c>", (int)('a' + ch - 1));
    if (ch < 32)
        return (size_t)snprintf(out, n, "<C-%c>", "\\]^_"[ch - 28]);
    if (ch >= 0x80 && ch < 0xa0)
        return 0;               /* C1 controls are not keys */
    if (n < MB_LEN_MAX + 1)
        return 0;
    memset(&st, 0, sizeof st);
    k = wcrtomb(out, (wchar_t)ch, &st);
    if (k == (size_t)-1)
        return 0;
    out[k] = '\0';
    return k;
}

size_t
keymap_next(const char **s, char *out, size_t n)
{
    const char *p = *s;
    size_t len;

    if (*p == '\0' || n < 8)
        return 0;
    if (p[0] == '<' && (p[1] == 'C' || p[1] == 'M') && p[2] == '-' &&
        p[3] != '\0' && p[4] == '>') {
        len = 5;
    } else if (p[0] == '<' && (len = strspn(p + 1, "abcdefghijklmnopqrstu"
                               "vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
               > 0 && p[len + 1] == '>') {
        len += 2;
    } else if (*p == ' ') {
        *s = p + 1;
        return (size_t)snprintf(out, n, "<Space>");
    } else {
        len = 1;
        while ((p[len] & 0xc0) == 0x80)
            len++;
    }
    if (len >= n)
        len = n - 1;
    memcpy(out, p, len);
    out[len] = '\0';
    *s = p + len;
    if (strcmp(out, "<lt>") == 0)
        return (size_t)snprintf(out, n, "<");
    return len;
}

int
keymap_is_text(const char *key)
{
    return key[0] != '<' || key[1] == '\0' || strcmp(key, "<Space>") == 0;
}

/* Whether the first key of keys types text. */
static int
first_is_text(const char *keys)
{
    char k[32];
    const char *p = keys;

    return keymap_next(&p, k, sizeof k) > 0 && keymap_is_text(k);
}

enum km_state {
    KS_NONE = 0,
    KS_UNBOUND,
    KS_FOUND,
};

/* Exact match of seq in one map of one config. */
static enum km_state
lookup_exact(const struct config *cfg, const char *map, const char *seq,
             int text_input, const char **func, const char **macro)
{
    if (cfg == NULL)
        return KS_NONE;
    for (size_t i = 0; i < cfg->n_binds; i++) {
        const struct bind_def *b = &cfg->binds[i];

        if (strcmp(b->map, map) != 0 || strcmp(b->keys, seq) != 0)
            continue;
        if (text_input && first_is_text(b->keys))
            continue;
        if (b->func == NULL)
            return KS_UNBOUND;
        *func = b->func;
        return KS_FOUND;
    }
    for (size_t i = 0; i < cfg->n_macros; i++) {
        const struct macro_def *m = &cfg->macros[i];

        if (strcmp(m->map, map) == 0 && strcmp(m->keys, seq) == 0 &&
            !(text_input && first_is_text(m->keys))) {
            *macro = m->sequence;
            return KS_FOUND;
        }
    }
    return KS_NONE;
}

static int
lookup_prefix(const struct config *cfg, const char *map, const char *seq,
              int text_input)
{
    size_t n = strlen(seq);

    if (cfg == NULL)
        return 0;
    for (size_t i = 0; i < cfg->n_binds; i++) {
        const struct bind_def *b = &cfg->binds[i];

        if (b->func && strcmp(b->map, map) == 0 &&
            strncmp(b->keys, seq, n) == 0 && b->keys[n] != '\0' &&
            !(text_input && first_is_text(b->keys)))
            return 1;
    }
    for (size_t i = 0; i < cfg->n_macros; i++) {
        const struct macro_def *m = &cfg->macros[i];

        if (strcmp(m->map, map) == 0 && strncmp(m->keys, seq, n) == 0 &&
            m->keys[n] != '\0' && !(text_input && first_is_text(m->keys)))
            return 1;
    }
    return 0;
}

enum keymap_match
keymap_lookup(const struct config *user, const struct config *base,
              const char *map, const char *seq, int text_input,
              const char **func, const char **macro)
{
    const char *maps[2] = { map, "global" };
    int nmaps = strcmp(map, "global") == 0 ? 1 : 2;

    *func = NULL;
    *macro = NULL;
    for (int m = 0; m < nmaps; m++) {
        /* Text keys are global only outside the editor: its own map
         * may still bind them (nobody does by default). */
        int ti = m == 1 && text_input;
        enum km_state st = lookup_exact(user, maps[m], seq, ti, func, macro);

        if (st == KS_NONE)
            st = lookup_exact(base, maps[m], seq, ti, func, macro);
        if (st == KS_FOUND)
            return *func ? KM_BIND : KM_MACRO;
    }
    for (int m = 0; m < nmaps; m++) {
        int ti = m == 1 && text_input;

        if (lookup_prefix(user, maps[m], seq, ti) ||
            lookup_prefix(base, maps[m], seq, ti))
            return KM_PREFIX;
    }
    return KM_NONE;
}
