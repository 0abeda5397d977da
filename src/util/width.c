/* width.c: terminal columns of UTF-8 text, and cutting it to fit. */
#include "util/width.h"

#include <string.h>

#include <utf8proc.h>

#include "util/sanitize.h"

int
width_cp(unsigned cp)
{
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);

    /* utf8proc says 0 for controls too; the sanitizer removed those. */
    return w < 0 ? 1 : w;
}

size_t
width_str(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;

    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(s + i, n - i, &cp);

        if (k == 0) {
            w++, i++;
            continue;
        }
        w += (size_t)width_cp(cp);
        i += k;
    }
    return w;
}

void
width_fit(struct buf *out, const char *s, size_t cols, int pad)
{
    size_t n = strlen(s), i = 0, w = 0, total = width_str(s);
    size_t room = total > cols ? (cols > 0 ? cols - 1 : 0) : cols;

    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int cw;

        if (k == 0)
            k = 1, cp = '?';
        cw = width_cp(cp);
        if (w + (size_t)cw > room)
            break;
        (void)buf_add(out, k == 1 && cp == '?' && s[i] != '?' ? "?" : s + i,
                      k);
        w += (size_t)cw;
        i += k;
    }
    /* Combining marks that belong to the last character kept. */
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(s + i, n - i, &cp);

        if (k == 0 || width_cp(cp) != 0)
            break;
        (void)buf_add(out, s + i, k);
        i += k;
    }
    if (total > cols && cols > 0) {
        (void)buf_adds(out, "\xe2\x80\xa6");   /* … */
        w++;
    }
    while (pad && w < cols) {
        (void)buf_addc(out, ' ');
        w++;
    }
}
