/* deepl.h: the DeepL API (POST /v2/translate), Free and Pro. */
#ifndef TD_DEEPL_H
#define TD_DEEPL_H

#include "translate/translate.h"

extern const struct translator deepl_translator;

#endif
