/* sha256.h: SHA-256 (FIPS 180-4), for cache keys that must not collide. */
#ifndef TD_SHA256_H
#define TD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64

/* A running hash: sha256_init, any number of sha256_add, sha256_end. */
struct sha256 {
    uint32_t h[8];
    uint64_t total;         /* bytes added so far */
    unsigned char block[64];
    size_t fill;            /* bytes waiting in block */
};

void sha256_init(struct sha256 *c);
void sha256_add(struct sha256 *c, const void *p, size_t n);
/* Finish and write the 32-byte digest; c must be initialised again. */
void sha256_end(struct sha256 *c, unsigned char out[SHA256_LEN]);
/* The digest of p[0..n) as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN + 1]);

#endif
