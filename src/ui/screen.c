/* screen.c: drawing text into panes safely; the screen as text. */
#include "ui/screen.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "config/config.h"
#include "core/pii.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

void
screen_put(struct ui *ui, WINDOW *w, int y, int x, int cols,
           const char *text, enum theme_obj obj, int pad)
{
    char *safe;
    struct buf b;

    if (w == NULL || cols <= 0)
        return;
    /* Sanitizing again is cheap and makes this the one door to the
     * terminal: no caller can forget it. The PII mask is applied here
     * too, on what is drawn, never on the data. */
    safe = sanitize_str(text, 0);
    if (screen_pii(ui)) {
        char *masked = pii_mask(safe);

        free(safe);
        safe = masked;
    }
    buf_init(&b, 0);
    width_fit(&b, safe, (size_t)cols, pad);
    wattrset(w, ui->theme.attr[obj]);
    mvwaddstr(w, y, x, buf_str(&b));
    wattrset(w, ui->theme.attr[OBJ_DEFAULT]);
    buf_free(&b);
    free(safe);
}

int
screen_pii(struct ui *ui)
{
    return ui->app && ui->app->cfg &&
           config_int(ui->app->cfg, OPT_PII_MASK) != 0;
}

void
screen_title(struct ui *ui, struct pane *p, const char *left,
             const char *right)
{
    enum theme_obj obj = ui->focus == (enum pane_id)(p - ui->panes) ||
                         (ui->help && p == &ui->panes[PANE_HELP]) ||
                         (ui->stats && p == &ui->panes[PANE_STATS])
                         ? OBJ_TITLE_FOCUS : OBJ_TITLE;
    int rw = right ? (int)width_str(right) : 0;

    if (rw > p->cols / 2)
        rw = p->cols / 2;
    screen_put(ui, p->win, 0, 0, p->cols - rw, left, obj, 1);
    if (rw > 0)
        screen_put(ui, p->win, 0, p->cols - rw, rw, right, obj, 1);
}

int
screen_save(struct ui *ui, const char *path)
{
    FILE *f = fopen(path, "w");
    wchar_t *line;
    char mb[MB_LEN_MAX + 1];

    if (f == NULL)
        return -1;
    /* Combining marks take wchar_ts but no cell: room for several. */
    line = xcalloc((size_t)ui->cols * 5 + 1, sizeof *line);
    /* curscr is what curses believes the terminal shows after the last
     * doupdate: exactly what a user would see. */
    for (int y = 0; y < ui->lines; y++) {
        struct buf b;
        mbstate_t st;
        int n;

        buf_init(&b, 0);
        memset(&st, 0, sizeof st);
        n = mvwinnwstr(curscr, y, 0, line, ui->cols * 5);
        for (int i = 0; i < n && line[i]; i++) {
            size_t k = wcrtomb(mb, line[i], &st);

            if (k != (size_t)-1)
                buf_add(&b, mb, k);
        }
        while (b.len > 0 && b.data[b.len - 1] == ' ')
            b.len--;
        fprintf(f, "%.*s\n", (int)b.len, b.len ? b.data : "");
        buf_free(&b);
    }
    free(line);
    return fclose(f) == 0 ? 0 : -1;
}
