/* editor.h: the reply editor pane: drafts, $EDITOR, sending. */
#ifndef TD_EDITOR_H
#define TD_EDITOR_H

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
/* Queue and send the draft now (after the confirmation, if any). */
void editor_send_now(struct ui *ui);

/* The name replies go out under: agent_name, else $USER. */
const char *editor_author(struct ui *ui);

/* Actions. */
void editor_act_send(struct ui *ui);
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
