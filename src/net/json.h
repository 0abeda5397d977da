/* json.h: small typed getters over cJSON for drivers and the CLI. */
#ifndef TD_JSON_H
#define TD_JSON_H

#include <stdint.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "util/error.h"

/* Owned copy of obj[key] if it is a string, else NULL. Numbers are
 * formatted ("12", "59.9") since APIs disagree about ids. */
char *json_strdup(const cJSON *obj, const char *key);
/* Borrowed string value or NULL. */
const char *json_str(const cJSON *obj, const char *key);
/* Integer value, or def when absent or not a number. */
int64_t json_int(const cJSON *obj, const char *key, int64_t def);
/* 1 for true, 0 for false, def otherwise. */
int json_bool(const cJSON *obj, const char *key, int def);
/* An ISO 8601 string member as a time; 0 when absent or malformed. */
time_t json_time(const cJSON *obj, const char *key);

/* Parse a whole document; on failure err says where ("line 3, column 7"). */
enum td_status json_parse(const char *text, size_t len, cJSON **out,
                          const char *what, struct td_error *err);
/* Read and parse a file, refusing files over max bytes. */
enum td_status json_load_file(const char *path, size_t max, cJSON **out,
                              struct td_error *err);

/* Set obj[key] to item (ownership taken), replacing or adding it. */
void json_set(cJSON *obj, const char *key, cJSON *item);
/* Add a string member, or null when s is NULL. */
void json_add_str(cJSON *obj, const char *key, const char *s);
/* Add an ISO 8601 time member, or null when t is 0. */
void json_add_time(cJSON *obj, const char *key, time_t t);

#endif
