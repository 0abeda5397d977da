/* options.c: the option table (tmux's options-table.c) and option values. */
#include "config/options.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buyertime.h"
#include "core/notify_rules.h"
#include "core/query.h"
#include "util/tzspan.h"
#include "util/xmalloc.h"

static enum td_status check_sort(const char *v, struct td_error *err);
static enum td_status check_columns(const char *v, struct td_error *err);
static enum td_status check_lang(const char *v, struct td_error *err);
static enum td_status check_span(const char *v, struct td_error *err);
static enum td_status check_clock(const char *v, struct td_error *err);
static enum td_status check_notify_via(const char *v, struct td_error *err);
static enum td_status check_notify_rate(const char *v, struct td_error *err);
static enum td_status check_zone(const char *v, struct td_error *err);

static const struct option_def options[OPT_COUNT] = {
    [OPT_AGENT_NAME] = {
        .name = "agent_name",
        .type = OT_STRING,
        .def = "",
        .desc = "your name as the helpdesk knows it (assignee:me)",
    },
    [OPT_AGENT_EMAIL] = {
        .name = "agent_email",
        .type = OT_STRING,
        .def = "",
        .desc = "your email address as the helpdesk knows it",
    },
    [OPT_TIMEZONE] = {
        .name = "timezone",
        .type = OT_STRING,
        .def = "",
        .desc = "your IANA time zone; empty for the system's",
    },
    [OPT_DEFAULT_LANGUAGE] = {
        .name = "default_language",
        .type = OT_STRING,
        .def = "en",
        .desc = "ISO 639-1 language of templates when the buyer's is unknown",
    },
    [OPT_SYNC_INTERVAL] = {
        .name = "sync_interval",
        .type = OT_DURATION,
        .def = "5m",
        .desc = "time between background syncs",
    },
    [OPT_EDITOR] = {
        .name = "editor",
        .type = OT_STRING,
        .def = "",
        .desc = "command to edit replies; empty for $VISUAL, $EDITOR, vi",
    },
    [OPT_READONLY] = {
        .name = "readonly",
        .type = OT_BOOL,
        .def = "no",
        .desc = "refuse every change to tickets",
    },
    [OPT_PII_MASK] = {
        .name = "pii_mask",
        .type = OT_BOOL,
        .def = "no",
        .desc = "mask emails, phone numbers and addresses on screen",
    },
    [OPT_THEME] = {
        .name = "theme",
        .type = OT_STRING,
        .def = "default",
        .desc = "a theme name or file",
    },
    [OPT_KEYMAP] = {
        .name = "keymap",
        .type = OT_STRING,
        .def = "default",
        .desc = "the key bindings to start from: default, vi or emacs",
    },
    [OPT_INBOX_COLUMNS] = {
        .name = "inbox_columns",
        .type = OT_STRING,
        .def = "sla,channel,lang,intent,buyer,country,subject,status,"
               "assignee,age",
        .desc = "the inbox columns, as a comma list of NAME[:WIDTH]",
    },
    [OPT_INBOX_WIDTH] = {
        .name = "inbox_width",
        .type = OT_INT,
        .def = "38",
        .desc = "percent of the screen width the inbox takes",
    },
    [OPT_DEFAULT_VIEW] = {
        .name = "default_view",
        .type = OT_STRING,
        .def = "open",
        .desc = "the view shown at start",
    },
    [OPT_SORT] = {
        .name = "sort",
        .type = OT_STRING,
        .def = "sla",
        .desc = "inbox order: sla, updated, created, priority or id",
    },
    [OPT_CONFIRM_SEND] = {
        .name = "confirm_send",
        .type = OT_BOOL,
        .def = "yes",
        .desc = "ask before a reply goes out",
    },
    [OPT_EDITOR_WIDTH] = {
        .name = "editor_width",
        .type = OT_INT,
        .def = "40",
        .desc = "percent of the width right of the inbox for the editor "
                "(160 columns and wider)",
    },
    [OPT_ORDER_HEIGHT] = {
        .name = "order_height",
        .type = OT_INT,
        .def = "33",
        .desc = "percent of the height for the order panel above the "
                "conversation (the pane under it from 100 to 159 columns)",
    },
    [OPT_STUCK_DAYS] = {
        .name = "stuck_days",
        .type = OT_INT,
        .def = "5",
        .desc = "days without a new checkpoint after which a parcel in "
                "transit is flagged stuck",
    },
    [OPT_RETURN_DAYS] = {
        .name = "return_days",
        .type = OT_INT,
        .def = "30",
        .desc = "the shop's own return window in days, where the law of "
                "the buyer's country sets none (rules/returns.rules)",
    },
    [OPT_TRANSLATE_TO] = {
        .name = "translate_to",
        .type = OT_STRING,
        .def = "en",
        .desc = "ISO 639-1 language messages are translated into (yours)",
    },
    [OPT_TRANSLATOR] = {
        .name = "translator",
        .type = OT_STRING,
        .def = "",
        .desc = "the translator line to use; empty for the first declared",
    },
    [OPT_DRAFTER] = {
        .name = "drafter",
        .type = OT_STRING,
        .def = "",
        .desc = "the drafter line to use; empty for the first declared",
    },
    [OPT_BREACHING_WITHIN] = {
        .name = "breaching_within",
        .type = OT_DURATION,
        .def = "0s",
        .desc = "the breaching view shows tickets due within this time "
                "(0: overdue ones only)",
    },
    [OPT_NIGHT_HOURS] = {
        .name = "night_hours",
        .type = OT_STRING,
        .def = "22:00-07:00",
        .desc = "when it is night at the buyer's (HH:MM-HH:MM)",
    },
    [OPT_MORNING] = {
        .name = "morning",
        .type = OT_STRING,
        .def = "09:00",
        .desc = "the buyer's local time :send-at morning means (HH:MM)",
    },
    [OPT_NOTIFY_CMD] = {
        .name = "notify_cmd",
        .type = OT_STRING,
        .def = "",
        .desc = "a command run for each notification, details in "
                "TTYDESK_* variables (no shell)",
    },
    [OPT_NOTIFY_VIA] = {
        .name = "notify_via",
        .type = OT_STRING,
        .def = "auto",
        .desc = "channels of notify rules without via=: desktop, osc9, "
                "osc777, bell, cmd, auto",
    },
    [OPT_NOTIFY_RATE] = {
        .name = "notify_rate",
        .type = OT_STRING,
        .def = "6/1m",
        .desc = "at most N notifications per PERIOD over all rules "
                "(0: no limit)",
    },
    [OPT_STATS_TIMEZONE] = {
        .name = "stats_timezone",
        .type = OT_STRING,
        .def = "",
        .desc = "the team's IANA time zone for statistics (days, hours); "
                "empty for the timezone option",
    },
    [OPT_STATS_SINCE] = {
        .name = "stats_since",
        .type = OT_DURATION,
        .def = "30d",
        .desc = "the range statistics cover when none is given; 0 for "
                "all time",
    },
};

