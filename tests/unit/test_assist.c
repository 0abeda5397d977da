/* test_assist.c: the assist's rules (a ticket's language from its messages,
 * the backend, the buyer's locale or country), what the store keeps of
 * them on every upsert and in the background pass, the intent: and
 * lang:unknown query terms, and the concept file's format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/assist.h"
#include "core/concepts.h"
#include "core/model.h"
#include "core/query.h"
#include "store/classify.h"
#include "store/store.h"
#include "util/xmalloc.h"

struct fixture {
    struct assist *a;
    struct store *s;
    int64_t acct;
    struct td_error err;
};

static int
setup(void **state)
{
    const char *dir = getenv("TTYDESK_DATADIR");
    struct fixture *f = xcalloc(1, sizeof *f);

    if (assist_load(dir ? dir : ".", &f->a, &f->err) != TD_OK) {
        fprintf(stderr, "%s\n", f->err.msg);
        return -1;
    }
    if (store_open(":memory:", &f->s, &f->err) != TD_OK ||
        store_account_ensure(f->s, "main", "zendesk", NULL, &f->acct,
                             &f->err) != TD_OK)
        return -1;
    store_set_assist(f->s, f->a);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    store_close(&f->s);
    assist_free(&f->a);
    assert_null(f->a);
    free(f);
    return 0;
}

/* ---- core rules ---- */

static void
test_country(void **state)
{
    (void)state;
    assert_string_equal(assist_country_lang("ES"), "es");
    assert_string_equal(assist_country_lang("br"), "pt");
    assert_string_equal(assist_country_lang("JP"), "ja");
    assert_null(assist_country_lang("XX"));
    assert_null(assist_country_lang("ESP"));
    assert_null(assist_country_lang(NULL));
}

static void
test_label_words(void **state)
{
    (void)state;
    assert_int_equal(intent_label_parse("where_is_my_order"),
                     INTENT_WHERE_IS_MY_ORDER);
    assert_int_equal(intent_label_parse("wismo"), INTENT_WHERE_IS_MY_ORDER);
    assert_int_equal(intent_label_parse("WISM"), INTENT_WHERE_IS_MY_ORDER);
    assert_int_equal(intent_label_parse("where"), INTENT_WHERE_IS_MY_ORDER);
    assert_int_equal(intent_label_parse("refund"), INTENT_RETURN_REFUND);
    assert_int_equal(intent_label_parse("return"), INTENT_RETURN_REFUND);
    assert_int_equal(intent_label_parse("address_change"),
                     INTENT_CHANGE_ADDRESS);
    assert_int_equal(intent_label_parse("damaged"),
                     INTENT_DAMAGED_DEFECTIVE);
    assert_int_equal(intent_label_parse("payment"), INTENT_PAYMENT_ISSUE);
    assert_int_equal(intent_label_parse("thanks"), INTENT_THANKS_OTHER);
    assert_int_equal(intent_label_parse("dam"), INTENT_DAMAGED_DEFECTIVE);
    /* cancel_order, change_address, complaint: ambiguous. */
    assert_int_equal(intent_label_parse("c"), -1);
    assert_int_equal(intent_label_parse("bogus"), -1);
    assert_int_equal(intent_label_parse(""), -1);
    for (int l = 0; l < INTENT_COUNT; l++) {
        const char *s = intent_label_short((enum intent_label)l);

        assert_true(strlen(s) <= 6);
        assert_int_equal(intent_label_parse(s), l);
    }
}

static void
ticket(const struct fixture *f, const char *subject, const char *const *msgs,
       size_t n, const char *backend, const char *locale, const char *country,
       struct assist_ticket_out *out)
{
    struct assist_msg m[8];

    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++) {
        struct langid_result lr;

        assist_message(f->a, msgs[i], strlen(msgs[i]), &lr);
        m[i].body = msgs[i];
        m[i].lang = xstrdup(lr.lang);
        m[i].conf = lr.confidence;
    }
    assist_ticket(f->a,
                  &(struct assist_ticket_in){
                      .subject = subject,
                      .msgs = m,
                      .n_msgs = n,
                      .backend_lang = backend,
                      .locale = locale,
                      .country = country,
                  },
                  out);
    for (size_t i = 0; i < n; i++)
        free((char *)m[i].lang);
}

