/* store.h: the SQLite cache, outbox and full-text index behind the inbox. */
#ifndef TD_STORE_H
#define TD_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model.h"
#include "core/query.h"
#include "util/error.h"

/* The schema version this build writes; older stores are migrated forward. */
#define STORE_SCHEMA_VERSION 6

struct store;

/* Open (creating if needed) the store at path, make it 0600, switch it to
 * WAL and migrate it to STORE_SCHEMA_VERSION. The directory's safety is the
 * caller's business (paths.c). ":memory:" works for tests. */
enum td_status store_open(const char *path, struct store **out,
                          struct td_error *err);
/* store_open, but migrate only up to version (1 .. STORE_SCHEMA_VERSION):
 * tests use it to build a store as an older ttydesk left it. A file that
 * is already past version is left as it is. */
enum td_status store_open_version(const char *path, int version,
                                  struct store **out, struct td_error *err);
/* Close and free; NULL-safe, clears the pointer. */
void store_close(struct store **s);
/* The schema version in the file (PRAGMA user_version). */
int store_schema_version(struct store *s);

/* One transaction per page of network data (kill -9 leaves it consistent).
 * begin takes the write lock at once (BEGIN IMMEDIATE); transactions do
 * not nest. commit either stores the page or rolls it back and says why
 * (store_rollback after it is harmless). Every write below is also atomic
 * on its own, inside or outside a transaction; a failed one inside leaves
 * the rest of the page intact. Full-text search sees a page only once it
 * is committed. */
enum td_status store_begin(struct store *s, struct td_error *err);
enum td_status store_commit(struct store *s, struct td_error *err);
void store_rollback(struct store *s);

/* Check the file: sqlite's integrity_check, foreign keys, and that the
 * full-text index agrees with the tickets it was built from. TD_EIO with
 * the first problem in err. Slow on big stores: for tests and --check. */
enum td_status store_check(struct store *s, struct td_error *err);

/* ---- accounts and sync cursors ---- */

struct account_row {
    int64_t id;
    char *name;
    char *driver;
    char *url;
    time_t last_sync;       /* 0 = never */
    char *last_error;       /* NULL when the last sync went well */
    int64_t n_tickets;
};

/* Find the account by name or create it; its driver and url are updated. */
enum td_status store_account_ensure(struct store *s, const char *name,
                                    const char *driver, const char *url,
                                    int64_t *id, struct td_error *err);
/* Record the end of a sync: its time and error text (NULL = success). */
enum td_status store_account_synced(struct store *s, int64_t account_id,
                                    time_t when, const char *error,
                                    struct td_error *err);
/* All accounts, by name; the caller frees with account_rows_free. */
enum td_status store_accounts(struct store *s, struct account_row **rows,
                              size_t *n, struct td_error *err);
void account_rows_free(struct account_row **rows, size_t n);

/* Per-account named cursors for incremental sync (value NULL = unset). */
enum td_status store_cursor_get(struct store *s, int64_t account_id,
                                const char *key, char **value,
                                struct td_error *err);
enum td_status store_cursor_set(struct store *s, int64_t account_id,
                                const char *key, const char *value,
                                struct td_error *err);

/* ---- writes from the network (inside store_begin/commit) ---- */

/* Insert or update by (account, external_id); sets c->id. A NULL field
 * keeps what the store had: ticket lists often carry only the requester's
 * id and email, and must not erase the name a full fetch stored. */
enum td_status store_customer_upsert(struct store *s, int64_t account_id,
                                     struct customer *c, struct td_error *err);
/* Insert or update by (t->account_id, t->external_id); sets t->id. The
 * requester must have been upserted (t->requester.id). Tags are replaced;
 * each message in t->messages is upserted by its external_id. The FTS
 * index follows. */
enum td_status store_ticket_upsert(struct store *s, struct ticket *t,
                                   struct td_error *err);
/* Insert or update one message of a ticket by external_id; sets m->id. */
enum td_status store_message_upsert(struct store *s, int64_t ticket_id,
                                    struct message *m, struct td_error *err);
/* Insert or update by (account, external_id); items are replaced. */
enum td_status store_order_upsert(struct store *s, int64_t account_id,
                                  struct order *o, struct td_error *err);
/* Insert or update by (account, external_id), linked to the order with
 * external id s->order_ext_id; events are replaced. */
enum td_status store_shipment_upsert(struct store *s, int64_t account_id,
                                     struct shipment *sh, struct td_error *err);
/* Replace the events of the stored shipment sh->id with sh's. */
enum td_status store_shipment_events_set(struct store *s,
                                         const struct shipment *sh,
                                         struct td_error *err);

/* ---- SLA clocks ---- */

struct sla_book;

/* Hold tickets to the policies in b (borrowed: it must outlive the store
 * or the next call; NULL = the backends' due times only). When they
 * differ from the ones the file was last computed with, every ticket's
 * sla_due is worked out again (the CLI and the console see the same
 * clocks however the rc file changed in between). Ticket and message
 * upserts then keep sla_due in step. */
enum td_status store_sla_apply(struct store *s, const struct sla_book *b,
                               struct td_error *err);
/* The soonest due time at or after `after` of any ticket (0 if none):
 * the console wakes then, when a row turns overdue or enters a view. */
