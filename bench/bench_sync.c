/* bench_sync.c: a first sync of N tickets with 5 messages each from a
 * loopback server that answers at once, through a real driver, the HTTP
 * engine and the store; reports tickets stored per second and peak RSS.
 *   bench_sync gorgias STORE N   the generic driver, mappings/gorgias.json
 *                                (cursor pages of 30, one messages request
 *                                per ticket)
 *   bench_sync zendesk STORE N   the Zendesk driver (export pages of 100,
 *                                one comments request per ticket)
 * The server is forked from this program before anything else is set up,
 * so the RSS reported is the client's alone. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "drivers/driver.h"
#include "net/http.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define MSGS 5
#define GG_PAGE 30
#define ZD_PAGE 100
#define BASE_TIME 1795000000L

static const char *const texts[] = {
    "¿Dónde está mi pedido? Llegó dañado y quiero un reembolso.",
    "İade talebim: ürün kırık geldi, kargo takip numarası çalışmıyor.",
    "طلبي لم يصل بعد، أرجو المساعدة في تتبع الشحنة.",
    "注文した商品がまだ届いていません。追跡番号を教えてください。",
    "สินค้าที่สั่งยังไม่ได้รับ กรุณาตรวจสอบการจัดส่งด้วยครับ",
    "Thanks for waiting: your parcel left the warehouse today.",
};

static double
now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
iso(char out[32], long t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- the server: answers from arithmetic, nothing stored ---- */

static long
query_long(const char *q, const char *name, long def)
{
    size_t n = strlen(name);

    for (const char *p = q; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1
                                                          : NULL) {
        if (strncmp(p, name, n) == 0 && p[n] == '=')
            return strtol(p + n + 1, NULL, 10);
    }
    return def;
}

/* Gorgias: GET /api/tickets (newest first, cursor = offset) and
 * /api/tickets/{id}/messages (api-reference.md section 6). */
static void
gg_answer(struct buf *b, const char *path, const char *q, long n)
{
    char t1[32], t2[32];
    long id;

    if (strcmp(path, "/api/tickets") == 0) {
        long from = query_long(q, "cursor", 0);
        long to = from + GG_PAGE < n ? from + GG_PAGE : n;

        buf_adds(b, "{\"object\":\"list\",\"uri\":\"/api/tickets\","
                    "\"data\":[");
        for (long i = from; i < to; i++) {
            iso(t1, BASE_TIME + (n - i) * 60 - 86400);
            iso(t2, BASE_TIME + (n - i) * 60);
            buf_printf(b, "%s{\"id\":%ld,\"status\":\"%s\",\"channel\":"
                       "\"%s\",\"via\":\"email\",\"subject\":\"Pedido "
                       "%ld — 注文 — طلب\",\"customer\":{\"id\":%ld,"
                       "\"email\":\"buyer%ld@example.com\",\"firstname\":"
                       "\"Buyer %ld\"},\"assignee_user\":null,\"tags\":"
                       "[{\"id\":1,\"name\":\"envío\"}],\"created_datetime\":"
                       "\"%s\",\"updated_datetime\":\"%s\"}",
                       i > from ? "," : "", i + 1, i % 3 ? "open" : "closed",
                       i % 2 ? "email" : "chat", i + 1, 5000 + i % 20000,
                       i % 20000, i % 20000, t1, t2);
        }
        buf_adds(b, "],\"meta\":{\"prev_cursor\":null,\"next_cursor\":");
        if (to < n)
            buf_printf(b, "\"%ld\"}}", to);
        else
            buf_adds(b, "null}}");
        return;
    }
    if (sscanf(path, "/api/tickets/%ld/messages", &id) == 1) {
        buf_adds(b, "{\"object\":\"list\",\"data\":[");
        for (int m = 0; m < MSGS; m++) {
            iso(t1, BASE_TIME + m * 600);
            buf_printf(b, "%s{\"id\":%ld,\"ticket_id\":%ld,\"public\":true,"
                       "\"channel\":\"email\",\"from_agent\":%s,"
                       "\"sender\":{\"id\":%d,\"name\":\"%s\"},"
                       "\"body_text\":\"%s\",\"body_html\":%s,"
                       "\"created_datetime\":\"%s\"}",
                       m ? "," : "", id * 10 + m, id, m % 2 ? "true" : "false",
                       m % 2 ? 900 : 5000, m % 2 ? "Lena" : "Buyer",
                       texts[(id + m) % 6],
                       m == 3 ? "\"<p>Gracias &amp; saludos</p>\"" : "null",
                       t1);
        }
        buf_adds(b, "],\"meta\":{\"prev_cursor\":null,\"next_cursor\":null}}");
        return;
    }
    buf_adds(b, "{\"error\":{\"msg\":\"Resource not found.\"}}");
}

