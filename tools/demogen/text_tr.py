"""Turkish texts. Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["{order} numaralı siparişim nerede?", "Siparişim {order} hâlâ gelmedi", "Kargo takibi güncellenmiyor ({order})"],
    "customs": ["Paketim gümrükte bekliyor ({order})", "{order} için gümrük vergisi?"],
    "damaged": ["Ürün hasarlı geldi - {order}", "Kırık ürün teslim edildi"],
    "wrong_item": ["Yanlış ürün gönderilmiş ({order})", "Yanlış beden geldi"],
    "refund": ["İade hâlâ yatmadı", "{order} siparişinin iadesi"],
    "cancel": ["{order} siparişini iptal etmek istiyorum", "Sipariş iptali"],
    "address": ["Teslimat adresi değişikliği - {order}", "Siparişte adres yanlış"],
    "payment": ["{order} için iki kez ödeme alındı", "Ödeme başarısız ama para çekildi"],
    "question": ["Beden hakkında soru", "Sırt çantası su geçirmez mi?"],
    "thanks": ["Çok teşekkürler!", "{order} siparişim ulaştı"],
    "angry": ["REZALET - {order} siparişi hâlâ yok", "Ters ibrazdan önce son uyarı"],
}
EMAIL = {
    "wismo": [
        "Merhaba,\n\n{order} numaralı siparişimi yaklaşık üç hafta önce verdim ama hâlâ elime ulaşmadı. Kargo takibi bir haftadır hiç değişmedi. Paketin nerede olduğunu öğrenebilir miyim?\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\n{order} numaralı siparişimin durumu hakkında bilgi rica ediyorum. Takipte geçen salıdan beri \"yolda\" yazıyor, başka hiçbir hareket yok.\n\nSaygılarımla,\n{fullname}",
    ],
    "customs": [
        "Merhaba,\n\n{order} numaralı siparişimin paketi gümrükte tutuluyor ve kargo firması benden gümrük vergisi ödememi istiyor. Satın alırken böyle bir ücretten bahsedilmemişti. Bu masrafı siz karşılayacak mısınız?\n\nSaygılarımla,\n{fullname}",
        "İyi günler,\n\nGümrükten gelen bildirime göre {order} siparişim için ticari fatura gerekiyormuş. Faturayı bana gönderebilir misiniz?\n\nTeşekkür ederim,\n{fullname}",
    ],
    "damaged": [
        "Merhaba,\n\n{order} numaralı siparişim bugün geldi ama kutu ezilmişti ve ürün çatlamış. Fotoğrafları ekte gönderiyorum (IMG_2041.jpg). Değişim yapılmasını rica ediyorum.\n\nİyi çalışmalar,\n{fullname}",
        "İyi günler,\n\nMaalesef {order} siparişindeki ürün kırık geldi, bir köşesi tamamen parçalanmış. Fotoğraflar ekte. Ne yapabiliriz?\n\nTeşekkürler,\n{fullname}",
    ],
    "wrong_item": [
        "Merhaba,\n\nM beden sipariş ettim ama {order} siparişinde XL geldi. Doğru bedeni gönderebilir misiniz? Etiketleri hâlâ üzerinde.\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\n{order} siparişinin paketinden sipariş ettiğimden tamamen farklı bir ürün çıktı. Nasıl iade edeceğimi ve doğru ürünü nasıl alacağımı bildirir misiniz?\n\nSaygılarımla,\n{fullname}",
    ],
    "refund": [
        "Merhaba,\n\n{order} siparişinin iadesini on iki gün önce onayladınız ama para hâlâ kartıma yatmadı. Kontrol edebilir misiniz?\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\n{order} siparişini iki hafta önce iade ettim (takipte deponuza teslim edildi görünüyor) ama iadeyle ilgili hiçbir bilgi alamadım. Dönüşünüzü bekliyorum.\n\nSaygılarımla,\n{fullname}",
    ],
    "cancel": [
        "Merhaba,\n\n{order} siparişimi iptal etmek istiyorum, yanlışlıkla farklı renk seçmişim. Gördüğüm kadarıyla henüz kargoya verilmemiş.\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\nLütfen {order} numaralı siparişimi iptal edin, artık ihtiyacım yok. İptali ve iadeyi onaylayabilir misiniz?\n\nSaygılarımla,\n{fullname}",
    ],
    "address": [
        "Merhaba,\n\n{order} siparişinde eski adresimi yazdığımı fark ettim. Kargoya verilmeden önce değiştirebilir misiniz? Yeni adres: Bağdat Caddesi No: 215 D: 8, Kadıköy.\n\nÇok teşekkürler,\n{fullname}",
        "İyi günler,\n\nÖnümüzdeki hafta taşınıyorum. {order} siparişinin teslimat adresini değiştirmek hâlâ mümkün mü?\n\nSaygılarımla,\n{fullname}",
    ],
    "payment": [
        "Merhaba,\n\n{order} siparişi için kartımdan iki kez çekim yapılmış, ekstremde aynı tutarda iki işlem var. Fazla çekilen tutarın iadesini rica ediyorum.\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\nÖdeme sırasında \"işlem başarısız\" uyarısı aldım ama tutar hesabımdan çekildi. Siparişim oluştu mu, oluşmadı mı?\n\nSaygılarımla,\n{fullname}",
    ],
    "question": [
        "Merhaba,\n\nNormalde M beden giyiyorum ama biraz bol seviyorum. Heavyweight Hoodie için bir beden büyük mü almalıyım? Yıkamada çeker mi?\n\nTeşekkürler,\n{fullname}",
        "İyi günler,\n\n22 litrelik Roll-Top sırt çantası su geçirmez mi? Yağmurda bisiklette kullanmak istiyorum.\n\nŞimdiden teşekkürler,\n{fullname}",
    ],
    "thanks": [
        "Merhaba,\n\n{order} siparişim bugün ulaştı, her şey harika. Geçen haftaki hızlı yardımınız için çok teşekkür ederim!\n\nSevgiler,\n{fullname}",
        "İyi günler,\n\nDeğişim ürünü geldi, çok güzel. Bu kadar hızlı ilgilendiğiniz için teşekkür ederim.\n\nSaygılarımla,\n{fullname}",
    ],
    "angry": [
        "Bu kabul edilemez. {order} siparişi tam BİR AY gecikti, üç kez yazdım ve kimse düzgün bir cevap vermiyor. Cuma gününe kadar param iade edilmezse bankama ters ibraz başvurusu yapacağım ve her yere 1 yıldız yorum yazacağım.\n\n{fullname}",
        "Çok hayal kırıklığına uğradım. {order} için paramı aldınız ve kargo takibi iki haftadır hareketsiz. Ya bugün gönderin ya da paramı iade edin, yoksa bankam ilgilenecek.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["merhaba siparişim {order} nerde? takip bir haftadır hiç değişmedi", "selam {order} hakkında bi gelişme var mı? hâlâ gelmedi"],
    "customs": ["paketim gümrükte kaldı, vergi ödememi istiyorlar?? sipariş {order}", "gümrük {order}'i tutuyor ne yapmam lazım"],
    "damaged": ["merhaba siparişim kırık geldi :( fotoğraf atıyorum", "{order} hasarlı geldi kutu ezik"],
    "wrong_item": ["yanlış beden gelmiş, M istedim XL geldi", "{order} paketinde yanlış ürün var"],
    "refund": ["{order} iadesi hâlâ yatmadı, 2 hafta oldu", "param ne zaman iade edilecek?"],
    "cancel": ["{order} iptal edebilir misiniz?", "yanlışlıkla sipariş verdim {order} iptal lütfen"],
    "address": ["{order} adresini değiştirmem lazım!", "teslimat adresini değiştirebilir misiniz? posta kodu yanlış"],
    "payment": ["{order} için 2 kere para çekildi", "ödeme başarısız dedi ama para gitti??"],
    "question": ["hoodie dar mı kalıp?", "çanta su geçirmez mi?"],
    "thanks": ["geldi teşekkürler!! :)", "bugün elime ulaştı çok sağolun"],
    "angry": ["şaka mı bu. siparişim {order} nerede. şikayet edeceğim", "3 hafta oldu hiçbir şey yok. paramı iade edin yoksa bankaya itiraz ederim"],
}
REPLY = {
    "wismo": "Merhaba {customer},\n\nSabrınız için teşekkür ederiz. {order} siparişinizi kargo firmasıyla kontrol ettim: paket bir aktarma merkezinde gecikmiş durumda ve araştırma talebi açtım. 3 iş günü içinde hareket olmazsa yenisini ücretsiz göndereceğiz.\n\nSaygılarımızla,\n{agent}",
    "customs": "Merhaba {customer},\n\n{order} siparişinizin gümrükte beklemesinden dolayı özür dileriz. Ticari faturayı ekte gönderiyorum, lütfen kargo firmasına iletin. Gümrük vergisi öderseniz makbuzu bize gönderin, tutarı iade edeceğiz.\n\nSaygılarımızla,\n{agent}",
    "damaged": "Merhaba {customer},\n\nÜrünün hasarlı ulaşmasına çok üzüldük, fotoğraflar için teşekkürler. {order} siparişiniz için ücretsiz değişim oluşturdum, 2 iş günü içinde kargoya verilecek. Hasarlı ürünü geri göndermenize gerek yok.\n\nSaygılarımızla,\n{agent}",
    "refund": "Merhaba {customer},\n\nKontrol ettim, {order} siparişinin iadesi bizim tarafımızdan yapıldı. Bankaların tutarı yansıtması genellikle 5-10 iş günü sürer. Bankanız sorarsa diye referans numaralı iade onayını ekte gönderiyorum.\n\nSaygılarımızla,\n{agent}",
    "cancel": "Merhaba {customer},\n\n{order} siparişiniz iptal edildi ve tutarın tamamı ödeme yönteminize iade edildi. Birkaç iş günü içinde hesabınıza yansıyacaktır.\n\nSaygılarımızla,\n{agent}",
    "angry": "Merhaba {customer},\n\nYaşadığınız mağduriyeti çok iyi anlıyorum ve gecikme için özür dilerim. {order} siparişinizin tam iadesini bugün gerçekleştirdim; paket daha sonra ulaşırsa herhangi bir şey iade etmenize gerek yok.\n\nSaygılarımızla,\n{agent}",
}
FOLLOWUP = ["Bir gelişme var mı?", "Merhaba, hâlâ dönüş alamadım. Yardımcı olabilir misiniz?", "Tamam, teşekkürler. Bekliyorum o zaman.",
            "Merhaba? Bir hafta oldu."]
CLOSING = ["Harika, çok teşekkürler!", "Anladım, yardımınız için teşekkürler.", "Süper, sağolun!"]
