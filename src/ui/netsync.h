/* netsync.h: network accounts in the console's poll loop: background
 * syncs, their progress and state, and sends that do not block. */
#ifndef TD_NETSYNC_H
#define TD_NETSYNC_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct account;
struct buf;
struct netsync;
struct ui;

/* The console's state for its network accounts (NULL when it has none:
 * every other function is then a no-op). Each is due to sync at once.
 * Owned by the ui; netsync_free ends it. */
struct netsync *netsync_new(struct ui *ui);
/* Free; NULL-safe, clears the pointer. Call before the engine goes. */
void netsync_free(struct netsync **p);

/* Put the engine's sockets into *fds from index at, growing the array
 * (*cap entries, realloc'd) as needed; returns how many were added. */
size_t netsync_pollfds(struct ui *ui, struct pollfd **fds, size_t *cap,
                       size_t at);
/* ms, or less when the engine or a due sync needs the loop sooner. */
int netsync_timeout(struct ui *ui, int ms);
/* After poll: let the engine read and write (fds[0..n) are its sockets),
 * then start the syncs that are due. */
void netsync_dispatch(struct ui *ui, const struct pollfd *fds, size_t n);
/* 1 while a request is out (scripts wait for it). */
int netsync_busy(struct ui *ui);

/* Sync a network account now, in the background (:sync); one already
 * running goes again when it ends. TD_EINVAL if it is not a network
 * account. */
enum td_status netsync_start(struct ui *ui, struct account *a,
                             struct td_error *err);
/* Send the outbox item (0: all that are due) without blocking; the thread
 * shows its state as it moves, the message line ok_msg (copied) or why
 * not. Local accounts are done before it returns. */
void netsync_flush(struct ui *ui, int64_t item_id, const char *ok_msg);

/* The account's part of the status bar: "eu:syncing 300/1200",
 * "eu:online", "eu:offline" (why: on the message line and the right of
 * the status bar, as the last error). */
void netsync_describe(struct ui *ui, const struct account *a, struct buf *b);

#endif
