/* timport.c: converting backends' placeholders to ours and writing
 * imported canned replies into the template library. */
#include "core/timport.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/paths.h"
#include "core/tfile.h"
#include "core/tvars.h"
#include "util/xmalloc.h"

/* One backend placeholder and the variable it becomes. */
struct tmap {
    const char *from;
    const char *to;
};

/* Zendesk macros use Liquid over its placeholder objects (Zendesk help,
 * "Zendesk Support placeholders reference"). */
static const struct tmap zendesk_map[] = {
    { "ticket.requester.first_name", "customer.first_name" },
    { "ticket.requester.name", "customer.name" },
    { "ticket.requester.email", "customer.email" },
    { "current_user.name", "agent.name" },
    { "current_user.first_name", "agent.first_name" },
    { "ticket.assignee.name", "agent.name" },
    { "ticket.assignee.first_name", "agent.first_name" },
    { "ticket.id", "ticket.id" },
    { "ticket.title", "ticket.subject" },
    { NULL, NULL },
};

/* Freshdesk canned responses ("Placeholders" in the Freshdesk docs). */
static const struct tmap freshdesk_map[] = {
    { "ticket.requester.name", "customer.name" },
    { "ticket.requester.firstname", "customer.first_name" },
    { "ticket.requester.first_name", "customer.first_name" },
    { "ticket.requester.email", "customer.email" },
    { "ticket.agent.name", "agent.name" },
    { "ticket.agent.first_name", "agent.first_name" },
    { "ticket.id", "ticket.id" },
    { "ticket.subject", "ticket.subject" },
    { NULL, NULL },
};

/* Chatwoot canned responses (its "variables" in messages). */
static const struct tmap chatwoot_map[] = {
    { "contact.name", "customer.name" },
    { "contact.first_name", "customer.first_name" },
    { "contact.email", "customer.email" },
    { "agent.name", "agent.name" },
    { "agent.first_name", "agent.first_name" },
    { "conversation.id", "ticket.id" },
    { NULL, NULL },
};

/* Zammad text modules use #{object.attribute} (Zammad admin docs,
 * "Variables"). */
static const struct tmap zammad_map[] = {
    { "ticket.customer.firstname", "customer.first_name" },
    { "ticket.customer.fullname", "customer.name" },
    { "ticket.customer.email", "customer.email" },
    { "user.firstname", "agent.first_name" },
    { "user.fullname", "agent.name" },
    { "ticket.owner.firstname", "agent.first_name" },
    { "ticket.owner.fullname", "agent.name" },
    { "ticket.number", "ticket.id" },
    { "ticket.title", "ticket.subject" },
    { NULL, NULL },
};

static const struct tmap *
map_of(const char *driver)
{
    if (strcmp(driver, "zendesk") == 0)
        return zendesk_map;
    if (strcmp(driver, "freshdesk") == 0)
        return freshdesk_map;
    if (strcmp(driver, "chatwoot") == 0)
        return chatwoot_map;
    if (strcmp(driver, "zammad") == 0)
        return zammad_map;
    return NULL;
}

/* Write the placeholder path s[0..n) (blanks and Liquid filters already
 * cut) as one of our tags. */
static void
put_placeholder(const char *driver, const struct tmap *map, const char *s,
                size_t n, struct buf *out, struct trender_list *unknown)
{
    char *name;

    for (const struct tmap *m = map; m && m->from; m++) {
        if (strlen(m->from) == n && strncmp(m->from, s, n) == 0) {
            (void)buf_printf(out, "{{%s}}", m->to);
            return;
        }
    }
    /* Already ours (a team that used our names upstream). */
    if (tvars_find(s, n) >= 0) {
        (void)buf_printf(out, "{{%.*s}}", (int)n, s);
        return;
    }
    /* Anything else: a prompt, named so the agent sees what it was. */
    name = xasprintf("%s.%.*s", driver, (int)n, s);
    for (char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.' ||
              *p == '-'))
            *p = '_';
    (void)buf_printf(out, "{{?%s}}", name);
    if (unknown)
        trender_list_add(unknown, name);
    free(name);
}

