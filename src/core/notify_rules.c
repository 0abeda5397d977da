/* notify_rules.c: notify rules, rate windows, safe notification text. */
#include "core/notify_rules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/query.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

/* A notification is a glance, not the thread: keep it short. */
#define NOTIFY_SUMMARY_MAX 120
#define NOTIFY_BODY_MAX 300

static const char *const event_names[NE_COUNT] = {
    [NE_NEW_TICKET] = "new-ticket",
    [NE_CUSTOMER_REPLY] = "customer-reply",
    [NE_SLA_DUE] = "sla-due",
    [NE_OUTBOX_HELD] = "outbox-held",
    [NE_OUTBOX_FAILED] = "outbox-failed",
    [NE_TEST] = "test",
};

static const struct {
    const char *name;
    unsigned bits;
} via_names[] = {
    { "desktop", NOTIFY_VIA_DESKTOP },
    { "osc9", NOTIFY_VIA_OSC9 },
    { "osc", NOTIFY_VIA_OSC9 },
    { "osc777", NOTIFY_VIA_OSC777 },
    { "bell", NOTIFY_VIA_BELL },
    { "cmd", NOTIFY_VIA_CMD },
    { "auto", NOTIFY_VIA_AUTO },
    { "all", NOTIFY_VIA_DESKTOP | NOTIFY_VIA_OSC9 | NOTIFY_VIA_OSC777 |
             NOTIFY_VIA_BELL | NOTIFY_VIA_CMD },
};

static const char *const urgency_names[] = { "low", "normal", "critical" };

const char *
notify_event_name(enum notify_event e)
{
    return (unsigned)e < NE_COUNT ? event_names[e] : "?";
}

int
notify_event_find(const char *name)
{
    /* "test" is :notify-test's own, not a rule. */
    for (int i = 0; i < NE_TEST; i++)
        if (strcmp(event_names[i], name) == 0)
            return i;
    return -1;
}

void
notify_rule_clear(struct notify_rule *r)
{
    free(r->view);
    free(r->assignee);
    free(r->text);
    memset(r, 0, sizeof *r);
}

void
notify_rule_copy(struct notify_rule *dst, const struct notify_rule *src)
{
    *dst = *src;
    dst->view = src->view ? xstrdup(src->view) : NULL;
    dst->assignee = src->assignee ? xstrdup(src->assignee) : NULL;
    dst->text = src->text ? xstrdup(src->text) : NULL;
}

int
notify_rate_parse(const char *s, struct notify_rate *r)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(s, &end, 10);
    if (errno || end == s || n < 0 || n > NOTIFY_WINDOW_MAX)
        return -1;
    if (*end == '\0' && n == 0) {
        r->count = 0;
        r->period = 0;
        return 0;
    }
    if (*end != '/' || n == 0)
        return -1;
    if ((r->period = query_parse_duration(end + 1)) <= 0)
        return -1;
    r->count = (int)n;
    return 0;
}

int
notify_via_parse(const char *s, unsigned *via, struct td_error *err)
{
    const char *p = s;

    *via = 0;
    while (*p) {
        size_t n = strcspn(p, ","), i;

        for (i = 0; i < sizeof via_names / sizeof via_names[0]; i++) {
            if (strlen(via_names[i].name) == n &&
                strncmp(via_names[i].name, p, n) == 0)
                break;
        }
        if (n == 0 || i == sizeof via_names / sizeof via_names[0]) {
            td_error_set(err, TD_EINVAL, "unknown channel '%.*s' (desktop, "
                         "osc9, osc777, bell, cmd, auto, all)", (int)n, p);
            return -1;
        }
        *via |= via_names[i].bits;
        p += n;
        if (*p == ',')
            p++;
    }
    if (*via == 0) {
        td_error_set(err, TD_EINVAL, "no channel in '%s'", s);
        return -1;
    }
    return 0;
}

/* Which keys each event takes: the others are refused, so that a typo
 * such as `notify sla-due view=x` does not silently do nothing. */
static int
key_allowed(enum notify_event e, const char *key)
{
    if (strcmp(key, "via") == 0 || strcmp(key, "rate") == 0 ||
        strcmp(key, "urgency") == 0)
        return 1;
    if (strcmp(key, "within") == 0)
        return e == NE_SLA_DUE;
    if (strcmp(key, "view") == 0 || strcmp(key, "assigned") == 0)
        return e == NE_NEW_TICKET || e == NE_CUSTOMER_REPLY ||
               e == NE_SLA_DUE;
    return 0;
}

