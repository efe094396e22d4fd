"""Essays the demo's simulated participants write in the rubric cells, in their own words.

The kit's *contoh jawaban* is public, so a participant who pastes it is flagged "sama dengan
contoh jawaban" and forms *indikasi kerja sama* with everyone who pasted it too
(:mod:`alaskaki.workshop.similarity`). Honest demo participants therefore must not paste it: each
writes an answer of their own, composed from small choices (a few ways to say each part, optional
parts, their own order), so that two of them rarely share a run of five words beyond what many
write. Content stays with what the module teaches; no number is invented.
"""

from __future__ import annotations

import random

# A sentence is a list of parts; a part is a string or a tuple of alternatives (one is chosen).
Sentence = list[str | tuple[str, ...]]

_SWOT: list[tuple[str, list[Sentence]]] = [
    (
        "S",
        [
            [
                ("Kami", "Usaha kami", "IKM kami", "Bengkel kami"),
                " ",
                ("bekerja", "berproduksi", "membuat sepatu", "menjahit"),
                " ",
                ("di gedung sentra", "di Sentra IKM Alas Kaki", "di sentra baru", "di sentra"),
                " ",
                ("Surodinawan", "Surodinawan yang dibangun pemerintah", "milik kota"),
                (", ", "; ", " dan "),
                ("alatnya kami pakai sendiri", "mesinnya bisa kami pakai", "tempatnya kami sewa"),
                ".",
            ],
            [
                ("Tukang", "Pekerja", "Penjahit", "Orang-orang"),
                " ",
                ("kami", "di bengkel kami", "yang kami punya"),
                " ",
                ("sudah lama", "bertahun-tahun", "sudah terbiasa", "cukup terampil"),
                " ",
                ("membuat sepatu kulit", "mengerjakan sepatu", "menjahit upper", "memasang sol"),
                ("", " untuk pesanan", " dengan rapi", " untuk toko"),
                ".",
            ],
        ],
    ),
    (
        "W",
        [
            [
                ("Bahan", "Kulit dan aksesori", "Sebagian bahan", "Lem dan aksesori"),
                " ",
                ("masih", "sering", "kebanyakan", "hampir semua"),
                " ",
                ("impor", "dibeli dari luar negeri", "didatangkan dari impor"),
                (", ", " sehingga ", " jadi "),
                ("harganya naik turun", "biaya kami ikut kurs", "kami bergantung pada impor"),
                ".",
            ],
            [
                ("Kami", "Bengkel kami", "IKM kami"),
                " ",
                ("kekurangan", "belum punya cukup", "masih kurang"),
                " ",
                ("pekerja yang kompeten", "SDM terlatih", "tenaga yang terampil"),
                ("", " dan belum punya merek sendiri", "; merek sendiri juga belum ada"),
                ".",
            ],
        ],
    ),
    (
        "O",
        [
            [
                ("Pemerintah kota", "Kota Mojokerto", "Pemkot"),
                " ",
                ("menjadikan alas kaki", "menetapkan alas kaki sebagai", "memilih alas kaki jadi"),
                " ",
                ("kompetensi inti daerah", "unggulan kota", "kompetensi inti"),
                ("", ", itu di luar IKM", " (hal dari luar)"),
                ".",
            ],
            [
                ("Ada", "Tersedia", "Kami bisa ikut"),
                " ",
                ("pelatihan BPIPI", "pelatihan dari BPIPI", "program pelatihan"),
                (" dan ", ", juga ", " serta "),
                ("fasilitas KITE IKM", "KITE IKM untuk bahan impor", "KITE IKM"),
                ".",
            ],
        ],
    ),
    (
        "T",
        [
            [
                ("Sepatu impor", "Barang impor murah", "Produk impor"),
                " ",
                ("masuk ke pasar", "membanjiri toko", "bersaing di pasar"),
                " ",
                ("dalam negeri", "kita", "lokal"),
                (".", ", harganya lebih murah."),
            ],
            [
                ("Ekspor", "Pesanan ekspor", "Permintaan luar negeri"),
                " ",
                ("bisa turun", "pernah turun", "tidak selalu naik"),
                ("", " seperti tahun 2023", " kalau pasar lesu"),
                ".",
            ],
        ],
    ),
]

_SWOT_HEAD = {
    "S": ("**Kekuatan (S)**", "Kekuatan:", "S (kekuatan)"),
    "W": ("**Kelemahan (W)**", "Kelemahan:", "W (kelemahan)"),
    "O": ("**Peluang (O)**", "Peluang:", "O (peluang)"),
    "T": ("**Ancaman (T)**", "Ancaman:", "T (ancaman)"),
}

_STRATEGY: list[Sentence] = [
    [
        ("Strategi", "Rencana kami", "Langkah kami"),
        ": ",
        ("ikut KITE IKM", "mengajukan KITE IKM bersama sentra", "memakai KITE IKM"),
        " ",
        ("supaya", "agar", "untuk"),
        " ",
        ("biaya bahan impor turun", "bahan impor lebih murah", "kelemahan bahan tertutup"),
        ("", ", dan mengirim pekerja ke BPIPI", "; pekerja ikut pelatihan BPIPI"),
        ".",
    ]
]

