/* test_ui_text.c: display lines (sanitized, wrapped) and theme colours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ui/theme.h"
#include "ui/tlines.h"
#include "util/width.h"

static void
test_wrap_words(void **state)
{
    struct tlines l = { 0 };

    (void)state;
    assert_int_equal(tlines_add_wrapped(&l, 0, "  ", "one two three four",
                                        11), 3);
    assert_string_equal(l.v[0].text, "  one two");
    assert_string_equal(l.v[1].text, "  three");
    assert_string_equal(l.v[2].text, "  four");
    tlines_clear(&l);
}

static void
test_wrap_wide_and_hostile(void **state)
{
    struct tlines l = { 0 };

    (void)state;
    /* 10 double-width characters in 8 columns: 4 per row after indent
     * 0, never half a character. */
    tlines_add_wrapped(&l, 0, "", "日本語日本語日本語日", 8);
    assert_int_equal(l.n, 3);
    assert_int_equal(width_str(l.v[0].text), 8);
    assert_int_equal(width_str(l.v[2].text), 4);
    tlines_clear(&l);
    tlines_add(&l, 0, "a\033]0;x\007b");
    assert_null(strchr(l.v[0].text, '\033'));
    assert_null(strchr(l.v[0].text, '\007'));
    tlines_clear(&l);
}

static void
test_colors(void **state)
{
    (void)state;
    assert_int_equal(theme_color("default", 256), -1);
    assert_int_equal(theme_color("red", 8), 1);
    assert_int_equal(theme_color("brightred", 16), 9);
    assert_int_equal(theme_color("brightred", 8), 1);
    assert_int_equal(theme_color("color202", 256), 202);
    /* 256-colour values degrade to the nearest basic colour */
    assert_int_equal(theme_color("color196", 16), 9);       /* red */
    assert_int_equal(theme_color("color196", 8), 1);
    assert_int_equal(theme_color("#002b36", 256), 234);  /* grey */
    assert_int_equal(theme_color("#268bd2", 256), 32);
    assert_int_equal(theme_color("color235", 8), 0);        /* near black */
    assert_int_equal(theme_obj_find("inbox.sla.breach"), OBJ_SLA_BREACH);
    assert_int_equal(theme_obj_find("nope"), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_words),
        cmocka_unit_test(test_wrap_wide_and_hostile),
        cmocka_unit_test(test_colors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
