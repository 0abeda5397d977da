/* test_store.c: the SQLite store: upserts, reads, the inbox query, outbox. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/model.h"
#include "core/query.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xmalloc.h"

#define NOW ((time_t)1764000000)    /* a fixed "now" for durations */

struct fixture {
    struct store *s;
    int64_t acct;
    int64_t other;
    int64_t id[6];                  /* store ids of t1..t5 (id[0] unused) */
    struct td_error err;
};

static int
setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);

    if (store_open(":memory:", &f->s, &f->err) != TD_OK)
        return -1;
    if (store_account_ensure(f->s, "main", "zendesk", "https://m.example",
                             &f->acct, &f->err) != TD_OK ||
        store_account_ensure(f->s, "other", "freshdesk", NULL, &f->other,
                             &f->err) != TD_OK)
        return -1;
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;

    store_close(&f->s);
    free(f);
    return 0;
}

/* ---- builders ---- */

static void
cust_fill(struct customer *c, const char *ext, const char *name,
          const char *email, const char *country)
{
    memset(c, 0, sizeof *c);
    c->external_id = xstrdup(ext);
    c->name = xstrdup(name);
    c->email = xstrdup(email);
    c->country = xstrdup(country);
    c->timezone = xstrdup("Europe/Berlin");
    c->locale = xstrdup("de-DE");
}

static void
tk_fill(struct ticket *t, int64_t acct, const char *ext, const char *subject)
{
    memset(t, 0, sizeof *t);
    t->account_id = acct;
    t->external_id = xstrdup(ext);
    t->subject = xstrdup(subject);
    t->status = TS_OPEN;
    t->status_raw = xstrdup("open");
    t->priority = TP_NORMAL;
    t->channel = CH_EMAIL;
    t->created_at = NOW - 3600;
    t->updated_at = NOW - 60;
}

static struct message *
tk_msg(struct ticket *t, const char *ext, const char *body, time_t when)
{
    struct message *m = ticket_add_message(t);

    m->external_id = xstrdup(ext);
    m->author = AK_CUSTOMER;
    m->author_name = xstrdup("Buyer");
    m->is_public = 1;
    m->body = xstrdup(body);
    m->created_at = when;
    return m;
}

static void
q_term(struct query *q, enum query_field fld, enum query_op op, int neg,
       const char *v, int64_t secs)
{
    q->terms = xreallocarray(q->terms, q->n_terms + 1, sizeof *q->terms);
    q->terms[q->n_terms++] = (struct query_term){
        .field = fld, .op = op, .negate = neg, .value = xstrdup(v),
        .seconds = secs,
    };
}

static void
q_free(struct query *q)
{
    for (size_t i = 0; i < q->n_terms; i++)
        free(q->terms[i].value);
    free(q->terms);
    memset(q, 0, sizeof *q);
}

/* The external ids the query finds, comma-joined in result order. */
static char *
ids_of(struct fixture *f, const struct query *q)
{
    struct ticket rows[64];
    struct buf b;
    size_t got = 0;
    int64_t count = -1;

    assert_int_equal(store_inbox_page(f->s, q, 0, 64, rows, &got, &f->err),
                     TD_OK);
    assert_int_equal(store_inbox_count(f->s, q, &count, &f->err), TD_OK);
    assert_int_equal((size_t)count, got);
    buf_init(&b, 0);
    for (size_t i = 0; i < got; i++) {
        buf_printf(&b, "%s%s", i ? "," : "", rows[i].external_id);
        ticket_clear(&rows[i]);
    }
    return buf_detach(&b);
}

/* One-term query by id order: which of t1..t5 match. */
static void
expect1(struct fixture *f, enum query_field fld, enum query_op op, int neg,
        const char *v, int64_t secs, const char *want)
{
    struct query q = {.sort = QS_ID, .now = NOW, .me = "ME@agent.test"};
    char *got;

    q_term(&q, fld, op, neg, v, secs);
    got = ids_of(f, &q);
    if (strcmp(got, want) != 0)
        fail_msg("%s%s%s%s: got \"%s\", want \"%s\"", neg ? "-" : "",
                 query_field_name(fld),
                 op == QO_LT ? "<" : op == QO_GT ? ">" : ":", v, got, want);
    free(got);
    q_free(&q);
}

/* Five tickets that differ in every field the query language tests. */
static void
load_five(struct fixture *f)
{
    struct ticket t;
    struct order o;

    tk_fill(&t, f->acct, "t1", "Where is my order #1234?");
    cust_fill(&t.requester, "c1", "Alice Smith", "alice@example.com", "DE");
    t.language = xstrdup("de");
    t.priority = TP_HIGH;
    t.assignee = xstrdup("Bob Agent");
    ticket_add_tag(&t, "vip");
    ticket_add_tag(&t, "refund");
    t.first_response_due = NOW + 600;
    t.created_at = NOW - 3 * 3600;
    t.updated_at = NOW - 1800;
    tk_msg(&t, "m1", "Hello, I ordered a lamp.", NOW - 3 * 3600);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    f->id[1] = t.id;
    ticket_clear(&t);

    tk_fill(&t, f->acct, "t2", "注文について");
    cust_fill(&t.requester, "c2", "山田太郎", "taro@example.jp", "JP");
    t.language = xstrdup("ja");
    t.status = TS_NEW;
    t.channel = CH_LINE;
    t.created_at = NOW - 3 * 86400;
    t.updated_at = NOW - 2 * 86400;
    tk_msg(&t, "m1", "注文番号を教えてください。配送はいつですか", NOW - 86400);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    f->id[2] = t.id;
    ticket_clear(&t);

    tk_fill(&t, f->acct, "t3", "สอบถามการจัดส่ง");
    cust_fill(&t.requester, "c3", "Somchai", "somchai@example.co.th", "TH");
    t.language = xstrdup("th");
    t.status = TS_PENDING;
    t.priority = TP_URGENT;
    t.channel = CH_WHATSAPP;
    t.assignee = xstrdup("me@agent.test");
    ticket_add_tag(&t, "VIP");
    t.first_response_due = NOW + 7200;
    t.created_at = NOW - 3600;
    t.updated_at = NOW - 300;
    tk_msg(&t, "m1", "สวัสดีครับ ขอบคุณมากครับ", NOW - 3600);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    f->id[3] = t.id;
    ticket_clear(&t);

    tk_fill(&t, f->acct, "t4", "استرجاع المبلغ");
    cust_fill(&t.requester, "c4", "محمد", "mohammed@example.ae", "AE");
    t.status = TS_SOLVED;
    t.priority = TP_LOW;
    t.channel = CH_CHAT;
    t.assignee = xstrdup("Carol");
    t.first_response_due = NOW - 600;
    t.created_at = NOW - 10 * 86400;
    t.updated_at = NOW - 9 * 86400;
    tk_msg(&t, "m1", "أريد استرجاع المبلغ 🎁 please", NOW - 10 * 86400);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    f->id[4] = t.id;
    ticket_clear(&t);

    tk_fill(&t, f->other, "t5", "Damaged order, ref 1234");
    cust_fill(&t.requester, "c5", "Bob Müller", "bob@example.com", "BR");
    t.language = xstrdup("pt-BR");
    t.status = TS_ON_HOLD;
    t.assignee = xstrdup("");
    ticket_add_tag(&t, "damaged");
    t.created_at = NOW - 5 * 3600;
    t.updated_at = NOW - 4 * 3600;
    tk_msg(&t, "m1", "The box was crushed", NOW - 5 * 3600);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    f->id[5] = t.id;
    ticket_clear(&t);

    /* #1001 is Alice's by customer id, 1002 Taro's by email only. */
    memset(&o, 0, sizeof o);
    o.external_id = xstrdup("o1");
    o.number = xstrdup("#1001");
    o.customer_ext_id = xstrdup("c1");
    assert_int_equal(store_order_upsert(f->s, f->acct, &o, &f->err), TD_OK);
    order_clear(&o);
    o.external_id = xstrdup("o2");
    o.number = xstrdup("1002");
    o.customer_email = xstrdup("TARO@example.JP");
    assert_int_equal(store_order_upsert(f->s, f->acct, &o, &f->err), TD_OK);
    order_clear(&o);
}

