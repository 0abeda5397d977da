/* schema.c: the store's tables, as forward migrations keyed by user_version. */
#include "store/schema.h"

#include <stdio.h>

#include "store/fts.h"

/*
 * Migration N takes a file from version N-1 to N. A migration, once
 * released, never changes: a new column or index is a new migration.
 *
 * Conventions: times are UTC seconds (0 = unknown) except
 * first_response_due, which is NULL when the ticket has no SLA so that
 * "has a due time" sorts and indexes naturally. Enumerations are stored
 * by their model.h names ('open', 'whatsapp', ...) so that reordering an
 * enum never reinterprets a file; priority is the exception, stored as
 * its rank 0 (low) .. 3 (urgent) because the inbox sorts by it.
 */

/* Version 1: the cache of what the helpdesks and shops said. */
static const char migration_1[] =
    "CREATE TABLE accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  driver TEXT NOT NULL,"
    "  url TEXT,"
    "  last_sync INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT);"
    "CREATE TABLE sync_cursors ("
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (account_id, key)) WITHOUT ROWID;"
    "CREATE TABLE customers ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  external_id TEXT NOT NULL,"
    "  name TEXT, email TEXT, phone TEXT, country TEXT, timezone TEXT,"
    "  locale TEXT,"
    "  UNIQUE (account_id, external_id));"
    "CREATE INDEX customers_email ON customers(account_id,"
    "  email COLLATE NOCASE);"
    "CREATE TABLE tickets ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  external_id TEXT NOT NULL,"
    "  subject TEXT,"
    "  status TEXT NOT NULL,"
    "  status_raw TEXT,"
    "  priority INTEGER NOT NULL,"
    "  channel TEXT NOT NULL,"
    "  language TEXT,"
    "  requester_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,"
    "  assignee TEXT,"
    "  created_at INTEGER NOT NULL DEFAULT 0,"
    "  updated_at INTEGER NOT NULL DEFAULT 0,"
    "  first_response_due INTEGER,"
    "  UNIQUE (account_id, external_id));"
    "CREATE INDEX tickets_requester ON tickets(requester_id);"
    /* NOCASE: backends disagree on the case of tags, people do not. */
    "CREATE TABLE ticket_tags ("
    "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
    "  tag TEXT NOT NULL COLLATE NOCASE,"
    "  PRIMARY KEY (ticket_id, tag)) WITHOUT ROWID;"
    "CREATE INDEX ticket_tags_tag ON ticket_tags(tag);"
    "CREATE TABLE messages ("
    "  id INTEGER PRIMARY KEY,"
    "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
    "  external_id TEXT NOT NULL,"
    "  author TEXT NOT NULL,"
    "  author_name TEXT,"
    "  is_public INTEGER NOT NULL DEFAULT 1,"
    "  body TEXT,"
    "  html TEXT,"
    "  created_at INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (ticket_id, external_id));"
    "CREATE INDEX messages_thread ON messages(ticket_id, created_at, id);"
    "CREATE TABLE attachments ("
    "  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  name TEXT,"
    "  size INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (message_id, pos)) WITHOUT ROWID;"
    "CREATE TABLE orders ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  external_id TEXT NOT NULL,"
    "  number TEXT, customer_email TEXT, customer_ext_id TEXT,"
    "  created_at INTEGER NOT NULL DEFAULT 0,"
    "  status TEXT, financial_status TEXT, fulfillment_status TEXT,"
    "  currency TEXT, total TEXT, ship_country TEXT, ship_city TEXT,"
    "  UNIQUE (account_id, external_id));"
    "CREATE INDEX orders_customer ON orders(account_id, customer_ext_id);"
    "CREATE INDEX orders_email ON orders(account_id,"
    "  customer_email COLLATE NOCASE);"
    "CREATE TABLE order_items ("
    "  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  sku TEXT, name TEXT,"
    "  quantity INTEGER NOT NULL DEFAULT 1,"
    "  price TEXT,"
    "  PRIMARY KEY (order_id, pos)) WITHOUT ROWID;"
    "CREATE TABLE shipments ("
    "  id INTEGER PRIMARY KEY,"
    "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    "  external_id TEXT NOT NULL,"
    "  order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL,"
    "  order_ext_id TEXT,"
    "  carrier TEXT, tracking_number TEXT,"
    "  status TEXT NOT NULL,"
    "  status_raw TEXT,"
    "  eta INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (account_id, external_id));"
    "CREATE INDEX shipments_order ON shipments(order_id);"
    "CREATE INDEX shipments_order_ext ON shipments(account_id, order_ext_id);"
    "CREATE TABLE shipment_events ("
    "  shipment_id INTEGER NOT NULL REFERENCES shipments(id)"
    "    ON DELETE CASCADE,"
    "  pos INTEGER NOT NULL,"
    "  time INTEGER NOT NULL DEFAULT 0,"
    "  location TEXT,"
    "  status TEXT NOT NULL,"
    "  description TEXT,"
    "  PRIMARY KEY (shipment_id, pos)) WITHOUT ROWID;";

