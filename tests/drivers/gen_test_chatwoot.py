#!/usr/bin/env python3
"""gen_test_chatwoot.py: writes tests/unit/test_chatwoot.json, the loopback
script for test_chatwoot.c, from the shapes Chatwoot's Application API
answers with (api-reference.md section 4: conversations as
{data: {meta, payload}}, messages as {meta, payload} newest page first,
Unix times, numeric message_type, the api_access_token header).

Each test has its own base path (/ok, /inc, /e401, ...) so one server
serves the whole file. Run it after editing:
python3 tests/drivers/gen_test_chatwoot.py
"""
import json
import os

TOKEN = "cw0123456789abcdefTOKEN"
AUTH = {"api_access_token": TOKEN, "Authorization": None,
        "Accept": "application/json"}
JSON_AUTH = dict(AUTH, **{"Content-Type": "application/json"})
ACC = "/api/v1/accounts/3"

ES = "¿Dónde está mi pedido? Llegó dañado."
TR = "İade talebim: ürün kırık, ığdır şubesi."
AR = "طلبي لم يصل بعد، أرجو المساعدة."
JA = "注文した商品がまだ届いていません。"
TH = "สินค้าที่สั่งยังไม่ได้รับ"

T0 = 1795168800       # 2026-11-20T08:00:00Z


def contact(cid, name, email=None, phone=None, country=None):
    return {"id": cid, "name": name, "email": email, "phone_number": phone,
            "identifier": None, "thumbnail": "", "availability_status":
            "offline", "custom_attributes": {},
            "additional_attributes": {"country_code": country}
            if country else {}}


LENA = {"id": 3, "account_id": 3, "availability_status": "online",
        "auto_offline": True, "confirmed": True, "email": "lena@example.com",
        "available_name": "Lena", "name": "Lena Agent", "role": "agent",
        "thumbnail": ""}


def conv(cid, inbox, status, ts, who, labels=(), priority=None,
         assignee=None, channel="Channel::Api", subject=None):
    c = {"meta": {"sender": who, "channel": channel,
                  "hmac_verified": False},
         "id": cid, "uuid": "uuid-%d" % cid, "account_id": 3,
         "inbox_id": inbox, "messages": [], "labels": list(labels),
         "muted": False, "snoozed_until": None, "status": status,
         "created_at": T0, "updated_at": ts + 0.25, "timestamp": ts,
         "first_reply_created_at": None, "unread_count": 1,
         "last_activity_at": ts, "priority": priority,
         "waiting_since": ts, "can_reply": True, "sla_policy_id": None,
         "custom_attributes": {},
         "additional_attributes": {"mail_subject": subject}
         if subject else {}}
    if assignee:
        c["meta"]["assignee"] = assignee
    return c


def msg(mid, cid, content, mtype=0, private=False, sender=None,
        created=None, attachments=()):
    m = {"id": mid, "content": content, "inbox_id": 1,
         "conversation_id": cid, "message_type": mtype,
         "content_type": "text", "status": "sent", "content_attributes": {},
         "created_at": created or T0 + mid, "private": private,
         "source_id": None, "sender_type":
         "Contact" if mtype == 0 else "User" if mtype == 1 else None,
         "sender": sender}
    if attachments:
        m["attachments"] = list(attachments)
    return m


def inboxes_exp(base, payload, status=200):
    return {"method": "GET", "path": base + ACC + "/inboxes",
            "exact_query": True, "headers": AUTH,
            "response": {"status": status, "json": {"payload": payload}
                         if status == 200 else {"error": "denied"}},
            "min": 1}


def list_exp(base, page, convs, all_count, **resp):
    r = {"json": {"data": {"meta": {"mine_count": 0, "assigned_count": 0,
                                    "unassigned_count": all_count,
                                    "all_count": all_count},
                           "payload": convs}}}
    r.update(resp)
    return {"method": "GET", "path": base + ACC + "/conversations",
            "query": {"status": "all", "assignee_type": "all",
                      "sort_by": "last_activity_at_desc", "page": str(page)},
            "exact_query": True, "headers": AUTH, "response": r, "min": 1}


