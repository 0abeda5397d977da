/* replywin.h: WhatsApp and LINE reply windows: what may still be sent. */
#ifndef TD_REPLYWIN_H
#define TD_REPLYWIN_H

#include <time.h>

#include "core/model.h"
#include "util/buf.h"

struct store;

/* "WhatsApp", "LINE", else the channel's name. */
const char *replywin_channel_title(enum channel c);

/* "a, b": the templates approved for channel c in the library (the
 * agent's and share_dir's, read from disk). */
void replywin_approved_names(const char *share_dir, enum channel c,
                             struct buf *b);

/* Whether a public reply with body may go on ticket t at `when`: always,
 * but once a WhatsApp or LINE window (24 hours from the buyer's last
 * message) is closed, only a template approved for the channel, in any
 * of its languages, rendered with what st knows of t (the blanks it
 * leaves may hold anything; core/tplmatch.h). 1 if allowed; 0 with why
 * filled. agent fills {{agent.*}} (may be NULL). */
int replywin_allowed(struct store *st, const char *share_dir,
                     const char *agent, const struct ticket *t,
                     const char *body, time_t when, struct buf *why);

#endif
