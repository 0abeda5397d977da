/* ordermatch.c: find order and tracking numbers in free text. */
#include "core/ordermatch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define OM_MAX_REFS 32

static void
refs_add(char ***v, size_t *n, const char *s, size_t len)
{
    if (len == 0 || *n >= OM_MAX_REFS)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strlen((*v)[i]) == len && strncmp((*v)[i], s, len) == 0)
            return;
    *v = xreallocarray(*v, *n + 1, sizeof **v);
    (*v)[(*n)++] = xstrndup(s, len);
}

void
order_refs_clear(struct order_refs *r)
{
    for (size_t i = 0; i < r->n_numbers; i++)
        free(r->numbers[i]);
    for (size_t i = 0; i < r->n_tracking; i++)
        free(r->tracking[i]);
    free(r->numbers);
    free(r->tracking);
    memset(r, 0, sizeof *r);
}

/* Keep letters, digits and '-' (an agent may paste "#1001 " or
 * "4321 8765 0001"); drop a leading '#'. */
static char *
refs_norm(const char *s, int keep_dash)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;

    while (*s == '#' || isspace((unsigned char)*s))
        s++;
    for (; *s; s++) {
        if (isalnum((unsigned char)*s) || (keep_dash && *s == '-'))
            *o++ = (char)toupper((unsigned char)*s);
    }
    *o = '\0';
    return out;
}

void
order_refs_add_number(struct order_refs *r, const char *number)
{
    char *n = refs_norm(number, 1);

    refs_add(&r->numbers, &r->n_numbers, n, strlen(n));
    free(n);
}

void
order_refs_add_tracking(struct order_refs *r, const char *code)
{
    char *n = refs_norm(code, 0);

    refs_add(&r->tracking, &r->n_tracking, n, strlen(n));
    free(n);
}

static int
is_word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* The words after which a number is an order number, folded to lower
 * case for ASCII; the others as written. */
static const char *const order_words[] = {
    "order", "pedido", "bestellung", "commande", "ordine", "encomenda",
    "sipariş", "siparis", "pesanan", "đơn hàng", "don hang", "注文",
    "ご注文", "订单", "주문", "طلب", "طلبية", "คำสั่งซื้อ", "ออเดอร์",
    "bestelling", "zamówienie", "objednávka", NULL,
};

/* After an order word: skip "number", "no.", "nº", "#", ":", "番号" and
 * spaces, up to a short distance, and return where digits start. */
static const char *
after_order_word(const char *p)
{
    static const char *const fillers[] = {
        "number", "numero", "número", "nummer", "no.", "no", "nr.", "nr",
        "nº", "n°", "n.", "#", ":", "番号", "번호", "号", "رقم", "เลขที่",
        "số", "id", NULL,
    };
    const char *start = p;

    while ((size_t)(p - start) < 24) {
        int moved = 0;

        while (*p == ' ' || *p == '\t' || *p == ':' || *p == '#')
            p++, moved = 1;
        for (size_t i = 0; fillers[i]; i++) {
            size_t l = strlen(fillers[i]);

            if (strncasecmp(p, fillers[i], l) == 0) {
                p += l;
                moved = 1;
                break;
            }
        }
        if (isdigit((unsigned char)*p))
            return p;
        if (!moved)
            return NULL;
    }
    return NULL;
}

static size_t
digits_at(const char *p)
{
    size_t n = 0;

    while (isdigit((unsigned char)p[n]))
        n++;
    return n;
}

/* A run of digit groups joined by single dashes (4321-8765-0001): its
 * digit count, its length in *len. The first group has 4 digits or more
 * and the others 3 or more, so that dates (2026-11-25) and telephone
 * numbers (03-1234-5678) are not taken; spaces never join, for the same
 * reason (+49 30 12345678). */
static size_t
digit_groups(const char *p, size_t *len)
{
    size_t d = digits_at(p), n = d, i = d;

    while (d >= 4 && p[i] == '-') {
        size_t g = digits_at(p + i + 1);

        if (g < 3)
            break;
        n += g;
        i += 1 + g;
    }
    *len = i;
    return n;
}

static void
scan_token(const char *tok, size_t len, struct order_refs *r)
{
    size_t digits = 0, letters = 0;
    char *up;

    for (size_t i = 0; i < len; i++) {
        if (isdigit((unsigned char)tok[i]))
            digits++;
        else if (isalpha((unsigned char)tok[i]))
            letters++;
    }
    if (letters == 0 || digits == 0)
        return;
    up = xstrndup(tok, len);
    for (char *c = up; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    /* UPU S10: two letters, nine digits, two letters. */
    if (len == 13 && isalpha((unsigned char)up[0]) &&
        isalpha((unsigned char)up[1]) && digits == 9 &&
        isalpha((unsigned char)up[11]) && isalpha((unsigned char)up[12]))
        order_refs_add_tracking(r, up);
    else if (len == 18 && strncmp(up, "1Z", 2) == 0)
        order_refs_add_tracking(r, up);
    else if (len >= 10 && len <= 30 && digits >= 8 && isupper(
                 (unsigned char)tok[0]) && strchr(tok, '-') == NULL)
        order_refs_add_tracking(r, up);
    free(up);
}

void
ordermatch_scan(const char *text, struct order_refs *r)
{
    const char *p = text;

    if (text == NULL)
        return;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        int word_start = p == text || !is_word_byte((unsigned char)p[-1]);
        const char *d;
        size_t len, n;

        /* #1001 */
        if (c == '#' && (n = digits_at(p + 1)) >= 3 && n <= 12 &&
            !is_word_byte((unsigned char)p[1 + n])) {
            refs_add(&r->numbers, &r->n_numbers, p + 1, n);
            p += 1 + n;
            continue;
        }
        /* "order 1001" in the languages above */
        if (word_start || c >= 0x80) {
            for (size_t i = 0; order_words[i]; i++) {
                size_t l = strlen(order_words[i]);

                if (strncasecmp(p, order_words[i], l) == 0 &&
                    (d = after_order_word(p + l)) != NULL &&
                    (n = digits_at(d)) >= 3 && n <= 12 &&
                    !is_word_byte((unsigned char)d[n])) {
                    refs_add(&r->numbers, &r->n_numbers, d, n);
                    break;
                }
            }
        }
        if (word_start && isalnum(c)) {
            /* WC-1234, SO-88812: a short prefix, a dash, digits. */
            size_t k = 0;

            while (isalpha((unsigned char)p[k]) && k < 4)
                k++;
            if (k >= 2 && p[k] == '-' && (n = digits_at(p + k + 1)) >= 3 &&
                n <= 12 && !is_word_byte((unsigned char)p[k + 1 + n])) {
                char *num = xstrndup(p, k + 1 + n);

                order_refs_add_number(r, num);
                free(num);
                p += k + 1 + n;
                continue;
            }
            if (isdigit(c) && p[-1 * (p != text)] != '+') {
                n = digit_groups(p, &len);
                if (n >= 10 && n <= 22 && !is_word_byte((unsigned char)p[len])) {
                    char *num = xstrndup(p, len);

                    order_refs_add_tracking(r, num);
                    free(num);
                    p += len;
                    continue;
                }
            }
            len = 0;
            while (isalnum((unsigned char)p[len]))
                len++;
            if (len >= 10 && !is_word_byte((unsigned char)p[len]))
                scan_token(p, len, r);
            p += len ? len : 1;
            continue;
        }
        p++;
    }
}
