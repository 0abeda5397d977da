/* sla.c: the policy book of `sla` and `hours` lines and each ticket's due time. */
#include "core/sla.h"

#include <stdlib.h>
#include <string.h>

#include "core/paths.h"
#include "core/query.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

struct sla_book *
sla_book_new(void)
{
    return xcalloc(1, sizeof(struct sla_book));
}

static void
team_clear(struct sla_team *t)
{
    free(t->name);
    free(t->tz_name);
    tz_free(&t->tz);
    free(t->holidays);
    bizhours_clear(&t->hours);
    memset(t, 0, sizeof *t);
}

static void
policy_clear(struct sla_policy *p)
{
    free(p->name);
    free(p->account);
    free(p->team);
    memset(p, 0, sizeof *p);
}

void
sla_book_free(struct sla_book **pb)
{
    struct sla_book *b = pb ? *pb : NULL;

    if (b == NULL)
        return;
    for (size_t i = 0; i < b->n_policies; i++)
        policy_clear(&b->policies[i]);
    for (size_t i = 0; i < b->n_teams; i++)
        team_clear(&b->teams[i]);
    free(b->policies);
    free(b->teams);
    free(b);
    *pb = NULL;
}

const struct sla_team *
sla_book_team(const struct sla_book *b, const char *name)
{
    for (size_t i = 0; b && i < b->n_teams; i++) {
        if (strcmp(b->teams[i].name, name) == 0)
            return &b->teams[i];
    }
    return NULL;
}

static int
is_dates(const char *v)
{
    return strlen(v) >= 10 && v[4] == '-' && v[7] == '-' &&
           strspn(v, "0123456789-,.") == strlen(v);
}

static enum td_status
team_holidays(struct sla_team *t, const char *v, const char *dir,
              struct td_error *err)
{
    char *path, *joined;
    enum td_status rc;

    if (is_dates(v))
        return bizhours_add_dates(&t->hours, v, err);
    path = paths_expand(v);
    if (path[0] != '/' && dir) {
        joined = paths_join(dir, path);
        free(path);
        path = joined;
    }
    rc = bizhours_load_ics(&t->hours, path, err);
    free(path);
    return rc;
}

static int
name_ok(const char *s)
{
    if (*s == '\0' || strlen(s) > 64)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789_-.") == strlen(s);
}

enum td_status
sla_book_hours(struct sla_book *b, int argc, char **argv, const char *dir,
               struct td_error *err)
{
    struct sla_team t = {0};
    enum td_status rc = TD_OK;
    int i;

    if (argc < 2 || !name_ok(argv[1]))
        return td_error_set(err, TD_EINVAL, "hours: bad team name '%s'",
                            argc > 1 ? argv[1] : "");
    t.name = xstrdup(argv[1]);
    for (i = 2; i < argc && rc == TD_OK; i++) {
        const char *a = argv[i];

        if (strncmp(a, "tz=", 3) == 0) {
            free(t.tz_name);
            tz_free(&t.tz);
            t.tz_name = xstrdup(a + 3);
            if ((t.tz = tz_load(a + 3, err)) == NULL)
                rc = err ? err->status : TD_EINVAL;
        } else if (strncmp(a, "holidays=", 9) == 0) {
            free(t.holidays);
            t.holidays = xstrdup(a + 9);
            rc = team_holidays(&t, a + 9, dir, err);
        } else if (strcmp(a, "24x7") == 0) {
            rc = bizhours_add_week(&t.hours, "Sun-Sat", "00:00-24:00", err);
        } else if (i + 1 < argc && strchr(argv[i + 1], ':') &&
                   !strchr(argv[i + 1], '=')) {
            rc = bizhours_add_week(&t.hours, a, argv[i + 1], err);
            i++;
        } else {
            rc = td_error_set(err, TD_EINVAL, "'%s': expected DAYS TIMES "
                              "(Mon-Fri 09:00-18:00), 24x7, tz=ZONE or "
                              "holidays=FILE|DATES", a);
        }
    }
    if (rc == TD_OK && !bizhours_is_open_ever(&t.hours))
        rc = td_error_set(err, TD_EINVAL, "no opening hours (e.g. Mon-Fri "
                          "09:00-18:00, or 24x7)");
    if (rc != TD_OK) {
        td_error_prefix(err, "hours %s: ", argv[1]);
        team_clear(&t);
        return rc;
    }
    bizhours_finish(&t.hours);
    for (size_t k = 0; k < b->n_teams; k++) {
        if (strcmp(b->teams[k].name, t.name) == 0) {
            team_clear(&b->teams[k]);
            b->teams[k] = t;
            return TD_OK;
        }
    }
    b->teams = xreallocarray(b->teams, b->n_teams + 1, sizeof *b->teams);
    b->teams[b->n_teams++] = t;
    return TD_OK;
}

