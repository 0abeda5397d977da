/* screen.h: struct ui, the pane ops table, drawing helpers. */
#ifndef TD_SCREEN_H
#define TD_SCREEN_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ui/layout.h"
#include "ui/theme.h"

struct app;
struct config;
struct pane;
struct prompt;
struct ui;
struct ui_batch;

/* How a list pane moves: by lines, pages, to either end. */
enum move_how {
    MOVE_LINE = 0,
    MOVE_PAGE,
    MOVE_HALF,
    MOVE_TOP,
    MOVE_BOTTOM,
};

/* A pane kind, tig's view ops: the core allocates priv (priv_size bytes,
 * zeroed) before init and frees it after fini. NULL slots: the pane has
 * no such behaviour (move on a pane that does not scroll is a no-op in
 * the caller, not a stub here). */
struct pane_ops {
    const char *name;       /* also its keymap name */
    size_t priv_size;
    void (*init)(struct ui *ui, struct pane *p);
    void (*fini)(struct ui *ui, struct pane *p);
    /* Draw into p->win (p->rows x p->cols); title included. */
    void (*draw)(struct ui *ui, struct pane *p);
    void (*step)(struct ui *ui, struct pane *p, enum move_how how, int n);
    /* A key no binding took ("x", "<Space>", "日"); 1 if used. */
    int (*input)(struct ui *ui, struct pane *p, const char *key);
    /* Where the terminal cursor goes when the pane has the focus (a
     * text pane); NULL or -1: hidden. */
    int (*cursor)(struct ui *ui, struct pane *p, int *y, int *x);
};

struct pane {
    const struct pane_ops *ops;
    void *priv;
    WINDOW *win;            /* NULL while the layout hides the pane */
    int rows;
    int cols;               /* for text: the separator column excluded */
    int width;              /* of the window */
};

/* A key or a `:command` waiting to be handled (script, macro). */
struct qitem {
    char *text;
    int is_cmd;             /* 1 = :command, 2 = @wait (scripts) */
};

struct netsync;
struct picker;
struct uitrans;
struct clocks;

struct keyq {
    struct qitem *v;
    size_t n;
    size_t cap;
};

/* A question on the prompt line waiting for y or n. */
enum confirm_kind {
    CONFIRM_NONE = 0,
    CONFIRM_SEND,
    CONFIRM_QUIT,
    CONFIRM_SEND_NEXT,
    CONFIRM_TEMPLATE_DELETE,    /* confirm_arg: the template's id */
};

/* The whole console. One per ui_run; everything the panes share. */
struct ui {
    struct app *app;
    struct config *base;            /* default.keys, the keymap, the theme */
    struct pane panes[PANE_COUNT];
    enum pane_id focus;
    enum pane_id aux;               /* order or editor, in two-pane mode */
    enum pane_id help_of;           /* whose keys the help lists */
    int help;
    int stats;                      /* the statistics screen is open */
    struct layout lay;
    int cols;
    int lines;
    SCREEN *screen;
    FILE *term_out;                 /* newterm's files (the tty or /dev/null) */
    FILE *term_in;
    WINDOW *win_status;
    WINDOW *win_prompt;
    WINDOW *win_input;              /* never drawn: keys are read here */
    struct theme theme;
    int mono;
    int scripted;                   /* TTYDESK_SCRIPT: keys from a file */
    struct keyq queue;              /* pending script/macro items */
    char seq[128];                  /* keys typed so far of a binding */
    struct prompt *prompt;
    enum confirm_kind confirm;
    char *confirm_arg;              /* what the question is about, owned */
    char *msg;                      /* the prompt line's message */
    int msg_error;
    int quit;
    int exit_status;
    int sigfd;                      /* signalfd for SIGWINCH, -1 if none */
    struct netsync *net;            /* network accounts, NULL if none */
    struct uitrans *trans;          /* translators and drafters */
    int script_wait;                /* a script's @wait: until net is idle */
    long counts_minute;             /* when the counts were last refreshed */
    struct clocks *clocks;          /* countdowns and zones (clocks.c) */
    int64_t ticket_id;              /* the open ticket, 0 = none */
    /* status bar numbers, refreshed after changes and each minute */
    int64_t n_open;
    int64_t n_breaching;
    int64_t n_unread;
    size_t n_outbox;
    char *last_error;
    int classify_more;              /* stored tickets wait for the assist */
    unsigned classify_slices;       /* background slices done so far */
    struct picker *picker;          /* the template picker, NULL = closed */
    struct notify *notify;          /* notify rules' state (notify.c) */
    const struct ui_batch *batch;   /* -e/--batch: no screen, no keys */
    char *batch_where;              /* "FILE:LINE" of the line running */
    int batch_failed;               /* an error was reported */
    int refused;                    /* read-only mode refused something */
};

/* Set the prompt line's message (printf); error ones also become the
 * status bar's "last error". */
void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The pane's private state. */
void *ui_priv(struct ui *ui, enum pane_id id);
/* Give the focus to a pane (showing it in the layouts that hide it). */
void ui_focus(struct ui *ui, enum pane_id id);
/* Relayout after a size or focus change. */
void ui_relayout(struct ui *ui);
/* Run one `:` command line (UI command or config line). */
void ui_command(struct ui *ui, const char *line);
/* Queue keys (canonical notation) ahead of what is waiting: macros. */
void ui_push_keys(struct ui *ui, const char *keys);
/* Draw a frame now (wnoutrefresh each window, one doupdate). */
void ui_draw(struct ui *ui);
/* Resolve the colour lines again (after :theme or :color). */
void ui_apply_theme(struct ui *ui);
/* Refresh the status bar numbers from the store. */
void ui_refresh_counts(struct ui *ui);

/* Draw text (any bytes: sanitized here) at y,x of w, fitted to cols
 * columns, padded when pad is set, in the colours of obj. */
void screen_put(struct ui *ui, WINDOW *w, int y, int x, int cols,
                const char *text, enum theme_obj obj, int pad);
/* Whether the PII mask is on (pii_mask option, toggle-pii): screen_put
 * and the text panes' lines mask emails, phones and addresses. */
int screen_pii(struct ui *ui);
/* The pane's title bar (row 0): left text, right text. */
void screen_title(struct ui *ui, struct pane *p, const char *left,
                  const char *right);
/* Write the screen as text, one line per row, trailing blanks cut. */
int screen_save(struct ui *ui, const char *path);

#endif
