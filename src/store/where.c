/* where.c: a query's terms compiled to an SQL WHERE clause and arguments. */
#include "store/where.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model.h"
#include "store/schema.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/*
 * A query becomes one WHERE clause over "tickets t" plus its arguments.
 * User text only ever travels as a bound argument; the SQL text is made of
 * the fixed fragments below. Every term is a boolean that is never NULL
 * once wrapped, so that "-lang:de" keeps the tickets whose language is
 * unknown: a negated term is NOT ifnull((term), 0).
 *
 * Broad filters (status, priority, account) carry a unary "+", which
 * keeps sqlite from filtering through an index on that column and then
 * sorting everything that matched: "status:unsolved" is most tickets,
 * and walking the sort index, whose rows carry the status, is what keeps
 * a page at offset 50,000 fast. Narrow filters (tag, FTS, customer) are
 * left to the planner, which then looks the few matches up and sorts them.
 */

void
where_add(struct where *w, struct buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (buf_vprintf(b, fmt, ap) != 0)
        w->overflow = 1;
    va_end(ap);
}

/* Add an argument and the "?" that stands for it in b. */
static void
arg_text(struct where *w, struct buf *b, char *owned)
{
    w->args = xreallocarray(w->args, w->n_args + 1, sizeof *w->args);
    w->args[w->n_args++] = (struct where_arg){.is_text = 1, .s = owned};
    where_add(w, b, "?");
}

static void
arg_int(struct where *w, struct buf *b, int64_t v)
{
    w->args = xreallocarray(w->args, w->n_args + 1, sizeof *w->args);
    w->args[w->n_args++] = (struct where_arg){.i = v};
    where_add(w, b, "?");
}

void
where_free(struct where *w)
{
    for (size_t i = 0; i < w->n_args; i++)
        free(w->args[i].s);
    free(w->args);
    buf_free(&w->sql);
    buf_free(&w->match);
    memset(w, 0, sizeof *w);
}

/* Bind the arguments as ?1..?n; the caller's own come after. */
int
where_bind(sqlite3_stmt *st, const struct where *w)
{
    int rc = SQLITE_OK;

    for (size_t i = 0; i < w->n_args && rc == SQLITE_OK; i++) {
        if (w->args[i].is_text)
            rc = sqlite3_bind_text(st, (int)i + 1, w->args[i].s, -1,
                                   SQLITE_STATIC);
        else
            rc = sqlite3_bind_int64(st, (int)i + 1, w->args[i].i);
    }
    return rc;
}

/* before + v + after for LIKE, with the wildcards of v escaped by '\'. */
static char *
like_pattern(const char *before, const char *v, const char *after)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, before);
    for (; *v; v++) {
        if (*v == '%' || *v == '_' || *v == '\\')
            buf_addc(&b, '\\');
        buf_addc(&b, *v);
    }
    buf_adds(&b, after);
    return buf_detach(&b);
}

/* The comma-separated values of a term, trimmed, empty ones dropped. */
struct vlist {
    char **v;
    size_t n;
};

static void
vlist_split(struct vlist *l, const char *value)
{
    const char *p = value, *e, *end;

    l->v = NULL;
    l->n = 0;
    while (p && *p) {
        end = strchr(p, ',');
        e = end ? end : p + strlen(p);
        while (p < e && isspace((unsigned char)*p))
            p++;
        while (e > p && isspace((unsigned char)e[-1]))
            e--;
        if (e > p) {
            l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
            l->v[l->n++] = xstrndup(p, (size_t)(e - p));
        }
        p = end ? end + 1 : NULL;
    }
}

