/* local.c: the local backend: one JSON file per ticket plus customers, orders and shipments. */
#include "drivers/local.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/paths.h"
#include "drivers/driver.h"
#include "net/html.h"
#include "net/json.h"
#include "util/buf.h"
#include "util/timeutil.h"
#include "util/xmalloc.h"

#define LOCAL_MAX_FILE ((size_t)16 << 20)   /* one ticket file */
#define LOCAL_MAX_INDEX ((size_t)256 << 20) /* customers/orders/shipments */
#define LOCAL_PAGE 100                      /* tickets per transaction */
#define LOCAL_SETTLE_NS 2000000000LL        /* see the cursor in local_sync */

struct local_priv {
    char *dir;
    time_t shift;       /* added to every time read; see LOCAL_EPOCH_FILE */
};

/* A ticket file and its modification time, for the incremental cursor. */
struct local_file {
    char *name;
    long long mtime_ns;
};

static const char *const local_keys[] = {
    NULL,
};

static time_t
local_time(const struct local_priv *p, const cJSON *obj, const char *key)
{
    time_t t = json_time(obj, key);

    return t ? t + p->shift : 0;
}

/* Ticket ids become file names: refuse anything that could leave tickets/. */
static int
local_valid_id(const char *id)
{
    if (id == NULL || *id == '\0' || strlen(id) > 64)
        return 0;
    for (const char *s = id; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

static enum td_status
local_open(struct account *a, struct td_error *err)
{
    struct local_priv *p = a->priv;
    struct stat st;
    char *path, *ep, line[64];
    cJSON *ws = NULL;
    FILE *f;

    p->dir = xstrdup(a->url);
    if (stat(p->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return td_error_set(err, TD_ENOTFOUND,
                            "%s: no such workspace directory", p->dir);
    /* The demo's times are written around an anchor; a copy stamped with
     * an epoch is shifted so that the anchor is the moment of the copy. */
    path = paths_join(p->dir, "workspace.json");
    if (json_load_file(path, LOCAL_MAX_FILE, &ws, err) == TD_OK) {
        time_t anchor = json_time(ws, "anchor");

        ep = paths_join(p->dir, LOCAL_EPOCH_FILE);
        if (anchor && (f = fopen(ep, "r")) != NULL) {
            if (fgets(line, sizeof line, f) != NULL)
                p->shift = (time_t)strtoll(line, NULL, 10) - anchor;
            fclose(f);
        }
        free(ep);
        cJSON_Delete(ws);
    }
    td_error_clear(err);
    free(path);
    return TD_OK;
}

static void
local_close(struct account *a)
{
    struct local_priv *p = a->priv;

    free(p->dir);
    p->dir = NULL;
}

/* Load dir/name if it exists; a missing index file is an empty one. */
static enum td_status
local_load_index(const struct local_priv *p, const char *name, cJSON **out,
                 struct td_error *err)
{
    char *path = paths_join(p->dir, name);
    enum td_status rc = json_load_file(path, LOCAL_MAX_INDEX, out, err);

    free(path);
    if (rc == TD_ENOTFOUND) {
        td_error_clear(err);
        *out = cJSON_CreateArray();
        return TD_OK;
    }
    if (rc == TD_OK && !cJSON_IsArray(*out)) {
        cJSON_Delete(*out);
        *out = NULL;
        return td_error_set(err, TD_EPARSE, "%s/%s: expected a JSON array",
                            p->dir, name);
    }
    return rc;
}

static void
local_fill_customer(const cJSON *j, struct customer *c)
{
    c->external_id = json_strdup(j, "id");
    c->name = json_strdup(j, "name");
    c->email = json_strdup(j, "email");
    c->phone = json_strdup(j, "phone");
    c->country = json_strdup(j, "country");
    c->timezone = json_strdup(j, "timezone");
    c->locale = json_strdup(j, "locale");
}

static const cJSON *
local_find_by_id(const cJSON *arr, const char *id)
{
    const cJSON *it;

    if (id == NULL)
        return NULL;
    cJSON_ArrayForEach(it, arr) {
        const char *v = json_str(it, "id");

        if (v && strcmp(v, id) == 0)
            return it;
    }
    return NULL;
}

static void
local_fill_message(const struct local_priv *p, const cJSON *j,
                   struct message *m)
{
    const cJSON *att, *it;
    int k = author_kind_from_name(json_str(j, "author"));

    m->external_id = json_strdup(j, "id");
    m->author = k < 0 ? AK_CUSTOMER : (enum author_kind)k;
    m->author_name = json_strdup(j, "author_name");
    m->is_public = json_bool(j, "public", 1);
    m->body = json_strdup(j, "body");
    m->html = json_strdup(j, "html");
    /* An HTML-only message still needs the text the thread shows. */
    if ((m->body == NULL || *m->body == '\0') && m->html != NULL) {
        struct td_error err;
        char *text = NULL;

        if (html_to_text(m->html, strlen(m->html), &text, &err) == TD_OK) {
            free(m->body);
            m->body = text;
        }
    }
    m->created_at = local_time(p, j, "created_at");
    att = cJSON_GetObjectItemCaseSensitive(j, "attachments");
    if (!cJSON_IsArray(att))
        return;
    m->attachments = xcalloc((size_t)cJSON_GetArraySize(att) + 1,
                             sizeof *m->attachments);
    cJSON_ArrayForEach(it, att) {
        struct attachment *a = &m->attachments[m->n_attachments++];

        a->name = json_strdup(it, "name");
        a->size = json_int(it, "size", 0);
    }
}

/* Build a ticket from its file's JSON; the requester is looked up in the
 * customers index so that the sink can store the buyer with the ticket. */
static enum td_status
local_fill_ticket(const struct local_priv *p, const cJSON *j,
                  const cJSON *customers, const char *file, struct ticket *t,
                  struct td_error *err)
{
    const cJSON *msgs, *tags, *it, *cust;
    const char *s;
    int v;

    t->external_id = json_strdup(j, "id");
    if (!local_valid_id(t->external_id))
        return td_error_set(err, TD_EPARSE, "%s: missing or bad \"id\"", file);
    t->subject = json_strdup(j, "subject");
    s = json_str(j, "status");
    v = ticket_status_from_name(s);
    t->status = v < 0 ? TS_OPEN : (enum ticket_status)v;
    t->status_raw = xstrdup(s ? s : "open");
    v = ticket_priority_from_name(json_str(j, "priority"));
    t->priority = v < 0 ? TP_NORMAL : (enum ticket_priority)v;
    v = channel_from_name(json_str(j, "channel"));
    t->channel = v < 0 ? CH_OTHER : (enum channel)v;
    t->language = json_strdup(j, "language");
    t->assignee = json_strdup(j, "assignee");
    t->created_at = local_time(p, j, "created_at");
    t->updated_at = local_time(p, j, "updated_at");
    t->first_response_due = local_time(p, j, "first_response_due");
    t->next_response_due = local_time(p, j, "next_response_due");
    cust = local_find_by_id(customers, json_str(j, "requester"));
    if (cust)
        local_fill_customer(cust, &t->requester);
    else if ((s = json_str(j, "requester")) != NULL)
        t->requester.external_id = xstrdup(s);
    tags = cJSON_GetObjectItemCaseSensitive(j, "tags");
    cJSON_ArrayForEach(it, tags) {
        if (cJSON_IsString(it))
            ticket_add_tag(t, it->valuestring);
    }
    msgs = cJSON_GetObjectItemCaseSensitive(j, "messages");
    cJSON_ArrayForEach(it, msgs) {
        local_fill_message(p, it, ticket_add_message(t));
    }
    return TD_OK;
}

static int
local_file_cmp(const void *a, const void *b)
{
    const struct local_file *x = a, *y = b;

    if (x->mtime_ns != y->mtime_ns)
        return x->mtime_ns < y->mtime_ns ? -1 : 1;
    return strverscmp(x->name, y->name);
}

/* The ticket files changed since the cursor "mtime_ns name", in that order,
 * so the cursor can advance page by page and a crash loses nothing. */
static enum td_status
local_list_changed(const char *tdir, const char *cursor,
                   struct local_file **out, size_t *n, struct td_error *err)
{
    struct local_file cur = { NULL, -1 }, *v = NULL;
    size_t len = 0, cap = 0;
    struct dirent *de;
    DIR *d;
    char name[256];

    *out = NULL;
    *n = 0;
    if (cursor && sscanf(cursor, "%lld %255s", &cur.mtime_ns, name) == 2)
        cur.name = name;
    if ((d = opendir(tdir)) == NULL) {
        if (errno == ENOENT)
            return TD_OK;
        return td_error_set(err, TD_EIO, "%s: %s", tdir, strerror(errno));
    }
    while ((de = readdir(d)) != NULL) {
        size_t nl = strlen(de->d_name);
        struct local_file f;
        struct stat st;

        if (nl < 6 || strcmp(de->d_name + nl - 5, ".json") != 0 ||
            de->d_name[0] == '.')
            continue;
        if (fstatat(dirfd(d), de->d_name, &st, 0) != 0 || !S_ISREG(st.st_mode))
            continue;
        f.name = de->d_name;
        f.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
                     st.st_mtim.tv_nsec;
        if (cur.name && local_file_cmp(&f, &cur) <= 0)
            continue;
        if (len == cap) {
            cap = cap ? cap * 2 : 256;
            v = xreallocarray(v, cap, sizeof *v);
        }
        f.name = xstrdup(de->d_name);
        v[len++] = f;
    }
    closedir(d);
    if (len)
        qsort(v, len, sizeof *v, local_file_cmp);
    *out = v;
    *n = len;
    return TD_OK;
}

static void
local_files_free(struct local_file *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].name);
    free(v);
}

static enum td_status
local_sync_orders(const struct local_priv *p, const struct sync_sink *out,
                  struct td_error *err)
{
    cJSON *orders = NULL, *ships = NULL;
    const cJSON *j, *it;
    enum td_status rc;

    if ((rc = local_load_index(p, "orders.json", &orders, err)) != TD_OK)
        return rc;
    cJSON_ArrayForEach(j, orders) {
        struct order o = { 0 };

        o.external_id = json_strdup(j, "id");
        o.number = json_strdup(j, "number");
        o.customer_ext_id = json_strdup(j, "customer");
        o.customer_email = json_strdup(j, "email");
        o.created_at = local_time(p, j, "created_at");
        o.status = json_strdup(j, "status");
        o.financial_status = json_strdup(j, "financial_status");
        o.fulfillment_status = json_strdup(j, "fulfillment_status");
        o.currency = json_strdup(j, "currency");
        o.total = json_strdup(j, "total");
        o.ship_country = json_strdup(j, "ship_country");
        o.ship_city = json_strdup(j, "ship_city");
        it = cJSON_GetObjectItemCaseSensitive(j, "items");
        o.items = xcalloc((size_t)cJSON_GetArraySize(it) + 1, sizeof *o.items);
        for (const cJSON *x = it ? it->child : NULL; x; x = x->next) {
            struct order_item *oi = &o.items[o.n_items++];

            oi->sku = json_strdup(x, "sku");
            oi->name = json_strdup(x, "name");
            oi->quantity = (int)json_int(x, "quantity", 1);
            oi->price = json_strdup(x, "price");
        }
        rc = o.external_id ? out->order(out->ctx, &o, err)
                           : td_error_set(err, TD_EPARSE,
                                          "orders.json: an order has no id");
        order_clear(&o);
        if (rc != TD_OK)
            goto out;
    }
    if ((rc = local_load_index(p, "shipments.json", &ships, err)) != TD_OK)
        goto out;
    cJSON_ArrayForEach(j, ships) {
        struct shipment s = { 0 };
        int v = ship_status_from_name(json_str(j, "status"));

        s.external_id = json_strdup(j, "id");
        s.order_ext_id = json_strdup(j, "order");
        s.carrier = json_strdup(j, "carrier");
        s.tracking_number = json_strdup(j, "tracking_number");
        s.status = v < 0 ? SS_UNKNOWN : (enum ship_status)v;
        s.status_raw = json_strdup(j, "status");
        s.eta = local_time(p, j, "eta");
        it = cJSON_GetObjectItemCaseSensitive(j, "events");
        s.events = xcalloc((size_t)cJSON_GetArraySize(it) + 1,
                           sizeof *s.events);
        for (const cJSON *x = it ? it->child : NULL; x; x = x->next) {
            struct shipment_event *e = &s.events[s.n_events++];
            int ev = ship_status_from_name(json_str(x, "status"));

            e->time = local_time(p, x, "time");
            e->location = json_strdup(x, "location");
            e->status = ev < 0 ? SS_UNKNOWN : (enum ship_status)ev;
            e->description = json_strdup(x, "description");
        }
        rc = s.external_id ? out->shipment(out->ctx, &s, err)
                           : td_error_set(err, TD_EPARSE,
                                          "shipments.json: a shipment has no id");
        shipment_clear(&s);
        if (rc != TD_OK)
            goto out;
    }
    rc = out->page_done(out->ctx, err);
out:
    cJSON_Delete(orders);
    cJSON_Delete(ships);
    return rc;
}

/* The index files change rarely; their mtimes form a second cursor. */
static long long
local_index_stamp(const struct local_priv *p)
{
    static const char *const names[] = { "customers.json", "orders.json",
                                         "shipments.json" };
    long long stamp = 0;

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = paths_join(p->dir, names[i]);
        struct stat st;

        if (stat(path, &st) == 0)
            stamp += (long long)st.st_mtim.tv_sec * 1000000000LL +
                     st.st_mtim.tv_nsec + (long long)st.st_size;
        free(path);
    }
    return stamp;
}

static enum td_status
local_sync(struct account *a, const struct sync_sink *out,
           struct td_error *err)
{
    struct local_priv *p = a->priv;
    struct local_file *files = NULL;
    size_t n_files = 0, i;
    cJSON *customers = NULL;
    char *cursor = NULL, *idx = NULL, *tdir, stamp[32];
    struct td_error ferr, first_bad = { 0 };
    size_t n_bad = 0, stable = 0;
    int ticket_ok;
    struct timespec ts;
    long long settled_ns;
    enum td_status rc;

    clock_gettime(CLOCK_REALTIME, &ts);
    settled_ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec -
                 LOCAL_SETTLE_NS;
    tdir = paths_join(p->dir, "tickets");
    if ((rc = out->cursor_get(out->ctx, "files", &cursor, err)) != TD_OK ||
        (rc = out->cursor_get(out->ctx, "index", &idx, err)) != TD_OK)
        goto out;
    if ((rc = local_list_changed(tdir, cursor, &files, &n_files, err)) != TD_OK)
        goto out;
    if ((rc = local_load_index(p, "customers.json", &customers, err)) != TD_OK)
        goto out;
    for (i = 0; i < n_files; i++) {
        struct ticket t = { 0 };
        char *path = paths_join(tdir, files[i].name), *cur;
        cJSON *j = NULL;

        rc = json_load_file(path, LOCAL_MAX_FILE, &j, &ferr);
        if (rc == TD_OK && !cJSON_IsObject(j))
            rc = td_error_set(&ferr, TD_EPARSE, "%s: expected a JSON object",
                              path);
        if (rc == TD_OK)
            rc = local_fill_ticket(p, j, customers, path, &t, &ferr);
        ticket_ok = rc == TD_OK;
        if (ticket_ok)
            rc = out->ticket(out->ctx, &t, err);
        ticket_clear(&t);
        cJSON_Delete(j);
        free(path);
        /* A broken file is reported but does not hold back the others;
         * it is read again once its mtime changes (someone fixed it). */
        if (!ticket_ok) {
            if (n_bad++ == 0)
                first_bad = ferr;
            rc = TD_OK;
        }
        if (rc != TD_OK)
            goto out;
        /* File times are coarse (a kernel tick): a file written in the
         * same tick as this sync could be followed by another write with
         * the same mtime. The cursor only passes files older than that;
         * newer ones are simply read again next time. */
        if (files[i].mtime_ns < settled_ns)
            stable = i + 1;
        if ((i + 1) % LOCAL_PAGE == 0 || i + 1 == n_files) {
            rc = TD_OK;
            if (stable > 0) {
                cur = xasprintf("%lld %s", files[stable - 1].mtime_ns,
                                files[stable - 1].name);
                rc = out->cursor_set(out->ctx, "files", cur, err);
                free(cur);
            }
            if (rc == TD_OK)
                rc = out->page_done(out->ctx, err);
            if (rc != TD_OK)
                goto out;
            if (out->progress)
                out->progress(out->ctx, i + 1, n_files);
        }
    }
    snprintf(stamp, sizeof stamp, "%lld", local_index_stamp(p));
    if (idx == NULL || strcmp(idx, stamp) != 0) {
        const cJSON *c;

        cJSON_ArrayForEach(c, customers) {
            struct customer cu = { 0 };

            local_fill_customer(c, &cu);
            rc = cu.external_id ? out->customer(out->ctx, &cu, err) : TD_OK;
            customer_clear(&cu);
            if (rc != TD_OK)
                goto out;
        }
        if ((rc = local_sync_orders(p, out, err)) != TD_OK)
            goto out;
        if ((rc = out->cursor_set(out->ctx, "index", stamp, err)) != TD_OK)
            goto out;
        rc = out->page_done(out->ctx, err);
    }
    if (rc == TD_OK && n_bad)
        rc = td_error_set(err, first_bad.status, "%s%s", first_bad.msg,
                          n_bad > 1 ? " (and more broken ticket files)" : "");
out:
    local_files_free(files, n_files);
    cJSON_Delete(customers);
    free(cursor);
    free(idx);
    free(tdir);
    return rc;
}

/* Replace path with text: write a temporary file, fsync, rename, so that
 * a crash leaves either the old or the new ticket, never half of one. */
static enum td_status
local_write_atomic(const char *path, const char *text, struct td_error *err)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    size_t len = strlen(text), off = 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    enum td_status rc = TD_OK;

    if (fd < 0) {
        rc = td_error_set(err, TD_EIO, "%s: %s", tmp, strerror(errno));
        goto out;
    }
    while (off < len) {
        ssize_t w = write(fd, text + off, len - off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            rc = td_error_set(err, TD_EIO, "%s: %s", tmp, strerror(errno));
            break;
        }
        off += (size_t)w;
    }
    if (rc == TD_OK && fsync(fd) != 0)
        rc = td_error_set(err, TD_EIO, "%s: fsync: %s", tmp, strerror(errno));
    close(fd);
    if (rc == TD_OK && rename(tmp, path) != 0)
        rc = td_error_set(err, TD_EIO, "%s: %s", path, strerror(errno));
    if (rc != TD_OK)
        unlink(tmp);
out:
    free(tmp);
    return rc;
}

