/* intent.c: intent tagging. English goes through a naive-Bayes model trained
 * on Bitext utterances; every language, English included, through keyword
 * lexicons, which also carry the labels the training data lacks. */
#include "core/intent.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/concepts.h"
#include "core/textfold.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define INTENT_MAX_LINE 4096
#define INTENT_MAX_FEATS (1u << 20)
/* Messages are judged on their first this many bytes of folded text. */
#define INTENT_MAX_TEXT 8192
/* A lexicon score at least this high beats the English model. */
#define INTENT_LEX_STRONG 2.0
/* ... and one this high, twice the model's label's, beats it anyway. */
#define INTENT_LEX_SURE 3.0
/* ... unless the model is at least this sure of its own. */
#define INTENT_MODEL_SURE 0.9
/* ... or of thanks_other (Bitext's "anything else"), unless the rules
 * are this sure. */
#define INTENT_LEX_SURE_OTHER 4.0

static const char *const intent_names[INTENT_COUNT] = {
    [INTENT_WHERE_IS_MY_ORDER] = "where_is_my_order",
    [INTENT_RETURN_REFUND] = "return_refund",
    [INTENT_CANCEL_ORDER] = "cancel_order",
    [INTENT_CHANGE_ADDRESS] = "change_address",
    [INTENT_DAMAGED_DEFECTIVE] = "damaged_defective",
    [INTENT_WRONG_ITEM] = "wrong_item",
    [INTENT_PAYMENT_ISSUE] = "payment_issue",
    [INTENT_PRODUCT_QUESTION] = "product_question",
    [INTENT_COMPLAINT] = "complaint",
    [INTENT_THANKS_OTHER] = "thanks_other",
};

struct intent_feat {
    char *text;                     /* NULL = empty slot */
    uint32_t hash;
    float logp[INTENT_COUNT];
};

struct intent_lex {
    char lang[4];
    enum intent_label label;
    double weight;
    char *phrase;                   /* folded, " word word" or Thai/kana */
    char *then;                     /* NULL, or must follow phrase */
};

struct intent_model {
    int trained[INTENT_COUNT];      /* labels the model knows */
    double prior[INTENT_COUNT];
    double unseen[INTENT_COUNT];
    struct intent_feat *feats;      /* open addressing, owns its texts */
    size_t cap;                     /* power of two */
    size_t n_feats;
    struct intent_lex *lex;         /* owns its phrases */
    size_t n_lex;
    struct concepts *concepts;      /* NULL when not loaded */
};

const char *
intent_label_name(enum intent_label l)
{
    return (unsigned)l < INTENT_COUNT ? intent_names[l] : "unknown";
}

int
intent_label_from_name(const char *name)
{
    for (int i = 0; i < INTENT_COUNT; i++)
        if (name && strcmp(intent_names[i], name) == 0)
            return i;
    return -1;
}

static const char *const intent_shorts[INTENT_COUNT] = {
    [INTENT_WHERE_IS_MY_ORDER] = "wismo",
    [INTENT_RETURN_REFUND] = "refund",
    [INTENT_CANCEL_ORDER] = "cancel",
    [INTENT_CHANGE_ADDRESS] = "addr",
    [INTENT_DAMAGED_DEFECTIVE] = "damage",
    [INTENT_WRONG_ITEM] = "wrong",
    [INTENT_PAYMENT_ISSUE] = "pay",
    [INTENT_PRODUCT_QUESTION] = "ask",
    [INTENT_COMPLAINT] = "compl",
    [INTENT_THANKS_OTHER] = "other",
};

/* Words people (and the shipped templates' "intent =" lines) use for a
 * label, besides its full name and its short tag. */
static const struct {
    const char *word;
    enum intent_label label;
} intent_aliases[] = {
    { "wism", INTENT_WHERE_IS_MY_ORDER },
    { "where", INTENT_WHERE_IS_MY_ORDER },
    { "tracking", INTENT_WHERE_IS_MY_ORDER },
    { "return", INTENT_RETURN_REFUND },
    { "returns", INTENT_RETURN_REFUND },
    { "address", INTENT_CHANGE_ADDRESS },
    { "address_change", INTENT_CHANGE_ADDRESS },
    { "damaged", INTENT_DAMAGED_DEFECTIVE },
    { "defective", INTENT_DAMAGED_DEFECTIVE },
    { "broken", INTENT_DAMAGED_DEFECTIVE },
    { "wrong_item", INTENT_WRONG_ITEM },
    { "payment", INTENT_PAYMENT_ISSUE },
    { "question", INTENT_PRODUCT_QUESTION },
    { "product", INTENT_PRODUCT_QUESTION },
    { "complaint", INTENT_COMPLAINT },
    { "thanks", INTENT_THANKS_OTHER },
};

