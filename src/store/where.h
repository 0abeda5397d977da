/* where.h: a query's terms compiled to an SQL WHERE clause and arguments. */
#ifndef TD_STORE_WHERE_H
#define TD_STORE_WHERE_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/query.h"
#include "store/schema.h"
#include "util/buf.h"
#include "util/error.h"

/* The ids of the orders linked to the ticket "t" of the enclosing query,
 * as the order panel finds them (store_orders_for_ticket): the buyer's
 * orders by customer id in the ticket's account or by email in any
 * account (shops are accounts of their own), and those in ticket_orders:
 * an order number found in the text or linked by hand, or a tracking
 * number's parcel. The statistics use the same links, so that a
 * drill-down into the inbox counts what the chart counted. The "+" on
 * order_ref drops its TEXT affinity, without which sqlite (3.40) will not
 * look the expression up in orders_number or shipments_tracking and
 * scans every order per link instead. */
#define WHERE_LINKED_ORDERS                                                 \
    "SELECT x.id FROM customers c JOIN orders x"                           \
    " ON x.account_id = t.account_id AND x.customer_ext_id = c.external_id" \
    " WHERE c.id = t.requester_id"                                         \
    " UNION SELECT x.id FROM customers c JOIN orders x"                    \
    " ON x.customer_email = c.email COLLATE NOCASE"                        \
    " WHERE c.id = t.requester_id AND c.email <> ''"                       \
    " UNION SELECT x.id FROM ticket_orders k JOIN orders x"                \
    " ON ltrim(x.number, '#') = +k.order_ref COLLATE NOCASE"               \
    " WHERE k.ticket_id = t.id AND k.how IN ('text', 'manual')"            \
    " UNION SELECT sh.order_id FROM ticket_orders k JOIN shipments sh"     \
    " ON " SCHEMA_TRACKING_SH " = +k.order_ref WHERE k.ticket_id = t.id"   \
    " AND k.how = 'tracking' AND sh.order_id IS NOT NULL"

/* A ticket's destination country, upper case, NULL when unknown: the
 * ship-to country of its newest linked order that has one, else the
 * buyer's country. */
#define WHERE_SHIPTO                                                        \
    "upper(coalesce((SELECT nullif(o.ship_country, '') FROM orders o"      \
    " WHERE o.id IN (" WHERE_LINKED_ORDERS ") AND o.ship_country <> ''"    \
    " ORDER BY o.created_at DESC, o.id DESC LIMIT 1),"                     \
    " (SELECT nullif(c.country, '') FROM customers c"                      \
    " WHERE c.id = t.requester_id)))"

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
