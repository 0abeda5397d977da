/* fuzz_html.c: any HTML body turns into text (or a clear error), never a crash. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "net/html.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct td_error err;
    char *out = NULL;

    if (html_to_text((const char *)data, size, &out, &err) == TD_OK) {
        if (out == NULL)
            abort();
        (void)strlen(out);
    } else if (out != NULL) {
        abort();
    }
    free(out);
    return 0;
}
