/* replay.c: run a fuzz target over its saved corpus, as part of make test.
 * usage: replay NAME DIR   (prints one TAP line) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static int
replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    char chunk[4096];
    size_t n;

    if (f == NULL)
        return -1;
    buf_init(&b, (size_t)16 << 20);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_add(&b, chunk, n) != 0)
            break;
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)(b.data ? b.data : ""), b.len);
    buf_free(&b);
    return 0;
}

int
main(int argc, char **argv)
{
    struct dirent *de;
    DIR *d;
    int count = 0;

    if (argc != 3 || (d = opendir(argv[2])) == NULL) {
        printf("not ok 1 - fuzz corpus %s: cannot read %s\n",
               argc > 1 ? argv[1] : "?", argc > 2 ? argv[2] : "?");
        return 1;
    }
    while ((de = readdir(d)) != NULL) {
        char *path;

        if (de->d_name[0] == '.')
            continue;
        path = xasprintf("%s/%s", argv[2], de->d_name);
        if (replay_file(path) == 0)
            count++;
        free(path);
    }
    closedir(d);
    /* A broken invariant aborts before this line: the suite sees no "ok". */
    printf("ok 1 - fuzz corpus %s: %d inputs hold\n", argv[1], count);
    return 0;
}
