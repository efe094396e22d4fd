"""Command line: a thin layer over the keyword-only API. Help and messages in Bahasa Indonesia."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import sys
from datetime import datetime
from pathlib import Path

from alaskaki import __version__
from alaskaki.errors import (
    EXIT_CONFLICT,
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    AlaskakiError,
    from_os_error,
    os_reason,
)
from alaskaki.text import percent, table

DESCRIPTION = """\
alaskaki — pelatihan dan asesmen kompetensi ekspor untuk IKM alas kaki.

Alur lokakarya: init → roster import → release → collect → grade → feedback → report.
Coba semuanya sekaligus dengan data contoh: `alaskaki demo`.
"""


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian headings for the parts users read most."""

    def format_help(self) -> str:
        text = super().format_help()
        for en, idn in (
            ("usage:", "cara pakai:"),
            ("positional arguments:", "argumen:"),
            ("options:", "pilihan:"),
            ("show this help message and exit", "tampilkan bantuan ini lalu keluar"),
        ):
            text = text.replace(en, idn)
        return text

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "cara pakai:")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        message = re.sub(
            r"argument (\S+): not allowed with argument (\S+)",
            r"\1 tidak boleh dipakai bersama \2",
            message,
        )
        message = re.sub(r"^argument (\S+): ", r"\1: ", message)
        message = message.replace("expected one argument", "perlu satu nilai")
        message = message.replace("the following arguments are required", "argumen ini wajib diisi")
        message = message.replace("invalid choice", "pilihan tidak dikenal").replace(
            "choose from", "pilih dari"
        )
        message = message.replace("unrecognized arguments", "argumen tidak dikenal")
        self.exit(2, f"{self.prog}: galat: {message}\n")


def _batch_flags(p: argparse.ArgumentParser, help_same: str, help_new: str) -> None:
    """``--angkatan-sama`` / ``--angkatan-baru`` (one or neither): the trainer's answer, in a copied
    folder, to which batch the forms are for (``args.angkatan``: "sama", "baru" or None)."""
    batch = p.add_mutually_exclusive_group()
    batch.add_argument(
        "--angkatan-sama", dest="angkatan", action="store_const", const="sama", help=help_same
    )
    batch.add_argument(
        "--angkatan-baru", dest="angkatan", action="store_const", const="baru", help=help_new
    )


