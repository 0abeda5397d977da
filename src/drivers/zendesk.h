/* zendesk.h: the Zendesk Support (API v2) driver, a network driver. */
#ifndef TD_ZENDESK_H
#define TD_ZENDESK_H

struct driver;

extern const struct driver drv_zendesk;

/* The key a reply's outbox token travels under: the update carries
 * {"metadata": {ZD_MARKER_KEY: token}} and Zendesk files it under
 * metadata.custom of the audit that holds the comment, which is where
 * find_sent looks for it after a crash. Audit metadata is never shown to
 * the customer and, unlike an HTML comment, survives Zendesk's HTML
 * sanitiser and plain-text bodies alike. */
#define ZD_MARKER_KEY "ttydesk_outbox"

/* The Zendesk status word for a normalised one ("on-hold" -> "hold"), or
 * NULL when there is none. Borrowed. */
const char *zd_status_to_zd(const char *normalised);
/* The normalised status word for a Zendesk one ("hold" -> "on-hold");
 * unknown words count as "open", "deleted" as "closed". Borrowed. */
const char *zd_status_from_zd(const char *zd);
/* The channel name (channel_name()) for a via.channel value ("web_form"
 * -> "web", "native_messaging" -> "chat"); "other" when unknown. */
const char *zd_channel_from_via(const char *via);

#endif
