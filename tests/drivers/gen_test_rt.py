#!/usr/bin/env python3
"""gen_test_rt.py: writes tests/unit/test_rt.json, the loopback script for
test_rt.c, from the shapes RT 5.0.3 answers with (api-reference.md section
5; the collection shapes were checked against a real RT 5 from Debian).

Each test has its own base path (/ok, /inc, /e401, ...) so one server
serves the whole file. Run it after editing: python3 tests/drivers/gen_test_rt.py
"""
import json
import os

TOKEN = "1-14-0123456789abcdef0123456789abcdef"
AUTH = {"Authorization": "token " + TOKEN, "Accept": "application/json"}
HOST = "http://127.0.0.1:8097"   # RT's _url values name its $WebBaseURL

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

LIST_FIELDS = "Subject,Status,Queue,Owner,Requestor,Created,LastUpdated"


def ref(kind, id_):
    return {"id": id_, "type": kind, "_url": "%s/REST/2.0/%s/%s" % (HOST, kind, id_)}


def ticket_item(tid, subject, status, requestor, updated, owner="Nobody",
                realname=""):
    return {
        "id": str(tid), "type": "ticket", "_url": ref("ticket", tid)["_url"],
        "Subject": subject, "Status": status,
        "Queue": dict(ref("queue", "1"), Name="General"),
        "Owner": ref("user", owner),
        "Requestor": [dict(ref("user", requestor), EmailAddress=requestor,
                           RealName=realname)],
        "Created": "2026-11-20T10:00:00Z", "LastUpdated": updated,
    }


def collection(items, page=1, pages=1, total=None):
    return {"count": len(items), "page": page, "per_page": 100,
            "pages": pages, "total": total if total is not None else len(items),
            "items": items}


def txn(id_, type_, creator, created="2026-11-20T10:00:00Z"):
    return {"id": str(id_), "type": "transaction", "_url": ref("transaction", id_)["_url"],
            "Type": type_, "Creator": ref("user", creator), "Created": created}


def att(id_, txn_id, ctype, content, filename=""):
    # In this collection TransactionId is the bare id and Content is text.
    return {"id": str(id_), "type": "attachment", "_url": ref("attachment", id_)["_url"],
            "TransactionId": str(txn_id), "ContentType": ctype,
            "Filename": filename, "Content": content}


def list_exp(base, query, page, body, status=200, extra=None):
    e = {"method": "GET", "path": base + "/REST/2.0/tickets",
         "query": {"query": query, "page": str(page), "per_page": "100",
                   "orderby": "LastUpdated", "order": "ASC",
                   "fields": LIST_FIELDS, "fields[Queue]": "Name",
                   "fields[Requestor]": "EmailAddress,RealName"},
         "exact_query": True, "headers": AUTH,
         "response": {"status": status, "json": body}, "min": 1}
    if extra:
        e.update(extra)
    return e


def sub_exp(base, tid, what, body, page=1):
    fields = ("Type,Creator,Created" if what == "history"
              else "TransactionId,ContentType,Filename,Content")
    return {"method": "GET", "path": "%s/REST/2.0/ticket/%s/%s" % (base, tid, what),
            "query": {"page": str(page), "per_page": "100", "fields": fields},
            "exact_query": True, "headers": AUTH,
            "response": {"json": body}, "min": 1}


reqs = []

# ---- /ok: a first sync over two pages, five languages ----
B = "/ok"
reqs.append(list_exp(B, "id > 0", 1, collection([
    ticket_item(1, "Pedido dañado — İade", "new", "es@example.com",
                "2026-11-21T09:00:00Z", realname="Ana Muñoz"),
    ticket_item(2, "طلب عاجل", "stalled", "ar@example.com",
                "2026-11-21T09:30:00Z", owner="agent1"),
], page=1, pages=2, total=3)))
reqs.append(list_exp(B, "id > 0", 2, collection([
    ticket_item(3, "注文 / คำสั่งซื้อ", "resolved", "ja@example.com",
                "2026-11-22T08:00:00Z"),
], page=2, pages=2, total=3)))
# Ticket 1: created by the customer (an email), answered, noted; its
# history spans two pages.
reqs.append(sub_exp(B, 1, "history", collection([
    txn(10, "Create", "es@example.com"),
    txn(11, "EmailRecord", "RT_System"),
], page=1, pages=2)))
reqs.append(sub_exp(B, 1, "history", collection([
    txn(12, "Correspond", "agent1", "2026-11-20T11:00:00Z"),
    txn(13, "Comment", "agent1", "2026-11-20T11:05:00Z"),
    txn(14, "Status", "RT_System"),
], page=2, pages=2), page=2))
reqs.append(sub_exp(B, 1, "attachments", collection([
    att(100, 10, "multipart/mixed", ""),
    att(101, 10, "text/plain", ES + "\n" + TR),
    att(102, 10, "image/png", "\u0089PNG", filename="foto.png"),
    att(103, 11, "text/plain", "autoreply " + ES),
    att(104, 12, "text/html",
        "<div style=\"white-space: pre-wrap\">Hola &amp; gracias<br>\nİyi günler</div>"
        "<!-- ttydesk-outbox:abc123 -->"),
    att(105, 13, "text/plain", "Nota: revisar stock"),
])))
reqs.append(sub_exp(B, 2, "history", collection([txn(20, "Create", "ar@example.com")])))
reqs.append(sub_exp(B, 2, "attachments", collection([att(200, 20, "text/plain", AR)])))
reqs.append(sub_exp(B, 3, "history", collection([txn(30, "Create", "root")])))
reqs.append(sub_exp(B, 3, "attachments", collection([
    att(300, 30, "text/plain", JA + "\n" + TH)])))

