/* status.c: the status bar line under the panes. */
#include "ui/status.h"

#include <string.h>

#include "app.h"
#include "config/config.h"
#include "drivers/driver.h"
#include "ui/inbox.h"
#include "ui/netsync.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/width.h"

void
status_draw(struct ui *ui)
{
    struct buf b;
    int w = ui->cols, lw;

    if (ui->win_status == NULL)
        return;
    buf_init(&b, 0);
    buf_adds(&b, " ttydesk");
    for (size_t i = 0; i < ui->app->n_accounts; i++) {
        const struct account *a = ui->app->accounts[i];

        buf_adds(&b, " | ");
        netsync_describe(ui, a, &b);
    }
    buf_printf(&b, " | %lld unread, %lld open, %lld breaching | outbox %zu",
               (long long)ui->n_unread, (long long)ui->n_open,
               (long long)ui->n_breaching, ui->n_outbox);
    if (ui->app->readonly || config_int(ui->app->cfg, OPT_READONLY))
        buf_adds(&b, " | READONLY");
    if (screen_pii(ui))
        buf_adds(&b, " | PII HIDDEN");
    buf_adds(&b, " ");
    screen_put(ui, ui->win_status, 0, 0, w, buf_str(&b), OBJ_STATUS, 1);
    lw = (int)width_str(buf_str(&b));
    /* The last error stays on the right until the next one, in words. */
    if (ui->last_error && lw + 10 < w)
        screen_put(ui, ui->win_status, 0, lw, w - lw, ui->last_error,
                   OBJ_STATUS_ERROR, 1);
    buf_free(&b);
}
