/* cmds.c: what each config command checks and records (tmux's cmd-*.c). */
#include "config/cmds.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/cmd_sla.h"
#include "config/colors.h"
#include "config/defs.h"
#include "config/keys.h"
#include "config/options.h"
#include "config/words.h"
#include "core/paths.h"
#include "core/query.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Deeper than this is a file sourcing itself, directly or not. */
#define CMDS_SOURCE_MAX 10

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyz" \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"

static enum td_status cmd_set(struct config *, int, char **,
                              struct td_error *);
static enum td_status cmd_unset(struct config *, int, char **,
                                struct td_error *);
static enum td_status cmd_account(struct config *, int, char **,
                                  struct td_error *);
static enum td_status cmd_view(struct config *, int, char **,
                               struct td_error *);
static enum td_status cmd_bind(struct config *, int, char **,
                               struct td_error *);
static enum td_status cmd_unbind(struct config *, int, char **,
                                 struct td_error *);
static enum td_status cmd_macro(struct config *, int, char **,
                                struct td_error *);
static enum td_status cmd_color(struct config *, int, char **,
                                struct td_error *);
static enum td_status cmd_source(struct config *, int, char **,
                                 struct td_error *);
static enum td_status cmd_notify(struct config *, int, char **,
                                 struct td_error *);

static const struct config_cmd cmds[] = {
    {
        .name = "set",
        .min_args = 1,
        .max_args = 3,
        .usage = "set NAME = VALUE",
        .exec = cmd_set,
    },
    {
        .name = "unset",
        .min_args = 1,
        .max_args = 1,
        .usage = "unset NAME",
        .exec = cmd_unset,
    },
    {
        .name = "account",
        .min_args = 3,
        .max_args = -1,
        .usage = "account NAME DRIVER URL [KEY=VALUE ...]",
        .exec = cmd_account,
    },
    {
        .name = "shop",
        .min_args = 3,
        .max_args = -1,
        .usage = "shop NAME DRIVER URL [KEY=VALUE ...]",
        .exec = cmd_account,
    },
    {
        .name = "tracker",
        .min_args = 3,
        .max_args = -1,
        .usage = "tracker NAME DRIVER URL [KEY=VALUE ...]",
        .exec = cmd_account,
    },
    {
        .name = "translator",
        .min_args = 3,
        .max_args = -1,
        .usage = "translator NAME PROVIDER URL|\"COMMAND\" [KEY=VALUE ...]",
        .exec = cmd_account,
    },
    {
        .name = "drafter",
        .min_args = 3,
        .max_args = -1,
        .usage = "drafter NAME PROVIDER URL [KEY=VALUE ...]",
        .exec = cmd_account,
    },
    {
        .name = "view",
        .min_args = 2,
        .max_args = -1,
        .usage = "view NAME \"QUERY\"",
        .exec = cmd_view,
    },
    {
        .name = "bind",
        .min_args = 3,
        .max_args = 3,
        .usage = "bind MAP KEYS FUNCTION",
        .exec = cmd_bind,
    },
    {
        .name = "unbind",
        .min_args = 2,
        .max_args = 2,
        .usage = "unbind MAP KEYS",
        .exec = cmd_unbind,
    },
    {
        .name = "macro",
        .min_args = 3,
        .max_args = 4,
        .usage = "macro MAP KEYS \"SEQUENCE\" [\"DESCRIPTION\"]",
        .exec = cmd_macro,
    },
    {
        .name = "color",
        .min_args = 3,
        .max_args = -1,
        .usage = "color OBJECT FG BG [ATTRS]",
        .exec = cmd_color,
    },
    {
        .name = "source",
        .min_args = 1,
        .max_args = 1,
        .usage = "source FILE",
        .exec = cmd_source,
    },
    {
        .name = "hours",
        .min_args = 2,
        .max_args = -1,
        .usage = "hours TEAM DAYS HH:MM-HH:MM [...] [tz=ZONE] "
                 "[holidays=FILE|DATES]",
        .exec = cmd_hours,
    },
    {
        .name = "sla",
        .min_args = 2,
        .max_args = -1,
        .usage = "sla NAME first=DURATION [next=DURATION] [priority=P,..] "
                 "[channel=C,..] [account=NAME] [hours=TEAM]",
        .exec = cmd_sla,
    },
    {
        .name = "notify",
        .min_args = 1,
        .max_args = -1,
        .usage = "notify EVENT [view=NAME] [assigned=me|none|NAME] "
                 "[within=DURATION] [via=CHANNELS] [rate=N/PERIOD] "
                 "[urgency=low|normal|critical]",
        .exec = cmd_notify,
    },
};

