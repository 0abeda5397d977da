/* order.c: the order panel: orders, items, parcels, checkpoints, the
 * return window, and the lookups that keep them fresh. */
#include "ui/order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "commerce/lookup.h"
#include "config/config.h"
#include "core/model.h"
#include "core/parcel.h"
#include "core/returns.h"
#include "core/tlocale.h"
#include "store/commerce.h"
#include "store/store.h"
#include "ui/clipboard.h"
#include "ui/screen.h"
#include "ui/tlines.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#define DAY_S 86400

struct order_pane {
    int64_t ticket_id;
    struct order *orders;
    size_t n_orders;
    struct shipment **ships;        /* per order */
    size_t *n_ships;
    struct shipment *loose;         /* parcels of no stored order */
    size_t n_loose;
    struct cache_summary cache;
    size_t sel;                     /* the order the agent picked */
    size_t *sel_line;               /* each order's first line */
    int refreshing;                 /* lookups in flight for this ticket */
    struct tlines lines;
    int built_cols;
    int top;
};

static struct order_pane *
order_get(struct ui *ui)
{
    return ui_priv(ui, PANE_ORDER);
}

static void
order_drop(struct order_pane *op)
{
    for (size_t i = 0; i < op->n_orders; i++)
        shipments_free(&op->ships[i], op->n_ships[i]);
    free(op->ships);
    free(op->n_ships);
    free(op->sel_line);
    orders_free(&op->orders, op->n_orders);
    shipments_free(&op->loose, op->n_loose);
    cache_summary_clear(&op->cache);
    op->ships = NULL;
    op->n_ships = NULL;
    op->sel_line = NULL;
    op->n_orders = 0;
    op->n_loose = 0;
    op->built_cols = 0;
}

/* Read what the store has for the ticket. */
static void
order_read(struct ui *ui, struct order_pane *op, int64_t id)
{
    struct td_error err;

    order_drop(op);
    op->ticket_id = id;
    if (id == 0)
        return;
    td_error_clear(&err);
    if (store_orders_for_ticket(ui->app->store, id, &op->orders,
                                &op->n_orders, &err) != TD_OK) {
        ui_error(ui, "orders: %s", err.msg);
        op->n_orders = 0;
    }
    op->ships = xcalloc(op->n_orders + 1, sizeof *op->ships);
    op->n_ships = xcalloc(op->n_orders + 1, sizeof *op->n_ships);
    op->sel_line = xcalloc(op->n_orders + 1, sizeof *op->sel_line);
    for (size_t i = 0; i < op->n_orders; i++) {
        if (store_shipments_for_order(ui->app->store, op->orders[i].id,
                                      &op->ships[i], &op->n_ships[i],
                                      &err) != TD_OK)
            op->n_ships[i] = 0;
    }
    if (store_ticket_loose_shipments(ui->app->store, id, &op->loose,
                                     &op->n_loose, &err) != TD_OK)
        op->n_loose = 0;
    (void)store_cache_summary(ui->app->store, id, &op->cache, &err);
    if (op->sel >= op->n_orders)
        op->sel = 0;
}

/* One refresh for one ticket: the panel may show another by its end. */
struct order_refresh {
    struct ui *ui;
    int64_t ticket_id;
    int force;
};

static void
order_refresh_done(void *ctx, const struct lookup_result *r)
{
    struct order_refresh *rf = ctx;
    struct ui *ui = rf->ui;
    struct order_pane *op = order_get(ui);

    if (op->ticket_id == rf->ticket_id) {
        if (op->refreshing > 0)
            op->refreshing--;
        order_read(ui, op, op->ticket_id);
        if (r->failed)
            ui_error(ui, "orders: %s", r->error);
        else if (rf->force)
            ui_message(ui, "orders: %zu lookup%s, %zu order%s, %zu parcel "
                       "update%s", r->asked, r->asked == 1 ? "" : "s",
                       r->orders, r->orders == 1 ? "" : "s", r->parcels,
                       r->parcels == 1 ? "" : "s");
    }
    free(rf);
}

/* Ask the shops and trackers (in the poll loop; the panel shows the
 * store meanwhile). Stale entries only, unless force. */
static void
order_refresh(struct ui *ui, int force)
{
    struct order_pane *op = order_get(ui);
    struct order_refresh *rf;
    struct td_error err;

    if (op->ticket_id == 0 || ui->app->n_sources == 0) {
        if (force)
            ui_message(ui, "orders: no shop or tracker is configured (shop "
                       "and tracker lines, ttydeskrc(5)); the orders shown "
                       "come from the helpdesk");
        return;
    }
    rf = xcalloc(1, sizeof *rf);
    rf->ui = ui;
    rf->ticket_id = op->ticket_id;
    rf->force = force;
    op->refreshing++;
    td_error_clear(&err);
    if (commerce_refresh_start(ui->app->sources, ui->app->n_sources,
                               ui->app->store, op->ticket_id, force,
                               order_refresh_done, rf, &err) != TD_OK) {
        op->refreshing--;
        free(rf);
        ui_error(ui, "orders: %s", err.msg);
    }
}

