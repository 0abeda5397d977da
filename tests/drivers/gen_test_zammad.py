#!/usr/bin/env python3
"""gen_test_zammad.py: writes tests/unit/test_zammad.json, the loopback script
for test_zammad.c, from the shapes Zammad's REST API v1 answers with
(api-reference.md section 3: tickets as GET /tickets/search?expand=true gives
them, articles as GET /ticket_articles/by_ticket/{id}, tags as GET /tags;
ISO times with milliseconds, numeric ids, attachment sizes as strings).

Each test has its own base path (/ok, /inc, /e401, ...) so one server
serves the whole file. Run it after editing:
python3 tests/drivers/gen_test_zammad.py
"""
import json
import os

TOKEN = "zm0123456789abcdefTOKEN"
AUTH = {"Authorization": "Token token=" + TOKEN,
        "Accept": "application/json"}
JSON_AUTH = dict(AUTH, **{"Content-Type": "application/json"})

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

API = "/api/v1"
EPOCH = "1970-01-01T00:00:00Z"


def ticket(tid, title, state, updated, customer="ana@example.com",
           priority="2 normal", owner="-", owner_id=1,
           first_due=None, create_type="email"):
    """A ticket as search with expand=true gives it: ids and names."""
    return {
        "id": tid, "group_id": 1, "priority_id": int(priority[0]),
        "state_id": 2, "organization_id": None, "number": str(20000 + tid),
        "title": title, "owner_id": owner_id, "customer_id": 100 + tid,
        "note": None, "first_response_at": None,
        "first_response_escalation_at": first_due,
        "first_response_in_min": None, "first_response_diff_in_min": None,
        "close_at": None, "close_escalation_at": None,
        "update_escalation_at": None, "last_contact_at": updated,
        "last_contact_agent_at": None, "last_contact_customer_at": updated,
        "create_article_type_id": 1, "create_article_sender_id": 2,
        "article_count": 2, "escalation_at": first_due,
        "pending_time": None, "type": None, "time_unit": None,
        "preferences": {}, "updated_by_id": 3, "created_by_id": 100 + tid,
        "created_at": "2026-11-20T10:00:00.000Z", "updated_at": updated,
        "article_ids": [], "ticket_time_accounting_ids": [],
        # expand=true adds the names.
        "group": "Users", "organization": None, "state": state,
        "priority": priority, "owner": owner, "customer": customer,
        "created_by": customer, "updated_by": "lena@example.com",
        "create_article_type": create_type,
        "create_article_sender": "Customer",
    }


def article(aid, tid, body, sender="Customer", type_="email",
            frm="Ana Muñoz <ana@example.com>", internal=False,
            ctype="text/html", created="2026-11-20T10:00:00.000Z",
            attachments=(), reply_to=None):
    return {
        "id": aid, "ticket_id": tid, "type_id": 1, "sender_id": 2,
        "from": frm, "to": "shop@example.com", "cc": None,
        "subject": None, "reply_to": reply_to, "message_id": None,
        "message_id_md5": None, "in_reply_to": None,
        "content_type": ctype, "references": None, "body": body,
        "internal": internal, "preferences": {}, "updated_by_id": 3,
        "created_by_id": 3, "origin_by_id": None, "created_at": created,
        "updated_at": created, "attachments": list(attachments),
        "type": type_, "sender": sender, "created_by": "ana@example.com",
        "updated_by": "ana@example.com", "time_unit": None,
    }


def search_exp(base, since, page, tickets, **resp):
    r = {"json": tickets}
    r.update(resp)
    return {"method": "GET", "path": base + API + "/tickets/search",
            "query": {"query": "updated_at:[%s TO *]" % since,
                      "sort_by": "updated_at", "order_by": "asc",
                      "per_page": "100", "page": str(page),
                      "expand": "true"},
            "exact_query": True, "headers": AUTH, "response": r, "min": 1}


def articles_exp(base, tid, arts, status=200):
    return {"method": "GET",
            "path": "%s%s/ticket_articles/by_ticket/%d" % (base, API, tid),
            "exact_query": True, "headers": AUTH,
            "response": {"status": status, "json": arts}, "min": 1}


