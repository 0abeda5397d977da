/* words.h: splitting config lines into words and quoting words back. */
#ifndef TD_WORDS_H
#define TD_WORDS_H

#include "util/buf.h"
#include "util/error.h"

/* Split line into words (see config_split in config.h for the rules).
 * Returns the count and a NULL-terminated argv owned by the caller (free
 * with words_free), or -1 with err set. */
int words_split(const char *line, char ***argv, struct td_error *err);
/* Free what words_split returned; NULL-safe. */
void words_free(char **argv, int argc);

/* Append s to out as one word that words_split reads back as s, adding
 * double quotes and backslashes only when s needs them. */
void words_quote(struct buf *out, const char *s);

/* Whether the n bytes at s are a #rrggbb colour: such a word is not a
 * comment even though it starts with '#'. */
int words_is_hex_color(const char *s, size_t n);

#endif
