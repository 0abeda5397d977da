/* cmd_outbox_act.c: retry, edit or discard a held or failed reply. */
#include "cli/cmd_outbox_act.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "cli/cli.h"
#include "config/config.h"
#include "drivers/outbox.h"
#include "store/outbox_guard.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#define OUTBOX_MAX_TEXT ((size_t)1 << 20)

char *
outbox_read_text(const char *path, struct td_error *err)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct buf b;
    char chunk[8192];
    size_t n;

    if (f == NULL) {
        td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    buf_init(&b, OUTBOX_MAX_TEXT);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_add(&b, chunk, n) != 0) {
            td_error_set(err, TD_ETOOBIG, "%s: over %zu bytes", path,
                         OUTBOX_MAX_TEXT);
            buf_free(&b);
            if (f != stdin)
                fclose(f);
            return NULL;
        }
    if (f != stdin)
        fclose(f);
    return buf_detach(&b);
}

const char *
outbox_agent_name(struct app *app)
{
    const char *n = config_str(app->cfg, OPT_AGENT_NAME);

    return *n ? n : NULL;
}

int
outbox_send_item(struct app *app, int64_t item)
{
    struct outbox_item it;
    struct td_error err;
    size_t sent = 0;
    int rc;

    (void)outbox_flush(app->store, app->accounts, app->n_accounts,
                       outbox_agent_name(app), item, &sent, &err);
    if (store_outbox_get(app->store, item, &it, &err) != TD_OK)
        return cli_fail("%s", err.msg), OUTBOX_EXIT_FAILED;
    switch (it.state) {
    case OB_SENT:
        fprintf(stderr, "sent (outbox item %lld)\n", (long long)item);
        rc = OUTBOX_EXIT_SENT;
        break;
    case OB_HELD:
        rc = OUTBOX_EXIT_HELD;
        cli_fail("held (outbox item %lld): %s; read the thread, then "
                 "ttydesk outbox retry|edit|discard %lld", (long long)item,
                 it.error ? it.error : "", (long long)item);
        break;
    case OB_FAILED:
        rc = OUTBOX_EXIT_FAILED;
        cli_fail("failed (outbox item %lld): %s", (long long)item,
                 it.error ? it.error : "");
        break;
    default:
        rc = OUTBOX_EXIT_QUEUED;
        if (it.error == NULL && it.send_at > time_now()) {
            char when[TIME_ISO_LEN];

            time_format_iso(it.send_at, when);
            cli_fail("scheduled (outbox item %lld): it goes by itself at "
                     "%s", (long long)item, when);
            break;
        }
        cli_fail("still queued (outbox item %lld): %s", (long long)item,
                 it.error ? it.error : "will retry");
        break;
    }
    outbox_item_clear(&it);
    return rc;
}

/* $VISUAL or $EDITOR (as git does: the value may carry arguments, so it
 * runs under sh with the file as "$1", never pasted into the string). */
static enum td_status
outbox_run_editor(const char *path, struct td_error *err)
{
    const char *ed = getenv("VISUAL");
    pid_t pid;
    int status;

    if (ed == NULL || *ed == '\0')
        ed = getenv("EDITOR");
    if (ed == NULL || *ed == '\0')
        ed = "vi";
    if ((pid = fork()) < 0)
        return td_error_set(err, TD_EIO, "fork: %s", strerror(errno));
    if (pid == 0) {
        char *cmd = xasprintf("%s \"$1\"", ed);

        execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return td_error_set(err, TD_EIO, "wait: %s", strerror(errno));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return td_error_set(err, TD_EINVAL, "the editor (%s) failed; the "
                            "item is unchanged", ed);
    return TD_OK;
}

/* The item's text in the agent's editor; *body gets the new text. */
static enum td_status
outbox_edit_text(const struct outbox_item *it, char **body,
                 struct td_error *err)
{
    char path[] = "/tmp/ttydesk-reply-XXXXXX";
    int fd = mkstemp(path);
    size_t len = strlen(it->body);
    enum td_status rc;

    *body = NULL;
    if (fd < 0)
        return td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
    if (write(fd, it->body, len) != (ssize_t)len) {
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(path);
        return rc;
    }
    close(fd);
    if ((rc = outbox_run_editor(path, err)) == TD_OK &&
        (*body = outbox_read_text(path, err)) == NULL)
        rc = err->status;
    unlink(path);
    return rc;
}

int
cmd_outbox_act(struct app *app, int argc, char **argv)
{
    static const char usage[] =
        "usage: ttydesk outbox retry ID [--text TEXT | --file FILE] | "
        "outbox edit ID | outbox discard ID";
    const char *verb = argv[0];
    struct outbox_item it;
    struct td_error err;
    char *body = NULL, *end;
    long long id;
    int rc;

    if (argc < 2 || (id = strtoll(argv[1], &end, 10)) <= 0 || *end)
        return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
    if (strcmp(verb, "discard") == 0) {
        if (argc != 2)
            return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
        if (app->readonly)
            return cli_fail("outbox: read-only mode: the outbox cannot be "
                            "changed"), OUTBOX_EXIT_FAILED;
        if (store_outbox_discard(app->store, id, &err) != TD_OK)
            return cli_fail("outbox: %s", err.msg), OUTBOX_EXIT_FAILED;
        fprintf(stderr, "discarded (outbox item %lld)\n", id);
        return OUTBOX_EXIT_SENT;
    }
    if (strcmp(verb, "retry") == 0) {
        if (argc == 4 && strcmp(argv[2], "--text") == 0)
            body = xstrdup(argv[3]);
        else if (argc == 4 && strcmp(argv[2], "--file") == 0) {
            if ((body = outbox_read_text(argv[3], &err)) == NULL)
                return cli_fail("outbox: %s", err.msg), OUTBOX_EXIT_FAILED;
        } else if (argc != 2)
            return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
    } else if (strcmp(verb, "edit") == 0) {
        if (argc != 2)
            return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
        if (store_outbox_get(app->store, id, &it, &err) != TD_OK)
            return cli_fail("outbox: %s", err.msg), OUTBOX_EXIT_FAILED;
        rc = it.state == OB_SENDING || it.state == OB_SENT
                 ? td_error_set(&err, TD_ECONFLICT, "outbox item %lld is %s",
                                id, outbox_state_name(it.state))
                 : outbox_edit_text(&it, &body, &err);
        outbox_item_clear(&it);
        if (rc != TD_OK)
            return cli_fail("outbox: %s", err.msg), OUTBOX_EXIT_FAILED;
    } else {
        return cli_fail("%s", usage), OUTBOX_EXIT_USAGE;
    }
    if (app->readonly) {
        free(body);
        return cli_fail("outbox: read-only mode: replies and notes are "
                        "disabled"), OUTBOX_EXIT_FAILED;
    }
    rc = store_outbox_requeue(app->store, id, body, &err);
    free(body);
    if (rc != TD_OK)
        return cli_fail("outbox: %s", err.msg), OUTBOX_EXIT_FAILED;
    return outbox_send_item(app, id);
}
