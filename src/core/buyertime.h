/* buyertime.h: the buyer's clock: their zone, night there, their next morning. */
#ifndef TD_BUYERTIME_H
#define TD_BUYERTIME_H

#include <time.h>

#include "util/tz.h"

/* Where the buyer's zone came from. */
enum buyer_zone_src {
    BZ_NONE = 0,        /* no zone and no known country */
    BZ_BACKEND,         /* the helpdesk gave an IANA zone */
    BZ_COUNTRY,         /* the country's only clock */
    BZ_GUESS,           /* the country has several clocks: a guess */
};

/* The zone name for a buyer: tz when the backend gave one, else the
 * country's (ISO 3166-1 alpha-2, any case). Returns where it came from;
 * *name is borrowed (tz or a static table entry), NULL with BZ_NONE. */
enum buyer_zone_src buyertime_zone(const char *tz, const char *country,
                                   const char **name);

/* "22:00-07:00" into minutes after midnight; 0 or -1 if malformed. */
int buyertime_parse_span(const char *s, int *start, int *end);
/* "09:00" into minutes after midnight; -1 if malformed. */
int buyertime_parse_clock(const char *s);

/* Whether the wall clock in z at t is inside [start, end) minutes, a
 * span that may wrap past midnight (night). */
int buyertime_in_span(const struct tz *z, time_t t, int start, int end);
/* The first instant after now at which z's wall clock shows minute
 * (0..1439): "tomorrow 09:00" once 09:00 has passed today. */
time_t buyertime_next(const struct tz *z, time_t now, int minute);

#endif
