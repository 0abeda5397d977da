/* fts.c: the "ttydesk" FTS5 tokenizer and keeping ticket_fts in step. */
#include "store/fts.h"

#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

/* Our tokenizer owns an instance of unicode61 and filters its tokens. */
struct fts_tok {
    fts5_tokenizer inner_ops;
    Fts5Tokenizer *inner;
};

/* What fts_split needs to pass tokens on to FTS5. */
struct fts_run {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
    int query;                  /* tokenizing a MATCH string */
};

/* Scripts that do not separate words with spaces. Hangul does, but its
 * particles stick to the noun, so bigrams serve Korean search too. */
static int
fts_unspaced(unsigned cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF)       /* Thai, Lao */
        || (cp >= 0x1000 && cp <= 0x109F)       /* Myanmar */
        || (cp >= 0x1100 && cp <= 0x11FF)       /* Hangul Jamo */
        || (cp >= 0x1780 && cp <= 0x17FF)       /* Khmer */
        || (cp >= 0x2E80 && cp <= 0x2FDF)       /* CJK radicals */
        || (cp >= 0x3040 && cp <= 0x31FF)       /* kana, Bopomofo, Jamo */
        || (cp >= 0x3400 && cp <= 0x4DBF)       /* CJK extension A */
        || (cp >= 0x4E00 && cp <= 0x9FFF)       /* CJK unified */
        || (cp >= 0xA960 && cp <= 0xA97F)       /* Hangul Jamo ext. A */
        || (cp >= 0xAC00 && cp <= 0xD7AF)       /* Hangul syllables */
        || (cp >= 0xF900 && cp <= 0xFAFF)       /* CJK compatibility */
        || (cp >= 0xFF66 && cp <= 0xFF9F)       /* half-width kana */
        || (cp >= 0x20000 && cp <= 0x3FFFF);    /* CJK extensions B.. */
}

/* Length of the character at p (1 for a stray byte), its code point in *cp. */
static int
fts_char(const char *p, int n, unsigned *cp)
{
    size_t len = utf8_decode(p, (size_t)n, cp);

    if (len == 0) {
        *cp = (unsigned char)*p;
        return 1;
    }
    return (int)len;
}

/* Emit tok[a..b) with offsets into the input: exact when folding kept
 * the token's length, else the span of the whole token (only highlight
 * functions look at offsets). */
static int
fts_emit(struct fts_run *r, int flags, const char *tok, int a, int b,
         int start, int end, int exact)
{
    if (exact)
        return r->token(r->ctx, flags, tok + a, b - a, start + a, start + b);
    return r->token(r->ctx, flags, tok + a, b - a, start, end);
}

/* Cut one run of unspaced characters tok[a..z) into bigrams. A document
 * also gets each character as a synonym at its bigram's position (the
 * last one beside the last bigram), so that a one-character query matches
 * and a phrase that goes on after the run still lines up. */
static int
fts_bigrams(struct fts_run *r, const char *tok, int a, int z, int start,
            int end, int exact)
{
    unsigned cp;
    int b, c, rc;

    b = a + fts_char(tok + a, z - a, &cp);
    if (b >= z)
        return fts_emit(r, 0, tok, a, z, start, end, exact);
    for (;;) {
        c = b + fts_char(tok + b, z - b, &cp);
        rc = fts_emit(r, 0, tok, a, c, start, end, exact);
        if (rc == SQLITE_OK && !r->query)
            rc = fts_emit(r, FTS5_TOKEN_COLOCATED, tok, a, b, start, end,
                          exact);
        if (rc == SQLITE_OK && !r->query && c >= z)
            rc = fts_emit(r, FTS5_TOKEN_COLOCATED, tok, b, c, start, end,
                          exact);
        if (rc != SQLITE_OK || c >= z)
            return rc;
        a = b;
        b = c;
    }
}

