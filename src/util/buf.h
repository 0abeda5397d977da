/* buf.h: a growable byte string with a hard cap (curl's dynbuf). */
#ifndef TD_BUF_H
#define TD_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* Always NUL-terminated once anything was added. Going over max is an
 * error (-1), never a silent truncation: the buffer is left unchanged. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

/* Initialise an empty buffer that may grow to max bytes (0 = 64 MiB). */
void buf_init(struct buf *b, size_t max);
/* Append n bytes; 0 on success, -1 if it would pass the cap. */
int buf_add(struct buf *b, const void *p, size_t n);
int buf_adds(struct buf *b, const char *s);
int buf_addc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* Hand the string to the caller (never NULL) and reset the buffer. */
char *buf_detach(struct buf *b);
/* Release the memory. */
void buf_free(struct buf *b);
/* The contents as a C string ("" when empty). */
const char *buf_str(const struct buf *b);

#endif
