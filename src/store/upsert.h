/* upsert.h: writes from the network: customers, tickets, messages, orders. */
#ifndef TD_STORE_UPSERT_H
#define TD_STORE_UPSERT_H

/* upsert.c implements the "writes from the network" part of store.h:
 * store_customer_upsert, store_ticket_upsert, store_message_upsert,
 * store_order_upsert and store_shipment_upsert. It has nothing else to
 * share with the store's other files. */
#include "store/store.h"

#endif
