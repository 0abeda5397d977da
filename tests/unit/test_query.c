/* test_query.c: the query language parser, term by term and error by error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "core/query.h"

/* Parse text, which must succeed, into q. */
static void
parse_ok(const char *text, struct query *q)
{
    struct td_error err;

    td_error_clear(&err);
    if (query_parse(text, q, &err) != TD_OK)
        fail_msg("query_parse(\"%s\"): %s", text, err.msg);
}

/* Parse text, which must fail with exactly msg. */
static void
parse_bad(const char *text, const char *msg)
{
    struct query q;
    struct td_error err;

    td_error_clear(&err);
    assert_int_equal(query_parse(text, &q, &err), TD_EINVAL);
    assert_string_equal(err.msg, msg);
    /* On error q is the empty query, safe to clear. */
    assert_int_equal(q.n_terms, 0);
    assert_null(q.terms);
    query_clear(&q);
}

static void
assert_term(const struct query *q, size_t i, enum query_field f,
            enum query_op op, int negate, const char *value)
{
    assert_true(i < q->n_terms);
    assert_int_equal(q->terms[i].field, f);
    assert_int_equal(q->terms[i].op, op);
    assert_int_equal(q->terms[i].negate, negate);
    assert_string_equal(q->terms[i].value, value);
}

static void
test_empty(void **state)
{
    struct query q;
    time_t before = time(NULL);

    (void)state;
    parse_ok("", &q);
    assert_int_equal(q.n_terms, 0);
    assert_int_equal(q.sort, QS_SLA);
    assert_int_equal(q.reverse, 0);
    assert_null(q.me);
    assert_true(q.now >= before && q.now <= time(NULL));
    query_clear(&q);
    parse_ok("   \t ", &q);
    assert_int_equal(q.n_terms, 0);
    query_clear(&q);
    parse_ok(NULL, &q);
    assert_int_equal(q.n_terms, 0);
    query_clear(&q);
}

static void
test_free_words(void **state)
{
    struct query q;

    (void)state;
    parse_ok("Refund  late -Spam", &q);
    assert_int_equal(q.n_terms, 3);
    /* Free text keeps its case: full-text search decides about case. */
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "Refund");
    assert_term(&q, 1, QF_TEXT, QO_EQ, 0, "late");
    assert_term(&q, 2, QF_TEXT, QO_EQ, 1, "Spam");
    query_clear(&q);
    /* Not field syntax: stays free text. */
    parse_ok("10:30 <b> a<b", &q);
    assert_int_equal(q.n_terms, 3);
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "10:30");
    assert_term(&q, 1, QF_TEXT, QO_EQ, 0, "<b>");
    assert_term(&q, 2, QF_TEXT, QO_EQ, 0, "a<b");
    query_clear(&q);
}

static void
test_phrases(void **state)
{
    struct query q;

    (void)state;
    parse_ok("\"Where is my order\" -\"out of stock\" \"status:open\"", &q);
    assert_int_equal(q.n_terms, 3);
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "Where is my order");
    assert_term(&q, 1, QF_TEXT, QO_EQ, 1, "out of stock");
    /* A quoted field:value is a phrase, not a field. */
    assert_term(&q, 2, QF_TEXT, QO_EQ, 0, "status:open");
    query_clear(&q);
    parse_ok("\"say \\\"hi\\\"\"", &q);
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "say \"hi\"");
    query_clear(&q);
    parse_ok("\"Ünïcødé 注文\"", &q);
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "Ünïcødé 注文");
    query_clear(&q);
}

static void
test_fields(void **state)
{
    struct query q;

    (void)state;
    parse_ok("status:Open,PENDING priority:high lang:DE language:pt-BR "
             "channel:WhatsApp country:de tag:VIP assignee:me order:1001 "
             "account:Demo id:42 from:\"Ann Lee\"", &q);
    assert_int_equal(q.n_terms, 12);
    assert_term(&q, 0, QF_STATUS, QO_EQ, 0, "open,pending");
    assert_term(&q, 1, QF_PRIORITY, QO_EQ, 0, "high");
    assert_term(&q, 2, QF_LANG, QO_EQ, 0, "de");
    assert_term(&q, 3, QF_LANG, QO_EQ, 0, "pt-br");
    assert_term(&q, 4, QF_CHANNEL, QO_EQ, 0, "whatsapp");
    assert_term(&q, 5, QF_COUNTRY, QO_EQ, 0, "DE");
    assert_term(&q, 6, QF_TAG, QO_EQ, 0, "vip");
    assert_term(&q, 7, QF_ASSIGNEE, QO_EQ, 0, "me");
    assert_term(&q, 8, QF_ORDER, QO_EQ, 0, "1001");
    assert_term(&q, 9, QF_ACCOUNT, QO_EQ, 0, "demo");
    assert_term(&q, 10, QF_ID, QO_EQ, 0, "42");
    assert_term(&q, 11, QF_FROM, QO_EQ, 0, "ann lee");
    query_clear(&q);
}

