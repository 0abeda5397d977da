"""Buyers: names, e-mail domains, phone formats, time zones per country."""
import unicodedata

# Non-Latin scripts: (native, romanised) pairs so e-mail local parts stay ASCII.
JA_FIRST = [("翔太", "shota"), ("美咲", "misaki"), ("大輔", "daisuke"), ("陽菜", "hina"),
            ("健太", "kenta"), ("由美", "yumi"), ("拓也", "takuya"), ("さくら", "sakura"),
            ("直樹", "naoki"), ("恵", "megumi"), ("亮", "ryo"), ("愛", "ai")]
JA_LAST = [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"),
           ("伊藤", "ito"), ("山本", "yamamoto"), ("中村", "nakamura"), ("小林", "kobayashi"),
           ("加藤", "kato"), ("吉田", "yoshida"), ("山口", "yamaguchi"), ("松本", "matsumoto")]
AR_FIRST = [("محمد", "mohammed"), ("أحمد", "ahmed"), ("عبدالله", "abdullah"), ("فاطمة", "fatima"),
            ("نورة", "noura"), ("خالد", "khaled"), ("سارة", "sara"), ("يوسف", "youssef"),
            ("مريم", "mariam"), ("عمر", "omar"), ("ريم", "reem"), ("هالة", "hala")]
AR_LAST = [("العتيبي", "alotaibi"), ("القحطاني", "alqahtani"), ("الشمري", "alshammari"),
           ("المنصوري", "almansoori"), ("الهاشمي", "alhashimi"), ("حسن", "hassan"),
           ("عبد الرحمن", "abdelrahman"), ("السيد", "elsayed"), ("فاروق", "farouk"),
           ("الزهراني", "alzahrani"), ("النعيمي", "alnuaimi"), ("مصطفى", "mostafa")]
TH_FIRST = [("สมชาย", "somchai"), ("ปิยะนุช", "piyanuch"), ("ณัฐวุฒิ", "nattawut"),
            ("กมลวรรณ", "kamonwan"), ("ธนพล", "thanapon"), ("สุภาพร", "supaporn"),
            ("วีรยุทธ", "weerayut"), ("อรุณี", "arunee"), ("พิมพ์ชนก", "pimchanok")]
TH_FEMALE = {"piyanuch", "kamonwan", "supaporn", "arunee", "pimchanok"}
TH_LAST = [("ศรีสุข", "srisuk"), ("วงศ์ไทย", "wongthai"), ("แสงทอง", "saengthong"),
           ("ใจดี", "jaidee"), ("บุญมา", "boonma"), ("ทองคำ", "thongkham"),
           ("สายสุวรรณ", "saisuwan"), ("จันทร์เพ็ญ", "janpen")]

