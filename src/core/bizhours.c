/* bizhours.c: opening hours, holidays, and counting working time across them. */
#include "core/bizhours.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

/* Holiday files are small; a bigger one is not a calendar of holidays. */
#define BIZ_ICS_MAX (4 * 1024 * 1024)
#define BIZ_HOLIDAYS_MAX 100000

static const char *const day_names[7] = {
    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};

static const char *const day_full[7] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday",
};

/* "Mon" or "Monday", any case. */
static int
day_find(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++) {
        if ((n == 3 && strncasecmp(s, day_names[i], 3) == 0) ||
            (n == strlen(day_full[i]) && strncasecmp(s, day_full[i], n) == 0))
            return i;
    }
    return -1;
}

/* "Mon-Fri", "Sat", "Mon,Wed,Fri", "Sat-Mon" into a mask of weekdays. */
static int
parse_days(const char *s, unsigned *mask)
{
    const char *p = s;

    *mask = 0;
    while (*p) {
        const char *e = p;
        int a, b;

        while (isalpha((unsigned char)*e))
            e++;
        if ((a = day_find(p, (size_t)(e - p))) < 0)
            return -1;
        b = a;
        if (*e == '-') {
            p = e + 1;
            e = p;
            while (isalpha((unsigned char)*e))
                e++;
            if ((b = day_find(p, (size_t)(e - p))) < 0)
                return -1;
        }
        for (int d = a;; d = (d + 1) % 7) {
            *mask |= 1u << d;
            if (d == b)
                break;
        }
        if (*e == ',')
            e++;
        else if (*e != '\0')
            return -1;
        p = e;
    }
    return *mask ? 0 : -1;
}

/* "09:00" (or "9:00", "24:00") into minutes. */
static const char *
parse_hhmm(const char *p, int *out)
{
    int h = 0, m = 0, nd = 0;

    while (isdigit((unsigned char)*p) && nd < 2) {
        h = h * 10 + (*p++ - '0');
        nd++;
    }
    if (nd == 0 || *p++ != ':' || !isdigit((unsigned char)p[0]) ||
        !isdigit((unsigned char)p[1]))
        return NULL;
    m = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return NULL;
    *out = h * 60 + m;
    return p;
}

/* Add [start, end) to a day, keeping its spans sorted and apart: spans
 * that overlap or touch become one, so that no minute counts twice and
 * the week dumps back as it loads. -1 if the day would need more than
 * BIZ_MAX_SPANS. */
static int
span_add(struct bizhours *h, int day, int start, int end)
{
    struct biz_span v[BIZ_MAX_SPANS + 1];
    int n = h->n_spans[day], k = 0;

    if (start >= end)
        return 0;
    memcpy(v, h->spans[day], (size_t)n * sizeof *v);
    v[n].start = start;
    v[n].end = end;
    n++;
    for (int i = 1; i < n; i++) {       /* insertion sort: n <= 9 */
        struct biz_span t = v[i];
        int j = i;

        for (; j > 0 && v[j - 1].start > t.start; j--)
            v[j] = v[j - 1];
        v[j] = t;
    }
    for (int i = 1; i < n; i++) {
        if (v[i].start <= v[k].end) {
            if (v[i].end > v[k].end)
                v[k].end = v[i].end;
        } else {
            v[++k] = v[i];
        }
    }
    if (k + 1 > BIZ_MAX_SPANS)
        return -1;
    memcpy(h->spans[day], v, (size_t)(k + 1) * sizeof *v);
    h->n_spans[day] = k + 1;
    return 0;
}

enum td_status
bizhours_add_week(struct bizhours *h, const char *days, const char *times,
                  struct td_error *err)
{
    unsigned mask;
    const char *p = times;

