/* test_pii.c: the PII mask on multilingual text: what is hidden, what is
 * left alone, and that the masked text keeps its width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/pii.h"
#include "util/width.h"

static void
check(const char *in, const char *want)
{
    char *got = pii_mask(in);

    if (strcmp(got, want) != 0)
        fail_msg("pii_mask(\"%s\")\n   got \"%s\"\n  want \"%s\"", in, got,
                 want);
    /* the layout never moves */
    assert_int_equal(width_str(got), width_str(in));
    assert_int_equal(pii_found(in), strcmp(in, want) != 0);
    free(got);
}

static void
test_emails(void **state)
{
    (void)state;
    check("Write to jonas.becker@example.de please",
          "Write to *****.******@*******.** please");
    check("<anna+orders@mail.example.co.uk>",
          "<****+******@****.*******.**.**>");
    check("メールは　山田@例え.jp　です", "メールは　****@****.**　です");
    check("ناصر@example.com", "****@*******.***");
    check("at @ sign alone, user@localhost, a@b", "at @ sign alone, "
          "user@localhost, a@b");
}

static void
test_phones(void **state)
{
    (void)state;
    check("Call +49 30 1234567 today", "Call +** ** ******* today");
    check("tel: (212) 555-0134.", "tel: (***) ***-****.");
    check("電話：０９０－１２３４－５６７８", "電話：******－********－********");
    check("رقمي ٠٥٠١٢٣٤٥٦٧ شكرا", "رقمي ********** شكرا");
    check("โทร 081-234-5678 ครับ", "โทร ***-***-**** ครับ");
    /* dates, times, order and tracking numbers are not phones */
    check("Ordered 2026-01-10 08:00, order #100234",
          "Ordered 2026-01-10 08:00, order #100234");
    check("Tracking 1Z999AA10123456784 and 113-1234567-1234567",
          "Tracking 1Z999AA10123456784 and 113-1234567-1234567");
    check("on 10/01/2026 at 9", "on 10/01/2026 at 9");
}

static void
test_addresses(void **state)
{
    (void)state;
    check("Ship to 221B Baker Street, London", "Ship to **** ***** ******, "
          "London");
    check("Adresse: Hauptstraße 5, 10115 Berlin",
          "Adresse: *********** *, 10115 Berlin");
    check("j'habite 12 rue de la Paix, Paris",
          "j'habite ** *** ** ** ****, Paris");
    check("Calle Mayor 5, Madrid", "***** ***** *, Madrid");
    check("ул. Тверская, д. 7", "**. ********, *. *");
    check("العنوان ١٢ شارع التحرير، القاهرة",
          "العنوان ** **** *******، القاهرة");
    check("ที่อยู่ 123 ถนนสุขุมวิท กรุงเทพ", "ที่อยู่ *** ******** กรุงเทพ");
    check("서울특별시 강남구 테헤란로 152", "서울특별시 강남구 ******** ***");
    check("住所は東京都渋谷区神南1-2-3です", "住所は" "****************" "*-*-*です");
    check("北京市朝阳区建国路88号", "**********************");
    /* street words without a number are just words */
    check("Street food on the road", "Street food on the road");
    check("I walked 3 blocks", "I walked 3 blocks");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emails),
        cmocka_unit_test(test_phones),
        cmocka_unit_test(test_addresses),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
