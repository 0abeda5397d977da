/* options.h: the option table, and parsing and writing option values. */
#ifndef TD_OPTIONS_H
#define TD_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "util/buf.h"
#include "util/error.h"

/* The table, indexed by enum opt_id; *n gets OPT_COUNT. */
const struct option_def *options_table(size_t *n);
/* The id of an option name, -1 if unknown. */
int options_find(const char *name);

/* Parse text as the value of option id and store it in cfg. On a bad
 * value cfg is unchanged and err reads "NAME: why". */
enum td_status options_set(struct config *cfg, enum opt_id id,
                           const char *text, struct td_error *err);
/* Put option id back to its default. */
void options_reset(struct config *cfg, enum opt_id id);
/* Whether option id holds its default value. */
int options_is_default(const struct config *cfg, enum opt_id id);
/* Append the value of option id as rc text ("yes", "5m", "38", text). */
void options_format(const struct config *cfg, enum opt_id id,
                    struct buf *out);

/* Booleans as rc files write them: 1, 0, or -1 if s is not one. */
int options_parse_bool(const char *s);

#endif
