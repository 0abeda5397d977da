/* test_returns.c: return windows from a rules file, parcel facts (days in
 * transit, stuck), carrier status words, and the OSC 52 sequence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "commerce/commerce.h"
#include "core/parcel.h"
#include "core/returns.h"
#include "ui/clipboard.h"
#include "util/xmalloc.h"

#define DAY 86400

static void
test_shipped_rules(void **state)
{
    struct return_rules *r = NULL;
    struct return_window w;
    char **errs = NULL;
    size_t n = 0;
    struct td_error err;

    (void)state;
    assert_int_equal(returns_load("rules/returns.rules", &r, &errs, &n, &err),
                     TD_OK);
    assert_int_equal(n, 0);
    returns_window(r, "DE", 30, 1000 * DAY, 990 * DAY, &w);
    assert_int_equal(w.days, 14);
    assert_int_equal(w.deadline, 1014 * DAY);
    assert_non_null(strstr(w.why, "2011/83/EU"));
    returns_window(r, "no", 30, 1000 * DAY, 0, &w);     /* EEA, any case */
    assert_int_equal(w.days, 14);
    returns_window(r, "GB", 45, 0, 0, &w);
    assert_int_equal(w.days, 14);
    assert_int_equal(w.deadline, 0);    /* not delivered yet */
    returns_window(r, "CH", 45, 1000 * DAY, 0, &w);   /* no statutory right */
    assert_int_equal(w.days, 45);
    returns_window(r, "JP", 30, 1000 * DAY, 0, &w);
    assert_int_equal(w.days, 30);
    assert_non_null(strstr(w.why, "shop's own policy"));
    returns_window(r, NULL, 30, 0, 0, &w);
    assert_int_equal(w.days, 30);
    returns_free(&r);
    returns_window(NULL, "DE", 21, 1000 * DAY, 0, &w);
    assert_int_equal(w.days, 21);
}

static void
test_bad_lines(void **state)
{
    char path[] = "/tmp/ttydesk-rules-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    struct return_rules *r = NULL;
    struct return_window w;
    char **errs = NULL;
    size_t n = 0;
    struct td_error err;

    (void)state;
    fputs("# a comment\n"
          "group NORDIC DK SE NO\n"
          "NORDIC 30 from=order \"our nordic promise\"\n"
          "XX14 14 from=delivery\n"
          "DE fourteen from=delivery\n"
          "FR 14 from=payday\n"
          "group BAD D1\n"
          "MARS 14 from=delivery\n"
          "FR 14\n"
          "DE 28 from=delivery \"the shop is generous\"\n", f);
    fclose(f);
    assert_int_equal(returns_load(path, &r, &errs, &n, &err), TD_OK);
    assert_int_equal(n, 6);
    assert_int_equal(strncmp(errs[0], path, strlen(path)), 0);
    assert_non_null(strstr(errs[0], ":4: not a country code"));
    assert_non_null(strstr(errs[1], ":5: DAYS: a number of days"));
    assert_non_null(strstr(errs[2], ":6: want from=delivery or from=order"));
    assert_non_null(strstr(errs[3], ":7: group: country codes"));
    assert_non_null(strstr(errs[4], ":8: not a country code"));
    assert_non_null(strstr(errs[5], ":9: want CC|GROUP"));
    returns_window(r, "SE", 30, 0, 500 * DAY, &w);
    assert_int_equal(w.days, 30);
    assert_int_equal(w.from_order, 1);
    assert_int_equal(w.deadline, 530 * DAY);
    returns_window(r, "DE", 30, 500 * DAY, 0, &w);
    assert_int_equal(w.days, 28);
    for (size_t i = 0; i < n; i++)
        free(errs[i]);
    free(errs);
    returns_free(&r);
    unlink(path);
    assert_int_equal(returns_load(path, &r, NULL, NULL, &err), TD_ENOTFOUND);
}

