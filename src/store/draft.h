/* draft.h: the reply being written on each ticket, saved as the agent types. */
#ifndef TD_STORE_DRAFT_H
#define TD_STORE_DRAFT_H

/* draft.c implements store_draft_save, store_draft_load and
 * store_draft_delete, declared in store.h. */
#include "store/store.h"

#endif
