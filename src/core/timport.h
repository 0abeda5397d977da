/* timport.h: canned replies from helpdesk backends into the template
 * library: their placeholder syntax converted to ours, one .tmpl file per
 * reply marked with its origin, and local edits never overwritten. */
#ifndef TD_TIMPORT_H
#define TD_TIMPORT_H

#include "core/template.h"
#include "util/buf.h"
#include "util/error.h"

/* Append body, written in driver's placeholder syntax ("zendesk",
 * "freshdesk", "chatwoot", "zammad"; any other driver: ours), to out in
 * ours. A placeholder with an equivalent becomes it
 * ({{ticket.requester.first_name}} -> {{customer.first_name}}); any other
 * becomes a prompt named after it ({{?zendesk.ticket.priority}}), so that
 * the editor asks for it and a reply holding it cannot be sent; its name
 * is added to unknown (may be NULL). Text that our syntax would read
 * ("{{" that is no placeholder, a line such as "[ok]") is escaped. */
void timport_convert(const char *driver, const char *body, struct buf *out,
                     struct trender_list *unknown);

/* What importing one canned reply did. */
enum timport_action {
    TIMPORT_NEW = 0,        /* a new file */
    TIMPORT_UPDATED,        /* the backend's text changed; file rewritten */
    TIMPORT_SAME,           /* nothing changed */
    TIMPORT_KEPT,           /* the file was edited here: left as it is */
    TIMPORT_SKIPPED,        /* nothing to import (an empty body) */
};

/* The word for an action: "new", "updated", "unchanged", "kept", ... */
const char *timport_action_name(enum timport_action a);

/* One canned reply to import. Strings are borrowed; body is already
 * converted (timport_convert). */
struct timport_item {
    const char *origin;     /* "zendesk:ACCOUNT:ID": the key of re-imports */
    const char *driver;
    const char *title;
    const char *folder;     /* may be NULL */
    const char *lang;       /* the section it goes into */
    const char *body;
};

/* Write it as a template in dir (the agent's template directory), unless
 * dry_run. The template with the same origin in lib is updated when its
 * text is still what the last import wrote, and kept (TIMPORT_KEPT) when
 * the agent changed it since. A new one is named after the title, made
 * unique against lib. *id gets the template's id (owned). */
enum td_status timport_write(const struct tpl_library *lib, const char *dir,
                             const struct timport_item *it, int dry_run,
                             enum timport_action *act, char **id,
                             struct td_error *err);

/* The checksum an imported file records of its text (hex FNV-1a 64). */
char *timport_checksum(const char *text);

#endif
