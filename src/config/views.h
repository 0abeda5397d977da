/* views.h: the built-in views and what a view name stands for. */
#ifndef TD_VIEWS_H
#define TD_VIEWS_H

#include <stddef.h>

#include "config/config.h"
#include "util/buf.h"

/* The query of view name: a `view` line, else a built-in view (all,
 * open, mine, unassigned, breaching; breaching looks as far ahead as
 * the breaching_within option). Appended to out (NULL: only say
 * whether it exists); -1 if none. */
int config_view_query(const struct config *cfg, const char *name,
                      struct buf *out);
/* The built-in views' names, in order; NULL past the last. */
const char *config_builtin_view(size_t i);

#endif
