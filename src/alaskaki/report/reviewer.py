"""The reviewer and office printed on reports (``grading/peninjau.yml``; schema in that file)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError

DEFAULT_PATH = paths.GRADING_DIR / "peninjau.yml"
ENV = "ALASKAKI_PENINJAU"
# A shared pseudonym key must not be guessable: with the ids known (p01, p02, …), one HMAC per id
# per guess tests a word, a year, a city or the office's own name (printed on every report). Only
# the form a random generator gives is taken: 32 or more hexadecimal digits
# (secrets.token_hex(16)); a typed phrase never is, however long.
KEY_FORM = re.compile(r"[0-9a-fA-F]{32,}")
KEY_MIN_DISTINCT = 8  # "0" * 32 or "ab" * 16 is hexadecimal but no secret


@dataclass(frozen=True)
class Reviewer:
    kantor: str = ""
    singkatan: str = ""
    kota: str = ""
    nama: str = ""
    jabatan: str = ""
    anonim_kunci: str = ""

    @property
    def office_line(self) -> str:
        if self.singkatan and self.singkatan not in self.kantor:
            return f"{self.kantor} ({self.singkatan})"
        return self.kantor

    @property
    def header_lines(self) -> list[str]:
        """Lines for a report header."""
        lines = [self.office_line] if self.kantor else []
        person = ", ".join(x for x in (self.nama, self.jabatan) if x)
        if person:
            lines.append(f"Peninjau: {person}")
        return lines


def load_reviewer(source: str | Path | dict | Reviewer | None = None) -> Reviewer:
    """A :class:`Reviewer` from a Reviewer, a dict, a YAML path, ``$ALASKAKI_PENINJAU`` or the kit default."""
    if isinstance(source, Reviewer):
        return source
    if source is None:
        source = os.environ.get(ENV) or DEFAULT_PATH
    if isinstance(source, dict):
        data = source
    else:
        path = Path(source)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError as err:
            raise AlaskakiError(
                f"Berkas peninjau tidak ditemukan: {path}", exit_code=EXIT_NOT_FOUND
            ) from err
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (baris {mark.line + 1})" if mark is not None else ""
            raise AlaskakiError(
                f"{path} bukan YAML yang sah{where}; bandingkan dengan grading/peninjau.yml bawaan "
                "kit dan perbaiki baris itu.",
                exit_code=EXIT_INPUT,
            ) from err
    shaped = isinstance(data, dict)
    kantor = (data.get("kantor") or {}) if shaped else None
    orang = (data.get("peninjau") or {}) if shaped else None
    if isinstance(kantor, str):
        kantor = {"nama": kantor}
    if isinstance(orang, str):
        orang = {"nama": orang}
    if not (isinstance(kantor, dict) and isinstance(orang, dict)):
        raise AlaskakiError(
            f"Berkas peninjau {'' if isinstance(source, dict) else source} tidak berbentuk seperti grading/peninjau.yml bawaan kit "
            "(kantor: dengan nama/singkatan/kota, peninjau: dengan nama/jabatan); salin berkas "
            "bawaan itu lalu isi ulang.",
            exit_code=EXIT_INPUT,
        )
    key = str(data.get("anonim_kunci") or "")
    if key and not (KEY_FORM.fullmatch(key) and len(set(key.lower())) >= KEY_MIN_DISTINCT):
        where = "yang diberikan" if isinstance(source, dict) else str(source)
        raise AlaskakiError(
            f"anonim_kunci di berkas peninjau {where} bukan kunci acak (harus 32 angka/huruf "
            "heksadesimal atau lebih; kata, tahun atau nama kantor mudah ditebak), sehingga nama "
            "samaran bisa dikembalikan ke ID peserta; ganti dengan kunci acak "
            'dari perintah python -c "import secrets; print(secrets.token_hex(16))" atau '
            'kosongkan (anonim_kunci: "") agar setiap lokakarya memakai kunci acaknya sendiri.',
            exit_code=EXIT_INPUT,
        )
    return Reviewer(
        kantor=str(kantor.get("nama") or ""),
        singkatan=str(kantor.get("singkatan") or ""),
        kota=str(kantor.get("kota") or ""),
        nama=str(orang.get("nama") or ""),
        jabatan=str(orang.get("jabatan") or ""),
        anonim_kunci=key,
    )
