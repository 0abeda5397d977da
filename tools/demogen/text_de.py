"""German texts (DE/AT). Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Wo bleibt meine Bestellung {order}?", "Bestellung {order} noch nicht angekommen", "Sendungsverfolgung hängt ({order})"],
    "customs": ["Paket hängt beim Zoll fest ({order})", "Zollgebühren für Bestellung {order}?"],
    "damaged": ["Ware beschädigt angekommen - {order}", "Artikel kaputt geliefert"],
    "wrong_item": ["Falschen Artikel erhalten ({order})", "Falsche Größe geliefert"],
    "refund": ["Erstattung noch nicht erhalten", "Rückerstattung für {order}?"],
    "cancel": ["Bitte Bestellung {order} stornieren", "Stornierung meiner Bestellung"],
    "address": ["Lieferadresse ändern - {order}", "Falsche Adresse in der Bestellung"],
    "payment": ["Doppelt abgebucht für {order}", "Zahlung fehlgeschlagen, Geld trotzdem weg"],
    "question": ["Frage zur Größe", "Frage zum Ladegerät"],
    "thanks": ["Vielen Dank!", "Bestellung {order} angekommen - danke"],
    "angry": ["UNZUMUTBAR - Bestellung {order} immer noch nicht da", "Letzte Frist vor Rückbuchung"],
}
EMAIL = {
    "wismo": [
        "Guten Tag,\n\nich habe die Bestellung {order} vor fast drei Wochen aufgegeben und sie ist immer noch nicht da. Die Sendungsverfolgung hat sich seit über einer Woche nicht verändert. Können Sie mir bitte sagen, wo das Paket ist?\n\nMit freundlichen Grüßen\n{fullname}",
        "Hallo,\n\nkönnten Sie mir bitte den aktuellen Stand zu Bestellung {order} mitteilen? Laut Tracking ist das Paket seit letztem Dienstag \"unterwegs\", aber es tut sich nichts.\n\nViele Grüße\n{fullname}",
    ],
    "customs": [
        "Guten Tag,\n\nmein Paket zur Bestellung {order} wird beim Zoll festgehalten und ich soll Einfuhrabgaben zahlen. Davon stand beim Kauf nichts. Übernehmen Sie diese Kosten?\n\nMit freundlichen Grüßen\n{fullname}",
        "Hallo,\n\nich habe Post vom Zoll bekommen: Für die Sendung {order} wird eine Handelsrechnung benötigt. Können Sie mir diese bitte zuschicken?\n\nDanke und viele Grüße\n{fullname}",
    ],
    "damaged": [
        "Hallo,\n\ndie Bestellung {order} kam heute an, aber der Karton war eingedrückt und der Artikel ist gesprungen. Fotos hänge ich an (IMG_2041.jpg). Ich hätte gerne einen Ersatz.\n\nViele Grüße\n{fullname}",
        "Guten Tag,\n\nleider ist der Artikel aus Bestellung {order} beschädigt angekommen, eine Ecke ist komplett abgebrochen. Fotos anbei. Wie gehen wir jetzt vor?\n\nMit freundlichen Grüßen\n{fullname}",
    ],
    "wrong_item": [
        "Hallo,\n\nich habe Größe M bestellt, in der Bestellung {order} war aber XL. Können Sie mir die richtige Größe schicken? Die Etiketten sind noch dran.\n\nDanke und Gruß\n{fullname}",
        "Guten Tag,\n\nim Paket zu {order} war ein völlig anderer Artikel als bestellt. Bitte teilen Sie mir mit, wie ich ihn zurückschicke und den richtigen bekomme.\n\nMit freundlichen Grüßen\n{fullname}",
    ],
    "refund": [
        "Hallo,\n\nSie haben mir vor zwölf Tagen die Erstattung für Bestellung {order} bestätigt, das Geld ist aber immer noch nicht auf meiner Karte. Können Sie das bitte prüfen?\n\nViele Grüße\n{fullname}",
        "Guten Tag,\n\nich habe die Bestellung {order} vor zwei Wochen zurückgeschickt (laut Sendungsverfolgung bei Ihnen zugestellt) und seitdem nichts von der Erstattung gehört. Ich bitte um eine kurze Rückmeldung.\n\nMit freundlichen Grüßen\n{fullname}",
    ],
    "cancel": [
        "Hallo,\n\nich möchte die Bestellung {order} stornieren, ich habe aus Versehen die falsche Farbe gewählt. Soweit ich sehe, ist sie noch nicht verschickt.\n\nDanke!\n{fullname}",
        "Guten Tag,\n\nbitte stornieren Sie meine Bestellung {order}, ich brauche sie nicht mehr. Bitte bestätigen Sie mir die Stornierung und die Erstattung.\n\nMit freundlichen Grüßen\n{fullname}",
    ],
    "address": [
        "Hallo,\n\nmir ist gerade aufgefallen, dass ich bei Bestellung {order} meine alte Adresse angegeben habe. Können Sie das vor dem Versand noch ändern? Neue Adresse: Lindenstraße 12, 2. OG.\n\nVielen Dank!\n{fullname}",
        "Guten Tag,\n\nich ziehe nächste Woche um. Ist es noch möglich, die Lieferadresse für {order} zu ändern?\n\nViele Grüße\n{fullname}",
    ],
    "payment": [
        "Hallo,\n\nmir wurde die Bestellung {order} doppelt abgebucht - auf meinem Kontoauszug stehen zwei identische Buchungen. Bitte erstatten Sie die doppelte Zahlung.\n\nDanke\n{fullname}",
        "Guten Tag,\n\nbeim Bezahlen hieß es, die Zahlung sei fehlgeschlagen, aber der Betrag wurde trotzdem abgebucht. Habe ich jetzt eine Bestellung oder nicht?\n\nMit freundlichen Grüßen\n{fullname}",
    ],
    "question": [
        "Hallo,\n\nich trage normalerweise M, mag es aber etwas lockerer. Sollte ich beim Heavyweight Hoodie eine Nummer größer nehmen? Läuft er beim Waschen ein?\n\nDanke und Gruß\n{fullname}",
        "Guten Tag,\n\nfunktioniert das 65-W-GaN-Ladegerät auch mit einem MacBook Air, und ist ein Kabel dabei?\n\nVielen Dank im Voraus\n{fullname}",
    ],
    "thanks": [
        "Hallo,\n\nich wollte nur kurz sagen, dass die Bestellung {order} heute angekommen ist und alles perfekt passt. Danke für die schnelle Hilfe letzte Woche!\n\nLiebe Grüße\n{fullname}",
        "Guten Tag,\n\nder Ersatz ist angekommen und einwandfrei. Vielen Dank, dass Sie das so schnell geregelt haben.\n\nBeste Grüße\n{fullname}",
    ],
    "angry": [
        "Das ist eine Frechheit. Die Bestellung {order} ist inzwischen einen MONAT überfällig, ich habe dreimal geschrieben und keine vernünftige Antwort bekommen. Wenn ich bis Freitag mein Geld nicht zurück habe, veranlasse ich eine Rückbuchung und schreibe überall eine 1-Stern-Bewertung.\n\n{fullname}",
        "Ich bin sehr enttäuscht. Sie haben mein Geld für {order} kassiert und das Tracking steht seit zwei Wochen still. Entweder Sie versenden heute oder erstatten mir den Betrag, sonst kümmert sich meine Bank darum.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["hallo, wo ist meine bestellung {order}? tracking bewegt sich seit ner woche nicht", "hi, gibts was neues zu {order}? immer noch nicht da"],
    "customs": ["mein paket hängt beim zoll und ich soll gebühren zahlen?? bestellung {order}", "zoll hält {order} fest, was soll ich machen"],
    "damaged": ["hi, meine bestellung kam kaputt an :( schick euch fotos", "{order} ist beschädigt angekommen, karton total zerdrückt"],
    "wrong_item": ["falsche größe bekommen, M bestellt, XL gekommen", "falscher artikel im paket {order}"],
    "refund": ["immer noch keine erstattung für {order}, sind schon 2 wochen", "wann bekomme ich mein geld zurück?"],
    "cancel": ["kann ich {order} noch stornieren?", "bitte {order} stornieren, hab mich verklickt"],
    "address": ["muss die adresse für {order} ändern!", "könnt ihr die lieferadresse ändern? plz war falsch"],
    "payment": ["mir wurde {order} doppelt abgebucht", "zahlung fehlgeschlagen aber geld ist weg??"],
    "question": ["fällt der hoodie klein aus?", "ist der rucksack wasserdicht?"],
    "thanks": ["ist angekommen, danke!! :)", "heute gekommen, vielen dank"],
    "angry": ["das ist ein witz. wo ist meine bestellung {order}. ich melde das", "3 wochen und nichts. geld zurück oder ich mach ne rückbuchung"],
}
REPLY = {
    "wismo": "Hallo {customer},\n\nvielen Dank für Ihre Geduld. Ich habe die Bestellung {order} beim Versanddienstleister geprüft: Das Paket verzögert sich in einem Umschlagzentrum und ich habe einen Nachforschungsauftrag gestellt. Falls es sich innerhalb von 3 Werktagen nicht bewegt, schicken wir Ihnen kostenlos Ersatz.\n\nViele Grüße\n{agent}",
    "customs": "Hallo {customer},\n\nes tut mir leid, dass {order} beim Zoll festhängt. Anbei die Handelsrechnung - bitte leiten Sie sie an den Versanddienstleister weiter. Falls Einfuhrabgaben anfallen, schicken Sie uns den Beleg und wir erstatten sie Ihnen.\n\nViele Grüße\n{agent}",
    "damaged": "Hallo {customer},\n\nes tut mir sehr leid, dass der Artikel beschädigt angekommen ist, und danke für die Fotos. Ich habe einen kostenlosen Ersatz für {order} veranlasst, er wird innerhalb von 2 Werktagen verschickt. Den beschädigten Artikel müssen Sie nicht zurücksenden.\n\nViele Grüße\n{agent}",
    "wrong_item": "Hallo {customer},\n\nentschuldigen Sie die Verwechslung bei {order}. Ich habe Ihnen ein vorfrankiertes Rücksendeetikett geschickt; der richtige Artikel ist bereits reserviert und geht raus, sobald die Rücksendung gescannt wurde.\n\nViele Grüße\n{agent}",
    "refund": "Hallo {customer},\n\nich habe nachgesehen: Die Erstattung für {order} wurde von unserer Seite bereits veranlasst. Banken brauchen üblicherweise 5-10 Werktage, bis der Betrag sichtbar ist. Anbei die Erstattungsbestätigung mit Referenznummer, falls Ihre Bank danach fragt.\n\nViele Grüße\n{agent}",
    "cancel": "Hallo {customer},\n\nerledigt - die Bestellung {order} ist storniert und der volle Betrag wurde auf Ihr ursprüngliches Zahlungsmittel erstattet. Sie sehen ihn in wenigen Werktagen.\n\nViele Grüße\n{agent}",
    "address": "Hallo {customer},\n\nich habe die Lieferadresse für {order} geändert. Das Paket hatte das Lager noch nicht verlassen, daher wird die neue Adresse verwendet.\n\nViele Grüße\n{agent}",
    "payment": "Hallo {customer},\n\nich sehe zwei Autorisierungen für {order}. Eine davon ist nur eine Vormerkung, die Ihre Bank innerhalb von 3-5 Tagen automatisch freigibt. Es wurde nichts doppelt belastet.\n\nViele Grüße\n{agent}",
    "question": "Hallo {customer},\n\ngute Frage! Der Schnitt ist locker, fällt aber normal aus - Ihre übliche Größe passt also am besten. Melden Sie sich gerne, wenn Sie noch Fragen haben.\n\nViele Grüße\n{agent}",
    "thanks": "Hallo {customer},\n\nvielen Dank für die netten Worte - das freut uns sehr! Viel Spaß mit Ihrer Bestellung.\n\nViele Grüße\n{agent}",
    "angry": "Hallo {customer},\n\nich verstehe Ihren Ärger voll und ganz und entschuldige mich, dass es so lange gedauert hat. Ich habe heute die vollständige Erstattung für {order} veranlasst; sollte das Paket doch noch ankommen, müssen Sie nichts zurückschicken.\n\nViele Grüße\n{agent}",
}
AGENT2 = ["Hallo {customer},\n\nkurzes Update zu {order}: Ich habe bei unserem Logistikteam nachgehakt und melde mich, sobald ich eine Antwort habe. Danke für Ihre Geduld.\n\n{agent}"]
FOLLOWUP = ["Gibt es schon etwas Neues?", "Hallo, ich habe immer noch nichts gehört. Kann mir bitte jemand helfen?",
            "Okay, danke. Dann warte ich ab.", "Hallo? Es ist jetzt schon eine Woche her."]
CLOSING = ["Perfekt, vielen Dank!", "Alles klar, danke für die Hilfe.", "Super, danke Ihnen!"]
