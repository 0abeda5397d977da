/* driver.h: the one table every helpdesk backend fills in, and its accounts.
 *
 * Two kinds of slots. A local backend answers at once and fills the
 * synchronous slots (sync, reply, find_sent). A network backend must
 * never block the one poll loop, so it fills the *_start slots instead:
 * each builds the first http_request, submits it on the account's
 * transport (a->http, borrowed from the app) and returns; every later
 * step runs inside an http done callback, which submits the next request
 * or ends the operation by calling the drv_done_fn exactly once. The
 * driver owns the operation's state (one heap struct per call, freed
 * before done is called); the caller owns done/ctx and the sink.
 *
 * The console adds http_pollfds/http_timeout_ms/http_dispatch to its
 * poll loop and calls drv_sync_start/drv_reply_start; the CLI and tests
 * call the blocking drv_sync/drv_reply/drv_find_sent, which start the
 * same chain and run the transport until it has finished. A driver never
 * fills both kinds of slot for one operation: the wrappers pick the one
 * that is there. */
#ifndef TD_DRIVER_H
#define TD_DRIVER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model.h"
#include "util/error.h"

struct account_def;
struct http_transport;
struct store;

/* What a backend can do. A missing bit means the matching slot is NULL
 * and the UI shows the action as unavailable (curl's SSLSUPP_* bits). */
enum {
    DRV_CAP_SYNC = 1 << 0,
    DRV_CAP_REPLY = 1 << 1,     /* public reply */
    DRV_CAP_NOTE = 1 << 2,      /* internal note */
    DRV_CAP_STATUS = 1 << 3,    /* status change with or without a reply */
    DRV_CAP_ORDERS = 1 << 4,    /* the backend also holds orders/shipments */
    DRV_CAP_ASSIGN = 1 << 5,    /* set or clear the assignee */
    DRV_CAP_TAGS = 1 << 6,      /* add and remove tags */
};

enum account_state {
    AS_OFFLINE = 0,     /* not reached yet, or the last sync failed */
    AS_SYNCING,
    AS_ONLINE,
};

struct driver;

/* One configured helpdesk account. The core allocates priv (priv_size
 * bytes, zeroed) before open and frees it after close. */
struct account {
    char *name;
    const struct driver *drv;
    char *url;                  /* ~ expanded for local paths */
    const struct account_def *def;  /* borrowed from the config */
    int64_t store_id;
    enum account_state state;
    void *priv;
    /* Where network drivers send requests: borrowed from the app, which
     * sets it after drv_account_new (NULL for drivers without *_start). */
    const struct http_transport *http;
};

/* Where a sync puts what it reads. The core's sink writes to the store,
 * one transaction per page; tests can collect instead. Each callback may
 * modify the struct it is given (ids are filled in). */
struct sync_sink {
    void *ctx;
    enum td_status (*customer)(void *ctx, struct customer *c,
                               struct td_error *err);
    enum td_status (*ticket)(void *ctx, struct ticket *t,
                             struct td_error *err);
    enum td_status (*order)(void *ctx, struct order *o, struct td_error *err);
    enum td_status (*shipment)(void *ctx, struct shipment *s,
                               struct td_error *err);
    /* The end of a page: everything since the last call is committed. */
    enum td_status (*page_done)(void *ctx, struct td_error *err);
    /* Incremental sync state, kept per account in the store. */
    enum td_status (*cursor_get)(void *ctx, const char *key, char **value,
                                 struct td_error *err);
    enum td_status (*cursor_set)(void *ctx, const char *key,
                                 const char *value, struct td_error *err);
    /* Progress for the status bar and `ttydesk sync`: done of total (0 =
     * unknown) tickets. May be NULL. */
    void (*progress)(void *ctx, size_t done, size_t total);
};

/* A reply or note as the outbox hands it to a driver. */
struct reply_req {
    const char *ticket_ext_id;
    const char *body;
    int is_note;
    const char *set_status;     /* normalised status word, NULL = keep */
    const char *token;          /* unique per outbox item */
    const char *author;         /* the agent's name */
};

/* A change of a ticket's fields without a message (bulk actions). NULL
 * keeps a field; each field needs its capability bit. */
struct ticket_update {
    const char *ticket_ext_id;
    const char *status;         /* normalised word: DRV_CAP_STATUS */
    const char *assignee;       /* agent; "" unassigns: DRV_CAP_ASSIGN */
    const char *const *add_tags;        /* DRV_CAP_TAGS */
    size_t n_add_tags;
    const char *const *remove_tags;
    size_t n_remove_tags;
};

/* A canned reply as a backend lists it (a Zendesk macro, a Freshdesk or
 * Chatwoot canned response, a Zammad text module), for importing into
 * the template library. The body is in the backend's own placeholder
 * syntax; the importer converts what maps. */
struct canned {
    char *id;                   /* the backend's id */
    char *title;
    char *body;
    char *folder;               /* category or folder, NULL if none */
};

struct canned_list {
    struct canned *v;
    size_t n;
};

void canned_list_clear(struct canned_list *l);
/* Append a copy of the four strings (any may be NULL). */
void canned_list_add(struct canned_list *l, const char *id,
                     const char *title, const char *body,
                     const char *folder);

/* How an asynchronous operation ends: called once, with TD_OK or the
 * failure and its text (err is NULL on TD_OK). remote_id is the id of the
 * message a reply created, or the one find_sent found; borrowed, NULL for
 * a sync. */
typedef void (*drv_done_fn)(void *ctx, enum td_status rc,
                            const char *remote_id,
                            const struct td_error *err);

struct driver {
    const char *name;           /* also the DRIVER word of an account line */
    const char *desc;
    unsigned caps;
    size_t priv_size;
    const char *const *keys;    /* key=value options it understands */

