/* tvars.c: template variables: their table, their values from the model,
 * and how each kind is written in the buyer's language. */
#include "core/tvars.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/tlocale.h"
#include "util/xmalloc.h"

#define DAY 86400

static const struct tvar_def defs[TV_COUNT] = {
    [TV_CUSTOMER_NAME] = {
        .name = "customer.name",
        .kind = TVK_TEXT,
        .desc = "the buyer's full name",
    },
    [TV_CUSTOMER_FIRST_NAME] = {
        .name = "customer.first_name",
        .kind = TVK_TEXT,
        .desc = "the first word of the name; unknown for names written "
                "family name first (Chinese, Japanese, Korean)",
    },
    [TV_CUSTOMER_EMAIL] = {
        .name = "customer.email",
        .kind = TVK_TEXT,
        .desc = "the buyer's email address",
    },
    [TV_CUSTOMER_COUNTRY] = {
        .name = "customer.country",
        .kind = TVK_TEXT,
        .desc = "ISO 3166-1 code of the buyer's country",
    },
    [TV_AGENT_NAME] = {
        .name = "agent.name",
        .kind = TVK_TEXT,
        .desc = "your name (the agent_name option)",
    },
    [TV_AGENT_FIRST_NAME] = {
        .name = "agent.first_name",
        .kind = TVK_TEXT,
        .desc = "the first word of your name",
    },
    [TV_TICKET_ID] = {
        .name = "ticket.id",
        .kind = TVK_TEXT,
        .desc = "the ticket number the buyer sees (the helpdesk's id)",
    },
    [TV_TICKET_SUBJECT] = {
        .name = "ticket.subject",
        .kind = TVK_TEXT,
        .desc = "the ticket's subject",
    },
    [TV_TICKET_CHANNEL] = {
        .name = "ticket.channel",
        .kind = TVK_TEXT,
        .desc = "email, web, chat, whatsapp, line, ...",
    },
    [TV_ORDER_NUMBER] = {
        .name = "order.number",
        .kind = TVK_TEXT,
        .desc = "the order number as the shop shows it (#1001)",
    },
    [TV_ORDER_DATE] = {
        .name = "order.date",
        .kind = TVK_DATE,
        .desc = "the day the order was placed",
    },
    [TV_ORDER_TOTAL] = {
        .name = "order.total",
        .kind = TVK_MONEY,
        .desc = "the order total with its currency",
    },
    [TV_ORDER_STATUS] = {
        .name = "order.status",
        .kind = TVK_TEXT,
        .desc = "the shop's order status word",
    },
    [TV_ORDER_ITEMS] = {
        .name = "order.items",
        .kind = TVK_TEXT,
        .desc = "the items, \"2 × Name, Name\"",
    },
    [TV_TRACKING_NUMBER] = {
        .name = "tracking.number",
        .kind = TVK_TEXT,
        .desc = "the parcel's tracking number",
    },
    [TV_TRACKING_CARRIER] = {
        .name = "tracking.carrier",
        .kind = TVK_TEXT,
        .desc = "the carrier's name",
    },
    [TV_TRACKING_URL] = {
        .name = "tracking.url",
        .kind = TVK_TEXT,
        .desc = "the carrier's tracking page for the number",
    },
    [TV_TRACKING_STATUS] = {
        .name = "tracking.status",
        .kind = TVK_SHIP_STATUS,
        .desc = "the parcel's status in the buyer's language",
    },
    [TV_TRACKING_LAST_CHECKPOINT] = {
        .name = "tracking.last_checkpoint",
        .kind = TVK_TEXT,
        .desc = "the carrier's last scan, \"description, location\"",
    },
    [TV_TRACKING_LAST_DATE] = {
        .name = "tracking.last_date",
        .kind = TVK_DATE,
        .desc = "the day of the last scan",
    },
    [TV_TRACKING_ETA] = {
        .name = "tracking.eta",
        .kind = TVK_DATE,
        .desc = "the carrier's expected delivery day (unset once it "
                "has passed without delivery)",
    },
    [TV_TRACKING_DELIVERED] = {
        .name = "tracking.delivered",
        .kind = TVK_DATE,
        .desc = "the day the parcel was delivered",
    },
    [TV_RETURN_DAYS] = {
        .name = "return.days",
        .kind = TVK_TEXT,
        .desc = "days to return after delivery: 14 in the EU, EEA and UK, "
                "else 30",
    },
    [TV_RETURN_DEADLINE] = {
        .name = "return.deadline",
        .kind = TVK_DATE,
        .desc = "the last day to return: delivery + return.days",
    },
    [TV_TODAY] = {
        .name = "today",
        .kind = TVK_DATE,
        .desc = "today's date",
    },
};

