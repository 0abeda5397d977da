"""canned.py: the demo workspace's canned replies (canned.json), as a
helpdesk would list them: `ttydesk template import demo` brings them into
the template library. Bodies use ttydesk's own placeholders; one asks for
a value the store does not know ({{?coupon_code}})."""

CANNED = [
    {
        "id": "c1",
        "title": "Holiday shipping delays",
        "folder": "Shipping",
        "body": (
            "Hi {{customer.first_name || \"there\"}},\n\n"
            "Thanks for your patience. Carriers are handling far more parcels "
            "than usual this season, so deliveries are running two to four "
            "days behind their usual times.\n\n"
            "{{#if tracking}}Your parcel is on its way with {{tracking.carrier}}; "
            "you can follow it here: {{tracking.url}}\n{{/if}}"
            "We'll keep an eye on order {{order.number}} and write to you if "
            "anything changes.\n\n"
            "Best,\n{{agent.first_name}}"
        ),
    },
    {
        "id": "c2",
        "title": "Coupon for the trouble",
        "folder": "Goodwill",
        "body": (
            "Hi {{customer.first_name || \"there\"}},\n\n"
            "We're sorry this order didn't go as it should. Please accept "
            "this code for 15% off your next order: {{?coupon_code}}\n\n"
            "It is valid for 90 days on everything in the shop.\n\n"
            "Best,\n{{agent.first_name}}"
        ),
    },
    {
        "id": "c3",
        "title": "Size exchange",
        "folder": "Returns",
        "body": (
            "Hi {{customer.first_name || \"there\"}},\n\n"
            "Of course we can exchange it for another size. Reply with the "
            "size you'd like and we'll send a prepaid return label for "
            "order {{order.number}}; the new item ships as soon as the "
            "carrier scans your parcel.\n\n"
            "Best,\n{{agent.first_name}}"
        ),
    },
    {
        "id": "c4",
        "title": "Stocktaking: dispatch paused",
        "folder": "Shipping",
        "body": (
            "Hi {{customer.first_name || \"there\"}},\n\n"
            "Our warehouse is closed for its yearly stocktaking until "
            "{{?reopening_date}}. Order {{order.number}} will be the first "
            "to leave when we reopen.\n\n"
            "Best,\n{{agent.first_name}}"
        ),
    },
]
