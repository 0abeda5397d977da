/* trender.h: the {{...}} language of template bodies: checking it and
 * filling it in. The file format around the bodies is template.h's. */
#ifndef TD_TRENDER_H
#define TD_TRENDER_H

#include <stddef.h>

#include "core/tvars.h"
#include "util/buf.h"
#include "util/error.h"

/* A list of owned strings; trender_list_free releases them. */
struct trender_list {
    char **v;
    size_t n;
};

/* Append an owned copy of s, once: a string already there is not added. */
void trender_list_add(struct trender_list *l, const char *s);
void trender_list_free(struct trender_list *l);

/* What a body became. text keeps every unresolved tag as written
 * ("{{order.number}}") so that an editor can highlight it; a reply is
 * ready only when missing and inputs are both empty. */
struct trender {
    struct buf text;
    struct trender_list missing;    /* variables without a value */
    struct trender_list inputs;     /* prompts the agent has not filled */
};

/* Check body's syntax and variable names. Each problem is appended to errs
 * as "file:line: message", line0 being the file line of the body's first
 * line; checking goes on after an error. Returns how many were added. */
size_t trender_check(const char *body, const char *file, int line0,
                     struct trender_list *errs);

/* The prompts ({{?name}}) body asks for, in order of first use, added to
 * out without the '?'. A body that does not check adds what it can. */
void trender_prompts(const char *body, struct trender_list *out);

/* Fill body with v's values written in lang into out (zeroed by the
 * caller; release it with trender_free). Values are copied out verbatim:
 * a value holding "{{" is never expanded again. TD_EPARSE (with the first
 * problem in err) if body does not check; missing data is not an error
 * here but is listed in out. */
enum td_status trender_run(const char *body, const struct tvars *v,
                           const char *lang, struct trender *out,
                           struct td_error *err);

void trender_free(struct trender *r);

#endif