static enum td_status
local_load_ticket(const struct local_priv *p, const char *ext_id,
                  char **path, cJSON **out, struct td_error *err)
{
    char *rel;
    enum td_status rc;

    *path = NULL;
    *out = NULL;
    if (!local_valid_id(ext_id))
        return td_error_set(err, TD_EINVAL, "bad ticket id '%s'",
                            ext_id ? ext_id : "");
    rel = xasprintf("tickets/%s.json", ext_id);
    *path = paths_join(p->dir, rel);
    free(rel);
    rc = json_load_file(*path, LOCAL_MAX_FILE, out, err);
    if (rc == TD_OK && !cJSON_IsObject(*out)) {
        cJSON_Delete(*out);
        *out = NULL;
        rc = td_error_set(err, TD_EPARSE, "%s: expected a JSON object", *path);
    }
    return rc;
}

static enum td_status
local_reply(struct account *a, const struct reply_req *req, char **remote_id,
            struct td_error *err)
{
    struct local_priv *p = a->priv;
    char *path = NULL, *text = NULL, iso[TIME_ISO_LEN];
    cJSON *t = NULL, *msgs, *m;
    time_t now = time_now() - p->shift;     /* back to the file's clock */
    enum td_status rc;

    if ((rc = local_load_ticket(p, req->ticket_ext_id, &path, &t, err)))
        goto out;
    msgs = cJSON_GetObjectItemCaseSensitive(t, "messages");
    if (!cJSON_IsArray(msgs)) {
        cJSON_DeleteItemFromObjectCaseSensitive(t, "messages");
        msgs = cJSON_AddArrayToObject(t, "messages");
    }
    *remote_id = xasprintf("m%d-%.8s", cJSON_GetArraySize(msgs) + 1,
                           req->token ? req->token : "x");
    time_format_iso(now, iso);
    m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "id", *remote_id);
    cJSON_AddStringToObject(m, "author", "agent");
    json_add_str(m, "author_name", req->author);
    cJSON_AddBoolToObject(m, "public", !req->is_note);
    cJSON_AddStringToObject(m, "body", req->body);
    cJSON_AddNullToObject(m, "html");
    cJSON_AddItemToObject(m, "attachments", cJSON_CreateArray());
    cJSON_AddStringToObject(m, "created_at", iso);
    json_add_str(m, "token", req->token);
    cJSON_AddItemToArray(msgs, m);
    json_set(t, "updated_at", cJSON_CreateString(iso));
    if (!req->is_note) {    /* answered: the response clocks stop */
        json_set(t, "first_response_due", cJSON_CreateNull());
        json_set(t, "next_response_due", cJSON_CreateNull());
    }
    if (req->set_status)
        json_set(t, "status", cJSON_CreateString(req->set_status));
    text = cJSON_Print(t);
    rc = local_write_atomic(path, text, err);
    if (rc != TD_OK)
        xfree_str(remote_id);
