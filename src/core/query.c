/* query.c: the inbox query language, from text to a list of terms. */
#include "core/query.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/intent.h"
#include "core/model.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"
#include "util/timeutil.h"

/* A search box line is short; anything longer is a mistake or an attack. */
#define QUERY_WORD_MAX 4096

struct field_word {
    const char *name;
    enum query_field field;
    int alias;              /* left out of the "fields:" hint */
};

/* The order is the one error messages list them in: the common ones first. */
static const struct field_word field_words[] = {
    {
        .name = "status",
        .field = QF_STATUS,
    },
    {
        .name = "lang",
        .field = QF_LANG,
    },
    {
        .name = "language",
        .field = QF_LANG,
        .alias = 1,
    },
    {
        .name = "channel",
        .field = QF_CHANNEL,
    },
    {
        .name = "country",
        .field = QF_COUNTRY,
    },
    {
        .name = "priority",
        .field = QF_PRIORITY,
    },
    {
        .name = "from",
        .field = QF_FROM,
    },
    {
        .name = "tag",
        .field = QF_TAG,
    },
    {
        .name = "assignee",
        .field = QF_ASSIGNEE,
    },
    {
        .name = "order",
        .field = QF_ORDER,
    },
    {
        .name = "account",
        .field = QF_ACCOUNT,
    },
    {
        .name = "id",
        .field = QF_ID,
    },
    {
        .name = "sla",
        .field = QF_SLA,
    },
    {
        .name = "age",
        .field = QF_AGE,
    },
    {
        .name = "updated",
        .field = QF_UPDATED,
    },
    {
        .name = "is",
        .field = QF_IS,
    },
    {
        .name = "intent",
        .field = QF_INTENT,
    },
    {
        .name = "sku",
        .field = QF_SKU,
    },
    {
        .name = "carrier",
        .field = QF_CARRIER,
    },
    {
        .name = "shipto",
        .field = QF_SHIPTO,
    },
    {
        .name = "created",
        .field = QF_CREATED,
    },
};

#define N_FIELD_WORDS (sizeof field_words / sizeof field_words[0])

static const char *const field_names[QF_COUNT] = {
    [QF_TEXT] = "text",
    [QF_STATUS] = "status",
    [QF_PRIORITY] = "priority",
    [QF_LANG] = "lang",
    [QF_CHANNEL] = "channel",
    [QF_COUNTRY] = "country",
    [QF_FROM] = "from",
    [QF_TAG] = "tag",
    [QF_ASSIGNEE] = "assignee",
    [QF_ORDER] = "order",
    [QF_ACCOUNT] = "account",
    [QF_ID] = "id",
    [QF_SLA] = "sla",
    [QF_AGE] = "age",
    [QF_UPDATED] = "updated",
    [QF_IS] = "is",
    [QF_INTENT] = "intent",
    [QF_SKU] = "sku",
    [QF_CARRIER] = "carrier",
    [QF_SHIPTO] = "shipto",
    [QF_CREATED] = "created",
};

static const char *const sort_names[QS_COUNT] = {
    [QS_SLA] = "sla",
    [QS_UPDATED] = "updated",
    [QS_CREATED] = "created",
    [QS_PRIORITY] = "priority",
    [QS_ID] = "id",
};

/* One word of the query with its quotes taken off. */
struct token {
    struct buf text;
    const char *raw;        /* the word as typed, for error messages */
    int raw_len;
    int negate;             /* it began with '-' */
    int phrase;             /* it began with a quote: never a field:value */
};

const char *
query_field_name(enum query_field f)
{
    return (unsigned)f < QF_COUNT ? field_names[f] : "unknown";
}

const char *
query_sort_name(enum query_sort s)
{
    return (unsigned)s < QS_COUNT ? sort_names[s] : "unknown";
}

static int64_t
unit_seconds(int c)
{
    switch (tolower(c)) {
    case 's':
        return 1;
    case 'm':
        return 60;
    case 'h':
        return 3600;
    case 'd':
        return 86400;
    case 'w':
        return 7 * 86400;
    default:
        return 0;
    }
}

int64_t
query_parse_duration(const char *s)
{
    int64_t total = 0, last_unit = INT64_MAX, n, unit;

    if (s == NULL || *s == '\0')
        return -1;
    while (*s) {
        if (!isdigit((unsigned char)*s))
            return -1;
        for (n = 0; isdigit((unsigned char)*s); s++) {
            if (n > (INT64_MAX - (*s - '0')) / 10)
                return -1;
            n = n * 10 + (*s - '0');
        }
        if (*s == '\0') {
            /* Bare digits are seconds, but only on their own: "5m30"
             * is more likely a typo than 5 minutes 30 seconds. */
            return last_unit == INT64_MAX ? n : -1;
        }
        unit = unit_seconds((unsigned char)*s++);
        /* Units must shrink from left to right (1d12h, not 12h1d), so
         * that a repeated or swapped unit reads as the typo it is. */
        if (unit == 0 || unit >= last_unit)
            return -1;
        last_unit = unit;
        if (n > INT64_MAX / unit || total > INT64_MAX - n * unit)
            return -1;
        total += n * unit;
    }
    return total;
}

