/* local.h: the embedded backend: a helpdesk that lives in a directory of JSON files. */
#ifndef TD_LOCAL_H
#define TD_LOCAL_H

#include <time.h>

#include "util/error.h"

struct driver;

extern const struct driver drv_local;

/* The file (inside a workspace) that records when a copy of the demo was
 * made; the driver shifts the demo's times so its anchor becomes that
 * moment, keeping the demo "live" whenever it is installed. */
#define LOCAL_EPOCH_FILE ".epoch"

/* Copy the workspace at src into dst (which must not exist yet) and stamp
 * it with LOCAL_EPOCH_FILE = now. Used for the first-run demo. */
enum td_status local_install_workspace(const char *src, const char *dst,
                                       time_t now, struct td_error *err);

#endif
