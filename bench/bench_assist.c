/* bench_assist.c: the background pass over a store written without the
 * models (an upgrade), as the console runs it: slices of 50 tickets, each
 * its own transaction (the console also ends a slice early when a key
 * is waiting, which this cannot show).
 *   bench_assist SHARE_DIR STORE_PATH [SLICE]
 * prints the slowest slice, the mean, the total and tickets per second. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/assist.h"
#include "store/classify.h"
#include "store/store.h"

/* As UI_CLASSIFY_SLICE in src/ui/ui.c. */
#define SLICE_DEFAULT 50

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
    struct assist *a = NULL;
    struct store *st = NULL;
    struct td_error err;
    double t0, t, worst = 0, total = 0;
    size_t done, all = 0, slices = 0;
    int64_t pending = 0;
    int more = 1;

    int slice = argc > 3 ? (int)strtol(argv[3], NULL, 10) : SLICE_DEFAULT;

    if (argc < 3 || slice <= 0) {
        fprintf(stderr, "usage: bench_assist SHARE_DIR STORE_PATH\n");
        return 2;
    }
    t0 = now_ms();
    if (assist_load(argv[1], &a, &err) != TD_OK ||
        store_open(argv[2], &st, &err) != TD_OK) {
        fprintf(stderr, "bench_assist: %s\n", err.msg);
        assist_free(&a);
        return 1;
    }
    printf("load models and open: %.1f ms\n", now_ms() - t0);
    store_set_assist(st, a);
    t0 = now_ms();
    if (store_classify_count(st, &pending, &err) != TD_OK)
        goto fail;
    printf("count unclassified: %lld in %.1f ms\n", (long long)pending,
           now_ms() - t0);
    while (more) {
        t0 = now_ms();
        if (store_classify_pending(st, (size_t)slice, NULL, NULL, &done,
                                   &more, &err) != TD_OK)
            goto fail;
        t = now_ms() - t0;
        worst = t > worst ? t : worst;
        total += t;
        all += done;
        slices++;
    }
    printf("classified %zu tickets in %zu slices of %d: slowest slice "
           "%.1f ms, mean %.1f ms, total %.1f s (%.0f tickets/s)\n", all,
           slices, slice, worst, slices ? total / slices : 0, total / 1e3,
           total > 0 ? all / (total / 1e3) : 0);
    store_close(&st);
    assist_free(&a);
    return 0;
fail:
    fprintf(stderr, "bench_assist: %s\n", err.msg);
    store_close(&st);
    assist_free(&a);
    return 1;
}
