/* tfile.h: changing the template library on disk: new, copy-to-edit,
 * rename and delete, always in the agent's own directory
 * ($XDG_CONFIG_HOME/ttydesk/templates); shipped files are never written. */
#ifndef TD_TFILE_H
#define TD_TFILE_H

#include "core/template.h"
#include "util/error.h"

/* $XDG_CONFIG_HOME/ttydesk/templates. Owned result. */
char *tfile_user_dir(void);

/* 1 if name can be a template id (a file name): 1 to 64 of [a-z0-9_-],
 * not starting with '-'. */
int tfile_valid_id(const char *name);

/* Write text to path through a temporary file and a rename, so that a
 * crash leaves the old file or the new one, never half of one. */
enum td_status tfile_write(const char *path, const char *text,
                           struct td_error *err);

/* Create dir/NAME.tmpl with a skeleton (one [lang] section) for the agent
 * to fill in; TD_ECONFLICT when lib already has that id or short code.
 * *path gets the file (owned). */
enum td_status tfile_create(const struct tpl_library *lib, const char *dir,
                            const char *name, const char *lang, char **path,
                            struct td_error *err);

/* The file to edit for template name: its own when it is in dir, else a
 * copy of the shipped one written into dir first (which then hides it).
 * *path is owned. */
enum td_status tfile_writable(const struct tpl_library *lib, const char *dir,
                              const char *name, char **path,
                              struct td_error *err);

/* Rename the agent's template from to the id to; a shipped one is copied
 * under the new id first (the shipped file stays where it is). */
enum td_status tfile_rename(const struct tpl_library *lib, const char *dir,
                            const char *from, const char *to,
                            struct td_error *err);

/* Delete the agent's file for name (a shipped template of the same id
 * then shows again). A shipped-only template cannot be deleted
 * (TD_EPERM). */
enum td_status tfile_delete(const struct tpl_library *lib, const char *dir,
                            const char *name, struct td_error *err);

#endif