static struct shipment_event
ev(time_t t, enum ship_status st)
{
    struct shipment_event e = { .time = t, .status = st };

    return e;
}

static void
test_parcel_facts(void **state)
{
    struct shipment_event e[3];
    struct shipment s = { .events = e };
    struct parcel_facts pf;
    time_t now = 100 * DAY;

    (void)state;
    e[0] = ev(80 * DAY, SS_INFO_RECEIVED);
    e[1] = ev(82 * DAY, SS_IN_TRANSIT);
    s.n_events = 2;
    s.status = SS_IN_TRANSIT;
    parcel_facts(&s, now, 5, &pf);
    assert_int_equal(pf.days_in_transit, 20);
    assert_int_equal(pf.stuck_days, 18);
    parcel_facts(&s, 85 * DAY, 5, &pf);
    assert_int_equal(pf.stuck_days, 0);     /* 3 days: not yet */
    e[2] = ev(90 * DAY, SS_DELIVERED);
    s.n_events = 3;
    s.status = SS_DELIVERED;
    parcel_facts(&s, now, 5, &pf);
    assert_int_equal(pf.delivered_at, 90 * DAY);
    assert_int_equal(pf.days_in_transit, 10);
    assert_int_equal(pf.stuck_days, 0);
    s.status = SS_RETURNING;        /* not stuck: it is on its way back */
    s.n_events = 2;
    parcel_facts(&s, now, 5, &pf);
    assert_int_equal(pf.stuck_days, 0);
    s.n_events = 0;
    parcel_facts(&s, now, 5, &pf);
    assert_int_equal(pf.days_in_transit, -1);
}

static void
test_status_words(void **state)
{
    (void)state;
    assert_int_equal(commerce_ship_status("InTransit", NULL), SS_IN_TRANSIT);
    assert_int_equal(commerce_ship_status("in_transit", NULL), SS_IN_TRANSIT);
    assert_int_equal(commerce_ship_status("OutForDelivery", NULL),
                     SS_OUT_FOR_DELIVERY);
    assert_int_equal(commerce_ship_status("Exception_004", NULL), SS_CUSTOMS);
    assert_int_equal(commerce_ship_status("Exception_Returning", NULL),
                     SS_RETURNING);
    assert_int_equal(commerce_ship_status("InTransit_Departure", NULL),
                     SS_IN_TRANSIT);
    assert_int_equal(commerce_ship_status("attempted_delivery", NULL),
                     SS_EXCEPTION);
    assert_int_equal(commerce_ship_status("label_printed", NULL),
                     SS_INFO_RECEIVED);
    assert_int_equal(commerce_ship_status("Expired", NULL), SS_EXPIRED);
    assert_int_equal(commerce_ship_status("InTransit", "通関手続き中"),
                     SS_CUSTOMS);
    assert_int_equal(commerce_ship_status("InTransit", "Zollabfertigung"),
                     SS_CUSTOMS);
    assert_int_equal(commerce_ship_status("Delivered", "customs paid"),
                     SS_DELIVERED);
    assert_int_equal(commerce_ship_status("frobnicated", NULL), SS_UNKNOWN);
    assert_int_equal(commerce_ship_status(NULL, NULL), SS_UNKNOWN);
}

static void
test_osc52(void **state)
{
    char *s;

    (void)state;
    s = clipboard_osc52("https://t.example/?n=1Z9", 0);
    assert_string_equal(s, "\033]52;c;aHR0cHM6Ly90LmV4YW1wbGUvP249MVo5\a");
    free(s);
    s = clipboard_osc52("x", 1);
    assert_string_equal(s, "\033Ptmux;\033\033]52;c;eA==\a\033\\");
    free(s);
    assert_null(clipboard_osc52("evil\033]0;x\a", 0));
    assert_null(clipboard_osc52("", 0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_rules),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_parcel_facts),
        cmocka_unit_test(test_status_words),
        cmocka_unit_test(test_osc52),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