static void
vlist_free(struct vlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static enum td_status
bad_value(const struct query_term *t, const char *v, const char *why,
          struct td_error *err)
{
    return td_error_set(err, TD_EINVAL, "store: query: %s:%s: %s",
                        query_field_name(t->field), v ? v : "", why);
}

/* status: names, plus "unsolved" for everything not solved or closed. */
static enum td_status
term_status(struct where *w, struct buf *e, const struct vlist *l,
            const struct query_term *t, struct td_error *err)
{
    const char *sep = "";
    int st;

    where_add(w, e, "+t.status IN (");
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], "unsolved") == 0) {
            for (st = TS_NEW; st <= TS_ON_HOLD; st++) {
                where_add(w, e, "%s", sep);
                arg_text(w, e, xstrdup(ticket_status_name(st)));
                sep = ", ";
            }
            continue;
        }
        if ((st = ticket_status_from_name(l->v[i])) < 0)
            return bad_value(t, l->v[i], "no such status", err);
        where_add(w, e, "%s", sep);
        arg_text(w, e, xstrdup(ticket_status_name(st)));
        sep = ", ";
    }
    where_add(w, e, ")");
    return TD_OK;
}

static enum td_status
term_priority(struct where *w, struct buf *e, const struct vlist *l,
              const struct query_term *t, struct td_error *err)
{
    int p;

    if (t->op != QO_EQ) {
        /* priority>normal: high and urgent. */
        if (l->n != 1)
            return bad_value(t, t->value, "one priority with < or >", err);
        if ((p = ticket_priority_from_name(l->v[0])) < 0)
            return bad_value(t, l->v[0], "no such priority", err);
        where_add(w, e, "+t.priority %s ", t->op == QO_LT ? "<" : ">");
        arg_int(w, e, p);
        return TD_OK;
    }
    where_add(w, e, "+t.priority IN (");
    for (size_t i = 0; i < l->n; i++) {
        if ((p = ticket_priority_from_name(l->v[i])) < 0)
            return bad_value(t, l->v[i], "no such priority", err);
        where_add(w, e, "%s", i ? ", " : "");
        arg_int(w, e, p);
    }
    where_add(w, e, ")");
    return TD_OK;
}

static enum td_status
term_channel(struct where *w, struct buf *e, const struct vlist *l,
             const struct query_term *t, struct td_error *err)
{
    int ch;

    where_add(w, e, "t.channel IN (");
    for (size_t i = 0; i < l->n; i++) {
        if ((ch = channel_from_name(l->v[i])) < 0)
            return bad_value(t, l->v[i], "no such channel", err);
        where_add(w, e, "%s", i ? ", " : "");
        arg_text(w, e, xstrdup(channel_name(ch)));
    }
    where_add(w, e, ")");
    return TD_OK;
}

/* "x IN (?, ?...)" over the values as they are. */
static void
term_in(struct where *w, struct buf *e, const char *lhs,
        const struct vlist *l, const char *tail)
{
    where_add(w, e, "%s IN (", lhs);
    for (size_t i = 0; i < l->n; i++) {
        where_add(w, e, "%s", i ? ", " : "");
        arg_text(w, e, xstrdup(l->v[i]));
    }
    where_add(w, e, ")%s", tail);
}

static void
term_lang(struct where *w, struct buf *e, const struct vlist *l)
{
    /* lang:pt also finds pt-BR; lang:unknown the tickets whose language
     * nothing told (store/classify.c leaves them NULL). */
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], "unknown") == 0) {
            where_add(w, e, "%st.language IS NULL", i ? " OR " : "");
            continue;
        }
        where_add(w, e, "%st.language = ", i ? " OR " : "");
        arg_text(w, e, xstrdup(l->v[i]));
        where_add(w, e, " COLLATE NOCASE OR t.language LIKE ");
        arg_text(w, e, like_pattern("", l->v[i], "-%"));
        where_add(w, e, " ESCAPE '\\'");
    }
}

static void
term_from(struct where *w, struct buf *e, const struct vlist *l)
{
    /* LIKE folds ASCII case only; the FTS index folds the rest. */
    where_add(w, e, "t.requester_id IN (SELECT id FROM customers WHERE ");
    for (size_t i = 0; i < l->n; i++) {
        where_add(w, e, "%sname LIKE ", i ? " OR " : "");
        arg_text(w, e, like_pattern("%", l->v[i], "%"));
        where_add(w, e, " ESCAPE '\\' OR email LIKE ");
        arg_text(w, e, like_pattern("%", l->v[i], "%"));
        where_add(w, e, " ESCAPE '\\'");
    }
    where_add(w, e, ")");
}

