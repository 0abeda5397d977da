/* parcel.h: what an agent wants to know about a parcel at a glance: how
 * long it has been on its way, and whether it is stuck. */
#ifndef TD_PARCEL_H
#define TD_PARCEL_H

#include <time.h>

#include "core/model.h"

struct parcel_facts {
    time_t first_at;        /* the first checkpoint, 0 if none */
    time_t last_at;         /* the newest checkpoint, 0 if none */
    time_t delivered_at;    /* 0 unless delivered */
    int days_in_transit;    /* first checkpoint to delivery (or now); -1 */
    int stuck_days;         /* days without news when over the limit, else 0 */
};

/* The facts of s at now. A parcel not delivered, returned or expired
 * whose newest checkpoint is stuck_after days old or more is stuck. */
void parcel_facts(const struct shipment *s, time_t now, int stuck_after,
                  struct parcel_facts *out);

#endif
