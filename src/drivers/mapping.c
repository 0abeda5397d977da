/* mapping.c: loading and checking mapping files; JSON paths; body templates. */
#include "drivers/mapping.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/model.h"
#include "core/paths.h"
#include "net/http_redact.h"
#include "net/http_url.h"
#include "net/json.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

/* What the loader is working on, for "file: where: message". */
struct mload {
    struct mapping *m;
    const char *file;
    struct td_error *err;
    enum td_status rc;          /* the first error; TD_OK until one */
};

static void mfail(struct mload *ld, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Only the first error is kept: later ones often follow from it. */
static void
mfail(struct mload *ld, const char *where, const char *fmt, ...)
{
    char msg[TD_ERROR_MAX];
    va_list ap;

    if (ld->rc != TD_OK)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld->rc = td_error_set(ld->err, TD_EINVAL, "%s: %s: %s", ld->file, where,
                          msg);
}

/* ---- JSON paths ---- */

/* Why path is not a JSON path ("a.b[0].c"), or NULL when it is one. */
static const char *
path_problem(const char *path)
{
    const char *p = path;

    if (*p == '\0')
        return "an empty JSON path (use \".\" for the whole document)";
    if (strcmp(p, ".") == 0)
        return NULL;
    for (;;) {
        size_t n = strcspn(p, ".[]");

        if (n == 0 && *p != '[')
            return "an empty step in the JSON path";
        if (n == 0 && p == path)
            return "a JSON path must start with a key";
        p += n;
        while (*p == '[') {
            size_t d = strspn(p + 1, "0123456789");

            if (d == 0 || p[1 + d] != ']')
                return "an index must be a number in brackets, as in "
                       "items[0]";
            p += d + 2;
        }
        if (*p == ']')
            return "a ']' without its '['";
        if (*p == '\0')
            return NULL;
        if (*p != '.')
            return "a key must follow an index with '.'";
        p++;
    }
}

const cJSON *
mapping_get(const cJSON *doc, const char *path)
{
    const cJSON *cur = doc;
    const char *p = path;
    char key[256];

    if (path == NULL || doc == NULL)
        return NULL;
    if (strcmp(path, ".") == 0)
        return doc;
    while (*p && cur) {
        size_t n = strcspn(p, ".[");

        if (n >= sizeof key)
            return NULL;
        if (n > 0) {
            memcpy(key, p, n);
            key[n] = '\0';
            cur = cJSON_IsObject(cur)
                      ? cJSON_GetObjectItemCaseSensitive(cur, key) : NULL;
        }
        p += n;
        while (*p == '[' && cur) {
            char *end;
            long i = strtol(p + 1, &end, 10);

            cur = cJSON_IsArray(cur) ? cJSON_GetArrayItem(cur, (int)i) : NULL;
            p = *end == ']' ? end + 1 : end;
        }
        if (*p == '.')
            p++;
    }
    return cur;
}

static char *
value_text(const cJSON *v)
{
    if (cJSON_IsString(v))
        return xstrdup(v->valuestring);
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;

        if (d == (double)(long long)d)
            return xasprintf("%lld", (long long)d);
        return xasprintf("%.15g", d);
    }
    if (cJSON_IsBool(v))
        return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
    return NULL;
}

char *
mapping_strdup(const cJSON *doc, const char *path)
{
    return path ? value_text(mapping_get(doc, path)) : NULL;
}

time_t
mapping_time(const cJSON *doc, const char *path)
{
    const cJSON *v = path ? mapping_get(doc, path) : NULL;
    time_t t;

    if (cJSON_IsNumber(v) && v->valuedouble > 0)
        return (time_t)v->valuedouble;
    if (cJSON_IsString(v) && time_parse_iso(v->valuestring, &t) == 0)
        return t;
    return 0;
}

const char *
mapping_lookup(const cJSON *map, const char *value)
{
    const cJSON *v = NULL;

    if (map == NULL)
        return NULL;
    if (value)
        v = cJSON_GetObjectItemCaseSensitive(map, value);
    if (v == NULL)
        v = cJSON_GetObjectItemCaseSensitive(map, "*");
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

char *
mapping_format_time(enum map_time fmt, time_t t)
{
    char iso[TIME_ISO_LEN];

    switch (fmt) {
    case MAP_TIME_UNIX:
        return xasprintf("%lld", (long long)t);
    case MAP_TIME_ISO_MS:
        time_format_iso(t, iso);
        /* "...:05Z" -> "...:05.000Z" */
        return xasprintf("%.19s.000Z", iso);
    case MAP_TIME_ISO:
        break;
    }
    time_format_iso(t, iso);
    return xstrdup(iso);
}

/* ---- templates ---- */

static const struct map_var *
var_find(const struct map_var *vars, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(vars[i].name) == len &&
            strncmp(vars[i].name, name, len) == 0)
            return &vars[i];
    return NULL;
}