/*
 * Version 2: the outbox, drafts, full-text search and the inbox indexes.
 *
 * ticket_fts has one row per ticket (rowid = tickets.id) and takes its
 * text from the ticket_doc view (external content), so message bodies are
 * not stored twice; fts.c keeps it in step. Messages are concatenated in
 * thread order so that the view gives the same text every time, which the
 * FTS 'delete' and 'integrity-check' commands rely on.
 *
 * Each inbox sort has an index whose columns are its ORDER BY, ending in
 * the id tiebreak, so a page at any offset walks the index without a sort
 * step; status rides along so that the common status filter is answered
 * from the index too.
 */
static const char migration_2[] =
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY,"
    "  ticket_id INTEGER NOT NULL REFERENCES tickets(id),"
    "  is_note INTEGER NOT NULL DEFAULT 0,"
    "  body TEXT NOT NULL,"
    "  set_status TEXT,"
    "  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN"
    "    ('queued', 'sending', 'sent', 'held', 'failed')),"
    "  error TEXT,"
    "  token TEXT NOT NULL UNIQUE,"
    "  remote_id TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  send_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX outbox_state ON outbox(state, created_at, id);"
    "CREATE TABLE drafts ("
    "  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id)"
    "    ON DELETE CASCADE,"
    "  body TEXT NOT NULL,"
    "  is_note INTEGER NOT NULL DEFAULT 0,"
    "  set_status TEXT,"
    "  updated_at INTEGER NOT NULL);"
    "CREATE VIEW ticket_doc AS"
    "  SELECT t.id AS id, t.subject AS subject,"
    "    trim(ifnull(c.name, '') || ' ' || ifnull(c.email, '')) AS who,"
    "    (SELECT group_concat(m.body, char(10)) FROM"
    "      (SELECT body FROM messages WHERE ticket_id = t.id"
    "       ORDER BY created_at, id) AS m) AS body"
    "  FROM tickets t LEFT JOIN customers c ON c.id = t.requester_id;"
    "CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, who, body,"
    "  content='ticket_doc', content_rowid='id',"
    "  tokenize='" FTS_TOKENIZER "');"
    "INSERT INTO ticket_fts(ticket_fts) VALUES('rebuild');"
    "CREATE INDEX tickets_sla ON tickets((first_response_due IS NULL),"
    "  first_response_due, updated_at DESC, id, status);"
    "CREATE INDEX tickets_updated ON tickets(updated_at DESC, id, status);"
    "CREATE INDEX tickets_created ON tickets(created_at DESC, id, status);"
    "CREATE INDEX tickets_priority ON tickets(priority DESC,"
    "  updated_at DESC, id, status);"
    "CREATE INDEX tickets_status ON tickets(status);"
    "CREATE INDEX orders_number ON orders(ltrim(number, '#') COLLATE NOCASE);";

/*
 * Version 3: unread state, the way a mail reader shows new mail.
 *
 * seen_at is the time the agent last looked at the ticket (its updated_at
 * then, or its newest customer message if that is later; NULL = never).
 * customer_at is the time of the newest message from the customer, kept
 * by the upserts so that "a customer wrote since" is a comparison of two
 * columns rather than a search of the thread per row: an agent's reply
 * or a status change moves updated_at but leaves the ticket read.
 *
 * Tickets already in the file count as seen: version 2 had no unread
 * state, and an upgrade that turned a whole working inbox bold would
 * tell the agent nothing.
 *
 * tickets_unread holds only the unread rows, so the status bar's count
 * costs one step per unread ticket; its WHERE is SCHEMA_UNREAD_INDEXED,
 * which the queries repeat: sqlite uses a partial index only for a query
 * that states its WHERE term the same way.
 */
static const char migration_3[] =
    "ALTER TABLE tickets ADD COLUMN seen_at INTEGER;"
    "ALTER TABLE tickets ADD COLUMN customer_at INTEGER NOT NULL DEFAULT 0;"
    "UPDATE tickets SET customer_at = ifnull((SELECT max(m.created_at)"
    "  FROM messages m WHERE m.ticket_id = tickets.id"
    "  AND m.author = 'customer'), 0);"
    "UPDATE tickets SET seen_at = max(updated_at, customer_at);"
    "CREATE INDEX tickets_unread ON tickets(id) WHERE "
    SCHEMA_UNREAD_INDEXED ";";

