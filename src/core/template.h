/* template.h: canned replies: the .tmpl file format, the library of them
 * (the agent's directory over the shipped one), and choosing and filling
 * a language variant. The format is documented in ttydesk-templates(5). */
#ifndef TD_TEMPLATE_H
#define TD_TEMPLATE_H

#include <stddef.h>

#include "core/model.h"
#include "core/trender.h"
#include "core/tvars.h"
#include "util/error.h"

#define TEMPLATE_EXT ".tmpl"
#define TEMPLATE_MAX_FILE (256 * 1024)

/* One language section: "[pt-BR]" and the text under it. */
struct tpl_variant {
    char *lang;
    char *body;
    int line;           /* the file line of the body's first line */
};

/* A template as read from one file. Every pointer is owned. */
struct template {
    char *id;           /* the file name without .tmpl: "wismo" */
    char *path;
    char *name;         /* human title; the id when the file has none */
    char *code;         /* short code typed in the picker, may be NULL */
    char *description;
    char *intent;
    char **tags;
    size_t n_tags;
    int status;         /* enum ticket_status to set after sending, -1 none */
    int is_note;        /* 1: an internal note, 0: a public reply */
    unsigned approved;  /* 1u << enum channel for WhatsApp, LINE approval */
    char *origin;       /* imported from "driver:account:id", else NULL */
    char *imported;     /* the imported text's checksum, to see local edits */
    struct tpl_variant *variants;   /* in file order */
    size_t n_variants;
};

/* The templates of every directory searched, by id; a template in an
 * earlier directory hides one of the same id in a later one (the agent's
 * own over the shipped examples). errors holds "file:line: message". */
struct tpl_library {
    struct template **items;        /* owned, sorted by id */
    size_t n;
    struct trender_list errors;
};

/* Parse text (the contents of path) into a new template. Problems are
 * appended to errs and parsing goes on; returns NULL only when nothing
 * usable remains (no variant). id is taken from path's file name. */
struct template *template_parse(const char *path, const char *text,
                                struct trender_list *errs);

/* Whether the line s[0..n) starts a section ("[pt-BR]"): 1 and, when
 * tag is not NULL, the tag in *tag (owned); else 0. */
int template_section_line(const char *s, size_t n, char **tag);

/* Read and parse one file; NULL with errs filled on failure. */
struct template *template_load(const char *path, struct trender_list *errs);

void template_free(struct template **t);

/* Add every *.tmpl of dir to lib (a missing dir is not an error). */
void tpl_library_add_dir(struct tpl_library *lib, const char *dir);

/* The search path: $XDG_CONFIG_HOME/ttydesk/templates, then the shipped
 * share_dir/templates (share_dir may be NULL). */
void tpl_library_load(struct tpl_library *lib, const char *share_dir);

/* The template whose id or short code is name, NULL if none. */
const struct template *tpl_library_find(const struct tpl_library *lib,
                                        const char *name);

void tpl_library_free(struct tpl_library *lib);

/* Whether t may go out on channel c: WhatsApp and LINE accept outside
 * their reply window only templates approved with the provider, so those
 * two need approved to name them; every other channel takes any text. */
int template_channel_ok(const struct template *t, enum channel c);

/* Choose the variant for a buyer: the wanted language (the ticket's, or
 * --lang), refined by the buyer's locale when it is the same language
 * (ticket "pt", buyer "pt-BR" tries pt-BR first); then the primary
 * language (pt-BR -> pt); then any variant of that language; then
 * default_lang; then en; then the file's first. why gets a sentence for
 * the agent ("pt-PT not found, pt not found, used pt-BR"). Returns the
 * variant's index; t has at least one. */
size_t template_pick(const struct template *t, const char *want,
                     const char *locale, const char *default_lang,
                     struct buf *why);

/* The rendering of a template for one ticket. */
struct tpl_result {
    const struct tpl_variant *variant;      /* borrowed from the template */
    char *why;                              /* owned: see template_pick */
    struct trender r;
};

/* Pick a variant and fill it from v. TD_OK only when the reply is ready
 * to send; TD_EINVAL when variables are unresolved or prompts unfilled,
 * err naming them all ("unresolved: order.number; needs input:
 * ?refund_amount"); TD_EPARSE when the body is broken. out is filled in
 * every case but TD_EPARSE; release it with tpl_result_free. */
enum td_status template_render(const struct template *t,
                               const struct tvars *v, const char *want,
                               const char *default_lang,
                               struct tpl_result *out, struct td_error *err);

void tpl_result_free(struct tpl_result *r);

#endif
