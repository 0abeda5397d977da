#!/usr/bin/env python3
"""gen_test_zendesk.py: writes tests/unit/test_zendesk.json, the loopback
script for test_zendesk.c, from the shapes Zendesk Support API v2 answers
with (api-reference.md section 1; ticket, user, comment and audit objects as
in the zenpy specification samples).

Each test has its own base path (/ok, /inc, /e401, ...) so one server
serves the whole file. Run it after editing:
python3 tests/drivers/gen_test_zendesk.py
"""
import base64
import json
import os

TOKEN = "zd0123456789abcdefTOKEN"
USER = "agent@example.com"
BASIC = "Basic " + base64.b64encode(
    ("%s/token:%s" % (USER, TOKEN)).encode()).decode()
AUTH = {"Authorization": BASIC, "Accept": "application/json"}
HOST = "https://acme.zendesk.com"

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

EXPORT = "/api/v2/incremental/tickets/cursor.json"


def user(id_, name, email, role="end-user", locale="en-US", tz="UTC",
         iana=None):
    u = {"id": id_, "url": "%s/api/v2/users/%d.json" % (HOST, id_),
         "name": name, "email": email, "role": role, "locale": locale,
         "time_zone": tz, "active": True, "created_at": "2026-01-01T00:00:00Z",
         "updated_at": "2026-01-01T00:00:00Z"}
    if iana:
        u["iana_time_zone"] = iana
    return u


AGENT = user(900, "Lena Agent", USER, role="agent")
ADMIN = user(901, "Root Admin", "root@example.com", role="admin")
ANA = user(101, "Ana Muñoz", "es@example.com", locale="es",
           tz="Madrid", iana="Europe/Madrid")
AYSE = user(102, "Ayşe Yılmaz", "tr@example.com", locale="tr",
            tz="Istanbul", iana="Europe/Istanbul")
SARA = user(103, "سارة", "ar@example.com", locale="ar", tz="Riyadh")
KEN = user(104, "山田 健", "ja@example.com", locale="ja", tz="Tokyo",
           iana="Asia/Tokyo")
SOM = user(105, "สมชาย", "th@example.com", locale="th", tz="Bangkok",
           iana="Asia/Bangkok")


def ticket(id_, subject, status, requester, updated, priority=None,
           channel="email", assignee=None, tags=(), slas=None):
    t = {"url": "%s/api/v2/tickets/%d.json" % (HOST, id_), "id": id_,
         "external_id": None,
         "via": {"channel": channel,
                 "source": {"from": {}, "to": {}, "rel": None}},
         "created_at": "2026-11-20T10:00:00Z", "updated_at": updated,
         "generated_timestamp": 1790000000 + id_,
         "type": "question", "subject": subject, "raw_subject": subject,
         "description": "", "priority": priority, "status": status,
         "requester_id": requester, "submitter_id": requester,
         "assignee_id": assignee, "organization_id": None,
         "group_id": 25983618, "collaborator_ids": [], "tags": list(tags),
         "custom_fields": [], "brand_id": 420408}
    if slas is not None:
        t["slas"] = slas
    return t


def export_page(tickets, users, after, end):
    return {"tickets": tickets, "users": users,
            "after_url": "%s%s?cursor=%s" % (HOST, EXPORT, after)
            if after else None,
            "after_cursor": after, "before_url": None,
            "before_cursor": None, "end_of_stream": end}


def comment(id_, author, body, public=True, html=None, atts=(),
            created="2026-11-20T10:00:00Z", plain=True):
    c = {"id": id_, "type": "Comment", "author_id": author, "body": body,
         "html_body": html if html is not None
         else "<div class=\"zd-comment\"><p>%s</p></div>" % body,
         "public": public, "attachments": list(atts),
         "audit_id": id_ + 1, "via": {"channel": "web"}, "metadata": {},
         "created_at": created}
    if plain:
        c["plain_body"] = body
    return c


def comments_page(items, users, after=None):
    return {"comments": items, "users": users,
            "meta": {"has_more": after is not None, "after_cursor": after,
                     "before_cursor": None},
            "links": {"next": None, "prev": None}}


