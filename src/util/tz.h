/* tz.h: IANA time zones read from TZif files, without touching $TZ. */
#ifndef TD_TZ_H
#define TD_TZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"

/*
 * localtime_r() knows one zone at a time, the process's; switching it
 * with setenv("TZ") + tzset() per ticket reparses a file each time and
 * changes global state under everyone's feet. A struct tz is one zone
 * loaded once (RFC 8536: the 64-bit data block and the POSIX TZ footer
 * that carries the rules past the last listed transition), answering
 * UTC -> local and local -> UTC by itself.
 */
struct tz;

/* Load zone name ("Europe/Berlin", "UTC") from $TZDIR or
 * /usr/share/zoneinfo. Names with "..", a leading '/' or odd characters
 * are refused (they come from backends). Returns an owned zone or NULL
 * with err set. */
struct tz *tz_load(const char *name, struct td_error *err);
/* The zone in buf, the contents of a TZif file (tz_load reads the file);
 * NULL with err set if it is not one. name is copied. */
struct tz *tz_parse(const char *name, const unsigned char *buf, size_t n,
                    struct td_error *err);
/* NULL-safe; clears the pointer. */
void tz_free(struct tz **z);
/* The name it was loaded by. */
const char *tz_name(const struct tz *z);

/* The offset from UTC in seconds east at instant t, and the zone's
 * abbreviation then ("CET"; borrowed from z) if abbr is not NULL. */
int32_t tz_offset(const struct tz *z, time_t t, const char **abbr);
/* t as the zone's wall clock; tm_gmtoff and tm_zone are set too, so
 * strftime's %z and %Z work. A NULL z is UTC. */
void tz_localtime(const struct tz *z, time_t t, struct tm *out);
/* The instant the wall clock in z shows y-mo-d h:mi:s (mo 1..12; fields
 * may overflow, as for timegm). A time skipped by a spring-forward gap
 * moves forward by the gap (02:30 -> 03:30 CEST); a time that happens
 * twice in autumn is the first one. A NULL z is UTC. */
time_t tz_mktime(const struct tz *z, int y, int mo, int d, int h, int mi,
                 int s);
/* strftime of t in z into out; "" if t is 0. */
void tz_format(const struct tz *z, time_t t, const char *fmt, char *out,
               size_t n);

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's
 * algorithms; proleptic Gregorian, any year). */
int64_t tz_days_from_civil(int y, int mo, int d);
void tz_civil_from_days(int64_t days, int *y, int *mo, int *d);
/* 0 = Sunday .. 6 = Saturday. */
int tz_weekday(int64_t days);

/* Zones by name, loaded on first use and kept: the inbox asks for the
 * same few dozen zones on every frame. A name that failed to load is
 * remembered too, so it is not retried per row. The cache owns its
 * zones. */
struct tz_cache {
    struct tz **zones;
    char **failed;
    size_t n_zones, n_failed;
};

/* The zone called name, or NULL if it cannot be loaded (borrowed). */
const struct tz *tz_cache_get(struct tz_cache *c, const char *name);
void tz_cache_clear(struct tz_cache *c);

#endif
