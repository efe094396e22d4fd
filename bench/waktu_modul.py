"""Time per module for the stated participant model (issue 15 req. 2; docs/panduan-pelatih.md).

Runs each module notebook as a participant would see it (the instructor notebook executed with a demo id,
solutions hidden: only what a participant reads counts), measures what there is to do — words to read in
the text and in the printed output, figures, widgets, cells to run, answer lines of each kind, rubric
essays — and prices it with the participant model below. Usage::

    .venv/bin/python bench/waktu_modul.py                 # every kit module
    .venv/bin/python bench/waktu_modul.py m4a-harga-ekspor --rinci
    .venv/bin/python bench/waktu_modul.py --cek           # exit 1 when a notebook's stated time is off
    .venv/bin/python bench/waktu_modul.py --tulis         # write the model's times into the notebooks + guide
    .venv/bin/python bench/waktu_modul.py --kalibrasi     # the calibration: its data, factor and residuals
    .venv/bin/python bench/waktu_modul.py --uji           # the uji forms' time (alaskaki_kunci.generate)

The Sumber section closing each module (the source list and, under it, the validity list of the rules the
module uses) is not counted as reading: it is reference for later, not read to do the exercises. The model is an
assumption about the audience (an admin or shop-floor worker whose computer is a phone),
stated once here and printed in the trainer guide; the counts are measured. Change the model here only.

Every answer line is priced: an answer cell whose fill-in part has a line that is not ``nama = None`` (a dict or a
list to fill in) stops the bench with its grade id, so no answer sheet is free in the model.

Calibration (issue 15 req. 2: "measured on a helper run"). The rates above are a first guess; a reader helper then
worked every released module as the participant would (docs/uji-baca-peserta.md, final reading at main
``da5c686``, 3 Dec 2026) and estimated the minutes it took, stuck points included. The reader ran 2–11 % above the
rates (mean 6 %; the slow spots are calculator work and first look-ups, not reading speed), so the module's time is
the rates' minutes times :data:`KALIBRASI`, the least-squares factor (through zero) of the reader's estimates on the
rates' minutes, rounded to two decimals: 1.06 on these eleven modules (rates → reader: m0 60 → 63, m1 86 → 91,
m2 76 → 82, m3 65 → 72, m4a 61 → 63, m4b 65 → 68, m5a 77 → 81, m5b 64 → 65, m6 80 → 87, m7a 79 → 85,
m7b 79 → 84). After calibration the reader's estimate is within 3 minutes of every module (the reader
3 above on m3, 3 below on m5b).
The data is :data:`BACAAN`; ``--kalibrasi`` refits and prints the residuals. Refit it after each reader run.

One place for a module's time (issue 15): the guide's schedule holds the model's minutes, and each
notebook's "Perkiraan waktu" is :func:`tertulis` of them (rounded up to 5 minutes). ``--tulis`` writes both;
tests/unit/test_jadwal.py keeps them in step without running a notebook.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field

import nbformat

from alaskaki import paths
from alaskaki.workshop.course import kit_modules

#: The participant model. Minutes unless said otherwise.
MODEL = {
    "baca_kata_per_menit": 100,  # instructional Indonesian with numbers and tables, read to act on it
    "jalankan_sel": 0.25,  # Shift+Enter, wait for the kernel, glance at the output
    "gambar": 0.5,  # look at a chart and find the point the text talks about
    "widget": 3.0,  # try an interactive tool a few times
    "isi_angka": 2.0,  # find the numbers, work the calculator, type the result (one answer line)
    "isi_kata": 1.0,  # read one case and decide (one word or letter)
    "cek": 1.5,  # run the self-check, read the hint, on average one retry per exercise
    "uraian_kata_per_menit": 8,  # composing and typing an essay answer on a keyboard
    "uraian_rencana": 5.0,  # planning an essay before writing
    "sesi": 5.0,  # open, save, hand in
}
#: The reader helper's timed readings (docs/uji-baca-peserta.md, final reading, main da5c686): module ->
#: (the rates' minutes for that module then, the reader's estimate in minutes). Data of the calibration.
BACAAN = {
    "m0-orientasi": (60, 63),
    "m1-ekspor-mandiri": (86, 91),
    "m2-klasifikasi-hs": (76, 82),
    "m3-biaya-produksi": (65, 72),
    "m4a-harga-ekspor": (61, 63),
    "m4b-incoterms-pembayaran": (65, 68),
    "m5a-mutu-aql": (77, 81),
    "m5b-uji-ukuran": (64, 65),
    "m6-dokumen-ekspor": (80, 87),
    "m7a-daya-saing": (79, 85),
    "m7b-kemitraan": (79, 84),
}


def kalibrasi(bacaan: dict[str, tuple[int, int]] = BACAAN) -> float:
    """Least-squares factor through zero of the reader's minutes on the rates' minutes, to two decimals."""
    return round(sum(m * e for m, e in bacaan.values()) / sum(m * m for m, _ in bacaan.values()), 2)


#: The rates' minutes times this are the module's time (the calibration above).
KALIBRASI = kalibrasi()
ASSESSMENTS = {"asesmen-awal", "asesmen-akhir"}
WORD = re.compile(r"[0-9A-Za-zÀ-ÿ]+(?:[.,'’/-][0-9A-Za-zÀ-ÿ]+)*")
ANSWER = re.compile(r"^([A-Za-z_]\w*) = None\b(.*)$")
WORD_HINT = re.compile(
    r'"[^"]*"|huruf'
)  # a comment with a quoted example asks for a word or letter
NUMBER_HINT = re.compile(r"USD|Rp|rupiah|persen|pasang|bulan|IKM|angka|nomor|mm")


@dataclass
class Hitung:
    modul: str
    kata_teks: int = 0
    kata_keluaran: int = 0
    gambar: int = 0
    widget: int = 0
    sel_kode: int = 0
    isian_angka: int = 0
    isian_kata: int = 0
    latihan: int = 0
    kata_uraian: list[int] = field(default_factory=list)
    tertulis: int | None = None  # "Perkiraan waktu" stated in the notebook, minutes

    def menit(self) -> dict[str, float]:
        m = MODEL
        return {
            "membaca": (self.kata_teks + self.kata_keluaran) / m["baca_kata_per_menit"],
            "menjalankan sel": self.sel_kode * m["jalankan_sel"],
            "gambar dan alat": self.gambar * m["gambar"] + self.widget * m["widget"],
            "menjawab": self.isian_angka * m["isi_angka"]
            + self.isian_kata * m["isi_kata"]
            + self.latihan * m["cek"],
            "uraian": sum(
                w / m["uraian_kata_per_menit"] + m["uraian_rencana"] for w in self.kata_uraian
            ),
            "sesi": m["sesi"],
        }

    def menit_tarif(self) -> int:
        """Minutes by the rates alone, before calibration."""
        return math.ceil(sum(self.menit().values()))

    def total(self) -> int:
        """The module's time: the rates' minutes times the calibration factor, rounded up."""
        return math.ceil(round(sum(self.menit().values()) * KALIBRASI, 6))


def tertulis(model_minutes: int) -> int:
    """The time a notebook states for a model time: rounded up to 5 minutes (a participant reads '65 menit')."""
    return 5 * math.ceil(model_minutes / 5)


STATED = re.compile(r"(\*\*Perkiraan waktu:\*\*\s*)(\d+)(\s*menit)")
GUIDE = paths.KIT_ROOT / "docs" / "panduan-pelatih.md"
ROW = re.compile(r"^\| (\d+) \| (m\S+) \| ([^|]+) \| (\d+) \| (\d+) \|$", re.M)
TOTAL = re.compile(r"\*\*(\d+) menit ≈ ([\d,]+) jam\*\*")


def write_times(minutes: dict[str, int]) -> None:
    """Put the model's minutes into the guide's schedule and each notebook's header (the one source)."""
    for modul, menit in minutes.items():
        path = paths.SOURCE_DIR / modul / f"{modul}.ipynb"
        # Plain JSON, as the notebooks are stored (nbformat.write would re-split every cell's source).
        nb = json.loads(path.read_text(encoding="utf-8"))
        head = nb["cells"][0]["source"]
        head = head if isinstance(head, str) else "".join(head)
        nb["cells"][0]["source"] = STATED.sub(rf"\g<1>{tertulis(menit)}\g<3>", head)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    text = GUIDE.read_text(encoding="utf-8")

    def row(m: re.Match) -> str:
        menit = minutes.get(m.group(2), int(m.group(4)))
        return f"| {m.group(1)} | {m.group(2)} | {m.group(3)} | {menit} | {tertulis(menit)} |"

    text = ROW.sub(row, text)
    total = sum(int(m.group(4)) for m in ROW.finditer(text))
    jam = f"{total / 60:.1f}".replace(".", ",")
    text = TOTAL.sub(f"**{total} menit ≈ {jam} jam**", text, count=1)
    GUIDE.write_text(text, encoding="utf-8")


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _output_text(out) -> str:
    if out.output_type == "stream":
        return out.text
    data = out.get("data", {})
    if "text/html" in data and "<table" in data["text/html"]:
        return re.sub(r"<[^>]+>", " ", data["text/html"])  # a table: its cells are read
    return data.get("text/plain", "") if "image/png" not in data else ""


