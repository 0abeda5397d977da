/* test_langid.c: the language model loads, knows each language on sentences
 * written for this test, and says unknown when it cannot know. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/langid.h"
#include "core/textfold.h"

static int
setup(void **state)
{
    const char *dir = getenv("TTYDESK_DATADIR");
    char path[4096];
    struct langid *m = NULL;
    struct td_error err;

    snprintf(path, sizeof path, "%s/models/langid.bin", dir ? dir : ".");
    if (langid_load(path, &m, &err) != TD_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = m;
    return 0;
}

static int
teardown(void **state)
{
    struct langid *m = *state;

    langid_free(&m);
    assert_null(m);
    return 0;
}

static const char *
detect(void **state, const char *text)
{
    static char out[8];     /* test-only scratch */
    struct langid_result r;

    langid_detect(*state, text, strlen(text), &r);
    assert_true(r.confidence >= 0 && r.confidence <= 1);
    snprintf(out, sizeof out, "%s", r.lang);
    return out;
}

static void
test_languages(void **state)
{
    static const char *const cases[][2] = {
        { "en", "Hello, my parcel still has not arrived, can you check?" },
        { "es", "Hola, mi paquete todavía no ha llegado, ¿pueden revisarlo?" },
        { "de", "Hallo, mein Paket ist immer noch nicht angekommen." },
        { "fr", "Bonjour, mon colis n'est toujours pas arrivé chez moi." },
        { "pt", "Olá, a minha encomenda ainda não chegou, podem ver?" },
        { "it", "Ciao, il mio pacco non è ancora arrivato, potete "
                "controllare?" },
        { "tr", "Merhaba, kargom hâlâ gelmedi, kontrol edebilir misiniz?" },
        { "nl", "Hallo, mijn pakket is nog steeds niet aangekomen." },
        { "pl", "Dzień dobry, moja paczka wciąż nie dotarła do mnie." },
        { "vi", "Xin chào, gói hàng của tôi vẫn chưa được giao đến." },
        { "id", "Halo, paket saya sampai sekarang belum sampai juga, "
                "tolong dicek." },
        { "ar", "مرحبا، لم يصل طردي حتى الآن، هل يمكنكم التحقق؟" },
        { "ja", "こんにちは、荷物がまだ届いていません。確認してください。" },
        { "zh", "你好，我的包裹还没有到，请帮我查一下。" },
        { "ko", "안녕하세요, 택배가 아직 도착하지 않았어요." },
        { "th", "สวัสดีค่ะ พัสดุของฉันยังไม่มาถึงเลย" },
        { "ru", "Здравствуйте, моя посылка до сих пор не пришла." },
        { "hi", "नमस्ते, मेरा पार्सल अभी तक नहीं आया है।" },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(detect(state, cases[i][1]), cases[i][0]);
}

static void
test_unknown(void **state)
{
    static const char *const cases[] = {
        "", "ok", "#1234", "A-10293", "\xF0\x9F\x99\x82\xF0\x9F\x99\x82",
        "   ", "12/05/2026 14:30",
        /* Half Latin, half Thai: mixed, not a guess. */
        "order สวัสดี",
        "\xff\xfe\x80 12 \xc3",
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(detect(state, cases[i]), LANGID_UNKNOWN);
}

static void
test_hash_pins(void **state)
{
    (void)state;
    /* tools/train/textnorm.py must give the same numbers. */
    assert_int_equal(textfold_hash_cp(TEXTFOLD_FNV_BASIS, 'a'), 0xE40C292Cu);
    assert_int_equal(textfold_fold(0x130), 'i');
    assert_int_equal(textfold_fold(0x1EA0), 0x1EA1);
    assert_int_equal(textfold_fold('Q'), 'q');
    assert_int_equal(textfold_script(0x0E01), TF_THAI);
    assert_int_equal(textfold_script('7'), TF_NONE);
}

static void
test_malformed(void **state)
{
    char path[] = "/tmp/ttydesk-langid.XXXXXX";
    int fd = mkstemp(path);
    struct langid *m = (void *)1;
    struct td_error err;

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "TDLANGID\1\0\0\0\2\0\0\0", 16), 16);
    close(fd);
    assert_int_equal(langid_load(path, &m, &err), TD_EPARSE);
    assert_null(m);
    assert_non_null(strstr(err.msg, path));
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, "not a model at all, just text\n", 30), 30);
    close(fd);
    assert_int_equal(langid_load(path, &m, &err), TD_EPARSE);
    assert_non_null(strstr(err.msg, "not a ttydesk language model"));
    unlink(path);
    assert_int_equal(langid_load(path, &m, &err), TD_ENOTFOUND);
    langid_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_hash_pins),
        cmocka_unit_test(test_malformed),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
