/* concepts.c: a keyword-level translation of buyer messages into English
 * concepts ("not", "arrive", "order"...) and rules over them, so that one
 * set of after-sales rules serves every language and any word order. */
#include "core/concepts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textfold.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define CONCEPTS_MAX_LINE 8192
#define CONCEPTS_MAX_LANGS 32

/* One word of a language: its folded form as strstr looks for it. */
struct cword {
    char *pat;              /* " word " whole, " stem" prefix, "infix" */
    int concept;
};

struct clang {
    char lang[4];
    struct cword *v;
    size_t n;
};

struct crule {
    uint64_t need;
    uint64_t deny;
    enum intent_label label;
    double weight;
};

struct concepts {
    char *names[CONCEPTS_MAX];
    int n_names;
    int question;           /* the "question" concept, -1 if unused */
    struct clang langs[CONCEPTS_MAX_LANGS];
    size_t n_langs;
    struct crule *rules;
    size_t n_rules;
};

int
concepts_id(const struct concepts *c, const char *name)
{
    for (int i = 0; i < c->n_names; i++)
        if (strcmp(c->names[i], name) == 0)
            return i;
    return -1;
}

/* The concept called name, made on first use; -1 when there are too many. */
static int
concepts_intern(struct concepts *c, const char *name)
{
    int i = concepts_id(c, name);

    if (i >= 0)
        return i;
    if (c->n_names >= CONCEPTS_MAX)
        return -1;
    c->names[c->n_names] = xstrdup(name);
    if (strcmp(name, "question") == 0)
        c->question = c->n_names;
    return c->n_names++;
}

static struct clang *
concepts_lang(struct concepts *c, const char *lang)
{
    for (size_t i = 0; i < c->n_langs; i++)
        if (strcmp(c->langs[i].lang, lang) == 0)
            return &c->langs[i];
    if (c->n_langs >= CONCEPTS_MAX_LANGS || strlen(lang) > 3)
        return NULL;
    memcpy(c->langs[c->n_langs].lang, lang, strlen(lang) + 1);
    return &c->langs[c->n_langs++];
}

static char *
trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
                     e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* Fold one word of the file into the pattern strstr looks for. */
static char *
concepts_pattern(const char *item)
{
    size_t n = strlen(item);
    int prefix = n > 0 && item[n - 1] == '*';
    int infix = item[0] == '*';
    struct buf b;
    uint32_t cp;
    enum textfold_script sc;
    char *out;

    if (infix)
        item++, n--;
    if (prefix)
        n--;
    buf_init(&b, CONCEPTS_MAX_LINE);
    intent_fold(item, n, &b);
    if (b.len < 2) {
        buf_free(&b);
        return NULL;
    }
    textfold_decode(b.data + 1, b.len - 1, &cp);
    sc = textfold_script(cp);
    /* b is " word word "; the scripts without spaces match anywhere. */
    if (sc == TF_THAI || sc == TF_KANA || sc == TF_HAN || infix) {
        b.data[b.len - 1] = '\0';
        out = xstrdup(b.data + 1);
    } else if (prefix) {
        b.data[b.len - 1] = '\0';
        out = xstrdup(b.data);
    } else {
        out = xstrdup(b.data);
    }
    buf_free(&b);
    return out;
}

static int
concepts_words(struct concepts *c, const char *lang, const char *name,
               char *list)
{
    struct clang *l = concepts_lang(c, lang);
    int id = concepts_intern(c, name);
    char *item, *next;

    if (l == NULL || id < 0)
        return -1;
    for (item = list; item; item = next) {
        char *pat;

        if ((next = strchr(item, ',')) != NULL)
            *next++ = '\0';
        item = trim(item);
        if (*item == '\0')
            continue;
        if ((pat = concepts_pattern(item)) == NULL)
            return -1;
        l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
        l->v[l->n++] = (struct cword){ .pat = pat, .concept = id };
    }
    return 0;
}

static int
concepts_rule(struct concepts *c, const char *label, double weight,
              char *list)
{
    struct crule r = { .weight = weight };
    int l = intent_label_from_name(label), id;
    char *w, *save = NULL;

    if (l < 0 || !(weight > 0 && weight < 100))
        return -1;
    r.label = (enum intent_label)l;
    for (w = list; (w = trim(w))[0] != '\0'; w = save) {
        int deny = *w == '-';
        size_t n = strcspn(w, " \t");

        save = w + n;
        if (*save)
            *save++ = '\0';
        if ((id = concepts_intern(c, w + deny)) < 0)
            return -1;
        if (deny)
            r.deny |= (uint64_t)1 << id;
        else
            r.need |= (uint64_t)1 << id;
    }
    if (r.need == 0)
        return -1;
    c->rules = xreallocarray(c->rules, c->n_rules + 1, sizeof *c->rules);
    c->rules[c->n_rules++] = r;
    return 0;
}