/* The path inside a placeholder: blanks trimmed, a Liquid filter
 * ("| capitalize") cut. Returns its length from *s. */
static size_t
placeholder_path(const char **s, size_t n)
{
    const char *p = *s;
    size_t k;

    while (n && isspace((unsigned char)*p))
        p++, n--;
    for (k = 0; k < n && p[k] != '|'; k++)
        ;
    while (k && isspace((unsigned char)p[k - 1]))
        k--;
    *s = p;
    return k;
}

static int
simple_path(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '.' ||
              s[i] == '-'))
            return 0;
    return 1;
}

/* Whether tag (all of "{{...}}") is ours and checks: a variable known
 * to us, a ?prompt, || fallbacks, or a block tag (#if, else, /if...). */
static int
ours_tag(const char *tag, size_t n)
{
    struct trender_list errs = { 0 };
    char *body;
    size_t bad;
    const char *in = tag + 2;

    while (*in == ' ')
        in++;
    /* A block tag alone does not check (it is unclosed): its condition
     * is what matters, as {{#if X}}{{/if}}. */
    if (*in == '#' || *in == '/' || strncmp(in, "else", 4) == 0) {
        if (*in == '/' || strncmp(in, "else", 4) == 0)
            return strncmp(in, "/if", 3) == 0 ||
                   strncmp(in, "/unless", 7) == 0 ||
                   strncmp(in, "else}}", 6) == 0 ||
                   strncmp(in, "else }}", 7) == 0;
        body = xasprintf("%.*s{{%s}}", (int)n, tag,
                         strncmp(in, "#unless", 7) == 0 ? "/unless" : "/if");
    } else {
        body = xstrndup(tag, n);
    }
    bad = trender_check(body, "import", 1, &errs);
    trender_list_free(&errs);
    free(body);
    return bad == 0;
}

static void convert(const char *driver, const char *body, struct buf *out,
                    struct trender_list *unknown);

void
timport_convert(const char *driver, const char *body, struct buf *out,
                struct trender_list *unknown)
{
    struct trender_list errs = { 0 };
    struct buf tmp;

    buf_init(&tmp, 0);
    convert(driver, body, &tmp, unknown);
    /* Tags that are each fine may still not add up (an {{#if}} never
     * closed): then every brace is made literal; the editor still sees
     * the tags and will not send them. */
    if (trender_check(buf_str(&tmp), "import", 1, &errs) > 0) {
        for (const char *p = buf_str(&tmp); *p; p++) {
            if (p[0] == '\\' && p[1] == '{' && p[2] == '{') {
                (void)buf_adds(out, "\\{{");
                p += 2;
            } else if (p[0] == '{' && p[1] == '{') {
                (void)buf_adds(out, "\\{{");
                p++;
            } else {
                (void)buf_addc(out, *p);
            }
        }
    } else {
        (void)buf_add(out, buf_str(&tmp), tmp.len);
    }
    trender_list_free(&errs);
    buf_free(&tmp);
}

static void
convert(const char *driver, const char *body, struct buf *out,
        struct trender_list *unknown)
{
    const struct tmap *map = map_of(driver);
    int zammad = strcmp(driver, "zammad") == 0;
    int liquid = strcmp(driver, "zendesk") == 0;
    int line_start = 1;