static void
test_status_lists(void **state)
{
    struct query q;

    (void)state;
    parse_ok("status:unsolved", &q);
    assert_term(&q, 0, QF_STATUS, QO_EQ, 0, "new,open,pending,on-hold");
    query_clear(&q);
    /* Each status once, in the order first named. */
    parse_ok("status:pending,unsolved,solved", &q);
    assert_term(&q, 0, QF_STATUS, QO_EQ, 0,
                "pending,new,open,on-hold,solved");
    query_clear(&q);
    parse_ok("-status:solved,closed country:de,fr", &q);
    assert_term(&q, 0, QF_STATUS, QO_EQ, 1, "solved,closed");
    assert_term(&q, 1, QF_COUNTRY, QO_EQ, 0, "DE,FR");
    query_clear(&q);
}

static void
test_negation(void **state)
{
    struct query q;

    (void)state;
    parse_ok("-tag:spam -channel:email -refund", &q);
    assert_int_equal(q.n_terms, 3);
    assert_term(&q, 0, QF_TAG, QO_EQ, 1, "spam");
    assert_term(&q, 1, QF_CHANNEL, QO_EQ, 1, "email");
    assert_term(&q, 2, QF_TEXT, QO_EQ, 1, "refund");
    query_clear(&q);
}

/* The agent's seen state: one field, two words, case folded like the
 * others, and negation is the other word's meaning. */
static void
test_is_unread(void **state)
{
    struct query q;

    (void)state;
    parse_ok("is:unread -is:UNREAD is:Read,unread,read", &q);
    assert_int_equal(q.n_terms, 3);
    assert_term(&q, 0, QF_IS, QO_EQ, 0, "unread");
    assert_term(&q, 1, QF_IS, QO_EQ, 1, "unread");
    assert_term(&q, 2, QF_IS, QO_EQ, 0, "read,unread");
    query_clear(&q);
    /* Quoted, it is a phrase to search for, as any field:value. */
    parse_ok("\"is:unread\"", &q);
    assert_term(&q, 0, QF_TEXT, QO_EQ, 0, "is:unread");
    query_clear(&q);
    assert_string_equal(query_field_name(QF_IS), "is");
}

static void
test_durations_terms(void **state)
{
    struct query q;

    (void)state;
    parse_ok("sla<30m sla>2h age>2d age<3h updated<1h -sla<1D12H", &q);
    assert_int_equal(q.n_terms, 6);
    assert_term(&q, 0, QF_SLA, QO_LT, 0, "30m");
    assert_int_equal(q.terms[0].seconds, 1800);
    assert_term(&q, 1, QF_SLA, QO_GT, 0, "2h");
    assert_int_equal(q.terms[1].seconds, 7200);
    assert_term(&q, 2, QF_AGE, QO_GT, 0, "2d");
    assert_int_equal(q.terms[2].seconds, 2 * 86400);
    assert_term(&q, 3, QF_AGE, QO_LT, 0, "3h");
    assert_int_equal(q.terms[3].seconds, 3 * 3600);
    assert_term(&q, 4, QF_UPDATED, QO_LT, 0, "1h");
    assert_int_equal(q.terms[4].seconds, 3600);
    assert_term(&q, 5, QF_SLA, QO_LT, 1, "1d12h");
    assert_int_equal(q.terms[5].seconds, 129600);
    query_clear(&q);
}

static void
test_sort(void **state)
{
    struct query q;

    (void)state;
    parse_ok("status:open sort:updated", &q);
    assert_int_equal(q.n_terms, 1);
    assert_int_equal(q.sort, QS_UPDATED);
    assert_int_equal(q.reverse, 0);
    query_clear(&q);
    parse_ok("sort:-created", &q);
    assert_int_equal(q.n_terms, 0);
    assert_int_equal(q.sort, QS_CREATED);
    assert_int_equal(q.reverse, 1);
    query_clear(&q);
    /* The last sort wins. */
    parse_ok("sort:id sort:PRIORITY", &q);
    assert_int_equal(q.sort, QS_PRIORITY);
    query_clear(&q);
    assert_int_equal(q.sort, QS_SLA);
}

