/* query.h: the inbox query language shared by views, the / filter and the CLI. */
#ifndef TD_QUERY_H
#define TD_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"

/* What a term tests. Free words are QF_TEXT (full-text search). */
enum query_field {
    QF_TEXT = 0,    /* free word or "quoted phrase" */
    QF_STATUS,      /* status:open,pending  (also status:unsolved = new,open,pending,on-hold) */
    QF_PRIORITY,    /* priority:high */
    QF_LANG,        /* lang:de */
    QF_CHANNEL,     /* channel:whatsapp */
    QF_COUNTRY,     /* country:DE */
    QF_FROM,        /* from:alice@example.com or a part of the name/email */
    QF_TAG,         /* tag:vip */
    QF_ASSIGNEE,    /* assignee:me, assignee:none, assignee:NAME */
    QF_ORDER,       /* order:1001 (a number the buyer's orders carry) */
    QF_ACCOUNT,     /* account:demo */
    QF_ID,          /* id:42 (store id) */
    QF_SLA,         /* sla<30m, sla>2h: time left to the first-response due */
    QF_AGE,         /* age>2d, age<3h: time since the ticket was created */
    QF_UPDATED,     /* updated<1h: time since the last update */
    QF_IS,          /* is:unread, is:read (the agent's own seen state) */
    QF_INTENT,      /* intent:where_is_my_order, intent:wismo,refund;
                       intent:none: not tagged yet */
    QF_SKU,         /* sku:MUG-01: the buyer's linked orders hold the SKU */
    QF_CARRIER,     /* carrier:dhl: a parcel of a linked order */
    QF_SHIPTO,      /* shipto:DE: destination (newest linked order, else
                       the buyer's country) */
    QF_CREATED,     /* created>2026-11-01, created<2026-11-08T00:00+01:00:
                       at or after / before a time (seconds = that time) */
    QF_COUNT
};

enum query_op {
    QO_EQ = 0,      /* field:value (a comma means any of the values) */
    QO_LT,          /* field<duration */
    QO_GT,          /* field>duration */
};

enum query_sort {
    QS_SLA = 0,     /* most urgent due first; tickets with no due time last,
                       newest update first */
    QS_UPDATED,     /* most recently updated first */
    QS_CREATED,     /* newest first */
    QS_PRIORITY,    /* urgent first */
    QS_ID,          /* store id ascending */
    QS_COUNT
};

struct query_term {
    enum query_field field;
    enum query_op op;
    int negate;         /* a leading '-' */
    char *value;        /* owned; words and lists, lowercase except for QF_TEXT */
    int64_t seconds;    /* QF_SLA, QF_AGE, QF_UPDATED: the duration;
                           QF_CREATED: the time */
};

/* All terms must hold (AND). `now` and `me` are context the caller sets
 * before the query runs (parse sets now = time(NULL), me = NULL). */
struct query {
    struct query_term *terms;
    size_t n_terms;
    enum query_sort sort;       /* sort:sla|updated|created|priority|id */
    int reverse;                /* sort:-updated */
    time_t now;
    const char *me;             /* borrowed: the agent, for assignee:me */
};

/* Parse text into q (which the caller then releases with query_clear).
 * An empty text is a valid query that matches everything. On error q is
 * left empty and err says which word is wrong and why. */
enum td_status query_parse(const char *text, struct query *q,
                           struct td_error *err);

/* Release what q owns and reset it to the empty query. */
void query_clear(struct query *q);

/* Parse a duration such as "30m", "2h", "1d12h", "90s", "2w" into seconds;
 * -1 if it is not one. */
int64_t query_parse_duration(const char *s);

/* The keyword of a field ("status", "lang", ...), "text" for QF_TEXT. */
const char *query_field_name(enum query_field f);
const char *query_sort_name(enum query_sort s);

#endif