def _workshop_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workshop",
        "-w",
        metavar="FOLDER",
        default=".",
        help="folder lokakarya (bawaan: folder saat ini)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="alaskaki",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"alaskaki {__version__}", help="tampilkan versi"
    )
    parser.add_argument(
        "--json", action="store_true", help="keluaran sebagai JSON (untuk program lain)"
    )
    parser.add_argument(
        "--debug", action="store_true", help="tampilkan rincian teknis bila ada galat"
    )
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("init", help="buat folder lokakarya baru (kursus nbgrader)")
    p.add_argument("folder", metavar="FOLDER", help="folder lokakarya yang akan dibuat")
    p.add_argument(
        "--roster", metavar="FILE", help="daftar peserta (CSV atau XLSX) yang langsung diimpor"
    )
    p.add_argument(
        "--nama", metavar="NAMA", help="nama lokakarya, mis. 'Lokakarya Ekspor Mojokerto 2026'"
    )
    p.add_argument(
        "--db-url",
        metavar="URL",
        help="gradebook di server basis data, mis. postgresql://...; pada lokakarya yang sudah "
        "ada: pindahkan buku nilainya ke database PostgreSQL baru yang kosong (isinya disalin)",
    )
    p.add_argument(
        "--pindahan",
        action="store_true",
        help="folder ini lokakarya yang dipindah ke disk/komputer lain: ambil alih buku nilainya "
        "di server PostgreSQL (folder lama tidak dipakai lagi)",
    )

    p = sub.add_parser("roster", help="kelola daftar peserta")
    rsub = p.add_subparsers(dest="roster_command", metavar="PERINTAH", parser_class=_Parser)
    rsub.required = True
    ri = rsub.add_parser("import", help="impor daftar peserta dari CSV atau XLSX")
    ri.add_argument(
        "file", metavar="FILE", help="kolom: id, nama, ikm, kelurahan, jenis_kelamin (L/P), peran"
    )
    ri.add_argument(
        "--perbaiki-nama",
        metavar="ID",
        nargs="+",
        action="extend",
        default=[],
        help="ejaan nama peserta ini diperbaiki (orang yang sama): nama baru diterima walaupun "
        "ia sudah punya kiriman atau nilai; orang lain selalu mendapat id baru",
    )
    _workshop_arg(ri)

    p = sub.add_parser(
        "release", help="siapkan modul untuk peserta (jawaban dan tes tersembunyi dihapus)"
    )
    p.add_argument("modul", metavar="MODUL", help="id modul, mis. m3-biaya-produksi, atau 'semua'")
    p.add_argument(
        "--batas", metavar="WAKTU", help="batas waktu pengumpulan (WIB), mis. '2026-12-01 17:00'"
    )
    p.add_argument(
        "--pribadi",
        action="store_true",
        help="tanpa server: buat juga salinan per peserta (ID dan token sudah terisi) di pribadi/MODUL/",
    )
    _batch_flags(
        p,
        "folder salinan: peserta baru di daftar adalah peserta susulan angkatan yang sama "
        "(formulir uji yang sudah dibagikan tetap; di server: kursus exchange yang sama)",
        "folder salinan: daftar peserta ini angkatan baru (formulir uji dibuat baru; di "
        "server: kode kursus exchange sendiri)",
    )
    _workshop_arg(p)

    p = sub.add_parser("collect", help="kumpulkan jawaban peserta dari folder, zip, atau exchange")
    p.add_argument("modul", metavar="MODUL")
    p.add_argument(
        "--from",
        dest="source",
        metavar="FOLDER_ATAU_ZIP",
        help="folder atau zip berisi file peserta",
    )
    p.add_argument(
        "--diterima",
        metavar="WAKTU",
        help="waktu terima untuk seluruh kiriman ini (WIB), mis. '2026-12-01 16:55' untuk flashdisk "
        "yang diserahkan pada jam itu; bawaan: saat perintah ini dijalankan",
    )
    p.add_argument(
        "--pilih",
        nargs="+",
        metavar="FILE",
        help="terima file yang ditahan (nama seperti disebut pada pesan DITAHAN)",
    )
    p.add_argument(
        "--tanpa-token",
        action="store_true",
        help="kumpulkan uji (asesmen-awal/akhir) dari folder atau zip walau token peserta belum "
        "dibagikan; hasilnya ditandai 'identitas tidak diverifikasi' di status dan laporan",
    )
    _workshop_arg(p)

    p = sub.add_parser("grade", help="nilai jawaban secara otomatis (aman dan paralel)")
    p.add_argument("modul", metavar="MODUL")
    p.add_argument(
        "--workers", type=int, metavar="N", help="jumlah proses penilai (bawaan: jumlah inti CPU)"
    )
    p.add_argument("--peserta", nargs="+", metavar="ID", help="hanya nilai peserta ini")
    p.add_argument(
        "--ulang",
        action="store_true",
        help="nilai ulang juga kiriman yang sudah dinilai dan tidak berubah",
    )
    p.add_argument(
        "--tanpa-sandbox", action="store_true", help="nilai tanpa sandbox (tidak disarankan)"
    )
    _workshop_arg(p)

    p = sub.add_parser("feedback", help="buat umpan balik per peserta dalam Bahasa Indonesia")
    p.add_argument("modul", metavar="MODUL")
    p.add_argument("--peserta", nargs="+", metavar="ID")
    _workshop_arg(p)

    p = sub.add_parser(
        "report", help="buat laporan kompetensi (HTML, XLSX, CSV, JSON) dan rapor peserta"
    )
    # no default here: make_reports writes every one of alaskaki.report.FORMATS (one list, and
    # the CLI does not import the renderers just to build its parser)
    p.add_argument(
        "--format", metavar="LIST", help="daftar dipisah koma, mis. html,json (bawaan: semua)"
    )
    p.add_argument(
        "--anonim",
        action="store_true",
        help="hanya berkas anonim: nama samaran, dan setiap gabungan IKM, kelurahan, jenis kelamin, "
        "peran dan lokakarya yang diikuti dimiliki sedikitnya K peserta (rapor tidak dibuat)",
    )
    p.add_argument(
        "--anonim-k",
        type=int,
        metavar="K",
        help="K untuk --anonim, 2 atau lebih (bawaan: 5)",
    )
    p.add_argument(
        "--rapor",
        action="store_true",
        help="juga buat rapor per peserta (HTML dan PDF); tidak bersama --anonim",
    )
    p.add_argument(
        "--out", metavar="FOLDER", help="folder laporan (bawaan: FOLDER_LOKAKARYA/laporan)"
    )
    _workshop_arg(p)

    p = sub.add_parser(
        "kartu",
        help="token peserta untuk pengumpulan tanpa server (dicetak di kartu, dibagikan pribadi)",
    )
    p.add_argument(
        "--formulir",
        metavar="MODUL",
        help="hanya token uji MODUL ini (asesmen-awal, asesmen-akhir, atau modul esai yang dinilai "
        "pelatih), untuk dibagikan pada hari ujinya",
    )
    _workshop_arg(p)

    p = sub.add_parser(
        "tutup",
        help="tutup uji (asesmen) sesudah dinilai: rapor boleh dibagikan, kiriman baru ditolak",
        description="Tutup putaran uji sebuah formulir asesmen. Yang sudah dinilai menjadi hasilnya; "
        "rapor baru bisa dibuat sesudah uji ditutup, dan kiriman baru untuk formulir ini ditolak "
        "(rapor yang dikumpulkan bersama bisa membuka kuncinya). Peserta yang mengulang mendapat "
        "formulir baru lewat `alaskaki ulang`.",
    )
    p.add_argument("modul", choices=["asesmen-awal", "asesmen-akhir"], metavar="MODUL")
    _workshop_arg(p)

    p = sub.add_parser(
        "ulang",
        help="buka putaran ulang uji dengan formulir BARU untuk peserta yang mengulang",
        description="Buat formulir baru (kasus dan kunci baru dari rahasia baru) untuk peserta yang "
        "mengulang uji yang sudah ditutup. Formulir lama diarsipkan di penilaian/putaran/. Sesudah "
        "itu rilis lagi modulnya; hanya kiriman peserta yang disebut yang dinilai, dengan kunci "
        "formulir baru. Peserta lain tetap dengan hasil putaran sebelumnya.",
    )
    p.add_argument("modul", choices=["asesmen-awal", "asesmen-akhir"], metavar="MODUL")
    p.add_argument(
        "--peserta", metavar="ID", nargs="+", required=True, help="ID peserta yang mengulang"
    )
    _workshop_arg(p)

    p = sub.add_parser("status", help="siapa sudah mengumpulkan dan sudah dinilai, per modul")
    p.add_argument("--modul", metavar="MODUL")
    _workshop_arg(p)

    p = sub.add_parser("demo", help="jalankan seluruh alur pada 24 peserta contoh (luring)")
    p.add_argument(
        "--out", metavar="FOLDER", default="demo", help="folder lokakarya demo (bawaan: ./demo)"
    )
    p.add_argument("--workers", type=int, metavar="N")
    p.add_argument(
        "--modul",
        metavar="MODUL",
        action="append",
        dest="modules",
        help="hanya modul ini (boleh diulang; bawaan: semua modul kit)",
    )

    p = sub.add_parser(
        "pulihkan",
        help="pulihkan buku nilai (gradebook) dari cadangan; tanpa NOMOR: daftar cadangan",
    )
    p.add_argument(
        "cadangan",
        nargs="?",
        metavar="NOMOR",
        help="nomor cadangan dari daftar (1 = terbaru) atau nama berkasnya",
    )
    p.add_argument(
        "--ya",
        action="store_true",
        help="buku nilai di server PostgreSQL: pulihkan tanpa bertanya lagi (untuk skrip)",
    )
    _workshop_arg(p)

    p = sub.add_parser(
        "dashboard", help="buka dasbor peninjau (Voila) untuk satu atau beberapa lokakarya"
    )
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--no-browser", action="store_true", help="jangan buka peramban")
    p.add_argument(
        "workshops", nargs="*", metavar="FOLDER", help="folder lokakarya (bawaan: folder saat ini)"
    )

    p = sub.add_parser(
        "cetak",
        help="tulis HTML siap cetak dari asesmen, lembar rujukan, daftar istilah atau modul",
        description="Tulis HTML siap cetak dari asesmen awal/akhir, lembar rujukan, daftar istilah, atau sebuah "
        "modul (seperti yang diterima peserta: tanpa jawaban, dengan kotak jawaban). Dengan --kunci: "
        "kunci jawaban asesmen, yang sama dengan kunci penilai (hanya di instalasi pelatih).",
    )
    p.add_argument(
        "naskah",
        choices=[
            "asesmen-awal",
            "asesmen-akhir",
            "lembar-rujukan",
            "istilah",
            "m0-orientasi",
            "m1-ekspor-mandiri",
            "m2-klasifikasi-hs",
            "m3-biaya-produksi",
            "m4a-harga-ekspor",
            "m4b-incoterms-pembayaran",
            "m5a-mutu-aql",
            "m5b-uji-ukuran",
            "m6-dokumen-ekspor",
            "m7a-daya-saing",
            "m7b-kemitraan",
        ],
    )
    p.add_argument(
        "--peserta",
        metavar="ID",
        help="untuk modul: cetak juga angka soal peserta ini (bagi yang bekerja di kertas)",
    )
    p.add_argument(
        "--kunci", action="store_true", help="cetak kunci jawaban (rahasia; instalasi pelatih)"
    )
    _batch_flags(
        p,
        "folder salinan: kertas asesmen untuk angkatan yang sama (formulir yang sudah "
        "dibagikan tetap)",
        "folder salinan: kertas asesmen untuk angkatan baru (formulir uji dibuat baru)",
    )
    p.add_argument(
        "--workshop",
        "-w",
        metavar="FOLDER",
        help="asesmen (dan kuncinya) milik lokakarya ini, bukan asesmen bawaan kit (bawaan: folder "
        "saat ini bila itu folder lokakarya yang memuat naskah itu)",
    )
    p.add_argument(
        "--out", metavar="FILE", help="berkas HTML yang ditulis (bawaan: <naskah>[-kunci].html)"
    )

    p = sub.add_parser("hub", help="server lokakarya (JupyterHub)")
    hsub = p.add_subparsers(dest="hub_command", metavar="PERINTAH", parser_class=_Parser)
    hsub.required = True
    hu = hsub.add_parser(
        "users", help="buat akun Linux per peserta dari daftar peserta; kata sandi dicetak sekali"
    )
    hu.add_argument("--dry-run", action="store_true", help="tampilkan saja, jangan buat akun")
    _workshop_arg(hu)
    return parser


