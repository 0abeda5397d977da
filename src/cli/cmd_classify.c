/* cmd_classify.c: `ttydesk classify [--json] [--lines] < text`, the
 * language and intent models from the command line, for scripts and for
 * tools/train/langid_eval.py. */
#include "cli/cmd_classify.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "app.h"
#include "cli/cli.h"
#include "core/assist.h"
#include "core/paths.h"
#include "store/classify.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* One message read whole from stdin may be this long. */
#define CLASSIFY_MAX_INPUT (4u << 20)

static void
classify_print(const struct assist *m, const char *text, size_t len,
               int json)
{
    struct langid_result lr;
    struct intent_result ir;

    langid_detect(m->lang, text, len, &lr);
    intent_classify(m->intent, text, len, lr.lang, &ir);
    /* Codes and label names are plain ASCII: no JSON escaping needed, and
     * printf keeps --lines fast on large inputs. */
    if (json)
        printf("{\"language\":\"%s\",\"language_confidence\":%.3f,"
               "\"intent\":\"%s\",\"intent_confidence\":%.3f}\n",
               lr.lang, lr.confidence, intent_label_name(ir.label),
               ir.confidence);
    else
        printf("%s\t%.3f\t%s\t%.3f\n", lr.lang, lr.confidence,
               intent_label_name(ir.label), ir.confidence);
}

/* The directory holding models/, found as app_find_share() finds demo/:
 * app->share_dir is only set by app_open(), which classify does not need
 * (no store), so the same order is repeated here. Returns an owned path. */
static char *
classify_share_dir(const struct app *app)
{
    const char *env = getenv("TTYDESK_DATADIR");
    const char *rel[] = { "../share/ttydesk", ".." };
    char exe[PATH_MAX];
    ssize_t n;

    if (app->share_dir)
        return xstrdup(app->share_dir);
    if (env && *env)
        return xstrdup(env);
    if (access(TTYDESK_DATADIR "/models/langid.bin", R_OK) == 0)
        return xstrdup(TTYDESK_DATADIR);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0 && (exe[n] = '\0', strrchr(exe, '/') != NULL)) {
        *strrchr(exe, '/') = '\0';
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            char *dir = paths_join(exe, rel[i]);
            char *probe = paths_join(dir, "models/langid.bin");
            int ok = access(probe, R_OK) == 0;

            free(probe);
            if (ok)
                return dir;
            free(dir);
        }
    }
    return xstrdup(TTYDESK_DATADIR);
}

int
cmd_classify(struct app *app, int argc, char **argv)
{
    struct assist *m = NULL;
    char *share;
    struct td_error err;
    int json = 0, lines = 0, status = 0;
    enum td_status rc;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "--lines") == 0)
            lines = 1;
        else {
            fprintf(stderr, "usage: ttydesk classify [--json] [--lines] "
                            "< text\n");
            return 2;
        }
    }
    td_error_clear(&err);
    share = classify_share_dir(app);
    rc = assist_load(share, &m, &err);
    free(share);
    if (rc != TD_OK) {
        status = cli_fail("%s", err.msg);
        goto out;
    }
    if (lines) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;

        while ((n = getline(&line, &cap, stdin)) > 0) {
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                n--;
            classify_print(m, line, (size_t)n, json);
        }
        free(line);
    } else {
        struct buf in;
        char chunk[8192];
        size_t n;

        buf_init(&in, CLASSIFY_MAX_INPUT);
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            if (buf_add(&in, chunk, n) < 0) {
                buf_free(&in);
                status = cli_fail("input over %u bytes; use --lines",
                                  CLASSIFY_MAX_INPUT);
                goto out;
            }
        classify_print(m, buf_str(&in), in.len, json);
        buf_free(&in);
    }
    if (ferror(stdin))
        status = cli_fail("reading stdin failed");
out:
    assist_free(&m);
    return status;
}

/* Tickets per transaction: large enough to be quick, small enough that
 * a reader waits little. */
#define CLASSIFY_PENDING_SLICE 2000

void
classify_pending_all(struct app *app)
{
    struct td_error err;
    size_t done;
    int more = 1;

    while (more && app->store && app->assist) {
        td_error_clear(&err);
        if (store_classify_pending(app->store, CLASSIFY_PENDING_SLICE, NULL,
                                   NULL, &done, &more, &err) != TD_OK) {
            fprintf(stderr, "ttydesk: warning: %s\n", err.msg);
            return;
        }
    }
}
