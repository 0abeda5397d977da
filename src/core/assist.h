/* assist.h: the language and intent models loaded once, and the rules that
 * turn a thread of buyer messages into a ticket's language and intent. */
#ifndef TD_ASSIST_H
#define TD_ASSIST_H

#include <stddef.h>

#include "core/intent.h"
#include "core/langid.h"
#include "util/error.h"

/* Both models; owned by whoever loaded them (struct app), borrowed by
 * the store, the console and the CLI. */
struct assist {
    struct langid *lang;
    struct intent_model *intent;
};

/* Load share_dir/models/{langid.bin,intent.model,intent-lexicon.txt,
 * intent-concepts.txt} (milliseconds) into a new struct assist owned by the caller. */
enum td_status assist_load(const char *share_dir, struct assist **out,
                           struct td_error *err);
/* Free both models; NULL-safe, clears *p. */
void assist_free(struct assist **p);

/* One message of the buyer, oldest first, as the ticket rules see it:
 * lang is its detected language ("unknown" for "ok", "#1234", emoji or
 * mixed text), borrowed. */
struct assist_msg {
    const char *body;
    const char *lang;
    double conf;
};

/* What a ticket is known by besides its messages; any may be NULL. */
struct assist_ticket_in {
    const char *subject;
    const struct assist_msg *msgs;  /* the buyer's public messages */
    size_t n_msgs;
    const char *backend_lang;       /* the helpdesk's own word (pt-BR) */
    const char *locale;             /* the buyer's BCP 47 locale */
    const char *country;            /* the buyer's ISO 3166-1 country */
};

struct assist_ticket_out {
    char lang[8];                   /* ISO 639-1, "" when unknown */
    double lang_conf;
    enum intent_label intent;
    double intent_conf;
};

/* Where the ticket's language came from, strongest first: the newest
 * buyer message in a known language, the subject, the backend's word,
 * the buyer's locale, the buyer's country. Confidence of the last three
 * is fixed (ASSIST_CONF_*): they say what the buyer probably reads, not
 * what they wrote. */
#define ASSIST_CONF_BACKEND 0.8
#define ASSIST_CONF_LOCALE 0.7
#define ASSIST_CONF_COUNTRY 0.5

/* Detect the language of one message (the models' langid_detect). */
void assist_message(const struct assist *a, const char *text, size_t len,
                    struct langid_result *res);

/* The ticket's language and intent from in (see above for the language).
 * The intent is judged on the subject and the buyer's messages together,
 * in the ticket's language: a closing "thanks!" does not hide what the
 * ticket was about, and a thread of thanks alone is thanks_other. */
void assist_ticket(const struct assist *a, const struct assist_ticket_in *in,
                   struct assist_ticket_out *out);

/* The language most people in country (ISO 3166-1 alpha-2, any case)
 * write to a shop in; NULL when we do not know. */
const char *assist_country_lang(const char *country);

#endif
