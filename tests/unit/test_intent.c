/* test_intent.c: the intent model and lexicons load, tag messages written
 * for this test, and refuse malformed files with file:line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/intent.h"

static char *
model_path(const char *name)
{
    const char *dir = getenv("TTYDESK_DATADIR");
    char *p = malloc(4096);

    assert_non_null(p);
    snprintf(p, 4096, "%s/models/%s", dir ? dir : ".", name);
    return p;
}

static int
setup(void **state)
{
    char *model = model_path("intent.model");
    char *lex = model_path("intent-lexicon.txt");
    struct intent_model *m = NULL;
    struct td_error err;
    enum td_status rc = intent_load(model, lex, &m, &err);

    free(model);
    free(lex);
    if (rc != TD_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = m;
    return 0;
}

static int
teardown(void **state)
{
    struct intent_model *m = *state;

    intent_free(&m);
    assert_null(m);
    return 0;
}

static void
test_names(void **state)
{
    (void)state;
    for (int l = 0; l < INTENT_COUNT; l++)
        assert_int_equal(intent_label_from_name(intent_label_name(l)), l);
    assert_int_equal(intent_label_from_name("refund"), -1);
    assert_string_equal(intent_label_name(INTENT_COUNT), "unknown");
}

static void
test_messages(void **state)
{
    static const struct {
        const char *lang, *text;
        enum intent_label want;
    } cases[] = {
        { "en", "where is my package? it was due last monday",
          INTENT_WHERE_IS_MY_ORDER },
        { "en", "I want my money back for the boots", INTENT_RETURN_REFUND },
        { "en", "please cancel the order I placed an hour ago",
          INTENT_CANCEL_ORDER },
        { "en", "the kettle arrived with a cracked lid",
          INTENT_DAMAGED_DEFECTIVE },
        { "en", "you sent me the wrong colour", INTENT_WRONG_ITEM },
        { "es", "Quiero cancelar la compra", INTENT_CANCEL_ORDER },
        { "de", "Das Paket kam beschädigt an", INTENT_DAMAGED_DEFECTIVE },
        { "fr", "Merci, bonne journée", INTENT_THANKS_OTHER },
        { "ja", "返品したいのですが", INTENT_RETURN_REFUND },
        { "ms", "Tolong batalkan pesanan saya", INTENT_CANCEL_ORDER },
        { "th", "ขอเปลี่ยนที่อยู่ค่ะ", INTENT_CHANGE_ADDRESS },
        { "unknown", "#1234", INTENT_THANKS_OTHER },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct intent_result r;

        intent_classify(*state, cases[i].text, strlen(cases[i].text),
                        cases[i].lang, &r);
        if (r.label != cases[i].want)
            fail_msg("%s: got %s", cases[i].text, intent_label_name(r.label));
        assert_true(r.confidence > 0 && r.confidence <= 1);
    }
}

static void
test_malformed(void **state)
{
    char path[] = "/tmp/ttydesk-intent.XXXXXX";
    int fd = mkstemp(path);
    struct intent_model *m = NULL;
    struct td_error err;
    char *good = model_path("intent.model");
    char want[256];
    FILE *f;

    (void)state;
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("ttydesk-intent 1\nlabels complaint\nprior x\n", f);
    fclose(f);
    assert_int_equal(intent_load(path, NULL, &m, &err), TD_EPARSE);
    assert_null(m);
    snprintf(want, sizeof want, "%s:3:", path);
    assert_non_null(strstr(err.msg, want));
    /* A lexicon line without a weight. */
    f = fopen(path, "w");
    fputs("# ok\nen complaint 2 awful\nen refund\n", f);
    fclose(f);
    assert_int_equal(intent_load(good, path, &m, &err), TD_EPARSE);
    snprintf(want, sizeof want, "%s:3:", path);
    assert_non_null(strstr(err.msg, want));
    unlink(path);
    assert_int_equal(intent_load(path, NULL, &m, &err), TD_ENOTFOUND);
    free(good);
    intent_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_malformed),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