/* ---- tests ---- */

static void
test_open_memory(void **state)
{
    struct fixture *f = *state;
    struct store *s = NULL;

    assert_int_equal(store_schema_version(f->s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_open(":memory:", &s, &f->err), TD_OK);
    store_close(&s);
    assert_null(s);
    store_close(&s);            /* NULL-safe */
}

static void
test_open_file_mode(void **state)
{
    struct fixture *f = *state;
    char dir[] = "/tmp/td-store-XXXXXX", path[64], wal[80];
    struct store *s = NULL;
    struct ticket t;
    struct stat st;
    mode_t old = umask(022);

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/store.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_equal(store_open(path, &s, &f->err), TD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    tk_fill(&t, 1, "x", "mode");
    assert_int_equal(store_account_ensure(s, "a", "local", NULL,
                                          &t.account_id, &f->err), TD_OK);
    assert_int_equal(store_ticket_upsert(s, &t, &f->err), TD_OK);
    ticket_clear(&t);
    assert_int_equal(stat(wal, &st), 0);        /* WAL mode is on */
    assert_int_equal(st.st_mode & 0777, 0600);
    store_close(&s);

    /* A file someone made world-readable is narrowed on open. */
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(store_open(path, &s, &f->err), TD_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(store_check(s, &f->err), TD_OK);
    store_close(&s);
    umask(old);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    unlink(path);
    rmdir(dir);
}

static void
test_upsert_roundtrip(void **state)
{
    struct fixture *f = *state;
    struct ticket t, *g = NULL;
    struct customer c;
    struct message *m;
    int64_t cid, tid, mid, id = 0;

    cust_fill(&c, "c9", "Ayşe", "ayse@example.tr", "TR");
    c.phone = xstrdup("+90 555");
    assert_int_equal(store_customer_upsert(f->s, f->acct, &c, &f->err),
                     TD_OK);
    cid = c.id;
    assert_true(cid > 0);
    /* Partial payload: a NULL field keeps what the store had. */
    free(c.phone);
    c.phone = NULL;
    free(c.name);
    c.name = xstrdup("Ayşe Yılmaz");
    c.id = 0;
    assert_int_equal(store_customer_upsert(f->s, f->acct, &c, &f->err),
                     TD_OK);
    assert_int_equal(c.id, cid);

    tk_fill(&t, f->acct, "42", "Заказ не пришёл — 注文 🚚");
    t.requester = c;
    t.status = TS_PENDING;
    t.status_raw = (free(t.status_raw), xstrdup("waiting on customer"));
    t.priority = TP_URGENT;
    t.channel = CH_WHATSAPP;
    t.language = xstrdup("tr");
    t.assignee = xstrdup("agent@example.com");
    t.first_response_due = NOW + 99;
    ticket_add_tag(&t, "b-tag");
    ticket_add_tag(&t, "a-tag");
    m = tk_msg(&t, "m1", "مرحبا، أين طلبي؟", NOW - 100);
    m->html = xstrdup("<p dir=rtl>مرحبا</p>");
    m->attachments = xcalloc(2, sizeof *m->attachments);
    m->attachments[0] = (struct attachment){xstrdup("photo.jpg"), 12345};
    m->attachments[1] = (struct attachment){xstrdup("รูป.png"), 7};
    m->n_attachments = 2;
    m = tk_msg(&t, "m0", "ありがとうございます สวัสดี 😀", NOW - 200);
    m->author = AK_AGENT;
    m->is_public = 0;
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    tid = t.id;
    mid = t.messages[0].id;
    assert_true(tid > 0 && mid > 0);

    assert_int_equal(store_ticket_get(f->s, tid, &g, &f->err), TD_OK);
    assert_string_equal(g->account, "main");
    assert_string_equal(g->external_id, "42");
    assert_string_equal(g->subject, "Заказ не пришёл — 注文 🚚");
    assert_int_equal(g->status, TS_PENDING);
    assert_string_equal(g->status_raw, "waiting on customer");
    assert_int_equal(g->priority, TP_URGENT);
    assert_int_equal(g->channel, CH_WHATSAPP);
    assert_string_equal(g->language, "tr");
    assert_string_equal(g->assignee, "agent@example.com");
    assert_int_equal(g->created_at, NOW - 3600);
    assert_int_equal(g->updated_at, NOW - 60);
    assert_int_equal(g->first_response_due, NOW + 99);
    assert_int_equal(g->requester.id, cid);
    assert_string_equal(g->requester.name, "Ayşe Yılmaz");
    assert_string_equal(g->requester.phone, "+90 555");
    assert_string_equal(g->requester.country, "TR");
    assert_string_equal(g->requester.timezone, "Europe/Berlin");
    assert_string_equal(g->requester.locale, "de-DE");
    assert_int_equal(g->n_tags, 2);
    assert_string_equal(g->tags[0], "a-tag");
    assert_string_equal(g->tags[1], "b-tag");
    assert_int_equal(g->n_messages, 2);
    /* Oldest first, whatever order they came in. */
    assert_string_equal(g->messages[0].external_id, "m0");
    assert_string_equal(g->messages[0].body, "ありがとうございます สวัสดี 😀");
    assert_int_equal(g->messages[0].author, AK_AGENT);
    assert_int_equal(g->messages[0].is_public, 0);
    assert_null(g->messages[0].html);
    assert_int_equal(g->messages[1].id, mid);
    assert_string_equal(g->messages[1].body, "مرحبا، أين طلبي؟");
    assert_string_equal(g->messages[1].html, "<p dir=rtl>مرحبا</p>");
    assert_string_equal(g->messages[1].author_name, "Buyer");
    assert_int_equal(g->messages[1].created_at, NOW - 100);
    assert_int_equal(g->messages[1].n_attachments, 2);
    assert_string_equal(g->messages[1].attachments[1].name, "รูป.png");
    assert_int_equal(g->messages[1].attachments[0].size, 12345);
    ticket_free(&g);

    /* Re-upsert: same ids, new values, tags replaced, a message edited
     * and one added; the FTS row follows. */
    t.id = 0;
    free(t.subject);
    t.subject = xstrdup("Changed subject");
    t.status = TS_SOLVED;
    t.first_response_due = 0;
    for (size_t i = 0; i < t.n_tags; i++)
        free(t.tags[i]);
    t.n_tags = 0;
    ticket_add_tag(&t, "only");
    ticket_add_tag(&t, "ONLY");         /* one tag, whatever the case */
    free(t.messages[0].body);
    t.messages[0].body = xstrdup("edited body");
    tk_msg(&t, "m2", "third", NOW);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    assert_int_equal(t.id, tid);
    assert_int_equal(t.messages[0].id, mid);
    assert_int_equal(store_ticket_get(f->s, tid, &g, &f->err), TD_OK);
    assert_string_equal(g->subject, "Changed subject");
    assert_int_equal(g->status, TS_SOLVED);
    assert_int_equal(g->first_response_due, 0);
    assert_int_equal(g->n_tags, 1);
    assert_int_equal(g->n_messages, 3);
    assert_string_equal(g->messages[1].body, "edited body");
    ticket_free(&g);
    ticket_clear(&t);

    m = &(struct message){0};
    m->external_id = xstrdup("m3");
    m->body = xstrdup("late reply");
    assert_int_equal(store_message_upsert(f->s, tid, m, &f->err), TD_OK);
    message_clear(m);
    {
        /* Outside a transaction the FTS row follows at once. */
        struct query q = {.sort = QS_ID};
        char *ids;

        q_term(&q, QF_TEXT, QO_EQ, 0, "late reply", 0);
        ids = ids_of(f, &q);
        assert_string_equal(ids, "42");
        free(ids);
        q_free(&q);
    }

    assert_int_equal(store_ticket_lookup(f->s, "main", "42", &id, &f->err),
                     TD_OK);
    assert_int_equal(id, tid);
    assert_int_equal(store_ticket_lookup(f->s, "other", "42", &id, &f->err),
                     TD_ENOTFOUND);
    assert_int_equal(store_ticket_get(f->s, 999999, &g, &f->err),
                     TD_ENOTFOUND);
    assert_null(g);
    assert_int_equal(store_check(f->s, &f->err), TD_OK);
}

static void
test_query_fields(void **state)
{
    struct fixture *f = *state;
    char idbuf[32];

    load_five(f);
    /* Free text: words, phrases with punctuation, FTS syntax as text. */
    expect1(f, QF_TEXT, QO_EQ, 0, "order", 0, "t1,t5");
    expect1(f, QF_TEXT, QO_EQ, 0, "order #1234?", 0, "t1");
    expect1(f, QF_TEXT, QO_EQ, 0, "AND OR NOT ( * ^ \" NEAR(", 0, "");
    expect1(f, QF_TEXT, QO_EQ, 0, "?!", 0, "t1,t2,t3,t4,t5");
    expect1(f, QF_TEXT, QO_EQ, 1, "order", 0, "t2,t3,t4");
    expect1(f, QF_TEXT, QO_EQ, 0, "LAMP", 0, "t1");
    expect1(f, QF_TEXT, QO_EQ, 0, "alice@example.com", 0, "t1");
    expect1(f, QF_TEXT, QO_EQ, 0, "muller", 0, "t5");   /* Müller */
    /* Japanese and Thai have no spaces: words inside longer runs. */
    expect1(f, QF_TEXT, QO_EQ, 0, "注文", 0, "t2");
    expect1(f, QF_TEXT, QO_EQ, 0, "番号", 0, "t2");
    expect1(f, QF_TEXT, QO_EQ, 0, "配送", 0, "t2");
    expect1(f, QF_TEXT, QO_EQ, 0, "注", 0, "t2");
    expect1(f, QF_TEXT, QO_EQ, 0, "山田", 0, "t2");
    expect1(f, QF_TEXT, QO_EQ, 0, "番号注文", 0, "");
    expect1(f, QF_TEXT, QO_EQ, 0, "ขอบคุณ", 0, "t3");
    expect1(f, QF_TEXT, QO_EQ, 0, "การจัดส่ง", 0, "t3");
    expect1(f, QF_TEXT, QO_EQ, 0, "المبلغ", 0, "t4");

    expect1(f, QF_STATUS, QO_EQ, 0, "open,pending", 0, "t1,t3");
    expect1(f, QF_STATUS, QO_EQ, 0, "unsolved", 0, "t1,t2,t3,t5");
    expect1(f, QF_STATUS, QO_EQ, 0, "on_hold", 0, "t5");
    expect1(f, QF_STATUS, QO_EQ, 1, "solved", 0, "t1,t2,t3,t5");
    expect1(f, QF_PRIORITY, QO_EQ, 0, "high,urgent", 0, "t1,t3");
    expect1(f, QF_PRIORITY, QO_GT, 0, "normal", 0, "t1,t3");
    expect1(f, QF_LANG, QO_EQ, 0, "DE", 0, "t1");
    expect1(f, QF_LANG, QO_EQ, 0, "pt", 0, "t5");
    expect1(f, QF_LANG, QO_EQ, 1, "de", 0, "t2,t3,t4,t5");  /* t4: NULL */
    expect1(f, QF_CHANNEL, QO_EQ, 0, "line,whatsapp", 0, "t2,t3");
    expect1(f, QF_COUNTRY, QO_EQ, 0, "de", 0, "t1");
    expect1(f, QF_COUNTRY, QO_EQ, 0, "JP,TH", 0, "t2,t3");
    expect1(f, QF_FROM, QO_EQ, 0, "ALICE", 0, "t1");
    expect1(f, QF_FROM, QO_EQ, 0, "example.jp", 0, "t2");
    expect1(f, QF_FROM, QO_EQ, 0, "%", 0, "");
    expect1(f, QF_FROM, QO_EQ, 1, "example.com", 0, "t2,t3,t4");
    expect1(f, QF_TAG, QO_EQ, 0, "vip", 0, "t1,t3");
    expect1(f, QF_TAG, QO_EQ, 1, "vip", 0, "t2,t4,t5");
    expect1(f, QF_ASSIGNEE, QO_EQ, 0, "me", 0, "t3");
    expect1(f, QF_ASSIGNEE, QO_EQ, 0, "none", 0, "t2,t5");
    expect1(f, QF_ASSIGNEE, QO_EQ, 0, "bob", 0, "t1");
    expect1(f, QF_ASSIGNEE, QO_EQ, 1, "none", 0, "t1,t3,t4");
    expect1(f, QF_ORDER, QO_EQ, 0, "1001", 0, "t1");
    expect1(f, QF_ORDER, QO_EQ, 0, "#1001", 0, "t1");
    expect1(f, QF_ORDER, QO_EQ, 0, "1002", 0, "t2");
    expect1(f, QF_ORDER, QO_EQ, 0, "9999", 0, "");
    expect1(f, QF_ACCOUNT, QO_EQ, 0, "OTHER", 0, "t5");
    expect1(f, QF_ACCOUNT, QO_EQ, 1, "other", 0, "t1,t2,t3,t4");
    snprintf(idbuf, sizeof idbuf, "%lld,%lld", (long long)f->id[3],
             (long long)f->id[5]);
    expect1(f, QF_ID, QO_EQ, 0, idbuf, 0, "t3,t5");
    /* sla: t1 due in 10m; t3's clock is paused (pending) and t4's is
     * stopped (solved) whatever their due times; t2 and t5 have none. */
    expect1(f, QF_SLA, QO_LT, 0, "30m", 1800, "t1");
    expect1(f, QF_SLA, QO_GT, 0, "5m", 300, "t1");
    expect1(f, QF_SLA, QO_GT, 0, "1h", 3600, "");
    expect1(f, QF_SLA, QO_LT, 1, "30m", 1800, "t2,t3,t4,t5");
    expect1(f, QF_AGE, QO_LT, 0, "4h", 4 * 3600, "t1,t3");
    expect1(f, QF_AGE, QO_GT, 0, "2d", 2 * 86400, "t2,t4");
    expect1(f, QF_UPDATED, QO_LT, 0, "1h", 3600, "t1,t3");
    expect1(f, QF_UPDATED, QO_GT, 0, "1d", 86400, "t2,t4");
}

static void
test_query_combined_and_errors(void **state)
{
    struct fixture *f = *state;
    struct query q = {.sort = QS_ID, .now = NOW};
    struct ticket row;
    size_t got;
    int64_t n;
    char *ids;

    load_five(f);
    q_term(&q, QF_STATUS, QO_EQ, 0, "new,open,pending,on-hold", 0);
    q_term(&q, QF_TAG, QO_EQ, 0, "vip", 0);
    q_term(&q, QF_TEXT, QO_EQ, 1, "order", 0);
    ids = ids_of(f, &q);
    assert_string_equal(ids, "t3");
    free(ids);
    q_free(&q);

    /* Two text terms: both must match. */
    q.sort = QS_ID;
    q_term(&q, QF_TEXT, QO_EQ, 0, "hello", 0);
    q_term(&q, QF_TEXT, QO_EQ, 0, "lamp", 0);
    ids = ids_of(f, &q);
    assert_string_equal(ids, "t1");
    free(ids);
    q_term(&q, QF_TEXT, QO_EQ, 0, "crushed", 0);
    ids = ids_of(f, &q);
    assert_string_equal(ids, "");
    free(ids);
    q_free(&q);

    q_term(&q, QF_STATUS, QO_EQ, 0, "bogus", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_EINVAL);
    assert_non_null(strstr(f->err.msg, "bogus"));
    assert_int_equal(store_inbox_page(f->s, &q, 0, 1, &row, &got, &f->err),
                     TD_EINVAL);
    assert_int_equal(got, 0);
    q_free(&q);
    q_term(&q, QF_ASSIGNEE, QO_EQ, 0, "me", 0);      /* q.me not set */
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_EINVAL);
    q_free(&q);
    q_term(&q, QF_SLA, QO_EQ, 0, "30m", 1800);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_EINVAL);
    q_free(&q);
}

/* The order each sort promises, to check the store's pages against. */
static enum query_sort cmp_sort;
static int cmp_reverse;

static int
cmp_tickets(const struct ticket *a, const struct ticket *b)
{
    int r = 0, ha = a->first_response_due != 0;
    int hb = b->first_response_due != 0;

#define CMP(x, y) ((x) < (y) ? -1 : (x) > (y) ? 1 : 0)
    switch (cmp_sort) {
    case QS_SLA:
        r = ha != hb ? (ha ? -1 : 1) : 0;
        if (r == 0 && ha)
            r = CMP(a->first_response_due, b->first_response_due);
        if (r == 0)
            r = -CMP(a->updated_at, b->updated_at);
        break;
    case QS_UPDATED:
        r = -CMP(a->updated_at, b->updated_at);
        break;
    case QS_CREATED:
        r = -CMP(a->created_at, b->created_at);
        break;
    case QS_PRIORITY:
        r = -CMP(a->priority, b->priority);
        if (r == 0)
            r = -CMP(a->updated_at, b->updated_at);
        break;
    default:
        break;
    }
    if (r == 0)
        r = CMP(a->id, b->id);
#undef CMP
    return cmp_reverse ? -r : r;
}

static void
test_paging_stable(void **state)
{
    struct fixture *f = *state;
    enum { N = 250, PAGE = 40 };
    struct ticket *all = xcalloc(N + 1, sizeof *all), page[PAGE], t;
    char ext[16];
    size_t got, total;
    int64_t pos;

    assert_int_equal(store_begin(f->s, &f->err), TD_OK);
    for (int i = 0; i < N; i++) {
        snprintf(ext, sizeof ext, "p%d", i);
        tk_fill(&t, f->acct, ext, "paging");
        /* Many ties, so that only the id tiebreak orders some rows. */
        t.updated_at = NOW - (i % 13) * 60;
        t.created_at = NOW - (i % 17);
        t.priority = (enum ticket_priority)(i % 4);
        t.first_response_due = i % 3 == 0 ? NOW + (i % 11) * 60 : 0;
        assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
        ticket_clear(&t);
    }
    assert_int_equal(store_commit(f->s, &f->err), TD_OK);

    for (int sort = 0; sort < QS_COUNT; sort++) {
        for (int rev = 0; rev < 2; rev++) {
            struct query q = {.sort = (enum query_sort)sort, .reverse = rev};

            cmp_sort = q.sort;
            cmp_reverse = rev;
            assert_int_equal(store_inbox_page(f->s, &q, 0, N + 1, all, &got,
                                              &f->err), TD_OK);
            assert_int_equal(got, N);
            for (size_t i = 0; i + 1 < N; i++)
                assert_true(cmp_tickets(&all[i], &all[i + 1]) < 0);
            /* Pages of 40 are the full list cut in pieces. */
            total = 0;
            do {
                assert_int_equal(store_inbox_page(f->s, &q, total, PAGE,
                                                  page, &got, &f->err),
                                 TD_OK);
                for (size_t i = 0; i < got; i++) {
                    assert_int_equal(page[i].id, all[total + i].id);
                    ticket_clear(&page[i]);
                }
                total += got;
            } while (got == PAGE);
            assert_int_equal(total, N);
            for (size_t i = 0; i < N; i += 7) {
                assert_int_equal(store_inbox_position(f->s, &q, all[i].id,
                                                      &pos, &f->err), TD_OK);
                assert_int_equal(pos, (int64_t)i);
            }
            for (size_t i = 0; i < N; i++)
                ticket_clear(&all[i]);
        }
    }
    free(all);
}

static void
test_counts_position(void **state)
{
    struct fixture *f = *state;
    struct query q = {.sort = QS_ID, .now = NOW};
    int64_t counts[TS_COUNT], n, pos;

    load_five(f);
    assert_int_equal(store_status_counts(f->s, counts, &f->err), TD_OK);
    assert_int_equal(counts[TS_NEW], 1);
    assert_int_equal(counts[TS_OPEN], 1);
    assert_int_equal(counts[TS_PENDING], 1);
    assert_int_equal(counts[TS_ON_HOLD], 1);
    assert_int_equal(counts[TS_SOLVED], 1);
    assert_int_equal(counts[TS_CLOSED], 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 5);
    q_term(&q, QF_TAG, QO_EQ, 0, "vip", 0);
    assert_int_equal(store_inbox_position(f->s, &q, f->id[3], &pos,
                                          &f->err), TD_OK);
    assert_int_equal(pos, 1);
    assert_int_equal(store_inbox_position(f->s, &q, f->id[2], &pos,
                                          &f->err), TD_OK);
    assert_int_equal(pos, -1);
    /* Default sort: t1 (the only one owing a reply), then the rest by
     * update: t3, t5, t2, t4. */
    q.sort = QS_SLA;
    q_free(&q);
    assert_int_equal(store_inbox_position(f->s, &q, f->id[5], &pos,
                                          &f->err), TD_OK);
    assert_int_equal(pos, 2);
    assert_int_equal(store_inbox_position(f->s, &q, f->id[4], &pos,
                                          &f->err), TD_OK);
    assert_int_equal(pos, 4);
    assert_int_equal(store_inbox_position(f->s, &q, f->id[1], &pos,
                                          &f->err), TD_OK);
    assert_int_equal(pos, 0);
}

static void
test_orders_shipments(void **state)
{
    struct fixture *f = *state;
    struct order o, *orders = NULL;
    struct shipment sh, *shs = NULL;
    size_t n = 0;

    load_five(f);
    /* Alice: by email in another case, newer than #1001; one for
     * somebody else; and one with her email in another account (a shop
     * is an account of its own and knows her only by address). */
    memset(&o, 0, sizeof o);
    o.external_id = xstrdup("o3");
    o.number = xstrdup("#1003");
    o.customer_email = xstrdup("ALICE@Example.com");
    o.created_at = NOW;
    o.total = xstrdup("19.90");
    o.currency = xstrdup("EUR");
    o.items = xcalloc(2, sizeof *o.items);
    o.items[0] = (struct order_item){xstrdup("SKU-1"), xstrdup("Lamp"), 2,
                                     xstrdup("9.95")};
    o.items[1] = (struct order_item){xstrdup("SKU-2"), xstrdup("Bulb"), 1,
                                     xstrdup("0.00")};
    o.n_items = 2;
    assert_int_equal(store_order_upsert(f->s, f->acct, &o, &f->err), TD_OK);
    order_clear(&o);
    o.external_id = xstrdup("o4");
    o.customer_email = xstrdup("someone@else.com");
    assert_int_equal(store_order_upsert(f->s, f->acct, &o, &f->err), TD_OK);
    order_clear(&o);
    o.external_id = xstrdup("o5");
    o.customer_email = xstrdup("alice@example.com");
    assert_int_equal(store_order_upsert(f->s, f->other, &o, &f->err), TD_OK);
    order_clear(&o);

    assert_int_equal(store_orders_for_ticket(f->s, f->id[1], &orders, &n,
                                             &f->err), TD_OK);
    assert_int_equal(n, 3);
    assert_string_equal(orders[0].number, "#1003");
    assert_string_equal(orders[0].total, "19.90");
    assert_int_equal(orders[0].n_items, 2);
    assert_string_equal(orders[0].items[0].name, "Lamp");
    assert_int_equal(orders[0].items[0].quantity, 2);
    /* o5 (no number) and #1001 follow, by date. */
    assert_string_equal(orders[1].external_id, "o5");
    assert_string_equal(orders[2].number, "#1001");
    orders_free(&orders, 3);

    /* A shipment that arrives before its order is linked when it comes. */
    memset(&sh, 0, sizeof sh);
    sh.external_id = xstrdup("s1");
    sh.order_ext_id = xstrdup("o9");
    sh.carrier = xstrdup("dhl");
    sh.tracking_number = xstrdup("JD0001");
    sh.status = SS_IN_TRANSIT;
    sh.status_raw = xstrdup("InTransit");
    sh.eta = NOW + 86400;
    sh.events = xcalloc(2, sizeof *sh.events);
    sh.events[0] = (struct shipment_event){NOW, xstrdup("Leipzig"),
                                           SS_IN_TRANSIT, xstrdup("Hub")};
    sh.events[1] = (struct shipment_event){NOW - 3600, xstrdup("Berlin"),
                                           SS_INFO_RECEIVED, NULL};
    sh.n_events = 2;
    assert_int_equal(store_shipment_upsert(f->s, f->acct, &sh, &f->err),
                     TD_OK);
    assert_int_equal(sh.order_id, 0);
    shipment_clear(&sh);
    o.external_id = xstrdup("o9");
    o.number = xstrdup("#1009");
    assert_int_equal(store_order_upsert(f->s, f->acct, &o, &f->err), TD_OK);
    assert_int_equal(store_shipments_for_order(f->s, o.id, &shs, &n,
                                               &f->err), TD_OK);
    assert_int_equal(n, 1);
    assert_int_equal(shs[0].order_id, o.id);
    assert_string_equal(shs[0].tracking_number, "JD0001");
    assert_int_equal(shs[0].status, SS_IN_TRANSIT);
    assert_string_equal(shs[0].status_raw, "InTransit");
    assert_int_equal(shs[0].eta, NOW + 86400);
    assert_int_equal(shs[0].n_events, 2);
    assert_string_equal(shs[0].events[0].location, "Berlin");  /* oldest */
    assert_int_equal(shs[0].events[0].status, SS_INFO_RECEIVED);
    assert_null(shs[0].events[0].description);
    assert_string_equal(shs[0].events[1].description, "Hub");
    shipments_free(&shs, n);
    assert_null(shs);
    order_clear(&o);
    assert_null(orders);
}

static void
test_outbox(void **state)
{
    struct fixture *f = *state;
    struct outbox_item a = {0}, b = {0}, *items = NULL;
    size_t n = 0;

    load_five(f);
    a.ticket_id = f->id[1];
    a.body = xstrdup("Your lamp ships today.");
    a.set_status = xstrdup("pending");
    assert_int_equal(store_outbox_add(f->s, &a, &f->err), TD_OK);
    assert_true(a.id > 0);
    assert_non_null(a.token);
    assert_int_equal(strlen(a.token), 32);
    assert_int_equal(strspn(a.token, "0123456789abcdef"), 32);
    assert_int_equal(a.state, OB_QUEUED);
    assert_true(a.created_at > 0 && a.updated_at == a.created_at);
    b.ticket_id = f->id[5];
    b.is_note = 1;
    b.body = xstrdup("internal");
    assert_int_equal(store_outbox_add(f->s, &b, &f->err), TD_OK);
    assert_string_not_equal(a.token, b.token);

    assert_int_equal(store_outbox_set_state(f->s, a.id, OB_SENDING, NULL,
                                            NULL, &f->err), TD_OK);
    assert_int_equal(store_outbox_set_state(f->s, a.id, OB_FAILED, "503",
                                            NULL, &f->err), TD_OK);
    assert_int_equal(store_outbox_set_state(f->s, a.id, OB_SENDING, NULL,
                                            NULL, &f->err), TD_OK);
    assert_int_equal(store_outbox_set_state(f->s, a.id, OB_SENT, NULL, "r-77",
                                            &f->err), TD_OK);
    /* Sent stays sent: that is how nothing goes out twice. */
    assert_int_equal(store_outbox_set_state(f->s, a.id, OB_QUEUED, NULL,
                                            NULL, &f->err), TD_ECONFLICT);
    assert_int_equal(store_outbox_set_state(f->s, 9999, OB_HELD, "x", NULL,
                                            &f->err), TD_ENOTFOUND);
    assert_int_equal(store_outbox_set_state(f->s, b.id, OB_HELD,
                                            "needs review", NULL, &f->err),
                     TD_OK);

    assert_int_equal(store_outbox_list(f->s, OB_SENT, &items, &n, &f->err),
                     TD_OK);
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, a.id);
    assert_string_equal(items[0].account, "main");
    assert_string_equal(items[0].ticket_ext_id, "t1");
    assert_string_equal(items[0].body, "Your lamp ships today.");
    assert_string_equal(items[0].set_status, "pending");
    assert_string_equal(items[0].remote_id, "r-77");
    assert_string_equal(items[0].token, a.token);
    assert_int_equal(items[0].attempts, 2);
    assert_null(items[0].error);
    outbox_items_free(&items, n);
    assert_int_equal(store_outbox_list(f->s, -1, &items, &n, &f->err), TD_OK);
    assert_int_equal(n, 2);
    assert_int_equal(items[1].state, OB_HELD);
    assert_string_equal(items[1].error, "needs review");
    assert_string_equal(items[1].account, "other");
    assert_int_equal(items[1].is_note, 1);
    outbox_items_free(&items, n);
    assert_int_equal(store_outbox_list(f->s, OB_QUEUED, &items, &n, &f->err),
                     TD_OK);
    assert_int_equal(n, 0);
    assert_string_equal(outbox_state_name(OB_HELD), "held");
    outbox_item_clear(&a);
    outbox_item_clear(&b);
}

