/* theme.c: `color OBJECT FG BG ATTRS` lines to curses attributes. */
#include "ui/theme.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config.h"

struct theme_def {
    const char *name;
    const char *fg;
    const char *bg;
    const char *attrs;
};

/* Built-in defaults, used for objects a theme leaves out; the `default`
 * theme file repeats them so that it documents every object. */
static const struct theme_def theme_defs[OBJ_COUNT] = {
    [OBJ_DEFAULT] = {
        .name = "default",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_TITLE] = {
        .name = "title",
        .fg = "white",
        .bg = "blue",
    },
    [OBJ_TITLE_FOCUS] = {
        .name = "title.focus",
        .fg = "black",
        .bg = "cyan",
        .attrs = "bold",
    },
    [OBJ_SEPARATOR] = {
        .name = "separator",
        .fg = "blue",
        .bg = "default",
    },
    [OBJ_INBOX_HEADER] = {
        .name = "inbox.header",
        .fg = "default",
        .bg = "default",
        .attrs = "underline",
    },
    [OBJ_INBOX_ROW] = {
        .name = "inbox.row",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_INBOX_SELECTED] = {
        .name = "inbox.selected",
        .fg = "black",
        .bg = "yellow",
        .attrs = "bold",
    },
    [OBJ_INBOX_MARKED] = {
        .name = "inbox.marked",
        .fg = "magenta",
        .bg = "default",
        .attrs = "bold",
    },
    /* Unread rows stand out by weight, not colour, as new mail does in
     * mutt: the SLA colours keep their meaning on them. */
    [OBJ_INBOX_UNREAD] = {
        .name = "inbox.unread",
        .fg = "default",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_SLA_OK] = {
        .name = "inbox.sla.ok",
        .fg = "green",
        .bg = "default",
    },
    [OBJ_SLA_WARN] = {
        .name = "inbox.sla.warn",
        .fg = "yellow",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_SLA_BREACH] = {
        .name = "inbox.sla.breach",
        .fg = "red",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_THREAD_SUBJECT] = {
        .name = "thread.subject",
        .fg = "default",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_THREAD_META] = {
        .name = "thread.meta",
        .fg = "cyan",
        .bg = "default",
    },
    [OBJ_THREAD_BUYER] = {
        .name = "thread.buyer",
        .fg = "green",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_THREAD_AGENT] = {
        .name = "thread.agent",
        .fg = "blue",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_THREAD_NOTE] = {
        .name = "thread.note",
        .fg = "yellow",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_THREAD_SYSTEM] = {
        .name = "thread.system",
        .fg = "magenta",
        .bg = "default",
    },
    [OBJ_THREAD_BODY] = {
        .name = "thread.body",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_THREAD_QUOTE] = {
        .name = "thread.quote",
        .fg = "cyan",
        .bg = "default",
        .attrs = "dim",
    },
    [OBJ_THREAD_PENDING] = {
        .name = "thread.pending",
        .fg = "magenta",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_ORDER_HEADER] = {
        .name = "order.header",
        .fg = "default",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_ORDER_TEXT] = {
        .name = "order.text",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_ORDER_SHIPMENT] = {
        .name = "order.shipment",
        .fg = "cyan",
        .bg = "default",
    },
    [OBJ_EDITOR_TEXT] = {
        .name = "editor.text",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_EDITOR_NOTE] = {
        .name = "editor.note",
        .fg = "yellow",
        .bg = "default",
    },
    [OBJ_STATUS] = {
        .name = "status",
        .fg = "white",
        .bg = "blue",
    },
    [OBJ_STATUS_ERROR] = {
        .name = "status.error",
        .fg = "white",
        .bg = "red",
        .attrs = "bold",
    },
    [OBJ_PROMPT] = {
        .name = "prompt",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_HELP_KEY] = {
        .name = "help.key",
        .fg = "yellow",
        .bg = "default",
        .attrs = "bold",
    },
    [OBJ_HELP_TEXT] = {
        .name = "help.text",
        .fg = "default",
        .bg = "default",
    },
    [OBJ_EDITOR_UNRESOLVED] = {
        .name = "editor.unresolved",
        .fg = "white",
        .bg = "red",
        .attrs = "bold",
    },
    [OBJ_PICKER_SELECTED] = {
        .name = "picker.selected",
        .fg = "black",
        .bg = "cyan",
    },
};

const char *
theme_obj_name(enum theme_obj o)
{
    return o < OBJ_COUNT ? theme_defs[o].name : "?";
}

int
theme_obj_find(const char *name)
{
    for (int i = 0; i < OBJ_COUNT; i++) {
        if (strcmp(theme_defs[i].name, name) == 0)
            return i;
    }
    return -1;
}

static const char *const theme_names[8] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* The xterm 256-colour palette's RGB for index i (16..255). */
static void
xterm_rgb(int i, int *r, int *g, int *b)
{
    static const int steps[6] = { 0, 95, 135, 175, 215, 255 };

    if (i >= 232) {
        *r = *g = *b = 8 + (i - 232) * 10;
        return;
    }
    i -= 16;
    *r = steps[i / 36];
    *g = steps[(i / 6) % 6];
    *b = steps[i % 6];
}

