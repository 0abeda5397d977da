/* inbox.h: inbox pages, counts and positions in the order a query asks. */
#ifndef TD_STORE_INBOX_H
#define TD_STORE_INBOX_H

/* inbox.c implements store_inbox_page, store_inbox_count,
 * store_inbox_position, store_inbox_explain and store_status_counts,
 * declared in store.h. */
#include "store/store.h"

#endif