static void
test_drafts_cursors_accounts(void **state)
{
    struct fixture *f = *state;
    struct account_row *rows = NULL;
    char *body, *set, *v;
    int note;
    size_t n;
    int64_t id;

    load_five(f);
    assert_int_equal(store_draft_load(f->s, f->id[2], &body, &note, &set,
                                      &f->err), TD_OK);
    assert_null(body);
    assert_int_equal(store_draft_save(f->s, f->id[2], "first", 0, NULL,
                                      &f->err), TD_OK);
    assert_int_equal(store_draft_save(f->s, f->id[2], "ありがとう", 1,
                                      "solved", &f->err), TD_OK);
    assert_int_equal(store_draft_load(f->s, f->id[2], &body, &note, &set,
                                      &f->err), TD_OK);
    assert_string_equal(body, "ありがとう");
    assert_int_equal(note, 1);
    assert_string_equal(set, "solved");
    free(body);
    free(set);
    assert_int_equal(store_draft_delete(f->s, f->id[2], &f->err), TD_OK);
    assert_int_equal(store_draft_load(f->s, f->id[2], &body, &note, &set,
                                      &f->err), TD_OK);
    assert_null(body);

    assert_int_equal(store_cursor_get(f->s, f->acct, "tickets", &v, &f->err),
                     TD_OK);
    assert_null(v);
    assert_int_equal(store_cursor_set(f->s, f->acct, "tickets", "1700",
                                      &f->err), TD_OK);
    assert_int_equal(store_cursor_set(f->s, f->acct, "tickets", "1800",
                                      &f->err), TD_OK);
    assert_int_equal(store_cursor_set(f->s, f->other, "tickets", "x",
                                      &f->err), TD_OK);
    assert_int_equal(store_cursor_get(f->s, f->acct, "tickets", &v, &f->err),
                     TD_OK);
    assert_string_equal(v, "1800");
    free(v);
    assert_int_equal(store_cursor_set(f->s, f->acct, "tickets", NULL,
                                      &f->err), TD_OK);
    assert_int_equal(store_cursor_get(f->s, f->acct, "tickets", &v, &f->err),
                     TD_OK);
    assert_null(v);

    assert_int_equal(store_account_ensure(f->s, "main", "zendesk2", "u2",
                                          &id, &f->err), TD_OK);
    assert_int_equal(id, f->acct);
    assert_int_equal(store_account_synced(f->s, f->acct, NOW, NULL, &f->err),
                     TD_OK);
    assert_int_equal(store_account_synced(f->s, f->other, NOW, "401", &f->err),
                     TD_OK);
    assert_int_equal(store_accounts(f->s, &rows, &n, &f->err), TD_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].name, "main");
    assert_string_equal(rows[0].driver, "zendesk2");
    assert_string_equal(rows[0].url, "u2");
    assert_int_equal(rows[0].n_tickets, 4);
    assert_int_equal(rows[0].last_sync, NOW);
    assert_null(rows[0].last_error);
    assert_string_equal(rows[1].name, "other");
    assert_int_equal(rows[1].n_tickets, 1);
    assert_string_equal(rows[1].last_error, "401");
    account_rows_free(&rows, n);
    assert_null(rows);
}