void
order_load(struct ui *ui, int64_t id)
{
    struct order_pane *op = order_get(ui);

    if (op->ticket_id != id) {
        op->sel = 0;
        op->top = 0;
        op->refreshing = 0;
    }
    order_read(ui, op, id);
    if (id != 0)
        order_refresh(ui, 0);
}

static void
order_date(time_t t, const char *fmt, char *out, size_t n)
{
    struct tm tm;

    out[0] = '\0';
    if (t != 0 && localtime_r(&t, &tm))
        strftime(out, n, fmt, &tm);
}

/* How fresh the panel is, and what failed: first, so it is seen. */
static void
order_build_source(struct order_pane *op, int cols, time_t now,
                   struct buf *b)
{
    char span[32];

    if (op->refreshing) {
        tlines_add(&op->lines, OBJ_ORDER_TEXT, "  looking up...");
    } else if (op->cache.oldest) {
        time_format_span((int64_t)(now - op->cache.oldest), span,
                         sizeof span);
        buf_reset(b);
        buf_printf(b, "  looked up %s ago (R refreshes)", span);
        tlines_add(&op->lines, OBJ_ORDER_TEXT, buf_str(b));
    }
    if (op->cache.error) {
        buf_reset(b);
        buf_printf(b, "lookup failed: %s", op->cache.error);
        tlines_add_wrapped(&op->lines, OBJ_SLA_BREACH, "  ", buf_str(b),
                           cols);
    }
}

static void
order_build_parcel(struct ui *ui, struct order_pane *op,
                   const struct shipment *s, int cols, time_t now,
                   struct buf *b)
{
    struct parcel_facts pf;
    char date[32];

    parcel_facts(s, now, (int)config_int(ui->app->cfg, OPT_STUCK_DAYS), &pf);
    order_date(s->eta, "%Y-%m-%d", date, sizeof date);
    buf_reset(b);
    buf_printf(b, "%s %s · %s%s%s", s->carrier ? s->carrier : "?",
               s->tracking_number ? s->tracking_number : "-",
               ship_status_name(s->status), *date ? " · ETA " : "", date);
    if (pf.days_in_transit >= 0)
        buf_printf(b, " · %d day%s %s", pf.days_in_transit,
                   pf.days_in_transit == 1 ? "" : "s",
                   pf.delivered_at ? "to deliver" : "in transit");
    tlines_add_wrapped(&op->lines, OBJ_ORDER_SHIPMENT, "  ", buf_str(b),
                       cols);
    if (pf.stuck_days) {
        buf_reset(b);
        buf_printf(b, "STUCK: no new checkpoint for %d days", pf.stuck_days);
        tlines_add_wrapped(&op->lines, OBJ_SLA_BREACH, "  ", buf_str(b),
                           cols);
    }
    for (size_t e = s->n_events; e-- > 0;) {
        const struct shipment_event *ev = &s->events[e];

        order_date(ev->time, "%m-%d %H:%M", date, sizeof date);
        buf_reset(b);
        buf_printf(b, "%s %s%s%s", date, ev->location ? ev->location : "",
                   ev->location ? ": " : "",
                   ev->description ? ev->description
                                   : ship_status_name(ev->status));
        tlines_add_wrapped(&op->lines, OBJ_ORDER_TEXT, "    ", buf_str(b),
                           cols);
    }
}

/* The return window of a delivered (or any) order, by the buyer's
 * country and the rules file. */
static void
order_build_return(struct ui *ui, struct order_pane *op, size_t i, int cols,
                   time_t now, struct buf *b)
{
    const struct order *o = &op->orders[i];
    struct return_window w;
    struct parcel_facts pf;
    time_t delivered = 0;
    char date[32];
    long left;

    for (size_t k = 0; k < op->n_ships[i]; k++) {
        parcel_facts(&op->ships[i][k], now, 0, &pf);
        if (pf.delivered_at > delivered)
            delivered = pf.delivered_at;
    }
    returns_window(ui->app->returns, o->ship_country,
                   (int)config_int(ui->app->cfg, OPT_RETURN_DAYS), delivered,
                   o->created_at, &w);
    buf_reset(b);
    if (w.deadline == 0) {
        buf_printf(b, "return: %d days from %s", w.days,
                   w.from_order ? "the order" : "delivery");
    } else {
        order_date(w.deadline, "%Y-%m-%d", date, sizeof date);
        left = (long)((w.deadline - now) / DAY_S);
        if (w.deadline >= now)
            buf_printf(b, "return by %s · %ld day%s left (%d days)", date,
                       left, left == 1 ? "" : "s", w.days);
        else
            buf_printf(b, "return window closed %s (%d days)", date, w.days);
    }
    if (w.why)
        buf_printf(b, " · %s", w.why);
    tlines_add_wrapped(&op->lines,
                       w.deadline && w.deadline < now + 3 * DAY_S
                           ? OBJ_SLA_WARN : OBJ_ORDER_TEXT,
                       "  ", buf_str(b), cols);
}

