/* keys.c: checks key names (<C-x>, <Enter>, F1) and spells them one way. */
#include "config/keys.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct key_name {
    const char *name;       /* as written, any case */
    const char *canon;      /* as stored */
};

static const struct key_name key_names[] = {
    {
        .name = "Enter",
        .canon = "Enter",
    },
    {
        .name = "Return",
        .canon = "Enter",
    },
    {
        .name = "CR",
        .canon = "Enter",
    },
    {
        .name = "Tab",
        .canon = "Tab",
    },
    {
        .name = "Esc",
        .canon = "Esc",
    },
    {
        .name = "Escape",
        .canon = "Esc",
    },
    {
        .name = "Space",
        .canon = "Space",
    },
    {
        .name = "Up",
        .canon = "Up",
    },
    {
        .name = "Down",
        .canon = "Down",
    },
    {
        .name = "Left",
        .canon = "Left",
    },
    {
        .name = "Right",
        .canon = "Right",
    },
    {
        .name = "PageUp",
        .canon = "PageUp",
    },
    {
        .name = "PgUp",
        .canon = "PageUp",
    },
    {
        .name = "PageDown",
        .canon = "PageDown",
    },
    {
        .name = "PgDn",
        .canon = "PageDown",
    },
    {
        .name = "Home",
        .canon = "Home",
    },
    {
        .name = "End",
        .canon = "End",
    },
    {
        .name = "Backspace",
        .canon = "Backspace",
    },
    {
        .name = "BS",
        .canon = "Backspace",
    },
    {
        .name = "Delete",
        .canon = "Delete",
    },
    {
        .name = "Del",
        .canon = "Delete",
    },
};

#define N_KEY_NAMES (sizeof key_names / sizeof key_names[0])

/* The canonical name of the len bytes at s, or NULL. F1..F12 are not in
 * the table; fbuf holds their spelling. */
static const char *
name_find(const char *s, size_t len, char fbuf[4])
{
    size_t i;
    int n;

    for (i = 0; i < N_KEY_NAMES; i++) {
        if (strlen(key_names[i].name) == len &&
            strncasecmp(key_names[i].name, s, len) == 0)
            return key_names[i].canon;
    }
    if ((len == 2 || len == 3) && (s[0] == 'F' || s[0] == 'f') &&
        isdigit((unsigned char)s[1]) && s[1] != '0' &&
        (len == 2 || isdigit((unsigned char)s[2]))) {
        n = s[1] - '0';
        if (len == 3)
            n = n * 10 + (s[2] - '0');
        if (n >= 1 && n <= 12) {
            fbuf[0] = 'F';
            fbuf[1] = s[1];
            fbuf[2] = len == 3 ? s[2] : '\0';
            fbuf[3] = '\0';
            return fbuf;
        }
    }
    return NULL;
}

/* <C-x>, <M-x> at s (which points at '<'). Returns the length consumed
 * or 0 if s is not a modifier key. Control keys are case-blind in a
 * terminal, so <C-X> is stored as <C-x>; <M-X> differs from <M-x>. */
static size_t
modifier_key(const char *s, struct buf *out)
{
    int mod = toupper((unsigned char)s[1]);
    unsigned char c;

    /* Each test stops at the NUL before the next one reads past it. */
    if ((mod != 'C' && mod != 'M') || s[2] != '-' || s[3] == '\0' ||
        s[4] != '>')
        return 0;
    c = (unsigned char)s[3];
    if (mod == 'C' && !isalpha(c) && strchr("@[\\]^_?", c) == NULL)
        return 0;
    if (mod == 'M' && !isgraph(c))
        return 0;
    if (mod == 'C')
        c = (unsigned char)tolower(c);
    buf_printf(out, "<%c-%c>", mod, c);
    return 5;
}

/* Write the '<' key. The UI spells a typed '<' as "<", so that is the
 * spelling unless a '>' comes next and would make it read as a name. */
static void
put_lt(const char *rest, struct buf *out)
{
    buf_adds(out, rest[strcspn(rest, "<>")] == '>' ? "<lt>" : "<");
}

enum td_status
keys_canon(const char *keys, int in_sequence, struct buf *out,
           struct td_error *err)
{
    const char *s = keys;
    const char *canon;
    char fbuf[4];
    size_t n;
    unsigned char c;

    if (*s == '\0')
        return td_error_set(err, TD_EINVAL, "empty key sequence");
    while (*s) {
        c = (unsigned char)*s;
        if (c == '<') {
            if ((n = modifier_key(s, out)) > 0) {
                s += n;
                continue;
            }
            n = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
            if (n == 2 && s[3] == '>' && strncasecmp(s + 1, "lt", 2) == 0) {
                put_lt(s + 4, out);
                s += 4;
                continue;
            }
            canon = n > 0 && s[n + 1] == '>' ? name_find(s + 1, n, fbuf)
                                             : NULL;
            if (canon) {
                buf_printf(out, "<%s>", canon);
                s += n + 2;
                continue;
            }
            /* A typo in a key name is reported, not bound as the
             * letters it spells. In bind keys anything from '<' to the
             * next '>' is a name; in a macro's text only what looks like
             * one, so that it can type "sla<30m>". Any other '<' is the
             * key itself. */
            if (in_sequence ? n > 0 && s[n + 1] == '>'
                            : s[1 + strcspn(s + 1, "<>")] == '>')
                return td_error_set(err, TD_EINVAL, "bad key '%.*s' in "
                                    "'%s'", (int)strcspn(s, ">") + 1, s,
                                    keys);
            put_lt(s + 1, out);
            s++;
            continue;
        }
        /* Bytes from 0x80 are UTF-8 characters, which are keys too. */
        if (c < 0x20 || c == 0x7f || (c == ' ' && !in_sequence))
            return td_error_set(err, TD_EINVAL, "bad key in '%s': write "
                                "<Space>, <Tab>, <Enter> for blanks", keys);
        buf_addc(out, *s++);
    }
    return TD_OK;
}