static void
test_errors_and_transactions(void **state)
{
    struct fixture *f = *state;
    struct ticket t;
    int64_t n;
    struct query q = {0};

    tk_fill(&t, 4242, "x1", "no such account");
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_EINVAL);
    assert_string_equal(f->err.msg,
                        "store: upsert ticket: FOREIGN KEY constraint failed");
    free(t.external_id);
    t.external_id = NULL;
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_EINVAL);
    ticket_clear(&t);

    /* A rolled-back page leaves nothing, FTS included. */
    assert_int_equal(store_begin(f->s, &f->err), TD_OK);
    assert_int_equal(store_begin(f->s, &f->err), TD_EINVAL);
    tk_fill(&t, f->acct, "r1", "rolled back");
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    ticket_clear(&t);
    store_rollback(f->s);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 0);
    q_term(&q, QF_TEXT, QO_EQ, 0, "rolled", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 0);
    q_free(&q);

    /* A failure inside a page undoes that ticket only. */
    assert_int_equal(store_begin(f->s, &f->err), TD_OK);
    tk_fill(&t, f->acct, "ok1", "kept");
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    ticket_clear(&t);
    tk_fill(&t, f->acct, "bad1", "half");
    tk_msg(&t, "m1", "fine", NOW);
    tk_msg(&t, NULL, "no id", NOW);
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_EINVAL);
    ticket_clear(&t);
    assert_int_equal(store_commit(f->s, &f->err), TD_OK);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_check(f->s, &f->err), TD_OK);
}