    /* Check the account's settings and prepare priv. */
    enum td_status (*open)(struct account *a, struct td_error *err);
    /* Release what open made (not priv itself). */
    void (*close)(struct account *a);
    /* Feed what changed since the stored cursors into out. */
    enum td_status (*sync)(struct account *a, const struct sync_sink *out,
                           struct td_error *err);
    /* Post a reply or note; *remote_id gets the backend's id (owned). */
    enum td_status (*reply)(struct account *a, const struct reply_req *req,
                            char **remote_id, struct td_error *err);
    /* After a crash mid-send: look for the message carrying token in the
     * thread. TD_OK with *remote_id set if it landed, TD_ENOTFOUND if not. */
    enum td_status (*find_sent)(struct account *a, const char *ticket_ext_id,
                                const char *token, char **remote_id,
                                struct td_error *err);
    /* Change status, assignee or tags (struct ticket_update). */
    enum td_status (*update)(struct account *a, const struct ticket_update *u,
                             struct td_error *err);

    /* The same three for network drivers (see the top of this file).
     * TD_OK: started, and done will be called later from inside the
     * transport's dispatch or run, never before this returns. Any other
     * status: nothing is in flight and done will not be called. The sink
     * and req are borrowed only until the slot returns for req, until
     * done for out. */
    enum td_status (*sync_start)(struct account *a,
                                 const struct sync_sink *out,
                                 drv_done_fn done, void *ctx,
                                 struct td_error *err);
    enum td_status (*reply_start)(struct account *a,
                                  const struct reply_req *req,
                                  drv_done_fn done, void *ctx,
                                  struct td_error *err);
    enum td_status (*find_sent_start)(struct account *a,
                                      const char *ticket_ext_id,
                                      const char *token, drv_done_fn done,
                                      void *ctx, struct td_error *err);
    enum td_status (*update_start)(struct account *a,
                                   const struct ticket_update *u,
                                   drv_done_fn done, void *ctx,
                                   struct td_error *err);

    /* List the backend's canned replies into out (which the caller
     * clears); NULL slots when the API has none. The _start form is for
     * network drivers, like the slots above; out is borrowed until done. */
    enum td_status (*list_canned)(struct account *a, struct canned_list *out,
                                  struct td_error *err);
    enum td_status (*list_canned_start)(struct account *a,
                                        struct canned_list *out,
                                        drv_done_fn done, void *ctx,
                                        struct td_error *err);
};

/* The registered drivers, NULL-terminated; the only list of them. */
const struct driver *const *drv_all(void);
/* The driver called name, NULL if none. */
const struct driver *drv_find(const char *name);

/* Make an account from a config line: finds its driver, allocates priv,
 * calls open. On failure *out is NULL and err says why. */
enum td_status drv_account_new(const struct account_def *def,
                               struct account **out, struct td_error *err);
/* close, free priv and the account; NULL-safe, clears the pointer. */
void drv_account_free(struct account **a);

/* 1 if the account's driver talks to the network (has *_start slots) and
 * so needs a->http before it can sync or send. */
int drv_account_is_net(const struct account *a);

/* The value of an account option (key=value on its rc line), borrowed;
 * NULL when it is not given. */
const char *drv_account_opt(const struct account *a, const char *key);

/* The account's secret from token_env=NAME (the variable's value) or
 * token_cmd=COMMAND (the first line the command prints, run with sh -c);
 * never from the rc file. *out is owned by the caller. TD_EAUTH when
 * neither is given or they yield nothing. */
enum td_status drv_account_secret(const struct account *a, char **out,
                                  struct td_error *err);

/* Sync one account into the store: one transaction per page, cursors and
 * the result of the sync recorded. progress may be NULL. */
enum td_status drv_sync(struct account *a, struct store *st,
                        void (*progress)(void *ctx, size_t done, size_t total),
                        void *progress_ctx, struct td_error *err);

/* The asynchronous sync for the console: like drv_sync, but it returns
 * once the first request is out; done gets the outcome (the account
 * state and the store are updated before it is called). For a driver
 * with a synchronous sync slot the whole sync runs here and done is
 * called before this returns. On a failure to start, done is not called. */
enum td_status drv_sync_start(struct account *a, struct store *st,
                              void (*progress)(void *ctx, size_t done,
                                               size_t total),
                              void *progress_ctx, drv_done_fn done,
                              void *ctx, struct td_error *err);
/* The asynchronous reply: as drv_reply, the outcome goes to done (with
 * the remote id on success). Synchronous drivers call done before this
 * returns. */
enum td_status drv_reply_start(struct account *a, const struct reply_req *req,
                               drv_done_fn done, void *ctx,
                               struct td_error *err);

/* The backend's canned replies; blocks like drv_reply. TD_ENOTSUP,
 * naming the driver, when its API has none. */
enum td_status drv_list_canned(struct account *a, struct canned_list *out,
                               struct td_error *err);

/* Change a ticket's status, assignee or tags; blocks like drv_reply. A
 * field the backend cannot change is refused (TD_ENOTSUP) before any
 * request, naming it. */
enum td_status drv_update(struct account *a, const struct ticket_update *u,
                          struct td_error *err);

/* The wrappers the UI and CLI call: they check caps first, and block
 * until the operation has finished (running a->http for network drivers,
 * so never call them from inside an http callback). */
enum td_status drv_reply(struct account *a, const struct reply_req *req,
                         char **remote_id, struct td_error *err);
enum td_status drv_find_sent(struct account *a, const char *ticket_ext_id,
                             const char *token, char **remote_id,
                             struct td_error *err);

#endif