def reference() -> str:
    """The command reference in Markdown, generated from the parser (docs/cli.md) so it cannot drift."""
    parser = build_parser()
    parts = [
        "# Perintah `alaskaki`",
        "",
        "Dibuat dari parser (`alaskaki.cli.reference`); jangan disunting tangan.",
        "",
    ]

    def walk(p: argparse.ArgumentParser, name: str) -> None:
        parts.extend([f"## `{name}`", "", "```", p.format_help().rstrip(), "```", ""])
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, f"{name} {sub_name}")

    walk(parser, "alaskaki")
    return "\n".join(parts)


# ---- rendering ------------------------------------------------------------------------------


def _jsonable(obj):
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, datetime):
        return obj.isoformat()
    return obj


def _emit(args, data, text: str) -> None:
    print(json.dumps(_jsonable(data), indent=2, ensure_ascii=False) if args.json else text)


# ---- commands -------------------------------------------------------------------------------


def _ws(args):
    from alaskaki.workshop import Workshop

    return Workshop.open(args.workshop)


def cmd_init(args) -> int:
    from alaskaki.folder import META_FILE
    from alaskaki.workshop import init_workshop

    existed = (Path(args.folder) / META_FILE).is_file()
    ws = init_workshop(
        args.folder,
        roster=args.roster,
        name=args.nama,
        db_url=args.db_url,
        moved=args.pindahan,
    )
    mods = ws.modules()
    head = (
        f"Lokakarya sudah ada di {ws.root}; yang belum ada ditambahkan, yang ada tidak diubah."
        if existed
        else f"Lokakarya dibuat di {ws.root}"
    )
    if existed and args.db_url:
        head += f"\nBuku nilai sekarang di database baru; salinannya ada di {ws.backup_dir}."
    if existed and args.pindahan and ws.gradebook_file is None:
        head += "\nBuku nilai di server PostgreSQL sekarang milik folder ini."
    _emit(
        args,
        {"folder": ws.root, "modul": mods, "peserta": ws.participant_ids()},
        f"{head}\nModul: {', '.join(mods)}\nPeserta: {len(ws.participant_ids())}\n"
        f"Langkah berikut: cd {ws.root} && alaskaki roster import peserta.xlsx",
    )
    return EXIT_OK


def cmd_roster(args) -> int:
    from alaskaki.workshop import import_roster

    res = import_roster(_ws(args), args.file, fix_names=args.perbaiki_nama)
    text = (
        f"Daftar peserta diimpor: {len(res.added)} baru, {len(res.updated)} diperbarui, "
        f"{len(res.unchanged)} tetap."
    )
    if res.kept:
        text += f"\n{len(res.kept)} peserta tidak ada di file ini tetapi tetap disimpan (nilainya aman): {', '.join(res.kept)}"
    if res.sheet:
        text += f"\nLembar yang dibaca: {res.sheet!r}."
    for note in res.notes:
        text += f"\nCatatan: {note}."
    for warning in res.warnings:
        print(f"peringatan: {warning}.", file=sys.stderr, flush=True)
    _emit(args, res, text)
    return EXIT_OK


def cmd_release(args) -> int:
    from alaskaki.workshop import release_module

    ws = _ws(args)
    mods = ws.modules() if args.modul == "semua" else [args.modul]
    out = [
        release_module(ws, m, due=args.batas, personal=args.pribadi, angkatan=args.angkatan)
        for m in mods
    ]
    lines = [
        f"{r.modul}: siap di {r.notebook}"
        + (" dan dikirim ke exchange" if r.exchange else "")
        + (f"; salinan pribadi di {r.personal[0].parent}" if r.personal else "")
        for r in out
    ]
    lines.append(
        f"Daftar istilah dan lembar rujukan: {ws.release()}/istilah.ipynb dan lembar-rujukan.ipynb"
        " (bagikan bersama folder modul; setiap modul menautkan ../istilah.ipynb)."
    )
    _emit(args, out, "\n".join(lines))
    return EXIT_OK


