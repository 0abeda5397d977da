#!/usr/bin/env python3
"""gen_test_freshdesk.py: writes tests/unit/test_freshdesk.json, the loopback
script for test_freshdesk.c, from the shapes Freshdesk API v2 answers with
(api-reference.md section 2; tickets and conversations as in the
python-freshdesk samples: numeric ids, ISO times, Link rel="next" pages).

Each test has its own base path (/ok, /inc, /e401, ...) so one server
serves the whole file. Run it after editing:
python3 tests/drivers/gen_test_freshdesk.py
"""
import base64
import json
import os

KEY = "fdKey0123456789abcdef"
AUTH = {"Authorization": "Basic " +
        base64.b64encode((KEY + ":X").encode()).decode(),
        "Accept": "application/json"}
HOST = "https://acme.freshdesk.com"   # what Link headers name

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

RATE = {"X-RateLimit-Total": "200", "X-RateLimit-Remaining": "180",
        "X-RateLimit-Used-CurrentRequest": "2"}


def link_next(path, page):
    return {"Link": '<%s%s?page=%d&per_page=100>; rel="next"'
            % (HOST, path, page)}


def ticket(tid, subject, status, updated, requester, desc_text, source=1,
           priority=2, responder=None, tags=(), fr_due="2026-11-21T12:00:00Z"):
    rid = 9000 + tid
    t = {"id": tid, "subject": subject, "status": status,
         "priority": priority, "source": source, "type": "Question",
         "requester_id": rid, "responder_id": responder, "group_id": None,
         "company_id": None, "tags": list(tags), "custom_fields": {},
         "cc_emails": [], "fwd_emails": [], "reply_cc_emails": [],
         "fr_escalated": False, "is_escalated": False, "spam": False,
         "due_by": "2026-11-24T10:00:00Z", "fr_due_by": fr_due,
         "created_at": "2026-11-20T10:00:00Z", "updated_at": updated,
         "description": "<div>%s</div>" % desc_text.replace("\n", "<br>"),
         "description_text": desc_text,
         "requester": {"id": rid, "name": requester[0],
                       "email": requester[1], "mobile": None,
                       "phone": requester[2] if len(requester) > 2 else None}}
    return t


def conv(cid, tid, body_html, body_text, incoming, private, user_id,
         created="2026-11-20T11:00:00Z", attachments=()):
    c = {"id": cid, "ticket_id": tid, "body": body_html,
         "incoming": incoming, "private": private, "user_id": user_id,
         "support_email": None, "source": 0, "to_emails": [],
         "from_email": None, "cc_emails": None, "bcc_emails": None,
         "created_at": created, "updated_at": created,
         "attachments": list(attachments)}
    if body_text is not None:
        c["body_text"] = body_text
    return c


def list_exp(base, since, page, body, status=200, headers=None, extra=None):
    e = {"method": "GET", "path": base + "/api/v2/tickets",
         "query": {"updated_since": since, "order_by": "updated_at",
                   "order_type": "asc", "per_page": "100", "page": str(page),
                   "include": "requester,description"},
         "exact_query": True, "headers": AUTH,
         "response": {"status": status, "json": body,
                      "headers": dict(RATE, **(headers or {}))},
         "min": 1}
    if extra:
        e.update(extra)
    return e


def conv_exp(base, tid, body, page=1, headers=None):
    return {"method": "GET",
            "path": "%s/api/v2/tickets/%d/conversations" % (base, tid),
            "query": {"page": str(page), "per_page": "100"},
            "exact_query": True, "headers": AUTH,
            "response": {"json": body, "headers": dict(RATE, **(headers or {}))},
            "min": 1}


reqs = []
EPOCH = "1970-01-01T00:00:00Z"

