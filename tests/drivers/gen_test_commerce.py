#!/usr/bin/env python3
"""gen_test_commerce.py: writes tests/unit/test_commerce.json, the loopback
script for test_commerce.c: Shopify Admin REST, WooCommerce REST v3,
AfterShip Tracking and 17TRACK, in the shapes api-reference.md sections
8 to 11 give (order, fulfillment and event objects as in the
shopify_python_api fixtures; the 17TRACK envelope of its v2.2 docs).

Each test has its own base path (/shop, /woo, /as, /t17, /e401, ...) so
one server serves the whole file. Run it after editing:
python3 tests/drivers/gen_test_commerce.py
"""
import json
import os

SHOP_TOKEN = "shpat_0123456789abcdef"
WOO_KEY = "ck_live0123:cs_secret4567"
AS_KEY = "asat_0123456789"
T17_KEY = "17tok0123456789"
EMAIL = "ayse.yilmaz@example.com"
SHOP = "/shop/admin/api/2024-10"
SHOPH = {"X-Shopify-Access-Token": SHOP_TOKEN, "Accept": "application/json"}


def shopify_order(id_, name, created, items, fulfillments, fstatus,
                  financial="paid", country="TR", city="İstanbul",
                  email=EMAIL):
    return {
        "id": id_, "name": name, "order_number": int(name.strip("#")),
        "email": email, "created_at": created, "updated_at": created,
        "closed_at": None, "cancelled_at": None, "cancel_reason": None,
        "financial_status": financial, "fulfillment_status": fstatus,
        "currency": "TRY", "total_price": "1299.90",
        "customer": {"id": 7001, "email": email, "first_name": "Ayşe"},
        "shipping_address": {"country_code": country, "city": city,
                             "address1": "Bağdat Cd. 12", "zip": "34710"},
        "line_items": [{"id": 90 + i, "sku": sku, "title": title,
                        "variant_title": variant, "quantity": q,
                        "price": price, "product_id": 500 + i}
                       for i, (sku, title, variant, q, price)
                       in enumerate(items)],
        "fulfillments": fulfillments, "refunds": [], "note": None,
        "tags": "",
    }


def fulfillment(id_, order_id, number, company, shipment_status):
    return {"id": id_, "order_id": order_id, "status": "success",
            "service": "manual", "tracking_company": company,
            "tracking_number": number, "tracking_numbers": [number],
            "tracking_url": "https://example.com/t/" + number,
            "tracking_urls": ["https://example.com/t/" + number],
            "shipment_status": shipment_status, "line_items": [],
            "created_at": "2026-11-10T09:00:00+03:00",
            "updated_at": "2026-11-12T09:00:00+03:00"}


O1 = shopify_order(
    450789469, "#1001", "2026-11-09T10:00:00+03:00",
    [("MUG-01", "Espresso mug", "blue", 2, "199.95"),
     ("TEA-7", "抹茶セット", None, 1, "900.00")],
    [fulfillment(255858046, 450789469, "LX123456789CN", "China Post",
                 "in_transit")], "fulfilled")
O2 = shopify_order(
    450789470, "#1002", "2026-10-01T08:00:00+03:00",
    [("BEAN-1K", "Beans 1 kg", None, 1, "450.00")], [], None,
    financial="refunded")
EVENTS = {"fulfillment_events": [
    {"id": 1, "fulfillment_id": 255858046, "status": "label_printed",
     "message": "Label printed", "happened_at": "2026-11-10T09:00:00+03:00",
     "city": "Shenzhen", "province": None, "country": "CN", "zip": None,
     "estimated_delivery_at": None},
    {"id": 2, "fulfillment_id": 255858046, "status": "in_transit",
     "message": "Gümrük işlemleri sürüyor (customs)",
     "happened_at": "2026-11-14T11:30:00+03:00", "city": "İstanbul",
     "province": None, "country": "TR", "zip": None,
     "estimated_delivery_at": "2026-11-28T18:00:00+03:00"},
]}


def link_next(base, page_info):
    return {"Link": '<{}%s/orders.json?limit=50&page_info=%s>; rel="next"'
            .format("http://127.0.0.1:{{port}}") % (base, page_info)}


reqs = []
# 1. Shopify: the buyer's orders over two pages, the order named in the
# text, and the events of the fulfilment.
reqs.append({"method": "GET", "path": SHOP + "/orders.json",
             "query": {"email": EMAIL, "status": "any", "limit": "50"},
             "exact_query": True, "headers": SHOPH,
             "response": {"json": {"orders": [O1]},
                          "headers": {
                              "X-Shopify-Shop-Api-Call-Limit": "1/40",
                              "Link": "<{{base}}" + SHOP +
                              "/orders.json?limit=50&page_info=abc123>; "
                              "rel=\"next\""}}})
