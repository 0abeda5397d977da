/* test_sla.c: zones, business hours, SLA policies and due times, by tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config/config.h"
#include "config/views.h"
#include "core/bizhours.h"
#include "core/buyertime.h"
#include "core/sla.h"
#include "core/tplmatch.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/tz.h"
#include "util/xmalloc.h"

static time_t
iso(const char *s)
{
    time_t t = 0;

    if (time_parse_iso(s, &t) != 0)
        fail_msg("bad ISO time in the test: %s", s);
    return t;
}

static char *
fmt(time_t t)
{
    static char out[4][TIME_ISO_LEN];
    static int k;

    k = (k + 1) % 4;
    time_format_iso(t, out[k]);
    return out[k];
}

/* ---- zones ---- */

static void
test_tz_offsets(void **state)
{
    static const struct {
        const char *zone;
        const char *utc;
        int32_t off;
        const char *abbr;
    } cases[] = {
        /* Berlin springs forward at 01:00Z on the last Sunday of March
         * and falls back at 01:00Z on the last Sunday of October. */
        {"Europe/Berlin", "2026-03-29T00:59:59Z", 3600, "CET"},
        {"Europe/Berlin", "2026-03-29T01:00:00Z", 7200, "CEST"},
        {"Europe/Berlin", "2026-10-25T00:59:59Z", 7200, "CEST"},
        {"Europe/Berlin", "2026-10-25T01:00:00Z", 3600, "CET"},
        /* New York: second Sunday of March, first of November. */
        {"America/New_York", "2026-03-08T06:59:59Z", -18000, "EST"},
        {"America/New_York", "2026-03-08T07:00:00Z", -14400, "EDT"},
        {"America/New_York", "2026-11-01T05:59:59Z", -14400, "EDT"},
        {"America/New_York", "2026-11-01T06:00:00Z", -18000, "EST"},
        /* Past the file's table: the footer's rules take over. */
        {"Europe/Berlin", "2100-07-01T12:00:00Z", 7200, "CEST"},
        {"America/New_York", "2100-01-15T12:00:00Z", -18000, "EST"},
        /* The southern summer is daylight time. */
        {"Australia/Sydney", "2045-01-01T00:00:00Z", 39600, "AEDT"},
        {"Australia/Sydney", "2045-07-01T00:00:00Z", 36000, "AEST"},
        {"Asia/Tokyo", "2026-11-25T00:00:00Z", 32400, "JST"},
        {"Asia/Kolkata", "2026-11-25T00:00:00Z", 19800, "IST"},
        {"UTC", "2026-11-25T00:00:00Z", 0, "UTC"},
    };
    struct td_error err;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tz *z = tz_load(cases[i].zone, &err);
        const char *abbr = NULL;
        int32_t off;

        assert_non_null(z);
        off = tz_offset(z, iso(cases[i].utc), &abbr);
        if (off != cases[i].off || strcmp(abbr, cases[i].abbr) != 0)
            fail_msg("%s at %s: %d %s, want %d %s", cases[i].zone,
                     cases[i].utc, off, abbr, cases[i].off, cases[i].abbr);
        tz_free(&z);
    }
}

static void
test_tz_mktime(void **state)
{
    static const struct {
        const char *zone;
        int y, mo, d, h, mi;
        const char *want;
    } cases[] = {
        {"Europe/Berlin", 2026, 11, 25, 9, 0, "2026-11-25T08:00:00Z"},
        {"Europe/Berlin", 2026, 7, 1, 9, 0, "2026-07-01T07:00:00Z"},
        /* 02:30 does not exist on 29 March: it is read as 03:30 CEST. */
        {"Europe/Berlin", 2026, 3, 29, 2, 30, "2026-03-29T01:30:00Z"},
        /* 02:30 happens twice on 25 October: the first one (CEST). */
        {"Europe/Berlin", 2026, 10, 25, 2, 30, "2026-10-25T00:30:00Z"},
        {"America/New_York", 2026, 3, 8, 2, 30, "2026-03-08T07:30:00Z"},
        {"America/New_York", 2026, 11, 1, 1, 30, "2026-11-01T05:30:00Z"},
        /* Overflowing fields roll over, as for timegm. */
        {"Asia/Tokyo", 2026, 12, 32, 9, 0, "2027-01-01T00:00:00Z"},
        {"Asia/Tokyo", 2026, 13, 1, 9, 0, "2027-01-01T00:00:00Z"},
    };
    struct td_error err;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tz *z = tz_load(cases[i].zone, &err);
        time_t t = tz_mktime(z, cases[i].y, cases[i].mo, cases[i].d,
                             cases[i].h, cases[i].mi, 0);

        if (t != iso(cases[i].want))
            fail_msg("case %zu %s: got %s, want %s", i, cases[i].zone,
                     fmt(t), cases[i].want);
        tz_free(&z);
    }
}

