/* pii.c: heuristic detection of emails, phone numbers and street addresses. */
#include "core/pii.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/buf.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

/* Text decoded once: code points with their byte spans, and a mark per
 * code point for "mask this". */
struct pii_text {
    unsigned *cp;
    size_t *off;            /* byte offset of cp[i]; off[n] = length */
    unsigned char *mask;
    size_t n;
};

/* Digits of the scripts buyers write phone and house numbers in. */
static int
pii_digit(unsigned c)
{
    return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19) ||
           (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9) ||
           (c >= 0x0966 && c <= 0x096f) || (c >= 0x09e6 && c <= 0x09ef) ||
           (c >= 0x0e50 && c <= 0x0e59);
}

static int
pii_alnum(unsigned c)
{
    utf8proc_category_t k;

    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
                                          (c | 0x20) <= 'z');
    k = utf8proc_category((utf8proc_int32_t)c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
           k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC ||
           (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int
pii_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0xa0 || c == 0x3000;
}

/* CJK ideographs and katakana: what Japanese and Chinese addresses are
 * written in (hiragana is left out: it joins the address to the
 * sentence around it, "住所は"). */
static int
pii_cjk(unsigned c)
{
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
           (c >= 0x30a0 && c <= 0x30ff) || c == 0x3005;
}

/* Commas end a street name: Latin, Arabic, CJK. */
static int
pii_comma(unsigned c)
{
    return c == ',' || c == 0x060c || c == 0x3001 || c == 0xff0c;
}

static int
pii_hyphen(unsigned c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2012 ||
           c == 0x2013 || c == 0x2212 || c == 0xff0d || c == 0x30fc;
}

static void
pii_mark(struct pii_text *t, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < t->n; i++)
        t->mask[i] = 1;
}

/* ---- email ---- */

static int
pii_local_char(unsigned c)
{
    return pii_alnum(c) || (c < 0x80 && c && strchr(".!#$%&'*+/=?^_`{|}~-",
                                                    (int)c) != NULL);
}

static void
pii_emails(struct pii_text *t)
{
    for (size_t at = 0; at < t->n; at++) {
        size_t l = at, r = at + 1, dot = 0;

        if (t->cp[at] != '@' && t->cp[at] != 0xff20)
            continue;
        while (l > 0 && pii_local_char(t->cp[l - 1]))
            l--;
        while (r < t->n && (pii_alnum(t->cp[r]) || t->cp[r] == '-' ||
                            t->cp[r] == '.' || t->cp[r] == 0xff0e))
            r++;
        while (r > at + 1 && (t->cp[r - 1] == '.' || t->cp[r - 1] == '-'))
            r--;
        for (size_t i = at + 2; i + 1 < r; i++)
            if (t->cp[i] == '.' || t->cp[i] == 0xff0e)
                dot = i;
        if (l == at || dot == 0)
            continue;
        pii_mark(t, l, r);
    }
}

/* ---- phone numbers ---- */

static int
pii_phone_sep(unsigned c)
{
    return c == ' ' || c == '.' || c == '(' || c == ')' || c == '/' ||
           c == 0xa0 || pii_hyphen(c);
}

/* A date at i (2026-01-10, 10/01/2026, 10.01.26): its end, else 0. */
static size_t
pii_date_end(const struct pii_text *t, size_t i)
{
    size_t g[3] = { 0 }, k = i;
    unsigned sep = 0;

    for (int part = 0; part < 3; part++) {
        while (k < t->n && pii_digit(t->cp[k])) {
            g[part]++;
            k++;
        }
        if (g[part] == 0 || g[part] > 4)
            return 0;
        if (part == 2)
            break;
        if (k >= t->n || !(t->cp[k] == '-' || t->cp[k] == '/' ||
                           t->cp[k] == '.'))
            return 0;
        if (sep && t->cp[k] != sep)
            return 0;
        sep = t->cp[k++];
    }
    if ((g[0] == 4 && g[1] <= 2 && g[2] <= 2) ||
        (g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4)))
        return k;
    return 0;
}