/* A page far bigger than the FTS queue, tickets upserted twice in it, a
 * customer renamed in the middle: the index agrees at commit. */
static void
test_big_transaction(void **state)
{
    struct fixture *f = *state;
    struct query q = {.sort = QS_ID};
    struct customer c;
    struct ticket t;
    char ext[16], body[64];
    int64_t n;

    assert_int_equal(store_begin(f->s, &f->err), TD_OK);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 1300; i++) {
            snprintf(ext, sizeof ext, "b%d", i);
            snprintf(body, sizeof body, "round%d word%d", round, i);
            tk_fill(&t, f->acct, ext, "bulk");
            cust_fill(&t.requester, i % 2 ? "odd" : "even", "Eve", NULL,
                      NULL);
            tk_msg(&t, "m", body, NOW);
            assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
            ticket_clear(&t);
            if (i == 700) {
                cust_fill(&c, "odd", "Oddly Renamed", NULL, NULL);
                assert_int_equal(store_customer_upsert(f->s, f->acct, &c,
                                                       &f->err), TD_OK);
                customer_clear(&c);
            }
        }
    }
    assert_int_equal(store_commit(f->s, &f->err), TD_OK);
    assert_int_equal(store_check(f->s, &f->err), TD_OK);
    q_term(&q, QF_TEXT, QO_EQ, 0, "round1", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 1300);
    q_free(&q);
    q_term(&q, QF_TEXT, QO_EQ, 0, "round0", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 0);
    q_free(&q);
    /* The second round gave the odd ones "Eve" back. */
    q_term(&q, QF_TEXT, QO_EQ, 0, "oddly", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 0);
    q_free(&q);
    q_term(&q, QF_TEXT, QO_EQ, 0, "eve", 0);
    assert_int_equal(store_inbox_count(f->s, &q, &n, &f->err), TD_OK);
    assert_int_equal(n, 1300);
    q_free(&q);
}

