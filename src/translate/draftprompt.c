/* draftprompt.c: what a drafter is told: the thread, the order and the
 * chosen template, as a system and a user message. The model gets facts
 * and is told to use only them: a draft is a proposal the agent reads
 * before anything is sent. */
#include "translate/draftprompt.h"

#include <string.h>

#include "core/model.h"
#include "translate/translate.h"
#include "util/buf.h"

/* The last messages and the part of each that fit a 4k-token window. */
#define DRAFT_MAX_MESSAGES 12
#define DRAFT_MAX_BODY 2000

static void
draft_add_body(struct buf *b, const char *body)
{
    size_t n = body ? strlen(body) : 0;

    if (n > DRAFT_MAX_BODY) {
        /* Cut on a UTF-8 boundary. */
        n = DRAFT_MAX_BODY;
        while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
            n--;
        buf_add(b, body, n);
        buf_adds(b, " [...]");
    } else if (n) {
        buf_add(b, body, n);
    }
    buf_addc(b, '\n');
}

void
draftprompt_build(const struct draft_input *in, struct buf *system,
                  struct buf *user)
{
    const struct ticket *t = in->t;
    const char *lang = in->lang && *in->lang ? in->lang : "en";
    size_t first = 0;

    buf_printf(system,
               "You draft replies for an after-sales support agent of an "
               "online shop. Write one reply to the buyer in %s (%s), "
               "polite and short. Use only the facts given: the order, "
               "its tracking and the conversation. Never invent tracking "
               "numbers, dates, amounts or promises of refunds. When a "
               "template is given, follow its content and tone, and fill "
               "its {{...}} tags from the facts (leave a tag as it is when "
               "no fact fits). Output only the reply text, with no "
               "subject line and no notes to the agent.",
               tr_lang_name(lang), lang);
    if (in->agent && *in->agent)
        buf_printf(system, " Sign it as %s.", in->agent);
    buf_printf(user, "Ticket #%s: %s\n", t->external_id ? t->external_id
               : "?", t->subject ? t->subject : "(no subject)");
    buf_printf(user, "Buyer: %s%s%s\n", t->requester.name
               ? t->requester.name : "?", t->requester.country ? ", " : "",
               t->requester.country ? t->requester.country : "");
    if (in->order) {
        const struct order *o = in->order;

        buf_printf(user, "\nOrder %s: status %s, payment %s, fulfillment "
                   "%s, total %s %s, ship to %s %s\n",
                   o->number ? o->number : "?", o->status ? o->status : "?",
                   o->financial_status ? o->financial_status : "?",
                   o->fulfillment_status ? o->fulfillment_status : "?",
                   o->total ? o->total : "?", o->currency ? o->currency : "",
                   o->ship_city ? o->ship_city : "",
                   o->ship_country ? o->ship_country : "");
        for (size_t i = 0; i < o->n_items; i++)
            buf_printf(user, "  item: %d x %s\n", o->items[i].quantity,
                       o->items[i].name ? o->items[i].name : "?");
    }
    if (in->shipment) {
        const struct shipment *s = in->shipment;

        buf_printf(user, "Shipment: %s %s, %s\n",
                   s->carrier ? s->carrier : "carrier ?",
                   s->tracking_number ? s->tracking_number : "",
                   ship_status_name(s->status));
        if (s->n_events > 0) {
            const struct shipment_event *e = &s->events[s->n_events - 1];

            buf_printf(user, "  last event: %s %s\n",
                       e->description ? e->description : "",
                       e->location ? e->location : "");
        }
    }
    buf_adds(user, "\nConversation (oldest first):\n");
    if (t->n_messages > DRAFT_MAX_MESSAGES)
        first = t->n_messages - DRAFT_MAX_MESSAGES;
    for (size_t i = first; i < t->n_messages; i++) {
        const struct message *m = &t->messages[i];

        /* Internal notes are the agents' business, not the buyer's. */
        if (!m->is_public)
            continue;
        buf_printf(user, "[%s] ", m->author == AK_CUSTOMER ? "buyer"
                   : m->author == AK_AGENT ? "agent" : "system");
        draft_add_body(user, m->body);
    }
    if (in->template_body && *in->template_body) {
        buf_adds(user, "\nTemplate to follow:\n");
        draft_add_body(user, in->template_body);
    }
    if (in->start && *in->start) {
        buf_adds(user, "\nThe agent started the reply like this; keep its "
                 "meaning:\n");
        draft_add_body(user, in->start);
    }
}