def cmd_collect(args) -> int:
    from alaskaki.workshop import collect_module
    from alaskaki.workshop.collect import CollectIncomplete

    try:
        res = collect_module(
            _ws(args),
            args.modul,
            source=args.source,
            received=args.diterima,
            choose=args.pilih,
            tanpa_token=args.tanpa_token,
        )
    except CollectIncomplete as err:
        _emit(args, err.result, render_collect(err.result))  # what was collected, then why not all
        raise
    _emit(args, res, render_collect(res))
    return EXIT_ERROR if res.problems else EXIT_OK


def render_collect(res) -> str:
    lines = [f"{res.modul}: {len(res.collected)} jawaban baru dikumpulkan dan diarsipkan."]
    if res.chosen:
        lines.append(f"Dipilih pelatih dan diterima: {', '.join(res.chosen)}")
    if res.installed:
        lines.append(f"Dipasang untuk dinilai: {', '.join(res.installed)}")
    if res.duplicates:
        lines.append(f"{len(res.duplicates)} file sama persis dengan yang sudah ada (dilewati):")
        lines += [f"  {d}" for d in res.duplicate_reasons or res.duplicates]
    if res.older:
        lines.append(
            "Diterima lebih awal dari versi yang sudah ada, hanya diarsipkan: "
            + ", ".join(res.older)
        )
    for note in res.notes:
        lines.append(f"CATATAN {note}")
    if res.ignored:
        lines.append(f"{len(res.ignored)} file untuk modul lain tidak dikumpulkan:")
        lines += [f"  {s}" for s in res.skipped if s.reason.startswith("untuk modul lain")]
    if res.junk:
        lines.append(
            f"{len(res.junk)} berkas sistem atau salinan otomatis dilewati (desktop.ini, Thumbs.db, "
            ".ipynb_checkpoints, __MACOSX); bukan jawaban, tidak perlu diperiksa."
        )
    for p in res.problems:
        lines.append(f"TIDAK DIKUMPULKAN {p}" if not p.startswith("DITAHAN") else p)
    if res.held:
        lines.append(
            "File yang DITAHAN disimpan di arsip/<peserta>/<modul>/tertahan/ dan belum dinilai. "
            "Periksa, lalu terima yang benar: alaskaki collect MODUL --pilih FILE"
        )
    return "\n".join(lines)


def cmd_kartu(args) -> int:
    from alaskaki.workshop.release import (
        issue_tokens,
        retake_round,
        shared_uji_token_note,
        uji_modules,
    )

    ws = _ws(args)
    tokens = issue_tokens(ws)
    # each uji (the two forms, a module with essays the trainer scores) has its own token (red
    # team R24, R35): a notebook lent after its test opens no other; the post-test column is cut
    # off and handed out on the day of the post-test
    uji = uji_modules(ws)
    if args.formulir and args.formulir not in uji:
        raise AlaskakiError(
            f"--formulir {args.formulir}: bukan uji yang punya token sendiri. Pilih salah satu: "
            + ", ".join(uji)
            + ".",
            exit_code=EXIT_USAGE,
        )
    shown = [args.formulir] if args.formulir else uji
    per_module = {m: issue_tokens(ws, m) for m in shown}
    names = {p.id: p.nama for p in ws.participants()}
    keys = {m: "token_" + m.replace("-", "_") for m in shown}
    data = [
        {"id": pid, "nama": names.get(pid, ""), "token": tok}
        | {keys[m]: per_module[m][pid] for m in shown}
        for pid, tok in tokens.items()
    ]
    if args.formulir:
        rows = [[r["id"], r["nama"], r[keys[args.formulir]]] for r in data]
        text = table(rows, ["id", "nama", f"token {args.formulir}"])
        text += (
            f"\n\nToken {args.formulir} saja: bagikan ke masing-masing peserta secara pribadi pada "
            "hari uji itu (gunting per baris). Token ini hanya untuk modul itu."
        )
        retake = retake_round(ws, args.formulir)
        if retake:
            nomor, who = retake
            text += (
                f"\nPutaran {nomor}: {', '.join(who)} mendapat token baru putaran {nomor} (token "
                "putaran sebelumnya, yang tertulis di lembar yang sudah ditutup, tidak berlaku lagi "
                "untuk formulir ulang)."
            )
    else:
        rows = [[r["id"], r["nama"], r["token"]] + [r[keys[m]] for m in shown] for r in data]
        text = table(rows, ["id", "nama", "token latihan"] + [f"token {m}" for m in shown])
        text += (
            "\n\nBagikan token ini ke masing-masing peserta secara pribadi (gunting per baris)."
            "\nTanpa server, file yang dikumpulkan harus memuat token pemiliknya; yang tidak cocok "
            "DITAHAN.\nModul yang dirilis sesudah ini punya baris TOKEN_PESERTA kosong untuk diisi "
            "peserta: token latihan untuk modul latihan; setiap uji (kolom 'token MODUL') hanya "
            "untuk modul itu.\nGunting kolom token asesmen-akhir dan simpan; bagikan pada hari uji "
            "akhir (atau cetak saat itu: alaskaki kartu --formulir asesmen-akhir)."
        )
    # cards printed before each uji had its own token stay valid: say what they then prove
    text += "\n\n" + (
        shared_uji_token_note(ws)
        or "Notebook yang dipinjamkan ke teman (latihan, atau asesmen-awal sesudah uji awal) "
        "tidak membuka uji lain pemiliknya."
    )
    _emit(args, data, text)
    return EXIT_OK


def cmd_grade(args) -> int:
    from alaskaki.workshop import grade

    run = grade(
        _ws(args),
        args.modul,
        participants=args.peserta,
        workers=args.workers,
        progress=not args.json,
        sandbox="off" if args.tanpa_sandbox else "auto",
        ulang=args.ulang,
    )
    _emit(args, run, _render_grade(run))
    failed = run.failed
    if not failed:
        return EXIT_OK
    # one sentence per cause on stderr (also with --json), the table above names each participant
    print(f"galat: {len(failed)} kiriman belum dinilai:", file=sys.stderr)
    for cause in run.causes():
        print(f"  - {cause}", file=sys.stderr)
    for line in run.incidents:
        print(f"  insiden {line}", file=sys.stderr)
    if args.debug:
        for r in failed:
            if r.trace:
                print(f"--- {r.participant} ---\n{r.trace}", file=sys.stderr)
    return EXIT_ERROR


