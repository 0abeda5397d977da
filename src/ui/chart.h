/* chart.h: bars, sparklines and heat-map cells as text (Unicode blocks or ASCII). */
#ifndef TD_CHART_H
#define TD_CHART_H

#include <stddef.h>

#include "util/buf.h"

/* Whether the locale's character set is UTF-8 (block characters can be
 * drawn); otherwise the charts fall back to ASCII. */
int chart_utf8(void);

/* Append a bar of v out of max, exactly width columns (padded with
 * spaces): full blocks and an eighth-block tail, or '#' in ASCII. A
 * value above zero always shows at least a sliver. */
void chart_bar(struct buf *out, double v, double max, int width, int utf8);

/* Append one column per value: eight heights (▁..█), or " .:-=+*#" in
 * ASCII; a zero is a blank. NAN values are blanks too. */
void chart_spark(struct buf *out, const double *v, size_t n, double max,
                 int utf8);

/* The glyph for a heat-map cell of v out of max: blank, then four
 * shades (░▒▓█ or .:*#). level gets 0..4 for the caller's colours. */
const char *chart_shade(double v, double max, int utf8, int *level);

#endif