/*
 * Version 4: what the assist, the order panel, the SLA clocks, the send
 * guard and the statistics keep.
 *
 * tickets.language stays the backend's word or the detected one as the
 * driver gave it; the detector's own guess and its confidence (0..1) sit
 * beside it in language_conf, and the backend's word, when it has one,
 * in backend_language. intent and intent_conf are the intent tagger's
 * label and confidence (NULL: not classified yet). messages carry their
 * own language and confidence.
 *
 * first_reply_at is the time of the first public agent message, kept by
 * a trigger so that no writer can forget it; agent_at the newest one.
 * next_response_due is the backend's (or the SLA policy's) next-response
 * due time, NULL when none.
 *
 * outbox.base_updated_at and base_customer_at are the ticket's
 * updated_at and customer_at when the reply was written: the send guard
 * holds the reply when the ticket has moved since.
 *
 * orders_email_any finds a buyer's orders in every shop by address;
 * shipments_tracking finds a parcel by its number however it was
 * written (SCHEMA_TRACKING_KEY, which the queries repeat).
 *
 * commerce_cache keeps what shops and trackers answered, with its time
 * to live; ticket_orders the orders an agent linked to a ticket by hand
 * (or that matching found); translations the translations already paid
 * for, keyed by a hash of provider, languages and text.
 */
static const char migration_4[] =
    "ALTER TABLE tickets ADD COLUMN language_conf REAL;"
    "ALTER TABLE tickets ADD COLUMN backend_language TEXT;"
    "ALTER TABLE tickets ADD COLUMN intent TEXT;"
    "ALTER TABLE tickets ADD COLUMN intent_conf REAL;"
    "ALTER TABLE tickets ADD COLUMN first_reply_at INTEGER NOT NULL"
    "  DEFAULT 0;"
    "ALTER TABLE tickets ADD COLUMN agent_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE tickets ADD COLUMN next_response_due INTEGER;"
    "ALTER TABLE messages ADD COLUMN language TEXT;"
    "ALTER TABLE messages ADD COLUMN language_conf REAL;"
    "ALTER TABLE outbox ADD COLUMN base_updated_at INTEGER NOT NULL"
    "  DEFAULT 0;"
    "ALTER TABLE outbox ADD COLUMN base_customer_at INTEGER NOT NULL"
    "  DEFAULT 0;"
    "UPDATE tickets SET"
    "  first_reply_at = ifnull((SELECT min(m.created_at) FROM messages m"
    "    WHERE m.ticket_id = tickets.id AND m.author = 'agent'"
    "    AND m.is_public = 1), 0),"
    "  agent_at = ifnull((SELECT max(m.created_at) FROM messages m"
    "    WHERE m.ticket_id = tickets.id AND m.author = 'agent'"
    "    AND m.is_public = 1), 0);"
    "CREATE TRIGGER messages_agent_at AFTER INSERT ON messages"
    "  WHEN new.author = 'agent' AND new.is_public = 1 BEGIN"
    "  UPDATE tickets SET"
    "    first_reply_at = CASE WHEN first_reply_at = 0"
    "      OR first_reply_at > new.created_at THEN new.created_at"
    "      ELSE first_reply_at END,"
    "    agent_at = max(agent_at, new.created_at)"
    "  WHERE id = new.ticket_id; END;"
    "CREATE INDEX tickets_intent ON tickets(intent, updated_at DESC, id);"
    "CREATE INDEX tickets_language ON tickets(language);"
    "CREATE INDEX orders_email_any ON orders(customer_email COLLATE NOCASE);"
    "CREATE INDEX shipments_tracking ON shipments("
    SCHEMA_TRACKING_KEY ");"
    "CREATE TABLE commerce_cache ("
    "  source TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  fetched_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL,"
    "  error TEXT,"
    "  PRIMARY KEY (source, kind, key)) WITHOUT ROWID;"
    "CREATE TABLE ticket_orders ("
    "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
    "  order_ref TEXT NOT NULL,"
    "  how TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (ticket_id, order_ref)) WITHOUT ROWID;"
    "CREATE TABLE translations ("
    "  key TEXT PRIMARY KEY,"
    "  provider TEXT NOT NULL,"
    "  src TEXT,"
    "  dst TEXT NOT NULL,"
    "  text TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL) WITHOUT ROWID;";

