/* list_fmt.c: tab-separated and CSV rows of `ttydesk list`. */
#include "cli/list_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

enum { F_TEXT, F_PLAIN };   /* a buyer's text, or our own word/number */

struct field {
    const char *v;
    int kind;
};

static void
fields(const struct ticket *t, struct field *f, char num[24],
       char times[3][TIME_ISO_LEN])
{
    snprintf(num, 24, "%lld", (long long)t->id);
    times[0][0] = times[1][0] = times[2][0] = '\0';
    if (t->created_at)
        time_format_iso(t->created_at, times[0]);
    if (t->updated_at)
        time_format_iso(t->updated_at, times[1]);
    if (t->first_response_due)
        time_format_iso(t->first_response_due, times[2]);
    f[0] = (struct field){ num, F_PLAIN };
    f[1] = (struct field){ t->account, F_PLAIN };
    f[2] = (struct field){ t->external_id, F_TEXT };
    f[3] = (struct field){ ticket_status_name(t->status), F_PLAIN };
    f[4] = (struct field){ ticket_priority_name(t->priority), F_PLAIN };
    f[5] = (struct field){ channel_name(t->channel), F_PLAIN };
    f[6] = (struct field){ t->language, F_TEXT };
    f[7] = (struct field){ t->requester.country, F_TEXT };
    f[8] = (struct field){ t->requester.name, F_TEXT };
    f[9] = (struct field){ t->requester.email, F_TEXT };
    f[10] = (struct field){ t->assignee, F_TEXT };
    f[11] = (struct field){ times[0], F_PLAIN };
    f[12] = (struct field){ times[1], F_PLAIN };
    f[13] = (struct field){ times[2], F_PLAIN };
    f[14] = (struct field){ t->subject, F_TEXT };
}

#define N_FIELDS 15

void
list_fmt_plain(struct buf *out, const struct ticket *t)
{
    struct field f[N_FIELDS];
    char num[24], times[3][TIME_ISO_LEN];

    fields(t, f, num, times);
    for (int i = 0; i < N_FIELDS; i++) {
        /* no flags: a tab becomes a space, a newline a visible ␊ */
        char *s = sanitize_str(f[i].v, 0);

        if (i)
            buf_addc(out, '\t');
        buf_adds(out, *s ? s : "-");
        free(s);
    }
    buf_addc(out, '\n');
}

void
list_fmt_csv(struct buf *out, const struct ticket *t)
{
    struct field f[N_FIELDS];
    char num[24], times[3][TIME_ISO_LEN];

    fields(t, f, num, times);
    for (int i = 0; i < N_FIELDS; i++) {
        if (i)
            buf_addc(out, ',');
        list_fmt_csv_field(out, f[i].v, f[i].kind == F_TEXT);
    }
    buf_adds(out, "\r\n");
}

void
list_fmt_csv_field(struct buf *out, const char *v, int text)
{
    /* Newlines may stay inside a quoted CSV field; escapes may not. */
    char *s = sanitize_str(v, SAN_KEEP_NEWLINES | SAN_KEEP_TABS);
    int formula = text && strchr("=+-@", s[0]) && s[0];
    int quote = formula || strpbrk(s, ",\"\n\r\t") != NULL;

    if (quote)
        buf_addc(out, '"');
    if (formula)
        buf_addc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_addc(out, '"');
        buf_addc(out, *p);
    }
    if (quote)
        buf_addc(out, '"');
    free(s);
}
