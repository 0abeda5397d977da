/* zammad.h: the Zammad REST API v1 driver, a network driver. */
#ifndef TD_ZAMMAD_H
#define TD_ZAMMAD_H

#include "core/model.h"

struct driver;

extern const struct driver drv_zammad;

/* The normalised status word for a Zammad state name ("pending close" ->
 * "solved"); unknown (custom) states count as "open". Borrowed. */
const char *zammad_status_from_state(const char *state);
/* The Zammad state name for a normalised status word ("solved" ->
 * "closed"), NULL when there is none. Borrowed. */
const char *zammad_state_from_status(const char *normalised);
/* The priority for a Zammad priority name ("3 high") or id (priority 1
 * to 3 are the defaults; 4 and up count as urgent). */
enum ticket_priority zammad_priority(const char *name, long id);
/* The channel of an article type ("email", "whatsapp message",
 * "telegram personal-message", ...); CH_OTHER when unknown. */
enum channel zammad_channel(const char *article_type);

#endif
