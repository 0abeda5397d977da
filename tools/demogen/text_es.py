"""Spanish texts (ES/MX). Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["¿Dónde está mi pedido {order}?", "Mi pedido {order} no ha llegado", "El seguimiento no se actualiza ({order})"],
    "customs": ["Paquete retenido en aduana - {order}", "¿Tengo que pagar aranceles? Pedido {order}"],
    "damaged": ["Producto llegó dañado - pedido {order}", "Artículo roto en el paquete"],
    "wrong_item": ["Me llegó un producto equivocado ({order})", "Talla incorrecta en mi pedido"],
    "refund": ["No he recibido el reembolso", "Reembolso del pedido {order}"],
    "cancel": ["Cancelar pedido {order}", "Quiero cancelar mi compra"],
    "address": ["Cambio de dirección de envío - {order}", "Dirección equivocada en el pedido"],
    "payment": ["Me cobraron dos veces el pedido {order}", "Pago rechazado pero me lo descontaron"],
    "question": ["Duda sobre las tallas", "Pregunta sobre la mochila"],
    "thanks": ["¡Muchas gracias!", "Pedido {order} recibido, todo perfecto"],
    "angry": ["INACEPTABLE - pedido {order} sin llegar", "Último aviso antes de reclamar al banco"],
}
EMAIL = {
    "wismo": [
        "Hola:\n\nHice el pedido {order} hace casi tres semanas y todavía no me ha llegado. El seguimiento lleva más de una semana sin moverse. ¿Me podrían decir dónde está?\n\nUn saludo,\n{fullname}",
        "Buenos días:\n\nQuisiera saber el estado de mi pedido {order}. En el seguimiento aparece \"en tránsito\" desde el martes pasado y no hay ninguna novedad.\n\nGracias de antemano,\n{fullname}",
    ],
    "customs": [
        "Hola:\n\nMi paquete del pedido {order} está retenido en la aduana y me piden pagar impuestos de importación. En ningún momento se me informó de estos cargos al comprar. ¿Ustedes se hacen cargo?\n\nSaludos,\n{fullname}",
        "Buenas tardes:\n\nMe llegó un aviso de que el pedido {order} está detenido en aduana y necesitan la factura comercial. ¿Me la pueden enviar, por favor?\n\nMuchas gracias,\n{fullname}",
    ],
    "damaged": [
        "Hola:\n\nHoy recibí el pedido {order}, pero la caja venía aplastada y el producto está roto. Adjunto fotos (IMG_2041.jpg). Me gustaría que me enviaran uno nuevo.\n\nUn saludo,\n{fullname}",
        "Buenos días:\n\nLamentablemente el artículo del pedido {order} llegó dañado, tiene una esquina completamente rota. Les mando fotos. ¿Qué opciones tengo?\n\nGracias,\n{fullname}",
    ],
    "wrong_item": [
        "Hola:\n\nPedí una talla M y en el pedido {order} me llegó una XL. ¿Me pueden mandar la talla correcta? Todavía tiene las etiquetas puestas.\n\nGracias,\n{fullname}",
        "Buenas tardes:\n\nEn el paquete del pedido {order} venía un producto totalmente distinto al que compré. Díganme cómo lo devuelvo y cómo recibo el correcto.\n\nSaludos cordiales,\n{fullname}",
    ],
    "refund": [
        "Hola:\n\nHace doce días me confirmaron el reembolso del pedido {order}, pero el dinero todavía no aparece en mi tarjeta. ¿Pueden revisarlo?\n\nGracias,\n{fullname}",
        "Buenos días:\n\nDevolví el pedido {order} hace dos semanas (el seguimiento indica que ya lo recibieron en su almacén) y no sé nada del reembolso. Quedo a la espera de sus noticias.\n\nAtentamente,\n{fullname}",
    ],
    "cancel": [
        "Hola:\n\nQuisiera cancelar el pedido {order}, me equivoqué de color. Por lo que veo aún no ha sido enviado.\n\nGracias,\n{fullname}",
        "Buenas tardes:\n\nPor favor, cancelen mi pedido {order}. Ya lo conseguí en una tienda de aquí y no lo necesito. ¿Me confirman la cancelación y el reembolso?\n\nUn saludo,\n{fullname}",
    ],
    "address": [
        "Hola:\n\nAcabo de darme cuenta de que puse mi dirección antigua en el pedido {order}. ¿La pueden cambiar antes del envío? La nueva es: Calle Mayor 24, 3.º B.\n\nMil gracias,\n{fullname}",
        "Buenos días:\n\nMe mudo la próxima semana. ¿Todavía es posible modificar la dirección de entrega del pedido {order}?\n\nSaludos,\n{fullname}",
    ],
    "payment": [
        "Hola:\n\nMe han cobrado dos veces el pedido {order}: aparecen dos cargos idénticos en mi cuenta. Por favor, devuélvanme el duplicado.\n\nGracias,\n{fullname}",
        "Buenas tardes:\n\nAl pagar me salió que el pago había sido rechazado, pero el importe sí se descontó de mi cuenta. ¿Tengo pedido o no?\n\nSaludos,\n{fullname}",
    ],
    "question": [
        "Hola:\n\nNormalmente uso talla M, pero me gusta que quede holgada. ¿Me recomiendan pedir una talla más en la sudadera Heavyweight? ¿Encoge al lavarla?\n\nGracias,\n{fullname}",
        "Buenos días:\n\n¿La mochila Roll-Top de 22 L es impermeable? Quiero usarla en bici cuando llueve.\n\nUn saludo,\n{fullname}",
    ],
    "thanks": [
        "Hola:\n\nSolo quería decirles que el pedido {order} llegó hoy y todo está perfecto. ¡Gracias por la ayuda de la semana pasada!\n\nUn abrazo,\n{fullname}",
        "Buenas tardes:\n\nYa recibí el reemplazo y está genial. Les agradezco mucho la rapidez.\n\nSaludos,\n{fullname}",
    ],
    "angry": [
        "Esto es una vergüenza. El pedido {order} lleva UN MES de retraso, he escrito tres veces y nadie me da una respuesta clara. Si el viernes no tengo mi dinero, abro una reclamación con el banco y dejo una reseña de una estrella en todas partes.\n\n{fullname}",
        "Estoy muy decepcionado. Cobraron el pedido {order} y el seguimiento lleva dos semanas muerto. O lo envían o me devuelven el dinero hoy mismo; si no, lo tramitaré con mi banco.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["hola, dónde está mi pedido {order}? el seguimiento no se mueve desde hace una semana", "buenas, alguna novedad del pedido {order}? sigue sin llegar"],
    "customs": ["mi paquete está en aduana y me piden pagar impuestos?? pedido {order}", "aduana tiene retenido el {order}, qué hago?"],
    "damaged": ["hola, me llegó roto el pedido 😞 te mando fotos", "el {order} llegó dañado, la caja venía aplastada"],
    "wrong_item": ["me llegó otra talla, pedí M y vino XL", "me mandaron un producto equivocado en el {order}"],
    "refund": ["sigo sin el reembolso del {order}, ya van 2 semanas", "cuándo me devuelven el dinero?"],
    "cancel": ["puedo cancelar el pedido {order}?", "cancela mi pedido {order} porfa, me equivoqué"],
    "address": ["necesito cambiar la dirección del {order}!", "me puedes cambiar la dirección de envío? puse mal el código postal"],
    "payment": ["me cobraron dos veces el {order}", "el pago salió rechazado pero me quitaron el dinero??"],
    "question": ["la sudadera talla pequeño?", "la mochila es impermeable?"],
    "thanks": ["ya me llegó, gracias!! 🙌", "llegó hoy, mil gracias"],
    "angry": ["esto es una tomadura de pelo. dónde está mi pedido {order}. los voy a denunciar", "3 semanas y nada. devuélvanme el dinero o hago contracargo"],
}
REPLY = {
    "wismo": "Hola, {customer}:\n\nGracias por tu paciencia. He revisado el pedido {order} con la transportista: el paquete está retrasado en un centro de tránsito y ya he abierto una investigación. Si no se mueve en 3 días hábiles, te enviamos uno nuevo sin coste.\n\nUn saludo,\n{agent}",
    "customs": "Hola, {customer}:\n\nSiento mucho la retención en aduana del pedido {order}. Te adjunto la factura comercial para que se la envíes a la transportista. Si te cobran aranceles, mándanos el justificante y te los reembolsamos.\n\nUn saludo,\n{agent}",
    "damaged": "Hola, {customer}:\n\nLamento mucho que el artículo llegara dañado y gracias por las fotos. Ya he preparado un reemplazo gratuito del pedido {order}, que saldrá en un plazo de 2 días hábiles. No hace falta que devuelvas el roto.\n\nUn saludo,\n{agent}",
    "wrong_item": "Hola, {customer}:\n\nDisculpa la confusión con el pedido {order}. Te he enviado una etiqueta de devolución prepagada y ya tenemos reservado el artículo correcto: sale en cuanto se escanee la devolución.\n\nUn saludo,\n{agent}",
    "refund": "Hola, {customer}:\n\nLo he comprobado y el reembolso del pedido {order} ya se emitió por nuestra parte. Los bancos suelen tardar entre 5 y 10 días hábiles en reflejarlo. Te adjunto el comprobante con el número de referencia por si tu banco lo pide.\n\nUn saludo,\n{agent}",
    "cancel": "Hola, {customer}:\n\nListo: el pedido {order} está cancelado y el importe completo se ha reembolsado al mismo medio de pago. Lo verás en unos días hábiles.\n\nUn saludo,\n{agent}",
    "address": "Hola, {customer}:\n\nHe actualizado la dirección de envío del pedido {order}. Todavía no había salido del almacén, así que se usará la nueva dirección.\n\nUn saludo,\n{agent}",
    "payment": "Hola, {customer}:\n\nVeo dos autorizaciones para el pedido {order}. Una de ellas es solo una retención pendiente que tu banco liberará automáticamente en 3-5 días. No se te ha cobrado dos veces.\n\nUn saludo,\n{agent}",
    "question": "Hola, {customer}:\n\n¡Buena pregunta! El corte es holgado y fiel a la talla, así que te recomiendo tu talla habitual. Si tienes cualquier otra duda, aquí estamos.\n\nUn saludo,\n{agent}",
    "thanks": "Hola, {customer}:\n\n¡Muchas gracias por tus palabras, nos has alegrado el día! Que lo disfrutes.\n\nUn saludo,\n{agent}",
    "angry": "Hola, {customer}:\n\nEntiendo perfectamente tu enfado y te pido disculpas por lo mucho que ha tardado esto. Hoy mismo he emitido el reembolso completo del pedido {order}; si el paquete llega más adelante, no tienes que devolver nada.\n\nUn saludo,\n{agent}",
}
AGENT2 = ["Hola, {customer}:\n\nTe escribo con una novedad sobre el pedido {order}: he insistido a nuestro equipo de logística y te aviso en cuanto me respondan. Gracias por tu paciencia.\n\n{agent}"]
FOLLOWUP = ["¿Hay alguna novedad?", "Hola, sigo sin noticias. ¿Me pueden ayudar?", "Vale, gracias. Espero entonces.",
            "Buenas, ¿me pueden decir algo? Ya ha pasado una semana."]
CLOSING = ["¡Perfecto, muchas gracias!", "Entendido, gracias por la ayuda.", "Genial, se agradece."]
