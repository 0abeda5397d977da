/* editor.h: the reply editor pane: drafts, $EDITOR, sending. */
#ifndef TD_EDITOR_H
#define TD_EDITOR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct pane_ops;
struct ui;

extern const struct pane_ops editor_ops;

/* Switch the editor to ticket id: the current draft is saved first and
 * id's saved draft (if any) comes back. */
void editor_set_ticket(struct ui *ui, int64_t id);
/* Save the draft now if it changed (before quitting, switching). */
void editor_save(struct ui *ui);
/* The debounce timer: saves a draft idle for a moment. Returns the
 * milliseconds until it wants to run again, -1 for never. */
int editor_tick(struct ui *ui);
/* Start a public reply (is_note 0) or an internal note on the open
 * ticket and focus the editor. */
void editor_begin(struct ui *ui, int is_note);
/* Queue and send the draft now (after the confirmation, if any); a
 * draft holding an unfilled {{tag}} is refused, naming it. 0 if queued. */
int editor_send_now(struct ui *ui);
/* editor_send_now, then open the next ticket of the view. */
int editor_send_next_now(struct ui *ui);

/* The ticket the editor writes to, 0 for none. */
int64_t editor_ticket(struct ui *ui);
/* Insert text at the cursor as one undo step; -1 (said) if no ticket is
 * open or the draft would pass its cap. */
int editor_insert(struct ui *ui, const char *text);
/* The status to set after sending: pending, solved, on-hold, open, or
 * keep (NULL); -1 for any other word. */
int editor_set_status(struct ui *ui, const char *name);
/* The draft's length in bytes. */
size_t editor_draft_len(struct ui *ui);
/* A template was inserted: label ("wismo [es]") goes in the title; its
 * status, unless the agent chose one, applies to the draft, and so does
 * its type, except that a note with other text (was_empty 0) never turns
 * public: then it returns 1. */
int editor_template_used(struct ui *ui, const char *label, int is_note,
                          int was_empty, const char *status);

/* Run the agent's editor ($VISUAL, $EDITOR, the editor option) on path
 * with the terminal handed over; 0 when it exits 0. */
int editor_run_external(struct ui *ui, const char *path);

/* The draft's text (borrowed until the next change) and, in *ticket_id,
 * its ticket (0 = none). */
const char *editor_text(struct ui *ui, int64_t *ticket_id);
/* Replace the draft with text as one undo step (a translation swapped
 * in, a generated draft) and save it. */
void editor_replace_text(struct ui *ui, const char *text);
/* Queue the draft to go at `at` (0 or past: now): it waits in the outbox
 * and the poll loop sends it when due. */
int editor_send_at(struct ui *ui, time_t at);
/* The ticket the editor writes to, 0 if none. */
int64_t editor_ticket_id(struct ui *ui);

/* The name replies go out under: agent_name, else $USER. */
const char *editor_author(struct ui *ui);
/* 1 while the agent writes in ticket id (the editor has it and the
 * focus): notifications about it stay quiet. */
int editor_is_typing(struct ui *ui, int64_t id);

/* Actions. */
void editor_act_send(struct ui *ui);
void editor_act_send_next(struct ui *ui);
void editor_act_edit_external(struct ui *ui);
void editor_act_toggle_note(struct ui *ui);
void editor_act_cycle_status(struct ui *ui);
void editor_act_undo(struct ui *ui);
void editor_act_redo(struct ui *ui);
void editor_act_left(struct ui *ui);
void editor_act_right(struct ui *ui);
void editor_act_up(struct ui *ui);
void editor_act_down(struct ui *ui);
void editor_act_word_back(struct ui *ui);
void editor_act_word_forward(struct ui *ui);
void editor_act_line_start(struct ui *ui);
void editor_act_line_end(struct ui *ui);
void editor_act_delete_back(struct ui *ui);
void editor_act_delete_forward(struct ui *ui);
void editor_act_delete_word_back(struct ui *ui);
void editor_act_kill_line(struct ui *ui);
void editor_act_newline(struct ui *ui);
/* Start the empty draft with the suggested reply (ui/suggest.h) shown in
 * its place; it is only text to review: sending is still C-s. Returns 0,
 * doing nothing, when no suggestion is showing. */
int editor_use_suggestion(struct ui *ui);

#endif