out:
    cJSON_free(text);
    cJSON_Delete(t);
    free(path);
    return rc;
}

static int
local_tag_in(const char *tag, const char *const *tags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(tag, tags[i]) == 0)
            return 1;
    return 0;
}

/* Status, assignee and tags written into the ticket's file, atomically. */
static enum td_status
local_update(struct account *a, const struct ticket_update *u,
             struct td_error *err)
{
    struct local_priv *p = a->priv;
    char *path = NULL, *text = NULL, iso[TIME_ISO_LEN];
    cJSON *t = NULL, *tags, *nt;
    const cJSON *it;
    enum td_status rc;

    if ((rc = local_load_ticket(p, u->ticket_ext_id, &path, &t, err)))
        goto out;
    if (u->status)
        json_set(t, "status", cJSON_CreateString(u->status));
    if (u->assignee)
        json_set(t, "assignee", *u->assignee ? cJSON_CreateString(u->assignee)
                                             : cJSON_CreateNull());
    if (u->n_add_tags || u->n_remove_tags) {
        tags = cJSON_GetObjectItemCaseSensitive(t, "tags");
        nt = cJSON_CreateArray();
        cJSON_ArrayForEach(it, tags) {
            if (cJSON_IsString(it) &&
                !local_tag_in(it->valuestring, u->remove_tags,
                              u->n_remove_tags))
                cJSON_AddItemToArray(nt, cJSON_CreateString(it->valuestring));
        }
        for (size_t i = 0; i < u->n_add_tags; i++) {
            int have = 0;

            cJSON_ArrayForEach(it, nt) {
                if (strcmp(it->valuestring, u->add_tags[i]) == 0)
                    have = 1;
            }
            if (!have)
                cJSON_AddItemToArray(nt, cJSON_CreateString(u->add_tags[i]));
        }
        json_set(t, "tags", nt);
    }
    time_format_iso(time_now() - p->shift, iso);
    json_set(t, "updated_at", cJSON_CreateString(iso));
    text = cJSON_Print(t);
    rc = local_write_atomic(path, text, err);
out:
    cJSON_free(text);
    cJSON_Delete(t);
    free(path);
    return rc;
}

