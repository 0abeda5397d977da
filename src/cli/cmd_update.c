/* cmd_update.c: change a ticket's status, assignee or tags from a script. */
#include "cli/cmd_update.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli/cli.h"
#include "drivers/driver.h"
#include "store/store.h"
#include "util/xmalloc.h"

int
cmd_update(struct app *app, int argc, char **argv)
{
    static const struct option opts[] = {
        { "status", required_argument, NULL, 's' },
        { "assign", required_argument, NULL, 'a' },
        { "tag", required_argument, NULL, 't' },
        { NULL, 0, NULL, 0 },
    };
    const char *usage = "usage: ttydesk update ID [--status S] "
                        "[--assign NAME|none] [--tag +TAG|-TAG ...]";
    const char **add = xcalloc((size_t)argc + 1, sizeof *add);
    const char **del = xcalloc((size_t)argc + 1, sizeof *del);
    struct ticket_update u = { 0 };
    struct ticket *t = NULL;
    struct account *a;
    struct td_error err;
    int64_t id;
    int c, rc = 1;

    optind = 0;
    while ((c = getopt_long(argc, argv, "s:a:t:", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            u.status = optarg;
            break;
        case 'a':
            u.assignee = strcmp(optarg, "none") == 0 ? "" : optarg;
            break;
        case 't':
            if (optarg[0] == '-' && optarg[1])
                del[u.n_remove_tags++] = optarg + 1;
            else
                add[u.n_add_tags++] = optarg + (optarg[0] == '+');
            break;
        default:
            rc = 2;
            goto usage;
        }
    }
    u.add_tags = add;
    u.remove_tags = del;
    if (optind != argc - 1) {
        rc = 2;
        goto usage;
    }
    if (cli_resolve_ticket(app, argv[optind], &id, &err) != TD_OK ||
        store_ticket_get(app->store, id, &t, &err) != TD_OK) {
        cli_fail("update %s: %s", argv[optind], err.msg);
        goto out;
    }
    if ((a = app_account(app, t->account)) == NULL) {
        cli_fail("update: account %s is not configured", t->account);
        goto out;
    }
    u.ticket_ext_id = t->external_id;
    if (drv_update(a, &u, &err) != TD_OK ||
        drv_sync(a, app->store, NULL, NULL, &err) != TD_OK) {
        cli_fail("update %s: %s", argv[optind], err.msg);
        goto out;
    }
    fprintf(stderr, "updated %s:%s\n", t->account, t->external_id);
    rc = 0;
    goto out;
usage:
    cli_fail("%s", usage);
out:
    ticket_free(&t);
    free(add);
    free(del);
    return rc;
}