/* What the public option_def does not say: ranges and value checks. */
struct option_rule {
    int64_t min;
    int64_t max;            /* min == max: no range */
    enum td_status (*check)(const char *value, struct td_error *err);
};

static const struct option_rule rules[OPT_COUNT] = {
    [OPT_INBOX_WIDTH] = {
        .min = 0,
        .max = 100,
    },
    [OPT_EDITOR_WIDTH] = {
        .min = 0,
        .max = 100,
    },
    [OPT_ORDER_HEIGHT] = {
        .min = 0,
        .max = 100,
    },
    [OPT_STUCK_DAYS] = {
        .min = 1,
        .max = 90,
    },
    [OPT_RETURN_DAYS] = {
        .min = 0,
        .max = 3650,
    },
    [OPT_INBOX_COLUMNS] = {
        .check = check_columns,
    },
    [OPT_SORT] = {
        .check = check_sort,
    },
    [OPT_TRANSLATE_TO] = {
        .check = check_lang,
    },
    [OPT_NIGHT_HOURS] = {
        .check = check_span,
    },
    [OPT_MORNING] = {
        .check = check_clock,
    },
    [OPT_NOTIFY_VIA] = {
        .check = check_notify_via,
    },
    [OPT_NOTIFY_RATE] = {
        .check = check_notify_rate,
    },
    [OPT_STATS_TIMEZONE] = {
        .check = check_zone,
    },
};

