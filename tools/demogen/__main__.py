"""python3 -m tools.demogen OUTDIR  -- deterministic demo workspace for ttydesk."""
import html
import importlib
import json
import os
import random
import shutil
import sys
from datetime import timedelta

from . import edge
from .canned import CANNED
from . import orders as od
from . import people
from .plan import (ANCHOR, COUNTRY_W, GAP_H, LOGISTIC, PATTERNS, SITUATION_W, SUBJECT_FOR, TAGS, channel_for,
                   created_time, iso, priority_for, quote_block, status_for, wchoice)
from .text_en import NOTES

FLOOR = ANCHOR - timedelta(days=10)
ORDER_FLOOR = FLOOR - timedelta(days=30)
NTICKETS = 300
LANGS = ["en", "es", "de", "fr", "pt", "it", "tr", "ar", "ja", "id", "th", "vi"]
AGENTS = [
    {"name": "Maya Cohen", "email": "maya@demo-shop.example", "languages": ["en", "es"]},
    {"name": "Kenji Watanabe", "email": "kenji@demo-shop.example", "languages": ["ja", "en", "th"]},
    {"name": "Lucía Ortega", "email": "lucia@demo-shop.example", "languages": ["es", "pt", "it", "en"]},
    {"name": "Tom Becker", "email": "tom@demo-shop.example", "languages": ["de", "en", "fr", "tr"]},
]
def pick(rng, mod, name, situation=None, fallback=None):
    src = getattr(mod, name, None)
    if src is not None and situation is not None:
        src = src.get(situation)
    if not src:
        return pick(rng, fallback, name, situation) if fallback else None
    return rng.choice(src) if isinstance(src, list) else src


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python3 -m tools.demogen OUTDIR")
    out = argv[1]
    rng = random.Random(20261125)
    texts = {}
    for lang in LANGS:
        try:
            texts[lang] = importlib.import_module(".text_" + lang, __package__)
        except ModuleNotFoundError:
            pass
    en = texts["en"]
    cw = {c: w for c, w in COUNTRY_W.items() if people.COUNTRIES[c][0] in texts}

    plans = []
    for _ in range(NTICKETS):
        c = wchoice(rng, cw)
        plans.append({"country": c, "situation": wchoice(rng, SITUATION_W), "channel": channel_for(rng, c),
                      "created": created_time(rng), "edge": None})
    slots = rng.sample(range(NTICKETS), len(edge.EDGE_PLANS))
    for slot, (kind, c, sit, ch) in zip(slots, edge.EDGE_PLANS):
        if people.COUNTRIES[c][0] in texts:
            plans[slot].update(country=c, situation=sit, channel=ch, edge=kind)
    plans.sort(key=lambda p: p["created"])

    customers, by_country, orders, tickets = [], {}, [], []
    for n, p in enumerate(plans):
        country, sit, ch, created = p["country"], p["situation"], p["channel"], p["created"]
        lang = people.COUNTRIES[country][0]
        mod = texts[lang]
        if by_country.get(country) and rng.random() < 0.08:
            cust = rng.choice(by_country[country])
        else:
            name, greet, email, phone, tz, locale = people.make_person(rng, country)
            cust = {"id": "c%04d" % (len(customers) + 1), "name": name, "email": email, "phone": phone,
                    "country": country, "timezone": tz, "locale": locale, "_greet": greet}
            customers.append(cust)
            by_country.setdefault(country, []).append(cust)
        age_h = (ANCHOR - created).total_seconds() / 3600
        status = status_for(rng, age_h, sit)
        order = ship = None
        if sit != "question":
            order, ocreated = od.make_order(rng, cust, country, sit, created, status, ORDER_FLOOR)
            if order["fulfillment_status"] != "unfulfilled":
                ship = od.make_shipment(rng, order, ocreated, created, sit, True)
            orders.append((ocreated, n, order, ship))
            if rng.random() < 0.3 and len(orders) < 370:
                o2, oc2 = od.make_order(rng, cust, country, sit, created, status, ORDER_FLOOR, primary=False)
                orders.append((oc2, n, o2, od.make_shipment(rng, o2, oc2, created, sit, False)))
        assignee = None
        fit = [a["name"] for a in AGENTS if lang in a["languages"]] or [a["name"] for a in AGENTS]
        agent = rng.choice(fit)
        pattern = rng.choice(PATTERNS[status]) if sit != "thanks" else (["C"] if status == "new" else ["C", "A"])
        if sit not in LOGISTIC:
            pattern = [k for k in pattern if k != "A2"]
        if status != "new" or rng.random() < 0.15:
            assignee = agent
        if any(k in ("A", "N", "A2") for k in pattern):
            assignee = agent
        # message times
        gaps = [0] + [rng.uniform(*GAP_H[k]) * 3600 for k in pattern[1:]]
        avail = (ANCHOR - created).total_seconds() - 60
        if sum(gaps) > avail:
            gaps = [g * avail / sum(gaps) * 0.95 for g in gaps]
        chatty = ch in ("chat", "whatsapp", "line")
        fill1 = lambda s: (s.replace("{customer}", cust["_greet"]).replace("{fullname}", cust["name"])
                           .replace("{agent}", agent))
        msgs, t, last_agent = [], created, None
        for i, (k, g) in enumerate(zip(pattern, gaps)):
            t = t + timedelta(seconds=int(g))
            m = {"id": "m%d" % (i + 1), "author": "customer", "author_name": cust["name"], "public": True,
                 "body": "", "html": None, "attachments": [], "created_at": iso(t)}
            if k == "C":
                src = getattr(mod, "CHAT" if chatty else "EMAIL")[sit]
                body_idx = rng.randrange(len(src))
                if sit == "question" and "A" in pattern:  # the canned reply answers the sizing question
                    body_idx = 0
                m["body"] = src[body_idx]
                if sit == "damaged":
                    for j in range(rng.choice([1, 2, 3])):
                        m["attachments"].append({"name": "IMG_%04d.jpg" % (2041 + j if not chatty else rng.randrange(1000, 9999)),
                                                 "size": rng.randrange(800_000, 4_200_000)})
            elif k in ("F", "X"):
                m["body"] = pick(rng, mod, "FOLLOWUP" if k == "F" else "CLOSING", None, en)
            elif k in ("A", "A2"):
                m.update(author="agent", author_name=agent)
                m["body"] = pick(rng, mod, "REPLY", sit, en) if k == "A" else pick(rng, mod, "AGENT2", None, en)
                if k == "A" and sit == "customs":
                    m["attachments"].append({"name": "commercial-invoice-{onum}.pdf", "size": rng.randrange(40_000, 120_000)})
                if k == "A" and sit == "refund":
                    m["attachments"].append({"name": "refund-confirmation-{onum}.pdf", "size": rng.randrange(30_000, 90_000)})
            elif k == "N":
                notes = [x for x in NOTES[sit] if country == "BR" or not x.startswith("BR ")]
                m.update(author="agent", author_name=agent, public=False, body=rng.choice(notes))
            elif k == "S":
                m.update(author="system", author_name="System", public=False,
                         body=rng.choice(["Status changed to on-hold: waiting for carrier.",
                                          "Reminder set: follow up with warehouse in 48h.",
                                          "Carrier claim opened automatically."]))
            m["body"] = fill1(m["body"])
            if m["author"] == "customer" and hasattr(mod, "adapt"):
                m["body"] = mod.adapt(m["body"], people.is_female(cust["name"]))
            if k in ("F", "X") and ch == "email" and last_agent and rng.random() < 0.3:
                plain, qh = quote_block(last_agent[0], agent, last_agent[1])
                m["html"] = ('<div dir="ltr">%s</div><br>\n%s' % (html.escape(m["body"]).replace("\n", "<br>\n"), qh))
                m["body"] = m["body"] + "\n\n" + plain
            if m["author"] == "agent" and m["public"]:
                last_agent = (m["body"], t)
            msgs.append(m)
        subjects = mod.SUBJECTS[sit]
        subject = subjects[rng.choice(SUBJECT_FOR.get(sit, {}).get(body_idx, range(len(subjects))))]
        if chatty:  # chat channels have no subject line: helpdesks use the first line of the first message
            first = msgs[0]["body"].split("\n")[0]
            subject = first if len(first) <= 60 else first[:59].rstrip() + "…"
        if hasattr(mod, "adapt"):
            subject = mod.adapt(subject, people.is_female(cust["name"]))
        p_edge = p["edge"]
        if p_edge == "escape":
            msgs[0]["body"] = fill1(edge.ESCAPE_BODY)
        elif p_edge == "rlo":
            subject, msgs[0]["body"] = edge.RLO_SUBJECT, fill1(edge.RLO_BODY)
        elif p_edge == "biglog":
            msgs[0]["body"] = fill1(edge.big_chat_log(rng))
        elif p_edge == "emoji":
            subject, msgs[0]["body"] = edge.EMOJI_SUBJECT, edge.EMOJI_BODY
        elif p_edge == "arabic":
            subject, msgs[0]["body"] = edge.ARABIC_SUBJECT, fill1(edge.ARABIC_BODY)
        replied = any(m["author"] == "agent" and m["public"] for m in msgs)
        due = None
        prio = priority_for(rng, sit)
        if not replied:
            hrs = 1 if ch in ("whatsapp", "line") else 4 if prio in ("urgent", "high") else 24
            due = iso(created + timedelta(hours=hrs))
        tags = list(TAGS[sit])
        if rng.random() < 0.08:
            tags.append("vip")
        if country == "BR" and sit == "customs":
            tags.append("cpf")
        if p_edge:
            tags.append("edge-case")
        tickets.append({"id": None, "subject": subject, "status": status, "priority": prio, "channel": ch,
                        "language": lang, "requester": cust["id"], "assignee": assignee, "tags": tags,
                        "created_at": iso(created), "updated_at": msgs[-1]["created_at"],
                        "first_response_due": due, "messages": msgs, "_order": order, "_ship": ship})

    # number orders chronologically, then render placeholders
    orders.sort(key=lambda x: (x[0], x[1]))
    ship_list = []
    for i, (_, _, o, s) in enumerate(orders):
        o["id"], o["number"] = "o%d" % (1001 + i), "#%d" % (1001 + i)
        if s:
            s["id"], s["order"] = "s%d" % (1001 + i), o["id"]
            ship_list.append(s)
    for i, tk in enumerate(tickets):
        tk["id"] = str(1001 + i)
        o, s = tk.pop("_order"), tk.pop("_ship")
        rep = {"{order}": o["number"] if o else "", "{onum}": o["number"][1:] if o else "",
               "{tracking}": s["tracking_number"] if s else "",
               "{odate}": o["created_at"][:10] if o else "", "{ototal}": "%s %s" % (o["total"], o["currency"]) if o else ""}

        def fill(x):
            for a, b in rep.items():
                x = x.replace(a, b)
            return x
        tk["subject"] = fill(tk["subject"])
        for m in tk["messages"]:
            m["body"] = fill(m["body"])
            m["html"] = fill(m["html"]) if m["html"] else None
            for a in m["attachments"]:
                a["name"] = fill(a["name"])
    for c in customers:
        del c["_greet"]

    def dump(path, obj):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
            f.write("\n")
    os.makedirs(out, exist_ok=True)
    shutil.rmtree(os.path.join(out, "tickets"), ignore_errors=True)
    os.makedirs(os.path.join(out, "tickets"))
    dump(os.path.join(out, "workspace.json"), {"name": "Demo shop (ttydesk)", "anchor": iso(ANCHOR),
                                               "agents": AGENTS, "me": "Maya Cohen"})
    dump(os.path.join(out, "customers.json"), customers)
    dump(os.path.join(out, "orders.json"), [o for _, _, o, _ in orders])
    dump(os.path.join(out, "shipments.json"), ship_list)
    dump(os.path.join(out, "canned.json"), CANNED)
    for tk in tickets:
        dump(os.path.join(out, "tickets", tk["id"] + ".json"), tk)
    print("wrote %d tickets, %d customers, %d orders, %d shipments, languages: %s"
          % (len(tickets), len(customers), len(orders), len(ship_list), " ".join(sorted(texts))))


if __name__ == "__main__":
    main(sys.argv)
