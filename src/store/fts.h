/* fts.h: the full-text index of tickets: its tokenizer and its upkeep. */
#ifndef TD_STORE_FTS_H
#define TD_STORE_FTS_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/db.h"
#include "util/error.h"

/* The name the ticket_fts table gives in tokenize='...'. */
#define FTS_TOKENIZER "ttydesk"

/* Register the "ttydesk" FTS5 tokenizer on db. It must be registered on
 * every connection before ticket_fts is touched, which is why a plain
 * sqlite3 shell cannot query ticket_fts (the other tables are fine).
 *
 * It is unicode61 (case folding, diacritics removed, combining marks kept
 * inside words so that Thai and Devanagari words stay whole), except that
 * runs of scripts written without spaces (Han, kana, Hangul, Thai, Lao,
 * Khmer, Myanmar) are cut into overlapping bigrams, the way Lucene's CJK
 * analyzer does: a quoted search for any substring of such a run of two
 * characters or more is then an FTS phrase of bigrams that matches
 * wherever the text contains it, and single characters are indexed too. */
enum td_status fts_register(sqlite3 *db, struct td_error *err);

/*
 * The FTS row of a ticket is derived from the ticket, its requester and
 * its messages through the ticket_doc view (external content). FTS5 can
 * only remove a row given the exact text it indexed, so a write that may
 * change that text first takes the indexed text (fts_doc_load) and queues
 * it (fts_defer); fts_flush later compares it with the view and replaces
 * the row if it changed.
 *
 * Queuing is for speed: sqlite 3.40's FTS5 writes its pending terms out
 * as a new segment at every savepoint and at every write statement that
 * needs a statement journal, so updating the index ticket by ticket in
 * the middle of a page made each ticket a segment (and merges). Flushed
 * together at commit, a page becomes one segment. Until then, full-text
 * search inside the open transaction does not see the page.
 */
#define FTS_PENDING_MAX 512     /* flush early past this many queued rows */

struct fts_doc {
    int64_t id;
    int found;                  /* the ticket existed (and is indexed) */
    char *subject;
    char *who;
    char *body;
};

/* The indexed text of ticket_id now; d->found is 0 if there is none. */
enum td_status fts_doc_load(struct store *s, int64_t ticket_id,
                            struct fts_doc *d, struct td_error *err);
void fts_doc_clear(struct fts_doc *d);

/* Is ticket_id queued already? Its queued text is then what the index
 * holds, and a newer load would be wrong. */
int fts_is_pending(const struct store *s, int64_t ticket_id);
/* Queue d (which the queue takes over; d is cleared). */
void fts_defer(struct store *s, struct fts_doc *d);
/* Queue every ticket whose requester is customer_id, before a change of
 * the customer's name or email. */
enum td_status fts_defer_customer(struct store *s, int64_t customer_id,
                                  struct td_error *err);
/* Bring every queued row up to date and empty the queue. On failure the
 * transaction is half-indexed and must be rolled back. */
enum td_status fts_flush(struct store *s, struct td_error *err);
/* Drop the queue (after a rollback). */
void fts_forget(struct store *s);

#endif
