/* clocks.c: SLA countdowns, buyers' local time and reply windows, kept live. */
#include "ui/clocks.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "core/sla.h"
#include "drivers/replywin.h"
#include "store/store.h"
#include "ui/inbox.h"
#include "ui/netsync.h"
#include "ui/thread.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* A countdown turns from green to yellow this long before its due time. */
#define CLOCKS_WARN 3600
/* The moon after a buyer's time when it is night there. */
#define CLOCKS_NIGHT "\u263e"

static struct clocks *
clocks_get(struct ui *ui)
{
    if (ui->clocks == NULL)
        ui->clocks = xcalloc(1, sizeof *ui->clocks);
    return ui->clocks;
}

void
clocks_free(struct clocks **pc)
{
    struct clocks *c = pc ? *pc : NULL;

    if (c == NULL)
        return;
    tz_cache_clear(&c->zones);
    free(c);
    *pc = NULL;
}

/* A countdown that fits five columns, rounded away from zero to the
 * minute: "1m" until the last second, "-1m" from the first one late. */
static void
clocks_span(int64_t s, struct buf *b)
{
    const char *sign = s < 0 ? "-" : "";
    int64_t a = s < 0 ? -s : s, m = (a + 59) / 60;

    if (m < 60)
        buf_printf(b, "%s%lldm", sign, (long long)m);
    else if (m < 600)
        buf_printf(b, "%s%lldh%02lld", sign, (long long)(m / 60),
                   (long long)(m % 60));
    else if (m < 48 * 60)
        buf_printf(b, "%s%lldh", sign, (long long)(m / 60));
    else
        buf_printf(b, "%s%lldd", sign, (long long)(m / 1440));
}

void
clocks_sla_cell(struct ui *ui, const struct ticket *t, time_t now,
                struct buf *b, enum theme_obj *obj)
{
    int64_t left;

    (void)ui;
    if (t->sla_due == 0) {
        buf_adds(b, "-");
        return;
    }
    left = (int64_t)(t->sla_due - now);
    clocks_span(left, b);
    *obj = left <= 0 ? OBJ_SLA_BREACH : left <= CLOCKS_WARN ? OBJ_SLA_WARN
           : OBJ_SLA_OK;
}

const struct tz *
clocks_buyer_zone(struct ui *ui, const struct ticket *t,
                  enum buyer_zone_src *src)
{
    const char *name;

    *src = buyertime_zone(t->requester.timezone, t->requester.country,
                          &name);
    if (*src == BZ_NONE)
        return NULL;
    return tz_cache_get(&clocks_get(ui)->zones, name);
}

static int
clocks_is_night(struct ui *ui, const struct tz *z, time_t now)
{
    int a, b;

    if (buyertime_parse_span(config_str(ui->app->cfg, OPT_NIGHT_HOURS), &a,
                             &b) != 0)
        return 0;
    return buyertime_in_span(z, now, a, b);
}

void
clocks_local_cell(struct ui *ui, const struct ticket *t, time_t now,
                  struct buf *b, enum theme_obj *obj)
{
    enum buyer_zone_src src;
    const struct tz *z = clocks_buyer_zone(ui, t, &src);
    char hm[16];

    (void)obj;
    if (z == NULL) {
        buf_adds(b, "-");
        return;
    }
    tz_format(z, now, "%H:%M", hm, sizeof hm);
    buf_printf(b, "%s%s%s", src == BZ_GUESS ? "~" : "", hm,
               clocks_is_night(ui, z, now) ? CLOCKS_NIGHT : "");
}

void
clocks_window_cell(struct ui *ui, const struct ticket *t, time_t now,
                   struct buf *b, enum theme_obj *obj)
{
    int64_t left;

    (void)ui;
    if (!sla_channel_has_window(t->channel))
        return;
    left = sla_window_left(t->channel, t->customer_at, now);
    if (left <= 0) {
        buf_adds(b, "shut");
        *obj = OBJ_SLA_BREACH;
        return;
    }
    clocks_span(left, b);
    *obj = left <= CLOCKS_WARN ? OBJ_SLA_WARN : OBJ_SLA_OK;
}

