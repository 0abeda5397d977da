/* where.h: a query's terms compiled to an SQL WHERE clause and arguments. */
#ifndef TD_STORE_WHERE_H
#define TD_STORE_WHERE_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/query.h"
#include "util/buf.h"
#include "util/error.h"

/* A cap on generated SQL: a query that long is a mistake, not a search. */
#define WHERE_SQL_MAX ((size_t)1 << 20)

struct where_arg {
    int is_text;
    int64_t i;
    char *s;                    /* owned */
};

/* The compiled query: sql is a boolean over "tickets t" whose "?"s are
 * args[0..n_args), in order. User text is only ever an argument. */
struct where {
    struct buf sql;
    struct where_arg *args;
    size_t n_args;
    struct buf match;           /* the positive text terms, as FTS5 syntax */
    int overflow;               /* some buffer went over WHERE_SQL_MAX */
};

/* Compile q into w (which the caller releases with where_free). An unknown
 * status, channel or priority, a bad id, assignee:me without q->me, or a
 * comparison a field does not take is TD_EINVAL, w left empty. */
enum td_status where_compile(const struct query *q, struct where *w,
                             struct td_error *err);
void where_free(struct where *w);

/* Bind w's arguments as ?1..?n_args; the caller's own numbers come after. */
int where_bind(sqlite3_stmt *st, const struct where *w);

/* printf into b, noting in w->overflow when b would pass its cap, so that
 * SQL built around w is checked once at the end. */
void where_add(struct where *w, struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
