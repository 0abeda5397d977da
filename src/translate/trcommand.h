/* trcommand.h: a translator that is a program: text on its stdin, the
 * translation on its stdout (Apertium, argos-translate, a script). */
#ifndef TD_TRCOMMAND_H
#define TD_TRCOMMAND_H

#include "translate/translate.h"

extern const struct translator trcommand_translator;

/* The argv of command (as written on the rc line) for a pair: words split
 * as the rc file splits them, then {from}, {to} (ISO 639-1) and {from3},
 * {to3} (ISO 639-3, Apertium's names) replaced in each word. Returns the
 * word count (argv owned: config_words_free) or -1 with err set. */
int trcommand_argv(const char *command, const char *from, const char *to,
                   char ***argv, struct td_error *err);

#endif
