/* timeutil.h: ISO 8601 times, ages and durations as the UI and JSON write them. */
#ifndef TD_TIMEUTIL_H
#define TD_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Parse "2026-11-25T03:04:05Z", with optional fraction and a "+02:00" /
 * "-0500" offset, or a date alone; 0 on success, -1 if malformed. */
int time_parse_iso(const char *s, time_t *out);

#define TIME_ISO_LEN 21     /* "2026-11-25T03:04:05Z" and the NUL */

/* Write t as UTC ISO 8601 into out (TIME_ISO_LEN bytes); "" for t == 0. */
void time_format_iso(time_t t, char out[TIME_ISO_LEN]);

/* A short age such as "45s", "12m", "5h", "3d", "7w" into out. Negative
 * durations get a leading '-'. */
void time_format_span(int64_t seconds, char *out, size_t n);

/* The current time: time(NULL), or the fixed clock in $TTYDESK_NOW
 * (epoch seconds or ISO 8601) that tests set; every reader of "now" in
 * ttydesk asks here. A malformed TTYDESK_NOW is ignored. */
time_t time_now(void);

/* The shortest exact form of a duration: "2h", "1h30m", "45s"; it reads
 * back through query_parse_duration. */
void time_format_exact(int64_t seconds, char *out, size_t n);

#endif
