/* rt.h: the Request Tracker 5 driver (REST2), a network driver. */
#ifndef TD_RT_H
#define TD_RT_H

#include <stddef.h>

#include "drivers/netdrv.h"

struct driver;

extern const struct driver drv_rt;

/* The invisible marker a sent message carries so that the outbox can
 * find it in the thread after a crash: an HTML comment at the end of the
 * body (RT keeps HTML content byte for byte; mail clients and our own
 * html_to_text do not show comments). */
#define RT_MARKER_PREFIX NETDRV_MARKER_PREFIX
#define RT_MARKER_SUFFIX NETDRV_MARKER_SUFFIX

/* The RT status word for a normalised one ("solved" -> "resolved"), or
 * NULL when RT's default lifecycle has none. Borrowed. */
const char *rt_status_to_rt(const char *normalised);
/* The normalised status word for an RT one ("stalled" -> "on-hold");
 * unknown words (custom lifecycles) count as "open". Borrowed. */
const char *rt_status_from_rt(const char *rt);

#endif
