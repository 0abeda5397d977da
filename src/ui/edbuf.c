/* edbuf.c: the reply editor's text model, free of curses (unit-tested). */
#include "ui/edbuf.h"

#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

void
edbuf_init(struct edbuf *b)
{
    memset(b, 0, sizeof *b);
    b->cap = 256;
    b->text = xmalloc(b->cap);
    b->text[0] = '\0';
}

static void
snap_clear(struct edbuf_snap *s)
{
    free(s->text);
    memset(s, 0, sizeof *s);
}

static void
stack_clear(struct edbuf_snap *st, size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        snap_clear(&st[i]);
    *n = 0;
}

void
edbuf_free(struct edbuf *b)
{
    stack_clear(b->undo, &b->n_undo);
    stack_clear(b->redo, &b->n_redo);
    free(b->text);
    memset(b, 0, sizeof *b);
}

static void
snap_take(const struct edbuf *b, struct edbuf_snap *s)
{
    s->text = xstrndup(b->text, b->len);
    s->len = b->len;
    s->cursor = b->cursor;
}

/* Push the current state on a stack, dropping the oldest when full. */
static void
stack_push(struct edbuf_snap *st, size_t *n, const struct edbuf *b)
{
    if (*n == EDBUF_UNDO_MAX) {
        snap_clear(&st[0]);
        memmove(st, st + 1, (EDBUF_UNDO_MAX - 1) * sizeof *st);
        (*n)--;
    }
    snap_take(b, &st[(*n)++]);
}

/* Record an undo step before a change. Typing joins the previous step
 * until a word ends, so undo removes a word at a time, not a letter. */
static void
edbuf_checkpoint(struct edbuf *b, int typing)
{
    if (!(typing && b->coalesce))
        stack_push(b->undo, &b->n_undo, b);
    stack_clear(b->redo, &b->n_redo);
    b->coalesce = typing;
    b->dirty = 1;
}

static void
edbuf_reserve(struct edbuf *b, size_t need)
{
    if (need + 1 <= b->cap)
        return;
    while (b->cap < need + 1)
        b->cap *= 2;
    b->text = xreallocarray(b->text, b->cap, 1);
}

static void
edbuf_replace_text(struct edbuf *b, const char *s, size_t n)
{
    edbuf_reserve(b, n);
    memcpy(b->text, s, n);
    b->len = n;
    b->text[n] = '\0';
}

void
edbuf_set(struct edbuf *b, const char *s, size_t n, int clear_undo)
{
    if (clear_undo) {
        stack_clear(b->undo, &b->n_undo);
        stack_clear(b->redo, &b->n_redo);
    } else {
        edbuf_checkpoint(b, 0);
    }
    if (n > EDBUF_MAX)
        n = EDBUF_MAX;
    edbuf_replace_text(b, s, n);
    b->cursor = n;
    b->coalesce = 0;
    b->dirty = !clear_undo;
}

int
edbuf_insert(struct edbuf *b, const char *s, size_t n)
{
    if (b->len + n > EDBUF_MAX)
        return -1;
    edbuf_checkpoint(b, n == 1 || (unsigned char)s[0] >= 0x80);
    edbuf_reserve(b, b->len + n);
    memmove(b->text + b->cursor + n, b->text + b->cursor,
            b->len - b->cursor + 1);
    memcpy(b->text + b->cursor, s, n);
    b->len += n;
    b->cursor += n;
    /* A blank ends the word: the next letter starts a new undo step. */
    if (n == 1 && (s[0] == ' ' || s[0] == '\n'))
        b->coalesce = 0;
    return 0;
}

/* The start of the character before off. */
static size_t
prev_char(const struct edbuf *b, size_t off)
{
    if (off == 0)
        return 0;
    off--;
    while (off > 0 && ((unsigned char)b->text[off] & 0xc0) == 0x80)
        off--;
    return off;
}

/* The end of the character at off, with the combining marks after it. */
static size_t
next_char(const struct edbuf *b, size_t off)
{
    unsigned cp;
    size_t n;

    if (off >= b->len)
        return b->len;
    n = utf8_decode(b->text + off, b->len - off, &cp);
    off += n ? n : 1;
    while (off < b->len) {
        n = utf8_decode(b->text + off, b->len - off, &cp);
        if (n == 0 || width_cp(cp) != 0 || cp == '\n')
            break;
        off += n;
    }
    return off;
}

/* prev_char, stepping over combining marks to their base. */
static size_t
prev_cluster(const struct edbuf *b, size_t off)
{
    size_t p = prev_char(b, off);
    unsigned cp;

    while (p > 0) {
        size_t n = utf8_decode(b->text + p, b->len - p, &cp);

        if (n == 0 || width_cp(cp) != 0 || cp == '\n')
            break;
        p = prev_char(b, p);
    }
    return p;
}

static void
edbuf_cut(struct edbuf *b, size_t from, size_t to)
{
    if (from >= to)
        return;
    edbuf_checkpoint(b, 0);
    memmove(b->text + from, b->text + to, b->len - to + 1);
    b->len -= to - from;
    b->cursor = from;
}

void
edbuf_delete_back(struct edbuf *b)
{
    edbuf_cut(b, prev_cluster(b, b->cursor), b->cursor);
}

void
edbuf_delete_forward(struct edbuf *b)
{
    edbuf_cut(b, b->cursor, next_char(b, b->cursor));
}

static int
is_word_byte(char c)
{
    return c != ' ' && c != '\n' && c != '\t';
}