/* The nearest basic colour (0..15) to an RGB value: which channels are
 * on, and bright when the colour is light. */
static int
rgb_to_16(int r, int g, int b)
{
    int c = (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0);
    int max = r > g ? (r > b ? r : b) : (g > b ? g : b);

    if (c == 0 && max > 60)
        return 8;                       /* dark grey */
    if (c == 7 && max < 200)
        return 7;
    return c + (max > 200 ? 8 : 0);
}

static int
nearest_step(int v)
{
    static const int steps[6] = { 0, 95, 135, 175, 215, 255 };
    int best = 0;

    for (int i = 1; i < 6; i++) {
        if (abs(steps[i] - v) < abs(steps[best] - v))
            best = i;
    }
    return best;
}

static int
rgb_dist(int i, int r, int g, int b)
{
    int cr, cg, cb;

    xterm_rgb(i, &cr, &cg, &cb);
    return (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b);
}

/* The nearest of the colour cube and the grey ramp (xterm 16..255). */
static int
rgb_to_256(int r, int g, int b)
{
    int cube = 16 + 36 * nearest_step(r) + 6 * nearest_step(g) +
               nearest_step(b);
    int avg = (r + g + b) / 3;
    int grey = avg < 8 ? 232 : avg > 238 ? 255 : 232 + (avg - 8) / 10;

    return rgb_dist(grey, r, g, b) < rgb_dist(cube, r, g, b) ? grey : cube;
}

int
theme_color(const char *word, int ncolors)
{
    int idx = -1, r, g, b;

    if (word == NULL || strcasecmp(word, "default") == 0)
        return -1;
    if (strncasecmp(word, "color", 5) == 0) {
        idx = (int)strtol(word + 5, NULL, 10);
    } else if (word[0] == '#' && strlen(word) == 7) {
        long v = strtol(word + 1, NULL, 16);

        idx = rgb_to_256((int)(v >> 16) & 255, (int)(v >> 8) & 255,
                         (int)v & 255);
    } else {
        int bright = strncasecmp(word, "bright", 6) == 0;
        const char *base = bright ? word + 6 : word;

        for (int i = 0; i < 8; i++) {
            if (strcasecmp(base, theme_names[i]) == 0)
                idx = i + (bright ? 8 : 0);
        }
        if (strcasecmp(word, "grey") == 0 || strcasecmp(word, "gray") == 0)
            idx = 8;
    }
    if (idx < 0 || idx > 255)
        return -1;
    /* Degrade for smaller palettes: 256 -> 16 -> 8. */
    if (idx >= 16 && ncolors < 256) {
        xterm_rgb(idx, &r, &g, &b);
        idx = rgb_to_16(r, g, b);
    }
    if (idx >= 8 && ncolors < 16)
        idx -= 8;
    return idx;
}

static attr_t
theme_attrs(const char *list)
{
    static const struct {
        const char *name;
        attr_t attr;
    } names[] = {
        { "bold", A_BOLD },
        { "underline", A_UNDERLINE },
        { "reverse", A_REVERSE },
        { "dim", A_DIM },
        { "italic", A_ITALIC },
        { "blink", A_BLINK },
        { "standout", A_STANDOUT },
    };
    attr_t a = A_NORMAL;
    const char *p = list;

    while (p && *p) {
        size_t n = strcspn(p, ",");

        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strlen(names[i].name) == n &&
                strncasecmp(names[i].name, p, n) == 0)
                a |= names[i].attr;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return a;
}

void
theme_apply(struct theme *t, const struct config *base,
            const struct config *user, int mono)
{
    t->colors = mono ? 0 : COLORS;
    for (int i = 0; i < OBJ_COUNT; i++) {
        const struct theme_def *d = &theme_defs[i];
        const char *fg = d->fg, *bg = d->bg, *attrs = d->attrs;
        attr_t a;

        for (int c = 0; c < 2; c++) {
            const struct config *cfg = c == 0 ? base : user;

            for (size_t k = 0; cfg && k < cfg->n_colors; k++) {
                if (strcmp(cfg->colors[k].object, d->name) == 0) {
                    fg = cfg->colors[k].fg;
                    bg = cfg->colors[k].bg;
                    attrs = cfg->colors[k].attrs;
                }
            }
        }
        a = theme_attrs(attrs);
        if (mono) {
            /* Without colour the selection and the title bars must
             * still stand out. */
            if (i == OBJ_INBOX_SELECTED || i == OBJ_TITLE_FOCUS ||
                i == OBJ_STATUS || i == OBJ_STATUS_ERROR ||
                i == OBJ_EDITOR_UNRESOLVED || i == OBJ_PICKER_SELECTED)
                a |= A_REVERSE;
            if (i == OBJ_TITLE)
                a |= A_UNDERLINE;
        } else if (i + 1 < COLOR_PAIRS) {
            init_pair((short)(i + 1), (short)theme_color(fg, COLORS),
                      (short)theme_color(bg, COLORS));
            a |= COLOR_PAIR(i + 1);
        }
        t->attr[i] = a;
    }
}
