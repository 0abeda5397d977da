/* upsert.c: writes from the network: customers, tickets, messages, orders. */
#include "store/upsert.h"

#include "store/classify.h"
#include "store/db.h"
#include "store/fts.h"
#include "store/sla.h"

/*
 * Every upsert is INSERT ... ON CONFLICT DO UPDATE ... RETURNING id, so a
 * row keeps its id (and what points at it: outbox, drafts, FTS rowid) for
 * ever. Compound writes run inside a savepoint: a failure halfway leaves
 * nothing behind, whether or not the caller opened a transaction.
 */

/* The second column says whether this write leaves name and email as
 * they are, with the same NULL-keeps rule as the upsert below. */
static const char sql_customer_find[] =
    "SELECT id, ifnull(?3, name) IS name AND ifnull(?4, email) IS email "
    "FROM customers WHERE account_id = ?1 AND external_id = ?2";
static const char sql_customer_upsert[] =
    "INSERT INTO customers(account_id, external_id, name, email, phone,"
    " country, timezone, locale) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(account_id, external_id) DO UPDATE SET"
    " name = ifnull(excluded.name, name),"
    " email = ifnull(excluded.email, email),"
    " phone = ifnull(excluded.phone, phone),"
    " country = ifnull(excluded.country, country),"
    " timezone = ifnull(excluded.timezone, timezone),"
    " locale = ifnull(excluded.locale, locale) "
    "RETURNING id";

/* Look the customer up; *id 0 when new, *renamed when the write will
 * change the name or email that its tickets' FTS rows hold. */
