/* fuzz_mapping.c: a mapping file is accepted or refused with a message, and
 * what it accepts can be walked and expanded without crashing or leaking. */
#include <stdlib.h>
#include <string.h>

#include "drivers/mapping.h"
#include "fuzz.h"

/* Expand a call's template against the document itself, as a reply does
 * against a fetched ticket. */
static void
expand_call(const struct mapping *m, const struct map_call *c)
{
    struct map_var vars[] = {
        { .name = "id", .str = "7" },
        { .name = "status", .str = NULL },
        { .name = "body_html", .json = m->doc },
    };
    cJSON *out;
    char *s;

    if (c->body == NULL)
        return;
    out = mapping_expand(c->body, vars, 3);
    s = cJSON_PrintUnformatted(out);
    free(s);
    cJSON_Delete(out);
    s = mapping_path(c->path, "a/b");
    free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mapping *m = NULL;
    struct td_error err;
    char *v;

    td_error_clear(&err);
    if (mapping_parse("fuzz.json", (const char *)data, size, &m, &err) !=
        TD_OK) {
        if (m != NULL || err.msg[0] == '\0')
            abort();                    /* a refusal says why, keeps nothing */
        return 0;
    }
    /* Every path the mapping names, read in its own document. */
    v = mapping_strdup(m->doc, m->t_id);
    free(v);
    v = mapping_strdup(m->doc, m->list.items);
    free(v);
    (void)mapping_time(m->doc, m->t_updated);
    (void)mapping_lookup(m->status_map, "open");
    if (m->has_reply)
        expand_call(m, &m->reply);
    if (m->has_note)
        expand_call(m, &m->note);
    if (m->has_status)
        expand_call(m, &m->status);
    mapping_free(&m);
    return 0;
}
