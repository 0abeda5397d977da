/* proc.c: a child process fed on stdin and read on stdout and stderr
 * without blocking, inside the caller's poll loop. No shell is involved:
 * argv goes to execvp as it is, so text and languages are never parsed
 * by /bin/sh. */
#include "translate/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/* How often a process that closed its pipes but has not exited is
 * looked at again. */
#define PROC_REAP_MS 5
/* How much of stderr is kept for the message. */
#define PROC_ERR_MAX 4096

struct proc {
    pid_t pid;
    int in_fd;              /* our end of its stdin, -1 once closed */
    int out_fd;
    int err_fd;
    char *input;
    size_t in_len;
    size_t in_off;
    struct buf out;
    struct buf errb;
    struct timespec deadline;
    int reaped;
    int status;             /* from waitpid */
    int too_big;
    proc_done_fn done;
    void *ctx;
};

static long
ms_until(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (t->tv_sec - now.tv_sec) * 1000 +
           (t->tv_nsec - now.tv_nsec) / 1000000;
}

static void
proc_close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* In the child: stdin, stdout, stderr from the pipes, an empty signal
 * mask (the console blocks SIGWINCH, SIGTERM and SIGHUP for its
 * signalfd, and a mask survives exec), nothing else open. */
static void
proc_child(char *const *argv, int in, int out, int err)
{
    sigset_t none;

    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
    closefrom(3);
    execvp(argv[0], argv);
    dprintf(2, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* Close what a failed start opened; err says what failed (errno). */
static enum td_status
proc_fail(int in[2], int o[2], int e[2], const char *what,
          struct td_error *err)
{
    int saved = errno;

    for (int i = 0; i < 2; i++) {
        proc_close_fd(&in[i]);
        proc_close_fd(&o[i]);
        proc_close_fd(&e[i]);
    }
    return td_error_set(err, TD_EIO, "%s: %s", what, strerror(saved));
}

enum td_status
proc_start(char *const *argv, const char *input, size_t len, long timeout_ms,
           size_t max_out, proc_done_fn done, void *ctx, struct proc **out,
           struct td_error *err)
{
    int in[2] = { -1, -1 }, o[2] = { -1, -1 }, e[2] = { -1, -1 };
    struct proc *p;
    pid_t pid;

    *out = NULL;
    if (argv == NULL || argv[0] == NULL || *argv[0] == '\0')
        return td_error_set(err, TD_EINVAL, "empty command");
    /* stdin must be a pipe: Apertium's format filters refuse a socket. */
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(o, O_CLOEXEC) != 0 ||
        pipe2(e, O_CLOEXEC) != 0)
        return proc_fail(in, o, e, "pipe", err);
    if ((pid = fork()) < 0)
        return proc_fail(in, o, e, "fork", err);
    if (pid == 0)
        proc_child(argv, in[0], o[1], e[1]);
    close(in[0]);
    close(o[1]);
    close(e[1]);
    p = xcalloc(1, sizeof *p);
    p->pid = pid;
    p->in_fd = in[1];
    p->out_fd = o[0];
    p->err_fd = e[0];
    fcntl(p->in_fd, F_SETFL, O_NONBLOCK);
    fcntl(p->out_fd, F_SETFL, O_NONBLOCK);
    fcntl(p->err_fd, F_SETFL, O_NONBLOCK);
    p->input = xmalloc(len + 1);
    memcpy(p->input, input, len);
    p->in_len = len;
    buf_init(&p->out, max_out);
    buf_init(&p->errb, 0);
    clock_gettime(CLOCK_MONOTONIC, &p->deadline);
    p->deadline.tv_sec += timeout_ms / 1000;
    p->deadline.tv_nsec += (timeout_ms % 1000) * 1000000;
    if (p->deadline.tv_nsec >= 1000000000) {
        p->deadline.tv_sec++;
        p->deadline.tv_nsec -= 1000000000;
    }
    p->done = done;
    p->ctx = ctx;
    if (len == 0)
        proc_close_fd(&p->in_fd);
    *out = p;
    return TD_OK;
}

size_t
proc_pollfds(struct proc *p, struct pollfd *fds, size_t max)
{
    size_t n = 0;

    if (p->in_fd >= 0 && n < max) {
        fds[n].fd = p->in_fd;
        fds[n++].events = POLLOUT;
    }
    if (p->out_fd >= 0 && n < max) {
        fds[n].fd = p->out_fd;
        fds[n++].events = POLLIN;
    }
    if (p->err_fd >= 0 && n < max) {
        fds[n].fd = p->err_fd;
        fds[n++].events = POLLIN;
    }
    return n;
}

long
proc_timeout_ms(struct proc *p)
{
    long ms = ms_until(&p->deadline);

    if (ms < 0)
        ms = 0;
    /* Both pipes closed: only the exit is awaited, which no fd says. */
    if (p->out_fd < 0 && p->err_fd < 0 && ms > PROC_REAP_MS)
        ms = PROC_REAP_MS;
    return ms;
}

static short
proc_revents(int fd, const struct pollfd *fds, size_t n)
{
    for (size_t i = 0; fd >= 0 && fds && i < n; i++)
        if (fds[i].fd == fd)
            return fds[i].revents;
    return 0;
}

/* write() to a child that quit early raises SIGPIPE, which would kill
 * the console: it is blocked around the write and a pending one taken
 * back (the way curl and OpenSSL do it), leaving EPIPE. */
static ssize_t
proc_write_nosig(int fd, const void *p, size_t n)
{
    static const struct timespec zero = { 0, 0 };
    sigset_t pipe_set, old;
    ssize_t w;
    int saved;

    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigprocmask(SIG_BLOCK, &pipe_set, &old);
    w = write(fd, p, n);
    saved = errno;
    if (w < 0 && saved == EPIPE)
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            ;
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return w;
}

static void
proc_write(struct proc *p)
{
    while (p->in_fd >= 0 && p->in_off < p->in_len) {
        ssize_t w = proc_write_nosig(p->in_fd, p->input + p->in_off,
                                     p->in_len - p->in_off);

        if (w < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            /* It stopped reading: what it wrote is what we get. */
            proc_close_fd(&p->in_fd);
            return;
        }
        p->in_off += (size_t)w;
    }
    proc_close_fd(&p->in_fd);       /* EOF: the text is all there */
}

/* Read what is there; close on EOF. The stdout cap is an error, stderr
 * keeps only its first PROC_ERR_MAX bytes. */
static void
proc_read(struct proc *p, int *fd, struct buf *b, int is_err)
{
    char chunk[8192];
    ssize_t r;

    while (*fd >= 0) {
        r = read(*fd, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EAGAIN || errno == EINTR)
                return;
            proc_close_fd(fd);
            return;
        }
        if (r == 0) {
            proc_close_fd(fd);
            return;
        }
        if (is_err) {
            if (b->len < PROC_ERR_MAX)
                buf_add(b, chunk, (size_t)r);
        } else if (buf_add(b, chunk, (size_t)r) != 0) {
            p->too_big = 1;
            proc_close_fd(fd);
            kill(p->pid, SIGKILL);
            return;
        }
    }
}

