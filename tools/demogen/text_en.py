"""English texts. Placeholders: {order} {customer} {agent}."""
SUBJECTS = {
    "wismo": ["Where is my order {order}?", "Order {order} hasn't arrived", "Tracking not updating - {order}"],
    "customs": ["Package stuck in customs ({order})", "Customs fees for order {order}?"],
    "damaged": ["Item arrived damaged - {order}", "Broken item in my parcel"],
    "wrong_item": ["Wrong item received ({order})", "Wrong size sent"],
    "refund": ["Refund still not received", "Where is my refund for {order}?"],
    "cancel": ["Please cancel order {order}", "Cancel my order"],
    "address": ["Change shipping address for {order}", "Wrong address on my order"],
    "payment": ["Charged twice for {order}", "Payment failed but money taken"],
    "question": ["Question about sizing", "Does the charger work with a laptop?"],
    "thanks": ["Thank you!", "Order {order} arrived - thanks"],
    "angry": ["UNACCEPTABLE - still no order {order}", "Final warning before chargeback"],
}
EMAIL = {
    "wismo": [
        "Hi there,\n\nI placed order {order} almost three weeks ago and it still hasn't arrived. The tracking page hasn't changed in over a week. Could you please let me know where it is?\n\nThanks,\n{customer}",
        "Hello,\n\nCould you give me an update on order {order}? The tracking says \"in transit\" but nothing has moved since last Tuesday and I need it before the weekend.\n\nKind regards,\n{customer}",
    ],
    "customs": [
        "Hello,\n\nMy parcel for order {order} is being held at customs and the carrier is asking me to pay import duties. Nobody told me about extra fees at checkout. Are you going to cover this?\n\nBest,\n{customer}",
        "Hi,\n\nI got a letter saying my package ({order}) is stuck in customs and they need an invoice. Can you send me a commercial invoice so I can get it released?\n\nThank you,\n{customer}",
    ],
    "damaged": [
        "Hi,\n\nOrder {order} arrived today but the box was crushed and the item inside is cracked. I've attached photos (IMG_2041.jpg, IMG_2042.jpg). I'd like a replacement please.\n\nRegards,\n{customer}",
        "Hello,\n\nUnfortunately the item in order {order} arrived broken - one corner is completely smashed. Photos attached. What are my options?\n\nThanks,\n{customer}",
    ],
    "wrong_item": [
        "Hi,\n\nI ordered a size M but received an XL in order {order}. Can you send the correct size? I still have all the tags on.\n\nThanks,\n{customer}",
        "Hello,\n\nThe package for {order} contained a completely different product from what I ordered. Please advise how to return it and get the right one.\n\nBest regards,\n{customer}",
    ],
    "refund": [
        "Hi,\n\nYou confirmed my refund for order {order} twelve days ago but the money still isn't back on my card. Can you check what happened?\n\nThanks,\n{customer}",
        "Hello,\n\nI returned order {order} two weeks ago (tracking shows delivered to your warehouse) and I haven't heard anything about my refund. Please update me.\n\nRegards,\n{customer}",
    ],
    "cancel": [
        "Hi,\n\nI'd like to cancel order {order} - I ordered the wrong colour by mistake. It hasn't shipped yet as far as I can see.\n\nThanks,\n{customer}",
        "Hello,\n\nPlease cancel my order {order}. I found it locally and no longer need it. Can you confirm the cancellation and refund?\n\nKind regards,\n{customer}",
    ],
    "address": [
        "Hi,\n\nI just realised I used my old address for order {order}. Could you change it before it ships? New address: 14 Elm Street, Apt 3B.\n\nThanks so much,\n{customer}",
        "Hello,\n\nI'm moving next week - is it still possible to update the delivery address on {order}? Please let me know.\n\nBest,\n{customer}",
    ],
    "payment": [
        "Hi,\n\nI was charged twice for order {order} - two identical transactions on my statement. Please refund the duplicate.\n\nThanks,\n{customer}",
        "Hello,\n\nThe checkout said my payment failed, but the amount was taken from my account anyway. Do I have an order or not?\n\nRegards,\n{customer}",
    ],
    "question": [
        "Hi,\n\nI'm usually a medium but I like a relaxed fit - should I size up on the Heavyweight Hoodie? Also, does it shrink in the wash?\n\nThanks,\n{customer}",
        "Hello,\n\nDoes the 65W GaN charger work with a MacBook Air, and does it come with a cable? Thanks in advance.\n\n{customer}",
    ],
    "thanks": [
        "Hi,\n\nJust wanted to say order {order} arrived today and everything is perfect. Thanks for the quick help last week!\n\nCheers,\n{customer}",
        "Hello,\n\nThe replacement arrived and it's great. Really appreciate how fast you sorted it out.\n\nBest wishes,\n{customer}",
    ],
    "angry": [
        "This is ridiculous. Order {order} is now a MONTH late, I've written three times and nobody gives me a real answer. If I don't get my money back by Friday I'm filing a chargeback and leaving a 1-star review everywhere.\n\n{customer}",
        "I am extremely disappointed. You took my money for {order} and the tracking has been dead for two weeks. Either ship it or refund me today, otherwise my bank will handle it.\n\n{customer}",
    ],
}
CHAT = {
    "wismo": ["hi where is my order {order}?? tracking hasnt moved in a week", "hey any news on {order}? still not here"],
    "customs": ["my package is stuck in customs, they want me to pay fees?? order {order}", "customs is holding {order}, what do i do"],
    "damaged": ["hi my order came broken :( sending pics", "{order} arrived damaged, box was crushed"],
    "wrong_item": ["got the wrong size, ordered M got XL", "wrong item in my package {order}"],
    "refund": ["still no refund for {order}, its been 2 weeks", "when will i get my refund?"],
    "cancel": ["can i cancel {order} pls", "pls cancel my order {order}, ordered by mistake"],
    "address": ["need to change my address for {order}!", "can u update the delivery address? wrong zip"],
    "payment": ["i got charged twice for {order}", "payment failed but money is gone??"],
    "question": ["does the hoodie run small?", "is the backpack waterproof?"],
    "thanks": ["got it, thanks!! :)", "arrived today, thank you so much"],
    "angry": ["this is a joke. where is my order {order}. im reporting this", "3 weeks and nothing. refund me or i do a chargeback"],
}
REPLY = {
    "wismo": "Hi {customer},\n\nThanks for your patience. I've checked order {order} with the carrier: the parcel is delayed at a transit hub and I've opened an investigation. If it doesn't move within 3 business days we'll ship a replacement at no cost.\n\nBest regards,\n{agent}",
    "customs": "Hi {customer},\n\nSorry about the customs hold on {order}. I've attached the commercial invoice - please forward it to the carrier. If any import fees are charged, send us the receipt and we'll reimburse them.\n\nBest regards,\n{agent}",
    "damaged": "Hi {customer},\n\nI'm so sorry the item arrived damaged, and thanks for the photos. I've arranged a free replacement for {order}; it will ship within 2 business days. No need to return the broken one.\n\nBest regards,\n{agent}",
    "wrong_item": "Hi {customer},\n\nApologies for the mix-up on {order}. I've sent you a prepaid return label and the correct item is already reserved for you - it ships as soon as the return is scanned.\n\nBest regards,\n{agent}",
    "refund": "Hi {customer},\n\nI've checked and the refund for {order} was issued on our side. Banks usually take 5-10 business days to show it. I've attached the refund confirmation with the reference number in case your bank asks.\n\nBest regards,\n{agent}",
    "cancel": "Hi {customer},\n\nDone - order {order} has been cancelled and the full amount refunded to your original payment method. You'll see it within a few business days.\n\nBest regards,\n{agent}",
    "address": "Hi {customer},\n\nI've updated the shipping address on {order}. It hadn't left the warehouse yet, so the new address will be used.\n\nBest regards,\n{agent}",
    "payment": "Hi {customer},\n\nI can see two authorisations for {order}. One of them is only a pending hold and will be released automatically by your bank within 3-5 days. Nothing was charged twice.\n\nBest regards,\n{agent}",
    "question": "Hi {customer},\n\nGreat question! It runs true to size with a relaxed fit, so your usual size is best. Let me know if there's anything else I can help with.\n\nBest regards,\n{agent}",
    "thanks": "Hi {customer},\n\nThank you for the kind words - that made our day! Enjoy your order.\n\nBest regards,\n{agent}",
    "angry": "Hi {customer},\n\nI completely understand your frustration and I'm sorry for how long this has taken. I've issued a full refund for {order} today; you don't need to return anything if the parcel eventually arrives.\n\nBest regards,\n{agent}",
}
FOLLOWUP = ["Any update on this?", "Hi, just following up - still nothing.", "Ok, thanks. I'll wait then.",
            "I still haven't heard back. Can someone please help?"]