static enum td_status
customer_find(struct store *s, int64_t account_id, const struct customer *c,
              int64_t *id, int *renamed, struct td_error *err)
{
    static const char op[] = "upsert customer";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *id = 0;
    *renamed = 0;
    if ((rc = db_stmt(s, sql_customer_find, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    if (db_bind_str(st, 2, c->external_id) | db_bind_str(st, 3, c->name) |
        db_bind_str(st, 4, c->email))
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *renamed = !sqlite3_column_int(st, 1);
    } else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static enum td_status
customer_write(struct store *s, int64_t account_id, struct customer *c,
               struct td_error *err)
{
    static const char op[] = "upsert customer";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_customer_upsert, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    if (db_bind_str(st, 2, c->external_id) | db_bind_str(st, 3, c->name) |
        db_bind_str(st, 4, c->email) | db_bind_str(st, 5, c->phone) |
        db_bind_str(st, 6, c->country) | db_bind_str(st, 7, c->timezone) |
        db_bind_str(st, 8, c->locale))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else
        c->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_customer_upsert(struct store *s, int64_t account_id, struct customer *c,
                      struct td_error *err)
{
    enum td_status rc;
    int64_t id;
    int renamed;

    if (c->external_id == NULL)
        return td_error_set(err, TD_EINVAL,
                            "store: upsert customer: no external id");
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    rc = customer_find(s, account_id, c, &id, &renamed, err);
    /* Name and email are in the FTS rows of the customer's tickets. */
    if (rc == TD_OK && renamed)
        rc = fts_defer_customer(s, id, err);
    if (rc == TD_OK)
        rc = customer_write(s, account_id, c, err);
    return db_savepoint_end(s, rc, err);
}

static const char sql_message_upsert[] =
    "INSERT INTO messages(ticket_id, external_id, author, author_name,"
    " is_public, body, html, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(ticket_id, external_id) DO UPDATE SET"
    " author = excluded.author, author_name = excluded.author_name,"
    " is_public = excluded.is_public, body = excluded.body,"
    " html = excluded.html, created_at = excluded.created_at,"
    /* An edited body is classified again (store/classify.c). */
    " language = CASE WHEN body IS excluded.body THEN language END,"
    " language_conf = CASE WHEN body IS excluded.body THEN language_conf"
    " END "
    "RETURNING id";
static const char sql_attachments_clear[] =
    "DELETE FROM attachments WHERE message_id = ?1";
static const char sql_attachment_add[] =
    "INSERT OR REPLACE INTO attachments(message_id, pos, name, size) "
    "VALUES(?1, ?2, ?3, ?4)";

/* The message and its attachments, without touching the FTS row. A
 * message of a ticket that did not exist before (fresh) has no old
 * attachments to remove. */
static enum td_status
message_write(struct store *s, int64_t ticket_id, struct message *m,
              int fresh, struct td_error *err)
{
    static const char op[] = "upsert message";
    sqlite3_stmt *st;
    enum td_status rc;

    /* Without an external id a re-sync could not find the message again
     * and would add it twice. */
    if (m->external_id == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no external id", op);
    if ((unsigned)m->author >= AK_COUNT)
        return td_error_set(err, TD_EINVAL, "store: %s: bad author kind %d",
                            op, (int)m->author);
    if ((rc = db_stmt(s, sql_message_upsert, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    sqlite3_bind_int(st, 5, m->is_public != 0);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)m->created_at);
    if (db_bind_str(st, 2, m->external_id) |
        db_bind_str(st, 3, author_kind_name(m->author)) |
        db_bind_str(st, 4, m->author_name) | db_bind_str(st, 6, m->body) |
        db_bind_str(st, 7, m->html))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else
        m->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != TD_OK)
        return rc;

    if (!fresh) {
        if ((rc = db_stmt(s, sql_attachments_clear, op, &st, err)) != TD_OK)
            return rc;
        sqlite3_bind_int64(st, 1, m->id);
        if ((rc = db_done(s, st, op, err)) != TD_OK)
            return rc;
    }
    for (size_t i = 0; i < m->n_attachments && rc == TD_OK; i++) {
        if ((rc = db_stmt(s, sql_attachment_add, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, m->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 4, m->attachments[i].size);
        if (db_bind_str(st, 3, m->attachments[i].name) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    return rc;
}

/* A customer message on its own (not in a ticket payload) may be the
 * one that makes the ticket unread. */
static const char sql_customer_at[] =
    "UPDATE tickets SET customer_at = ?2 WHERE id = ?1 AND customer_at < ?2";

static enum td_status
message_touch_ticket(struct store *s, int64_t ticket_id,
                     const struct message *m, struct td_error *err)
{
    static const char op[] = "upsert message";
    sqlite3_stmt *st;
    enum td_status rc;

    if (m->author != AK_CUSTOMER)
        return TD_OK;
    if ((rc = db_stmt(s, sql_customer_at, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)m->created_at);
    return db_done(s, st, op, err);
}

enum td_status
store_message_upsert(struct store *s, int64_t ticket_id, struct message *m,
                     struct td_error *err)
{
    struct fts_doc old = {0};
    enum td_status rc;
    int queued = fts_is_pending(s, ticket_id);

    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    if (!queued)
        rc = fts_doc_load(s, ticket_id, &old, err);
    if (rc == TD_OK)
        rc = message_write(s, ticket_id, m, 0, err);
    if (rc == TD_OK)
        rc = message_touch_ticket(s, ticket_id, m, err);
    if (rc == TD_OK && s->assist)
        rc = classify_ticket(s, ticket_id, err);
    if (rc == TD_OK)
        rc = sla_refresh_ticket(s, ticket_id, err);
    if (rc == TD_OK && !queued)
        fts_defer(s, &old);
    fts_doc_clear(&old);
    return db_savepoint_end(s, rc, err);
}

/* Unlike customers, a ticket payload is whole: every field is replaced,
 * so that a cleared assignee or a lost SLA is cleared here too. */
static const char sql_ticket_find[] =
    "SELECT id FROM tickets WHERE account_id = ?1 AND external_id = ?2";
static const char sql_ticket_upsert[] =
    "INSERT INTO tickets(account_id, external_id, subject, status,"
    " status_raw, priority, channel, language, requester_id, assignee,"
    " created_at, updated_at, first_response_due, customer_at,"
    " backend_language, next_response_due) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?8, ?15) "
    "ON CONFLICT(account_id, external_id) DO UPDATE SET"
    " subject = excluded.subject, status = excluded.status,"
    " status_raw = excluded.status_raw, priority = excluded.priority,"
    " channel = excluded.channel,"
    /* The driver's language is the backend's word; the assist's, once a
     * ticket is classified, is kept (and redone by store/classify.c). */
    " backend_language = excluded.backend_language,"
    " language = CASE WHEN intent IS NULL THEN excluded.language"
    " ELSE language END,"
    /* A new subject or backend language is read again; otherwise only
     * new buyer messages are (store/classify.c). */
    " intent = CASE WHEN subject IS excluded.subject AND backend_language"
    " IS excluded.backend_language THEN intent END,"
    " requester_id = excluded.requester_id, assignee = excluded.assignee,"
    " created_at = excluded.created_at, updated_at = excluded.updated_at,"
    " first_response_due = excluded.first_response_due,"
    " next_response_due = excluded.next_response_due,"
    " customer_at = max(customer_at, excluded.customer_at) "
    "RETURNING id";
static const char sql_tags_clear[] =
    "DELETE FROM ticket_tags WHERE ticket_id = ?1";
/* OR IGNORE: "VIP" and "vip" are one tag (the column is NOCASE). */
static const char sql_tag_add[] =
    "INSERT OR IGNORE INTO ticket_tags(ticket_id, tag) VALUES(?1, ?2)";

static enum td_status
ticket_find(struct store *s, const struct ticket *t, int64_t *id,
            struct td_error *err)
{
    static const char op[] = "upsert ticket";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *id = 0;
    if ((rc = db_stmt(s, sql_ticket_find, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, t->account_id);
    if (db_bind_str(st, 2, t->external_id) != SQLITE_OK)
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

/* The newest customer message of the payload (0 if none). A payload
 * without its thread (a list page) then keeps what the store had, which
 * is why customer_at only ever grows: a message once seen from the
 * customer is not unsaid by a page that leaves it out. */
static time_t
ticket_customer_at(const struct ticket *t)
{
    time_t at = 0;

    for (size_t i = 0; i < t->n_messages; i++) {
        if (t->messages[i].author == AK_CUSTOMER &&
            t->messages[i].created_at > at)
            at = t->messages[i].created_at;
    }
    return at;
}

static enum td_status
ticket_write(struct store *s, struct ticket *t, struct td_error *err)
{
    static const char op[] = "upsert ticket";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_ticket_upsert, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, t->account_id);
    sqlite3_bind_int(st, 6, (int)t->priority);
    if (t->requester.id != 0)
        sqlite3_bind_int64(st, 9, t->requester.id);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)t->created_at);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)t->updated_at);
    sqlite3_bind_int64(st, 14, (sqlite3_int64)ticket_customer_at(t));
    if (db_bind_str(st, 2, t->external_id) | db_bind_str(st, 3, t->subject) |
        db_bind_str(st, 4, ticket_status_name(t->status)) |
        db_bind_str(st, 5, t->status_raw) |
        db_bind_str(st, 7, channel_name(t->channel)) |
        db_bind_str(st, 8, t->language) | db_bind_str(st, 10, t->assignee) |
        db_bind_time(st, 13, t->first_response_due) |
        db_bind_time(st, 15, t->next_response_due))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else
        t->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

static enum td_status
ticket_write_tags(struct store *s, const struct ticket *t, int existed,
                  struct td_error *err)
{
    static const char op[] = "upsert ticket tags";
    sqlite3_stmt *st;
    enum td_status rc = TD_OK;

    /* A ticket that did not exist has no tags to clear: one statement
     * less per ticket on a first sync. */
    if (existed) {
        if ((rc = db_stmt(s, sql_tags_clear, op, &st, err)) != TD_OK)
            return rc;
        sqlite3_bind_int64(st, 1, t->id);
        if ((rc = db_done(s, st, op, err)) != TD_OK)
            return rc;
    }
    for (size_t i = 0; i < t->n_tags && rc == TD_OK; i++) {
        if (t->tags[i] == NULL || t->tags[i][0] == '\0')
            continue;
        if ((rc = db_stmt(s, sql_tag_add, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, t->id);
        if (db_bind_str(st, 2, t->tags[i]) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    return rc;
}

static enum td_status
ticket_check(const struct ticket *t, struct td_error *err)
{
    static const char op[] = "upsert ticket";

    if (t->external_id == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no external id", op);
    /* Enums are stored by name: an out-of-range value would be stored as
     * "unknown" and read back as something else. */
    if ((unsigned)t->status >= TS_COUNT || (unsigned)t->priority >= TP_COUNT ||
        (unsigned)t->channel >= CH_COUNT)
        return td_error_set(err, TD_EINVAL,
                            "store: %s %s: bad status, priority or channel",
                            op, t->external_id);
    return TD_OK;
}

enum td_status
store_ticket_upsert(struct store *s, struct ticket *t, struct td_error *err)
{
    struct fts_doc old = {0};
    enum td_status rc;
    int64_t old_id = 0;
    int queued;

    if ((rc = ticket_check(t, err)) != TD_OK)
        return rc;
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    /* A requester that came with the ticket but was not stored yet. */
    if (t->requester.id == 0 && t->requester.external_id != NULL)
        rc = store_customer_upsert(s, t->account_id, &t->requester, err);
    if (rc == TD_OK)
        rc = ticket_find(s, t, &old_id, err);
    /* The text the index holds: queued already, or as the view says it
     * before this write; a new ticket has none (old.found = 0). */
    queued = old_id != 0 && fts_is_pending(s, old_id);
    if (rc == TD_OK && old_id != 0 && !queued)
        rc = fts_doc_load(s, old_id, &old, err);
    if (rc == TD_OK)
        rc = ticket_write(s, t, err);
    if (rc == TD_OK)
        rc = ticket_write_tags(s, t, old_id != 0, err);
    for (size_t i = 0; i < t->n_messages && rc == TD_OK; i++)
        rc = message_write(s, t->id, &t->messages[i], old_id == 0, err);
    if (rc == TD_OK && s->assist)
        rc = classify_ticket(s, t->id, err);
    if (rc == TD_OK)
        rc = sla_refresh_ticket(s, t->id, err);
    if (rc == TD_OK && !queued) {
        old.id = t->id;
        fts_defer(s, &old);
    }
    fts_doc_clear(&old);
    return db_savepoint_end(s, rc, err);
}

static const char sql_order_upsert[] =
    "INSERT INTO orders(account_id, external_id, number, customer_email,"
    " customer_ext_id, created_at, status, financial_status,"
    " fulfillment_status, currency, total, ship_country, ship_city) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
    "ON CONFLICT(account_id, external_id) DO UPDATE SET"
    " number = excluded.number, customer_email = excluded.customer_email,"
    " customer_ext_id = excluded.customer_ext_id,"
    " created_at = excluded.created_at, status = excluded.status,"
    " financial_status = excluded.financial_status,"
    " fulfillment_status = excluded.fulfillment_status,"
    " currency = excluded.currency, total = excluded.total,"
    " ship_country = excluded.ship_country, ship_city = excluded.ship_city "
    "RETURNING id";
static const char sql_items_clear[] =
    "DELETE FROM order_items WHERE order_id = ?1";
static const char sql_item_add[] =
    "INSERT INTO order_items(order_id, pos, sku, name, quantity, price) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
/* Shipments can arrive before their order (a carrier sync ran first). */
static const char sql_order_adopt[] =
    "UPDATE shipments SET order_id = ?1 "
    "WHERE account_id = ?2 AND order_ext_id = ?3 AND order_id IS NOT ?1";

static enum td_status
order_write(struct store *s, int64_t account_id, struct order *o,
            struct td_error *err)
{
    static const char op[] = "upsert order";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_order_upsert, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)o->created_at);
    if (db_bind_str(st, 2, o->external_id) | db_bind_str(st, 3, o->number) |
        db_bind_str(st, 4, o->customer_email) |
        db_bind_str(st, 5, o->customer_ext_id) |
        db_bind_str(st, 7, o->status) |
        db_bind_str(st, 8, o->financial_status) |
        db_bind_str(st, 9, o->fulfillment_status) |
        db_bind_str(st, 10, o->currency) | db_bind_str(st, 11, o->total) |
        db_bind_str(st, 12, o->ship_country) |
        db_bind_str(st, 13, o->ship_city))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else
        o->id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc;
}

static enum td_status
order_write_items(struct store *s, const struct order *o,
                  struct td_error *err)
{
    static const char op[] = "upsert order items";
    const struct order_item *it;
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_items_clear, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, o->id);
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    for (size_t i = 0; i < o->n_items && rc == TD_OK; i++) {
        it = &o->items[i];
        if ((rc = db_stmt(s, sql_item_add, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, o->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int(st, 5, it->quantity);
        if (db_bind_str(st, 3, it->sku) | db_bind_str(st, 4, it->name) |
            db_bind_str(st, 6, it->price)) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    return rc;
}

enum td_status
store_order_upsert(struct store *s, int64_t account_id, struct order *o,
                   struct td_error *err)
{
    static const char op[] = "upsert order";
    sqlite3_stmt *st;
    enum td_status rc;

    if (o->external_id == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no external id", op);
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    o->account_id = account_id;
    rc = order_write(s, account_id, o, err);
    if (rc == TD_OK)
        rc = order_write_items(s, o, err);
    if (rc == TD_OK)
        rc = db_stmt(s, sql_order_adopt, op, &st, err);
    if (rc == TD_OK) {
        sqlite3_bind_int64(st, 1, o->id);
        sqlite3_bind_int64(st, 2, account_id);
        if (db_bind_str(st, 3, o->external_id) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    return db_savepoint_end(s, rc, err);
}

/* The order is found by its external id in the same account; NULL
 * until the order is synced (sql_order_adopt links it then). */
static const char sql_shipment_upsert[] =
    "INSERT INTO shipments(account_id, external_id, order_id, order_ext_id,"
    " carrier, tracking_number, status, status_raw, eta) "
    "VALUES(?1, ?2, (SELECT id FROM orders WHERE account_id = ?1 AND"
    " external_id = ?3), ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(account_id, external_id) DO UPDATE SET"
    " order_id = excluded.order_id, order_ext_id = excluded.order_ext_id,"
    " carrier = excluded.carrier,"
    " tracking_number = excluded.tracking_number,"
    " status = excluded.status, status_raw = excluded.status_raw,"
    " eta = excluded.eta "
    "RETURNING id, ifnull(order_id, 0)";
static const char sql_events_clear[] =
    "DELETE FROM shipment_events WHERE shipment_id = ?1";
static const char sql_event_add[] =
    "INSERT INTO shipment_events(shipment_id, pos, time, location, status,"
    " description) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";

static enum td_status
shipment_write(struct store *s, int64_t account_id, struct shipment *sh,
               struct td_error *err)
{
    static const char op[] = "upsert shipment";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_shipment_upsert, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)sh->eta);
    if (db_bind_str(st, 2, sh->external_id) |
        db_bind_str(st, 3, sh->order_ext_id) |
        db_bind_str(st, 4, sh->carrier) |
        db_bind_str(st, 5, sh->tracking_number) |
        db_bind_str(st, 6, ship_status_name(sh->status)) |
        db_bind_str(st, 7, sh->status_raw))
        rc = db_fail(s, err, op);
    else if (sqlite3_step(st) != SQLITE_ROW)
        rc = db_fail(s, err, op);
    else {
        sh->id = sqlite3_column_int64(st, 0);
        sh->order_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_shipment_events_set(struct store *s, const struct shipment *sh,
                          struct td_error *err)
{
    static const char op[] = "upsert shipment events";
    const struct shipment_event *ev;
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_events_clear, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, sh->id);
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    for (size_t i = 0; i < sh->n_events && rc == TD_OK; i++) {
        ev = &sh->events[i];
        if ((rc = db_stmt(s, sql_event_add, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, sh->id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)ev->time);
        if (db_bind_str(st, 4, ev->location) |
            db_bind_str(st, 5, ship_status_name(ev->status)) |
            db_bind_str(st, 6, ev->description)) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else {
            rc = db_done(s, st, op, err);
        }
    }
    return rc;
}

enum td_status
store_shipment_upsert(struct store *s, int64_t account_id,
                      struct shipment *sh, struct td_error *err)
{
    enum td_status rc;

    if (sh->external_id == NULL)
        return td_error_set(err, TD_EINVAL,
                            "store: upsert shipment: no external id");
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    rc = shipment_write(s, account_id, sh, err);
    if (rc == TD_OK)
        rc = store_shipment_events_set(s, sh, err);
    return db_savepoint_end(s, rc, err);
}