#define N_CMDS (sizeof cmds / sizeof cmds[0])

static const char *const map_names[] = {
    "global", "inbox", "thread", "order", "editor", "prompt", "picker",
    "stats",
};

#define N_MAPS (sizeof map_names / sizeof map_names[0])

const struct config_cmd *
cmds_table(size_t *n)
{
    if (n)
        *n = N_CMDS;
    return cmds;
}

const struct config_cmd *
cmds_find(const char *name)
{
    size_t i;

    for (i = 0; i < N_CMDS; i++) {
        if (strcmp(cmds[i].name, name) == 0)
            return &cmds[i];
    }
    return NULL;
}

static enum td_status
usage(const char *cmd, struct td_error *err)
{
    return td_error_set(err, TD_EPARSE, "usage: %s", cmds_find(cmd)->usage);
}

void
cmds_line_free(struct cmds_line *l)
{
    words_free(l->argv, l->argc);
    memset(l, 0, sizeof *l);
}

enum td_status
cmds_parse(const char *text, struct cmds_line *out, struct td_error *err)
{
    const struct config_cmd *cmd;
    int n;

    memset(out, 0, sizeof *out);
    if ((out->argc = words_split(text, &out->argv, err)) < 0) {
        out->argc = 0;
        return err ? err->status : TD_EPARSE;
    }
    if (out->argc == 0)
        return TD_OK;
    if ((cmd = cmds_find(out->argv[0])) == NULL) {
        td_error_set(err, TD_EPARSE, "unknown command '%s'", out->argv[0]);
        goto fail;
    }
    n = out->argc - 1;
    if (n < cmd->min_args || (cmd->max_args >= 0 && n > cmd->max_args)) {
        td_error_set(err, TD_EPARSE, "usage: %s", cmd->usage);
        goto fail;
    }
    out->cmd = cmd;
    return TD_OK;
fail:
    cmds_line_free(out);
    return TD_EPARSE;
}

enum td_status
cmds_run(struct config *cfg, const struct cmds_line *l, struct td_error *err)
{
    if (l->cmd == NULL)
        return TD_OK;
    return l->cmd->exec(cfg, l->argc, l->argv, err);
}

static int
is_name(const char *s)
{
    return *s && s[strspn(s, NAME_CHARS)] == '\0';
}

static void
lower_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

/* Join argv[from..argc) with sep into an owned string. */
static char *
join(int argc, char **argv, int from, char sep)
{
    struct buf b;
    int i;

    buf_init(&b, 0);
    for (i = from; i < argc; i++) {
        if (i > from)
            buf_addc(&b, sep);
        buf_adds(&b, argv[i]);
    }
    return buf_detach(&b);
}

/* set NAME = VALUE, set NAME VALUE, set NAME=VALUE, set NAME (a boolean
 * on), set noNAME (a boolean off). */
static enum td_status
cmd_set(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    const char *value = NULL;
    char *name, *eq;
    enum td_status rc = TD_EPARSE;
    int id;

    name = xstrdup(argv[1]);
    if ((eq = strchr(name, '=')) != NULL) {
        *eq++ = '\0';
        if (argc == 2)
            value = eq;
        else if (argc == 3 && *eq == '\0')
            value = argv[2];
        else
            goto bad_usage;
    } else if (argc == 4) {
        if (strcmp(argv[2], "=") != 0)
            goto bad_usage;
        value = argv[3];
    } else if (argc == 3) {
        if (strcmp(argv[2], "=") == 0)
            goto bad_usage;
        value = argv[2];
    }
    if ((id = options_find(name)) < 0) {
        /* noNAME, as in mutt and vim. */
        if (value == NULL && strncmp(name, "no", 2) == 0 &&
            (id = options_find(name + 2)) >= 0) {
            if (options_table(NULL)[id].type != OT_BOOL) {
                rc = td_error_set(err, TD_EINVAL, "set: '%s' is not a "
                                  "boolean option", name + 2);
                goto out;
            }
            cfg->num[id] = 0;
            rc = TD_OK;
            goto out;
        }
        rc = td_error_set(err, TD_EINVAL, "unknown option '%s'", name);
        goto out;
    }
    if (value == NULL) {
        if (options_table(NULL)[id].type != OT_BOOL) {
            rc = td_error_set(err, TD_EINVAL, "set: option '%s' needs a "
                              "value (set %s = VALUE)", name, name);
            goto out;
        }
        cfg->num[id] = 1;
        rc = TD_OK;
        goto out;
    }
    rc = options_set(cfg, (enum opt_id)id, value, err);
    goto out;
bad_usage:
    rc = usage(argv[0], err);
out:
    free(name);
    return rc;
}

