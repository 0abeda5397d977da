/* pii.h: find email addresses, phone numbers and street addresses in text
 * and mask them for the screen (screen sharing, screenshots). */
#ifndef TD_PII_H
#define TD_PII_H

#include <stddef.h>

/* An owned copy of the UTF-8 text s in which every letter and digit of an
 * email address, a phone number or a street address becomes '*' (two for
 * a wide character, none for a combining mark); punctuation and spaces
 * stay. The masked text takes exactly the columns the original took, so
 * layout, wrapping and the cursor are unchanged. Detection is heuristic
 * and multilingual: Latin, Cyrillic, Arabic, Thai, Korean street words,
 * Japanese and Chinese block addresses, and ASCII, full-width,
 * Arabic-Indic, Devanagari and Thai digits. NULL gives "". */
char *pii_mask(const char *s);

/* Whether pii_mask would change s (tests, and callers that can skip a
 * copy). */
int pii_found(const char *s);

#endif
