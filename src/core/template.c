/* template.c: reading .tmpl files into templates, the library over the
 * search path, and which language variant a buyer gets and why. */
#include "core/template.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/paths.h"
#include "core/tlocale.h"
#include "util/xmalloc.h"

#define TEMPLATE_MAX_ERRORS 20  /* errors reported per file */
#define TEMPLATE_MAX_VARIANTS 64

/* The keys of the header block; anything else is reported, so that a typo
 * ("staus") does not silently lose a setting. */
enum tpl_key {
    TK_NAME = 0,
    TK_CODE,
    TK_DESCRIPTION,
    TK_INTENT,
    TK_TAGS,
    TK_STATUS,
    TK_TYPE,
    TK_APPROVED,
    TK_ORIGIN,
    TK_IMPORTED,
    TK_COUNT
};

static const char *const key_names[TK_COUNT] = {
    [TK_NAME] = "name",
    [TK_CODE] = "code",
    [TK_DESCRIPTION] = "description",
    [TK_INTENT] = "intent",
    [TK_TAGS] = "tags",
    [TK_STATUS] = "status",
    [TK_TYPE] = "type",
    [TK_APPROVED] = "approved",
    [TK_ORIGIN] = "origin",
    [TK_IMPORTED] = "imported",
};

/* The parser's position, for "file:line: message". */
struct tparse {
    const char *path;
    int line;
    struct trender_list *errs;
    struct template *t;
    int seen[TK_COUNT];
    int n_err;              /* header errors; past the cap they are dropped */
};