    if (parse_days(days, &mask) != 0)
        return td_error_set(err, TD_EINVAL, "bad days '%s' (e.g. Mon-Fri, "
                            "Sat, Mon,Wed)", days);
    while (*p) {
        int a, b;

        if ((p = parse_hhmm(p, &a)) == NULL || *p++ != '-' ||
            (p = parse_hhmm(p, &b)) == NULL || (*p != ',' && *p != '\0') ||
            a == b)
            return td_error_set(err, TD_EINVAL, "bad hours '%s' (e.g. "
                                "09:00-18:00 or 09:00-12:00,13:00-17:00)",
                                times);
        if (*p == ',')
            p++;
        for (int d = 0; d < 7; d++) {
            if (!(mask & (1u << d)))
                continue;
            /* 22:00-06:00: the night runs into the next day. */
            if ((a < b ? span_add(h, d, a, b)
                 : span_add(h, d, a, 1440) |
                       span_add(h, (d + 1) % 7, 0, b)) != 0)
                return td_error_set(err, TD_EINVAL, "more than %d spans "
                                    "on %s", BIZ_MAX_SPANS, day_names[d]);
        }
    }
    return TD_OK;
}

static int
holiday_add(struct bizhours *h, int64_t day)
{
    if (h->n_holidays >= BIZ_HOLIDAYS_MAX)
        return -1;
    if ((h->n_holidays & (h->n_holidays - 1)) == 0 || h->n_holidays == 0)
        h->holidays = xreallocarray(h->holidays,
                                    h->n_holidays ? h->n_holidays * 2 : 8,
                                    sizeof *h->holidays);
    h->holidays[h->n_holidays++] = day;
    return 0;
}

static const char *
parse_date(const char *p, int64_t *day)
{
    int y, m, d;
    char *e;

    y = (int)strtol(p, &e, 10);
    if (e - p != 4 || *e != '-')
        return NULL;
    p = e + 1;
    m = (int)strtol(p, &e, 10);
    if (e - p != 2 || *e != '-' || m < 1 || m > 12)
        return NULL;
    p = e + 1;
    d = (int)strtol(p, &e, 10);
    if (e - p != 2 || d < 1 || d > 31)
        return NULL;
    *day = tz_days_from_civil(y, m, d);
    return e;
}

enum td_status
bizhours_add_dates(struct bizhours *h, const char *list,
                   struct td_error *err)
{
    const char *p = list;

    while (*p) {
        int64_t a, b;

        if ((p = parse_date(p, &a)) == NULL)
            return td_error_set(err, TD_EINVAL, "bad date in '%s' (want "
                                "YYYY-MM-DD[..YYYY-MM-DD],...)", list);
        b = a;
        if (p[0] == '.' && p[1] == '.' &&
            ((p = parse_date(p + 2, &b)) == NULL || b < a || b - a > 366))
            return td_error_set(err, TD_EINVAL, "bad date range in '%s'",
                                list);
        for (int64_t d = a; d <= b; d++) {
            if (holiday_add(h, d) != 0)
                return td_error_set(err, TD_ETOOBIG, "too many holidays");
        }
        if (*p == ',')
            p++;
        else if (*p != '\0')
            return td_error_set(err, TD_EINVAL, "bad date list '%s'", list);
    }
    return TD_OK;
}

/* The YYYYMMDD after the last ':' of an iCalendar property line; a
 * date-time (YYYYMMDDTHHMMSS) is an appointment, not a day off. */