def _render_grade(run) -> str:
    rows = []
    for r in getattr(run, "results", []):
        rows.append(
            [
                r.participant,
                f"{r.score:g}/{r.max_score:g}" if r.score is not None else "-",
                r.status,
                "; ".join(r.flags) or (r.incident and f"insiden di pekerja {r.worker}") or "",
            ]
        )
    text = (
        table(rows, ["peserta", "nilai", "keadaan", "indikasi kecurangan"])
        if rows
        else "Tidak ada yang dinilai."
    )
    notes = [n for r in getattr(run, "results", []) for n in getattr(r, "notes", [])]
    if notes:
        text += "\n" + "\n".join(f"catatan: {n}" for n in notes)
    if getattr(run, "warning", None):
        text = f"PERINGATAN: {run.warning}\n" + text
    return text


def cmd_feedback(args) -> int:
    from alaskaki.workshop import feedback

    paths_ = feedback(_ws(args), args.modul, participants=args.peserta)
    _emit(args, paths_, f"Umpan balik ditulis untuk {len(paths_)} peserta.")
    return EXIT_OK


def cmd_report(args) -> int:
    from alaskaki.workshop.reporting import make_reports

    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        raise AlaskakiError(
            f"--out {args.out} adalah sebuah berkas, bukan folder. Pilih folder laporan yang lain.",
            exit_code=EXIT_CONFLICT,
        )
    skipped = ""
    if args.anonim and args.rapor:
        # a rapor always names its participant: --anonim never writes one
        skipped = (
            "Rapor tidak dibuat: rapor selalu memuat nama peserta, sedangkan --anonim hanya "
            "menulis berkas anonim. Jalankan 'alaskaki report --rapor' tanpa --anonim untuk rapor."
        )
    from alaskaki.workshop.lock import running_writer

    busy = running_writer(_ws(args).root)
    if busy:
        print(f"Catatan: {busy}", file=sys.stderr)
    incomplete: list[str] = []
    out = make_reports(
        _ws(args),
        formats=None
        if args.format is None
        else tuple(f.strip() for f in args.format.split(",") if f.strip()),
        anonim=args.anonim,
        anonim_k=args.anonim_k,
        rapor=args.rapor and not args.anonim,
        out_dir=args.out,
        warn=incomplete.append,
    )
    text = "Laporan:\n" + "\n".join(f"  {p}" for p in out)
    if skipped:
        print(skipped, file=sys.stderr)
    _emit(args, out, text)
    for sentence in incomplete:  # in every file too; said here for whoever opens none of them
        print(sentence, file=sys.stderr)
    return EXIT_OK


def cmd_status(args) -> int:
    from alaskaki.workshop import workshop_status
    from alaskaki.workshop.lock import running_writer
    from alaskaki.workshop.status import competency_summary

    ws = _ws(args)
    busy = running_writer(ws.root)
    if busy:  # stderr: --json readers get the same data, the trainer the note
        print(f"Catatan: {busy}", file=sys.stderr)
    st = workshop_status(ws, modul=args.modul)
    rows = []
    for e in st.entries:
        nilai = f"{e.nilai:g}/{e.nilai_maks:g}" if e.nilai is not None else ""
        if nilai and e.menunggu:
            nilai += f" (sementara; {e.menunggu} sel menunggu pelatih)"
        rows.append(
            [
                e.modul,
                e.peserta,
                e.nama,
                e.keadaan,
                nilai,
                "ya" if e.terlambat else "",
                "; ".join(e.indikasi),
                e.cek,
            ]
        )
    summary = st.by_module()
    text = table(
        rows,
        [
            "modul",
            "peserta",
            "nama",
            "keadaan",
            "nilai",
            "terlambat",
            "indikasi kecurangan",
            "cek mandiri (latihan)",
        ],
    )
    text += "\n\nRingkasan:\n" + table(
        [
            [
                m,
                v["peserta"],
                v["mengumpulkan"],
                v["dinilai"],
                v["menunggu_pelatih"],
                v["perlu_dinilai_ulang"],
                v["terlambat"],
                v["indikasi_kecurangan"],
            ]
            for m, v in summary.items()
        ],
        [
            "modul",
            "peserta",
            "mengumpulkan",
            "sudah dinilai",
            "menunggu pelatih",
            "perlu dinilai ulang",
            "terlambat",
            "indikasi kecurangan",
        ],
    )
    if any(v.get("cek_dicoba") for v in summary.values()):
        text += "\n\nCek mandiri per modul (dibaca dari notebook yang dikumpulkan; kesiapan, bukan bukti K/BK):\n"
        text += table(
            [
                [m, v["cek_dicoba"], v["cek_benar_pertama"], v["cek_benar_setelah_mencoba"]]
                for m, v in summary.items()
                if v.get("cek_dicoba")
            ],
            ["modul", "latihan dicek", "benar langsung", "benar setelah mencoba lagi"],
        )
    unverified = [e for e in st.entries if e.identitas_tidak_diverifikasi]
    if unverified:
        text += (
            f"\n\nIDENTITAS TIDAK DIVERIFIKASI ({len(unverified)} jawaban dikumpulkan dengan "
            "--tanpa-token, atau diterima dengan --pilih walau tokennya tidak cocok; hanya nama "
            "berkas dan ID_PESERTA yang menyebut pembuatnya): "
            + ", ".join(f"{e.peserta}/{e.modul}" for e in unverified)
        )
    held = sum(v.get("ditahan", 0) for v in summary.values())
    if held:
        text += (
            f"\n\n{held} file DITAHAN saat collect (belum dinilai): lihat arsip/<peserta>/<modul>/"
            "tertahan/, lalu `alaskaki collect MODUL --pilih FILE`."
        )
    if st.kerja_sama:
        text += (
            "\n\nIndikasi kerja sama (tulisan sendiri sangat mirip, atau jawaban sama yang "
            "terlalu banyak untuk kebetulan; periksa kedua notebook, nilai tidak diubah):\n"
            + table(
                [[p.modul, p.a, p.b, p.uraian] for p in st.kerja_sama],
                ["modul", "peserta", "peserta", "yang sama"],
            )
        )
    if st.contoh_jawaban:
        text += (
            "\n\nSama dengan contoh jawaban (jawaban uraian yang isinya sama dengan contoh jawaban "
            "di notebook pelatih, yang terbuka untuk umum; periksa notebooknya: contoh jawaban yang "
            "ditempel bernilai 0 untuk sel itu; nilai tidak diubah otomatis):\n"
            + table(
                [[x.modul, x.peserta, x.uraian] for x in st.contoh_jawaban],
                ["modul", "peserta", "yang sama"],
            )
        )
    units = competency_summary(ws)
    if units:

        def pct(x):
            return "–" if x is None else percent(x, 0)

        text += "\n\nKompetensi per unit (keputusan dari uji; latihan = kesiapan):\n" + table(
            [
                [
                    u["unit"],
                    u["kompeten"],
                    u["belum_kompeten"],
                    u["belum_dinilai"],
                    pct(u["latihan_selesai"]),
                    pct(u["skor_latihan"]),
                ]
                for u in units
            ],
            [
                "unit",
                "Kompeten",
                "Belum Kompeten",
                "Belum dinilai",
                "latihan selesai",
                "skor latihan",
            ],
        )
    _emit(
        args,
        {
            "ringkasan": summary,
            "rincian": st.entries,
            "kerja_sama": st.kerja_sama,
            "contoh_jawaban": st.contoh_jawaban,
            "unit": units,
        },
        text,
    )
    return EXIT_OK