static void
perr(struct tparse *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
perr(struct tparse *p, const char *fmt, ...)
{
    struct buf b;
    va_list ap;

    if (++p->n_err > TEMPLATE_MAX_ERRORS)
        return;
    buf_init(&b, 0);
    (void)buf_printf(&b, "%s:%d: ", p->path, p->line);
    va_start(ap, fmt);
    (void)buf_vprintf(&b, fmt, ap);
    va_end(ap);
    trender_list_add(p->errs, buf_str(&b));
    buf_free(&b);
}

static char *
trimmed(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

int
template_section_line(const char *s, size_t n, char **tag)
{
    size_t i = 1, letters = 0;

    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n < 4 || s[0] != '[' || s[n - 1] != ']')
        return 0;
    while (i < n - 1 && isalpha((unsigned char)s[i]))
        i++, letters++;
    if (letters < 2 || letters > 3)
        return 0;
    while (i < n - 1) {
        size_t sub = 0;

        if (s[i] != '-' && s[i] != '_')
            return 0;
        for (i++; i < n - 1 && isalnum((unsigned char)s[i]); i++)
            sub++;
        if (sub < 2 || sub > 8)
            return 0;
    }
    if (tag)
        *tag = xstrndup(s + 1, n - 2);
    return 1;
}

/* Split a comma list into owned words. */
static void
split_list(const char *v, char ***out, size_t *n)
{
    while (*v) {
        size_t len = strcspn(v, ",");
        char *w = trimmed(v, len);

        if (*w) {
            *out = xreallocarray(*out, *n + 1, sizeof **out);
            (*out)[(*n)++] = w;
        } else {
            free(w);
        }
        v += len + (v[len] == ',');
    }
}

static void
header_line(struct tparse *p, const char *s, size_t n)
{
    struct template *t = p->t;
    const char *eq = memchr(s, '=', n);
    char *key, *val;
    int k = -1;

    if (eq == NULL) {
        perr(p, "expected 'key = value' or a section such as [en]");
        return;
    }
    key = trimmed(s, (size_t)(eq - s));
    val = trimmed(eq + 1, n - (size_t)(eq + 1 - s));
    for (int i = 0; i < TK_COUNT; i++)
        if (strcmp(key_names[i], key) == 0)
            k = i;
    if (k < 0) {
        perr(p, "unknown key '%s' (name, code, description, intent, tags, "
                "status, type, approved, origin, imported)", key);
        goto out;
    }
    if (p->seen[k]++)
        perr(p, "'%s' is given twice; the last one counts", key);
    switch ((enum tpl_key)k) {
    case TK_NAME:
        xfree_str(&t->name);
        t->name = xstrdup(val);
        break;
    case TK_CODE:
        xfree_str(&t->code);
        t->code = *val ? xstrdup(val) : NULL;
        break;
    case TK_DESCRIPTION:
        xfree_str(&t->description);
        t->description = xstrdup(val);
        break;
    case TK_INTENT:
        xfree_str(&t->intent);
        t->intent = xstrdup(val);
        break;
    case TK_TAGS:
        split_list(val, &t->tags, &t->n_tags);
        break;
    case TK_STATUS:
        if (strcmp(val, "none") == 0 || *val == '\0')
            t->status = -1;
        else if ((t->status = ticket_status_from_name(val)) < 0)
            perr(p, "unknown status '%s' (new, open, pending, on-hold, "
                    "solved, closed or none)", val);
        break;
    case TK_TYPE:
        if (strcmp(val, "public") == 0)
            t->is_note = 0;
        else if (strcmp(val, "note") == 0)
            t->is_note = 1;
        else
            perr(p, "type is 'public' or 'note', not '%s'", val);
        break;
    case TK_APPROVED: {
        char **w = NULL;
        size_t nw = 0;

        split_list(val, &w, &nw);
        for (size_t i = 0; i < nw; i++) {
            int c = channel_from_name(w[i]);

            if (c < 0)
                perr(p, "unknown channel '%s' in approved", w[i]);
            else
                t->approved |= 1u << c;
            free(w[i]);
        }
        free(w);
        break;
    }
    case TK_ORIGIN:
        xfree_str(&t->origin);
        t->origin = *val ? xstrdup(val) : NULL;
        break;
    case TK_IMPORTED:
        xfree_str(&t->imported);
        t->imported = *val ? xstrdup(val) : NULL;
        break;
    case TK_COUNT:
        break;
    }
out:
    free(key);
    free(val);
}

/* Close the section being read: trim its blank edges and check it. */
static void
end_section(struct tparse *p, struct buf *body, int first_line)
{
    struct tpl_variant *v;
    const char *s;
    size_t n;
    int line = first_line;

    if (p->t->n_variants == 0)
        return;
    v = &p->t->variants[p->t->n_variants - 1];
    s = buf_str(body);
    n = body->len;
    /* Leading blank lines go, and the body starts that much lower. */
    for (;;) {
        size_t i = 0;

        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= n || s[i] != '\n')
            break;
        s += i + 1, n -= i + 1, line++;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    v->body = xstrndup(s, n);
    v->line = line;
    if (n == 0) {
        int at = p->line;

        p->line = first_line - 1;   /* the section's own line */
        perr(p, "section [%s] is empty", v->lang);
        p->line = at;
    }
    else if (p->n_err <= TEMPLATE_MAX_ERRORS)
        p->n_err += (int)trender_check(v->body, p->path, line, p->errs);
    buf_reset(body);
}

static char *
id_of(const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n, ext = strlen(TEMPLATE_EXT);

    base = base ? base + 1 : path;
    n = strlen(base);
    if (n > ext && strcmp(base + n - ext, TEMPLATE_EXT) == 0)
        n -= ext;
    return xstrndup(base, n);
}

struct template *
template_parse(const char *path, const char *text, struct trender_list *errs)
{
    struct template *t = xcalloc(1, sizeof *t);
    struct tparse p = { .path = path, .errs = errs, .t = t };
    struct buf body;
    int first = 0;
    char *tag;

    t->id = id_of(path);
    t->path = xstrdup(path);
    t->status = -1;
    buf_init(&body, TEMPLATE_MAX_FILE);
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n"), len = n;

        p.line++;
        if (len && s[len - 1] == '\r')
            len--;
        if (template_section_line(s, len, &tag)) {
            int dup = 0;

            if (first > 0)
                end_section(&p, &body, first);
            for (size_t i = 0; i < t->n_variants; i++)
                dup |= tlocale_tag_eq(t->variants[i].lang, tag);
            if (!dup && t->n_variants == TEMPLATE_MAX_VARIANTS) {
                perr(&p, "more than %d sections; the rest are ignored",
                     TEMPLATE_MAX_VARIANTS);
                free(tag);
                tag = NULL;
            } else if (dup) {
                perr(&p, "section [%s] appears twice; the first one counts",
                     tag);
                free(tag);
                tag = NULL;
            } else {
                t->variants = xreallocarray(t->variants, t->n_variants + 1,
                                            sizeof *t->variants);
                memset(&t->variants[t->n_variants], 0,
                       sizeof *t->variants);
                t->variants[t->n_variants++].lang = tag;
            }
            first = p.line + 1;
            /* A refused section's text is skipped: first < 0 marks it. */
            if (tag == NULL)
                first = -1;
        } else if (first > 0) {
            (void)buf_add(&body, s, len);
            (void)buf_addc(&body, '\n');
        } else if (first == 0) {
            size_t i = 0;

            while (i < len && isspace((unsigned char)s[i]))
                i++;
            if (i < len && s[i] != '#')
                header_line(&p, s, len);
        }
        s += n + (s[n] == '\n');
    }
    if (first > 0)
        end_section(&p, &body, first);
    buf_free(&body);
    if (t->name == NULL)
        t->name = xstrdup(t->id);
    if (t->n_variants == 0) {
        p.line = p.line ? p.line : 1;
        p.n_err = 0;    /* this one is always said */
        perr(&p, "no language section such as [en]");
        template_free(&t);
    }
    return t;
}

