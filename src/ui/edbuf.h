/* edbuf.h: the editor's text: UTF-8 buffer, cursor, wrap, undo. */
#ifndef TD_EDBUF_H
#define TD_EDBUF_H

#include <stddef.h>

/* Hard cap on a draft: a paste bigger than this is refused, not cut. */
#define EDBUF_MAX (1024 * 1024)
#define EDBUF_UNDO_MAX 200

struct edbuf_snap {
    char *text;
    size_t len;
    size_t cursor;
};

/* The text owns its bytes; the undo and redo stacks own their copies. */
struct edbuf {
    char *text;
    size_t len;
    size_t cap;
    size_t cursor;          /* byte offset, always at a character start */
    int coalesce;           /* the last change was typing: join undo steps */
    struct edbuf_snap undo[EDBUF_UNDO_MAX];
    size_t n_undo;
    struct edbuf_snap redo[EDBUF_UNDO_MAX];
    size_t n_redo;
    int dirty;              /* changed since the last edbuf_clean */
};

/* One visual row of the wrapped text: bytes [start, end). */
struct edbuf_row {
    size_t start;
    size_t end;
};

void edbuf_init(struct edbuf *b);
void edbuf_free(struct edbuf *b);
/* Replace the whole text (a restored draft, $EDITOR's result); this is
 * one undo step unless clear_undo is set. The cursor goes to the end. */
void edbuf_set(struct edbuf *b, const char *s, size_t n, int clear_undo);
/* Insert n bytes at the cursor (invalid UTF-8 is the caller's problem:
 * text comes from the keyboard). -1 if the result passes EDBUF_MAX. */
int edbuf_insert(struct edbuf *b, const char *s, size_t n);
void edbuf_delete_back(struct edbuf *b);
void edbuf_delete_forward(struct edbuf *b);
void edbuf_delete_word_back(struct edbuf *b);
void edbuf_kill_line(struct edbuf *b);

void edbuf_left(struct edbuf *b);
void edbuf_right(struct edbuf *b);
void edbuf_word_forward(struct edbuf *b);
void edbuf_word_back(struct edbuf *b);
void edbuf_line_start(struct edbuf *b);
void edbuf_line_end(struct edbuf *b);
/* Move up (dir < 0) or down a visual row of text wrapped at width. */
void edbuf_vertical(struct edbuf *b, int dir, int width);

int edbuf_undo(struct edbuf *b);
int edbuf_redo(struct edbuf *b);

/* Wrap the text at width columns (words move to the next row when they
 * fit there). Fills rows[0..max) and returns how many rows there are in
 * all; *cur_row and *cur_col get the cursor's row and display column. */
size_t edbuf_wrap(const struct edbuf *b, int width, struct edbuf_row *rows,
                  size_t max, size_t *cur_row, size_t *cur_col);

#endif