def cmd_demo(args) -> int:
    from alaskaki.workshop.demo import run_demo

    res = run_demo(args.out, modules=args.modules, workers=args.workers, progress=not args.json)
    _emit(args, res, res.summary_text())
    return EXIT_OK


def cmd_dashboard(args) -> int:
    from alaskaki.report.dashboard import serve

    return serve(
        [Path(w) for w in (args.workshops or ["."])],
        port=args.port,
        open_browser=not args.no_browser,
    )


def cmd_hub(args) -> int:
    from alaskaki.workshop.hub import create_users

    res = create_users(_ws(args), dry_run=args.dry_run)
    _emit(args, res, res.summary_text())
    return EXIT_OK


def _backup_moment(doing: str) -> str:
    """A backup's tag as the trainer reads it: ``grade`` is the state before `grade` ran."""
    if doing.startswith(("sebelum-", "sesudah-", "nilai-manual")):
        return doing
    return f"sebelum-{doing}"


def cmd_pulihkan(args) -> int:
    from alaskaki.folder import Folder

    folder = Folder.open(args.workshop)
    if args.cadangan is None:
        found = folder.backups()
        if not found:
            _emit(args, [], f"Belum ada cadangan buku nilai di {folder.backup_dir}.")
            return EXIT_OK
        rows = [
            [
                b.number,
                b.made.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                _backup_moment(b.doing),
                f"{b.size // 1024} KB",
            ]
            for b in found
        ]
        text = table(rows, ["nomor", "waktu", "saat", "ukuran"])
        text += f"\n\nPulihkan dengan: alaskaki pulihkan NOMOR --workshop {folder.root}"
        _emit(args, found, text)
        return EXIT_OK
    if folder.gradebook_file is None and not args.ya:
        # A server restore replaces what every trainer sees at once: ask first.
        question = (
            f"Isi buku nilai di server PostgreSQL akan diganti dengan cadangan {args.cadangan} "
            "(isi sekarang disimpan dulu di cadangan/). Lanjutkan? Ketik 'ya': "
        )
        if not sys.stdin.isatty():
            raise AlaskakiError(
                "Memulihkan buku nilai di server PostgreSQL perlu konfirmasi. Jalankan di terminal "
                f"dan jawab 'ya', atau tambahkan --ya: alaskaki pulihkan {args.cadangan} --ya "
                f"--workshop {folder.root}",
                exit_code=EXIT_USAGE,
            )
        if input(question).strip().lower() not in ("ya", "y"):
            print("Dibatalkan; buku nilai tidak diubah.")
            return EXIT_OK
    used, kept = folder.restore(args.cadangan)
    text = f"Buku nilai dipulihkan dari cadangan {used.number} ({used.path.name})."
    if kept is not None:
        text += f"\nBuku nilai yang diganti disimpan sebagai {kept}."
    _emit(args, {"dipulihkan_dari": used.path, "yang_diganti": kept}, text)
    return EXIT_OK