void
query_clear(struct query *q)
{
    size_t i;

    for (i = 0; i < q->n_terms; i++)
        free(q->terms[i].value);
    free(q->terms);
    memset(q, 0, sizeof *q);
    q->sort = QS_SLA;
}

static void
lower_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static void
upper_ascii(char *s)
{
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}

static void
field_list(struct buf *out)
{
    size_t i;

    for (i = 0; i < N_FIELD_WORDS; i++) {
        if (field_words[i].alias)
            continue;
        buf_printf(out, "%s, ", field_words[i].name);
    }
    buf_adds(out, "sort");
}

/* The field a keyword names, -1 if none. */
static int
field_find(const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < N_FIELD_WORDS; i++) {
        if (strlen(field_words[i].name) == len &&
            strncasecmp(field_words[i].name, name, len) == 0)
            return (int)field_words[i].field;
    }
    return -1;
}

static int
is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Read the next word at *p into t. Quotes group (from:"Ann Lee"); a
 * backslash inside quotes takes the next character literally. Returns
 * 1 for a word, 0 at the end, -1 on error. */
static int
token_next(const char **p, struct token *t, struct td_error *err)
{
    const char *s = *p;
    char quote;

    while (is_space((unsigned char)*s))
        s++;
    if (*s == '\0')
        return 0;
    buf_reset(&t->text);
    t->raw = s;
    t->negate = *s == '-';
    if (t->negate)
        s++;
    t->phrase = *s == '"' || *s == '\'';
    while (*s && !is_space((unsigned char)*s)) {
        if (*s != '"' && *s != '\'') {
            if (buf_addc(&t->text, *s++) != 0)
                goto too_long;
            continue;
        }
        quote = *s++;
        while (*s != quote) {
            if (*s == '\0') {
                td_error_set(err, TD_EINVAL, "unterminated quote in '%s'",
                             t->raw);
                return -1;
            }
            if (*s == '\\' && s[1] != '\0')
                s++;
            if (buf_addc(&t->text, *s++) != 0)
                goto too_long;
        }
        s++;
    }
    t->raw_len = (int)(s - t->raw);
    *p = s;
    return 1;
too_long:
    td_error_set(err, TD_ETOOBIG, "query word longer than %d bytes",
                 QUERY_WORD_MAX);
    return -1;
}

static struct query_term *
term_add(struct query *q, enum query_field f, enum query_op op, int negate,
         const char *value)
{
    struct query_term *t;

    q->terms = xreallocarray(q->terms, q->n_terms + 1, sizeof *q->terms);
    t = &q->terms[q->n_terms++];
    t->field = f;
    t->op = op;
    t->negate = negate;
    t->value = xstrdup(value);
    t->seconds = 0;
    return t;
}

/* Append name to out unless the comma list already holds it. */
static void
list_add_once(struct buf *out, const char *name)
{
    const char *s = buf_str(out);
    size_t n = strlen(name);

    while (*s) {
        if (strncmp(s, name, n) == 0 && (s[n] == ',' || s[n] == '\0'))
            return;
        s = strchr(s, ',');
        if (s == NULL)
            break;
        s++;
    }
    if (out->len)
        buf_addc(out, ',');
    buf_adds(out, name);
}

/* Check one item of a comma list for field f and add its normal form to
 * out. Returns 0, or -1 with err naming the item. */
static int
item_check(enum query_field f, const char *item, const struct token *t,
           struct buf *out, struct td_error *err)
{
    size_t i;

