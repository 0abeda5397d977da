/* test_translate.c: the translators and the drafter against loopback
 * servers (tests/drivers/loopback.py and tests/unit/test_translate.json:
 * exact requests, auth headers, 4xx, 5xx, 429 with Retry-After, broken
 * JSON, Spanish, Arabic, Japanese and Thai text), the command provider
 * with Apertium for real, the cache in the store and the hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "net/http.h"
#include "store/store.h"
#include "store/translations.h"
#include "translate/trcommand.h"
#include "translate/translate.h"
#include "util/sha256.h"
#include "util/xmalloc.h"

#include "unit/drvtest.h"

#define TR_SCRIPT "tests/unit/test_translate.json"

/* What a job said. */
struct res {
    int calls;
    enum td_status status;
    char text[1024];
    char src[16];
    char error[TD_ERROR_MAX];
    long retry_after;
    int cached;
};

static void
on_done(void *ctx, const struct tr_result *r)
{
    struct res *o = ctx;

    o->calls++;
    o->status = r->status;
    snprintf(o->text, sizeof o->text, "%s", r->text ? r->text : "");
    snprintf(o->src, sizeof o->src, "%s", r->src ? r->src : "");
    snprintf(o->error, sizeof o->error, "%s", r->error);
    o->retry_after = r->retry_after_s;
    o->cached = r->cached;
}

/* The fixture: the server and engine of drvtest.h, a config with the
 * lines below on the server's address, a store in memory, a hub. */
struct fix {
    struct drvtest *d;
    struct config *cfg;
    struct store *st;
    struct tr_hub *hub;
};

static void
fix_line(struct fix *x, const char *fmt, const char *base)
{
    char line[512];
    struct td_error err;

    snprintf(line, sizeof line, fmt, base ? base : "");
    assert_int_equal(config_exec_line(x->cfg, line, "test.rc", 7, &err),
                     TD_OK);
}

static int
group_setup(void **state)
{
    struct fix *x = xcalloc(1, sizeof *x);
    struct td_error err;
    void *d = NULL;

    if (drvtest_setup(&d, TR_SCRIPT, "translate") != 0)
        return -1;
    x->d = d;
    setenv("TEST_LT_KEY", "lt-key-7f3a", 1);
    setenv("TEST_DL_KEY", "dl-0a1b2c3d:fx", 1);
    setenv("TEST_AI_KEY", "sk-local-test", 1);
    x->cfg = config_new();
    fix_line(x, "translator lt libretranslate %s/lt token_env=TEST_LT_KEY",
             x->d->base);
    fix_line(x, "translator dl deepl %s/deepl token_env=TEST_DL_KEY",
             x->d->base);
    fix_line(x, "translator ap command \"apertium -u {from3}-{to3}\" "
             "pairs=en-es,es-en", NULL);
    fix_line(x, "translator slow command \"sleep 5\" timeout=1", NULL);
    fix_line(x, "translator fails command \"sh -c 'echo no such pair >&2; "
             "exit 3'\"", NULL);
    fix_line(x, "translator missing command \"/nonexistent/translate\"",
             NULL);
    fix_line(x, "translator cat command cat", NULL);
    fix_line(x, "drafter ai openai %s/v1 model=qwen2.5-7b-instruct "
             "token_env=TEST_AI_KEY", x->d->base);
    if (store_open(":memory:", &x->st, &err) != TD_OK)
        return -1;
    x->hub = tr_hub_new(x->cfg, x->st, &x->d->t);
    *state = x;
    return 0;
}

static int
group_teardown(void **state)
{
    struct fix *x = *state;
    void *d = x->d;
    int rc;

    /* The engine stops first (in drvtest_teardown): the hub after it. */
    rc = drvtest_teardown(&d);
    tr_hub_free(&x->hub);
    store_close(&x->st);
    config_free(&x->cfg);
    free(x);
    return rc;
}