const struct option_def *
options_table(size_t *n)
{
    if (n)
        *n = OPT_COUNT;
    return options;
}

int
options_find(const char *name)
{
    int i;

    for (i = 0; i < OPT_COUNT; i++) {
        if (strcmp(options[i].name, name) == 0)
            return i;
    }
    return -1;
}

int
options_parse_bool(const char *s)
{
    static const char *const yes[] = { "yes", "on", "true", "1" };
    static const char *const no[] = { "no", "off", "false", "0" };
    size_t i;

    for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    }
    return -1;
}

static enum td_status
check_zone(const char *v, struct td_error *err)
{
    return tz_check(v, err);
}

static enum td_status
check_sort(const char *v, struct td_error *err)
{
    int i;

    for (i = 0; i < QS_COUNT; i++) {
        if (strcmp(v, query_sort_name((enum query_sort)i)) == 0)
            return TD_OK;
    }
    return td_error_set(err, TD_EINVAL, "sort: bad value '%s' (one of sla, "
                        "updated, created, priority, id)", v);
}

static enum td_status
check_span(const char *v, struct td_error *err)
{
    int a, b;

    if (buyertime_parse_span(v, &a, &b) != 0)
        return td_error_set(err, TD_EINVAL, "bad time span '%s' (e.g. "
                            "22:00-07:00)", v);
    return TD_OK;
}

static enum td_status
check_clock(const char *v, struct td_error *err)
{
    if (buyertime_parse_clock(v) < 0)
        return td_error_set(err, TD_EINVAL, "bad time '%s' (e.g. 09:00)", v);
    return TD_OK;
}

/* NAME[:WIDTH],... : which names exist is the inbox's business. */
static enum td_status
check_columns(const char *v, struct td_error *err)
{
    const char *s = v;
    size_t n;

    for (;;) {
        n = strspn(s, "abcdefghijklmnopqrstuvwxyz_-");
        if (n == 0)
            break;
        s += n;
        if (*s == ':') {
            n = strspn(s + 1, "0123456789");
            if (n == 0 || n > 3)
                break;
            s += 1 + n;
        }
        if (*s == '\0')
            return TD_OK;
        if (*s++ != ',')
            break;
    }
    return td_error_set(err, TD_EINVAL, "inbox_columns: bad column list "
                        "'%s' (NAME[:WIDTH],...)", v);
}

static enum td_status
check_notify_via(const char *v, struct td_error *err)
{
    unsigned via;

    if (notify_via_parse(v, &via, err) != 0) {
        td_error_prefix(err, "notify_via: ");
        return TD_EINVAL;
    }
    return TD_OK;
}

static enum td_status
check_notify_rate(const char *v, struct td_error *err)
{
    struct notify_rate r;

    if (notify_rate_parse(v, &r) != 0)
        return td_error_set(err, TD_EINVAL, "notify_rate: bad value '%s' "
                            "(N/PERIOD such as 6/1m, or 0)", v);
    return TD_OK;
}

/* Parse the text of a non-string option into *num. */
static enum td_status
parse_number(enum opt_id id, const char *text, int64_t *num,
              struct td_error *err)
{
    const struct option_def *o = &options[id];
    const struct option_rule *r = &rules[id];
    long long ll;
    char *end;
    int b;

