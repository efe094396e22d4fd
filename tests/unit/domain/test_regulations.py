"""Dated regulatory facts (design principle 12): validity and source in datasets/, shown by the modules,
and a guard that fails when a taught rule has ended by the workshop date without a successor."""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import date

import nbformat
import pytest

from alaskaki import paths
from alaskaki.domain import regulations
from alaskaki.workshop.course import kit_modules


def workshop_date() -> date:
    """The day the kit is taught: ALASKAKI_TANGGAL_LOKAKARYA=YYYY-MM-DD for a planned workshop, else today."""
    text = os.environ.get("ALASKAKI_TANGGAL_LOKAKARYA", "").strip()
    return date.fromisoformat(text) if text else date.today()


def test_every_row_has_dates_source_and_known_successor():
    table = regulations.regulations()
    assert len(table) >= 10
    modules = set(kit_modules())
    for r in table.values():
        assert r.name and r.fact and r.source, r.key
        assert r.tag in {"V", "S", "D", "C"}, r.key
        assert r.modules and set(r.modules) <= modules, r.key
        if r.successor:
            assert r.successor in table, f"{r.key}: successor {r.successor} is not a row"
        if r.since and r.until:
            assert r.since.first_day <= r.until.last_day, r.key


def test_eu_gsp_for_indonesia_ends_with_the_domain_constant():
    from alaskaki.domain.origin import EU_GSP_INDONESIA_ENDS

    gsp = regulations.regulations()["gsp_ue_rex"]
    assert gsp.until.last_day == date.fromordinal(EU_GSP_INDONESIA_ENDS.toordinal() - 1)
    assert gsp.successor == "ieu_cepa"
    assert gsp.in_force(date(2026, 12, 31)) is True and gsp.in_force(EU_GSP_INDONESIA_ENDS) is False


def test_no_taught_rule_has_expired_without_successor_on_the_workshop_date():
    on = workshop_date()
    stale = regulations.expired_without_successor(on)
    assert not stale, (
        f"On {on} these taught rules have ended and name no successor in datasets/regulasi.csv: "
        + "; ".join(f"{r.key} (sampai {r.until.text})" for r in stale)
    )


def test_the_guard_fails_for_an_ended_rule_without_successor():
    table = dict(regulations.regulations())
    gsp = table["gsp_ue_rex"]
    table["gsp_ue_rex"] = dataclasses.replace(gsp, successor=None)
    assert regulations.expired_without_successor(date(2027, 1, 2), table=table) == [
        table["gsp_ue_rex"]
    ]
    assert regulations.expired_without_successor(date(2026, 12, 31), table=table) == []
    # a year-only end date counts from its first day (the earliest the rule may have ended)
    iso = table["iso_2859_1_1999"]
    table["iso_2859_1_1999"] = dataclasses.replace(iso, successor=None)
    assert table["iso_2859_1_1999"] in regulations.expired_without_successor(
        date(2026, 1, 2), table=table
    )


@pytest.mark.parametrize(
    "modul", sorted({m for r in regulations.regulations().values() for m in r.modules})
)
def test_each_module_shows_the_validity_of_the_rules_it_teaches(modul):
    nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert f'regulations.validity_text("{modul}")' in code
    text = regulations.validity_text(modul)
    for r in regulations.for_module(modul):
        assert r.name in text and r.source in text


def test_dates_read_at_their_precision():
    p = regulations.Period("2025-02")
    assert (p.first_day, p.last_day, p.indonesian()) == (
        date(2025, 2, 1),
        date(2025, 2, 28),
        "Februari 2025",
    )
    assert regulations.Period("2026").last_day == date(2026, 12, 31)
    assert regulations.Period("2023-01-02").indonesian() == "2 Januari 2023"


def test_a_date_is_written_the_indonesian_way_everywhere():
    """One writer of dates for people (origin's GSP sentences, m1's schedule, m6's L/C and B/L)."""
    from alaskaki.domain import origin
    from alaskaki.exercises import m1

    assert regulations.date_text(date(2027, 1, 1)) == "1 Januari 2027"
    assert regulations.date_text(date(2026, 12, 31)) == "31 Desember 2026"
    assert m1.tanggal_id(date(2026, 3, 9)) == "Senin, 9 Maret 2026"
    assert "Sejak 1 Januari 2027 Indonesia" in origin.CEK_TANGGAL_UE


def _tgl(d: date) -> str:
    return f"{d.day} {regulations.BULAN[d.month - 1]} {d.year}"


def test_the_eu_gsp_dates_are_taught_from_the_dataset_row():
    """One truth (issue 15 req. 6): origin's dates, its guidance and every module text that teaches EU GSP
    say the dates of the gsp_ue_rex row; a DAB "replacing Form A" is never taught without its end date."""
    from alaskaki.domain import origin

    gsp = regulations.regulations()["gsp_ue_rex"]
    last, ends = gsp.until.last_day, origin.EU_GSP_INDONESIA_ENDS
    assert gsp.since.first_day == origin.REX_SINCE
    assert ends == date.fromordinal(last.toordinal() + 1)
    steps = origin.certificate_of_origin("uni_eropa", 9000, shipping_date=last).steps
    form_a = [s for s in steps if "Form A" in s]
    assert form_a and all(_tgl(last) in s and _tgl(origin.REX_SINCE) in s for s in form_a)
    for modul in gsp.modules:
        nb = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        teaching = text.split("## Sumber")[0]
        if "GSP" not in teaching:
            continue
        assert _tgl(ends) in teaching, (
            f"{modul}: teaches EU GSP without the day it ends for Indonesia"
        )
        for para in re.split(r"\n\s*\n|\n\* ", teaching):
            if "Form A" in para and "GSP" in para:
                assert _tgl(last) in para, (
                    f"{modul}: 'Form A … GSP' without its end date: {para[:120]}"
                )
    m1 = nbformat.read(paths.SOURCE_DIR / "m1-ekspor-mandiri" / "m1-ekspor-mandiri.ipynb", 4)
    m1_text = "\n".join(c.source for c in m1.cells if c.cell_type == "markdown")
    assert f"sejak {_tgl(origin.REX_SINCE)}" in m1_text  # when REX self-certification began
    summary = next(c.source for c in m1.cells if c.source.startswith("## Ringkasan"))
    assert _tgl(last) in summary and _tgl(ends) in summary  # the summary keeps the change too


def test_the_validity_list_is_short_and_says_plainly_what_is_unknown():
    """Reader (issue 15): ~300 words with the facts repeated and a bare 'berlaku sejak —'; the rule is taught in
    the module text, the list gives name, validity and source only, and explains s.t.d.d."""
    for modul in sorted({m for r in regulations.regulations().values() for m in r.modules}):
        text = regulations.validity_text(modul)
        assert "—" not in text and 's.t.d.d." = sebagaimana telah diubah dengan' in text
        for r in regulations.for_module(modul):
            assert r.fact not in text
    assert "IEU-CEPA (belum berlaku): tanggal mulai" in regulations.validity_text(
        "m1-ekspor-mandiri"
    )
