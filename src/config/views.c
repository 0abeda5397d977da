/* views.c: the built-in views and the query a view name stands for. */
#include "config/views.h"

#include <string.h>

struct builtin_view {
    const char *name;
    const char *query;      /* NULL: made from the options (breaching) */
};

/* In the order the keys 1..5 and `v` go through them. */
static const struct builtin_view builtin[] = {
    {
        .name = "all",
        .query = "",
    },
    {
        .name = "open",
        .query = "status:unsolved",
    },
    {
        .name = "mine",
        .query = "status:unsolved assignee:me",
    },
    {
        .name = "unassigned",
        .query = "status:unsolved assignee:none",
    },
    {
        .name = "breaching",
        .query = NULL,
    },
};

const char *
config_builtin_view(size_t i)
{
    return i < sizeof builtin / sizeof builtin[0] ? builtin[i].name : NULL;
}

int
config_view_query(const struct config *cfg, const char *name,
                  struct buf *out)
{
    const struct view_def *v = config_view(cfg, name);

    if (v) {
        if (out)
            buf_adds(out, v->query);
        return 0;
    }
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
        if (strcmp(builtin[i].name, name) != 0)
            continue;
        if (out == NULL)
            return 0;
        if (builtin[i].query) {
            buf_adds(out, builtin[i].query);
        } else {
            /* Due within the window, overdue ones first (sla sorts by
             * the due time): sla<0 when the window is 0. */
            buf_printf(out, "status:unsolved sla<%llds",
                       (long long)config_int(cfg, OPT_BREACHING_WITHIN));
        }
        return 0;
    }
    return -1;
}
