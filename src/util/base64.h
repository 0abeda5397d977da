/* base64.h: RFC 4648 base64 (HTTP Basic credentials). */
#ifndef TD_BASE64_H
#define TD_BASE64_H

#include <stddef.h>

/* The base64 form of n bytes at p, padded, NUL-terminated; owned. */
char *base64_encode(const void *p, size_t n);

#endif
