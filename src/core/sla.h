/* sla.h: SLA policies, team hours, and the due time each ticket is held to. */
#ifndef TD_SLA_H
#define TD_SLA_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/bizhours.h"
#include "core/model.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/tz.h"

/* `hours NAME DAYS TIMES [DAYS TIMES ...] [tz=ZONE] [holidays=...]` */
struct sla_team {
    char *name;
    char *tz_name;              /* NULL = UTC */
    struct tz *tz;              /* owned; NULL = UTC */
    char *holidays;             /* as written (file or dates), for dump */
    struct bizhours hours;
};

/* `sla NAME first=DUR [next=DUR] [priority=P,..] [channel=C,..]
 *  [account=NAME] [hours=TEAM]` */
struct sla_policy {
    char *name;
    int64_t first;              /* seconds to the first reply; 0 = none */
    int64_t next;               /* seconds to each next reply; 0 = none */
    unsigned priorities;        /* bit per enum ticket_priority; 0 = any */
    unsigned channels;          /* bit per enum channel; 0 = any */
    char *account;              /* NULL = any */
    char *team;                 /* NULL = around the clock in UTC */
};

/* Every policy and team of the rc files, in the order written: the
 * first policy whose filters all match a ticket is its policy (like a
 * firewall's rules), so the specific ones go first. The book owns it
 * all. */
struct sla_book {
    struct sla_policy *policies;
    size_t n_policies;
    struct sla_team *teams;
    size_t n_teams;
};

struct sla_book *sla_book_new(void);
/* NULL-safe; clears the pointer. */
void sla_book_free(struct sla_book **b);

/* Parse and add (or replace, by name) one `hours` or `sla` line; argv[0]
 * is the command. dir is where a relative holidays file is looked for
 * (NULL = the current directory). On error nothing changes. */
enum td_status sla_book_hours(struct sla_book *b, int argc, char **argv,
                              const char *dir, struct td_error *err);
enum td_status sla_book_policy(struct sla_book *b, int argc, char **argv,
                               struct td_error *err);
const struct sla_team *sla_book_team(const struct sla_book *b,
                                     const char *name);

/* The lines that build the book again (teams first), one per line. */
void sla_book_dump(const struct sla_book *b, struct buf *out);

/* What a ticket's clock depends on, as the store keeps it. */
struct sla_facts {
    const char *account;
    enum ticket_priority priority;
    enum channel channel;
    enum ticket_status status;
    time_t created_at;
    time_t first_reply_at;      /* first public agent message; 0 = none */
    time_t agent_at;            /* newest public agent message */
    time_t customer_at;         /* newest customer message */
    time_t backend_first_due;   /* the helpdesk's own due times; 0 = none */
    time_t backend_next_due;
};

enum sla_phase {
    SLA_NONE = 0,       /* nothing owed: solved, waiting on the buyer, no SLA */
    SLA_FIRST,          /* the first reply is owed */
    SLA_NEXT,           /* the buyer wrote again since the last reply */
};

struct sla_result {
    enum sla_phase phase;
    time_t due;                 /* 0 when phase is SLA_NONE or no target */
    const char *source;         /* "backend", a policy name, or NULL */
};

/* The due time a ticket is held to now. The backend's own due time for
 * the phase wins; else the first matching policy counts its target in
 * its team's hours from the ticket's creation (first reply) or from the
 * buyer's newest message (next reply). Solved, closed, pending and
 * on-hold tickets owe nothing: their clock is paused. */
void sla_ticket_due(const struct sla_book *b, const struct sla_facts *f,
                    struct sla_result *out);
/* The policy a ticket falls under, NULL if none. */
const struct sla_policy *sla_book_match(const struct sla_book *b,
                                        const char *account,
                                        enum ticket_priority p,
                                        enum channel c);

/* ---- messaging windows (WhatsApp, LINE) ---- */

/* WhatsApp Business and LINE accept a free-text reply only within 24
 * hours of the buyer's last message; after that, approved templates
 * only. */
#define SLA_MSG_WINDOW (24 * 3600)

/* Whether channel c has such a window. */
int sla_channel_has_window(enum channel c);
/* Seconds left in the window at now (<= 0: closed); only meaningful
 * when sla_channel_has_window. A ticket with no customer message has
 * no open window. */
int64_t sla_window_left(enum channel c, time_t customer_at, time_t now);

#endif
