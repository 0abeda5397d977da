/* tvload.c: build a ticket's template values from what the store holds. */
#include "store/tvload.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

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
tvload_ticket(struct store *st, int64_t id, const char *agent,
              struct tvars *v, enum channel *ch, char **lang,
              struct td_error *err)
{
    struct ticket *t = NULL;
    struct order *orders = NULL;
    struct shipment *ships = NULL;
    size_t n_orders = 0, n_ships = 0, o = 0;
    enum td_status rc;

    if ((rc = store_ticket_get(st, id, &t, err)) != TD_OK)
        return rc;
    if ((rc = store_orders_for_ticket(st, id, &orders, &n_orders,
                                      err)) != TD_OK)
        goto out;
    if (n_orders) {
        o = pick_order(t, orders, n_orders);
        rc = store_shipments_for_order(st, orders[o].id, &ships, &n_ships,
                                       err);
        if (rc != TD_OK)
            goto out;
    }
    /* The last parcel of the order is the one the buyer waits for. */
    tvars_build(v, t, n_orders ? &orders[o] : NULL,
                n_ships ? &ships[n_ships - 1] : NULL,
                agent && *agent ? agent : NULL, time_now());
    if (ch)
        *ch = t->channel;
    if (lang)
        *lang = t->language ? xstrdup(t->language) : NULL;
out:
    shipments_free(&ships, n_ships);
    orders_free(&orders, n_orders);
    ticket_free(&t);
    return rc;
}

enum td_status
tvload_render(struct store *st, int64_t id, const struct template *t,
              const char *agent, const char *want, const char *default_lang,
              char *const *vars, size_t n_vars, struct tpl_result *out,
              enum channel *ch, struct td_error *err)
{
    struct tvars v = { 0 };
    char *lang = NULL;
    enum td_status rc;

    memset(out, 0, sizeof *out);
    if ((rc = tvload_ticket(st, id, agent, &v, ch, &lang, err)) != TD_OK)
        goto out;
    for (size_t i = 0; i < n_vars; i++)
        (void)tvars_set(&v, vars[i]);
    /* An explicit language wins over the ticket's. */
    rc = template_render(t, &v, want && *want ? want : lang, default_lang,
                         out, err);
out:
    free(lang);
    tvars_clear(&v);
    return rc;
}

enum td_status
store_template_vars(struct store *s, int64_t id, const char *agent,
                    struct tvars *v, struct ticket **t, struct td_error *err)
{
    enum td_status rc;

    if (t)
        *t = NULL;
    if ((rc = tvload_ticket(s, id, agent, v, NULL, NULL, err)) != TD_OK)
        return rc;
    return t ? store_ticket_get(s, id, t, err) : TD_OK;
}
