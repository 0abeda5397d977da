/* intent.h: what a buyer's message asks for (where is my order, refund...),
 * from a naive-Bayes model for English and keyword lexicons for the rest. */
#ifndef TD_INTENT_H
#define TD_INTENT_H

#include <stddef.h>

#include "util/error.h"

enum intent_label {
    INTENT_WHERE_IS_MY_ORDER,
    INTENT_RETURN_REFUND,
    INTENT_CANCEL_ORDER,
    INTENT_CHANGE_ADDRESS,
    INTENT_DAMAGED_DEFECTIVE,
    INTENT_WRONG_ITEM,
    INTENT_PAYMENT_ISSUE,
    INTENT_PRODUCT_QUESTION,
    INTENT_COMPLAINT,
    INTENT_THANKS_OTHER,
    INTENT_COUNT,
};

struct intent_model;

struct intent_result {
    enum intent_label label;
    double confidence;      /* 0..1 */
};

/* "where_is_my_order", ...; "unknown" out of range. */
const char *intent_label_name(enum intent_label l);
/* The label called name, -1 if none. */
int intent_label_from_name(const char *name);

/* The label a word names: its full name, a short tag of the inbox
 * column (intent_label_short), a word templates use for it ("wismo",
 * "refund", "return", "damaged", "payment", "address_change", ...) or an
 * unambiguous prefix of a full name ("where" or "wism"); -1 if none or
 * ambiguous. Case does not matter. */
int intent_label_parse(const char *word);
/* A tag of at most 6 letters for narrow columns: "wismo", "refund",
 * "cancel", "addr", "damage", "wrong", "pay", "ask", "compl", "other". */
const char *intent_label_short(enum intent_label l);

/* Fold len bytes of text into out as the tagger reads it: " w1 w2 ... "
 * with a space before and after each word, letters only, lower case,
 * Latin accents taken off ("Dónde" -> "donde"). Capped at 8 KB. */
struct buf;
void intent_fold(const char *text, size_t len, struct buf *out);

/* Load models/intent.model (tools/train/intent.py) and, when lexicon_path
 * is not NULL, models/intent-lexicon.txt into a new model owned by the
 * caller. Malformed files are TD_EPARSE with "file:line: why" in err. */
enum td_status intent_load(const char *model_path, const char *lexicon_path,
                           struct intent_model **out, struct td_error *err);
/* Add the concept glossary and rules of models/intent-concepts.txt
 * (core/concepts.h) to m, replacing any loaded before. */
enum td_status intent_load_concepts(struct intent_model *m, const char *path,
                                    struct td_error *err);
/* Free the model; NULL-safe, clears *p. */
void intent_free(struct intent_model **p);
/* Tag len bytes of UTF-8 text written in lang (ISO 639-1 or "unknown",
 * borrowed). Never fails: with no evidence it says thanks_other, unsure. */
void intent_classify(const struct intent_model *m, const char *text,
                     size_t len, const char *lang, struct intent_result *res);

#endif
