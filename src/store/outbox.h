/* outbox.h: replies and notes waiting to be sent, kept until they are. */
#ifndef TD_STORE_OUTBOX_H
#define TD_STORE_OUTBOX_H

/* outbox.c implements the outbox part of store.h (store_outbox_*,
 * outbox_state_name, outbox_item_clear, outbox_items_free); the types
 * live there too, since the UI and CLI read outbox items. */
#include "store/store.h"

#endif
