/* tlines.c: sanitized, wrapped display lines for the text panes. */
#include "ui/tlines.h"

#include <stdlib.h>
#include <string.h>

#include "core/pii.h"
#include "util/buf.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

void
tlines_clear(struct tlines *l)
{
    int pii = l->pii;

    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
    l->pii = pii;
}

static void
tlines_push(struct tlines *l, int obj, char *owned)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
    }
    l->v[l->n].text = owned;
    l->v[l->n].obj = obj;
    l->n++;
}

void
tlines_add(struct tlines *l, int obj, const char *text)
{
    char *safe = sanitize_str(text, 0);

    if (l->pii) {
        char *masked = pii_mask(safe);

        free(safe);
        safe = masked;
    }
    tlines_push(l, obj, safe);
}

/* The end of the character (and its combining marks) at s[i]. */
static size_t
char_end(const char *s, size_t len, size_t i, size_t *w)
{
    unsigned cp;
    size_t n = utf8_decode(s + i, len - i, &cp);

    *w = n ? (size_t)width_cp(cp) : 1;
    i += n ? n : 1;
    while (i < len) {
        n = utf8_decode(s + i, len - i, &cp);
        if (n == 0 || width_cp(cp) != 0)
            break;
        i += n;
    }
    return i;
}

void
tlines_wrap(const char *s, size_t len, int width,
            void (*fn)(void *ctx, const char *s, size_t n), void *ctx)
{
    size_t start = 0, i = 0, col = 0, brk = 0;
    int have_brk = 0;

    if (width < 1)
        width = 1;
    while (i < len) {
        size_t w, e = char_end(s, len, i, &w);

        if (col + w > (size_t)width && col > 0) {
            size_t end = have_brk ? brk : i;

            fn(ctx, s + start, end - start);
            start = end;
            while (start < len && s[start] == ' ')
                start++;            /* a wrapped row starts with its word */
            i = start;
            col = 0;
            have_brk = 0;
            continue;
        }
        if (s[i] == ' ') {
            brk = i;
            have_brk = 1;
        }
        col += w;
        i = e;
    }
    if (i > start || len == 0)
        fn(ctx, s + start, i - start);
}

struct wrap_ctx {
    struct tlines *l;
    int obj;
    const char *indent;
    size_t added;
};

static void
wrap_row(void *vctx, const char *s, size_t n)
{
    struct wrap_ctx *c = vctx;
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, c->indent);
    buf_add(&b, s, n);
    tlines_push(c->l, c->obj, buf_detach(&b));
    buf_free(&b);
    c->added++;
}

size_t
tlines_add_wrapped(struct tlines *l, int obj, const char *indent,
                   const char *text, int width)
{
    struct wrap_ctx c = { .l = l, .obj = obj, .indent = indent };
    char *safe = sanitize_str(text, SAN_KEEP_NEWLINES);
    const char *p;

    /* Masked before wrapping: an address cut over two rows would not be
     * found in either. */
    if (l->pii) {
        char *masked = pii_mask(safe);

        free(safe);
        safe = masked;
    }
    p = safe;
    int avail = width - (int)width_str(indent);

    if (avail < 4)
        avail = 4;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        tlines_wrap(p, n, avail, wrap_row, &c);
        if (!nl)
            break;
        p = nl + 1;
    }
    free(safe);
    return c.added;
}
