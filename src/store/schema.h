/* schema.h: the store's tables, as forward migrations keyed by user_version. */
#ifndef TD_STORE_SCHEMA_H
#define TD_STORE_SCHEMA_H

#include "store/db.h"
#include "util/error.h"

/* A ticket is unread when the agent never saw it or the customer wrote
 * after they did. The first form is the WHERE of the tickets_unread
 * partial index; the second, over "tickets t", must stay the same
 * expression so that sqlite can answer it from that index. */
#define SCHEMA_UNREAD_INDEXED "(seen_at IS NULL OR customer_at > seen_at)"
#define SCHEMA_UNREAD "(t.seen_at IS NULL OR t.customer_at > t.seen_at)"

/* A tracking number without dashes, in upper case: the key of the
 * shipments_tracking index, which lookups must write the same way. */
#define SCHEMA_TRACKING_KEY "replace(upper(tracking_number), '-', '')"
#define SCHEMA_TRACKING_SH "replace(upper(sh.tracking_number), '-', '')"

/* The version the file is at (PRAGMA user_version) into *v. */
enum td_status schema_version(struct store *s, int *v, struct td_error *err);

/* Run migrations version+1 .. target, each in its own transaction, so that
 * a crash leaves the file at a whole version. A file newer than
 * STORE_SCHEMA_VERSION is refused (TD_ENOTSUP) whatever the target. */
enum td_status schema_migrate(struct store *s, int target,
                              struct td_error *err);

#endif
