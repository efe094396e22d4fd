"""Generator of the uji kompetensi notebooks and the reference sheet (GRADER SIDE).

    python -m alaskaki_kunci.generate          # (re)write the three notebooks
    python -m alaskaki_kunci.generate --check  # exit 1 when a committed notebook differs

Writes ``assignments/source/asesmen-awal|akhir/<id>.ipynb`` (instructor versions: the answers as
literal solutions, hidden tests that call :func:`alaskaki_kunci.asesmen.uji`) and
``notebooks/lembar-rujukan.ipynb`` (the one printable reference sheet, shared by both forms, built
from :mod:`alaskaki.domain` and ``datasets/``). Output is byte-identical from run to run: cell ids
are derived from the position, nothing depends on time or on the machine.

Every question is in a markdown cell, so a form can be read and printed without running code.
Markdown cells that only make sense on screen (run a cell, replace ``None``, save the notebook) carry
``metadata.alaskaki.layar = true`` and are left out of the printed form (``alaskaki cetak``).

A workshop's own forms (:func:`tulis_form_bengkel`, called by ``alaskaki init``) come from the same
generator with the workshop's secret: same slots, other cases, their key in their own hidden tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from alaskaki import paths
from alaskaki.domain import (
    costing,
    hs,
    incoterms,
    inspection,
    origin,
    payment,
    procedure,
    quality,
    sizes,
    transport_documents,
)
from alaskaki_kunci.arsip import sidik
from alaskaki_kunci.bank import AKHIR, AWAL, FORMS, HURUF, UNITS, Butir, form, num, tgl

# Time of one uji form; pre and post are parallel forms and get the same time. These three figures live
# here only: the form's header states them and docs/panduan-pelatih.md schedules GIVEN_MINUTES
# (tests/unit/test_jadwal.py keeps the guide, the committed forms and the time model in step).
#: The participant model (bench/waktu_modul.py --uji: the guide's rates, calibrated) on the forms workshops
#: draw (~4,250 words with the header: 124-126 min on 40 draws; the committed forms are shorter, 119),
#: rounded up to 5 minutes.
MODEL_MINUTES = 130
#: A slow but competent reader, measured: the reader helper worked asesmen-akhir as an SMK-level participant
#: (session 8, 3 Dec 2026): about 112 minutes on the 37 items, 5 on the instructions and 18 typing answers
#: and pressing Shift+Enter. That was exactly the 135 the form used to allow: no slack.
SLOW_MINUTES = 135
#: The margin over the slow reader (a fifth): slower readers than the one measured, a stuck kernel, a
#: question to the trainer. The time given is the slow reader's plus this, rounded up to 5 minutes.
SLOW_MARGIN = 0.2
GIVEN_MINUTES = 5 * math.ceil(SLOW_MINUTES * (1 + SLOW_MARGIN) / 5)
REFERENCE = "lembar-rujukan"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _nbg(**kw) -> dict:
    meta = {"schema_version": 3, "grade": False, "solution": False, "locked": False}
    meta.update(kw)
    return meta


class _Cells:
    """Cells with ids derived from their position (byte-identical output)."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.cells: list = []

    def _id(self) -> str:
        return f"{self.prefix}-{len(self.cells):03d}"

    def md(self, text: str, **meta) -> None:
        cell = new_markdown_cell(text.strip("\n"))
        cell.id = self._id()
        if meta:
            cell.metadata.update(meta)
        self.cells.append(cell)

    def code(self, src: str, **meta) -> None:
        cell = new_code_cell(src.strip("\n"))
        cell.id = self._id()
        if meta:
            cell.metadata.update(meta)
        self.cells.append(cell)


def _dump(cells: list) -> str:
    nb = new_notebook(cells=cells)
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    nbformat.validate(nb)
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------------- forms


