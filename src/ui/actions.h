/* actions.h: every function a key can be bound to, by name. */
#ifndef TD_ACTIONS_H
#define TD_ACTIONS_H

#include <stddef.h>

struct ui;

struct action {
    const char *name;       /* the FUNCTION of `bind MAP KEYS FUNCTION` */
    const char *desc;       /* one line for ? and ttydesk-keys(7) */
    void (*fn)(struct ui *ui);
    int writes;             /* changes tickets or sends: refused read-only */
};

/* The table, in help order. */
const struct action *actions_table(size_t *n);
/* The action called name, NULL if none. */
const struct action *actions_find(const char *name);

#endif
