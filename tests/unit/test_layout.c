/* test_layout.c: the pane geometry for each breakpoint, as strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/layout.h"
#include "util/buf.h"

static void
check(int cols, int lines, enum pane_id focus, enum pane_id aux, int help,
      const char *want)
{
    struct layout_in in = {
        .cols = cols,
        .lines = lines,
        .inbox_pct = 38,
        .focus = focus,
        .aux = aux,
        .help = help,
    };
    struct layout l;
    struct buf b;

    buf_init(&b, 0);
    layout_compute(&in, &l);
    layout_format(&l, &b);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

static void
test_wide(void **state)
{
    (void)state;
    check(160, 45, PANE_INBOX, PANE_ORDER, 0,
          "inbox 0,0 60x43 | thread 60,14 60x29 | order 60,0 60x14 | "
          "editor 120,0 40x43 | status 0,43 160x1 | prompt 0,44 160x1");
    check(200, 50, PANE_THREAD, PANE_EDITOR, 0,
          "inbox 0,0 76x48 | thread 76,14 75x34 | order 76,0 75x14 | "
          "editor 151,0 49x48 | status 0,48 200x1 | prompt 0,49 200x1");
}

/* The proportions are settings: editor_width and order_height. */
static void
test_proportions(void **state)
{
    struct layout_in in = {
        .cols = 160,
        .lines = 45,
        .inbox_pct = 30,
        .editor_pct = 50,
        .order_pct = 20,
    };
    struct layout l;
    struct buf b;

    (void)state;
    buf_init(&b, 0);
    layout_compute(&in, &l);
    layout_format(&l, &b);
    assert_string_equal(buf_str(&b),
                        "inbox 0,0 48x43 | thread 48,8 56x35 | "
                        "order 48,0 56x8 | editor 104,0 56x43 | "
                        "status 0,43 160x1 | prompt 0,44 160x1");
    buf_reset(&b);
    in.cols = 120;
    in.lines = 40;
    in.order_pct = 60;
    in.aux = PANE_EDITOR;
    layout_compute(&in, &l);
    layout_format(&l, &b);
    assert_string_equal(buf_str(&b),
                        "inbox 0,0 36x38 | thread 36,0 84x16 | "
                        "editor 36,16 84x22 | status 0,38 120x1 | "
                        "prompt 0,39 120x1");
    buf_free(&b);
}

static void
test_medium(void **state)
{
    (void)state;
    check(120, 40, PANE_INBOX, PANE_ORDER, 0,
          "inbox 0,0 45x38 | thread 45,0 75x23 | order 45,23 75x15 | "
          "status 0,38 120x1 | prompt 0,39 120x1");
    check(120, 40, PANE_EDITOR, PANE_EDITOR, 0,
          "inbox 0,0 45x38 | thread 45,0 75x23 | editor 45,23 75x15 | "
          "status 0,38 120x1 | prompt 0,39 120x1");
    check(100, 30, PANE_INBOX, PANE_ORDER, 0,
          "inbox 0,0 38x28 | thread 38,0 62x17 | order 38,17 62x11 | "
          "status 0,28 100x1 | prompt 0,29 100x1");
}

static void
test_narrow(void **state)
{
    (void)state;
    check(80, 24, PANE_INBOX, PANE_ORDER, 0,
          "inbox 0,0 80x22 | status 0,22 80x1 | prompt 0,23 80x1");
    check(80, 24, PANE_EDITOR, PANE_ORDER, 0,
          "editor 0,0 80x22 | status 0,22 80x1 | prompt 0,23 80x1");
    check(99, 24, PANE_THREAD, PANE_ORDER, 0,
          "thread 0,0 99x22 | status 0,22 99x1 | prompt 0,23 99x1");
}

static void
test_help_and_tiny(void **state)
{
    (void)state;
    check(120, 40, PANE_INBOX, PANE_ORDER, 1,
          "help 0,0 120x38 | status 0,38 120x1 | prompt 0,39 120x1");
    check(10, 2, PANE_INBOX, PANE_ORDER, 0,
          "status 0,0 10x1 | prompt 0,1 10x1");
    check(0, 0, PANE_INBOX, PANE_ORDER, 0, "");
    assert_string_equal(layout_pane_name(PANE_EDITOR), "editor");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_medium),
        cmocka_unit_test(test_proportions),
        cmocka_unit_test(test_narrow),
        cmocka_unit_test(test_help_and_tiny),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