def tags_exp(base, tid, tags, status=200):
    body = {"tags": tags} if status == 200 else {"error": "Not found"}
    return {"method": "GET", "path": base + API + "/tags",
            "query": {"object": "Ticket", "o_id": str(tid)},
            "exact_query": True, "headers": AUTH,
            "response": {"status": status, "json": body}, "min": 1}


def html(text):
    return "<div>" + text.replace("\n", "<br>") + "</div>"


reqs = []

# ---- /ok: two pages of tickets and the empty page that ends them ----
B = "/ok"
reqs.append(search_exp(B, EPOCH, 1, [
    ticket(1, "Pedido dañado — İade", "new", "2026-11-21T09:00:00.120Z",
           priority="3 high", first_due="2026-11-20T12:00:00.000Z"),
    ticket(2, "İade talebi", "pending reminder", "2026-11-21T09:30:00.000Z",
           customer="ayse@example.com", owner="lena@example.com",
           owner_id=3, create_type="web"),
    ticket(3, "طلب عاجل", "open", "2026-11-21T10:00:00.000Z",
           customer="sara", priority="1 low", create_type="phone"),
]))
reqs.append(search_exp(B, EPOCH, 2, [
    ticket(4, "注文 / คำสั่งซื้อ", "pending close", "2026-11-22T08:00:00.000Z",
           customer="ken@example.com", priority="4 very high"),
    ticket(5, "สินค้า", "closed", "2026-11-22T09:00:00.000Z",
           customer="som@example.com"),
    # Deleted between the search and its articles: 404s, still listed.
    ticket(6, "gone", "merged", "2026-11-22T09:20:00.456Z"),
]))
reqs.append(search_exp(B, EPOCH, 3, []))
reqs.append(articles_exp(B, 1, [
    article(10, 1, html(ES + "\n" + TR), attachments=[
        {"id": 5001, "filename": "foto.png", "size": "2532",
         "preferences": {"Content-Type": "image/png"}}]),
    article(11, 1, "<p>Hola &amp; gracias</p><p>İyi günler</p>",
            sender="Agent", frm="Lena Agent <shop@example.com>",
            created="2026-11-20T11:00:00.000Z"),
    article(12, 1, "Nota: revisar stock", sender="Agent", type_="note",
            frm="Lena Agent", internal=True, ctype="text/plain",
            created="2026-11-20T11:05:00.000Z"),
    article(13, 1, "Ticket escalated", sender="System", type_="note",
            frm=None, ctype="text/plain",
            created="2026-11-20T11:06:00.000Z"),
]))
reqs.append(tags_exp(B, 1, ["envío", "damaged"]))
reqs.append(articles_exp(B, 2, [
    # A note first: the channel is the first article that is not one.
    article(21, 2, "Vorgemerkt", sender="Agent", type_="note",
            frm="Lena Agent", internal=True, ctype="text/plain"),
    article(20, 2, TR, type_="web", frm="Ayşe Yılmaz <ayse@example.com>",
            ctype="text/plain", created="2026-11-20T10:01:00.000Z"),
]))
reqs.append(tags_exp(B, 2, []))
reqs.append(articles_exp(B, 3, [
    article(30, 3, AR, type_="whatsapp message", frm="سارة",
            ctype="text/plain")]))
reqs.append(tags_exp(B, 3, ["whatsapp"]))
reqs.append(articles_exp(B, 4, [
    article(40, 4, JA + "\n" + TH, type_="telegram personal-message",
            frm="山田 健", ctype="text/plain", attachments=[
                {"id": 5002, "filename": "レシート.pdf", "size": "10240",
                 "preferences": {}}])]))
reqs.append(tags_exp(B, 4, []))
reqs.append(articles_exp(B, 5, [
    article(50, 5, TH, type_="sms", frm="+66812345678",
            ctype="text/plain")]))
reqs.append(tags_exp(B, 5, []))
reqs.append(articles_exp(B, 6, {"error": "Not found"}, status=404))
reqs.append(tags_exp(B, 6, None, status=404))

