/* chart.c: bars, sparklines and heat-map cells as text (Unicode blocks or ASCII). */
#include "ui/chart.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>
#include <strings.h>

/* Eighths of a cell, left to right (U+258F..U+2588), and heights (U+2581..
 * U+2588). Each is three bytes in UTF-8. */
static const char *const eighths[9] = {
    "", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█",
};
static const char *const heights[9] = {
    " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█",
};
static const char ascii_heights[] = " .:-=+*##";
static const char *const shades[5] = { " ", "░", "▒", "▓", "█" };
static const char *const ascii_shades[5] = { " ", ".", ":", "*", "#" };

int
chart_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcasecmp(cs, "UTF-8") == 0 ||
                  strcasecmp(cs, "utf8") == 0);
}

void
chart_bar(struct buf *out, double v, double max, int width, int utf8)
{
    long units, full, part;
    int used = 0;

    if (width <= 0)
        return;
    if (isnan(v) || v <= 0 || max <= 0) {
        units = 0;
    } else {
        /* In eighths of a cell; at least one so that a small value is
         * not drawn as nothing. */
        units = lround(v / max * width * 8);
        if (units < 1)
            units = 1;
        if (units > (long)width * 8)
            units = (long)width * 8;
    }
    if (!utf8)
        units = units ? (units + 7) / 8 * 8 : 0;
    full = units / 8;
    part = units % 8;
    for (long i = 0; i < full; i++, used++)
        buf_adds(out, utf8 ? eighths[8] : "#");
    if (part) {
        buf_adds(out, eighths[part]);
        used++;
    }
    for (; used < width; used++)
        buf_addc(out, ' ');
}

void
chart_spark(struct buf *out, const double *v, size_t n, double max,
            int utf8)
{
    for (size_t i = 0; i < n; i++) {
        long h = 0;

        if (!isnan(v[i]) && v[i] > 0 && max > 0) {
            h = lround(v[i] / max * 8);
            if (h < 1)
                h = 1;
            if (h > 8)
                h = 8;
        }
        if (utf8)
            buf_adds(out, heights[h]);
        else
            buf_addc(out, ascii_heights[h]);
    }
}

const char *
chart_shade(double v, double max, int utf8, int *level)
{
    int l = 0;

    if (!isnan(v) && v > 0 && max > 0) {
        l = (int)ceil(v / max * 4);
        if (l < 1)
            l = 1;
        if (l > 4)
            l = 4;
    }
    if (level)
        *level = l;
    return utf8 ? shades[l] : ascii_shades[l];
}