    switch (f) {
    case QF_STATUS:
        /* unsolved is spelled out here so that nobody downstream has
         * to know the word. */
        if (strcmp(item, "unsolved") == 0) {
            for (i = TS_NEW; i <= TS_ON_HOLD; i++)
                list_add_once(out, ticket_status_name((enum ticket_status)i));
            return 0;
        }
        if (ticket_status_from_name(item) < 0)
            goto bad_status;
        break;
    case QF_PRIORITY:
        if (ticket_priority_from_name(item) < 0) {
            td_error_set(err, TD_EINVAL, "'%.*s': unknown priority '%s' "
                         "(low, normal, high, urgent)", t->raw_len, t->raw,
                         item);
            return -1;
        }
        break;
    case QF_CHANNEL:
        if (channel_from_name(item) < 0) {
            td_error_set(err, TD_EINVAL, "'%.*s': unknown channel '%s' "
                         "(email, web, chat, whatsapp, line, messenger, "
                         "phone, sms, other)", t->raw_len, t->raw, item);
            return -1;
        }
        break;
    case QF_COUNTRY:
    case QF_SHIPTO:
        if (strlen(item) != 2 || !isalpha((unsigned char)item[0]) ||
            !isalpha((unsigned char)item[1])) {
            td_error_set(err, TD_EINVAL, "'%.*s': '%s' is not a two-letter "
                         "country code like DE", t->raw_len, t->raw, item);
            return -1;
        }
        break;
    case QF_IS:
        if (strcmp(item, "unread") != 0 && strcmp(item, "read") != 0) {
            td_error_set(err, TD_EINVAL, "'%.*s': unknown state '%s' "
                         "(unread, read)", t->raw_len, t->raw, item);
            return -1;
        }
        break;
    case QF_ID:
        for (i = 0; item[i]; i++) {
            if (!isdigit((unsigned char)item[i]) || i > 18) {
                td_error_set(err, TD_EINVAL, "'%.*s': '%s' is not a ticket "
                             "number", t->raw_len, t->raw, item);
                return -1;
            }
        }
        break;
    case QF_INTENT: {
        /* Stored by full name: intent:wismo finds where_is_my_order.
         * none: not tagged yet. */
        int l = strcmp(item, "none") == 0 ? INTENT_COUNT
                : intent_label_parse(item);

        if (l < 0) {
            td_error_set(err, TD_EINVAL, "'%.*s': unknown intent '%s' "
                         "(where_is_my_order, return_refund, cancel_order, "
                         "change_address, damaged_defective, wrong_item, "
                         "payment_issue, product_question, complaint, "
                         "thanks_other, none, or a short tag like wismo)",
                         t->raw_len, t->raw, item);
            return -1;
        }
        list_add_once(out, l == INTENT_COUNT ? "none"
                      : intent_label_name((enum intent_label)l));
        return 0;
    }
    default:
        break;
    }
    list_add_once(out, item);
    return 0;
bad_status:
    td_error_set(err, TD_EINVAL, "'%.*s': unknown status '%s' (new, open, "
                 "pending, on-hold, solved, closed, unsolved)", t->raw_len,
                 t->raw, item);
    return -1;
}

/* field:value, the value being a comma list of one or more items. */
static int
term_field(struct query *q, enum query_field f, const struct token *t,
           char *value, struct td_error *err)
{
    struct buf norm;
    char *item, *comma;
    int rc = -1;

    buf_init(&norm, 0);
    if (*value == '\0') {
        td_error_set(err, TD_EINVAL, "'%.*s': no value after the colon",
                     t->raw_len, t->raw);
        goto out;
    }
    if (f == QF_COUNTRY || f == QF_SHIPTO)
        upper_ascii(value);
    else
        lower_ascii(value);
    for (item = value; item; item = comma) {
        comma = strchr(item, ',');
        if (comma)
            *comma++ = '\0';
        if (*item == '\0') {
            td_error_set(err, TD_EINVAL, "'%.*s': empty item in the list",
                         t->raw_len, t->raw);
            goto out;
        }
        if (item_check(f, item, t, &norm, err) != 0)
            goto out;
    }
    term_add(q, f, QO_EQ, t->negate, buf_str(&norm));
    rc = 0;
out:
    buf_free(&norm);
    return rc;
}

/* created>2026-11-01 (at or after), created<2026-11-08T00:00+01:00
 * (before): an ISO 8601 date or time, UTC unless it names an offset. */
static int
term_created(struct query *q, enum query_op op, const struct token *t,
             char *value, struct td_error *err)
{
    time_t when;

    if (*value == '\0' || time_parse_iso(value, &when) != 0) {
        td_error_set(err, TD_EINVAL, "'%.*s': '%s' is not a date or time "
                     "(like 2026-11-01 or 2026-11-01T08:00+01:00)",
                     t->raw_len, t->raw, value);
        return -1;
    }
    term_add(q, QF_CREATED, op, t->negate, value)->seconds = (int64_t)when;
    return 0;
}

