/* parcel.c: days in transit and the stuck flag, from the checkpoints. */
#include "core/parcel.h"

#include <string.h>

#define DAY_S 86400

void
parcel_facts(const struct shipment *s, time_t now, int stuck_after,
             struct parcel_facts *out)
{
    memset(out, 0, sizeof *out);
    out->days_in_transit = -1;
    for (size_t i = 0; i < s->n_events; i++) {
        const struct shipment_event *ev = &s->events[i];

        if (ev->time == 0)
            continue;
        if (out->first_at == 0 || ev->time < out->first_at)
            out->first_at = ev->time;
        if (ev->time > out->last_at)
            out->last_at = ev->time;
        if (ev->status == SS_DELIVERED &&
            (out->delivered_at == 0 || ev->time < out->delivered_at))
            out->delivered_at = ev->time;
    }
    if (s->status == SS_DELIVERED && out->delivered_at == 0)
        out->delivered_at = out->last_at;
    if (s->status != SS_DELIVERED)
        out->delivered_at = 0;
    if (out->first_at) {
        time_t end = out->delivered_at ? out->delivered_at : now;

        out->days_in_transit = end > out->first_at
                                   ? (int)((end - out->first_at) / DAY_S)
                                   : 0;
    }
    if (s->status != SS_DELIVERED && s->status != SS_RETURNING &&
        s->status != SS_EXPIRED && out->last_at && stuck_after > 0 &&
        now - out->last_at >= (time_t)stuck_after * DAY_S)
        out->stuck_days = (int)((now - out->last_at) / DAY_S);
}