static void
test_ticket_rules(void **state)
{
    struct fixture *f = *state;
    struct assist_ticket_out o;
    const char *es[] = { "Hola, ¿dónde está mi pedido? Todavía no llegó.",
                         "ok" };
    const char *ok[] = { "ok", "#1234", "\xf0\x9f\x91\x8d" };
    const char *thanks[] = { "Where is my order? It still hasn't arrived.",
                             "Thank you!" };

    /* The newest message says "ok": the earlier Spanish one decides. */
    ticket(f, NULL, es, 2, "en", "en-US", "US", &o);
    assert_string_equal(o.lang, "es");
    assert_true(o.lang_conf > 0.5);
    assert_int_equal(o.intent, INTENT_WHERE_IS_MY_ORDER);
    /* Nothing in any message: the backend's word, then locale, country. */
    ticket(f, NULL, ok, 3, "pt-BR", "de-AT", "JP", &o);
    assert_string_equal(o.lang, "pt");
    assert_true(o.lang_conf == ASSIST_CONF_BACKEND);
    ticket(f, NULL, ok, 3, NULL, "de-AT", "JP", &o);
    assert_string_equal(o.lang, "de");
    assert_true(o.lang_conf == ASSIST_CONF_LOCALE);
    ticket(f, NULL, ok, 3, "unknown", NULL, "jp", &o);
    assert_string_equal(o.lang, "ja");
    assert_true(o.lang_conf == ASSIST_CONF_COUNTRY);
    ticket(f, NULL, ok, 3, NULL, NULL, NULL, &o);
    assert_string_equal(o.lang, "");
    assert_true(o.lang_conf == 0);
    /* The subject speaks when the messages do not. */
    ticket(f, "Bestellung noch nicht angekommen", ok, 1, NULL, NULL, "US",
           &o);
    assert_string_equal(o.lang, "de");
    assert_int_equal(o.intent, INTENT_WHERE_IS_MY_ORDER);
    /* A closing thank-you does not hide the request; thanks alone is
     * thanks_other. */
    ticket(f, NULL, thanks, 2, NULL, NULL, NULL, &o);
    assert_int_equal(o.intent, INTENT_WHERE_IS_MY_ORDER);
    ticket(f, NULL, thanks + 1, 1, NULL, NULL, NULL, &o);
    assert_int_equal(o.intent, INTENT_THANKS_OTHER);
}

/* A few messages per demo language through the whole path, written for
 * this test (the measured sets are in tests/data/). */
static void
test_languages(void **state)
{
    static const struct {
        const char *text, *lang;
        enum intent_label label;
    } cases[] = {
        { "Mi paquete sigue sin llegar, ¿dónde está?", "es",
          INTENT_WHERE_IS_MY_ORDER },
        { "Bitte stornieren Sie meine Bestellung.", "de",
          INTENT_CANCEL_ORDER },
        { "La tasse est arrivée cassée.", "fr", INTENT_DAMAGED_DEFECTIVE },
        { "Fui cobrado duas vezes pelo mesmo pedido.", "pt",
          INTENT_PAYMENT_ISSUE },
        { "Ho sbagliato il CAP nell'indirizzo, potete correggerlo?", "it",
          INTENT_CHANGE_ADDRESS },
        { "Siyah istedim, beyaz geldi.", "tr", INTENT_WRONG_ITEM },
        { "متى يرجع المبلغ؟ رجعت المنتج من أسبوع", "ar",
          INTENT_RETURN_REFUND },
        { "このバッグは防水ですか？", "ja", INTENT_PRODUCT_QUESTION },
        { "Pelayanan buruk, chat tidak dibalas.", "id", INTENT_COMPLAINT },
        { "ได้รับของแล้วค่ะ ขอบคุณมาก", "th", INTENT_THANKS_OTHER },
        { "Shop ơi đơn hàng của em đang ở đâu vậy?", "vi",
          INTENT_WHERE_IS_MY_ORDER },
    };
    struct fixture *f = *state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct assist_ticket_out o;

        ticket(f, NULL, &cases[i].text, 1, NULL, NULL, NULL, &o);
        /* Indonesian and Malay share their words (langid.c, README). */
        if (strcmp(o.lang, "ms") == 0 && strcmp(cases[i].lang, "id") == 0)
            memcpy(o.lang, "id", 3);
        if (strcmp(o.lang, cases[i].lang) != 0 || o.intent != cases[i].label)
            fail_msg("%s: %s %s, want %s %s", cases[i].text, o.lang,
                     intent_label_name(o.intent), cases[i].lang,
                     intent_label_name(cases[i].label));
    }
}

