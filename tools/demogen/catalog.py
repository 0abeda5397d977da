"""Products, currencies, carriers, tracking-number formats, checkpoint texts."""
from decimal import Decimal, ROUND_HALF_UP

# sku stem, English name, USD price, variant kind (None / "size" / "color")
PRODUCTS = [
    ("HOOD", "Heavyweight Hoodie", 49.90, "size"),
    ("TEE", "Organic Cotton T-Shirt", 19.90, "size"),
    ("JOGG", "Tech Fleece Joggers", 44.90, "size"),
    ("JKT", "Packable Rain Jacket", 79.90, "size"),
    ("BEAN", "Merino Beanie", 24.90, "color"),
    ("SOCK", "Hiking Socks (3-pack)", 16.90, "size"),
    ("SNKR", "Canvas Low-Top Sneakers", 64.90, "size"),
    ("BPK", "Roll-Top Backpack 22L", 89.00, "color"),
    ("TOTE", "Waxed Canvas Tote", 39.00, "color"),
    ("WALL", "Slim Leather Wallet", 34.90, "color"),
    ("BOTL", "Insulated Steel Bottle 750ml", 29.90, "color"),
    ("MUG", "Enamel Camp Mug", 14.90, "color"),
    ("EARB", "Wireless Earbuds Pro", 79.00, "color"),
    ("CHGR", "65W GaN USB-C Charger", 39.90, None),
    ("CABL", "Braided USB-C Cable 2m", 12.90, None),
    ("PWRB", "Power Bank 20000mAh", 49.00, None),
    ("CASE", "Clear MagSafe Phone Case", 22.90, None),
    ("LAMP", "Rechargeable Desk Lamp", 54.90, None),
    ("KEYB", "Mechanical Keyboard 75%", 119.00, None),
    ("MOUS", "Silent Wireless Mouse", 29.00, "color"),
    ("WTCH", "Fitness Tracker Band", 69.00, "color"),
    ("SUNG", "Polarised Sunglasses", 45.00, None),
    ("YOGA", "Cork Yoga Mat", 59.00, None),
    ("CAND", "Soy Candle Set (3)", 27.90, None),
    ("PLNT", "Ceramic Planter Duo", 32.00, "color"),
]
SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
SHOE_SIZES = ["38", "39", "40", "41", "42", "43", "44", "45"]
COLORS = [("BLK", "Black"), ("WHT", "White"), ("NVY", "Navy"), ("OLV", "Olive"), ("GRY", "Grey"), ("SND", "Sand")]

# currency: (USD->x rate, rounding step, decimals)
CURRENCIES = {
    "USD": (1, "0.10", 2), "GBP": (0.79, "0.10", 2), "AUD": (1.53, "0.10", 2), "EUR": (0.93, "0.10", 2),
    "MXN": (17.5, "1", 2), "BRL": (5.1, "0.10", 2), "TRY": (34.0, "1", 2), "SAR": (3.75, "1", 2),
    "AED": (3.67, "1", 2), "EGP": (48.5, "5", 2), "JPY": (150, "10", 0), "IDR": (15600, "1000", 0),
    "THB": (35.5, "1", 2), "VND": (25000, "1000", 0),
}


def pick_item(rng):
    stem, name, usd, kind = rng.choice(PRODUCTS)
    if kind == "size":
        size = rng.choice(SHOE_SIZES if stem == "SNKR" else SIZES)
        code, cname = rng.choice(COLORS[:4])
        return "TD-%s-%s-%s" % (stem, code, size), "%s - %s / %s" % (name, cname, size), usd
    if kind == "color":
        code, cname = rng.choice(COLORS)
        return "TD-%s-%s" % (stem, code), "%s - %s" % (name, cname), usd
    return "TD-%s" % stem, name, usd


def local_price(usd, currency):
    rate, step, decimals = CURRENCIES[currency]
    step = Decimal(step)
    v = (Decimal(str(usd)) * Decimal(str(rate)) / step).quantize(Decimal("1"), ROUND_HALF_UP) * step
    if decimals == 2 and step == Decimal("0.10") and v > 5:
        v = v.quantize(Decimal("1")) - Decimal("0.10")  # x.90 pricing
    return v


def fmt_money(v, currency):
    return str(v.quantize(Decimal("1") if CURRENCIES[currency][2] == 0 else Decimal("0.01")))


