/* defs.h: the lists of a config (accounts, views, binds, macros, colours). */
#ifndef TD_DEFS_H
#define TD_DEFS_H

#include "config/config.h"

/* Each put replaces an earlier definition of the same thing (same kind
 * and name, same map and keys, same object), which is removed, and
 * appends the new one: the latest line wins and sits last. Strings are
 * copied. */

/* Takes over what *a owns and zeroes *a. */
void defs_put_account(struct config *cfg, struct account_def *a);
void defs_put_view(struct config *cfg, const char *name, const char *query);
/* func NULL records an unbind. Drops a macro on the same map and keys. */
void defs_put_bind(struct config *cfg, const char *map, const char *keys,
                   const char *func);
/* desc may be NULL. Drops a bind on the same map and keys. */
void defs_put_macro(struct config *cfg, const char *map, const char *keys,
                    const char *seq, const char *desc);
/* attrs may be NULL. */
void defs_put_color(struct config *cfg, const char *object, const char *fg,
                    const char *bg, const char *attrs);

/* Takes over what *r owns and zeroes *r; an identical rule is replaced. */
void defs_put_notify(struct config *cfg, struct notify_rule *r);

/* Release what an account_def owns and zero it. */
void defs_account_clear(struct account_def *a);
/* Release every list of cfg (and its errors). */
void defs_free_all(struct config *cfg);

#endif
