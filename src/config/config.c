/* config.c: a config's life: defaults, running lines and files, dumping. */
#include "config/config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/cmds.h"
#include "config/defs.h"
#include "config/options.h"
#include "config/words.h"
#include "core/sla.h"
#include "util/xmalloc.h"

/* An rc file is a page of text; a megabyte of it is a wrong file. */
#define CONFIG_FILE_MAX (1024 * 1024)
#define CONFIG_LINE_MAX (64 * 1024)
/* After this many, more errors say nothing new (a binary file, say). */
#define CONFIG_ERRORS_MAX 100

struct config *
config_new(void)
{
    struct config *cfg = xcalloc(1, sizeof *cfg);
    int i;

    for (i = 0; i < OPT_COUNT; i++)
        options_reset(cfg, (enum opt_id)i);
    cfg->sla = sla_book_new();
    return cfg;
}

void
config_free(struct config **cfg)
{
    int i;

    if (cfg == NULL || *cfg == NULL)
        return;
    defs_free_all(*cfg);
    sla_book_free(&(*cfg)->sla);
    for (i = 0; i < OPT_COUNT; i++)
        free((*cfg)->str[i]);
    free(*cfg);
    *cfg = NULL;
}

const struct option_def *
config_options(size_t *n)
{
    return options_table(n);
}

int
config_option_find(const char *name)
{
    return options_find(name);
}

const char *
config_str(const struct config *cfg, enum opt_id id)
{
    if ((unsigned)id >= OPT_COUNT || cfg->str[id] == NULL)
        return "";
    return cfg->str[id];
}

int64_t
config_int(const struct config *cfg, enum opt_id id)
{
    if ((unsigned)id >= OPT_COUNT)
        return 0;
    return cfg->num[id];
}

int
config_split(const char *line, char ***argv, struct td_error *err)
{
    return words_split(line, argv, err);
}

void
config_words_free(char **argv, int argc)
{
    words_free(argv, argc);
}

/* Append "file:line: message" to cfg->errors and make err say the same. */
static void
record_error(struct config *cfg, const char *file, int line,
             struct td_error *err)
{
    char *msg;

    if (file)
        msg = xasprintf("%s:%d: %s", file, line, err->msg);
    else
        msg = xstrdup(err->msg);
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    if (cfg->n_errors > CONFIG_ERRORS_MAX) {
        free(msg);
        return;
    }
    if (cfg->n_errors == CONFIG_ERRORS_MAX) {
        free(msg);
        msg = xasprintf("%s: too many errors; the rest are not shown",
                        file ? file : "config");
    }
    cfg->errors = xreallocarray(cfg->errors, cfg->n_errors + 1,
                                sizeof *cfg->errors);
    cfg->errors[cfg->n_errors++] = msg;
}

enum td_status
config_exec_line(struct config *cfg, const char *text, const char *file,
                 int line, struct td_error *err)
{
    struct td_error local;
    struct cmds_line l;
    const char *saved_file = cfg->cur_file;
    int saved_line = cfg->cur_line;
    enum td_status rc;

    if (err == NULL)
        err = &local;
    td_error_clear(err);
    if ((rc = cmds_parse(text, &l, err)) == TD_OK) {
        /* `source` and account lines want to know where they stand;
         * a nested source changes this, so put it back after. */
        cfg->cur_file = file;
        cfg->cur_line = line;
        rc = cmds_run(cfg, &l, err);
        cfg->cur_file = saved_file;
        cfg->cur_line = saved_line;
        cmds_line_free(&l);
    }
    if (rc != TD_OK) {
        err->status = rc;
        record_error(cfg, file, line, err);
    }
    return rc;
}

/* A line that is only a comment does not continue with a trailing '\'. */
static int
is_comment(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i < n && s[i] == '#';
}

static void
record_text(struct config *cfg, const char *name, int line,
            enum td_status status, const char *msg)
{
    struct td_error err;

    td_error_set(&err, status, "%s", msg);
    record_error(cfg, name, line, &err);
}

/* Run every logical line of text (len bytes), joining lines that end in
 * a backslash. Errors go to cfg->errors. */
static void
load_text(struct config *cfg, const char *text, size_t len, const char *name)
{
    const char *p = text, *end = text + len, *nl;
    struct buf logical;
    size_t n;
    int lineno = 0, start = 0, cont = 0, bad = 0;

    buf_init(&logical, CONFIG_LINE_MAX);
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        p += 3;     /* a UTF-8 byte order mark from a Windows editor */
    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        lineno++;
        if (!cont) {
            start = lineno;
            bad = 0;
        }
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (memchr(p, '\0', n) != NULL)
            bad = 1;
        cont = n > 0 && p[n - 1] == '\\' && !(start == lineno &&
                                               is_comment(p, n));
        if (buf_add(&logical, p, cont ? n - 1 : n) != 0 && !bad)
            bad = 2;
        p = nl ? nl + 1 : end;
        if (cont && p < end)
            continue;
        if (bad == 1)
            record_text(cfg, name, start, TD_EPARSE, "NUL byte in line");
        else if (bad == 2)
            record_text(cfg, name, start, TD_ETOOBIG, "line too long");
        else
            config_exec_line(cfg, buf_str(&logical), name, start, NULL);
        buf_reset(&logical);
        cont = 0;
    }
    buf_free(&logical);
}