static enum td_status
rule_kv(struct notify_rule *r, const char *key, const char *val,
        struct td_error *err)
{
    if (!key_allowed(r->event, key))
        return td_error_set(err, TD_EINVAL, "notify %s: '%s=' does not "
                            "apply to this event", event_names[r->event],
                            key);
    if (*val == '\0')
        return td_error_set(err, TD_EINVAL, "notify: %s= needs a value",
                            key);
    if (strcmp(key, "view") == 0) {
        if (val[strspn(val, "abcdefghijklmnopqrstuvwxyz"
                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")])
            return td_error_set(err, TD_EINVAL, "notify: bad view name "
                                "'%s'", val);
        free(r->view);
        r->view = xstrdup(val);
    } else if (strcmp(key, "assigned") == 0) {
        free(r->assignee);
        r->assignee = NULL;
        if (strcmp(val, "me") == 0) {
            r->assigned = NA_ME;
        } else if (strcmp(val, "none") == 0) {
            r->assigned = NA_NONE;
        } else if (strcmp(val, "any") == 0) {
            r->assigned = NA_ANY;
        } else {
            for (const char *c = val; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f)
                    return td_error_set(err, TD_EINVAL, "notify: assigned: "
                                        "a name has no control characters");
            r->assigned = NA_NAME;
            r->assignee = xstrdup(val);
        }
    } else if (strcmp(key, "within") == 0) {
        if ((r->within = query_parse_duration(val)) <= 0)
            return td_error_set(err, TD_EINVAL, "notify: within: bad "
                                "duration '%s' (like 15m, 1h)", val);
    } else if (strcmp(key, "via") == 0) {
        if (notify_via_parse(val, &r->via, err) != 0) {
            td_error_prefix(err, "notify: via: ");
            return TD_EINVAL;
        }
    } else if (strcmp(key, "rate") == 0) {
        if (notify_rate_parse(val, &r->rate) != 0)
            return td_error_set(err, TD_EINVAL, "notify: rate: bad value "
                                "'%s' (N/PERIOD such as 3/10m, or 0; N up "
                                "to %d)", val, NOTIFY_WINDOW_MAX);
    } else if (strcmp(key, "urgency") == 0) {
        size_t i;

        for (i = 0; i < 3 && strcmp(urgency_names[i], val) != 0; i++)
            ;
        if (i == 3)
            return td_error_set(err, TD_EINVAL, "notify: urgency: '%s' is "
                                "not low, normal or critical", val);
        r->urgency = (int)i;
    }
    return TD_OK;
}

enum td_status
notify_rule_parse(int argc, char **argv, struct notify_rule *r,
                  struct td_error *err)
{
    enum td_status rc = TD_OK;
    struct buf b;
    int e;

    memset(r, 0, sizeof *r);
    if (argc < 2)
        return td_error_set(err, TD_EPARSE, "usage: notify EVENT "
                            "[KEY=VALUE ...]");
    if ((e = notify_event_find(argv[1])) < 0)
        return td_error_set(err, TD_EINVAL, "notify: unknown event '%s' "
                            "(new-ticket, customer-reply, sla-due, "
                            "outbox-held, outbox-failed)", argv[1]);
    r->event = (enum notify_event)e;
    r->via = NOTIFY_VIA_AUTO;
    r->urgency = e == NE_SLA_DUE || e == NE_OUTBOX_FAILED ? 2 : 1;
    r->within = e == NE_SLA_DUE ? 15 * 60 : 0;
    /* Per rule: a burst of a sync must not become a burst of pop-ups. */
    r->rate.count = 3;
    r->rate.period = 60;
    for (int i = 2; i < argc && rc == TD_OK; i++) {
        char *eq = strchr(argv[i], '=');
        char *key;

        if (eq == NULL || eq == argv[i]) {
            rc = td_error_set(err, TD_EINVAL, "notify: '%s' is not "
                              "KEY=VALUE", argv[i]);
            break;
        }
        key = xstrndup(argv[i], (size_t)(eq - argv[i]));
        rc = rule_kv(r, key, eq + 1, err);
        free(key);
    }
    if (rc != TD_OK) {
        notify_rule_clear(r);
        return rc;
    }
    buf_init(&b, 0);
    notify_rule_format(r, &b);
    r->text = buf_detach(&b);
    buf_free(&b);
    return TD_OK;
}

/* A value as the rc language reads it back: quoted when it holds a space,
 * a quote, a backslash or a # (agent names such as "Ana López"). */
static void
format_value(struct buf *out, const char *v)
{
    if (*v && strpbrk(v, " \t\"'\\#") == NULL) {
        buf_adds(out, v);
        return;
    }
    buf_addc(out, '"');
    for (; *v; v++) {
        if (*v == '"' || *v == '\\')
            buf_addc(out, '\\');
        buf_addc(out, *v);
    }
    buf_addc(out, '"');
}

static void
format_duration(struct buf *out, int64_t s)
{
    if (s % 3600 == 0)
        buf_printf(out, "%lldh", (long long)(s / 3600));
    else if (s % 60 == 0)
        buf_printf(out, "%lldm", (long long)(s / 60));
    else
        buf_printf(out, "%llds", (long long)s);
}

void
notify_rule_format(const struct notify_rule *r, struct buf *out)
{
    buf_printf(out, "notify %s", event_names[r->event]);
    if (r->view)
        buf_printf(out, " view=%s", r->view);
    if (r->assigned == NA_ME)
        buf_adds(out, " assigned=me");
    else if (r->assigned == NA_NONE)
        buf_adds(out, " assigned=none");
    else if (r->assigned == NA_NAME) {
        buf_adds(out, " assigned=");
        format_value(out, r->assignee);
    }
    if (r->event == NE_SLA_DUE) {
        buf_adds(out, " within=");
        format_duration(out, r->within);
    }
    if (r->via != NOTIFY_VIA_AUTO) {
        const char *sep = " via=";

        for (size_t i = 0; i < sizeof via_names / sizeof via_names[0]; i++) {
            unsigned bit = via_names[i].bits;

            /* single bits only, each under its first name */
            if ((bit & (bit - 1)) != 0 || !(r->via & bit) ||
                strcmp(via_names[i].name, "osc") == 0)
                continue;
            buf_printf(out, "%s%s", sep, via_names[i].name);
            sep = ",";
        }
    }
    if (r->rate.count == 0) {
        buf_adds(out, " rate=0");
    } else if (r->rate.count != 3 || r->rate.period != 60) {
        buf_printf(out, " rate=%d/", r->rate.count);
        format_duration(out, r->rate.period);
    }
    if (r->urgency != (r->event == NE_SLA_DUE ||
                       r->event == NE_OUTBOX_FAILED ? 2 : 1))
        buf_printf(out, " urgency=%s", urgency_names[r->urgency]);
}

int
notify_rule_matches(const struct notify_rule *r, const struct notify_ev *ev,
                    const char *me, time_t now)
{
    const char *who = ev->assignee && *ev->assignee ? ev->assignee : NULL;

    if (r->event != ev->event)
        return 0;
    switch (r->assigned) {
    case NA_ANY:
        break;
    case NA_ME:
        /* Without agent_name nobody is "me": say nothing rather than
         * everything. */
        if (me == NULL || *me == '\0' || who == NULL ||
            strcasecmp(who, me) != 0)
            return 0;
        break;
    case NA_NONE:
        if (who)
            return 0;
        break;
    case NA_NAME:
        if (who == NULL || strcasecmp(who, r->assignee) != 0)
            return 0;
        break;
    }
    if (r->event == NE_SLA_DUE &&
        (ev->due < now || ev->due - now > r->within))
        return 0;
    return 1;
}

int
notify_window_take(struct notify_window *w, const struct notify_rate *r,
                   time_t now)
{
    size_t keep = 0;

    if (r->count <= 0)
        return 1;
    for (size_t i = 0; i < w->n; i++) {
        if (now - w->t[i] < r->period)
            w->t[keep++] = w->t[i];
    }
    w->n = keep;
    if (w->n >= (size_t)r->count || w->n >= NOTIFY_WINDOW_MAX)
        return 0;
    w->t[w->n++] = now;
    return 1;
}

uint64_t
notify_key(enum notify_event e, int64_t id, int64_t extra)
{
    /* FNV-1a over the three numbers: collisions only cost a missed
     * repeat, never a wrong notification. */
    uint64_t h = 1469598103934665603ULL;
    int64_t v[3] = { (int64_t)e, id, extra };
    const unsigned char *p = (const unsigned char *)v;

    for (size_t i = 0; i < sizeof v; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int
notify_seen_check(struct notify_seen *s, uint64_t key)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->key[i] == key)
            return 1;
    if (s->n < NOTIFY_SEEN_MAX) {
        s->key[s->n++] = key;
    } else {
        s->key[s->next] = key;
        s->next = (s->next + 1) % NOTIFY_SEEN_MAX;
    }
    return 0;
}

/* Code points that steer text direction or are invisible formatting. */
static int
is_format_cp(unsigned cp)
{
    return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xfeff;
}

char *
notify_clean(const char *s, size_t max_bytes, int no_semicolon)
{
    struct buf b;
    size_t len = s ? strlen(s) : 0, i = 0;
    int space = 1;      /* drop leading spaces, collapse runs */

    buf_init(&b, 0);
    while (i < len) {
        unsigned cp;
        size_t n = utf8_decode(s + i, len - i, &cp);

        if (n == 0) {
            cp = 0xfffd;
            n = 1;
        }
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
            cp == ' ' || cp == 0x2028 || cp == 0x2029) {
            /* Every control, ESC and BEL included, becomes a space: none
             * can end the OSC string or start a sequence. */
            if (!space)
                buf_addc(&b, ' ');
            space = 1;
        } else if (!is_format_cp(cp)) {
            size_t at = b.len;

            if (cp == ';' && no_semicolon)
                buf_addc(&b, ',');
            else if (cp == 0xfffd && n == 1)
                buf_adds(&b, "\xef\xbf\xbd");
            else
                buf_add(&b, s + i, n);
            space = 0;
            if (b.len + 3 > max_bytes) {
                /* cut before the character that does not fit, and before
                 * more when the ellipsis needs the room */
                b.len = at;
                while (b.len > 0 && (b.len + 3 > max_bytes ||
                                     b.data[b.len - 1] == ' ')) {
                    b.len--;
                    while (b.len > 0 &&
                           ((unsigned char)b.data[b.len] & 0xc0) == 0x80)
                        b.len--;
                }
                b.data[b.len] = '\0';
                buf_adds(&b, "\xe2\x80\xa6");   /* … */
                break;
            }
        }
        i += n;
    }
    while (b.len > 0 && b.data[b.len - 1] == ' ')
        b.data[--b.len] = '\0';
    return buf_detach(&b);
}

char *
notify_summary(const struct notify_ev *ev)
{
    char *raw, *s;

    switch (ev->event) {
    case NE_NEW_TICKET:
        raw = xasprintf("New ticket %s:%s", ev->account ? ev->account : "",
                        ev->external_id ? ev->external_id : "");
        break;
    case NE_CUSTOMER_REPLY:
        raw = xasprintf("%s replied on %s:%s",
                        ev->requester ? ev->requester : "The buyer",
                        ev->account ? ev->account : "",
                        ev->external_id ? ev->external_id : "");
        break;
    case NE_SLA_DUE:
        raw = xasprintf("SLA due on %s:%s", ev->account ? ev->account : "",
                        ev->external_id ? ev->external_id : "");
        break;
    case NE_OUTBOX_HELD:
        raw = xasprintf("Reply held on %s:%s", ev->account ? ev->account : "",
                        ev->external_id ? ev->external_id : "");
        break;
    case NE_OUTBOX_FAILED:
        raw = xasprintf("Reply failed on %s:%s",
                        ev->account ? ev->account : "",
                        ev->external_id ? ev->external_id : "");
        break;
    default:
        raw = xstrdup("ttydesk notification test");
        break;
    }
    s = notify_clean(raw, NOTIFY_SUMMARY_MAX, 0);
    free(raw);
    return s;
}

char *
notify_body(const struct notify_ev *ev)
{
    char *raw, *s;

    if (ev->snippet && *ev->snippet)
        raw = xasprintf("%s: %s", ev->subject ? ev->subject : "",
                        ev->snippet);
    else
        raw = xstrdup(ev->subject ? ev->subject : "");
    s = notify_clean(raw, NOTIFY_BODY_MAX, 0);
    free(raw);
    return s;
}

/* tmux passes a sequence through to the outer terminal only wrapped in
 * its DCS, with every ESC inside doubled (tmux(1), allow-passthrough). */
static void
seq_emit(struct buf *out, const char *seq, int tmux)
{
    if (!tmux) {
        buf_adds(out, seq);
        return;
    }
    buf_adds(out, "\033Ptmux;");
    for (const char *p = seq; *p; p++) {
        if (*p == '\033')
            buf_addc(out, '\033');
        buf_addc(out, *p);
    }
    buf_adds(out, "\033\\");
}

void
notify_seq_osc9(struct buf *out, const char *text, int tmux)
{
    struct buf s;

    buf_init(&s, 0);
    buf_printf(&s, "\033]9;%s\007", text);
    seq_emit(out, buf_str(&s), tmux);
    buf_free(&s);
}

void
notify_seq_osc777(struct buf *out, const char *title, const char *body,
                  int tmux)
{
    struct buf s;

    buf_init(&s, 0);
    buf_printf(&s, "\033]777;notify;%s;%s\007", title, body);
    seq_emit(out, buf_str(&s), tmux);
    buf_free(&s);
}
