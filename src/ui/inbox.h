/* inbox.h: the ticket list pane, a virtual list paged from the store. */
#ifndef TD_INBOX_H
#define TD_INBOX_H

#include <stddef.h>
#include <stdint.h>

struct pane_ops;
struct ui;

extern const struct pane_ops inbox_ops;

/* Built-in views, in the order 1..5 and `v` go through them. */
#define INBOX_N_BUILTIN 5
const char *inbox_builtin_view(size_t i);
/* The query of the view called name: a `view` line of cfg, else a
 * built-in view; NULL if there is none. Borrowed. */
struct config;

/* Switch to the view called name (built-in or from a `view` line);
 * -1 with a message if there is none or its query is bad. */
int inbox_set_view(struct ui *ui, const char *name);
/* Narrow the view with a / filter (query language); "" clears it.
 * -1 with a message if the query is bad (the old filter stays). */
int inbox_set_filter(struct ui *ui, const char *text);
/* The same while the filter is typed: a bad query is no error yet. */
int inbox_filter_live(struct ui *ui, const char *text);
/* Sort by sla, updated, created, priority or id; -1 if unknown. */
int inbox_set_sort(struct ui *ui, const char *name);
/* Run the query again keeping the selected ticket (after a send). */
void inbox_reload(struct ui *ui);
/* The selected ticket's id, 0 if the list is empty. */
int64_t inbox_selected(struct ui *ui);
/* Move the selection by dir and return the new ticket id (0 at an end). */
int64_t inbox_step(struct ui *ui, int dir);
/* The current view's name and the filter, for the status bar. */
const char *inbox_view_name(struct ui *ui);
const char *inbox_current_filter(struct ui *ui);

/* The marked ticket ids (owned by the inbox); *n gets how many. */
const int64_t *inbox_marks(struct ui *ui, size_t *n);
/* The tickets of the cached page (what is on screen and around it), for
 * completing ids at the prompt; *n gets how many. Borrowed. */
const struct ticket *inbox_cached_rows(struct ui *ui, size_t *n);

/* Open ticket id (store id) in the conversation, order and editor. */
void inbox_open_id(struct ui *ui, int64_t id);

/* Actions (keymap functions). */
void inbox_act_open(struct ui *ui);
void inbox_act_view_all(struct ui *ui);
void inbox_act_view_open(struct ui *ui);
void inbox_act_view_mine(struct ui *ui);
void inbox_act_view_unassigned(struct ui *ui);
void inbox_act_view_breaching(struct ui *ui);
void inbox_act_view_next(struct ui *ui);
void inbox_act_sort_next(struct ui *ui);
void inbox_act_mark_toggle(struct ui *ui);
void inbox_act_mark_clear(struct ui *ui);
void inbox_act_filter_clear(struct ui *ui);
void inbox_act_toggle_unread(struct ui *ui);

#endif
