/* langid.c: language detection by script, then naive Bayes over hashed
 * character 1-4-grams and words for the Latin-script languages. */
#include "core/langid.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textfold.h"
#include "util/xmalloc.h"

#define LANGID_MAGIC "TDLANGID"
#define LANGID_VERSION 1
#define LANGID_MAX_LANGS 64
#define LANGID_MAX_BYTES (16u << 20)
/* Long messages are decided long before this many code points. */
#define LANGID_MAX_CPS 1024
/* Below this many (weighted) letters nothing is certain: "ok", "A12". */
#define LANGID_MIN_LETTERS 3
/* The main script must carry this share of the letters, else "mixed". */
#define LANGID_MIN_SHARE 0.6
/* Below this posterior the Latin guess is reported as unknown. */
#define LANGID_MIN_CONF 0.5

struct langid {
    uint32_t n_langs;
    uint32_t n_feats;
    double qscale;
    char (*langs)[4];           /* n_langs codes, NUL-padded */
    const uint32_t *hashes;     /* n_feats, ascending */
    const uint8_t *rows;        /* n_feats * n_langs, -log p * qscale */
    unsigned char *blob;        /* the file; the pointers above point in it */
};

static uint32_t
rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

enum td_status
langid_load(const char *path, struct langid **out, struct td_error *err)
{
    struct langid *m = NULL;
    unsigned char *blob = NULL;
    size_t len = 0, need;
    enum td_status rc = TD_EPARSE;
    FILE *f;
    long sz;

    *out = NULL;
    if ((f = fopen(path, "rb")) == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        goto out;
    }
    if ((size_t)sz > LANGID_MAX_BYTES) {
        rc = td_error_set(err, TD_ETOOBIG, "%s: over %u bytes", path,
                          LANGID_MAX_BYTES);
        goto out;
    }
    len = (size_t)sz;
    blob = xmalloc(len ? len : 1);
    if (fread(blob, 1, len, f) != len) {
        rc = td_error_set(err, TD_EIO, "%s: short read", path);
        goto out;
    }
    if (len < 24 || memcmp(blob, LANGID_MAGIC, 8) != 0) {
        td_error_set(err, rc, "%s: not a ttydesk language model", path);
        goto out;
    }
    m = xcalloc(1, sizeof *m);
    m->n_langs = rd32(blob + 12);
    m->n_feats = rd32(blob + 16);
    m->qscale = rd32(blob + 20);
    if (rd32(blob + 8) != LANGID_VERSION || m->n_langs == 0 ||
        m->n_langs > LANGID_MAX_LANGS || m->qscale == 0) {
        td_error_set(err, rc, "%s: unsupported model version or header",
                     path);
        goto out;
    }
    /* Sizes are bounded by LANGID_MAX_BYTES, so this cannot overflow. */
    need = 24 + (size_t)m->n_langs * 4 + (size_t)m->n_feats * 4 +
           (size_t)m->n_feats * m->n_langs;
    if (m->n_feats > LANGID_MAX_BYTES / 4 || need != len) {
        td_error_set(err, rc, "%s: truncated or padded (%zu bytes, "
                     "header says %zu)", path, len, need);
        goto out;
    }
    m->langs = (char (*)[4])(void *)(blob + 24);
    for (uint32_t i = 0; i < m->n_langs; i++)
        if (m->langs[i][3] != '\0' || m->langs[i][0] == '\0') {
            td_error_set(err, rc, "%s: bad language code", path);
            goto out;
        }
    m->hashes = (const uint32_t *)(void *)(blob + 24 + m->n_langs * 4);
    m->rows = blob + 24 + m->n_langs * 4 + (size_t)m->n_feats * 4;
    for (uint32_t i = 1; i < m->n_feats; i++)
        if (m->hashes[i] <= m->hashes[i - 1]) {
            td_error_set(err, rc, "%s: features out of order", path);
            goto out;
        }
    m->blob = blob;
    blob = NULL;
    *out = m;
    m = NULL;
    rc = TD_OK;
out:
    fclose(f);
    free(blob);
    free(m);
    return rc;
}

void
langid_free(struct langid **p)
{
    if (p == NULL || *p == NULL)
        return;
    free((*p)->blob);
    free(*p);
    *p = NULL;
}

static const uint8_t *
langid_row(const struct langid *m, uint32_t h)
{
    size_t lo = 0, hi = m->n_feats;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (m->hashes[mid] < h)
            lo = mid + 1;
        else if (m->hashes[mid] > h)
            hi = mid;
        else
            return m->rows + mid * m->n_langs;
    }
    return NULL;
}

static void
langid_add(const struct langid *m, uint32_t h, long *score, long *n)
{
    const uint8_t *row = langid_row(m, h);

    if (row == NULL)
        return;
    for (uint32_t l = 0; l < m->n_langs; l++)
        score[l] -= row[l];
    if (n != NULL)
        (*n)++;
}

static int
langid_index(const struct langid *m, const char *code)
{
    for (uint32_t l = 0; l < m->n_langs; l++)
        if (strcmp(m->langs[l], code) == 0)
            return (int)l;
    return -1;
}

