/* paths.c: XDG base directories and the 0700 rule for the data directory. */
#include "core/paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xmalloc.h"

static const char *
home_dir(void)
{
    const char *h = getenv("HOME");

    return h && *h ? h : "/";
}

static char *
xdg_dir(const char *var, const char *fallback)
{
    const char *v = getenv(var);

    /* The spec says to ignore relative values. */
    if (v && v[0] == '/')
        return paths_join(v, "ttydesk");
    return xasprintf("%s/%s/ttydesk", home_dir(), fallback);
}

char *
paths_data_dir(void)
{
    return xdg_dir("XDG_DATA_HOME", ".local/share");
}

char *
paths_config_dir(void)
{
    return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
paths_state_dir(void)
{
    return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *
paths_join(const char *a, const char *b)
{
    size_t n = strlen(a);

    if (n > 0 && a[n - 1] == '/')
        return xasprintf("%s%s", a, b);
    return xasprintf("%s/%s", a, b);
}

char *
paths_expand(const char *path)
{
    if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
        return xasprintf("%s%s", home_dir(), path + 1);
    return xstrdup(path);
}

static enum td_status
mkdir_parents(const char *dir, struct td_error *err)
{
    char *p = xstrdup(dir);
    enum td_status rc = TD_OK;

    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            rc = td_error_set(err, TD_EIO, "mkdir %s: %s", p, strerror(errno));
            break;
        }
        *s = '/';
    }
    free(p);
    return rc;
}

enum td_status
paths_ensure_private_dir(const char *dir, struct td_error *err)
{
    struct stat st;
    enum td_status rc;

    if (stat(dir, &st) != 0) {
        if (errno != ENOENT)
            return td_error_set(err, TD_EIO, "%s: %s", dir, strerror(errno));
        if ((rc = mkdir_parents(dir, err)) != TD_OK)
            return rc;
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return td_error_set(err, TD_EIO, "mkdir %s: %s", dir,
                                strerror(errno));
        if (stat(dir, &st) != 0)
            return td_error_set(err, TD_EIO, "%s: %s", dir, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return td_error_set(err, TD_EIO, "%s: not a directory", dir);
    if (st.st_uid != geteuid())
        return td_error_set(err, TD_EPERM,
                            "%s: refusing to use: owned by another user", dir);
    if (st.st_mode & 022)
        return td_error_set(err, TD_EPERM,
                            "%s: refusing to use: writable by others "
                            "(chmod 700 %s)", dir, dir);
    return TD_OK;
}

static int
is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
paths_share_dir(void)
{
    const char *env = getenv("TTYDESK_DATADIR");
    char exe[PATH_MAX], *cand;
    ssize_t n;

    if (env && *env)
        return xstrdup(env);
    if (is_dir(TTYDESK_DATADIR "/demo"))
        return xstrdup(TTYDESK_DATADIR);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;

        exe[n] = '\0';
        if ((slash = strrchr(exe, '/')) != NULL)
            *slash = '\0';
        /* Installed under another prefix than the one compiled in. */
        cand = paths_join(exe, "../share/ttydesk/demo");
        if (is_dir(cand)) {
            free(cand);
            return paths_join(exe, "../share/ttydesk");
        }
        free(cand);
        cand = paths_join(exe, "../demo");
        if (is_dir(cand)) {
            free(cand);
            return paths_join(exe, "..");
        }
        free(cand);
    }
    return xstrdup(TTYDESK_DATADIR);
}
