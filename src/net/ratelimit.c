/* ratelimit.c: per-account request budgets learnt from rate-limit headers. */
#include "net/ratelimit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

enum ratelimit_kind {
    RL_REMAINING,   /* requests left in the window */
    RL_LIMIT,       /* size of the window */
    RL_RESET,       /* when it refills: delta seconds or Unix time */
    RL_USED_OF,     /* leaky bucket "used/size" */
};

struct ratelimit_header {
    const char *name;
    enum ratelimit_kind kind;
};

/* From api-reference.md section 0; lower case. */
static const struct ratelimit_header ratelimit_headers[] = {
    { .name = "x-ratelimit-remaining", .kind = RL_REMAINING },
    { .name = "x-rate-limit-remaining", .kind = RL_REMAINING },
    { .name = "ratelimit-remaining", .kind = RL_REMAINING },
    { .name = "x-ratelimit-remaining-minute", .kind = RL_REMAINING },
    { .name = "x-ratelimit-limit", .kind = RL_LIMIT },
    { .name = "x-rate-limit", .kind = RL_LIMIT },
    { .name = "ratelimit-limit", .kind = RL_LIMIT },
    { .name = "x-ratelimit-total", .kind = RL_LIMIT },
    { .name = "x-ratelimit-limit-minute", .kind = RL_LIMIT },
    { .name = "x-ratelimit-reset", .kind = RL_RESET },
    { .name = "x-rate-limit-reset", .kind = RL_RESET },
    { .name = "ratelimit-reset", .kind = RL_RESET },
    { .name = "x-ratelimit-retry-after", .kind = RL_RESET },
    { .name = "x-shopify-shop-api-call-limit", .kind = RL_USED_OF },
    { .name = "x-gorgias-account-api-call-limit", .kind = RL_USED_OF },
};

struct budget {
    char *key;
    long long remaining;    /* -1 = unknown */
    long long limit;        /* -1 = unknown */
    long long reset_at;     /* monotonic ms; 0 = unknown */
    long long next_at;      /* pacing: no start before this */
    long long blocked_until;  /* 429 */
    long long min_gap_ms;   /* a fixed pace the backend documents */
};

struct ratelimit {
    struct budget *b;
    size_t n;
};

struct ratelimit *
ratelimit_new(void)
{
    return xcalloc(1, sizeof(struct ratelimit));
}

void
ratelimit_free(struct ratelimit **p)
{
    if (p == NULL || *p == NULL)
        return;
    for (size_t i = 0; i < (*p)->n; i++)
        free((*p)->b[i].key);
    free((*p)->b);
    free(*p);
    *p = NULL;
}

static struct budget *
ratelimit_find(struct ratelimit *rl, const char *key, int create)
{
    struct budget *b;

    if (key == NULL)
        return NULL;
    for (size_t i = 0; i < rl->n; i++)
        if (strcmp(rl->b[i].key, key) == 0)
            return &rl->b[i];
    if (!create)
        return NULL;
    rl->b = xreallocarray(rl->b, rl->n + 1, sizeof *rl->b);
    b = &rl->b[rl->n++];
    memset(b, 0, sizeof *b);
    b->key = xstrdup(key);
    b->remaining = -1;
    b->limit = -1;
    return b;
}

/* The leading integer of s ("100", "100, 100;w=60"), or -1. */
static long long
ratelimit_number(const char *s)
{
    char *end;
    long long v;

    while (*s == ' ' || *s == '\t')
        s++;
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    return v;
}

static long long
ratelimit_clamp(long long wait)
{
    if (wait < 0)
        return 0;
    return wait > RATELIMIT_MAX_WAIT_MS ? RATELIMIT_MAX_WAIT_MS : wait;
}

/* A reset value in milliseconds from now. Vendors disagree: AfterShip sends
 * a Unix time, Zendesk (IETF draft) and Help Scout delta seconds. A value
 * too large to be a delta is taken as a Unix time, in ms if very large. */
static long long
ratelimit_reset_delta(long long v, long long wall_ms)
{
    if (v > 100000000000LL)
        return ratelimit_clamp(v - wall_ms);
    if (v > 1000000000LL)
        return ratelimit_clamp(v * 1000 - wall_ms);
    return ratelimit_clamp(v * 1000);
}

