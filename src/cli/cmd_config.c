/* cmd_config.c: print the configuration as rc lines. */
#include "cli/cmd_config.h"

#include <stdio.h>

#include "app.h"
#include "config/config.h"
#include "util/buf.h"

int
cmd_dump_config(struct app *app, int argc, char **argv)
{
    struct buf b;

    (void)argc;
    (void)argv;
    buf_init(&b, 0);
    config_dump(app->cfg, &b);
    fputs(buf_str(&b), stdout);
    buf_free(&b);
    return 0;
}
