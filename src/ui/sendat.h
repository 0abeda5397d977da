/* sendat.h: `:send-at TIME`, a reply scheduled into the buyer's day. */
#ifndef TD_SENDAT_H
#define TD_SENDAT_H

#include <time.h>

#include "core/model.h"
#include "ui/screen.h"
#include "util/buf.h"

/* The instant TIME means for the buyer of ticket t at now: "morning"
 * (the option morning, next time it comes in the buyer's zone), "HH:MM"
 * (next time in the buyer's zone), "+DURATION" ("+2h", "+1h30m") or an
 * ISO 8601 time (UTC unless it has an offset). 0 with why filled when it
 * cannot be worked out or is not in the future. */
time_t sendat_parse(struct ui *ui, const struct ticket *t, const char *text,
                    time_t now, struct buf *why);

/* The console command: schedule the open draft. */
void sendat_cmd(struct ui *ui, int argc, char **argv);

#endif
