"""Portuguese texts (mostly pt-BR register; PT buyers share them). Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Cadê meu pedido {order}?", "Pedido {order} ainda não chegou", "Rastreio parado - pedido {order}"],
    "customs": ["Encomenda retida na alfândega ({order})", "Taxa de importação do pedido {order}"],
    "damaged": ["Produto chegou danificado - {order}", "Item quebrado na entrega"],
    "wrong_item": ["Recebi o produto errado ({order})", "Tamanho errado"],
    "refund": ["Reembolso ainda não caiu", "Estorno do pedido {order}"],
    "cancel": ["Cancelar pedido {order}", "Quero cancelar minha compra"],
    "address": ["Alterar endereço de entrega - {order}", "Endereço errado no pedido"],
    "payment": ["Cobrança duplicada no pedido {order}", "Pagamento recusado mas foi debitado"],
    "question": ["Dúvida sobre tamanho", "Pergunta sobre a mochila"],
    "thanks": ["Muito obrigada!", "Pedido {order} recebido"],
    "angry": ["ABSURDO - pedido {order} até agora nada", "Último aviso antes de abrir contestação"],
}
EMAIL = {
    "wismo": [
        "Olá,\n\nFiz o pedido {order} há quase três semanas e até agora não recebi. O rastreio não atualiza há mais de uma semana. Vocês podem me informar onde está a encomenda?\n\nObrigado,\n{fullname}",
        "Bom dia,\n\nGostaria de saber a situação do meu pedido {order}. O rastreamento mostra \"em trânsito\" desde terça-feira passada e não muda.\n\nAtenciosamente,\n{fullname}",
    ],
    "customs": [
        "Olá,\n\nMinha encomenda do pedido {order} ficou retida na fiscalização aduaneira e os Correios estão cobrando imposto de importação. Isso não foi informado na compra. Vocês vão arcar com essa taxa?\n\nAtenciosamente,\n{fullname}",
        "Boa tarde,\n\nO rastreio do pedido {order} diz que a encomenda está aguardando o CPF do destinatário para liberação na alfândega. Meu CPF é 123.456.789-09. Vocês podem atualizar isso junto à transportadora?\n\nObrigada,\n{fullname}",
    ],
    "damaged": [
        "Olá,\n\nRecebi hoje o pedido {order}, mas a caixa veio amassada e o produto está trincado. Seguem fotos em anexo (IMG_2041.jpg). Gostaria de uma troca.\n\nObrigado,\n{fullname}",
        "Bom dia,\n\nInfelizmente o item do pedido {order} chegou quebrado, com uma das pontas totalmente danificada. Envio fotos em anexo. Quais são as opções?\n\nAtenciosamente,\n{fullname}",
    ],
    "wrong_item": [
        "Olá,\n\nPedi tamanho M e no pedido {order} veio GG. Vocês podem mandar o tamanho certo? Ainda está com etiqueta.\n\nObrigada,\n{fullname}",
        "Boa tarde,\n\nO pacote do pedido {order} veio com um produto completamente diferente do que comprei. Como faço para devolver e receber o correto?\n\nAtenciosamente,\n{fullname}",
    ],
    "refund": [
        "Olá,\n\nVocês confirmaram o estorno do pedido {order} há doze dias, mas o valor ainda não apareceu no meu cartão. Podem verificar, por favor?\n\nObrigado,\n{fullname}",
        "Bom dia,\n\nDevolvi o pedido {order} há duas semanas (o rastreio mostra que foi entregue no armazém de vocês) e não tive nenhum retorno sobre o reembolso. Aguardo uma posição.\n\nAtenciosamente,\n{fullname}",
    ],
    "cancel": [
        "Olá,\n\nGostaria de cancelar o pedido {order}, escolhi a cor errada sem querer. Pelo que vejo ainda não foi enviado.\n\nObrigada,\n{fullname}",
        "Boa tarde,\n\nPor favor, cancelem o meu pedido {order}, não preciso mais dele. Podem confirmar o cancelamento e o reembolso?\n\nAtenciosamente,\n{fullname}",
    ],
    "address": [
        "Olá,\n\nAcabei de perceber que coloquei meu endereço antigo no pedido {order}. Dá para alterar antes do envio? Novo endereço: Rua das Acácias, 120, apto 42.\n\nMuito obrigado,\n{fullname}",
        "Bom dia,\n\nVou me mudar na semana que vem. Ainda é possível alterar o endereço de entrega do pedido {order}?\n\nAtenciosamente,\n{fullname}",
    ],
    "payment": [
        "Olá,\n\nFui cobrado duas vezes pelo pedido {order}: aparecem duas transações iguais na minha fatura. Peço o estorno da cobrança duplicada.\n\nObrigado,\n{fullname}",
        "Boa tarde,\n\nNo checkout apareceu que o pagamento foi recusado, mas o valor foi debitado da minha conta. Meu pedido foi feito ou não?\n\nAtenciosamente,\n{fullname}",
    ],
    "question": [
        "Olá,\n\nNormalmente uso M, mas gosto de roupa mais larguinha. Vocês recomendam pegar um tamanho acima no moletom Heavyweight? Ele encolhe na lavagem?\n\nObrigada,\n{fullname}",
        "Bom dia,\n\nA mochila Roll-Top de 22 L é impermeável? Quero usar de bicicleta na chuva.\n\nAbraço,\n{fullname}",
    ],
    "thanks": [
        "Olá,\n\nSó queria avisar que o pedido {order} chegou hoje e está tudo perfeito. Obrigada pela ajuda na semana passada!\n\nAbraços,\n{fullname}",
        "Boa tarde,\n\nA troca chegou e ficou ótima. Agradeço muito pela agilidade de vocês.\n\nAtenciosamente,\n{fullname}",
    ],
    "angry": [
        "Isso é um absurdo. O pedido {order} está UM MÊS atrasado, já escrevi três vezes e ninguém me dá uma resposta de verdade. Se até sexta eu não tiver meu dinheiro de volta, vou abrir contestação no cartão e reclamar no Reclame Aqui.\n\n{fullname}",
        "Estou muito decepcionado. Vocês cobraram o pedido {order} e o rastreio está parado há duas semanas. Ou enviam ou devolvem meu dinheiro hoje, senão vou resolver com o banco.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["oi, cadê meu pedido {order}? o rastreio tá parado faz uma semana", "oii alguma novidade do {order}? até agora nada"],
    "customs": ["minha encomenda ficou presa na alfândega e tão cobrando taxa?? pedido {order}", "tá pedindo CPF pra liberar o {order}, o que eu faço?"],
    "damaged": ["oi, meu pedido chegou quebrado 😢 vou mandar as fotos", "o {order} chegou todo amassado"],
    "wrong_item": ["veio o tamanho errado, pedi M e veio GG", "veio produto errado no {order}"],
    "refund": ["até agora nada do estorno do {order}, já faz 2 semanas", "quando cai o reembolso?"],
    "cancel": ["dá pra cancelar o {order}?", "cancela meu pedido {order} por favor, comprei errado"],
    "address": ["preciso mudar o endereço do {order}!", "vocês conseguem trocar o endereço de entrega? coloquei o CEP errado"],
    "payment": ["fui cobrado 2 vezes no {order}", "deu pagamento recusado mas o dinheiro saiu??"],
    "question": ["o moletom é forma pequena?", "a mochila é impermeável?"],
    "thanks": ["chegou, obrigadaaa!! 😍", "chegou hoje, valeu demais"],
    "angry": ["que palhaçada. cadê meu pedido {order}. vou pro reclame aqui", "3 semanas e nada. devolve meu dinheiro ou vou contestar no cartão"],
}
REPLY = {
    "wismo": "Olá, {customer}!\n\nObrigado pela paciência. Verifiquei o pedido {order} com a transportadora: a encomenda está atrasada em um centro de distribuição e já abri uma investigação. Se não houver movimentação em 3 dias úteis, enviamos um novo sem custo.\n\nAbraços,\n{agent}",
    "customs": "Olá, {customer}!\n\nSinto muito pela retenção do pedido {order} na alfândega. Segue em anexo a fatura comercial para você encaminhar à transportadora. Se houver cobrança de imposto, envie o comprovante que faremos o reembolso.\n\nAbraços,\n{agent}",
    "damaged": "Olá, {customer}!\n\nLamento muito que o produto tenha chegado danificado, e obrigado pelas fotos. Já providenciei uma troca gratuita do pedido {order}, que será enviada em até 2 dias úteis. Não precisa devolver o item quebrado.\n\nAbraços,\n{agent}",
    "wrong_item": "Olá, {customer}!\n\nDesculpe pela confusão no pedido {order}. Enviei uma etiqueta de devolução pré-paga e o item correto já está reservado para você: ele sai assim que a devolução for postada.\n\nAbraços,\n{agent}",
    "refund": "Olá, {customer}!\n\nVerifiquei e o estorno do pedido {order} já foi feito do nosso lado. Os bancos costumam levar de 5 a 10 dias úteis para mostrar o valor. Segue o comprovante com o número de referência, caso o banco peça.\n\nAbraços,\n{agent}",
    "cancel": "Olá, {customer}!\n\nPronto: o pedido {order} foi cancelado e o valor total foi estornado para a forma de pagamento original. Deve aparecer em alguns dias úteis.\n\nAbraços,\n{agent}",
    "address": "Olá, {customer}!\n\nAtualizei o endereço de entrega do pedido {order}. Ele ainda não tinha saído do armazém, então o novo endereço será usado.\n\nAbraços,\n{agent}",
    "payment": "Olá, {customer}!\n\nVejo duas autorizações para o pedido {order}. Uma delas é só uma pré-autorização que o banco libera automaticamente em 3 a 5 dias. Não houve cobrança em dobro.\n\nAbraços,\n{agent}",
    "question": "Olá, {customer}!\n\nÓtima pergunta! A modelagem é mais soltinha, mas veste no tamanho normal, então recomendo o seu tamanho de sempre. Qualquer outra dúvida, é só chamar.\n\nAbraços,\n{agent}",
    "thanks": "Olá, {customer}!\n\nMuito obrigado pelo carinho, ganhamos o dia! Aproveite a compra.\n\nAbraços,\n{agent}",
    "angry": "Olá, {customer}.\n\nEntendo totalmente sua frustração e peço desculpas pela demora. Fiz hoje o reembolso integral do pedido {order}; se a encomenda chegar depois, você não precisa devolver nada.\n\nAtenciosamente,\n{agent}",
}
AGENT2 = ["Olá, {customer}!\n\nNovidade sobre o pedido {order}: cobrei nossa equipe de logística e te aviso assim que tiver retorno. Obrigado pela paciência.\n\n{agent}"]
FOLLOWUP = ["Alguma novidade?", "Oi, continuo sem resposta. Alguém pode me ajudar?", "Ok, obrigado. Vou aguardar então.",
            "Olá? Já faz uma semana."]
CLOSING = ["Perfeito, muito obrigado!", "Entendi, obrigada pela ajuda.", "Show, valeu!"]
