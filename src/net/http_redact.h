/* http_redact.h: hide credentials in headers and URLs for the debug log. */
#ifndef TD_HTTP_REDACT_H
#define TD_HTTP_REDACT_H

#include <stddef.h>

#include "util/buf.h"

#define HTTP_REDACTED "[redacted]"

/* Append one header line or request line (len bytes, a trailing CR/LF is
 * dropped) to out with secrets replaced by HTTP_REDACTED: the values of
 * credential headers (Authorization keeps its scheme word), of query
 * parameters such as token=, api_key=, access_token=, and user:password@
 * in URLs. Returns 0, or -1 when out hit its cap. */
int http_redact_line(const char *line, size_t len, struct buf *out);

/* 1 if a header called name carries credentials (case-insensitive). */
int http_redact_header_secret(const char *name, size_t len);

/* 1 if a query parameter called name carries credentials. */
int http_redact_param_secret(const char *name, size_t len);

/* url with secrets replaced, owned. */
char *http_redact_url(const char *url);

#endif