/* Read a whole file into out, refusing one that others could have
 * written: it could add an account line that sends tickets elsewhere. */
static enum td_status
read_rc_file(const char *path, struct buf *out, struct td_error *err)
{
    struct stat st;
    char chunk[8192];
    ssize_t n;
    enum td_status rc = TD_OK;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return td_error_set(err, TD_ENOTFOUND, "%s: no such file",
                                path);
        return td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
    }
    if (fstat(fd, &st) != 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        rc = td_error_set(err, TD_EIO, "%s: not a regular file", path);
        goto out;
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        rc = td_error_set(err, TD_EPERM, "%s: refusing to read: writable by "
                          "others (chmod go-w %s)", path, path);
        goto out;
    }
    for (;;) {
        n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        if (buf_add(out, chunk, (size_t)n) != 0) {
            rc = td_error_set(err, TD_ETOOBIG, "%s: larger than %d bytes",
                              path, CONFIG_FILE_MAX);
            goto out;
        }
    }
out:
    close(fd);
    return rc;
}

enum td_status
config_load_file(struct config *cfg, const char *path, struct td_error *err)
{
    struct buf text;
    enum td_status rc;

    buf_init(&text, CONFIG_FILE_MAX);
    if ((rc = read_rc_file(path, &text, err)) == TD_OK) {
        cfg->source_depth++;
        load_text(cfg, buf_str(&text), text.len, path);
        cfg->source_depth--;
        td_error_clear(err);
    }
    buf_free(&text);
    return rc;
}

enum td_status
config_load_string(struct config *cfg, const char *text, const char *name,
                   struct td_error *err)
{
    load_text(cfg, text, strlen(text), name ? name : "(string)");
    td_error_clear(err);
    return TD_OK;
}

static void
dump_account(const struct account_def *a, struct buf *out)
{
    size_t i;

    buf_printf(out, "%s %s %s ", a->kind, a->name, a->driver);
    words_quote(out, a->url);
    for (i = 0; i < a->n_opts; i++) {
        buf_printf(out, " %s=", a->opts[i].key);
        /* key="a b" splits back to the one word key=a b. */
        if (a->opts[i].value[0] != '\0')
            words_quote(out, a->opts[i].value);
    }
    buf_addc(out, '\n');
}

/* Append each word quoted as needed, separated by spaces, then a newline. */
static void
dump_words(struct buf *out, const char *const *w, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i > 0)
            buf_addc(out, ' ');
        if (w[i])
            words_quote(out, w[i]);
    }
    buf_addc(out, '\n');
}

void
config_dump(const struct config *cfg, struct buf *out)
{
    struct buf val;
    size_t i;
    int id;

    buf_init(&val, 0);
    for (id = 0; id < OPT_COUNT; id++) {
        if (options_is_default(cfg, (enum opt_id)id))
            continue;
        buf_reset(&val);
        options_format(cfg, (enum opt_id)id, &val);
        buf_printf(out, "set %s = ", options_table(NULL)[id].name);
        words_quote(out, buf_str(&val));
        buf_addc(out, '\n');
    }
    buf_free(&val);
    for (i = 0; i < cfg->n_accounts; i++)
        dump_account(&cfg->accounts[i], out);
    sla_book_dump(cfg->sla, out);
    for (i = 0; i < cfg->n_views; i++) {
        const char *w[] = { "view", cfg->views[i].name, cfg->views[i].query };

        dump_words(out, w, 3);
    }
    for (i = 0; i < cfg->n_binds; i++) {
        const struct bind_def *b = &cfg->binds[i];
        const char *w[] = { b->func ? "bind" : "unbind", b->map, b->keys,
                            b->func };

        dump_words(out, w, b->func ? 4 : 3);
    }
    for (i = 0; i < cfg->n_macros; i++) {
        const struct macro_def *m = &cfg->macros[i];
        const char *w[] = { "macro", m->map, m->keys, m->sequence, m->desc };

        dump_words(out, w, m->desc ? 5 : 4);
    }
    for (i = 0; i < cfg->n_colors; i++) {
        const struct color_def *c = &cfg->colors[i];
        const char *w[] = { "color", c->object, c->fg, c->bg, c->attrs };

        dump_words(out, w, c->attrs ? 5 : 4);
    }
    for (i = 0; i < cfg->n_notify; i++)
        buf_printf(out, "%s\n", cfg->notify[i].text);
}

const char *
account_def_opt(const struct account_def *a, const char *key)
{
    size_t i;

    for (i = 0; i < a->n_opts; i++) {
        if (strcmp(a->opts[i].key, key) == 0)
            return a->opts[i].value;
    }
    return NULL;
}

const struct view_def *
config_view(const struct config *cfg, const char *name)
{
    size_t i;

    for (i = 0; i < cfg->n_views; i++) {
        if (strcmp(cfg->views[i].name, name) == 0)
            return &cfg->views[i];
    }
    return NULL;
}
