/* xmalloc.h: allocation that never returns NULL (abort on out-of-memory). */
#ifndef TD_XMALLOC_H
#define TD_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* Grow p to nmemb*size bytes, checking the multiplication for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Owned copy of s; NULL gives NULL. */
char *xstrdup(const char *s);
/* Owned copy of at most n bytes of s, always NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* Owned printf result. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* free(*p) and set *p to NULL. */
void xfree_str(char **p);

#endif
