/* fuzz_trcommand.c: a translator's command line (split into words, the
 * language placeholders filled) and language codes: refused or accepted,
 * never a crash, a leak or a word left with a placeholder in it. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "fuzz.h"
#include "translate/trcommand.h"
#include "translate/translate.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct td_error err;
    char **argv = NULL, code[16];
    int n;

    n = trcommand_argv(text, "es", "en", &argv, &err);
    if (n < 0) {
        if (argv != NULL || err.msg[0] == '\0')
            abort();                    /* a refusal says why, keeps nothing */
    } else {
        if (n == 0)
            abort();
        for (int i = 0; i < n; i++)
            if (argv[i] == NULL || strstr(argv[i], "{from3}") ||
                strstr(argv[i], "{to}"))
                abort();
        config_words_free(argv, n);
    }
    if (tr_lang_norm(text, code, sizeof code) == 0) {
        size_t len = strlen(code);

        if ((len != 2 && len != 5) || !islower((unsigned char)code[0]) ||
            !islower((unsigned char)code[1]) ||
            (len == 5 && (code[2] != '-' ||
                          !isupper((unsigned char)code[3]))))
            abort();
    }
    free(text);
    return 0;
}
