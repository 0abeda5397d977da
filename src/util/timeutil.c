/* timeutil.c: ISO 8601 parsing and formatting without the locale's help. */
#include "util/timeutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
digits(const char **p, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

int
time_parse_iso(const char *s, time_t *out)
{
    struct tm tm;
    int y, mo, d, h = 0, mi = 0, sec = 0, off = 0;
    const char *p = s;

    if (s == NULL)
        return -1;
    if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) ||
        *p++ != '-' || digits(&p, 2, &d))
        return -1;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &sec))
                return -1;
        }
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

            if (digits(&p, 2, &oh))
                return -1;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && digits(&p, 2, &om))
                return -1;
            off = sign * (oh * 3600 + om * 60);
        }
    }
    if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
        mi > 59 || sec > 60)
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    *out = timegm(&tm) - off;
    return 0;
}

void
time_format_iso(time_t t, char out[TIME_ISO_LEN])
{
    struct tm tm;

    if (t == 0 || gmtime_r(&t, &tm) == NULL) {
        out[0] = '\0';
        return;
    }
    strftime(out, TIME_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
time_format_span(int64_t seconds, char *out, size_t n)
{
    const char *sign = seconds < 0 ? "-" : "";
    int64_t s = seconds < 0 ? -seconds : seconds;

    if (s < 60)
        snprintf(out, n, "%s%llds", sign, (long long)s);
    else if (s < 3600)
        snprintf(out, n, "%s%lldm", sign, (long long)(s / 60));
    else if (s < 86400)
        snprintf(out, n, "%s%lldh", sign, (long long)(s / 3600));
    else if (s < 14 * 86400)
        snprintf(out, n, "%s%lldd", sign, (long long)(s / 86400));
    else
        snprintf(out, n, "%s%lldw", sign, (long long)(s / (7 * 86400)));
}

time_t
time_now(void)
{
    const char *fixed = getenv("TTYDESK_NOW");
    char *end;
    time_t t;
    long long v;

    if (fixed && *fixed) {
        errno = 0;
        v = strtoll(fixed, &end, 10);
        if (*end == '\0' && errno == 0 && v > 0)
            return (time_t)v;
        if (time_parse_iso(fixed, &t) == 0)
            return t;
    }
    return time(NULL);
}

void
time_format_exact(int64_t s, char *out, size_t n)
{
    static const struct {
        int64_t unit;
        char c;
    } u[] = { {7 * 86400, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'},
              {1, 's'} };
    size_t len = 0;

    if (n == 0)
        return;
    out[0] = '\0';
    if (s <= 0) {
        snprintf(out, n, "0s");
        return;
    }
    for (size_t i = 0; i < sizeof u / sizeof u[0] && s > 0; i++) {
        if (s >= u[i].unit) {
            int w = snprintf(out + len, n - len, "%lld%c",
                             (long long)(s / u[i].unit), u[i].c);

            if (w < 0 || (size_t)w >= n - len)
                return;
            len += (size_t)w;
            s %= u[i].unit;
        }
    }
}
