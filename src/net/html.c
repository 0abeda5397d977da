/* html.c: a small HTML-to-text renderer over libxml2's forgiving HTML parser. */
#include "net/html.h"

#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* Deeper nesting than this is flattened: hostile mail nests thousands of
 * <div>s to exhaust recursive renderers. */
#define HTML_MAX_DEPTH 64

struct html_out {
    struct buf b;
    int quote;          /* blockquote depth: "> " per level */
    int pre;            /* inside <pre>: whitespace is kept */
    int newlines;       /* line breaks owed before the next text */
    int nl_quote;       /* the quote depth when those breaks were owed */
    int at_start;       /* nothing written on the current line yet */
    int space;          /* a collapsed space is owed before the next word */
    int overflow;
};

enum html_kind {
    HK_INLINE = 0,
    HK_BLOCK,           /* its own line */
    HK_PARA,            /* its own line with a blank line after */
    HK_SKIP,            /* dropped with its contents */
};

static const struct {
    const char *name;
    enum html_kind kind;
} html_tags[] = {
    { .name = "address", .kind = HK_BLOCK },
    { .name = "article", .kind = HK_BLOCK },
    { .name = "aside", .kind = HK_BLOCK },
    { .name = "blockquote", .kind = HK_BLOCK },
    { .name = "dd", .kind = HK_BLOCK },
    { .name = "div", .kind = HK_BLOCK },
    { .name = "dl", .kind = HK_BLOCK },
    { .name = "dt", .kind = HK_BLOCK },
    { .name = "figure", .kind = HK_BLOCK },
    { .name = "footer", .kind = HK_BLOCK },
    { .name = "form", .kind = HK_BLOCK },
    { .name = "h1", .kind = HK_PARA },
    { .name = "h2", .kind = HK_PARA },
    { .name = "h3", .kind = HK_PARA },
    { .name = "h4", .kind = HK_PARA },
    { .name = "h5", .kind = HK_PARA },
    { .name = "h6", .kind = HK_PARA },
    { .name = "head", .kind = HK_SKIP },
    { .name = "header", .kind = HK_BLOCK },
    { .name = "hr", .kind = HK_BLOCK },
    { .name = "li", .kind = HK_BLOCK },
    { .name = "main", .kind = HK_BLOCK },
    { .name = "nav", .kind = HK_BLOCK },
    { .name = "noscript", .kind = HK_SKIP },
    { .name = "ol", .kind = HK_BLOCK },
    { .name = "p", .kind = HK_PARA },
    { .name = "pre", .kind = HK_PARA },
    { .name = "script", .kind = HK_SKIP },
    { .name = "section", .kind = HK_BLOCK },
    { .name = "style", .kind = HK_SKIP },
    { .name = "table", .kind = HK_BLOCK },
    { .name = "template", .kind = HK_SKIP },
    { .name = "title", .kind = HK_SKIP },
    { .name = "tr", .kind = HK_BLOCK },
    { .name = "ul", .kind = HK_BLOCK },
};

static enum html_kind
html_kind_of(const char *name)
{
    for (size_t i = 0; i < sizeof html_tags / sizeof html_tags[0]; i++)
        if (strcmp(html_tags[i].name, name) == 0)
            return html_tags[i].kind;
    return HK_INLINE;
}

static void
out_raw(struct html_out *o, const char *s, size_t n)
{
    if (buf_add(&o->b, s, n) != 0)
        o->overflow = 1;
}

/* Owe at least n line breaks before the next text (none at the start). */
static void
out_break(struct html_out *o, int n)
{
    if (o->b.len > 0 && o->newlines < n) {
        if (o->newlines == 0)
            o->nl_quote = o->quote;
        o->newlines = n;
    }
    o->space = 0;
}

static void
out_line_start(struct html_out *o)
{
    for (int i = 0; i < o->newlines; i++) {
        out_raw(o, "\n", 1);
        /* A blank line inside a quote keeps its marker, as mail does;
         * one before the quote opened does not. */
        int depth = o->nl_quote < o->quote ? o->nl_quote : o->quote;

        for (int q = 0; q < depth && i + 1 < o->newlines; q++)
            out_raw(o, ">", 1);
    }
    if (o->newlines > 0 || o->b.len == 0)
        o->at_start = 1;
    o->newlines = 0;
    if (o->at_start) {
        for (int q = 0; q < o->quote; q++)
            out_raw(o, "> ", 2);
        o->at_start = 0;
        o->space = 0;
    }
}

static void
out_text(struct html_out *o, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;

        if (o->pre) {
            if (c == '\n') {
                o->newlines++;
                continue;
            }
            if (o->newlines || o->at_start || o->b.len == 0)
                out_line_start(o);
            out_raw(o, p, 1);
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            o->space = 1;
            continue;
        }
        if (o->newlines || o->b.len == 0 || o->at_start) {
            out_line_start(o);
        } else if (o->space) {
            out_raw(o, " ", 1);
        }
        o->space = 0;
        out_raw(o, p, 1);
    }
}

