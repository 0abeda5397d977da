"""French texts. Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Où est ma commande {order} ?", "Commande {order} toujours pas reçue", "Suivi bloqué - commande {order}"],
    "customs": ["Colis bloqué en douane ({order})", "Frais de douane pour la commande {order} ?"],
    "damaged": ["Article arrivé endommagé - {order}", "Produit cassé à la livraison"],
    "wrong_item": ["Mauvais article reçu ({order})", "Mauvaise taille envoyée"],
    "refund": ["Remboursement toujours pas reçu", "Où en est mon remboursement ({order}) ?"],
    "cancel": ["Annulation de la commande {order}", "Merci d'annuler ma commande"],
    "address": ["Modification de l'adresse de livraison - {order}", "Erreur d'adresse sur ma commande"],
    "payment": ["Débité deux fois pour {order}", "Paiement refusé mais montant prélevé"],
    "question": ["Question sur les tailles", "Question sur le chargeur"],
    "thanks": ["Merci beaucoup !", "Commande {order} bien reçue"],
    "angry": ["INADMISSIBLE - toujours pas de commande {order}", "Dernier avertissement avant opposition bancaire"],
}
EMAIL = {
    "wismo": [
        "Bonjour,\n\nJ'ai passé la commande {order} il y a presque trois semaines et je ne l'ai toujours pas reçue. Le suivi n'a pas bougé depuis plus d'une semaine. Pourriez-vous me dire où se trouve mon colis ?\n\nCordialement,\n{fullname}",
        "Bonjour,\n\nPourriez-vous me donner des nouvelles de ma commande {order} ? Le suivi indique « en transit » depuis mardi dernier, sans aucune mise à jour.\n\nBien à vous,\n{fullname}",
    ],
    "customs": [
        "Bonjour,\n\nMon colis (commande {order}) est retenu en douane et le transporteur me demande de payer des droits d'importation. Rien ne l'indiquait au moment de la commande. Allez-vous prendre ces frais en charge ?\n\nCordialement,\n{fullname}",
        "Bonjour,\n\nJ'ai reçu un avis m'informant que ma commande {order} est bloquée en douane et qu'il faut une facture commerciale. Pouvez-vous me l'envoyer ?\n\nMerci d'avance,\n{fullname}",
    ],
    "damaged": [
        "Bonjour,\n\nJ'ai reçu la commande {order} aujourd'hui, mais le carton était écrasé et l'article est fêlé. Je joins des photos (IMG_2041.jpg). Je souhaiterais un remplacement.\n\nCordialement,\n{fullname}",
        "Bonjour,\n\nMalheureusement, l'article de la commande {order} est arrivé cassé : un coin est complètement abîmé. Photos en pièce jointe. Quelles sont les solutions possibles ?\n\nMerci,\n{fullname}",
    ],
    "wrong_item": [
        "Bonjour,\n\nJ'ai commandé une taille M mais j'ai reçu du XL dans la commande {order}. Pouvez-vous m'envoyer la bonne taille ? Les étiquettes sont toujours attachées.\n\nMerci,\n{fullname}",
        "Bonjour,\n\nLe colis de la commande {order} contenait un produit totalement différent de celui commandé. Merci de m'indiquer comment le retourner et recevoir le bon article.\n\nCordialement,\n{fullname}",
    ],
    "refund": [
        "Bonjour,\n\nVous m'avez confirmé le remboursement de la commande {order} il y a douze jours, mais je n'ai toujours rien sur ma carte. Pouvez-vous vérifier ?\n\nMerci,\n{fullname}",
        "Bonjour,\n\nJ'ai renvoyé la commande {order} il y a deux semaines (le suivi indique qu'elle a été livrée à votre entrepôt) et je n'ai aucune nouvelle de mon remboursement. Merci de me tenir informé.\n\nCordialement,\n{fullname}",
    ],
    "cancel": [
        "Bonjour,\n\nJe souhaiterais annuler la commande {order}, je me suis trompé de couleur. Elle ne semble pas encore expédiée.\n\nMerci,\n{fullname}",
        "Bonjour,\n\nMerci d'annuler ma commande {order}, je n'en ai plus besoin. Pouvez-vous me confirmer l'annulation et le remboursement ?\n\nBien cordialement,\n{fullname}",
    ],
    "address": [
        "Bonjour,\n\nJe viens de m'apercevoir que j'ai indiqué mon ancienne adresse pour la commande {order}. Est-il possible de la modifier avant l'expédition ? Nouvelle adresse : 8 rue des Lilas, bât. B.\n\nMerci beaucoup,\n{fullname}",
        "Bonjour,\n\nJe déménage la semaine prochaine. Est-il encore possible de changer l'adresse de livraison de la commande {order} ?\n\nCordialement,\n{fullname}",
    ],
    "payment": [
        "Bonjour,\n\nJ'ai été débité deux fois pour la commande {order} : deux opérations identiques apparaissent sur mon relevé. Merci de rembourser le doublon.\n\nCordialement,\n{fullname}",
        "Bonjour,\n\nLors du paiement, un message indiquait que la transaction avait échoué, mais le montant a quand même été prélevé. Ma commande est-elle validée ?\n\nMerci,\n{fullname}",
    ],
    "question": [
        "Bonjour,\n\nJe fais habituellement du M mais j'aime les coupes amples. Faut-il prendre une taille au-dessus pour le sweat Heavyweight ? Rétrécit-il au lavage ?\n\nMerci,\n{fullname}",
        "Bonjour,\n\nLe chargeur GaN 65 W est-il compatible avec un MacBook Air, et un câble est-il fourni ?\n\nMerci d'avance,\n{fullname}",
    ],
    "thanks": [
        "Bonjour,\n\nJe voulais simplement vous dire que la commande {order} est arrivée aujourd'hui et que tout est parfait. Merci pour votre aide la semaine dernière !\n\nBonne journée,\n{fullname}",
        "Bonjour,\n\nLe remplacement est bien arrivé, il est impeccable. Merci beaucoup pour votre réactivité.\n\nBien à vous,\n{fullname}",
    ],
    "angry": [
        "C'est inadmissible. La commande {order} a maintenant UN MOIS de retard, je vous ai écrit trois fois et personne ne me répond sérieusement. Si je ne suis pas remboursé d'ici vendredi, je fais opposition auprès de ma banque et je laisse un avis 1 étoile partout.\n\n{fullname}",
        "Je suis extrêmement déçu. Vous avez encaissé mon paiement pour {order} et le suivi ne bouge plus depuis deux semaines. Soit vous expédiez, soit vous me remboursez aujourd'hui, sinon ma banque s'en chargera.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["bonjour, elle est où ma commande {order} ? le suivi bouge plus depuis une semaine", "salut, du nouveau pour {order} ? toujours rien reçu"],
    "customs": ["mon colis est bloqué à la douane et on me demande de payer ?? commande {order}", "la douane bloque {order}, je fais quoi ?"],
    "damaged": ["bonjour, ma commande est arrivée cassée :( je vous envoie des photos", "{order} reçue abîmée, carton écrasé"],
    "wrong_item": ["j'ai reçu la mauvaise taille, commandé M reçu XL", "mauvais article dans mon colis {order}"],
    "refund": ["toujours pas de remboursement pour {order}, ça fait 2 semaines", "je serai remboursé quand ?"],
    "cancel": ["je peux annuler {order} svp ?", "annulez ma commande {order} svp, erreur de ma part"],
    "address": ["je dois changer l'adresse pour {order} !", "vous pouvez modifier l'adresse de livraison ? mauvais code postal"],
    "payment": ["j'ai été débité 2 fois pour {order}", "paiement refusé mais l'argent est parti ??"],
    "question": ["le sweat taille petit ?", "le sac à dos est étanche ?"],
    "thanks": ["bien reçu, merci !! :)", "arrivé aujourd'hui, merci beaucoup"],
    "angry": ["c'est n'importe quoi. où est ma commande {order}. je vais signaler", "3 semaines et rien. remboursez-moi ou je fais opposition"],
}
REPLY = {
    "wismo": "Bonjour {customer},\n\nMerci pour votre patience. J'ai vérifié la commande {order} auprès du transporteur : le colis est retardé dans un centre de transit et j'ai ouvert une enquête. S'il ne bouge pas d'ici 3 jours ouvrés, nous vous renverrons un colis gratuitement.\n\nBien cordialement,\n{agent}",
    "customs": "Bonjour {customer},\n\nDésolé pour le blocage en douane de {order}. Vous trouverez ci-joint la facture commerciale à transmettre au transporteur. Si des droits vous sont facturés, envoyez-nous le justificatif et nous vous les rembourserons.\n\nBien cordialement,\n{agent}",
    "damaged": "Bonjour {customer},\n\nJe suis vraiment désolé que l'article soit arrivé endommagé, et merci pour les photos. J'ai lancé un remplacement gratuit pour {order}, expédié sous 2 jours ouvrés. Inutile de nous renvoyer l'article cassé.\n\nBien cordialement,\n{agent}",
    "wrong_item": "Bonjour {customer},\n\nToutes nos excuses pour l'erreur sur {order}. Je vous ai envoyé une étiquette de retour prépayée ; le bon article vous est réservé et partira dès que le retour sera scanné.\n\nBien cordialement,\n{agent}",
    "refund": "Bonjour {customer},\n\nJ'ai vérifié : le remboursement de {order} a bien été effectué de notre côté. Les banques mettent généralement 5 à 10 jours ouvrés pour l'afficher. Je joins la confirmation avec le numéro de référence si votre banque le demande.\n\nBien cordialement,\n{agent}",
    "cancel": "Bonjour {customer},\n\nC'est fait : la commande {order} est annulée et le montant total a été remboursé sur votre moyen de paiement d'origine. Il apparaîtra sous quelques jours ouvrés.\n\nBien cordialement,\n{agent}",
    "address": "Bonjour {customer},\n\nJ'ai mis à jour l'adresse de livraison de {order}. Le colis n'avait pas encore quitté l'entrepôt, la nouvelle adresse sera donc bien utilisée.\n\nBien cordialement,\n{agent}",
    "payment": "Bonjour {customer},\n\nJe vois deux autorisations pour {order}. L'une n'est qu'une pré-autorisation que votre banque libérera automatiquement sous 3 à 5 jours. Vous n'avez pas été débité deux fois.\n\nBien cordialement,\n{agent}",
    "question": "Bonjour {customer},\n\nBonne question ! La coupe est ample mais taille normalement : votre taille habituelle sera parfaite. N'hésitez pas si vous avez d'autres questions.\n\nBien cordialement,\n{agent}",
    "thanks": "Bonjour {customer},\n\nMerci beaucoup pour votre message, ça nous fait très plaisir ! Profitez bien de votre commande.\n\nBien cordialement,\n{agent}",
    "angry": "Bonjour {customer},\n\nJe comprends tout à fait votre exaspération et je vous présente nos excuses pour ce délai. J'ai effectué aujourd'hui le remboursement intégral de {order} ; si le colis finit par arriver, vous n'aurez rien à renvoyer.\n\nBien cordialement,\n{agent}",
}
AGENT2 = ["Bonjour {customer},\n\nPetit point sur {order} : j'ai relancé notre équipe logistique et je reviens vers vous dès que j'ai leur réponse. Merci de votre patience.\n\n{agent}"]
FOLLOWUP = ["Y a-t-il du nouveau ?", "Bonjour, toujours aucune nouvelle. Quelqu'un peut-il m'aider ?",
            "D'accord, merci. J'attends alors.", "Bonjour ? Cela fait maintenant une semaine."]
CLOSING = ["Parfait, merci beaucoup !", "Bien noté, merci pour votre aide.", "Super, merci à vous !"]