static enum td_status
local_find_sent(struct account *a, const char *ticket_ext_id,
                const char *token, char **remote_id, struct td_error *err)
{
    struct local_priv *p = a->priv;
    char *path = NULL;
    cJSON *t = NULL;
    const cJSON *m;
    enum td_status rc;

    if ((rc = local_load_ticket(p, ticket_ext_id, &path, &t, err)))
        goto out;
    rc = TD_ENOTFOUND;
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(t, "messages")) {
        const char *tok = json_str(m, "token");

        if (tok && token && strcmp(tok, token) == 0) {
            *remote_id = json_strdup(m, "id");
            rc = TD_OK;
            break;
        }
    }
out:
    cJSON_Delete(t);
    free(path);
    return rc;
}

static enum td_status
local_copy_file(const char *src, const char *dst, struct td_error *err)
{
    char chunk[65536];
    FILE *in = fopen(src, "rb"), *outf;
    size_t n;
    enum td_status rc = TD_OK;

    if (in == NULL)
        return td_error_set(err, TD_EIO, "%s: %s", src, strerror(errno));
    if ((outf = fopen(dst, "wb")) == NULL) {
        fclose(in);
        return td_error_set(err, TD_EIO, "%s: %s", dst, strerror(errno));
    }
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        if (fwrite(chunk, 1, n, outf) != n) {
            rc = td_error_set(err, TD_EIO, "%s: write error", dst);
            break;
        }
    if (fclose(outf) != 0 && rc == TD_OK)
        rc = td_error_set(err, TD_EIO, "%s: write error", dst);
    fclose(in);
    return rc;
}