static enum td_status
term_assignee(struct where *w, struct buf *e, const struct vlist *l,
              const struct query *q, const struct query_term *t,
              struct td_error *err)
{
    for (size_t i = 0; i < l->n; i++) {
        where_add(w, e, "%s", i ? " OR " : "");
        if (strcmp(l->v[i], "none") == 0) {
            where_add(w, e, "ifnull(t.assignee, '') = ''");
        } else if (strcmp(l->v[i], "me") == 0) {
            if (q->me == NULL || q->me[0] == '\0')
                return bad_value(t, "me", "who \"me\" is was not set", err);
            where_add(w, e, "t.assignee = ");
            arg_text(w, e, xstrdup(q->me));
            where_add(w, e, " COLLATE NOCASE");
        } else {
            where_add(w, e, "t.assignee LIKE ");
            arg_text(w, e, like_pattern("%", l->v[i], "%"));
            where_add(w, e, " ESCAPE '\\'");
        }
    }
    return TD_OK;
}

static void
term_order(struct where *w, struct buf *e, const struct vlist *l)
{
    /* The buyer is linked to orders as store_orders_for_ticket does it;
     * numbers compare without their leading '#' (orders_number index). */
    where_add(w, e,
            "t.requester_id IN (SELECT c.id FROM orders o JOIN customers c"
            " ON c.account_id = o.account_id AND (c.external_id ="
            " o.customer_ext_id OR (c.email <> '' AND c.email ="
            " o.customer_email COLLATE NOCASE))"
            " WHERE ltrim(o.number, '#') COLLATE NOCASE IN (");
    for (size_t i = 0; i < l->n; i++) {
        const char *v = l->v[i];

        while (*v == '#')
            v++;
        where_add(w, e, "%s", i ? ", " : "");
        arg_text(w, e, xstrdup(v));
    }
    where_add(w, e, "))");
}

static enum td_status
term_id(struct where *w, struct buf *e, const struct vlist *l,
        const struct query_term *t, struct td_error *err)
{
    char *end;
    long long id;

    where_add(w, e, "t.id IN (");
    for (size_t i = 0; i < l->n; i++) {
        const char *v = l->v[i][0] == '#' ? l->v[i] + 1 : l->v[i];

        errno = 0;
        id = strtoll(v, &end, 10);
        if (errno != 0 || end == v || *end != '\0')
            return bad_value(t, l->v[i], "not a ticket number", err);
        where_add(w, e, "%s", i ? ", " : "");
        arg_int(w, e, id);
    }
    where_add(w, e, ")");
    return TD_OK;
}

/* intent:wrong_item; intent:none is "not tagged yet". */
static void
term_intent(struct where *w, struct buf *e, const struct vlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        where_add(w, e, "%s", i ? " OR " : "");
        if (strcmp(l->v[i], "none") == 0) {
            where_add(w, e, "ifnull(t.intent, '') = ''");
        } else {
            where_add(w, e, "t.intent = ");
            arg_text(w, e, xstrdup(l->v[i]));
        }
    }
}

/* created>T: at or after T; created<T: before T (half-open ranges, so
 * that consecutive days of a chart never share a ticket). */
static void
term_created(struct where *w, struct buf *e, const struct query_term *t)
{
    where_add(w, e, "t.created_at %s ", t->op == QO_GT ? ">=" : "<");
    arg_int(w, e, t->seconds);
}

/* is:unread, is:read: the agent's seen state, in the words of the
 * tickets_unread partial index, so that counting the unread reads only
 * that index; a page still walks its sort index and stops when full. */
