/* picker.h: the template picker in the editor pane: fuzzy search as the
 * agent types, a preview filled with the open ticket's data (and which
 * language variant, and why), prompts asked on insert. */
#ifndef TD_PICKER_H
#define TD_PICKER_H

#include <curses.h>
#include <stddef.h>

struct pane;
struct ui;

/* Open the picker on the editor's ticket with query typed in (may be
 * NULL). The library and the ticket's values are read once, here. */
void picker_open(struct ui *ui, const char *query);

/* `:reply --template NAME`: insert template name (its id or short code)
 * at once, with vars ("k=v", borrowed) given first and lang (may be NULL)
 * chosen; prompts still open are asked in the picker. -1 (said) when
 * there is no such template or no ticket. */
int picker_insert_named(struct ui *ui, const char *name, char *const *vars,
                        size_t n_vars, const char *lang);

/* Close it (NULL-safe: nothing open is fine) and free what it holds. */
void picker_close(struct ui *ui);

/* Drawing and the cursor while it covers the editor pane. */
void picker_draw(struct ui *ui, struct pane *p);
int picker_cursor(struct ui *ui, struct pane *p, int *y, int *x);
/* A key no picker binding took: text for the query or the answer. */
void picker_input(struct ui *ui, const char *key);

/* Paint the unfilled {{tags}} of text's visual row [rs, re), drawn at row
 * y of w from column 0, in the editor.unresolved colours. */
void picker_mark_tags(struct ui *ui, WINDOW *w, int y, int cols,
                      const char *text, size_t len, size_t rs, size_t re);

/* Actions (keymap functions of the "picker" map). */
void picker_act_open(struct ui *ui);
void picker_act_insert(struct ui *ui);
void picker_act_insert_send(struct ui *ui);
void picker_act_close(struct ui *ui);
void picker_act_down(struct ui *ui);
void picker_act_up(struct ui *ui);
void picker_act_delete_back(struct ui *ui);
void picker_act_clear(struct ui *ui);
void picker_act_lang(struct ui *ui);
void picker_act_preview_down(struct ui *ui);
void picker_act_preview_up(struct ui *ui);

#endif
