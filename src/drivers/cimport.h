/* cimport.h: `template import`: an account's canned replies, fetched
 * through drv_list_canned, converted and written into the library. */
#ifndef TD_CIMPORT_H
#define TD_CIMPORT_H

#include <stddef.h>

#include "core/template.h"
#include "core/timport.h"
#include "util/error.h"

struct account;

/* What happened to one canned reply. Every string is owned. */
struct cimport_line {
    char *origin;
    char *title;
    char *id;                   /* the template's id, NULL if none */
    enum timport_action act;
    char *unknown;              /* placeholders left as prompts, or NULL */
};

struct cimport_report {
    struct cimport_line *v;
    size_t n;
    size_t n_new, n_updated, n_same, n_kept, n_skipped;
};

/* Import a's canned replies into dir (the agent's template directory;
 * lib is the library as loaded, to keep names unique and find earlier
 * imports) as language lang; with dry_run nothing is written. Blocks
 * until the backend answered. TD_ENOTSUP for backends without canned
 * replies. rep is filled even on a failure part-way. */
enum td_status cimport_run(struct account *a, const struct tpl_library *lib,
                           const char *dir, const char *lang, int dry_run,
                           struct cimport_report *rep, struct td_error *err);

void cimport_report_free(struct cimport_report *rep);

#endif
