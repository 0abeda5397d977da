/* tplmatch.c: matching a draft against a rendered template with gaps. */
#include "core/tplmatch.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* s without '\r' and trailing white space. */
static void
normalise(const char *s, struct buf *out)
{
    for (; *s; s++) {
        if (*s != '\r')
            buf_addc(out, *s);
    }
    while (out->len > 0 && strchr(" \t\n", out->data[out->len - 1]))
        out->data[--out->len] = '\0';
}

/* Glob with the tags as stars; a star backtracks to the next place its
 * following literal run starts (classic wildcard matching). */
static int
glob(const char *p, const char *t)
{
    const char *star_p = NULL, *star_t = NULL;

    while (*t) {
        if (p[0] == '{' && p[1] == '{') {
            const char *end = strstr(p + 2, "}}");

            if (end == NULL)
                goto literal;
            p = end + 2;
            star_p = p;
            star_t = t;
            continue;
        }
literal:
        if (*p && *p == *t) {
            p++;
            t++;
        } else if (star_p) {
            p = star_p;
            t = ++star_t;
        } else {
            return 0;
        }
    }
    /* The text is used up: what is left of the pattern must be tags. */
    while (p[0] == '{' && p[1] == '{' && strstr(p + 2, "}}"))
        p = strstr(p + 2, "}}") + 2;
    return *p == '\0';
}

int
tplmatch(const char *pattern, const char *text)
{
    struct buf p, t;
    int ok;

    buf_init(&p, 0);
    buf_init(&t, 0);
    normalise(pattern ? pattern : "", &p);
    normalise(text ? text : "", &t);
    ok = buf_str(&t)[0] != '\0' && glob(buf_str(&p), buf_str(&t));
    buf_free(&p);
    buf_free(&t);
    return ok;
}
