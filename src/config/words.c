/* words.c: the one word splitter behind rc files, the : prompt and themes. */
#include "config/words.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* A word longer than this is not configuration. */
#define WORDS_WORD_MAX (64 * 1024)

static int
is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

int
words_is_hex_color(const char *s, size_t n)
{
    size_t i;

    if (n != 7 || s[0] != '#')
        return 0;
    for (i = 1; i < 7; i++) {
        if (!isxdigit((unsigned char)s[i]))
            return 0;
    }
    return 1;
}

/* '#' opens a comment only at the start of a word, and not when the word
 * is a colour, so that `color title #ffffff default` needs no quotes. */
static int
starts_comment(const char *s)
{
    size_t n = 0;

    if (*s != '#')
        return 0;
    while (s[n] && !is_blank((unsigned char)s[n]))
        n++;
    return !words_is_hex_color(s, n);
}

/* The character a backslash escape inside double quotes stands for; -1
 * when the backslash is to be kept as it is (so "<C-\>" stays intact). */
static int
unescape(int c)
{
    switch (c) {
    case '"':
    case '\\':
        return c;
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'r':
        return '\r';
    default:
        return -1;
    }
}

/* Read the quoted part at *p (which points at the opening quote) into w. */
static int
read_quoted(const char **p, struct buf *w, struct td_error *err)
{
    const char *s = *p;
    char q = *s++;
    int c, rc = 0;

    while (*s != q) {
        if (*s == '\0') {
            td_error_set(err, TD_EPARSE, "unterminated %c quote", q);
            return -1;
        }
        if (q == '"' && *s == '\\' && s[1] != '\0' &&
            (c = unescape((unsigned char)s[1])) >= 0) {
            rc |= buf_addc(w, (char)c);
            s += 2;
            continue;
        }
        rc |= buf_addc(w, *s++);
    }
    *p = s + 1;
    if (rc != 0) {
        td_error_set(err, TD_ETOOBIG, "word longer than %d bytes",
                     WORDS_WORD_MAX);
        return -1;
    }
    return 0;
}

int
words_split(const char *line, char ***argv, struct td_error *err)
{
    struct buf w;
    char **v = NULL;
    const char *s = line ? line : "";
    int n = 0, rc = 0;

    buf_init(&w, WORDS_WORD_MAX);
    v = xcalloc(1, sizeof *v);
    for (;;) {
        while (is_blank((unsigned char)*s))
            s++;
        if (*s == '\0' || starts_comment(s))
            break;
        buf_reset(&w);
        /* Quoted and bare parts join into one word, as in the shell:
         * token_cmd="pass show eu" is the single word token_cmd=pass... */
        while (*s && !is_blank((unsigned char)*s)) {
            if (*s == '"' || *s == '\'') {
                if (read_quoted(&s, &w, err) != 0)
                    goto fail;
            } else {
                rc |= buf_addc(&w, *s++);
            }
        }
        if (rc != 0) {
            td_error_set(err, TD_ETOOBIG, "word longer than %d bytes",
                         WORDS_WORD_MAX);
            goto fail;
        }
        v = xreallocarray(v, (size_t)n + 2, sizeof *v);
        v[n++] = xstrdup(buf_str(&w));
        v[n] = NULL;
    }
    buf_free(&w);
    *argv = v;
    return n;
fail:
    buf_free(&w);
    words_free(v, n);
    *argv = NULL;
    return -1;
}

void
words_free(char **argv, int argc)
{
    int i;

    if (argv == NULL)
        return;
    for (i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}

static int
needs_quotes(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;

    /* A trailing backslash, bare, would continue the line in a file. */
    if (*s == '\0' || starts_comment(s) || s[strlen(s) - 1] == '\\')
        return 1;
    for (; *u; u++) {
        if (*u < 0x20 || *u == 0x7f || *u == ' ' || *u == '"' || *u == '\'')
            return 1;
    }
    return 0;
}

void
words_quote(struct buf *out, const char *s)
{
    if (!needs_quotes(s)) {
        buf_adds(out, s);
        return;
    }
    buf_addc(out, '"');
    for (; *s; s++) {
        switch (*s) {
        case '"':
            buf_adds(out, "\\\"");
            break;
        case '\\':
            buf_adds(out, "\\\\");
            break;
        case '\n':
            buf_adds(out, "\\n");
            break;
        case '\t':
            buf_adds(out, "\\t");
            break;
        case '\r':
            buf_adds(out, "\\r");
            break;
        default:
            buf_addc(out, *s);
        }
    }
    buf_addc(out, '"');
}