const struct tvar_def *
tvars_table(size_t *n)
{
    *n = TV_COUNT;
    return defs;
}

int
tvars_find(const char *name, size_t len)
{
    for (int i = 0; i < TV_COUNT; i++)
        if (strlen(defs[i].name) == len && memcmp(defs[i].name, name, len) == 0)
            return i;
    return -1;
}

/* 1 if s starts with a Han, kana or Hangul character: such names are
 * written family name first, so their first word is not a given name. */
static int
family_first(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned cp;

    if (u[0] < 0xe0 || u[0] >= 0xf0 || (u[1] & 0xc0) != 0x80 ||
        (u[2] & 0xc0) != 0x80)
        return 0;
    cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
    return (cp >= 0x3040 && cp <= 0x30ff) ||     /* kana */
           (cp >= 0x3400 && cp <= 0x9fff) ||     /* CJK ideographs */
           (cp >= 0xac00 && cp <= 0xd7af);       /* Hangul */
}

/* The name a buyer is greeted by. Vietnamese and Hungarian names end with
 * the given name ("Lê Văn Nam" is Nam); Chinese, Japanese and Korean ones
 * start with the family name and are not greeted by the given name in
 * business, so they have none here and a template's fallback applies. */
static char *
first_word(const char *name, const char *locale)
{
    size_t n;

    if (name == NULL || family_first(name))
        return NULL;
    if (locale && (strncasecmp(locale, "zh", 2) == 0 ||
                   strncasecmp(locale, "ja", 2) == 0 ||
                   strncasecmp(locale, "ko", 2) == 0))
        return NULL;
    while (*name == ' ')
        name++;
    n = strlen(name);
    while (n && name[n - 1] == ' ')
        n--;
    if (locale && (strncasecmp(locale, "vi", 2) == 0 ||
                   strncasecmp(locale, "hu", 2) == 0)) {
        size_t start = n;

        while (start && name[start - 1] != ' ')
            start--;
        return n > start ? xstrndup(name + start, n - start) : NULL;
    }
    n = strcspn(name, " ");
    return n ? xstrndup(name, n) : NULL;
}

static char *
nonempty(const char *s)
{
    return s && *s ? xstrdup(s) : NULL;
}

static void
build_order(struct tvars *v, const struct order *o)
{
    struct buf items;

    v->text[TV_ORDER_NUMBER] = nonempty(o->number);
    v->date[TV_ORDER_DATE] = o->created_at;
    v->text[TV_ORDER_TOTAL] = nonempty(o->total);
    v->currency = nonempty(o->currency);
    v->text[TV_ORDER_STATUS] = nonempty(o->status);
    buf_init(&items, 0);
    for (size_t i = 0; i < o->n_items; i++) {
        if (o->items[i].name == NULL)
            continue;
        if (items.len)
            (void)buf_adds(&items, ", ");
        if (o->items[i].quantity > 1)
            (void)buf_printf(&items, "%d × ", o->items[i].quantity);
        (void)buf_adds(&items, o->items[i].name);
    }
    v->text[TV_ORDER_ITEMS] = items.len ? buf_detach(&items) : NULL;
    buf_free(&items);
}

static void
build_shipment(struct tvars *v, const struct shipment *s)
{
    v->text[TV_TRACKING_NUMBER] = nonempty(s->tracking_number);
    v->text[TV_TRACKING_CARRIER] = nonempty(s->carrier);
    v->text[TV_TRACKING_URL] = tlocale_tracking_url(s->carrier,
                                                    s->tracking_number);
    v->ship = s->status;
    v->text[TV_TRACKING_STATUS] = xstrdup(ship_status_name(s->status));
    v->date[TV_TRACKING_ETA] = s->eta;
    if (s->n_events) {
        const struct shipment_event *e = &s->events[s->n_events - 1];

        if (e->description && e->location)
            v->text[TV_TRACKING_LAST_CHECKPOINT] =
                xasprintf("%s, %s", e->description, e->location);
        else
            v->text[TV_TRACKING_LAST_CHECKPOINT] =
                nonempty(e->description ? e->description : e->location);
        v->date[TV_TRACKING_LAST_DATE] = e->time;
    }
    for (size_t i = 0; i < s->n_events; i++)
        if (s->events[i].status == SS_DELIVERED)
            v->date[TV_TRACKING_DELIVERED] = s->events[i].time;
}