def _jawab_hint(b: Butir) -> str:
    """How to answer, the same on screen and on paper (where to type it is in the answer cell)."""
    if b.jenis == "angka":
        return f"Jawaban: **angka** ({b.satuan})."
    return f"Jawaban: **satu huruf**, {', '.join(HURUF[: len(b.opsi)])}."


def _question_md(n: int, b: Butir) -> str:
    lines = [f"### Soal {n} · kriteria {b.kriteria}", "", b.teks, ""]
    for i, opsi in enumerate(b.opsi):
        lines.append(f"**{HURUF[i]}.** {opsi}  ")
    if b.opsi:
        lines.append("")
    lines.append(_jawab_hint(b))
    return "\n".join(lines)


def _answer_src(b: Butir) -> str:
    if b.jenis == "angka":
        stub = f'{b.grade_id} = None  # ganti None dengan angka jawaban Anda, mis. 1234.5 atau "1.234,5"'
        sol = f"{b.grade_id} = {float(b.jawaban)!r}"
        cek = f"latihan.cek_angka({b.grade_id})"
    else:
        stub = f'{b.grade_id} = None  # ganti None dengan huruf jawaban Anda, mis. "A"'
        sol = f"{b.grade_id} = {b.jawaban!r}"
        cek = f'latihan.cek_huruf({b.grade_id}, "{HURUF[: len(b.opsi)]}")'
    return f"{stub}\n### BEGIN SOLUTION\n{sol}\n### END SOLUTION\n{cek}"


def _harapan(b: Butir) -> str:
    """The item's key as arguments of ``kunci.uji``: the form is graded with its own key."""
    if b.jenis == "angka":
        return f"harapan={float(b.jawaban)!r}, batas={b.batas()!r}"
    return f"harapan={b.jawaban!r}"


def _test_src(b: Butir, soal_md: str) -> str:
    # sidik= ties the key to the question it was made for: a form whose question (options, numbers)
    # was edited by hand afterwards is refused by name, never graded by a stale key (red team R29)
    return (
        f'"""Butir {b.grade_id} ({b.kriteria}): {b.keterampilan}."""\n'
        f'assert {b.grade_id} is not None, "Jawaban belum diisi: ganti None dengan jawaban Anda."\n'
        "### BEGIN HIDDEN TESTS\n"
        "from alaskaki_kunci import asesmen as kunci\n\n"
        f'kunci.uji("{b.grade_id}", {b.grade_id}, sidik="{sidik(b.grade_id, soal_md)}", '
        f"{_harapan(b)})\n"
        "### END HIDDEN TESTS"
    )


LAYAR = {"alaskaki": {"layar": True}}  # on screen only: left out of the printed form


