"""Vietnamese texts. Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Đơn hàng {order} của tôi đang ở đâu?", "Đơn {order} vẫn chưa nhận được", "Mã vận đơn không cập nhật ({order})"],
    "customs": ["Kiện hàng bị giữ ở hải quan ({order})", "Phí hải quan cho đơn {order}?"],
    "damaged": ["Sản phẩm bị hư hỏng - {order}", "Nhận hàng bị vỡ"],
    "wrong_item": ["Giao nhầm sản phẩm ({order})", "Giao sai size"],
    "refund": ["Chưa nhận được tiền hoàn", "Hoàn tiền đơn {order}"],
    "cancel": ["Hủy đơn hàng {order}", "Yêu cầu hủy đơn"],
    "address": ["Đổi địa chỉ giao hàng - {order}", "Sai địa chỉ trong đơn hàng"],
    "payment": ["Bị trừ tiền hai lần cho đơn {order}", "Thanh toán lỗi nhưng vẫn bị trừ tiền"],
    "question": ["Hỏi về size áo", "Balo có chống nước không?"],
    "thanks": ["Cảm ơn shop nhiều!", "Đã nhận được đơn {order}"],
    "angry": ["QUÁ TỆ - đơn {order} vẫn chưa tới", "Cảnh báo cuối cùng trước khi khiếu nại ngân hàng"],
}
EMAIL = {
    "wismo": [
        "Chào shop,\n\nTôi đặt đơn hàng {order} gần ba tuần trước nhưng đến giờ vẫn chưa nhận được. Thông tin theo dõi đã hơn một tuần không thay đổi. Nhờ shop kiểm tra giúp kiện hàng đang ở đâu.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nTôi muốn hỏi tình trạng đơn hàng {order}. Trang theo dõi báo \"đang vận chuyển\" từ thứ Ba tuần trước mà không có cập nhật gì thêm.\n\nTrân trọng,\n{fullname}",
    ],
    "customs": [
        "Chào shop,\n\nKiện hàng của đơn {order} đang bị giữ ở hải quan và bên vận chuyển yêu cầu tôi đóng thuế nhập khẩu. Lúc đặt hàng không hề có thông báo về khoản phí này. Shop có chịu khoản phí này không?\n\nTrân trọng,\n{fullname}",
        "Xin chào,\n\nTôi nhận được thông báo đơn {order} bị tạm giữ ở hải quan và cần hóa đơn thương mại. Shop gửi giúp tôi hóa đơn được không?\n\nCảm ơn,\n{fullname}",
    ],
    "damaged": [
        "Chào shop,\n\nHôm nay tôi nhận đơn {order} nhưng thùng hàng bị móp và sản phẩm bên trong bị nứt. Tôi gửi kèm ảnh (IMG_2041.jpg). Mong shop đổi cho tôi sản phẩm mới.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nRất tiếc sản phẩm trong đơn {order} đến tay tôi đã bị vỡ, một góc bị bể hoàn toàn. Ảnh đính kèm. Shop hỗ trợ giúp tôi thế nào?\n\nTrân trọng,\n{fullname}",
    ],
    "wrong_item": [
        "Chào shop,\n\nTôi đặt size M nhưng đơn {order} lại giao size XL. Shop gửi lại đúng size giúp tôi được không? Mác vẫn còn nguyên.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nKiện hàng đơn {order} là một sản phẩm hoàn toàn khác với sản phẩm tôi đặt. Nhờ shop hướng dẫn cách trả hàng và gửi lại đúng sản phẩm.\n\nTrân trọng,\n{fullname}",
    ],
    "refund": [
        "Chào shop,\n\nShop đã xác nhận hoàn tiền đơn {order} từ mười hai ngày trước nhưng tiền vẫn chưa về thẻ của tôi. Nhờ shop kiểm tra lại.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nTôi đã gửi trả đơn {order} hai tuần trước (theo dõi cho thấy đã giao đến kho của shop) nhưng chưa nhận được thông tin hoàn tiền nào. Mong sớm nhận phản hồi.\n\nTrân trọng,\n{fullname}",
    ],
    "cancel": [
        "Chào shop,\n\nTôi muốn hủy đơn {order} vì lỡ chọn nhầm màu. Có vẻ đơn hàng vẫn chưa được gửi đi.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nVui lòng hủy giúp tôi đơn hàng {order}, tôi không cần nữa. Shop xác nhận giúp việc hủy đơn và hoàn tiền nhé.\n\nTrân trọng,\n{fullname}",
    ],
    "address": [
        "Chào shop,\n\nTôi vừa phát hiện mình ghi địa chỉ cũ cho đơn {order}. Shop đổi giúp trước khi gửi hàng được không? Địa chỉ mới: 25 Nguyễn Thị Minh Khai, Phường Bến Nghé, Quận 1, TP.HCM.\n\nCảm ơn nhiều,\n{fullname}",
        "Xin chào,\n\nTuần sau tôi chuyển nhà. Có còn đổi được địa chỉ giao hàng của đơn {order} không?\n\nTrân trọng,\n{fullname}",
    ],
    "payment": [
        "Chào shop,\n\nTôi bị trừ tiền hai lần cho đơn {order}, sao kê có hai giao dịch giống hệt nhau. Nhờ shop hoàn lại khoản bị trừ trùng.\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nLúc thanh toán báo giao dịch thất bại nhưng tài khoản của tôi vẫn bị trừ tiền. Vậy đơn hàng của tôi đã được đặt chưa?\n\nTrân trọng,\n{fullname}",
    ],
    "question": [
        "Chào shop,\n\nBình thường tôi mặc size M nhưng thích mặc rộng. Áo hoodie Heavyweight có nên lên một size không? Giặt có bị co không?\n\nCảm ơn,\n{fullname}",
        "Xin chào,\n\nBalo Roll-Top 22L có chống nước không? Tôi muốn dùng khi đi xe máy trời mưa.\n\nCảm ơn trước,\n{fullname}",
    ],
    "thanks": [
        "Chào shop,\n\nTôi chỉ muốn báo là đơn {order} đã tới hôm nay, mọi thứ đều hoàn hảo. Cảm ơn shop đã hỗ trợ nhanh tuần trước!\n\n{fullname}",
        "Xin chào,\n\nTôi đã nhận được hàng đổi, rất đẹp. Cảm ơn shop đã xử lý nhanh chóng.\n\nTrân trọng,\n{fullname}",
    ],
    "angry": [
        "Thật không thể chấp nhận được. Đơn {order} đã trễ MỘT THÁNG, tôi đã nhắn ba lần mà không ai trả lời rõ ràng. Nếu đến thứ Sáu không hoàn tiền, tôi sẽ khiếu nại với ngân hàng và đánh giá 1 sao khắp nơi.\n\n{fullname}",
        "Tôi rất thất vọng. Shop đã nhận tiền đơn {order} mà mã vận đơn hai tuần nay không nhúc nhích. Gửi hàng ngay hôm nay hoặc hoàn tiền cho tôi, nếu không tôi sẽ nhờ ngân hàng xử lý.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["shop ơi đơn {order} của em tới đâu rồi ạ? mã vận đơn 1 tuần không nhúc nhích", "chào shop, đơn {order} có tin gì chưa ạ? vẫn chưa nhận được"],
    "customs": ["hàng em bị giữ ở hải quan, bắt đóng thuế ạ?? đơn {order}", "đơn {order} kẹt hải quan, em phải làm sao ạ"],
    "damaged": ["shop ơi hàng tới bị vỡ rồi 😢 em gửi ảnh nha", "đơn {order} thùng móp méo hết, hàng bị hư"],
    "wrong_item": ["shop giao sai size rồi, em đặt M mà tới XL", "đơn {order} giao nhầm sản phẩm"],
    "refund": ["đơn {order} vẫn chưa hoàn tiền ạ, 2 tuần rồi", "khi nào em nhận được tiền hoàn vậy shop?"],
    "cancel": ["shop hủy đơn {order} giúp em được không ạ?", "hủy giúp em đơn {order} với, em đặt nhầm"],
    "address": ["em cần đổi địa chỉ đơn {order}!", "shop đổi địa chỉ giao hàng giúp em được ko? em ghi sai phường"],
    "payment": ["em bị trừ tiền 2 lần đơn {order}", "thanh toán báo lỗi mà tiền vẫn bị trừ??"],
    "question": ["hoodie form nhỏ không shop?", "balo có chống nước không ạ?"],
    "thanks": ["nhận được hàng rồi, cảm ơn shop nhiều!! 🥰", "hàng tới hôm nay rồi, cảm ơn shop ạ"],
    "angry": ["làm ăn kiểu gì vậy. đơn {order} đâu. tôi sẽ báo cáo", "3 tuần rồi chẳng có gì. hoàn tiền không thì tôi khiếu nại ngân hàng"],
}
FOLLOWUP = ["Có cập nhật gì chưa ạ?", "Chào shop, vẫn chưa thấy phản hồi. Ai hỗ trợ giúp với ạ?", "Dạ vâng, cảm ơn. Em chờ ạ.",
            "Shop ơi? Đã một tuần rồi."]
CLOSING = ["Tuyệt quá, cảm ơn shop nhiều!", "Dạ em hiểu rồi, cảm ơn shop đã hỗ trợ.", "Ok shop, cảm ơn nha!"]
