/* test_tlocale.c: the locale tables of templates: dates, money, parcel
 * words, carrier links, return windows and language tags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/tlocale.h"
#include "util/timeutil.h"

static time_t
iso(const char *s)
{
    time_t t = 0;

    assert_int_equal(time_parse_iso(s, &t), 0);
    return t;
}

static void
test_dates(void **state)
{
    static const struct {
        const char *lang, *locale, *when, *want;
    } cases[] = {
        { "en", "en-GB", "2026-11-05T23:00:00Z", "5 November 2026" },
        { "en", "en-US", "2026-11-05T00:00:00Z", "November 5, 2026" },
        { "es", NULL, "2026-11-05T00:00:00Z", "5 de noviembre de 2026" },
        { "de", NULL, "2026-03-05T00:00:00Z", "5. März 2026" },
        { "de", "de-AT", "2026-01-05T00:00:00Z", "5. Jänner 2026" },
        { "fr", NULL, "2026-08-01T00:00:00Z", "1er août 2026" },
        { "fr", NULL, "2026-12-24T00:00:00Z", "24 décembre 2026" },
        { "pt-BR", NULL, "2026-02-05T00:00:00Z", "5 de fevereiro de 2026" },
        { "it", NULL, "2026-01-01T00:00:00Z", "1º gennaio 2026" },
        { "it", NULL, "2026-06-12T00:00:00Z", "12 giugno 2026" },
        { "ja", NULL, "2026-11-05T00:00:00Z", "2026年11月5日" },
        { "ar", NULL, "2026-09-05T00:00:00Z", "5 سبتمبر 2026" },
        { "tr", NULL, "2026-11-05T00:00:00Z", "2026-11-05" },
        { NULL, NULL, "2026-11-05T00:00:00Z", "2026-11-05" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;

        buf_init(&b, 0);
        tlocale_date(&b, iso(cases[i].when), cases[i].lang, cases[i].locale,
                     NULL);
        assert_string_equal(buf_str(&b), cases[i].want);
        buf_free(&b);
    }
}

static void
test_date_zones(void **state)
{
    struct buf b;
    const char *before = getenv("TZ");

    (void)state;
    buf_init(&b, 0);
    /* 20:00 UTC on the 4th is already the 5th in Tokyo... */
    tlocale_date(&b, iso("2026-11-04T20:00:00Z"), "ja", NULL, "Asia/Tokyo");
    assert_string_equal(buf_str(&b), "2026年11月5日");
    buf_reset(&b);
    /* ...and 02:00 UTC on the 5th still the 4th in Los Angeles. */
    tlocale_date(&b, iso("2026-11-05T02:00:00Z"), "en", "en-US",
                 "America/Los_Angeles");
    assert_string_equal(buf_str(&b), "November 4, 2026");
    buf_reset(&b);
    tlocale_date(&b, iso("2026-11-05T02:00:00Z"), "en", NULL, "");
    assert_string_equal(buf_str(&b), "5 November 2026");
    buf_free(&b);
    /* The process's own zone is left as it was. */
    if (before)
        assert_string_equal(getenv("TZ"), before);
    else
        assert_null(getenv("TZ"));
}

static void
test_money(void **state)
{
    static const struct {
        const char *amount, *cur, *lang, *want;
    } cases[] = {
        { "34.90", "USD", "en", "$34.90" },
        { "34.90", "USD", "es", "34,90 US$" },
        { "1234.50", "EUR", "de", "1.234,50 €" },
        { "1234.50", "EUR", "fr", "1\u202f234,50\u00a0€" },
        { "325.80", "BRL", "pt", "R$ 325,80" },
        { "3490", "JPY", "ja", "3,490円" },
        { "3490", "JPY", "en", "¥3,490" },
        { "34.90", "SAR", "ar", "34.90 ر.س" },
        { "856000", "IDR", "en", "IDR 856,000" },
        { "856000", "IDR", "de", "IDR 856.000" },
        { "-5.00", "GBP", "en", "-£5.00" },
        { "12", NULL, "en", "12" },
        { "about 5", "EUR", "de", "about 5 EUR" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;

        buf_init(&b, 0);
        tlocale_money(&b, cases[i].amount, cases[i].cur, cases[i].lang);
        assert_string_equal(buf_str(&b), cases[i].want);
        buf_free(&b);
    }
}

static void
test_locale_tables(void **state)
{
    char *u;

    (void)state;
    assert_int_equal(tlocale_return_days("DE"), 14);
    assert_int_equal(tlocale_return_days("gb"), 14);
    assert_int_equal(tlocale_return_days("NO"), 14);
    assert_int_equal(tlocale_return_days("US"), 30);
    assert_int_equal(tlocale_return_days(NULL), 30);
    u = tlocale_tracking_url("J&T Express", "JT 1/2");
    assert_string_equal(u, "https://t.17track.net/en#nums=JT%201%2F2");
    free(u);
    u = tlocale_tracking_url("royal-mail", "AB1");
    assert_string_equal(u, "https://www.royalmail.com/track-your-item#/"
                           "tracking-results/AB1");
    free(u);
    assert_null(tlocale_tracking_url("Pigeon Post", "1"));
    assert_null(tlocale_tracking_url("DHL", ""));
    assert_string_equal(tlocale_ship_status(SS_CUSTOMS, "fr-FR"),
                        "en dédouanement");
    assert_string_equal(tlocale_ship_status(SS_CUSTOMS, "xx"), "in customs");
    assert_true(tlocale_tag_eq("pt_br", "pt-BR"));
    assert_false(tlocale_tag_eq("pt", "pt-BR"));
    assert_int_equal(tlocale_primary_len("zh-Hant-TW"), 2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_date_zones),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_locale_tables),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
