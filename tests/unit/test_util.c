/* test_util.c: buf, sanitize, timeutil, width and error helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/base64.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/width.h"

static void
test_buf_cap(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 8);
    assert_int_equal(buf_adds(&b, "1234"), 0);
    assert_int_equal(buf_printf(&b, "%d", 5678), 0);
    assert_string_equal(buf_str(&b), "12345678");
    /* Over the cap is an error and leaves the contents as they were. */
    assert_int_equal(buf_addc(&b, 'x'), -1);
    assert_string_equal(buf_str(&b), "12345678");
    buf_reset(&b);
    assert_string_equal(buf_str(&b), "");
    buf_free(&b);
}

static void
test_buf_detach_empty(void **state)
{
    struct buf b;
    char *s;

    (void)state;
    buf_init(&b, 0);
    s = buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
}

static void
check_clean(const char *s)
{
    /* Nothing below 0x20 but newline, no DEL, no C1 bytes in UTF-8 form. */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        assert_true(*p >= 0x20 || *p == '\n');
        assert_true(*p != 0x7f);
        if (*p == 0xc2)
            assert_true(p[1] >= 0xa0);
    }
}

static void
test_sanitize_hostile(void **state)
{
    static const char *const hostile[] = {
        "title \x1b]0;pwned\x07 change",
        "clear \x1b[2J\x1b[H screen",
        "clip \x1b]52;c;ZWNobyBoYWNrZWQ=\x07 board",
        "dcs \x1bP1$r\x1b\\ string",
        "c1 csi \xc2\x9b" "31m red",
        "bidi \xe2\x80\xae" "fdp.exe",
        "bell \a and backspace \b and cr\rover",
        "bad utf8 \xff\xfe and overlong \xc0\xaf",
    };
    char *s;

    (void)state;
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        s = sanitize_str(hostile[i], SAN_KEEP_NEWLINES);
        check_clean(s);
        free(s);
    }
    s = sanitize_str("a\x1b]0;x\x07" "b", 0);
    assert_string_equal(s, "a\xe2\x90\x9b]0;x\xe2\x90\x87" "b");   /* ␛ ␇ */
    free(s);
    s = sanitize_str("x\xe2\x80\xaey", 0);
    assert_string_equal(s, "x[U+202E]y");
    free(s);
}

static void
test_sanitize_keeps_text(void **state)
{
    const char *text = "مرحبا order #1234\n注文はまだですか\nสวัสดีครับ 👍 e\xcc\x81";
    char *s;

    (void)state;
    s = sanitize_str(text, SAN_KEEP_NEWLINES);
    assert_string_equal(s, text);
    free(s);
    s = sanitize_str("a\r\nb\tc", SAN_KEEP_NEWLINES);
    assert_string_equal(s, "a\nb c");
    free(s);
    s = sanitize_str("a\nb", 0);
    assert_string_equal(s, "a\xe2\x90\x8a" "b");   /* ␊ */
    free(s);
    s = sanitize_str(NULL, 0);
    assert_string_equal(s, "");
    free(s);
}

static void
test_time_iso(void **state)
{
    time_t t;
    char out[TIME_ISO_LEN];

    (void)state;
    assert_int_equal(time_parse_iso("2026-11-25T03:04:05Z", &t), 0);
    assert_int_equal((long long)t, 1795575845LL);
    time_format_iso(t, out);
    assert_string_equal(out, "2026-11-25T03:04:05Z");
    assert_int_equal(time_parse_iso("2026-11-25T05:04:05+02:00", &t), 0);
    assert_int_equal((long long)t, 1795575845LL);
    assert_int_equal(time_parse_iso("2026-11-25T03:04:05.123Z", &t), 0);
    assert_int_equal((long long)t, 1795575845LL);
    assert_int_equal(time_parse_iso("2026-11-25", &t), 0);
    assert_int_equal(time_parse_iso("2026-13-25T00:00:00Z", &t), -1);
    assert_int_equal(time_parse_iso("yesterday", &t), -1);
    assert_int_equal(time_parse_iso("2026-11-25T03:04:05Zjunk", &t), -1);
    assert_int_equal(time_parse_iso(NULL, &t), -1);
    time_format_iso(0, out);
    assert_string_equal(out, "");
}

static void
test_time_span(void **state)
{
    char out[16];

    (void)state;
    time_format_span(45, out, sizeof out);
    assert_string_equal(out, "45s");
    time_format_span(125, out, sizeof out);
    assert_string_equal(out, "2m");
    time_format_span(5 * 3600 + 10, out, sizeof out);
    assert_string_equal(out, "5h");
    time_format_span(3 * 86400, out, sizeof out);
    assert_string_equal(out, "3d");
    time_format_span(-7200, out, sizeof out);
    assert_string_equal(out, "-2h");
    time_format_span(30 * 86400, out, sizeof out);
    assert_string_equal(out, "4w");
}

static void
test_width(void **state)
{
    struct buf b;

    (void)state;
    assert_int_equal(width_str("abc"), 3);
    assert_int_equal(width_str("注文"), 4);
    assert_int_equal(width_str("e\xcc\x81"), 1);           /* e + combining */
    assert_int_equal(width_str("สวัสดี"), 4);                 /* Thai marks */
    buf_init(&b, 0);
    width_fit(&b, "注文はまだですか", 7, 1);
    /* 3 wide chars (6 cols) + ellipsis = 7; never half a wide char. */
    assert_string_equal(buf_str(&b), "注文は…");
    assert_int_equal(width_str(buf_str(&b)), 7);
    buf_reset(&b);
    width_fit(&b, "ab", 5, 1);
    assert_string_equal(buf_str(&b), "ab   ");
    buf_reset(&b);
    width_fit(&b, "cafe\xcc\x81s", 5, 0);
    assert_string_equal(buf_str(&b), "cafe\xcc\x81s");
    buf_free(&b);
}

static void
test_error_prefix(void **state)
{
    struct td_error err;
    char big[600];

    (void)state;
    assert_int_equal(td_error_set(&err, TD_EIO, "disk %s", "full"), TD_EIO);
    td_error_prefix(&err, "store: ");
    assert_string_equal(err.msg, "store: disk full");
    assert_string_equal(td_status_name(TD_ERATE), "rate-limited");
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    td_error_set(&err, TD_EIO, "%s", big);
    td_error_prefix(&err, "p: ");
    assert_int_equal(strlen(err.msg), TD_ERROR_MAX - 1);
    assert_memory_equal(err.msg, "p: xx", 5);
}

static void
test_base64(void **state)
{
    static const struct {
        const char *in, *out;
    } v[] = {       /* RFC 4648 section 10 */
        { "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
        { "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
        { "foobar", "Zm9vYmFy" },
        { "agent@example.com/token:abc", "YWdlbnRAZXhhbXBsZS5jb20vdG9rZW46YWJj" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char *s = base64_encode(v[i].in, strlen(v[i].in));

        assert_string_equal(s, v[i].out);
        free(s);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_buf_detach_empty),
        cmocka_unit_test(test_sanitize_hostile),
        cmocka_unit_test(test_sanitize_keeps_text),
        cmocka_unit_test(test_time_iso),
        cmocka_unit_test(test_time_span),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_error_prefix),
        cmocka_unit_test(test_base64),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
