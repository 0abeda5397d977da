/* help.c: the help pane: the bindings of a keymap with descriptions. */
#include "ui/help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "ui/actions.h"
#include "ui/commands.h"
#include "ui/screen.h"
#include "ui/tlines.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct help {
    char *title;            /* set: show text instead of the bindings */
    char *text;
    struct tlines lines;
    int built_cols;
    int top;
};

/* Whether the user's config rebinds (or unbinds) map+keys. */
static int
help_overridden(const struct config *user, const char *map, const char *keys)
{
    for (size_t i = 0; i < user->n_binds; i++) {
        if (strcmp(user->binds[i].map, map) == 0 &&
            strcmp(user->binds[i].keys, keys) == 0)
            return 1;
    }
    return 0;
}

static void
help_add_binds(struct help *h, const struct config *cfg, const char *map,
               const struct config *hide_by, struct buf *b)
{
    for (size_t i = 0; i < cfg->n_binds; i++) {
        const struct bind_def *bd = &cfg->binds[i];
        const struct action *a;

        if (strcmp(bd->map, map) != 0 || bd->func == NULL)
            continue;
        if (hide_by && help_overridden(hide_by, map, bd->keys))
            continue;
        a = actions_find(bd->func);
        buf_reset(b);
        buf_printf(b, "  %-14s %-18s %s", bd->keys, bd->func,
                   a ? a->desc : "(unknown function)");
        tlines_add(&h->lines, a ? OBJ_HELP_TEXT : OBJ_STATUS_ERROR,
                   buf_str(b));
    }
    for (size_t i = 0; i < cfg->n_macros; i++) {
        const struct macro_def *m = &cfg->macros[i];

        if (strcmp(m->map, map) != 0)
            continue;
        buf_reset(b);
        buf_printf(b, "  %-14s %-18s %s", m->keys, "(macro)",
                   m->desc ? m->desc : m->sequence);
        tlines_add(&h->lines, OBJ_HELP_TEXT, buf_str(b));
    }
}

static void
help_build(struct ui *ui, struct help *h, int cols)
{
    const char *maps[2] = { layout_pane_name(ui->help_of), "global" };
    const char *const *names;
    size_t n_names;
    struct buf b;

    /* The template picker covers the editor with keys of its own. */
    if (ui->picker && ui->help_of == PANE_EDITOR)
        maps[0] = "picker";
    tlines_clear(&h->lines);
    h->built_cols = cols;
    if (h->text) {
        tlines_add_wrapped(&h->lines, OBJ_HELP_TEXT, "", h->text, cols);
        return;
    }
    buf_init(&b, 0);
    for (int m = 0; m < 2; m++) {
        buf_reset(&b);
        buf_printf(&b, "Keys of %s%s", maps[m],
                   m == 0 ? " (this pane)" : " (every pane)");
        tlines_add(&h->lines, OBJ_HELP_KEY, buf_str(&b));
        help_add_binds(h, ui->app->cfg, maps[m], NULL, &b);
        help_add_binds(h, ui->base, maps[m], ui->app->cfg, &b);
        tlines_add(&h->lines, OBJ_DEFAULT, "");
    }
    /* From the command table, so that none is missing, wrapped to the
     * pane rather than cut; a command run wrong prints its usage. */
    tlines_add(&h->lines, OBJ_HELP_KEY,
               "Commands at the : prompt (a wrong one prints its usage; "
               "ttydesk(1))");
    names = commands_names(&n_names);
    buf_reset(&b);
    for (size_t i = 0; i < n_names; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
    tlines_add_wrapped(&h->lines, OBJ_HELP_TEXT, "  ", buf_str(&b), cols);
    buf_free(&b);
}

static void
help_drop_text(struct help *h)
{
    free(h->title);
    free(h->text);
    h->title = NULL;
    h->text = NULL;
}

void
help_show_text(struct ui *ui, const char *title, const char *text)
{
    struct help *h = ui_priv(ui, PANE_HELP);

    help_open(ui);
    h->title = xstrdup(title);
    h->text = xstrdup(text);
}

void
help_open(struct ui *ui)
{
    struct help *h = ui_priv(ui, PANE_HELP);

    help_drop_text(h);
    ui->help_of = ui->stats ? PANE_STATS : ui->focus;
    ui->help = 1;
    h->built_cols = 0;
    h->top = 0;
    ui_relayout(ui);
}

void
help_close(struct ui *ui)
{
    ui->help = 0;
    ui_relayout(ui);
}

static void
help_draw(struct ui *ui, struct pane *p)
{
    struct help *h = p->priv;
    int rows = p->rows - 1;

    if (h->built_cols != p->cols)
        help_build(ui, h, p->cols);
    if (h->top > (int)h->lines.n - rows)
        h->top = (int)h->lines.n - rows;
    if (h->top < 0)
        h->top = 0;
    screen_title(ui, p, h->title ? h->title : " Help",
                 "q or Esc closes ");
    for (int r = 0; r < rows; r++) {
        size_t i = (size_t)(h->top + r);

        screen_put(ui, p->win, r + 1, 0, p->cols,
                   i < h->lines.n ? h->lines.v[i].text : "",
                   i < h->lines.n ? (enum theme_obj)h->lines.v[i].obj
                   : OBJ_DEFAULT, 1);
    }
}

static void
help_move(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct help *h = p->priv;

    (void)ui;
    if (how == MOVE_TOP)
        h->top = 0;
    else if (how == MOVE_BOTTOM)
        h->top = (int)h->lines.n;
    else
        h->top += n * (how == MOVE_LINE ? 1 : p->rows / 2);
}

static int
help_input(struct ui *ui, struct pane *p, const char *key)
{
    (void)p;
    if (strcmp(key, "q") == 0) {
        help_close(ui);
        return 1;
    }
    return 0;
}

static void
help_fini(struct ui *ui, struct pane *p)
{
    struct help *h = p->priv;

    (void)ui;
    help_drop_text(h);
    tlines_clear(&h->lines);
}

const struct pane_ops help_ops = {
    .name = "help",
    .priv_size = sizeof(struct help),
    .init = NULL,
    .fini = help_fini,
    .draw = help_draw,
    .step = help_move,
    .input = help_input,
};