reqs.append({"method": "GET", "path": SHOP + "/orders.json",
             "query": {"limit": "50", "page_info": "abc123"},
             "exact_query": True, "headers": SHOPH,
             "response": {"json": {"orders": [O2]}}})
reqs.append({"method": "GET", "path": SHOP + "/orders.json",
             "query": {"name": "#1001", "status": "any", "limit": "10"},
             "exact_query": True, "headers": SHOPH,
             "response": {"json": {"orders": [O1]}}})
reqs.append({"method": "GET",
             "path": SHOP + "/orders/450789469/fulfillments/255858046/"
                            "events.json",
             "headers": SHOPH, "times": 2,
             "response": {"json": EVENTS}})

# 2. WooCommerce: a text search that also finds someone else's order; the
# order number is an id that does not exist (404); the Shipment Tracking
# extension gives the parcel.
WOO = "/woo/wp-json/wc/v3"
WOOH = {"Authorization": "Basic Y2tfbGl2ZTAxMjM6Y3Nfc2VjcmV0NDU2Nw==",
        "Accept": "application/json"}


def woo_order(id_, email, status="processing"):
    return {"id": id_, "number": str(id_), "status": status,
            "currency": "EUR", "total": "59.90",
            "date_created_gmt": "2026-11-15T10:28:02",
            "date_paid_gmt": "2026-11-15T10:28:08",
            "customer_id": 12, "customer_note": "",
            "billing": {"first_name": "Ayşe", "last_name": "Yılmaz",
                        "email": email, "phone": "", "country": "DE"},
            "shipping": {"country": "DE", "city": "Köln"},
            "line_items": [{"id": 1, "name": "Kaffeebohnen 1 kg",
                            "sku": "BEAN-1K", "product_id": 9,
                            "quantity": 2, "total": "59.90",
                            "price": 29.95}],
            "shipping_lines": [], "refunds": [], "meta_data": []}


reqs.append({"method": "GET", "path": WOO + "/orders",
             "query": {"search": EMAIL, "per_page": "20"},
             "exact_query": True, "headers": WOOH,
             "response": {"json": [woo_order(727, EMAIL),
                                   woo_order(728, "other@example.com")],
                          "headers": {"X-WP-Total": "2",
                                      "X-WP-TotalPages": "1"}}})
reqs.append({"method": "GET", "path": WOO + "/orders/1001",
             "headers": WOOH,
             "response": {"status": 404, "json": {
                 "code": "woocommerce_rest_shop_order_invalid_id",
                 "message": "Invalid ID.", "data": {"status": 404}}}})
reqs.append({"method": "GET",
             "path": "/woo/wp-json/wc-shipment-tracking/v3/orders/727/"
                     "shipment-trackings",
             "headers": WOOH,
             "response": {"json": [{
                 "tracking_id": "a1b2c3", "tracking_provider": "DHL",
                 "tracking_link": "", "tracking_number": "00340434161094",
                 "date_shipped": "2026-11-16"}]}})

# 3. AfterShip: one parcel it follows (delivered), one it does not yet
# (created with POST).
AS = "/as/tracking/2025-01"
ASH = {"as-api-key": AS_KEY, "Accept": "application/json"}
reqs.append({"method": "GET", "path": AS + "/trackings",
             "query": {"keyword": "LX123456789CN"}, "exact_query": True,
             "headers": ASH,
             "response": {"json": {"meta": {"code": 200}, "data": {
                 "page": 1, "limit": 100, "count": 1,
                 "keyword": "LX123456789CN", "trackings": [{
                     "id": "t1", "slug": "china-post",
                     "tracking_number": "LX123456789CN",
                     "tag": "Delivered", "subtag": "Delivered_001",
                     "expected_delivery": None,
                     "checkpoints": [
                         {"slug": "china-post", "city": "Shenzhen",
                          "country_name": "China", "location": None,
                          "message": "Posting", "tag": "InTransit",
                          "subtag": "InTransit_001",
                          "checkpoint_time": "2026-11-10T09:00:00+08:00"},
                         {"slug": "china-post", "city": "İstanbul",
                          "country_name": "Türkiye", "location": None,
                          "message": "Teslim edildi", "tag": "Delivered",
                          "subtag": "Delivered_001",
                          "checkpoint_time": "2026-11-20T15:10:00+03:00"},
                     ]}]}}}})
reqs.append({"method": "GET", "path": AS + "/trackings",
             "query": {"keyword": "00340434161094"}, "exact_query": True,
             "headers": ASH,
             "response": {"json": {"meta": {"code": 200}, "data": {
                 "page": 1, "limit": 100, "count": 0,
                 "keyword": "00340434161094", "trackings": []}}}})