static enum td_status
term_is(struct where *w, struct buf *e, const struct vlist *l,
        const struct query_term *t, struct td_error *err)
{
    for (size_t i = 0; i < l->n; i++) {
        where_add(w, e, "%s", i ? " OR " : "");
        if (strcmp(l->v[i], "unread") == 0)
            where_add(w, e, "%s", SCHEMA_UNREAD);
        else if (strcmp(l->v[i], "read") == 0)
            where_add(w, e, "NOT %s", SCHEMA_UNREAD);
        else
            return bad_value(t, l->v[i], "no such state", err);
    }
    return TD_OK;
}

/* sla<30m: due within 30 minutes (or overdue); written as a comparison
 * with a bound time so that the column stays bare for its index. A ticket
 * without a due time compares NULL, which is false both ways. */
static enum td_status
term_duration(struct where *w, struct buf *e, const struct query *q,
              const struct query_term *t, struct td_error *err)
{
    int64_t now = q->now ? (int64_t)q->now : (int64_t)time_now();
    int lt = t->op == QO_LT;

    if (t->op == QO_EQ)
        return td_error_set(err, TD_EINVAL,
                            "store: query: %s needs < or > and a duration",
                            query_field_name(t->field));
    if (t->field == QF_SLA) {
        where_add(w, e, "t.sla_due %s ", lt ? "<" : ">");
        arg_int(w, e, now + t->seconds);
    } else {
        /* age<2h: created less than 2h ago, so after now - 2h. */
        where_add(w, e, "%s %s ",
                t->field == QF_AGE ? "t.created_at" : "t.updated_at",
                lt ? ">" : "<");
        arg_int(w, e, now - t->seconds);
    }
    return TD_OK;
}

/* Is there anything in v that the tokenizer would index? A term made of
 * punctuation only is an empty FTS phrase, which matches nothing. */
static int
text_has_word(const char *v)
{
    for (; *v; v++)
        if ((unsigned char)*v >= 0x80 || isalnum((unsigned char)*v))
            return 1;
    return 0;
}

/* v as an FTS5 string: in double quotes, quotes doubled. Inside a string
 * every character is literal, so user punctuation ("order #1234?", a
 * stray AND, NEAR, * or ^) cannot change the query; the tokenizer turns
 * the words into a phrase. */
static char *
fts_string(const char *v)
{
    struct buf b;

    buf_init(&b, 0);
    buf_addc(&b, '"');
    for (; *v; v++) {
        if (*v == '"')
            buf_addc(&b, '"');
        buf_addc(&b, *v);
    }
    buf_addc(&b, '"');
    return buf_detach(&b);
}

