/* trender.c: one lexer for the {{...}} language, walked three ways: to
 * check a body, to list its prompts and to fill it in. */
#include "core/trender.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define TRENDER_DEPTH 16        /* nested #if/#unless */
#define TRENDER_TERMS 8         /* a || b || ... */
#define TRENDER_MAX_ERRORS 20   /* reported per body */

enum tok_type {
    TOK_EOF = 0,
    TOK_TEXT,       /* s,n: literal text */
    TOK_EXPR,       /* s,n: the inside of {{ }}, trimmed */
    TOK_IF,         /* s,n: the condition */
    TOK_UNLESS,
    TOK_ELSE,
    TOK_END_IF,
    TOK_END_UNLESS,
    TOK_ERROR,      /* err: why */
};

struct tok {
    enum tok_type type;
    const char *s;
    size_t n;
    size_t at;          /* offset of the token in the body, for lines */
    size_t end;         /* a tag's end, just past its "}}" */
    const char *err;
};

struct lexer {
    const char *body;
    size_t pos;
};

/* The groups a condition may name, each true when its key is known. */
struct tgroup {
    const char *name;
    enum tvar_id key;
};

static const struct tgroup groups[] = {
    {
        .name = "customer",
        .key = TV_CUSTOMER_NAME,
    },
    {
        .name = "agent",
        .key = TV_AGENT_NAME,
    },
    {
        .name = "order",
        .key = TV_ORDER_NUMBER,
    },
    {
        .name = "tracking",
        .key = TV_TRACKING_NUMBER,
    },
    {
        .name = "delivered",
        .key = TV_TRACKING_DELIVERED,
    },
    {
        .name = "return",
        .key = TV_RETURN_DEADLINE,
    },
};

void
trender_list_add(struct trender_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return;
    l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
    l->v[l->n++] = xstrdup(s);
}