static void
test_tz_refuses(void **state)
{
    static const char *const bad[] = {
        "../../etc/passwd", "/etc/localtime", "Europe/Nowhere", "", "a b",
    };
    struct td_error err;
    struct tz_cache c = {0};

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_null(tz_load(bad[i], &err));
    /* A zone that failed is remembered, one that loaded is shared. */
    assert_null(tz_cache_get(&c, "Mars/Olympus"));
    assert_null(tz_cache_get(&c, "Mars/Olympus"));
    assert_int_equal(c.n_failed, 1);
    assert_ptr_equal(tz_cache_get(&c, "Asia/Tokyo"),
                     tz_cache_get(&c, "Asia/Tokyo"));
    assert_int_equal(c.n_zones, 1);
    tz_cache_clear(&c);
}

/* ---- business hours ---- */

struct biz_case {
    const char *zone;
    const char *week;           /* "DAYS TIMES" pairs, ';' between */
    const char *holidays;       /* NULL = none */
    const char *start;
    const char *dur;
    const char *want;
};

static void
biz_setup(struct bizhours *h, const struct biz_case *c)
{
    char *copy = xstrdup(c->week), *save = NULL, *part;
    struct td_error err;

    memset(h, 0, sizeof *h);
    for (part = strtok_r(copy, ";", &save); part;
         part = strtok_r(NULL, ";", &save)) {
        char *sp = strchr(part, ' ');

        assert_non_null(sp);
        *sp = '\0';
        if (bizhours_add_week(h, part, sp + 1, &err) != TD_OK)
            fail_msg("%s %s: %s", part, sp + 1, err.msg);
    }
    if (c->holidays)
        assert_int_equal(bizhours_add_dates(h, c->holidays, &err), TD_OK);
    bizhours_finish(h);
    free(copy);
}

