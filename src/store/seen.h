/* seen.h: which tickets the agent has seen, for the inbox's unread state. */
#ifndef TD_STORE_SEEN_H
#define TD_STORE_SEEN_H

/* seen.c implements store_ticket_mark_seen and store_unread_count,
 * declared in store.h; the rule itself is SCHEMA_UNREAD (schema.h). */
#include "store/store.h"

#endif
