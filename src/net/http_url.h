/* http_url.h: URL building, escaping and the account base URL check. */
#ifndef TD_HTTP_URL_H
#define TD_HTTP_URL_H

#include "util/error.h"

/* Percent-encode s (RFC 3986: only unreserved characters stay) for a path
 * segment or a query value. Owned result. */
char *http_url_escape(const char *s);

/* base, then path (joined with exactly one '/'; NULL = none), then the
 * query parameters: params is a NULL-terminated list of name, value pairs
 * ({"page", "2", "q", "a b", NULL}); a pair whose value is NULL is left
 * out. Names and values are escaped. Owned result. */
char *http_url_build(const char *base, const char *path,
                     const char *const *params);

/* 1 if host (as in a URL, "[::1]" allowed) is a loopback address:
 * 127.0.0.0/8, ::1 or localhost. */
int http_url_host_loopback(const char *host);

/* 1 if url parses and its host is loopback. */
int http_url_loopback(const char *url);

/* Whether url may be used for an account: https://, or http:// to a
 * loopback host, or http:// anywhere when insecure_ok. TD_EPERM for plain
 * http to a remote host, TD_EINVAL for anything malformed, another scheme
 * or credentials in the URL (secrets come from token_cmd, not URLs). */
enum td_status http_url_check(const char *url, int insecure_ok,
                              struct td_error *err);

#endif