/* The last non-empty line of stderr, for a message. */
static void
proc_err_line(struct proc *p, char *out, size_t n)
{
    const char *s = buf_str(&p->errb), *start, *end;

    end = s + strlen(s);
    while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    start = end;
    while (start > s && start[-1] != '\n')
        start--;
    snprintf(out, n, "%.*s", (int)(end - start), start);
    /* Not a terminal's business: the caller sanitizes, but keep it one
     * line here. */
    for (char *c = out; *c; c++)
        if ((unsigned char)*c < ' ')
            *c = ' ';
}

static void
proc_finish(struct proc *p, int timed_out)
{
    char line[512], msg[700];
    enum td_status rc = TD_OK;

    proc_err_line(p, line, sizeof line);
    msg[0] = '\0';
    if (timed_out) {
        rc = TD_ENET;
        snprintf(msg, sizeof msg, "no answer in time: killed");
    } else if (p->too_big) {
        rc = TD_ETOOBIG;
        snprintf(msg, sizeof msg, "output over %zu bytes", p->out.max);
    } else if (WIFSIGNALED(p->status)) {
        rc = TD_EIO;
        snprintf(msg, sizeof msg, "killed by signal %d%s%s",
                 WTERMSIG(p->status), *line ? ": " : "", line);
    } else if (WIFEXITED(p->status) && WEXITSTATUS(p->status) != 0) {
        rc = TD_EIO;
        snprintf(msg, sizeof msg, "exit status %d%s%s",
                 WEXITSTATUS(p->status), *line ? ": " : "", line);
    }
    p->done(p->ctx, rc, buf_str(&p->out), p->out.len, msg);
}

int
proc_dispatch(struct proc *p, const struct pollfd *fds, size_t n)
{
    short ev;

    if (p->reaped)
        return 1;
    if ((ev = proc_revents(p->in_fd, fds, n)) != 0) {
        if (ev & (POLLERR | POLLHUP))
            proc_close_fd(&p->in_fd);
        else
            proc_write(p);
    }
    if (proc_revents(p->out_fd, fds, n) != 0)
        proc_read(p, &p->out_fd, &p->out, 0);
    if (proc_revents(p->err_fd, fds, n) != 0)
        proc_read(p, &p->err_fd, &p->errb, 1);
    if (p->out_fd < 0 && p->err_fd < 0) {
        pid_t w = waitpid(p->pid, &p->status, WNOHANG);

        if (w == p->pid || (w < 0 && errno == ECHILD)) {
            p->reaped = 1;
            proc_close_fd(&p->in_fd);
            proc_finish(p, 0);
            return 1;
        }
    }
    if (ms_until(&p->deadline) <= 0) {
        kill(p->pid, SIGKILL);
        while (waitpid(p->pid, &p->status, 0) < 0 && errno == EINTR)
            ;
        p->reaped = 1;
        proc_close_fd(&p->in_fd);
        proc_close_fd(&p->out_fd);
        proc_close_fd(&p->err_fd);
        proc_finish(p, 1);
        return 1;
    }
    return 0;
}

void
proc_free(struct proc **pp)
{
    struct proc *p = pp ? *pp : NULL;

    if (p == NULL)
        return;
    if (!p->reaped && p->pid > 0) {
        kill(p->pid, SIGKILL);
        while (waitpid(p->pid, &p->status, 0) < 0 && errno == EINTR)
            ;
    }
    proc_close_fd(&p->in_fd);
    proc_close_fd(&p->out_fd);
    proc_close_fd(&p->err_fd);
    free(p->input);
    buf_free(&p->out);
    buf_free(&p->errb);
    free(p);
    *pp = NULL;
}
