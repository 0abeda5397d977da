/* draftprompt.h: what a drafter is told: the thread, the order and the
 * chosen template, as a system and a user message. */
#ifndef TD_DRAFTPROMPT_H
#define TD_DRAFTPROMPT_H

#include <stddef.h>

struct buf;
struct order;
struct shipment;
struct ticket;

/* The material of one draft; every pointer borrowed, any may be NULL
 * except t. */
struct draft_input {
    const struct ticket *t;
    const struct order *order;
    const struct shipment *shipment;
    const char *template_body;  /* the chosen template, tags unfilled */
    const char *start;          /* what the agent already wrote */
    const char *lang;           /* the buyer's language, ISO 639-1 */
    const char *agent;          /* the agent's name, for the signature */
};

/* Write the instructions into system and the material into user. The
 * thread is cut to its last messages and each body to a few thousand
 * bytes so that the prompt stays within a small local model's window. */
void draftprompt_build(const struct draft_input *in, struct buf *system,
                       struct buf *user);

#endif
