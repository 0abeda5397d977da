/* model.h: tickets, messages, customers, orders and shipments as the core sees them. */
#ifndef TD_MODEL_H
#define TD_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Normalised ticket status; the backend's own word is kept beside it. */
enum ticket_status {
    TS_NEW = 0,
    TS_OPEN,
    TS_PENDING,
    TS_ON_HOLD,
    TS_SOLVED,
    TS_CLOSED,
    TS_COUNT
};

enum ticket_priority {
    TP_LOW = 0,
    TP_NORMAL,
    TP_HIGH,
    TP_URGENT,
    TP_COUNT
};

enum channel {
    CH_EMAIL = 0,
    CH_WEB,
    CH_CHAT,
    CH_WHATSAPP,
    CH_LINE,
    CH_MESSENGER,
    CH_PHONE,
    CH_SMS,
    CH_OTHER,
    CH_COUNT
};

enum author_kind {
    AK_CUSTOMER = 0,
    AK_AGENT,
    AK_SYSTEM,
    AK_COUNT
};

/* Normalised parcel status (api-reference.md section 12). */
enum ship_status {
    SS_UNKNOWN = 0,
    SS_INFO_RECEIVED,
    SS_IN_TRANSIT,
    SS_CUSTOMS,
    SS_OUT_FOR_DELIVERY,
    SS_DELIVERED,
    SS_EXCEPTION,
    SS_RETURNING,
    SS_EXPIRED,
    SS_COUNT
};

/* Every char * below is owned by the struct that holds it; the _free
 * functions release them. Times are UTC seconds; 0 means unknown. */

struct customer {
    int64_t id;             /* store row id; 0 before it is stored */
    char *external_id;
    char *name;
    char *email;
    char *phone;
    char *country;          /* ISO 3166-1 alpha-2 */
    char *timezone;         /* IANA name */
    char *locale;           /* BCP 47, e.g. pt-BR */
};

struct attachment {
    char *name;
    int64_t size;
};

struct message {
    int64_t id;
    char *external_id;
    enum author_kind author;
    char *author_name;
    int is_public;          /* 0 = internal note */
    char *body;             /* plain text */
    char *html;             /* original HTML, NULL when the source was text */
    struct attachment *attachments;
    size_t n_attachments;
    time_t created_at;
    /* Filled by store reads for the buyer's messages once the assist
     * classified them: ISO 639-1 or "unknown" (too short or mixed), NULL
     * when not classified; the detector's confidence 0..1. */
    char *language;
    double language_conf;
};

struct ticket {
    int64_t id;
    int64_t account_id;
    char *account;          /* account name, filled by store reads */
    char *external_id;
    char *subject;
    enum ticket_status status;
    char *status_raw;       /* the backend's own status word */
    enum ticket_priority priority;
    enum channel channel;
    char *language;         /* ISO 639-1, NULL when unknown */
    struct customer requester;
    char *assignee;         /* agent name or email, NULL = unassigned */
    char **tags;
    size_t n_tags;
    time_t created_at;
    time_t updated_at;
    time_t first_response_due;
    time_t next_response_due;   /* the backend's; 0 = none */
    /* Filled by store reads: the due time the ticket is held to now
     * (core/sla.h; 0 = nothing owed) and the newest customer message. */
    time_t sla_due;
    time_t customer_at;
    struct message *messages;   /* filled by thread reads only */
    size_t n_messages;
    /* Filled by store reads: 1 when the agent never opened the ticket or
     * the customer wrote since they last did (a mail reader's "new");
     * ignored by writes, which never change what the agent has seen. */
    int unread;
    /* The assist's view, filled by store reads and ignored by writes
     * (which take language above as the backend's word): language is
     * then the detected one, backend_language the backend's own;
     * intent a label name of core/intent.h, NULL when not classified. */
    double language_conf;
    char *backend_language;
    char *intent;
    double intent_conf;
};

struct order_item {
    char *sku;
    char *name;
    int quantity;
    char *price;            /* decimal string in the order's currency */
};

struct order {
    int64_t id;
    int64_t account_id;
    char *external_id;
    char *number;           /* as the shop shows it, e.g. "#1001" */
    char *customer_email;
    char *customer_ext_id;
    time_t created_at;
    char *status;
    char *financial_status;
    char *fulfillment_status;
    char *currency;         /* ISO 4217 */
    char *total;            /* decimal string */
    char *ship_country;
    char *ship_city;
    struct order_item *items;
    size_t n_items;
};

struct shipment_event {
    time_t time;
    char *location;
    enum ship_status status;
    char *description;
};

struct shipment {
    int64_t id;
    int64_t order_id;
    char *external_id;
    char *order_ext_id;
    char *carrier;
    char *tracking_number;
    enum ship_status status;
    char *status_raw;
    time_t eta;
    struct shipment_event *events;
    size_t n_events;
};

/* Names: the lowercase words used in queries, JSON and rc files.
 * The _from_name functions return -1 for an unknown word. */
const char *ticket_status_name(enum ticket_status s);
int ticket_status_from_name(const char *name);
const char *ticket_priority_name(enum ticket_priority p);
int ticket_priority_from_name(const char *name);
const char *channel_name(enum channel c);
int channel_from_name(const char *name);
const char *author_kind_name(enum author_kind k);
int author_kind_from_name(const char *name);
const char *ship_status_name(enum ship_status s);
int ship_status_from_name(const char *name);

/* Release what each struct owns (not the struct itself) and zero it. */
void customer_clear(struct customer *c);
void message_clear(struct message *m);
void ticket_clear(struct ticket *t);
void order_clear(struct order *o);
void shipment_clear(struct shipment *s);

/* Free a heap ticket and what it owns; NULL-safe, clears the pointer. */
void ticket_free(struct ticket **t);

/* Append a tag (copied) to t. */
void ticket_add_tag(struct ticket *t, const char *tag);
/* Append a zeroed message to t and return it for the caller to fill. */
struct message *ticket_add_message(struct ticket *t);

#endif