static void
test_customer_rename_follows_fts(void **state)
{
    struct fixture *f = *state;
    struct customer c;
    struct query q = {.sort = QS_ID};
    char *ids;

    load_five(f);
    cust_fill(&c, "c1", "Alicia Keys", "alicia@example.com", NULL);
    assert_int_equal(store_customer_upsert(f->s, f->acct, &c, &f->err),
                     TD_OK);
    customer_clear(&c);
    q_term(&q, QF_TEXT, QO_EQ, 0, "alicia", 0);
    ids = ids_of(f, &q);
    assert_string_equal(ids, "t1");
    free(ids);
    q_free(&q);
    q.sort = QS_ID;
    q_term(&q, QF_TEXT, QO_EQ, 0, "smith", 0);
    ids = ids_of(f, &q);
    assert_string_equal(ids, "");
    free(ids);
    q_free(&q);
    assert_int_equal(store_check(f->s, &f->err), TD_OK);
}

/* Whether the store says ticket id is unread, read back both ways: the
 * thread read and the inbox page must agree. */
static int
unread_of(struct fixture *f, int64_t id)
{
    struct query q = {.sort = QS_ID};
    struct ticket *t = NULL, rows[8];
    size_t got = 0;
    int unread, row = -1;

    assert_int_equal(store_ticket_get(f->s, id, &t, &f->err), TD_OK);
    unread = t->unread;
    ticket_free(&t);
    assert_int_equal(store_inbox_page(f->s, &q, 0, 8, rows, &got, &f->err),
                     TD_OK);
    for (size_t i = 0; i < got; i++) {
        if (rows[i].id == id)
            row = rows[i].unread;
        ticket_clear(&rows[i]);
    }
    assert_int_equal(row, unread);
    return unread;
}

