/* tfile.c: the template library's files: create, copy to edit, rename,
 * delete; only ever inside the agent's own template directory. */
#include "core/tfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/paths.h"
#include "util/buf.h"
#include "util/xmalloc.h"

char *
tfile_user_dir(void)
{
    char *conf = paths_config_dir();
    char *dir = paths_join(conf, "templates");

    free(conf);
    return dir;
}

int
tfile_valid_id(const char *name)
{
    size_t n = name ? strlen(name) : 0;

    if (n == 0 || n > 64 || name[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* mkdir -p for the directory, private like the rest of the config. */
static enum td_status
ensure_dir(const char *dir, struct td_error *err)
{
    return paths_ensure_private_dir(dir, err);
}

enum td_status
tfile_write(const char *path, const char *text, struct td_error *err)
{
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    size_t n = strlen(text);
    enum td_status rc = TD_OK;
    int fd = mkstemp(tmp);

    if (fd < 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (write(fd, text, n) != (ssize_t)n || fsync(fd) != 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        goto out;
    }
    /* Shared in a team's git checkout: readable like any text file. */
    (void)fchmod(fd, 0644);
    close(fd);
    if (rename(tmp, path) != 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        unlink(tmp);
    }
out:
    free(tmp);
    return rc;
}

/* 1 if path is a file directly inside dir. */
static int
is_in_dir(const char *path, const char *dir)
{
    size_t n = strlen(dir);

    while (n > 1 && dir[n - 1] == '/')
        n--;
    return strncmp(path, dir, n) == 0 && path[n] == '/' &&
           strchr(path + n + 1, '/') == NULL;
}

static char *
file_of(const char *dir, const char *id)
{
    char *name = xasprintf("%s%s", id, TEMPLATE_EXT);
    char *path = paths_join(dir, name);

    free(name);
    return path;
}

static enum td_status
read_all(const char *path, char **out, struct td_error *err)
{
    FILE *f = fopen(path, "r");
    struct buf b;
    char chunk[4096];
    size_t n;

    if (f == NULL)
        return td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
    buf_init(&b, TEMPLATE_MAX_FILE);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_add(&b, chunk, n) != 0) {
            fclose(f);
            buf_free(&b);
            return td_error_set(err, TD_ETOOBIG, "%s: larger than %d KiB",
                                path, TEMPLATE_MAX_FILE / 1024);
        }
    }
    fclose(f);
    *out = buf_detach(&b);
    return TD_OK;
}

/* Write text to p (owned): on success *path takes p, else p is freed. */
static enum td_status
write_to(char *p, const char *text, char **path, struct td_error *err)
{
    enum td_status rc = tfile_write(p, text, err);

    if (rc != TD_OK) {
        free(p);
        return rc;
    }
    *path = p;
    return TD_OK;
}

enum td_status
tfile_create(const struct tpl_library *lib, const char *dir,
             const char *name, const char *lang, char **path,
             struct td_error *err)
{
    struct stat st;
    char *text, *p;
    enum td_status rc;

    *path = NULL;
    if (!tfile_valid_id(name))
        return td_error_set(err, TD_EINVAL, "'%s' is not a template name "
                            "(a-z, 0-9, - and _)", name);
    if (tpl_library_find(lib, name))
        return td_error_set(err, TD_ECONFLICT, "template %s exists "
                            "(:template-edit %s)", name, name);
    if ((rc = ensure_dir(dir, err)) != TD_OK)
        return rc;
    p = file_of(dir, name);
    if (stat(p, &st) == 0) {
        free(p);
        return td_error_set(err, TD_ECONFLICT, "%s exists", name);
    }
    text = xasprintf("# %s%s: a canned reply; the format is in "
                     "ttydesk-templates(5).\n"
                     "name = %s\n"
                     "code =\n"
                     "description =\n"
                     "intent =\n"
                     "tags =\n"
                     "status = none\n"
                     "type = public\n"
                     "\n"
                     "[%s]\n"
                     "Hi {{customer.first_name || \"there\"}},\n"
                     "\n"
                     "\n"
                     "\n"
                     "Best,\n"
                     "{{agent.first_name}}\n",
                     name, TEMPLATE_EXT, name,
                     lang && *lang ? lang : "en");
    rc = write_to(p, text, path, err);
    free(text);
    return rc;
}

enum td_status
tfile_writable(const struct tpl_library *lib, const char *dir,
               const char *name, char **path, struct td_error *err)
{
    const struct template *t = tpl_library_find(lib, name);
    char *text = NULL, *p;
    enum td_status rc;

    *path = NULL;
    if (t == NULL)
        return td_error_set(err, TD_ENOTFOUND, "no template '%s'", name);
    if (is_in_dir(t->path, dir)) {
        *path = xstrdup(t->path);
        return TD_OK;
    }
    /* A shipped template: the agent's copy hides it from now on. */
    if ((rc = ensure_dir(dir, err)) != TD_OK ||
        (rc = read_all(t->path, &text, err)) != TD_OK)
        return rc;
    p = file_of(dir, t->id);
    rc = write_to(p, text, path, err);
    free(text);
    return rc;
}

enum td_status
tfile_rename(const struct tpl_library *lib, const char *dir,
             const char *from, const char *to, struct td_error *err)
{
    const struct template *t = tpl_library_find(lib, from);
    char *dst, *text = NULL;
    struct stat st;
    enum td_status rc;

    if (t == NULL)
        return td_error_set(err, TD_ENOTFOUND, "no template '%s'", from);
    if (!tfile_valid_id(to))
        return td_error_set(err, TD_EINVAL, "'%s' is not a template name "
                            "(a-z, 0-9, - and _)", to);
    if (tpl_library_find(lib, to))
        return td_error_set(err, TD_ECONFLICT, "template %s exists", to);
    if ((rc = ensure_dir(dir, err)) != TD_OK)
        return rc;
    dst = file_of(dir, to);
    if (stat(dst, &st) == 0) {
        rc = td_error_set(err, TD_ECONFLICT, "%s exists", dst);
    } else if (is_in_dir(t->path, dir)) {
        if (rename(t->path, dst) != 0)
            rc = td_error_set(err, TD_EIO, "%s: %s", dst, strerror(errno));
    } else if ((rc = read_all(t->path, &text, err)) == TD_OK) {
        rc = tfile_write(dst, text, err);
    }
    free(text);
    free(dst);
    return rc;
}

enum td_status
tfile_delete(const struct tpl_library *lib, const char *dir,
             const char *name, struct td_error *err)
{
    const struct template *t = tpl_library_find(lib, name);

    if (t == NULL)
        return td_error_set(err, TD_ENOTFOUND, "no template '%s'", name);
    if (!is_in_dir(t->path, dir))
        return td_error_set(err, TD_EPERM, "%s is a shipped template; "
                            "it can be changed (:template-edit) but not "
                            "deleted", t->id);
    if (unlink(t->path) != 0)
        return td_error_set(err, TD_EIO, "%s: %s", t->path,
                            strerror(errno));
    return TD_OK;
}
