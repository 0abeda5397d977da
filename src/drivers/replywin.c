/* replywin.c: WhatsApp and LINE reply windows: free text inside, templates after. */
#include "drivers/replywin.h"

#include "core/sla.h"
#include "core/template.h"
#include "core/tplmatch.h"
#include "core/tvars.h"
#include "store/store.h"
#include "util/timeutil.h"

const char *
replywin_channel_title(enum channel c)
{
    return c == CH_WHATSAPP ? "WhatsApp" : c == CH_LINE ? "LINE"
                                                         : channel_name(c);
}

void
replywin_approved_names(const char *share_dir, enum channel c, struct buf *b)
{
    struct tpl_library lib = {0};
    size_t n = 0;

    tpl_library_load(&lib, share_dir);
    for (size_t i = 0; i < lib.n; i++) {
        if (template_channel_ok(lib.items[i], c))
            buf_printf(b, "%s%s", n++ ? ", " : "", lib.items[i]->id);
    }
    if (n == 0)
        buf_adds(b, "none; `approved =` in a template marks one");
    tpl_library_free(&lib);
}

/* Whether body is one of the approved templates for t's channel. The
 * first order of the buyer (newest) and its last parcel fill the order
 * and tracking variables, as the picker would. */
static int
replywin_is_template(struct store *st, const char *share_dir,
                     const char *agent, const struct ticket *t,
                     const char *body)
{
    struct tpl_library lib = {0};
    struct order *orders = NULL;
    struct shipment *ships = NULL;
    size_t n_orders = 0, n_ships = 0;
    struct tvars v = {0};
    struct td_error err;
    int ok = 0;

    td_error_clear(&err);
    if (store_orders_for_ticket(st, t->id, &orders, &n_orders, &err) ==
        TD_OK && n_orders)
        (void)store_shipments_for_order(st, orders[0].id, &ships, &n_ships,
                                        &err);
    tvars_build(&v, t, n_orders ? &orders[0] : NULL,
                n_ships ? &ships[n_ships - 1] : NULL,
                agent && *agent ? agent : NULL, time_now());
    tpl_library_load(&lib, share_dir);
    for (size_t i = 0; i < lib.n && !ok; i++) {
        const struct template *tp = lib.items[i];

        if (!template_channel_ok(tp, t->channel))
            continue;
        for (size_t k = 0; k < tp->n_variants && !ok; k++) {
            struct trender r = {0};

            if (trender_run(tp->variants[k].body, &v, tp->variants[k].lang,
                            &r, &err) == TD_OK)
                ok = tplmatch(buf_str(&r.text), body);
            trender_free(&r);
        }
    }
    tpl_library_free(&lib);
    tvars_clear(&v);
    shipments_free(&ships, n_ships);
    orders_free(&orders, n_orders);
    return ok;
}

int
replywin_allowed(struct store *st, const char *share_dir, const char *agent,
                 const struct ticket *t, const char *body, time_t when,
                 struct buf *why)
{
    if (!sla_channel_has_window(t->channel) ||
        sla_window_left(t->channel, t->customer_at, when) > 0 ||
        replywin_is_template(st, share_dir, agent, t, body))
        return 1;
    buf_printf(why, "the %s reply window %s: %s delivers only approved "
               "templates now (approved: ",
               replywin_channel_title(t->channel),
               when > time_now() ? "will be closed by then" : "has closed",
               replywin_channel_title(t->channel));
    replywin_approved_names(share_dir, t->channel, why);
    buf_adds(why, "); an internal note is fine");
    return 0;
}
