/* keys.h: the key notation of bind and macro (<C-x>, <Enter>, gg). */
#ifndef TD_KEYS_H
#define TD_KEYS_H

#include "util/buf.h"
#include "util/error.h"

/* Check the key sequence keys and append its canonical spelling to out
 * (<c-X> becomes <C-x>, <return> becomes <Enter>), so that two spellings
 * of one key bind the same thing. A macro's sequence (in_sequence) may
 * also hold plain spaces. TD_EINVAL with err naming the bad key. */
enum td_status keys_canon(const char *keys, int in_sequence, struct buf *out,
                          struct td_error *err);

#endif