def _workshop_form(args) -> Path | None:
    """With ``--workshop`` (or standing in a workshop folder that holds the form): the workshop's
    own copy of the notebook to print, never the committed uji form whose key is public."""
    from alaskaki.folder import META_FILE, SOURCE_DIR, Folder

    here = Path.cwd()
    if (
        not getattr(args, "workshop", None)
        and (here / META_FILE).is_file()
        and (here / SOURCE_DIR / args.naskah / f"{args.naskah}.ipynb").is_file()
    ):
        args.workshop = str(here)
    if not getattr(args, "workshop", None):
        return None
    folder = Folder.open(args.workshop)
    if args.naskah not in folder.modules():
        raise AlaskakiError(
            f"Lokakarya {folder.root} tidak punya {args.naskah} di source/.",
            exit_code=EXIT_NOT_FOUND,
        )
    try:
        json.loads(folder.source_notebook(args.naskah).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:  # cut by a pulled flashdisk (R63)
        raise folder.cut_source(args.naskah, "dicetak") from err
    return folder.source_notebook(args.naskah)


def _printed_form(args) -> Path | None:
    """:func:`_workshop_form` for an uji form or its key about to be printed: a copied or moved
    workshop draws its own forms first (as its first release would, R34b), and the folder records
    that paper is out, so the form printed is never drawn again."""
    nb = _workshop_form(args)
    if nb is None or args.naskah not in ("asesmen-awal", "asesmen-akhir"):
        return nb
    from alaskaki.workshop import putaran
    from alaskaki.workshop.course import Workshop, mark_printed, own_forms_for_a_copy
    from alaskaki.workshop.lock import writer_lock

    ws = Workshop(nb.parents[2])  # source/<naskah>/<naskah>.ipynb
    # one writer at a time: a `release` or `ulang` drawing this form anew must not run between
    # the check and the marker saying paper of it is out
    with writer_lock(ws.root, f"cetak {args.naskah}"):
        own_forms_for_a_copy(ws, args.naskah, getattr(args, "angkatan", None), printing=True)
        putaran.check_not_spent(ws.root, args.naskah, "dicetak")  # a closed round's form (R65)
        try:
            mark_printed(ws, args.naskah)
        except AlaskakiError as err:  # a co-trainer reading the folder may still print
            print(f"Peringatan: {err}", file=sys.stderr)
        return ws.source_notebook(args.naskah)


def _workshop_name(args) -> str:
    from alaskaki.folder import Folder

    return str(Folder.open(args.workshop).root.name) if getattr(args, "workshop", None) else ""


def cmd_cetak(args) -> int:
    from alaskaki.cetak import form_html

    if args.kunci:
        if args.naskah not in ("asesmen-awal", "asesmen-akhir"):
            raise AlaskakiError(
                "Hanya asesmen awal dan akhir yang punya kunci jawaban untuk dicetak.",
                exit_code=EXIT_USAGE,
            )
        try:
            from alaskaki_kunci.cetak import kunci_html
        except ImportError:
            raise AlaskakiError(
                "Kunci jawaban hanya ada di instalasi pelatih (paket alaskaki_kunci tidak terpasang "
                "atau tidak dapat dibaca oleh pengguna ini).",
                exit_code=EXIT_NOT_FOUND,
            ) from None
        text = kunci_html(args.naskah, notebook=_printed_form(args), judul=_workshop_name(args))
    elif args.peserta and args.naskah.startswith("m"):
        from alaskaki.cetak import module_html

        text = module_html(args.naskah, peserta=args.peserta)
    else:
        text = form_html(args.naskah, notebook=_printed_form(args))
    out = Path(args.out or f"{args.naskah}{'-kunci' if args.kunci else ''}.html")
    try:
        if args.kunci:  # the key: readable by the trainer only, wherever it is written
            with contextlib.suppress(FileNotFoundError):
                out.unlink()
            fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            out.write_text(text, encoding="utf-8")
    except OSError as err:
        raise from_os_error(err, doing="menulis berkas cetak", path=out) from err
    note = " Berkas kunci hanya dapat dibaca oleh Anda (mode 600)." if args.kunci else ""
    _emit(
        args, {"berkas": out}, f"Siap dicetak: {out} (buka di peramban, lalu Cetak / Ctrl+P).{note}"
    )
    return EXIT_OK


def cmd_tutup(args) -> int:
    from alaskaki.workshop import putaran

    ws = _ws(args)
    waiting = putaran.ungraded(ws.root, args.modul)
    p = putaran.tutup(ws.root, args.modul)
    if waiting:
        print(
            f"Peringatan: kiriman {', '.join(waiting)} belum dinilai (atau berubah sesudah dinilai) "
            f"dan sekarang akan ditolak. Bila itu keliru, mereka mengulang dengan formulir baru: "
            f"`alaskaki ulang {args.modul} --peserta {' '.join(waiting)}`.",
            file=sys.stderr,
        )
    text = (
        f"Uji {args.modul} putaran {p.nomor} ditutup ({p.ditutup}); {len(p.dinilai)} kiriman yang "
        "sudah dinilai menjadi hasilnya. Rapor sekarang boleh dibuat (alaskaki report --rapor). "
        f"Kiriman baru formulir ini akan ditolak; peserta yang mengulang: `alaskaki ulang {args.modul} "
        "--peserta ID`."
    )
    _emit(args, {"modul": args.modul, "putaran": p.nomor, "ditutup": p.ditutup}, text)
    return EXIT_OK


def cmd_ulang(args) -> int:
    from alaskaki.workshop import putaran
    from alaskaki.workshop.release import retake_round, tokens_issued

    ws = _ws(args)
    p, form = putaran.ulang(ws.root, args.modul, args.peserta)
    text = (
        f"Formulir baru {args.modul} putaran {p.nomor} untuk {', '.join(p.peserta or [])} ditulis "
        f"di {form}. Rilis lagi dengan `alaskaki release {args.modul}`; hanya kiriman peserta itu "
        "yang dinilai, dengan kunci formulir baru."
    )
    if tokens_issued(ws) and retake_round(ws, args.modul):
        text += (
            f" Peserta yang mengulang memakai token baru putaran {p.nomor}: cetak dengan `alaskaki "
            f"kartu --formulir {args.modul}` (token di lembar putaran sebelumnya tidak berlaku)."
        )
    _emit(args, {"modul": args.modul, "putaran": p.nomor, "peserta": p.peserta}, text)
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "roster": cmd_roster,
    "release": cmd_release,
    "collect": cmd_collect,
    "grade": cmd_grade,
    "feedback": cmd_feedback,
    "report": cmd_report,
    "status": cmd_status,
    "kartu": cmd_kartu,
    "demo": cmd_demo,
    "dashboard": cmd_dashboard,
    "hub": cmd_hub,
    "pulihkan": cmd_pulihkan,
    "cetak": cmd_cetak,
    "tutup": cmd_tutup,
    "ulang": cmd_ulang,
}

# Commands that write the gradebook: each gets an integrity check and a backup first.
GRADEBOOK_WRITERS = {"init", "roster", "release", "collect", "grade"}

# What each command does, for the one-sentence message when the system refuses (disk full, ...).
DOING = {
    "init": "membuat folder lokakarya",
    "roster": "mengimpor daftar peserta",
    "release": "menyiapkan modul",
    "collect": "mengumpulkan jawaban",
    "grade": "menilai",
    "feedback": "menulis umpan balik",
    "report": "membuat laporan",
    "status": "membaca status lokakarya",
    "demo": "menjalankan demo",
    "dashboard": "membuka dasbor",
    "hub": "menyiapkan server lokakarya",
    "pulihkan": "memulihkan buku nilai",
    "cetak": "menulis berkas cetak",
    "tutup": "menutup uji",
    "ulang": "membuat formulir ulang",
}