static void html_walk(struct html_out *o, xmlNode *n, int depth);

static void
html_element(struct html_out *o, xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    enum html_kind kind = html_kind_of(name);
    xmlChar *attr;

    if (kind == HK_SKIP)
        return;
    if (strcmp(name, "br") == 0) {
        if (o->newlines++ == 0)
            o->nl_quote = o->quote;
        o->space = 0;
        return;
    }
    if (strcmp(name, "img") == 0) {
        if ((attr = xmlGetProp(n, (const xmlChar *)"alt")) != NULL) {
            if (*attr) {
                out_text(o, "[image: ");
                out_text(o, (const char *)attr);
                out_text(o, "]");
            }
            xmlFree(attr);
        }
        return;
    }
    if (kind != HK_INLINE)
        out_break(o, 1);
    if (strcmp(name, "blockquote") == 0)
        o->quote++;
    if (strcmp(name, "pre") == 0)
        o->pre++;
    if (strcmp(name, "li") == 0)
        out_text(o, "\xe2\x80\xa2 ");    /* • */
    if (strcmp(name, "hr") == 0)
        out_text(o, "----");
    if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
        n->prev != NULL)
        o->space = 1;
    html_walk(o, n->children, depth + 1);
    if (strcmp(name, "a") == 0 &&
        (attr = xmlGetProp(n, (const xmlChar *)"href")) != NULL) {
        xmlChar *text = xmlNodeGetContent(n);
        const char *h = (const char *)attr;

        /* Keep a link's target when the text does not already say it. */
        if ((strncmp(h, "http", 4) == 0 || strncmp(h, "mailto:", 7) == 0) &&
            (text == NULL || strstr((const char *)text, h) == NULL)) {
            o->space = 1;
            out_text(o, "<");
            o->space = 0;
            out_raw(o, h, strlen(h));
            out_raw(o, ">", 1);
        }
        xmlFree(text);
        xmlFree(attr);
    }
    if (strcmp(name, "pre") == 0)
        o->pre--;
    if (strcmp(name, "blockquote") == 0) {
        out_break(o, 1);
        o->quote--;
    }
    if (kind == HK_PARA)
        out_break(o, 2);
    else if (kind == HK_BLOCK)
        out_break(o, 1);
}

static void
html_walk(struct html_out *o, xmlNode *n, int depth)
{
    for (; n != NULL && !o->overflow; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                out_text(o, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            if (depth >= HTML_MAX_DEPTH)
                html_walk(o, n->children, depth);   /* flatten, no deeper */
            else
                html_element(o, n, depth);
        }
    }
}

/* The parser gives up on absurd nesting (libxml2 stops at depth 256) and
 * would drop the rest of the message; then every tag is simply removed so
 * that no text is lost, readable or not. */
static void
html_strip_tags(struct html_out *o, const char *html, size_t len)
{
    int in_tag = 0;

    for (size_t i = 0; i < len && !o->overflow; i++) {
        if (html[i] == '<')
            in_tag = 1;
        else if (html[i] == '>' && in_tag)
            in_tag = 0, o->space = 1;
        else if (!in_tag) {
            char c[2] = { html[i], '\0' };

            out_text(o, c);
        }
    }
}

enum td_status
html_to_text(const char *html, size_t len, char **out, struct td_error *err)
{
    struct html_out o = { .at_start = 1 };
    htmlParserCtxtPtr ctxt;
    htmlDocPtr doc = NULL;
    const xmlError *e;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
               HTML_PARSE_NONET;

    *out = NULL;
    if (len > (size_t)INT32_MAX)
        return td_error_set(err, TD_ETOOBIG, "HTML body too large");
    buf_init(&o.b, HTML_MAX_TEXT);
    if ((ctxt = htmlNewParserCtxt()) != NULL)
        doc = htmlCtxtReadMemory(ctxt, html, (int)len, NULL, "UTF-8", opts);
    e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
    if (ctxt == NULL || (e && e->code == XML_ERR_INTERNAL_ERROR))
        html_strip_tags(&o, html, len);
    else if (doc != NULL)
        html_walk(&o, doc->children, 0);
    xmlFreeDoc(doc);
    if (ctxt)
        htmlFreeParserCtxt(ctxt);
    if (o.overflow) {
        buf_free(&o.b);
        return td_error_set(err, TD_ETOOBIG,
                            "HTML body is over %zu bytes as text",
                            HTML_MAX_TEXT);
    }
    *out = buf_detach(&o.b);
    return TD_OK;
}
