/* test_ratelimit.c: budgets learnt from each vendor's rate-limit headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "net/ratelimit.h"

#define NOW 1000000LL                   /* monotonic ms, any value */
#define WALL 1795000000000LL            /* ms since the epoch */

#define NOTE(rl, key, ...)                                                  \
    do {                                                                    \
        struct http_header h_[] = {__VA_ARGS__};                            \
        ratelimit_note((rl), (key), h_, sizeof h_ / sizeof h_[0], NOW,      \
                       WALL);                                               \
    } while (0)

#define H(n, v) { .name = (char *)(n), .value = (char *)(v) }

static void
test_unknown_key(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW), 0);
    assert_int_equal(ratelimit_wait_ms(rl, NULL, NOW), 0);
    ratelimit_take(rl, "acme", NOW);
    ratelimit_take(rl, NULL, NOW);
    /* Headers that say nothing about limits create no budget. */
    NOTE(rl, "acme", H("Content-Type", "application/json"));
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW), 0);
    ratelimit_free(&rl);
    assert_null(rl);
    ratelimit_free(&rl);
}

static void
test_spent_delta_reset(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    /* Zendesk / IETF draft: reset in delta seconds. */
    NOTE(rl, "acme", H("ratelimit-remaining", "0"), H("ratelimit-reset", "7"),
         H("ratelimit-limit", "700"));
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW), 7000);
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW + 6000), 1000);
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW + 7000), 0);
    /* The window passed: the budget is unknown again, not spent. */
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW + 7001), 0);
    assert_int_equal(ratelimit_wait_ms(rl, "other", NOW), 0);
    ratelimit_free(&rl);
}

static void
test_spent_epoch_reset(void **state)
{
    struct ratelimit *rl = ratelimit_new();
    char reset[32];

    (void)state;
    /* AfterShip: X-RateLimit-Reset is a Unix time, 3 s ahead. */
    snprintf(reset, sizeof reset, "%lld", WALL / 1000 + 3);
    NOTE(rl, "ship", H("X-RateLimit-Remaining", "0"),
         H("X-RateLimit-Reset", reset), H("X-RateLimit-Limit", "10"));
    assert_int_equal(ratelimit_wait_ms(rl, "ship", NOW), 3000);
    ratelimit_free(&rl);
}

static void
test_spent_no_reset(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    /* Freshdesk says nothing of the reset: assume a minute window. */
    NOTE(rl, "fd", H("X-RateLimit-Total", "50"),
         H("X-RateLimit-Remaining", "0"));
    assert_int_equal(ratelimit_wait_ms(rl, "fd", NOW),
                     RATELIMIT_DEFAULT_WINDOW_MS);
    ratelimit_free(&rl);
}

static void
test_absurd_reset_clamped(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    NOTE(rl, "x", H("X-RateLimit-Remaining", "0"),
         H("X-RateLimit-Reset", "999999"));
    assert_int_equal(ratelimit_wait_ms(rl, "x", NOW), RATELIMIT_MAX_WAIT_MS);
    ratelimit_free(&rl);
}

static void
test_running_low_paces(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    /* Plenty left: no waiting. */
    NOTE(rl, "hs", H("X-RateLimit-Limit-Minute", "200"),
         H("X-RateLimit-Remaining-Minute", "150"),
         H("X-RateLimit-Retry-After", "30"));
    assert_int_equal(ratelimit_wait_ms(rl, "hs", NOW), 0);
    /* 3 left of 200 with 30 s to go: space them 7.5 s apart. */
    NOTE(rl, "hs", H("X-RateLimit-Limit-Minute", "200"),
         H("X-RateLimit-Remaining-Minute", "3"),
         H("X-RateLimit-Retry-After", "30"));
    assert_int_equal(ratelimit_wait_ms(rl, "hs", NOW), 7500);
    ratelimit_free(&rl);
}

static void
test_take_counts_down(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    NOTE(rl, "z", H("X-Rate-Limit", "700"), H("X-Rate-Limit-Remaining", "2"),
         H("ratelimit-reset", "1"));
    /* Pacing aside (2 of 700 is low), two requests may still go ... */
    ratelimit_take(rl, "z", NOW + 1);
    ratelimit_take(rl, "z", NOW + 2);
    /* ... and the third waits for the reset, 1 s after the answer. */
    assert_int_equal(ratelimit_wait_ms(rl, "z", NOW + 500), 500);
    ratelimit_free(&rl);
}

static void
test_leaky_bucket(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    /* Shopify: 32 of 40 used leaves room. */
    NOTE(rl, "shop", H("X-Shopify-Shop-Api-Call-Limit", "32/40"));
    assert_int_equal(ratelimit_wait_ms(rl, "shop", NOW), 0);
    /* 39 of 40: wait until the bucket drained to the headroom of 4. */
    NOTE(rl, "shop", H("X-Shopify-Shop-Api-Call-Limit", "39/40"));
    assert_int_equal(ratelimit_wait_ms(rl, "shop", NOW),
                     4 * RATELIMIT_LEAK_MS);
    /* Gorgias says the same in its own header. */
    NOTE(rl, "gorg", H("X-Gorgias-Account-Api-Call-Limit", "40/40"));
    assert_true(ratelimit_wait_ms(rl, "gorg", NOW) > 0);
    ratelimit_free(&rl);
}

static void
test_block(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    ratelimit_block(rl, "acme", NOW + 2000);
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW), 2000);
    /* An earlier block does not shorten a later one. */
    ratelimit_block(rl, "acme", NOW + 1000);
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW), 2000);
    assert_int_equal(ratelimit_wait_ms(rl, "acme", NOW + 2000), 0);
    ratelimit_free(&rl);
}

/* 17TRACK: 3 requests a second and no headers: a fixed pace. */
static void
test_pace(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    ratelimit_pace(rl, "t17", 334);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW), 0);
    ratelimit_take(rl, "t17", NOW);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW), 334);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW + 100), 234);
    ratelimit_take(rl, "t17", NOW + 334);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW + 334), 334);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW + 700), 0);
    ratelimit_pace(rl, "t17", 0);
    ratelimit_take(rl, "t17", NOW + 700);
    assert_int_equal(ratelimit_wait_ms(rl, "t17", NOW + 700), 0);
    ratelimit_free(&rl);
}

static void
test_malformed(void **state)
{
    struct ratelimit *rl = ratelimit_new();

    (void)state;
    NOTE(rl, "m", H("X-RateLimit-Remaining", "lots"),
         H("X-RateLimit-Reset", "-5"),
         H("X-Shopify-Shop-Api-Call-Limit", "40"));
    assert_int_equal(ratelimit_wait_ms(rl, "m", NOW), 0);
    ratelimit_free(&rl);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_spent_delta_reset),
        cmocka_unit_test(test_spent_epoch_reset),
        cmocka_unit_test(test_spent_no_reset),
        cmocka_unit_test(test_absurd_reset_clamped),
        cmocka_unit_test(test_running_low_paces),
        cmocka_unit_test(test_take_counts_down),
        cmocka_unit_test(test_leaky_bucket),
        cmocka_unit_test(test_block),
        cmocka_unit_test(test_pace),
        cmocka_unit_test(test_malformed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
