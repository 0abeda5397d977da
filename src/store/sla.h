/* sla.h (store): keeping tickets.sla_due in step with the SLA policies. */
#ifndef TD_STORE_SLA_H
#define TD_STORE_SLA_H

#include <stdint.h>

#include "store/db.h"

/* Recompute the due time of ticket id from its row and s->sla, writing
 * sla_due and sla_source only if they change. Called by the upserts. */
enum td_status sla_refresh_ticket(struct store *s, int64_t id,
                                  struct td_error *err);

#endif
