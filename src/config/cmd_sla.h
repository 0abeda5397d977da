/* cmd_sla.h: the `sla` and `hours` config commands. */
#ifndef TD_CMD_SLA_H
#define TD_CMD_SLA_H

#include "config/config.h"
#include "util/error.h"

/* hours NAME DAYS TIMES [DAYS TIMES ...] [24x7] [tz=ZONE]
 *       [holidays=FILE|DATES]; a relative FILE sits beside the rc file. */
enum td_status cmd_hours(struct config *cfg, int argc, char **argv,
                         struct td_error *err);
/* sla NAME first=DUR [next=DUR] [priority=..] [channel=..] [account=..]
 *     [hours=TEAM] */
enum td_status cmd_sla(struct config *cfg, int argc, char **argv,
                       struct td_error *err);

#endif
