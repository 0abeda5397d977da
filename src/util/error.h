/* error.h: the status codes every layer returns and the text that explains them. */
#ifndef TD_ERROR_H
#define TD_ERROR_H

#include <stddef.h>

/* One small set of outcomes; the human text goes separately in td_error. */
enum td_status {
    TD_OK = 0,
    TD_EINVAL,      /* bad argument, bad query, bad config value */
    TD_EIO,         /* file system or database failure */
    TD_EAUTH,       /* credentials refused */
    TD_ENET,        /* connection, DNS, TLS, timeout */
    TD_ERATE,       /* rate limited; retry later */
    TD_ENOTFOUND,   /* no such ticket, account, file */
    TD_EPARSE,      /* malformed JSON, HTML, rc line */
    TD_ECONFLICT,   /* someone else changed it first */
    TD_ENOTSUP,     /* the backend lacks this capability */
    TD_ETOOBIG,     /* over a hard size cap */
    TD_EPERM,       /* refused: permissions, read-only mode */
};

#define TD_ERROR_MAX 512

/* The explanation of the last failure, written by the callee (curl's failf). */
struct td_error {
    enum td_status status;
    char msg[TD_ERROR_MAX];
};

/* Clear err so that it says nothing. NULL-safe. */
void td_error_clear(struct td_error *err);

/* Set err to status and a printf-style message; returns status so that callers
 * can write `return td_error_set(err, TD_EIO, "...")`. NULL err is allowed. */
enum td_status td_error_set(struct td_error *err, enum td_status status,
                            const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix the existing message with a printf-style context ("store: ..."). */
void td_error_prefix(struct td_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A short stable name for a status: "ok", "io", "auth", ... */
const char *td_status_name(enum td_status status);

/* Print "ttydesk: MSG" to stderr and exit(2). Only for broken invariants;
 * atexit handlers (the UI registers one) restore the terminal first. */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