int
intent_label_parse(const char *word)
{
    size_t n;
    int found = -1;

    if (word == NULL || (n = strlen(word)) == 0)
        return -1;
    for (int i = 0; i < INTENT_COUNT; i++)
        if (strcasecmp(intent_names[i], word) == 0 ||
            strcasecmp(intent_shorts[i], word) == 0)
            return i;
    for (size_t i = 0; i < sizeof intent_aliases / sizeof *intent_aliases;
         i++)
        if (strcasecmp(intent_aliases[i].word, word) == 0)
            return (int)intent_aliases[i].label;
    for (int i = 0; i < INTENT_COUNT; i++) {
        if (strncasecmp(intent_names[i], word, n) != 0)
            continue;
        if (found >= 0)
            return -1;              /* "c": cancel_order or change_... */
        found = i;
    }
    return found;
}

const char *
intent_label_short(enum intent_label l)
{
    return (unsigned)l < INTENT_COUNT ? intent_shorts[l] : "-";
}

static uint32_t
intent_hash(const char *s)
{
    uint32_t h = TEXTFOLD_FNV_BASIS;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x01000193u;
    }
    return h;
}

/* Latin letters without their accents, from U+00C0 and U+1E00 ('.' =
 * none): buyers type "donde", "hang chua toi", "iade edilmedi" as often
 * as "dónde", "hàng chưa tới", "iade edilmedi", and the lexicons then
 * need one spelling. Generated with Python's unicodedata (NFD, first
 * letter); ß, đ, ı, ø, ł, æ, œ by hand. */
static const char intent_base_c0[] =
    "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkk.llllll."
    ".llnnnnnn...oooooooorrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."
    "................................oo.............uu..............."
    ".............aaiioouuuuuuuuuu.aaaa....ggkkoooo..j...gg..nnaa...."
    "aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
    "................";
static const char intent_base_1e[] =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

static uint32_t
intent_base(uint32_t cp)
{
    char c = '.';

    if (cp >= 0xC0 && cp < 0xC0 + sizeof intent_base_c0 - 1)
        c = intent_base_c0[cp - 0xC0];
    else if (cp >= 0x1E00 && cp < 0x1E00 + sizeof intent_base_1e - 1)
        c = intent_base_1e[cp - 0x1E00];
    return c == '.' ? cp : (uint32_t)c;
}

void
intent_fold(const char *text, size_t len, struct buf *out)
{
    int gap = 1;

    buf_addc(out, ' ');
    for (size_t i = 0; i < len && out->len < INTENT_MAX_TEXT;) {
        uint32_t cp;
        char u[4];

        i += textfold_decode(text + i, len - i, &cp);
        if (textfold_script(cp) == TF_NONE) {
            if (!gap)
                buf_addc(out, ' ');
            gap = 1;
            continue;
        }
        buf_add(out, u, textfold_encode(intent_base(textfold_fold(cp)), u));
        gap = 0;
    }
    if (!gap)
        buf_addc(out, ' ');
}

static struct intent_feat *
intent_slot(const struct intent_model *m, const char *text, uint32_t h)
{
    size_t i = h & (m->cap - 1);

    while (m->feats[i].text && (m->feats[i].hash != h ||
                                strcmp(m->feats[i].text, text) != 0))
        i = (i + 1) & (m->cap - 1);
    return &m->feats[i];
}

static int
intent_floats(char *s, double *v, int n)
{
    for (int i = 0; i < n; i++) {
        char *end;

        errno = 0;
        v[i] = strtod(s, &end);
        if (end == s || errno)
            return -1;
        s = end;
    }
    while (*s == ' ' || *s == '\n' || *s == '\r')
        s++;
    return *s ? -1 : 0;
}