# ---- /inc: from the stored cursor; the same second comes again ----
B = "/inc"
SINCE = "2026-11-22T09:20:00Z"
reqs.append(search_exp(B, SINCE, 1, [
    ticket(3, "طلب عاجل", "open", "2026-11-23T12:00:00.000Z",
           customer="sara", priority="1 low"),
]))
reqs.append(search_exp(B, SINCE, 2, []))
reqs.append(articles_exp(B, 3, [
    article(30, 3, AR, type_="whatsapp message", frm="سارة",
            ctype="text/plain"),
    article(34, 3, "شكراً جزيلاً", type_="whatsapp message", frm="سارة",
            ctype="text/plain", created="2026-11-23T12:00:00.000Z"),
]))
reqs.append(tags_exp(B, 3, []))
reqs.append(search_exp("/empty", "2026-11-23T12:00:00Z", 1, []))

# ---- /store: page 2 fails three times (the engine's attempts); the
# first sync keeps page 1 and its cursor, the second resumes there ----
B = "/store"
reqs.append(search_exp(B, EPOCH, 1, [
    ticket(21, "Pedido", "open", "2026-11-21T09:00:00.000Z")]))
e = search_exp(B, EPOCH, 2, None)
e["response"] = {"status": 500, "json": {"error": "boom"}}
e["times"] = 3
e["min"] = 3
reqs.append(e)
reqs.append(search_exp(B, "2026-11-21T09:00:00Z", 1, [
    ticket(21, "Pedido", "open", "2026-11-21T09:00:00.000Z"),
    ticket(22, "สินค้า", "pending reminder", "2026-11-22T09:00:00.000Z",
           customer="som@example.com")]))
reqs.append(search_exp(B, "2026-11-21T09:00:00Z", 2, []))
e = articles_exp(B, 21, [article(210, 21, ES, ctype="text/plain")])
e["times"] = 2
reqs.append(e)
e = tags_exp(B, 21, [])
e["times"] = 2
reqs.append(e)
reqs.append(articles_exp(B, 22, [
    article(220, 22, TH, type_="sms", frm="สมชาย <som@example.com>",
            ctype="text/plain")]))
reqs.append(tags_exp(B, 22, ["line"]))

# ---- errors ----
reqs.append(search_exp("/e401", EPOCH, 1, {"error": "authentication failed"},
                       status=401))
reqs.append(search_exp("/e404", EPOCH, 1, {"error": "No route matches"},
                       status=404))
e = search_exp("/e429", EPOCH, 1, None)
e.pop("response")
e["responses"] = [{"status": 429, "headers": {"Retry-After": "1"},
                   "body": "Too many requests"}, {"json": []}]
e["min"] = 2
reqs.append(e)
e = search_exp("/e500", EPOCH, 1, {"error": "oops",
                                   "error_human": "Something broke"},
               status=500)
e["times"] = 0
e["min"] = 2
reqs.append(e)
e = search_exp("/edrop", EPOCH, 1, None)
e.pop("response")
e["responses"] = [{"json": [ticket(1, "x", "new", EPOCH)], "drop": True},
                  {"json": []}]
e["min"] = 2
reqs.append(e)
e = search_exp("/ecut", EPOCH, 1, None)
e["response"] = {"json": [ticket(1, "x", "new", EPOCH)], "truncate": 10}
e["times"] = 0
e["min"] = 2
reqs.append(e)
e = search_exp("/eslow", EPOCH, 1, [])
e["response"]["delay_ms"] = 700
reqs.append(e)
e = search_exp("/etimeout", EPOCH, 1, [])
e["response"]["delay_ms"] = 1500
e["times"] = 0
reqs.append(e)
e = search_exp("/ebad", EPOCH, 1, None)
e["response"] = {"body": "[{\"id\": 1, oops}]",
                 "headers": {"Content-Type": "application/json"}}
reqs.append(e)
e = search_exp("/etrunc", EPOCH, 1, None)
e["response"] = {"body": "[{\"id\": 1, \"title\": \"Ped",
                 "headers": {"Content-Type": "application/json"}}
reqs.append(e)
# Without expand=true the search answers ids and assets: refused.
reqs.append(search_exp("/enotarray", EPOCH, 1,
                       {"tickets": [1], "tickets_count": 1, "assets": {}}))

# ---- auth=bearer ----
e = search_exp("/bearer", EPOCH, 1, [])
e["headers"] = {"Authorization": "Bearer oauth-" + TOKEN,
                "Accept": "application/json"}
reqs.append(e)