static void
test_bizhours_due(void **state)
{
    static const struct biz_case cases[] = {
        /* Inside the day: plain addition. Berlin is UTC+1 in November. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-23T09:00:00Z", "2h", "2026-11-23T11:00:00Z"},
        /* Friday 17:00: one hour on Friday, one on Monday. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-27T16:00:00Z", "2h", "2026-11-30T09:00:00Z"},
        /* Saturday: the clock starts on Monday at 09:00. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-28T10:00:00Z", "30m", "2026-11-30T08:30:00Z"},
        /* Before opening. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-23T05:00:00Z", "1h", "2026-11-23T09:00:00Z"},
        /* Exactly used up at closing time. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-23T15:00:00Z", "2h", "2026-11-23T17:00:00Z"},
        /* 20 working hours of 9 a day: Mon, Tue, and 2h on Wednesday. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-23T08:00:00Z", "20h", "2026-11-25T10:00:00Z"},
        /* Over the spring change: Friday 17:00 CET + 2h is Monday
         * 10:00 CEST, which is 08:00Z, not 09:00Z. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-03-27T16:00:00Z", "2h", "2026-03-30T08:00:00Z"},
        /* Over the autumn change: Friday 17:00 CEST + 2h is Monday
         * 10:00 CET = 09:00Z. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", NULL,
         "2026-10-23T15:00:00Z", "2h", "2026-10-26T09:00:00Z"},
        /* Around the clock on the 23-hour day: real hours count. */
        {"Europe/Berlin", "Sun-Sat 00:00-24:00", NULL,
         "2026-03-28T23:00:00Z", "4h", "2026-03-29T03:00:00Z"},
        /* And on the 25-hour day. */
        {"Europe/Berlin", "Sun-Sat 00:00-24:00", NULL,
         "2026-10-24T22:00:00Z", "26h", "2026-10-26T00:00:00Z"},
        /* A working Sunday night shift over the spring change: 01:00-
         * 05:00 local is 3 real hours that night, and the last half
         * hour comes a week later, 01:30 CEST. */
        {"Europe/Berlin", "Sun 01:00-05:00", NULL,
         "2026-03-29T00:00:00Z", "3h30m", "2026-04-04T23:30:00Z"},
        /* Christmas: Thursday 17:00 CET + 2h skips Friday 25 and the
         * weekend, then Monday 28 at 10:00 CET. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", "2026-12-25,2026-12-26",
         "2026-12-24T16:00:00Z", "2h", "2026-12-28T09:00:00Z"},
        /* A range of days off. */
        {"Europe/Berlin", "Mon-Fri 09:00-18:00", "2026-12-24..2027-01-01",
         "2026-12-23T16:00:00Z", "2h", "2027-01-04T09:00:00Z"},
        /* New York over its spring change (second Sunday of March):
         * Friday 16:00 EST + 2h is Monday 10:00 EDT = 14:00Z. */
        {"America/New_York", "Mon-Fri 09:00-17:00", NULL,
         "2026-03-06T21:00:00Z", "2h", "2026-03-09T14:00:00Z"},
        /* And its autumn one: Friday 16:00 EDT + 2h is Monday 10:00
         * EST = 15:00Z. */
        {"America/New_York", "Mon-Fri 09:00-17:00", NULL,
         "2026-10-30T20:00:00Z", "2h", "2026-11-02T15:00:00Z"},
        /* Two spans a day, lunch closed. */
        {"UTC", "Mon-Fri 09:00-12:00,13:00-17:00", NULL,
         "2026-11-23T11:00:00Z", "2h", "2026-11-23T14:00:00Z"},
        /* A night shift runs past midnight into the next day. */
        {"UTC", "Mon-Fri 22:00-06:00", NULL,
         "2026-11-23T23:00:00Z", "3h", "2026-11-24T02:00:00Z"},
        /* Friday's night shift ends on Saturday morning. */
        {"UTC", "Mon-Fri 22:00-06:00", NULL,
         "2026-11-28T05:00:00Z", "2h", "2026-11-30T23:00:00Z"},
        /* Tokyo is ahead of UTC: its Monday starts on Sunday UTC. */
        {"Asia/Tokyo", "Mon-Fri 09:00-18:00", NULL,
         "2026-11-22T23:30:00Z", "1h", "2026-11-23T01:00:00Z"},
        /* Overlapping lines merge: Saturday is 09:00-18:00 in one piece
         * and no minute counts twice (found by make fuzz FUZZ=config). */
        {"UTC", "Mon-Sun 09:00-12:30,13:30-18:00;Sat 10:00-14:00", NULL,
         "2026-11-28T09:00:00Z", "9h", "2026-11-28T18:00:00Z"},
        /* Weekend days of the Gulf. */
        {"Asia/Riyadh", "Sun-Thu 08:00-16:00", NULL,
         "2026-11-26T12:00:00Z", "2h", "2026-11-29T06:00:00Z"},
    };
    struct td_error err;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct biz_case *c = &cases[i];
        struct tz *z = tz_load(c->zone, &err);
        struct bizhours h;
        int64_t secs = query_parse_duration(c->dur);
        time_t due;

        assert_non_null(z);
        biz_setup(&h, c);
        due = bizhours_due(&h, z, iso(c->start), secs);
        if (due != iso(c->want))
            fail_msg("case %zu (%s %s from %s + %s): got %s, want %s", i,
                     c->zone, c->week, c->start, c->dur, fmt(due), c->want);
        bizhours_clear(&h);
        tz_free(&z);
    }
    /* No hours: real time. */
    assert_int_equal(bizhours_due(NULL, NULL, 1000, 60), 1060);
}

static void
test_bizhours_bad(void **state)
{
    static const struct {
        const char *days, *times;
    } bad[] = {
        {"Mon-Fri", "25:00-18:00"}, {"Mon-Fri", "09:00"},
        {"Mon-Fry", "09:00-18:00"}, {"", "09:00-18:00"},
        {"Mon", "09:00-09:00"}, {"Mon", "9-18"}, {"Mon", "09:60-10:00"},
    };
    struct bizhours h = {0};
    struct td_error err;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (bizhours_add_week(&h, bad[i].days, bad[i].times, &err) == TD_OK)
            fail_msg("'%s %s' accepted", bad[i].days, bad[i].times);
    }
    assert_int_not_equal(bizhours_add_dates(&h, "2026-13-01", &err), TD_OK);
    assert_int_not_equal(bizhours_add_dates(&h, "tomorrow", &err), TD_OK);
    assert_int_not_equal(bizhours_add_dates(&h, "2026-12-26..2026-12-24",
                                            &err), TD_OK);
    bizhours_clear(&h);
}