void
edbuf_word_back(struct edbuf *b)
{
    size_t p = b->cursor;

    while (p > 0 && !is_word_byte(b->text[p - 1]))
        p--;
    while (p > 0 && is_word_byte(b->text[p - 1]))
        p--;
    b->cursor = p;
    b->coalesce = 0;
}

void
edbuf_word_forward(struct edbuf *b)
{
    size_t p = b->cursor;

    while (p < b->len && !is_word_byte(b->text[p]))
        p++;
    while (p < b->len && is_word_byte(b->text[p]))
        p++;
    b->cursor = p;
    b->coalesce = 0;
}

void
edbuf_delete_word_back(struct edbuf *b)
{
    size_t end = b->cursor;

    edbuf_word_back(b);
    edbuf_cut(b, b->cursor, end);
}

void
edbuf_kill_line(struct edbuf *b)
{
    const char *nl = memchr(b->text + b->cursor, '\n', b->len - b->cursor);
    size_t end = nl ? (size_t)(nl - b->text) : b->len;

    if (end == b->cursor && end < b->len)
        end++;              /* at the end of a line: join the next one */
    edbuf_cut(b, b->cursor, end);
}

void
edbuf_left(struct edbuf *b)
{
    b->cursor = prev_cluster(b, b->cursor);
    b->coalesce = 0;
}

void
edbuf_right(struct edbuf *b)
{
    b->cursor = next_char(b, b->cursor);
    b->coalesce = 0;
}

void
edbuf_line_start(struct edbuf *b)
{
    while (b->cursor > 0 && b->text[b->cursor - 1] != '\n')
        b->cursor--;
    b->coalesce = 0;
}

void
edbuf_line_end(struct edbuf *b)
{
    while (b->cursor < b->len && b->text[b->cursor] != '\n')
        b->cursor++;
    b->coalesce = 0;
}

/* Display columns of [from, to). */
static size_t
span_width(const struct edbuf *b, size_t from, size_t to)
{
    size_t w = 0;
    unsigned cp;

    while (from < to) {
        size_t n = utf8_decode(b->text + from, to - from, &cp);

        if (n == 0) {
            w++;
            from++;
            continue;
        }
        w += cp == '\t' ? 1 : (size_t)width_cp(cp);
        from += n;
    }
    return w;
}

size_t
edbuf_wrap(const struct edbuf *b, int width, struct edbuf_row *rows,
           size_t max, size_t *cur_row, size_t *cur_col)
{
    size_t n = 0, off = 0, row_start = 0, col = 0, last_space = 0;
    int have_space = 0;

    if (width < 2)
        width = 2;
    *cur_row = 0;
    *cur_col = 0;
    for (;;) {
        size_t clen, w;
        int brk = 0, hard = 0;

        if (off >= b->len) {
            brk = 1;
        } else if (b->text[off] == '\n') {
            brk = hard = 1;
        }
        if (!brk) {
            clen = next_char(b, off) - off;
            w = span_width(b, off, off + clen);
            if (col + w > (size_t)width) {
                /* Break after the last blank of the row if there is
                 * one, else in the middle of the (long) word. */
                size_t end = have_space ? last_space + 1 : off;

                if (n < max) {
                    rows[n].start = row_start;
                    rows[n].end = end;
                }
                if (b->cursor >= row_start && b->cursor < end) {
                    *cur_row = n;
                    *cur_col = span_width(b, row_start, b->cursor);
                }
                n++;
                row_start = end;
                col = span_width(b, row_start, off);
                have_space = 0;
                continue;
            }
            if (b->text[off] == ' ') {
                last_space = off;
                have_space = 1;
            }
            col += w;
            off += clen;
            continue;
        }
        if (n < max) {
            rows[n].start = row_start;
            rows[n].end = off;
        }
        if (b->cursor >= row_start && b->cursor <= off) {
            *cur_row = n;
            *cur_col = span_width(b, row_start, b->cursor);
        }
        n++;
        if (!hard)
            break;
        off++;
        row_start = off;
        col = 0;
        have_space = 0;
    }
    return n;
}

void
edbuf_vertical(struct edbuf *b, int dir, int width)
{
    size_t n, row, col, target, off;
    struct edbuf_row *rows;

    n = edbuf_wrap(b, width, NULL, 0, &row, &col);
    rows = xcalloc(n, sizeof *rows);
    edbuf_wrap(b, width, rows, n, &row, &col);
    if ((dir < 0 && row == 0) || (dir > 0 && row + 1 >= n)) {
        free(rows);
        return;
    }
    target = dir < 0 ? row - 1 : row + 1;
    off = rows[target].start;
    while (off < rows[target].end && b->text[off] != '\n') {
        size_t nx = next_char(b, off);

        if (span_width(b, rows[target].start, nx) > col)
            break;
        off = nx;
    }
    b->cursor = off;
    b->coalesce = 0;
    free(rows);
}

static int
edbuf_swap(struct edbuf *b, struct edbuf_snap *from, size_t *n_from,
           struct edbuf_snap *to, size_t *n_to)
{
    struct edbuf_snap *s;

    if (*n_from == 0)
        return -1;
    stack_push(to, n_to, b);
    s = &from[--(*n_from)];
    edbuf_replace_text(b, s->text, s->len);
    b->cursor = s->cursor;
    snap_clear(s);
    b->coalesce = 0;
    b->dirty = 1;
    return 0;
}

int
edbuf_undo(struct edbuf *b)
{
    return edbuf_swap(b, b->undo, &b->n_undo, b->redo, &b->n_redo);
}

int
edbuf_redo(struct edbuf *b)
{
    return edbuf_swap(b, b->redo, &b->n_redo, b->undo, &b->n_undo);
}
