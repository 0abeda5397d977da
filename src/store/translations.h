/* translations.h: the translation cache (table translations, schema v4). */
#ifndef TD_STORE_TRANSLATIONS_H
#define TD_STORE_TRANSLATIONS_H

#include "store/store.h"

/* The cached translation for key (the caller's hash of provider,
 * languages and text): *text and, when the source was detected, *src
 * (NULL otherwise) are owned by the caller. TD_ENOTFOUND when absent. */
enum td_status store_translation_get(struct store *s, const char *key,
                                     char **text, char **src,
                                     struct td_error *err);
/* Keep a translation under key, replacing an older one. src may be NULL
 * (detected by nobody), dst and text may not. */
enum td_status store_translation_put(struct store *s, const char *key,
                                     const char *provider, const char *src,
                                     const char *dst, const char *text,
                                     struct td_error *err);
/* How many translations are cached (tests, :translate-stats). */
enum td_status store_translation_count(struct store *s, int64_t *n,
                                       struct td_error *err);

#endif
