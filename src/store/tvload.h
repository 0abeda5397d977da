/* tvload.h: a template's variables for one ticket, read from the store:
 * the buyer, the order they ask about and its newest parcel. */
#ifndef TD_STORE_TVLOAD_H
#define TD_STORE_TVLOAD_H

#include <stdint.h>
#include <time.h>

#include "core/model.h"
#include "core/tvars.h"
#include "util/error.h"

struct store;

/* Fill v (zeroed by the caller, who clears it) for ticket id: the order
 * is the buyer's order that the subject or a buyer message names ("#1070"
 * or "1070" alone), else the newest; the parcel is that order's last.
 * agent may be NULL. When t is not NULL it gets the ticket with its
 * thread (owned by the caller). TD_ENOTFOUND if there is no ticket id. */
enum td_status store_template_vars(struct store *s, int64_t id,
                                   const char *agent, time_t now,
                                   struct tvars *v, struct ticket **t,
                                   struct td_error *err);

#endif