def form_notebook(modul: str, rahasia: str | None = None) -> str:
    short = FORMS[modul]
    items = form(modul, rahasia)
    awal = modul == AWAL
    c = _Cells(short)
    per_unit = {u: sum(1 for b in items if b.unit == u) for u in UNITS}
    tabel = "\n".join(f"| {u} | {t} | {per_unit[u]} |" for u, t in UNITS.items())
    c.md(
        f"""
# {"Asesmen Awal" if awal else "Asesmen Akhir"} — Uji Kompetensi Ekspor Mandiri Alas Kaki

{"Asesmen ini dikerjakan **sebelum pelatihan**, untuk mengetahui titik awal Anda." if awal else "Asesmen ini dikerjakan **sesudah pelatihan**. Hasilnya menentukan status kompetensi Anda per unit (Kompeten / Belum Kompeten) dan dibandingkan dengan asesmen awal untuk melihat kemajuan Anda."}
Asesmen awal dan akhir **setara**: jumlah soal, jenis tugas dan tingkat kesulitannya sama untuk setiap unit,
tetapi kasus dan angkanya berbeda.

**Waktu yang disediakan:** {GIVEN_MINUTES} menit, sekali duduk · **Jumlah soal:** {len(items)} · **Prasyarat:** {"tidak ada" if awal else "Modul 1 sampai Modul 7 sudah dikerjakan"}.

**Perkiraan waktu:** {MODEL_MINUTES} menit untuk peserta pada umumnya; peserta yang membaca pelan memerlukan sekitar
{SLOW_MINUTES} menit. Waktu yang disediakan lebih panjang dari itu, jadi Anda tidak perlu terburu-buru. Bila satu
soal terlalu lama, lewati dulu lalu kembali ke soal itu sesudah soal yang lain selesai.

### Tujuan
Asesmen ini mengukur apakah Anda dapat mengerjakan tugas-tugas dari ketujuh unit kompetensi pelatihan:

| Unit | Topik | Soal |
|---|---|---|
{tabel}

### Petunjuk
* **Buku terbuka:** boleh memakai kalkulator dan **Lembar Rujukan** (`notebooks/{REFERENCE}.ipynb`, juga
  tersedia tercetak). Lembar yang sama dipakai di asesmen awal dan akhir.
* Setiap soal adalah kasus dari pekerjaan sehari-hari sebuah IKM. Baca kasusnya, lalu tulis jawabannya:
  **satu huruf** untuk soal pilihan, atau **angka** untuk soal hitungan. Angka desimal boleh ditulis dengan
  koma (`1.234,5`) atau dengan titik (`1234.5`).
* Harga, biaya, kurs dan pesanan dalam soal adalah angka **contoh**.
"""
    )
    c.md(
        """
### Menjawab di notebook
* Tulis jawaban di sel jawaban di bawah setiap soal (ganti `None`), lalu jalankan sel itu.
  Angka ditulis `1234.5`, atau di antara tanda petik bila memakai koma: `"1.234,5"`. Huruf di antara tanda
  petik: `"A"`.
* Sel jawaban hanya memeriksa **bentuk** jawaban (sudah diisi, angka, atau huruf pilihan yang ada). Benar atau
  salahnya baru diketahui setelah pelatih menilai.
""",
        **LAYAR,
    )
    c.md(
        "## Mulai: tulis ID peserta Anda\n\n"
        "Tulis ID Anda (dari pelatih) di antara tanda petik, lalu jalankan sel dengan **Shift + Enter**.",
        **LAYAR,
    )
    c.code(
        "from alaskaki.exercises import asesmen as latihan\n\n"
        'ID_PESERTA = "isi-id-anda"  # tulis ID peserta Anda di antara tanda petik, mis. "p01"\n'
        "### BEGIN SOLUTION\n"
        'ID_PESERTA = "contoh-01"\n'
        "### END SOLUTION\n"
        f'latihan.mulai_form("{modul}", ID_PESERTA)',
        nbgrader=_nbg(solution=True, grade_id=f"{short}_id_peserta"),
    )
    n = 0
    for i, (unit, judul) in enumerate(UNITS.items(), start=1):
        c.md(f"## Bagian {i} — {unit}: {judul}")
        for b in (b for b in items if b.unit == unit):
            n += 1
            soal_md = _question_md(n, b)
            c.md(soal_md)
            c.code(_answer_src(b), nbgrader=_nbg(solution=True, grade_id=f"{b.grade_id}_jawab"))
            c.code(
                _test_src(b, soal_md),
                nbgrader=_nbg(grade=True, locked=True, grade_id=b.grade_id, points=1),
                alaskaki={"kriteria": b.kriteria, "unit": b.unit},
            )
    c.md(
        """
## Selesai

Simpan notebook (**Ctrl + S**) dan kumpulkan seperti biasa. Nilai dan status kompetensi Anda diumumkan pelatih.
""",
        **LAYAR,
    )
    c.md(
        """
## Sumber

Semua aturan, kode dan angka nasional dalam soal berasal dari bahan pelatihan (ringkasan sumber di Lembar
Rujukan dan di setiap modul): PMK 155/PMK.04/2022 dan PER-9/BC/2023 (PEB), PMK 219/2019 (akses kepabeanan),
KBLI 2020, Permendag 111/2018 (DAB), sistem REX dan GSP Uni Eropa (Reg. (EU) 978/2012), PMK 177/2016
s.t.d.d. PMK 110/2019 (KITE IKM), Catatan Bab 64 HS 2022 dan BTKI 2022, Incoterms® 2020, UCP 600 dan URC 522,
ISO 2859-1, Permenperin 28/2024 (SNI 8877:2023), Reg. (EU) 301/2014 (krom VI), ISO 9407 dan ISO 19407.
Harga, biaya, kurs dan pesanan adalah angka contoh.
"""
    )
    return _dump(c.cells)