static long long
ratelimit_max(long long a, long long b)
{
    return a > b ? a : b;
}

long long
ratelimit_wait_ms(struct ratelimit *rl, const char *key, long long now_ms)
{
    struct budget *b = ratelimit_find(rl, key, 0);
    long long at;

    if (b == NULL)
        return 0;
    at = ratelimit_max(b->next_at, b->blocked_until);
    if (b->remaining == 0) {
        if (b->reset_at > now_ms)
            at = ratelimit_max(at, b->reset_at);
        else
            b->remaining = -1;  /* the window passed: unknown again */
    }
    return at > now_ms ? at - now_ms : 0;
}

void
ratelimit_take(struct ratelimit *rl, const char *key, long long now_ms)
{
    struct budget *b = ratelimit_find(rl, key, 0);

    /* Count down locally so that requests started together, before any
     * answer, do not overdraw what the last answer said was left. */
    if (b != NULL && b->remaining > 0)
        b->remaining--;
    if (b != NULL && b->min_gap_ms > 0)
        b->next_at = ratelimit_max(b->next_at, now_ms + b->min_gap_ms);
}

void
ratelimit_pace(struct ratelimit *rl, const char *key, long long gap_ms)
{
    struct budget *b = ratelimit_find(rl, key, 1);

    if (b != NULL)
        b->min_gap_ms = gap_ms > 0 ? gap_ms : 0;
}

void
ratelimit_note(struct ratelimit *rl, const char *key,
               const struct http_header *h, size_t n, long long now_ms,
               long long wall_ms)
{
    long long remaining = -1, limit = -1, reset = -1, used = -1, size = -1;
    size_t nh = sizeof ratelimit_headers / sizeof ratelimit_headers[0];
    struct budget *b;

    if (key == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < nh; j++) {
            const char *v = h[i].value;
            const char *slash;

            if (strcasecmp(h[i].name, ratelimit_headers[j].name) != 0)
                continue;
            switch (ratelimit_headers[j].kind) {
            case RL_REMAINING:
                remaining = ratelimit_number(v);
                break;
            case RL_LIMIT:
                limit = ratelimit_number(v);
                break;
            case RL_RESET:
                if (ratelimit_number(v) >= 0)
                    reset = ratelimit_reset_delta(ratelimit_number(v),
                                                  wall_ms);
                break;
            case RL_USED_OF:
                slash = strchr(v, '/');
                used = ratelimit_number(v);
                size = slash ? ratelimit_number(slash + 1) : -1;
                break;
            }
        }
    }
    if (remaining < 0 && used < 0 && reset < 0)
        return;
    b = ratelimit_find(rl, key, 1);
    if (remaining >= 0) {
        long long low;

        b->remaining = remaining;
        b->limit = limit;
        if (reset >= 0)
            b->reset_at = now_ms + reset;
        else if (remaining == 0)
            b->reset_at = now_ms + RATELIMIT_DEFAULT_WINDOW_MS;
        else
            b->reset_at = 0;
        /* Running low: spread what is left over the rest of the window
         * rather than spending it at once and meeting a 429. */
        low = limit > 0 ? ratelimit_max(limit / 10, 2) : 5;
        if (remaining > 0 && remaining <= low && reset > 0)
            b->next_at = ratelimit_max(b->next_at,
                                       now_ms + reset / (remaining + 1));
    }
    if (used >= 0 && size > 0) {
        /* A leaky bucket refills continuously: keep some headroom and let
         * it drain one request per RATELIMIT_LEAK_MS once that is used. */
        long long headroom = ratelimit_max(size / 10, 1);
        long long left = size - used;

        if (left <= headroom)
            b->next_at = ratelimit_max(
                b->next_at, now_ms + (headroom - left + 1) * RATELIMIT_LEAK_MS);
    }
}

void
ratelimit_block(struct ratelimit *rl, const char *key, long long until_ms)
{
    struct budget *b = ratelimit_find(rl, key, 1);

    if (b != NULL)
        b->blocked_until = ratelimit_max(b->blocked_until, until_ms);
}