/* What unicode61 leaves apart that buyers type alike: the Turkish
 * dotless i, Vietnamese d with stroke, Arabic alef with hamza or madda,
 * teh marbuta and alef maksura (written for heh and yeh as often as
 * not), and Arabic short vowels and tatweel, which are dropped. 0 keeps
 * the character; FTS_DROP drops it. */
#define FTS_DROP 1u
static unsigned
fts_fold_cp(unsigned cp)
{
    switch (cp) {
    case 0x0131:                /* ı */
        return 'i';
    case 0x0111:                /* đ */
    case 0x0110:                /* Đ */
        return 'd';
    case 0x0622:                /* آ */
    case 0x0623:                /* أ */
    case 0x0625:                /* إ */
    case 0x0671:                /* ٱ */
        return 0x0627;          /* ا */
    case 0x0629:                /* ة */
        return 0x0647;          /* ه */
    case 0x0649:                /* ى */
        return 0x064A;          /* ي */
    case 0x0640:                /* tatweel */
    case 0x0670:                /* superscript alef */
        return FTS_DROP;
    default:
        return cp >= 0x064B && cp <= 0x065F ? FTS_DROP : 0;
    }
}

/* tok folded as above into out (at most 2n bytes): its new length, or
 * -1 when nothing needed folding. */
static int
fts_fold(const char *tok, int n, char *out)
{
    int i = 0, o = 0, changed = 0, len;
    unsigned cp, f;

    while (i < n) {
        len = fts_char(tok + i, n - i, &cp);
        f = fts_fold_cp(cp);
        if (f == 0) {
            memcpy(out + o, tok + i, (size_t)len);
            o += len;
        } else if (f != FTS_DROP) {
            if (f < 0x80) {
                out[o++] = (char)f;
            } else {
                out[o++] = (char)(0xC0 | (f >> 6));
                out[o++] = (char)(0x80 | (f & 0x3F));
            }
            changed = 1;
        } else {
            changed = 1;
        }
        i += len;
    }
    return changed ? o : -1;
}

static int fts_split_token(struct fts_run *r, int tflags, const char *tok,
                           int n, int start, int end, int exact);

/* The xToken callback given to unicode61: fold what it leaves apart,
 * then cut the unspaced runs inside a token apart ("iphone注文" is
 * "iphone" + "注文"). */
static int
fts_split(void *p, int tflags, const char *tok, int n, int start, int end)
{
    struct fts_run *r = p;
    char stack[256], *buf = stack;
    int j, m, rc;

    /* Everything folded is U+0110 or above: lead byte 0xC4 or more. */
    for (j = 0; j < n; j++)
        if ((unsigned char)tok[j] >= 0xC4)
            break;
    if (j == n)
        return fts_split_token(r, tflags, tok, n, start, end,
                               end - start == n);
    if (2 * n > (int)sizeof stack)
        buf = xmalloc((size_t)(2 * n));
    m = fts_fold(tok, n, buf);
    rc = m < 0 ? fts_split_token(r, tflags, tok, n, start, end,
                                 end - start == n)
               : m == 0 ? SQLITE_OK
                        : fts_split_token(r, tflags, buf, m, start, end,
                                          end - start == m && m == n);
    if (buf != stack)
        free(buf);
    return rc;
}

static int
fts_split_token(struct fts_run *r, int tflags, const char *tok, int n,
                int start, int end, int exact)
{
    int i = 0, j, len, unspaced, rc = SQLITE_OK;
    unsigned cp;

    /* Fast path: every unspaced script lies at U+0E00 or above, which
     * UTF-8 writes with a lead byte of 0xE0 or more. */
    for (j = 0; j < n; j++)
        if ((unsigned char)tok[j] >= 0xE0)
            break;
    if (j == n)
        return r->token(r->ctx, tflags, tok, n, start, end);
    for (j = 0; j < n; j += len) {
        len = fts_char(tok + j, n - j, &cp);
        if (fts_unspaced(cp))
            break;
    }
    if (j == n)
        return r->token(r->ctx, tflags, tok, n, start, end);
    while (i < n && rc == SQLITE_OK) {
        fts_char(tok + i, n - i, &cp);
        unspaced = fts_unspaced(cp);
        j = i;
        while (j < n) {
            len = fts_char(tok + j, n - j, &cp);
            if (fts_unspaced(cp) != unspaced)
                break;
            j += len;
        }
        if (unspaced)
            rc = fts_bigrams(r, tok, i, j, start, end, exact);
        else
            rc = fts_emit(r, 0, tok, i, j, start, end, exact);
        i = j;
    }
    return rc;
}

