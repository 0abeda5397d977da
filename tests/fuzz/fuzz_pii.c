/* fuzz_pii.c: the PII mask keeps the width of any sanitized text (it runs
 * after the sanitizer on screen), and notification text never keeps a
 * control character. */
#include <stdlib.h>
#include <string.h>

#include "core/notify_rules.h"
#include "core/pii.h"
#include "fuzz.h"
#include "util/sanitize.h"
#include "util/width.h"
#include "util/xmalloc.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *raw = xstrndup((const char *)data, size);
    char *in = sanitize_str(raw, SAN_KEEP_NEWLINES);
    char *masked = pii_mask(in);
    char *clean = notify_clean(raw, 300, 1);
    size_t n = strlen(clean), i = 0;

    if (width_str(masked) != width_str(in))
        abort();                        /* the layout would move */
    if (strlen(clean) > 300 || strchr(clean, ';'))
        abort();
    while (i < n) {
        unsigned cp;
        size_t k = utf8_decode(clean + i, n - i, &cp);

        if (k == 0)
            abort();                    /* always valid UTF-8 */
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
            (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
            abort();                    /* could drive the terminal */
        i += k;
    }
    free(raw);
    free(in);
    free(masked);
    free(clean);
    return 0;
}
