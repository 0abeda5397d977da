/* netdrv.h: what the network drivers share: authenticated requests, Basic
 * credentials, option words and wiping secrets. */
#ifndef TD_NETDRV_H
#define TD_NETDRV_H

#include "net/http.h"

struct account;

/* A request to base/path?params carrying the account's Authorization,
 * asking for JSON, counted against the account's rate budget (its name:
 * a 429's Retry-After then holds every request of the account). */
struct http_request *netdrv_request(struct account *a, const char *base,
                                    const char *auth, int insecure,
                                    const char *method, const char *path,
                                    const char *const *params,
                                    http_done_fn done, void *ctx);

/* "Basic base64(user:password)", owned; the caller wipes it when done. */
char *netdrv_basic_auth(const char *user, const char *password);

/* yes, true and 1 are true (key=value options on an account line). */
int netdrv_truthy(const char *v);

/* The outbox marker that ends a reply sent as HTML: invisible to the
 * customer and in the helpdesk, it lets find_sent recognise the reply. */
#define NETDRV_MARKER_PREFIX "<!-- ttydesk-outbox:"
#define NETDRV_MARKER_SUFFIX " -->"

/* 1 if tok can go inside the marker (nothing that could end a comment). */
int netdrv_token_ok(const char *tok);

/* text as HTML (escaped, line breaks kept) followed by the marker for
 * token (none when NULL); owned. NULL when it would pass max bytes: a
 * reply is refused, never cut. */
char *netdrv_body_html(const char *text, const char *token, size_t max);

/* Overwrite a secret before freeing it; NULL-safe, clears the pointer. */
void netdrv_wipe(char **s);

#endif