struct template *
template_load(const char *path, struct trender_list *errs)
{
    FILE *f = fopen(path, "r");
    struct template *t = NULL;
    struct buf text;
    char chunk[4096];
    size_t n;
    char *msg;

    if (f == NULL) {
        msg = xasprintf("%s: %s", path, strerror(errno));
        trender_list_add(errs, msg);
        free(msg);
        return NULL;
    }
    buf_init(&text, TEMPLATE_MAX_FILE);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&text, chunk, n) != 0) {
            msg = xasprintf("%s: larger than %d KiB", path,
                            TEMPLATE_MAX_FILE / 1024);
            trender_list_add(errs, msg);
            free(msg);
            goto out;
        }
    }
    t = template_parse(path, buf_str(&text), errs);
out:
    fclose(f);
    buf_free(&text);
    return t;
}

void
template_free(struct template **tp)
{
    struct template *t = tp ? *tp : NULL;

    if (t == NULL)
        return;
    free(t->id);
    free(t->path);
    free(t->name);
    free(t->code);
    free(t->description);
    free(t->intent);
    free(t->origin);
    free(t->imported);
    for (size_t i = 0; i < t->n_tags; i++)
        free(t->tags[i]);
    free(t->tags);
    for (size_t i = 0; i < t->n_variants; i++) {
        free(t->variants[i].lang);
        free(t->variants[i].body);
    }
    free(t->variants);
    free(t);
    *tp = NULL;
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_tpl(const void *a, const void *b)
{
    return strcmp((*(struct template *const *)a)->id,
                  (*(struct template *const *)b)->id);
}

void
tpl_library_add_dir(struct tpl_library *lib, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, ext = strlen(TEMPLATE_EXT);

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (e->d_name[0] != '.' && len > ext &&
            strcmp(e->d_name + len - ext, TEMPLATE_EXT) == 0) {
            names = xreallocarray(names, n + 1, sizeof *names);
            names[n++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        char *path = paths_join(dir, names[i]);
        char *id = id_of(names[i]);
        struct template *t;

        /* An earlier directory's template of the same id wins. */
        if (tpl_library_find(lib, id) == NULL &&
            (t = template_load(path, &lib->errors)) != NULL) {
            lib->items = xreallocarray(lib->items, lib->n + 1,
                                       sizeof *lib->items);
            lib->items[lib->n++] = t;
        }
        free(id);
        free(path);
        free(names[i]);
    }
    free(names);
    if (lib->n > 0)
        qsort(lib->items, lib->n, sizeof *lib->items, cmp_tpl);
}

void
tpl_library_load(struct tpl_library *lib, const char *share_dir)
{
    char *conf = paths_config_dir();
    char *dir = paths_join(conf, "templates");

    tpl_library_add_dir(lib, dir);
    free(dir);
    free(conf);
    if (share_dir) {
        dir = paths_join(share_dir, "templates");
        tpl_library_add_dir(lib, dir);
        free(dir);
    }
}

const struct template *
tpl_library_find(const struct tpl_library *lib, const char *name)
{
    for (size_t i = 0; i < lib->n; i++)
        if (strcmp(lib->items[i]->id, name) == 0)
            return lib->items[i];
    for (size_t i = 0; i < lib->n; i++)
        if (lib->items[i]->code && strcmp(lib->items[i]->code, name) == 0)
            return lib->items[i];
    return NULL;
}

void
tpl_library_free(struct tpl_library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        template_free(&lib->items[i]);
    free(lib->items);
    lib->items = NULL;
    lib->n = 0;
    trender_list_free(&lib->errors);
}

int
template_channel_ok(const struct template *t, enum channel c)
{
    if (c != CH_WHATSAPP && c != CH_LINE)
        return 1;
    return (t->approved & (1u << c)) != 0;
}

static long
find_exact(const struct template *t, const char *tag, size_t n)
{
    for (size_t i = 0; i < t->n_variants; i++)
        if (strlen(t->variants[i].lang) == n &&
            strncasecmp(t->variants[i].lang, tag, n) == 0)
            return (long)i;
    return -1;
}

static long
find_same_language(const struct template *t, const char *tag)
{
    size_t n = tlocale_primary_len(tag);

    for (size_t i = 0; i < t->n_variants; i++)
        if (tlocale_primary_len(t->variants[i].lang) == n &&
            strncasecmp(t->variants[i].lang, tag, n) == 0)
            return (long)i;
    return -1;
}

/* Try tag exactly; note a miss in why unless it was tried before. */
static long
try_tag(const struct template *t, const char *tag, size_t n,
        struct buf *tried)
{
    long i = find_exact(t, tag, n);
    char *mark;

    if (i >= 0 || n == 0)
        return i;
    mark = xasprintf("%.*s not found, ", (int)n, tag);
    if (strstr(buf_str(tried), mark) == NULL)
        (void)buf_adds(tried, mark);
    free(mark);
    return -1;
}

size_t
template_pick(const struct template *t, const char *want, const char *locale,
              const char *default_lang, struct buf *why)
{
    struct buf tried;
    const char *how = "";
    long i = -1;

    buf_init(&tried, 0);
    if (want == NULL || *want == '\0') {
        want = locale && *locale ? locale : NULL;
        if (want == NULL)
            (void)buf_adds(&tried, "the ticket has no language, ");
    }
    if (want) {
        /* The ticket says "pt", the buyer's locale says which pt. */
        if (locale && !tlocale_tag_eq(locale, want) &&
            tlocale_primary_len(want) == strlen(want) &&
            tlocale_primary_len(locale) == strlen(want) &&
            strncasecmp(locale, want, strlen(want)) == 0 &&
            (i = try_tag(t, locale, strlen(locale), &tried)) >= 0)
            how = ", the buyer's locale";
        if (i < 0)
            i = try_tag(t, want, strlen(want), &tried);
        if (i < 0 && tlocale_primary_len(want) < strlen(want))
            i = try_tag(t, want, tlocale_primary_len(want), &tried);
        if (i < 0 && (i = find_same_language(t, want)) >= 0)
            how = ", the closest variant in that language";
    }
    if (i < 0 && default_lang && *default_lang) {
        i = try_tag(t, default_lang, strlen(default_lang), &tried);
        if (i < 0)
            i = find_same_language(t, default_lang);
        if (i >= 0)
            how = ", the default language";
    }
    if (i < 0 && ((i = try_tag(t, "en", 2, &tried)) >= 0 ||
                  (i = find_same_language(t, "en")) >= 0))
        how = ", the last resort";
    if (i < 0) {
        i = 0;
        how = ", the template's first section";
    }
    if (why)
        (void)buf_printf(why, "%sused %s%s", buf_str(&tried),
                         t->variants[i].lang, how);
    buf_free(&tried);
    return (size_t)i;
}

enum td_status
template_render(const struct template *t, const struct tvars *v,
                const char *want, const char *default_lang,
                struct tpl_result *out, struct td_error *err)
{
    struct buf why, msg;
    size_t i;
    enum td_status rc;

    memset(out, 0, sizeof *out);
    buf_init(&why, 0);
    i = template_pick(t, want, v->locale, default_lang, &why);
    out->variant = &t->variants[i];
    out->why = buf_detach(&why);
    buf_free(&why);
    rc = trender_run(out->variant->body, v, out->variant->lang, &out->r, err);
    if (rc != TD_OK) {
        tpl_result_free(out);
        return rc;
    }
    if (out->r.missing.n == 0 && out->r.inputs.n == 0)
        return TD_OK;
    buf_init(&msg, 0);
    for (size_t k = 0; k < out->r.missing.n; k++)
        (void)buf_printf(&msg, "%s%s", k ? ", " : "unresolved: ",
                         out->r.missing.v[k]);
    for (size_t k = 0; k < out->r.inputs.n; k++)
        (void)buf_printf(&msg, "%s?%s",
                         k ? ", " : (msg.len ? "; needs input: "
                                             : "needs input: "),
                         out->r.inputs.v[k]);
    td_error_set(err, TD_EINVAL, "%s", buf_str(&msg));
    buf_free(&msg);
    return TD_EINVAL;
}

void
tpl_result_free(struct tpl_result *r)
{
    free(r->why);
    trender_free(&r->r);
    memset(r, 0, sizeof *r);
}
