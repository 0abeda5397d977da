"""Orders and shipments matching a ticket's situation."""
from datetime import timedelta
from decimal import Decimal

from . import catalog as cat
from .people import COUNTRIES

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# situation -> (min, max) days between order creation and ticket creation
ORDER_AGE = {
    "wismo": (12, 28), "angry": (18, 30), "customs": (9, 24), "damaged": (6, 20), "wrong_item": (6, 20),
    "refund": (16, 30), "cancel": (0.1, 1.5), "address": (0.05, 1.2), "payment": (0.01, 0.6),
    "thanks": (6, 22), "question": (5, 20),
}


def make_order(rng, cust, country, situation, ticket_created, ticket_status, floor, primary=True):
    lo, hi = ORDER_AGE[situation] if primary else (20, 40)
    created = ticket_created - timedelta(seconds=int(rng.uniform(lo, hi) * 86400))
    created = max(created, floor + timedelta(seconds=rng.randrange(3600, 86400)))
    if created >= ticket_created:
        created = ticket_created - timedelta(seconds=rng.randrange(600, 3600))
    currency = COUNTRIES[country][6]
    items, total = [], Decimal(0)
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        sku, name, usd = cat.pick_item(rng)
        if any(i["sku"] == sku for i in items):
            continue
        qty = 2 if rng.random() < 0.12 else 1
        price = cat.local_price(usd, currency)
        total += price * qty
        items.append({"sku": sku, "name": name, "quantity": qty, "price": cat.fmt_money(price, currency)})
    status, fin, ful = "open", "paid", "fulfilled"
    done = ticket_status in ("solved", "closed")
    if not primary:
        status = "closed"
    elif situation == "refund":
        status, fin = "closed", rng.choice(["refunded", "refunded", "partially_refunded"])
    elif situation == "cancel":
        status, fin, ful = ("cancelled", rng.choice(["voided", "refunded"]), "unfulfilled") if done else ("open", "paid", "unfulfilled")
    elif situation == "address":
        ful = rng.choice(["unfulfilled", "unfulfilled", "fulfilled"])
    elif situation == "payment":
        fin, ful = ("pending" if rng.random() < 0.2 else "paid"), "unfulfilled"
    elif situation == "angry" and done:
        status, fin = "closed", "refunded"
    elif situation in ("damaged", "wrong_item") and done:
        fin = rng.choice(["paid", "partially_refunded"])
    elif situation in ("thanks",) or done:
        status = "closed"
    if ful == "fulfilled" and len(items) > 1 and situation == "wismo" and rng.random() < 0.3:
        ful = "partial"
    cities = COUNTRIES[country][5]
    order = {"id": None, "number": None, "customer": cust["id"], "email": cust["email"], "created_at": iso(created),
             "status": status, "financial_status": fin, "fulfillment_status": ful, "currency": currency,
             "total": cat.fmt_money(total, currency), "ship_country": country, "ship_city": rng.choice(cities),
             "items": items}
    return order, created


# shipment status for the ticket situation
def ship_status(rng, situation, primary):
    if not primary:
        return "delivered"
    r = rng.random()
    if situation == "wismo":
        return "in-transit" if r < 0.7 else "exception" if r < 0.85 else "info-received"
    if situation == "angry":
        return "in-transit" if r < 0.5 else "expired" if r < 0.75 else "exception"
    if situation == "customs":
        return "customs"
    if situation == "refund":
        return "returning" if r < 0.6 else "delivered"
    if situation == "address":
        return "info-received" if r < 0.7 else "in-transit"
    if situation == "question":
        return "delivered" if r < 0.7 else "out-for-delivery"
    return "delivered"


PATH = [("info-received", "O", "info-received"), ("in-transit", "O", "picked-up"),
        ("in-transit", "H", "origin-hub"), ("in-transit", "H", "export"),
        ("in-transit", "G", "arrival"), ("customs", "G", "customs"), ("in-transit", "G", "cleared"),
        ("in-transit", "C", "local"), ("out-for-delivery", "C", "out-for-delivery"),
        ("delivered", "C", "delivered")]
CUT = {"info-received": 1, "in-transit": None, "customs": 6, "out-for-delivery": 9, "delivered": 10,
       "exception": 8, "returning": 8, "expired": 5}


def make_shipment(rng, order, order_created, ticket_created, situation, primary):
    country = order["ship_country"]
    status = ship_status(rng, situation, primary)
    carrier = rng.choice(cat.CARRIERS_BY_COUNTRY[country])
    start = order_created + timedelta(seconds=rng.randrange(6 * 3600, 3 * 86400))
    if status in ("in-transit", "expired") and situation in ("wismo", "angry"):
        end = ticket_created - timedelta(seconds=int(rng.uniform(6.2, 11) * 86400))
    elif status == "customs":
        end = ticket_created - timedelta(seconds=int(rng.uniform(1, 7) * 86400))
    elif status in ("delivered",) and primary:
        end = ticket_created - timedelta(seconds=rng.randrange(2 * 3600, 3 * 86400))
    elif status == "info-received":
        end = start
    else:
        end = ticket_created - timedelta(seconds=rng.randrange(3600, 4 * 86400))
    if end < start + 2 * HOUR:
        start = order_created + timedelta(seconds=rng.randrange(1800, 7200))
        end = max(end, start + 2 * HOUR)
    end = min(end, ticket_created - timedelta(minutes=5))
    n = CUT[status] or rng.randrange(3, 9)
    steps = list(PATH[:n])
    if status == "exception":
        steps.append(("exception", "C", "exception"))
    elif status == "returning":
        steps += [("exception", "C", "exception"), ("returning", "C", "returning")]
    elif status == "expired":
        steps.append(("expired", "H", "expired"))
    while len(steps) > 2 and len(steps) > 10:
        steps.pop(3)
    if status not in ("customs",) and len(steps) > 7 and rng.random() < 0.6:
        del steps[5:7]  # cleared without a customs hold
    elif len(steps) > 4 and rng.random() < 0.4:
        steps.pop(rng.randrange(2, len(steps) - 1))
    if status == "info-received" and rng.random() < 0.5:
        steps = [("info-received", "O", "info-received"), ("info-received", "O", "info-received")]
    span = (end - start).total_seconds()
    k = len(steps)
    offs = [(i + rng.uniform(-0.35, 0.35)) / (k - 1) for i in range(1, k - 1)]
    times = [start] + [start + timedelta(seconds=int(o * span)) for o in offs] + ([end] if k > 1 else [])
    origin, hub = rng.choice(cat.ORIGINS), rng.choice(cat.HUBS)
    locs = {"O": origin, "H": hub, "G": cat.GATEWAYS[country], "C": "%s, %s" % (order["ship_city"], country)}
    events, used = [], set()
    for (st, loc, dkey), t in zip(steps, times):
        choices = [d for d in cat.DESCRIPTIONS[dkey] if d not in used] or cat.DESCRIPTIONS[dkey]
        d = rng.choice(choices)
        used.add(d)
        events.append({"time": iso(t), "location": locs[loc], "status": st, "description": d})
    eta = None
    if status in ("in-transit", "customs", "info-received", "out-for-delivery") or rng.random() < 0.2:
        base = order_created + timedelta(days=rng.randrange(8, 22))
        eta = iso(base.replace(hour=0, minute=0, second=0) + 23 * HOUR + 59 * timedelta(minutes=1))
    return {"id": None, "order": None, "carrier": carrier, "tracking_number": cat.TRACKING[carrier](rng),
            "status": status, "eta": eta, "events": events}