static void
pii_phones(struct pii_text *t)
{
    size_t i = 0;

    while (i < t->n) {
        size_t start = i, k, last = 0, digits = 0, seps = 0, d;
        int plus = 0;

        if ((i > 0 && (pii_alnum(t->cp[i - 1]) || t->cp[i - 1] == '+')) ||
            !(pii_digit(t->cp[i]) || t->cp[i] == '+' || t->cp[i] == '(')) {
            i++;
            continue;
        }
        if ((d = pii_date_end(t, i)) != 0) {
            i = d;
            continue;
        }
        k = i;
        if (t->cp[k] == '+') {
            plus = 1;
            k++;
        }
        while (k < t->n) {
            if (pii_digit(t->cp[k])) {
                digits++;
                last = k + 1;
                k++;
            } else if (pii_phone_sep(t->cp[k]) && k + 1 < t->n &&
                       (pii_digit(t->cp[k + 1]) ||
                        (pii_phone_sep(t->cp[k + 1]) && k + 2 < t->n &&
                         pii_digit(t->cp[k + 2])))) {
                seps++;
                k++;
            } else {
                break;
            }
        }
        i = last > start ? last : start + 1;
        /* glued to letters it is a tracking or order code, not a phone */
        if (last == 0 || (last < t->n && pii_alnum(t->cp[last])))
            continue;
        if ((plus && digits >= 7 && digits <= 15) ||
            (!plus && digits >= 9 && digits <= 15) ||
            (!plus && digits >= 7 && seps >= 1 && digits <= 15))
            pii_mark(t, start, last);
    }
}

/* ---- street addresses ---- */

/* Street words. PRE: the name follows ("rue de la Paix", "ул. Тверская",
 * "شارع التحرير"); POST: the name goes before ("Baker Street"). */
enum { KW_PRE = 1, KW_POST = 2 };

static const struct {
    const char *w;
    int kind;
} pii_words[] = {
    { "street", KW_POST }, { "st", KW_POST }, { "road", KW_POST },
    { "rd", KW_POST }, { "avenue", KW_POST | KW_PRE }, { "ave", KW_POST },
    { "boulevard", KW_POST | KW_PRE }, { "blvd", KW_POST },
    { "lane", KW_POST }, { "ln", KW_POST }, { "drive", KW_POST },
    { "terrace", KW_POST }, { "highway", KW_POST }, { "parkway", KW_POST },
    { "close", KW_POST }, { "crescent", KW_POST },
    { "rue", KW_PRE }, { "chemin", KW_PRE }, { "allée", KW_PRE },
    { "impasse", KW_PRE }, { "quai", KW_PRE }, { "place", KW_PRE },
    { "calle", KW_PRE }, { "avenida", KW_PRE }, { "av", KW_PRE },
    { "carrera", KW_PRE }, { "paseo", KW_PRE }, { "camino", KW_PRE },
    { "rua", KW_PRE }, { "travessa", KW_PRE }, { "praça", KW_PRE },
    { "via", KW_PRE }, { "viale", KW_PRE }, { "piazza", KW_PRE },
    { "corso", KW_PRE }, { "strasse", KW_PRE }, { "straße", KW_PRE },
    { "ул", KW_PRE }, { "улица", KW_PRE }, { "проспект", KW_PRE },
    { "пр-т", KW_PRE }, { "переулок", KW_PRE }, { "пер", KW_PRE },
    { "шоссе", KW_PRE }, { "вул", KW_PRE }, { "вулиця", KW_PRE },
    { "شارع", KW_PRE }, { "طريق", KW_PRE }, { "ش", KW_PRE },
    { "cadde", KW_PRE }, { "caddesi", KW_POST }, { "sokak", KW_POST },
    { "sokağı", KW_POST }, { "sk", KW_POST },
    { "jalan", KW_PRE }, { "jl", KW_PRE }, { "đường", KW_PRE },
};

/* German, Dutch and Nordic compounds end in the street word:
 * Hauptstraße, Kerkstraat, Storgatan. */
static const char *const pii_suffixes[] = {
    "straße", "strasse", "str", "weg", "gasse", "allee", "platz", "ring",
    "damm", "straat", "laan", "plein", "gracht", "gatan", "vägen", "vej",
    "veien", "gade", "utca", "ulica",
};

/* Thai and Korean glue the street word to the name: ถนนสุขุมวิท,
 * ซอยอารีย์; 테헤란로, 세종대로, 가로수길. */