void
trender_list_free(struct trender_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int
name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* Scan the tag at body[q] ("{{"): its end just past "}}" in *end, or -1
 * when it is not closed on its line. Quotes may hold "}}". */
static int
tag_end(const char *body, size_t q, size_t *end)
{
    size_t i = q + 2;
    int quoted = 0;

    for (; body[i] && body[i] != '\n'; i++) {
        if (quoted && body[i] == '\\' && body[i + 1] && body[i + 1] != '\n')
            i++;
        else if (body[i] == '"')
            quoted = !quoted;
        else if (!quoted && body[i] == '}' && body[i + 1] == '}') {
            *end = i + 2;
            return 0;
        }
    }
    return -1;
}

/* Classify the tag body[q..end) into t. */
static void
tag_classify(const char *body, size_t q, size_t end, struct tok *t)
{
    const char *s = body + q + 2;
    size_t n = end - q - 4;

    while (n && is_blank(*s))
        s++, n--;
    while (n && is_blank(s[n - 1]))
        n--;
    t->at = q;
    t->end = end;
    t->s = s;
    t->n = n;
    t->type = TOK_EXPR;
    if (n == 4 && memcmp(s, "else", 4) == 0) {
        t->type = TOK_ELSE;
    } else if (n == 3 && memcmp(s, "/if", 3) == 0) {
        t->type = TOK_END_IF;
    } else if (n == 7 && memcmp(s, "/unless", 7) == 0) {
        t->type = TOK_END_UNLESS;
    } else if (n > 3 && memcmp(s, "#if", 3) == 0 && is_blank(s[3])) {
        t->type = TOK_IF;
        t->s += 3, t->n -= 3;
    } else if (n > 7 && memcmp(s, "#unless", 7) == 0 && is_blank(s[7])) {
        t->type = TOK_UNLESS;
        t->s += 7, t->n -= 7;
    } else if (n && (*s == '#' || *s == '/')) {
        t->type = TOK_ERROR;
        t->err = "unknown block (only #if, #unless, else, /if, /unless)";
        return;
    }
    while (t->n && is_blank(*t->s))
        t->s++, t->n--;
}

static int
is_block(enum tok_type type)
{
    return type >= TOK_IF && type <= TOK_END_UNLESS;
}

/* A block tag alone on its line (blanks around it) takes the whole line
 * with it, so that conditionals leave no empty lines behind. */
static int
standalone(const char *body, size_t q, size_t end, size_t *after)
{
    size_t ls = q;

    while (ls > 0 && body[ls - 1] != '\n') {
        if (!is_blank(body[ls - 1]))
            return 0;
        ls--;
    }
    while (is_blank(body[end]))
        end++;
    if (body[end] != '\n' && body[end] != '\0')
        return 0;
    *after = body[end] == '\n' ? end + 1 : end;
    return 1;
}

static size_t
line_start(const char *body, size_t q)
{
    while (q > 0 && body[q - 1] != '\n')
        q--;
    return q;
}

static void
lex_next(struct lexer *lx, struct tok *t)
{
    const char *b = lx->body;
    size_t p = lx->pos, end, after;

    memset(t, 0, sizeof *t);
    t->at = p;
    if (b[p] == '\0')
        return;     /* TOK_EOF */
    /* The two ways to write a literal "{{". */
    if (b[p] == '\\' && b[p + 1] == '{' && b[p + 2] == '{') {
        t->type = TOK_TEXT, t->s = b + p + 1, t->n = 2;
        lx->pos = p + 3;
        return;
    }
    if (strncmp(b + p, "{{{{", 4) == 0) {
        t->type = TOK_TEXT, t->s = b + p, t->n = 2;
        lx->pos = p + 4;
        return;
    }
    if (b[p] == '{' && b[p + 1] == '{') {
        if (tag_end(b, p, &end) != 0) {
            t->type = TOK_ERROR;
            t->err = "'{{' is not closed by '}}' on its line "
                     "(write \\{{ for a literal)";
            lx->pos = p + 2;
            return;
        }
        tag_classify(b, p, end, t);
        lx->pos = is_block(t->type) && standalone(b, p, end, &after)
                      ? after : end;
        return;
    }
    /* Text up to the next tag or escape. */
    for (size_t q = p; ; q++) {
        if (b[q] == '\0' || (b[q] == '\\' && b[q + 1] == '{' &&
                             b[q + 2] == '{') ||
            (b[q] == '{' && b[q + 1] == '{')) {
            size_t stop = q;

            if (b[q] == '{' && strncmp(b + q, "{{{{", 4) != 0 &&
                tag_end(b, q, &end) == 0) {
                struct tok peek;

                tag_classify(b, q, end, &peek);
                /* Leave out the indentation of a standalone block tag. */
                if (is_block(peek.type) && standalone(b, q, end, &after) &&
                    line_start(b, q) >= p)
                    stop = line_start(b, q);
            }
            t->type = TOK_TEXT, t->s = b + p, t->n = stop - p;
            lx->pos = q;
            if (t->n == 0)
                lex_next(lx, t);
            return;
        }
    }
}

static int
line_of(const char *body, size_t at, int line0)
{
    int line = line0;

    for (size_t i = 0; i < at && body[i]; i++)
        if (body[i] == '\n')
            line++;
    return line;
}

/* One term of an expression: a variable, a ?prompt or a "string". */
struct term {
    int kind;           /* 'v' variable, '?' prompt, '"' string */
    const char *s;      /* name or string contents (escapes still in) */
    size_t n;
    int var;            /* tvar_id for 'v', -1 if unknown */
};

/* Split an expression into terms; NULL on success or why it is wrong. */
static const char *
parse_expr(const char *s, size_t n, struct term *terms, size_t *n_terms)
{
    size_t i = 0, k = 0;

    for (;;) {
        struct term *tm = &terms[k];

        while (i < n && is_blank(s[i]))
            i++;
        if (i >= n)
            return k ? "'||' must be followed by a fallback" : "empty {{ }}";
        if (k == TRENDER_TERMS)
            return "too many '||' fallbacks";
        if (s[i] == '"') {
            size_t j = ++i;

            while (j < n && s[j] != '"')
                j += s[j] == '\\' && j + 1 < n ? 2 : 1;
            if (j >= n)
                return "unterminated string";
            tm->kind = '"', tm->s = s + i, tm->n = j - i, tm->var = -1;
            i = j + 1;
        } else {
            size_t j;

            tm->kind = s[i] == '?' ? '?' : 'v';
            if (s[i] == '?')
                i++;
            for (j = i; j < n && name_char(s[j]); j++)
                ;
            if (j == i)
                return "expected a variable name, ?prompt or \"text\"";
            tm->s = s + i, tm->n = j - i;
            tm->var = tm->kind == 'v' ? tvars_find(tm->s, tm->n) : -1;
            i = j;
        }
        k++;
        while (i < n && is_blank(s[i]))
            i++;
        if (i >= n)
            break;
        if (i + 1 < n && s[i] == '|' && s[i + 1] == '|') {
            i += 2;
            if (terms[k - 1].kind == '"')
                return "a \"text\" fallback must come last";
            continue;
        }
        return "expected '||' or '}}'";
    }
    *n_terms = k;
    return NULL;
}

/* A condition: the tvar_id it tests (a variable or a group's key), -1
 * for a ?prompt (*prompt set), -2 if it names nothing known. */
static int
cond_find(const char *s, size_t n, int *prompt)
{
    *prompt = n > 1 && *s == '?';
    if (*prompt) {
        for (size_t i = 1; i < n; i++)
            if (!name_char(s[i]))
                return -2;
        return -1;
    }
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strlen(groups[i].name) == n && memcmp(groups[i].name, s, n) == 0)
            return (int)groups[i].key;
    return tvars_find(s, n) >= 0 ? tvars_find(s, n) : -2;
}

