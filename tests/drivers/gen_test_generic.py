#!/usr/bin/env python3
"""gen_test_generic.py: writes tests/unit/test_generic.json, the loopback
script for test_generic.c: the generic driver with the shipped mappings for
Gorgias (mappings/gorgias.json) and Help Scout (mappings/helpscout.json),
answered in the shapes their APIs document (api-reference.md sections 6
and 7: Gorgias {data, meta{next_cursor}} lists, {error:{msg}} errors;
Help Scout HAL _embedded lists with page{totalPages}, Resource-ID headers,
{message, logRef} errors).

Each test has its own base path (/g-ok, /h-ok, ...) so one server serves the
whole file. Run it after editing: python3 tests/drivers/gen_test_generic.py
"""
import base64
import json
import os

GG_USER = "agent@acme.example"
GG_KEY = "gg0123456789abcdefKEY"
GG_AUTH = {"Authorization": "Basic " + base64.b64encode(
    ("%s:%s" % (GG_USER, GG_KEY)).encode()).decode(),
    "Accept": "application/json"}
HS_TOKEN = "hs0123456789abcdefTOKEN"
HS_AUTH = {"Authorization": "Bearer " + HS_TOKEN,
           "Accept": "application/json"}

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

HTML_PRE = '<div style="white-space: pre-wrap">'


def html_body(text, token):
    esc = (text.replace("&", "&amp;").replace("<", "&lt;")
           .replace(">", "&gt;").replace("\n", "<br>\n"))
    return HTML_PRE + esc + "</div><!-- ttydesk-outbox:%s -->" % token


reqs = []


def exp(method, path, query=None, headers=None, body=None, status=200,
        exact=True, json_body=None, resp_headers=None, times=None,
        responses=None, min_=1, raw=None):
    e = {"method": method, "path": path,
         "headers": headers or GG_AUTH}
    if query is not None:
        e["query"] = query
        e["exact_query"] = exact
    if json_body is not None:
        e["json"] = json_body
    if responses is not None:
        e["responses"] = responses
    else:
        r = {"status": status}
        if raw is not None:
            r["body"] = raw
        elif body is not None:
            r["json"] = body
        if resp_headers:
            r["headers"] = resp_headers
        e["response"] = r
    if times is not None:
        e["times"] = times
    if min_:
        e["min"] = min_
    reqs.append(e)
    return e


# ------------------------------------------------------------------ Gorgias

def gg_customer(id_, first, email):
    return {"id": id_, "email": email, "firstname": first,
            "lastname": "", "name": first}


ANA = gg_customer(501, "Ana Muñoz", "es@example.com")
AYSE = gg_customer(502, "Ayşe Yılmaz", "tr@example.com")
SARA = gg_customer(503, "سارة", "ar@example.com")
KEN = gg_customer(504, "山田 健", "ja@example.com")
SOM = gg_customer(505, "สมชาย", "th@example.com")
AGENT = {"id": 900, "email": GG_USER, "name": "Lena Agent"}


def gg_ticket(id_, subject, status, customer, updated, channel="email",
              assignee=None, tags=()):
    return {"id": id_, "uri": "/api/tickets/%d/" % id_, "external_id": None,
            "status": status, "channel": channel, "via": channel,
            "from_agent": False, "spam": False, "customer": customer,
            "assignee_user": assignee, "assignee_team": None,
            "language": None, "subject": subject,
            "tags": [{"id": 70 + i, "name": t} for i, t in enumerate(tags)],
            "meta": {}, "created_datetime": "2026-11-20T10:00:00+00:00",
            "updated_datetime": updated,
            "last_message_datetime": updated, "closed_datetime": None,
            "snooze_datetime": None}


