/* textfold.c: letters, folding and hashing shared by langid.c and intent.c.
 * tools/train/textnorm.py is the same code in Python: the models are only
 * right when both agree, so change them together. */
#include "core/textfold.h"

size_t
textfold_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len;
    uint32_t c;

    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4;
        c = u[0] & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            goto bad;
        c = (c << 6) | (u[i] & 0x3F);
    }
    /* Overlong forms and surrogates are not text we should score. */
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
        (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        goto bad;
    *cp = c;
    return len;
bad:
    *cp = 0xFFFD;
    return 1;
}

enum textfold_script
textfold_script(uint32_t c)
{
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? TF_LATIN : TF_NONE;
    if (c >= 0xC0 && c <= 0x24F)
        return (c == 0xD7 || c == 0xF7) ? TF_NONE : TF_LATIN;
    if ((c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF))
        return TF_LATIN;
    if (c >= 0x400 && c <= 0x4FF)
        return TF_CYRILLIC;
    if (c >= 0x600 && c <= 0x6FF) {
        /* Arabic comma, semicolon, question mark, digits, tatweel. */
        if (c == 0x60C || c == 0x61B || c == 0x61F || c == 0x640 ||
            (c >= 0x660 && c <= 0x66D) || (c >= 0x6F0 && c <= 0x6F9))
            return TF_NONE;
        return TF_ARABIC;
    }
    if ((c >= 0x750 && c <= 0x77F) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return TF_ARABIC;
    if (c >= 0x900 && c <= 0x97F)
        return (c >= 0x964 && c <= 0x96F) ? TF_NONE : TF_DEVANAGARI;
    if (c >= 0xE00 && c <= 0xE7F)
        return ((c >= 0xE50 && c <= 0xE59) || c == 0xE3F) ? TF_NONE : TF_THAI;
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
        (c >= 0xAC00 && c <= 0xD7AF))
        return TF_HANGUL;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
        (c >= 0xFF66 && c <= 0xFF9F))
        return c == 0x30FB ? TF_NONE : TF_KANA;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0xF900 && c <= 0xFAFF))
        return TF_HAN;
    return TF_NONE;
}

uint32_t
textfold_fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c == 0x130)                     /* Turkish dotted capital I */
        return 'i';
    /* Latin Extended-A alternates upper/lower, with a shift in parity. */
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) &&
        c % 2 == 0)
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) &&
        c % 2 == 1)
        return c + 1;
    if (c == 0x178)
        return 0xFF;
    if (c == 0x1A0 || c == 0x1AF)       /* Vietnamese O and U with horn */
        return c + 1;
    if (c >= 0x1E00 && c <= 0x1EFF && c % 2 == 0)
        return c + 1;
    return c;
}

size_t
textfold_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

uint32_t
textfold_hash_cp(uint32_t h, uint32_t cp)
{
    char b[4];
    size_t n = textfold_encode(cp, b);

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)b[i];
        h *= 0x01000193u;
    }
    return h;
}