/* ---- the store ---- */

static void
add_msg(struct ticket *t, const char *ext, enum author_kind who,
        const char *body, time_t at)
{
    struct message *m = ticket_add_message(t);

    m->external_id = xstrdup(ext);
    m->author = who;
    m->is_public = 1;
    m->body = xstrdup(body);
    m->created_at = at;
}

static int64_t
put_subject(struct fixture *f, const char *ext, const char *subject,
            const char *backend, const char *country,
            const char *const *bodies, size_t n)
{
    struct ticket t;

    memset(&t, 0, sizeof t);
    t.account_id = f->acct;
    t.external_id = xstrdup(ext);
    t.subject = xstrdup(subject);
    t.status = TS_OPEN;
    t.priority = TP_NORMAL;
    t.channel = CH_EMAIL;
    t.language = backend ? xstrdup(backend) : NULL;
    t.updated_at = 1000;
    t.requester.external_id = xstrdup(ext);
    t.requester.country = country ? xstrdup(country) : NULL;
    for (size_t i = 0; i < n; i++) {
        char id[32];

        snprintf(id, sizeof id, "m%zu", i);
        add_msg(&t, id, i % 2 ? AK_AGENT : AK_CUSTOMER, bodies[i],
                (time_t)(100 + i));
    }
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    ticket_clear(&t);
    return t.id ? t.id : 0;
}

static int64_t
put(struct fixture *f, const char *ext, const char *backend,
    const char *country, const char *const *bodies, size_t n)
{
    return put_subject(f, ext, "#4711", backend, country, bodies, n);
}

static struct ticket *
get(struct fixture *f, const char *ext)
{
    struct ticket *t = NULL;
    int64_t id;

    assert_int_equal(store_ticket_lookup(f->s, "main", ext, &id, &f->err),
                     TD_OK);
    assert_int_equal(store_ticket_get(f->s, id, &t, &f->err), TD_OK);
    return t;
}

static void
test_store_upsert(void **state)
{
    struct fixture *f = *state;
    const char *thread[] = { "Hallo, bitte stornieren Sie meine Bestellung.",
                             "Hello, done.", "ok" };
    const char *only_ok[] = { "ok" };
    const char *edited[] = { "Por favor, cancelen mi pedido.",
                             "Hello, done.", "ok" };
    struct ticket *t;

    put(f, "1", "en-GB", "DE", thread, 3);
    t = get(f, "1");
    assert_string_equal(t->language, "de");
    assert_string_equal(t->backend_language, "en-GB");
    assert_true(t->language_conf > 0.5 && t->language_conf <= 1);
    assert_string_equal(t->intent, "cancel_order");
    assert_true(t->intent_conf > 0 && t->intent_conf <= 1);
    assert_int_equal(t->n_messages, 3);
    assert_string_equal(t->messages[0].language, "de");
    assert_null(t->messages[1].language);       /* the agent's */
    assert_string_equal(t->messages[2].language, "unknown");
    ticket_free(&t);

    /* "ok" only: no backend word, so the buyer's country. */
    put(f, "2", NULL, "JP", only_ok, 1);
    t = get(f, "2");
    assert_string_equal(t->language, "ja");
    assert_true(t->language_conf == ASSIST_CONF_COUNTRY);
    assert_string_equal(t->intent, "thanks_other");
    ticket_free(&t);

    /* A new subject is read again, an unchanged re-sync is not. */
    put_subject(f, "3", "#4712", NULL, "US", only_ok, 1);
    t = get(f, "3");
    assert_string_equal(t->language, "en");
    assert_string_equal(t->intent, "thanks_other");
    ticket_free(&t);
    put_subject(f, "3", "Bestellung bitte stornieren", NULL, "US", only_ok,
                1);
    t = get(f, "3");
    assert_string_equal(t->language, "de");
    assert_string_equal(t->intent, "cancel_order");
    ticket_free(&t);
    put_subject(f, "3", "Bestellung bitte stornieren", NULL, "US", only_ok,
                1);
    t = get(f, "3");
    assert_string_equal(t->language, "de");
    assert_string_equal(t->intent, "cancel_order");
    ticket_free(&t);

    /* An edited body is classified again; the rest is kept. */
    put(f, "1", "en-GB", "DE", edited, 3);
    t = get(f, "1");
    assert_string_equal(t->messages[0].language, "es");
    assert_string_equal(t->language, "es");
    assert_string_equal(t->intent, "cancel_order");
    ticket_free(&t);
}

