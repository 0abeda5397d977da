/* ticket_json.c: tickets, orders and shipments as the JSON that scripts read. */
#include "cli/ticket_json.h"

#include <math.h>

#include "net/json.h"

static cJSON *
customer_json(const struct customer *c)
{
    cJSON *o = cJSON_CreateObject();

    json_add_str(o, "name", c->name);
    json_add_str(o, "email", c->email);
    json_add_str(o, "phone", c->phone);
    json_add_str(o, "country", c->country);
    json_add_str(o, "timezone", c->timezone);
    json_add_str(o, "locale", c->locale);
    return o;
}

/* A confidence rounded to 3 places, or null when there is none. */
static void
conf_json(cJSON *o, const char *key, int known, double v)
{
    if (known)
        cJSON_AddNumberToObject(o, key, round(v * 1000) / 1000);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *
message_json(const struct message *m)
{
    cJSON *o = cJSON_CreateObject(), *att = cJSON_CreateArray();

    cJSON_AddNumberToObject(o, "id", (double)m->id);
    json_add_str(o, "external_id", m->external_id);
    cJSON_AddStringToObject(o, "author", author_kind_name(m->author));
    json_add_str(o, "author_name", m->author_name);
    cJSON_AddBoolToObject(o, "public", m->is_public);
    json_add_str(o, "body", m->body);
    json_add_str(o, "html", m->html);
    for (size_t i = 0; i < m->n_attachments; i++) {
        cJSON *a = cJSON_CreateObject();

        json_add_str(a, "name", m->attachments[i].name);
        cJSON_AddNumberToObject(a, "size", (double)m->attachments[i].size);
        cJSON_AddItemToArray(att, a);
    }
    cJSON_AddItemToObject(o, "attachments", att);
    json_add_time(o, "created_at", m->created_at);
    /* The buyer's messages, once classified; "unknown" for "ok". */
    json_add_str(o, "language", m->language);
    conf_json(o, "language_confidence", m->language != NULL,
              m->language_conf);
    return o;
}

cJSON *
ticket_json(const struct ticket *t, int messages)
{
    cJSON *o = cJSON_CreateObject(), *tags = cJSON_CreateArray();

    cJSON_AddNumberToObject(o, "id", (double)t->id);
    json_add_str(o, "account", t->account);
    json_add_str(o, "external_id", t->external_id);
    json_add_str(o, "subject", t->subject);
    cJSON_AddStringToObject(o, "status", ticket_status_name(t->status));
    json_add_str(o, "status_raw", t->status_raw);
    cJSON_AddStringToObject(o, "priority", ticket_priority_name(t->priority));
    cJSON_AddStringToObject(o, "channel", channel_name(t->channel));
    json_add_str(o, "language", t->language);
    conf_json(o, "language_confidence", t->language && t->intent,
              t->language_conf);
    json_add_str(o, "backend_language", t->backend_language);
    json_add_str(o, "intent", t->intent);
    conf_json(o, "intent_confidence", t->intent != NULL, t->intent_conf);
    cJSON_AddItemToObject(o, "customer", customer_json(&t->requester));
    json_add_str(o, "assignee", t->assignee);
    for (size_t i = 0; i < t->n_tags; i++)
        cJSON_AddItemToArray(tags, cJSON_CreateString(t->tags[i]));
    cJSON_AddItemToObject(o, "tags", tags);
    json_add_time(o, "created_at", t->created_at);
    json_add_time(o, "updated_at", t->updated_at);
    json_add_time(o, "first_response_due", t->first_response_due);
    json_add_time(o, "next_response_due", t->next_response_due);
    json_add_time(o, "sla_due", t->sla_due);
    cJSON_AddBoolToObject(o, "unread", t->unread);
    if (messages) {
        cJSON *arr = cJSON_CreateArray();

        for (size_t i = 0; i < t->n_messages; i++)
            cJSON_AddItemToArray(arr, message_json(&t->messages[i]));
        cJSON_AddItemToObject(o, "messages", arr);
    }
    return o;
}

cJSON *
order_json(const struct order *ord)
{
    cJSON *o = cJSON_CreateObject(), *items = cJSON_CreateArray();

    cJSON_AddNumberToObject(o, "id", (double)ord->id);
    json_add_str(o, "external_id", ord->external_id);
    json_add_str(o, "number", ord->number);
    json_add_time(o, "created_at", ord->created_at);
    json_add_str(o, "status", ord->status);
    json_add_str(o, "financial_status", ord->financial_status);
    json_add_str(o, "fulfillment_status", ord->fulfillment_status);
    json_add_str(o, "currency", ord->currency);
    json_add_str(o, "total", ord->total);
    json_add_str(o, "ship_country", ord->ship_country);
    json_add_str(o, "ship_city", ord->ship_city);
    for (size_t i = 0; i < ord->n_items; i++) {
        cJSON *it = cJSON_CreateObject();

        json_add_str(it, "sku", ord->items[i].sku);
        json_add_str(it, "name", ord->items[i].name);
        cJSON_AddNumberToObject(it, "quantity", ord->items[i].quantity);
        json_add_str(it, "price", ord->items[i].price);
        cJSON_AddItemToArray(items, it);
    }
    cJSON_AddItemToObject(o, "items", items);
    return o;
}

cJSON *
shipment_json(const struct shipment *s)
{
    cJSON *o = cJSON_CreateObject(), *ev = cJSON_CreateArray();

    cJSON_AddNumberToObject(o, "id", (double)s->id);
    json_add_str(o, "external_id", s->external_id);
    cJSON_AddNumberToObject(o, "order_id", (double)s->order_id);
    json_add_str(o, "carrier", s->carrier);
    json_add_str(o, "tracking_number", s->tracking_number);
    cJSON_AddStringToObject(o, "status", ship_status_name(s->status));
    json_add_str(o, "status_raw", s->status_raw);
    json_add_time(o, "eta", s->eta);
    for (size_t i = 0; i < s->n_events; i++) {
        cJSON *e = cJSON_CreateObject();

        json_add_time(e, "time", s->events[i].time);
        json_add_str(e, "location", s->events[i].location);
        cJSON_AddStringToObject(e, "status",
                                ship_status_name(s->events[i].status));
        json_add_str(e, "description", s->events[i].description);
        cJSON_AddItemToArray(ev, e);
    }
    cJSON_AddItemToObject(o, "events", ev);
    return o;
}
