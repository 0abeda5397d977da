/* clipboard.h: copy text to the agent's clipboard with OSC 52, which
 * terminals honour across SSH. tmux takes it into its paste buffer and
 * on to the outer terminal with `set -g set-clipboard on`. */
#ifndef TD_CLIPBOARD_H
#define TD_CLIPBOARD_H

#include <stddef.h>

/* The escape sequence that sets the clipboard to text (owned): OSC 52,
 * wrapped for tmux's passthrough when in_tmux. NULL when text is too
 * long or holds control characters (a URL never does). */
char *clipboard_osc52(const char *text, int in_tmux);

/* Write the plain sequence to the terminal: 0, or -1. */
int clipboard_copy(const char *text);

#endif
