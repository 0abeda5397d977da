/* tscan.h: finding template tags left in a reply's text ({{order.number}},
 * {{?refund_amount}}), which must be filled in before it may be sent. */
#ifndef TD_TSCAN_H
#define TD_TSCAN_H

#include <stddef.h>

#include "core/trender.h"

/* The next unfilled tag in text[from..len): a "{{...}}" on one line whose
 * first term is a ?prompt or a known variable (what a render leaves
 * behind, or an imported placeholder). 1 with its bytes [*start, *end),
 * 0 when there is none. Other braces ("{{foo}}", "{{") are text. */
int tscan_next(const char *text, size_t len, size_t from, size_t *start,
               size_t *end);

/* Every unfilled tag of text as written ("{{order.number}}"), once each,
 * added to out; returns how many tags there are in all. */
size_t tscan_all(const char *text, size_t len, struct trender_list *out);

#endif
