"""The reviewer and office printed on reports (``grading/peninjau.yml``; schema in that file)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from alaskaki import paths
from alaskaki.errors import EXIT_INPUT, EXIT_NOT_FOUND, AlaskakiError

DEFAULT_PATH = paths.GRADING_DIR / "peninjau.yml"
ENV = "ALASKAKI_PENINJAU"


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
    return Reviewer(
        kantor=str(kantor.get("nama") or ""),
        singkatan=str(kantor.get("singkatan") or ""),
        kota=str(kantor.get("kota") or ""),
        nama=str(orang.get("nama") or ""),
        jabatan=str(orang.get("jabatan") or ""),
        anonim_kunci=str(data.get("anonim_kunci") or ""),
    )