static int
key_waiting(void *ctx)
{
    (void)ctx;
    return 1;
}

static void
test_store_pending(void **state)
{
    struct fixture *f = *state;
    const char *wismo[] = { "Where is my order? Tracking hasn't moved." };
    struct ticket *t;
    int64_t n;
    size_t done;
    int more;

    /* Written without the models, as an older ttydesk left it. */
    store_set_assist(f->s, NULL);
    for (int i = 0; i < 5; i++) {
        char ext[16];

        snprintf(ext, sizeof ext, "p%d", i);
        put(f, ext, "fr", NULL, wismo, 1);
    }
    t = get(f, "p0");
    assert_null(t->intent);
    assert_string_equal(t->language, "fr");     /* the backend's, as is */
    assert_null(t->messages[0].language);
    ticket_free(&t);
    assert_int_equal(store_classify_count(f->s, &n, &f->err), TD_OK);
    assert_int_equal(n, 5);
    assert_int_equal(store_classify_pending(f->s, 2, NULL, NULL, &done, &more,
                                            &f->err),
                     TD_OK);
    assert_int_equal(done, 0);                  /* no models, no work */
    store_set_assist(f->s, f->a);
    assert_int_equal(store_classify_pending(f->s, 2, NULL, NULL, &done, &more,
                                            &f->err),
                     TD_OK);
    assert_int_equal(done, 2);
    assert_true(more);
    assert_int_equal(store_classify_pending(f->s, 10, NULL, NULL, &done, &more,
                                            &f->err),
                     TD_OK);
    assert_int_equal(done, 3);
    assert_false(more);
    assert_int_equal(store_classify_count(f->s, &n, &f->err), TD_OK);
    assert_int_equal(n, 0);
    /* A waiting key ends a slice after the ticket in hand. */
    store_set_assist(f->s, NULL);
    put(f, "q0", NULL, NULL, wismo, 1);
    put(f, "q1", NULL, NULL, wismo, 1);
    store_set_assist(f->s, f->a);
    assert_int_equal(store_classify_pending(f->s, 10, key_waiting, NULL,
                                            &done, &more, &f->err), TD_OK);
    assert_int_equal(done, 1);
    assert_true(more);
    assert_int_equal(store_classify_pending(f->s, 10, NULL, NULL, &done,
                                            &more, &f->err), TD_OK);
    assert_int_equal(done, 1);
    assert_false(more);
    t = get(f, "p4");
    assert_string_equal(t->intent, "where_is_my_order");
    assert_string_equal(t->language, "en");
    assert_string_equal(t->backend_language, "fr");
    assert_string_equal(t->messages[0].language, "en");
    ticket_free(&t);
}

static int64_t
count(struct fixture *f, const char *text)
{
    struct query q;
    int64_t n = -1;

    assert_int_equal(query_parse(text, &q, &f->err), TD_OK);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    query_clear(&q);
    return n;
}

