/* suggest.c: the suggested reply of the editor pane: the template that
 * fits the ticket's intent, in the buyer's language, filled in. */
#include "ui/suggest.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config/config.h"
#include "core/intent.h"
#include "store/tvload.h"
#include "ui/editor.h"
#include "ui/screen.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Below this intent confidence nothing is suggested. */
#define SUGGEST_MIN_CONF 0.3

static void
suggest_clear(struct suggest *sg)
{
    free(sg->template_id);
    free(sg->title);
    free(sg->text);
    free(sg->note);
    sg->template_id = sg->title = sg->text = sg->note = NULL;
    sg->ticket_id = 0;
    sg->status = -1;
}

void
suggest_free(struct suggest *sg)
{
    suggest_clear(sg);
    if (sg->lib_loaded)
        tpl_library_free(&sg->lib);
    sg->lib_loaded = 0;
}

/* The first public template, in id order, whose "intent =" word names
 * label (the full name or a word intent_label_parse knows: "wismo"). */
static const struct template *
suggest_template(const struct tpl_library *lib, int label)
{
    for (size_t i = 0; i < lib->n; i++) {
        const struct template *t = lib->items[i];

        if (!t->is_note && t->intent && intent_label_parse(t->intent) == label)
            return t;
    }
    return NULL;
}

/* "needs: order.number, ?refund_amount" for what is still open. */
static char *
suggest_note(const struct trender *r)
{
    struct buf b;

    if (r->missing.n == 0 && r->inputs.n == 0)
        return NULL;
    buf_init(&b, 0);
    buf_adds(&b, "fill in: ");
    for (size_t i = 0; i < r->missing.n; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", r->missing.v[i]);
    for (size_t i = 0; i < r->inputs.n; i++)
        buf_printf(&b, "%s?%s", i || r->missing.n ? ", " : "",
                   r->inputs.v[i]);
    return buf_detach(&b);
}

void
suggest_load(struct ui *ui, struct suggest *sg, int64_t id)
{
    const char *agent = config_str(ui->app->cfg, OPT_AGENT_NAME);
    const struct template *tpl;
    struct tvars v = { 0 };
    struct ticket *t = NULL;
    struct tpl_result r;
    struct td_error err;
    enum td_status rc;
    int label;

    suggest_clear(sg);
    if (id == 0)
        return;
    td_error_clear(&err);
    if (!sg->lib_loaded) {
        tpl_library_load(&sg->lib, ui->app->share_dir);
        sg->lib_loaded = 1;
    }
    if (store_template_vars(ui->app->store, id, agent, &v, &t,
                            &err) != TD_OK)
        goto out;
    /* thanks_other at 0.2 is "nothing recognised": no thank-you note for
     * a message nobody could read. */
    if (t->intent == NULL || t->intent_conf < SUGGEST_MIN_CONF ||
        (label = intent_label_parse(t->intent)) < 0 ||
        (tpl = suggest_template(&sg->lib, label)) == NULL)
        goto out;
    rc = template_render(tpl, &v, t->language,
                         config_str(ui->app->cfg, OPT_DEFAULT_LANGUAGE), &r,
                         &err);
    if (rc != TD_OK && rc != TD_EINVAL)
        goto out;           /* a broken template suggests nothing */
    sg->ticket_id = id;
    sg->template_id = xstrdup(tpl->id);
    sg->title = xasprintf("%s [%s]%s", tpl->name, r.variant->lang,
                          t->intent_conf < 0.5 ? " (unsure)" : "");
    sg->text = xstrdup(buf_str(&r.r.text));
    sg->note = suggest_note(&r.r);
    sg->status = tpl->status;
    tpl_result_free(&r);
out:
    tvars_clear(&v);
    ticket_free(&t);
}