/* "urgent,high" into a bit mask through from_name. */
static int
parse_mask(const char *v, int (*from_name)(const char *), unsigned *mask)
{
    char *copy = xstrdup(v), *p = copy;
    int ok = 1;

    *mask = 0;
    while (p && ok) {
        char *comma = strchr(p, ',');
        int k;

        if (comma)
            *comma = '\0';
        if ((k = from_name(p)) < 0 || k >= 32)
            ok = 0;
        else
            *mask |= 1u << k;
        p = comma ? comma + 1 : NULL;
    }
    free(copy);
    return ok && *mask ? 0 : -1;
}

static enum td_status
policy_arg(struct sla_book *b, struct sla_policy *p, const char *a,
           struct td_error *err)
{
    const char *v = strchr(a, '=');
    size_t klen;

    if (v == NULL)
        return td_error_set(err, TD_EINVAL, "'%s': expected KEY=VALUE", a);
    klen = (size_t)(v++ - a);
    if ((klen == 5 && strncmp(a, "first", 5) == 0) ||
        (klen == 4 && strncmp(a, "next", 4) == 0)) {
        int64_t s = query_parse_duration(v);

        if (s <= 0)
            return td_error_set(err, TD_EINVAL, "%.*s: bad duration '%s' "
                                "(e.g. 30m, 2h, 1d, 1h30m)", (int)klen, a, v);
        *(klen == 5 ? &p->first : &p->next) = s;
    } else if (klen == 8 && strncmp(a, "priority", 8) == 0) {
        if (parse_mask(v, ticket_priority_from_name, &p->priorities) != 0)
            return td_error_set(err, TD_EINVAL, "priority: bad value '%s' "
                                "(low, normal, high, urgent)", v);
    } else if (klen == 7 && strncmp(a, "channel", 7) == 0) {
        if (parse_mask(v, channel_from_name, &p->channels) != 0)
            return td_error_set(err, TD_EINVAL, "channel: bad value '%s' "
                                "(email, web, chat, whatsapp, line, ...)", v);
    } else if (klen == 7 && strncmp(a, "account", 7) == 0) {
        free(p->account);
        p->account = xstrdup(v);
    } else if (klen == 5 && strncmp(a, "hours", 5) == 0) {
        if (sla_book_team(b, v) == NULL)
            return td_error_set(err, TD_EINVAL, "hours: no team '%s' (an "
                                "`hours %s ...` line must come first)", v, v);
        free(p->team);
        p->team = xstrdup(v);
    } else {
        return td_error_set(err, TD_EINVAL, "unknown key '%.*s' (first, next, "
                            "priority, channel, account, hours)", (int)klen, a);
    }
    return TD_OK;
}

enum td_status
sla_book_policy(struct sla_book *b, int argc, char **argv,
                struct td_error *err)
{
    struct sla_policy p = {0};
    enum td_status rc = TD_OK;

    if (argc < 2 || !name_ok(argv[1]))
        return td_error_set(err, TD_EINVAL, "sla: bad policy name '%s'",
                            argc > 1 ? argv[1] : "");
    p.name = xstrdup(argv[1]);
    for (int i = 2; i < argc && rc == TD_OK; i++)
        rc = policy_arg(b, &p, argv[i], err);
    if (rc == TD_OK && p.first == 0 && p.next == 0)
        rc = td_error_set(err, TD_EINVAL, "needs first=DURATION or "
                          "next=DURATION");
    if (rc != TD_OK) {
        td_error_prefix(err, "sla %s: ", argv[1]);
        policy_clear(&p);
        return rc;
    }
    for (size_t k = 0; k < b->n_policies; k++) {
        if (strcmp(b->policies[k].name, p.name) == 0) {
            policy_clear(&b->policies[k]);
            b->policies[k] = p;
            return TD_OK;
        }
    }
    b->policies = xreallocarray(b->policies, b->n_policies + 1,
                                sizeof *b->policies);
    b->policies[b->n_policies++] = p;
    return TD_OK;
}

