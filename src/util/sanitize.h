/* sanitize.h: make text from buyers and backends safe to put on a terminal. */
#ifndef TD_SANITIZE_H
#define TD_SANITIZE_H

#include <stddef.h>

enum {
    SAN_KEEP_NEWLINES = 1 << 0,     /* keep \n (thread bodies); else shown as ␊ */
    SAN_KEEP_TABS = 1 << 1,         /* keep \t; else a space */
};

/* Return an owned copy of s[0..len) in which nothing can drive the terminal:
 * escape sequences (CSI, OSC, DCS, ...) and C0/C1 controls become visible
 * Control Pictures (ESC shows as U+241B, so "ESC]0;x" reads "␛]0;x"),
 * bidirectional overrides and isolates become "[U+202E]"-style tags,
 * and invalid UTF-8 bytes become U+FFFD. \r is dropped before \n. */
char *sanitize_text(const char *s, size_t len, unsigned flags);

/* The same for a NUL-terminated string; NULL gives "". */
char *sanitize_str(const char *s, unsigned flags);

/* Decode one UTF-8 code point at s (n bytes available). Returns its length
 * and stores it in *cp, or returns 0 for an invalid or truncated sequence. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);

#endif