# ---- /inc: an incremental sync from a stored cursor; nothing new on a
# later page past the end (RT answers 200 with no items) ----
B = "/inc"
reqs.append(list_exp(B, "LastUpdated > '2026-11-21 09:29:59'", 1, collection([
    ticket_item(2, "طلب عاجل", "open", "ar@example.com", "2026-11-23T12:00:00Z"),
])))
reqs.append(sub_exp(B, 2, "history", collection([
    txn(20, "Create", "ar@example.com"),
    txn(21, "Correspond", "ar@example.com", "2026-11-23T12:00:00Z")])))
reqs.append(sub_exp(B, 2, "attachments", collection([
    att(200, 20, "text/plain", AR), att(210, 21, "text/plain", "شكراً")])))
B = "/empty"
reqs.append(list_exp(B, "LastUpdated > '2026-11-23 11:59:59'", 1,
                     {"count": 0, "page": 1, "per_page": 100, "pages": 0.0,
                      "total": 0, "items": []}))

# ---- errors ----
reqs.append(list_exp("/e401", "id > 0", 1, {"message": "Unauthorized"}, status=401))
reqs.append(list_exp("/e404", "id > 0", 1, collection([
    ticket_item(9, "gone", "new", "x@example.com", "2026-11-21T09:00:00Z")])))
reqs.append(dict(sub_exp("/e404", 9, "history", {}),
                 response={"status": 404, "json": {"message": "Not Found"}}))
# 429 with Retry-After, then the page: the GET is retried after a second.
e = list_exp("/e429", "id > 0", 1, None)
e.pop("response")
e["responses"] = [{"status": 429, "headers": {"Retry-After": "1"},
                   "json": {"message": "slow down"}},
                  {"json": collection([])}]
e["min"] = 2
reqs.append(e)
# 500 every time: the engine gives up after its attempts.
e = list_exp("/e500", "id > 0", 1, {"message": "oops"}, status=500)
e["times"] = 0
e["min"] = 2
reqs.append(e)
# A connection dropped mid-body, then the answer.
e = list_exp("/edrop", "id > 0", 1, None)
e.pop("response")
e["responses"] = [{"json": collection([ticket_item(1, "x", "new", "a@example.com",
                                                   "2026-11-21T09:00:00Z")]),
                   "drop": True},
                  {"json": collection([])}]
e["min"] = 2
reqs.append(e)
reqs.append(dict(list_exp("/ebad", "id > 0", 1, None),
                 response={"body": "{\"page\": 1, \"items\": [ {\"id\": \"1\","}))
reqs.append(dict(list_exp("/enoitems", "id > 0", 1, None),
                 response={"json": {"page": 1, "pages": 1}}))

# ---- replies ----
B = "/reply"
def post(path, body, resp):
    return {"method": "POST", "path": B + "/REST/2.0/" + path,
            "exact_query": True,
            "headers": dict(AUTH, **{"Content-Type": "application/json"}),
            "json": body, "response": resp, "min": 1}

reqs.append(post("ticket/7/correspond",
                 {"Content": "<div style=\"white-space: pre-wrap\">"
                             "Hola &lt;Ana&gt; &amp; co.<br>\n" + JA +
                             "</div><!-- ttydesk-outbox:tok-1 -->",
                  "ContentType": "text/html"},
                 {"status": 201, "headers": {"Location": "/REST/2.0/transaction/59"},
                  "json": ["Correspondence added"]}))
reqs.append(post("ticket/7/comment",
                 {"Content": "<div style=\"white-space: pre-wrap\">" + TH +
                             "</div><!-- ttydesk-outbox:tok-2 -->",
                  "ContentType": "text/html", "Status": "resolved"},
                 {"status": 201, "headers": {"Location": "/REST/2.0/transaction/60"},
                  "json": ["Comments added", "Status changed from 'open' to 'resolved'"]}))
# A POST that fails with 500 is never retried: min 1, times 1 (a second
# attempt would get 599 and fail the --check).
reqs.append(post("ticket/8/correspond",
                 {"Content": "<div style=\"white-space: pre-wrap\">x</div>"
                             "<!-- ttydesk-outbox:tok-3 -->",
                  "ContentType": "text/html"},
                 {"status": 500, "body": ""}))
reqs.append(post("ticket/404/correspond",
                 {"Content": "<div style=\"white-space: pre-wrap\">x</div>"
                             "<!-- ttydesk-outbox:tok-4 -->",
                  "ContentType": "text/html"},
                 {"status": 404, "json": {"message": "Not Found"}}))

# ---- find_sent: the marker is in the Correspond (61) and in RT's
# outgoing copy (62, an EmailRecord); the earlier one is ours ----
B = "/find"
def find_exp(tid, page, body):
    return {"method": "GET", "path": "%s/REST/2.0/ticket/%s/attachments" % (B, tid),
            "query": {"page": str(page), "per_page": "100",
                      "fields": "TransactionId,ContentType,Content"},
            "exact_query": True, "headers": AUTH,
            "response": {"json": body}, "min": 1}
reqs.append(find_exp(7, 1, collection([
    att(600, 50, "text/plain", "hello"),
], page=1, pages=2)))
reqs.append(find_exp(7, 2, collection([
    att(620, 62, "text/html", "<p>copy</p><!-- ttydesk-outbox:tok-9 -->"),
    att(610, 61, "text/html", "<div>x</div><!-- ttydesk-outbox:tok-9 -->"),
], page=2, pages=2)))
reqs.append(find_exp(8, 1, collection([
    att(700, 70, "text/html", "<div>x</div><!-- ttydesk-outbox:tok-10 -->")])))

out = os.path.join(os.path.dirname(__file__), "..", "unit", "test_rt.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