struct frame {
    enum tok_type type;     /* TOK_IF or TOK_UNLESS */
    size_t at;
    int active;             /* the current branch is output */
    int cond;
    int seen_else;
};

/* The walk shared by check, prompts and run. v NULL: no output. */
struct walk {
    const char *body;
    const char *file;
    int line0;
    struct trender_list *errs;      /* check: where problems go */
    struct trender_list *prompts;   /* prompts: where names go */
    const struct tvars *v;          /* run: the values */
    const char *lang;
    struct trender *out;
    size_t n_err;
};

static void
walk_error(struct walk *w, size_t at, const char *msg)
{
    char *line;

    /* A few reasons are enough to fix a body; a cap also keeps a huge
     * broken one from costing a line count per error. */
    if (++w->n_err > TRENDER_MAX_ERRORS || w->errs == NULL)
        return;
    line = xasprintf("%s:%d: %s", w->file ? w->file : "template",
                     line_of(w->body, at, w->line0), msg);
    trender_list_add(w->errs, line);
    free(line);
}

static int
known(const struct tvars *v, int id, const char *lang)
{
    struct buf b;
    int rc;

    buf_init(&b, 0);
    rc = tvars_format(v, (enum tvar_id)id, lang, &b);
    buf_free(&b);
    return rc == 0;
}

/* Write a "string" term, undoing its \" and \\ escapes. */
static void
put_string(struct buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\'))
            i++;
        (void)buf_addc(out, s[i]);
    }
}

static void
eval_expr(struct walk *w, const struct tok *t, const struct term *terms,
          size_t k)
{
    const char *prompt = NULL;
    size_t prompt_n = 0;
    char *name;

    for (size_t i = 0; i < k; i++) {
        const struct term *tm = &terms[i];
        const char *val;

        if (tm->kind == '"') {
            put_string(&w->out->text, tm->s, tm->n);
            return;
        }
        if (tm->kind == '?') {
            val = tvars_input(w->v, tm->s, tm->n);
            if (val) {
                (void)buf_adds(&w->out->text, val);
                return;
            }
            if (prompt == NULL)
                prompt = tm->s, prompt_n = tm->n;
            continue;
        }
        if (tm->var >= 0 && tvars_format(w->v, (enum tvar_id)tm->var,
                                         w->lang, &w->out->text) == 0)
            return;
    }
    /* Nothing resolved: keep the tag as written for the editor. */
    (void)buf_add(&w->out->text, w->body + t->at, t->end - t->at);
    if (prompt) {
        name = xstrndup(prompt, prompt_n);
        trender_list_add(&w->out->inputs, name);
    } else {
        name = xstrndup(terms[0].s, terms[0].n);
        trender_list_add(&w->out->missing, name);
    }
    free(name);
}