/* Translate and wait for the answer. */
static enum td_status
run(struct fix *x, const char *svc, const char *text, const char *from,
    const char *to, struct res *o)
{
    struct tr_service *s;
    struct td_error err;
    enum td_status rc;

    memset(o, 0, sizeof *o);
    s = tr_hub_translator(x->hub, svc, &err);
    assert_non_null(s);
    rc = tr_translate(x->hub, s, text, from, to, on_done, o, &err);
    if (rc != TD_OK) {
        snprintf(o->error, sizeof o->error, "%s", err.msg);
        return rc;
    }
    /* Nothing is called back from inside tr_translate. */
    assert_int_equal(o->calls, 0);
    if (tr_hub_run(x->hub, 15000, &err) != TD_OK)
        fail_msg("%s: %s (pending %zu)", text, err.msg,
                 tr_hub_pending(x->hub));
    assert_int_equal(o->calls, 1);
    return TD_OK;
}

static void
test_sha256(void **state)
{
    char hex[SHA256_HEX_LEN + 1];
    static char million[1000000];

    (void)state;
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                             "27ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
                             "b00361a396177a9cb410ff61f20015ad");
    sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
               56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039"
                             "a33ce45964ff2167f6ecedd419db06c1");
    memset(million, 'a', sizeof million);
    sha256_hex(million, sizeof million, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
                             "f1809a48a497200e046d39ccc7112cd0");
}

static void
test_langs(void **state)
{
    char out[16];

    (void)state;
    assert_int_equal(tr_lang_norm("ES", out, sizeof out), 0);
    assert_string_equal(out, "es");
    assert_int_equal(tr_lang_norm("pt_br", out, sizeof out), 0);
    assert_string_equal(out, "pt-BR");
    assert_int_equal(tr_lang_norm("spanish", out, sizeof out), -1);
    assert_int_equal(tr_lang_norm("e1", out, sizeof out), -1);
    assert_string_equal(tr_lang_iso3("es"), "spa");
    assert_string_equal(tr_lang_iso3("pt-BR"), "por");
    assert_null(tr_lang_iso3("xx"));
    assert_string_equal(tr_lang_name("th"), "Thai");
}

static void
test_hub_errors(void **state)
{
    struct config *cfg = config_new();
    struct tr_hub *h;
    const char *const *errs;
    struct td_error err;
    size_t n;

    (void)state;
    unsetenv("TEST_NOPE");
    /* Each bad line is reported with its file and line; good ones open. */
    assert_int_equal(config_exec_line(cfg, "translator a nosuch "
                                      "https://x.example", "r.rc", 3, &err),
                     TD_OK);
    assert_int_equal(config_exec_line(cfg, "translator b deepl "
                                      "https://api.deepl.com "
                                      "token_env=TEST_NOPE", "r.rc", 4, &err),
                     TD_OK);
    setenv("TEST_FREEKEY", "abc:fx", 1);
    assert_int_equal(config_exec_line(cfg, "translator c deepl "
                                      "https://api.deepl.com "
                                      "token_env=TEST_FREEKEY", "r.rc", 5,
                                      &err), TD_OK);
    assert_int_equal(config_exec_line(cfg, "translator d libretranslate "
                                      "http://translate.example.com", "r.rc",
                                      6, &err), TD_OK);
    assert_int_equal(config_exec_line(cfg, "translator e command "
                                      "\"apertium 'x\" color=1", "r.rc", 7,
                                      &err), TD_OK);
    assert_int_equal(config_exec_line(cfg, "translator f command "
                                      "\"apertium {from3}-{to3}\"", "r.rc", 8,
                                      &err), TD_OK);
    /* The rc file refuses secrets and a command drafter at once. */
    assert_int_not_equal(config_exec_line(cfg, "translator g libretranslate "
                                          "https://x.example api_key=s3cret",
                                          "r.rc", 9, &err), TD_OK);
    assert_int_not_equal(config_exec_line(cfg, "drafter h command cat",
                                          "r.rc", 10, &err), TD_OK);
    h = tr_hub_new(cfg, NULL, NULL);
    errs = tr_hub_errors(h, &n);
    assert_int_equal(n, 5);
    assert_string_equal(errs[0], "r.rc:3: translator a: unknown provider "
                        "'nosuch' (want libretranslate, deepl or command)");
    assert_string_equal(errs[1], "r.rc:4: translator b: $TEST_NOPE is not "
                        "set");
    assert_non_null(strstr(errs[2], "r.rc:5: translator c: the key is a "
                           "DeepL API Free key"));
    assert_non_null(strstr(errs[3], "r.rc:6: translator d: "));
    assert_non_null(strstr(errs[4], "r.rc:7: translator e: "));
    assert_non_null(tr_hub_translator(h, NULL, &err));
    assert_string_equal(tr_hub_translator(h, NULL, &err)->name, "f");
    assert_null(tr_hub_translator(h, "zz", &err));
    assert_null(tr_hub_drafter(h, NULL, &err));
    assert_non_null(strstr(err.msg, "no drafter configured"));
    tr_hub_free(&h);
    config_free(&cfg);
}