static void
test_errors(void **state)
{
    (void)state;
    parse_bad("status:open bogus:x",
              "unknown field 'bogus' (fields: status, lang, channel, "
              "country, priority, from, tag, assignee, order, account, id, "
              "sla, age, updated, is, intent, sku, carrier, shipto, created, "
              "sort)");
    parse_bad("is:new",
              "'is:new': unknown state 'new' (unread, read)");
    parse_bad("is:unread,",
              "'is:unread,': empty item in the list");
    parse_bad("is<1h",
              "'is<1h': only sla, age, updated and created take < or >");
    parse_bad("status:wat",
              "'status:wat': unknown status 'wat' (new, open, pending, "
              "on-hold, solved, closed, unsolved)");
    parse_bad("status:open,wat,closed",
              "'status:open,wat,closed': unknown status 'wat' (new, open, "
              "pending, on-hold, solved, closed, unsolved)");
    parse_bad("channel:fax",
              "'channel:fax': unknown channel 'fax' (email, web, chat, "
              "whatsapp, line, messenger, phone, sms, other)");
    parse_bad("priority:meh",
              "'priority:meh': unknown priority 'meh' (low, normal, high, "
              "urgent)");
    parse_bad("sla<soon",
              "'sla<soon': 'soon' is not a duration (like 90s, 30m, 2h, "
              "1d12h, 2w)");
    parse_bad("age>", "'age>': no duration after the '>'");
    parse_bad("status:", "'status:': no value after the colon");
    parse_bad("-tag:", "'-tag:': no value after the colon");
    parse_bad("status:open,", "'status:open,': empty item in the list");
    parse_bad("refund \"where is", "unterminated quote in '\"where is'");
    parse_bad("from:\"Ann", "unterminated quote in 'from:\"Ann'");
    parse_bad("sla:30m",
              "'sla:30m': sla takes < or > and a duration, as in sla<30m");
    parse_bad("status<1h", "'status<1h': only sla, age, updated and created "
              "take < or >");
    parse_bad("sort:random", "'sort:random': unknown sort 'random' (sla, "
              "updated, created, priority, id)");
    parse_bad("-sort:updated",
              "'-sort:updated': write sort:-FIELD to reverse the order");
    parse_bad("a - b", "'-': an empty term");
    parse_bad("\"\"", "'\"\"': an empty term");
    parse_bad("id:abc", "'id:abc': 'abc' is not a ticket number");
    parse_bad("country:Germany",
              "'country:Germany': 'GERMANY' is not a two-letter country "
              "code like DE");
}

static void
test_parse_duration(void **state)
{
    (void)state;
    assert_int_equal(query_parse_duration("90s"), 90);
    assert_int_equal(query_parse_duration("30m"), 1800);
    assert_int_equal(query_parse_duration("2h"), 7200);
    assert_int_equal(query_parse_duration("1d12h"), 129600);
    assert_int_equal(query_parse_duration("1d2h3m4s"), 93784);
    assert_int_equal(query_parse_duration("2w"), 1209600);
    assert_int_equal(query_parse_duration("2W"), 1209600);
    assert_int_equal(query_parse_duration("45"), 45);
    assert_int_equal(query_parse_duration("0"), 0);
    assert_int_equal(query_parse_duration("0m"), 0);
    assert_int_equal(query_parse_duration("9223372036854775807"), INT64_MAX);
    assert_int_equal(query_parse_duration(NULL), -1);
    assert_int_equal(query_parse_duration(""), -1);
    assert_int_equal(query_parse_duration("abc"), -1);
    assert_int_equal(query_parse_duration("h"), -1);
    assert_int_equal(query_parse_duration("5x"), -1);
    assert_int_equal(query_parse_duration("5m30"), -1);
    assert_int_equal(query_parse_duration("1h1d"), -1);
    assert_int_equal(query_parse_duration("1h1h"), -1);
    assert_int_equal(query_parse_duration("-5m"), -1);
    assert_int_equal(query_parse_duration("1 h"), -1);
    assert_int_equal(query_parse_duration(" 1h"), -1);
    assert_int_equal(query_parse_duration("1h "), -1);
    assert_int_equal(query_parse_duration("9223372036854775808"), -1);
    assert_int_equal(query_parse_duration("99999999999999999999"), -1);
    assert_int_equal(query_parse_duration("15250284452471w"),
                     15250284452471LL * 604800);
    assert_int_equal(query_parse_duration("15250284452472w"), -1);
    assert_int_equal(query_parse_duration("106751991167300d1d"), -1);
}

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(query_field_name(QF_TEXT), "text");
    assert_string_equal(query_field_name(QF_STATUS), "status");
    assert_string_equal(query_field_name(QF_LANG), "lang");
    assert_string_equal(query_field_name(QF_UPDATED), "updated");
    assert_string_equal(query_field_name(QF_COUNT), "unknown");
    assert_string_equal(query_sort_name(QS_SLA), "sla");
    assert_string_equal(query_sort_name(QS_ID), "id");
    assert_string_equal(query_sort_name(QS_COUNT), "unknown");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_free_words),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_status_lists),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_is_unread),
        cmocka_unit_test(test_durations_terms),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_parse_duration),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
