/* trcommand.c: a translator that is a program: text on its stdin, the
 * translation on its stdout. The command line is split into words once,
 * as the rc file splits words, and run with execvp: no shell ever sees
 * the text or the languages. It runs as a child whose pipes are in the
 * caller's poll loop (proc.c), so the console keeps taking keys while
 * Apertium thinks; timeout= (seconds, default 30) kills a stuck one. */
#include "translate/trcommand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "translate/proc.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define TRCOMMAND_TIMEOUT_MS 30000L
#define TRCOMMAND_MAX_OUT ((size_t)1 << 20)

static const char *const trcommand_options[] = { "pairs", NULL };

/* Replace the placeholders of one word. -1 when a code has no ISO 639-3
 * name. */
static int
trcommand_word(const char *w, const char *from, const char *to,
               struct buf *out, struct td_error *err)
{
    static const char *const names[] = { "{from3}", "{to3}", "{from}",
                                         "{to}" };

    buf_reset(out);
    while (*w) {
        size_t i, n = 0;
        const char *val = NULL;

        for (i = 0; i < 4; i++) {
            n = strlen(names[i]);
            if (strncmp(w, names[i], n) == 0)
                break;
        }
        if (i == 4) {
            buf_addc(out, *w++);
            continue;
        }
        val = i == 0 ? tr_lang_iso3(from) : i == 1 ? tr_lang_iso3(to)
              : i == 2 ? from : to;
        if (val == NULL) {
            td_error_set(err, TD_EINVAL, "no ISO 639-3 code known for '%s'",
                         i == 0 || i == 2 ? (from ? from : "?") : to);
            return -1;
        }
        buf_adds(out, val);
        w += n;
    }
    return 0;
}

int
trcommand_argv(const char *command, const char *from, const char *to,
               char ***argv, struct td_error *err)
{
    char **words = NULL;
    struct buf b;
    int n, i;

    *argv = NULL;
    if ((n = config_split(command, &words, err)) < 0)
        return -1;
    if (n == 0) {
        config_words_free(words, n);
        td_error_set(err, TD_EINVAL, "empty command");
        return -1;
    }
    buf_init(&b, 0);
    for (i = 0; i < n; i++) {
        if (trcommand_word(words[i], from, to, &b, err) != 0) {
            buf_free(&b);
            config_words_free(words, n);
            return -1;
        }
        free(words[i]);
        words[i] = xstrdup(buf_str(&b));
    }
    buf_free(&b);
    *argv = words;
    return n;
}

/* pairs=en-es,es-en: the pairs the program has; empty = any. */
static int
trcommand_has_pair(const struct tr_service *s, const char *from,
                   const char *to)
{
    const char *pairs = tr_opt(s, "pairs"), *p;
    char want[40];
    size_t n;

    if (pairs == NULL || *pairs == '\0')
        return 1;
    n = (size_t)snprintf(want, sizeof want, "%.2s-%.2s", from, to);
    for (p = pairs; (p = strstr(p, want)) != NULL; p += n)
        if ((p == pairs || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

static enum td_status
trcommand_open(struct tr_service *s, struct td_error *err)
{
    char **argv = NULL;
    int n;

    /* Split once with a known pair now: a broken quote is an rc error at
     * start-up, not a surprise at the first message. */
    if ((n = trcommand_argv(s->def->url, "en", "es", &argv, err)) < 0)
        return err->status;
    config_words_free(argv, n);
    return TD_OK;
}

static void
trcommand_done(void *ctx, enum td_status rc, const char *out, size_t len,
               const char *msg)
{
    struct tr_job *job = ctx;
    struct td_error err;

    (void)len;
    td_error_clear(&err);
    if (rc != TD_OK)
        td_error_set(&err, rc, "%s: %s", job->svc->name, msg);
    tr_job_finish(job, rc, rc == TD_OK ? out : NULL, NULL, &err, -1);
}

static enum td_status
trcommand_translate(struct tr_service *s, struct tr_job *job,
                    struct td_error *err)
{
    const char *to = tr_opt(s, "timeout");
    long timeout = TRCOMMAND_TIMEOUT_MS;
    char **argv = NULL, *input, *end;
    struct proc *p = NULL;
    enum td_status rc;
    size_t len;
    long secs;
    int n;

    if (!trcommand_has_pair(s, job->from, job->to))
        return td_error_set(err, TD_ENOTSUP, "%s has no %s-%s pair (pairs="
                            "%s)", s->name, job->from, job->to,
                            tr_opt(s, "pairs"));
    if ((n = trcommand_argv(s->def->url, job->from, job->to, &argv,
                            err)) < 0)
        return err->status;
    if (to && (secs = strtol(to, &end, 10)) > 0 && *end == '\0')
        timeout = secs * 1000;
    /* Line-oriented programs want the last line ended. */
    len = strlen(job->text);
    input = xasprintf("%s%s", job->text,
                      len && job->text[len - 1] == '\n' ? "" : "\n");
    rc = proc_start(argv, input, strlen(input), timeout, TRCOMMAND_MAX_OUT,
                    trcommand_done, job, &p, err);
    free(input);
    config_words_free(argv, n);
    if (rc != TD_OK) {
        td_error_prefix(err, "%s: ", s->name);
        return rc;
    }
    tr_hub_add_proc(s->hub, p, job);
    return TD_OK;
}

const struct translator trcommand_translator = {
    .name = "command",
    .caps = 0,
    .priv_size = 0,
    .options = trcommand_options,
    .open = trcommand_open,
    .translate = trcommand_translate,
    .close = NULL,
};
