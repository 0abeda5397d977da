"""Italian texts. Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Dov'è il mio ordine {order}?", "Ordine {order} non ancora arrivato", "Tracciamento fermo - ordine {order}"],
    "customs": ["Pacco bloccato in dogana ({order})", "Dazi doganali per l'ordine {order}?"],
    "damaged": ["Articolo arrivato danneggiato - {order}", "Prodotto rotto alla consegna"],
    "wrong_item": ["Ricevuto articolo sbagliato ({order})", "Taglia sbagliata"],
    "refund": ["Rimborso non ancora ricevuto", "Rimborso ordine {order}"],
    "cancel": ["Annullare l'ordine {order}", "Vorrei annullare il mio ordine"],
    "address": ["Modifica indirizzo di spedizione - {order}", "Indirizzo sbagliato nell'ordine"],
    "payment": ["Addebito doppio per l'ordine {order}", "Pagamento rifiutato ma soldi addebitati"],
    "question": ["Domanda sulle taglie", "Informazioni sullo zaino"],
    "thanks": ["Grazie mille!", "Ordine {order} arrivato, grazie"],
    "angry": ["INACCETTABILE - ordine {order} ancora non arrivato", "Ultimo avviso prima del chargeback"],
}
EMAIL = {
    "wismo": [
        "Buongiorno,\n\nho effettuato l'ordine {order} quasi tre settimane fa e non è ancora arrivato. Il tracciamento non si aggiorna da più di una settimana. Potreste dirmi dove si trova il pacco?\n\nGrazie,\n{fullname}",
        "Salve,\n\nvorrei avere notizie sul mio ordine {order}. Il tracking risulta \"in transito\" da martedì scorso senza alcun aggiornamento.\n\nCordiali saluti,\n{fullname}",
    ],
    "customs": [
        "Buongiorno,\n\nil pacco dell'ordine {order} è fermo in dogana e il corriere mi chiede di pagare i dazi di importazione. Al momento dell'acquisto non era indicato nulla. Ve ne fate carico voi?\n\nCordiali saluti,\n{fullname}",
        "Salve,\n\nmi è arrivato un avviso: l'ordine {order} è bloccato in dogana e serve la fattura commerciale. Potete inviarmela?\n\nGrazie mille,\n{fullname}",
    ],
    "damaged": [
        "Buongiorno,\n\noggi ho ricevuto l'ordine {order}, ma la scatola era schiacciata e l'articolo è crepato. Allego le foto (IMG_2041.jpg). Vorrei una sostituzione.\n\nSaluti,\n{fullname}",
        "Salve,\n\npurtroppo l'articolo dell'ordine {order} è arrivato rotto, un angolo è completamente distrutto. Vi mando le foto. Quali sono le opzioni?\n\nGrazie,\n{fullname}",
    ],
    "wrong_item": [
        "Buongiorno,\n\nho ordinato la taglia M ma nell'ordine {order} mi è arrivata una XL. Potete mandarmi la taglia giusta? Ha ancora tutte le etichette.\n\nGrazie,\n{fullname}",
        "Salve,\n\nnel pacco dell'ordine {order} c'era un prodotto completamente diverso da quello che ho acquistato. Come posso restituirlo e ricevere quello corretto?\n\nCordiali saluti,\n{fullname}",
    ],
    "refund": [
        "Buongiorno,\n\nmi avete confermato il rimborso dell'ordine {order} dodici giorni fa, ma sulla carta non vedo ancora nulla. Potete controllare?\n\nGrazie,\n{fullname}",
        "Salve,\n\nho reso l'ordine {order} due settimane fa (il tracciamento risulta consegnato al vostro magazzino) e non ho più saputo nulla del rimborso. Resto in attesa di un riscontro.\n\nCordiali saluti,\n{fullname}",
    ],
    "cancel": [
        "Buongiorno,\n\nvorrei annullare l'ordine {order}, ho scelto il colore sbagliato per errore. Mi sembra che non sia ancora stato spedito.\n\nGrazie,\n{fullname}",
        "Salve,\n\nvi chiedo di annullare il mio ordine {order}, non mi serve più. Potete confermarmi l'annullamento e il rimborso?\n\nCordiali saluti,\n{fullname}",
    ],
    "address": [
        "Buongiorno,\n\nmi sono appena accorto di aver inserito il vecchio indirizzo nell'ordine {order}. È possibile modificarlo prima della spedizione? Nuovo indirizzo: Via Garibaldi 18, scala B.\n\nGrazie mille,\n{fullname}",
        "Salve,\n\nla prossima settimana cambio casa. È ancora possibile modificare l'indirizzo di consegna dell'ordine {order}?\n\nSaluti,\n{fullname}",
    ],
    "payment": [
        "Buongiorno,\n\nmi è stato addebitato due volte l'ordine {order}: sull'estratto conto ci sono due movimenti identici. Vi prego di rimborsare quello doppio.\n\nGrazie,\n{fullname}",
        "Salve,\n\nal pagamento mi è comparso \"transazione rifiutata\", ma l'importo mi è stato comunque addebitato. L'ordine risulta fatto o no?\n\nCordiali saluti,\n{fullname}",
    ],
    "question": [
        "Buongiorno,\n\ndi solito porto la M ma mi piacciono i capi un po' larghi. Per la felpa Heavyweight mi consigliate una taglia in più? Si restringe con il lavaggio?\n\nGrazie,\n{fullname}",
        "Salve,\n\nlo zaino Roll-Top da 22 L è impermeabile? Vorrei usarlo in bici quando piove.\n\nGrazie in anticipo,\n{fullname}",
    ],
    "thanks": [
        "Buongiorno,\n\nvolevo solo dirvi che l'ordine {order} è arrivato oggi ed è tutto perfetto. Grazie per l'aiuto della settimana scorsa!\n\nUn saluto,\n{fullname}",
        "Salve,\n\nla sostituzione è arrivata ed è perfetta. Grazie davvero per la rapidità.\n\nCordiali saluti,\n{fullname}",
    ],
    "angry": [
        "È una vergogna. L'ordine {order} è in ritardo di UN MESE, vi ho scritto tre volte e nessuno mi dà una risposta concreta. Se entro venerdì non ricevo il rimborso, apro una contestazione con la banca e lascio una recensione da una stella ovunque.\n\n{fullname}",
        "Sono molto deluso. Avete incassato i soldi per l'ordine {order} e il tracking è fermo da due settimane. O spedite oggi o mi rimborsate, altrimenti se ne occuperà la mia banca.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["ciao, dov'è il mio ordine {order}? il tracking è fermo da una settimana", "salve, novità sull'ordine {order}? non è ancora arrivato"],
    "customs": ["il pacco è fermo in dogana e mi chiedono di pagare?? ordine {order}", "la dogana blocca il {order}, cosa devo fare"],
    "damaged": ["ciao, l'ordine è arrivato rotto :( vi mando le foto", "il {order} è arrivato danneggiato, scatola distrutta"],
    "wrong_item": ["mi è arrivata la taglia sbagliata, ho preso M ed è arrivata XL", "articolo sbagliato nel pacco {order}"],
    "refund": ["ancora niente rimborso per il {order}, sono passate 2 settimane", "quando arriva il rimborso?"],
    "cancel": ["posso annullare il {order}?", "annullate l'ordine {order} per favore, ho sbagliato"],
    "address": ["devo cambiare l'indirizzo del {order}!", "potete cambiare l'indirizzo di consegna? ho sbagliato il cap"],
    "payment": ["mi avete addebitato 2 volte il {order}", "pagamento rifiutato ma i soldi sono spariti??"],
    "question": ["la felpa veste piccola?", "lo zaino è impermeabile?"],
    "thanks": ["arrivato, grazie!! :)", "arrivato oggi, grazie mille"],
    "angry": ["ma è uno scherzo? dov'è il mio ordine {order}. vi segnalo", "3 settimane e niente. rimborsatemi o faccio chargeback"],
}
REPLY = {
    "wismo": "Ciao {customer},\n\ngrazie per la pazienza. Ho verificato l'ordine {order} con il corriere: il pacco è in ritardo presso un centro di smistamento e ho aperto una verifica. Se non si muove entro 3 giorni lavorativi, ti rispediamo l'ordine gratuitamente.\n\nUn saluto,\n{agent}",
    "customs": "Ciao {customer},\n\nmi dispiace per il blocco in dogana dell'ordine {order}. Ti allego la fattura commerciale da inoltrare al corriere. Se ti vengono addebitati dei dazi, mandaci la ricevuta e te li rimborsiamo.\n\nUn saluto,\n{agent}",
    "damaged": "Ciao {customer},\n\nmi dispiace davvero che l'articolo sia arrivato danneggiato, e grazie per le foto. Ho già predisposto una sostituzione gratuita per l'ordine {order}, che partirà entro 2 giorni lavorativi. Non serve restituire quello rotto.\n\nUn saluto,\n{agent}",
    "wrong_item": "Ciao {customer},\n\nci scusiamo per l'errore sull'ordine {order}. Ti ho inviato un'etichetta di reso prepagata; l'articolo corretto è già riservato per te e partirà appena il reso verrà scansionato.\n\nUn saluto,\n{agent}",
    "refund": "Ciao {customer},\n\nho controllato: il rimborso dell'ordine {order} è già stato emesso da parte nostra. Di solito le banche impiegano 5-10 giorni lavorativi per mostrarlo. Ti allego la conferma con il numero di riferimento, nel caso la banca lo chieda.\n\nUn saluto,\n{agent}",
    "cancel": "Ciao {customer},\n\nfatto: l'ordine {order} è stato annullato e l'importo completo è stato rimborsato sul metodo di pagamento originale. Lo vedrai entro pochi giorni lavorativi.\n\nUn saluto,\n{agent}",
    "address": "Ciao {customer},\n\nho aggiornato l'indirizzo di spedizione dell'ordine {order}. Non era ancora uscito dal magazzino, quindi verrà usato il nuovo indirizzo.\n\nUn saluto,\n{agent}",
    "payment": "Ciao {customer},\n\nvedo due autorizzazioni per l'ordine {order}. Una è solo una preautorizzazione che la tua banca sbloccherà automaticamente entro 3-5 giorni. Non ti è stato addebitato nulla due volte.\n\nUn saluto,\n{agent}",
    "question": "Ciao {customer},\n\nottima domanda! La vestibilità è comoda ma regolare, quindi ti consiglio la tua taglia abituale. Per qualsiasi altro dubbio scrivici pure.\n\nUn saluto,\n{agent}",
    "thanks": "Ciao {customer},\n\ngrazie mille per le belle parole, ci hai fatto felici! Goditi il tuo ordine.\n\nUn saluto,\n{agent}",
    "angry": "Ciao {customer},\n\ncapisco perfettamente la tua frustrazione e mi scuso per i tempi così lunghi. Oggi ho emesso il rimborso completo dell'ordine {order}; se il pacco dovesse arrivare più avanti, non dovrai restituire nulla.\n\nUn saluto,\n{agent}",
}
AGENT2 = ["Ciao {customer},\n\naggiornamento sull'ordine {order}: ho sollecitato il nostro team logistico e ti scrivo appena ho una risposta. Grazie per la pazienza.\n\n{agent}"]
FOLLOWUP = ["Ci sono novità?", "Salve, ancora nessuna notizia. Qualcuno può aiutarmi?", "Va bene, grazie. Aspetto allora.",
            "Buongiorno? È passata ormai una settimana."]
CLOSING = ["Perfetto, grazie mille!", "Ricevuto, grazie per l'aiuto.", "Ottimo, grazie!"]
