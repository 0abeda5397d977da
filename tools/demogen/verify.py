"""python3 -m tools.demogen.verify OUTDIR -- sanity checks on a generated workspace."""
import collections
import json
import os
import re
import sys
from datetime import datetime, timedelta, timezone

TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def t(s):
    assert TS.match(s), s
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def main(out):
    ld = lambda n: json.load(open(os.path.join(out, n), encoding="utf-8"))
    ws, custs, orders, ships = ld("workspace.json"), ld("customers.json"), ld("orders.json"), ld("shipments.json")
    anchor = t(ws["anchor"])
    lo = anchor - timedelta(days=10)
    cid = {c["id"]: c for c in custs}
    oid = {o["id"]: o for o in orders}
    agents = {a["name"] for a in ws["agents"]}
    assert ws["me"] in agents
    files = sorted(os.listdir(os.path.join(out, "tickets")))
    assert files == ["%d.json" % i for i in range(1001, 1301)], "ticket ids"
    h = collections.defaultdict(collections.Counter)
    errs = []
    for f in files:
        tk = json.load(open(os.path.join(out, "tickets", f), encoding="utf-8"))
        c = cid[tk["requester"]]
        h["language"][tk["language"]] += 1
        h["country"][c["country"]] += 1
        for k in ("status", "priority", "channel"):
            h[k][tk[k]] += 1
        h["assignee"][tk["assignee"]] += 1
        h["nmsgs"][len(tk["messages"])] += 1
        for tag in tk["tags"]:
            h["tags"][tag] += 1
        assert tk["assignee"] is None or tk["assignee"] in agents
        cr, up = t(tk["created_at"]), t(tk["updated_at"])
        if not (lo <= cr < anchor and lo <= up < anchor):
            errs.append("%s time out of range" % f)
        ms = tk["messages"]
        assert 1 <= len(ms) <= 6, f
        assert len({m["id"] for m in ms}) == len(ms), f
        assert ms[0]["created_at"] == tk["created_at"] and ms[-1]["created_at"] == tk["updated_at"], f
        prev = cr
        for m in ms:
            mt = t(m["created_at"])
            assert prev <= mt < anchor, f
            prev = mt
            assert m["author"] in ("customer", "agent", "system")
            assert m["html"] is None or isinstance(m["html"], str)
            if m["html"]:
                h["misc"]["html"] += 1
            if "{" in m["body"] and "}" in m["body"] and re.search(r"\{(order|customer|agent|tracking|onum|fullname)\}", m["body"]):
                errs.append("%s unfilled placeholder" % f)
            for a in m["attachments"]:
                assert set(a) == {"name", "size"}
        replied = any(m["author"] == "agent" and m["public"] for m in ms)
        assert (tk["first_response_due"] is None) == replied, f
        if re.search(r"\{(order|customer|agent|tracking)\}", tk["subject"]):
            errs.append("%s subject placeholder" % f)
    for o in orders:
        assert o["customer"] in cid and cid[o["customer"]]["email"] == o["email"]
        ot = t(o["created_at"])
        if not (anchor - timedelta(days=40) <= ot < anchor):
            errs.append("order %s time" % o["id"])
        dec = 0 if o["currency"] in ("JPY", "IDR", "VND") else 2
        tot = sum(round(float(i["price"]) * 10 ** dec) * i["quantity"] for i in o["items"])
        assert tot == round(float(o["total"]) * 10 ** dec), o["id"]
        assert ("." in o["total"]) == (dec == 2), o["id"]
        assert 1 <= len(o["items"]) <= 3
    for s in ships:
        o = oid[s["order"]]
        assert o["fulfillment_status"] != "unfulfilled"
        ev = s["events"]
        assert 1 <= len(ev) <= 10, s["id"]
        ts = [t(e["time"]) for e in ev]
        assert ts == sorted(ts), s["id"]
        if not (ts[0] >= t(o["created_at"]) and ts[-1] < anchor):
            errs.append("shipment %s event time" % s["id"])
        h["ship_status"][s["status"]] += 1
        h["carrier"][s["carrier"]] += 1
    for k, v in sorted(h.items()):
        print(k, dict(sorted(v.items(), key=lambda x: -x[1])))
    size = sum(os.path.getsize(os.path.join(dp, fn)) for dp, _, fns in os.walk(out) for fn in fns)
    print("customers %d orders %d shipments %d bytes %d" % (len(custs), len(orders), len(ships), size))
    print("errors:", errs[:20], len(errs))


if __name__ == "__main__":
    main(sys.argv[1])