static enum td_status
term_sql(struct where *w, struct buf *e, const struct query *q,
         const struct query_term *t, struct td_error *err)
{
    struct vlist l;
    enum td_status rc = TD_OK;

    if (t->field == QF_SLA || t->field == QF_AGE || t->field == QF_UPDATED)
        return term_duration(w, e, q, t, err);
    if (t->field == QF_CREATED) {
        if (t->op == QO_EQ)
            return td_error_set(err, TD_EINVAL, "store: query: created "
                                "needs < or > and a time");
        term_created(w, e, t);
        return TD_OK;
    }
    if (t->op != QO_EQ && t->field != QF_PRIORITY)
        return td_error_set(err, TD_EINVAL,
                            "store: query: %s takes field:value, not < or >",
                            query_field_name(t->field));
    vlist_split(&l, t->value);
    if (l.n == 0) {
        vlist_free(&l);
        return bad_value(t, "", "no value", err);
    }
    switch (t->field) {
    case QF_STATUS:
        rc = term_status(w, e, &l, t, err);
        break;
    case QF_PRIORITY:
        rc = term_priority(w, e, &l, t, err);
        break;
    case QF_LANG:
        term_lang(w, e, &l);
        break;
    case QF_CHANNEL:
        rc = term_channel(w, e, &l, t, err);
        break;
    case QF_COUNTRY:
        term_in(w, e,
                "t.requester_id IN (SELECT id FROM customers WHERE"
                " country COLLATE NOCASE",
                &l, ")");
        break;
    case QF_FROM:
        term_from(w, e, &l);
        break;
    case QF_TAG:
        term_in(w, e, "t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag",
                &l, ")");
        break;
    case QF_ASSIGNEE:
        rc = term_assignee(w, e, &l, q, t, err);
        break;
    case QF_ORDER:
        term_order(w, e, &l);
        break;
    case QF_ACCOUNT:
        term_in(w, e,
                "+t.account_id IN (SELECT id FROM accounts WHERE"
                " name COLLATE NOCASE",
                &l, ")");
        break;
    case QF_ID:
        rc = term_id(w, e, &l, t, err);
        break;
    case QF_IS:
        rc = term_is(w, e, &l, t, err);
        break;
    case QF_INTENT:
        /* Full label names (query.c normalised them): tickets_intent;
         * intent:none is "not tagged yet". */
        if (strstr(t->value, "none"))
            term_intent(w, e, &l);
        else
            term_in(w, e, "t.intent", &l, "");
        break;
    case QF_SKU:
        term_in(w, e,
                "EXISTS (SELECT 1 FROM order_items i WHERE i.order_id IN ("
                WHERE_LINKED_ORDERS ") AND i.sku COLLATE NOCASE",
                &l, ")");
        break;
    case QF_CARRIER:
        term_in(w, e,
                "EXISTS (SELECT 1 FROM shipments s WHERE s.order_id IN ("
                WHERE_LINKED_ORDERS ") AND s.carrier COLLATE NOCASE",
                &l, ")");
        break;
    case QF_SHIPTO:
        term_in(w, e, WHERE_SHIPTO, &l, "");
        break;
    default:
        rc = td_error_set(err, TD_EINVAL, "store: query: field %d unknown",
                          (int)t->field);
        break;
    }
    vlist_free(&l);
    return rc;
}

/* Compile q's terms into w->sql (never empty: "1" matches all). */
enum td_status
where_compile(const struct query *q, struct where *w,
              struct td_error *err)
{
    const struct query_term *t;
    struct buf e;
    enum td_status rc = TD_OK;

    memset(w, 0, sizeof *w);
    buf_init(&w->sql, WHERE_SQL_MAX);
    buf_init(&w->match, WHERE_SQL_MAX);
    buf_init(&e, WHERE_SQL_MAX);
    where_add(w, &w->sql, "1");
    for (size_t i = 0; i < q->n_terms && rc == TD_OK; i++) {
        t = &q->terms[i];
        if (t->field == QF_TEXT) {
            if (t->value == NULL || !text_has_word(t->value))
                continue;
            if (!t->negate) {
                /* All positive words go into one MATCH: one FTS query. */
                char *fs = fts_string(t->value);

                where_add(w, &w->match, "%s%s", w->match.len ? " AND " : "",
                        fs);
                free(fs);
                continue;
            }
            buf_reset(&e);
            where_add(w, &e, "t.id IN (SELECT rowid FROM ticket_fts WHERE "
                           "ticket_fts MATCH ");
            arg_text(w, &e, fts_string(t->value));
            where_add(w, &e, ")");
        } else {
            buf_reset(&e);
            rc = term_sql(w, &e, q, t, err);
            if (rc != TD_OK)
                break;
        }
        if (t->negate)
            where_add(w, &w->sql, " AND NOT ifnull((%s), 0)", buf_str(&e));
        else
            where_add(w, &w->sql, " AND (%s)", buf_str(&e));
    }
    if (rc == TD_OK && w->match.len > 0) {
        where_add(w, &w->sql, " AND t.id IN (SELECT rowid FROM ticket_fts "
                              "WHERE ticket_fts MATCH ");
        arg_text(w, &w->sql, xstrdup(buf_str(&w->match)));
        where_add(w, &w->sql, ")");
    }
    buf_free(&e);
    if (rc == TD_OK && w->overflow)
        rc = td_error_set(err, TD_ETOOBIG, "store: query: too long");
    if (rc != TD_OK)
        where_free(w);
    return rc;
}
