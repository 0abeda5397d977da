/* config.h: the one config language (rc files, `:` prompt, keymaps, themes). */
#ifndef TD_CONFIG_H
#define TD_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "core/notify_rules.h"
#include "util/buf.h"
#include "util/error.h"

/* Options, in the order of the option table (options.c). */
enum opt_id {
    OPT_AGENT_NAME = 0,     /* string: who "me" is in assignee:me */
    OPT_AGENT_EMAIL,        /* string */
    OPT_TIMEZONE,           /* string: the agent's IANA zone, "" = local */
    OPT_DEFAULT_LANGUAGE,   /* string: ISO 639-1 fallback for templates */
    OPT_SYNC_INTERVAL,      /* duration in seconds: between background syncs */
    OPT_EDITOR,             /* string: "" = $VISUAL, $EDITOR, vi */
    OPT_READONLY,           /* bool */
    OPT_PII_MASK,           /* bool */
    OPT_THEME,              /* string: a theme name or file */
    OPT_KEYMAP,             /* string: default, vi or emacs */
    OPT_INBOX_COLUMNS,      /* string: comma list of column[:width] */
    OPT_INBOX_WIDTH,        /* int: percent of the screen for the inbox */
    OPT_DEFAULT_VIEW,       /* string */
    OPT_SORT,               /* string: sla, updated, created, priority, id */
    OPT_CONFIRM_SEND,       /* bool */
    OPT_EDITOR_WIDTH,       /* int: percent of the width right of the inbox
                               that the editor takes (160+ columns) */
    OPT_ORDER_HEIGHT,       /* int: percent of the height the order panel
                               (or the editor under the thread) takes */
    OPT_STUCK_DAYS,         /* int: days without a checkpoint = stuck */
    OPT_RETURN_DAYS,        /* int: the shop's own return policy in days */
    OPT_TRANSLATE_TO,       /* string: ISO 639-1, the agent's language */
    OPT_TRANSLATOR,         /* string: the translator used, "" = first */
    OPT_DRAFTER,            /* string: the drafter used, "" = first */
    OPT_BREACHING_WITHIN,   /* duration: the breaching view's horizon */
    OPT_NIGHT_HOURS,        /* string: "22:00-07:00", night at the buyer's */
    OPT_MORNING,            /* string: "09:00", what :send-at morning means */
    OPT_NOTIFY_CMD,         /* string: a command run per notification */
    OPT_NOTIFY_VIA,         /* string: default channels of notify rules */
    OPT_NOTIFY_RATE,        /* string: N/PERIOD over all rules */
    OPT_STATS_TIMEZONE,     /* string: the team's IANA zone for statistics;
                               "" = the timezone option */
    OPT_STATS_SINCE,        /* duration: the default range of statistics;
                               0 = all time */
    OPT_COUNT
};

enum opt_type {
    OT_STRING = 0,
    OT_INT,
    OT_BOOL,
    OT_DURATION,            /* stored in seconds; written as 30s, 5m, 2h, 1d */
};

struct option_def {
    const char *name;
    enum opt_type type;
    const char *def;        /* default, as rc text */
    const char *desc;
};

/* A key=value pair from the end of an account/shop/tracker line. */
struct config_kv {
    char *key;
    char *value;
};

/* `account NAME DRIVER URL [key=value ...]` (also shop and tracker lines). */
struct account_def {
    char *kind;             /* "account", "shop" or "tracker" */
    char *name;
    char *driver;
    char *url;              /* ~ expanded */
    struct config_kv *opts;
    size_t n_opts;
    char *file;             /* where it was declared, for error messages */
    int line;
};

struct view_def {
    char *name;
    char *query;
};

struct bind_def {
    char *map;              /* inbox, thread, order, editor, prompt, global */
    char *keys;             /* as written: "<C-x><C-e>", "gg", "<Enter>" */
    char *func;             /* a function name, or NULL when unbound */
};

struct macro_def {
    char *map;
    char *keys;
    char *sequence;
    char *desc;
};

struct sla_book;

struct color_def {
    char *object;
    char *fg;
    char *bg;
    char *attrs;            /* "bold,underline" or NULL */
};

/* Everything the rc files said. Values of options are kept parsed. Each
 * list owns its entries; config_free releases all of it. */
struct config {
    char *str[OPT_COUNT];       /* OT_STRING values (never NULL) */
    int64_t num[OPT_COUNT];     /* OT_INT, OT_BOOL (0/1), OT_DURATION */
    struct account_def *accounts;
    size_t n_accounts;
    struct view_def *views;
    size_t n_views;
    struct bind_def *binds;
    size_t n_binds;
    struct macro_def *macros;
    size_t n_macros;
    struct color_def *colors;
    size_t n_colors;
    struct sla_book *sla;       /* `sla` and `hours` lines (core/sla.h) */
    struct notify_rule *notify;     /* `notify` lines, in order */
    size_t n_notify;
    char **errors;              /* "file:line: message", in order */
    size_t n_errors;
    int source_depth;           /* guards `source` loops */
    const char *cur_file;       /* the line being run: its file (borrowed) */
    int cur_line;               /* and line, for source and account_def */
};

/* A config holding the defaults of every option and nothing else. */
struct config *config_new(void);
/* NULL-safe; clears the pointer. */
void config_free(struct config **cfg);

/* The option table and lookups. */
const struct option_def *config_options(size_t *n);
int config_option_find(const char *name);       /* -1 if unknown */
const char *config_str(const struct config *cfg, enum opt_id id);
int64_t config_int(const struct config *cfg, enum opt_id id);

/* Split one line into words: whitespace separates, "double" and 'single'
 * quotes group, backslash escapes in double quotes, # starts a comment
 * outside quotes. Returns the word count (argv owned by the caller, free
 * with config_words_free), or -1 with err set (unterminated quote). */
int config_split(const char *line, char ***argv, struct td_error *err);
void config_words_free(char **argv, int argc);

/* Parse and run one line. file/line name it in error messages; the error
 * is also appended to cfg->errors as "file:line: message" (just "message"
 * when file is NULL, as for the : prompt). A relative `source` is found
 * beside file. */
enum td_status config_exec_line(struct config *cfg, const char *text,
                                const char *file, int line,
                                struct td_error *err);
/* Run every line of a file; bad lines are recorded in cfg->errors and
 * skipped, and do not change the result (TD_OK once the file was read).
 * Refuses a file that others can write (TD_EPERM). TD_ENOTFOUND if it is
 * missing. */
enum td_status config_load_file(struct config *cfg, const char *path,
                                struct td_error *err);
/* Run every line of an in-memory text (compiled-in defaults). */
enum td_status config_load_string(struct config *cfg, const char *text,
                                  const char *name, struct td_error *err);

/* Write rc lines that load back to the same config (options that differ
 * from the defaults, then accounts, views, binds, macros, colours). */
void config_dump(const struct config *cfg, struct buf *out);

/* The value of key in an account line's options, NULL if absent. */
const char *account_def_opt(const struct account_def *a, const char *key);
/* The view with that name, NULL if none. */
const struct view_def *config_view(const struct config *cfg, const char *name);

#endif