def msgs_exp(base, cid, msgs, before=None, status=200):
    q = {"before": str(before)} if before else {}
    return {"method": "GET",
            "path": "%s%s/conversations/%d/messages" % (base, ACC, cid),
            "query": q, "exact_query": True, "headers": AUTH,
            "response": {"status": status,
                         "json": {"meta": {"labels": []},
                                  "payload": msgs}},
            "min": 1}


INBOXES = [
    {"id": 1, "name": "WhatsApp ES", "channel_type": "Channel::Whatsapp"},
    {"id": 2, "name": "LINE TH", "channel_type": "Channel::Line"},
    {"id": 3, "name": "Soporte", "channel_type": "Channel::Email"},
    {"id": 4, "name": "Twilio", "channel_type": "Channel::TwilioSms",
     "medium": "whatsapp"},
    {"id": 5, "name": "Web", "channel_type": "Channel::WebWidget"},
]
ANA = contact(101, "Ana Muñoz", "ana@example.com", "+34600000000", "ES")
SOM = contact(105, "สมชาย", None, None, "TH")
AYSE = contact(102, "Ayşe Yılmaz", "ayse@example.com")
SARA = contact(103, "سارة", None, "+966500000000", "SA")
KEN = contact(104, "山田 健", "ken@example.com")

reqs = []

# ---- /ok: inboxes, two pages of conversations (latest activity first);
# all_count says when the list ends ----
B = "/ok"
reqs.append(inboxes_exp(B, INBOXES))
reqs.append(list_exp(B, 1, [
    conv(1, 1, "open", T0 + 5000, ANA, labels=["envío", "vip"],
         priority="high", assignee=LENA, channel="Channel::Whatsapp"),
    conv(2, 2, "snoozed", T0 + 4000, SOM, channel="Channel::Line"),
    conv(3, 3, "resolved", T0 + 3000, AYSE, priority="low",
         channel="Channel::Email", subject="Pedido dañado — İade"),
], 5))
reqs.append(list_exp(B, 2, [
    conv(4, 4, "pending", T0 + 2000, SARA, priority="urgent",
         channel="Channel::TwilioSms"),
    conv(5, 5, "open", T0 + 1000, KEN, priority="medium",
         channel="Channel::WebWidget"),
], 5))
# Conversation 1: a full page of 20 (newest), then the 3 before them.
newest = [msg(100 + i, 1, "%s #%d" % (ES, i), mtype=i % 2,
              sender={"id": 101, "name": "Ana Muñoz", "type": "contact"}
              if i % 2 == 0 else {"id": 3, "name": "Lena Agent",
                                  "type": "user"})
          for i in range(4, 24)]
reqs.append(msgs_exp(B, 1, newest))
reqs.append(msgs_exp(B, 1, [
    msg(101, 1, ES, sender={"id": 101, "name": "Ana Muñoz"},
        attachments=[{"id": 9, "message_id": 101, "file_type": "image",
                      "account_id": 3, "data_url":
                      "https://cw.example/rails/blobs/foto.png",
                      "thumb_url": "", "file_size": 2532}]),
    msg(102, 1, "Nota interna: revisar stock", mtype=1, private=True,
        sender={"id": 3, "name": "Lena Agent"}),
    msg(103, 1, "Conversation was assigned to Lena", mtype=2),
], before=104))
reqs.append(msgs_exp(B, 2, [msg(200, 2, TH,
                                sender={"id": 105, "name": "สมชาย"})]))
reqs.append(msgs_exp(B, 3, [msg(300, 3, ES + "\n" + TR,
                                sender={"id": 102, "name": "Ayşe"})]))
reqs.append(msgs_exp(B, 4, [msg(400, 4, AR,
                                sender={"id": 103, "name": "سارة"})]))
reqs.append(msgs_exp(B, 5, [
    msg(499, 5, "Welcome! How can we help?", mtype=3),
    msg(500, 5, JA + "\n" + TH, sender={"id": 104, "name": "山田 健"}),
    msg(501, 5, "ありがとうございます", mtype=1,
        sender={"id": 3, "name": "Lena Agent"}),
]))

# ---- /inc: from the stored cursor; the cursor's second again, then
# the first older one ends it ----
B = "/inc"
reqs.append(inboxes_exp(B, INBOXES))
reqs.append(list_exp(B, 1, [
    conv(4, 4, "open", T0 + 9000, SARA, channel="Channel::TwilioSms"),
    conv(1, 1, "open", T0 + 5000, ANA, channel="Channel::Whatsapp"),
    conv(2, 2, "snoozed", T0 + 4000, SOM, channel="Channel::Line"),
], 5))
reqs.append(msgs_exp(B, 4, [
    msg(400, 4, AR, sender={"id": 103, "name": "سارة"}),
    msg(401, 4, "شكراً جزيلاً", sender={"id": 103, "name": "سارة"})]))
