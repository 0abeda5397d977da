/* width.h: display width of UTF-8 text (CJK, emoji, combining marks) via utf8proc. */
#ifndef TD_WIDTH_H
#define TD_WIDTH_H

#include <stddef.h>

#include "util/buf.h"

/* Columns the code point takes on a terminal: 0 (combining), 1 or 2. */
int width_cp(unsigned cp);
/* Columns the UTF-8 string takes (invalid bytes count as one each). */
size_t width_str(const char *s);
/* Append s to out cut to at most cols columns (an ellipsis marks a cut),
 * padded with spaces to exactly cols when pad is set. Never splits a
 * character or separates a combining mark from its base. */
void width_fit(struct buf *out, const char *s, size_t cols, int pad);

#endif