_KEMITRAAN: list[Sentence] = [
    [
        ("Kami", "IKM kami", "Usaha kami"),
        " ",
        ("memilih", "ingin", "akan"),
        " ",
        ("menjadi pemasok pabrik", "jadi pemasok PT Mitra Ekspor Majapahit", "memasok pabrik"),
        ("", " dulu", " untuk awal"),
        ".",
    ],
    [
        ("Kami menawarkan", "Yang kami berikan:", "Dari kami:"),
        " ",
        ("kapasitas dari Latihan 3", "kapasitas sebulan sesuai Latihan 3", "kapasitas kami"),
        (", ", " dan ", ", juga "),
        ("mutu yang dijaga", "mutu yang rapi", "kiriman tepat waktu"),
        ".",
    ],
    [
        ("Dari pabrik", "Dari mitra", "Kami berharap pabrik"),
        " ",
        ("kami minta", "kami harapkan", "memberi"),
        " ",
        ("pesanan tetap", "pesanan rutin", "order yang teratur"),
        (" dan ", ", "),
        ("standar mutu tertulis", "pendampingan", "bantuan bahan"),
        ".",
    ],
    [
        ("Risikonya", "Bahayanya", "Kekurangannya"),
        ", ",
        ("nama kami tidak tercatat", "ekspornya atas nama pabrik", "IKM tidak tercatat"),
        " ",
        ("sebagai eksportir", "di data ekspor", "sebagai pengekspor"),
        ".",
    ],
    [
        ("Langkah berikut", "Nanti", "Setelah itu"),
        " ",
        ("kami urus NIB", "kami siapkan NIB dan merek", "kami belajar ekspor"),
        " ",
        ("untuk ekspor sendiri", "supaya bisa ekspor mandiri", "agar bisa ekspor bersama sentra"),
        ".",
    ],
]

_PENAWARAN: list[Sentence] = [
    [
        ("Profil:", "**Profil**", "Perusahaan:"),
        " ",
        ("IKM sepatu", "usaha sepatu kulit", "bengkel sepatu"),
        " ",
        ("di Kota Mojokerto", "di sentra Surodinawan", "di Mojokerto"),
        (", ", "; "),
        ("punya NIB", "NIB sudah ada", "terdaftar di OSS"),
        (" dan KBLI yang cocok", ", KBLI sesuai produk", ""),
        ".",
    ],
    [
        ("Produk:", "**Produk**", "Lembar produk:"),
        " ",
        ("sepatu kasual", "sepatu kulit", "sepatu pria"),
        " ",
        ("dengan upper kulit", "berbahan kulit", "bagian atas kulit"),
        (" dan sol karet", ", sol luar karet", ""),
        (", pos HS dari tabel modul", "; pos HS kami cari di tabel", ""),
        ".",
    ],
    [
        ("Harga:", "**Harga**", "Harga per pasang:"),
        " ",
        ("sesuai Latihan 4", "hasil hitungan Latihan 4", "dari Latihan 4"),
        (", FOB", ", dalam USD FOB", " (USD, FOB)"),
        ("", ", berlaku sebulan (contoh)", ", masa berlaku kami tulis"),
        ".",
    ],
    [
        ("Kapasitas:", "**Kapasitas**", "Kapasitas dan waktu:"),
        " ",
        ("sesuai Latihan 3", "hasil Latihan 3", "per bulan dari Latihan 3"),
        (", ", "; "),
        (
            "pesanan besar dibantu IKM mitra",
            "kalau perlu dibantu IKM lain",
            "studi kasus kami hitung",
        ),
        ".",
    ],
]

_OPENERS = ("", "Menurut saya, ", "Jawaban saya: ", "Kami menulis begini. ", "Ini rencana kami. ")


def _say(sentence: Sentence, r: random.Random) -> str:
    return "".join(p if isinstance(p, str) else r.choice(p) for p in sentence)


def own_essay(pid: str, gid: str, seed: int) -> str:
    """A participant's own answer to the rubric cell ``gid`` (Indonesian, varied per person)."""
    r = random.Random(f"{seed}:{pid}:{gid}:esai")
    if gid.endswith("swot_analisis"):
        parts = []
        for box, sentences in _SWOT:
            chosen = [s for s in sentences if r.random() < 0.85] or sentences[:1]
            body = "\n".join(f"- {_say(s, r)}" for s in chosen)
            parts.append(f"{r.choice(_SWOT_HEAD[box])}\n{body}")
        parts.append(_say(_STRATEGY[0], r))
        return r.choice(_OPENERS) + "\n\n".join(parts)
    sentences = _PENAWARAN if gid.endswith("penawaran") else _KEMITRAAN
    chosen = [s for s in sentences if r.random() < 0.85] or sentences[:1]
    return r.choice(_OPENERS) + " ".join(_say(s, r) for s in chosen)