/* The variable a string consists of, when it is exactly "{{name}}". */
static const struct map_var *
var_whole(const char *s, const struct map_var *vars, size_t n)
{
    size_t len = strlen(s);

    if (len < 5 || strncmp(s, "{{", 2) != 0 || strcmp(s + len - 2, "}}") != 0 ||
        memchr(s + 2, '}', len - 4) != NULL)
        return NULL;
    return var_find(vars, n, s + 2, len - 4);
}

/* s with each {{name}} put in as text; unknown names stay as they are
 * (the loader refuses them, so this only guards). */
static char *
expand_text(const char *s, const struct map_var *vars, size_t n)
{
    struct buf b;
    const char *p = s, *open, *close;

    buf_init(&b, 0);
    while ((open = strstr(p, "{{")) != NULL &&
           (close = strstr(open + 2, "}}")) != NULL) {
        const struct map_var *v = var_find(vars, n, open + 2,
                                           (size_t)(close - open - 2));
        char *t = NULL;

        buf_add(&b, p, (size_t)(open - p));
        if (v == NULL)
            buf_add(&b, open, (size_t)(close + 2 - open));
        else if (v->str)
            buf_adds(&b, v->str);
        else if ((t = value_text(v->json)) != NULL)
            buf_adds(&b, t);
        free(t);
        p = close + 2;
    }
    buf_adds(&b, p);
    return buf_detach(&b);
}

/* NULL means: leave the member out. */
static cJSON *
expand_node(const cJSON *t, const struct map_var *vars, size_t n)
{
    const struct map_var *v;
    const cJSON *c;
    cJSON *out, *x;
    char *s;

    if (cJSON_IsString(t)) {
        if ((v = var_whole(t->valuestring, vars, n)) != NULL) {
            if (v->str)
                return cJSON_CreateString(v->str);
            return v->json ? cJSON_Duplicate(v->json, 1) : NULL;
        }
        s = expand_text(t->valuestring, vars, n);
        out = cJSON_CreateString(s);
        free(s);
        return out;
    }
    if (cJSON_IsArray(t)) {
        out = cJSON_CreateArray();
        cJSON_ArrayForEach(c, t) {
            if ((x = expand_node(c, vars, n)) != NULL)
                cJSON_AddItemToArray(out, x);
        }
        return out;
    }
    if (cJSON_IsObject(t)) {
        out = cJSON_CreateObject();
        cJSON_ArrayForEach(c, t) {
            if ((x = expand_node(c, vars, n)) != NULL)
                cJSON_AddItemToObject(out, c->string, x);
        }
        return out;
    }
    return cJSON_Duplicate(t, 1);
}

cJSON *
mapping_expand(const cJSON *tmpl, const struct map_var *vars, size_t n)
{
    cJSON *out = expand_node(tmpl, vars, n);

    return out ? out : cJSON_CreateNull();
}

char *
mapping_path(const char *path, const char *id)
{
    const char *at = strstr(path, "{id}");
    char *esc, *out;

    if (at == NULL)
        return xstrdup(path);
    esc = http_url_escape(id ? id : "");
    out = xasprintf("%.*s%s%s", (int)(at - path), path, esc, at + 4);
    free(esc);
    return out;
}

/* ---- checking ---- */

/* Keys that may appear in an object; "_..." keys are comments. */
static void
check_keys(struct mload *ld, const cJSON *obj, const char *where,
           const char *const *allowed)
{
    const cJSON *c;

    cJSON_ArrayForEach(c, obj) {
        int ok = c->string[0] == '_';

        for (size_t i = 0; !ok && allowed[i]; i++)
            ok = strcmp(allowed[i], c->string) == 0;
        if (!ok) {
            char w[256];

            snprintf(w, sizeof w, "%s%s%s", where, *where ? "." : "",
                     c->string);
            mfail(ld, w, "unknown key (a typo? keys starting with '_' "
                  "are comments)");
        }
    }
}

static char *
at(const char *where, const char *key)
{
    return *where ? xasprintf("%s.%s", where, key) : xstrdup(key);
}

