/* mapping.h: the JSON mapping file that tells the generic driver how a REST
 * helpdesk looks (ttydesk-mapping(5)): loading, checking, JSON paths and
 * body templates. */
#ifndef TD_MAPPING_H
#define TD_MAPPING_H

#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "util/error.h"

/* A mapping file is refused above this size. */
#define MAPPING_MAX_BYTES ((size_t)256 << 10)
/* Variables a call may read with fetch (beside the built-in ones). */
#define MAPPING_MAX_VARS 16

enum map_auth {
    MAP_AUTH_BEARER = 0,    /* Authorization: Bearer TOKEN */
    MAP_AUTH_BASIC,         /* Authorization: Basic b64(user:TOKEN) */
    MAP_AUTH_HEADER,        /* NAME: [prefix]TOKEN */
    MAP_AUTH_QUERY,         /* ?NAME=TOKEN on every request */
};

enum map_pager {
    MAP_PAGER_NONE = 0,     /* one request answers everything */
    MAP_PAGER_PAGE,         /* page=1,2,... */
    MAP_PAGER_CURSOR,       /* cursor=<value at a JSON path> */
    MAP_PAGER_LINK,         /* Link: <url>; rel="next" */
};

enum map_incr {
    MAP_INCR_NONE = 0,      /* every sync reads the whole list */
    MAP_INCR_PARAM,         /* a query parameter: changed since T */
    MAP_INCR_DESC,          /* newest first: stop at the first seen one */
};

enum map_time {
    MAP_TIME_ISO = 0,       /* 2026-11-25T03:04:05Z */
    MAP_TIME_ISO_MS,        /* 2026-11-25T03:04:05.000Z */
    MAP_TIME_UNIX,          /* 1795000000 */
};

/* A GET of a list and how it pages. Strings are borrowed from the
 * mapping's document. */
struct map_list {
    const char *path;           /* may hold {id} */
    const cJSON *params;        /* object of fixed query parameters */
    const char *items;          /* JSON path to the array */
    enum map_pager pager;
    const char *page_param;     /* PAGE and CURSOR: the parameter */
    long page_start;            /* PAGE: the first page's number */
    const char *next;           /* CURSOR: path to the next cursor */
    const char *total_pages;    /* PAGE: path to the page count, or NULL */
    const char *total;          /* path to the item count (progress) */
};

/* A write: reply, note or status change. */
struct map_call {
    const char *method;         /* static: "POST", "PUT" or "PATCH" */
    const char *path;           /* with {id} */
    const char *content_type;   /* default application/json */
    const cJSON *body;          /* template, see mapping_expand */
    const char *fetch;          /* GET path read first for variables */
    const cJSON *vars;          /* object: variable -> JSON path in fetch */
    const char *result_id;      /* path, or "header:NAME", or NULL */
    int uses_status;            /* the body names {{status}} */
    int carries_marker;         /* {{body_html}} or {{token}}: find_sent
                                 * can recognise what it posted */
};

/* A loaded mapping. Every string is borrowed from doc, which it owns. */
struct mapping {
    char *file;                 /* the file it came from */
    cJSON *doc;
    const char *name;
    const char *base_url;       /* where the API lives; NULL = anywhere */

    enum map_auth auth;
    const char *auth_name;      /* HEADER and QUERY: where the token goes */
    const char *auth_prefix;    /* HEADER: put before the token ("") */

    struct map_list list;
    enum map_incr incr;
    const char *incr_param;
    enum map_time incr_format;

    /* Ticket: JSON paths inside one list item. */
    const char *t_id, *t_subject, *t_status, *t_priority, *t_channel;
    const char *t_req_id, *t_req_name, *t_req_email, *t_assignee;
    const char *t_tags, *t_tag_key, *t_created, *t_updated;
    const cJSON *status_map, *priority_map, *channel_map;

    /* Messages: from a list endpoint (has_msg_list) or embedded in the
     * ticket item (msg_embedded); neither: tickets come without threads. */
    int has_messages;
    int has_msg_list;
    struct map_list msgs;
    const char *msg_embedded;
    const char *m_id, *m_author, *m_author_name, *m_body, *m_html;
    const char *m_public, *m_created;
    const cJSON *author_map, *public_map;

    /* Rate-limit headers the engine does not know by name: what each
     * one means (NULL = none declared). */
    const char *rl_remaining, *rl_limit, *rl_reset, *rl_used_of;

    struct map_call reply, note, status;
    int has_reply, has_note, has_status;
    const cJSON *status_out;    /* ttydesk status -> backend word */
};

/* Load and check a mapping file. Every problem is reported as
 * "FILE: WHERE: what is wrong" (WHERE is the key path in the file, e.g.
 * ticket.status_map.open), never a crash. *out is owned by the caller. */
enum td_status mapping_load(const char *file, struct mapping **out,
                            struct td_error *err);
/* The same from text already in memory; file names it in errors. */
enum td_status mapping_parse(const char *file, const char *text, size_t len,
                             struct mapping **out, struct td_error *err);
/* Whether an account URL is where the mapping's API lives: base_url's
 * scheme and host, "*." matching any subdomain. Loopback URLs pass (a
 * local proxy, the tests); no base_url: anything. TD_EPERM otherwise,
 * since the token would go to a host it was not made for. */
enum td_status mapping_check_url(const struct mapping *m, const char *url,
                                 struct td_error *err);
/* NULL-safe; clears the pointer. */
void mapping_free(struct mapping **m);

/* Where mapping=NAME points: a name with a '/' is a path (~ expanded);
 * otherwise NAME or NAME.json is looked for in the config dir's mappings/,
 * then in share_dir/mappings (the installed or source tree data). Owned;
 * TD_ENOTFOUND naming the places tried. */
enum td_status mapping_find(const char *name, const char *share_dir,
                            char **out, struct td_error *err);

/* The value at a JSON path ("a.b[2].c"; "." is the document), or NULL. */
const cJSON *mapping_get(const cJSON *doc, const char *path);
/* The value as text: strings as they are, numbers as "12" or "59.9",
 * booleans as "true"/"false"; NULL for null, objects, arrays or a NULL
 * path. Owned. */
char *mapping_strdup(const cJSON *doc, const char *path);
/* A time at path: an ISO 8601 string or Unix seconds; 0 if none. */
time_t mapping_time(const cJSON *doc, const char *path);
/* map[value], or map["*"], or NULL (borrowed). */
const char *mapping_lookup(const cJSON *map, const char *value);

/* Write t in a format for a query parameter; owned. */
char *mapping_format_time(enum map_time fmt, time_t t);

/* A variable for mapping_expand: a value (borrowed, any JSON type), or a
 * string. Both NULL: the variable has no value and a member whose whole
 * value is this variable is left out. */
struct map_var {
    const char *name;
    const cJSON *json;
    const char *str;
};

/* A copy of tmpl with {{name}} replaced: a string that is exactly one
 * variable becomes the variable's value with its JSON type; a variable
 * inside a longer string is put in as text. Owned. */
cJSON *mapping_expand(const cJSON *tmpl, const struct map_var *vars,
                      size_t n);
/* path with {id} replaced by id (escaped for a path segment); owned. */
char *mapping_path(const char *path, const char *id);

#endif
