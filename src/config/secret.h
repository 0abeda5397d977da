/* secret.h: an account's API secret, from token_env= or token_cmd=. */
#ifndef TD_CONFIG_SECRET_H
#define TD_CONFIG_SECRET_H

#include "config/config.h"
#include "util/error.h"

/* The secret of a helpdesk, shop or tracker line: the value of the
 * variable token_env=NAME, or the first line token_cmd=COMMAND prints
 * (run with sh -c, as git and mutt run theirs); never the rc file.
 * *out is owned by the caller, who wipes it. TD_EAUTH, naming the line,
 * when neither is given or they yield nothing. */
enum td_status account_def_secret(const struct account_def *def, char **out,
                                  struct td_error *err);

#endif
