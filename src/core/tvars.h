/* tvars.h: the values a template can use, built from a ticket, an order
 * and a parcel, and written out in the buyer's language. */
#ifndef TD_TVARS_H
#define TD_TVARS_H

#include <stddef.h>
#include <time.h>

#include "core/model.h"
#include "util/buf.h"

enum tvar_id {
    TV_CUSTOMER_NAME = 0,
    TV_CUSTOMER_FIRST_NAME,
    TV_CUSTOMER_EMAIL,
    TV_CUSTOMER_COUNTRY,
    TV_AGENT_NAME,
    TV_AGENT_FIRST_NAME,
    TV_TICKET_ID,
    TV_TICKET_SUBJECT,
    TV_TICKET_CHANNEL,
    TV_ORDER_NUMBER,
    TV_ORDER_DATE,
    TV_ORDER_TOTAL,
    TV_ORDER_STATUS,
    TV_ORDER_ITEMS,
    TV_TRACKING_NUMBER,
    TV_TRACKING_CARRIER,
    TV_TRACKING_URL,
    TV_TRACKING_STATUS,
    TV_TRACKING_LAST_CHECKPOINT,
    TV_TRACKING_LAST_DATE,
    TV_TRACKING_ETA,
    TV_TRACKING_DELIVERED,
    TV_RETURN_DAYS,
    TV_RETURN_DEADLINE,
    TV_TODAY,
    TV_COUNT
};

/* How a value is written: as is, as a date in the buyer's language, as an
 * amount with the order's currency, or as a parcel status word. */
enum tvar_kind {
    TVK_TEXT = 0,
    TVK_DATE,
    TVK_MONEY,
    TVK_SHIP_STATUS,
};

struct tvar_def {
    const char *name;       /* "customer.first_name" */
    enum tvar_kind kind;
    const char *desc;       /* one line for the man page and `template show` */
};

/* A prompted input ({{?refund_amount}}) the agent filled in. */
struct tvar_input {
    char *name;             /* without the '?' */
    char *value;
};

/* Every pointer is owned and released by tvars_clear. A NULL text (and
 * for dates a zero time) means the value is unknown. An override (from
 * --var or the UI) is kept in text and written unchanged. */
struct tvars {
    char *text[TV_COUNT];
    time_t date[TV_COUNT];
    int given[TV_COUNT];        /* 1: text came from the agent, as is */
    enum ship_status ship;      /* for tracking.status */
    char *currency;             /* for order.total */
    char *locale;               /* the buyer's BCP 47 locale, may be NULL */
    char *timezone;             /* the buyer's IANA zone, NULL = UTC */
    struct tvar_input *inputs;
    size_t n_inputs;
};

/* The table of variables, indexed by enum tvar_id; *n gets TV_COUNT. */
const struct tvar_def *tvars_table(size_t *n);
/* The id of a variable name, -1 if unknown. */
int tvars_find(const char *name, size_t len);

/* Fill v (zeroed by the caller) from what the store knows: o and s may be
 * NULL (no order, no parcel); agent is the replying agent's name. now is
 * for {{today}}. Nothing is borrowed: v copies what it keeps. */
void tvars_build(struct tvars *v, const struct ticket *t,
                 const struct order *o, const struct shipment *s,
                 const char *agent, time_t now);

/* Set a value from "name=value" text as the agent typed it: a known
 * variable name overrides it, anything else ("refund_amount" or
 * "?refund_amount") fills a prompt. 0, or -1 if kv has no '='. */
int tvars_set(struct tvars *v, const char *kv);

/* The value of a prompt, NULL if the agent has not given it. */
const char *tvars_input(const struct tvars *v, const char *name, size_t len);

/* Append variable id as written in lang; 0, or -1 (nothing appended) when
 * the value is unknown. */
int tvars_format(const struct tvars *v, enum tvar_id id, const char *lang,
                 struct buf *out);

/* Release what v owns and zero it. */
void tvars_clear(struct tvars *v);

#endif
