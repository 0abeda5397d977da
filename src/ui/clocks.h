/* clocks.h: the console's clocks: SLA countdown, the buyer's time, reply windows. */
#ifndef TD_CLOCKS_H
#define TD_CLOCKS_H

#include <time.h>

#include "core/buyertime.h"
#include "core/model.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/tz.h"

/* What the console remembers between wakes (in struct ui). */
struct clocks {
    struct tz_cache zones;      /* buyers' and the agent's zones */
    time_t next;                /* the next SLA or send-at boundary, 0 none */
    time_t send_next;           /* the next scheduled reply, 0 none */
    long minute;                /* the minute of the last tick */
};

/* NULL-safe; clears the pointer. ui->clocks is made on first use. */
void clocks_free(struct clocks **c);

/* Inbox cells. The SLA countdown ("-12m", "45m", "4h05", "3d") with its
 * colour; the buyer's local time ("02:10", "~09:10" for a guessed zone,
 * a moon at night); a WhatsApp/LINE reply window's time left. */
void clocks_sla_cell(struct ui *ui, const struct ticket *t, time_t now,
                     struct buf *b, enum theme_obj *obj);
void clocks_local_cell(struct ui *ui, const struct ticket *t, time_t now,
                       struct buf *b, enum theme_obj *obj);
void clocks_window_cell(struct ui *ui, const struct ticket *t, time_t now,
                        struct buf *b, enum theme_obj *obj);

/* strftime of t in the IANA zone (NULL, "" or unknown: the system's
 * zone) into out; "" for t == 0. No setenv("TZ"): zones are cached. */
void clocks_format(struct ui *ui, const char *zone, time_t t,
                   const char *fmt, char *out, size_t n);

/* The buyer's zone for t (borrowed from the cache), NULL when unknown;
 * *src says whether it is the backend's, the country's or a guess. */
const struct tz *clocks_buyer_zone(struct ui *ui, const struct ticket *t,
                                   enum buyer_zone_src *src);

/* The thread header's clock line: the buyer's time, the SLA due time
 * and the reply window, as far as they apply; 0 (nothing appended)
 * when none does. */
int clocks_header(struct ui *ui, const struct ticket *t, time_t now,
                  struct buf *b);
/* The poll timeout, shortened to the next boundary: a countdown's
 * minute, a due time passing (a row turns red, enters the breaching
 * view) or a scheduled reply falling due. */
int clocks_timeout(struct ui *ui, int ms);
/* After every wake: when a boundary has passed, the inbox is queried
 * again and the counts refreshed; scheduled replies that fell due are
 * sent. Between boundaries nothing is queried: the frame redraws the
 * countdowns and curses sends only the cells that changed. */
void clocks_tick(struct ui *ui);
/* After the config line cmd ran at the prompt: new SLA policies (sla,
 * hours, source) are applied to every ticket, a new breaching_within
 * redraws the breaching view, and the timer is set again. */
void clocks_config(struct ui *ui, const char *cmd);
/* Work out the next boundary again (after a sync or a send). */
void clocks_rearm(struct ui *ui);

#endif