static int
fts_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    /* Combining marks (M*) count as letters so that Thai vowel signs and
     * Devanagari matras do not split words; remove_diacritics 2 still
     * folds precomposed Latin letters (é, ü) to their base. */
    const char *args[] = {
        "remove_diacritics", "2", "categories", "L* N* Co M*",
    };
    fts5_api *api = ctx;
    struct fts_tok *t;
    void *uctx = NULL;
    int rc;

    (void)argv;
    (void)argc;
    t = xcalloc(1, sizeof *t);
    rc = api->xFindTokenizer(api, "unicode61", &uctx, &t->inner_ops);
    if (rc == SQLITE_OK)
        rc = t->inner_ops.xCreate(uctx, args, 4, &t->inner);
    if (rc != SQLITE_OK) {
        free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void
fts_delete(Fts5Tokenizer *p)
{
    struct fts_tok *t = (struct fts_tok *)p;

    if (t == NULL)
        return;
    t->inner_ops.xDelete(t->inner);
    free(t);
}

static int
fts_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text,
             int n, int (*token)(void *, int, const char *, int, int, int))
{
    struct fts_tok *t = (struct fts_tok *)p;
    struct fts_run r = {
        .ctx = ctx,
        .token = token,
        .query = (flags & FTS5_TOKENIZE_QUERY) != 0,
    };

    return t->inner_ops.xTokenize(t->inner, &r, flags, text, n, fts_split);
}

enum td_status
fts_register(sqlite3 *db, struct td_error *err)
{
    fts5_tokenizer ops = {
        .xCreate = fts_create,
        .xDelete = fts_delete,
        .xTokenize = fts_tokenize,
    };
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;

    /* The documented way to reach the FTS5 API from C (fts5.html 7.1). */
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
        SQLITE_OK)
        return td_error_set(err, TD_ENOTSUP,
                            "store: this SQLite lacks FTS5: %s",
                            sqlite3_errmsg(db));
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (api == NULL || api->iVersion < 2)
        return td_error_set(err, TD_ENOTSUP,
                            "store: this SQLite's FTS5 is too old");
    /* The api pointer lives as long as the connection: no destructor. */
    if (api->xCreateTokenizer(api, FTS_TOKENIZER, api, &ops, NULL) !=
        SQLITE_OK)
        return td_error_set(err, TD_EIO,
                            "store: register FTS tokenizer: %s",
                            sqlite3_errmsg(db));
    return TD_OK;
}

static const char sql_doc[] =
    "SELECT subject, who, body FROM ticket_doc WHERE id = ?1";
static const char sql_doc_delete[] =
    "INSERT INTO ticket_fts(ticket_fts, rowid, subject, who, body) "
    "VALUES('delete', ?1, ?2, ?3, ?4)";
static const char sql_doc_insert[] =
    "INSERT INTO ticket_fts(rowid, subject, who, body) "
    "VALUES(?1, ?2, ?3, ?4)";
static const char sql_customer_tickets[] =
    "SELECT id FROM tickets WHERE requester_id = ?1";

