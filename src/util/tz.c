/* tz.c: a TZif (RFC 8536) reader and the POSIX TZ rules of its footer. */
#include "util/tz.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Zone files are a few kilobytes; anything far larger is not one. */
#define TZ_FILE_MAX (256 * 1024)
#define TZ_DIR_DEFAULT "/usr/share/zoneinfo"

struct tz_type {
    int32_t off;            /* seconds east of UTC */
    int isdst;
    const char *abbr;       /* into chars */
};

/* One rule date of a POSIX TZ string: Jn, n or Mm.w.d, and its time. */
struct tz_rule {
    char kind;              /* 'J', 'D' (zero-based day) or 'M' */
    int n, m, w, d;
    int32_t time;           /* seconds after local midnight (may be < 0) */
};

struct tz_posix {
    int valid;
    int has_dst;
    int32_t std_off, dst_off;       /* seconds east */
    char std_abbr[16], dst_abbr[16];
    struct tz_rule start, end;
};

struct tz {
    char *name;
    int64_t *trans;         /* transition instants, ascending */
    unsigned char *idx;     /* the type from each transition on */
    size_t n_trans;
    struct tz_type *types;
    size_t n_types;
    char *chars;
    struct tz_posix footer;
};

/* ---- calendar ---- */

int64_t
tz_days_from_civil(int y, int mo, int d)
{
    int64_t yy = (int64_t)y - (mo <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

void
tz_civil_from_days(int64_t z, int *y, int *mo, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *mo = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*mo <= 2));
}

