/* notify_out.c: libnotify, terminal escape sequences, the notify_cmd hook. */
#include "ui/notify_out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libnotify/notify.h>

#include "config/config.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

extern char **environ;

/* Desktop pop-ups for a stopwatch: gone after 10 s unless critical. */
#define NOTIFY_DESKTOP_MS 10000

int
notify_out_have_bus(void)
{
    const char *a = getenv("DBUS_SESSION_BUS_ADDRESS");

    return a != NULL && *a != '\0';
}

enum td_status
notify_out_desktop(const struct notify_msg *m, struct td_error *err)
{
    static const NotifyUrgency urg[] = {
        NOTIFY_URGENCY_LOW, NOTIFY_URGENCY_NORMAL, NOTIFY_URGENCY_CRITICAL,
    };
    NotifyNotification *n;
    GError *gerr = NULL;
    enum td_status rc = TD_OK;

    if (!notify_out_have_bus())
        return td_error_set(err, TD_ENOTSUP, "no desktop session bus "
                            "(DBUS_SESSION_BUS_ADDRESS is not set)");
    if (!notify_is_initted() && !notify_init("ttydesk"))
        return td_error_set(err, TD_ENOTSUP, "libnotify did not start");
    n = notify_notification_new(m->summary, m->body, NULL);
    notify_notification_set_urgency(n, urg[m->urgency < 0 ? 0
                                           : m->urgency > 2 ? 2
                                           : m->urgency]);
    notify_notification_set_timeout(n, m->urgency >= 2
                                     ? NOTIFY_EXPIRES_NEVER
                                     : NOTIFY_DESKTOP_MS);
    notify_notification_set_category(n, "im.received");
    if (!notify_notification_show(n, &gerr)) {
        rc = td_error_set(err, TD_ENOTSUP, "desktop notification: %s",
                          gerr && gerr->message ? gerr->message
                          : "the server did not answer");
        g_clear_error(&gerr);
    }
    g_object_unref(G_OBJECT(n));
    return rc;
}

long
notify_out_terminal(FILE *tty, unsigned via, const struct notify_msg *m,
                    int tmux)
{
    struct buf b;
    char *title, *body, *text;
    long rc = 0;
    size_t off = 0;
    int fd;

    if (tty == NULL)
        return -1;
    buf_init(&b, 0);
    /* Cleaned again here, whatever the caller did: this is the one
     * place where notification text meets the terminal. */
    title = notify_clean(m->summary, 200, 1);
    body = notify_clean(m->body, 400, 1);
    text = *body ? xasprintf("%s: %s", title, body) : xstrdup(title);
    if (via & NOTIFY_VIA_OSC9)
        notify_seq_osc9(&b, text, tmux);
    if (via & NOTIFY_VIA_OSC777)
        notify_seq_osc777(&b, title, body, tmux);
    if (via & NOTIFY_VIA_BELL)
        buf_addc(&b, '\a');
    free(title);
    free(body);
    free(text);
    /* Curses buffers in the FILE: what it holds goes first, then ours,
     * straight to the descriptor so that nothing interleaves. */
    fflush(tty);
    fd = fileno(tty);
    while (off < b.len) {
        ssize_t w = write(fd, b.data + off, b.len - off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = -1;
            break;
        }
        off += (size_t)w;
    }
    if (rc == 0)
        rc = (long)off;
    buf_free(&b);
    return rc;
}

static void
env_add(char ***env, size_t *n, const char *name, const char *value)
{
    char *clean = notify_clean(value ? value : "", 1024, 0);

    *env = xreallocarray(*env, *n + 2, sizeof **env);
    (*env)[(*n)++] = xasprintf("%s=%s", name, clean);
    (*env)[*n] = NULL;
    free(clean);
}

static void
env_add_num(char ***env, size_t *n, const char *name, long long v)
{
    char num[32];

    snprintf(num, sizeof num, "%lld", v);
    env_add(env, n, name, v ? num : "");
}

/* environ without any TTYDESK_ variable, then ours. */
static char **
hook_env(const struct notify_msg *m, size_t *n)
{
    static const char *const urg[] = { "low", "normal", "critical" };
    const struct notify_ev *ev = m->ev;
    char **env = NULL, due[TIME_ISO_LEN] = "";

    *n = 0;
    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, "TTYDESK_", 8) == 0)
            continue;
        env = xreallocarray(env, *n + 2, sizeof *env);
        env[(*n)++] = xstrdup(*e);
        env[*n] = NULL;
    }
    if (ev->due)
        time_format_iso(ev->due, due);
    env_add(&env, n, "TTYDESK_EVENT", notify_event_name(ev->event));
    env_add_num(&env, n, "TTYDESK_TICKET", (long long)ev->ticket_id);
    env_add(&env, n, "TTYDESK_ACCOUNT", ev->account);
    env_add(&env, n, "TTYDESK_EXTERNAL_ID", ev->external_id);
    env_add(&env, n, "TTYDESK_SUBJECT", ev->subject);
    env_add(&env, n, "TTYDESK_REQUESTER", ev->requester);
    env_add(&env, n, "TTYDESK_ASSIGNEE", ev->assignee);
    env_add(&env, n, "TTYDESK_SUMMARY", m->summary);
    env_add(&env, n, "TTYDESK_BODY", m->body);
    env_add(&env, n, "TTYDESK_URGENCY",
            urg[m->urgency < 0 ? 0 : m->urgency > 2 ? 2 : m->urgency]);
    env_add(&env, n, "TTYDESK_DUE", due);
    env_add_num(&env, n, "TTYDESK_OUTBOX_ID", (long long)ev->outbox_id);
    return env;
}

enum td_status
notify_out_cmd(const char *cmd, const struct notify_msg *m, pid_t *pid,
               struct td_error *err)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none;
    char **argv = NULL, **env;
    size_t n_env = 0;
    int argc, e;
    enum td_status rc = TD_OK;

    *pid = 0;
    /* Words as the rc language splits them, so that a quoted path with
     * spaces works; no shell ever sees buyer text. */
    if ((argc = config_split(cmd, &argv, err)) < 0) {
        td_error_prefix(err, "notify_cmd: ");
        return TD_EINVAL;
    }
    if (argc == 0) {
        config_words_free(argv, argc);
        return td_error_set(err, TD_EINVAL, "notify_cmd is empty");
    }
    env = hook_env(m, &n_env);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_init(&attr);
    /* The console blocks SIGWINCH, SIGTERM and SIGHUP for its signalfd;
     * the hook must get them as any program does. */
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
                                    POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    if ((e = posix_spawnp(pid, argv[0], &fa, &attr, argv, env)) != 0) {
        rc = td_error_set(err, TD_EIO, "notify_cmd: %s: %s", argv[0],
                          strerror(e));
        *pid = 0;
    }
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    for (size_t i = 0; i < n_env; i++)
        free(env[i]);
    free(env);
    config_words_free(argv, argc);
    return rc;
}
