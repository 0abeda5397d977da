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
    fputs("usage: ttydesk [-F RCFILE] [-d LOGFILE] [--readonly] [--no-input]\n"
          "               [COMMAND [ARGS] | -e ':COMMAND' ... | --batch FILE]"
          "\n"
          "\n"
          "Without a command, ttydesk opens the console. Commands:\n", f);
    if (f == stdout)
        cli_print_commands();
    fputs("\nOptions:\n"
          "  -F, --config FILE   read FILE instead of "
          "$XDG_CONFIG_HOME/ttydesk/ttydeskrc\n"
          "  -d, --debug FILE    log requests to FILE (secrets redacted)\n"
          "      --readonly      refuse every write: replies, notes, status\n"
          "  -e ':COMMAND'       run a console command without the screen "
          "(repeatable)\n"
          "      --batch FILE    run the console commands in FILE (- = "
          "stdin)\n"
          "      --no-input      never ask: a question is an error\n"
          "      --dump-config   print the configuration as rc lines\n"
          "  -V, --version       print the version\n"
          "  -h, --help          this help; see ttydesk(1) and ttydeskrc(5)\n",
          f);
}

/* The lines of a --batch file, each with its line number; the text is
 * kept in *text (owned by the caller). */
static int
read_batch(const char *path, struct ui_batch_line **lines, size_t *n,
           char ***texts)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int no = 0;

    if (f == NULL)
        return -1;
    while ((len = getline(&line, &cap, f)) >= 0) {
        no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        *lines = xreallocarray(*lines, *n + 1, sizeof **lines);
        *texts = xreallocarray(*texts, *n + 1, sizeof **texts);
        (*texts)[*n] = xstrdup(line);
        (*lines)[*n].text = (*texts)[*n];
        (*lines)[*n].file = path;
        (*lines)[*n].line = no;
        (*n)++;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return 0;
}

/* -e and --batch: the console's commands without its screen. */
static int
run_batch(struct app *app, const struct ui_batch *b)
{
    struct td_error err;

    if (app_open(app, &err) != TD_OK) {
        fprintf(stderr, "ttydesk: %s\n", err.msg);
        return 1;
    }
    if (app_sync_local(app, &err) != TD_OK)
        fprintf(stderr, "ttydesk: warning: %s\n", err.msg);
    return ui_run_batch(app, b);
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

/* The -e and --batch lines of a run; main frees them on every way out. */
struct batch_src {
    struct ui_batch_line *lines;
    char **texts;               /* owned copies of --batch lines */
    size_t n;
};

static int main_run(int argc, char **argv, struct batch_src *src);

int
main(int argc, char **argv)
{
    struct batch_src src = { 0 };
    int status = main_run(argc, argv, &src);

    for (size_t i = 0; src.texts && i < src.n; i++)
        free(src.texts[i]);
    free(src.texts);
    free(src.lines);
    return status;
}

static int
main_run(int argc, char **argv, struct batch_src *src)
{
    static const struct option opts[] = {
        { "config", required_argument, NULL, 'F' },
        { "debug", required_argument, NULL, 'd' },
        { "readonly", no_argument, NULL, 'r' },
        { "dump-config", no_argument, NULL, 'D' },
        { "batch", required_argument, NULL, 'b' },
        { "no-input", no_argument, NULL, 'n' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct app app = { 0 };
    struct td_error err;
    const struct cli_cmd *cmd = NULL;
    const char *rc_file = NULL, *debug_file = NULL;
    int c, readonly = 0, dump = 0, status, no_input = 0, n_e = 0;
    char *dump_argv[] = { "dump-config", NULL };
    struct ui_batch batch = { 0 };

    setlocale(LC_ALL, "");
    while ((c = getopt_long(argc, argv, "+F:d:e:Vh", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            src->lines = xreallocarray(src->lines, src->n + 1,
                                       sizeof *src->lines);
            src->texts = xreallocarray(src->texts, src->n + 1,
                                       sizeof *src->texts);
            src->texts[src->n] = NULL;
            src->lines[src->n].text = optarg;
            src->lines[src->n].file = NULL;
            src->lines[src->n].line = ++n_e;
            src->n++;
            break;
        case 'b':
            if (read_batch(optarg, &src->lines, &src->n, &src->texts) != 0) {
                perror(optarg);
                return 1;
            }
            break;
        case 'n':
            no_input = 1;
            break;
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
    if (src->n > 0 && (optind < argc || dump)) {
        fprintf(stderr, "ttydesk: -e and --batch take no command\n");
        return 2;
    }
    if (src->n == 0 && optind >= argc && !dump && no_input) {
        fprintf(stderr, "ttydesk: --no-input: the console needs a terminal "
                        "to read keys from (give a command, -e or "
                        "--batch)\n");
        return 2;
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
    if (src->n > 0) {
        batch.lines = src->lines;
        batch.n = src->n;
        batch.no_input = no_input;
        status = run_batch(&app, &batch);
        if (fflush(stdout) != 0 && status == 0)
            status = 1;
        app_free(&app);
        return status;
    }
    if (cmd == NULL) {
        status = run_console(&app);
        app_free(&app);
        return status;
    }
    if ((status = cli_refuse_write(&app, cmd, argc - optind,
                                   argv + optind)) != 0) {
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