static enum td_status
local_copy_tree(const char *src, const char *dst, struct td_error *err)
{
    DIR *d = opendir(src);
    struct dirent *de;
    enum td_status rc = TD_OK;

    if (d == NULL)
        return td_error_set(err, TD_ENOTFOUND, "%s: %s", src, strerror(errno));
    if (mkdir(dst, 0700) != 0) {
        closedir(d);
        return td_error_set(err, TD_EIO, "%s: %s", dst, strerror(errno));
    }
    while (rc == TD_OK && (de = readdir(d)) != NULL) {
        char *s, *t;
        struct stat st;

        if (de->d_name[0] == '.')
            continue;
        s = paths_join(src, de->d_name);
        t = paths_join(dst, de->d_name);
        if (stat(s, &st) == 0 && S_ISDIR(st.st_mode))
            rc = local_copy_tree(s, t, err);
        else if (S_ISREG(st.st_mode))
            rc = local_copy_file(s, t, err);
        free(s);
        free(t);
    }
    closedir(d);
    return rc;
}

enum td_status
local_install_workspace(const char *src, const char *dst, time_t now,
                        struct td_error *err)
{
    char *tmp = xasprintf("%s.new-%ld", dst, (long)getpid()), *ep;
    char stamp[32];
    enum td_status rc;
    FILE *f;
    int bad;

