"""Ticket planning tables and helpers: weights, statuses, priorities, times, quoted replies."""
import html
from datetime import datetime, timedelta, timezone

ANCHOR = datetime(2026, 11, 25, tzinfo=timezone.utc)


COUNTRY_W = {"US": 30, "GB": 16, "AU": 10, "ES": 12, "MX": 12, "DE": 16, "AT": 5, "FR": 16, "BR": 18, "PT": 5,
             "IT": 12, "TR": 10, "SA": 7, "AE": 6, "EG": 5, "JP": 18, "ID": 10, "TH": 10, "VN": 9}
SITUATION_W = {"wismo": 24, "customs": 9, "damaged": 9, "wrong_item": 8, "refund": 9, "cancel": 7, "address": 6,
               "payment": 7, "question": 8, "thanks": 6, "angry": 5}
CHAT_HEAVY = {"BR", "MX", "ES", "ID", "TR", "SA", "AE", "EG", "IT", "PT", "VN"}
TAGS = {"wismo": ["wismo"], "customs": ["customs", "duties"], "damaged": ["damaged", "replacement"],
        "wrong_item": ["wrong-item"], "refund": ["refund"], "cancel": ["cancellation"], "address": ["address-change"],
        "payment": ["payment", "billing"], "question": ["pre-sale"], "thanks": ["feedback"],
        "angry": ["wismo", "chargeback-risk", "escalated"]}
PATTERNS = {
    "new": [["C"], ["C"], ["C", "F"]],
    "open": [["C", "N"], ["C", "A", "F"], ["C", "A", "F", "N"], ["C"]],
    "pending": [["C", "A"], ["C", "N", "A"], ["C", "A", "F", "A2"]],
    "on-hold": [["C", "A", "N", "S"], ["C", "N", "A"], ["C", "A", "S"]],
    "solved": [["C", "A", "X"], ["C", "N", "A", "X"], ["C", "A", "F", "A2", "X"], ["C", "A", "F", "N", "A2", "X"], ["C", "A"]],
}
PATTERNS["closed"] = PATTERNS["solved"]
LOGISTIC = {"wismo", "customs", "damaged", "wrong_item", "angry", "address"}
# subject index allowed for a given first-message index (default: any subject)
SUBJECT_FOR = {"wrong_item": {0: [1], 1: [0]}, "customs": {0: [0, 1], 1: [0]}, "payment": {0: [0], 1: [1]},
               "question": {0: [0], 1: [1]}}
GAP_H = {"A": (0.3, 16), "N": (0.1, 6), "F": (2, 30), "X": (0.5, 20), "S": (0.01, 1), "A2": (1, 20)}


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def wchoice(rng, weights):
    keys = list(weights)
    return rng.choices(keys, [weights[k] for k in keys])[0]


def channel_for(rng, country):
    if country == "JP":
        w = {"email": 35, "web": 15, "line": 40, "chat": 10}
    elif country == "TH":
        w = {"line": 45, "chat": 20, "email": 20, "web": 15}
    elif country in CHAT_HEAVY:
        w = {"whatsapp": 35, "email": 35, "web": 15, "chat": 15}
    else:
        w = {"email": 50, "web": 25, "chat": 20, "whatsapp": 5}
    return wchoice(rng, w)


def status_for(rng, age_h, situation):
    if age_h < 12:
        w = {"new": 60, "open": 40}
    elif age_h < 48:
        w = {"new": 10, "open": 45, "pending": 25, "on-hold": 10, "solved": 10}
    elif age_h < 120:
        w = {"open": 15, "pending": 25, "on-hold": 15, "solved": 35, "closed": 10}
    else:
        w = {"pending": 10, "solved": 40, "closed": 50}
    if situation == "thanks":
        w = {"new": 1, "solved": 3} if age_h < 24 else {"solved": 2, "closed": 3}
    return wchoice(rng, w)


def priority_for(rng, situation):
    if situation == "angry":
        return rng.choice(["high", "urgent", "urgent"])
    if situation in ("thanks", "question"):
        return rng.choice(["low", "low", "normal"])
    return wchoice(rng, {"low": 10, "normal": 60, "high": 22, "urgent": 8 if situation in ("payment", "damaged") else 3})


def created_time(rng):
    r = rng.random()
    if r < 0.08:
        secs = rng.randrange(300, 6 * 3600)
    elif r < 0.42:
        secs = rng.randrange(6 * 3600, 48 * 3600)
    else:
        secs = rng.randrange(48 * 3600, 10 * 86400 - 3600)
    return ANCHOR - timedelta(seconds=secs)


def quote_block(text, who, when):
    head = "On %s, %s <support@demo-shop.example> wrote:" % ("%s, %s %d, %d at %d:%02d %s" % (when.strftime("%a"), when.strftime("%b"), when.day, when.year,
                                                  (when.hour + 11) % 12 + 1, when.minute, "AM" if when.hour < 12 else "PM"), who)
    plain = head + "\n" + "\n".join(("> " + l) if l else ">" for l in text.split("\n"))
    htm = ('<div class="gmail_quote"><div>%s</div><blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;'
           'padding-left:1ex">%s</blockquote></div>' % (html.escape(head), html.escape(text).replace("\n", "<br>\n")))
    return plain, htm
