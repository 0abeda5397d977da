/* layout.c: pure screen geometry (no curses here, so it is unit-tested). */
#include "ui/layout.h"

#include <string.h>

static const char *const layout_names[PANE_COUNT] = {
    [PANE_INBOX] = "inbox",
    [PANE_THREAD] = "thread",
    [PANE_ORDER] = "order",
    [PANE_EDITOR] = "editor",
    [PANE_HELP] = "help",
    [PANE_STATS] = "stats",
};

const char *
layout_pane_name(enum pane_id id)
{
    return id < PANE_COUNT ? layout_names[id] : "?";
}

static struct rect
rect_make(int x, int y, int w, int h)
{
    struct rect r = { .x = x, .y = y, .w = w, .h = h };

    if (r.w <= 0 || r.h <= 0)
        r.w = r.h = 0;
    return r;
}

static int
clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void
layout_compute(const struct layout_in *in, struct layout *out)
{
    int cols = in->cols > 0 ? in->cols : 0;
    int lines = in->lines > 0 ? in->lines : 0;
    int h, inbox_w, rest, right_w, top_h, pct, epct, opct;

    memset(out, 0, sizeof *out);
    /* Status bar and prompt take the last two lines; with fewer lines
     * the prompt goes first, as the status bar says more. */
    h = lines - 2;
    if (h < 0)
        h = 0;
    if (lines >= 1)
        out->status = rect_make(0, lines >= 2 ? lines - 2 : 0, cols, 1);
    if (lines >= 2)
        out->prompt = rect_make(0, lines - 1, cols, 1);
    pct = clamp(in->inbox_pct > 0 ? in->inbox_pct : 38, 15, 85);
    /* The defaults keep the proportions the layout was tuned with: at 160+
     * the order panel is a third of the height but at most 14 lines, and
     * from 100 to 159 the pane under the thread takes 2/5. */
    epct = clamp(in->editor_pct > 0 ? in->editor_pct : 40, 15, 70);
    opct = clamp(in->order_pct > 0 ? in->order_pct : 33, 10, 80);

    if (in->help || in->stats) {
        out->mode = cols >= LAYOUT_WIDE ? LAYOUT_MODE_THREE
                    : cols >= LAYOUT_MEDIUM ? LAYOUT_MODE_TWO
                    : LAYOUT_MODE_ONE;
        out->pane[in->help ? PANE_HELP : PANE_STATS] =
            rect_make(0, 0, cols, h);
        return;
    }
    if (cols >= LAYOUT_WIDE) {
        /* inbox | order over thread | editor: the editor gets 2/5 of
         * what the inbox leaves, the order panel at most a third of the
         * height (it scrolls), so the conversation keeps the most room. */
        out->mode = LAYOUT_MODE_THREE;
        inbox_w = cols * pct / 100;
        rest = cols - inbox_w;
        right_w = rest * epct / 100;
        top_h = opct == 33 ? clamp(h / 3, 3, 14) : h * opct / 100;
        if (top_h > h / 2 && opct <= 50)
            top_h = h / 2;
        out->pane[PANE_INBOX] = rect_make(0, 0, inbox_w, h);
        out->pane[PANE_ORDER] = rect_make(inbox_w, 0, rest - right_w, top_h);
        out->pane[PANE_THREAD] = rect_make(inbox_w, top_h, rest - right_w,
                                           h - top_h);
        out->pane[PANE_EDITOR] = rect_make(cols - right_w, 0, right_w, h);
    } else if (cols >= LAYOUT_MEDIUM) {
        /* inbox | thread, and under the thread the order panel or the
         * editor, whichever in->aux says (a key switches them). */
        out->mode = LAYOUT_MODE_TWO;
        inbox_w = cols * pct / 100;
        rest = cols - inbox_w;
        top_h = h - h * (opct == 33 ? 40 : opct) / 100;
        out->pane[PANE_INBOX] = rect_make(0, 0, inbox_w, h);
        out->pane[PANE_THREAD] = rect_make(inbox_w, 0, rest, top_h);
        out->pane[in->aux == PANE_ORDER ? PANE_ORDER : PANE_EDITOR] =
            rect_make(inbox_w, top_h, rest, h - top_h);
    } else {
        out->mode = LAYOUT_MODE_ONE;
        out->pane[in->focus < PANE_HELP ? in->focus : PANE_INBOX] =
            rect_make(0, 0, cols, h);
    }
}

static void
rect_format(struct buf *out, const char *name, const struct rect *r)
{
    if (out->len > 0)
        buf_adds(out, " | ");
    buf_printf(out, "%s %d,%d %dx%d", name, r->x, r->y, r->w, r->h);
}

void
layout_format(const struct layout *l, struct buf *out)
{
    for (int i = 0; i < PANE_COUNT; i++) {
        if (l->pane[i].w > 0)
            rect_format(out, layout_names[i], &l->pane[i]);
    }
    if (l->status.w > 0)
        rect_format(out, "status", &l->status);
    if (l->prompt.w > 0)
        rect_format(out, "prompt", &l->prompt);
}