enum td_status
concepts_load(const char *path, struct concepts **out, struct td_error *err)
{
    char line[CONCEPTS_MAX_LINE];
    struct concepts *c;
    int lineno = 0;
    FILE *f = fopen(path, "r");

    *out = NULL;
    if (f == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", path, strerror(errno));
    c = xcalloc(1, sizeof *c);
    c->question = -1;
    while (fgets(line, sizeof line, f)) {
        char a[16], b[40], *colon;
        double w;
        int used = 0, bad;

        lineno++;
        if (line[strspn(line, " \t\r\n")] == '\0' || line[0] == '#')
            continue;
        if ((colon = strchr(line, ':')) == NULL)
            goto bad;
        *colon = '\0';
        if (strncmp(line, "rule ", 5) == 0)
            bad = sscanf(line + 5, "%39s %lf %n", b, &w, &used) != 2 ||
                  line[5 + used] != '\0' ||
                  concepts_rule(c, b, w, colon + 1) != 0;
        else
            bad = sscanf(line, "%15s %39s %n", a, b, &used) != 2 ||
                  line[used] != '\0' ||
                  concepts_words(c, a, b, colon + 1) != 0;
        if (bad)
            goto bad;
    }
    fclose(f);
    *out = c;
    return TD_OK;
bad:
    fclose(f);
    concepts_free(&c);
    return td_error_set(err, TD_EPARSE, "%s:%d: expected 'LANG CONCEPT: "
                        "words' or 'rule LABEL WEIGHT: CONCEPTS' (at most "
                        "%d concepts)", path, lineno, CONCEPTS_MAX);
}

void
concepts_free(struct concepts **p)
{
    struct concepts *c;

    if (p == NULL || (c = *p) == NULL)
        return;
    for (int i = 0; i < c->n_names; i++)
        free(c->names[i]);
    for (size_t i = 0; i < c->n_langs; i++) {
        for (size_t k = 0; k < c->langs[i].n; k++)
            free(c->langs[i].v[k].pat);
        free(c->langs[i].v);
    }
    free(c->rules);
    free(c);
    *p = NULL;
}

static uint64_t
concepts_match(const struct clang *l, const char *norm, uint64_t mask)
{
    for (size_t i = 0; l && i < l->n; i++) {
        uint64_t bit = (uint64_t)1 << l->v[i].concept;

        /* A concept seen once needs no more of its words. */
        if (!(mask & bit) && strstr(norm, l->v[i].pat))
            mask |= bit;
    }
    return mask;
}

/* ? and the full-width (Japanese) and Arabic question marks. */
static int
has_question_mark(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '?')
            return 1;
        if (i + 2 < n && memcmp(s + i, "\xef\xbc\x9f", 3) == 0)
            return 1;
        if (i + 1 < n && memcmp(s + i, "\xd8\x9f", 2) == 0)
            return 1;
    }
    return 0;
}

uint64_t
concepts_find(const struct concepts *c, const char *norm, const char *raw,
              size_t rawlen, const char *lang)
{
    const char *own = lang && strcmp(lang, "ms") == 0 ? "id" : lang;
    uint64_t mask = 0;

    for (size_t i = 0; i < c->n_langs; i++) {
        const char *l = c->langs[i].lang;

        /* Unknown text ("ok", mixed) is read as English: every
         * language's words would cost ten times as much for text that
         * says little (the phrase lexicon still reads it in all). */
        if ((own && strcmp(l, own) == 0) || strcmp(l, "en") == 0 ||
            strcmp(l, "*") == 0)
            mask = concepts_match(&c->langs[i], norm, mask);
    }
    if (c->question >= 0 && raw && has_question_mark(raw, rawlen))
        mask |= (uint64_t)1 << c->question;
    return mask;
}

void
concepts_score(const struct concepts *c, uint64_t mask,
               double score[INTENT_COUNT])
{
    for (size_t i = 0; i < c->n_rules; i++) {
        const struct crule *r = &c->rules[i];

        if ((mask & r->need) == r->need && !(mask & r->deny))
            score[r->label] += r->weight;
    }
}
