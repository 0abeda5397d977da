/* test_ui_edbuf.c: the reply editor's buffer: typing, motions, wrap, undo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ui/edbuf.h"

static void
type(struct edbuf *b, const char *s)
{
    assert_int_equal(edbuf_insert(b, s, strlen(s)), 0);
}

static void
test_typing_and_undo(void **state)
{
    struct edbuf b;

    (void)state;
    edbuf_init(&b);
    for (const char *p = "hello world"; *p; p++)
        assert_int_equal(edbuf_insert(&b, p, 1), 0);
    assert_string_equal(b.text, "hello world");
    assert_int_equal(edbuf_undo(&b), 0);     /* "world" goes in one step */
    assert_string_equal(b.text, "hello ");
    assert_int_equal(edbuf_redo(&b), 0);
    assert_string_equal(b.text, "hello world");
    edbuf_delete_word_back(&b);
    assert_string_equal(b.text, "hello ");
    edbuf_undo(&b);
    assert_string_equal(b.text, "hello world");
    edbuf_free(&b);
}

static void
test_utf8_motions(void **state)
{
    struct edbuf b;

    (void)state;
    edbuf_init(&b);
    type(&b, "日本 e\xcc\x81t\xc3\xa9");     /* e + combining acute */
    edbuf_left(&b);
    edbuf_left(&b);
    edbuf_left(&b);
    edbuf_delete_back(&b);                  /* the space */
    assert_string_equal(b.text, "日本e\xcc\x81t\xc3\xa9");
    edbuf_line_start(&b);
    edbuf_delete_forward(&b);
    assert_string_equal(b.text, "本e\xcc\x81t\xc3\xa9");
    edbuf_word_forward(&b);
    assert_int_equal(b.cursor, b.len);
    edbuf_free(&b);
}

static void
test_wrap(void **state)
{
    struct edbuf b;
    struct edbuf_row rows[8];
    size_t n, row, col;

    (void)state;
    edbuf_init(&b);
    type(&b, "one two three\nfour");
    n = edbuf_wrap(&b, 8, rows, 8, &row, &col);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].end - rows[0].start, 8);   /* "one two " */
    assert_int_equal(row, 2);
    assert_int_equal(col, 4);
    edbuf_vertical(&b, -1, 8);
    edbuf_vertical(&b, -1, 8);
    assert_int_equal(b.cursor, 4);          /* column 4 of "one two " */
    edbuf_kill_line(&b);
    assert_string_equal(b.text, "one \nfour");
    edbuf_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typing_and_undo),
        cmocka_unit_test(test_utf8_motions),
        cmocka_unit_test(test_wrap),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
