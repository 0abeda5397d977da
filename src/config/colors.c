/* colors.c: which colour and attribute words a color line may use. */
#include "config/colors.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/words.h"

static const char *const color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const char *const attr_names[] = {
    "bold", "underline", "reverse", "dim", "italic", "blink", "standout",
    "none",
};

#define N_COLOR_NAMES (sizeof color_names / sizeof color_names[0])
#define N_ATTR_NAMES (sizeof attr_names / sizeof attr_names[0])

int
colors_is_color(const char *s)
{
    const char *name = s;
    size_t i, n;

    if (strcasecmp(s, "default") == 0 || words_is_hex_color(s, strlen(s)))
        return 1;
    if (strncasecmp(s, "color", 5) == 0) {
        /* color0..color255, no leading zeros so each has one spelling. */
        n = strspn(s + 5, "0123456789");
        if (n == 0 || n > 3 || s[5 + n] != '\0' || (n > 1 && s[5] == '0'))
            return 0;
        return strtol(s + 5, NULL, 10) <= 255;
    }
    if (strncasecmp(s, "bright", 6) == 0)
        name = s + 6;
    for (i = 0; i < N_COLOR_NAMES; i++) {
        if (strcasecmp(name, color_names[i]) == 0)
            return 1;
    }
    return 0;
}

enum td_status
colors_check_attrs(const char *s, struct td_error *err)
{
    const char *p = s;
    size_t i, n;

    for (;;) {
        n = strcspn(p, ",");
        for (i = 0; i < N_ATTR_NAMES; i++) {
            if (strlen(attr_names[i]) == n &&
                strncasecmp(attr_names[i], p, n) == 0)
                break;
        }
        if (i == N_ATTR_NAMES)
            return td_error_set(err, TD_EINVAL, "unknown attribute '%.*s' "
                                "(bold, underline, reverse, dim, italic, "
                                "blink, standout, none)", (int)n, p);
        if (p[n] == '\0')
            return TD_OK;
        p += n + 1;
    }
}
