/* translations.c: the translation cache (table translations, schema v4):
 * a translation is paid for, or computed, once per provider, language
 * pair and text. */
#include "store/translations.h"

#include "store/db.h"

static const char sql_get[] =
    "SELECT text, src FROM translations WHERE key = ?1";
static const char sql_put[] =
    "INSERT INTO translations(key, provider, src, dst, text, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(key) DO UPDATE SET text = excluded.text,"
    " src = excluded.src, created_at = excluded.created_at";
static const char sql_count[] = "SELECT count(*) FROM translations";

enum td_status
store_translation_get(struct store *s, const char *key, char **text,
                      char **src, struct td_error *err)
{
    static const char op[] = "get translation";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    *text = NULL;
    if (src)
        *src = NULL;
    if ((rc = db_stmt(s, sql_get, op, &st, err)) != TD_OK)
        return rc;
    if (db_bind_str(st, 1, key) != SQLITE_OK) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        *text = db_col_str(st, 0);
        if (src)
            *src = db_col_str(st, 1);
        if (*text == NULL)
            rc = td_error_set(err, TD_ENOTFOUND, "store: %s: empty", op);
    } else if (step == SQLITE_DONE) {
        rc = td_error_set(err, TD_ENOTFOUND, "store: %s: not cached", op);
    } else {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

enum td_status
store_translation_put(struct store *s, const char *key, const char *provider,
                      const char *src, const char *dst, const char *text,
                      struct td_error *err)
{
    static const char op[] = "put translation";
    sqlite3_stmt *st;
    enum td_status rc;

    if (key == NULL || provider == NULL || dst == NULL || text == NULL)
        return td_error_set(err, TD_EINVAL, "store: %s: missing field", op);
    if ((rc = db_stmt(s, sql_put, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 6, (sqlite3_int64)time(NULL));
    if (db_bind_str(st, 1, key) | db_bind_str(st, 2, provider) |
        db_bind_str(st, 3, src) | db_bind_str(st, 4, dst) |
        db_bind_str(st, 5, text)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

enum td_status
store_translation_count(struct store *s, int64_t *n, struct td_error *err)
{
    static const char op[] = "count translations";
    sqlite3_stmt *st;
    enum td_status rc;

    *n = 0;
    if ((rc = db_stmt(s, sql_count, op, &st, err)) != TD_OK)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    return rc;
}