enum td_status store_sla_next(struct store *s, time_t after, time_t *due,
                              struct td_error *err);

/* ---- reads ---- */

/* Fill rows[0..n) with the tickets at offset of the query's result, in its
 * sort order; *got says how many. Rows have no messages; the requester is
 * filled. Each row is released with ticket_clear. Everything is done in
 * SQL: the store never holds the whole result. */
enum td_status store_inbox_page(struct store *s, const struct query *q,
                                size_t offset, size_t n, struct ticket *rows,
                                size_t *got, struct td_error *err);
/* How many tickets the query matches. */
enum td_status store_inbox_count(struct store *s, const struct query *q,
                                 int64_t *count, struct td_error *err);
/* The position of ticket id in the query's result, -1 if absent. */
enum td_status store_inbox_position(struct store *s, const struct query *q,
                                    int64_t id, int64_t *pos,
                                    struct td_error *err);
/* The plan sqlite chose for the page query, one line per step (EXPLAIN
 * QUERY PLAN): for bench/ and tests that check the sorts use an index.
 * The caller frees *plan. */
enum td_status store_inbox_explain(struct store *s, const struct query *q,
                                   char **plan, struct td_error *err);
/* Tickets per normalised status, for the status bar. */
enum td_status store_status_counts(struct store *s, int64_t counts[TS_COUNT],
                                   struct td_error *err);

/* How many tickets are unread (never seen, or the customer wrote since),
 * for the status bar. */
enum td_status store_unread_count(struct store *s, int64_t *count,
                                  struct td_error *err);

/* Mark ticket id seen as it is now (seen != 0) or unread again (seen ==
 * 0). A later message from the customer makes a seen ticket unread; a
 * re-sync that brings nothing new does not. TD_ENOTFOUND if no such
 * ticket. */
enum td_status store_ticket_mark_seen(struct store *s, int64_t id, int seen,
                                      struct td_error *err);

/* One ticket with its requester, tags and messages (oldest first). */
enum td_status store_ticket_get(struct store *s, int64_t id,
                                struct ticket **out, struct td_error *err);
/* The store id of (account name, external id). TD_ENOTFOUND if absent. */
enum td_status store_ticket_lookup(struct store *s, const char *account,
                                   const char *external_id, int64_t *id,
                                   struct td_error *err);

/* Orders of the ticket's buyer (same account, by customer external id or
 * email), newest first. The caller frees with orders_free. */
enum td_status store_orders_for_ticket(struct store *s, int64_t ticket_id,
                                       struct order **orders, size_t *n,
                                       struct td_error *err);
void orders_free(struct order **orders, size_t n);
/* Shipments of one order with their events (oldest first). */
enum td_status store_shipments_for_order(struct store *s, int64_t order_id,
                                         struct shipment **out, size_t *n,
                                         struct td_error *err);
void shipments_free(struct shipment **out, size_t n);

/* ---- the outbox: nothing lost, nothing sent twice ---- */

enum outbox_state {
    OB_QUEUED = 0,
    OB_SENDING,
    OB_SENT,
    OB_HELD,
    OB_FAILED,
    OB_COUNT
};

struct outbox_item {
    int64_t id;
    int64_t ticket_id;
    char *account;          /* filled by reads */
    char *ticket_ext_id;    /* filled by reads */
    int is_note;            /* internal note rather than public reply */
    char *body;
    char *set_status;       /* status to apply after sending, NULL = keep */
    enum outbox_state state;
    char *error;            /* why held or failed */
    char *token;            /* unique per item; lets a resend find itself */
    char *remote_id;        /* the backend's id once sent */
    int attempts;
    time_t created_at;
    time_t updated_at;
    time_t send_at;         /* 0 = as soon as possible */
    /* The ticket's updated_at when the reply was written (0 on add: the
     * ticket's as stored now): the send guard holds the reply when the
     * thread has news after it. */
    time_t base_at;
};

const char *outbox_state_name(enum outbox_state st);
/* Queue an item (state queued); sets it->id, it->token if NULL, times. */
enum td_status store_outbox_add(struct store *s, struct outbox_item *it,
                                struct td_error *err);
/* Move an item to a new state with an optional error and remote id. */
enum td_status store_outbox_set_state(struct store *s, int64_t id,
                                      enum outbox_state st, const char *error,
                                      const char *remote_id,
                                      struct td_error *err);
/* Items in a state (-1 = all), oldest first; free with outbox_items_free. */
enum td_status store_outbox_list(struct store *s, int state,
                                 struct outbox_item **items, size_t *n,
                                 struct td_error *err);
void outbox_item_clear(struct outbox_item *it);
void outbox_items_free(struct outbox_item **items, size_t n);

/* ---- drafts, saved as the agent types ---- */

/* Save (replace) the draft of a ticket. */
enum td_status store_draft_save(struct store *s, int64_t ticket_id,
                                const char *body, int is_note,
                                const char *set_status, struct td_error *err);
/* Load it; *body NULL when there is none. Caller frees body and set_status. */
enum td_status store_draft_load(struct store *s, int64_t ticket_id,
                                char **body, int *is_note, char **set_status,
                                struct td_error *err);
enum td_status store_draft_delete(struct store *s, int64_t ticket_id,
                                  struct td_error *err);

#endif