void
tvars_build(struct tvars *v, const struct ticket *t, const struct order *o,
            const struct shipment *s, const char *agent, time_t now)
{
    const char *country = NULL;
    int days;

    if (t) {
        v->text[TV_CUSTOMER_NAME] = nonempty(t->requester.name);
        v->text[TV_CUSTOMER_FIRST_NAME] = first_word(t->requester.name,
                                                     t->requester.locale);
        v->text[TV_CUSTOMER_EMAIL] = nonempty(t->requester.email);
        v->text[TV_CUSTOMER_COUNTRY] = nonempty(t->requester.country);
        v->locale = nonempty(t->requester.locale);
        v->timezone = nonempty(t->requester.timezone);
        v->text[TV_TICKET_ID] = t->external_id && *t->external_id
                                    ? xstrdup(t->external_id)
                                    : xasprintf("%lld", (long long)t->id);
        v->text[TV_TICKET_SUBJECT] = nonempty(t->subject);
        v->text[TV_TICKET_CHANNEL] = xstrdup(channel_name(t->channel));
        country = t->requester.country;
    }
    v->text[TV_AGENT_NAME] = nonempty(agent);
    v->text[TV_AGENT_FIRST_NAME] = first_word(agent, NULL);
    if (o) {
        build_order(v, o);
        /* Where the parcel went decides the law that applies. */
        if (o->ship_country && *o->ship_country)
            country = o->ship_country;
    }
    if (s)
        build_shipment(v, s);
    /* An expected day that went by without delivery is no promise to
     * repeat to the buyer ("expects to deliver it by" last week): unset,
     * so a template's #if or fallback applies. Half a day of margin for
     * the buyers that are behind UTC. */
    if (s && s->status != SS_DELIVERED && v->date[TV_TRACKING_ETA] &&
        v->date[TV_TRACKING_ETA] + DAY + DAY / 2 <= now)
        v->date[TV_TRACKING_ETA] = 0;
    days = tlocale_return_days(country);
    v->text[TV_RETURN_DAYS] = xasprintf("%d", days);
    if (v->date[TV_TRACKING_DELIVERED])
        v->date[TV_RETURN_DEADLINE] =
            v->date[TV_TRACKING_DELIVERED] + (time_t)days * DAY;
    v->date[TV_TODAY] = now;
}

int
tvars_set(struct tvars *v, const char *kv)
{
    const char *eq = strchr(kv, '=');
    const char *name = kv;
    size_t len;
    int id;

    if (eq == NULL || eq == kv)
        return -1;
    if (*name == '?')
        name++;
    len = (size_t)(eq - name);
    id = name == kv ? tvars_find(name, len) : -1;
    if (id >= 0) {
        free(v->text[id]);
        v->text[id] = xstrdup(eq + 1);
        v->given[id] = 1;
        return 0;
    }
    for (size_t i = 0; i < v->n_inputs; i++) {
        if (strlen(v->inputs[i].name) == len &&
            memcmp(v->inputs[i].name, name, len) == 0) {
            free(v->inputs[i].value);
            v->inputs[i].value = xstrdup(eq + 1);
            return 0;
        }
    }
    v->inputs = xreallocarray(v->inputs, v->n_inputs + 1, sizeof *v->inputs);
    v->inputs[v->n_inputs].name = xstrndup(name, len);
    v->inputs[v->n_inputs].value = xstrdup(eq + 1);
    v->n_inputs++;
    return 0;
}

const char *
tvars_input(const struct tvars *v, const char *name, size_t len)
{
    for (size_t i = 0; i < v->n_inputs; i++)
        if (strlen(v->inputs[i].name) == len &&
            memcmp(v->inputs[i].name, name, len) == 0)
            return v->inputs[i].value;
    return NULL;
}

int
tvars_format(const struct tvars *v, enum tvar_id id, const char *lang,
             struct buf *out)
{
    if ((int)id < 0 || id >= TV_COUNT)
        return -1;
    if (v->given[id] || defs[id].kind == TVK_TEXT) {
        if (v->text[id] == NULL || *v->text[id] == '\0')
            return -1;
        (void)buf_adds(out, v->text[id]);
        return 0;
    }
    switch (defs[id].kind) {
    case TVK_DATE:
        if (v->date[id] == 0)
            return -1;
        tlocale_date(out, v->date[id], lang, v->locale, v->timezone);
        return 0;
    case TVK_MONEY:
        if (v->text[id] == NULL)
            return -1;
        tlocale_money(out, v->text[id], v->currency, lang);
        return 0;
    case TVK_SHIP_STATUS:
        if (v->text[id] == NULL)
            return -1;
        (void)buf_adds(out, tlocale_ship_status(v->ship, lang));
        return 0;
    case TVK_TEXT:
        break;
    }
    return -1;
}

void
tvars_clear(struct tvars *v)
{
    for (int i = 0; i < TV_COUNT; i++)
        free(v->text[i]);
    for (size_t i = 0; i < v->n_inputs; i++) {
        free(v->inputs[i].name);
        free(v->inputs[i].value);
    }
    free(v->inputs);
    free(v->currency);
    free(v->locale);
    free(v->timezone);
    memset(v, 0, sizeof *v);
}
