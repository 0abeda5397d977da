/* tzspan.h: a time zone's UTC offsets over a range of time, for SQL. */
#ifndef TD_TZSPAN_H
#define TD_TZSPAN_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"
#include "util/error.h"

/* From start on (until the next span), local time = UTC + offset. */
struct tz_span {
    int64_t start;
    int32_t offset;         /* seconds east of UTC */
};

/* The process's zone, saved while another is in force. */
struct tz_saved {
    int active;
    char *old;              /* TZ as it was (NULL: unset) */
};

/* Make zone the process's zone (TZ) until tz_leave; "" or NULL changes
 * nothing. The C library has no localtime that takes a zone, so callers
 * switch around one computation and put the old zone back at once. */
void tz_enter(const char *zone, struct tz_saved *sv);
void tz_leave(struct tz_saved *sv);

/* Whether zone is usable: "" (the process's zone), "UTC", or an IANA
 * name with a file in the zone database ($TZDIR, /usr/share/zoneinfo).
 * glibc quietly treats an unknown name as UTC; this says so instead. */
enum td_status tz_check(const char *zone, struct td_error *err);

/* The offsets of zone from `from` to `to`: *spans (owned by the caller,
 * free()) holds one span per change, the first starting at from. Every
 * DST change is found to the second. */
enum td_status tz_spans(const char *zone, time_t from, time_t to,
                        struct tz_span **spans, size_t *n,
                        struct td_error *err);

/* The UTC time at which the wall-clock time `local` (the zone's clock
 * read as if it were UTC) happens, by the spans; in a gap (clocks moved
 * forward over it) the first instant after it. */
int64_t tz_spans_to_utc(const struct tz_span *spans, size_t n,
                        int64_t local);
/* The offset in force at t by the spans. */
int32_t tz_spans_offset(const struct tz_span *spans, size_t n, int64_t t);
/* tz_spans_to_utc for one time in zone. */
enum td_status tz_local_to_utc(const char *zone, int64_t local, time_t *out,
                               struct td_error *err);

/* Append to out an SQL expression for the local time of the UTC column
 * expression col: "(col + CASE WHEN col < ... THEN ... END)". The numbers
 * are ours; no user text goes into it. */
void tz_sql_local(struct buf *out, const char *col,
                  const struct tz_span *spans, size_t n);

#endif
