/* fuzz_sanitize.c: nothing that comes out of the sanitizer can drive a terminal. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/sanitize.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = sanitize_text((const char *)data, size, SAN_KEEP_NEWLINES);
    size_t n = strlen(out), i = 0;

    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(out + i, n - i, &cp);

        if (k == 0)
            abort();                    /* output is always valid UTF-8 */
        if ((cp < 0x20 && cp != '\n') || cp == 0x7f ||
            (cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
            (cp >= 0x2066 && cp <= 0x2069))
            abort();                    /* a control reached the output */
        i += k;
    }
    free(out);
    return 0;
}
