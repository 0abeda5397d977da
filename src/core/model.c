/* model.c: names of the model's enums and the release of what its structs own. */
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

static const char *const status_names[TS_COUNT] = {
    [TS_NEW] = "new",
    [TS_OPEN] = "open",
    [TS_PENDING] = "pending",
    [TS_ON_HOLD] = "on-hold",
    [TS_SOLVED] = "solved",
    [TS_CLOSED] = "closed",
};

static const char *const priority_names[TP_COUNT] = {
    [TP_LOW] = "low",
    [TP_NORMAL] = "normal",
    [TP_HIGH] = "high",
    [TP_URGENT] = "urgent",
};

static const char *const channel_names[CH_COUNT] = {
    [CH_EMAIL] = "email",
    [CH_WEB] = "web",
    [CH_CHAT] = "chat",
    [CH_WHATSAPP] = "whatsapp",
    [CH_LINE] = "line",
    [CH_MESSENGER] = "messenger",
    [CH_PHONE] = "phone",
    [CH_SMS] = "sms",
    [CH_OTHER] = "other",
};

static const char *const author_names[AK_COUNT] = {
    [AK_CUSTOMER] = "customer",
    [AK_AGENT] = "agent",
    [AK_SYSTEM] = "system",
};

static const char *const ship_names[SS_COUNT] = {
    [SS_UNKNOWN] = "unknown",
    [SS_INFO_RECEIVED] = "info-received",
    [SS_IN_TRANSIT] = "in-transit",
    [SS_CUSTOMS] = "customs",
    [SS_OUT_FOR_DELIVERY] = "out-for-delivery",
    [SS_DELIVERED] = "delivered",
    [SS_EXCEPTION] = "exception",
    [SS_RETURNING] = "returning",
    [SS_EXPIRED] = "expired",
};

static const char *
name_of(const char *const *names, int n, int v)
{
    return v >= 0 && v < n ? names[v] : "unknown";
}

static int
index_of(const char *const *names, int n, const char *name)
{
    if (name == NULL)
        return -1;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

const char *
ticket_status_name(enum ticket_status s)
{
    return name_of(status_names, TS_COUNT, (int)s);
}

int
ticket_status_from_name(const char *name)
{
    /* "on_hold" and "hold" are common spellings of the same status. */
    if (name && (strcmp(name, "on_hold") == 0 || strcmp(name, "hold") == 0))
        return TS_ON_HOLD;
    return index_of(status_names, TS_COUNT, name);
}

const char *
ticket_priority_name(enum ticket_priority p)
{
    return name_of(priority_names, TP_COUNT, (int)p);
}

int
ticket_priority_from_name(const char *name)
{
    return index_of(priority_names, TP_COUNT, name);
}

const char *
channel_name(enum channel c)
{
    return name_of(channel_names, CH_COUNT, (int)c);
}

int
channel_from_name(const char *name)
{
    return index_of(channel_names, CH_COUNT, name);
}

const char *
author_kind_name(enum author_kind k)
{
    return name_of(author_names, AK_COUNT, (int)k);
}

int
author_kind_from_name(const char *name)
{
    return index_of(author_names, AK_COUNT, name);
}

const char *
ship_status_name(enum ship_status s)
{
    return name_of(ship_names, SS_COUNT, (int)s);
}

int
ship_status_from_name(const char *name)
{
    return index_of(ship_names, SS_COUNT, name);
}

void
customer_clear(struct customer *c)
{
    free(c->external_id);
    free(c->name);
    free(c->email);
    free(c->phone);
    free(c->country);
    free(c->timezone);
    free(c->locale);
    memset(c, 0, sizeof *c);
}

void
message_clear(struct message *m)
{
    free(m->external_id);
    free(m->author_name);
    free(m->body);
    free(m->html);
    free(m->language);
    for (size_t i = 0; i < m->n_attachments; i++)
        free(m->attachments[i].name);
    free(m->attachments);
    memset(m, 0, sizeof *m);
}

void
ticket_clear(struct ticket *t)
{
    free(t->account);
    free(t->external_id);
    free(t->subject);
    free(t->status_raw);
    free(t->language);
    customer_clear(&t->requester);
    free(t->assignee);
    for (size_t i = 0; i < t->n_tags; i++)
        free(t->tags[i]);
    free(t->tags);
    for (size_t i = 0; i < t->n_messages; i++)
        message_clear(&t->messages[i]);
    free(t->messages);
    free(t->backend_language);
    free(t->intent);
    memset(t, 0, sizeof *t);
}

void
ticket_free(struct ticket **t)
{
    if (t == NULL || *t == NULL)
        return;
    ticket_clear(*t);
    free(*t);
    *t = NULL;
}

void
ticket_add_tag(struct ticket *t, const char *tag)
{
    t->tags = xreallocarray(t->tags, t->n_tags + 1, sizeof *t->tags);
    t->tags[t->n_tags++] = xstrdup(tag);
}

struct message *
ticket_add_message(struct ticket *t)
{
    struct message *m;

    t->messages = xreallocarray(t->messages, t->n_messages + 1,
                                sizeof *t->messages);
    m = &t->messages[t->n_messages++];
    memset(m, 0, sizeof *m);
    return m;
}

void
order_clear(struct order *o)
{
    free(o->external_id);
    free(o->number);
    free(o->customer_email);
    free(o->customer_ext_id);
    free(o->status);
    free(o->financial_status);
    free(o->fulfillment_status);
    free(o->currency);
    free(o->total);
    free(o->ship_country);
    free(o->ship_city);
    for (size_t i = 0; i < o->n_items; i++) {
        free(o->items[i].sku);
        free(o->items[i].name);
        free(o->items[i].price);
    }
    free(o->items);
    memset(o, 0, sizeof *o);
}

void
shipment_clear(struct shipment *s)
{
    free(s->external_id);
    free(s->order_ext_id);
    free(s->carrier);
    free(s->tracking_number);
    free(s->status_raw);
    for (size_t i = 0; i < s->n_events; i++) {
        free(s->events[i].location);
        free(s->events[i].description);
    }
    free(s->events);
    memset(s, 0, sizeof *s);
}