def export_exp(base, page_params, body, status=200):
    q = dict(page_params, per_page="100", include="users,slas")
    return {"method": "GET", "path": base + EXPORT, "query": q,
            "exact_query": True, "headers": AUTH,
            "response": {"status": status, "json": body}, "min": 1}


def comments_exp(base, tid, body, after=None, status=200):
    q = {"page[size]": "100", "include": "users"}
    if after:
        q["page[after]"] = after
    return {"method": "GET",
            "path": "%s/api/v2/tickets/%d/comments.json" % (base, tid),
            "query": q, "exact_query": True, "headers": AUTH,
            "response": {"status": status, "json": body}, "min": 1}


reqs = []

# ---- /ok: a first sync over three export pages, five languages ----
B = "/ok"
SLAS = {"policy_metrics": [
    {"breach_at": "2026-11-20T12:00:00Z", "stage": "active",
     "metric": "first_reply_time", "hours": 2},
    {"breach_at": "2026-11-21T10:00:00Z", "stage": "active",
     "metric": "next_reply_time", "hours": 24}]}
reqs.append(export_exp(B, {"start_time": "0"}, export_page([
    ticket(1, "Pedido dañado — İade", "new", 101, "2026-11-21T09:00:00Z",
           priority="high", channel="email", tags=["envío", "damaged"],
           slas=SLAS),
    ticket(2, "İade talebi", "hold", 102, "2026-11-21T09:30:00Z",
           channel="web_form", assignee=900),
], [ANA, AYSE, AGENT], "c1", False)))
reqs.append(export_exp(B, {"cursor": "c1"}, export_page([
    ticket(3, "طلب عاجل", "pending", 103, "2026-11-21T10:00:00Z",
           priority="urgent", channel="whatsapp", assignee=901),
    ticket(4, "注文 / คำสั่งซื้อ", "solved", 104, "2026-11-22T08:00:00Z",
           priority="low", channel="native_messaging"),
    # KEN is sideloaded nowhere: ticket 4 knows its requester by id only.
], [SARA, ADMIN], "c2", False)))
# The last page: a LINE ticket, a deleted one (no comment request) and
# one deleted between the export and its comments (404: skipped).
reqs.append(export_exp(B, {"cursor": "c2"}, export_page([
    ticket(5, "สินค้า", "closed", 105, "2026-11-22T09:00:00Z",
           channel="line"),
    ticket(6, "spam", "deleted", 105, "2026-11-22T09:10:00Z"),
    ticket(7, "gone", "open", 105, "2026-11-22T09:20:00Z"),
], [SOM], "c3", True)))
# Ticket 1: two comment pages; the customer's first message, an agent's
# reply (HTML kept), an internal note, an automation (author -1).
reqs.append(comments_exp(B, 1, comments_page([
    comment(10, 101, ES + "\n" + TR, atts=[
        {"id": 5001, "file_name": "foto.png", "content_url": HOST + "/a/1",
         "content_type": "image/png", "size": 2532, "thumbnails": []}]),
    comment(12, 900, "Hola & gracias\nİyi günler",
            html="<p>Hola &amp; gracias</p><p>İyi günler</p>",
            created="2026-11-20T11:00:00Z"),
], [ANA, AGENT], after="p2")))
reqs.append(comments_exp(B, 1, comments_page([
    comment(14, 900, "Nota: revisar stock", public=False,
            created="2026-11-20T11:05:00Z"),
    comment(16, -1, "Your request was received.",
            created="2026-11-20T11:06:00Z"),
], [AGENT]), after="p2"))
reqs.append(comments_exp(B, 2, comments_page([comment(20, 102, TR)], [AYSE])))
reqs.append(comments_exp(B, 3, comments_page([
    comment(30, 103, AR),
    # No plain_body: body is the text.
    comment(32, 901, "شكراً", created="2026-11-21T10:00:00Z", plain=False),
], [SARA, ADMIN])))
# No users sideloaded here: the requester is the customer anyway.
reqs.append(comments_exp(B, 4, comments_page([
    comment(40, 104, JA + "\n" + TH)], [])))