static void
order_build(struct ui *ui, struct order_pane *op, int cols)
{
    struct buf b;
    char date[32];
    time_t now = time_now();

    tlines_clear(&op->lines);
    op->built_cols = cols;
    if (op->ticket_id == 0) {
        tlines_add(&op->lines, OBJ_ORDER_TEXT, "  No ticket open.");
        return;
    }
    buf_init(&b, 0);
    order_build_source(op, cols, now, &b);
    if (op->n_orders == 0 && op->n_loose == 0)
        tlines_add(&op->lines, OBJ_ORDER_TEXT,
                   "  No orders in the store for this buyer (:order-link "
                   "NUMBER links one).");
    for (size_t i = 0; i < op->n_orders; i++) {
        const struct order *o = &op->orders[i];

        if (i > 0 || op->lines.n > 0)
            tlines_add(&op->lines, OBJ_DEFAULT, "");
        op->sel_line[i] = op->lines.n;
        order_date(o->created_at, "%Y-%m-%d", date, sizeof date);
        buf_reset(&b);
        buf_printf(&b, "%sOrder %s · %s · %s",
                   op->n_orders > 1 ? (i == op->sel ? "▶ " : "  ") : "",
                   o->number ? o->number : "?", date,
                   o->status ? o->status : "-");
        tlines_add_wrapped(&op->lines, OBJ_ORDER_HEADER, "", buf_str(&b),
                           cols);
        buf_reset(&b);
        buf_printf(&b, "payment %s · fulfilment %s · %s %s · ship to %s%s%s",
                   o->financial_status ? o->financial_status : "-",
                   o->fulfillment_status ? o->fulfillment_status : "-",
                   o->total ? o->total : "?", o->currency ? o->currency : "",
                   o->ship_country ? o->ship_country : "-",
                   o->ship_city ? " " : "", o->ship_city ? o->ship_city : "");
        tlines_add_wrapped(&op->lines, OBJ_ORDER_TEXT, "  ", buf_str(&b),
                           cols);
        for (size_t k = 0; k < o->n_items; k++) {
            const struct order_item *it = &o->items[k];

            buf_reset(&b);
            buf_printf(&b, "%d × %s %s%s%s", it->quantity,
                       it->sku ? it->sku : "-", it->name ? it->name : "",
                       it->price ? " · " : "", it->price ? it->price : "");
            tlines_add_wrapped(&op->lines, OBJ_ORDER_TEXT, "  ",
                               buf_str(&b), cols);
        }
        for (size_t k = 0; k < op->n_ships[i]; k++)
            order_build_parcel(ui, op, &op->ships[i][k], cols, now, &b);
        order_build_return(ui, op, i, cols, now, &b);
    }
    if (op->n_loose) {
        tlines_add(&op->lines, OBJ_DEFAULT, "");
        tlines_add(&op->lines, OBJ_ORDER_HEADER, "Parcels the buyer mentions");
        for (size_t k = 0; k < op->n_loose; k++)
            order_build_parcel(ui, op, &op->loose[k], cols, now, &b);
    }
    buf_free(&b);
}

static int
order_rows(struct pane *p)
{
    return p->rows > 1 ? p->rows - 1 : 1;
}

static void
order_draw(struct ui *ui, struct pane *p)
{
    struct order_pane *op = p->priv;
    int h = order_rows(p);
    char right[48];

    if (op->built_cols != p->cols || op->lines.pii != screen_pii(ui)) {
        op->lines.pii = screen_pii(ui);
        order_build(ui, op, p->cols);
    }
    if (op->top > (int)op->lines.n - h)
        op->top = (int)op->lines.n - h;
    if (op->top < 0)
        op->top = 0;
    snprintf(right, sizeof right, "%s%zu order%s ",
             op->refreshing ? "looking up · " : "", op->n_orders,
             op->n_orders == 1 ? "" : "s");
    screen_title(ui, p, " Orders and shipping", right);
    for (int r = 0; r < h; r++) {
        size_t i = (size_t)(op->top + r);

        if (i < op->lines.n)
            screen_put(ui, p->win, r + 1, 0, p->cols, op->lines.v[i].text,
                       (enum theme_obj)op->lines.v[i].obj, 1);
        else
            screen_put(ui, p->win, r + 1, 0, p->cols, "", OBJ_DEFAULT, 1);
    }
}