def _guard_gradebook(args) -> list:
    """Refuse a lost gradebook before any command reads it; back it up before any command writes it,
    and before any other command when it changed outside alaskaki (manual grades typed in the
    formgrader). Returns the folders whose gradebook the command writes."""
    from alaskaki.folder import CONFIG_FILE, Folder

    if args.command == "pulihkan":
        return []
    writes = []
    if args.command == "dashboard":
        wheres = list(args.workshops or ["."])
    else:
        wheres = [args.folder if args.command == "init" else getattr(args, "workshop", None)]
    for where in wheres:
        if where is None or not (Path(where) / CONFIG_FILE).is_file():
            continue
        folder = Folder(where)
        # before anything reads the config or backs the gradebook up: both rewrite the traces an
        # older kit left of the folder init made (a workshop from before session 6, R34)
        if folder.record_old_origin() == "asli":
            from alaskaki.workshop.course import Workshop, explain_unrecorded_origin

            explain_unrecorded_origin(Workshop(folder.root))
        if args.command == "init" and args.db_url:
            continue  # the workshop's gradebook moves to a new database: init checks and copies
        if args.command == "init" and args.pindahan:
            folder.claim_server(moved=True)  # the trainer's word: this folder is the moved one
        if args.command in GRADEBOOK_WRITERS:
            folder.before_write(args.command)
            writes.append(folder)
            if args.command != "init":  # init refreshes it itself, after its own checks
                from alaskaki.workshop.course import Workshop, refresh_config

                refresh_config(Workshop(folder.root))  # an older config: R13's block (R15)
        else:
            # integrity_check too: a file cut mid-way is named here, with its path and the way
            # back, instead of as a bare SQLite error half-way through the command
            folder.check_gradebook(deep=True)
            try:
                folder.backup_if_changed()
            except (
                AlaskakiError
            ) as err:  # reading goes on; the trainer learns the grades are at risk
                print(
                    f"peringatan: nilai yang diubah di luar alaskaki (formgrader) belum dicadangkan: {err}",
                    file=sys.stderr,
                )
    return writes


# Commands that write the workshop folder or its gradebook: each holds the workshop's writer lock
# (alaskaki.workshop.lock) for its whole run, the gradebook guard and backups included. status,
# report and dashboard only read, and never wait for a writer. cetak takes it for its print
# marker only (_printed_form); pulihkan only when it restores.
WORKSHOP_WRITERS = GRADEBOOK_WRITERS | {
    "feedback",
    "tutup",
    "ulang",
    "kartu",
    "hub",
    "pulihkan",
}


def _lock_command(args) -> str:
    """The command as the holder's note and a refused co-trainer read it, e.g. ``grade m3``."""
    words = [args.command]
    if args.command == "roster":
        words.append(args.roster_command)
    for attr in ("modul", "cadangan"):
        value = getattr(args, attr, None)
        if value is not None:
            words.append(str(value))
    return " ".join(words)


def _writer_lock(args):
    if args.command not in WORKSHOP_WRITERS or (
        args.command == "pulihkan" and args.cadangan is None
    ):
        return contextlib.nullcontext()
    from alaskaki.workshop.lock import writer_lock

    where = args.folder if args.command == "init" else getattr(args, "workshop", None)
    return writer_lock(where or ".", _lock_command(args))


def _gradebook_named(args, exc: BaseException):
    """The workshop's gradebook file when SQLite failed without naming a file (it never does)."""
    import sqlite3

    from alaskaki.folder import CONFIG_FILE, Folder

    cur: BaseException | None = exc
    seen = set()
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, sqlite3.Error):
            break
        cur = cur.__cause__ or cur.__context__
    else:
        return None
    where = args.folder if args.command == "init" else getattr(args, "workshop", None)
    if where is None or not (Path(where) / CONFIG_FILE).is_file():
        return None
    try:
        return Folder(where).gradebook_file
    except Exception:  # the message must still be printed
        return None


def _failed_path(exc: BaseException):
    """The file an OSError names (walking wrapped errors), for the message."""
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OSError) and cur.filename:
            return cur.filename
        cur = cur.__cause__ or cur.__context__
    return None


EXIT_PIPE = 128 + 13  # what a shell reports for a command stopped by SIGPIPE


def _reader_gone() -> int:
    """stdout's reader closed it (``alaskaki status | head``): stop quietly, as Unix tools do.

    stdout is pointed at /dev/null so the interpreter's last flush cannot complain either.
    """
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_PIPE


def _pipe_closed(exc: BaseException) -> bool:
    """True when ``exc`` is (or was caused by) writing to a pipe whose reader has gone."""
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, BrokenPipeError):
            return _stdout_unread()
        cur = cur.__cause__ or cur.__context__
    return False


def _stdout_unread() -> bool:
    """True when nobody reads stdout any more (a broken pipe elsewhere, e.g. to a kernel, is a
    real failure and keeps its message)."""
    import select

    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(ev & select.POLLERR for _, ev in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def _skip_iri_checker() -> None:
    """See :func:`alaskaki.skip_iri_checker` (the grader's package calls it too)."""
    from alaskaki import skip_iri_checker

    skip_iri_checker()


def main(argv: list[str] | None = None) -> int:
    _skip_iri_checker()
    parser = build_parser()
    args = parser.parse_args(argv)
    # the lock is let go after _run's `finally`: the gradebook's record (write_ends) is the last
    # write this command makes
    with contextlib.ExitStack() as locked:
        return _run(args, locked)


def _run(args, locked: contextlib.ExitStack) -> int:
    writes: list = []
    try:
        locked.enter_context(_writer_lock(args))
        writes = [(f, f.write_begins()) for f in _guard_gradebook(args)]
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader gone (`| head`) shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except AlaskakiError as err:
        if _pipe_closed(err):
            return _reader_gone()
        if args.debug:
            raise
        print(f"galat: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("\nDihentikan. Pekerjaan yang sudah selesai tetap tersimpan.", file=sys.stderr)
        return 130
    except Exception as exc:
        if _pipe_closed(exc):
            return _reader_gone()
        if args.debug:
            raise
        if os_reason(exc) is not None:
            # disk full, read-only, no permission, already exists, gradebook locked or corrupt
            err = from_os_error(
                exc,
                doing=DOING.get(args.command, args.command),
                path=_failed_path(exc) or _gradebook_named(args, exc),
            )
            print(f"galat: {err}", file=sys.stderr)
            return err.exit_code
        print(
            f"galat tak terduga ({exc.__class__.__name__}: {str(exc)[:300]}). Jalankan lagi dengan "
            "--debug untuk rincian, lalu laporkan ke pengelola kit.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    finally:
        for folder, started in writes:
            # the state this command leaves, with whatever the formgrader saved while it ran (R30);
            # a failure here leaves the record as before, so the next command backs it up
            with contextlib.suppress(Exception):
                folder.write_ends(started, args.command)


if __name__ == "__main__":
    sys.exit(main())
