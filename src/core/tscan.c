/* tscan.c: unfilled template tags in a reply's text. */
#include "core/tscan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/tvars.h"
#include "util/xmalloc.h"

static int
name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-';
}

/* Whether the inside of a tag, s[0..n), starts with a ?prompt or a known
 * variable name (a "|| fallback" may follow). */
static int
tag_is_ours(const char *s, size_t n)
{
    size_t i = 0, j, name_end;
    int prompt;

    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    prompt = i < n && s[i] == '?';
    if (prompt)
        i++;
    for (j = i; j < n && name_char(s[j]); j++)
        ;
    if (j == i)
        return 0;
    name_end = j;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
        j++;
    if (j < n && !(j + 1 < n && s[j] == '|' && s[j + 1] == '|'))
        return 0;
    return prompt || tvars_find(s + i, name_end - i) >= 0;
}

int
tscan_next(const char *text, size_t len, size_t from, size_t *start,
           size_t *end)
{
    for (size_t i = from; i + 1 < len; i++) {
        size_t k;

        if (text[i] != '{' || text[i + 1] != '{')
            continue;
        for (k = i + 2; k + 1 < len && text[k] != '\n'; k++) {
            if (text[k] == '}' && text[k + 1] == '}')
                break;
        }
        if (k + 1 >= len || text[k] != '}')
            continue;
        /* "{{{x}}": the tag starts at the last of the braces. */
        while (i + 2 < k && text[i + 2] == '{')
            i++;
        if (tag_is_ours(text + i + 2, k - i - 2)) {
            *start = i;
            *end = k + 2;
            return 1;
        }
    }
    return 0;
}

size_t
tscan_all(const char *text, size_t len, struct trender_list *out)
{
    size_t at = 0, s, e, n = 0;

    while (tscan_next(text, len, at, &s, &e)) {
        char *tag = xstrndup(text + s, e - s);

        trender_list_add(out, tag);
        free(tag);
        at = e;
        n++;
    }
    return n;
}
