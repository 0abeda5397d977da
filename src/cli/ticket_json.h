/* ticket_json.h: the stable JSON shapes of --json output (man ttydesk(1), JSON OUTPUT). */
#ifndef TD_TICKET_JSON_H
#define TD_TICKET_JSON_H

#include <cjson/cJSON.h>

#include "core/model.h"

/* A list entry: id, account, external_id, subject, status, status_raw,
 * priority, channel, language, customer {name,email,country,timezone},
 * assignee, tags, created_at, updated_at, first_response_due,
 * next_response_due, sla_due (the due time the SLA clocks hold it to). With
 * messages set, the thread is added as "messages". Owned result. */
cJSON *ticket_json(const struct ticket *t, int messages);
cJSON *order_json(const struct order *o);
cJSON *shipment_json(const struct shipment *s);

#endif