def gg_msg(id_, tid, from_agent, text, html=None, public=True,
           channel="email", sender=None, created="2026-11-20T10:00:00Z"):
    return {"id": id_, "ticket_id": tid, "public": public,
            "channel": channel, "via": "email",
            "source": {"type": channel, "from": {}, "to": []},
            "sender": sender or {"id": 1, "name": None},
            "receiver": None, "from_agent": from_agent,
            "body_text": text, "body_html": html,
            "stripped_text": text, "attachments": [],
            "created_datetime": created, "sent_datetime": created,
            "failed_datetime": None}


def gg_list(items, next_cursor=None, uri="/api/tickets"):
    return {"data": items, "object": "list", "uri": uri,
            "meta": {"prev_cursor": None, "next_cursor": next_cursor}}


def gg_tickets(base, page, cursor=None, status=200, **kw):
    q = {"limit": "30", "order_by": "updated_datetime:desc"}
    if cursor:
        q["cursor"] = cursor
    return exp("GET", base + "/api/tickets", q, body=page, status=status,
               **kw)


def gg_msgs(base, tid, page, cursor=None, status=200, **kw):
    q = {"limit": "30"}
    if cursor:
        q["cursor"] = cursor
    return exp("GET", "%s/api/tickets/%d/messages" % (base, tid), q,
               body=page, status=status, **kw)


# /g-ok: a first sync over three cursor pages, messages paged too.
B = "/g-ok"
gg_tickets(B, gg_list([
    gg_ticket(1, "Pedido dañado — İade", "open", ANA,
              "2026-11-24T10:00:00+00:00", tags=["envío", "damaged"],
              assignee=AGENT),
    gg_ticket(2, "طلب عاجل", "closed", SARA, "2026-11-24T09:00:00+00:00",
              channel="facebook-messenger"),
], "c2"))
gg_msgs(B, 1, gg_list([
    gg_msg(10, 1, False, ES + "\n" + TR, sender={"id": 501,
                                                 "name": "Ana Muñoz"}),
    gg_msg(11, 1, True, None, html="<p>Hola &amp; gracias</p>"
           "<p>İyi günler</p>", sender={"id": 900, "name": "Lena Agent"},
           created="2026-11-20T11:00:00Z"),
], "m2"))
gg_msgs(B, 1, gg_list([
    gg_msg(12, 1, True, "Nota: revisar stock", public=False,
           channel="internal-note", created="2026-11-20T11:05:00Z"),
]), cursor="m2")
gg_msgs(B, 2, gg_list([gg_msg(20, 2, False, AR)]))
gg_tickets(B, gg_list([
    gg_ticket(3, "注文", "open", KEN, "2026-11-23T10:00:00+00:00",
              channel="chat"),
    gg_ticket(4, "gone", "open", AYSE, "2026-11-23T09:00:00+00:00"),
], "c3"), cursor="c2")
gg_msgs(B, 3, gg_list([gg_msg(30, 3, False, JA, channel="chat")]))
# Deleted between the list and its messages: kept without a thread.
gg_msgs(B, 4, {"error": {"msg": "Resource not found."}}, status=404)
gg_tickets(B, gg_list([
    gg_ticket(5, "สินค้า", "closed", SOM, "2026-11-22T09:00:00+00:00",
              channel="whatsapp"),
]), cursor="c3")
gg_msgs(B, 5, gg_list([gg_msg(50, 5, False, TH, channel="whatsapp")]))

# /g-inc: newest first; the walk stops at the first ticket the last sync
# saw (updated == the watermark), so cursor "x" is never asked for.
B = "/g-inc"
gg_tickets(B, gg_list([
    gg_ticket(3, "注文", "open", KEN, "2026-11-24T09:30:00Z"),
    gg_ticket(1, "Pedido", "open", ANA, "2026-11-24T08:00:00Z"),
    gg_ticket(2, "old", "open", ANA, "2026-11-20T08:00:00Z"),
], "x"))
gg_msgs(B, 3, gg_list([gg_msg(30, 3, False, JA),
                       gg_msg(31, 3, True, "はい、確認します。")]))