LATIN = {
    "en_us": (["James", "Emily", "Michael", "Ashley", "Tyler", "Jessica", "Brandon", "Megan",
               "Chris", "Olivia", "Jordan", "Kayla", "DeShawn", "Priya"],
              ["Johnson", "Miller", "Davis", "Garcia", "Thompson", "Nguyen", "Robinson",
               "Walker", "Patel", "Brooks", "Carter", "Murphy"]),
    "en_gb": (["Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Charlotte",
               "Liam", "Hannah", "Callum", "Niamh"],
              ["Smith", "Jones", "Taylor", "Evans", "Wilson", "Hughes", "Clarke", "Wright",
               "Patel", "O'Brien", "McAllister", "Khan"]),
    "en_au": (["Lachlan", "Chloe", "Mitchell", "Zoe", "Hamish", "Matilda", "Riley", "Ella",
               "Cooper", "Jess"],
              ["Murray", "Kelly", "Ryan", "Campbell", "Stewart", "Nguyen", "Fraser",
               "Mitchell", "Harris", "Lee"]),
    "es_es": (["Javier", "Lucía", "Álvaro", "Marta", "Sergio", "Carmen", "Pablo", "Nuria",
               "Iñaki", "Rocío"],
              ["García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Navarro",
               "Muñoz", "Iglesias", "Castaño"]),
    "es_mx": (["José Luis", "Guadalupe", "Alejandro", "Fernanda", "Juan Carlos", "Ximena",
               "Ricardo", "Valeria", "Diego", "Mariana"],
              ["Hernández", "González", "Ramírez", "Flores", "Cruz", "Morales", "Reyes",
               "Jiménez", "Vázquez", "Ortiz"]),
    "de_de": (["Jonas", "Lena", "Lukas", "Sophie", "Felix", "Anna", "Maximilian", "Julia",
               "Tobias", "Katrin", "Jürgen", "Sabine"],
              ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
               "Becker", "Hoffmann", "Schäfer", "Krüger", "Weiß"]),
    "de_at": (["Florian", "Magdalena", "Stefan", "Theresa", "Lukas", "Elisabeth", "Matthias",
               "Verena"],
              ["Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Hofer"]),
    "fr_fr": (["Camille", "Léa", "Théo", "Manon", "Hugo", "Chloé", "Julien", "Inès",
               "Mathieu", "Élodie", "François", "Océane"],
              ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand",
               "Lefèvre", "Moreau", "Girard", "Lemaître", "Fontaine"]),
    "pt_br": (["João Pedro", "Ana Clara", "Lucas", "Beatriz", "Gabriel", "Larissa", "Rafael",
               "Juliana", "Thiago", "Fernanda", "Matheus", "Camila"],
              ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa",
               "Rodrigues", "Almeida", "Nascimento", "Araújo", "Gonçalves"]),
    "pt_pt": (["Tiago", "Inês", "Rui", "Mariana", "Gonçalo", "Sofia", "Duarte", "Leonor"],
              ["Ferreira", "Pereira", "Carvalho", "Ribeiro", "Martins", "Sousa", "Marques",
               "Lopes"]),
    "it_it": (["Giulia", "Francesco", "Chiara", "Alessandro", "Martina", "Lorenzo",
               "Federica", "Matteo", "Valentina", "Andrea", "Niccolò"],
              ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
               "Ricci", "Marino", "Greco", "De Luca"]),
    "tr_tr": (["Emre", "Zeynep", "Burak", "Elif", "Mehmet", "Ayşe", "Can", "Büşra", "Oğuz",
               "Şeyma", "Çağla", "İbrahim"],
              ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
               "Arslan", "Doğan", "Koç", "Güneş"]),
    "id_id": (["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Fajar",
               "Nur", "Wahyu", "Indah"],
              ["Santoso", "Wijaya", "Saputra", "Pratama", "Kusuma", "Hidayat", "Lestari",
               "Nugroho", "Setiawan", "Rahmawati", "Siregar", "Halim"]),
    "vi_vn": (["Minh", "Linh", "Hùng", "Trang", "Tuấn", "Ngọc", "Dũng", "Hương", "Quang",
               "Thảo", "Phương", "Đức"],
              ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]),
}


def ascii_fold(s):
    s = s.replace("ß", "ss").replace("ı", "i").replace("İ", "I").replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and (c.isalnum() or c in " -.'")).lower()


def _digits(rng, n):
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _phone_us(r):
    return "+1 %s-555-01%s" % (r.choice(["212", "415", "312", "617", "512", "206", "305"]), _digits(r, 2))


