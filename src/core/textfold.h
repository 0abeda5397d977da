/* textfold.h: the letter classes, case folding and feature hashing that the
 * language and intent models share with tools/train/textnorm.py. */
#ifndef TD_TEXTFOLD_H
#define TD_TEXTFOLD_H

#include <stddef.h>
#include <stdint.h>

/* Scripts, numbered as textnorm.py numbers them; 0 = not a letter. */
enum textfold_script {
    TF_NONE = 0,
    TF_LATIN,
    TF_CYRILLIC,
    TF_ARABIC,
    TF_DEVANAGARI,
    TF_THAI,
    TF_HANGUL,
    TF_KANA,
    TF_HAN,
    TF_SCRIPT_COUNT,
};

#define TEXTFOLD_FNV_BASIS 0x811C9DC5u

/* Decode one UTF-8 code point from s (n bytes left, n > 0) into *cp and
 * return the bytes used; a malformed byte gives U+FFFD and 1. */
size_t textfold_decode(const char *s, size_t n, uint32_t *cp);
/* The script of cp, TF_NONE when it is no letter (digit, punctuation,
 * emoji, space). */
enum textfold_script textfold_script(uint32_t cp);
/* Lower-case the Latin letters our languages use; others unchanged. */
uint32_t textfold_fold(uint32_t cp);
/* Continue an FNV-1a hash with the UTF-8 bytes of cp. */
uint32_t textfold_hash_cp(uint32_t h, uint32_t cp);
/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
size_t textfold_encode(uint32_t cp, char *out);

#endif