static void
test_bizhours_ics(void **state)
{
    char path[] = "/tmp/td-sla-XXXXXX.ics";
    int fd = mkstemps(path, 4);
    FILE *f = fdopen(fd, "w");
    struct bizhours h = {0};
    struct td_error err;
    struct buf b;

    (void)state;
    assert_non_null(f);
    fputs("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
          "BEGIN:VEVENT\r\nSUMMARY:Christmas\r\n"
          "DTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\n"
          "END:VEVENT\r\n"
          "BEGIN:VEVENT\r\nSUMMARY:New Year\r\nDTSTART:20270101\r\n"
          "RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
          "BEGIN:VEVENT\r\nSUMMARY:a meeting, not a day off\r\n"
          "DTSTART:20261201T100000Z\r\nEND:VEVENT\r\n"
          "END:VCALENDAR\r\n", f);
    fclose(f);
    assert_int_equal(bizhours_load_ics(&h, path, &err), TD_OK);
    bizhours_finish(&h);
    buf_init(&b, 0);
    bizhours_format_dates(&h, &b);
    /* Two Christmas days, and New Year every year from 2027. */
    assert_int_equal(h.n_holidays, 2 + BIZ_ICS_YEARS);
    assert_memory_equal(buf_str(&b), "2026-12-25,2026-12-26,2027-01-01,"
                        "2028-01-01", 43);
    buf_free(&b);
    bizhours_clear(&h);
    unlink(path);
    assert_int_equal(bizhours_load_ics(&h, path, &err), TD_ENOTFOUND);
    bizhours_clear(&h);
}

/* ---- policies ---- */

static struct config *
rc(const char *text)
{
    struct config *cfg = config_new();
    struct td_error err;

    assert_int_equal(config_load_string(cfg, text, "rc", &err), TD_OK);
    for (size_t i = 0; i < cfg->n_errors; i++)
        fail_msg("unexpected config error: %s", cfg->errors[i]);
    return cfg;
}

static const char rc_text[] =
    "hours berlin Mon-Fri 09:00-18:00 tz=Europe/Berlin "
    "holidays=2026-12-25,2026-12-26\n"
    "hours nyc Mon-Fri 09:00-17:00 tz=America/New_York\n"
    "sla vip first=15m next=1h priority=urgent account=shop-eu\n"
    "sla chat first=30m next=2h channel=whatsapp,line,chat\n"
    "sla us first=4h next=8h priority=high,urgent hours=nyc\n"
    "sla default first=8h next=1d hours=berlin\n";

static void
test_sla_due_table(void **state)
{
    static const struct {
        const char *what;
        const char *account;
        enum ticket_priority prio;
        enum channel chan;
        enum ticket_status status;
        const char *created, *first_reply, *agent_at, *customer_at;
        const char *backend_first, *backend_next;
        enum sla_phase phase;
        const char *want;           /* NULL: nothing owed */
        const char *source;
    } cases[] = {
        {"the first matching policy wins", "shop-eu", TP_URGENT, CH_CHAT,
         TS_OPEN, "2026-11-23T10:00:00Z", NULL, NULL, NULL, NULL, NULL,
         SLA_FIRST, "2026-11-23T10:15:00Z", "vip"},
        {"account filter", "shop-us", TP_URGENT, CH_CHAT, TS_OPEN,
         "2026-11-23T10:00:00Z", NULL, NULL, NULL, NULL, NULL, SLA_FIRST,
         "2026-11-23T10:30:00Z", "chat"},
        {"channel filter", "shop-us", TP_NORMAL, CH_WHATSAPP, TS_NEW,
         "2026-11-28T10:00:00Z", NULL, NULL, NULL, NULL, NULL, SLA_FIRST,
         "2026-11-28T10:30:00Z", "chat"},
        {"priority filter, New York hours", "shop-us", TP_HIGH, CH_EMAIL,
         TS_OPEN, "2026-11-27T20:00:00Z", NULL, NULL, NULL, NULL, NULL,
         SLA_FIRST, "2026-11-30T16:00:00Z", "us"},
        {"catch-all, Berlin hours and Christmas", "shop-eu", TP_NORMAL,
         CH_EMAIL, TS_OPEN, "2026-12-24T13:00:00Z", NULL, NULL, NULL, NULL,
         NULL, SLA_FIRST, "2026-12-28T12:00:00Z", "default"},
        {"the backend's due time wins", "shop-eu", TP_URGENT, CH_CHAT,
         TS_OPEN, "2026-11-23T10:00:00Z", NULL, NULL, NULL,
         "2026-11-23T18:00:00Z", NULL, SLA_FIRST, "2026-11-23T18:00:00Z",
         "backend"},
        /* Monday 10:30 CET + 24 working hours: 7.5 + 9 + 7.5. */
        {"next reply: from the buyer's last message", "shop-eu", TP_NORMAL,
         CH_EMAIL, TS_OPEN, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z",
         "2026-11-20T11:00:00Z", "2026-11-23T09:30:00Z", NULL, NULL,
         SLA_NEXT, "2026-11-25T15:30:00Z", "default"},
        {"next reply from the backend", "shop-eu", TP_NORMAL, CH_EMAIL,
         TS_OPEN, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z",
         "2026-11-20T11:00:00Z", "2026-11-23T09:30:00Z",
         "2026-11-20T12:00:00Z", "2026-11-23T10:00:00Z", SLA_NEXT,
         "2026-11-23T10:00:00Z", "backend"},
        {"the buyer's turn: nothing owed", "shop-eu", TP_NORMAL, CH_EMAIL,
         TS_OPEN, "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z",
         "2026-11-23T11:00:00Z", "2026-11-23T09:30:00Z", NULL, NULL,
         SLA_NONE, NULL, NULL},
        {"pending pauses the clock", "shop-eu", TP_NORMAL, CH_EMAIL,
         TS_PENDING, "2026-11-20T10:00:00Z", NULL, NULL, NULL,
         "2026-11-20T12:00:00Z", NULL, SLA_NONE, NULL, NULL},
        {"solved stops it", "shop-eu", TP_URGENT, CH_CHAT, TS_SOLVED,
         "2026-11-20T10:00:00Z", NULL, NULL, NULL, NULL, NULL, SLA_NONE,
         NULL, NULL},
    };
    struct config *cfg = rc(rc_text);

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct sla_facts f = {
            .account = cases[i].account,
            .priority = cases[i].prio,
            .channel = cases[i].chan,
            .status = cases[i].status,
        };
        struct sla_result r;

        f.created_at = iso(cases[i].created);
        f.first_reply_at = cases[i].first_reply ? iso(cases[i].first_reply)
                                                : 0;
        f.agent_at = cases[i].agent_at ? iso(cases[i].agent_at) : 0;
        f.customer_at = cases[i].customer_at ? iso(cases[i].customer_at) : 0;
        f.backend_first_due = cases[i].backend_first
                              ? iso(cases[i].backend_first) : 0;
        f.backend_next_due = cases[i].backend_next
                             ? iso(cases[i].backend_next) : 0;
        sla_ticket_due(cfg->sla, &f, &r);
        if (r.phase != cases[i].phase ||
            r.due != (cases[i].want ? iso(cases[i].want) : 0) ||
            (cases[i].source == NULL) != (r.source == NULL) ||
            (r.source && strcmp(r.source, cases[i].source) != 0))
            fail_msg("%s: phase %d due %s source %s", cases[i].what,
                     r.phase, fmt(r.due), r.source ? r.source : "-");
    }
    config_free(&cfg);
}

