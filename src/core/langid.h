/* langid.h: which language a message is written in (ISO 639-1), offline. */
#ifndef TD_LANGID_H
#define TD_LANGID_H

#include <stddef.h>

#include "util/error.h"

/* The language of too short, mixed or letterless text ("ok", "#1234"). */
#define LANGID_UNKNOWN "unknown"

struct langid;

struct langid_result {
    char lang[8];           /* "en", "ja", ... or LANGID_UNKNOWN */
    double confidence;      /* 0..1; for unknown, how sure the best guess was */
};

/* Load the n-gram model that tools/train/langid.py wrote (models/langid.bin)
 * into a new struct langid, owned by the caller. A file of the wrong shape
 * is TD_EPARSE with the reason in err. */
enum td_status langid_load(const char *path, struct langid **out,
                           struct td_error *err);
/* Free the model; NULL-safe, clears *p. */
void langid_free(struct langid **p);
/* Detect the language of len bytes of UTF-8 text. Scripts used by one
 * language only (Hangul, kana, Thai, Arabic, Devanagari, Cyrillic, Han) are
 * decided by script; Latin text by the model. Never fails. */
void langid_detect(const struct langid *m, const char *text, size_t len,
                   struct langid_result *res);

#endif
