/* bench_classify.c: microseconds per message for language detection and
 * intent tagging, on short buyer-like messages in several languages.
 *   bench_classify MODELS_DIR [N]   load time, then N messages (100,000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/intent.h"
#include "core/langid.h"

static const char *const msgs[] = {
    "Hi, my order #48213 still hasn't arrived, where is it?",
    "Quiero devolver la chaqueta, ¿cómo hago la devolución?",
    "Die Tasse kam kaputt an, bitte um Ersatz.",
    "Bonjour, je souhaite annuler ma commande.",
    "Olá, meu pedido ainda não chegou.",
    "Siparişim nerede? Hala gelmedi.",
    "مرحبا، أين طلبي؟ لم يصل حتى الآن.",
    "注文した商品がまだ届いていません。",
    "Halo kak, pesanan saya belum sampai.",
    "สั่งของไปนานแล้ว ยังไม่ได้รับเลยค่ะ",
    "Chào shop, đơn hàng của tôi đâu rồi?",
    "ok",
};
#define N_MSGS (sizeof msgs / sizeof msgs[0])
static const char *const langs[N_MSGS] = {
    "en", "es", "de", "fr", "pt", "tr", "ar", "ja", "id", "th", "vi",
    "unknown",
};

static double
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int
main(int argc, char **argv)
{
    char lp[4096], ip[4096], xp[4096], cp[4096];
    struct langid *lm = NULL;
    struct intent_model *im = NULL;
    struct td_error err;
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 100000;
    double t0, t1, t2, sink = 0;
    struct langid_result lr;
    struct intent_result ir;

    if (argc < 2 || n <= 0) {
        fprintf(stderr, "usage: bench_classify MODELS_DIR [N]\n");
        return 2;
    }
    snprintf(lp, sizeof lp, "%s/langid.bin", argv[1]);
    snprintf(ip, sizeof ip, "%s/intent.model", argv[1]);
    snprintf(xp, sizeof xp, "%s/intent-lexicon.txt", argv[1]);
    snprintf(cp, sizeof cp, "%s/intent-concepts.txt", argv[1]);
    t0 = now_us();
    if (langid_load(lp, &lm, &err) != TD_OK) {
        fprintf(stderr, "bench_classify: %s\n", err.msg);
        return 1;
    }
    t1 = now_us();
    if (intent_load(ip, xp, &im, &err) != TD_OK ||
        intent_load_concepts(im, cp, &err) != TD_OK) {
        fprintf(stderr, "bench_classify: %s\n", err.msg);
        langid_free(&lm);
        return 1;
    }
    t2 = now_us();
    printf("load: langid %.1f ms, intent (model, lexicon, concepts) "
           "%.1f ms\n", (t1 - t0) / 1e3,
           (t2 - t1) / 1e3);
    t0 = now_us();
    for (long i = 0; i < n; i++) {
        const char *m = msgs[i % N_MSGS];

        langid_detect(lm, m, strlen(m), &lr);
        sink += lr.confidence;
    }
    t1 = now_us();
    /* Each message in its own language, as ttydesk classifies it. */
    for (long i = 0; i < n; i++) {
        const char *m = msgs[i % N_MSGS];

        intent_classify(im, m, strlen(m), langs[i % N_MSGS], &ir);
        sink += ir.confidence;
    }
    t2 = now_us();
    printf("langid: %.2f us/message, intent: %.2f us/message "
           "(%ld messages, checksum %.0f)\n", (t1 - t0) / n, (t2 - t1) / n,
           n, sink);
    langid_free(&lm);
    intent_free(&im);
    return 0;
}
