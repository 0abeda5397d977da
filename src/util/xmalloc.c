/* xmalloc.c: allocation wrappers; running out of memory is a broken invariant. */
#include "util/xmalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL)
        fatal("out of memory (%zu bytes)", n);
    return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

    if (p == NULL)
        fatal("out of memory (%zu x %zu bytes)", nmemb, size);
    return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
    void *q;

    if (size != 0 && nmemb > SIZE_MAX / size)
        fatal("allocation overflow (%zu x %zu)", nmemb, size);
    q = realloc(p, nmemb * size != 0 ? nmemb * size : 1);
    if (q == NULL)
        fatal("out of memory (%zu x %zu bytes)", nmemb, size);
    return q;
}

char *
xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
    size_t len;
    char *p;

    if (s == NULL)
        return NULL;
    len = strnlen(s, n);
    p = xmalloc(len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    int n;
    char *p;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        fatal("xasprintf: bad format");
    p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

void
xfree_str(char **p)
{
    if (p == NULL)
        return;
    free(*p);
    *p = NULL;
}
