/* read.c: tickets, threads, orders and shipments read back from the store. */
#include "store/read.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Enum names from the file; a word this build does not know (a newer
 * ttydesk wrote it, which the schema version would have refused, or a
 * hand edit) falls back to a harmless value instead of failing. */
static int
read_enum(int v, int fallback)
{
    return v < 0 ? fallback : v;
}

static const char *
read_text(sqlite3_stmt *st, int i)
{
    const unsigned char *p = sqlite3_column_text(st, i);

    return p ? (const char *)p : NULL;
}

void
read_ticket_row(sqlite3_stmt *st, struct ticket *t)
{
    int prio = sqlite3_column_int(st, 7);

    t->id = sqlite3_column_int64(st, 0);
    t->account_id = sqlite3_column_int64(st, 1);
    t->account = db_col_str(st, 2);
    t->external_id = db_col_str(st, 3);
    t->subject = db_col_str(st, 4);
    t->status = (enum ticket_status)read_enum(
        ticket_status_from_name(read_text(st, 5)), TS_OPEN);
    t->status_raw = db_col_str(st, 6);
    t->priority = (enum ticket_priority)(prio < 0 ? 0
                                         : prio >= TP_COUNT ? TP_COUNT - 1
                                                            : prio);
    t->channel = (enum channel)read_enum(channel_from_name(read_text(st, 8)),
                                         CH_OTHER);
    t->language = db_col_str(st, 9);
    t->assignee = db_col_str(st, 10);
    t->created_at = (time_t)sqlite3_column_int64(st, 11);
    t->updated_at = (time_t)sqlite3_column_int64(st, 12);
    t->first_response_due = (time_t)sqlite3_column_int64(st, 13);
    t->requester.id = sqlite3_column_int64(st, 14);
    t->requester.external_id = db_col_str(st, 15);
    t->requester.name = db_col_str(st, 16);
    t->requester.email = db_col_str(st, 17);
    t->requester.phone = db_col_str(st, 18);
    t->requester.country = db_col_str(st, 19);
    t->requester.timezone = db_col_str(st, 20);
    t->requester.locale = db_col_str(st, 21);
    t->unread = sqlite3_column_int(st, 22) != 0;
    t->language_conf = sqlite3_column_double(st, 23);
    t->backend_language = db_col_str(st, 24);
    t->intent = db_col_str(st, 25);
    t->intent_conf = sqlite3_column_double(st, 26);
    t->next_response_due = (time_t)sqlite3_column_int64(st, 27);
    t->sla_due = (time_t)sqlite3_column_int64(st, 28);
    t->customer_at = (time_t)sqlite3_column_int64(st, 29);
}

static const char sql_tags[] =
    "SELECT tag FROM ticket_tags WHERE ticket_id = ?1 ORDER BY tag";