/* unset NAME: a boolean goes off, anything else back to its default. */
static enum td_status
cmd_unset(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    int id;

    (void)argc;
    if ((id = options_find(argv[1])) < 0)
        return td_error_set(err, TD_EINVAL, "unknown option '%s'", argv[1]);
    if (options_table(NULL)[id].type == OT_BOOL)
        cfg->num[id] = 0;
    else
        options_reset(cfg, (enum opt_id)id);
    return TD_OK;
}

int
cmds_is_secret_key(const char *key)
{
    static const char *const words[] = {
        "token", "password", "passwd", "secret", "apikey", "api_key",
        "api-key", "private_key", "access_key", "credential",
    };
    static const char *const exact[] = { "pass", "pw", "key", "auth" };
    size_t i, n = strlen(key);

    /* The _cmd and _env forms name where the secret is, not the secret. */
    if (n > 4 && (strcasecmp(key + n - 4, "_cmd") == 0 ||
                  strcasecmp(key + n - 4, "_env") == 0))
        return 0;
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcasestr(key, words[i]) != NULL)
            return 1;
    }
    for (i = 0; i < sizeof exact / sizeof exact[0]; i++) {
        if (strcasecmp(key, exact[i]) == 0)
            return 1;
    }
    return 0;
}

/* scheme://something, the scheme as RFC 3986 spells it. */
static int
is_url(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
                         "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    return isalpha((unsigned char)*s) && strncmp(s + n, "://", 3) == 0 &&
           s[n + 3] != '\0';
}

/* The key=value words of an account line, into a. */
static enum td_status
account_opts(struct account_def *a, int argc, char **argv,
             struct td_error *err)
{
    const char *eq;
    size_t j;
    int i;

    for (i = 4; i < argc; i++) {
        eq = strchr(argv[i], '=');
        if (eq == NULL || eq == argv[i] ||
            strspn(argv[i], NAME_CHARS ".") != (size_t)(eq - argv[i]))
            return td_error_set(err, TD_EINVAL, "%s %s: '%s' is not "
                                "KEY=VALUE", a->kind, a->name, argv[i]);
        a->opts = xreallocarray(a->opts, a->n_opts + 1, sizeof *a->opts);
        a->opts[a->n_opts].key = xstrndup(argv[i], (size_t)(eq - argv[i]));
        a->opts[a->n_opts].value = xstrdup(eq + 1);
        if (cmds_is_secret_key(a->opts[a->n_opts++].key))
            return td_error_set(err, TD_EPERM, "%s %s: put secrets in "
                                "token_cmd= or token_env=, not in the rc "
                                "file", a->kind, a->name);
        /* A key given twice keeps its last value. */
        for (j = 0; j + 1 < a->n_opts; j++) {
            if (strcmp(a->opts[j].key, a->opts[a->n_opts - 1].key) == 0) {
                free(a->opts[j].value);
                a->opts[j].value = a->opts[--a->n_opts].value;
                free(a->opts[a->n_opts].key);
                break;
            }
        }
    }
    return TD_OK;
}

/* account|shop|tracker|translator|drafter NAME DRIVER URL [KEY=VALUE ...]
 * (a command translator has a command line where the URL goes) */