/* Naive Bayes over the folded letters cps[0..n) (words split by 0). */
static void
langid_bayes(const struct langid *m, const uint32_t *cps, size_t n,
             struct langid_result *res)
{
    long score[LANGID_MAX_LANGS] = { 0 }, wscore[LANGID_MAX_LANGS] = { 0 };
    long nfeat = 0;
    int id, ms;
    uint32_t wh = 0;
    double best, sum = 0, t;
    uint32_t arg = 0;

    for (size_t i = 0; i < n; i++) {
        uint32_t h = TEXTFOLD_FNV_BASIS;

        for (size_t k = 0; k < 4 && i + k < n; k++) {
            h = textfold_hash_cp(h, cps[i + k] ? cps[i + k] : ' ');
            if (k > 0 || cps[i] != 0)
                langid_add(m, h, score, &nfeat);
        }
        /* Whole words, hashed after a 0x01 byte as textnorm.py does. */
        if (cps[i] != 0) {
            if (i > 0 && cps[i - 1] == 0)
                wh = textfold_hash_cp(TEXTFOLD_FNV_BASIS, 1);
            wh = textfold_hash_cp(wh, cps[i]);
            if (cps[i + 1] == 0) {
                langid_add(m, wh, score, &nfeat);
                langid_add(m, wh, wscore, NULL);
            }
        }
    }
    for (uint32_t l = 1; l < m->n_langs; l++)
        if (score[l] > score[arg])
            arg = l;
    /* Indonesian and Malay share most letter sequences; their words (bisa
     * and boleh, karena and kerana) tell them apart better. */
    id = langid_index(m, "id");
    ms = langid_index(m, "ms");
    if (id >= 0 && ms >= 0 && ((int)arg == id || (int)arg == ms)) {
        int w = wscore[ms] > wscore[id] ? ms : id;

        if ((int)arg != w) {
            long tmp = score[arg];

            score[arg] = score[w];
            score[w] = tmp;
            arg = (uint32_t)w;
        }
    }
    /* Naive Bayes multiplies dependent n-gram evidence and is far too sure
     * of itself; dividing by a temperature that grows with the number of
     * features gives confidences that track the error rate. */
    t = m->qscale * (1.0 + sqrt((double)nfeat) / 2.0);
    best = (double)score[arg];
    for (uint32_t l = 0; l < m->n_langs; l++)
        sum += exp(((double)score[l] - best) / t);
    res->confidence = 1.0 / sum;
    if (nfeat == 0 || res->confidence < LANGID_MIN_CONF)
        snprintf(res->lang, sizeof res->lang, "%s", LANGID_UNKNOWN);
    else
        snprintf(res->lang, sizeof res->lang, "%s", m->langs[arg]);
}

void
langid_detect(const struct langid *m, const char *text, size_t len,
              struct langid_result *res)
{
    /* Padded with a 0 (word break) on each side of every word. */
    uint32_t cps[LANGID_MAX_CPS + 2];
    double w[TF_SCRIPT_COUNT] = { 0 }, total = 0, share;
    size_t n = 0;
    enum textfold_script dom = TF_NONE;
    const char *code = NULL;

    snprintf(res->lang, sizeof res->lang, "%s", LANGID_UNKNOWN);
    res->confidence = 0;
    cps[n++] = 0;
    for (size_t i = 0; i < len && n < LANGID_MAX_CPS;) {
        uint32_t cp;
        enum textfold_script s;

        i += textfold_decode(text + i, len - i, &cp);
        s = textfold_script(cp);
        if (s == TF_NONE) {
            if (cps[n - 1] != 0)
                cps[n++] = 0;
            continue;
        }
        /* One Han, kana or Hangul character says about as much as two
         * Latin letters. */
        w[s] += (s == TF_HAN || s == TF_KANA || s == TF_HANGUL) ? 2 : 1;
        total += (s == TF_HAN || s == TF_KANA || s == TF_HANGUL) ? 2 : 1;
        cps[n++] = textfold_fold(cp);
    }
    if (cps[n - 1] != 0)
        cps[n++] = 0;
    if (total < LANGID_MIN_LETTERS)
        return;
    /* Japanese writes kanji and kana together: any kana makes Han ja. */
    if (w[TF_KANA] > 0) {
        w[TF_KANA] += w[TF_HAN];
        w[TF_HAN] = 0;
    }
    for (int s = 1; s < TF_SCRIPT_COUNT; s++)
        if (w[s] > w[dom])
            dom = (enum textfold_script)s;
    share = w[dom] / total;
    res->confidence = share;
    if (share < LANGID_MIN_SHARE)
        return;                         /* mixed scripts */
    switch (dom) {
    case TF_CYRILLIC:   code = "ru"; break;
    case TF_ARABIC:     code = "ar"; break;
    case TF_DEVANAGARI: code = "hi"; break;
    case TF_THAI:       code = "th"; break;
    case TF_HANGUL:     code = "ko"; break;
    case TF_KANA:       code = "ja"; break;
    case TF_HAN:
        /* Kanji-only Japanese exists but is rare in a message. */
        code = "zh";
        share *= 0.9;
        break;
    case TF_LATIN:
        if (m != NULL) {
            langid_bayes(m, cps, n, res);
            if (strcmp(res->lang, LANGID_UNKNOWN) != 0)
                res->confidence *= share;
        }
        return;
    default:
        return;
    }
    snprintf(res->lang, sizeof res->lang, "%s", code);
    res->confidence = share;
}