# /g-empty: nothing newer than the watermark.
gg_tickets("/g-empty", gg_list([
    gg_ticket(1, "Pedido", "open", ANA, "2026-11-24T08:00:00Z")], "x"))

# /g-resume: page 2 fails (500, the engine's three attempts); the next sync
# starts at its cursor with what page 1 saw.
B = "/g-resume"
gg_tickets(B, gg_list([
    gg_ticket(1, "Pedido", "open", ANA, "2026-11-24T10:00:00Z")], "c2"))
gg_msgs(B, 1, gg_list([gg_msg(10, 1, False, ES)]))
gg_tickets(B, {"error": {"msg": "oops"}}, cursor="c2", status=500, times=3,
           min_=3)
gg_tickets(B, gg_list([
    gg_ticket(3, "注文", "open", KEN, "2026-11-23T10:00:00Z")]), cursor="c2")
gg_msgs(B, 3, gg_list([gg_msg(30, 3, False, JA)]))
# /g-stale: the stored cursor has expired (400): the walk starts over.
B = "/g-stale"
gg_tickets(B, {"error": {"msg": "Invalid cursor"}}, cursor="expired",
           status=400)
gg_tickets(B, gg_list([
    gg_ticket(9, "สินค้า", "open", SOM, "2026-11-22T10:00:00Z")]))
gg_msgs(B, 9, gg_list([gg_msg(90, 9, False, TH)]))

# Errors on the list.
gg_tickets("/g-401", {"error": {"msg": "Unauthorized: bad API key"}},
           status=401)
gg_tickets("/g-404", {"error": {"msg": "Resource not found."}}, status=404)
# 500 three times: the engine's attempts, then given up.
gg_tickets("/g-500", {"error": {"msg": "oops"}}, status=500, times=3,
           min_=3)
gg_tickets("/g-bad", None, raw="{\"data\": [}")
gg_tickets("/g-trunc", None, raw="{\"data\": [{\"id\": 1, \"subj")
gg_tickets("/g-noitems", {"object": "list", "meta": {}})
exp("GET", "/g-cut/api/tickets",
    {"limit": "30", "order_by": "updated_datetime:desc"},
    responses=[{"json": gg_list([gg_ticket(1, "x", "open", ANA,
                                           "2026-11-24T08:00:00Z")]),
                "truncate": 10}], times=3, min_=3)

# Retries: 429 with Retry-After, a dropped connection, a slow answer.
B = "/g-429"
exp("GET", B + "/api/tickets",
    {"limit": "30", "order_by": "updated_datetime:desc"},
    responses=[{"status": 429, "headers": {"Retry-after": "1"},
                "json": {"error": {"msg": "Too many requests"}}},
               {"json": gg_list([])}], min_=2)
B = "/g-drop"
exp("GET", B + "/api/tickets",
    {"limit": "30", "order_by": "updated_datetime:desc"},
    responses=[{"json": gg_list([gg_ticket(1, "x", "open", ANA,
                                           "2026-11-24T08:00:00Z")]),
                "drop": True},
               {"json": gg_list([gg_ticket(1, "x", "open", ANA,
                                           "2026-11-24T08:00:00Z")])}],
    min_=2)
gg_msgs(B, 1, gg_list([gg_msg(10, 1, False, TR)]))
B = "/g-slow"
exp("GET", B + "/api/tickets",
    {"limit": "30", "order_by": "updated_datetime:desc"},
    responses=[{"json": gg_list([]), "delay_ms": 300}])
B = "/g-timeout"
exp("GET", B + "/api/tickets",
    {"limit": "30", "order_by": "updated_datetime:desc"},
    responses=[{"json": gg_list([]), "delay_ms": 1500}], min_=1)

# /g-reply: a reply (the ticket read for its channel and customer, then
# the message), a note that also closes the ticket (status first), a
# status change alone, and failures.
B = "/g-reply"
T7 = {"id": 7, "channel": "email", "status": "open",
      "customer": {"id": 501, "email": "es@example.com",
                   "firstname": "Ana"}, "messages": []}