/* obj[key] as an object; NULL when absent (an error when required). */
static const cJSON *
get_obj(struct mload *ld, const cJSON *obj, const char *where,
        const char *key, int required, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char *w = at(where, key);

    if (v == NULL && required)
        mfail(ld, w, "missing: %s", what);
    else if (v != NULL && !cJSON_IsObject(v))
        mfail(ld, w, "must be an object (%s)", what);
    free(w);
    return cJSON_IsObject(v) ? v : NULL;
}

static const char *
get_str(struct mload *ld, const cJSON *obj, const char *where,
        const char *key, int required, const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char *w = at(where, key);

    if (v == NULL && required)
        mfail(ld, w, "missing: %s", what);
    else if (v != NULL && !cJSON_IsString(v))
        mfail(ld, w, "must be a string (%s)", what);
    else if (v != NULL && *v->valuestring == '\0' && required)
        mfail(ld, w, "must not be empty (%s)", what);
    free(w);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A JSON path member: a string that parses as a path. */
static const char *
get_path(struct mload *ld, const cJSON *obj, const char *where,
         const char *key, int required, const char *what)
{
    const char *p = get_str(ld, obj, where, key, required, what);
    const char *why;

    if (p && (why = path_problem(p)) != NULL) {
        char *w = at(where, key);

        mfail(ld, w, "\"%s\": %s", p, why);
        free(w);
        return NULL;
    }
    return p;
}

/* An API path: starts with '/'. */
static const char *
get_api_path(struct mload *ld, const cJSON *obj, const char *where,
             const char *key, int required, const char *what, int want_id)
{
    const char *p = get_str(ld, obj, where, key, required, what);
    char *w;

    if (p == NULL)
        return NULL;
    w = at(where, key);
    if (p[0] != '/')
        mfail(ld, w, "\"%s\": an API path starts with '/'", p);
    else if (want_id && strstr(p, "{id}") == NULL)
        mfail(ld, w, "\"%s\": needs {id} where the ticket's id goes", p);
    free(w);
    return p;
}

/* One of words (NULL-terminated); returns its index, def when absent. */
static int
get_word(struct mload *ld, const cJSON *obj, const char *where,
         const char *key, const char *const *words, int def, int required,
         const char *what)
{
    const char *s = get_str(ld, obj, where, key, required, what);
    struct buf b;
    char *w;

    if (s == NULL)
        return def;
    for (int i = 0; words[i]; i++)
        if (strcmp(words[i], s) == 0)
            return i;
    buf_init(&b, 0);
    for (int i = 0; words[i]; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
    w = at(where, key);
    mfail(ld, w, "\"%s\" is not one of %s", s, buf_str(&b));
    free(w);
    buf_free(&b);
    return def;
}

/* A value map: every value a string that valid() accepts. */
static const cJSON *
get_map(struct mload *ld, const cJSON *obj, const char *where,
        const char *key, int (*valid)(const char *), const char *words)
{
    const cJSON *map = get_obj(ld, obj, where, key, 0, "a value map");
    const cJSON *c;

    cJSON_ArrayForEach(c, map) {
        char *w = at(where, key), *w2 = at(w, c->string);

        if (!cJSON_IsString(c))
            mfail(ld, w2, "must be a string, one of %s", words);
        else if (valid(c->valuestring) < 0)
            mfail(ld, w2, "\"%s\" is not one of %s", c->valuestring, words);
        free(w);
        free(w2);
    }
    return map;
}

static int
valid_status(const char *s)
{
    return ticket_status_from_name(s);
}

static int
valid_priority(const char *s)
{
    return ticket_priority_from_name(s);
}

static int
valid_channel(const char *s)
{
    return channel_from_name(s);
}

static int
valid_author(const char *s)
{
    return author_kind_from_name(s);
}

#define STATUS_WORDS "new, open, pending, on-hold, solved, closed"
#define PRIORITY_WORDS "low, normal, high, urgent"
#define CHANNEL_WORDS "email, web, chat, whatsapp, line, messenger, phone, " \
                      "sms, other"
#define AUTHOR_WORDS "customer, agent, system"

static const char *const pager_words[] = {
    "none", "page", "cursor", "link", NULL,
};

static void
load_list(struct mload *ld, const cJSON *o, const char *where,
          struct map_list *l, int want_id)
{
    static const char *const pkeys[] = {
        "type", "param", "start", "next", "total_pages", "total", NULL,
    };
    const cJSON *pg, *c, *st;
    char *pw;

    l->path = get_api_path(ld, o, where, "path", 1,
                           want_id ? "the GET path of a ticket's messages, "
                                     "with {id}"
                                   : "the GET path of the ticket list",
                           want_id);
    l->params = get_obj(ld, o, where, "params", 0, "query parameters");
    cJSON_ArrayForEach(c, l->params) {
        if (!cJSON_IsString(c) && !cJSON_IsNumber(c)) {
            char *w = at(where, "params"), *w2 = at(w, c->string);

            mfail(ld, w2, "a parameter's value must be a string or number");
            free(w);
            free(w2);
        }
    }
    l->items = get_path(ld, o, where, "items", 1,
                        "the JSON path to the array of items");
    pw = at(where, "pagination");
    pg = get_obj(ld, o, where, "pagination", 0, "how the list pages");
    if (pg) {
        check_keys(ld, pg, pw, pkeys);
        l->pager = (enum map_pager)get_word(ld, pg, pw, "type", pager_words,
                                            0, 1, "none, page, cursor or "
                                            "link");
        if (l->pager == MAP_PAGER_PAGE || l->pager == MAP_PAGER_CURSOR)
            l->page_param = get_str(ld, pg, pw, "param", 1,
                                    "the query parameter of the page or "
                                    "cursor");
        l->page_start = 1;
        st = cJSON_GetObjectItemCaseSensitive(pg, "start");
        if (st && (!cJSON_IsNumber(st) || st->valuedouble < 0)) {
            char *w = at(pw, "start");

            mfail(ld, w, "must be a number (the first page's number)");
            free(w);
        } else if (st) {
            l->page_start = (long)st->valuedouble;
        }
        if (l->pager == MAP_PAGER_CURSOR)
            l->next = get_path(ld, pg, pw, "next", 1,
                               "the JSON path to the next page's cursor");
        if (l->page_param &&
            cJSON_GetObjectItemCaseSensitive(l->params, l->page_param)) {
            char *w = at(where, "params"), *w2 = at(w, l->page_param);

            mfail(ld, w2, "is the pagination's parameter; leave it to "
                  "\"pagination\"");
            free(w);
            free(w2);
        }
        l->total_pages = get_path(ld, pg, pw, "total_pages", 0, "a path");
        l->total = get_path(ld, pg, pw, "total", 0, "a path");
    }
    free(pw);
}

static const char *const method_words[] = {
    "POST", "PUT", "PATCH", NULL,
};

/* Variables every call may use, and the ones only replies and notes
 * have. */
static const char *const vars_status[] = {
    "id", "status", "user", NULL,
};
static const char *const vars_reply[] = {
    "id", "status", "user", "body_text", "body_html", "token", "author",
    NULL,
};

/* Check each {{name}} in the template names a known variable. */
static void
check_template(struct mload *ld, const cJSON *t, const char *where,
               const char *const *names, const cJSON *vars, int *uses_status)
{
    const cJSON *c;

    if (cJSON_IsString(t)) {
        const char *p = t->valuestring, *open, *close;

        while ((open = strstr(p, "{{")) != NULL) {
            size_t len;
            int ok = 0;

            if ((close = strstr(open + 2, "}}")) == NULL) {
                mfail(ld, where, "\"%s\": '{{' without its '}}'",
                      t->valuestring);
                return;
            }
            len = (size_t)(close - open - 2);
            for (size_t i = 0; names[i] && !ok; i++)
                ok = strlen(names[i]) == len &&
                     strncmp(names[i], open + 2, len) == 0;
            cJSON_ArrayForEach(c, vars) {
                ok |= strlen(c->string) == len &&
                      strncmp(c->string, open + 2, len) == 0;
            }
            if (!ok)
                mfail(ld, where, "unknown variable {{%.*s}} (see "
                      "ttydesk-mapping(5) for the list)", (int)len,
                      open + 2);
            if (len == 6 && strncmp(open + 2, "status", 6) == 0)
                *uses_status = 1;
            p = close + 2;
        }
        return;
    }
    int i = 0;

    cJSON_ArrayForEach(c, t) {
        char *w = c->string ? at(where, c->string)
                            : xasprintf("%s[%d]", where, i);

        check_template(ld, c, w, names, vars, uses_status);
        free(w);
        i++;
    }
}

static void
load_call(struct mload *ld, const cJSON *o, const char *where,
          struct map_call *c, const char *const *names)
{
    static const char *const keys[] = {
        "method", "path", "content_type", "body", "fetch", "vars",
        "result_id", NULL,
    };
    const cJSON *v;
    char *w;

    check_keys(ld, o, where, keys);
    c->method = method_words[get_word(ld, o, where, "method", method_words, 0,
                                      0, "POST, PUT or PATCH")];
    c->path = get_api_path(ld, o, where, "path", 1,
                           "the API path, with {id}", 1);
    c->content_type = get_str(ld, o, where, "content_type", 0,
                              "a media type");
    if (c->content_type == NULL)
        c->content_type = "application/json";
    c->fetch = get_api_path(ld, o, where, "fetch", 0,
                            "a GET path read for variables", 1);
    c->vars = get_obj(ld, o, where, "vars", 0,
                      "variable names and their JSON paths in fetch");
    w = at(where, "vars");
    if (cJSON_GetArraySize(c->vars) > MAPPING_MAX_VARS)
        mfail(ld, w, "more than %d variables", MAPPING_MAX_VARS);
    if (c->vars && c->fetch == NULL)
        mfail(ld, w, "needs \"fetch\", the GET the variables come from");
    cJSON_ArrayForEach(v, c->vars) {
        char *w2 = at(w, v->string);
        const char *why;

        for (size_t i = 0; names[i]; i++)
            if (strcmp(names[i], v->string) == 0)
                mfail(ld, w2, "{{%s}} is built in; pick another name",
                      v->string);
        if (!cJSON_IsString(v))
            mfail(ld, w2, "must be a JSON path string");
        else if ((why = path_problem(v->valuestring)) != NULL)
            mfail(ld, w2, "\"%s\": %s", v->valuestring, why);
        free(w2);
    }
    free(w);
    c->result_id = get_str(ld, o, where, "result_id", 0,
                           "a JSON path or header:NAME");
    if (c->result_id && strncmp(c->result_id, "header:", 7) != 0 &&
        path_problem(c->result_id)) {
        w = at(where, "result_id");
        mfail(ld, w, "\"%s\": %s", c->result_id,
              path_problem(c->result_id));
        free(w);
    }
    v = cJSON_GetObjectItemCaseSensitive(o, "body");
    w = at(where, "body");
    if (v == NULL)
        mfail(ld, w, "missing: the JSON body template");
    else if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        mfail(ld, w, "must be a JSON object or array");
    else
        check_template(ld, v, w, names, c->vars, &c->uses_status);
    c->body = v;
    free(w);
    if (v) {
        char *txt = cJSON_PrintUnformatted(v);

        c->carries_marker = txt && (strstr(txt, "{{body_html}}") ||
                                    strstr(txt, "{{token}}"));
        free(txt);
    }
}

static const char *const auth_words[] = {
    "bearer", "basic", "header", "query", NULL,
};
static const char *const incr_words[] = {
    "none", "param", "desc", NULL,
};
static const char *const time_words[] = {
    "iso", "iso-ms", "unix", NULL,
};

static void
load_auth(struct mload *ld, struct mapping *m, const cJSON *o)
{
    static const char *const keys[] = {
        "type", "name", "prefix", NULL,
    };

    check_keys(ld, o, "auth", keys);
    m->auth = (enum map_auth)get_word(ld, o, "auth", "type", auth_words, 0, 1,
                                      "bearer, basic, header or query");
    if (m->auth == MAP_AUTH_HEADER || m->auth == MAP_AUTH_QUERY)
        m->auth_name = get_str(ld, o, "auth", "name", 1,
                               "the header or query parameter that carries "
                               "the token");
    /* The debug log (-d) hides credentials by name; a name it would not
     * recognise would put the token in the log. */
    if (m->auth_name &&
        !(m->auth == MAP_AUTH_HEADER
              ? http_redact_header_secret(m->auth_name, strlen(m->auth_name))
              : http_redact_param_secret(m->auth_name,
                                         strlen(m->auth_name))))
        mfail(ld, "auth.name", "\"%s\" is not a name the debug log knows "
              "to hide (names containing token, secret, password or "
              "api-key are), so the token could end up in a log",
              m->auth_name);
    m->auth_prefix = get_str(ld, o, "auth", "prefix", 0, "text");
    if (m->auth_prefix == NULL)
        m->auth_prefix = "";
}

static void
load_ticket(struct mload *ld, struct mapping *m, const cJSON *o)
{
    static const char *const keys[] = {
        "id", "subject", "status", "status_map", "priority", "priority_map",
        "channel", "channel_map", "requester_id", "requester_name",
        "requester_email", "assignee", "tags", "tag_key", "created",
        "updated", NULL,
    };

    check_keys(ld, o, "ticket", keys);
    m->t_id = get_path(ld, o, "ticket", "id", 1,
                       "the JSON path to the ticket's id");
    m->t_subject = get_path(ld, o, "ticket", "subject", 0, "a path");
    m->t_status = get_path(ld, o, "ticket", "status", 0, "a path");
    m->status_map = get_map(ld, o, "ticket", "status_map", valid_status,
                            STATUS_WORDS);
    m->t_priority = get_path(ld, o, "ticket", "priority", 0, "a path");
    m->priority_map = get_map(ld, o, "ticket", "priority_map",
                              valid_priority, PRIORITY_WORDS);
    m->t_channel = get_path(ld, o, "ticket", "channel", 0, "a path");
    m->channel_map = get_map(ld, o, "ticket", "channel_map", valid_channel,
                             CHANNEL_WORDS);
    m->t_req_id = get_path(ld, o, "ticket", "requester_id", 0, "a path");
    m->t_req_name = get_path(ld, o, "ticket", "requester_name", 0, "a path");
    m->t_req_email = get_path(ld, o, "ticket", "requester_email", 0,
                              "a path");
    m->t_assignee = get_path(ld, o, "ticket", "assignee", 0, "a path");
    m->t_tags = get_path(ld, o, "ticket", "tags", 0, "a path");
    m->t_tag_key = get_str(ld, o, "ticket", "tag_key", 0, "a key");
    m->t_created = get_path(ld, o, "ticket", "created", 0, "a path");
    m->t_updated = get_path(ld, o, "ticket", "updated", 0, "a path");
}

static void
load_messages(struct mload *ld, struct mapping *m, const cJSON *o)
{
    static const char *const keys[] = {
        "path", "params", "items", "pagination", "embedded", "id",
        "author", "author_map", "author_name", "body", "html", "public",
        "public_map", "created", NULL,
    };
    check_keys(ld, o, "messages", keys);
    m->has_messages = 1;
    m->msg_embedded = get_path(ld, o, "messages", "embedded", 0,
                               "the JSON path to the messages inside a "
                               "ticket");
    if (cJSON_GetObjectItemCaseSensitive(o, "path")) {
        if (m->msg_embedded)
            mfail(ld, "messages", "give \"path\" (a messages endpoint) or "
                  "\"embedded\" (messages inside the ticket), not both");
        m->has_msg_list = 1;
        load_list(ld, o, "messages", &m->msgs, 1);
    } else if (m->msg_embedded == NULL) {
        mfail(ld, "messages", "missing: \"path\" (a messages endpoint with "
              "{id}) or \"embedded\" (messages inside the ticket)");
    }
    m->m_id = get_path(ld, o, "messages", "id", 1,
                       "the JSON path to a message's id");
    m->m_author = get_path(ld, o, "messages", "author", 0, "a path");
    m->author_map = get_map(ld, o, "messages", "author_map", valid_author,
                            AUTHOR_WORDS);
    m->m_author_name = get_path(ld, o, "messages", "author_name", 0,
                                "a path");
    m->m_body = get_path(ld, o, "messages", "body", 0, "a path");
    m->m_html = get_path(ld, o, "messages", "html", 0, "a path");
    if (m->m_body == NULL && m->m_html == NULL)
        mfail(ld, "messages", "missing: \"body\" (plain text) or \"html\"");
    m->m_public = get_path(ld, o, "messages", "public", 0, "a path");
    m->m_created = get_path(ld, o, "messages", "created", 0, "a path");
}

/* public_map holds booleans, which get_map would refuse. */
static void
check_public_map(struct mload *ld, const cJSON *msgs, struct mapping *m)
{
    const cJSON *pm = cJSON_GetObjectItemCaseSensitive(msgs, "public_map");
    const cJSON *c;

    m->public_map = NULL;
    if (pm == NULL)
        return;
    if (!cJSON_IsObject(pm)) {
        mfail(ld, "messages.public_map", "must be an object of true/false");
        return;
    }
    cJSON_ArrayForEach(c, pm) {
        if (!cJSON_IsBool(c)) {
            char *w = xasprintf("messages.public_map.%s", c->string);

            mfail(ld, w, "must be true or false");
            free(w);
        }
    }
    m->public_map = pm;
}

static void
load_status_out(struct mload *ld, struct mapping *m)
{
    const cJSON *c;

    m->status_out = get_obj(ld, m->doc, "", "status_out", 0,
                            "ttydesk statuses and the backend's words");
    cJSON_ArrayForEach(c, m->status_out) {
        char *w = xasprintf("status_out.%s", c->string);

        if (ticket_status_from_name(c->string) < 0)
            mfail(ld, w, "\"%s\" is not a ttydesk status (%s)", c->string,
                  STATUS_WORDS);
        else if (!cJSON_IsString(c))
            mfail(ld, w, "must be the backend's status word");
        free(w);
    }
    if ((m->has_status || (m->has_reply && m->reply.uses_status) ||
         (m->has_note && m->note.uses_status)) && m->status_out == NULL)
        mfail(ld, "status_out", "missing: which backend status each "
              "ttydesk status is sent as ({{status}} is used)");
}

static void
load_rate(struct mload *ld, struct mapping *m, const cJSON *o)
{
    static const char *const keys[] = {
        "remaining", "limit", "reset", "used_of", NULL,
    };

    check_keys(ld, o, "rate_limit", keys);
    m->rl_remaining = get_str(ld, o, "rate_limit", "remaining", 0,
                              "the header with the requests left");
    m->rl_limit = get_str(ld, o, "rate_limit", "limit", 0,
                          "the header with the window's size");
    m->rl_reset = get_str(ld, o, "rate_limit", "reset", 0,
                          "the header with when the window refills");
    m->rl_used_of = get_str(ld, o, "rate_limit", "used_of", 0,
                            "the header with \"used/size\"");
}

static void
load_doc(struct mload *ld)
{
    static const char *const keys[] = {
        "name", "description", "base_url", "auth", "list", "incremental",
        "ticket", "messages", "reply", "note", "status", "status_out",
        "rate_limit", NULL,
    };
    struct mapping *m = ld->m;
    const cJSON *o;

    if (!cJSON_IsObject(m->doc)) {
        mfail(ld, "(top)", "a mapping is a JSON object");
        return;
    }
    check_keys(ld, m->doc, "", keys);
    m->name = get_str(ld, m->doc, "", "name", 1, "the helpdesk's name");
    m->base_url = get_str(ld, m->doc, "", "base_url", 0,
                          "where the API lives, e.g. https://*.example.com");
    if (m->base_url && strncmp(m->base_url, "https://", 8) != 0 &&
        strncmp(m->base_url, "http://", 7) != 0)
        mfail(ld, "base_url", "\"%s\" is not an http(s) URL", m->base_url);
    if ((o = get_obj(ld, m->doc, "", "auth", 1,
                     "how the token is sent")) != NULL)
        load_auth(ld, m, o);
    if ((o = get_obj(ld, m->doc, "", "rate_limit", 0,
                     "rate-limit headers by what they mean")) != NULL)
        load_rate(ld, m, o);
    if ((o = get_obj(ld, m->doc, "", "list", 1,
                     "the ticket list endpoint")) != NULL) {
        static const char *const lkeys[] = {
            "path", "params", "items", "pagination", NULL,
        };

        check_keys(ld, o, "list", lkeys);
        load_list(ld, o, "list", &m->list, 0);
    }
    if ((o = get_obj(ld, m->doc, "", "incremental", 0,
                     "how to ask for what changed")) != NULL) {
        static const char *const ikeys[] = {
            "type", "param", "format", NULL,
        };

        check_keys(ld, o, "incremental", ikeys);
        m->incr = (enum map_incr)get_word(ld, o, "incremental", "type",
                                          incr_words, 0, 1,
                                          "none, param or desc");
        if (m->incr == MAP_INCR_PARAM)
            m->incr_param = get_str(ld, o, "incremental", "param", 1,
                                    "the query parameter for 'changed "
                                    "since'");
        m->incr_format = (enum map_time)get_word(ld, o, "incremental",
                                                 "format", time_words, 0, 0,
                                                 "iso, iso-ms or unix");
    }
    if ((o = get_obj(ld, m->doc, "", "ticket", 1,
                     "JSON paths to the ticket's fields")) != NULL)
        load_ticket(ld, m, o);
    if (m->incr != MAP_INCR_NONE && ld->rc == TD_OK && m->t_updated == NULL)
        mfail(ld, "ticket.updated", "missing: incremental sync needs the "
              "path to the ticket's update time");
    if ((o = get_obj(ld, m->doc, "", "messages", 0,
                     "where a ticket's messages are")) != NULL) {
        load_messages(ld, m, o);
        check_public_map(ld, o, m);
    }
    if ((o = get_obj(ld, m->doc, "", "reply", 0, "the public reply call"))) {
        m->has_reply = 1;
        load_call(ld, o, "reply", &m->reply, vars_reply);
    }
    if ((o = get_obj(ld, m->doc, "", "note", 0, "the internal note call"))) {
        m->has_note = 1;
        load_call(ld, o, "note", &m->note, vars_reply);
    }
    if ((o = get_obj(ld, m->doc, "", "status", 0,
                     "the status change call"))) {
        m->has_status = 1;
        load_call(ld, o, "status", &m->status, vars_status);
        if (ld->rc == TD_OK && !m->status.uses_status)
            mfail(ld, "status.body", "must use {{status}}");
    }
    load_status_out(ld, m);
}

enum td_status
mapping_parse(const char *file, const char *text, size_t len,
              struct mapping **out, struct td_error *err)
{
    struct mload ld = { 0 };
    struct mapping *m;
    enum td_status rc;
    cJSON *doc;

    *out = NULL;
    if ((rc = json_parse(text, len, &doc, file, err)) != TD_OK)
        return rc;
    m = xcalloc(1, sizeof *m);
    m->file = xstrdup(file);
    m->doc = doc;
    ld.m = m;
    ld.file = file;
    ld.err = err;
    load_doc(&ld);
    if (ld.rc != TD_OK) {
        mapping_free(&m);
        return ld.rc;
    }
    *out = m;
    return TD_OK;
}

enum td_status
mapping_load(const char *file, struct mapping **out, struct td_error *err)
{
    FILE *f;
    struct buf b;
    char chunk[8192];
    size_t n;
    enum td_status rc;

    *out = NULL;
    if ((f = fopen(file, "rb")) == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", file, strerror(errno));
    buf_init(&b, MAPPING_MAX_BYTES);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&b, chunk, n) != 0) {
            fclose(f);
            buf_free(&b);
            return td_error_set(err, TD_ETOOBIG, "%s: larger than %zu "
                                "bytes", file, MAPPING_MAX_BYTES);
        }
    }
    fclose(f);
    rc = mapping_parse(file, buf_str(&b), b.len, out, err);
    buf_free(&b);
    return rc;
}