reqs.append(msgs_exp(B, 1, [msg(101, 1, ES)]))
B = "/empty"
reqs.append(inboxes_exp(B, INBOXES))
reqs.append(list_exp(B, 1, [
    conv(4, 4, "open", T0 + 8000, SARA, channel="Channel::TwilioSms")], 5))

# ---- an agent who may not list inboxes: meta.channel decides ----
B = "/noinbox"
reqs.append(inboxes_exp(B, None, status=403))
reqs.append(list_exp(B, 1, [conv(2, 2, "open", T0 + 4000, SOM,
                                 channel="Channel::Line")], 1))
reqs.append(msgs_exp(B, 2, [msg(200, 2, TH)]))

# ---- /store: page 2 fails three times; nothing half-stored ----
B = "/store"
reqs.append(inboxes_exp(B, INBOXES))
reqs[-1]["times"] = 2
reqs.append(list_exp(B, 1, [conv(21, 2, "open", T0 + 700, SOM,
                                 channel="Channel::Line")], 2))
reqs[-1]["times"] = 2
e = list_exp(B, 2, None, 2)
e["response"] = {"status": 500, "json": {"error": "boom"}}
e["times"] = 3
e["min"] = 3
reqs.append(e)
reqs.append(list_exp(B, 2, [conv(22, 1, "open", T0 + 600, ANA,
                                 channel="Channel::Whatsapp")], 2))
e = msgs_exp(B, 21, [msg(210, 21, TH)])
e["times"] = 2
reqs.append(e)
reqs.append(msgs_exp(B, 22, [msg(220, 22, ES)]))

# ---- errors ----
reqs.append(dict(inboxes_exp("/e401", None, status=401),
                 response={"status": 401, "json": {
                     "errors": ["You need to sign in or sign up before "
                                "continuing."]}}))
reqs.append(inboxes_exp("/e404", INBOXES))
reqs.append(list_exp("/e404", 1, None, 0, status=404,
                     json={"error": "Resource could not be found"}))
reqs.append(inboxes_exp("/e429", INBOXES))
e = list_exp("/e429", 1, [], 0)
e["responses"] = [{"status": 429, "headers": {"Retry-After": "1"},
                   "body": "Retry later\n"}, e.pop("response")]
e["min"] = 2
reqs.append(e)
reqs.append(inboxes_exp("/e500", INBOXES))
e = list_exp("/e500", 1, None, 0, status=500,
             json={"error": "Internal Server Error"})
e["times"] = 0
e["min"] = 2
reqs.append(e)
reqs.append(inboxes_exp("/edrop", INBOXES))
e = list_exp("/edrop", 1, [], 0)
e["responses"] = [dict(e["response"], drop=True), e.pop("response")]
e["min"] = 2
reqs.append(e)
reqs.append(inboxes_exp("/ecut", INBOXES))
e = list_exp("/ecut", 1, [], 0, truncate=12)
e["times"] = 0
e["min"] = 2
reqs.append(e)
reqs.append(inboxes_exp("/eslow", INBOXES))
reqs.append(list_exp("/eslow", 1, [], 0, delay_ms=700))
e = inboxes_exp("/etimeout", INBOXES)
e["response"]["delay_ms"] = 1500
e["times"] = 0
reqs.append(e)
reqs.append(inboxes_exp("/ebad", INBOXES))
reqs.append(dict(list_exp("/ebad", 1, None, 0),
                 response={"body": "{\"data\": {\"payload\": [oops]}}",
                           "headers": {"Content-Type": "application/json"}}))
reqs.append(inboxes_exp("/etrunc", INBOXES))
reqs.append(dict(list_exp("/etrunc", 1, None, 0),
                 response={"body": "{\"data\": {\"meta\": {\"all_co",
                           "headers": {"Content-Type": "application/json"}}))
reqs.append(inboxes_exp("/enopayload", INBOXES))
reqs.append(dict(list_exp("/enopayload", 1, None, 0),
                 response={"json": {"data": {"meta": {}}}}))