static void
order_move(struct ui *ui, struct pane *p, enum move_how how, int n)
{
    struct order_pane *op = p->priv;
    int h = order_rows(p);

    (void)ui;
    switch (how) {
    case MOVE_LINE:
        op->top += n;
        break;
    case MOVE_PAGE:
    case MOVE_HALF:
        op->top += n * (how == MOVE_PAGE ? h : h / 2 + 1);
        break;
    case MOVE_TOP:
        op->top = 0;
        break;
    case MOVE_BOTTOM:
        op->top = (int)op->lines.n;
        break;
    }
}

static void
order_pick(struct ui *ui, int dir)
{
    struct order_pane *op = order_get(ui);

    if (op->n_orders < 2) {
        ui_message(ui, "%s", op->n_orders ? "one order" : "no orders");
        return;
    }
    op->sel = (op->sel + op->n_orders + (size_t)(dir > 0 ? 1 : -1)) %
              op->n_orders;
    op->built_cols = 0;
    order_build(ui, op, ui->panes[PANE_ORDER].cols);
    op->top = (int)op->sel_line[op->sel];
    ui_message(ui, "order %s (%zu of %zu)",
               op->orders[op->sel].number ? op->orders[op->sel].number : "?",
               op->sel + 1, op->n_orders);
}

void
order_act_next(struct ui *ui)
{
    order_pick(ui, 1);
}

void
order_act_prev(struct ui *ui)
{
    order_pick(ui, -1);
}

void
order_act_refresh(struct ui *ui)
{
    struct order_pane *op = order_get(ui);

    if (op->ticket_id == 0) {
        ui_error(ui, "no ticket open");
        return;
    }
    order_refresh(ui, 1);
    op->built_cols = 0;
}

/* The parcel the agent means: the picked order's newest one, else one
 * the buyer mentioned. */
static const struct shipment *
order_current_parcel(struct order_pane *op)
{
    if (op->n_orders && op->n_ships[op->sel])
        return &op->ships[op->sel][op->n_ships[op->sel] - 1];
    for (size_t i = 0; i < op->n_orders; i++)
        if (op->n_ships[i])
            return &op->ships[i][op->n_ships[i] - 1];
    return op->n_loose ? &op->loose[0] : NULL;
}

void
order_act_copy_tracking(struct ui *ui)
{
    struct order_pane *op = order_get(ui);
    const struct shipment *s = order_current_parcel(op);
    char *url;

    if (s == NULL || s->tracking_number == NULL) {
        ui_error(ui, "no tracking number for this ticket");
        return;
    }
    url = tlocale_tracking_url(s->carrier, s->tracking_number);
    if (url == NULL)    /* a carrier without a page of its own */
        url = xasprintf("https://t.17track.net/en#nums=%s",
                        s->tracking_number);
    if (clipboard_copy(url) == 0)
        ui_message(ui, "copied %s", url);
    else
        ui_error(ui, "copy: the clipboard is not reachable");
    free(url);
}

/* Whether the panel shows an order numbered number ("1189", "#1189"). */
static int
order_has_number(const struct order_pane *op, const char *number)
{
    const char *want = number + (*number == '#');

    for (size_t i = 0; i < op->n_orders; i++) {
        const char *num = op->orders[i].number;

        if (num && strcasecmp(num + (*num == '#'), want) == 0)
            return 1;
    }
    return 0;
}

int
order_link(struct ui *ui, const char *number, int link)
{
    struct order_pane *op = order_get(ui);
    struct td_error err;

    if (op->ticket_id == 0) {
        ui_error(ui, "no ticket open");
        return -1;
    }
    td_error_clear(&err);
    if (store_ticket_link(ui->app->store, op->ticket_id, number, link,
                          &err) != TD_OK) {
        ui_error(ui, "%s: %s", link ? "order-link" : "order-unlink",
                 err.msg);
        return -1;
    }
    order_read(ui, op, op->ticket_id);
    if (link && ui->app->n_sources == 0 && !order_has_number(op, number))
        ui_message(ui, "order %s linked, but no order with that number is "
                   "in the store and no shop is configured to look it up",
                   number);
    else
        ui_message(ui, "order %s %s", number, link ? "linked" : "unlinked");
    /* A new number is not in the cache: a plain refresh asks for it. */
    if (link)
        order_refresh(ui, 0);
    return 0;
}

static void
order_init(struct ui *ui, struct pane *p)
{
    (void)ui;
    (void)p;
}

static void
order_fini(struct ui *ui, struct pane *p)
{
    struct order_pane *op = p->priv;

    (void)ui;
    order_drop(op);
    tlines_clear(&op->lines);
}

const struct pane_ops order_ops = {
    .name = "order",
    .priv_size = sizeof(struct order_pane),
    .init = order_init,
    .fini = order_fini,
    .draw = order_draw,
    .step = order_move,
    .input = NULL,
};
