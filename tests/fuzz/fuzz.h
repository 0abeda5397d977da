/* fuzz.h: the entry point every fuzz target defines (libFuzzer's). */
#ifndef TD_FUZZ_H
#define TD_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Run one input; abort() on a broken invariant. Returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input, which most parsers want. */
char *fuzz_cstr(const uint8_t *data, size_t size);

#endif