static void
test_libretranslate(void **state)
{
    struct fix *x = *state;
    struct res o;
    int64_t n0, n1;
    struct td_error err;
    char *cached;

    /* Spanish, source given: the exact request is checked by the server. */
    assert_int_equal(run(x, "lt", "¿Dónde está mi pedido? Llegó dañado.",
                         "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.text, "Where is my order? It arrived damaged.");
    assert_string_equal(o.src, "es");
    assert_int_equal(o.cached, 0);
    /* The second time comes from the store: the script answers once
     * only, so a request would fail. */
    assert_int_equal(store_translation_count(x->st, &n0, &err), TD_OK);
    assert_int_equal(run(x, "lt", "¿Dónde está mi pedido? Llegó dañado.\n",
                         "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_int_equal(o.cached, 1);
    assert_string_equal(o.text, "Where is my order? It arrived damaged.");
    assert_int_equal(store_translation_count(x->st, &n1, &err), TD_OK);
    assert_int_equal(n0, n1);
    cached = tr_cached(x->hub, tr_hub_translator(x->hub, "lt", &err),
                       "¿Dónde está mi pedido? Llegó dañado.", "es", "en");
    assert_non_null(cached);
    assert_string_equal(cached, "Where is my order? It arrived damaged.");
    free(cached);
    /* Arabic, detected by the server. */
    assert_int_equal(run(x, "lt", "مرحبا، أين طلبي؟ لم يصل بعد.", NULL, "en",
                         &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.src, "ar");
    assert_string_equal(o.text, "Hello, where is my order? It has not "
                        "arrived yet.");
    /* Japanese: 403 and the server's own words. */
    assert_int_equal(run(x, "lt", "注文した商品がまだ届きません。", "ja",
                         "en", &o), TD_OK);
    assert_int_equal(o.status, TD_EAUTH);
    assert_string_equal(o.error, "HTTP 403: Invalid API key");
    /* Thai: a 429 with Retry-After: 1 is waited for, then it works. */
    assert_int_equal(run(x, "lt", "สินค้ายังไม่มาถึงค่ะ", "th", "en", &o),
                     TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.text, "The item has not arrived yet.");
    /* 500 three times (the engine's attempts), then the failure. */
    assert_int_equal(run(x, "lt", "Quiero cancelar el pedido.", "es", "en",
                         &o), TD_OK);
    assert_int_not_equal(o.status, TD_OK);
    assert_string_equal(o.error, "HTTP 500: Cannot translate text: model "
                        "crashed");
    /* Broken JSON and a missing field. */
    assert_int_equal(run(x, "lt", "El paquete está abierto.", "es", "en", &o),
                     TD_OK);
    assert_int_equal(o.status, TD_EPARSE);
    assert_int_equal(run(x, "lt", "Gracias.", "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_EPARSE);
    assert_string_equal(o.error, "the answer has no translatedText");
    /* Failures are not cached. */
    assert_null(tr_cached(x->hub, tr_hub_translator(x->hub, "lt", &err),
                          "Gracias.", "es", "en"));
    /* Hostile text never comes out raw. */
    assert_int_equal(run(x, "lt", "Hola", "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_null(strchr(o.text, '\033'));
    assert_null(strchr(o.text, '\007'));
    assert_null(strstr(o.text, "\xc2\x9b"));
    assert_non_null(strstr(o.text, "there"));
    /* Bad calls fail at once, with nothing pending. */
    assert_int_equal(run(x, "lt", "x", "spanish", "en", &o), TD_EINVAL);
    assert_int_equal(run(x, "lt", "   \n", "es", "en", &o), TD_EINVAL);
    assert_int_equal(run(x, "lt", "hello", "en", "en", &o), TD_EINVAL);
    assert_int_equal(tr_hub_pending(x->hub), 0);
    /* A Retry-After of an hour is passed on, not waited (last: the engine
     * now holds this service's other requests for that hour). */
    assert_int_equal(run(x, "lt", "Necesito cambiar la dirección.", "es",
                         "en", &o), TD_OK);
    assert_int_equal(o.status, TD_ERATE);
    assert_int_equal(o.retry_after, 3600);
    assert_string_equal(o.error, "rate limited (HTTP 429): retry in 3600 s: "
                        "Slowdown: 1 per hour");
    /* Meanwhile new texts fail at once, with nothing sent or pending. */
    assert_int_equal(run(x, "lt", "Otra pregunta", "es", "en", &o), TD_ERATE);
    assert_non_null(strstr(o.error, "lt is rate limited: retry in 3"));
    assert_int_equal(tr_hub_pending(x->hub), 0);
}

static void
test_deepl(void **state)
{
    struct fix *x = *state;
    struct res o;

    assert_int_equal(run(x, "dl", "¿Dónde está mi pedido?", "es", "en", &o),
                     TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.text, "Where is my order?");
    assert_string_equal(o.src, "es");
    /* Source detected, a variant asked for. */
    assert_int_equal(run(x, "dl", "注文した商品がまだ届きません。", NULL,
                         "en-gb", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.src, "ja");
    assert_string_equal(o.text, "The item I ordered has not arrived yet.");
    /* 456: the quota is used up. */
    assert_int_equal(run(x, "dl", "Thank you, we ship today.", NULL, "es",
                         &o), TD_OK);
    assert_int_not_equal(o.status, TD_OK);
    assert_string_equal(o.error, "HTTP 456: Quota exceeded. The character "
                        "limit has been reached.");
    assert_int_equal(run(x, "dl", "Bad key test", NULL, "de", &o), TD_OK);
    assert_int_equal(o.status, TD_EAUTH);
}

static void
test_drafter(void **state)
{
    struct fix *x = *state;
    struct tr_service *d;
    struct td_error err;
    struct res o;

    d = tr_hub_drafter(x->hub, NULL, &err);
    assert_non_null(d);
    memset(&o, 0, sizeof o);
    assert_int_equal(tr_draft(x->hub, d, "You draft replies. Write in "
                              "Spanish.", "Buyer (es): ¿Dónde está mi "
                              "pedido #1042?\nOrder #1042: shipped, tracking "
                              "LX123456789ES.\nTemplate: Hola "
                              "{{customer.first_name}}, tu pedido va en "
                              "camino.", on_done, &o, &err), TD_OK);
    assert_int_equal(tr_hub_run(x->hub, 15000, &err), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_string_equal(o.text, "Hola Ana, tu pedido #1042 va en camino. "
                        "Número de seguimiento: LX123456789ES.");
    memset(&o, 0, sizeof o);
    assert_int_equal(tr_draft(x->hub, d, "s", "the model is loading",
                              on_done, &o, &err), TD_OK);
    assert_int_equal(tr_hub_run(x->hub, 15000, &err), TD_OK);
    assert_int_not_equal(o.status, TD_OK);
    assert_string_equal(o.error, "HTTP 400: the model is still loading");
    memset(&o, 0, sizeof o);
    assert_int_equal(tr_draft(x->hub, d, "s", "no choices", on_done, &o,
                              &err), TD_OK);
    assert_int_equal(tr_hub_run(x->hub, 15000, &err), TD_OK);
    assert_int_equal(o.status, TD_EPARSE);
}

static void
test_command_argv(void **state)
{
    struct td_error err;
    char **argv;
    int n;

    (void)state;
    n = trcommand_argv("apertium -u '{from3}-{to3}' --x={from}:{to}", "es",
                       "en", &argv, &err);
    assert_int_equal(n, 4);
    assert_string_equal(argv[0], "apertium");
    assert_string_equal(argv[2], "spa-eng");
    assert_string_equal(argv[3], "--x=es:en");
    config_words_free(argv, n);
    assert_int_equal(trcommand_argv("t {from3}", "xx", "en", &argv, &err),
                     -1);
    assert_int_equal(trcommand_argv("  ", "es", "en", &argv, &err), -1);
}

static void
test_apertium(void **state)
{
    struct fix *x = *state;
    struct res o;

    if (system("command -v apertium >/dev/null 2>&1") != 0) {
        /* tools/deps.sh installs it; CI counts a skip as a failure. */
        skip();
    }
    assert_int_equal(run(x, "ap", "Where is my order? It has not arrived.",
                         "en", "es", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_non_null(strstr(o.text, "orden"));
    assert_non_null(strstr(o.text, "llegado"));
    assert_int_equal(run(x, "ap", "¿Dónde está mi pedido? Todavía no ha "
                         "llegado.", "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    assert_non_null(strstr(o.text, "arrived"));
    /* A second time: cached, no process. */
    assert_int_equal(run(x, "ap", "¿Dónde está mi pedido? Todavía no ha "
                         "llegado.", "es", "en", &o), TD_OK);
    assert_int_equal(o.cached, 1);
    /* A pair it lacks fails before anything runs; so does no source. */
    assert_int_equal(run(x, "ap", "Bonjour", "fr", "en", &o), TD_ENOTSUP);
    assert_int_equal(run(x, "ap", "hola", NULL, "en", &o), TD_EINVAL);
}

static void
test_command_failures(void **state)
{
    struct fix *x = *state;
    struct res o;
    struct timespec t0, t1;
    char *big;
    size_t n = 200000;

    assert_int_equal(run(x, "fails", "hola", "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_EIO);
    assert_string_equal(o.error, "fails: exit status 3: no such pair");
    assert_int_equal(run(x, "missing", "hola", "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_EIO);
    assert_non_null(strstr(o.error, "cannot run /nonexistent/translate"));
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(run(x, "slow", "hola", "es", "en", &o), TD_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(o.status, TD_ENET);
    assert_true(t1.tv_sec - t0.tv_sec < 4);
    /* More than a pipe holds, both ways: neither side may block. */
    big = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
    big[n - 1] = 'z';
    big[n] = '\0';
    assert_int_equal(run(x, "cat", big, "es", "en", &o), TD_OK);
    assert_int_equal(o.status, TD_OK);
    free(big);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_langs),
        cmocka_unit_test(test_hub_errors),
        cmocka_unit_test(test_command_argv),
        cmocka_unit_test(test_libretranslate),
        cmocka_unit_test(test_deepl),
        cmocka_unit_test(test_drafter),
        cmocka_unit_test(test_apertium),
        cmocka_unit_test(test_command_failures),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
