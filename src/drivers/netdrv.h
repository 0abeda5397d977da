/* netdrv.h: what the network drivers share: authenticated requests, Basic
 * credentials, option words and wiping secrets. */
#ifndef TD_NETDRV_H
#define TD_NETDRV_H

#include "drivers/driver.h"
#include "net/http.h"
#include "util/timeutil.h"

struct account;
struct cJSON;

/* A request to base/path?params carrying the account's Authorization,
 * asking for JSON, counted against the account's rate budget (its name:
 * a 429's Retry-After then holds every request of the account). */
struct http_request *netdrv_request(struct account *a, const char *base,
                                    const char *auth, int insecure,
                                    const char *method, const char *path,
                                    const char *const *params,
                                    http_done_fn done, void *ctx);

/* As netdrv_request, but the credential goes under the header hdr
 * (Chatwoot's api_access_token) instead of Authorization. */
struct http_request *netdrv_request_as(struct account *a, const char *base,
                                       const char *hdr, const char *auth,
                                       int insecure, const char *method,
                                       const char *path,
                                       const char *const *params,
                                       http_done_fn done, void *ctx);

/* Turn a failed response into err and return its status: "what: HTTP
 * 404: detail", the detail being the first of keys (a NULL-terminated
 * list of names, "errors" meaning an array of strings or of objects with
 * a message) that the JSON error body holds as a string; "what: reason"
 * when no HTTP answer came. A 2xx whose body we could not use is
 * TD_EPARSE. */
enum td_status netdrv_fail(const struct http_response *resp,
                           const char *what, const char *const *keys,
                           struct td_error *err);

/* The JSON document of a 2xx response, or the failure (netdrv_fail with
 * keys) in err; *out is owned by the caller. */
enum td_status netdrv_json(const struct http_response *resp,
                           const char *what, const char *const *keys,
                           struct cJSON **out, struct td_error *err);

/* 1 if s is a non-empty string of decimal digits (a numeric id that can
 * go into a path as it is). */
int netdrv_digits(const char *s);

/* The state every asynchronous network operation starts with: who to
 * tell when it ends. Drivers embed it first in their own op structs. */
struct netdrv_op {
    struct account *a;
    drv_done_fn done;
    void *ctx;
};

/* End an operation: remote_id and err are copied, then free_fn(self)
 * releases the driver's struct (which may hold both), then done is called
 * once, with err only when rc is not TD_OK. Since the op is gone when
 * done runs, done may start another one. */
void netdrv_op_end(struct netdrv_op *op, void (*free_fn)(void *self),
                   void *self, enum td_status rc, const char *remote_id,
                   const struct td_error *err);

/* Paging through a list ordered by updated_at, oldest first, whose
 * pages stop at max_page (Freshdesk refuses page 301, Zammad's search
 * ends at Elasticsearch's 10,000 hits): past it, page 1 again from the
 * newest updated_at seen. since is also where a sync starts (the stored
 * cursor); both ends are inclusive, so the tickets of that second come
 * again and are upserted unchanged. */
struct netdrv_window {
    time_t since;           /* the lower end of the range asked */
    time_t newest;          /* newest updated_at seen so far */
    int moved;              /* newest changed since the last cursor_set */
    long page;
    long max_page;
};

/* Start at page 1 from the cursor (an ISO time, or NULL/bad: from 1970). */
void netdrv_window_init(struct netdrv_window *w, const char *cursor,
                        long max_page);
/* Note the updated_at of a ticket given to the sink. */
void netdrv_window_seen(struct netdrv_window *w, time_t updated);
/* since as the ISO time to ask with ("1970-01-01T00:00:00Z" at first). */
void netdrv_window_since(const struct netdrv_window *w,
                         char out[TIME_ISO_LEN]);
/* A page is complete: store the cursor under key if it moved and commit
 * the page through out; then, when more is set, move to the next page.
 * *go is 1 when another page must be asked. TD_ENOTSUP (naming who) when
 * max_page pages share one second: nothing left to move on with. */
enum td_status netdrv_window_page_done(struct netdrv_window *w,
                                       const struct sync_sink *out,
                                       const char *key, int more, int *go,
                                       const char *who,
                                       struct td_error *err);

/* "Basic base64(user:password)", owned; the caller wipes it when done. */
char *netdrv_basic_auth(const char *user, const char *password);

/* The API base for an account URL: url without trailing slashes and
 * without api when it already ends so (people copy either the helpdesk's
 * address or the API's), then api ("/api/v2"). Owned. */
char *netdrv_api_base(const char *url, const char *api);

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
