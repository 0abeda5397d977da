/* proc.h: a child process fed on stdin and read on stdout and stderr
 * without blocking, inside the caller's poll loop. No shell is involved. */
#ifndef TD_PROC_H
#define TD_PROC_H

#include <poll.h>
#include <stddef.h>

#include "util/error.h"

struct proc;

/* How a process ended. out and errtext are borrowed for the callback:
 * out is its standard output, errtext the last line of its standard
 * error (for messages). rc is TD_OK when it exited with status 0, TD_EIO
 * when it failed or was killed, TD_ENET on its time limit, TD_ETOOBIG
 * when its output passed the cap; msg says which in words. */
typedef void (*proc_done_fn)(void *ctx, enum td_status rc, const char *out,
                             size_t out_len, const char *msg);

/* Start argv[0] (found on PATH) with argv, writing input[0..len) to its
 * stdin. Its stdout is capped at max_out bytes; after timeout_ms it is
 * killed. The child gets an empty signal mask and no file descriptor of
 * ours beyond 0-2. *out is owned by the caller (proc_free). */
enum td_status proc_start(char *const *argv, const char *input, size_t len,
                          long timeout_ms, size_t max_out, proc_done_fn done,
                          void *ctx, struct proc **out, struct td_error *err);
/* Its pipes, at most 3; returns how many. */
size_t proc_pollfds(struct proc *p, struct pollfd *fds, size_t max);
/* When it must be looked at again without any fd event: -1 none. */
long proc_timeout_ms(struct proc *p);
/* Move data for the fds of p among fds[0..n) (others are ignored), reap
 * it, enforce the time limit. Returns 1 once done() has been called. */
int proc_dispatch(struct proc *p, const struct pollfd *fds, size_t n);
/* Kill (if running), reap and free; done() is not called. NULL-safe. */
void proc_free(struct proc **p);

#endif