/*
 * Version 5: the SLA clock each ticket is held to.
 *
 * sla_due is the due time the ticket owes now (core/sla.c): the first
 * reply's while there is none, the next reply's while the buyer waits,
 * NULL when nothing is owed (solved, pending, the buyer's turn, no
 * policy). The backend's own due times (first_response_due,
 * next_response_due) stay as the driver wrote them and win over the rc
 * file's policies; sla_source says which gave sla_due ("backend" or the
 * policy's name). The store writes sla_due with every ticket and
 * message it writes, and for every ticket when the policies change
 * (meta.sla_policies holds the ones the column was computed with), so
 * that the inbox sorts and filters by it in SQL.
 *
 * Until the policies are applied, a ticket is held to its backend's
 * first-response due time, as in version 4.
 */
static const char migration_5[] =
    "ALTER TABLE tickets ADD COLUMN sla_due INTEGER;"
    "ALTER TABLE tickets ADD COLUMN sla_source TEXT;"
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL) WITHOUT ROWID;"
    "UPDATE tickets SET sla_due = first_response_due, sla_source = 'backend'"
    "  WHERE first_response_due IS NOT NULL AND first_reply_at = 0"
    "  AND status IN ('new', 'open');"
    "DROP INDEX tickets_sla;"
    "CREATE INDEX tickets_sla_due ON tickets((sla_due IS NULL),"
    "  sla_due, updated_at DESC, id, status);";

/*
 * Version 6: the search index again, for the tokenizer now folds what
 * buyers type alike (the Turkish dotless i, Vietnamese d with stroke,
 * the Arabic alef forms, teh marbuta, alef maksura and short vowels):
 * tokens already indexed were written unfolded.
 */
static const char migration_6[] =
    "INSERT INTO ticket_fts(ticket_fts) VALUES('rebuild');";

/* migrations[i] takes the file from version i to i+1. */
static const char *const migrations[] = {
    migration_1,
    migration_2,
    migration_3,
    migration_4,
    migration_5,
    migration_6,
};

_Static_assert(sizeof migrations / sizeof migrations[0] ==
                   STORE_SCHEMA_VERSION,
               "one migration per schema version");

enum td_status
schema_version(struct store *s, int *v, struct td_error *err)
{
    sqlite3_stmt *st = NULL;
    enum td_status rc = TD_OK;

    *v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
        SQLITE_OK)
        return db_fail(s, err, "read schema version");
    if (sqlite3_step(st) == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    else
        rc = db_fail(s, err, "read schema version");
    sqlite3_finalize(st);
    return rc;
}

static enum td_status
schema_too_new(struct store *s, int v, struct td_error *err)
{
    return td_error_set(err, TD_ENOTSUP,
                        "store: %s has schema version %d but this ttydesk "
                        "only knows versions up to %d; it was written by a "
                        "newer ttydesk, which is needed to open it",
                        s->path, v, STORE_SCHEMA_VERSION);
}

/* One migration in one transaction. BEGIN IMMEDIATE takes the write lock
 * first, and the version is read again under it: another process may
 * have migrated the file meanwhile. */
static enum td_status
schema_step(struct store *s, int to, struct td_error *err)
{
    char sql[64], op[64];
    enum td_status rc;
    int v;

    snprintf(op, sizeof op, "migrate to schema version %d", to);
    if ((rc = db_exec(s, "BEGIN IMMEDIATE", op, err)) != TD_OK)
        return rc;
    if ((rc = schema_version(s, &v, err)) != TD_OK)
        goto out;
    if (v > STORE_SCHEMA_VERSION) {
        rc = schema_too_new(s, v, err);
        goto out;
    }
    if (v >= to)
        return db_exec(s, "COMMIT", op, err);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
    if ((rc = db_exec(s, migrations[v], op, err)) == TD_OK &&
        (rc = db_exec(s, sql, op, err)) == TD_OK)
        rc = db_exec(s, "COMMIT", op, err);
out:
    if (rc != TD_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

enum td_status
schema_migrate(struct store *s, int target, struct td_error *err)
{
    enum td_status rc;
    int v;

    if ((rc = schema_version(s, &v, err)) != TD_OK)
        return rc;
    if (v > STORE_SCHEMA_VERSION)
        return schema_too_new(s, v, err);
    if (target < 0 || target > STORE_SCHEMA_VERSION)
        return td_error_set(err, TD_EINVAL,
                            "store: no schema version %d", target);
    while (v < target) {
        if ((rc = schema_step(s, v + 1, err)) != TD_OK ||
            (rc = schema_version(s, &v, err)) != TD_OK)
            return rc;
    }
    return TD_OK;
}
