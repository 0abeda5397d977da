/* json.c: typed access to cJSON documents with errors that say where. */
#include "net/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

const char *
json_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

char *
json_strdup(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (cJSON_IsString(v))
        return xstrdup(v->valuestring);
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;

        if (d == (double)(int64_t)d)
            return xasprintf("%lld", (long long)(int64_t)d);
        return xasprintf("%.15g", d);
    }
    return NULL;
}

int64_t
json_int(const cJSON *obj, const char *key, int64_t def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : def;
}

int
json_bool(const cJSON *obj, const char *key, int def)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (cJSON_IsTrue(v))
        return 1;
    if (cJSON_IsFalse(v))
        return 0;
    return def;
}

time_t
json_time(const cJSON *obj, const char *key)
{
    const char *s = json_str(obj, key);
    time_t t;

    return s && time_parse_iso(s, &t) == 0 ? t : 0;
}

enum td_status
json_parse(const char *text, size_t len, cJSON **out, const char *what,
           struct td_error *err)
{
    const char *end = NULL;
    int line = 1, col = 1;

    *out = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (*out != NULL)
        return TD_OK;
    /* cJSON only says where it stopped; turn that into line:column. */
    if (end == NULL || end < text || end > text + len)
        end = text;
    for (const char *p = text; p < end; p++) {
        if (*p == '\n')
            line++, col = 1;
        else
            col++;
    }
    if (end >= text + len)
        return td_error_set(err, TD_EPARSE,
                            "%s: malformed JSON: truncated at line %d", what,
                            line);
    return td_error_set(err, TD_EPARSE,
                        "%s: malformed JSON at line %d, column %d", what, line,
                        col);
}

enum td_status
json_load_file(const char *path, size_t max, cJSON **out,
               struct td_error *err)
{
    FILE *f = fopen(path, "rb");
    struct buf b;
    char chunk[16384];
    size_t n;
    enum td_status rc;

    *out = NULL;
    if (f == NULL)
        return td_error_set(err, errno == ENOENT ? TD_ENOTFOUND : TD_EIO,
                            "%s: %s", path, strerror(errno));
    buf_init(&b, max);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&b, chunk, n) != 0) {
            fclose(f);
            buf_free(&b);
            return td_error_set(err, TD_ETOOBIG, "%s: larger than %zu bytes",
                                path, max);
        }
    }
    if (ferror(f)) {
        rc = td_error_set(err, TD_EIO, "%s: read error", path);
        fclose(f);
        buf_free(&b);
        return rc;
    }
    fclose(f);
    rc = json_parse(buf_str(&b), b.len, out, path, err);
    buf_free(&b);
    return rc;
}

void
json_set(cJSON *obj, const char *key, cJSON *item)
{
    /* Replace fails (and would leak item) when the key is absent. */
    if (!cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item))
        cJSON_AddItemToObject(obj, key, item);
}

void
json_add_str(cJSON *obj, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(obj, key, s);
    else
        cJSON_AddNullToObject(obj, key);
}

void
json_add_time(cJSON *obj, const char *key, time_t t)
{
    char iso[TIME_ISO_LEN];

    if (t == 0) {
        cJSON_AddNullToObject(obj, key);
        return;
    }
    time_format_iso(t, iso);
    cJSON_AddStringToObject(obj, key, iso);
}
