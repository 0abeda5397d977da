/* test_html.c: HTML bodies as the thread shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "net/html.h"
#include "util/buf.h"

static char *
text_of(const char *html)
{
    struct td_error err;
    char *out = NULL;

    assert_int_equal(html_to_text(html, strlen(html), &out, &err), TD_OK);
    assert_non_null(out);
    return out;
}

static void
check(const char *html, const char *want)
{
    char *got = text_of(html);

    assert_string_equal(got, want);
    free(got);
}

static void
test_paragraphs_and_breaks(void **state)
{
    (void)state;
    check("<p>Hello,</p><p>where is   my\n order?</p>",
          "Hello,\n\nwhere is my order?");
    check("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three");
    check("<div>a</div><div>b</div>", "a\nb");
    check("", "");
}

static void
test_quotes_fold_like_mail(void **state)
{
    (void)state;
    check("<p>Any news?</p><div>On Mon, Anna wrote:</div>"
          "<blockquote><p>Your parcel left.</p><p>Regards</p></blockquote>",
          "Any news?\n\nOn Mon, Anna wrote:\n> Your parcel left.\n>\n> Regards");
    check("<blockquote>outer<blockquote>inner</blockquote></blockquote>",
          "> outer\n> > inner");
}

static void
test_lists_links_images(void **state)
{
    (void)state;
    check("<ul><li>Hoodie</li><li>Cap</li></ul>", "\xe2\x80\xa2 Hoodie\n"
                                                  "\xe2\x80\xa2 Cap");
    check("Track it <a href=\"https://t.example/123\">here</a>.",
          "Track it here <https://t.example/123>.");
    check("<a href=\"https://t.example/1\">https://t.example/1</a>",
          "https://t.example/1");
    check("<a href=\"javascript:alert(1)\">click</a>", "click");
    check("<img src=x alt=\"broken box\">", "[image: broken box]");
}

static void
test_dropped_and_entities(void **state)
{
    (void)state;
    check("<html><head><title>t</title><style>p{}</style></head>"
          "<body><script>evil()</script><p>caf&eacute; &amp; th&eacute;"
          " &#x6CE8;&#x6587;</p></body></html>",
          "café & thé 注文");
    check("<pre>a  b\n  c</pre>", "a  b\n  c");
}

static void
test_broken_and_hostile(void **state)
{
    struct buf b;
    char *got;

    (void)state;
    check("<p>unclosed <b>bold <i>both</p>tail", "unclosed bold both\n\ntail");
    /* Nesting deep enough to blow a naive recursive walk. */
    buf_init(&b, 0);
    for (int i = 0; i < 5000; i++)
        buf_adds(&b, "<div>");
    buf_adds(&b, "deep");
    got = text_of(buf_str(&b));
    assert_non_null(strstr(got, "deep"));
    free(got);
    buf_free(&b);
    /* Escapes survive as text here; the screen's sanitizer shows them. */
    got = text_of("<p>\x1b]0;pwned\x07</p>");
    assert_non_null(strstr(got, "pwned"));
    free(got);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs_and_breaks),
        cmocka_unit_test(test_quotes_fold_like_mail),
        cmocka_unit_test(test_lists_links_images),
        cmocka_unit_test(test_dropped_and_entities),
        cmocka_unit_test(test_broken_and_hostile),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
