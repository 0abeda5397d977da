/* secret.c: an API token from token_cmd= or token_env=, never the rc file. */
#include "config/secret.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define SECRET_MAX 4096

/* token_cmd output: only the first line, so that `pass show` (which may
 * print more lines of metadata) works as it does for git and mutt. */
static enum td_status
secret_cmd(const struct account_def *def, const char *cmd, char **out,
           struct td_error *err)
{
    char line[SECRET_MAX];
    FILE *p = popen(cmd, "r");
    int status;

    if (p == NULL)
        return td_error_set(err, TD_EAUTH, "%s: token_cmd could not run",
                            def->name);
    if (fgets(line, sizeof line, p) == NULL)
        line[0] = '\0';
    status = pclose(p);
    line[strcspn(line, "\r\n")] = '\0';
    if (status != 0 || line[0] == '\0')
        return td_error_set(err, TD_EAUTH, "%s: token_cmd %s", def->name,
                            status != 0 ? "failed" : "printed nothing");
    *out = xstrdup(line);
    return TD_OK;
}

enum td_status
secret_get(const struct account_def *def, char **out, struct td_error *err)
{
    const char *env = account_def_opt(def, "token_env");
    const char *cmd = account_def_opt(def, "token_cmd");
    const char *v;

    *out = NULL;
    if (cmd != NULL)
        return secret_cmd(def, cmd, out, err);
    if (env == NULL)
        return td_error_set(err, TD_EAUTH, "%s: no token_env= or token_cmd= "
                            "for the API token", def->name);
    if ((v = getenv(env)) == NULL || *v == '\0')
        return td_error_set(err, TD_EAUTH, "%s: $%s is not set", def->name,
                            env);
    *out = xstrdup(v);
    return TD_OK;
}

void
secret_wipe(char **s)
{
    if (s == NULL || *s == NULL)
        return;
    /* volatile: the compiler may not drop a store to memory that is
     * freed right after. */
    for (volatile char *p = *s; *p; p++)
        *p = '\0';
    xfree_str(s);
}