/* The model file: a header line, labels, prior, unseen, then one
 * "f FEATURE<TAB>logp..." line per feature. */
static enum td_status
intent_read_model(struct intent_model *m, const char *path,
                  struct td_error *err)
{
    char line[INTENT_MAX_LINE];
    int col[INTENT_COUNT], ncol = 0, lineno = 0;
    size_t cap = 1u << 15;
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", path, strerror(errno));
    m->cap = cap;
    m->feats = xcalloc(cap, sizeof *m->feats);
    while (fgets(line, sizeof line, f)) {
        double v[INTENT_COUNT];

        lineno++;
        if (lineno == 1 && strcmp(line, "ttydesk-intent 1\n") != 0)
            goto bad;
        if (lineno == 1 || line[0] == '#')
            continue;
        if (strncmp(line, "labels ", 7) == 0 && ncol == 0) {
            char *p = line + 7, *end;

            while (*p && *p != '\n' && ncol < INTENT_COUNT) {
                int l;

                end = p + strcspn(p, " \n");
                if (*end)
                    *end++ = '\0';
                if ((l = intent_label_from_name(p)) < 0 || m->trained[l])
                    goto bad;
                m->trained[l] = 1;
                col[ncol++] = l;
                p = end;
            }
            if (ncol == 0 || *p)
                goto bad;
        } else if (ncol && strncmp(line, "prior ", 6) == 0) {
            if (intent_floats(line + 6, v, ncol) < 0)
                goto bad;
            for (int i = 0; i < ncol; i++)
                m->prior[col[i]] = v[i];
        } else if (ncol && strncmp(line, "unseen ", 7) == 0) {
            if (intent_floats(line + 7, v, ncol) < 0)
                goto bad;
            for (int i = 0; i < ncol; i++)
                m->unseen[col[i]] = v[i];
        } else if (ncol && strncmp(line, "f ", 2) == 0) {
            char *tab = strchr(line, '\t');
            struct intent_feat *s;
            uint32_t h;

            if (tab == NULL || m->n_feats >= INTENT_MAX_FEATS)
                goto bad;
            *tab = '\0';
            if (intent_floats(tab + 1, v, ncol) < 0)
                goto bad;
            if (2 * (m->n_feats + 1) > m->cap) {
                struct intent_feat *old = m->feats;
                size_t oldcap = m->cap;

                m->cap *= 2;
                m->feats = xcalloc(m->cap, sizeof *m->feats);
                for (size_t i = 0; i < oldcap; i++)
                    if (old[i].text)
                        *intent_slot(m, old[i].text, old[i].hash) = old[i];
                free(old);
            }
            h = intent_hash(line + 2);
            s = intent_slot(m, line + 2, h);
            if (s->text)
                goto bad;                   /* duplicate feature */
            s->text = xstrdup(line + 2);
            s->hash = h;
            for (int i = 0; i < ncol; i++)
                s->logp[col[i]] = (float)v[i];
            m->n_feats++;
        } else {
            goto bad;
        }
    }
    fclose(f);
    if (ncol == 0)
        return td_error_set(err, TD_EPARSE, "%s: no labels line", path);
    return TD_OK;
bad:
    fclose(f);
    return td_error_set(err, TD_EPARSE, "%s:%d: not a ttydesk intent model "
                        "line", path, lineno);
}

/* A lexicon phrase folded like the text, owned by the caller; NULL when
 * it has no letters. Thai and Japanese phrases match anywhere, others at
 * a word start (the leading space) but may end inside a word, so that
 * "reembols" matches "reembolso". */
static char *
intent_phrase(const char *s, size_t n)
{
    struct buf b;
    uint32_t cp;
    char *out = NULL;
    enum textfold_script sc;

    buf_init(&b, INTENT_MAX_LINE * 2);
    intent_fold(s, n, &b);
    if (b.len >= 2) {
        b.data[b.len - 1] = '\0';     /* the trailing space */
        textfold_decode(b.data + 1, b.len - 1, &cp);
        sc = textfold_script(cp);
        out = xstrdup(sc == TF_THAI || sc == TF_KANA || sc == TF_HAN
                      ? b.data + 1 : b.data);
    }
    buf_free(&b);
    return out;
}