enum td_status
fts_doc_load(struct store *s, int64_t ticket_id, struct fts_doc *d,
             struct td_error *err)
{
    static const char op[] = "read ticket text";
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    memset(d, 0, sizeof *d);
    d->id = ticket_id;
    if ((rc = db_stmt(s, sql_doc, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ticket_id);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        d->found = 1;
        d->subject = db_col_str(st, 0);
        d->who = db_col_str(st, 1);
        d->body = db_col_str(st, 2);
    } else if (step != SQLITE_DONE) {
        rc = db_fail(s, err, op);
    }
    sqlite3_reset(st);
    return rc;
}

void
fts_doc_clear(struct fts_doc *d)
{
    free(d->subject);
    free(d->who);
    free(d->body);
    memset(d, 0, sizeof *d);
}

static int
fts_same(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Run the delete or insert command with d's text. */
static enum td_status
fts_doc_write(struct store *s, const char *sql, const struct fts_doc *d,
              struct td_error *err)
{
    static const char op[] = "index ticket text";
    sqlite3_stmt *st;
    enum td_status rc;

    if ((rc = db_stmt(s, sql, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, d->id);
    if (db_bind_str(st, 2, d->subject) | db_bind_str(st, 3, d->who) |
        db_bind_str(st, 4, d->body)) {
        sqlite3_reset(st);
        return db_fail(s, err, op);
    }
    return db_done(s, st, op, err);
}

static enum td_status
fts_reindex_ticket(struct store *s, struct fts_doc *old, struct td_error *err)
{
    struct fts_doc now;
    enum td_status rc;

    rc = fts_doc_load(s, old->id, &now, err);
    if (rc == TD_OK && old->found && fts_same(old->subject, now.subject) &&
        fts_same(old->who, now.who) && fts_same(old->body, now.body))
        goto out;
    if (rc == TD_OK && old->found)
        rc = fts_doc_write(s, sql_doc_delete, old, err);
    if (rc == TD_OK && now.found)
        rc = fts_doc_write(s, sql_doc_insert, &now, err);
out:
    fts_doc_clear(&now);
    return rc;
}

int
fts_is_pending(const struct store *s, int64_t ticket_id)
{
    /* A page is a few hundred tickets at most: a scan is fine. */
    for (size_t i = 0; i < s->n_pending; i++)
        if (s->pending[i].id == ticket_id)
            return 1;
    return 0;
}

void
fts_defer(struct store *s, struct fts_doc *d)
{
    if (fts_is_pending(s, d->id)) {
        fts_doc_clear(d);
        return;
    }
    if (s->n_pending == s->cap_pending) {
        s->cap_pending = s->cap_pending ? s->cap_pending * 2 : 64;
        s->pending = xreallocarray(s->pending, s->cap_pending,
                                   sizeof *s->pending);
    }
    s->pending[s->n_pending++] = *d;
    memset(d, 0, sizeof *d);
}

enum td_status
fts_defer_customer(struct store *s, int64_t customer_id,
                   struct td_error *err)
{
    static const char op[] = "read customer's tickets";
    struct fts_doc d;
    int64_t *ids = NULL;
    size_t n = 0;
    sqlite3_stmt *st;
    enum td_status rc;
    int step;

    if ((rc = db_stmt(s, sql_customer_tickets, op, &st, err)) != TD_OK)
        return rc;
    sqlite3_bind_int64(st, 1, customer_id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        ids = xreallocarray(ids, n + 1, sizeof *ids);
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    if (step != SQLITE_DONE)
        rc = db_fail(s, err, op);
    sqlite3_reset(st);
    /* Loaded after the loop: fts_doc_load has its own statement. */
    for (size_t i = 0; i < n && rc == TD_OK; i++) {
        if (fts_is_pending(s, ids[i]))
            continue;
        if ((rc = fts_doc_load(s, ids[i], &d, err)) == TD_OK)
            fts_defer(s, &d);
    }
    free(ids);
    return rc;
}

enum td_status
fts_flush(struct store *s, struct td_error *err)
{
    enum td_status rc = TD_OK;

    for (size_t i = 0; i < s->n_pending && rc == TD_OK; i++)
        rc = fts_reindex_ticket(s, &s->pending[i], err);
    fts_forget(s);
    return rc;
}

void
fts_forget(struct store *s)
{
    for (size_t i = 0; i < s->n_pending; i++)
        fts_doc_clear(&s->pending[i]);
    free(s->pending);
    s->pending = NULL;
    s->n_pending = s->cap_pending = 0;
}