reqs.append(comments_exp(B, 5, comments_page([comment(50, 105, TH)], [SOM])))
reqs.append(comments_exp(B, 7, {"error": "RecordNotFound",
                                "description": "Not found"}, status=404))

# ---- /inc: resume from the stored cursor ----
B = "/inc"
reqs.append(export_exp(B, {"cursor": "c3"}, export_page([
    ticket(3, "طلب عاجل", "open", 103, "2026-11-23T12:00:00Z",
           channel="whatsapp"),
], [SARA], "c4", True)))
reqs.append(comments_exp(B, 3, comments_page([
    comment(30, 103, AR),
    comment(34, 103, "شكراً جزيلاً", created="2026-11-23T12:00:00Z"),
], [SARA])))
# Nothing new: the same cursor comes back and is not stored again.
reqs.append(export_exp("/empty", {"cursor": "c4"},
                       export_page([], [], "c4", True)))

# ---- /store: through drv_sync and the store's sink. Page 2 fails three
# times (the engine's attempts), so the first sync keeps page 1 and its
# cursor; the second sync resumes at c1. ----
B = "/store"
reqs.append(export_exp(B, {"start_time": "0"}, export_page([
    ticket(21, "Pedido", "open", 101, "2026-11-21T09:00:00Z"),
], [ANA], "c1", False)))
e = export_exp(B, {"cursor": "c1"}, None)
e.pop("response")
e["responses"] = [{"status": 500, "body": ""}] * 3 + [
    {"json": export_page([ticket(22, "สินค้า", "pending", 105,
                                 "2026-11-22T09:00:00Z", channel="line")],
                         [SOM], "c2", True)}]
e["min"] = 4
reqs.append(e)
reqs.append(comments_exp(B, 21, comments_page([comment(210, 101, ES)],
                                              [ANA])))
reqs.append(comments_exp(B, 22, comments_page([comment(220, 105, TH)],
                                              [SOM])))

# ---- errors ----
reqs.append(export_exp("/e401", {"start_time": "0"},
                       {"error": "Couldn't authenticate you"}, status=401))
reqs.append(export_exp("/e404", {"start_time": "0"},
                       {"error": "InvalidEndpoint",
                        "description": "Not found"}, status=404))
# 429 with Retry-After and a text/plain body (gotcha 2), then the page.
e = export_exp("/e429", {"start_time": "0"}, None)
e.pop("response")
e["responses"] = [{"status": 429, "headers": {"Retry-After": "1"},
                   "body": "Too many requests"},
                  {"json": export_page([], [], "c9", True)}]
e["min"] = 2
reqs.append(e)
e = export_exp("/e500", {"start_time": "0"},
               {"error": {"title": "Internal", "message": "oops"}},
               status=500)
e["times"] = 0
e["min"] = 2
reqs.append(e)
# A connection dropped mid-body, then the answer: a GET is retried.
e = export_exp("/edrop", {"start_time": "0"}, None)
e.pop("response")
e["responses"] = [{"json": export_page([ticket(1, "x", "new", 101,
                                               "2026-11-21T09:00:00Z")],
                                       [], "c1", True), "drop": True},
                  {"json": export_page([], [], "c1", True)}]
e["min"] = 2
reqs.append(e)
# Every answer cut short: given up after the engine's attempts.
e = export_exp("/ecut", {"start_time": "0"}, None)
e["response"] = {"json": export_page([], [], "c1", True), "truncate": 10}
e["times"] = 0
e["min"] = 2
reqs.append(e)
# A slow answer inside the timeout, and one past it.
e = export_exp("/eslow", {"start_time": "0"}, export_page([], [], "s1", True))
e["response"]["delay_ms"] = 700
reqs.append(e)
e = export_exp("/etimeout", {"start_time": "0"},
               export_page([], [], "s1", True))
e["response"]["delay_ms"] = 1500
e["times"] = 0
reqs.append(e)
reqs.append(dict(export_exp("/ebad", {"start_time": "0"}, None),
                 response={"body": "{\"tickets\": [ {\"id\": 1, oops}]}",
                           "headers": {"Content-Type": "application/json"}}))