void
clocks_format(struct ui *ui, const char *zone, time_t t, const char *fmt,
              char *out, size_t n)
{
    const struct tz *z;
    struct tm tm;

    out[0] = '\0';
    if (t == 0)
        return;
    if (zone && *zone && (z = tz_cache_get(&clocks_get(ui)->zones, zone))) {
        tz_format(z, t, fmt, out, n);
        return;
    }
    /* The process's own zone: what localtime_r knows already. */
    if (localtime_r(&t, &tm) == NULL || strftime(out, n, fmt, &tm) == 0)
        out[0] = '\0';
}

/* t in the agent's zone (option timezone; "" = the system's). */
static void
clocks_agent_time(struct ui *ui, time_t t, const char *fmt, char *out,
                  size_t n)
{
    clocks_format(ui, config_str(ui->app->cfg, OPT_TIMEZONE), t, fmt, out, n);
}

/* "Buyer's clock Wed 16:25 (Asia/Tokyo)", "~Thu 09:10 (America/New_York?
 * US has several zones)", with a moon at night. */
static void
clocks_buyer_part(struct ui *ui, const struct ticket *t, time_t now,
                  struct buf *b)
{
    enum buyer_zone_src src;
    const struct tz *z = clocks_buyer_zone(ui, t, &src);
    char when[32];

    if (src == BZ_NONE)
        return;
    if (z == NULL) {
        buf_printf(b, "Buyer's clock unknown (no zone '%s')",
                   t->requester.timezone ? t->requester.timezone : "?");
        return;
    }
    tz_format(z, now, "%a %H:%M", when, sizeof when);
    buf_printf(b, "Buyer's clock %s%s (%s", src == BZ_GUESS ? "~" : "", when,
               tz_name(z));
    if (src == BZ_GUESS)
        buf_printf(b, "? %s has several zones", t->requester.country);
    buf_adds(b, ")");
    if (clocks_is_night(ui, z, now))
        buf_adds(b, " " CLOCKS_NIGHT " night there");
}

/* "SLA due in 45m (Wed 14:05 UTC)" or "SLA overdue 2h30". */
static void
clocks_sla_part(struct ui *ui, const struct ticket *t, time_t now,
                struct buf *b)
{
    char when[40];

    if (t->sla_due == 0)
        return;
    clocks_agent_time(ui, t->sla_due, "%a %H:%M %Z", when, sizeof when);
    buf_adds(b, t->sla_due > now ? "SLA due in " : "SLA overdue ");
    clocks_span((int64_t)(t->sla_due > now ? t->sla_due - now
                                           : now - t->sla_due), b);
    buf_printf(b, " (%s)", when);
}

/* "WhatsApp window 5h12 left" or "LINE window closed 20h ago:
 * approved templates only". */
static void
clocks_window_part(const struct ticket *t, time_t now, struct buf *b)
{
    int64_t left;

    if (!sla_channel_has_window(t->channel))
        return;
    left = sla_window_left(t->channel, t->customer_at, now);
    buf_printf(b, "%s window ", replywin_channel_title(t->channel));
    if (left > 0) {
        clocks_span(left, b);
        buf_adds(b, " left");
        return;
    }
    buf_adds(b, "closed ");
    if (t->customer_at) {
        clocks_span(-left, b);
        buf_adds(b, " ago");
    } else {
        buf_adds(b, "(the buyer never wrote)");
    }
    buf_adds(b, ": approved templates only");
}

int
clocks_header(struct ui *ui, const struct ticket *t, time_t now,
              struct buf *b)
{
    size_t start = b->len;

    clocks_buyer_part(ui, t, now, b);
    if (t->sla_due && b->len > start)
        buf_adds(b, " · ");
    clocks_sla_part(ui, t, now, b);
    if (sla_channel_has_window(t->channel) && b->len > start)
        buf_adds(b, " · ");
    clocks_window_part(t, now, b);
    return b->len > start;
}

