/* suggest.h: the suggested reply of the editor pane: the template that
 * fits the ticket's intent, in the buyer's language, filled in. */
#ifndef TD_SUGGEST_H
#define TD_SUGGEST_H

#include <stdint.h>

#include "core/template.h"

struct ui;

/* One ticket's suggestion; owned by the editor pane. */
struct suggest {
    int64_t ticket_id;      /* what it was made for, 0 = none */
    char *template_id;      /* "wismo" */
    char *title;            /* "Where is my order [es]" */
    char *text;             /* the filled-in reply, NULL = no suggestion */
    char *note;             /* what the agent must still fill, or NULL */
    int status;             /* enum ticket_status to set after, -1 keep */
    /* The template library, read on the first suggestion and kept: the
     * files are a few kilobytes, read once per run. */
    struct tpl_library lib;
    int lib_loaded;
};

/* Work out the suggestion for ticket id (0 clears it): the first public
 * template (by id) whose intent names the ticket's intent label, rendered
 * with the ticket's order and parcel in the ticket's language. No
 * suggestion when the ticket has no intent yet or the tagger found
 * nothing to go by (confidence under 0.3), the intent has no template,
 * or the template cannot be read. Never sends anything. */
void suggest_load(struct ui *ui, struct suggest *sg, int64_t id);
/* Release everything sg holds, the library too. */
void suggest_free(struct suggest *sg);

#endif
