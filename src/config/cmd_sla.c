/* cmd_sla.c: `sla` and `hours` lines into the config's policy book. */
#include "config/cmd_sla.h"

#include <stdlib.h>
#include <string.h>

#include "core/sla.h"
#include "util/xmalloc.h"

enum td_status
cmd_hours(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    const char *slash = cfg->cur_file ? strrchr(cfg->cur_file, '/') : NULL;
    char *dir = slash ? xstrndup(cfg->cur_file,
                                 (size_t)(slash - cfg->cur_file) + 1)
                      : NULL;
    enum td_status rc = sla_book_hours(cfg->sla, argc, argv, dir, err);

    free(dir);
    return rc;
}

enum td_status
cmd_sla(struct config *cfg, int argc, char **argv, struct td_error *err)
{
    return sla_book_policy(cfg->sla, argc, argv, err);
}