static int64_t
unread_count(struct fixture *f)
{
    int64_t n = -1;

    assert_int_equal(store_unread_count(f->s, &n, &f->err), TD_OK);
    return n;
}

/* t1 as a sync brings it again: the same fields and first message, plus
 * an extra message when author is not -1. */
static void
resync_t1(struct fixture *f, time_t updated, int author, time_t at)
{
    struct ticket t;
    struct message *m;

    tk_fill(&t, f->acct, "t1", "Where is my order #1234?");
    cust_fill(&t.requester, "c1", "Alice Smith", "alice@example.com", "DE");
    t.language = xstrdup("de");
    t.priority = TP_HIGH;
    t.assignee = xstrdup("Bob Agent");
    ticket_add_tag(&t, "vip");
    ticket_add_tag(&t, "refund");
    t.first_response_due = NOW + 600;
    t.created_at = NOW - 3 * 3600;
    t.updated_at = updated;
    tk_msg(&t, "m1", "Hello, I ordered a lamp.", NOW - 3 * 3600);
    if (author >= 0) {
        m = tk_msg(&t, author == AK_CUSTOMER ? "m3" : "m2",
                   author == AK_CUSTOMER ? "Any news on the lamp?"
                                         : "It left the warehouse today.",
                   at);
        m->author = (enum author_kind)author;
    }
    assert_int_equal(store_ticket_upsert(f->s, &t, &f->err), TD_OK);
    assert_int_equal(t.id, f->id[1]);
    ticket_clear(&t);
}