REPLY1 = "Hola <Ana> & co.\n" + JA
exp("GET", B + "/api/tickets/7", {}, body=T7)
exp("POST", B + "/api/tickets/7/messages", {},
    json_body={"channel": "email", "via": "api", "from_agent": True,
               "sender": {"email": GG_USER}, "receiver": {"id": 501},
               "source": {"from": {"address": GG_USER},
                          "to": [{"address": "es@example.com"}]},
               "body_text": REPLY1,
               "body_html": html_body(REPLY1, "tok-1")},
    body=dict(gg_msg(9001, 7, True, REPLY1), sent_datetime=None),
    status=201)
exp("PUT", B + "/api/tickets/7", {}, json_body={"status": "closed"},
    body=dict(T7, status="closed"))
exp("POST", B + "/api/tickets/7/messages", {},
    json_body={"channel": "internal-note", "via": "api",
               "from_agent": True, "public": False,
               "sender": {"email": GG_USER}, "body_text": TH,
               "body_html": html_body(TH, "tok-2")},
    body=gg_msg(9002, 7, True, TH, public=False,
                channel="internal-note"), status=201)
exp("PUT", B + "/api/tickets/7", {}, json_body={"status": "open"},
    body=T7)
exp("GET", B + "/api/tickets/404", {},
    body={"error": {"msg": "Resource not found."}}, status=404)
T8 = dict(T7, id=8)
exp("GET", B + "/api/tickets/8", {}, body=T8, times=2, min_=2)
# A 500 on the POST: not retried (one answer only).
exp("POST", B + "/api/tickets/8/messages", {},
    body={"error": {"msg": "Internal error"}}, status=500)
# A 429 on the POST: final at once, not waited out and sent again.
exp("POST", B + "/api/tickets/8/messages", {},
    body={"error": {"msg": "Too many requests"}}, status=429,
    resp_headers={"Retry-after": "1"})

# /g-find: the POST's answer is cut off (as after a crash, nobody knows
# whether it landed); find_sent walks the thread for the marker.
B = "/g-find"
T11 = dict(T7, id=11)
exp("GET", B + "/api/tickets/11", {}, body=T11)
exp("POST", B + "/api/tickets/11/messages", {},
    body=gg_msg(1103, 11, True, ES), status=201,
    responses=[{"status": 201, "json": gg_msg(1103, 11, True, ES),
                "drop": True}])
gg_msgs(B, 11, gg_list([
    gg_msg(1101, 11, False, ES),
    gg_msg(1102, 11, True, "x", html="<p>x</p>" +
           "<!-- ttydesk-outbox:tok-c10 -->"),
], "p2"))
gg_msgs(B, 11, gg_list([
    gg_msg(1103, 11, True, ES, html=html_body(ES, "tok-c1")),
]), cursor="p2")
gg_msgs(B, 12, gg_list([gg_msg(1201, 12, True, "y", html=html_body(
    "y", "tok-c10"))]))

# ---------------------------------------------------------------- Help Scout

def hs(method, path, query=None, **kw):
    return exp(method, path, query, headers=HS_AUTH, **kw)


def hs_conv(id_, subject, status, cust_id, email, updated, type_="email",
            tags=(), assignee=None):
    return {"id": id_, "number": 1000 + id_, "type": type_, "folderId": 1,
            "status": status, "state": "published", "subject": subject,
            "preview": subject, "mailboxId": 85, "assignee": assignee,
            "primaryCustomer": {"id": cust_id, "email": email},
            "customerWaitingSince": {"time": updated},
            "userUpdatedAt": updated,
            "tags": [{"id": 9 + i, "color": "#929499", "tag": t}
                     for i, t in enumerate(tags)],
            "cc": [], "bcc": [], "createdAt": "2026-11-20T10:00:00Z",
            "closedAt": None, "customFields": []}