static const char *const pii_prefixes[] = { "ถนน", "ซอย", "ถ." };
static const char *const pii_hangul_suffixes[] = { "로", "길" };

struct pii_word {
    size_t from;            /* code point span */
    size_t to;
    char *text;             /* lowercased, trailing . , ; : trimmed */
    int has_digit;
    int letters;
};

static int
ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);

    return n > m && strcmp(s + n - m, suf) == 0;
}

static int
pii_keyword(const struct pii_word *w)
{
    size_t i;

    if (w->has_digit)
        return 0;
    for (i = 0; i < sizeof pii_words / sizeof pii_words[0]; i++)
        if (strcmp(w->text, pii_words[i].w) == 0)
            return pii_words[i].kind;
    for (i = 0; i < sizeof pii_suffixes / sizeof pii_suffixes[0]; i++)
        if (ends_with(w->text, pii_suffixes[i]) && w->letters >= 5)
            return KW_POST | KW_PRE;
    for (i = 0; i < sizeof pii_prefixes / sizeof pii_prefixes[0]; i++)
        if (strncmp(w->text, pii_prefixes[i], strlen(pii_prefixes[i])) == 0)
            return KW_POST;     /* the name is in the word already */
    for (i = 0; i < 2; i++)
        if (ends_with(w->text, pii_hangul_suffixes[i]) && w->letters >= 2)
            return KW_POST;
    return 0;
}

/* A house number: digits with at most a letter or two (221B, 12a, 5-7,
 * ١٢, 12/3), not a long number. */
static int
pii_house_number(const struct pii_word *w)
{
    return w->has_digit && w->letters <= 2 && w->to - w->from <= 8;
}

static char *
pii_lower(const char *s, size_t n)
{
    utf8proc_uint8_t *out = NULL;
    char *copy = xstrndup(s, n), *r;
    size_t len;

    if (utf8proc_map((const utf8proc_uint8_t *)copy, 0, &out,
                     UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                     UTF8PROC_NULLTERM) < 0 ||
        out == NULL) {
        free(out);
        out = (utf8proc_uint8_t *)copy;
        copy = NULL;
    }
    free(copy);
    r = (char *)out;
    len = strlen(r);
    while (len > 0 && strchr(".,;:", r[len - 1]))
        r[--len] = '\0';
    return r;
}

static void
pii_addresses(struct pii_text *t, const char *s)
{
    struct pii_word *w = NULL;
    size_t n = 0, cap = 0, i = 0;

    while (i < t->n) {
        size_t from;

        while (i < t->n && (pii_space(t->cp[i]) || pii_comma(t->cp[i])))
            i++;
        if (i >= t->n)
            break;
        from = i;
        while (i < t->n && !pii_space(t->cp[i]) && !pii_comma(t->cp[i]))
            i++;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            w = xreallocarray(w, cap, sizeof *w);
        }
        memset(&w[n], 0, sizeof w[n]);
        w[n].from = from;
        w[n].to = i;
        w[n].text = pii_lower(s + t->off[from], t->off[i] - t->off[from]);
        for (size_t k = from; k < i; k++) {
            if (pii_digit(t->cp[k]))
                w[n].has_digit = 1;
            else if (pii_alnum(t->cp[k]))
                w[n].letters++;
        }
        n++;
    }
    for (size_t k = 0; k < n; k++) {
        int kind = pii_keyword(&w[k]);
        size_t lo = k, hi = k, num = n;

        if (kind == 0)
            continue;
        /* the nearest house number, up to four words either way */
        for (size_t d = 1; d <= 4 && num == n; d++) {
            if (k + d < n && pii_house_number(&w[k + d]))
                num = k + d;
            else if (k >= d && pii_house_number(&w[k - d]))
                num = k - d;
        }
        if (num == n)
            continue;
        if (num < k) {
            lo = num;
            /* "12 rue de la Paix": the name after the word, to the
             * comma or three words */
            if (kind & KW_PRE) {
                for (size_t d = 1; d <= 3 && k + d < n; d++) {
                    if (w[k + d].has_digit)
                        break;
                    hi = k + d;
                    if (w[k + d].to < t->n && pii_comma(t->cp[w[k + d].to]))
                        break;
                }
            }
        } else {
            hi = num;
        }
        pii_mark(t, w[lo].from, w[hi].to);
    }
    for (size_t k = 0; k < n; k++)
        free(w[k].text);
    free(w);
}

