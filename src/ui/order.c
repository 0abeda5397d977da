/* order.c: the order panel: orders, items, shipments, checkpoints. */
#include "ui/order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "core/model.h"
#include "store/store.h"
#include "ui/screen.h"
#include "ui/tlines.h"
#include "util/buf.h"
#include "util/xmalloc.h"

struct order_pane {
    int64_t ticket_id;
    struct order *orders;
    size_t n_orders;
    struct shipment **ships;        /* per order */
    size_t *n_ships;
    struct tlines lines;
    int built_cols;
    int top;
};

static void
order_drop(struct order_pane *op)
{
    for (size_t i = 0; i < op->n_orders; i++)
        shipments_free(&op->ships[i], op->n_ships[i]);
    free(op->ships);
    free(op->n_ships);
    orders_free(&op->orders, op->n_orders);
    op->ships = NULL;
    op->n_ships = NULL;
    op->n_orders = 0;
    op->built_cols = 0;
    op->top = 0;
}

void
order_load(struct ui *ui, int64_t id)
{
    struct order_pane *op = ui_priv(ui, PANE_ORDER);
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
        return;
    }
    op->ships = xcalloc(op->n_orders + 1, sizeof *op->ships);
    op->n_ships = xcalloc(op->n_orders + 1, sizeof *op->n_ships);
    for (size_t i = 0; i < op->n_orders; i++) {
        if (store_shipments_for_order(ui->app->store, op->orders[i].id,
                                      &op->ships[i], &op->n_ships[i],
                                      &err) != TD_OK)
            op->n_ships[i] = 0;
    }
}

static void
order_date(time_t t, const char *fmt, char *out, size_t n)
{
    struct tm tm;

    out[0] = '\0';
    if (t != 0 && localtime_r(&t, &tm))
        strftime(out, n, fmt, &tm);
}

static void
order_build(struct order_pane *op, int cols)
{
    struct buf b;
    char date[32];

    tlines_clear(&op->lines);
    op->built_cols = cols;
    if (op->ticket_id == 0) {
        tlines_add(&op->lines, OBJ_ORDER_TEXT, "  No ticket open.");
        return;
    }
    if (op->n_orders == 0) {
        tlines_add(&op->lines, OBJ_ORDER_TEXT,
                   "  No orders in the store for this buyer.");
        return;
    }
    buf_init(&b, 0);
    for (size_t i = 0; i < op->n_orders; i++) {
        const struct order *o = &op->orders[i];

        if (i > 0)
            tlines_add(&op->lines, OBJ_DEFAULT, "");
        order_date(o->created_at, "%Y-%m-%d", date, sizeof date);
        buf_reset(&b);
        buf_printf(&b, "Order %s · %s · %s", o->number ? o->number : "?",
                   date, o->status ? o->status : "-");
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
        for (size_t k = 0; k < op->n_ships[i]; k++) {
            const struct shipment *s = &op->ships[i][k];

            order_date(s->eta, "%Y-%m-%d", date, sizeof date);
            buf_reset(&b);
            buf_printf(&b, "%s %s · %s%s%s", s->carrier ? s->carrier : "?",
                       s->tracking_number ? s->tracking_number : "-",
                       ship_status_name(s->status), *date ? " · ETA " : "",
                       date);
            tlines_add_wrapped(&op->lines, OBJ_ORDER_SHIPMENT, "  ",
                               buf_str(&b), cols);
            for (size_t e = s->n_events; e-- > 0;) {
                const struct shipment_event *ev = &s->events[e];

                order_date(ev->time, "%m-%d %H:%M", date, sizeof date);
                buf_reset(&b);
                buf_printf(&b, "%s %s%s%s", date,
                           ev->location ? ev->location : "",
                           ev->location ? ": " : "",
                           ev->description ? ev->description
                           : ship_status_name(ev->status));
                tlines_add_wrapped(&op->lines, OBJ_ORDER_TEXT, "    ",
                                   buf_str(&b), cols);
            }
        }
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
    char right[32];

    if (op->built_cols != p->cols || op->lines.pii != screen_pii(ui)) {
        op->lines.pii = screen_pii(ui);
        order_build(op, p->cols);
    }
    if (op->top > (int)op->lines.n - h)
        op->top = (int)op->lines.n - h;
    if (op->top < 0)
        op->top = 0;
    snprintf(right, sizeof right, "%zu order%s ", op->n_orders,
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