# ---- replies: POST /ticket_articles, then PUT /tickets/{id} ----
B = "/reply"


def post_article(base, body, resp, times=1):
    tok = body["body"].rsplit("ttydesk-outbox:", 1)[1].split(" ")[0]
    body = dict(body, preferences={"ttydesk_outbox": tok})
    return {"method": "POST", "path": base + API + "/ticket_articles",
            "exact_query": True, "headers": JSON_AUTH, "json": body,
            "response": resp, "times": times, "min": 1}


def marked(text, tok):
    esc = (text.replace("&", "&amp;").replace("<", "&lt;")
           .replace(">", "&gt;").replace("\n", "<br>\n"))
    return ('<div style="white-space: pre-wrap">' + esc + "</div>"
            "<!-- ttydesk-outbox:" + tok + " -->")


def answer(aid, tid, **kw):
    r = {"status": 201,
         "json": article(aid, tid, "x", sender="Agent", **kw)}
    return r


THREAD7 = [article(70, 7, html(ES)),
           article(71, 7, "ok", sender="Agent", frm="Lena Agent",
                   type_="note", internal=True, ctype="text/plain")]
e = articles_exp(B, 7, THREAD7)
e["times"] = 2
e["min"] = 2
reqs.append(e)
R1 = "Hola <Ana> & co.\n" + JA
reqs.append(post_article(B, {
    "ticket_id": 7, "body": marked(R1, "tok-1"),
    "content_type": "text/html", "type": "email", "internal": False,
    "sender": "Agent", "to": "Ana Muñoz <ana@example.com>"},
    answer(7001, 7)))
# A note that closes the ticket: no thread read, a PUT after.
reqs.append(post_article(B, {
    "ticket_id": 7, "body": marked(TH, "tok-2"),
    "content_type": "text/html", "type": "note", "internal": True,
    "sender": "Agent"}, answer(7002, 7, type_="note", internal=True)))
reqs.append({"method": "PUT", "path": B + API + "/tickets/7",
             "headers": JSON_AUTH, "json": {"state": "closed"},
             "response": {"json": ticket(7, "x", "closed",
                                         "2026-11-24T10:00:00.000Z")},
             "min": 1})
# A reply that waits for the customer: pending reminder needs a time.
reqs.append(post_article(B, {
    "ticket_id": 7, "body": marked(AR, "tok-3"),
    "content_type": "text/html", "type": "email", "internal": False,
    "sender": "Agent", "to": "Ana Muñoz <ana@example.com>"},
    answer(7003, 7)))
reqs.append({"method": "PUT", "path": B + API + "/tickets/7",
             "headers": JSON_AUTH,
             "body_contains": ['"state":"pending reminder"',
                               '"pending_time":"20'],
             "response": {"json": ticket(7, "x", "pending reminder",
                                         "2026-11-24T10:00:00.000Z")},
             "min": 1})
# WhatsApp goes back as WhatsApp, to the number it came from.
reqs.append(articles_exp(B, 8, [
    article(80, 8, ES, type_="whatsapp message", frm="+34600000000",
            ctype="text/plain")]))
reqs.append(post_article(B, {
    "ticket_id": 8, "body": marked(ES, "tok-4"),
    "content_type": "text/html", "type": "whatsapp message",
    "internal": False, "sender": "Agent", "to": "+34600000000"},
    answer(8001, 8, type_="whatsapp message")))
# A 500 on the POST is never retried (times 1: a second one fails).
reqs.append(articles_exp(B, 9, THREAD7))
reqs.append(post_article(B, {
    "ticket_id": 9, "body": marked("x", "tok-5"),
    "content_type": "text/html", "type": "email", "internal": False,
    "sender": "Agent", "to": "Ana Muñoz <ana@example.com>"},
    {"status": 500, "json": {"error": "boom"}}))
reqs.append(articles_exp(B, 404, {"error": "Not found"}, status=404))
# No customer article: nobody to mail, nothing posted.
reqs.append(articles_exp(B, 10, []))

# ---- a crash mid-send: the POST lands, its answer is lost ----
B = "/crash"
reqs.append(articles_exp(B, 11, [article(110, 11, html(ES))]))
reqs.append(post_article(B, {
    "ticket_id": 11, "body": marked(ES, "tok-c1"),
    "content_type": "text/html", "type": "email", "internal": False,
    "sender": "Agent", "to": "Ana Muñoz <ana@example.com>"},
    dict(answer(1101, 11), drop=True)))