/* ---- the timer ---- */

static void
clocks_consider(time_t *next, time_t cand, time_t now)
{
    if (cand > now && (*next == 0 || cand < *next))
        *next = cand;
}

void
clocks_rearm(struct ui *ui)
{
    struct clocks *c = clocks_get(ui);
    time_t now = time_now(), due;
    int64_t ahead[3] = {0, CLOCKS_WARN,
                        config_int(ui->app->cfg, OPT_BREACHING_WITHIN)};
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0;

    c->next = 0;
    c->send_next = 0;
    td_error_clear(&err);
    /* A due time D matters at D (overdue), D - CLOCKS_WARN (the colour)
     * and D - breaching_within (it enters the breaching view), each a
     * second later: the queries compare sla_due < now + ahead. */
    for (size_t i = 0; i < sizeof ahead / sizeof ahead[0]; i++) {
        if (store_sla_next(ui->app->store, now + (time_t)ahead[i], &due,
                           &err) == TD_OK && due)
            clocks_consider(&c->next, due - (time_t)ahead[i] + 1, now);
    }
    if (store_outbox_list(ui->app->store, OB_QUEUED, &items, &n, &err) ==
        TD_OK) {
        for (size_t i = 0; i < n; i++)
            clocks_consider(&c->send_next, items[i].send_at, now);
        outbox_items_free(&items, n);
    }
}

int
clocks_timeout(struct ui *ui, int ms)
{
    struct clocks *c = clocks_get(ui);
    time_t now = time_now();

    for (int i = 0; i < 2; i++) {
        time_t at = i ? c->send_next : c->next;

        if (at == 0)
            continue;
        if (at <= now)
            return 0;
        if ((int64_t)(at - now) * 1000 < ms)
            ms = (int)((at - now) * 1000);
    }
    return ms;
}

/* Whether a queued reply's time has come (at start: one that came
 * while the console was closed). */
static int
clocks_sends_due(struct ui *ui, time_t now)
{
    struct outbox_item *items = NULL;
    struct td_error err;
    size_t n = 0;
    int due = 0;

    if (store_outbox_list(ui->app->store, OB_QUEUED, &items, &n, &err) !=
        TD_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        due |= items[i].send_at != 0 && items[i].send_at <= now;
    outbox_items_free(&items, n);
    return due;
}

void
clocks_tick(struct ui *ui)
{
    struct clocks *c = clocks_get(ui);
    time_t now = time_now();
    long minute = (long)(now / 60);
    int first = c->minute == 0, passed, send;

    passed = c->next != 0 && now >= c->next;
    send = (c->send_next != 0 && now >= c->send_next) ||
           (first && clocks_sends_due(ui, now));
    if (passed) {
        inbox_reload(ui);
        ui_refresh_counts(ui);
    }
    if (send)
        netsync_flush(ui, 0, "scheduled reply sent");
    if (first || passed || send || minute != c->minute) {
        c->minute = minute;
        clocks_rearm(ui);
        /* The header's countdown and the buyer's clock, once a minute. */
        thread_restale(ui);
    }
}

void
clocks_config(struct ui *ui, const char *cmd)
{
    static const char *const cmds[] = { "sla", "hours", "source", "set",
                                        "unset" };
    struct td_error err;
    size_t i;

    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(cmd, cmds[i]) == 0)
            break;
    }
    if (i == sizeof cmds / sizeof cmds[0])
        return;
    td_error_clear(&err);
    /* A no-op unless the policies differ from those the store used. */
    if (store_sla_apply(ui->app->store, ui->app->cfg->sla, &err) != TD_OK)
        ui_error(ui, "SLA: %s", err.msg);
    if (strcmp(inbox_view_name(ui), "breaching") == 0)
        inbox_set_view(ui, "breaching");
    else
        inbox_reload(ui);
    ui_refresh_counts(ui);
    clocks_rearm(ui);
}