reqs.append(dict(export_exp("/etrunc", {"start_time": "0"}, None),
                 response={"body": "{\"tickets\": [ {\"id\": 1, \"subj",
                           "headers": {"Content-Type": "application/json"}}))
reqs.append(dict(export_exp("/enotickets", {"start_time": "0"}, None),
                 response={"json": {"count": 0}}))

# ---- bearer auth ----
reqs.append(dict(export_exp("/bearer", {"start_time": "0"},
                            export_page([], [], "b1", True)),
                 headers={"Authorization": "Bearer oauth-" + TOKEN,
                          "Accept": "application/json"}))


# ---- replies: PUT /tickets/{id}.json ----
B = "/reply"


def put(tid, body, resp, base=B):
    return {"method": "PUT",
            "path": "%s/api/v2/tickets/%s.json" % (base, tid),
            "exact_query": True,
            "headers": dict(AUTH, **{"Content-Type": "application/json"}),
            "json": body, "response": resp, "min": 1}


def update_answer(tid, audit_id, comment_id, body, public=True):
    return {"json": {
        "ticket": ticket(tid, "x", "open", 101, "2026-11-24T10:00:00Z"),
        "audit": {"id": audit_id, "ticket_id": tid, "author_id": 900,
                  "created_at": "2026-11-24T10:00:00Z",
                  "metadata": {"system": {}, "custom": {}},
                  "events": [
                      {"id": comment_id - 1, "type": "Change",
                       "field_name": "status", "value": "open"},
                      {"id": comment_id, "type": "Comment", "body": body,
                       "public": public, "author_id": 900,
                       "attachments": []}]}}}


R1 = "Hola <Ana> & co.\n" + JA
reqs.append(put(7, {"ticket": {"comment": {"body": R1, "public": True},
                               "metadata": {"ttydesk_outbox": "tok-1"}}},
                update_answer(7, 7001, 7003, R1)))
reqs.append(put(7, {"ticket": {"comment": {"body": TH, "public": False},
                               "status": "solved",
                               "metadata": {"ttydesk_outbox": "tok-2"}}},
                update_answer(7, 7011, 7013, TH, public=False)))
reqs.append(put(7, {"ticket": {"comment": {"body": AR, "public": True},
                               "status": "hold",
                               "metadata": {"ttydesk_outbox": "tok-3"}}},
                update_answer(7, 7021, 7023, AR)))
# A 500 on the PUT is never retried: times 1 (a second attempt would get
# 599 and fail the --check).
reqs.append(put(8, {"ticket": {"comment": {"body": "x", "public": True},
                               "metadata": {"ttydesk_outbox": "tok-4"}}},
                {"status": 500, "body": ""}))
reqs.append(put(404, {"ticket": {"comment": {"body": "x", "public": True},
                                 "metadata": {"ttydesk_outbox": "tok-5"}}},
                {"status": 404, "json": {"error": "RecordNotFound",
                                         "description": "Not found"}}))
# 429 on the PUT: final (not retried), TD_ERATE; the outbox tries later.
reqs.append(put(9, {"ticket": {"comment": {"body": "y", "public": True},
                               "metadata": {"ttydesk_outbox": "tok-6"}}},
                {"status": 429, "headers": {"Retry-After": "1"},
                 "body": "Too many requests"}))

# ---- a crash mid-send: the PUT lands, its answer is lost (dropped),
# then find_sent reads the audits and finds the comment ----
B = "/crash"
reqs.append(put(11, {"ticket": {"comment": {"body": ES, "public": True},
                                "metadata": {"ttydesk_outbox": "tok-c1"}}},
                dict(update_answer(11, 1101, 1103, ES), drop=True), base=B))


def audit(aid, comment_id, token=None, body="x"):
    return {"id": aid, "ticket_id": 11, "author_id": 900,
            "created_at": "2026-11-24T10:00:00Z",
            "via": {"channel": "api", "source": {}},
            "metadata": {"system": {"client": "ttydesk/0.1.0"},
                         "custom": {"ttydesk_outbox": token} if token
                         else {}},
            "events": [{"id": comment_id, "type": "Comment", "body": body,
                        "public": True, "author_id": 900,
                        "attachments": []}]}


