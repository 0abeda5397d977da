/* clipboard.c: OSC 52, the one clipboard that works over SSH. */
#include "ui/clipboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/base64.h"
#include "util/xmalloc.h"

/* xterm's default limit for an OSC 52 payload is about 100 KB; a
 * tracking URL is far below. */
#define CLIPBOARD_MAX 4096

char *
clipboard_osc52(const char *text, int in_tmux)
{
    char *b64, *seq;
    size_t n = strlen(text);

    if (n == 0 || n > CLIPBOARD_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return NULL;
    b64 = base64_encode(text, n);
    /* tmux passes a sequence on to the outer terminal when it comes in
     * its DCS with every ESC doubled. */
    seq = in_tmux ? xasprintf("\033Ptmux;\033\033]52;c;%s\a\033\\", b64)
                  : xasprintf("\033]52;c;%s\a", b64);
    free(b64);
    return seq;
}

int
clipboard_copy(const char *text)
{
    /* Plain even inside tmux: tmux keeps OSC 52 (set-clipboard on) and
     * passes it on; its passthrough is off by default since 3.3. */
    char *seq = clipboard_osc52(text, 0);
    FILE *tty;
    int rc = -1;

    if (seq == NULL)
        return -1;
    /* Straight to the terminal, beside curses: the sequence prints
     * nothing, so the screen curses knows is unchanged. */
    if ((tty = fopen("/dev/tty", "w")) != NULL) {
        rc = fputs(seq, tty) >= 0 && fflush(tty) == 0 ? 0 : -1;
        fclose(tty);
    }
    free(seq);
    return rc;
}