/* 東京都渋谷区神南1-2-3, 3丁目4番5号, 建国路88号: a block number after
 * ideographs, the ideographs before it being the place. */
static void
pii_cjk_addresses(struct pii_text *t)
{
    static const unsigned marks[] = {
        0x4e01, /* 丁 (丁目) */ 0x756a, /* 番 */ 0x53f7, /* 号 */
        0x865f, /* 號 */ 0x5730, /* 地 (番地) */ 0x76ee, /* 目 */
        0x5ba4, /* 室 */ 0x5f04, /* 弄 */ 0x5df7, /* 巷 */ 0x68df, /* 棟 */
    };
    size_t i = 0;

    while (i < t->n) {
        size_t start, end = i, k, groups = 0, lo;
        int marked = 0;

        if (!pii_digit(t->cp[i]) || i == 0 || !pii_cjk(t->cp[i - 1])) {
            i++;
            continue;
        }
        start = i;
        k = i;
        /* digits, hyphens and block words: 1-2-3, 3丁目4番5号 */
        for (;;) {
            size_t d = k;

            while (k < t->n && pii_digit(t->cp[k]))
                k++;
            if (k == d)
                break;
            groups++;
            end = k;
            if (k < t->n && pii_hyphen(t->cp[k]) && k + 1 < t->n &&
                pii_digit(t->cp[k + 1])) {
                k++;
                continue;
            }
            while (k < t->n) {
                size_t m;

                for (m = 0; m < sizeof marks / sizeof marks[0]; m++)
                    if (t->cp[k] == marks[m])
                        break;
                if (m == sizeof marks / sizeof marks[0])
                    break;
                marked = 1;
                k++;
                end = k;
            }
            if (k >= t->n || !pii_digit(t->cp[k]))
                break;
        }
        i = end;
        if (!(marked || groups >= 2))
            continue;
        lo = start;
        while (lo > 0 && start - lo < 24 &&
               (pii_cjk(t->cp[lo - 1]) || pii_digit(t->cp[lo - 1])))
            lo--;
        pii_mark(t, lo, end);
    }
}

/* ---- the mask ---- */

static void
pii_decode(const char *s, struct pii_text *t)
{
    size_t len = strlen(s), i = 0;

    memset(t, 0, sizeof *t);
    t->cp = xcalloc(len + 1, sizeof *t->cp);
    t->off = xcalloc(len + 1, sizeof *t->off);
    t->mask = xcalloc(len + 1, 1);
    while (i < len) {
        unsigned c;
        size_t n = utf8_decode(s + i, len - i, &c);

        if (n == 0) {
            c = 0xfffd;
            n = 1;
        }
        t->cp[t->n] = c;
        t->off[t->n++] = i;
        i += n;
    }
    t->off[t->n] = len;
}

static void
pii_scan(const char *s, struct pii_text *t)
{
    pii_decode(s, t);
    pii_emails(t);
    pii_phones(t);
    pii_addresses(t, s);
    pii_cjk_addresses(t);
}

static void
pii_text_free(struct pii_text *t)
{
    free(t->cp);
    free(t->off);
    free(t->mask);
}

int
pii_found(const char *s)
{
    struct pii_text t;
    int found = 0;

    if (s == NULL || *s == '\0')
        return 0;
    pii_scan(s, &t);
    for (size_t i = 0; i < t.n && !found; i++)
        found = t.mask[i];
    pii_text_free(&t);
    return found;
}

char *
pii_mask(const char *s)
{
    struct pii_text t;
    struct buf b;

    if (s == NULL)
        return xstrdup("");
    pii_scan(s, &t);
    buf_init(&b, 0);
    for (size_t i = 0; i < t.n; i++) {
        if (t.mask[i] && pii_alnum(t.cp[i])) {
            for (int w = width_cp(t.cp[i]); w > 0; w--)
                buf_addc(&b, '*');
        } else {
            buf_add(&b, s + t.off[i], t.off[i + 1] - t.off[i]);
        }
    }
    pii_text_free(&t);
    return buf_detach(&b);
}
