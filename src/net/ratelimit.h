/* ratelimit.h: per-account request budgets learnt from rate-limit headers. */
#ifndef TD_RATELIMIT_H
#define TD_RATELIMIT_H

#include <stddef.h>

#include "net/http.h"

/* Without a reset hint, a spent budget is assumed to come back after this
 * long: Zendesk, Freshdesk and Help Scout count per minute. */
#define RATELIMIT_DEFAULT_WINDOW_MS 60000LL
/* A reset further away than this is not believed (clock skew, bad header). */
#define RATELIMIT_MAX_WAIT_MS (15LL * 60 * 1000)
/* Leaky buckets (Shopify, Gorgias) drain 2 requests a second. */
#define RATELIMIT_LEAK_MS 500LL

/* Budgets by key (an account name). Times are milliseconds: now_ms on a
 * monotonic clock, wall_ms since the Unix epoch (for epoch resets). */
struct ratelimit;

struct ratelimit *ratelimit_new(void);
void ratelimit_free(struct ratelimit **p);

/* Milliseconds before a request on key may start; 0 = now. */
long long ratelimit_wait_ms(struct ratelimit *rl, const char *key,
                            long long now_ms);
/* A request on key starts now: spend one unit of what is known to remain. */
void ratelimit_take(struct ratelimit *rl, const char *key, long long now_ms);
/* Learn from the headers of a response on key: X-RateLimit-Remaining and
 * -Reset (delta seconds or Unix time), Zendesk ratelimit-remaining/-reset,
 * Freshdesk X-RateLimit-Total, Help Scout ...-Minute and
 * X-RateLimit-Retry-After, Shopify/Gorgias "used/bucket" call limits.
 * When little remains, the next requests are spaced out over what is left
 * of the window; when nothing remains they wait for the reset. */
void ratelimit_note(struct ratelimit *rl, const char *key,
                    const struct http_header *h, size_t n, long long now_ms,
                    long long wall_ms);
/* Space the starts of requests on key at least gap_ms apart: for a
 * backend that documents a fixed rate and sends no headers (17TRACK, 3
 * requests a second). 0 removes the pace. */
void ratelimit_pace(struct ratelimit *rl, const char *key, long long gap_ms);
/* Hold every request on key until until_ms (a 429 with Retry-After). */
void ratelimit_block(struct ratelimit *rl, const char *key,
                     long long until_ms);

#endif
