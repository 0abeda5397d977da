/* readonly.h: the console's one check for read-only mode (--readonly,
 * set readonly = yes): every key and command that writes asks here. */
#ifndef TD_UI_READONLY_H
#define TD_UI_READONLY_H

struct ui;

/* 1 (with the reason on the message line) when the console is read-only
 * and what, a function or command that changes tickets or sends, must
 * not run; 0 when it may. */
int readonly_refuse(struct ui *ui, const char *what);

#endif
