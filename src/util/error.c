/* error.c: td_error helpers and fatal(). */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
td_error_clear(struct td_error *err)
{
    if (err == NULL)
        return;
    err->status = TD_OK;
    err->msg[0] = '\0';
}

enum td_status
td_error_set(struct td_error *err, enum td_status status, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return status;
    err->status = status;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return status;
}

void
td_error_prefix(struct td_error *err, const char *fmt, ...)
{
    char pre[TD_ERROR_MAX];
    size_t np, nold;
    va_list ap;

    if (err == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(pre, sizeof pre, fmt, ap);
    va_end(ap);
    /* Shift the old text right and put the prefix in front; the end of
     * the old text is what gets cut when the two do not fit. */
    np = strlen(pre);
    nold = strnlen(err->msg, sizeof err->msg - 1);
    if (np > sizeof err->msg - 1)
        np = sizeof err->msg - 1;
    if (np + nold > sizeof err->msg - 1)
        nold = sizeof err->msg - 1 - np;
    memmove(err->msg + np, err->msg, nold);
    memcpy(err->msg, pre, np);
    err->msg[np + nold] = '\0';
}

static const char *const status_names[] = {
    [TD_OK] = "ok",
    [TD_EINVAL] = "invalid",
    [TD_EIO] = "io",
    [TD_EAUTH] = "auth",
    [TD_ENET] = "network",
    [TD_ERATE] = "rate-limited",
    [TD_ENOTFOUND] = "not-found",
    [TD_EPARSE] = "parse",
    [TD_ECONFLICT] = "conflict",
    [TD_ENOTSUP] = "unsupported",
    [TD_ETOOBIG] = "too-big",
    [TD_EPERM] = "permission",
};

const char *
td_status_name(enum td_status status)
{
    if ((size_t)status >= sizeof status_names / sizeof status_names[0])
        return "unknown";
    return status_names[status];
}

void
fatal(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("ttydesk: fatal: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}