/* The lexicon: "LANG LABEL WEIGHT PHRASE" per line, # comments. A phrase
 * "A ... B" needs A and then, later, B ("ordered ... got"). */
static enum td_status
intent_read_lexicon(struct intent_model *m, const char *path,
                    struct td_error *err)
{
    char line[INTENT_MAX_LINE];
    int lineno = 0;
    size_t cap = 0;
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", path, strerror(errno));
    while (fgets(line, sizeof line, f)) {
        char lang[8], label[32];
        int used = 0, l;
        double w;
        struct intent_lex *e;
        const char *phrase, *dots;
        char *first, *second;

        lineno++;
        if (line[strspn(line, " \t\r\n")] == '\0' || line[0] == '#')
            continue;
        if (sscanf(line, "%7s %31s %lf %n", lang, label, &w, &used) != 3 ||
            used == 0 || strlen(lang) > 3 ||
            (l = intent_label_from_name(label)) < 0 || !(w > 0 && w < 100))
            goto bad;
        phrase = line + used;
        dots = strstr(phrase, "...");
        first = intent_phrase(phrase, dots ? (size_t)(dots - phrase)
                                           : strlen(phrase));
        second = dots ? intent_phrase(dots + 3, strlen(dots + 3)) : NULL;
        if (first == NULL || (dots && second == NULL)) {
            free(first);
            goto bad;
        }
        if (m->n_lex == cap) {
            cap = cap ? cap * 2 : 256;
            m->lex = xreallocarray(m->lex, cap, sizeof *m->lex);
        }
        e = &m->lex[m->n_lex++];
        memcpy(e->lang, lang, strlen(lang) + 1);    /* <= 3, checked */
        e->label = (enum intent_label)l;
        e->weight = w;
        e->phrase = first;
        e->then = second;
    }
    fclose(f);
    return TD_OK;
bad:
    fclose(f);
    return td_error_set(err, TD_EPARSE, "%s:%d: expected LANG LABEL WEIGHT "
                        "PHRASE", path, lineno);
}

enum td_status
intent_load(const char *model_path, const char *lexicon_path,
            struct intent_model **out, struct td_error *err)
{
    struct intent_model *m = xcalloc(1, sizeof *m);
    enum td_status rc;

    *out = NULL;
    rc = intent_read_model(m, model_path, err);
    if (rc == TD_OK && lexicon_path)
        rc = intent_read_lexicon(m, lexicon_path, err);
    if (rc != TD_OK) {
        intent_free(&m);
        return rc;
    }
    *out = m;
    return TD_OK;
}

enum td_status
intent_load_concepts(struct intent_model *m, const char *path,
                     struct td_error *err)
{
    concepts_free(&m->concepts);
    return concepts_load(path, &m->concepts, err);
}

void
intent_free(struct intent_model **p)
{
    struct intent_model *m;

    if (p == NULL || (m = *p) == NULL)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->feats[i].text);
    free(m->feats);
    for (size_t i = 0; i < m->n_lex; i++) {
        free(m->lex[i].phrase);
        free(m->lex[i].then);
    }
    free(m->lex);
    concepts_free(&m->concepts);
    free(m);
    *p = NULL;
}

static void
intent_add(const struct intent_model *m, const char *feat, double *score,
           int *n)
{
    const struct intent_feat *s = intent_slot(m, feat, intent_hash(feat));

    if (s->text == NULL)
        return;
    for (int l = 0; l < INTENT_COUNT; l++)
        score[l] += s->logp[l];
    (*n)++;
}

/* The English model's posterior over its labels; returns the features
 * it recognised. */
static int
intent_bayes(const struct intent_model *m, const char *norm, double *post)
{
    double score[INTENT_COUNT], best = -INFINITY, sum = 0, t;
    const char *prev = NULL, *p = norm + 1;
    size_t prevlen = 0;
    int n = 0;
    char f[512];

    for (int l = 0; l < INTENT_COUNT; l++)
        score[l] = m->trained[l] ? m->prior[l] : -INFINITY;
    while (*p) {
        size_t wl = strcspn(p, " ");

        if (wl < sizeof f / 2) {
            snprintf(f, sizeof f, "%.*s", (int)wl, p);
            intent_add(m, f, score, &n);
            if (prev) {
                snprintf(f, sizeof f, "%.*s %.*s", (int)prevlen, prev,
                         (int)wl, p);
                intent_add(m, f, score, &n);
            }
            prev = p;
            prevlen = wl;
        } else {
            prev = NULL;
        }
        p += wl;
        p += *p == ' ';
    }
    for (int l = 0; l < INTENT_COUNT; l++)
        if (score[l] > best)
            best = score[l];
    /* As in langid.c: tempered, because the features are not independent. */
    t = 1.0 + sqrt((double)n);
    for (int l = 0; l < INTENT_COUNT; l++) {
        post[l] = m->trained[l] ? exp((score[l] - best) / t) : 0;
        sum += post[l];
    }
    for (int l = 0; l < INTENT_COUNT; l++)
        post[l] /= sum;
    return n;
}