/* sla<30m, age>2d, updated<1h. */
static int
term_compare(struct query *q, enum query_field f, enum query_op op,
             const struct token *t, char *value, struct td_error *err)
{
    int64_t secs;

    if (*value == '\0') {
        td_error_set(err, TD_EINVAL, "'%.*s': no duration after the '%c'",
                     t->raw_len, t->raw, op == QO_LT ? '<' : '>');
        return -1;
    }
    lower_ascii(value);
    secs = query_parse_duration(value);
    if (secs < 0) {
        td_error_set(err, TD_EINVAL, "'%.*s': '%s' is not a duration "
                     "(like 90s, 30m, 2h, 1d12h, 2w)", t->raw_len, t->raw,
                     value);
        return -1;
    }
    term_add(q, f, op, t->negate, value)->seconds = secs;
    return 0;
}

static int
term_sort(struct query *q, const struct token *t, char *value,
          struct td_error *err)
{
    int reverse = 0;
    size_t i;

    if (t->negate) {
        td_error_set(err, TD_EINVAL, "'%.*s': write sort:-FIELD to reverse "
                     "the order", t->raw_len, t->raw);
        return -1;
    }
    if (*value == '-') {
        reverse = 1;
        value++;
    }
    lower_ascii(value);
    for (i = 0; i < QS_COUNT; i++) {
        if (strcmp(value, sort_names[i]) == 0) {
            q->sort = (enum query_sort)i;
            q->reverse = reverse;
            return 0;
        }
    }
    td_error_set(err, TD_EINVAL, "'%.*s': unknown sort '%s' (sla, updated, "
                 "created, priority, id)", t->raw_len, t->raw, value);
    return -1;
}

/* Turn one word into a term (or the sort order). */
static int
term_parse(struct query *q, struct token *t, struct td_error *err)
{
    char *text = t->text.data ? t->text.data : "";
    size_t klen;
    int f;

    if (*text == '\0') {
        td_error_set(err, TD_EINVAL, "'%.*s': an empty term", t->raw_len,
                     t->raw);
        return -1;
    }
    klen = strspn(text, "abcdefghijklmnopqrstuvwxyz"
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    /* Only a word of letters before the operator is a field name, so
     * that "10:30" or "<b>" stay free text. */
    if (t->phrase || klen == 0 || text[klen] == '\0' ||
        strchr(":<>", text[klen]) == NULL) {
        term_add(q, QF_TEXT, QO_EQ, t->negate, text);
        return 0;
    }
    f = field_find(text, klen);
    if (text[klen] == ':') {
        if (klen == 4 && strncasecmp(text, "sort", 4) == 0)
            return term_sort(q, t, text + 5, err);
        if (f < 0) {
            struct buf fields;

            buf_init(&fields, 0);
            field_list(&fields);
            td_error_set(err, TD_EINVAL, "unknown field '%.*s' (fields: %s)",
                         (int)klen, text, buf_str(&fields));
            buf_free(&fields);
            return -1;
        }
        if (f == QF_SLA || f == QF_AGE || f == QF_UPDATED) {
            td_error_set(err, TD_EINVAL, "'%.*s': %s takes < or > and a "
                         "duration, as in %s<30m", t->raw_len, t->raw,
                         field_names[f], field_names[f]);
            return -1;
        }
        if (f == QF_CREATED) {
            td_error_set(err, TD_EINVAL, "'%.*s': created takes < or > and "
                         "a date, as in created>2026-11-01", t->raw_len,
                         t->raw);
            return -1;
        }
        return term_field(q, (enum query_field)f, t, text + klen + 1, err);
    }
    if (f < 0) {
        term_add(q, QF_TEXT, QO_EQ, t->negate, text);
        return 0;
    }
    if (f == QF_CREATED)
        return term_created(q, text[klen] == '<' ? QO_LT : QO_GT, t,
                            text + klen + 1, err);
    if (f != QF_SLA && f != QF_AGE && f != QF_UPDATED) {
        td_error_set(err, TD_EINVAL, "'%.*s': only sla, age, updated and "
                     "created take < or >", t->raw_len, t->raw);
        return -1;
    }
    return term_compare(q, (enum query_field)f,
                        text[klen] == '<' ? QO_LT : QO_GT, t, text + klen + 1,
                        err);
}

enum td_status
query_parse(const char *text, struct query *q, struct td_error *err)
{
    struct token t;
    const char *p = text ? text : "";
    int rc;

    memset(q, 0, sizeof *q);
    q->sort = QS_SLA;
    memset(&t, 0, sizeof t);
    buf_init(&t.text, QUERY_WORD_MAX);
    while ((rc = token_next(&p, &t, err)) > 0) {
        if (term_parse(q, &t, err) != 0) {
            rc = -1;
            break;
        }
    }
    buf_free(&t.text);
    if (rc < 0) {
        query_clear(q);
        q->now = time_now();
        return err ? err->status : TD_EINVAL;
    }
    q->now = time_now();
    q->me = NULL;
    return TD_OK;
}
