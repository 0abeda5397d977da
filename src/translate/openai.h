/* openai.h: draft generation through an OpenAI-compatible chat-completions
 * endpoint (a local llama.cpp server, or any provider). */
#ifndef TD_OPENAI_H
#define TD_OPENAI_H

#include "translate/translate.h"

extern const struct drafter openai_drafter;

#endif