def stated_minutes(nb) -> int | None:
    m = re.search(r"Perkiraan waktu:\*\*\s*(\d+)\s*menit", nb.cells[0].source)
    return int(m.group(1)) if m else None


def measure(modul: str, *, execute: bool = True) -> Hitung:
    from nbclient import NotebookClient

    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    h = Hitung(modul, tertulis=stated_minutes(nb))
    if execute:
        NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(paths.SOURCE_DIR / modul)}},
        ).execute()
    rujukan = (
        False  # from "## Sumber" on: reference for later (sources, validity list), not read now
    )
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            if meta.get(
                "solution"
            ):  # a rubric answer box: the model answer is hidden, the participant writes
                body = cell.source.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
                h.kata_uraian.append(_words(body))
            elif not rujukan:
                h.kata_teks += _words(cell.source.split("## Sumber")[0])
                rujukan = "## Sumber" in cell.source
            continue
        h.sel_kode += 1  # Run All runs the reference cells too
        if "alaskaki.widgets" in cell.source:
            h.widget += 1
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                h.gambar += 1
            if not rujukan:
                h.kata_keluaran += _words(_output_text(out))
        if meta.get("grade") and not meta.get("solution"):
            h.latihan += 1
        if (
            meta.get("solution")
            and not meta.get("grade")
            and not meta["grade_id"].endswith("_id_peserta")
        ):
            stub = cell.source.split("### BEGIN SOLUTION")[0]
            kata = (
                False  # a line without a telling comment is of the same kind as the line above it
            )
            for line in stub.splitlines():
                m = ANSWER.match(line)
                if not m:
                    if line.strip() and not line.lstrip().startswith("#"):
                        raise ValueError(
                            f"{modul} {meta['grade_id']}: answer line the model cannot price: {line!r}"
                        )
                    continue
                if WORD_HINT.search(m.group(2)):
                    kata = True
                elif NUMBER_HINT.search(m.group(2)):
                    kata = False
                h.isian_kata += kata
                h.isian_angka += not kata
    return h


