/* readonly.c: read-only mode in the console, checked where keys and
 * commands are dispatched (actions.c and commands.c flag what writes). */
#include "ui/readonly.h"

#include "app.h"
#include "config/config.h"
#include "ui/screen.h"

int
readonly_refuse(struct ui *ui, const char *what)
{
    /* `set readonly` at the prompt counts at once, like --readonly. */
    if (!ui->app->readonly && !config_int(ui->app->cfg, OPT_READONLY))
        return 0;
    ui->refused = 1;
    ui_error(ui, "%s: read-only mode (--readonly or set readonly = yes): "
             "nothing is sent or changed", what);
    return 1;
}