int
tz_weekday(int64_t days)
{
    int64_t w = (days + 4) % 7;     /* 1970-01-01 was a Thursday */

    return (int)(w < 0 ? w + 7 : w);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ---- POSIX TZ strings (the footer) ---- */

static const char *
posix_abbr(const char *p, char *out, size_t n)
{
    size_t len = 0;

    if (*p == '<') {
        p++;
        while (*p && *p != '>') {
            if (len + 1 < n)
                out[len++] = *p;
            p++;
        }
        if (*p != '>')
            return NULL;
        p++;
    } else {
        while (isalpha((unsigned char)*p)) {
            if (len + 1 < n)
                out[len++] = *p;
            p++;
        }
        if (len < 3)
            return NULL;
    }
    out[len] = '\0';
    return p;
}

/* [+-]hh[:mm[:ss]] into seconds; hours up to 167 (RFC 8536 3.3.1). */
static const char *
posix_hms(const char *p, int32_t *out)
{
    int sign = 1, part[3] = {0, 0, 0};

    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    for (int i = 0; i < 3; i++) {
        if (!isdigit((unsigned char)*p))
            return i == 0 ? NULL : p;
        while (isdigit((unsigned char)*p)) {
            part[i] = part[i] * 10 + (*p++ - '0');
            if (part[i] > (i == 0 ? 167 : 59))
                return NULL;
        }
        if (i < 2 && *p != ':')
            break;
        if (i < 2)
            p++;
    }
    *out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
    return p;
}

static const char *
posix_num(const char *p, int *out)
{
    int v = 0;

    if (!isdigit((unsigned char)*p))
        return NULL;
    while (isdigit((unsigned char)*p) && v < 10000)
        v = v * 10 + (*p++ - '0');
    *out = v;
    return p;
}

static const char *
posix_rule(const char *p, struct tz_rule *r)
{
    r->time = 7200;
    if (*p == 'M') {
        r->kind = 'M';
        if (!(p = posix_num(p + 1, &r->m)) || *p++ != '.' ||
            !(p = posix_num(p, &r->w)) || *p++ != '.' ||
            !(p = posix_num(p, &r->d)) || r->m < 1 || r->m > 12 ||
            r->w < 1 || r->w > 5 || r->d > 6)
            return NULL;
    } else if (*p == 'J') {
        r->kind = 'J';
        if (!(p = posix_num(p + 1, &r->n)) || r->n < 1 || r->n > 365)
            return NULL;
    } else {
        r->kind = 'D';
        if (!(p = posix_num(p, &r->n)) || r->n > 365)
            return NULL;
    }
    if (*p == '/')
        p = posix_hms(p + 1, &r->time);
    return p;
}

static int
posix_parse(const char *s, struct tz_posix *out)
{
    const char *p = s;
    int32_t off;

    memset(out, 0, sizeof *out);
    if (!(p = posix_abbr(p, out->std_abbr, sizeof out->std_abbr)) ||
        !(p = posix_hms(p, &off)))
        return -1;
    out->std_off = -off;            /* POSIX offsets count west */
    out->dst_off = out->std_off + 3600;
    if (*p != '\0') {
        if (!(p = posix_abbr(p, out->dst_abbr, sizeof out->dst_abbr)))
            return -1;
        out->has_dst = 1;
        if (*p != ',' && *p != '\0') {
            if (!(p = posix_hms(p, &off)))
                return -1;
            out->dst_off = -off;
        }
        /* No rule: POSIX leaves it to the implementation; the usual
         * default is the US one. */
        if (*p == '\0')
            p = ",M3.2.0,M11.1.0";
        if (*p++ != ',' || !(p = posix_rule(p, &out->start)) ||
            *p++ != ',' || !(p = posix_rule(p, &out->end)) || *p != '\0')
            return -1;
    }
    out->valid = 1;
    return 0;
}

/* The local midnight of the rule's day in year y, in days since epoch. */
static int64_t
rule_day(const struct tz_rule *r, int y)
{
    int64_t first;
    int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int day;

    switch (r->kind) {
    case 'J':
        /* Jn: 1..365, February 29 never counted. */
        return tz_days_from_civil(y, 1, 1) + r->n - 1 +
               (is_leap(y) && r->n > 59);
    case 'D':
        return tz_days_from_civil(y, 1, 1) + r->n;
    default:
        dim[1] += is_leap(y);
        first = tz_days_from_civil(y, r->m, 1);
        day = (r->d - tz_weekday(first) + 7) % 7 + 1;
        day += (r->w - 1) * 7;
        while (day > dim[r->m - 1])
            day -= 7;
        return first + day - 1;
    }
}

/* The offset the footer's rules give at instant t. */
static int32_t
posix_offset(const struct tz_posix *p, int64_t t, const char **abbr)
{
    int64_t start, end, local;
    int y, mo, d, dst;

    if (!p->has_dst) {
        if (abbr)
            *abbr = p->std_abbr;
        return p->std_off;
    }
    local = t + p->std_off;
    tz_civil_from_days(floor_div(local, 86400), &y, &mo, &d);
    /* Start is written in standard time, end in daylight time. */
    start = rule_day(&p->start, y) * 86400 + p->start.time - p->std_off;
    end = rule_day(&p->end, y) * 86400 + p->end.time - p->dst_off;
    if (start < end)
        dst = t >= start && t < end;
    else
        dst = !(t >= end && t < start);   /* southern hemisphere */
    if (abbr)
        *abbr = dst ? p->dst_abbr : p->std_abbr;
    return dst ? p->dst_off : p->std_off;
}

/* ---- TZif ---- */

static int64_t
be(const unsigned char *p, int n)
{
    uint64_t v = 0;

    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    if (n == 4)
        return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

struct tzif_hdr {
    int version;
    size_t isut, isstd, leap, time, type, chars;
};

static int
tzif_header(const unsigned char *p, size_t n, struct tzif_hdr *h)
{
    if (n < 44 || memcmp(p, "TZif", 4) != 0)
        return -1;
    h->version = p[4] ? p[4] - '0' : 1;
    /* Counts are unsigned 32-bit; each is capped well below what could
     * overflow the block length (RFC 8536 3.1: isut and isstd are 0 or
     * the type count). */
    h->isut = (size_t)(uint32_t)be(p + 20, 4);
    h->isstd = (size_t)(uint32_t)be(p + 24, 4);
    h->leap = (size_t)(uint32_t)be(p + 28, 4);
    h->time = (size_t)(uint32_t)be(p + 32, 4);
    h->type = (size_t)(uint32_t)be(p + 36, 4);
    h->chars = (size_t)(uint32_t)be(p + 40, 4);
    if (h->type == 0 || h->type > 256 || h->chars == 0 ||
        h->time > 100000 || h->leap > 10000 || h->chars > 10000 ||
        h->isut > h->type || h->isstd > h->type)
        return -1;
    return 0;
}

static size_t
tzif_block_len(const struct tzif_hdr *h, int tsize)
{
    return h->time * (size_t)tsize + h->time + h->type * 6 + h->chars +
           h->leap * (size_t)(tsize + 4) + h->isstd + h->isut;
}

static int
tzif_parse(struct tz *z, const unsigned char *buf, size_t n)
{
    struct tzif_hdr h;
    const unsigned char *p;
    size_t len;
    int tsize = 4;

    if (tzif_header(buf, n, &h) != 0)
        return -1;
    p = buf + 44;
    len = tzif_block_len(&h, 4);
    if ((size_t)(p - buf) + len > n)
        return -1;
    if (h.version >= 2) {
        /* Skip the 32-bit block: the 64-bit one after it is complete. */
        p += len;
        if (tzif_header(p, n - (size_t)(p - buf), &h) != 0)
            return -1;
        p += 44;
        tsize = 8;
        len = tzif_block_len(&h, 8);
        if ((size_t)(p - buf) + len > n)
            return -1;
    }
    z->n_trans = h.time;
    z->trans = xcalloc(h.time + 1, sizeof *z->trans);
    z->idx = xcalloc(h.time + 1, 1);
    for (size_t i = 0; i < h.time; i++, p += tsize)
        z->trans[i] = be(p, tsize);
    for (size_t i = 0; i < h.time; i++, p++) {
        if (*p >= h.type)
            return -1;
        z->idx[i] = *p;
    }
    z->chars = xcalloc(h.chars + 1, 1);
    z->types = xcalloc(h.type, sizeof *z->types);
    z->n_types = h.type;
    for (size_t i = 0; i < h.type; i++, p += 6) {
        z->types[i].off = (int32_t)be(p, 4);
        z->types[i].isdst = p[4];
        if (p[5] >= h.chars)
            return -1;
        z->types[i].abbr = z->chars + p[5];
    }
    memcpy(z->chars, p, h.chars);
    p += h.chars + h.leap * (size_t)(tsize + 4) + h.isstd + h.isut;
    /* The footer: "\nTZSTRING\n" (version 2 and later). */
    if (h.version >= 2 && (size_t)(p - buf) < n && *p == '\n') {
        const unsigned char *e = memchr(p + 1, '\n', n - (size_t)(p - buf) - 1);
        char foot[128];

        if (e && (size_t)(e - p - 1) < sizeof foot && e > p + 1) {
            memcpy(foot, p + 1, (size_t)(e - p - 1));
            foot[e - p - 1] = '\0';
            if (posix_parse(foot, &z->footer) != 0)
                z->footer.valid = 0;
        }
    }
    return 0;
}

static int
tz_name_ok(const char *name)
{
    if (name == NULL || *name == '\0' || *name == '/' || strlen(name) > 100 ||
        strstr(name, ".."))
        return 0;
    for (const char *p = name; *p; p++) {
        if (!isalnum((unsigned char)*p) && !strchr("/_-+", *p))
            return 0;
    }
    return 1;
}

static int
tz_read_file(const char *path, unsigned char **out, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    size_t got;

    if (f == NULL)
        return -1;
    buf = xmalloc(TZ_FILE_MAX);
    got = fread(buf, 1, TZ_FILE_MAX, f);
    fclose(f);
    if (got == 0 || got == TZ_FILE_MAX) {
        free(buf);
        errno = got ? EFBIG : EINVAL;
        return -1;
    }
    *out = buf;
    *n = got;
    return 0;
}

struct tz *
tz_load(const char *name, struct td_error *err)
{
    const char *dir = getenv("TZDIR");
    unsigned char *buf = NULL;
    struct tz *z;
    size_t n = 0;
    char *path;

    if (!tz_name_ok(name)) {
        td_error_set(err, TD_EINVAL, "time zone '%s': not a zone name",
                     name ? name : "");
        return NULL;
    }
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0 ||
        strcmp(name, "GMT") == 0) {
        z = xcalloc(1, sizeof *z);
        z->name = xstrdup(name);
        posix_parse("UTC0", &z->footer);
        return z;
    }
    path = xasprintf("%s/%s", dir && *dir ? dir : TZ_DIR_DEFAULT, name);
    if (tz_read_file(path, &buf, &n) != 0) {
        td_error_set(err, TD_ENOTFOUND, "time zone '%s': %s", name,
                     strerror(errno));
        free(path);
        return NULL;
    }
    free(path);
    z = tz_parse(name, buf, n, err);
    free(buf);
    return z;
}

struct tz *
tz_parse(const char *name, const unsigned char *buf, size_t n,
         struct td_error *err)
{
    struct tz *z = xcalloc(1, sizeof *z);

    z->name = xstrdup(name);
    if (tzif_parse(z, buf, n) != 0) {
        td_error_set(err, TD_EPARSE, "time zone '%s': not a TZif file",
                     name);
        tz_free(&z);
    }
    return z;
}

void
tz_free(struct tz **pz)
{
    struct tz *z = pz ? *pz : NULL;

    if (z == NULL)
        return;
    free(z->name);
    free(z->trans);
    free(z->idx);
    free(z->types);
    free(z->chars);
    free(z);
    *pz = NULL;
}

const char *
tz_name(const struct tz *z)
{
    return z ? z->name : "UTC";
}

/* The zone's offset, abbreviation and DST flag at instant t. */
static int32_t
tz_lookup(const struct tz *z, time_t t, const char **abbr, int *isdst)
{
    const struct tz_type *ty;
    const char *a = "UTC";
    int32_t off;
    size_t lo, hi;

    *isdst = 0;
    if (z == NULL) {
        off = 0;
    } else if (z->footer.valid &&
               (z->n_trans == 0 || (int64_t)t >= z->trans[z->n_trans - 1])) {
        off = posix_offset(&z->footer, (int64_t)t, &a);
        *isdst = z->footer.has_dst && a == z->footer.dst_abbr;
    } else if (z->n_types == 0) {
        off = 0;
    } else {
        if (z->n_trans == 0 || (int64_t)t < z->trans[0]) {
            ty = &z->types[0];
        } else {
            /* The last transition at or before t. */
            lo = 0;
            hi = z->n_trans;
            while (hi - lo > 1) {
                size_t mid = lo + (hi - lo) / 2;

                if (z->trans[mid] <= (int64_t)t)
                    lo = mid;
                else
                    hi = mid;
            }
            ty = &z->types[z->idx[lo]];
        }
        off = ty->off;
        a = ty->abbr;
        *isdst = ty->isdst;
    }
    if (abbr)
        *abbr = a;
    return off;
}

int32_t
tz_offset(const struct tz *z, time_t t, const char **abbr)
{
    int isdst;

    return tz_lookup(z, t, abbr, &isdst);
}

void
tz_localtime(const struct tz *z, time_t t, struct tm *out)
{
    const char *abbr = "UTC";
    int isdst;
    int32_t off = tz_lookup(z, t, &abbr, &isdst);
    time_t local = t + off;

    gmtime_r(&local, out);
    out->tm_gmtoff = off;
    out->tm_zone = abbr;
    out->tm_isdst = isdst;
}

time_t
tz_mktime(const struct tz *z, int y, int mo, int d, int h, int mi, int s)
{
    int64_t wall;
    int32_t before, after;
    int64_t ta, tb;
    int ok_a, ok_b;

    /* Normalise month overflow, then the rest is linear. */
    y += (mo - 1 >= 0 ? (mo - 1) / 12 : -((12 - mo) / 12));
    mo = ((mo - 1) % 12 + 12) % 12 + 1;
    wall = tz_days_from_civil(y, mo, 1) * 86400 + (int64_t)(d - 1) * 86400 +
           (int64_t)h * 3600 + (int64_t)mi * 60 + s;
    if (z == NULL)
        return (time_t)wall;
    /* The offsets a day either side; a zone changes at most once in two
     * days, so the answer is one of the two. */
    before = tz_offset(z, (time_t)(wall - 86400), NULL);
    after = tz_offset(z, (time_t)(wall + 86400), NULL);
    ta = wall - before;
    tb = wall - after;
    ok_a = tz_offset(z, (time_t)ta, NULL) == before;
    ok_b = tz_offset(z, (time_t)tb, NULL) == after;
    if (ok_a && ok_b)
        return (time_t)(ta < tb ? ta : tb);
    if (ok_a)
        return (time_t)ta;
    if (ok_b)
        return (time_t)tb;
    /* In the gap: read the wall clock with the offset before it, which
     * lands after the change by as much as the clock was pushed on. */
    return (time_t)ta;
}

void
tz_format(const struct tz *z, time_t t, const char *fmt, char *out, size_t n)
{
    struct tm tm;

    if (n == 0)
        return;
    out[0] = '\0';
    if (t == 0)
        return;
    tz_localtime(z, t, &tm);
    if (strftime(out, n, fmt, &tm) == 0)
        out[0] = '\0';
}

/* ---- cache ---- */

const struct tz *
tz_cache_get(struct tz_cache *c, const char *name)
{
    struct tz *z;
    struct td_error err;

    if (name == NULL || *name == '\0')
        return NULL;
    for (size_t i = 0; i < c->n_zones; i++) {
        if (strcmp(c->zones[i]->name, name) == 0)
            return c->zones[i];
    }
    for (size_t i = 0; i < c->n_failed; i++) {
        if (strcmp(c->failed[i], name) == 0)
            return NULL;
    }
    td_error_clear(&err);
    if ((z = tz_load(name, &err)) == NULL) {
        c->failed = xreallocarray(c->failed, c->n_failed + 1,
                                  sizeof *c->failed);
        c->failed[c->n_failed++] = xstrdup(name);
        return NULL;
    }
    c->zones = xreallocarray(c->zones, c->n_zones + 1, sizeof *c->zones);
    c->zones[c->n_zones++] = z;
    return z;
}

void
tz_cache_clear(struct tz_cache *c)
{
    for (size_t i = 0; i < c->n_zones; i++)
        tz_free(&c->zones[i]);
    for (size_t i = 0; i < c->n_failed; i++)
        free(c->failed[i]);
    free(c->zones);
    free(c->failed);
    memset(c, 0, sizeof *c);
}
