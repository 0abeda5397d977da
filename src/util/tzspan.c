/* tzspan.c: a time zone's UTC offsets over a range of time, for SQL. */
#include "util/tzspan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xmalloc.h"

/* The zone is applied by setting TZ for the length of one call and
 * putting the old value back (tz_enter, tz_leave). The range is walked a day at a time,
 * and each change of offset is narrowed down to its second by bisection:
 * zones change at most a few times a year, never twice in a day. */

#define TZ_STEP 86400

void
tz_enter(const char *zone, struct tz_saved *sv)
{
    const char *old = getenv("TZ");

    sv->active = zone && *zone;
    sv->old = NULL;
    if (!sv->active)
        return;
    sv->old = old ? xstrdup(old) : NULL;
    setenv("TZ", zone, 1);
    tzset();
}

void
tz_leave(struct tz_saved *sv)
{
    if (!sv->active)
        return;
    if (sv->old)
        setenv("TZ", sv->old, 1);
    else
        unsetenv("TZ");
    tzset();
    free(sv->old);
    sv->old = NULL;
    sv->active = 0;
}

enum td_status
tz_check(const char *zone, struct td_error *err)
{
    const char *dirs[2] = { getenv("TZDIR"), "/usr/share/zoneinfo" };
    char path[512];

    if (zone == NULL || *zone == '\0' || strcmp(zone, "UTC") == 0)
        return TD_OK;
    if (zone[0] == '/' || strstr(zone, "..") || strlen(zone) > 200)
        goto bad;
    for (int i = 0; i < 2; i++) {
        if (dirs[i] == NULL || *dirs[i] == '\0')
            continue;
        snprintf(path, sizeof path, "%s/%s", dirs[i], zone);
        if (access(path, R_OK) == 0)
            return TD_OK;
    }
bad:
    return td_error_set(err, TD_EINVAL, "'%s' is not a time zone of the "
                        "zone database (like Europe/Berlin or UTC)", zone);
}

static int32_t
tz_offset_at(time_t t)
{
    struct tm tm;

    if (localtime_r(&t, &tm) == NULL)
        return 0;
    return (int32_t)tm.tm_gmtoff;
}

static void
tz_push(struct tz_span **v, size_t *n, int64_t start, int32_t off)
{
    *v = xreallocarray(*v, *n + 1, sizeof **v);
    (*v)[*n].start = start;
    (*v)[*n].offset = off;
    (*n)++;
}

enum td_status
tz_spans(const char *zone, time_t from, time_t to, struct tz_span **spans,
         size_t *n, struct td_error *err)
{
    struct tz_saved sv;
    enum td_status rc;
    int32_t cur, next;
    time_t t, lo, hi, mid;

    *spans = NULL;
    *n = 0;
    if ((rc = tz_check(zone, err)) != TD_OK)
        return rc;
    if (to < from)
        to = from;
    tz_enter(zone, &sv);
    cur = tz_offset_at(from);
    tz_push(spans, n, (int64_t)from, cur);
    for (t = from; t < to; t += TZ_STEP) {
        next = tz_offset_at(t + TZ_STEP);
        if (next == cur)
            continue;
        /* The change lies in (t, t + TZ_STEP]. */
        lo = t;
        hi = t + TZ_STEP;
        while (hi - lo > 1) {
            mid = lo + (hi - lo) / 2;
            if (tz_offset_at(mid) == cur)
                lo = mid;
            else
                hi = mid;
        }
        cur = tz_offset_at(hi);
        tz_push(spans, n, (int64_t)hi, cur);
    }
    tz_leave(&sv);
    return TD_OK;
}

void
tz_sql_local(struct buf *out, const char *col, const struct tz_span *spans,
             size_t n)
{
    if (n <= 1) {
        buf_printf(out, "(%s + %" PRId32 ")", col,
                   n ? spans[0].offset : 0);
        return;
    }
    buf_printf(out, "(%s + CASE", col);
    for (size_t i = 1; i < n; i++)
        buf_printf(out, " WHEN %s < %" PRId64 " THEN %" PRId32, col,
                   spans[i].start, spans[i - 1].offset);
    buf_printf(out, " ELSE %" PRId32 " END)", spans[n - 1].offset);
}

int64_t
tz_spans_to_utc(const struct tz_span *spans, size_t n, int64_t local)
{
    for (size_t i = 0; i < n; i++) {
        int64_t u = local - spans[i].offset;
        int64_t end = i + 1 < n ? spans[i + 1].start : INT64_MAX;

        if ((i == 0 || u >= spans[i].start) && u < end)
            return u;
    }
    for (size_t i = 1; i < n; i++) {
        if (spans[i].start + spans[i].offset > local)
            return spans[i].start;
    }
    return local - (n ? spans[n - 1].offset : 0);
}

int32_t
tz_spans_offset(const struct tz_span *spans, size_t n, int64_t t)
{
    int32_t off = n ? spans[0].offset : 0;

    for (size_t i = 1; i < n && spans[i].start <= t; i++)
        off = spans[i].offset;
    return off;
}

enum td_status
tz_local_to_utc(const char *zone, int64_t local, time_t *out,
                struct td_error *err)
{
    struct tz_span *sp;
    size_t n;
    enum td_status rc;

    rc = tz_spans(zone, (time_t)(local - 2 * 86400),
                  (time_t)(local + 2 * 86400), &sp, &n, err);
    if (rc != TD_OK)
        return rc;
    *out = (time_t)tz_spans_to_utc(sp, n, local);
    free(sp);
    return TD_OK;
}
