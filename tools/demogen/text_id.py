"""Indonesian texts. Placeholders: {order} {customer} {fullname} {agent}."""
SUBJECTS = {
    "wismo": ["Pesanan {order} saya di mana?", "Pesanan {order} belum sampai", "Resi tidak update ({order})"],
    "customs": ["Paket tertahan di Bea Cukai ({order})", "Bea masuk untuk pesanan {order}?"],
    "damaged": ["Barang datang rusak - {order}", "Produk pecah saat diterima"],
    "wrong_item": ["Barang yang dikirim salah ({order})", "Ukuran tidak sesuai"],
    "refund": ["Dana refund belum masuk", "Refund pesanan {order}"],
    "cancel": ["Mohon batalkan pesanan {order}", "Pembatalan pesanan"],
    "address": ["Ganti alamat pengiriman - {order}", "Alamat di pesanan salah"],
    "payment": ["Terpotong dua kali untuk {order}", "Pembayaran gagal tapi saldo terpotong"],
    "question": ["Pertanyaan soal ukuran", "Tas ranselnya tahan air?"],
    "thanks": ["Terima kasih banyak!", "Pesanan {order} sudah diterima"],
    "angry": ["KECEWA BERAT - pesanan {order} belum juga datang", "Peringatan terakhir sebelum chargeback"],
}
EMAIL = {
    "wismo": [
        "Halo,\n\nSaya memesan {order} hampir tiga minggu yang lalu, tetapi sampai sekarang belum sampai. Status pelacakan juga tidak berubah lebih dari seminggu. Mohon informasinya paket saya sekarang ada di mana.\n\nTerima kasih,\n{fullname}",
        "Selamat siang,\n\nSaya ingin menanyakan status pesanan {order}. Di pelacakan tertulis \"dalam perjalanan\" sejak Selasa lalu dan tidak ada pembaruan sama sekali.\n\nSalam,\n{fullname}",
    ],
    "customs": [
        "Halo,\n\nPaket pesanan {order} saya tertahan di Bea Cukai dan kurir meminta saya membayar bea masuk dan pajak impor. Saat checkout tidak ada informasi soal biaya ini. Apakah biayanya akan ditanggung pihak toko?\n\nSalam,\n{fullname}",
        "Selamat pagi,\n\nSaya mendapat pemberitahuan bahwa pesanan {order} tertahan di Bea Cukai dan mereka membutuhkan invoice. Bisakah dikirimkan invoice komersialnya?\n\nTerima kasih,\n{fullname}",
    ],
    "damaged": [
        "Halo,\n\nPesanan {order} sampai hari ini, tetapi kardusnya penyok dan barangnya retak. Foto saya lampirkan (IMG_2041.jpg). Saya minta barang pengganti.\n\nTerima kasih,\n{fullname}",
        "Selamat siang,\n\nSayangnya barang di pesanan {order} datang dalam keadaan rusak, salah satu sudutnya pecah. Foto terlampir. Bagaimana solusinya?\n\nSalam,\n{fullname}",
    ],
    "wrong_item": [
        "Halo,\n\nSaya pesan ukuran M tapi yang datang di pesanan {order} ukuran XL. Bisa dikirimkan ukuran yang benar? Labelnya masih terpasang.\n\nTerima kasih,\n{fullname}",
        "Selamat siang,\n\nIsi paket pesanan {order} ternyata produk yang berbeda sama sekali dari yang saya pesan. Mohon info cara pengembalian dan pengiriman barang yang benar.\n\nSalam,\n{fullname}",
    ],
    "refund": [
        "Halo,\n\nRefund pesanan {order} sudah dikonfirmasi dua belas hari lalu, tetapi dananya belum masuk ke kartu saya. Mohon dicek.\n\nTerima kasih,\n{fullname}",
        "Selamat pagi,\n\nSaya sudah mengembalikan pesanan {order} dua minggu lalu (menurut pelacakan sudah diterima di gudang Anda), tetapi belum ada kabar soal refund. Mohon informasinya.\n\nSalam,\n{fullname}",
    ],
    "cancel": [
        "Halo,\n\nSaya ingin membatalkan pesanan {order} karena salah pilih warna. Sepertinya belum dikirim.\n\nTerima kasih,\n{fullname}",
        "Selamat siang,\n\nMohon batalkan pesanan saya {order}, saya sudah tidak membutuhkannya. Bisa dikonfirmasi pembatalan dan refund-nya?\n\nSalam,\n{fullname}",
    ],
    "address": [
        "Halo,\n\nSaya baru sadar alamat di pesanan {order} masih alamat lama. Apakah bisa diganti sebelum dikirim? Alamat baru: Jl. Kemang Raya No. 27, RT 05/RW 02, Jakarta Selatan.\n\nTerima kasih banyak,\n{fullname}",
        "Selamat pagi,\n\nMinggu depan saya pindah rumah. Apakah alamat pengiriman pesanan {order} masih bisa diubah?\n\nSalam,\n{fullname}",
    ],
    "payment": [
        "Halo,\n\nSaldo saya terpotong dua kali untuk pesanan {order}, ada dua transaksi yang sama di mutasi rekening. Mohon dikembalikan yang dobel.\n\nTerima kasih,\n{fullname}",
        "Selamat siang,\n\nSaat checkout muncul keterangan pembayaran gagal, tapi saldo saya tetap terpotong. Pesanan saya masuk atau tidak?\n\nSalam,\n{fullname}",
    ],
    "question": [
        "Halo,\n\nBiasanya saya pakai ukuran M tapi suka yang agak longgar. Untuk Heavyweight Hoodie sebaiknya naik satu ukuran? Apakah menyusut setelah dicuci?\n\nTerima kasih,\n{fullname}",
        "Selamat pagi,\n\nApakah tas Roll-Top 22L tahan air? Saya mau pakai naik motor saat hujan.\n\nTerima kasih sebelumnya,\n{fullname}",
    ],
    "thanks": [
        "Halo,\n\nMau kabari saja, pesanan {order} sudah sampai hari ini dan semuanya sempurna. Terima kasih atas bantuannya minggu lalu!\n\nSalam,\n{fullname}",
        "Selamat siang,\n\nBarang penggantinya sudah sampai dan bagus sekali. Terima kasih atas respons yang cepat.\n\nSalam hangat,\n{fullname}",
    ],
    "angry": [
        "Ini keterlaluan. Pesanan {order} sudah telat SEBULAN, saya sudah tiga kali menghubungi dan tidak ada jawaban yang jelas. Kalau sampai Jumat uang saya belum kembali, saya akan ajukan chargeback ke bank dan kasih ulasan bintang 1 di mana-mana.\n\n{fullname}",
        "Saya sangat kecewa. Uang untuk pesanan {order} sudah dibayar dan resinya tidak bergerak selama dua minggu. Kirim hari ini atau kembalikan uang saya, kalau tidak saya urus lewat bank.\n\n{fullname}",
    ],
}
CHAT = {
    "wismo": ["kak, pesanan {order} aku udah sampai mana ya? resinya ga update seminggu", "halo min, pesanan {order} kok belum nyampe ya?"],
    "customs": ["paket aku ketahan di bea cukai, disuruh bayar pajak?? pesanan {order}", "{order} nyangkut di bea cukai, harus gimana kak?"],
    "damaged": ["kak barangnya dateng rusak 😭 aku kirim fotonya ya", "pesanan {order} sampai dalam keadaan penyok"],
    "wrong_item": ["kak ukurannya salah, pesen M yang dateng XL", "barang di paket {order} salah kirim"],
    "refund": ["refund {order} belum masuk juga kak, udah 2 minggu", "refundnya kapan masuk ya?"],
    "cancel": ["kak bisa cancel pesanan {order}?", "tolong batalin {order} ya kak, salah pesen"],
    "address": ["kak aku mau ganti alamat buat {order}!", "bisa ganti alamat pengiriman ga kak? kode posnya salah"],
    "payment": ["saldo aku kepotong 2x buat {order}", "pembayaran gagal tapi saldo kepotong??"],
    "question": ["hoodienya ukurannya kecil ga kak?", "tasnya waterproof ga?"],
    "thanks": ["udah sampai, makasih kak!! 🙏", "barangnya udah nyampe hari ini, makasih banyak"],
    "angry": ["parah banget. pesanan {order} mana?? aku laporin", "3 minggu ga ada kabar. balikin uang aku atau aku chargeback"],
}
REPLY = {
    "wismo": "Halo Kak {customer},\n\nTerima kasih atas kesabarannya. Saya sudah cek pesanan {order} ke pihak ekspedisi: paketnya tertahan di hub transit dan saya sudah membuka investigasi. Jika dalam 3 hari kerja belum bergerak, kami kirim ulang tanpa biaya.\n\nSalam,\n{agent}",
    "damaged": "Halo Kak {customer},\n\nMohon maaf barangnya sampai dalam keadaan rusak, dan terima kasih untuk fotonya. Saya sudah buatkan pengiriman pengganti gratis untuk pesanan {order}, dikirim dalam 2 hari kerja. Barang yang rusak tidak perlu dikembalikan.\n\nSalam,\n{agent}",
    "refund": "Halo Kak {customer},\n\nSudah saya cek, refund pesanan {order} sudah kami proses. Biasanya bank butuh 5-10 hari kerja sampai dananya masuk. Bukti refund dengan nomor referensi saya lampirkan, kalau-kalau bank memintanya.\n\nSalam,\n{agent}",
    "cancel": "Halo Kak {customer},\n\nPesanan {order} sudah dibatalkan dan dana dikembalikan penuh ke metode pembayaran awal. Akan masuk dalam beberapa hari kerja.\n\nSalam,\n{agent}",
}
FOLLOWUP = ["Ada kabar terbaru?", "Halo, masih belum ada jawaban. Bisa dibantu?", "Oke, terima kasih. Saya tunggu ya.",
            "Halo kak? Udah seminggu nih."]
CLOSING = ["Siap, terima kasih banyak!", "Oke, makasih bantuannya kak.", "Mantap, terima kasih!"]
