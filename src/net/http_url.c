/* http_url.c: URL building, escaping and the account base URL check. */
#include "net/http_url.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "util/buf.h"
#include "util/xmalloc.h"

static int
url_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

static void
url_escape_into(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (url_unreserved(*p)) {
            buf_addc(b, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_add(b, enc, sizeof enc);
        }
    }
}

char *
http_url_escape(const char *s)
{
    struct buf b;

    buf_init(&b, 0);
    url_escape_into(&b, s ? s : "");
    return buf_detach(&b);
}

char *
http_url_build(const char *base, const char *path,
               const char *const *params)
{
    struct buf b;
    size_t n;
    int sep;

    buf_init(&b, 0);
    buf_adds(&b, base);
    if (path != NULL && *path != '\0') {
        /* Exactly one slash between base and path, whatever each has. */
        n = b.len;
        while (n > 0 && b.data[n - 1] == '/')
            n--;
        b.len = n;
        if (b.data != NULL)
            b.data[n] = '\0';
        while (*path == '/')
            path++;
        buf_addc(&b, '/');
        buf_adds(&b, path);
    }
    sep = strchr(buf_str(&b), '?') ? '&' : '?';
    for (size_t i = 0; params != NULL && params[i] != NULL; i += 2) {
        if (params[i + 1] == NULL)
            continue;
        buf_addc(&b, (char)sep);
        url_escape_into(&b, params[i]);
        buf_addc(&b, '=');
        url_escape_into(&b, params[i + 1]);
        sep = '&';
    }
    return buf_detach(&b);
}

int
http_url_host_loopback(const char *host)
{
    unsigned char addr[16];
    char tmp[64];
    size_t n;

    if (host == NULL)
        return 0;
    n = strlen(host);
    if (strcasecmp(host, "localhost") == 0 ||
        strcasecmp(host, "localhost.") == 0)
        return 1;
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        if (n - 2 >= sizeof tmp)
            return 0;
        memcpy(tmp, host + 1, n - 2);
        tmp[n - 2] = '\0';
        return inet_pton(AF_INET6, tmp, addr) == 1 &&
               memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0;
    }
    if (inet_pton(AF_INET6, host, addr) == 1)
        return memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0;
    /* inet_pton accepts only the dotted quad, so "127.0.0.1.evil.example"
     * and odd spellings count as remote: the safe side. */
    return inet_pton(AF_INET, host, addr) == 1 && addr[0] == 127;
}

/* Split url into owned scheme and host; 0 on success. */
static int
url_parts(const char *url, char **scheme, char **host, int *userinfo)
{
    CURLU *u;
    char *s = NULL, *h = NULL, *user = NULL;
    int rc = -1;

    *scheme = *host = NULL;
    *userinfo = 0;
    u = curl_url();
    if (u == NULL)
        return -1;
    if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
        CURLUE_OK)
        goto out;
    if (curl_url_get(u, CURLUPART_SCHEME, &s, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK)
        goto out;
    if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
        *userinfo = 1;
    *scheme = xstrdup(s);
    *host = xstrdup(h);
    rc = 0;
out:
    curl_free(s);
    curl_free(h);
    curl_free(user);
    curl_url_cleanup(u);
    return rc;
}

int
http_url_loopback(const char *url)
{
    char *scheme, *host;
    int userinfo, yes;

    if (url_parts(url, &scheme, &host, &userinfo) != 0)
        return 0;
    yes = http_url_host_loopback(host);
    free(scheme);
    free(host);
    return yes;
}

enum td_status
http_url_check(const char *url, int insecure_ok, struct td_error *err)
{
    char *scheme = NULL, *host = NULL;
    int userinfo;
    enum td_status st = TD_OK;

    if (url == NULL || url_parts(url, &scheme, &host, &userinfo) != 0)
        return td_error_set(err, TD_EINVAL, "malformed URL \"%s\"",
                            url ? url : "");
    if (userinfo) {
        /* Never echo the URL: it holds the credentials. */
        st = td_error_set(err, TD_EINVAL,
                          "URL for %s carries credentials; use token_cmd",
                          host);
    } else if (strcasecmp(scheme, "https") == 0) {
        st = TD_OK;
    } else if (strcasecmp(scheme, "http") != 0) {
        st = td_error_set(err, TD_EINVAL, "%s: not an http(s) URL", url);
    } else if (!insecure_ok && !http_url_host_loopback(host)) {
        st = td_error_set(err, TD_EPERM,
                          "refusing plain http:// to %s: use https://, "
                          "or set insecure=yes on the account",
                          host);
    }
    free(scheme);
    free(host);
    return st;
}
