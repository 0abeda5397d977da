/* fuzz_tz.c: any bytes as a TZif file load or fail cleanly, and a loaded
 * zone answers every question about any instant without a crash. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/tz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const time_t probes[] = {
        -2147483648LL, 0, 1774746000, 1792000000, 4102444800LL,
    };
    struct td_error err;
    struct tz *z = tz_parse("fuzz", data, size, &err);
    struct tm tm;

    if (z == NULL)
        return 0;
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        const char *abbr = NULL;

        (void)tz_offset(z, probes[i], &abbr);
        if (abbr == NULL)
            abort();
        tz_localtime(z, probes[i], &tm);
        (void)tz_mktime(z, 2026, 3, 29, 2, 30, 0);
    }
    tz_free(&z);
    return 0;
}