/* Walk the body once; the mode is decided by which of w's lists are set. */
static void
walk_body(struct walk *w)
{
    struct lexer lx = { .body = w->body, .pos = 0 };
    struct frame stack[TRENDER_DEPTH];
    size_t depth = 0;
    struct tok t;
    struct term terms[TRENDER_TERMS];
    size_t k;
    const char *why;
    int id, prompt;

    for (lex_next(&lx, &t); t.type != TOK_EOF; lex_next(&lx, &t)) {
        int active = depth == 0 || stack[depth - 1].active;

        switch (t.type) {
        case TOK_TEXT:
            if (w->out && active)
                (void)buf_add(&w->out->text, t.s, t.n);
            break;
        case TOK_ERROR:
            walk_error(w, t.at, t.err);
            break;
        case TOK_EXPR:
            why = parse_expr(t.s, t.n, terms, &k);
            if (why) {
                walk_error(w, t.at, why);
                break;
            }
            for (size_t i = 0; i < k; i++) {
                char *nm = xstrndup(terms[i].s, terms[i].n);

                if (terms[i].kind == 'v' && terms[i].var < 0) {
                    char *msg = xasprintf("unknown variable '%s' (see "
                                          "ttydesk-templates(5))", nm);

                    walk_error(w, t.at, msg);
                    free(msg);
                }
                if (terms[i].kind == '?' && w->prompts)
                    trender_list_add(w->prompts, nm);
                free(nm);
            }
            if (w->out && active)
                eval_expr(w, &t, terms, k);
            break;
        case TOK_IF:
        case TOK_UNLESS:
            id = cond_find(t.s, t.n, &prompt);
            /* An optional prompt is still one the editor should offer. */
            if (prompt && id == -1 && w->prompts) {
                char *nm = xstrndup(t.s + 1, t.n - 1);

                trender_list_add(w->prompts, nm);
                free(nm);
            }
            if (id == -2) {
                char *msg = xasprintf("unknown condition '%.*s' (a variable,"
                                      " ?prompt or group)", (int)t.n, t.s);

                walk_error(w, t.at, msg);
                free(msg);
            }
            if (depth == TRENDER_DEPTH) {
                walk_error(w, t.at, "blocks nested too deep");
                break;
            }
            stack[depth].type = t.type;
            stack[depth].at = t.at;
            stack[depth].seen_else = 0;
            stack[depth].cond = 0;
            if (w->v && prompt)
                stack[depth].cond = tvars_input(w->v, t.s + 1, t.n - 1) &&
                                    *tvars_input(w->v, t.s + 1, t.n - 1);
            else if (w->v && id >= 0)
                stack[depth].cond = known(w->v, id, w->lang);
            if (t.type == TOK_UNLESS)
                stack[depth].cond = !stack[depth].cond;
            stack[depth].active = active && stack[depth].cond;
            depth++;
            break;
        case TOK_ELSE:
            if (depth == 0 || stack[depth - 1].seen_else) {
                walk_error(w, t.at, depth ? "a second {{else}} in one block"
                           : "{{else}} outside {{#if}} or {{#unless}}");
                break;
            }
            stack[depth - 1].seen_else = 1;
            stack[depth - 1].active = (depth < 2 || stack[depth - 2].active) &&
                                      !stack[depth - 1].cond;
            break;
        case TOK_END_IF:
        case TOK_END_UNLESS:
            if (depth == 0) {
                walk_error(w, t.at, "a closing tag without its {{#if}} or "
                           "{{#unless}}");
                break;
            }
            if ((t.type == TOK_END_IF) != (stack[depth - 1].type == TOK_IF)) {
                char *msg = xasprintf("{{%.*s}} closes the {{%s}} of line %d",
                                      (int)t.n, t.s,
                                      stack[depth - 1].type == TOK_IF
                                          ? "#if" : "#unless",
                                      line_of(w->body, stack[depth - 1].at,
                                              w->line0));

                walk_error(w, t.at, msg);
                free(msg);
            }
            depth--;
            break;
        case TOK_EOF:
            break;
        }
    }
    while (depth--)
        walk_error(w, stack[depth].at, stack[depth].type == TOK_IF
                   ? "{{#if}} is never closed by {{/if}}"
                   : "{{#unless}} is never closed by {{/unless}}");
}

size_t
trender_check(const char *body, const char *file, int line0,
              struct trender_list *errs)
{
    struct walk w = {
        .body = body,
        .file = file,
        .line0 = line0,
        .errs = errs,
    };

    walk_body(&w);
    return w.n_err;
}

void
trender_prompts(const char *body, struct trender_list *out)
{
    struct walk w = {
        .body = body,
        .prompts = out,
    };

    walk_body(&w);
}

enum td_status
trender_run(const char *body, const struct tvars *v, const char *lang,
            struct trender *out, struct td_error *err)
{
    struct trender_list errs = { 0 };
    struct walk w = {
        .body = body,
        .v = v,
        .lang = lang,
        .out = out,
    };

    buf_init(&out->text, 0);
    if (trender_check(body, "template", 1, &errs)) {
        td_error_set(err, TD_EPARSE, "%s", errs.v[0]);
        trender_list_free(&errs);
        return TD_EPARSE;
    }
    walk_body(&w);
    return TD_OK;
}

void
trender_free(struct trender *r)
{
    buf_free(&r->text);
    trender_list_free(&r->missing);
    trender_list_free(&r->inputs);
}
