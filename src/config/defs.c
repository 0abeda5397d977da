/* defs.c: storing definitions so that the latest of each name wins. */
#include "config/defs.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Remove element i of an array of n elements of size sz, keeping order. */
static void
array_remove(void *base, size_t *n, size_t sz, size_t i)
{
    char *p = base;

    memmove(p + i * sz, p + (i + 1) * sz, (*n - i - 1) * sz);
    (*n)--;
}

void
defs_account_clear(struct account_def *a)
{
    size_t i;

    for (i = 0; i < a->n_opts; i++) {
        free(a->opts[i].key);
        free(a->opts[i].value);
    }
    free(a->opts);
    free(a->kind);
    free(a->name);
    free(a->driver);
    free(a->url);
    free(a->file);
    memset(a, 0, sizeof *a);
}

void
defs_put_account(struct config *cfg, struct account_def *a)
{
    size_t i;

    for (i = 0; i < cfg->n_accounts; i++) {
        if (strcmp(cfg->accounts[i].kind, a->kind) == 0 &&
            strcmp(cfg->accounts[i].name, a->name) == 0) {
            defs_account_clear(&cfg->accounts[i]);
            array_remove(cfg->accounts, &cfg->n_accounts,
                         sizeof *cfg->accounts, i);
            break;
        }
    }
    cfg->accounts = xreallocarray(cfg->accounts, cfg->n_accounts + 1,
                                  sizeof *cfg->accounts);
    cfg->accounts[cfg->n_accounts++] = *a;
    memset(a, 0, sizeof *a);
}

static void
view_clear(struct view_def *v)
{
    free(v->name);
    free(v->query);
}

void
defs_put_view(struct config *cfg, const char *name, const char *query)
{
    size_t i;

    for (i = 0; i < cfg->n_views; i++) {
        if (strcmp(cfg->views[i].name, name) == 0) {
            view_clear(&cfg->views[i]);
            array_remove(cfg->views, &cfg->n_views, sizeof *cfg->views, i);
            break;
        }
    }
    cfg->views = xreallocarray(cfg->views, cfg->n_views + 1,
                               sizeof *cfg->views);
    cfg->views[cfg->n_views].name = xstrdup(name);
    cfg->views[cfg->n_views].query = xstrdup(query);
    cfg->n_views++;
}

void
defs_put_notify(struct config *cfg, struct notify_rule *r)
{
    size_t i;

    for (i = 0; i < cfg->n_notify; i++) {
        if (strcmp(cfg->notify[i].text, r->text) == 0) {
            notify_rule_clear(&cfg->notify[i]);
            array_remove(cfg->notify, &cfg->n_notify, sizeof *cfg->notify,
                         i);
            break;
        }
    }
    cfg->notify = xreallocarray(cfg->notify, cfg->n_notify + 1,
                                sizeof *cfg->notify);
    cfg->notify[cfg->n_notify++] = *r;
    memset(r, 0, sizeof *r);
}

static void
bind_clear(struct bind_def *b)
{
    free(b->map);
    free(b->keys);
    free(b->func);
}

static void
macro_clear(struct macro_def *m)
{
    free(m->map);
    free(m->keys);
    free(m->sequence);
    free(m->desc);
}

/* A key does one thing: a bind or a macro, never both. */
static void
drop_key(struct config *cfg, const char *map, const char *keys)
{
    size_t i;

    for (i = 0; i < cfg->n_binds; i++) {
        if (strcmp(cfg->binds[i].map, map) == 0 &&
            strcmp(cfg->binds[i].keys, keys) == 0) {
            bind_clear(&cfg->binds[i]);
            array_remove(cfg->binds, &cfg->n_binds, sizeof *cfg->binds, i);
            break;
        }
    }
    for (i = 0; i < cfg->n_macros; i++) {
        if (strcmp(cfg->macros[i].map, map) == 0 &&
            strcmp(cfg->macros[i].keys, keys) == 0) {
            macro_clear(&cfg->macros[i]);
            array_remove(cfg->macros, &cfg->n_macros, sizeof *cfg->macros,
                         i);
            break;
        }
    }
}

void
defs_put_bind(struct config *cfg, const char *map, const char *keys,
              const char *func)
{
    struct bind_def *b;

    drop_key(cfg, map, keys);
    cfg->binds = xreallocarray(cfg->binds, cfg->n_binds + 1,
                               sizeof *cfg->binds);
    b = &cfg->binds[cfg->n_binds++];
    b->map = xstrdup(map);
    b->keys = xstrdup(keys);
    b->func = xstrdup(func);
}

void
defs_put_macro(struct config *cfg, const char *map, const char *keys,
               const char *seq, const char *desc)
{
    struct macro_def *m;

    drop_key(cfg, map, keys);
    cfg->macros = xreallocarray(cfg->macros, cfg->n_macros + 1,
                                sizeof *cfg->macros);
    m = &cfg->macros[cfg->n_macros++];
    m->map = xstrdup(map);
    m->keys = xstrdup(keys);
    m->sequence = xstrdup(seq);
    m->desc = xstrdup(desc);
}

static void
color_clear(struct color_def *c)
{
    free(c->object);
    free(c->fg);
    free(c->bg);
    free(c->attrs);
}

void
defs_put_color(struct config *cfg, const char *object, const char *fg,
               const char *bg, const char *attrs)
{
    struct color_def *c;
    size_t i;

    for (i = 0; i < cfg->n_colors; i++) {
        if (strcmp(cfg->colors[i].object, object) == 0) {
            color_clear(&cfg->colors[i]);
            array_remove(cfg->colors, &cfg->n_colors, sizeof *cfg->colors,
                         i);
            break;
        }
    }
    cfg->colors = xreallocarray(cfg->colors, cfg->n_colors + 1,
                                sizeof *cfg->colors);
    c = &cfg->colors[cfg->n_colors++];
    c->object = xstrdup(object);
    c->fg = xstrdup(fg);
    c->bg = xstrdup(bg);
    c->attrs = xstrdup(attrs);
}

void
defs_free_all(struct config *cfg)
{
    size_t i;

    for (i = 0; i < cfg->n_accounts; i++)
        defs_account_clear(&cfg->accounts[i]);
    free(cfg->accounts);
    for (i = 0; i < cfg->n_views; i++)
        view_clear(&cfg->views[i]);
    free(cfg->views);
    for (i = 0; i < cfg->n_binds; i++)
        bind_clear(&cfg->binds[i]);
    free(cfg->binds);
    for (i = 0; i < cfg->n_macros; i++)
        macro_clear(&cfg->macros[i]);
    free(cfg->macros);
    for (i = 0; i < cfg->n_colors; i++)
        color_clear(&cfg->colors[i]);
    free(cfg->colors);
    for (i = 0; i < cfg->n_notify; i++)
        notify_rule_clear(&cfg->notify[i]);
    free(cfg->notify);
    cfg->notify = NULL;
    cfg->n_notify = 0;
    for (i = 0; i < cfg->n_errors; i++)
        free(cfg->errors[i]);
    free(cfg->errors);
    cfg->accounts = NULL;
    cfg->views = NULL;
    cfg->binds = NULL;
    cfg->macros = NULL;
    cfg->colors = NULL;
    cfg->errors = NULL;
    cfg->n_accounts = cfg->n_views = cfg->n_binds = 0;
    cfg->n_macros = cfg->n_colors = cfg->n_errors = 0;
}
