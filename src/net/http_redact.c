/* http_redact.c: hide credentials in headers and URLs for the debug log. */
#include "net/http_redact.h"

#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

/* Headers that carry credentials in the services of api-reference.md. */
static const char *const redact_headers[] = {
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api_access_token",       /* Chatwoot */
    "17token",                /* 17TRACK */
    "as-api-key",             /* AfterShip */
    "aftership-api-key",
    "x-shopify-access-token",
    NULL,
};

/* Those whose first word is a scheme ("Bearer"), not a secret. */
static const char *const redact_auth[] = {
    "authorization",
    "proxy-authorization",
    NULL,
};

/* Query parameters that do. */
static const char *const redact_params[] = {
    "token",
    "api_key",
    "apikey",
    "access_token",
    "refresh_token",
    "id_token",
    "key",
    "password",
    "secret",
    "client_secret",
    "signature",
    "sig",
    NULL,
};

/* Name fragments that mark any other header or parameter as a secret. */
static const char *const redact_fragments[] = {
    "token",
    "secret",
    "password",
    "api-key",
    "api_key",
    "apikey",
    NULL,
};

static int
redact_in_list(const char *const *list, const char *name, size_t len)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
            return 1;
    return 0;
}

static int
redact_has_fragment(const char *name, size_t len)
{
    for (size_t i = 0; redact_fragments[i] != NULL; i++) {
        size_t fl = strlen(redact_fragments[i]);

        for (size_t j = 0; j + fl <= len; j++)
            if (strncasecmp(name + j, redact_fragments[i], fl) == 0)
                return 1;
    }
    return 0;
}

int
http_redact_header_secret(const char *name, size_t len)
{
    return redact_in_list(redact_headers, name, len) ||
           redact_has_fragment(name, len);
}

int
http_redact_param_secret(const char *name, size_t len)
{
    return redact_in_list(redact_params, name, len) ||
           redact_has_fragment(name, len);
}

/* Where a URL or query inside free text stops. */
static int
redact_url_end(char c)
{
    return c == ' ' || c == '\t' || c == '>' || c == '"' || c == '\'' ||
           c == '#' || c == '\r' || c == '\n';
}

/* Copy s[0..len) to out, replacing user:password@ after "://" and the
 * values of secret query parameters. */
static int
redact_text(const char *s, size_t len, struct buf *out)
{
    size_t i = 0;

    while (i < len) {
        if (len - i > 3 && memcmp(s + i, "://", 3) == 0) {
            size_t j = i + 3, at = 0;

            /* userinfo ends at '@' before any '/', '?' or the URL end. */
            while (j < len && s[j] != '/' && s[j] != '?' &&
                   !redact_url_end(s[j])) {
                if (s[j] == '@')
                    at = j;
                j++;
            }
            if (buf_add(out, "://", 3) != 0)
                return -1;
            i += 3;
            if (at) {
                if (buf_adds(out, HTTP_REDACTED) != 0)
                    return -1;
                i = at;
            }
            continue;
        }
        if (s[i] != '?') {
            if (buf_addc(out, s[i]) != 0)
                return -1;
            i++;
            continue;
        }
        /* A query: name=value pairs up to the end of the URL. */
        if (buf_addc(out, '?') != 0)
            return -1;
        i++;
        while (i < len && !redact_url_end(s[i])) {
            size_t start = i, eq = 0;

            while (i < len && s[i] != '&' && s[i] != ';' &&
                   !redact_url_end(s[i])) {
                if (s[i] == '=' && eq == 0)
                    eq = i;
                i++;
            }
            if (eq && http_redact_param_secret(s + start, eq - start)) {
                if (buf_add(out, s + start, eq - start + 1) != 0 ||
                    buf_adds(out, HTTP_REDACTED) != 0)
                    return -1;
            } else if (buf_add(out, s + start, i - start) != 0) {
                return -1;
            }
            if (i < len && (s[i] == '&' || s[i] == ';')) {
                if (buf_addc(out, s[i]) != 0)
                    return -1;
                i++;
            }
        }
    }
    return 0;
}

int
http_redact_line(const char *line, size_t len, struct buf *out)
{
    const char *colon;
    size_t nlen, v;

    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    colon = memchr(line, ':', len);
    /* A header line has a token before its colon; a request line
     * ("GET /x?token=... HTTP/1.1") has a space first. */
    if (colon == NULL || memchr(line, ' ', (size_t)(colon - line)) != NULL ||
        colon == line)
        return redact_text(line, len, out);
    nlen = (size_t)(colon - line);
    if (!http_redact_header_secret(line, nlen))
        return redact_text(line, len, out);
    if (buf_add(out, line, nlen + 1) != 0)
        return -1;
    v = nlen + 1;
    while (v < len && (line[v] == ' ' || line[v] == '\t'))
        v++;
    /* Keep the scheme ("Basic", "Bearer", "Token") of an Authorization:
     * it helps debugging and is no secret. Only when a word follows. */
    if (redact_in_list(redact_auth, line, nlen)) {
        const char *sp = memchr(line + v, ' ', len - v);

        if (sp != NULL) {
            if (buf_addc(out, ' ') != 0 ||
                buf_add(out, line + v, (size_t)(sp - line) - v) != 0)
                return -1;
        }
    }
    if (buf_addc(out, ' ') != 0 || buf_adds(out, HTTP_REDACTED) != 0)
        return -1;
    return 0;
}

char *
http_redact_url(const char *url)
{
    struct buf b;

    buf_init(&b, 0);
    if (redact_text(url, strlen(url), &b) != 0)
        buf_reset(&b);
    return buf_detach(&b);
}
