/* fuzz_config.c: any rc text loads without crashing, and what it dumps loads back the same. */
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "fuzz.h"
#include "util/buf.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct config *a = config_new(), *b = config_new();
    struct td_error err;
    struct buf d1, d2;

    buf_init(&d1, 0);
    buf_init(&d2, 0);
    (void)config_load_string(a, text, "fuzz", &err);
    config_dump(a, &d1);
    (void)config_load_string(b, buf_str(&d1), "dump", &err);
    config_dump(b, &d2);
    if (b->n_errors != 0 || strcmp(buf_str(&d1), buf_str(&d2)) != 0)
        abort();                        /* the dump must load back unchanged */
    buf_free(&d1);
    buf_free(&d2);
    config_free(&a);
    config_free(&b);
    free(text);
    return 0;
}
