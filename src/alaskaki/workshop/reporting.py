"""``alaskaki report``: competency from the gradebook, rendered by :mod:`alaskaki.report`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alaskaki.errors import from_os_error
from alaskaki.report import output
from alaskaki.report.output import written
from alaskaki.workshop.course import Workshop


def make_reports(
    workshop: Workshop,
    *,
    formats: tuple[str, ...] | None = None,
    anonim: bool = False,
    anonim_k: int | None = None,
    rapor: bool = False,
    out_dir: str | Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the cohort report (and optionally a rapor per participant) into ``laporan/``.

    ``anonim=True`` writes only the anonymised, ``anonim_k``-anonymous files (default
    :data:`alaskaki.report.ANONIM_K`): never a rapor, even when ``rapor=True`` (a rapor always
    names its participant). ``formats``: default every one of :data:`alaskaki.report.FORMATS`.
    ``warn`` gets the files' PERHATIAN sentence when the report is incomplete (the console says
    it too: a trainer who never opens the files is warned).
    """
    from alaskaki.report import ANONIM_K, FORMATS

    formats = FORMATS if formats is None else formats
    anonim_k = ANONIM_K if anonim_k is None else anonim_k

    if anonim:
        from alaskaki.report.views import check_k

        check_k(anonim_k)  # before the secret is made or anything is written
    if rapor and not anonim:  # refused before anything is written (R5c: rapor after `tutup`)
        from alaskaki.workshop.putaran import check_rapor

        check_rapor([workshop.root])
    out = Path(out_dir) if out_dir else workshop.reports_dir
    # a folder chosen with --out that cannot be written: choose another (the workshop is fine)
    with output.chosen_with("--out" if out_dir else None):
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise from_os_error(
                err, doing=output.DOING, path=out, option="--out" if out_dir else None
            ) from err
        return _write(workshop, out, formats, anonim, anonim_k, rapor, warn)


def _write(workshop, out, formats, anonim, anonim_k, rapor, warn) -> list[Path]:
    from alaskaki.competency import assess
    from alaskaki.report import write_rapor, write_reports
    from alaskaki.report.views import is_complete, notes

    # the workshop's own pseudonym key, never the empty one every kit user could recompute
    key = workshop.pseudonym_secret() if anonim else None
    result = assess(workshop.root)
    written = list(
        write_reports(
            result, out, formats=formats, anonim=anonim, anonim_k=anonim_k, anonim_kunci=key
        )
    )
    if rapor and not anonim:
        written += list(write_rapor(result, out / "rapor"))
    if warn is not None and not is_complete(result):
        warn(notes(result)[0])
    if not anonim:  # names pairs of participants: for the trainer, never in a shared report
        written.append(write_similarity_csv(workshop, out))
        pasted = write_model_answer_csv(workshop, out)
        if pasted:
            written.append(pasted)
        unverified = write_unverified_csv(workshop, out)
        if unverified:
            written.append(unverified)
    return written


def write_unverified_csv(workshop: Workshop, out: Path) -> Path | None:
    """``identitas-tidak-diverifikasi.csv``: uji submissions collected with ``--tanpa-token``
    (written only when there are any; a stale one is removed)."""
    import csv

    from alaskaki.workshop.collect import UNVERIFIED, unverified_identity

    rows = [(m, p) for m in workshop.modules() for p in sorted(unverified_identity(workshop, m))]
    path = out / "identitas-tidak-diverifikasi.csv"
    if not rows:
        path.unlink(missing_ok=True)
        return None
    with written(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["modul", "peserta", "keterangan"])
        for m, p in rows:
            w.writerow(
                [
                    m,
                    p,
                    f"{UNVERIFIED}: dikumpulkan tanpa token (--tanpa-token) atau diterima "
                    "pelatih dengan --pilih walau tokennya tidak cocok; pembuat tidak terbukti",
                ]
            )
    return path


def write_similarity_csv(workshop: Workshop, out: Path) -> Path:
    """``indikasi-kerja-sama.csv``: pairs whose own writing is very alike, for the trainer to judge."""
    import csv

    from alaskaki.workshop.similarity import cohort_pairs

    path = out / "indikasi-kerja-sama.csv"
    with written(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["modul", "peserta_a", "peserta_b", "kemiripan", "keterangan"])
        for p in cohort_pairs(workshop):
            w.writerow(
                [
                    p.modul,
                    p.a,
                    p.b,
                    f"{p.skor:.2f}",
                    f"{p.uraian}; periksa kedua notebook; nilai tidak diubah",
                ]
            )
    return path


def write_model_answer_csv(workshop: Workshop, out: Path) -> Path | None:
    """``sama-dengan-contoh-jawaban.csv``: written (rubric) answers matching the kit's public
    contoh jawaban, for the trainer to judge (written only when there are any; a stale one is
    removed)."""
    import csv

    from alaskaki.workshop.similarity import cohort_model_matches

    rows = cohort_model_matches(workshop)
    path = out / "sama-dengan-contoh-jawaban.csv"
    if not rows:
        path.unlink(missing_ok=True)
        return None
    with written(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["modul", "peserta", "sel", "kemiripan", "keterangan"])
        for x in rows:
            w.writerow(
                [
                    x.modul,
                    x.peserta,
                    x.sel,
                    f"{x.skor:.2f}",
                    f"{x.uraian}; periksa notebooknya: contoh jawaban yang ditempel bernilai 0 "
                    "untuk sel itu; nilai tidak diubah otomatis",
                ]
            )
    return path