# ---- /ok: a first sync over two list pages, conversations over two pages
# for ticket 1, five languages ----
B = "/ok"
reqs.append(list_exp(B, EPOCH, 1, [
    ticket(1, "Pedido dañado — İade", 2, "2026-11-21T09:00:00Z",
           ("Ana Muñoz", "es@example.com", "+34 600 000 000"), ES + "\n" + TR,
           source=1, priority=3, tags=["dañado", "iade"]),
    ticket(2, "طلب عاجل", 3, "2026-11-21T09:30:00Z",
           ("", "ar@example.com"), AR, source=7, priority=4, responder=5001),
], headers=link_next("/api/v2/tickets", 2)))
reqs.append(list_exp(B, EPOCH, 2, [
    ticket(3, "注文 / คำสั่งซื้อ", 4, "2026-11-22T08:00:00Z",
           ("山田 花子", "ja@example.com"), JA + "\n" + TH, source=2,
           priority=1),
    # A custom status (id 6) and an outbound email an agent started.
    ticket(4, "Seguimiento", 6, "2026-11-22T07:00:00Z",
           ("Luis", "luis@example.com"), "Le escribimos por su pedido.",
           source=10, responder=5002),
]))
reqs.append(conv_exp(B, 1, [
    conv(101, 1, "<div>Adjunto foto. " + ES + "</div>", "Adjunto foto. " + ES,
         True, False, 9001, "2026-11-20T10:30:00Z",
         [{"id": 1, "name": "foto.png", "size": 2048,
           "content_type": "image/png",
           "attachment_url": HOST + "/attachments/1"}]),
    conv(102, 1, "<div>Nota: revisar stock</div>", "Nota: revisar stock",
         False, True, 5001, "2026-11-20T10:40:00Z"),
], headers=link_next("/api/v2/tickets/1/conversations", 2)))
reqs.append(conv_exp(B, 1, [
    # Our own earlier reply: no body_text, so the HTML is read; the marker
    # must not show.
    conv(103, 1, "<div style=\"white-space: pre-wrap\">Hola &amp; gracias"
         "<br>\nİyi günler</div><!-- ttydesk-outbox:abc123 -->", None,
         False, False, 5001, "2026-11-21T09:00:00Z"),
], page=2))
reqs.append(conv_exp(B, 2, []))
reqs.append(conv_exp(B, 3, [
    conv(301, 3, "<p>" + TH + "</p>", TH, True, False, 9003,
         "2026-11-22T08:00:00Z")]))
reqs.append(conv_exp(B, 4, []))

# ---- /inc: incremental from the stored cursor; Freshdesk may answer with
# an offset, the cursor is written back in UTC ----
B = "/inc"
reqs.append(list_exp(B, "2026-11-21T09:30:00Z", 1, [
    ticket(2, "طلب عاجل", 2, "2026-11-23T21:00:00+09:00",
           ("", "ar@example.com"), AR, source=7)]))
reqs.append(conv_exp(B, 2, [
    conv(201, 2, "<div>شكراً</div>", "شكراً", True, False, 9002,
         "2026-11-23T12:00:00Z")]))
B = "/empty"
reqs.append(list_exp(B, "2026-11-23T12:00:00Z", 1, []))

# ---- errors ----
reqs.append(list_exp("/e401", EPOCH, 1,
                     {"code": "invalid_credentials",
                      "message": "You have to be logged in to perform this "
                                 "action."}, status=401))
reqs.append(list_exp("/e404", EPOCH, 1, [
    ticket(9, "gone", 2, "2026-11-21T09:00:00Z", ("X", "x@example.com"),
           "x")]))
e = conv_exp("/e404", 9, None)
e["response"] = {"status": 404, "body": ""}
reqs.append(e)
# 429 with Retry-After, then the page: the GET is retried after a second.
e = list_exp("/e429", EPOCH, 1, None)
e.pop("response")
e["responses"] = [{"status": 429,
                   # Remaining 0 with no reset time would hold the budget
                   # for the whole window; Retry-After is what counts.
                   "headers": {"Retry-After": "1", "X-RateLimit-Total": "200"},
                   "json": {"message": "You have exceeded the limit of "
                                       "requests per minute"}},
                  {"json": [], "headers": RATE}]