void
mapping_free(struct mapping **mp)
{
    if (mp == NULL || *mp == NULL)
        return;
    cJSON_Delete((*mp)->doc);
    free((*mp)->file);
    free(*mp);
    *mp = NULL;
}

/* The host of an http(s) URL (lower case, port kept), owned; NULL when
 * it is not one. */
static char *
url_host(const char *url)
{
    const char *p = strstr(url, "://");
    size_t n;
    char *h;

    if (p == NULL)
        return NULL;
    p += 3;
    n = strcspn(p, "/?#");
    h = xasprintf("%.*s", (int)n, p);
    for (char *c = h; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return h;
}

enum td_status
mapping_check_url(const struct mapping *m, const char *url,
                  struct td_error *err)
{
    char *want, *got;
    int ok;

    if (m->base_url == NULL || http_url_loopback(url))
        return TD_OK;
    want = url_host(m->base_url);
    got = url_host(url);
    ok = want && got && strncmp(m->base_url, url, 5) == 0;
    if (ok && strncmp(want, "*.", 2) == 0) {
        size_t lw = strlen(want + 1), lg = strlen(got);

        ok = lg > lw && strcmp(got + lg - lw, want + 1) == 0;
    } else if (ok) {
        ok = strcmp(want, got) == 0;
    }
    free(want);
    free(got);
    if (ok)
        return TD_OK;
    return td_error_set(err, TD_EPERM, "%s: %s lives at %s, not %s (the "
                        "token is not sent elsewhere; copy the mapping and "
                        "change base_url for another host)", m->file,
                        m->name, m->base_url, url);
}

static int
is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir/mappings/name, else dir/mappings/name.json; owned or NULL. */
static char *
find_in(const char *dir, const char *name)
{
    char *sub = paths_join(dir, "mappings");
    char *p = paths_join(sub, name), *pj;

    free(sub);
    if (is_file(p))
        return p;
    pj = xasprintf("%s.json", p);
    free(p);
    if (is_file(pj))
        return pj;
    free(pj);
    return NULL;
}

enum td_status
mapping_find(const char *name, const char *share_dir, char **out,
             struct td_error *err)
{
    char *conf;

    *out = NULL;
    if (name == NULL || *name == '\0')
        return td_error_set(err, TD_EINVAL, "mapping= is empty");
    if (strchr(name, '/') != NULL) {
        *out = paths_expand(name);
        return TD_OK;
    }
    conf = paths_config_dir();
    *out = find_in(conf, name);
    if (*out == NULL && share_dir)
        *out = find_in(share_dir, name);
    if (*out != NULL) {
        free(conf);
        return TD_OK;
    }
    td_error_set(err, TD_ENOTFOUND, "mapping %s: not in %s/mappings/ nor "
                 "%s/mappings/", name, conf, share_dir ? share_dir : "?");
    free(conf);
    return TD_ENOTFOUND;
}
