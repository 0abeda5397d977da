/* tvload.c: a template's variables for one ticket, read from the store:
 * the buyer, the order they ask about and its newest parcel. */
#include "store/tvload.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

/* 1 if text mentions the order number num ("#1070", or "1070" standing
 * alone), so that the order the buyer asks about wins over the newest. */
static int
mentions(const char *text, const char *num)
{
    const char *digits = num, *p;
    size_t n;

    if (text == NULL || num == NULL || *num == '\0')
        return 0;
    if (strstr(text, num))
        return 1;
    while (*digits && !isdigit((unsigned char)*digits))
        digits++;
    n = strlen(digits);
    for (p = text; n && (p = strstr(p, digits)) != NULL; p += n)
        if ((p == text || !isdigit((unsigned char)p[-1])) &&
            !isdigit((unsigned char)p[n]))
            return 1;
    return 0;
}

static size_t
pick_order(const struct ticket *t, const struct order *orders, size_t n)
{
    size_t best = 0;

    for (size_t i = 0; i < n; i++) {
        if (mentions(t->subject, orders[i].number))
            return i;
        for (size_t m = 0; m < t->n_messages; m++)
            if (t->messages[m].author == AK_CUSTOMER &&
                mentions(t->messages[m].body, orders[i].number))
                return i;
        if (orders[i].created_at > orders[best].created_at)
            best = i;
    }
    return best;
}

enum td_status
store_template_vars(struct store *s, int64_t id, const char *agent,
                    time_t now, struct tvars *v, struct ticket **out,
                    struct td_error *err)
{
    struct ticket *t = NULL;
    struct order *orders = NULL;
    struct shipment *ships = NULL;
    size_t n_orders = 0, n_ships = 0, o = 0;
    enum td_status rc;

    if (out)
        *out = NULL;
    if ((rc = store_ticket_get(s, id, &t, err)) != TD_OK)
        return rc;
    if ((rc = store_orders_for_ticket(s, id, &orders, &n_orders, err)) !=
        TD_OK)
        goto out;
    if (n_orders) {
        o = pick_order(t, orders, n_orders);
        rc = store_shipments_for_order(s, orders[o].id, &ships, &n_ships,
                                       err);
        if (rc != TD_OK)
            goto out;
    }
    /* The last parcel of the order is the one the buyer waits for. */
    tvars_build(v, t, n_orders ? &orders[o] : NULL,
                n_ships ? &ships[n_ships - 1] : NULL,
                agent && *agent ? agent : NULL, now);
    if (out) {
        *out = t;
        t = NULL;
    }
out:
    shipments_free(&ships, n_ships);
    orders_free(&orders, n_orders);
    ticket_free(&t);
    return rc;
}