# ---------------------------------------------------------------- carriers
def _d(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _s10(rng, prefix, suffix):
    """UPU S10 number with a valid check digit, e.g. RN123456785GB."""
    body = _d(rng, 8)
    s = sum(int(c) * w for c, w in zip(body, (8, 6, 4, 2, 3, 5, 9, 7)))
    c = 11 - s % 11
    c = 0 if c == 10 else 5 if c == 11 else c
    return "%s%s%d%s" % (prefix, body, c, suffix)


def _ups(rng):
    al = "ABCDEFGHJKLMNPRTVWXY0123456789"
    return "1Z" + "".join(rng.choice(al) for _ in range(6)) + _d(rng, 10)


TRACKING = {
    "DHL": lambda r: _d(r, 10),
    "UPS": _ups,
    "FedEx": lambda r: _d(r, 12),
    "USPS": lambda r: "9400" + r.choice("1235") + _d(r, 17),
    "Royal Mail": lambda r: _s10(r, r.choice(["RN", "LX", "TT"]), "GB"),
    "Australia Post": lambda r: "33" + "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(3)) + _d(r, 7),
    "Yanwen": lambda r: _s10(r, r.choice(["UG", "UV"]), "YP"),
    "Cainiao": lambda r: "LP00" + _d(r, 12),
    "J&T Express": lambda r: "JP" + _d(r, 10),
    "Correios": lambda r: _s10(r, r.choice(["NL", "LB", "QP"]), "BR"),
    "CTT": lambda r: _s10(r, "RR", "PT"),
    "Japan Post": lambda r: _s10(r, r.choice(["EJ", "RR", "LX"]), "JP"),
    "Aramex": lambda r: _d(r, 11),
    "Kerry Express": lambda r: "SHP" + _d(r, 10),
    "Thailand Post": lambda r: _s10(r, "EF", "TH"),
    "Deutsche Post": lambda r: "00340434" + _d(r, 12),
    "Colissimo": lambda r: "6A" + _d(r, 11),
    "Correos": lambda r: _s10(r, r.choice(["RR", "UA"]), "ES"),
    "PTT Kargo": lambda r: _s10(r, "RR", "TR"),
    "Poste Italiane": lambda r: _s10(r, "RR", "IT"),
    "Viettel Post": lambda r: _d(r, 12),
}

CARRIERS_BY_COUNTRY = {
    "US": ["USPS", "UPS", "FedEx", "Yanwen"], "GB": ["Royal Mail", "DHL", "Yanwen"],
    "AU": ["Australia Post", "DHL", "Cainiao"], "ES": ["Correos", "Cainiao", "DHL"],
    "MX": ["DHL", "FedEx", "Cainiao"], "DE": ["Deutsche Post", "DHL", "UPS", "Yanwen"],
    "AT": ["DHL", "UPS", "Cainiao"], "FR": ["Colissimo", "Cainiao", "UPS"],
    "BR": ["Correios", "Cainiao", "FedEx"], "PT": ["CTT", "Cainiao"], "IT": ["Poste Italiane", "DHL", "Cainiao"],
    "TR": ["PTT Kargo", "Aramex", "DHL"], "SA": ["Aramex", "DHL"], "AE": ["Aramex", "FedEx"],
    "EG": ["Aramex", "DHL"], "JP": ["Japan Post", "Yanwen", "DHL"], "ID": ["J&T Express", "Cainiao"],
    "TH": ["Kerry Express", "Thailand Post", "J&T Express"], "VN": ["Viettel Post", "J&T Express", "Cainiao"],
}

ORIGINS = ["Shenzhen, CN", "Guangzhou, CN", "Dongguan, CN", "Yiwu, CN"]
HUBS = ["Hong Kong, HK", "Shenzhen, CN", "Guangzhou, CN"]
GATEWAYS = {
    "US": "Los Angeles, US", "GB": "London Heathrow, GB", "AU": "Sydney, AU", "ES": "Madrid, ES",
    "MX": "Mexico City, MX", "DE": "Leipzig, DE", "AT": "Vienna, AT", "FR": "Roissy CDG, FR",
    "BR": "Curitiba, BR", "PT": "Lisbon, PT", "IT": "Milan Malpensa, IT", "TR": "Istanbul, TR",
    "SA": "Riyadh, SA", "AE": "Dubai, AE", "EG": "Cairo, EG", "JP": "Tokyo, JP", "ID": "Jakarta, ID",
    "TH": "Bangkok, TH", "VN": "Ho Chi Minh City, VN",
}

# status -> carrier-style descriptions
DESCRIPTIONS = {
    "info-received": ["Shipment information received", "Electronic shipping information received",
                      "Label created, awaiting item"],
    "picked-up": ["Picked up by carrier", "Shipment picked up", "Accepted at origin facility"],
    "in-transit": ["Departed facility", "In transit to next facility"],
    "origin-hub": ["Arrived at sorting center", "Processed at international hub", "Departed facility"],
    "export": ["Departed from origin country", "Flight departed", "Handed over to linehaul"],
    "arrival": ["Arrived at destination country", "Arrived at destination gateway", "Processed through international gateway"],
    "local": ["Arrived at delivery facility", "Arrived at local depot", "In transit to next facility"],
    "customs": ["Held at customs", "Customs clearance in progress",
                "Awaiting payment of import duties and taxes", "Customs clearance: documents required"],
    "cleared": ["Customs clearance completed", "Released by customs"],
    "out-for-delivery": ["Out for delivery", "With delivery courier"],
    "delivered": ["Delivered", "Delivered - left at front door", "Delivered to mailbox",
                  "Delivered - signed for"],
    "exception": ["Delivery attempted - recipient not available", "Address incomplete - delivery delayed",
                  "Shipment delayed due to operational issues"],
    "returning": ["Returned to sender", "Return to sender initiated"],
    "expired": ["No further updates from carrier"],
}
