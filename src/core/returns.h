/* returns.h: the return window for a buyer's country, from a rules file
 * (rules/returns.rules; format in that file and in ttydeskrc(5)). */
#ifndef TD_RETURNS_H
#define TD_RETURNS_H

#include <time.h>

#include "util/error.h"

struct return_rules;

/* Read a rules file. Bad lines are reported in errs (one per line, as
 * "file:line: message", owned; may be NULL) and skipped. TD_ENOTFOUND
 * when the file is missing. */
enum td_status returns_load(const char *path, struct return_rules **out,
                            char ***errs, size_t *n_errs,
                            struct td_error *err);
void returns_free(struct return_rules **r);

/* A buyer's window. */
struct return_window {
    int days;               /* 0: no statutory right; the shop's policy */
    int from_order;         /* counted from the order date, not delivery */
    const char *why;        /* the rule's note, borrowed from the rules */
    time_t deadline;        /* 0 when the start is not known yet */
};

/* The window for country (ISO 3166-1 alpha-2; NULL = unknown). shop_days
 * is the shop's own policy, used by the "*" rule and by a rule of 0
 * days. delivered and ordered are 0 when unknown. r NULL = the shop's
 * policy everywhere. */
void returns_window(const struct return_rules *r, const char *country,
                    int shop_days, time_t delivered, time_t ordered,
                    struct return_window *out);

#endif