e["min"] = 2
reqs.append(e)
# 500 every time: the engine gives up after its attempts.
e = list_exp("/e500", EPOCH, 1, {"message": "Internal error"}, status=500)
e["times"] = 0
e["min"] = 2
reqs.append(e)
# A connection dropped mid-body, then the answer.
e = list_exp("/edrop", EPOCH, 1, None)
e.pop("response")
e["responses"] = [{"json": [ticket(1, "x", 2, "2026-11-21T09:00:00Z",
                                   ("A", "a@example.com"), "x")],
                   "drop": True},
                  {"json": []}]
e["min"] = 2
reqs.append(e)
# A slow answer (under the timeout) is waited for.
e = list_exp("/eslow", EPOCH, 1, [])
e["response"]["delay_ms"] = 400
reqs.append(e)
reqs.append(dict(list_exp("/ebad", EPOCH, 1, None),
                 response={"body": "[{\"id\": 1, \"subject\": \"x\" \"status"
                                   "\": 2}]"}))
# Truncated JSON with an honest Content-Length (a proxy cut the document).
reqs.append(dict(list_exp("/etrunc", EPOCH, 1, None),
                 response={"body": "[{\"id\": 1, \"subject\": \"Pedi"}))
reqs.append(dict(list_exp("/enotarray", EPOCH, 1, None),
                 response={"json": {"tickets": []}}))

# ---- replies ----
B = "/reply"


def post(tid, what, body, resp, times=1):
    return {"method": "POST",
            "path": "%s/api/v2/tickets/%s/%s" % (B, tid, what),
            "exact_query": True,
            "headers": dict(AUTH, **{"Content-Type": "application/json"}),
            "json": body, "response": resp, "min": 1, "times": times}


def html(text, token):
    return ("<div style=\"white-space: pre-wrap\">" + text + "</div>"
            "<!-- ttydesk-outbox:" + token + " -->")


def put(tid, status, resp):
    return {"method": "PUT", "path": "%s/api/v2/tickets/%s" % (B, tid),
            "exact_query": True,
            "headers": dict(AUTH, **{"Content-Type": "application/json"}),
            "json": {"status": status}, "response": resp, "min": 1}


reqs.append(post(7, "reply",
                 {"body": html("Hola &lt;Ana&gt; &amp; co.<br>\n" + JA + " " +
                               TR, "tok-1")},
                 {"status": 201, "json": conv(5001, 7, "...", "...", False,
                                              False, 5001)}))
reqs.append(post(7, "notes",
                 {"body": html(TH + "<br>\n" + AR, "tok-2"), "private": True},
                 {"status": 201, "json": conv(5002, 7, "...", "...", False,
                                              True, 5001)}))
reqs.append(put(7, 4, {"json": {"id": 7, "status": 4}}))
# A POST that fails with 500 is never retried: times 1 (a second attempt
# would get 599 and fail the --check).
reqs.append(post(8, "reply", {"body": html("x", "tok-3")},
                 {"status": 500, "body": ""}))
reqs.append(post(404, "reply", {"body": html("x", "tok-4")},
                 {"status": 404, "body": ""}))
# The reply lands, the status change is refused (Freshdesk asks for
# required fields before it resolves a ticket).
reqs.append(post(9, "reply", {"body": html(ES, "tok-5")},
                 {"status": 201, "json": conv(5009, 9, "...", "...", False,
                                              False, 5001)}))
reqs.append(put(9, 5, {"status": 400, "json": {
    "description": "Validation failed",
    "errors": [{"field": "type", "message": "It should be one of these "
                "values: 'Question,Problem'", "code": "invalid_value"}]}}))
# The simulated crash: the reply reaches Freshdesk, the answer never comes
# back (the connection drops mid-body). Then find_sent reads the thread.
reqs.append(post(10, "reply", {"body": html(JA, "tok-6")},
                 {"status": 201, "json": conv(5010, 10, "...", "...", False,
                                              False, 5001), "drop": True}))
reqs.append(conv_exp(B, 10, [
    conv(5000, 10, "<div>" + JA + "</div>", JA, True, False, 9010),
    conv(5010, 10, html(JA, "tok-6"), JA, False, False, 5001),
]))

