/* chatwoot.h: the Chatwoot Application API driver, a network driver. */
#ifndef TD_CHATWOOT_H
#define TD_CHATWOOT_H

#include "core/model.h"

struct driver;

extern const struct driver drv_chatwoot;

/* The normalised status word for a Chatwoot status ("snoozed" ->
 * "pending", "resolved" -> "solved"); unknown ones count as "open".
 * Borrowed. */
const char *chatwoot_status_from_cw(const char *status);
/* The Chatwoot status for a normalised word ("on-hold" -> "snoozed"),
 * NULL when there is none. Borrowed. */
const char *chatwoot_status_to_cw(const char *normalised);
/* The channel of an inbox's channel_type ("Channel::Whatsapp"), with
 * its medium for the Twilio channel, which carries WhatsApp too ("sms" or
 * "whatsapp"; NULL when unknown). CH_OTHER for API and unknown inboxes. */
enum channel chatwoot_channel(const char *channel_type, const char *medium);

#endif