    /* Copy beside the target and rename: an interrupted first run must not
     * leave a half demo that later runs mistake for a whole one. */
    ep = paths_join(tmp, LOCAL_EPOCH_FILE);
    if ((rc = local_copy_tree(src, tmp, err)) != TD_OK)
        goto out;
    snprintf(stamp, sizeof stamp, "%lld\n", (long long)now);
    if ((f = fopen(ep, "w")) == NULL) {
        rc = td_error_set(err, TD_EIO, "%s: %s", ep, strerror(errno));
        goto out;
    }
    bad = fputs(stamp, f) < 0;
    if (fclose(f) != 0 || bad) {
        rc = td_error_set(err, TD_EIO, "%s: write error", ep);
        goto out;
    }
    if (rename(tmp, dst) != 0)
        rc = td_error_set(err, TD_EIO, "%s: %s", dst, strerror(errno));
out:
    free(ep);
    free(tmp);
    return rc;
}

/* canned.json in the workspace: [{"id", "title", "body", "folder"}], the
 * bodies in ttydesk's own placeholder syntax. No file: none to list. */
static enum td_status
local_list_canned(struct account *a, struct canned_list *out,
                  struct td_error *err)
{
    struct local_priv *p = a->priv;
    cJSON *arr = NULL, *j;
    enum td_status rc;