static void
test_seen_unread(void **state)
{
    struct fixture *f = *state;
    struct message m;

    load_five(f);
    /* Everything a sync brings is new until the agent opens it. */
    assert_int_equal(unread_count(f), 5);
    expect1(f, QF_IS, QO_EQ, 0, "unread", 0, "t1,t2,t3,t4,t5");
    expect1(f, QF_IS, QO_EQ, 0, "read", 0, "");

    assert_int_equal(store_ticket_mark_seen(f->s, f->id[1], 1, &f->err),
                     TD_OK);
    assert_int_equal(store_ticket_mark_seen(f->s, f->id[4], 1, &f->err),
                     TD_OK);
    assert_int_equal(unread_of(f, f->id[1]), 0);
    assert_int_equal(unread_of(f, f->id[2]), 1);
    assert_int_equal(unread_count(f), 3);
    expect1(f, QF_IS, QO_EQ, 0, "unread", 0, "t2,t3,t5");
    expect1(f, QF_IS, QO_EQ, 1, "unread", 0, "t1,t4");
    expect1(f, QF_IS, QO_EQ, 0, "read", 0, "t1,t4");
    expect1(f, QF_IS, QO_EQ, 1, "read", 0, "t2,t3,t5");
    expect1(f, QF_IS, QO_EQ, 0, "read,unread", 0, "t1,t2,t3,t4,t5");

    /* A re-sync that brings nothing new leaves it read; so does the
     * agent's own reply, which moves updated_at. */
    resync_t1(f, NOW - 1800, -1, 0);
    assert_int_equal(unread_of(f, f->id[1]), 0);
    resync_t1(f, NOW - 60, AK_AGENT, NOW - 60);
    assert_int_equal(unread_of(f, f->id[1]), 0);
    /* A list page without the thread does not forget the message. */
    resync_t1(f, NOW - 60, -1, 0);
    assert_int_equal(unread_of(f, f->id[1]), 0);

    /* The customer writes again: unread, and it stays so through a
     * re-sync that carries no thread. */
    resync_t1(f, NOW - 30, AK_CUSTOMER, NOW - 30);
    assert_int_equal(unread_of(f, f->id[1]), 1);
    assert_int_equal(unread_count(f), 4);
    resync_t1(f, NOW - 30, -1, 0);
    assert_int_equal(unread_of(f, f->id[1]), 1);
    assert_int_equal(store_ticket_mark_seen(f->s, f->id[1], 1, &f->err),
                     TD_OK);
    assert_int_equal(unread_of(f, f->id[1]), 0);

    /* A message on its own (not in a ticket payload) does the same, and
     * only when it is the customer's. */
    memset(&m, 0, sizeof m);
    m.external_id = xstrdup("m4");
    m.author = AK_AGENT;
    m.body = xstrdup("Tracking: 1Z999");
    m.created_at = NOW;
    assert_int_equal(store_message_upsert(f->s, f->id[1], &m, &f->err),
                     TD_OK);
    assert_int_equal(unread_of(f, f->id[1]), 0);
    m.author = AK_CUSTOMER;
    assert_int_equal(store_message_upsert(f->s, f->id[1], &m, &f->err),
                     TD_OK);
    message_clear(&m);
    assert_int_equal(unread_of(f, f->id[1]), 1);

    /* Seen as it was when opened, even with no updated_at from the
     * backend. */
    assert_int_equal(store_ticket_mark_seen(f->s, f->id[1], 1, &f->err),
                     TD_OK);
    resync_t1(f, 0, -1, 0);
    assert_int_equal(unread_of(f, f->id[1]), 0);

    /* Unread again on request (N), and read again. */
    assert_int_equal(store_ticket_mark_seen(f->s, f->id[4], 0, &f->err),
                     TD_OK);
    assert_int_equal(unread_of(f, f->id[4]), 1);
    assert_int_equal(unread_count(f), 4);
    expect1(f, QF_IS, QO_EQ, 0, "unread", 0, "t2,t3,t4,t5");
    assert_int_equal(store_ticket_mark_seen(f->s, 999, 1, &f->err),
                     TD_ENOTFOUND);
    expect1(f, QF_IS, QO_EQ, 1, "unread", 0, "t1");
    assert_int_equal(store_check(f->s, &f->err), TD_OK);
}

static void
test_sorts_use_indexes(void **state)
{
    struct fixture *f = *state;
    char *plan, *end;

    for (int sort = 0; sort < QS_COUNT; sort++) {
        for (int rev = 0; rev < 2; rev++) {
            struct query q = {.sort = (enum query_sort)sort, .reverse = rev};

            q_term(&q, QF_STATUS, QO_EQ, 0, "new,open,pending,on-hold", 0);
            assert_int_equal(store_inbox_explain(f->s, &q, &plan, &f->err),
                             TD_OK);
            /* The page's ids come off an index (or the table, for id)
             * in order: the only sort allowed is the outer one over the
             * page's own rows, after "SCAN p". */
            end = strstr(plan, "SCAN p");
            assert_non_null(end);
            *end = '\0';
            if (sort != QS_ID)
                assert_non_null(strstr(plan, "USING COVERING INDEX tickets_"));
            assert_null(strstr(plan, "TEMP B-TREE"));
            free(plan);
            q_free(&q);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_memory, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_file_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upsert_roundtrip, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_query_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_combined_and_errors, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_paging_stable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_counts_position, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_orders_shipments, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_outbox, setup, teardown),
        cmocka_unit_test_setup_teardown(test_drafts_cursors_accounts, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_errors_and_transactions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_big_transaction, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_customer_rename_follows_fts,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_sorts_use_indexes, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_seen_unread, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
