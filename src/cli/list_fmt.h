/* list_fmt.h: `ttydesk list` rows for scripts: --plain (tab-separated)
 * and --csv (RFC 4180), with the same columns in the same order. */
#ifndef TD_LIST_FMT_H
#define TD_LIST_FMT_H

#include "core/model.h"
#include "util/buf.h"

/* The column names, comma-separated: the CSV header, documented in
 * ttydesk(1). */
#define LIST_FMT_COLUMNS "id,account,external_id,status,priority,channel," \
    "language,country,buyer,email,assignee,created_at,updated_at," \
    "first_response_due,subject"

/* Append one line (with its newline) for t. --plain: fields separated by
 * a tab, each sanitized and without tabs or newlines, "-" when empty.
 * --csv: every field quoted when it must be, quotes doubled, and a text
 * field that starts with = + - @ prefixed with ' so that a spreadsheet
 * does not run it as a formula. Times are ISO 8601 UTC. */
void list_fmt_plain(struct buf *out, const struct ticket *t);
void list_fmt_csv(struct buf *out, const struct ticket *t);
/* Append one CSV field as list_fmt_csv writes them (text: the formula
 * guard applies); NULL is an empty field. Shared with `ttydesk stats`. */
void list_fmt_csv_field(struct buf *out, const char *v, int text);

#endif