static int
ics_date(const char *line, int64_t *day)
{
    const char *v = strrchr(line, ':');
    int y, m, d;

    if (v == NULL)
        return -1;
    v++;
    for (int i = 0; i < 8; i++) {
        if (!isdigit((unsigned char)v[i]))
            return -1;
    }
    if (v[8] != '\0')
        return -1;
    y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 +
        (v[3] - '0');
    m = (v[4] - '0') * 10 + (v[5] - '0');
    d = (v[6] - '0') * 10 + (v[7] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *day = tz_days_from_civil(y, m, d);
    return 0;
}

struct ics_event {
    int64_t start, end;     /* end exclusive; 0 = not given */
    int has_start, yearly;
};

static int
ics_event_add(struct bizhours *h, const struct ics_event *ev)
{
    int64_t len = ev->end > ev->start ? ev->end - ev->start : 1;
    int y, m, d;

    if (!ev->has_start || len > 366)
        return 0;
    tz_civil_from_days(ev->start, &y, &m, &d);
    for (int k = 0; k < (ev->yearly ? BIZ_ICS_YEARS : 1); k++) {
        int64_t s = tz_days_from_civil(y + k, m, d);

        /* A yearly Feb 29 happens in leap years only. */
        if (m == 2 && d == 29 && k > 0) {
            int yy = y + k;

            if (!((yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0))
                continue;
        }
        for (int64_t i = 0; i < len; i++) {
            if (holiday_add(h, s + i) != 0)
                return -1;
        }
    }
    return 0;
}

/* Does an iCalendar line start with property name? (Case-insensitive;
 * followed by ';' parameters or ':' value.) */
static int
ics_is(const char *line, const char *name)
{
    size_t n = strlen(name);

    return strncasecmp(line, name, n) == 0 &&
           (line[n] == ';' || line[n] == ':');
}

enum td_status
bizhours_load_ics(struct bizhours *h, const char *path, struct td_error *err)
{
    struct ics_event ev = {0};
    char line[1024];
    int in_event = 0, n = 0;
    long total = 0;
    FILE *f = fopen(path, "r");

    if (f == NULL)
        return td_error_set(err, TD_ENOTFOUND, "holidays %s: %s", path,
                            strerror(errno));
    while (fgets(line, sizeof line, f)) {
        total += (long)strlen(line);
        if (total > BIZ_ICS_MAX) {
            fclose(f);
            return td_error_set(err, TD_ETOOBIG, "holidays %s: over %d "
                                "bytes", path, BIZ_ICS_MAX);
        }
        line[strcspn(line, "\r\n")] = '\0';
        if (strcasecmp(line, "BEGIN:VEVENT") == 0) {
            memset(&ev, 0, sizeof ev);
            in_event = 1;
        } else if (strcasecmp(line, "END:VEVENT") == 0 && in_event) {
            if (ics_event_add(h, &ev) != 0) {
                fclose(f);
                return td_error_set(err, TD_ETOOBIG, "holidays %s: too "
                                    "many days", path);
            }
            n += ev.has_start;
            in_event = 0;
        } else if (in_event && ics_is(line, "DTSTART")) {
            /* Timed events are not days off: skipped. */
            ev.has_start = ics_date(line, &ev.start) == 0;
        } else if (in_event && ics_is(line, "DTEND")) {
            if (ics_date(line, &ev.end) != 0)
                ev.end = 0;
        } else if (in_event && ics_is(line, "RRULE")) {
            ev.yearly = strstr(line, "FREQ=YEARLY") != NULL;
        }
    }
    fclose(f);
    if (n == 0)
        return td_error_set(err, TD_EPARSE, "holidays %s: no all-day "
                            "events (VEVENT with DTSTART;VALUE=DATE)", path);
    return TD_OK;
}

static int
cmp_day(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

void
bizhours_finish(struct bizhours *h)
{
    size_t k = 0;

    if (h->n_holidays == 0)
        return;
    qsort(h->holidays, h->n_holidays, sizeof *h->holidays, cmp_day);
    for (size_t i = 0; i < h->n_holidays; i++) {
        if (k == 0 || h->holidays[k - 1] != h->holidays[i])
            h->holidays[k++] = h->holidays[i];
    }
    h->n_holidays = k;
}

int
bizhours_is_open_ever(const struct bizhours *h)
{
    for (int d = 0; d < 7; d++) {
        if (h->n_spans[d] > 0)
            return 1;
    }
    return 0;
}

void
bizhours_clear(struct bizhours *h)
{
    free(h->holidays);
    memset(h, 0, sizeof *h);
}

static int
is_holiday(const struct bizhours *h, int64_t day)
{
    size_t lo = 0, hi = h->n_holidays;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (h->holidays[mid] == day)
            return 1;
        if (h->holidays[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The instant of minute min (0..1440) of local day `day` in z. */
static time_t
day_instant(const struct tz *z, int64_t day, int min)
{
    int y, m, d;

    tz_civil_from_days(day, &y, &m, &d);
    return tz_mktime(z, y, m, d, min / 60, min % 60, 0);
}

static int64_t
local_day(const struct tz *z, time_t t)
{
    int64_t local = (int64_t)t + tz_offset(z, t, NULL);

    return local / 86400 - (local % 86400 < 0);
}

time_t
bizhours_due(const struct bizhours *h, const struct tz *z, time_t start,
             int64_t secs)
{
    int64_t day;

    if (secs < 0)
        secs = 0;
    if (h == NULL)
        return start + (time_t)secs;
    /* The day before too: its span may have ended after midnight UTC of
     * the start's local day in a zone far from UTC. */
    day = local_day(z, start) - 1;
    for (int i = 0; i <= BIZ_MAX_DAYS; i++, day++) {
        int wd = tz_weekday(day);

        if (is_holiday(h, day))
            continue;
        for (int k = 0; k < h->n_spans[wd]; k++) {
            time_t a = day_instant(z, day, h->spans[wd][k].start);
            time_t b = day_instant(z, day, h->spans[wd][k].end);

            if (b <= start || b <= a)
                continue;
            if (a < start)
                a = start;
            if (secs <= (int64_t)(b - a))
                return a + (time_t)secs;
            secs -= (int64_t)(b - a);
        }
    }
    return 0;
}

int
bizhours_is_open(const struct bizhours *h, const struct tz *z, time_t t)
{
    int64_t day;
    int wd;

    if (h == NULL)
        return 1;
    day = local_day(z, t);
    if (is_holiday(h, day))
        return 0;
    wd = tz_weekday(day);
    for (int k = 0; k < h->n_spans[wd]; k++) {
        if (t >= day_instant(z, day, h->spans[wd][k].start) &&
            t < day_instant(z, day, h->spans[wd][k].end))
            return 1;
    }
    return 0;
}

static int
spans_equal(const struct bizhours *h, int a, int b)
{
    if (h->n_spans[a] != h->n_spans[b])
        return 0;
    for (int i = 0; i < h->n_spans[a]; i++) {
        if (h->spans[a][i].start != h->spans[b][i].start ||
            h->spans[a][i].end != h->spans[b][i].end)
            return 0;
    }
    return 1;
}

void
bizhours_format_week(const struct bizhours *h, struct buf *out)
{
    /* Monday first, as people write a working week. */
    static const int order[7] = {1, 2, 3, 4, 5, 6, 0};
    int first = 1;

    for (int i = 0; i < 7;) {
        int d = order[i], j = i + 1;

        while (j < 7 && spans_equal(h, d, order[j]))
            j++;
        if (h->n_spans[d] > 0) {
            buf_printf(out, "%s%s", first ? "" : " ", day_names[d]);
            if (j - 1 > i)
                buf_printf(out, "-%s", day_names[order[j - 1]]);
            for (int k = 0; k < h->n_spans[d]; k++)
                buf_printf(out, "%c%02d:%02d-%02d:%02d", k ? ',' : ' ',
                           h->spans[d][k].start / 60,
                           h->spans[d][k].start % 60,
                           h->spans[d][k].end / 60, h->spans[d][k].end % 60);
            first = 0;
        }
        i = j;
    }
}

void
bizhours_format_dates(const struct bizhours *h, struct buf *out)
{
    for (size_t i = 0; i < h->n_holidays; i++) {
        int y, m, d;

        tz_civil_from_days(h->holidays[i], &y, &m, &d);
        buf_printf(out, "%s%04d-%02d-%02d", i ? "," : "", y, m, d);
    }
}