reqs.append({"method": "POST", "path": AS + "/trackings",
             "headers": dict(ASH, **{"Content-Type": "application/json"}),
             "json": {"tracking_number": "00340434161094"},
             "response": {"status": 201, "json": {
                 "meta": {"code": 201}, "data": {"tracking": {
                     "id": "t2", "slug": "dhl",
                     "tracking_number": "00340434161094",
                     "tag": "Pending", "subtag": "Pending_001",
                     "checkpoints": []}}}}})

# 4. 17TRACK: a parcel returning to the sender; one it does not follow
# yet, registered.
T17 = "/t17/track/v2.2"
T17H = {"17token": T17_KEY, "Content-Type": "application/json"}
reqs.append({"method": "POST", "path": T17 + "/gettrackinfo",
             "headers": T17H, "json": [{"number": "LX123456789CN"}],
             "response": {"json": {"code": 0, "data": {"accepted": [{
                 "number": "LX123456789CN", "carrier": 3011,
                 "track_info": {
                     "latest_status": {"status": "Exception",
                                       "sub_status": "Exception_Returning"},
                     "time_metrics": {"estimated_delivery_date": {
                         "source": None, "from": None, "to": None}},
                     "tracking": {"providers": [{
                         "provider": {"key": 3011, "name": "China Post"},
                         "events": [
                             {"time_iso": "2026-11-21T11:15:00+03:00",
                              "time_utc": "2026-11-21T08:15:00Z",
                              "description": "Göndericiye iade ediliyor",
                              "location": "İSTANBUL",
                              "stage": "Returning",
                              "sub_status": "Exception_Returning"},
                             {"time_iso": "2026-11-12T09:00:00+08:00",
                              "time_utc": "2026-11-12T01:00:00Z",
                              "description": "离开深圳",
                              "location": "深圳",
                              "stage": "Departure",
                              "sub_status": "InTransit_Departure"}]}]}}}],
                 "rejected": []}}}})
reqs.append({"method": "POST", "path": T17 + "/gettrackinfo",
             "headers": T17H, "json": [{"number": "00340434161094"}],
             "response": {"json": {"code": 0, "data": {"accepted": [],
                 "rejected": [{"number": "00340434161094", "error": {
                     "code": -18019909,
                     "message": "No tracking information at this time."}}]}}}})
reqs.append({"method": "POST", "path": T17 + "/register",
             "headers": T17H,
             "json": [{"number": "00340434161094", "auto_detection": True}],
             "response": {"json": {"code": 0, "data": {"accepted": [{
                 "origin": 1, "number": "00340434161094",
                 "carrier": 7041}], "rejected": []}}}})

# 5. Failures: a refused token, a rate limit then success, a server error
# then success, malformed JSON, and a dropped connection then success.
reqs.append({"method": "GET", "path": "/e401/orders.json",
             "response": {"status": 401, "json": {
                 "errors": "[API] Invalid API key or access token "
                           "(unrecognized login or wrong password)"}}})
reqs.append({"method": "GET", "path": "/e429/orders.json", "times": 2,
             "responses": [
                 {"status": 429, "headers": {"Retry-After": "1"},
                  "json": {"errors": "Exceeded 2 calls per second"}},
                 {"json": {"orders": []}}]})
reqs.append({"method": "GET", "path": "/e500/orders.json", "times": 2,
             "responses": [{"status": 500, "body": "oops"},
                           {"json": {"orders": []}}]})
reqs.append({"method": "GET", "path": "/ebad/orders.json",
             "response": {"body": "{\"orders\": [{\"id\": 1,"}})
reqs.append({"method": "GET", "path": "/edrop/orders.json", "times": 2,
             "responses": [{"json": {"orders": [O2]}, "drop": True},
                           {"json": {"orders": [O2]}}]})
reqs.append({"method": "POST", "path": "/e17/gettrackinfo", "times": 2,
             "response": {"json": {"code": 0, "data": {"accepted": [],
                 "rejected": [{"number": "LX123456789CN", "error": {
                     "code": -18010002, "message": "Invalid access key."}}]}}}})

# 6. 17TRACK's pace: three lookups in a row.
for n in ("RR000000001CN", "RR000000002CN", "RR000000003CN"):
    reqs.append({"method": "POST", "path": "/pace/gettrackinfo",
                 "json": [{"number": n}],
                 "response": {"json": {"code": 0, "data": {
                     "accepted": [], "rejected": []}}}})

out = os.path.join(os.path.dirname(__file__), "..", "unit",
                   "test_commerce.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"requests": reqs}, f, ensure_ascii=False, indent=1)
    f.write("\n")
