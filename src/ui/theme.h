/* theme.h: colour objects and their curses attributes. */
#ifndef TD_THEME_H
#define TD_THEME_H

#include <curses.h>

struct config;

enum theme_obj {
    OBJ_DEFAULT = 0,
    OBJ_TITLE,
    OBJ_TITLE_FOCUS,
    OBJ_SEPARATOR,
    OBJ_INBOX_HEADER,
    OBJ_INBOX_ROW,
    OBJ_INBOX_SELECTED,
    OBJ_INBOX_MARKED,
    OBJ_INBOX_UNREAD,
    OBJ_SLA_OK,
    OBJ_SLA_WARN,
    OBJ_SLA_BREACH,
    OBJ_THREAD_SUBJECT,
    OBJ_THREAD_META,
    OBJ_THREAD_BUYER,
    OBJ_THREAD_AGENT,
    OBJ_THREAD_NOTE,
    OBJ_THREAD_SYSTEM,
    OBJ_THREAD_BODY,
    OBJ_THREAD_QUOTE,
    OBJ_THREAD_PENDING,
    OBJ_ORDER_HEADER,
    OBJ_ORDER_TEXT,
    OBJ_ORDER_SHIPMENT,
    OBJ_EDITOR_TEXT,
    OBJ_EDITOR_NOTE,
    OBJ_STATUS,
    OBJ_STATUS_ERROR,
    OBJ_PROMPT,
    OBJ_HELP_KEY,
    OBJ_HELP_TEXT,
    OBJ_EDITOR_UNRESOLVED,  /* a {{tag}} left in a draft: blocks sending */
    OBJ_PICKER_SELECTED,
    OBJ_COUNT
};

/* The resolved attributes of every object (colour pair | attributes). */
struct theme {
    attr_t attr[OBJ_COUNT];
    int colors;             /* colours the terminal has; 0 = mono */
};

/* The object's rc name ("inbox.selected"), and its id (-1 if unknown). */
const char *theme_obj_name(enum theme_obj o);
int theme_obj_find(const char *name);

/* Resolve the color lines of base (the theme file) then user (the rc
 * file and the prompt, which win) over the built-in defaults into t and
 * set the curses colour pairs. mono (NO_COLOR, or a terminal without
 * colours) keeps only the attributes. Call after start_color. */
void theme_apply(struct theme *t, const struct config *base,
                 const struct config *user, int mono);

/* A colour word (red, brightred, color42, #rrggbb, default) as a curses
 * colour for a terminal with ncolors colours: 256-colour values go to
 * the nearest of 16 or 8. -1 means the terminal's default. */
int theme_color(const char *word, int ncolors);

#endif
