/* secret.h: an API token from token_cmd= or token_env=, never the rc file. */
#ifndef TD_SECRET_H
#define TD_SECRET_H

#include "config/config.h"

/* The secret of an account, shop, tracker, translator or drafter line:
 * the first line printed by token_cmd= (run by the shell, like git's and
 * mutt's), else $token_env. *out is owned by the caller (wipe it after
 * use). TD_EAUTH, naming the line but never the value, when neither
 * gives one. */
enum td_status secret_get(const struct account_def *def, char **out,
                          struct td_error *err);

/* Overwrite a secret with NULs, free it and clear the pointer. NULL-safe. */
void secret_wipe(char **s);

#endif