static void
test_sla_config_errors(void **state)
{
    static const struct {
        const char *line;
        const char *want;
    } cases[] = {
        {"hours t Mon-Fri 25:00-18:00 tz=UTC", "rc:1: hours t: bad hours"},
        {"hours t Mon-Fri 09:00-18:00 tz=Mars/Base",
         "rc:1: hours t: time zone 'Mars/Base'"},
        {"hours t tz=UTC", "rc:1: hours t: no opening hours"},
        {"hours t Mon-Fri 09:00-18:00 holidays=/nonexistent/x.ics",
         "rc:1: hours t: holidays /nonexistent/x.ics"},
        {"sla x first=soon", "rc:1: sla x: first: bad duration 'soon'"},
        {"sla x first=1h hours=nobody", "rc:1: sla x: hours: no team"},
        {"sla x first=1h priority=critical",
         "rc:1: sla x: priority: bad value 'critical'"},
        {"sla x first=1h channel=pigeon",
         "rc:1: sla x: channel: bad value 'pigeon'"},
        {"sla x color=red first=1h", "rc:1: sla x: unknown key 'color'"},
        {"sla x priority=high", "rc:1: sla x: needs first=DURATION"},
        {"sla", "rc:1: usage: sla NAME"},
        {"set night_hours = late", "rc:1: "},
        {"set morning = 9am", "rc:1: "},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct config *cfg = config_new();
        struct td_error err;

        assert_int_equal(config_load_string(cfg, cases[i].line, "rc", &err),
                         TD_OK);
        if (cfg->n_errors != 1 ||
            strncmp(cfg->errors[0], cases[i].want, strlen(cases[i].want)))
            fail_msg("'%s': got '%s', want '%s...'", cases[i].line,
                     cfg->n_errors ? cfg->errors[0] : "(no error)",
                     cases[i].want);
        /* Nothing half-made is left behind. */
        assert_int_equal(cfg->sla->n_policies, 0);
        assert_int_equal(cfg->sla->n_teams, 0);
        config_free(&cfg);
    }
}

