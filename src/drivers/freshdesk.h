/* freshdesk.h: the Freshdesk API v2 driver, a network driver. */
#ifndef TD_FRESHDESK_H
#define TD_FRESHDESK_H

#include "drivers/netdrv.h"

struct driver;

extern const struct driver drv_freshdesk;

/* The invisible marker a sent reply or note carries so that the outbox
 * can find it in the conversations after a crash: an HTML comment at the
 * end of the body, as rt.c does (html_to_text and mail clients do not
 * show comments). */
#define FD_MARKER_PREFIX NETDRV_MARKER_PREFIX
#define FD_MARKER_SUFFIX NETDRV_MARKER_SUFFIX

/* The Freshdesk status code for a normalised status word ("solved" -> 4),
 * or 0 when the default statuses have none. */
int freshdesk_status_to_fd(const char *normalised);
/* The normalised status word for a Freshdesk code (3 -> "pending");
 * custom statuses (any other code) count as "open". Borrowed. */
const char *freshdesk_status_from_fd(long code);

#endif