# ---- find_sent: the marker is on the second page, in our reply (5021) and
# in a later quoted copy (5030); the earlier one is ours ----
B = "/find"
reqs.append(conv_exp(B, 7, [
    conv(5020, 7, "<div>hello</div>", "hello", True, False, 9007),
], headers=link_next("/api/v2/tickets/7/conversations", 2)))
reqs.append(conv_exp(B, 7, [
    conv(5030, 7, "<blockquote>" + html("x", "tok-9") + "</blockquote>",
         "x", True, False, 9007),
    conv(5021, 7, html("x", "tok-9"), "x", False, False, 5001),
], page=2))
reqs.append(conv_exp(B, 8, [
    conv(5040, 8, html("x", "tok-10"), "x", False, False, 5001)]))

# ---- updates: PUT /tickets/{id}; a tag change reads the tags first ----
B = "/update"
ANA = ("Ana Muñoz", "es@example.com")


def upd_exp(method, tid, body, resp, status=200):
    e = {"method": method, "path": "%s/api/v2/tickets/%d" % (B, tid),
         "exact_query": True, "headers": AUTH,
         "response": {"status": status, "json": resp}, "min": 1}
    if body is not None:
        e["json"] = body
        e["headers"] = dict(AUTH, **{"Content-Type": "application/json"})
    return e


reqs.append(upd_exp("GET", 7, None, ticket(
    7, "x", 2, "2026-11-24T10:00:00Z", ANA, "x", tags=["old", "envío"])))
reqs.append(upd_exp("PUT", 7, {"status": 4, "responder_id": 5001,
                               "tags": ["envío", "vip"]},
                    ticket(7, "x", 4, "2026-11-24T10:00:00Z", ANA, "x")))
reqs.append(upd_exp("PUT", 8, {"responder_id": None},
                    ticket(8, "x", 2, "2026-11-24T10:00:00Z", ANA, "x")))
reqs.append(upd_exp("PUT", 404, {"status": 5},
                    {"code": "access_denied", "message": "not found"},
                    status=404))

# ---- canned responses: the folders, then each folder's responses (the
# first folder over two pages) ----
B = "/canned"


def canned_exp(path, items, page=None, headers=None):
    e = {"method": "GET", "path": B + "/api/v2/" + path,
         "exact_query": True, "headers": AUTH,
         "response": {"json": items}, "min": 1}
    if page is not None:
        e["query"] = {"page": str(page), "per_page": "100"}
    if headers:
        e["response"]["headers"] = headers
    return e


def response(rid, title, folder, text, html_=None):
    return {"id": rid, "title": title, "folder_id": folder,
            "content": text,
            "content_html": html_ if html_ is not None else
            "<div>%s</div>" % text,
            "attachments": [], "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z"}


reqs.append(canned_exp("canned_response_folders", [
    {"id": 1, "name": "Envíos", "personal": False, "responses_count": 2,
     "created_at": "2026-01-01T00:00:00Z",
     "updated_at": "2026-01-01T00:00:00Z"},
    {"id": 2, "name": "İadeler", "personal": False, "responses_count": 1,
     "created_at": "2026-01-01T00:00:00Z",
     "updated_at": "2026-01-01T00:00:00Z"},
]))
reqs.append(canned_exp("canned_response_folders/1/responses", [
    response(11, "Pedido en camino", 1,
             "Hola {{ticket.requester.firstname}}, " + ES)],
    page=1, headers=link_next("/api/v2/canned_response_folders/1/responses",
                              2)))
reqs.append(canned_exp("canned_response_folders/1/responses", [
    response(12, "شكر", 1, None, "<p>" + AR + "</p><p>{{ticket.id}}</p>")],
    page=2))
reqs.append(canned_exp("canned_response_folders/2/responses", [
    response(21, "İade", 2, TR)], page=1))

out = os.path.join(os.path.dirname(__file__), "..", "unit",
                   "test_freshdesk.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