static void
test_sla_dump_round_trip(void **state)
{
    struct config *a = rc(rc_text), *b;
    struct buf d1, d2;

    (void)state;
    buf_init(&d1, 0);
    buf_init(&d2, 0);
    config_dump(a, &d1);
    b = rc(buf_str(&d1));
    config_dump(b, &d2);
    assert_string_equal(buf_str(&d1), buf_str(&d2));
    assert_non_null(strstr(buf_str(&d1),
                           "hours berlin Mon-Fri 09:00-18:00 tz=Europe/Berlin"
                           " holidays=2026-12-25,2026-12-26\n"));
    assert_non_null(strstr(buf_str(&d1), "sla chat first=30m next=2h "
                           "channel=chat,whatsapp,line\n"));
    /* A line with the same name replaces the policy in its place. */
    assert_int_equal(config_exec_line(b, "sla chat first=5m", NULL, 0, NULL),
                     TD_OK);
    assert_int_equal(b->sla->n_policies, 4);
    assert_string_equal(b->sla->policies[1].name, "chat");
    assert_int_equal(b->sla->policies[1].first, 300);
    buf_free(&d1);
    buf_free(&d2);
    config_free(&a);
    config_free(&b);
}

static void
test_breaching_view(void **state)
{
    struct config *cfg = config_new();
    struct buf q;

    (void)state;
    buf_init(&q, 0);
    assert_int_equal(config_view_query(cfg, "breaching", &q), 0);
    assert_string_equal(buf_str(&q), "status:unsolved sla<0s");
    assert_int_equal(config_exec_line(cfg, "set breaching_within = 1h", NULL,
                                      0, NULL), TD_OK);
    buf_reset(&q);
    assert_int_equal(config_view_query(cfg, "breaching", &q), 0);
    assert_string_equal(buf_str(&q), "status:unsolved sla<3600s");
    assert_int_equal(config_view_query(cfg, "nope", NULL), -1);
    assert_string_equal(config_builtin_view(4), "breaching");
    assert_null(config_builtin_view(5));
    buf_free(&q);
    config_free(&cfg);
}

/* ---- the buyer's clock and messaging windows ---- */

