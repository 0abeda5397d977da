/* fuzz_query.c: the query parser refuses or accepts, never crashes or leaks. */
#include <stdlib.h>

#include "core/query.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    struct query q = { 0 };
    struct td_error err;

    if (query_parse(text, &q, &err) == TD_OK) {
        for (size_t i = 0; i < q.n_terms; i++)
            if (q.terms[i].field >= QF_COUNT)
                abort();
    } else if (q.n_terms != 0 || err.msg[0] == '\0') {
        abort();                        /* a refusal says why, keeps nothing */
    }
    query_clear(&q);
    free(text);
    return 0;
}
