/* uitrans.h: translation and draft generation in the console: the
 * conversation shown in the agent's language, the draft translated for
 * the buyer with both versions side by side, drafts from a drafter. */
#ifndef TD_UITRANS_H
#define TD_UITRANS_H

#include <poll.h>
#include <stddef.h>

struct message;
struct pane;
struct ticket;
struct ui;
struct uitrans;

/* Open the rc file's translators and drafters (their errors go to the
 * message line). Owned by the ui; uitrans_free ends it, after the HTTP
 * engine stopped calling back. */
struct uitrans *uitrans_new(struct ui *ui);
void uitrans_free(struct uitrans **p);

/* The poll loop, as netsync's: the pipes of running translation
 * commands go into *fds from at (grown as needed); the timeout is
 * lowered when a job needs the loop; dispatch after poll. */
size_t uitrans_pollfds(struct ui *ui, struct pollfd **fds, size_t *cap,
                       size_t at);
int uitrans_timeout(struct ui *ui, int ms);
void uitrans_dispatch(struct ui *ui, const struct pollfd *fds, size_t n);
/* 1 while a translation or draft is out (scripts wait for it). */
int uitrans_busy(struct ui *ui);

/* The conversation: whether it shows translations, and for message m of
 * t the text to show (NULL: the original) plus a line saying what it is
 * (*note, NULL for none); both borrowed until the next call. Asking
 * starts the translation in the background; the thread is drawn again
 * when it lands. */
int uitrans_thread_on(struct ui *ui);
const char *uitrans_message(struct ui *ui, const struct ticket *t,
                            const struct message *m, const char **note);

/* The editor's preview of the other version of the draft: how many of
 * the pane's rows it takes (0: none), and drawing it from row y. */
int uitrans_preview_rows(struct ui *ui, struct pane *p);
void uitrans_draw_preview(struct ui *ui, struct pane *p, int y, int rows);
/* What the send confirmation adds ("in Spanish, translated"), or "". */
const char *uitrans_send_note(struct ui *ui);

/* Actions and `:` commands. */
void uitrans_act_toggle(struct ui *ui);
void uitrans_act_translate_draft(struct ui *ui);
void uitrans_act_swap_draft(struct ui *ui);
void uitrans_act_generate_draft(struct ui *ui);
void uitrans_cmd_translate(struct ui *ui, int argc, char **argv);
void uitrans_cmd_translate_draft(struct ui *ui, int argc, char **argv);
void uitrans_cmd_draft(struct ui *ui, int argc, char **argv);

#endif