static enum td_status
cmd_account(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct account_def a;
    enum td_status rc;

    memset(&a, 0, sizeof a);
    if (!is_name(argv[1]))
        return td_error_set(err, TD_EINVAL, "%s: bad name '%s' (letters, "
                            "digits, _ and - only)", argv[0], argv[1]);
    a.kind = xstrdup(argv[0]);
    a.name = xstrdup(argv[1]);
    a.driver = xstrdup(argv[2]);
    lower_ascii(a.driver);
    /* A command translator's "URL" is its command line, kept as
     * written: the translate layer splits it into argv, no shell. */
    a.url = strcmp(a.driver, "command") == 0 ? xstrdup(argv[3])
            : paths_expand(argv[3]);
    /* Never NULL: callers print it in later errors about the account. */
    a.file = xstrdup(cfg->cur_file ? cfg->cur_file : "(prompt)");
    a.line = cfg->cur_line;
    if (!is_name(a.driver)) {
        rc = td_error_set(err, TD_EINVAL, "%s %s: bad driver name '%s'",
                          a.kind, a.name, argv[2]);
        goto out;
    }
    /* Options first: a secret is refused whatever else is wrong. */
    if ((rc = account_opts(&a, argc, argv, err)) != TD_OK)
        goto out;
    if (strcmp(a.driver, "local") == 0 && !is_url(a.url) &&
        a.url[0] != '/' && a.url[0] != '.') {
        rc = td_error_set(err, TD_EINVAL, "%s %s: driver local wants a "
                          "directory (/..., ./..., ~/...), not '%s'", a.kind,
                          a.name, argv[3]);
        goto out;
    }
    if (strcmp(a.driver, "command") == 0 &&
        strcmp(a.kind, "translator") != 0) {
        rc = td_error_set(err, TD_EINVAL, "%s %s: driver command is for "
                          "translator lines", a.kind, a.name);
        goto out;
    }
    if (strcmp(a.driver, "command") == 0 &&
        a.url[strspn(a.url, " \t")] == '\0') {
        rc = td_error_set(err, TD_EINVAL, "%s %s: empty command", a.kind,
                          a.name);
        goto out;
    }
    if (strcmp(a.driver, "local") != 0 && strcmp(a.driver, "command") != 0 &&
        !is_url(a.url)) {
        rc = td_error_set(err, TD_EINVAL, "%s %s: bad URL '%s' (want "
                          "scheme://host...)", a.kind, a.name, argv[3]);
        goto out;
    }
    defs_put_account(cfg, &a);
    rc = TD_OK;
out:
    defs_account_clear(&a);
    return rc;
}

/* view NAME "QUERY": the query is checked now, so that a typo shows at
 * start-up and not when the view is opened. */
static enum td_status
cmd_view(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct query q;
    char *text;
    enum td_status rc;

    if (!is_name(argv[1]))
        return td_error_set(err, TD_EINVAL, "view: bad name '%s' (letters, "
                            "digits, _ and - only)", argv[1]);
    /* view NAME status:open lang:de reads as if it were quoted. */
    text = join(argc, argv, 2, ' ');
    if ((rc = query_parse(text, &q, err)) != TD_OK) {
        td_error_prefix(err, "view %s: ", argv[1]);
    } else {
        query_clear(&q);
        defs_put_view(cfg, argv[1], text);
    }
    free(text);
    return rc;
}

static enum td_status
check_map(const char *cmd, const char *map, struct td_error *err)
{
    size_t i;

    for (i = 0; i < N_MAPS; i++) {
        if (strcmp(map, map_names[i]) == 0)
            return TD_OK;
    }
    return td_error_set(err, TD_EINVAL, "%s: unknown map '%s' (global, "
                        "inbox, thread, order, editor, prompt, picker, "
                        "stats)", cmd, map);
}

/* The map and the keys of a bind, unbind or macro line, keys spelled
 * the one way keys_canon writes them. */
static enum td_status
map_and_keys(char **argv, struct buf *keys, struct td_error *err)
{
    enum td_status rc;

    if ((rc = check_map(argv[0], argv[1], err)) != TD_OK)
        return rc;
    if ((rc = keys_canon(argv[2], 0, keys, err)) != TD_OK)
        td_error_prefix(err, "%s: ", argv[0]);
    return rc;
}