# ------------------------------------------------------------------------------ reference sheet


def _csv(name: str) -> list[dict[str, str]]:
    with paths.dataset(name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def reference_notebook() -> str:
    c = _Cells("ref")
    c.md(
        """
# Lembar Rujukan — Uji Kompetensi Ekspor Mandiri Alas Kaki

Lembar ini boleh dibuka (atau dibawa tercetak) selama asesmen awal dan asesmen akhir. Isinya aturan dan tabel
dari bahan pelatihan; **soal asesmen menguji cara memakainya pada sebuah kasus**, bukan hafalan.
Cetak dengan `alaskaki cetak lembar-rujukan`.
"""
    )
    kbli = _md_table(
        ["KBLI", "Nama", "Mencakup (catatan cakupan BPS)"],
        [
            [k.code, k.name, ", ".join(t.replace("_", " ") for t in k.product_types)]
            for k in procedure.KBLI.values()
        ],
    )
    tujuan = _md_table(
        ["Tujuan", "Perjanjian", "Dokumen asal barang"],
        [[d.name, d.agreement, d.document] for d in origin.destinations()],
    )
    gsp_akhir = origin.EU_GSP_INDONESIA_ENDS
    c.md(
        f"""
## 1. Legalitas dan prosedur ekspor (EKS-01)

* **NIB** (lewat OSS) juga berfungsi sebagai **akses kepabeanan**. Periksa hasil *tracking* NIB di INSW: harus
  ada kategori **"REC CEISA"** (terdaftar untuk TDP dan hak akses kepabeanan); bila tidak, perbarui data di OSS.
  Akses kepabeanan dapat diblokir, antara lain bila **12 bulan berturut-turut** tidak ada kegiatan kepabeanan.
* Urutan: akun OSS → NIB → akun INSW → PEB dikirim ke CEISA → NPE.
* **PEB** dikirim **paling cepat {procedure.PEB_EARLIEST_DAYS} hari sebelum perkiraan tanggal ekspor** dan **paling lambat
  sebelum barang masuk kawasan pabean** pelabuhan muat. Tanggapan: NPE = {procedure.RESPONSES["NPE"][1]}
  NPP = {procedure.RESPONSES["NPP"][1]} NPPD = {procedure.RESPONSES["NPPD"][1]}
* Alas kaki (HS 64) **tidak** dikenai bea keluar ({procedure.EXPORT_DUTY_BASIS}).
* Ekspor lewat perantara tidak tercatat sebagai produk asal Kota Mojokerto: itulah alasan ekspor mandiri.

**KBLI 2020 kelompok 152**

{kbli}

**Dokumen asal barang preferensi menurut tujuan** (diajukan lewat sistem e-SKA bila berupa Form)

{tujuan}

* {origin.ES_NOTE}
* {origin.ER_NOTE} DAB itu menggantikan Form IA-CEPA untuk Australia. Untuk **GSP Uni Eropa**, bukti asalnya
  sejak 1 Januari 2020 adalah pernyataan asal barang (*statement on origin*) dalam sistem **REX** (bukan lagi
  Form A), dan hanya untuk pengapalan sebelum **{tgl(gsp_akhir)}** (lihat di bawah).
* **Uni Eropa, GSP:** sampai EUR {num(origin.REX_THRESHOLD_EUR, 0)} per kiriman pernyataan asal barang boleh dibuat
  eksportir mana pun; di atas itu eksportir harus terdaftar (REX).
* **Periksa aturan yang berlaku pada tanggal pengapalan.** Indonesia keluar dari GSP Uni Eropa mulai
  **{tgl(gsp_akhir)}**. Sesudah itu tarif preferensi ke Uni Eropa hanya bila IEU-CEPA sudah berlaku pada tanggal
  pengapalan; bila belum, bea masuk umum (MFN). IEU-CEPA ditandatangani 23-09-2025; tanggal berlakunya belum pasti.

**KITE IKM** ({costing.KITE_IKM_BASIS}): bea masuk dibebaskan dan PPN/PPnBM impor tidak dipungut atas barang
dan bahan impor yang diolah menjadi barang ekspor. Jenis fasilitas: {"; ".join(costing.KITE_IKM_FACILITIES)}.
Yang boleh mengajukan (ditetapkan sebagai IKM atau Konsorsium KITE): {"; ".join(costing.KITE_IKM_APPLICANTS)}.
"""
    )
    hs_rows = [
        [r["kode"], r["uraian_id"]]
        for r in _csv(hs.HS_FILE)
        if r["kode"].startswith(("6402", "6403", "6404", "6405", "6406"))
    ]
    c.md(
        f"""
## 2. Klasifikasi HS Bab 64 (EKS-02)

* **{hs.NOTE_4A}:** bahan **upper** = bahan dengan **luas permukaan luar terbesar**; aksesori dan penguat
  (tambalan mata kaki, lis tepi, hiasan, gesper, *tab*, penguat lubang tali dan sejenisnya) **tidak dihitung**.
* **{hs.NOTE_4B}:** bahan **sol luar** = bahan dengan **luas terbesar yang bersentuhan dengan tanah**; paku,
  *spike*, batang (*bar*), pelindung (*protector*) dan pelengkap sejenis **tidak dihitung**.
* **{hs.NOTE_3}:** "karet atau plastik" termasuk tekstil yang terlihat jelas dilapisi atau ditutup karet/plastik.
* **Catatan 2 Bab 64:** "bagian" (pos 6406) **tidak** mencakup: {", ".join(hs.NOT_PARTS)}.
* **BTKI 2022** (berlaku 1 April 2022) memakai pos tarif **8 digit**; PEB dengan kode yang bukan BTKI 2022
  ditolak. Korelasi kode lama ke baru: INSW.

{_md_table(["Kode", "Uraian"], hs_rows)}
"""
    )
    c.md(
        f"""
## 3. Harga pokok produksi (BYA-01)

* Kulit dibeli per ft²; **1 ft² = {num(costing.ft2_to_dm2(1), 4)} dm²**. Kebutuhan beli = luas bersih × (1 + susut potong).
* Upah per menit = upah bulanan ÷ (hari kerja × jam per hari × 60).
* Overhead per pasang = overhead satu periode ÷ jumlah pasang pada periode itu.
* **HPP per pasang** = bahan + upah + overhead per pasang.
* Porsi bahan impor = biaya bahan impor ÷ biaya seluruh bahan × 100%.
"""
    )
    ic_rows = [
        [
            r.code,
            r.name_en,
            "laut/perairan" if r.sea_only else "semua moda",
            r.risk_passes_id,
            r.main_carriage_paid_by,
            r.export_clearance_by,
            r.import_clearance_by,
        ]
        for r in incoterms.RULES.values()
    ]
    metode = "\n".join(f"* **{m.code}** ({m.name_en}): {m.name_id}." for m in payment.METHODS)
    fakta = "\n".join(
        f"* {payment.RULEBOOKS[f.rulebook][0]}: {f.text}"
        for f in payment.RULE_FACTS
        if "berlaku" not in f.key
    )
    c.md(
        f"""
## 4. Harga ekspor, Incoterms® 2020 dan pembayaran (EKS-03)

* FOB = biaya produksi + kemasan + angkutan lokal dan dokumen ekspor + margin; CFR = FOB + ongkos angkut laut;
  CIF = CFR + asuransi. Asuransi CIF/CIP minimal **110%** dari harga kontrak: CIF = CFR ÷ (1 − 1,1 × tarif premi).
* Margin dari biaya: harga = biaya × (1 + m). Margin dari harga jual: harga = biaya ÷ (1 − m).
* Menjual USD ke bank memakai **kurs beli** bank: harga USD = harga rupiah ÷ kurs beli.
* Untuk kontainer atau angkutan multimoda, pakai FCA, CPT atau CIP; FAS, FOB, CFR dan CIF untuk barang yang
  dimuat langsung ke kapal.

{_md_table(["Aturan", "Nama", "Moda", "Risiko berpindah", "Angkutan utama dibayar", "Urus ekspor", "Urus impor"], ic_rows)}

**Cara pembayaran**

{metode}
{fakta}
* **D/P** (*documents against payment*): pembeli membayar ketika bank menunjukkan dokumen kepadanya (wesel atas
  unjuk, *sight*), baru dokumen diserahkan. **D/A** (*documents against acceptance*): dokumen diserahkan ketika
  pembeli mengaksep (menandatangani) wesel berjangka, dan ia membayar pada tanggal jatuh tempo.
"""
    )
    lot_rows = [
        [
            f"{r['ukuran_lot_min']}–{r['ukuran_lot_maks'] or 'ke atas'}",
            *(r[lv] for lv in quality.LEVELS),
        ]
        for r in _csv(quality.CODE_LETTER_FILE)
    ]
    plan_csv = _csv(quality.NORMAL_PLAN_FILE)
    aqls = [k for k in plan_csv[0] if k not in ("kode_huruf", "ukuran_sampel")]
    plan_rows = [[r["kode_huruf"], r["ukuran_sampel"], *(r[a] for a in aqls)] for r in plan_csv]
    kelas = "\n".join(f"* **{d.key}**: {d.description}" for d in quality.defect_classes())
    sni = "\n".join(f"* {a}: {b} ({c_})" for a, b, c_ in inspection.MANDATORY_SNI)
    c.md(
        f"""
## 5. Mutu dan sampling AQL (MTU-01)

**Kelas cacat**

{kelas}

**ISO 2859-1, Tabel 1 — huruf kode ukuran sampel**

{_md_table(["Ukuran lot", *quality.LEVELS], lot_rows)}

**ISO 2859-1, Tabel II-A — sampling tunggal, pemeriksaan normal** (Ac/Re: terima bila cacat ≤ Ac, tolak bila ≥ Re)

{_md_table(["Kode", "Sampel", *(f"AQL {num(float(a), 2 if float(a) < 1 else 1)}" for a in aqls)], plan_rows)}

* {quality.ARROW_DOWN} = pakai rencana pertama di bawah panah, **dengan ukuran sampel rencana itu**;
  {quality.ARROW_UP} = pakai rencana pertama di atas panah. Bila sampel ≥ ukuran lot, periksa 100%.
* Bila kelas cacat yang berbeda memberi ukuran sampel berbeda, huruf kode dengan sampel terbesar boleh dipakai
  untuk semua kelas. Lot diterima hanya bila **setiap** kelas cacat diterima.

**SNI wajib alas kaki: hanya sepatu pengaman**

{sni}

* Krom VI: kulit yang bersentuhan dengan kulit manusia tidak boleh dipasarkan di Uni Eropa bila krom VI
  ≥ 3 mg/kg (Reg. (EU) 301/2014, REACH Lampiran XVII entri 47; uji EN ISO 17075).

**Ukuran**: titik Paris (EU) = 2/3 cm = {num(sizes.PARIS_POINT_MM, 2)} mm; ukuran EU = panjang acuan (mm) ÷ {num(sizes.PARIS_POINT_MM, 2)}.
Mondopoint = panjang kaki dalam mm. Panjang acuan (*last*) = panjang kaki + kelonggaran (biasanya 15–20 mm).
"""
    )
    docs = transport_documents.TRANSPORT_DOCUMENTS
    angkut = _md_table(
        [
            "Dokumen angkut",
            "Nama",
            "Barang diangkut dengan",
            "Dapat dipindahtangankan (*negotiable*)?",
        ],
        [
            [
                f"**{d.abbreviation}**",
                d.name_en,
                transport_documents.MODES[d.carriage],
                {True: "bisa", False: "tidak"}.get(d.negotiable, "—"),
            ]
            for d in docs.values()
        ],
    )
    c.md(
        f"""
## 6. Dokumen ekspor (EKS-04)

* Invoice dan packing list adalah dokumen pelengkap pabean PEB; data PEB harus sama dengan keduanya (jumlah
  pasang, karton, berat bersih dan kotor, nilai, mata uang, Incoterm, kode HS, penerima). Perbaiki dokumen yang
  menyimpang dari kontrak **sebelum** dikirim.
* Berat kotor = berat bersih + berat kemasan (karton).
* Data {docs["bl"].abbreviation} atau {docs["awb"].abbreviation} dicatat dalam PEB (PMK 155/2022).

**Dokumen angkut**

{angkut}

## 7. Daya saing dan kemitraan (STR-01)

* SWOT: **S**/**W** = hal di dalam IKM (kekuatan, kelemahan); **O**/**T** = keadaan di luar IKM (peluang,
  ancaman).
* Pertumbuhan (%) = (nilai baru − nilai lama) ÷ nilai lama × 100.
* Kemitraan dengan eksportir atau pabrik adalah jalan belajar; tujuan kota tetap **ekspor mandiri**: PEB atas
  nama IKM sendiri, agar produk tercatat sebagai produk Kota Mojokerto.

## Sumber

Ringkasan dari bahan pelatihan alaskaki (brief domain): PMK 219/2019, PMK 155/PMK.04/2022, KBLI 2020 (BPS),
Permendag 111/2018, Reg. (EU) 978/2012 dan sistem REX, PMK 177/2016 s.t.d.d. PMK 110/2019, Catatan Bab 64 HS
2022, BTKI 2022 (PMK 26/2022), Incoterms® 2020, UCP 600, URC 522, ISO 2859-1 (nilai tabel edisi 1999 yang sama
dengan ANSI/ASQ Z1.4 dan MIL-STD-105E), Permenperin 28/2024, Reg. (EU) 301/2014, ISO 9407:2019.
"""
    )
    return _dump(c.cells)


# ------------------------------------------------------------------------------------------ main


def outputs() -> dict[Path, str]:
    """Every generated file and its text."""
    out = {paths.SOURCE_DIR / m / f"{m}.ipynb": form_notebook(m) for m in (AWAL, AKHIR)}
    out[paths.NOTEBOOKS_DIR / f"{REFERENCE}.ipynb"] = reference_notebook()
    return out


def tulis_form_bengkel(folder: Path, modul: str, rahasia: str) -> Path:
    """Write a workshop's own form ``folder/<modul>.ipynb`` from its secret; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{modul}.ipynb"
    path.write_text(form_notebook(modul, rahasia), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = parser.parse_args(argv)
    differ = []
    for path, text in outputs().items():
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old != text:
            differ.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for path in differ:
        print(("berbeda: " if args.check else "ditulis: ") + str(path))
    return 1 if (args.check and differ) else 0


if __name__ == "__main__":
    sys.exit(main())