def hs_thread(id_, type_, body, created="2026-11-20T10:00:00Z",
              by_type="customer", email="es@example.com"):
    return {"id": id_, "type": type_, "status": "active",
            "state": "published", "action": None, "body": body,
            "source": {"type": "email", "via": by_type},
            "customer": {"id": 301},
            "createdBy": {"id": 77, "type": by_type, "email": email},
            "assignedTo": None, "to": [], "cc": [], "bcc": [],
            "createdAt": created}


def hs_page(key, items, number, total_pages, total=None):
    return {"_embedded": {key: items},
            "page": {"size": 25, "totalElements":
                     total if total is not None else len(items),
                     "totalPages": total_pages, "number": number},
            "_links": {}}


def hs_convs(base, number, body, since=None, status=200, **kw):
    q = {"status": "all", "page": str(number)}
    if since:
        q["modifiedSince"] = since
    return hs("GET", base + "/v2/conversations", q, body=body,
              status=status, **kw)


def hs_threads(base, cid, number, body, status=200, **kw):
    return hs("GET", "%s/v2/conversations/%d/threads" % (base, cid),
              {"page": str(number)}, body=body, status=status, **kw)


# /h-ok: three pages of conversations, a thread over two pages.
B = "/h-ok"
hs_convs(B, 1, hs_page("conversations", [
    hs_conv(1, "Pedido dañado — İade", "active", 301, "es@example.com",
            "2026-11-21T09:00:00Z", tags=["envío"],
            assignee={"id": 7, "email": "lena@acme.example"}),
    hs_conv(2, "İade talebi", "pending", 302, "tr@example.com",
            "2026-11-21T09:30:00Z"),
], 1, 3, total=5))
hs_threads(B, 1, 1, hs_page("threads", [
    hs_thread(10, "customer", "<p>" + ES + "</p><p>" + TR + "</p>"),
    hs_thread(11, "reply", "<p>Hola &amp; gracias</p>",
              created="2026-11-20T11:00:00Z", by_type="user",
              email="lena@acme.example"),
], 1, 2))
hs_threads(B, 1, 2, hs_page("threads", [
    hs_thread(12, "note", "Nota: revisar stock",
              created="2026-11-20T11:05:00Z", by_type="user",
              email="lena@acme.example"),
    hs_thread(13, "lineitem", "Assigned to Lena",
              created="2026-11-20T11:06:00Z", by_type="user"),
], 2, 2))
hs_threads(B, 2, 1, hs_page("threads", [hs_thread(20, "customer", TR)],
                            1, 1))
hs_convs(B, 2, hs_page("conversations", [
    hs_conv(3, "طلب عاجل", "closed", 303, "ar@example.com",
            "2026-11-22T10:00:00Z", type_="chat"),
    hs_conv(4, "注文", "active", 304, "ja@example.com",
            "2026-11-23T08:00:00Z", type_="phone"),
], 2, 3, total=5))
hs_threads(B, 3, 1, hs_page("threads", [hs_thread(30, "chat", AR)], 1, 1))
hs_threads(B, 4, 1, hs_page("threads", [hs_thread(40, "customer", JA)],
                            1, 1))
hs_convs(B, 3, hs_page("conversations", [
    hs_conv(5, "สินค้า", "spam", 305, "th@example.com",
            "2026-11-22T09:00:00Z"),
], 3, 3, total=5))
hs_threads(B, 5, 1, hs_page("threads", [hs_thread(50, "customer", TH)],
                            1, 1))

# /h-inc: modifiedSince from the watermark, without milliseconds.
B = "/h-inc"
hs_convs(B, 1, hs_page("conversations", [
    hs_conv(3, "طلب عاجل", "active", 303, "ar@example.com",
            "2026-11-24T12:00:00Z"),
], 1, 1), since="2026-11-23T08:00:00Z")
hs_threads(B, 3, 1, hs_page("threads", [
    hs_thread(30, "customer", AR),
    hs_thread(34, "customer", "شكراً جزيلاً",
              created="2026-11-24T12:00:00Z")], 1, 1))

