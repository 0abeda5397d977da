/* libretranslate.h: a LibreTranslate-compatible REST API (POST /translate). */
#ifndef TD_LIBRETRANSLATE_H
#define TD_LIBRETRANSLATE_H

#include "translate/translate.h"

extern const struct translator libretranslate_translator;

#endif