    for (const char *p = body; *p;) {
        if (*p == '\r' && p[1] == '\n') {
            p++;
            continue;
        }
        if (line_start) {
            size_t len = strcspn(p, "\n");

            if (template_section_line(p, len, NULL))
                (void)buf_addc(out, ' ');
            line_start = 0;
        }
        if (*p == '\n') {
            (void)buf_addc(out, '\n');
            line_start = 1;
            p++;
            continue;
        }
        /* Zammad: #{ticket.customer.firstname} */
        if (zammad && p[0] == '#' && p[1] == '{') {
            const char *end = strchr(p + 2, '}');
            const char *s = p + 2;
            size_t n;

            if (end && memchr(s, '\n', (size_t)(end - s)) == NULL) {
                n = placeholder_path(&s, (size_t)(end - s));
                if (simple_path(s, n)) {
                    put_placeholder(driver, map, s, n, out, unknown);
                    p = end + 1;
                    continue;
                }
            }
        }
        /* Liquid logic ({% if %}) has no equivalent: the agent decides. */
        if (liquid && p[0] == '{' && p[1] == '%') {
            const char *end = strstr(p + 2, "%}");

            if (end) {
                put_placeholder(driver, NULL, "liquid", 6, out, unknown);
                p = end + 2;
                continue;
            }
        }
        if (p[0] == '{' && p[1] == '{') {
            const char *end = strstr(p + 2, "}}");
            const char *s = p + 2;
            size_t n;

            if (!zammad && end &&
                memchr(s, '\n', (size_t)(end - s)) == NULL) {
                /* Our own syntax (the local backend, or a team that used
                 * it upstream): a tag that checks is kept as written. */
                if (ours_tag(p, (size_t)(end + 2 - p))) {
                    (void)buf_add(out, p, (size_t)(end + 2 - p));
                    p = end + 2;
                    continue;
                }
                n = placeholder_path(&s, (size_t)(end - s));
                if (simple_path(s, n)) {
                    put_placeholder(driver, map, s, n, out, unknown);
                    p = end + 2;
                    continue;
                }
            }
            /* Not a placeholder we can read: literal braces. */
            (void)buf_adds(out, "\\{{");
            p += 2;
            continue;
        }
        /* A backslash before braces would escape them in our syntax. */
        (void)buf_addc(out, *p++);
    }
}

const char *
timport_action_name(enum timport_action a)
{
    switch (a) {
    case TIMPORT_NEW:
        return "new";
    case TIMPORT_UPDATED:
        return "updated";
    case TIMPORT_SAME:
        return "unchanged";
    case TIMPORT_KEPT:
        return "kept (edited here)";
    case TIMPORT_SKIPPED:
        return "skipped (empty)";
    }
    return "?";
}

char *
timport_checksum(const char *text)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return xasprintf("%016" PRIx64, h);
}

