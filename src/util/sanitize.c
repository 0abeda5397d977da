/* sanitize.c: visible placeholders for control characters, escapes and bidi overrides. */
#include "util/sanitize.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

size_t
utf8_decode(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned c, min;
    size_t len;

    if (n == 0)
        return 0;
    c = u[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0) {
        len = 2, c &= 0x1f, min = 0x80;
    } else if ((c & 0xf0) == 0xe0) {
        len = 3, c &= 0x0f, min = 0x800;
    } else if ((c & 0xf8) == 0xf0) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3f);
    }
    /* Overlong forms and surrogates are how filters get bypassed. */
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

static void
put_cp(struct buf *b, unsigned cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    }
    /* The buffer is uncapped here (0 = default 64 MiB): a failure means a
     * message over 64 MiB, which the network layer already refused. */
    (void)buf_add(b, u, n);
}

/* Code points that reorder text on screen: the bidi embeddings, overrides
 * and isolates (a U+202E in a subject can make "exe.pdf" read backwards). */
static int
is_bidi_control(unsigned cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *
sanitize_text(const char *s, size_t len, unsigned flags)
{
    struct buf b;
    size_t i = 0;

    buf_init(&b, 0);
    (void)buf_add(&b, "", 0);
    while (i < len) {
        unsigned cp;
        size_t n = utf8_decode(s + i, len - i, &cp);

        if (n == 0) {
            put_cp(&b, 0xfffd);
            i++;
            continue;
        }
        i += n;
        if (cp == '\n' && (flags & SAN_KEEP_NEWLINES)) {
            (void)buf_addc(&b, '\n');
        } else if (cp == '\r' && i < len && s[i] == '\n') {
            continue;
        } else if (cp == '\t') {
            (void)buf_addc(&b, (flags & SAN_KEEP_TABS) ? '\t' : ' ');
        } else if (cp < 0x20) {
            put_cp(&b, 0x2400 + cp);        /* ␛, ␇, ␍ ... */
        } else if (cp == 0x7f) {
            put_cp(&b, 0x2421);             /* ␡ */
        } else if (cp >= 0x80 && cp < 0xa0) {
            /* C1 controls: 0x9b is a one-byte CSI on some terminals. */
            char tag[16];

            snprintf(tag, sizeof tag, "[U+%04X]", cp);
            (void)buf_adds(&b, tag);
        } else if (is_bidi_control(cp)) {
            char tag[16];

            snprintf(tag, sizeof tag, "[U+%04X]", cp);
            (void)buf_adds(&b, tag);
        } else {
            put_cp(&b, cp);
        }
    }
    return buf_detach(&b);
}

char *
sanitize_str(const char *s, unsigned flags)
{
    return s ? sanitize_text(s, strlen(s), flags) : xstrdup("");
}