# /h-resume: a sync that stopped before page 2 goes on there, with the
# same modifiedSince.
hs_convs("/h-resume", 2, hs_page("conversations", [
    hs_conv(3, "طلب عاجل", "active", 303, "ar@example.com",
            "2026-11-22T10:00:00Z")], 2, 2),
    since="2026-11-20T00:00:00Z")
hs_threads("/h-resume", 3, 1, hs_page("threads", [hs_thread(30, "customer",
                                                            AR)], 1, 1))

# /h-store: through drv_sync and the store; the second sync asks from the
# watermark the first one stored.
B = "/h-store"
hs_convs(B, 1, hs_page("conversations", [
    hs_conv(21, "สินค้า", "pending", 305, "th@example.com",
            "2026-11-21T09:00:00Z", type_="chat"),
], 1, 1))
hs_threads(B, 21, 1, hs_page("threads", [hs_thread(210, "customer", TH)],
                             1, 1))
hs_convs(B, 1, hs_page("conversations", [], 1, 0),
         since="2026-11-21T09:00:00Z")

# /h-future: a clock far ahead; the watermark stays before the sync began.
hs_convs("/h-future", 1, hs_page("conversations", [
    hs_conv(8, "x", "active", 301, "es@example.com",
            "2036-01-01T00:00:00Z")], 1, 1))
hs_threads("/h-future", 8, 1, hs_page("threads", [], 1, 0))

# /h-store2: through the store, page 2 fails three times; the next sync
# goes on at page 2.
B = "/h-store2"
hs_convs(B, 1, hs_page("conversations", [
    hs_conv(31, "İade", "active", 302, "tr@example.com",
            "2026-11-21T09:00:00Z")], 1, 2))
hs_threads(B, 31, 1, hs_page("threads", [hs_thread(310, "customer", TR)],
                             1, 1))
hs_convs(B, 2, {"message": "oops"}, status=500, times=3, min_=3)
hs_convs(B, 2, hs_page("conversations", [
    hs_conv(32, "注文", "active", 304, "ja@example.com",
            "2026-11-20T09:00:00Z")], 2, 2))
hs_threads(B, 32, 1, hs_page("threads", [hs_thread(320, "customer", JA)],
                             1, 1))

# Errors.
hs_convs("/h-401", 1, {"message": "Authentication failed",
                        "logRef": "a1b2"}, status=401)
hs_convs("/h-429", 1, None, responses=[
    {"status": 429, "headers": {"Retry-After": "1",
                                "X-RateLimit-Retry-After": "1"},
     "json": {"message": "API rate limit exceeded"}},
    {"json": hs_page("conversations", [], 1, 0)}], min_=2)

# /h-reply: the reply names the customer (read from the conversation) and
# carries the status; a note with a status change patches it first.
B = "/h-reply"
C7 = hs_conv(7, "x", "active", 301, "es@example.com",
             "2026-11-21T09:00:00Z")
hs("GET", B + "/v2/conversations/7", {}, body=C7, times=2, min_=2)
hs("POST", B + "/v2/conversations/7/reply", {},
   json_body={"customer": {"id": 301}, "text": html_body(AR, "tok-1"),
              "status": "pending"},
   status=201, raw="", resp_headers={"Resource-ID": "8001"})
hs("POST", B + "/v2/conversations/7/reply", {},
   json_body={"customer": {"id": 301}, "text": html_body(ES, "tok-2")},
   status=201, raw="", resp_headers={"Resource-ID": "8002"})
exp("PATCH", B + "/v2/conversations/7", {},
    headers=dict(HS_AUTH, **{"Content-Type": "application/json-patch+json"}),
    json_body={"op": "replace", "path": "/status", "value": "closed"},
    status=204, raw="")
hs("POST", B + "/v2/conversations/7/notes", {},
   json_body={"text": html_body(TH, "tok-3")},
   status=201, raw="", resp_headers={"Resource-ID": "8003"})