    switch (o->type) {
    case OT_BOOL:
        if ((b = options_parse_bool(text)) < 0)
            return td_error_set(err, TD_EINVAL, "%s: bad boolean '%s' (yes/"
                                "no, on/off, true/false, 1/0)", o->name, text);
        *num = b;
        return TD_OK;
    case OT_DURATION:
        if ((*num = query_parse_duration(text)) < 0)
            return td_error_set(err, TD_EINVAL, "%s: bad duration '%s' "
                                "(like 30s, 5m, 2h, 1d, or seconds)", o->name,
                                text);
        return TD_OK;
    case OT_INT:
        errno = 0;
        ll = strtoll(text, &end, 10);
        if (errno || end == text || *end != '\0' ||
            isspace((unsigned char)*text))
            return td_error_set(err, TD_EINVAL, "%s: bad number '%s'",
                                o->name, text);
        if (r->min != r->max && (ll < r->min || ll > r->max))
            return td_error_set(err, TD_EINVAL, "%s: %lld is out of range "
                                "(%" PRId64 "..%" PRId64 ")", o->name, ll,
                                r->min, r->max);
        *num = ll;
        return TD_OK;
    case OT_STRING:
        break;
    }
    return TD_OK;
}

enum td_status
options_set(struct config *cfg, enum opt_id id, const char *text,
            struct td_error *err)
{
    enum td_status rc;
    int64_t num = 0;

    if (rules[id].check && (rc = rules[id].check(text, err)) != TD_OK)
        return rc;
    if (options[id].type == OT_STRING) {
        free(cfg->str[id]);
        cfg->str[id] = xstrdup(text);
        return TD_OK;
    }
    if ((rc = parse_number(id, text, &num, err)) != TD_OK)
        return rc;
    cfg->num[id] = num;
    return TD_OK;
}

void
options_reset(struct config *cfg, enum opt_id id)
{
    struct td_error err;

    /* The defaults are ours: one that does not parse is a bug. */
    if (options_set(cfg, id, options[id].def, &err) != TD_OK)
        fatal("option default: %s", err.msg);
}

int
options_is_default(const struct config *cfg, enum opt_id id)
{
    int64_t num = 0;

    if (options[id].type == OT_STRING)
        return strcmp(cfg->str[id], options[id].def) == 0;
    if (parse_number(id, options[id].def, &num, NULL) != TD_OK)
        return 0;
    return cfg->num[id] == num;
}

static void
format_duration(int64_t secs, struct buf *out)
{
    /* The largest unit that divides exactly: 300 reads back as 5m. */
    if (secs > 0 && secs % 86400 == 0)
        buf_printf(out, "%" PRId64 "d", secs / 86400);
    else if (secs > 0 && secs % 3600 == 0)
        buf_printf(out, "%" PRId64 "h", secs / 3600);
    else if (secs > 0 && secs % 60 == 0)
        buf_printf(out, "%" PRId64 "m", secs / 60);
    else
        buf_printf(out, "%" PRId64 "s", secs);
}

void
options_format(const struct config *cfg, enum opt_id id, struct buf *out)
{
    switch (options[id].type) {
    case OT_STRING:
        buf_adds(out, cfg->str[id]);
        break;
    case OT_BOOL:
        buf_adds(out, cfg->num[id] ? "yes" : "no");
        break;
    case OT_INT:
        buf_printf(out, "%" PRId64, cfg->num[id]);
        break;
    case OT_DURATION:
        format_duration(cfg->num[id], out);
        break;
    }
}

/* translate_to: two letters of ISO 639-1, with an optional region. */
static enum td_status
check_lang(const char *v, struct td_error *err)
{
    size_t n = strlen(v);

    if ((n == 2 || (n == 5 && (v[2] == '-' || v[2] == '_'))) &&
        isalpha((unsigned char)v[0]) && isalpha((unsigned char)v[1]) &&
        (n == 2 || (isalpha((unsigned char)v[3]) &&
                    isalpha((unsigned char)v[4]))))
        return TD_OK;
    return td_error_set(err, TD_EINVAL, "'%s' is not a language code "
                        "(ISO 639-1, such as en or pt-BR)", v);
}
