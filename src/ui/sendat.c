/* sendat.c: when `:send-at morning` is, in the buyer's zone, and queueing for then. */
#include "ui/sendat.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config/config.h"
#include "core/buyertime.h"
#include "core/query.h"
#include "store/store.h"
#include "ui/clocks.h"
#include "ui/editor.h"
#include "util/timeutil.h"

/* The buyer's zone or a reason why there is none. */
static const struct tz *
sendat_zone(struct ui *ui, const struct ticket *t, struct buf *why)
{
    enum buyer_zone_src src;
    const struct tz *z = clocks_buyer_zone(ui, t, &src);

    if (z == NULL)
        buf_printf(why, "the buyer's time zone is unknown (%s); give "
                   "+DURATION or an ISO time instead",
                   src == BZ_NONE ? "no zone and no known country"
                                  : "the backend's zone is not installed");
    return z;
}

time_t
sendat_parse(struct ui *ui, const struct ticket *t, const char *text,
             time_t now, struct buf *why)
{
    const struct tz *z;
    time_t at = 0;
    int minute = strcmp(text, "morning") == 0
                 ? buyertime_parse_clock(config_str(ui->app->cfg, OPT_MORNING))
                 : buyertime_parse_clock(text);

    if (minute >= 0) {
        if ((z = sendat_zone(ui, t, why)) == NULL)
            return 0;
        return buyertime_next(z, now, minute);
    }
    if (text[0] == '+') {
        int64_t secs = query_parse_duration(text + 1);

        if (secs <= 0) {
            buf_printf(why, "'%s' is not a duration (+30m, +2h, +1d)", text);
            return 0;
        }
        return now + (time_t)secs;
    }
    if (time_parse_iso(text, &at) != 0) {
        buf_printf(why, "'%s': expected morning, HH:MM, +DURATION or an ISO "
                   "time (2026-11-26T09:00+09:00)", text);
        return 0;
    }
    if (at <= now) {
        buf_printf(why, "%s is in the past", text);
        return 0;
    }
    return at;
}

void
sendat_cmd(struct ui *ui, int argc, char **argv)
{
    int64_t id = editor_ticket_id(ui);
    struct ticket *t = NULL;
    struct td_error err;
    struct buf why;
    time_t at;

    (void)argc;
    if (id == 0)
        id = ui->ticket_id;
    td_error_clear(&err);
    if (id == 0 || store_ticket_get(ui->app->store, id, &t, &err) != TD_OK) {
        ui_error(ui, "send-at: open a ticket and write a reply first");
        return;
    }
    buf_init(&why, 0);
    if ((at = sendat_parse(ui, t, argv[1], time_now(), &why)) == 0)
        ui_error(ui, "send-at: %s", buf_str(&why));
    else {
        editor_set_ticket(ui, id);
        editor_send_at(ui, at);
    }
    buf_free(&why);
    ticket_free(&t);
}