void
intent_classify(const struct intent_model *m, const char *text, size_t len,
                const char *lang, struct intent_result *res)
{
    double lex[INTENT_COUNT] = { 0 }, post[INTENT_COUNT], lsum = 0;
    int english = lang && strcmp(lang, "en") == 0;
    int any = lang == NULL || strcmp(lang, "unknown") == 0;
    /* Malay and Indonesian share their after-sales words, and langid can
     * only just tell them apart: one lexicon serves both. */
    const char *lexlang = lang && strcmp(lang, "ms") == 0 ? "id" : lang;
    int nb, lbest = INTENT_THANKS_OTHER, pbest = INTENT_THANKS_OTHER;
    int xbest = INTENT_THANKS_OTHER;
    double xscore;
    struct buf norm;
    const char *hit;

    buf_init(&norm, INTENT_MAX_TEXT + 16);
    intent_fold(text, len, &norm);
    for (size_t i = 0; i < m->n_lex; i++) {
        const struct intent_lex *e = &m->lex[i];

        /* English words turn up in every language ("refund", "tracking"). */
        if (!any && strcmp(e->lang, lexlang) != 0 &&
            strcmp(e->lang, "en") != 0)
            continue;
        if ((hit = strstr(buf_str(&norm), e->phrase)) != NULL &&
            (e->then == NULL ||
             strstr(hit + strlen(e->phrase), e->then) != NULL))
            lex[e->label] += e->weight;
    }
    /* The phrases alone decide whether to overrule the English model on
     * the labels Bitext lacks, as before the concept rules came. */
    for (int l = 0; l < INTENT_COUNT; l++)
        if (lex[l] > lex[xbest])
            xbest = l;
    xscore = lex[xbest];
    if (m->concepts)
        concepts_score(m->concepts,
                       concepts_find(m->concepts, buf_str(&norm), text, len,
                                     lang),
                       lex);
    for (int l = 0; l < INTENT_COUNT; l++) {
        lsum += lex[l];
        if (lex[l] > lex[lbest])
            lbest = l;
    }
    nb = intent_bayes(m, buf_str(&norm), post);
    for (int l = 0; l < INTENT_COUNT; l++)
        if (post[l] > post[pbest])
            pbest = l;
    buf_free(&norm);
    /* Trust the model on English it was trained for, unless the lexicon
     * strongly names a label the training data does not have, or the
     * model only says thanks_other: in Bitext that is account and invoice
     * talk, so a strong after-sales phrase knows better; or the lexicon
     * and the concept rules (core/concepts.h) are sure of another label
     * and find little for the model's: Bitext's templated sentences
     * teach it words, not the buyer's paraphrases. */
    if ((english || any) && nb > 0 &&
        !(xscore >= INTENT_LEX_STRONG &&
          (!m->trained[xbest] || pbest == INTENT_THANKS_OTHER)) &&
        !(lex[lbest] >= INTENT_LEX_SURE && lex[pbest] * 2 <= lex[lbest] &&
          (post[pbest] < INTENT_MODEL_SURE ||
           (pbest == INTENT_THANKS_OTHER &&
            lex[lbest] >= INTENT_LEX_SURE_OTHER)))) {
        res->label = (enum intent_label)pbest;
        res->confidence = post[pbest];
        return;
    }
    if (lsum > 0) {
        res->label = (enum intent_label)lbest;
        res->confidence = lex[lbest] / (lsum + 1.0);
        return;
    }
    res->label = INTENT_THANKS_OTHER;
    res->confidence = 0.2;
}