/* One header value on one line: newlines and controls become spaces. */
static char *
one_line(const char *s)
{
    char *v = xstrdup(s ? s : "");

    for (char *p = v; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    return v;
}

/* A file name from a title: lowercase ASCII words joined by '-'. */
static char *
slug(const char *title)
{
    struct buf b;
    int dash = 0;

    buf_init(&b, 0);
    for (const char *p = title ? title : ""; *p && b.len < 40; p++) {
        unsigned char c = (unsigned char)*p;

        if (isalnum(c) && c < 0x80) {
            if (dash && b.len)
                (void)buf_addc(&b, '-');
            dash = 0;
            (void)buf_addc(&b, (char)tolower(c));
        } else {
            dash = 1;
        }
    }
    if (b.len == 0)
        (void)buf_adds(&b, "canned");
    return buf_detach(&b);
}

/* An id for a new template, not used by any in lib nor any file in dir. */
static char *
fresh_id(const struct tpl_library *lib, const char *dir,
         const struct timport_item *it)
{
    char *base = slug(it->title), *id = xstrdup(base);
    const char *tail = strrchr(it->origin, ':');
    struct stat st;

    for (int i = 1;; i++) {
        char *file = xasprintf("%s%s", id, TEMPLATE_EXT);
        char *path = paths_join(dir, file);
        int taken = tpl_library_find(lib, id) != NULL ||
                    stat(path, &st) == 0 || !tfile_valid_id(id);

        free(file);
        free(path);
        if (!taken)
            break;
        free(id);
        /* name-zendesk-123, then name-zendesk-123-2 ... */
        if (i == 1) {
            char *t = xasprintf("%s-%s-%s", base, it->driver,
                                tail ? tail + 1 : "x");

            id = slug(t);
            free(t);
        } else {
            char *t = xasprintf("%s-%s-%s-%d", base, it->driver,
                                tail ? tail + 1 : "x", i);

            id = slug(t);
            free(t);
        }
        if (i > 1000) {
            free(id);
            id = NULL;
            break;
        }
    }
    free(base);
    return id;
}

/* The file an import writes. body is what the parser will read back. */
static char *
file_text(const struct timport_item *it, const char *sum, const char *body)
{
    char *title = one_line(it->title && *it->title ? it->title : "canned");
    char *folder = one_line(it->folder);
    char *origin = one_line(it->origin);
    char *text = xasprintf(
        "# Imported by `ttydesk template import` from %s.\n"
        "# Edit it freely: a later import leaves an edited file alone.\n"
        "name = %s\n"
        "description = %s%simported from %s\n"
        "tags = imported, %s\n"
        "type = public\n"
        "origin = %s\n"
        "imported = %s\n"
        "\n"
        "[%s]\n"
        "%s\n",
        origin, title, folder, *folder ? ", " : "", it->driver, it->driver,
        origin, sum, it->lang, body);

    free(title);
    free(folder);
    free(origin);
    return text;
}

/* The body as the template parser reads it (trimmed), through the parser
 * itself so that the checksum matches what a later load sees. */
static char *
parsed_body(const char *lang, const char *body)
{
    struct trender_list errs = { 0 };
    char *text = xasprintf("[%s]\n%s\n", lang, body);
    struct template *t = template_parse("import", text, &errs);
    char *out = t && t->n_variants ? xstrdup(t->variants[0].body) : NULL;

    template_free(&t);
    trender_list_free(&errs);
    free(text);
    return out;
}

static const struct template *
find_origin(const struct tpl_library *lib, const char *origin)
{
    for (size_t i = 0; i < lib->n; i++)
        if (lib->items[i]->origin &&
            strcmp(lib->items[i]->origin, origin) == 0)
            return lib->items[i];
    return NULL;
}

enum td_status
timport_write(const struct tpl_library *lib, const char *dir,
              const struct timport_item *it, int dry_run,
              enum timport_action *act, char **id, struct td_error *err)
{
    const struct template *old = find_origin(lib, it->origin);
    char *body = parsed_body(it->lang, it->body ? it->body : "");
    char *sum = NULL, *text = NULL, *path = NULL, *file;
    enum td_status rc = TD_OK;

    *id = NULL;
    if (body == NULL || *body == '\0') {
        *act = TIMPORT_SKIPPED;
        *id = old ? xstrdup(old->id) : NULL;
        goto out;
    }
    sum = timport_checksum(body);
    if (old) {
        int edited = 1;
        char *now;

        *id = xstrdup(old->id);
        /* Unedited: one variant, whose text is what the import wrote. */
        if (old->imported && old->n_variants == 1) {
            now = timport_checksum(old->variants[0].body);
            edited = strcmp(now, old->imported) != 0;
            free(now);
        }
        if (old->imported && strcmp(sum, old->imported) == 0)
            *act = TIMPORT_SAME;
        else if (edited)
            *act = TIMPORT_KEPT;
        else
            *act = TIMPORT_UPDATED;
        if (*act != TIMPORT_UPDATED)
            goto out;
        path = xstrdup(old->path);
    } else {
        *act = TIMPORT_NEW;
        if ((*id = fresh_id(lib, dir, it)) == NULL) {
            rc = td_error_set(err, TD_ECONFLICT, "no free name for %s",
                              it->origin);
            goto out;
        }
        file = xasprintf("%s%s", *id, TEMPLATE_EXT);
        path = paths_join(dir, file);
        free(file);
    }
    if (dry_run)
        goto out;
    if ((rc = paths_ensure_private_dir(dir, err)) != TD_OK)
        goto out;
    text = file_text(it, sum, body);
    rc = tfile_write(path, text, err);
out:
    free(body);
    free(sum);
    free(text);
    free(path);
    return rc;
}