def measure_uji(nb, modul: str = "uji") -> Hitung:
    """The participant model on an uji form (no kernel: the form prints nothing a participant reads).

    Every markdown cell is read (the cases and their options are the form); each answer line is priced by
    what it asks ("huruf" a letter: isi_kata, "angka" a number: isi_angka); every code cell is run once; no
    self-check with hints (an uji answer cell checks only the form of the answer), so ``latihan`` is 0.
    """
    h = Hitung(modul, tertulis=stated_minutes(nb))
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            h.kata_teks += _words(cell.source)
            continue
        h.sel_kode += 1
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and not meta["grade_id"].endswith("_id_peserta"):
            stub = cell.source.split("### BEGIN SOLUTION")[0]
            for line in stub.splitlines():
                m = ANSWER.match(line)
                if not m:
                    continue
                if "huruf" in m.group(2):
                    h.isian_kata += 1
                elif "angka" in m.group(2):
                    h.isian_angka += 1
                else:
                    raise ValueError(
                        f"{modul} {meta['grade_id']}: answer line the model cannot price"
                    )
    return h


def uji_estimate(secrets: int = 0) -> dict[str, int]:
    """The model's minutes on the kit's two committed uji forms and on ``secrets`` workshop draws of each."""
    from alaskaki_kunci import generate

    out = {}
    for modul in sorted(ASSESSMENTS):
        nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
        out[modul] = measure_uji(nb, modul).total()
        for i in range(secrets):
            drawn = nbformat.reads(generate.form_notebook(modul, f"waktu-{i}"), as_version=4)
            out[f"{modul} (bengkel {i})"] = measure_uji(drawn, modul).total()
    return out