    if ((rc = local_load_index(p, "canned.json", &arr, err)) != TD_OK)
        return rc;
    cJSON_ArrayForEach(j, arr) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
        char num[32];
        const char *ids = cJSON_IsString(id) ? id->valuestring : NULL;

        if (cJSON_IsNumber(id)) {
            snprintf(num, sizeof num, "%.0f", id->valuedouble);
            ids = num;
        }
        if (ids == NULL || !cJSON_IsObject(j))
            continue;
        canned_list_add(out, ids, json_str(j, "title"), json_str(j, "body"),
                        json_str(j, "folder"));
    }
    cJSON_Delete(arr);
    return TD_OK;
}

const struct driver drv_local = {
    .name = "local",
    .desc = "a directory of JSON files (the demo and offline sandbox)",
    .caps = DRV_CAP_SYNC | DRV_CAP_REPLY | DRV_CAP_NOTE | DRV_CAP_STATUS |
            DRV_CAP_ORDERS | DRV_CAP_ASSIGN | DRV_CAP_TAGS,
    .priv_size = sizeof(struct local_priv),
    .keys = local_keys,
    .open = local_open,
    .close = local_close,
    .sync = local_sync,
    .reply = local_reply,
    .find_sent = local_find_sent,
    .update = local_update,
    .list_canned = local_list_canned,
};