enum td_status
read_tags(struct store *s, struct ticket *t, struct td_error *err)
{
    static const char op[] = "read tags";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_tags, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, t->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        ticket_add_tag(t, read_text(st, 0));
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static const char sql_messages[] =
    "SELECT id, external_id, author, author_name, is_public, body, html,"
    " created_at, language, language_conf FROM messages"
    " WHERE ticket_id = ?1 "
    "ORDER BY created_at, id";
static const char sql_attachments[] =
    "SELECT name, size FROM attachments WHERE message_id = ?1 ORDER BY pos";

static enum td_status
read_attachments(struct store *s, struct message *m, struct td_error *err)
{
    static const char op[] = "read attachments";
    struct attachment *a;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_attachments, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, m->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        m->attachments = xreallocarray(m->attachments, m->n_attachments + 1,
                                       sizeof *m->attachments);
        a = &m->attachments[m->n_attachments++];
        a->name = db_col_str(st, 0);
        a->size = sqlite3_column_int64(st, 1);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static enum td_status
read_messages(struct store *s, struct ticket *t, struct td_error *err)
{
    static const char op[] = "read messages";
    struct message *m;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_messages, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, t->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        m = ticket_add_message(t);
        m->id = sqlite3_column_int64(st, 0);
        m->external_id = db_col_str(st, 1);
        m->author = (enum author_kind)read_enum(
            author_kind_from_name(read_text(st, 2)), AK_SYSTEM);
        m->author_name = db_col_str(st, 3);
        m->is_public = sqlite3_column_int(st, 4);
        m->body = db_col_str(st, 5);
        m->html = db_col_str(st, 6);
        m->created_at = (time_t)sqlite3_column_int64(st, 7);
        m->language = db_col_str(st, 8);
        m->language_conf = sqlite3_column_double(st, 9);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    /* Attachments after the loop: a statement per message, not nested. */
    for (size_t i = 0; i < t->n_messages && rc == TD_OK; i++)
        rc = read_attachments(s, &t->messages[i], err);
    return rc;
}

/* LEFT JOINs: a ticket may have no requester (a system ticket) and is
 * still shown. */
static const char sql_ticket[] =
    "SELECT " READ_TICKET_COLS " FROM tickets t" READ_TICKET_JOINS
    " WHERE t.id = ?1";

enum td_status
store_ticket_get(struct store *s, int64_t id, struct ticket **out,
                 struct td_error *err)
{
    static const char op[] = "read ticket";
    struct ticket *t = NULL;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *out = NULL;
    if ((rc = db_stmt(s, sql_ticket, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        t = xcalloc(1, sizeof *t);
        read_ticket_row(st, t);
    } else if (step == SQLITE_DONE) {
        rc = td_error_set(err, TD_ENOTFOUND, "store: no ticket %lld",
                          (long long)id);
    } else {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    if (rc == TD_OK)
        rc = read_tags(s, t, err);
    if (rc == TD_OK)
        rc = read_messages(s, t, err);
    if (rc != TD_OK) {
        ticket_free(&t);
        return rc;
    }
    *out = t;
    return TD_OK;
}

/* Account names are exact here: they come from the rc file, not from a
 * person typing a filter. */
static const char sql_lookup[] =
    "SELECT t.id FROM tickets t JOIN accounts a ON a.id = t.account_id "
    "WHERE a.name = ?1 AND t.external_id = ?2";

enum td_status
store_ticket_lookup(struct store *s, const char *account,
                    const char *external_id, int64_t *id,
                    struct td_error *err)
{
    static const char op[] = "look up ticket";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *id = 0;
    if (account == NULL || external_id == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no account or id",
                            op);
    if ((rc = db_stmt(s, sql_lookup, op, &st, err)) != TD_OK)
        return rc;
    if (db_bind_str(st, 1, account) | db_bind_str(st, 2, external_id))
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        rc = td_error_set(err, TD_ENOTFOUND, "store: no ticket %s in %s",
                          external_id, account);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

/* The buyer's orders: by the customer's external id in the helpdesk's
 * own account; by email regardless of case in any account (a shop is an
 * account of its own and knows the buyer only by address); by the order
 * numbers the ticket mentions or the agent linked; and by the parcels it
 * mentions. Index lookups joined by UNION rather than ORs that would
 * scan. */
static const char sql_orders[] =
    "SELECT o.id, o.account_id, o.external_id, o.number, o.customer_email,"
    " o.customer_ext_id, o.created_at, o.status, o.financial_status,"
    " o.fulfillment_status, o.currency, o.total, o.ship_country,"
    " o.ship_city FROM orders o WHERE o.id IN ("
    "  SELECT x.id FROM tickets t JOIN customers c ON c.id = t.requester_id"
    "  JOIN orders x ON x.account_id = t.account_id"
    "   AND x.customer_ext_id = c.external_id WHERE t.id = ?1"
    "  UNION"
    "  SELECT x.id FROM tickets t JOIN customers c ON c.id = t.requester_id"
    "  JOIN orders x ON x.customer_email = c.email COLLATE NOCASE"
    "  WHERE t.id = ?1 AND c.email <> ''"
    "  UNION"
    "  SELECT x.id FROM ticket_orders l JOIN orders x"
    "   ON ltrim(x.number, '#') = +l.order_ref COLLATE NOCASE"
    "  WHERE l.ticket_id = ?1 AND l.how IN ('text', 'manual')"
    "  UNION"
    "  SELECT sh.order_id FROM ticket_orders l JOIN shipments sh"
    "   ON " SCHEMA_TRACKING_SH " = +l.order_ref"
    "  WHERE l.ticket_id = ?1 AND l.how = 'tracking'"
    "   AND sh.order_id IS NOT NULL) "
    "ORDER BY o.created_at DESC, o.id DESC";
static const char sql_items[] =
    "SELECT sku, name, quantity, price FROM order_items WHERE order_id = ?1 "
    "ORDER BY pos";

static enum td_status
read_items(struct store *s, struct order *o, struct td_error *err)
{
    static const char op[] = "read order items";
    struct order_item *it;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_items, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, o->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        o->items = xreallocarray(o->items, o->n_items + 1, sizeof *o->items);
        it = &o->items[o->n_items++];
        it->sku = db_col_str(st, 0);
        it->name = db_col_str(st, 1);
        it->quantity = sqlite3_column_int(st, 2);
        it->price = db_col_str(st, 3);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_orders_for_ticket(struct store *s, int64_t ticket_id,
                        struct order **orders, size_t *n,
                        struct td_error *err)
{
    static const char op[] = "read orders";
    struct order *v = NULL, *o;
    size_t len = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *orders = NULL;
    *n = 0;
    if ((rc = db_stmt(s, sql_orders, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        o = &v[len++];
        memset(o, 0, sizeof *o);
        o->id = sqlite3_column_int64(st, 0);
        o->account_id = sqlite3_column_int64(st, 1);
        o->external_id = db_col_str(st, 2);
        o->number = db_col_str(st, 3);
        o->customer_email = db_col_str(st, 4);
        o->customer_ext_id = db_col_str(st, 5);
        o->created_at = (time_t)sqlite3_column_int64(st, 6);
        o->status = db_col_str(st, 7);
        o->financial_status = db_col_str(st, 8);
        o->fulfillment_status = db_col_str(st, 9);
        o->currency = db_col_str(st, 10);
        o->total = db_col_str(st, 11);
        o->ship_country = db_col_str(st, 12);
        o->ship_city = db_col_str(st, 13);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    for (size_t i = 0; i < len && rc == TD_OK; i++)
        rc = read_items(s, &v[i], err);
    if (rc != TD_OK) {
        orders_free(&v, len);
        return rc;
    }
    *orders = v;
    *n = len;
    return TD_OK;
}

void
orders_free(struct order **orders, size_t n)
{
    if (orders == NULL || *orders == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        order_clear(&(*orders)[i]);
    free(*orders);
    *orders = NULL;
}

static const char sql_shipments[] =
    "SELECT " READ_SHIPMENT_COLS " FROM shipments "
    "WHERE order_id = ?1 ORDER BY id";
/* Oldest first; pos keeps the carrier's order for events that share a
 * timestamp (carriers often stamp a whole scan batch alike). */
static const char sql_events[] =
    "SELECT time, location, status, description FROM shipment_events "
    "WHERE shipment_id = ?1 ORDER BY time, pos";

static enum td_status
read_events(struct store *s, struct shipment *sh, struct td_error *err)
{
    static const char op[] = "read shipment events";
    struct shipment_event *ev;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_events, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, sh->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        sh->events = xreallocarray(sh->events, sh->n_events + 1,
                                   sizeof *sh->events);
        ev = &sh->events[sh->n_events++];
        ev->time = (time_t)sqlite3_column_int64(st, 0);
        ev->location = db_col_str(st, 1);
        ev->status = (enum ship_status)read_enum(
            ship_status_from_name(read_text(st, 2)), SS_UNKNOWN);
        ev->description = db_col_str(st, 3);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_shipments_for_order(struct store *s, int64_t order_id,
                          struct shipment **out, size_t *n,
                          struct td_error *err)
{
    return read_shipments(s, sql_shipments, order_id, out, n, err);
}

enum td_status
read_shipments(struct store *s, const char *sql, int64_t id,
               struct shipment **out, size_t *n, struct td_error *err)
{
    static const char op[] = "read shipments";
    struct shipment *v = NULL, *sh;
    size_t len = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *out = NULL;
    *n = 0;
    if ((rc = db_stmt(s, sql, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        v = xreallocarray(v, len + 1, sizeof *v);
        sh = &v[len++];
        memset(sh, 0, sizeof *sh);
        sh->id = sqlite3_column_int64(st, 0);
        sh->order_id = sqlite3_column_int64(st, 1);
        sh->external_id = db_col_str(st, 2);
        sh->order_ext_id = db_col_str(st, 3);
        sh->carrier = db_col_str(st, 4);
        sh->tracking_number = db_col_str(st, 5);
        sh->status = (enum ship_status)read_enum(
            ship_status_from_name(read_text(st, 6)), SS_UNKNOWN);
        sh->status_raw = db_col_str(st, 7);
        sh->eta = (time_t)sqlite3_column_int64(st, 8);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    for (size_t i = 0; i < len && rc == TD_OK; i++)
        rc = read_events(s, &v[i], err);
    if (rc != TD_OK) {
        shipments_free(&v, len);
        return rc;
    }
    *out = v;
    *n = len;
    return TD_OK;
}

void
shipments_free(struct shipment **out, size_t n)
{
    if (out == NULL || *out == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        shipment_clear(&(*out)[i]);
    free(*out);
    *out = NULL;
}