PHONES = {
    "US": _phone_us,
    "GB": lambda r: "+44 7700 900" + _digits(r, 3),
    "AU": lambda r: "+61 4%s %s %s" % (_digits(r, 2), _digits(r, 3), _digits(r, 3)),
    "ES": lambda r: "+34 6%s %s %s %s" % (_digits(r, 2), _digits(r, 2), _digits(r, 2), _digits(r, 2)),
    "MX": lambda r: "+52 %s %s %s" % (r.choice(["55", "33", "81"]), _digits(r, 4), _digits(r, 4)),
    "DE": lambda r: "+49 1%s %s" % (r.choice(["51", "52", "60", "70", "76"]), _digits(r, 8)),
    "AT": lambda r: "+43 6%s %s" % (r.choice(["64", "76", "60", "99"]), _digits(r, 7)),
    "FR": lambda r: "+33 %s %s %s %s %s" % (r.choice("67"), _digits(r, 2), _digits(r, 2), _digits(r, 2), _digits(r, 2)),
    "BR": lambda r: "+55 %s 9%s-%s" % (r.choice(["11", "21", "31", "41", "51", "71"]), _digits(r, 4), _digits(r, 4)),
    "PT": lambda r: "+351 9%s%s %s %s" % (r.choice("1236"), _digits(r, 1), _digits(r, 3), _digits(r, 3)),
    "IT": lambda r: "+39 3%s %s %s" % (_digits(r, 2), _digits(r, 3), _digits(r, 4)),
    "TR": lambda r: "+90 5%s %s %s %s" % (_digits(r, 2), _digits(r, 3), _digits(r, 2), _digits(r, 2)),
    "SA": lambda r: "+966 5%s %s %s" % (r.choice("0345"), _digits(r, 3), _digits(r, 4)),
    "AE": lambda r: "+971 5%s %s %s" % (r.choice("0256"), _digits(r, 3), _digits(r, 4)),
    "EG": lambda r: "+20 1%s %s %s" % (r.choice("0125"), _digits(r, 4), _digits(r, 4)),
    "JP": lambda r: "+81 %s0-%s-%s" % (r.choice("789"), _digits(r, 4), _digits(r, 4)),
    "ID": lambda r: "+62 8%s-%s-%s" % (r.choice(["12", "13", "21", "57", "77"]), _digits(r, 4), _digits(r, 4)),
    "TH": lambda r: "+66 %s %s %s" % (r.choice(["81", "82", "86", "89", "95"]), _digits(r, 3), _digits(r, 4)),
    "VN": lambda r: "+84 %s %s %s %s" % (r.choice(["90", "91", "93", "98", "86"]), _digits(r, 3), _digits(r, 2), _digits(r, 2)),
}