static void
dump_mask(struct buf *out, const char *key, unsigned mask,
          const char *(*name)(int))
{
    int first = 1;

    if (mask == 0)
        return;
    buf_printf(out, " %s=", key);
    for (int k = 0; k < 32; k++) {
        if (mask & (1u << k)) {
            buf_printf(out, "%s%s", first ? "" : ",", name(k));
            first = 0;
        }
    }
}

static const char *
prio_name(int k)
{
    return ticket_priority_name((enum ticket_priority)k);
}

static const char *
chan_name(int k)
{
    return channel_name((enum channel)k);
}

void
sla_book_dump(const struct sla_book *b, struct buf *out)
{
    char span[32];

    for (size_t i = 0; b && i < b->n_teams; i++) {
        const struct sla_team *t = &b->teams[i];

        buf_printf(out, "hours %s ", t->name);
        bizhours_format_week(&t->hours, out);
        if (t->tz_name)
            buf_printf(out, " tz=%s", t->tz_name);
        /* The dates, not the file: what was loaded is what counts. */
        if (t->hours.n_holidays) {
            buf_adds(out, " holidays=");
            bizhours_format_dates(&t->hours, out);
        }
        buf_addc(out, '\n');
    }
    for (size_t i = 0; b && i < b->n_policies; i++) {
        const struct sla_policy *p = &b->policies[i];

        buf_printf(out, "sla %s", p->name);
        if (p->first) {
            time_format_exact(p->first, span, sizeof span);
            buf_printf(out, " first=%s", span);
        }
        if (p->next) {
            time_format_exact(p->next, span, sizeof span);
            buf_printf(out, " next=%s", span);
        }
        dump_mask(out, "priority", p->priorities, prio_name);
        dump_mask(out, "channel", p->channels, chan_name);
        if (p->account)
            buf_printf(out, " account=%s", p->account);
        if (p->team)
            buf_printf(out, " hours=%s", p->team);
        buf_addc(out, '\n');
    }
}

const struct sla_policy *
sla_book_match(const struct sla_book *b, const char *account,
               enum ticket_priority prio, enum channel chan)
{
    for (size_t i = 0; b && i < b->n_policies; i++) {
        const struct sla_policy *p = &b->policies[i];

        if (p->priorities && !(p->priorities & (1u << prio)))
            continue;
        if (p->channels && !(p->channels & (1u << chan)))
            continue;
        if (p->account && (account == NULL || strcmp(p->account, account)))
            continue;
        return p;
    }
    return NULL;
}

void
sla_ticket_due(const struct sla_book *b, const struct sla_facts *f,
               struct sla_result *out)
{
    const struct sla_policy *p;
    const struct sla_team *team = NULL;
    time_t start;
    int64_t target;

    memset(out, 0, sizeof *out);
    if (f->status != TS_NEW && f->status != TS_OPEN)
        return;
    if (f->first_reply_at == 0)
        out->phase = SLA_FIRST;
    else if (f->customer_at > f->agent_at)
        out->phase = SLA_NEXT;
    else
        return;
    if (out->phase == SLA_FIRST ? f->backend_first_due
                                : f->backend_next_due) {
        out->due = out->phase == SLA_FIRST ? f->backend_first_due
                                           : f->backend_next_due;
        out->source = "backend";
        return;
    }
    if ((p = sla_book_match(b, f->account, f->priority, f->channel)) == NULL)
        return;
    target = out->phase == SLA_FIRST ? p->first : p->next;
    start = out->phase == SLA_FIRST ? f->created_at : f->customer_at;
    if (target == 0 || start == 0)
        return;
    if (p->team)
        team = sla_book_team(b, p->team);
    out->due = bizhours_due(team ? &team->hours : NULL,
                            team ? team->tz : NULL, start, target);
    out->source = out->due ? p->name : NULL;
}

int
sla_channel_has_window(enum channel c)
{
    return c == CH_WHATSAPP || c == CH_LINE;
}

int64_t
sla_window_left(enum channel c, time_t customer_at, time_t now)
{
    if (!sla_channel_has_window(c) || customer_at == 0)
        return 0;
    return (int64_t)(customer_at + SLA_MSG_WINDOW) - (int64_t)now;
}
