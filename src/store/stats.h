/* stats.h: after-sales statistics computed in SQL over the store. */
#ifndef TD_STORE_STATS_H
#define TD_STORE_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/query.h"
#include "util/error.h"

struct store;

/* The tables, in the order the screen and the exports show them. */
enum stats_id {
    STATS_SUMMARY = 0,
    STATS_VOLUME_DAY,
    STATS_VOLUME_HOUR,
    STATS_VOLUME_CHANNEL,
    STATS_VOLUME_LANGUAGE,
    STATS_VOLUME_COUNTRY,
    STATS_VOLUME_INTENT,
    STATS_PRODUCT_SKU,
    STATS_PRODUCT_NAME,
    STATS_PRODUCT_RETURNS,
    STATS_PRODUCT_DAMAGE,
    STATS_SHIP_CARRIER,
    STATS_SHIP_COUNTRY,
    STATS_SHIP_LANE,
    STATS_FRT_CHANNEL,
    STATS_FRT_HOUR,
    STATS_FRT_AGENT,
    STATS_SLA,
    STATS_BACKLOG,
    STATS_HEATMAP,
    STATS_COUNT
};

#define STATS_NV 10

/* How a value reads: a count, a share (0..1), seconds or days. */
enum stats_unit {
    SU_COUNT = 0,
    SU_SHARE,
    SU_SECONDS,
    SU_DAYS,
};

/* What a table is: its names (JSON and CSV use name, key, key2 and vals
 * as they are; man/ttydesk.1 lists them) and which value its chart draws. */
struct stats_def {
    const char *name;           /* "volume_channel" */
    const char *section;        /* volume, products, logistics, service */
    const char *title;          /* "Tickets by channel" */
    const char *key;            /* the first key column's name */
    const char *key2;           /* the second's, NULL for one key */
    int n_vals;
    const char *vals[STATS_NV];
    enum stats_unit units[STATS_NV];
    int bar;                    /* the value the chart draws */
    const char *none;           /* how to show an unknown key; NULL:
                                   "(unknown)" */
};

/* One row. v[i] is NAN when there is no value (a p90 of no parcels). */
struct stats_row {
    char *key;                  /* NULL: unknown (shown as "-") */
    char *key2;
    double v[STATS_NV];
    char *drill;                /* query terms selecting the row's tickets
                                   (with the range and the user's query),
                                   NULL when the language cannot say it */
};

struct stats_table {
    const struct stats_def *def;
    struct stats_row *rows;
    size_t n;
};

/* What the figures are computed over. */
struct stats_opts {
    time_t from;                /* created at or after; 0 = no bound */
    time_t to;                  /* created before; 0 = no bound */
    const char *tz;             /* the team's IANA zone for days and hours;
                                   "" or NULL = the process's zone */
    int stuck_days;             /* a parcel with no checkpoint for this many
                                   days is stuck (0 = 5) */
    time_t now;                 /* 0 = time_now() */
};

/* All tables; owned by the caller (stats_free). range holds the query
 * terms for the time range ("created>... created<..."), "" for none. */
struct stats {
    struct stats_table t[STATS_COUNT];
    char *range;
    time_t from;                /* the range as computed (to = now when */
    time_t to;                  /* the caller gave none) */
    double ms;                  /* how long the computation took */
};

/* The definition of table id. */
const struct stats_def *stats_def(enum stats_id id);

/* Compute every table for the tickets q selects (as the inbox filter
 * does) created in the range. Ticket figures count tickets; products and
 * logistics count the orders and parcels linked to those tickets, or,
 * when q has no terms, every order created in the range and its parcels.
 * Everything is SQL over temporary tables: no ticket is loaded. */
enum td_status store_stats(struct store *s, const struct query *q,
                           const struct stats_opts *o, struct stats **out,
                           struct td_error *err);
/* NULL-safe; clears the pointer. */
void stats_free(struct stats **p);

/* v in unit u as people read it: "1,234", "33%", "1h05m", "3.5d"; "-"
 * for NAN. */
void stats_format(enum stats_unit u, double v, char *out, size_t n);

/* Set o->from and o->to from the command line's words: since is a
 * duration back from now ("7d") or "all"; from and to are dates
 * (YYYY-MM-DD, a day in zone tz, to's day included) or ISO 8601 times
 * (in tz unless they name an offset). NULL words are not given; with
 * none at all the range is default_since back from now (0 = all). */
enum td_status stats_parse_range(const char *since, const char *from,
                                 const char *to, const char *tz,
                                 int64_t default_since, time_t now,
                                 struct stats_opts *o, struct td_error *err);

/* The query the inbox runs to show a row's tickets: the user's query
 * text, the range and the row's terms; NULL when the row has none. */
char *stats_drill_query(const struct stats *st, const char *user_query,
                        const struct stats_row *row);

#endif
