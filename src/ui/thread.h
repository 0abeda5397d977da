/* thread.h: the conversation pane of one ticket. */
#ifndef TD_THREAD_H
#define TD_THREAD_H

#include <stdint.h>

struct pane_ops;
struct ui;

extern const struct pane_ops thread_ops;

/* Show ticket id (0 = none), reading it and its outbox items from the
 * store; at_end scrolls to the newest message (after a send). */
void thread_load(struct ui *ui, int64_t id, int at_end);

/* Build the lines again at the next draw, keeping the scroll position
 * (a translation landed, the translation mode changed). */
void thread_invalidate(struct ui *ui);
/* Build the lines again at the next draw: the header's clocks moved. */
void thread_restale(struct ui *ui);

/* Actions. */
void thread_act_fold_toggle(struct ui *ui);

#endif
