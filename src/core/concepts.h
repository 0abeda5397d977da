/* concepts.h: a keyword-level translation of buyer messages into English
 * concepts ("not", "arrive", "order"...) and rules over them, so that one
 * set of after-sales rules serves every language and any word order. */
#ifndef TD_CONCEPTS_H
#define TD_CONCEPTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/intent.h"
#include "util/error.h"

/* At most this many concepts: they are the bits of a uint64_t. */
#define CONCEPTS_MAX 64

struct concepts;

/* Load models/intent-concepts.txt into a new struct concepts owned by the
 * caller. The file has two kinds of line (# comments):
 *   LANG CONCEPT: word, stem*, *infix, multi word, ...
 *   rule LABEL WEIGHT: CONCEPT CONCEPT ... [-CONCEPT ...]
 * A word matches a whole word; stem* any word it begins; *infix anywhere
 * (Thai, Japanese and Chinese words always match anywhere). LANG "*" is
 * every language. A rule adds WEIGHT to LABEL when every CONCEPT was seen
 * and no -CONCEPT was. The concept "question" is also set by a question
 * mark (? ？ ؟) in the text. Errors are TD_EPARSE "file:line: why". */
enum td_status concepts_load(const char *path, struct concepts **out,
                             struct td_error *err);
/* Free; NULL-safe, clears *p. */
void concepts_free(struct concepts **p);

/* The concepts seen in norm (text folded by intent_fold) for language
 * lang (its own words, English words, "*" words; ms reads id's; unknown
 * reads English and "*" only), raw
 * being the text before folding (for the question marks). */
uint64_t concepts_find(const struct concepts *c, const char *norm,
                       const char *raw, size_t rawlen, const char *lang);
/* Add the weight of every rule that mask satisfies to score[label]. */
void concepts_score(const struct concepts *c, uint64_t mask,
                    double score[INTENT_COUNT]);
/* The number of the concept called name, -1 if none (tests). */
int concepts_id(const struct concepts *c, const char *name);

#endif
