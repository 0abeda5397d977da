#!/usr/bin/env python3
"""net_loopback.py: a loopback.py script for the CLI's network-driver tests.

Usage: net_loopback.py DRIVER UNIT_JSON > script.json

Takes the /ok account of a driver's unit-test script (zammad or chatwoot),
loose enough to be asked more than once (only the page, and Chatwoot's
before=, are matched), and adds what `ttydesk reply` and `ttydesk update`
send for the first ticket. The test reads the server's log to check what
arrived.
"""
import json
import sys

driver, src = sys.argv[1], sys.argv[2]
out = []
for e in json.load(open(src))["requests"]:
    if not e.get("path", "").startswith("/ok/"):
        continue
    q = e.get("query") or {}
    keep = {k: v for k, v in q.items() if k in ("page", "before", "o_id")}
    # The first page of a Chatwoot thread is the one without before=.
    out.append({"method": e["method"], "path": e["path"], "query": keep,
                "exact_query": "/messages" in e["path"] and not keep,
                "headers": e.get("headers", {}),
                "times": 0, "response": e["response"]})


def add(method, path, resp, status=200):
    out.append({"method": method, "path": path, "times": 0,
                "response": {"status": status, "json": resp}})


if driver == "zammad":
    api = "/ok/api/v1"
    add("POST", api + "/ticket_articles",
        {"id": 9001, "ticket_id": 1, "type": "email"}, 201)
    add("PUT", api + "/tickets/1", {"id": 1, "state": "closed"})
    add("POST", api + "/tags/add", True, 201)
    add("DELETE", api + "/tags/remove", True, 201)
else:
    api = "/ok/api/v1/accounts/3"
    for conv in (1, 2):
        add("POST", api + "/conversations/%d/messages" % conv,
            {"id": 900 + conv, "content": "x", "message_type": 1}, 200)
    add("POST", api + "/conversations/1/toggle_status",
        {"meta": {}, "payload": {"success": True}})
    add("GET", api + "/agents",
        [{"id": 3, "name": "Lena Agent", "email": "lena@example.com"}])
    add("POST", api + "/conversations/1/assignments", {"id": 3})
    add("GET", api + "/conversations/1/labels",
        {"payload": ["envío", "vip"]})
    add("POST", api + "/conversations/1/labels",
        {"payload": ["vip", "urgente"]})
json.dump(out, sys.stdout, ensure_ascii=False)