# find_sent: the article with the marker (a later quote of it too).
e = articles_exp(B, 11, [
    article(110, 11, html(ES)),
    # As Zammad keeps it: the comment sanitised away, the preferences
    # as sent.
    dict(article(1101, 11, '<div>' + ES + '</div>', sender="Agent",
                 frm="Lena Agent <shop@example.com>"),
         preferences={"ttydesk_outbox": "tok-c1"}),
    article(1105, 11, "&gt; " + marked(ES, "tok-c1"), frm="Ana"),
])
e["min"] = 1
reqs.append(e)
reqs.append(articles_exp(B, 12, [
    article(1201, 12, marked(ES, "tok-c10"), sender="Agent")]))

# ---- updates: PUT the fields, then one call per tag ----
B = "/update"
reqs.append({"method": "PUT", "path": B + API + "/tickets/7",
             "headers": JSON_AUTH,
             "json": {"state": "closed", "owner": "lena@example.com"},
             "response": {"json": ticket(7, "x", "closed",
                                         "2026-11-24T10:00:00.000Z")},
             "min": 1})
reqs.append({"method": "POST", "path": B + API + "/tags/add",
             "headers": JSON_AUTH,
             "json": {"item": "vip", "object": "Ticket", "o_id": 7},
             "response": {"status": 201, "json": True}, "min": 1})
reqs.append({"method": "DELETE", "path": B + API + "/tags/remove",
             "headers": JSON_AUTH,
             "json": {"item": "envío", "object": "Ticket", "o_id": 7},
             "response": {"status": 201, "json": True}, "min": 1})
reqs.append({"method": "PUT", "path": B + API + "/tickets/8",
             "headers": JSON_AUTH, "json": {"owner_id": 1},
             "response": {"json": ticket(8, "x", "open",
                                         "2026-11-24T10:00:00.000Z")},
             "min": 1})
reqs.append({"method": "PUT", "path": B + API + "/tickets/8",
             "headers": JSON_AUTH, "json": {"owner_id": 5},
             "response": {"json": ticket(8, "x", "open",
                                         "2026-11-24T10:00:00.000Z")},
             "min": 1})
# The second tag call fails every time (a POST marked safe to repeat is
# retried): the error says the first change was made.
reqs.append({"method": "POST", "path": B + API + "/tags/add",
             "headers": JSON_AUTH,
             "json": {"item": "a", "object": "Ticket", "o_id": 9},
             "response": {"status": 201, "json": True}, "min": 1})
reqs.append({"method": "POST", "path": B + API + "/tags/add",
             "headers": JSON_AUTH,
             "json": {"item": "b", "object": "Ticket", "o_id": 9},
             "response": {"status": 500, "json": {"error": "boom"}},
             "times": 0, "min": 3})

# ---- canned replies: text modules, paged until an empty page ----
B = "/canned"


def modules_exp(page, items):
    return {"method": "GET", "path": B + API + "/text_modules",
            "query": {"page": str(page), "per_page": "100"},
            "exact_query": True, "headers": AUTH,
            "response": {"json": items}, "min": 1}


def module(mid, name, keywords, content, active=True):
    return {"id": mid, "name": name, "keywords": keywords,
            "content": content, "note": "", "active": active,
            "foreign_id": None, "group_ids": [], "user_id": None,
            "updated_by_id": 3, "created_by_id": 3,
            "created_at": "2026-01-01T00:00:00.000Z",
            "updated_at": "2026-01-01T00:00:00.000Z"}


reqs.append(modules_exp(1, [
    module(1, "Saludo envío", "envio",
           "<div>Hola #{ticket.customer.firstname},</div>"
           "<div>su pedido está en camino.</div>"),
    module(2, "Old", "old", "<div>retired</div>", active=False),
]))
reqs.append(modules_exp(2, [
    module(3, "お詫び", None, "#{ticket.customer.lastname}様、" + JA)]))
reqs.append(modules_exp(3, []))

out = os.path.join(os.path.dirname(__file__), "..", "unit",
                   "test_zammad.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