static enum td_status
cmd_bind(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct buf keys;
    enum td_status rc;

    (void)argc;
    buf_init(&keys, 0);
    if ((rc = map_and_keys(argv, &keys, err)) != TD_OK)
        goto out;
    /* Which functions exist is the UI's business; the shape is ours. */
    if (strspn(argv[3], NAME_CHARS ":.") != strlen(argv[3]) ||
        argv[3][0] == '\0') {
        rc = td_error_set(err, TD_EINVAL, "bind: bad function name '%s'",
                          argv[3]);
        goto out;
    }
    defs_put_bind(cfg, argv[1], buf_str(&keys), argv[3]);
out:
    buf_free(&keys);
    return rc;
}

static enum td_status
cmd_unbind(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct buf keys;
    enum td_status rc;

    (void)argc;
    buf_init(&keys, 0);
    if ((rc = map_and_keys(argv, &keys, err)) == TD_OK)
        defs_put_bind(cfg, argv[1], buf_str(&keys), NULL);
    buf_free(&keys);
    return rc;
}

static enum td_status
cmd_macro(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct buf keys, seq;
    enum td_status rc;

    buf_init(&keys, 0);
    buf_init(&seq, 0);
    if ((rc = map_and_keys(argv, &keys, err)) != TD_OK)
        goto out;
    if ((rc = keys_canon(argv[3], 1, &seq, err)) != TD_OK) {
        td_error_prefix(err, "macro: ");
        goto out;
    }
    defs_put_macro(cfg, argv[1], buf_str(&keys), buf_str(&seq),
                   argc > 4 ? argv[4] : NULL);
out:
    buf_free(&keys);
    buf_free(&seq);
    return rc;
}

/* color OBJECT FG BG [ATTRS]; the attributes may be one comma list or
 * several words. */
static enum td_status
cmd_color(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    char *attrs = NULL;
    enum td_status rc = TD_EINVAL;
    int i;

    if (argv[1][0] == '\0' ||
        strspn(argv[1], NAME_CHARS ".") != strlen(argv[1]))
        return td_error_set(err, TD_EINVAL, "color: bad object name '%s'",
                            argv[1]);
    for (i = 2; i <= 3; i++) {
        if (!colors_is_color(argv[i]))
            return td_error_set(err, TD_EINVAL, "color: unknown color '%s' "
                                "(default, red, brightred, color0..color255,"
                                " #rrggbb, ...)", argv[i]);
        lower_ascii(argv[i]);
    }
    if (argc > 4) {
        attrs = join(argc, argv, 4, ',');
        if ((rc = colors_check_attrs(attrs, err)) != TD_OK) {
            td_error_prefix(err, "color: ");
            goto out;
        }
        lower_ascii(attrs);
    }
    lower_ascii(argv[1]);
    defs_put_color(cfg, argv[1], argv[2], argv[3], attrs);
    rc = TD_OK;
out:
    free(attrs);
    return rc;
}

/* source FILE: a relative FILE sits beside the file that sources it. */
static enum td_status
cmd_source(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    const char *slash;
    char *path, *dir, *joined;
    enum td_status rc;

    (void)argc;
    if (cfg->source_depth >= CMDS_SOURCE_MAX)
        return td_error_set(err, TD_EINVAL, "source: %s: nested more than %d "
                            "deep (does it source itself?)", argv[1],
                            CMDS_SOURCE_MAX);
    path = paths_expand(argv[1]);
    if (path[0] != '/' && cfg->cur_file &&
        (slash = strrchr(cfg->cur_file, '/')) != NULL) {
        dir = xstrndup(cfg->cur_file, (size_t)(slash - cfg->cur_file) + 1);
        joined = paths_join(dir, path);
        free(dir);
        free(path);
        path = joined;
    }
    if ((rc = config_load_file(cfg, path, err)) != TD_OK)
        td_error_prefix(err, "source: ");
    free(path);
    return rc;
}

/* notify EVENT [KEY=VALUE ...]: the rule's grammar is notify_rules.c's;
 * the same line twice is kept once. */
static enum td_status
cmd_notify(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    struct notify_rule r;
    enum td_status rc;

    if ((rc = notify_rule_parse(argc, argv, &r, err)) != TD_OK)
        return rc;
    defs_put_notify(cfg, &r);
    return TD_OK;
}
