/* notify_rules.h: notification rules (`notify EVENT key=value ...`), the
 * events they match, rate limits and the text a notification carries. */
#ifndef TD_NOTIFY_RULES_H
#define TD_NOTIFY_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/buf.h"
#include "util/error.h"

/* What happened. The names are the rc words (notify_event_name). */
enum notify_event {
    NE_NEW_TICKET = 0,      /* a ticket a sync stored for the first time */
    NE_CUSTOMER_REPLY,      /* a new customer message on a known ticket */
    NE_SLA_DUE,             /* a response is due within the rule's time */
    NE_OUTBOX_HELD,         /* the send guard held a reply */
    NE_OUTBOX_FAILED,       /* a reply could not be sent */
    NE_TEST,                /* :notify-test */
    NE_COUNT
};

/* Where a notification goes; a rule's via= is a set of these bits. */
enum {
    NOTIFY_VIA_DESKTOP = 1 << 0,    /* libnotify on the session bus */
    NOTIFY_VIA_OSC9 = 1 << 1,       /* ESC ] 9 ; text BEL */
    NOTIFY_VIA_OSC777 = 1 << 2,     /* ESC ] 777 ; notify ; title ; body BEL */
    NOTIFY_VIA_BELL = 1 << 3,       /* BEL */
    NOTIFY_VIA_CMD = 1 << 4,        /* the notify_cmd hook */
    NOTIFY_VIA_AUTO = 1 << 5,       /* desktop if a bus, else osc9 + bell;
                                       cmd when notify_cmd is set */
};

enum notify_assigned {
    NA_ANY = 0,             /* whoever has it (the default) */
    NA_ME,                  /* assigned to agent_name */
    NA_NONE,                /* unassigned */
    NA_NAME,                /* assigned to the rule's assignee */
};

/* At most count notifications in period seconds (count 0: no limit). */
struct notify_rate {
    int count;
    int64_t period;
};

/* One `notify` line, parsed. Owns its strings. */
struct notify_rule {
    enum notify_event event;
    char *view;                 /* view=NAME, NULL = any ticket */
    enum notify_assigned assigned;
    char *assignee;             /* assigned=NAME */
    int64_t within;             /* sla-due: seconds before the due time */
    unsigned via;               /* NOTIFY_VIA_* bits */
    int urgency;                /* 0 low, 1 normal, 2 critical */
    struct notify_rate rate;    /* rate=N/PERIOD, per rule */
    char *text;                 /* the rc line, canonical, for dump */
};

/* An event the console saw, ready to match against rules. Borrowed
 * strings; any of them may be NULL. */
struct notify_ev {
    enum notify_event event;
    int64_t ticket_id;          /* store id, 0 = none */
    const char *account;
    const char *external_id;
    const char *subject;
    const char *requester;
    const char *assignee;
    const char *snippet;        /* message text, outbox error, ... */
    time_t due;                 /* sla-due: the due time */
    int64_t outbox_id;
};

/* The rc word of an event ("new-ticket", ...) and back (-1 unknown). */
const char *notify_event_name(enum notify_event e);
int notify_event_find(const char *name);

/* Parse argv of a `notify EVENT [key=value ...]` line (argv[0] is
 * "notify") into r, which the caller releases with notify_rule_clear.
 * On error r is empty and err says which word is wrong. */
enum td_status notify_rule_parse(int argc, char **argv,
                                 struct notify_rule *r, struct td_error *err);
void notify_rule_clear(struct notify_rule *r);
/* An owned deep copy. */
void notify_rule_copy(struct notify_rule *dst, const struct notify_rule *src);

/* Parse "N/PERIOD" (6/1m, 1/30s, 0 for none) into r; -1 if it is not. */
int notify_rate_parse(const char *s, struct notify_rate *r);
/* Parse "desktop,osc9,bell" (also osc = osc9, auto, all) into bits; -1
 * with the bad word in err. */
int notify_via_parse(const char *s, unsigned *via, struct td_error *err);

/* Whether the rule takes the event, apart from view= (which needs the
 * store: the caller checks it) and time: me is the agent (agent_name),
 * now the clock for sla-due. */
int notify_rule_matches(const struct notify_rule *r,
                        const struct notify_ev *ev, const char *me,
                        time_t now);

/* A sliding window of the times notifications went out, for one limit.
 * notify_window_take returns 1 and records now when the rate allows one
 * more, else 0. */
#define NOTIFY_WINDOW_MAX 64
struct notify_window {
    time_t t[NOTIFY_WINDOW_MAX];
    size_t n;
};
int notify_window_take(struct notify_window *w, const struct notify_rate *r,
                       time_t now);

/* A bounded set of keys already notified (an SLA due per ticket, an
 * outbox item in a state), so that a rescan does not repeat them. The
 * oldest go first when it is full. */
#define NOTIFY_SEEN_MAX 1024
struct notify_seen {
    uint64_t key[NOTIFY_SEEN_MAX];
    size_t n;
    size_t next;
};
/* 1 if key was there; else adds it and returns 0. */
int notify_seen_check(struct notify_seen *s, uint64_t key);
/* A key for an event (kind, id, extra). */
uint64_t notify_key(enum notify_event e, int64_t id, int64_t extra);

/* The summary and body of the event, as plain one-line text with every
 * control character, escape and bidi control removed (they must not
 * reach a terminal inside an OSC string, nor a desktop pop-up), cut to
 * a sane length. Owned. */
char *notify_summary(const struct notify_ev *ev);
char *notify_body(const struct notify_ev *ev);
/* Text safe inside an OSC string: notify_clean, and ';' (a field
 * separator of OSC 777) replaced by ','. Owned. */
char *notify_clean(const char *s, size_t max_bytes, int no_semicolon);

/* The escape sequences, appended to out. tmux: wrap for tmux's
 * passthrough (ESC P tmux; ... ESC \, every ESC doubled), as $TMUX asks.
 * title and body must come from notify_clean. */
void notify_seq_osc9(struct buf *out, const char *text, int tmux);
void notify_seq_osc777(struct buf *out, const char *title, const char *body,
                       int tmux);

/* The canonical rc line of the rule (also in r->text). */
void notify_rule_format(const struct notify_rule *r, struct buf *out);

#endif
