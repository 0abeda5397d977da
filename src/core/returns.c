/* returns.c: return windows by country, read from a rules file. */
#include "core/returns.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

#define RETURNS_MAX_LINE 1024
#define RETURNS_MAX_DAYS 3650
#define DAY_S 86400

struct return_group {
    char *name;
    char **codes;
    size_t n;
};

struct return_rule {
    char *who;              /* a country code, a group name, or "*" */
    int days;               /* -1: the shop's policy */
    int from_order;
    char *why;
};

struct return_rules {
    struct return_group *groups;
    size_t n_groups;
    struct return_rule *rules;
    size_t n_rules;
};

static void
errs_add(char ***errs, size_t *n, const char *path, int line,
         const char *msg)
{
    if (errs == NULL)
        return;
    *errs = xreallocarray(*errs, *n + 1, sizeof **errs);
    (*errs)[(*n)++] = xasprintf("%s:%d: %s", path, line, msg);
}

/* Split a line into words ("double quotes" group); returns the count. */
static int
returns_words(char *s, char **w, int max)
{
    int n = 0;

    while (*s && n < max) {
        while (isspace((unsigned char)*s))
            s++;
        if (*s == '\0' || *s == '#')
            break;
        if (*s == '"') {
            w[n++] = ++s;
            while (*s && *s != '"')
                s++;
        } else {
            w[n++] = s;
            while (*s && !isspace((unsigned char)*s))
                s++;
        }
        if (*s)
            *s++ = '\0';
    }
    return n;
}

static int
is_code(const char *s)
{
    return strlen(s) == 2 && isalpha((unsigned char)s[0]) &&
           isalpha((unsigned char)s[1]);
}

static const char *
returns_line(struct return_rules *r, char **w, int n)
{
    struct return_rule *rule;
    char *end;
    long days;

    if (strcmp(w[0], "group") == 0) {
        struct return_group *g;

        if (n < 3)
            return "group: want group NAME CC CC ...";
        for (int i = 2; i < n; i++)
            if (!is_code(w[i]))
                return "group: country codes are two letters (ISO 3166-1)";
        r->groups = xreallocarray(r->groups, r->n_groups + 1,
                                  sizeof *r->groups);
        g = &r->groups[r->n_groups++];
        g->name = xstrdup(w[1]);
        g->n = (size_t)(n - 2);
        g->codes = xcalloc(g->n, sizeof *g->codes);
        for (int i = 2; i < n; i++)
            g->codes[i - 2] = xstrdup(w[i]);
        return NULL;
    }
    if (n < 3 || n > 4)
        return "want CC|GROUP|* DAYS|shop from=delivery|order [\"WHY\"]";
    if (strcmp(w[1], "shop") == 0) {
        days = -1;
    } else {
        days = strtol(w[1], &end, 10);
        if (*end || days < 0 || days > RETURNS_MAX_DAYS)
            return "DAYS: a number of days from 0 to 3650, or shop";
    }
    if (strcmp(w[2], "from=delivery") != 0 && strcmp(w[2], "from=order") != 0)
        return "want from=delivery or from=order";
    if (strcmp(w[0], "*") != 0 && !is_code(w[0])) {
        size_t i = 0;

        while (i < r->n_groups && strcmp(r->groups[i].name, w[0]) != 0)
            i++;
        if (i == r->n_groups)
            return "not a country code, a group defined above, or *";
    }
    r->rules = xreallocarray(r->rules, r->n_rules + 1, sizeof *r->rules);
    rule = &r->rules[r->n_rules++];
    rule->who = xstrdup(w[0]);
    rule->days = (int)days;
    rule->from_order = strcmp(w[2], "from=order") == 0;
    rule->why = n == 4 ? xstrdup(w[3]) : NULL;
    return NULL;
}

enum td_status
returns_load(const char *path, struct return_rules **out, char ***errs,
             size_t *n_errs, struct td_error *err)
{
    FILE *f = fopen(path, "r");
    struct return_rules *r;
    char buf[RETURNS_MAX_LINE], *w[64];
    int line = 0, n;
    const char *msg;

    *out = NULL;
    if (f == NULL)
        return td_error_set(err, TD_ENOTFOUND, "%s: cannot open", path);
    r = xcalloc(1, sizeof *r);
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (strchr(buf, '\n') == NULL && !feof(f)) {
            int c;

            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
            errs_add(errs, n_errs, path, line, "line too long");
            continue;
        }
        if ((n = returns_words(buf, w, 64)) == 0)
            continue;
        if ((msg = returns_line(r, w, n)) != NULL)
            errs_add(errs, n_errs, path, line, msg);
    }
    fclose(f);
    *out = r;
    return TD_OK;
}

void
returns_free(struct return_rules **rp)
{
    struct return_rules *r;

    if (rp == NULL || *rp == NULL)
        return;
    r = *rp;
    for (size_t i = 0; i < r->n_groups; i++) {
        for (size_t k = 0; k < r->groups[i].n; k++)
            free(r->groups[i].codes[k]);
        free(r->groups[i].codes);
        free(r->groups[i].name);
    }
    for (size_t i = 0; i < r->n_rules; i++) {
        free(r->rules[i].who);
        free(r->rules[i].why);
    }
    free(r->groups);
    free(r->rules);
    free(r);
    *rp = NULL;
}

static int
rule_covers(const struct return_rules *r, const struct return_rule *rule,
            const char *country)
{
    if (strcmp(rule->who, "*") == 0)
        return 1;
    if (country == NULL)
        return 0;
    if (strcasecmp(rule->who, country) == 0)
        return 1;
    for (size_t i = 0; i < r->n_groups; i++) {
        if (strcmp(r->groups[i].name, rule->who) != 0)
            continue;
        for (size_t k = 0; k < r->groups[i].n; k++)
            if (strcasecmp(r->groups[i].codes[k], country) == 0)
                return 1;
    }
    return 0;
}

void
returns_window(const struct return_rules *r, const char *country,
               int shop_days, time_t delivered, time_t ordered,
               struct return_window *out)
{
    const struct return_rule *rule = NULL;
    time_t from;

    memset(out, 0, sizeof *out);
    out->days = shop_days;
    for (size_t i = 0; r && i < r->n_rules && rule == NULL; i++)
        if (rule_covers(r, &r->rules[i], country))
            rule = &r->rules[i];
    if (rule) {
        out->days = rule->days;
        out->from_order = rule->from_order;
        out->why = rule->why;
    }
    /* No statutory right (0) or the shop's own (-1): the shop's policy. */
    if (out->days <= 0)
        out->days = shop_days;
    from = out->from_order ? ordered : delivered;
    if (from != 0 && out->days > 0)
        out->deadline = from + (time_t)out->days * DAY_S;
}