def audits_exp(base, tid, items, after=None, next_after=None):
    q = {"page[size]": "100"}
    if after:
        q["page[after]"] = after
    return {"method": "GET",
            "path": "%s/api/v2/tickets/%d/audits.json" % (base, tid),
            "query": q, "exact_query": True, "headers": AUTH,
            "response": {"json": {
                "audits": items,
                "meta": {"has_more": next_after is not None,
                         "after_cursor": next_after, "before_cursor": None},
                "links": {"next": None, "prev": None}}},
            "min": 1}


reqs.append(audits_exp(B, 11, [audit(1001, 1002, body="¿Y mi pedido?"),
                               audit(1101, 1103, token="tok-c1", body=ES)]))
# The other case: the PUT never arrived (a prefix is not the token).
reqs.append(audits_exp(B, 12, [audit(1201, 1202, token="tok-c10")]))

# ---- find_sent over two audit pages; tok-9 is not tok-90 ----
B = "/find"
reqs.append(audits_exp(B, 11, [audit(1001, 1002),
                               audit(1011, 1012, token="tok-90")],
                       next_after="a1"))
reqs.append(audits_exp(B, 11, [audit(1021, 1023, token="tok-9"),
                               audit(1031, 1033, token="tok-9")],
                       after="a1"))

# ---- updates: one PUT each, tags changed by name only ----
B = "/update"
reqs.append(put(7, {"ticket": {"status": "hold",
                               "assignee_email": "lena@example.com",
                               "additional_tags": ["vip", "envío"],
                               "remove_tags": ["old"]}},
                {"json": {"ticket": ticket(7, "x", "hold", 101,
                                           "2026-11-24T10:00:00Z")}},
                base=B))
reqs.append(put(8, {"ticket": {"assignee_id": None}},
                {"json": {"ticket": ticket(8, "x", "open", 101,
                                           "2026-11-24T10:00:00Z")}},
                base=B))
reqs.append(put(8, {"ticket": {"assignee_id": 900}},
                {"json": {"ticket": ticket(8, "x", "open", 101,
                                           "2026-11-24T10:00:00Z")}},
                base=B))
reqs.append(put(404, {"ticket": {"status": "solved"}},
                {"status": 404, "json": {"error": "RecordNotFound",
                                         "description": "Not found"}},
                base=B))

# ---- canned replies: active macros, cursor paged; only those that write
# a comment count ----
B = "/canned"


def macro(mid, title, actions):
    return {"url": "%s/api/v2/macros/%d.json" % (HOST, mid), "id": mid,
            "title": title, "raw_title": title, "active": True,
            "updated_at": "2026-01-01T00:00:00Z",
            "created_at": "2026-01-01T00:00:00Z", "position": mid,
            "description": None, "actions": actions, "restriction": None}


def macros_exp(items, after=None, next_after=None):
    q = {"page[size]": "100"}
    if after:
        q["page[after]"] = after
    return {"method": "GET", "path": B + "/api/v2/macros/active.json",
            "query": q, "exact_query": True, "headers": AUTH,
            "response": {"json": {
                "macros": items,
                "meta": {"has_more": next_after is not None,
                         "after_cursor": next_after, "before_cursor": None},
                "links": {"next": None, "prev": None}}},
            "min": 1}


reqs.append(macros_exp([
    macro(1, "Devoluciones::Producto dañado", [
        {"field": "status", "value": "pending"},
        {"field": "comment_value",
         "value": "Hola {{ticket.requester.first_name}}, " + ES}]),
    # Fields only: not a canned reply.
    macro(2, "Close and redirect", [
        {"field": "status", "value": "solved"},
        {"field": "priority", "value": "normal"}]),
    # The old form: ["channel:all", text].
    macro(3, "お詫び", [
        {"field": "comment_value", "value": ["channel:all", JA]}]),
], next_after="m3"))
reqs.append(macros_exp([
    macro(4, "Envío::Tayland::Teslimat", [
        {"field": "comment_value_html",
         "value": "<p>" + TH + "</p><p>{{ticket.id}}</p>"}]),
], after="m3"))

out = os.path.join(os.path.dirname(__file__), "..", "unit",
                   "test_zendesk.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