# code: language, locale, names key, time zones, e-mail domains, cities, currency
COUNTRIES = {
    "US": ("en", "en-US", "en_us", ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver"],
           ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"], ["New York", "Austin", "Chicago", "Seattle", "Miami"], "USD"),
    "GB": ("en", "en-GB", "en_gb", ["Europe/London"], ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"],
           ["London", "Manchester", "Leeds", "Bristol", "Glasgow"], "GBP"),
    "AU": ("en", "en-AU", "en_au", ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth"],
           ["gmail.com", "bigpond.com", "outlook.com"], ["Sydney", "Melbourne", "Brisbane", "Perth"], "AUD"),
    "ES": ("es", "es-ES", "es_es", ["Europe/Madrid"], ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
           ["Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao"], "EUR"),
    "MX": ("es", "es-MX", "es_mx", ["America/Mexico_City", "America/Monterrey", "America/Tijuana"],
           ["gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"], ["Ciudad de México", "Guadalajara", "Monterrey", "Puebla"], "MXN"),
    "DE": ("de", "de-DE", "de_de", ["Europe/Berlin"], ["web.de", "gmx.de", "t-online.de", "gmail.com"],
           ["Berlin", "München", "Hamburg", "Köln", "Leipzig"], "EUR"),
    "AT": ("de", "de-AT", "de_at", ["Europe/Vienna"], ["gmx.at", "aon.at", "gmail.com"], ["Wien", "Graz", "Linz", "Salzburg"], "EUR"),
    "FR": ("fr", "fr-FR", "fr_fr", ["Europe/Paris"], ["orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr"],
           ["Paris", "Lyon", "Marseille", "Toulouse", "Nantes"], "EUR"),
    "BR": ("pt", "pt-BR", "pt_br", ["America/Sao_Paulo", "America/Bahia", "America/Manaus"],
           ["gmail.com", "uol.com.br", "hotmail.com", "bol.com.br", "terra.com.br"], ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Salvador"], "BRL"),
    "PT": ("pt", "pt-PT", "pt_pt", ["Europe/Lisbon"], ["gmail.com", "sapo.pt", "hotmail.com"], ["Lisboa", "Porto", "Braga", "Coimbra"], "EUR"),
    "IT": ("it", "it-IT", "it_it", ["Europe/Rome"], ["libero.it", "gmail.com", "virgilio.it", "alice.it"],
           ["Milano", "Roma", "Torino", "Napoli", "Bologna"], "EUR"),
    "TR": ("tr", "tr-TR", "tr_tr", ["Europe/Istanbul"], ["gmail.com", "hotmail.com", "yandex.com.tr"],
           ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya"], "TRY"),
    "SA": ("ar", "ar-SA", "ar", ["Asia/Riyadh"], ["gmail.com", "hotmail.com", "outlook.sa"], ["Riyadh", "Jeddah", "Dammam"], "SAR"),
    "AE": ("ar", "ar-AE", "ar", ["Asia/Dubai"], ["gmail.com", "hotmail.com", "eim.ae"], ["Dubai", "Abu Dhabi", "Sharjah"], "AED"),
    "EG": ("ar", "ar-EG", "ar", ["Africa/Cairo"], ["gmail.com", "yahoo.com", "hotmail.com"], ["Cairo", "Alexandria", "Giza"], "EGP"),
    "JP": ("ja", "ja-JP", "ja", ["Asia/Tokyo"], ["yahoo.co.jp", "gmail.com", "docomo.ne.jp", "icloud.com"],
           ["Tokyo", "Osaka", "Yokohama", "Nagoya", "Fukuoka", "Sapporo"], "JPY"),
    "ID": ("id", "id-ID", "id_id", ["Asia/Jakarta", "Asia/Makassar"], ["gmail.com", "yahoo.co.id"],
           ["Jakarta", "Surabaya", "Bandung", "Medan", "Makassar"], "IDR"),
    "TH": ("th", "th-TH", "th", ["Asia/Bangkok"], ["gmail.com", "hotmail.com", "yahoo.com"], ["Bangkok", "Chiang Mai", "Khon Kaen", "Phuket"], "THB"),
    "VN": ("vi", "vi-VN", "vi_vn", ["Asia/Ho_Chi_Minh"], ["gmail.com", "yahoo.com.vn"], ["Ho Chi Minh City", "Hanoi", "Da Nang", "Hai Phong"], "VND"),
}


def make_person(rng, country):
    """Return (name, first_name_for_greeting, email, phone, timezone, locale)."""
    lang, locale, key, tzs, domains, _cities, _cur = COUNTRIES[country]
    if key in ("ja", "ar", "th"):
        firsts, lasts = {"ja": (JA_FIRST, JA_LAST), "ar": (AR_FIRST, AR_LAST), "th": (TH_FIRST, TH_LAST)}[key]
        (f, fl), (l, ll) = rng.choice(firsts), rng.choice(lasts)
        if key == "ja":
            name, greet = l + " " + f, l
        else:
            name, greet = f + " " + l, f
    else:
        firsts, lasts = LATIN[key]
        f, l = rng.choice(firsts), rng.choice(lasts)
        name, greet = ("%s %s" % (l, f), f) if key == "vi_vn" else ("%s %s" % (f, l), f)
        fl, ll = ascii_fold(f), ascii_fold(l)
    fl = fl.replace(" ", "").replace("'", "")
    ll = ll.replace(" ", "").replace("'", "")
    pattern = rng.randrange(5)
    if pattern == 0:
        local = "%s.%s" % (fl, ll)
    elif pattern == 1:
        local = "%s%s%d" % (fl, ll, rng.randrange(1, 99))
    elif pattern == 2:
        local = "%s.%s%d" % (fl[0], ll, rng.randrange(70, 100))
    elif pattern == 3:
        local = "%s_%s" % (ll, fl)
    else:
        local = "%s%d" % (fl, rng.randrange(1980, 2005))
    email = "%s@%s" % (local, rng.choice(domains))
    return name, greet, email, PHONES[country](rng), rng.choice(tzs), locale


def is_female(name):
    """Only needed for Thai gendered particles."""
    return any(name.startswith(f) for f, r in TH_FIRST if r in TH_FEMALE)