/* Zendesk: the cursor export with sideloaded users, and comment lists
 * (api-reference.md section 1). */
static void
zd_answer(struct buf *b, const char *path, const char *q, long n)
{
    char t1[32], t2[32];
    long id;

    if (strcmp(path, "/api/v2/incremental/tickets/cursor.json") == 0) {
        long from = query_long(q, "cursor", 0);
        long to = from + ZD_PAGE < n ? from + ZD_PAGE : n;

        buf_adds(b, "{\"tickets\":[");
        for (long i = from; i < to; i++) {
            iso(t1, BASE_TIME + i * 60 - 86400);
            iso(t2, BASE_TIME + i * 60);
            buf_printf(b, "%s{\"id\":%ld,\"via\":{\"channel\":\"%s\"},"
                       "\"created_at\":\"%s\",\"updated_at\":\"%s\","
                       "\"subject\":\"Pedido %ld — 注文 — طلب\","
                       "\"priority\":\"normal\",\"status\":\"%s\","
                       "\"requester_id\":%ld,\"assignee_id\":900,"
                       "\"tags\":[\"envío\"]}",
                       i > from ? "," : "", i + 1,
                       i % 2 ? "email" : "web_form", t1, t2, i + 1,
                       i % 3 ? "open" : "solved", 5000 + i % 20000);
        }
        buf_adds(b, "],\"users\":[");
        for (long i = from; i < to; i++)
            buf_printf(b, "%s{\"id\":%ld,\"name\":\"Buyer %ld\",\"email\":"
                       "\"buyer%ld@example.com\",\"role\":\"end-user\"}",
                       i > from ? "," : "", 5000 + i % 20000, i % 20000,
                       i % 20000);
        buf_printf(b, "%s{\"id\":900,\"name\":\"Lena\",\"email\":"
                   "\"lena@example.com\",\"role\":\"agent\"}",
                   to > from ? "," : "");
        buf_printf(b, "],\"after_cursor\":\"%ld\",\"end_of_stream\":%s}", to,
                   to >= n ? "true" : "false");
        return;
    }
    if (sscanf(path, "/api/v2/tickets/%ld/comments.json", &id) == 1) {
        buf_adds(b, "{\"comments\":[");
        for (int m = 0; m < MSGS; m++) {
            iso(t1, BASE_TIME + m * 600);
            buf_printf(b, "%s{\"id\":%ld,\"type\":\"Comment\",\"author_id\":"
                       "%ld,\"body\":\"%s\",\"plain_body\":\"%s\","
                       "\"public\":true,\"attachments\":[],\"created_at\":"
                       "\"%s\"}",
                       m ? "," : "", id * 10 + m,
                       m % 2 ? 900L : 4999 + id % 20000,
                       texts[(id + m) % 6], texts[(id + m) % 6], t1);
        }
        buf_adds(b, "],\"users\":[],\"meta\":{\"has_more\":false,"
                    "\"after_cursor\":null}}");
        return;
    }
    buf_adds(b, "{\"error\":\"InvalidEndpoint\"}");
}

/* One keep-alive connection: read a request head, answer, repeat. */
static void
serve_conn(int fd, int zendesk, long n)
{
    char req[8192];
    size_t have = 0;

    for (;;) {
        char *end, *sp1, *sp2, *qm, path[1024];
        const char *q;
        struct buf body, head;
        ssize_t r;
        size_t used;

        while ((end = memmem(req, have, "\r\n\r\n", 4)) == NULL) {
            if (have == sizeof req ||
                (r = read(fd, req + have, sizeof req - have)) <= 0)
                return;
            have += (size_t)r;
        }
        used = (size_t)(end + 4 - req);
        *end = '\0';
        sp1 = strchr(req, ' ');
        sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
        if (sp1 == NULL || sp2 == NULL || (size_t)(sp2 - sp1) >= sizeof path)
            return;
        memcpy(path, sp1 + 1, (size_t)(sp2 - sp1 - 1));
        path[sp2 - sp1 - 1] = '\0';
        qm = strchr(path, '?');
        q = qm ? qm + 1 : "";
        if (qm)
            *qm = '\0';
        buf_init(&body, 0);
        buf_init(&head, 0);
        if (zendesk)
            zd_answer(&body, path, q, n);
        else
            gg_answer(&body, path, q, n);
        buf_printf(&head, "HTTP/1.1 200 OK\r\nContent-Type: application/json"
                   "\r\nContent-Length: %zu\r\n\r\n", body.len);
        buf_add(&head, buf_str(&body), body.len);
        for (size_t off = 0; off < head.len;) {
            ssize_t w = write(fd, buf_str(&head) + off, head.len - off);

            if (w <= 0)
                return;
            off += (size_t)w;
        }
        buf_free(&body);
        buf_free(&head);
        memmove(req, req + used, have - used);
        have -= used;
    }
}

