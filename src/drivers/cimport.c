/* cimport.c: fetch an account's canned replies and import each one. */
#include "drivers/cimport.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "drivers/driver.h"
#include "net/html.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Freshdesk and Zendesk may hand out HTML: the library holds text. */
static int
looks_html(const char *s)
{
    static const char *const tags[] = { "<p>", "<p ", "<br", "<div",
                                        "</p>", "<ul", "<strong" };

    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        if (strcasestr(s, tags[i]))
            return 1;
    return 0;
}

static void
report_add(struct cimport_report *rep, const char *origin, const char *title,
           const char *id, enum timport_action act,
           const struct trender_list *unknown)
{
    struct cimport_line *l;
    struct buf b;

    rep->v = xreallocarray(rep->v, rep->n + 1, sizeof *rep->v);
    l = &rep->v[rep->n++];
    l->origin = xstrdup(origin);
    l->title = xstrdup(title ? title : "");
    l->id = id ? xstrdup(id) : NULL;
    l->act = act;
    l->unknown = NULL;
    if (unknown && unknown->n) {
        buf_init(&b, 0);
        for (size_t i = 0; i < unknown->n; i++)
            (void)buf_printf(&b, "%s?%s", i ? ", " : "", unknown->v[i]);
        l->unknown = buf_detach(&b);
    }
    switch (act) {
    case TIMPORT_NEW:
        rep->n_new++;
        break;
    case TIMPORT_UPDATED:
        rep->n_updated++;
        break;
    case TIMPORT_SAME:
        rep->n_same++;
        break;
    case TIMPORT_KEPT:
        rep->n_kept++;
        break;
    case TIMPORT_SKIPPED:
        rep->n_skipped++;
        break;
    }
}

enum td_status
cimport_run(struct account *a, const struct tpl_library *lib,
            const char *dir, const char *lang, int dry_run,
            struct cimport_report *rep, struct td_error *err)
{
    struct canned_list cl = { 0 };
    struct tpl_library work = { 0 };
    enum td_status rc;

    memset(rep, 0, sizeof *rep);
    if ((rc = drv_list_canned(a, &cl, err)) != TD_OK)
        goto out;
    /* New files join the names to avoid as they are written. */
    work = *lib;
    for (size_t i = 0; i < cl.n; i++) {
        const struct canned *c = &cl.v[i];
        struct trender_list unknown = { 0 };
        struct buf conv;
        char *text = NULL, *origin, *id = NULL;
        enum timport_action act;
        struct timport_item it;

        if (c->id == NULL)
            continue;
        if (c->body && looks_html(c->body) &&
            html_to_text(c->body, strlen(c->body), &text, err) != TD_OK)
            text = NULL;
        buf_init(&conv, 0);
        timport_convert(a->drv->name, text ? text : c->body ? c->body : "",
                        &conv, &unknown);
        origin = xasprintf("%s:%s:%s", a->drv->name, a->name, c->id);
        it = (struct timport_item){
            .origin = origin,
            .driver = a->drv->name,
            .title = c->title,
            .folder = c->folder,
            .lang = lang && *lang ? lang : "en",
            .body = buf_str(&conv),
        };
        rc = timport_write(&work, dir, &it, dry_run, &act, &id, err);
        if (rc == TD_OK) {
            report_add(rep, origin, c->title, id, act, &unknown);
            /* A dry run's new names must stay unique too. */
            if (act == TIMPORT_NEW && id) {
                struct template *t = xcalloc(1, sizeof *t);

                t->id = xstrdup(id);
                t->path = xstrdup("");
                t->name = xstrdup(id);
                t->origin = xstrdup(origin);
                t->status = -1;
                if (work.items == lib->items) {
                    work.items = xcalloc(lib->n + 1, sizeof *work.items);
                    if (lib->n > 0)
                        memcpy(work.items, lib->items,
                               lib->n * sizeof *work.items);
                } else {
                    work.items = xreallocarray(work.items, work.n + 1,
                                               sizeof *work.items);
                }
                work.items[work.n++] = t;
            }
        }
        free(id);
        free(origin);
        free(text);
        buf_free(&conv);
        trender_list_free(&unknown);
        if (rc != TD_OK)
            break;
    }
out:
    /* Free only what this run added to the borrowed library. */
    if (work.items && work.items != lib->items) {
        for (size_t i = lib->n; i < work.n; i++)
            template_free(&work.items[i]);
        free(work.items);
    }
    canned_list_clear(&cl);
    return rc;
}

void
cimport_report_free(struct cimport_report *rep)
{
    for (size_t i = 0; i < rep->n; i++) {
        free(rep->v[i].origin);
        free(rep->v[i].title);
        free(rep->v[i].id);
        free(rep->v[i].unknown);
    }
    free(rep->v);
    memset(rep, 0, sizeof *rep);
}
