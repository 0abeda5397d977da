/* layout.h: pure screen geometry: where each pane goes for a terminal size. */
#ifndef TD_LAYOUT_H
#define TD_LAYOUT_H

#include "util/buf.h"

/* The panes, in Tab order. */
enum pane_id {
    PANE_INBOX = 0,
    PANE_THREAD,
    PANE_ORDER,
    PANE_EDITOR,
    PANE_HELP,
    PANE_STATS,             /* the statistics screen (covers the rest) */
    PANE_COUNT
};

/* Widths where the layout changes (the breakpoints). */
#define LAYOUT_WIDE 160
#define LAYOUT_MEDIUM 100

enum layout_mode {
    LAYOUT_MODE_ONE = 0,    /* under 100 columns: one pane at a time */
    LAYOUT_MODE_TWO,        /* 100..159: inbox | thread over order/editor */
    LAYOUT_MODE_THREE,      /* 160+: inbox | order over thread | editor */
};

/* A rectangle in screen cells; w == 0 means the pane is not shown. */
struct rect {
    int x;
    int y;
    int w;
    int h;
};

/* What the geometry depends on. */
struct layout_in {
    int cols;
    int lines;
    int inbox_pct;          /* option inbox_width, percent of cols */
    int editor_pct;         /* option editor_width; 0 = the default 40 */
    int order_pct;          /* option order_height; 0 = the default 33 */
    enum pane_id focus;     /* the pane shown in one-pane mode */
    enum pane_id aux;       /* PANE_ORDER or PANE_EDITOR in two-pane mode */
    int help;               /* the help pane covers the content area */
    int stats;              /* the statistics screen covers it (help wins) */
};

struct layout {
    enum layout_mode mode;
    struct rect pane[PANE_COUNT];
    struct rect status;
    struct rect prompt;
};

/* Compute the rectangles for in; never fails, even for tiny terminals
 * (panes may then be empty). */
void layout_compute(const struct layout_in *in, struct layout *out);

/* The name used in layout strings and keymaps ("inbox", "thread", ...). */
const char *layout_pane_name(enum pane_id id);

/* Append "inbox 0,0 60x43 | thread ..." for the shown panes, then status
 * and prompt: the form the unit tests compare. */
void layout_format(const struct layout *l, struct buf *out);

#endif
