/* read.h: tickets, threads, orders and shipments read back from the store. */
#ifndef TD_STORE_READ_H
#define TD_STORE_READ_H

#include <sqlite3.h>

#include "store/db.h"
#include "store/schema.h"

/* The columns read_ticket_row expects, over tickets t, accounts a and
 * customers c (READ_TICKET_JOINS joins the last two to t). */
#define READ_TICKET_COLS                                                    \
    "t.id, t.account_id, a.name, t.external_id, t.subject, t.status,"      \
    " t.status_raw, t.priority, t.channel, t.language, t.assignee,"        \
    " t.created_at, t.updated_at, t.first_response_due, c.id,"             \
    " c.external_id, c.name, c.email, c.phone, c.country, c.timezone,"     \
    " c.locale, " SCHEMA_UNREAD ", t.language_conf, t.backend_language,"  \
    " t.intent, t.intent_conf, t.next_response_due, t.sla_due,"            \
    " t.customer_at"
#define READ_TICKET_JOINS                                                   \
    " LEFT JOIN accounts a ON a.id = t.account_id"                         \
    " LEFT JOIN customers c ON c.id = t.requester_id"

/* The columns read_shipments expects, over shipments. */
#define READ_SHIPMENT_COLS                                                  \
    "id, ifnull(order_id, 0), external_id, order_ext_id, carrier,"         \
    " tracking_number, status, status_raw, eta"

/* The shipments sql selects (READ_SHIPMENT_COLS, ?1 bound to id), with
 * their events. */
enum td_status read_shipments(struct store *s, const char *sql, int64_t id,
                              struct shipment **out, size_t *n,
                              struct td_error *err);

/* Fill t (zeroed by the caller) from a row of READ_TICKET_COLS. */
void read_ticket_row(sqlite3_stmt *st, struct ticket *t);

/* Append t's tags, in name order. */
enum td_status read_tags(struct store *s, struct ticket *t,
                         struct td_error *err);

#endif