# ---- replies ----
B = "/reply"


def post(path, body, resp, times=1, min_=1):
    return {"method": "POST", "path": B + ACC + path, "exact_query": True,
            "headers": JSON_AUTH, "json": body, "response": resp,
            "times": times, "min": min_}


def created(mid, content, private=False):
    return {"json": msg(mid, 7, content, mtype=1, private=private,
                        sender={"id": 3, "name": "Lena Agent"})}


def toggled(status):
    return {"json": {"meta": {}, "payload": {
        "success": True, "current_status": status, "conversation_id": 7}}}


R1 = "Hola <Ana> & co.\n" + JA
reqs.append(post("/conversations/7/messages",
                 {"content": R1, "message_type": "outgoing",
                  "private": False}, created(700, R1)))
reqs.append(post("/conversations/7/messages",
                 {"content": TH, "message_type": "outgoing",
                  "private": True}, created(701, TH, True)))
reqs.append(post("/conversations/7/toggle_status", {"status": "resolved"},
                 toggled("resolved")))
reqs.append(post("/conversations/7/messages",
                 {"content": AR, "message_type": "outgoing",
                  "private": False}, created(702, AR)))
reqs.append(post("/conversations/7/toggle_status", {"status": "snoozed"},
                 toggled("snoozed")))
# The message lands, the status does not (retried, as it is safe).
reqs.append(post("/conversations/7/messages",
                 {"content": TR, "message_type": "outgoing",
                  "private": False}, created(703, TR)))
reqs.append(post("/conversations/7/toggle_status", {"status": "resolved"},
                 {"status": 500, "json": {"error": "boom"}}, times=0,
                 min_=3))
# 500 on the message: unknown outcome, never retried.
reqs.append(post("/conversations/8/messages",
                 {"content": "x", "message_type": "outgoing",
                  "private": False},
                 {"status": 500, "json": {"error": "boom"}}))
reqs.append(post("/conversations/404/messages",
                 {"content": "x", "message_type": "outgoing",
                  "private": False},
                 {"status": 404, "json": {
                     "error": "Resource could not be found"}}))
# Outside WhatsApp's 24 h window Chatwoot refuses with 422.
reqs.append(post("/conversations/9/messages",
                 {"content": "x", "message_type": "outgoing",
                  "private": False},
                 {"status": 422, "json": {
                     "error": "Message could not be sent: 24 hour window"}}))

# ---- updates ----
B = "/update"
reqs.append(post("/conversations/7/toggle_status", {"status": "snoozed"},
                 toggled("snoozed")))
reqs.append({"method": "GET", "path": B + ACC + "/agents",
             "exact_query": True, "headers": AUTH,
             "response": {"json": [
                 dict(LENA, id=2, name="Otto", email="otto@example.com"),
                 LENA]},
             "times": 2, "min": 2})
reqs.append(post("/conversations/7/assignments", {"assignee_id": 3},
                 {"json": LENA}))
reqs.append({"method": "GET", "path": B + ACC + "/conversations/7/labels",
             "exact_query": True, "headers": AUTH,
             "response": {"json": {"payload": ["old", "envío"]}},
             "min": 1})
reqs.append(post("/conversations/7/labels", {"labels": ["envío", "vip"]},
                 {"json": {"payload": ["envío", "vip"]}}))
reqs.append(post("/conversations/8/assignments", {"assignee_id": None},
                 {"json": None}))
reqs.append(post("/conversations/8/assignments", {"assignee_id": 5},
                 {"json": dict(LENA, id=5)}))

# ---- canned responses ----
reqs.append({"method": "GET", "path": "/canned" + ACC + "/canned_responses",
             "exact_query": True, "headers": AUTH,
             "response": {"json": [
                 {"id": 1, "account_id": 3, "short_code": "hola",
                  "content": "Hola {{contact.first_name}}, su pedido "
                             "{{conversation.id}} está en camino."},
                 {"id": 2, "account_id": 3, "short_code": "tesekkur",
                  "content": TR},
                 {"id": 3, "account_id": 3, "short_code": "shukran",
                  "content": AR + " — {{agent.name}}"},
             ]}, "min": 1})

out = os.path.join(os.path.dirname(__file__), "..", "unit",
                   "test_chatwoot.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
