#!/usr/bin/env python3
"""rt_loopback.py: a loopback.py script for the console's network tests.

Usage: rt_loopback.py TEST_RT_JSON DELAY_MS STATUS > script.json

The RT answers of the driver's unit test (tests/unit/test_rt.json, its /ok
account: three tickets on two pages), loose enough to be asked more than
once (only the page is matched), the first page DELAY_MS slow; ticket 1
takes replies. STATUS other than 200 answers every request with it.
"""
import json, sys
src, delay, status = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
out = []
for e in json.load(open(src))["requests"]:
    if not e.get("path", "").startswith("/ok/"):
        continue
    q = e.get("query") or {}
    e = {"method": e["method"], "path": e["path"],
         "query": {"page": q["page"]} if "page" in q else {},
         "times": 0, "response": e["response"]}
    out.append(e)
out[0]["response"] = dict(out[0]["response"], delay_ms=delay)
out.append({"method": "POST", "path": "/ok/REST/2.0/ticket/1/correspond",
            "times": 0, "response": {
                "status": 201,
                "headers": {"Location": "/REST/2.0/transaction/59"},
                "json": ["Correspondence added"]}})
if status != 200:
    out = [{"path_prefix": "/", "times": 0,
            "response": {"status": status, "body": "down"}}]
json.dump(out, sys.stdout)
