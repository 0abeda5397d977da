/* bizhours.h: a team's working week and holidays, and due times counted in it. */
#ifndef TD_BIZHOURS_H
#define TD_BIZHOURS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/tz.h"

#define BIZ_MAX_SPANS 8         /* opening spans per weekday */
/* How far a due time is looked for: a year of closed days is a config
 * mistake, not a deadline. */
#define BIZ_MAX_DAYS 400

/* [start, end) in minutes after local midnight; end may be 1440. */
struct biz_span {
    int start;
    int end;
};

/*
 * Opening hours are wall-clock times in the team's zone: each day's span
 * is turned into instants on that day, so a 09:00-18:00 day is nine
 * hours on the day the clocks change too, and the night the clocks
 * change does not count an hour twice or skip one.
 */
struct bizhours {
    struct biz_span spans[7][BIZ_MAX_SPANS];   /* by weekday, 0 = Sunday */
    int n_spans[7];
    int64_t *holidays;          /* local dates as days since 1970, sorted */
    size_t n_holidays;
};

/* Add a week spec: "Mon-Fri 09:00-18:00", "Sat 10:00-14:00",
 * "Mon,Wed 08:00-12:00,13:00-17:00", "Sun-Sat 00:00-24:00". A span that
 * ends before it starts ("22:00-06:00") runs past midnight into the next
 * day. days and times are two words. */
enum td_status bizhours_add_week(struct bizhours *h, const char *days,
                                 const char *times, struct td_error *err);
/* Add holidays from "2026-12-25,2026-12-26" (a range "2026-12-24..
 * 2026-12-26" counts each day). */
enum td_status bizhours_add_dates(struct bizhours *h, const char *list,
                                  struct td_error *err);
/* Add the all-day events of an iCalendar file: DTSTART;VALUE=DATE (or a
 * DTSTART of 8 digits) up to DTEND (exclusive), and RRULE:FREQ=YEARLY
 * events repeated for BIZ_ICS_YEARS years. */
#define BIZ_ICS_YEARS 30
enum td_status bizhours_load_ics(struct bizhours *h, const char *path,
                                 struct td_error *err);
/* Sort and deduplicate the holidays; call once after adding them. */
void bizhours_finish(struct bizhours *h);
/* Whether any day has an opening span. */
int bizhours_is_open_ever(const struct bizhours *h);
void bizhours_clear(struct bizhours *h);

/* The instant when secs of working time have passed since start, in
 * zone z (NULL = UTC). A clock started outside opening hours starts at
 * the next opening. h NULL counts around the clock. 0 if no such time
 * within BIZ_MAX_DAYS. */
time_t bizhours_due(const struct bizhours *h, const struct tz *z,
                    time_t start, int64_t secs);
/* Whether instant t falls within opening hours. */
int bizhours_is_open(const struct bizhours *h, const struct tz *z, time_t t);

/* The week back as rc words ("Mon-Fri 09:00-18:00 Sat 10:00-14:00"),
 * and the holidays as a date list; for dump-config and fingerprints. */
void bizhours_format_week(const struct bizhours *h, struct buf *out);
void bizhours_format_dates(const struct bizhours *h, struct buf *out);

#endif
