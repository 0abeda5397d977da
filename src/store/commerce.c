/* commerce.c: the cache of shop and carrier lookups, ticket-order links,
 * and parcels brought up to date by a tracker. */
#include "store/commerce.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/read.h"
#include "store/schema.h"
#include "util/xmalloc.h"

static const char sql_cache_get[] =
    "SELECT fetched_at, expires_at, error FROM commerce_cache"
    " WHERE source = ?1 AND kind = ?2 AND key = ?3";
static const char sql_cache_put[] =
    "INSERT INTO commerce_cache(source, kind, key, body, fetched_at,"
    " expires_at, error) VALUES(?1, ?2, ?3, '', ?4, ?5, ?6)"
    " ON CONFLICT(source, kind, key) DO UPDATE SET"
    " fetched_at = excluded.fetched_at, expires_at = excluded.expires_at,"
    " error = excluded.error";

enum td_status
store_cache_get(struct store *s, const char *source, const char *kind,
                const char *key, struct cache_entry *out,
                struct td_error *err)
{
    static const char op[] = "read the lookup cache";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    memset(out, 0, sizeof *out);
    if ((rc = db_stmt(s, sql_cache_get, op, &st, err)) != TD_OK)
        return rc;
    if (db_bind_str(st, 1, source) | db_bind_str(st, 2, kind) |
        db_bind_str(st, 3, key))
        rc = db_fail(s, err, op);
    else if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        out->fetched_at = (time_t)sqlite3_column_int64(st, 0);
        out->expires_at = (time_t)sqlite3_column_int64(st, 1);
        out->error = db_col_str(st, 2);
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_cache_put(struct store *s, const char *source, const char *kind,
                const char *key, long ttl, const char *error,
                struct td_error *err)
{
    static const char op[] = "write the lookup cache";
    time_t now = time(NULL);
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_cache_put, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)(now + ttl));
    if (db_bind_str(st, 1, source) | db_bind_str(st, 2, kind) |
        db_bind_str(st, 3, key) | db_bind_str(st, 6, error)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

void
cache_entry_clear(struct cache_entry *e)
{
    free(e->error);
    memset(e, 0, sizeof *e);
}

/* The cache rows behind a ticket: its buyer's address and the numbers
 * linked to it, in every source. */
static const char sql_summary[] =
    "SELECT min(k.fetched_at), sum(k.error IS NOT NULL),"
    " (SELECT k2.error FROM commerce_cache k2 WHERE k2.error IS NOT NULL"
    "   AND ((k2.kind = 'email' AND k2.key = lower(c.email))"
    "    OR k2.key IN (SELECT order_ref FROM ticket_orders"
    "      WHERE ticket_id = ?1))"
    "  ORDER BY k2.fetched_at DESC LIMIT 1) "
    "FROM tickets t LEFT JOIN customers c ON c.id = t.requester_id"
    " JOIN commerce_cache k ON (k.kind = 'email' AND k.key = lower(c.email))"
    "  OR k.key IN (SELECT order_ref FROM ticket_orders WHERE ticket_id = ?1)"
    " WHERE t.id = ?1";

enum td_status
store_cache_summary(struct store *s, int64_t ticket_id,
                    struct cache_summary *out, struct td_error *err)
{
    static const char op[] = "read the lookup cache";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    memset(out, 0, sizeof *out);
    if ((rc = db_stmt(s, sql_summary, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        out->oldest = (time_t)sqlite3_column_int64(st, 0);
        out->n_failed = (size_t)sqlite3_column_int64(st, 1);
        out->error = db_col_str(st, 2);
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

void
cache_summary_clear(struct cache_summary *c)
{
    free(c->error);
    memset(c, 0, sizeof *c);
}

/* The buyer's own words: the subject and the customer's messages. */
static const char sql_refs_text[] =
    "SELECT t.subject, lower(c.email) FROM tickets t"
    " LEFT JOIN customers c ON c.id = t.requester_id WHERE t.id = ?1";
static const char sql_refs_bodies[] =
    "SELECT body FROM messages WHERE ticket_id = ?1 AND author = 'customer'"
    " ORDER BY created_at, id";
static const char sql_refs_links[] =
    "SELECT order_ref, how FROM ticket_orders WHERE ticket_id = ?1"
    " AND how IN ('manual', 'manual-tracking') ORDER BY created_at";

enum td_status
store_ticket_refs(struct store *s, int64_t ticket_id, char **email,
                  struct order_refs *refs, struct td_error *err)
{
    static const char op[] = "read the ticket's order numbers";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *email = NULL;
    if ((rc = db_stmt(s, sql_refs_text, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        ordermatch_scan((const char *)sqlite3_column_text(st, 0), refs);
        *email = db_col_str(st, 1);
    } else {
        rc = step == SQLITE_DONE
                 ? td_error_set(err, TD_ENOTFOUND, "no ticket %lld",
                                (long long)ticket_id)
                 : db_fail(s, err, op);
    }
    sqlite3_reset(st);
    if (rc != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_refs_bodies, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW)
        ordermatch_scan((const char *)sqlite3_column_text(st, 0), refs);
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    if (rc != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_refs_links, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *ref = (const char *)sqlite3_column_text(st, 0);
        const char *how = (const char *)sqlite3_column_text(st, 1);

        if (ref && how && strcmp(how, "manual") == 0)
            order_refs_add_number(refs, ref);
        else if (ref)
            order_refs_add_tracking(refs, ref);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}

static const char sql_links_clear[] =
    "DELETE FROM ticket_orders WHERE ticket_id = ?1"
    " AND how IN ('text', 'tracking')";
static const char sql_link_add[] =
    "INSERT OR IGNORE INTO ticket_orders(ticket_id, order_ref, how,"
    " created_at) VALUES(?1, ?2, ?3, ?4)";
static const char sql_link_del[] =
    "DELETE FROM ticket_orders WHERE ticket_id = ?1 AND order_ref = ?2";

static enum td_status
link_add(struct store *s, int64_t ticket_id, const char *ref,
         const char *how, struct td_error *err)
{
    static const char op[] = "link an order";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_link_add, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
    if (db_bind_str(st, 2, ref) | db_bind_str(st, 3, how)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

enum td_status
store_ticket_links_found(struct store *s, int64_t ticket_id,
                         const struct order_refs *refs,
                         struct td_error *err)
{
    static const char op[] = "link orders";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_links_clear, op, &st, err)) == TD_OK) {
        sqlite3_bind_int64(st, 1, ticket_id);
        rc = db_done(s, st, op, err);
    }
    for (size_t i = 0; rc == TD_OK && i < refs->n_numbers; i++)
        rc = link_add(s, ticket_id, refs->numbers[i], "text", err);
    for (size_t i = 0; rc == TD_OK && i < refs->n_tracking; i++)
        rc = link_add(s, ticket_id, refs->tracking[i], "tracking", err);
    return db_savepoint_end(s, rc, err);
}

enum td_status
store_ticket_link(struct store *s, int64_t ticket_id, const char *number,
                  int link, struct td_error *err)
{
    static const char op[] = "unlink an order";
    struct order_refs r = { 0 };
    sqlite3_stmt *st;
    enum td_status rc;

    order_refs_add_number(&r, number);
    if (r.n_numbers == 0) {
        order_refs_clear(&r);
        return td_error_set(err, TD_EINVAL, "'%s' is not an order number",
                            number);
    }
    if (link) {
        /* A manual link replaces a found one of the same number. */
        if ((rc = db_stmt(s, sql_link_del, op, &st, err)) == TD_OK) {
            sqlite3_bind_int64(st, 1, ticket_id);
            if (db_bind_str(st, 2, r.numbers[0]) != SQLITE_OK) {
                sqlite3_reset(st);
                rc = db_fail(s, err, op);
            } else {
                rc = db_done(s, st, op, err);
            }
        }
        if (rc == TD_OK)
            rc = link_add(s, ticket_id, r.numbers[0], "manual", err);
    } else if ((rc = db_stmt(s, sql_link_del, op, &st, err)) == TD_OK) {
        sqlite3_bind_int64(st, 1, ticket_id);
        if (db_bind_str(st, 2, r.numbers[0]) != SQLITE_OK) {
            sqlite3_reset(st);
            rc = db_fail(s, err, op);
        } else if ((rc = db_done(s, st, op, err)) == TD_OK &&
                   sqlite3_changes(s->db) == 0) {
            rc = td_error_set(err, TD_ENOTFOUND, "order %s is not linked "
                              "to this ticket", r.numbers[0]);
        }
    }
    order_refs_clear(&r);
    return rc;
}

static const char sql_tracking[] =
    "SELECT DISTINCT " SCHEMA_TRACKING_SH " FROM shipments sh"
    " WHERE sh.order_id = ?1 AND sh.tracking_number <> ''";
static const char sql_tracking_links[] =
    "SELECT order_ref FROM ticket_orders WHERE ticket_id = ?1"
    " AND how IN ('tracking', 'manual-tracking')";

static void
strings_add(char ***v, size_t *n, const char *str)
{
    if (str == NULL || *str == '\0')
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], str) == 0)
            return;
    *v = xreallocarray(*v, *n + 1, sizeof **v);
    (*v)[(*n)++] = xstrdup(str);
}

enum td_status
store_ticket_tracking(struct store *s, int64_t ticket_id, char ***out,
                      size_t *n, struct td_error *err)
{
    static const char op[] = "read the ticket's parcels";
    struct order *orders = NULL;
    size_t n_orders = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *out = NULL;
    *n = 0;
    if ((rc = store_orders_for_ticket(s, ticket_id, &orders, &n_orders,
                                      err)) != TD_OK)
        return rc;
    for (size_t i = 0; rc == TD_OK && i < n_orders; i++) {
        if ((rc = db_stmt(s, sql_tracking, op, &st, err)) != TD_OK)
            break;
        sqlite3_bind_int64(st, 1, orders[i].id);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            strings_add(out, n, (const char *)sqlite3_column_text(st, 0));
        if (step != SQLITE_DONE)
            rc = db_fail(s, err, op);
        sqlite3_reset(st);
    }
    orders_free(&orders, n_orders);
    if (rc == TD_OK && (rc = db_stmt(s, sql_tracking_links, op, &st, err)) ==
        TD_OK) {
        sqlite3_bind_int64(st, 1, ticket_id);
        while ((step = sqlite3_step(st)) == SQLITE_ROW)
            strings_add(out, n, (const char *)sqlite3_column_text(st, 0));
        if (step != SQLITE_DONE)
            rc = db_fail(s, err, op);
        sqlite3_reset(st);
    }
    if (rc != TD_OK)
        store_strings_free(out, *n);
    return rc;
}

void
store_strings_free(char ***v, size_t n)
{
    if (v == NULL || *v == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        free((*v)[i]);
    free(*v);
    *v = NULL;
}

static const char sql_track_rows[] =
    "SELECT id FROM shipments WHERE " SCHEMA_TRACKING_KEY
    " = replace(upper(?1), '-', '')";
static const char sql_track_update[] =
    "UPDATE shipments SET status = ?2, status_raw = ?3,"
    " eta = CASE WHEN ?4 > 0 THEN ?4 ELSE eta END,"
    " carrier = ifnull(carrier, ?5) WHERE id = ?1";

static enum td_status
track_update_row(struct store *s, int64_t id, struct shipment *tracked,
                 struct td_error *err)
{
    static const char op[] = "update a parcel";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql_track_update, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)tracked->eta);
    if (db_bind_str(st, 2, ship_status_name(tracked->status)) |
        db_bind_str(st, 3, tracked->status_raw) |
        db_bind_str(st, 5, tracked->carrier)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    if ((rc = db_done(s, st, op, err)) != TD_OK)
        return rc;
    tracked->id = id;
    return store_shipment_events_set(s, tracked, err);
}

enum td_status
store_shipment_track(struct store *s, int64_t tracker_id,
                     struct shipment *tracked, size_t *updated,
                     struct td_error *err)
{
    static const char op[] = "update a parcel";
    int64_t *ids = NULL;
    size_t n = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if (updated)
        *updated = 0;
    if (tracked->tracking_number == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: no number", op);
    if ((rc = db_savepoint(s, err)) != TD_OK)
        return rc;
    if ((rc = db_stmt(s, sql_track_rows, op, &st, err)) == TD_OK) {
        if (db_bind_str(st, 1, tracked->tracking_number) != SQLITE_OK)
            rc = db_fail(s, err, op);
        else {
            while ((step = sqlite3_step(st)) == SQLITE_ROW) {
                ids = xreallocarray(ids, n + 1, sizeof *ids);
                ids[n++] = sqlite3_column_int64(st, 0);
            }
            if (step != SQLITE_DONE)
                rc = db_fail(s, err, op);
        }
        sqlite3_reset(st);
    }
    for (size_t i = 0; rc == TD_OK && i < n; i++)
        rc = track_update_row(s, ids[i], tracked, err);
    if (rc == TD_OK && n == 0) {
        /* A parcel no stored order knows: kept on its own. */
        free(tracked->external_id);
        tracked->external_id = xstrdup(tracked->tracking_number);
        rc = store_shipment_upsert(s, tracker_id, tracked, err);
        n = 1;
    }
    free(ids);
    if (rc == TD_OK && updated)
        *updated = n;
    return db_savepoint_end(s, rc, err);
}

/* A join from the ticket's links, so that the tracking index answers
 * (the + drops order_ref's affinity, which would keep sqlite off it). */
static const char sql_loose[] =
    "SELECT " READ_SHIPMENT_COLS " FROM ticket_orders l JOIN shipments"
    " ON " SCHEMA_TRACKING_KEY " = +l.order_ref"
    " WHERE l.ticket_id = ?1 AND l.how IN ('tracking', 'manual-tracking')"
    " AND +order_id IS NULL ORDER BY id";

enum td_status
store_ticket_loose_shipments(struct store *s, int64_t ticket_id,
                             struct shipment **out, size_t *n,
                             struct td_error *err)
{
    return read_shipments(s, sql_loose, ticket_id, out, n, err);
}
