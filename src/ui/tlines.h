/* tlines.h: ready-to-draw display lines (sanitized, wrapped). */
#ifndef TD_TLINES_H
#define TD_TLINES_H

#include <stddef.h>

/* One display line: text is sanitized UTF-8 that fits the width it was
 * wrapped for; obj is a theme object (enum theme_obj). */
struct tline {
    char *text;
    int obj;
};

/* Owns its lines and their text. pii: mask emails, phone numbers and
 * addresses in what is added (core/pii.h); kept by tlines_clear, so a
 * pane sets it once and rebuilds when it changes. */
struct tlines {
    struct tline *v;
    size_t n;
    size_t cap;
    int pii;
};

void tlines_clear(struct tlines *l);
/* Add one line as is (cut to nothing: the drawing code fits it). The
 * text is sanitized here: buyer bytes never reach curses raw. */
void tlines_add(struct tlines *l, int obj, const char *text);
/* Add text (which may hold newlines) word-wrapped at width columns, each
 * row prefixed by indent (already safe text). Returns the rows added. */
size_t tlines_add_wrapped(struct tlines *l, int obj, const char *indent,
                          const char *text, int width);

/* Wrap one line of sanitized text: calls fn for each row [start, end).
 * Words go whole to the next row when they fit there; a longer word is
 * cut between characters, never inside one. */
void tlines_wrap(const char *s, size_t len, int width,
                 void (*fn)(void *ctx, const char *s, size_t n), void *ctx);

#endif
