/* prompt.h: the `:` and `/` line on GNU readline's callbacks. */
#ifndef TD_PROMPT_H
#define TD_PROMPT_H

struct prompt;
struct ui;

enum prompt_kind {
    PROMPT_COMMAND = 0,     /* `:` runs the line as a command */
    PROMPT_FILTER,          /* `/` filters the inbox as you type */
};

/* Set readline up to take its keys from us and draw nothing itself, and
 * load the history ($XDG_STATE_HOME/ttydesk/history). Owned result. */
struct prompt *prompt_new(struct ui *ui);
/* Save the history and release; NULL-safe, clears the pointer. */
void prompt_free(struct prompt **p);

/* Open the prompt line; keys then go to prompt_key. */
void prompt_open(struct ui *ui, enum prompt_kind kind);
/* Open the `:` prompt with text already typed (T: "bulk-status "). */
void prompt_open_with(struct ui *ui, const char *text);
int prompt_active(struct ui *ui);
/* One key (canonical name) for the open prompt. */
void prompt_key(struct ui *ui, const char *key);
/* Draw the prompt line: the line being edited, or the last message. */
void prompt_draw(struct ui *ui);
/* The cursor column when the prompt is open, -1 otherwise. */
int prompt_cursor(struct ui *ui);

#endif
