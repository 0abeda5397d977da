/* tvload.h: the template values of one stored ticket (its buyer, the
 * order the buyer asks about and that order's last parcel), shared by the
 * console's picker and `ttydesk reply/template render`. */
#ifndef TD_TVLOAD_H
#define TD_TVLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "core/template.h"
#include "core/tvars.h"
#include "util/error.h"

struct store;

/* Fill v (zeroed by the caller, who clears it) for ticket id. agent is
 * the replying agent's name (NULL: unknown). *ch gets the ticket's
 * channel and *lang its language (owned, NULL when unknown); either may
 * be NULL. The order is the one the buyer mentions ("#1070") in the
 * subject or a message, else the newest. */
enum td_status tvload_ticket(struct store *st, int64_t id, const char *agent,
                             struct tvars *v, enum channel *ch, char **lang,
                             struct td_error *err);

/* tvload_ticket that also hands back the ticket with its thread (*t,
 * owned by the caller; t may be NULL): for the editor's suggestion. */
enum td_status store_template_vars(struct store *s, int64_t id,
                                   const char *agent, struct tvars *v,
                                   struct ticket **t, struct td_error *err);

/* Render template t for ticket id: its values from the store, then the
 * agent's "name=value" overrides and prompt answers (vars, n_vars), in
 * want (NULL: the ticket's language) falling back to default_lang. What
 * template_render returns; out is filled unless TD_EPARSE or a store
 * failure. *ch (may be NULL) gets the ticket's channel. */
enum td_status tvload_render(struct store *st, int64_t id,
                             const struct template *t, const char *agent,
                             const char *want, const char *default_lang,
                             char *const *vars, size_t n_vars,
                             struct tpl_result *out, enum channel *ch,
                             struct td_error *err);

#endif