exp("PATCH", B + "/v2/conversations/7", {},
    headers=dict(HS_AUTH, **{"Content-Type": "application/json-patch+json"}),
    json_body={"op": "replace", "path": "/status", "value": "active"},
    status=204, raw="")
hs("GET", B + "/v2/conversations/9", {},
   body={"message": "Conversation not found", "logRef": "c3d4"},
   status=404)
# /h-find: the marker in a thread's HTML body.
B = "/h-find"
hs_threads(B, 11, 1, hs_page("threads", [
    hs_thread(1101, "customer", ES),
    hs_thread(1102, "reply", html_body(ES, "tok-h1"), by_type="user"),
], 1, 1))

# ------------------------------------------- test mappings (tests/data/)
LK_AUTH = {"X-Api-Key": "key lk-SECRET", "Authorization": None,
           "Accept": "application/json"}


def lk_ticket(id_, title, state, updated, prio=None, posts=()):
    return {"id": id_, "title": title, "state": state, "prio": prio,
            "via": "whatsapp", "from": "c%d@example.com" % id_,
            "labels": ["vip"], "updated": updated, "posts": list(posts)}


B = "/l-ok"
exp("GET", B + "/tickets", {"per_page": "2"}, headers=LK_AUTH,
    body=[lk_ticket(1, ES, "waiting", "2026-11-24T08:00:00Z", "p1",
                    [{"id": 11, "text": ES, "by": "client",
                      "at": "2026-11-24T07:00:00Z"},
                     {"id": 12, "text": "Auto-reply", "by": "bot"}]),
          lk_ticket(2, TR, "weird", "2026-11-24T09:00:00Z")],
    resp_headers={"Link": '</l-ok/tickets?per_page=2&page=2>; rel="next", '
                          '</l-ok/tickets?per_page=2&page=9>; rel="last"'})
exp("GET", B + "/tickets", {"per_page": "2", "page": "2"}, headers=LK_AUTH,
    body=[lk_ticket(3, AR, "solved", "2026-11-23T08:00:00Z", "p2",
                    [{"id": 31, "text": AR, "by": "agent"}])],
    resp_headers={"Link": '</l-ok/tickets?per_page=2&page=1>; rel="prev"'})
exp("GET", "/l-inc/tickets", {"per_page": "2", "since": "1795507200"},
    headers=LK_AUTH, body=[])
# A next page on another host: the token is not sent there.
exp("GET", "/l-evil/tickets", {"per_page": "2"}, headers=LK_AUTH, body=[],
    resp_headers={"Link": '<http://example.com/steal?page=2>; rel="next"'})
exp("POST", "/l-reply/tickets/5/posts", {}, headers=LK_AUTH,
    json_body={"html": html_body(JA, "tok-l1"), "token": "tok-l1",
               "who": "Lena"},
    body={"post": {"id": 77}})

Q = {"Authorization": None}
exp("GET", "/q-ok/items", {"p": "0", "api_token": "q-SECRET"}, headers=Q,
    body={"results": [{"key": "A-1", "summary": TH}]})
exp("GET", "/q-ok/items", {"p": "1", "api_token": "q-SECRET"}, headers=Q,
    body={"results": [{"key": "A-2", "summary": JA}]})
exp("GET", "/q-ok/items", {"p": "2", "api_token": "q-SECRET"}, headers=Q,
    body={"results": []})

# /q-rate: nothing left until the window refills in 1 s: the next page
# waits for it (the mapping says X-Quota-Left means requests left).
exp("GET", "/q-rate/items", {"p": "0", "api_token": "q-SECRET"}, headers=Q,
    body={"results": [{"key": "A-1", "summary": TH}]},
    resp_headers={"X-Quota-Left": "0", "X-Quota-Reset": "1"})
exp("GET", "/q-rate/items", {"p": "1", "api_token": "q-SECRET"}, headers=Q,
    body={"results": []})

HERE = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(HERE, "..", "unit", "test_generic.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
