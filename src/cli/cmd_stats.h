/* cmd_stats.h: `ttydesk stats`: the after-sales figures as a report, JSON or CSV. */
#ifndef TD_CMD_STATS_H
#define TD_CMD_STATS_H

struct app;
struct config;

/* ttydesk stats [QUERY] [--since 7d|--from DATE --to DATE]
 * [--json|--csv|--plain]. */
int cmd_stats(struct app *app, int argc, char **argv);

/* The team's time zone for statistics: stats_timezone, else timezone
 * ("" = the process's zone). */
const char *cmd_stats_zone(const struct config *cfg);

#endif