static pid_t
serve(int zendesk, long n, int *port)
{
    struct sockaddr_in sa = { 0 };
    socklen_t len = sizeof sa;
    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    pid_t pid;

    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof sa) != 0 ||
        listen(ls, 64) != 0 ||
        getsockname(ls, (struct sockaddr *)&sa, &len) != 0)
        return -1;
    *port = ntohs(sa.sin_port);
    if ((pid = fork()) != 0) {
        close(ls);
        return pid;
    }
    signal(SIGCHLD, SIG_IGN);       /* connection children reap themselves */
    for (;;) {
        int fd = accept(ls, NULL, NULL);

        if (fd < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (fork() == 0) {
            close(ls);
            serve_conn(fd, zendesk, n);
            _exit(0);
        }
        close(fd);
    }
}

/* ---- the client ---- */

static void
progress(void *ctx, size_t done, size_t total)
{
    size_t *last = ctx;

    (void)total;
    *last = done;
}

int
main(int argc, char **argv)
{
    struct config_kv kv[3] = {
        { .key = "token_env", .value = "BENCH_SYNC_TOKEN" },
        { .key = "mapping", .value = "mappings/gorgias.json" },
        { .key = "user", .value = "agent@example.com" },
    };
    struct account_def def = {
        .kind = "account",
        .name = "bench",
        .opts = kv,
        .n_opts = 3,
    };
    struct http_opts o = { .seed = 7 };
    struct http_engine *e = NULL;
    struct http_transport t;
    struct store *st = NULL;
    struct account *a = NULL;
    struct account_row *rows = NULL;
    struct td_error err;
    struct rusage ru;
    size_t done = 0, n_rows = 0;
    double t0, dt;
    int zendesk, port, rc = 1;
    long n;
    pid_t srv;

    if (argc != 4 || (strcmp(argv[1], "gorgias") != 0 &&
                      strcmp(argv[1], "zendesk") != 0)) {
        fprintf(stderr, "usage: bench_sync gorgias|zendesk STORE N\n");
        return 2;
    }
    td_error_clear(&err);
    zendesk = strcmp(argv[1], "zendesk") == 0;
    n = strtol(argv[3], NULL, 10);
    if ((srv = serve(zendesk, n, &port)) < 0) {
        perror("bench_sync: server");
        return 1;
    }
    setenv("BENCH_SYNC_TOKEN", "bench-token", 1);
    def.driver = zendesk ? "zendesk" : "generic";
    def.url = xasprintf("http://127.0.0.1:%d", port);
    if (zendesk) {
        kv[1] = kv[2];
        def.n_opts = 2;
    }
    unlink(argv[2]);
    if (http_engine_new(&o, &e, &err) != TD_OK ||
        store_open(argv[2], &st, &err) != TD_OK ||
        drv_account_new(&def, &a, &err) != TD_OK)
        goto out;
    t = http_engine_transport(e);
    a->http = &t;
    t0 = now_ms();
    if (drv_sync(a, st, progress, &done, &err) != TD_OK)
        goto out;
    dt = now_ms() - t0;
    if (store_accounts(st, &rows, &n_rows, &err) != TD_OK)
        goto out;
    getrusage(RUSAGE_SELF, &ru);
    printf("sync %-8s %ld tickets x %d messages: %lld stored in %.0f ms "
           "(%.0f tickets/s, %.0f messages/s), %ld requests\n",
           zendesk ? "zendesk" : "generic", n, MSGS,
           n_rows ? (long long)rows[0].n_tickets : 0LL, dt,
           n / (dt / 1e3), n * MSGS / (dt / 1e3),
           zendesk ? n + (n + ZD_PAGE - 1) / ZD_PAGE
                   : n + (n + GG_PAGE - 1) / GG_PAGE);
    printf("  peak RSS (client):      %7.1f MB\n", ru.ru_maxrss / 1024.0);
    rc = n_rows == 1 && rows[0].n_tickets == n && done == (size_t)n ? 0 : 1;
    if (rc)
        fprintf(stderr, "bench_sync: stored %lld of %ld tickets\n",
                n_rows ? (long long)rows[0].n_tickets : 0LL, n);
out:
    if (rc && err.msg[0])
        fprintf(stderr, "bench_sync: %s\n", err.msg);
    account_rows_free(&rows, n_rows);
    drv_account_free(&a);
    store_close(&st);
    http_engine_free(&e);
    free(def.url);
    kill(srv, SIGTERM);
    waitpid(srv, NULL, 0);
    return rc;
}
