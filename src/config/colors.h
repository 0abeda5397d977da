/* colors.h: checking the colours and attributes of color lines. */
#ifndef TD_COLORS_H
#define TD_COLORS_H

#include "util/error.h"

/* Whether s is a colour: default, a name (red, brightred), color0..
 * color255 or #rrggbb; any case. */
int colors_is_color(const char *s);
/* Whether s is a comma list of attributes (bold, underline, reverse, dim,
 * italic, blink, standout, none); TD_EINVAL naming the bad one if not. */
enum td_status colors_check_attrs(const char *s, struct td_error *err);

#endif