def main_uji() -> int:
    from alaskaki_kunci import generate

    minutes = uji_estimate(secrets=20)
    for name, menit in minutes.items():
        print(f"{name:36} model {menit:>4}m")
    top = tertulis(max(minutes.values()))
    print(
        f"Model (terbesar, dibulatkan ke atas 5): {top} menit; tertulis MODEL_MINUTES "
        f"{generate.MODEL_MINUTES}; pembaca lambat {generate.SLOW_MINUTES}; disediakan "
        f"{generate.GIVEN_MINUTES} (cadangan {generate.GIVEN_MINUTES - generate.SLOW_MINUTES} menit "
        f"di atas pembaca lambat, {generate.GIVEN_MINUTES - top} di atas model)"
    )
    if top != generate.MODEL_MINUTES:
        print(
            f"MODEL_MINUTES di src/alaskaki_kunci/generate.py bukan {top}: ubah, lalu jalankan "
            "`python -m alaskaki_kunci.generate`",
            file=sys.stderr,
        )
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "modul", nargs="*", help="module ids (default: every kit module but the assessments)"
    )
    ap.add_argument(
        "--rinci", action="store_true", help="show the counts and the minutes per activity"
    )
    ap.add_argument(
        "--cek",
        action="store_true",
        help="fail when a stated time is not the model's (rounded up to 5)",
    )
    ap.add_argument(
        "--tulis",
        action="store_true",
        help="write the model's minutes into each notebook's header and the guide's schedule",
    )
    ap.add_argument(
        "--kalibrasi",
        action="store_true",
        help="print the calibration data, its factor and each module's residual, run nothing",
    )
    ap.add_argument(
        "--uji",
        action="store_true",
        help="the uji forms: the model's minutes on the committed forms and on 20 workshop draws of each, "
        "against the times alaskaki_kunci.generate states (exit 1 when they are off)",
    )
    args = ap.parse_args(argv)
    if args.uji:
        return main_uji()
    if args.kalibrasi:
        print(
            f"Kalibrasi: faktor {KALIBRASI:.2f} (kuadrat terkecil lewat nol, {len(BACAAN)} modul)"
        )
        for modul, (tarif, pembaca) in BACAAN.items():
            dikalibrasi = math.ceil(round(tarif * KALIBRASI, 6))
            print(
                f"{modul:28} tarif {tarif:>3}  pembaca {pembaca:>3}  "
                f"dikalibrasi {dikalibrasi:>3}  selisih {pembaca - dikalibrasi:+d}"
            )
        return 0
    mods = args.modul or [m for m in kit_modules() if m not in ASSESSMENTS]
    print("Model peserta: " + ", ".join(f"{k}={v:g}" for k, v in MODEL.items()))
    print(f"Kalibrasi: menit tarif × {KALIBRASI:.2f} (bacaan pembaca, lihat --kalibrasi)")
    print(f"{'modul':28} {'tarif':>6} {'model':>6} {'tertulis':>8}")
    bad = []
    total = 0
    minutes = {}
    for modul in mods:
        h = measure(modul)
        total += h.total()
        minutes[modul] = h.total()
        print(f"{modul:28} {h.menit_tarif():>5}m {h.total():>5}m {h.tertulis or '-':>7}m")
        if args.rinci:
            print(f"    {h}")
            print("    " + ", ".join(f"{k} {v:.1f}" for k, v in h.menit().items()))
        if h.tertulis != tertulis(h.total()):
            bad.append(modul)
    print(f"{'jumlah':28} {'':>6} {total:>5}m  = {total / 60:.1f} jam")
    if args.tulis:
        write_times(minutes)
        print("Ditulis ke notebook dan docs/panduan-pelatih.md: " + ", ".join(minutes))
        return 0
    if args.cek and bad:
        print(
            "Waktu tertulis bukan waktu model (dibulatkan ke atas 5 menit): " + ", ".join(bad),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