static void
test_query_terms(void **state)
{
    struct fixture *f = *state;
    const char *cancel[] = { "Bitte stornieren Sie meine Bestellung." };
    const char *wismo[] = { "¿Dónde está mi pedido? No ha llegado." };
    const char *only_ok[] = { "ok" };
    struct query q;
    char *plan;

    put(f, "a", NULL, "DE", cancel, 1);
    put(f, "b", NULL, "ES", wismo, 1);
    put(f, "c", NULL, NULL, only_ok, 1);
    assert_int_equal(query_parse("intent:wism", &q, &f->err), TD_OK);
    assert_string_equal(q.terms[0].value, "where_is_my_order");
    assert_int_equal(q.terms[0].field, QF_INTENT);
    query_clear(&q);
    assert_int_equal(query_parse("intent:c", &q, &f->err), TD_EINVAL);
    assert_non_null(strstr(f->err.msg, "unknown intent 'c'"));
    assert_int_equal(count(f, "intent:where_is_my_order"), 1);
    assert_int_equal(count(f, "intent:wismo,cancel"), 2);
    assert_int_equal(count(f, "-intent:cancel_order"), 2);
    assert_int_equal(count(f, "lang:es intent:wismo"), 1);
    assert_int_equal(count(f, "lang:de intent:wismo"), 0);
    assert_int_equal(count(f, "lang:unknown"), 1);
    assert_int_equal(count(f, "-lang:unknown"), 2);
    assert_int_equal(count(f, "intent:other lang:unknown"), 1);
    /* intent: reads the tickets_intent index, which also gives the
     * updated order. */
    assert_int_equal(query_parse("intent:wismo sort:updated", &q, &f->err),
                     TD_OK);
    assert_int_equal(store_inbox_explain(f->s, &q, &plan, &f->err), TD_OK);
    if (strstr(plan, "INDEX tickets_intent (intent=?)") == NULL)
        fail_msg("intent: does not use tickets_intent:\n%s", plan);
    free(plan);
    query_clear(&q);
}

/* ---- the concept file ---- */

static char *
write_tmp(const char *text)
{
    char *path = xstrdup("/tmp/ttydesk-concepts.XXXXXX");
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void
test_concepts_file(void **state)
{
    struct concepts *c = NULL;
    struct td_error err;
    double score[INTENT_COUNT] = { 0 };
    char *path;
    uint64_t m;

    (void)state;
    path = write_tmp("# test\nen stop: stop*, hold it\nes stop: par*\n"
                     "* vip: vip\nrule cancel_order 2: stop -question\n"
                     "rule complaint 1.5: vip\n");
    assert_int_equal(concepts_load(path, &c, &err), TD_OK);
    unlink(path);
    free(path);
    m = concepts_find(c, " please stopping it now ", "x", 1, "de");
    assert_true(m & (1u << concepts_id(c, "stop")));
    concepts_score(c, m, score);
    assert_true(score[INTENT_CANCEL_ORDER] == 2);
    /* A question mark sets "question", which the rule refuses. */
    score[INTENT_CANCEL_ORDER] = 0;
    m = concepts_find(c, " hold it ", "hold it?", 8, "en");
    concepts_score(c, m, score);
    assert_true(score[INTENT_CANCEL_ORDER] == 0);
    /* Spanish words only for Spanish text; unknown text reads English. */
    assert_int_equal(concepts_find(c, " paren ", "", 0, "de"), 0);
    assert_true(concepts_find(c, " paren ", "", 0, "es") != 0);
    assert_int_equal(concepts_find(c, " paren ", "", 0, "unknown"), 0);
    assert_true(concepts_find(c, " stop ", "", 0, "unknown") != 0);
    concepts_free(&c);
    assert_null(c);

    path = write_tmp("en stop: stop\nrule nonsense 2: stop\n");
    assert_int_equal(concepts_load(path, &c, &err), TD_EPARSE);
    assert_non_null(strstr(err.msg, ":2: expected"));
    assert_null(c);
    unlink(path);
    free(path);
    path = write_tmp("en stop stop\n");
    assert_int_equal(concepts_load(path, &c, &err), TD_EPARSE);
    assert_non_null(strstr(err.msg, ":1: "));
    unlink(path);
    free(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_label_words),
        cmocka_unit_test(test_concepts_file),
        cmocka_unit_test_setup_teardown(test_ticket_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_languages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_upsert, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_pending, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_terms, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