static void
test_buyer_zone(void **state)
{
    static const struct {
        const char *tz, *country;
        enum buyer_zone_src src;
        const char *zone;
    } cases[] = {
        {"Asia/Tokyo", "US", BZ_BACKEND, "Asia/Tokyo"},
        {NULL, "DE", BZ_COUNTRY, "Europe/Berlin"},
        {"", "jp", BZ_COUNTRY, "Asia/Tokyo"},
        {NULL, "US", BZ_GUESS, "America/New_York"},
        {NULL, "BR", BZ_GUESS, "America/Sao_Paulo"},
        {NULL, "AU", BZ_GUESS, "Australia/Sydney"},
        {NULL, "XX", BZ_NONE, NULL},
        {NULL, NULL, BZ_NONE, NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *name = NULL;
        enum buyer_zone_src src = buyertime_zone(cases[i].tz,
                                                 cases[i].country, &name);

        assert_int_equal(src, cases[i].src);
        if (cases[i].zone)
            assert_string_equal(name, cases[i].zone);
        else
            assert_null(name);
    }
}

static void
test_buyer_morning(void **state)
{
    struct td_error err;
    struct tz *tokyo = tz_load("Asia/Tokyo", &err);
    struct tz *berlin = tz_load("Europe/Berlin", &err);
    int a, b;

    (void)state;
    /* 23:00 in Tokyo: the next 09:00 is tomorrow's. */
    assert_int_equal(buyertime_next(tokyo, iso("2026-11-25T14:00:00Z"), 540),
                     iso("2026-11-26T00:00:00Z"));
    /* 08:00 in Tokyo: today's. */
    assert_int_equal(buyertime_next(tokyo, iso("2026-11-24T23:00:00Z"), 540),
                     iso("2026-11-25T00:00:00Z"));
    /* The night before the spring change: 09:00 CEST is 07:00Z. */
    assert_int_equal(buyertime_next(berlin, iso("2026-03-28T22:00:00Z"),
                                    540), iso("2026-03-29T07:00:00Z"));
    assert_int_equal(buyertime_parse_span("22:00-07:00", &a, &b), 0);
    assert_true(buyertime_in_span(tokyo, iso("2026-11-25T14:00:00Z"), a, b));
    assert_false(buyertime_in_span(tokyo, iso("2026-11-25T03:00:00Z"), a,
                                   b));
    assert_true(buyertime_in_span(tokyo, iso("2026-11-25T21:59:00Z"), a, b));
    assert_false(buyertime_in_span(tokyo, iso("2026-11-25T22:00:00Z"), a,
                                   b));
    assert_int_equal(buyertime_parse_clock("24:00"), -1);
    assert_int_equal(buyertime_parse_clock("9:05"), 545);
    assert_int_equal(buyertime_parse_span("late", &a, &b), -1);
    tz_free(&tokyo);
    tz_free(&berlin);
}

static void
test_message_windows(void **state)
{
    time_t last = iso("2026-11-24T10:00:00Z");

    (void)state;
    assert_true(sla_channel_has_window(CH_WHATSAPP));
    assert_true(sla_channel_has_window(CH_LINE));
    assert_false(sla_channel_has_window(CH_EMAIL));
    assert_int_equal(sla_window_left(CH_WHATSAPP, last,
                                     iso("2026-11-25T04:00:00Z")), 6 * 3600);
    assert_int_equal(sla_window_left(CH_LINE, last,
                                     iso("2026-11-25T10:00:00Z")), 0);
    assert_true(sla_window_left(CH_WHATSAPP, last,
                                iso("2026-11-25T12:00:00Z")) < 0);
    /* The buyer never wrote: no window to reply in. */
    assert_int_equal(sla_window_left(CH_WHATSAPP, 0, last), 0);
}

static void
test_tplmatch(void **state)
{
    static const struct {
        const char *pattern, *text;
        int want;
    } cases[] = {
        {"Hello Ana, your order {{order.number}} ships today.",
         "Hello Ana, your order #1001 ships today.", 1},
        {"Hello Ana, your order {{order.number}} ships today.",
         "Hello Ana, your order #1001 ships today.\n\n", 1},
        {"Hello Ana, your order {{order.number}} ships today.",
         "Hello Ana, your order ships tomorrow.", 0},
        {"Hi {{?name}}, thanks!", "Hi , thanks!", 1},
        {"Line one\nline two", "Line one\r\nline two", 1},
        {"Refund of {{?amount}} on {{?date}}.", "Refund of 5 EUR on 1 May.",
         1},
        {"Thanks", "Thanks, and here is a free-text add-on", 0},
        {"{{?anything}}", "", 0},
        {"a{{x}}b{{y}}", "aXXbYY", 1},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (tplmatch(cases[i].pattern, cases[i].text) != cases[i].want)
            fail_msg("'%s' vs '%s': want %d", cases[i].pattern,
                     cases[i].text, cases[i].want);
    }
}

static void
test_time_now(void **state)
{
    (void)state;
    setenv("TTYDESK_NOW", "1790000000", 1);
    assert_int_equal(time_now(), 1790000000);
    setenv("TTYDESK_NOW", "2026-11-25T03:00:00Z", 1);
    assert_int_equal(time_now(), iso("2026-11-25T03:00:00Z"));
    setenv("TTYDESK_NOW", "whenever", 1);
    assert_true(time_now() > 1700000000);
    unsetenv("TTYDESK_NOW");
}

/* ---- the store keeps sla_due ---- */

static void
tk(struct ticket *t, int64_t acct, const char *ext, enum ticket_priority p,
   enum channel c, const char *created)
{
    memset(t, 0, sizeof *t);
    t->account_id = acct;
    t->external_id = xstrdup(ext);
    t->subject = xstrdup(ext);
    t->status = TS_OPEN;
    t->priority = p;
    t->channel = c;
    t->created_at = iso(created);
    t->updated_at = t->created_at;
}

/* A public message appended to t. */
static struct message *
add_msg(struct ticket *t, const char *ext, enum author_kind who,
        const char *body, const char *at)
{
    struct message *m = ticket_add_message(t);

    m->external_id = xstrdup(ext);
    m->author = who;
    m->is_public = 1;
    m->body = xstrdup(body);
    m->created_at = iso(at);
    return m;
}

static time_t
due_of(struct store *s, int64_t id)
{
    struct ticket *t = NULL;
    struct td_error err;
    time_t due;

    assert_int_equal(store_ticket_get(s, id, &t, &err), TD_OK);
    due = t->sla_due;
    ticket_free(&t);
    return due;
}

static void
test_store_sla_due(void **state)
{
    struct config *cfg = rc(rc_text), *cfg2;
    struct store *s = NULL;
    struct td_error err;
    struct ticket t;
    struct message *m;
    int64_t acct, id1, id2;
    time_t next;

    (void)state;
    assert_int_equal(store_open(":memory:", &s, &err), TD_OK);
    assert_int_equal(store_account_ensure(s, "shop-eu", "local", NULL, &acct,
                                          &err), TD_OK);
    assert_int_equal(store_sla_apply(s, cfg->sla, &err), TD_OK);
    tk(&t, acct, "1", TP_NORMAL, CH_EMAIL, "2026-11-23T09:00:00Z");
    assert_int_equal(store_ticket_upsert(s, &t, &err), TD_OK);
    id1 = t.id;
    ticket_clear(&t);
    /* Eight Berlin working hours from 10:00 CET: 18:00 CET. */
    assert_string_equal(fmt(due_of(s, id1)), "2026-11-23T17:00:00Z");
    tk(&t, acct, "2", TP_URGENT, CH_WHATSAPP, "2026-11-23T09:00:00Z");
    t.first_response_due = iso("2026-11-23T09:05:00Z");
    assert_int_equal(store_ticket_upsert(s, &t, &err), TD_OK);
    id2 = t.id;
    ticket_clear(&t);
    assert_string_equal(fmt(due_of(s, id2)), "2026-11-23T09:05:00Z");

    /* A public agent reply answers; the buyer writing again opens the
     * next-reply clock (1 day of Berlin hours). */
    tk(&t, acct, "1", TP_NORMAL, CH_EMAIL, "2026-11-23T09:00:00Z");
    add_msg(&t, "a1", AK_AGENT, "On it.", "2026-11-23T10:00:00Z");
    assert_int_equal(store_ticket_upsert(s, &t, &err), TD_OK);
    ticket_clear(&t);
    assert_int_equal(due_of(s, id1), 0);
    memset(&t, 0, sizeof t);
    m = add_msg(&t, "c2", AK_CUSTOMER, "Any news?", "2026-11-27T16:00:00Z");
    assert_int_equal(store_message_upsert(s, id1, m, &err), TD_OK);
    ticket_clear(&t);
    /* Friday 17:00 CET + 24 working hours: 1 on Friday, 9 on Monday and
     * Tuesday, 5 on Wednesday: 14:00 CET. */
    assert_string_equal(fmt(due_of(s, id1)), "2026-12-02T13:00:00Z");

    /* The breaching query and the sort read the column. */
    {
        struct query q = {0};
        int64_t n = -1;

        assert_int_equal(query_parse("sla<0", &q, &err), TD_OK);
        q.now = iso("2026-11-23T10:00:00Z");
        assert_int_equal(store_inbox_count(s, &q, &n, &err), TD_OK);
        assert_int_equal(n, 1);     /* ticket 2, due at 09:05 */
        query_clear(&q);
    }
    assert_int_equal(store_sla_next(s, iso("2026-11-23T10:00:00Z"), &next,
                                    &err), TD_OK);
    assert_string_equal(fmt(next), "2026-12-02T13:00:00Z");
    assert_int_equal(store_sla_next(s, iso("2026-12-02T13:00:00Z"), &next,
                                    &err), TD_OK);
    assert_string_equal(fmt(next), "2026-12-02T13:00:00Z");
    assert_int_equal(store_sla_next(s, iso("2026-12-02T13:00:01Z"), &next,
                                    &err), TD_OK);
    assert_int_equal(next, 0);

    /* New policies: every ticket is worked out again, once. */
    cfg2 = rc("sla all first=1h next=1h\n");
    assert_int_equal(store_sla_apply(s, cfg2->sla, &err), TD_OK);
    assert_string_equal(fmt(due_of(s, id1)), "2026-11-27T17:00:00Z");
    assert_string_equal(fmt(due_of(s, id2)), "2026-11-23T09:05:00Z");
    assert_int_equal(store_sla_apply(s, cfg2->sla, &err), TD_OK);
    /* No policies: the backends' due times only. */
    assert_int_equal(store_sla_apply(s, NULL, &err), TD_OK);
    assert_int_equal(due_of(s, id1), 0);
    assert_string_equal(fmt(due_of(s, id2)), "2026-11-23T09:05:00Z");
    assert_int_equal(store_check(s, &err), TD_OK);
    store_close(&s);
    config_free(&cfg);
    config_free(&cfg2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tz_offsets),
        cmocka_unit_test(test_tz_mktime),
        cmocka_unit_test(test_tz_refuses),
        cmocka_unit_test(test_bizhours_due),
        cmocka_unit_test(test_bizhours_bad),
        cmocka_unit_test(test_bizhours_ics),
        cmocka_unit_test(test_sla_due_table),
        cmocka_unit_test(test_sla_config_errors),
        cmocka_unit_test(test_sla_dump_round_trip),
        cmocka_unit_test(test_breaching_view),
        cmocka_unit_test(test_buyer_zone),
        cmocka_unit_test(test_buyer_morning),
        cmocka_unit_test(test_message_windows),
        cmocka_unit_test(test_tplmatch),
        cmocka_unit_test(test_time_now),
        cmocka_unit_test(test_store_sla_due),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
