/* test_ordermatch.c: order and tracking numbers in buyers' words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/ordermatch.h"

struct want {
    const char *text;
    const char *numbers;    /* space separated, in order found */
    const char *tracking;
};

static void
join(char **v, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, " ", cap - strlen(out) - 1);
        strncat(out, v[i], cap - strlen(out) - 1);
    }
}

static void
test_scan(void **state)
{
    static const struct want cases[] = {
        { "Where is my order #1001?", "1001", "" },
        { "Hallo, meine Bestellung 1002 ist noch nicht da.", "1002", "" },
        { "Mi pedido nº 45678 llegó roto", "45678", "" },
        { "ご注文番号 1003 の荷物がまだ届きません", "1003", "" },
        { "订单 88123 还没到", "88123", "" },
        { "طلب رقم 1004 لم يصل", "1004", "" },
        { "คำสั่งซื้อ 1005 ยังไม่ได้รับ", "1005", "" },
        { "Siparişim 1006 nerede?", "", "" },
        { "sipariş no: 1006 nerede?", "1006", "" },
        { "WC-1234 and SO-88812 please", "WC-1234 SO-88812", "" },
        { "Tracking LX123456789CN shows nothing", "", "LX123456789CN" },
        { "UPS 1Z999AA10123456784 stuck", "", "1Z999AA10123456784" },
        { "DHL 00340434161094 in Leipzig", "", "00340434161094" },
        { "Yamato 4321-8765-0001 at customs", "", "432187650001" },
        { "YT2412345678901234 (Yanwen)", "", "YT2412345678901234" },
        { "call me at +49 30 12345678 or 2026-11-25", "", "" },
        { "I paid 1299.00 EUR on 12/11", "", "" },
        { "#12 is not an order, #1001 and #1001 again", "1001", "" },
        { "\x1b[31m#1007\x1b[0m", "1007", "" },
        { "", "", "" },
    };
    char got[256];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct order_refs r = { 0 };

        ordermatch_scan(cases[i].text, &r);
        join(r.numbers, r.n_numbers, got, sizeof got);
        if (strcmp(got, cases[i].numbers) != 0)
            fail_msg("numbers of \"%s\": got \"%s\", want \"%s\"",
                     cases[i].text, got, cases[i].numbers);
        join(r.tracking, r.n_tracking, got, sizeof got);
        if (strcmp(got, cases[i].tracking) != 0)
            fail_msg("tracking of \"%s\": got \"%s\", want \"%s\"",
                     cases[i].text, got, cases[i].tracking);
        order_refs_clear(&r);
    }
}

static void
test_add_normalises(void **state)
{
    struct order_refs r = { 0 };

    (void)state;
    order_refs_add_number(&r, " #1001 ");
    order_refs_add_number(&r, "1001");
    order_refs_add_number(&r, "wc-77");
    order_refs_add_tracking(&r, "4321 8765 0001");
    assert_int_equal(r.n_numbers, 2);
    assert_string_equal(r.numbers[0], "1001");
    assert_string_equal(r.numbers[1], "WC-77");
    assert_string_equal(r.tracking[0], "432187650001");
    order_refs_clear(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan),
        cmocka_unit_test(test_add_normalises),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
