/* trhttp.h: what the HTTP providers share: a JSON POST through the app's
 * engine, and the vendors' error bodies turned into one message. */
#ifndef TD_TRHTTP_H
#define TD_TRHTTP_H

#include <cjson/cJSON.h>

#include "util/error.h"

struct tr_job;
struct tr_service;

/* Called with a 2xx answer's parsed JSON; must call tr_job_finish. */
typedef void (*trhttp_parse_fn)(struct tr_job *job, const cJSON *doc);

/* POST body (taken) as JSON to url with the Authorization header auth
 * (NULL = none). The answer comes to parse; a failure (network, 4xx,
 * 5xx, 429 past its Retry-After, a body that is not JSON) finishes the
 * job with a message. timeout_ms 0 = the service's timeout= or 30 s. */
enum td_status trhttp_post(struct tr_service *s, struct tr_job *job,
                           const char *url, const char *auth, cJSON *body,
                           long timeout_ms, trhttp_parse_fn parse,
                           struct td_error *err);

/* Check a service's URL (https://, or http:// to loopback or with
 * insecure=yes) at open time. */
enum td_status trhttp_check_url(struct tr_service *s, struct td_error *err);

/* The secret of s into *out (owned), or TD_OK with NULL when the line
 * has neither token_env= nor token_cmd= and required is 0. */
enum td_status trhttp_secret(struct tr_service *s, int required, char **out,
                             struct td_error *err);

#endif
