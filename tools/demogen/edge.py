"""Edge-case tickets that exercise the terminal renderer."""

# (kind, country, situation, channel)
EDGE_PLANS = [
    ("escape", "US", "angry", "email"),
    ("rlo", "GB", "wismo", "web"),
    ("biglog", "AU", "wismo", "web"),
    ("emoji", "BR", "thanks", "whatsapp"),
    ("arabic", "SA", "wismo", "email"),
]

ESCAPE_BODY = (
    "Hello,\n\nI have been waiting for order {order} for three weeks. I copied the status from your "
    "tracking page and this is literally what it shows:\n\n"
    "  Status: \x1b]0;pwned\x07IN TRANSIT \x1b[2J(last update 12 days ago)\n"
    "  Note: \x1b]52;c;ZWNobyBoYWNrZWQ=\x07please contact support\n\n"
    "If this is not resolved by Friday I will dispute the charge with my bank and leave a review "
    "about this on Trustpilot.\n\n{customer}"
)

RLO_SUBJECT = "Where is my order {order}? \u202eyltnegru ylper esaelP\u202c"
RLO_BODY = ("Hi,\n\nMy order {order} was supposed to arrive last week. Tracking number {tracking} has not "
            "updated since it left the hub. Please reply urgently.\n\nThanks,\n{customer}")

EMOJI_SUBJECT = "Chegou!!! 😍🎉 Obrigada 🇧🇷"
EMOJI_BODY = ("CHEGOUUU 😍😍🎉🎉 obrigadaaa!!! 👍🏽👍🏽\n"
              "o moletom é perfeito ❤️‍🔥 minha família toda amou 👨‍👩‍👧‍👦\n"
              "cafe\u0301 com pa\u0303o pra comemorar ☕🥖 "
              "Z\u0364\u0311\u0313a\u0308\u0356\u032dl\u036e\u0312\u036bg\u0328\u0317\u033bo\u0301 te\u0301xto 🤡\n"
              "próxima compra já tá no carrinho 🛒✨ (pedido {order})")

ARABIC_SUBJECT = "استفسار عن الطلب {order} - رقم التتبع {tracking}"
ARABIC_BODY = ("السلام عليكم ورحمة الله،\n\n"
               "طلبت من متجركم بتاريخ {odate} والطلب رقم {order} لم يصلني حتى الآن. "
               "رقم التتبع {tracking} عند شركة الشحن لا يظهر أي تحديث منذ أسبوع، "
               "وآخر حالة كانت \"In transit - Hong Kong, HK\".\n"
               "المبلغ المدفوع {ototal} عن طريق Apple Pay (Ref: PAY-88213-KSA).\n\n"
               "أرجو إفادتي بموعد التسليم المتوقع أو إعادة المبلغ.\n\n"
               "مع الشكر،\n{fullname}")


def big_chat_log(rng):
    """~20 KB pasted chat transcript with the shop's bot."""
    bot = ["Hi! I'm ShopBot. How can I help you today?",
           "I can help with tracking. Please enter your order number.",
           "Thanks! Your order is on its way. Estimated delivery: 3-7 business days.",
           "Sorry, I didn't understand that. Could you rephrase?",
           "Is there anything else I can help you with?",
           "Let me connect you with a human agent. Current wait time: 45 minutes.",
           "All our agents are busy right now. Please try again later."]
    me = ["where is my order", "{order}", "it said that last week too", "human please", "AGENT",
          "I want to talk to a real person", "this is the 4th time I am asking", "tracking {tracking} not moving",
          "why does it say delivered when it's not here", "ok"]
    lines = ["Hi, I already tried your chat bot several times, here is the whole conversation so you "
             "don't ask me the same questions again:", "", "----- chat transcript -----"]
    day, h, m = 16, 9, 2
    while sum(len(x) + 1 for x in lines) < 20000:
        m += rng.randrange(1, 4)
        if m >= 60:
            m -= 60
            h += 1
        if h >= 22:
            h, day = 8, day + 1
        stamp = "[2026-11-%02d %02d:%02d]" % (day, h, m)
        lines.append("%s You: %s" % (stamp, rng.choice(me)))
        lines.append("%s ShopBot: %s" % (stamp, rng.choice(bot)))
    lines += ["----- end of transcript -----", "",
              "So as you can see the bot is useless. I just want to know where my parcel is.", "", "{customer}"]
    return "\n".join(lines)
