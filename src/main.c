/* main.c: argv, the start-up order, then the console or a subcommand. */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "config/config.h"
#include "ui/ui.h"
#include "util/error.h"
#include "util/xmalloc.h"

static void
usage(FILE *f)
{
    fputs("usage: ttydesk [-F RCFILE] [-d LOGFILE] [--readonly] [COMMAND [ARGS]]\n"
          "\n"
          "Without a command, ttydesk opens the console. Commands:\n", f);
    if (f == stdout)
        cli_print_commands();
    fputs("\nOptions:\n"
          "  -F, --config FILE   read FILE instead of "
          "$XDG_CONFIG_HOME/ttydesk/ttydeskrc\n"
          "  -d, --debug FILE    log requests to FILE (secrets redacted)\n"
          "      --readonly      refuse every write: replies, notes, status\n"
          "      --dump-config   print the configuration as rc lines\n"
          "  -V, --version       print the version\n"
          "  -h, --help          this help; see ttydesk(1) and ttydeskrc(5)\n",
          f);
}

/* The console: the store is opened and local workspaces synced before the
 * screen starts, so that a broken data directory is reported on a normal
 * terminal; a failed sync is only a message in the status bar. */
static int
run_console(struct app *app)
{
    struct td_error err;

    if (app_open(app, &err) != TD_OK) {
        fprintf(stderr, "ttydesk: %s\n", err.msg);
        return 1;
    }
    if (app_sync_local(app, &err) != TD_OK) {
        free(app->notice);
        app->notice = xasprintf("sync: %s", err.msg);
    }
    return ui_run(app);
}

int
main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "config", required_argument, NULL, 'F' },
        { "debug", required_argument, NULL, 'd' },
        { "readonly", no_argument, NULL, 'r' },
        { "dump-config", no_argument, NULL, 'D' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct app app = { 0 };
    struct td_error err;
    const struct cli_cmd *cmd = NULL;
    const char *rc_file = NULL, *debug_file = NULL;
    int c, readonly = 0, dump = 0, status;
    char *dump_argv[] = { "dump-config", NULL };

    setlocale(LC_ALL, "");
    while ((c = getopt_long(argc, argv, "+F:d:Vh", opts, NULL)) != -1) {
        switch (c) {
        case 'F':
            rc_file = optarg;
            break;
        case 'd':
            debug_file = optarg;
            break;
        case 'r':
            readonly = 1;
            break;
        case 'D':
            dump = 1;
            break;
        case 'V':
            printf("ttydesk %s\n", TTYDESK_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (dump) {
        cmd = cli_find("dump-config");
        argc = 1;
        argv = dump_argv;
        optind = 0;
    } else if (optind < argc) {
        if ((cmd = cli_find(argv[optind])) == NULL) {
            fprintf(stderr, "ttydesk: unknown command '%s' (ttydesk --help "
                            "lists them)\n", argv[optind]);
            return 2;
        }
    }
    if (app_load_config(&app, rc_file, &err) != TD_OK) {
        fprintf(stderr, "ttydesk: %s\n", err.msg);
        app_free(&app);
        return 1;
    }
    app.readonly |= readonly;
    if (debug_file && (app.debug = fopen(debug_file, "a")) == NULL) {
        perror(debug_file);
        app_free(&app);
        return 1;
    }
    for (size_t i = 0; i < app.cfg->n_errors; i++)
        fprintf(stderr, "%s\n", app.cfg->errors[i]);
    if (cmd == NULL) {
        status = run_console(&app);
        app_free(&app);
        return status;
    }
    if (cmd->needs_store) {
        size_t shown = app.cfg->n_errors;

        if (app_open(&app, &err) != TD_OK) {
            fprintf(stderr, "ttydesk: %s\n", err.msg);
            app_free(&app);
            return 1;
        }
        /* Accounts that failed to open (a bad mapping, no token) are
         * reported against their rc line; the others keep working. */
        for (size_t i = shown; i < app.cfg->n_errors; i++)
            fprintf(stderr, "%s\n", app.cfg->errors[i]);
        if (app_sync_local(&app, &err) != TD_OK)
            fprintf(stderr, "ttydesk: warning: %s\n", err.msg);
    }
    status = cmd->run(&app, argc - optind, argv + optind);
    if (fflush(stdout) != 0 && status == 0)
        status = 1;     /* a full disk or closed pipe must not look like success */
    app_free(&app);
    return status;
}