CLOSING = ["Perfect, thank you!", "Got it, thanks for your help.", "Great, appreciate it."]

# English internal notes, shared by all languages.
NOTES = {
    "wismo": ["Tracking stuck at export hub since last week. Opened carrier investigation.",
              "Checked with warehouse, re-shipping tomorrow if no scan by Friday."],
    "customs": ["Sent commercial invoice PDF. Customer may claim duty refund - approve up to 30 EUR equivalent.",
                "BR customs needs CPF on the parcel - asked customer for it."],
    "damaged": ["Photos confirm damage. Replacement created, no return needed.",
                "Filed damage claim with carrier, ref DC-88213."],
    "wrong_item": ["Warehouse confirmed pick error (bin swap). Return label sent.",
                   "Checked with warehouse, re-shipping tomorrow."],
    "refund": ["Refund issued 11/14 via Stripe, ARN sent to customer.",
               "Return received at warehouse, refund approved."],
    "cancel": ["Order still unfulfilled - OK to cancel, pulled from pick list.", "Not picked yet - cancelling in Shopify."],
    "address": ["Address updated in Shopify before label print.", "Label not printed yet - address changed, customer confirmed."],
    "payment": ["Stripe shows one capture + one expired auth. No double charge.",
                "Checked Stripe: second auth is a pending hold, drops off in 3-5 days."],
    "question": ["Sent size chart.", "Product question, no order yet."],
    "thanks": ["Happy customer - no action.", "Closing."],
    "angry": ["Chargeback risk - refund approved by Maya to avoid dispute.",
              "Escalated to Tom. VIP customer, handle with care."],
}
AGENT2 = ["Hi {customer},\n\nQuick update on {order}: I've chased this with our logistics team and will get back to you as soon as I hear from them. Thanks for bearing with us.\n\n{agent}",
          "Hi {customer},\n\nJust following up - the carrier has confirmed they're looking into it. I'll keep you posted.\n\n{agent}"]
