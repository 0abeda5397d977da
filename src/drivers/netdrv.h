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

/* Overwrite a secret before freeing it; NULL-safe, clears the pointer. */
void netdrv_wipe(char **s);

#endif
