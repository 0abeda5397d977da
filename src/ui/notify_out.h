/* notify_out.h: the channels a notification goes out through: the desktop
 * (libnotify), the terminal (bell, OSC 9, OSC 777) and the notify_cmd hook. */
#ifndef TD_NOTIFY_OUT_H
#define TD_NOTIFY_OUT_H

#include <stdio.h>
#include <sys/types.h>

#include "core/notify_rules.h"
#include "util/error.h"

/* What one notification says; summary and body come from notify_summary
 * and notify_body (already clean). */
struct notify_msg {
    const struct notify_ev *ev;
    const char *summary;
    const char *body;
    int urgency;                /* 0 low, 1 normal, 2 critical */
};

/* Whether a desktop session bus is configured ($DBUS_SESSION_BUS_ADDRESS
 * set); whether a notification server answers is only known by trying. */
int notify_out_have_bus(void);

/* Show m through the org.freedesktop.Notifications server on the session
 * bus (libnotify). A bus without a server is TD_ENOTSUP. Blocks for one
 * D-Bus round trip. */
enum td_status notify_out_desktop(const struct notify_msg *m,
                                  struct td_error *err);

/* Write the terminal channels of via (NOTIFY_VIA_BELL, _OSC9, _OSC777)
 * to tty in one write, wrapped for tmux when tmux is set. Returns the
 * bytes written, -1 on a write error. */
long notify_out_terminal(FILE *tty, unsigned via, const struct notify_msg *m,
                         int tmux);

/* Start cmd (split into words like an rc line, run without a shell,
 * stdin and stdout on /dev/null, signals unblocked) with the details in
 * TTYDESK_EVENT, TTYDESK_TICKET, TTYDESK_ACCOUNT, TTYDESK_EXTERNAL_ID,
 * TTYDESK_SUBJECT, TTYDESK_REQUESTER, TTYDESK_ASSIGNEE, TTYDESK_SUMMARY,
 * TTYDESK_BODY, TTYDESK_URGENCY, TTYDESK_DUE, TTYDESK_OUTBOX_ID. Does not
 * wait: *pid is the child for the caller to reap. */
enum td_status notify_out_cmd(const char *cmd, const struct notify_msg *m,
                              pid_t *pid, struct td_error *err);

#endif
