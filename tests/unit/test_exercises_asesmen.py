"""Pre/post assessment: one blueprint, two parallel forms, expected values from the domain."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from datetime import date

import nbformat
import pytest
import yaml

from alaskaki import paths
from alaskaki.domain import costing, export_stats, hs, origin, pricing, procedure, quality
from alaskaki.exercises import asesmen, m7
from alaskaki.exercises.asesmen import AKHIR, AWAL, HURUF

IDS = [f"p{n:02d}" for n in range(1, 41)]
SEVEN = ["EKS-01", "EKS-02", "BYA-01", "EKS-03", "MTU-01", "EKS-04", "STR-01"]


def _nb(modul):
    return nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)


def _graded(modul):
    return [c for c in _nb(modul).cells if c.metadata.get("nbgrader", {}).get("grade")]


# ---- blueprint ----------------------------------------------------------------------------------------


def test_blueprint_covers_all_seven_units_equally():
    per_unit = Counter(s.unit for s in asesmen.BLUEPRINT)
    assert list(per_unit) == SEVEN == list(asesmen.UNITS)
    assert set(per_unit.values()) == {asesmen.ITEMS_PER_UNIT}
    assert 20 <= len(asesmen.BLUEPRINT) <= 30


@pytest.mark.parametrize("modul", [AWAL, AKHIR])
def test_notebook_is_generated_from_the_blueprint(modul):
    cells = _graded(modul)
    assert [c.metadata["nbgrader"]["grade_id"] for c in cells] == asesmen.grade_ids(modul)
    assert all(c.metadata["nbgrader"]["points"] == 1 for c in cells)
    src = "\n".join(c.source for c in _nb(modul).cells)
    assert "alaskaki.widgets" not in src
    assert f'latihan.mulai_form("{modul}", ID_PESERTA)' in src


def test_grade_ids_follow_the_convention():
    assert asesmen.grade_ids(AWAL)[0] == "pre_eks01_1"
    assert asesmen.grade_ids(AKHIR)[-1] == "post_str01_3"


def test_kompetensi_yml_maps_every_item_to_its_unit():
    data = yaml.safe_load((paths.GRADING_DIR / "kompetensi.yml").read_text(encoding="utf-8"))
    assert data["asesmen"]["awal"] == AWAL and data["asesmen"]["akhir"] == AKHIR
    assert data["asesmen"]["butir"] == asesmen.butir_map()
    assert (
        sorted(Counter(asesmen.butir_map().values()).values()) == [2 * asesmen.ITEMS_PER_UNIT] * 7
    )


# ---- parallel forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("slot", asesmen.BLUEPRINT, ids=lambda s: s.key)
def test_forms_are_parallel_but_different(slot):
    pre_texts, post_texts = set(), set()
    for pid in IDS:
        a = asesmen.butir(AWAL, pid)[slot.grade_id(AWAL)]
        b = asesmen.butir(AKHIR, pid)[slot.grade_id(AKHIR)]
        assert (a.unit, a.jenis) == (b.unit, b.jenis) == (slot.unit, slot.jenis)
        assert len(a.opsi) == len(b.opsi) and len(a.sah) == len(b.sah)
        pre_texts.add(a.teks)
        post_texts.add(b.teks)
    assert not pre_texts & post_texts, f"{slot.key}: the same question appears in both forms"
    assert len(pre_texts) > 1 and len(post_texts) > 1, f"{slot.key}: no per-participant variants"


def test_variants_are_stable():
    assert asesmen.harapan("p01", AWAL) == asesmen.harapan("p01", AWAL)
    assert asesmen.harapan("p01", AWAL) != asesmen.harapan("p02", AWAL)


def test_choice_answers_are_spread_over_options():
    """A form whose answers are all "A" would measure nothing."""
    letters = Counter(
        v for pid in IDS for v in asesmen.harapan(pid, AKHIR).values() if v in set(HURUF)
    )
    assert len(letters) >= 4


# ---- expected values come from the domain ----------------------------------------------------------------


@pytest.mark.parametrize("pid", IDS[:8])
@pytest.mark.parametrize("modul", [AWAL, AKHIR])
def test_expected_values_equal_domain_results(pid, modul):
    s = "pre" if modul == AWAL else "post"
    items = asesmen.butir(modul, pid)
    d = lambda k: items[f"{s}_{k}"].data  # noqa: E731
    h = lambda k: items[f"{s}_{k}"].harapan  # noqa: E731
    assert (
        items[f"{s}_eks01_1"]
        .opsi[HURUF.index(h("eks01_1"))]
        .startswith(procedure.kbli_for(d("eks01_1")["produk"]).code)
    )
    assert (
        items[f"{s}_eks01_3"].opsi[HURUF.index(h("eks01_3"))]
        == origin.certificate_of_origin(d("eks01_3")["tujuan"]).document
    )
    assert h("bya01_1") == pytest.approx(
        costing.dm2_to_ft2(d("bya01_1")["bersih_dm2"] * (1 + d("bya01_1")["susut"]))
    )
    assert h("eks03_1") == pytest.approx(d("eks03_1")["fob_rp"] / d("eks03_1")["kurs_beli"])
    assert h("eks03_2") == pytest.approx(
        pricing.cif_from_cfr(d("eks03_2")["cfr"], d("eks03_2")["premi"])
    )
    assert h("mtu01_1") == quality.code_letter(d("mtu01_1")["lot"], "II")
    assert (
        h("mtu01_2") == quality.sampling_plan(d("mtu01_2")["lot"], d("mtu01_2")["aql"]).sample_size
    )
    a, b = d("str01_1")["awal"], d("str01_1")["akhir"]
    assert h("str01_1") == pytest.approx((export_stats.value(b) / export_stats.value(a) - 1) * 100)
    code = hs.classify_footwear(
        d("eks02_2")["upper"], d("eks02_2")["sol"], covers_ankle=d("eks02_2")["mata_kaki"]
    )
    assert items[f"{s}_eks02_2"].opsi[HURUF.index(h("eks02_2"))] == code


def test_note_3_item_puts_visibly_coated_textile_under_6402():
    found = [
        b
        for pid in IDS
        for b in [asesmen.butir(AWAL, pid)["pre_eks02_3"]]
        if b.data["upper"] == "coated_textile"
    ]
    assert found and all(b.opsi[HURUF.index(b.harapan)] == "6402" for b in found)


def test_peb_item_has_exactly_one_valid_date():
    for pid in IDS:
        b = asesmen.butir(AKHIR, pid)["post_eks01_2"]
        ok = [
            t
            for t in b.data["tanggal"]
            if procedure.peb_filing_valid(
                date.fromisoformat(t),
                date.fromisoformat(b.data["ekspor"]),
                date.fromisoformat(b.data["masuk"]),
            )
        ]
        assert len(ok) == 1 and b.opsi[HURUF.index(b.harapan)] == date.fromisoformat(
            ok[0]
        ).strftime("%d-%m-%Y")


@pytest.mark.parametrize("modul", [AWAL, AKHIR])
def test_solution_code_in_the_notebook_reaches_the_expected_answer(modul):
    """The source's SOLUTION regions (used by the demo) compute the right answer for any participant."""
    from datetime import date as _date

    ns_base = {
        "date": _date,
        "export_stats": export_stats,
        "hs": hs,
        "origin": origin,
        "procedure": procedure,
        "quality": quality,
        "m7": m7,
        "HURUF": HURUF,
    }
    for pid in IDS[:10]:
        items = asesmen.butir(modul, pid)
        for slot in asesmen.BLUEPRINT:
            gid = slot.grade_id(modul)
            ns = dict(ns_base, B=items[gid])
            exec(slot.solusi, ns)  # noqa: S102 - our own blueprint
            asesmen.__dict__[f"uji_{gid}"](pid, ns["X"])


# ---- checks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("modul", [AWAL, AKHIR])
def test_hidden_tests_accept_right_and_reject_wrong(modul):
    pid = "p11"
    for gid, b in asesmen.butir(modul, pid).items():
        uji = getattr(asesmen, f"uji_{gid}")
        uji(pid, b.harapan)
        if b.jenis == "angka":
            uji(pid, round(b.harapan, 2) if b.mutlak >= 0.005 else b.harapan)
            wrong = b.harapan * 1.2 + 1
        else:
            uji(pid, b.harapan.lower())
            wrong = next(x for x in b.sah if x.casefold() != b.harapan.casefold())
        with pytest.raises(AssertionError, match="Belum tepat"):
            uji(pid, wrong)
        with pytest.raises(AssertionError, match="belum diisi"):
            uji(pid, None)


def test_self_checks_judge_only_the_form():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        asesmen.mulai_form(AWAL, "p12")
    h = asesmen.harapan("p12", AWAL)

    def shown(check, value) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert check(value) is None  # prints only, so no stray True/False under the cell
        return out.getvalue()

    assert shown(asesmen.cek_pre_bya01_2, h["pre_bya01_2"]).startswith("✅")
    assert shown(asesmen.cek_pre_bya01_2, 1.0).startswith("✅")  # wrong but well-formed: no verdict
    assert shown(asesmen.cek_pre_bya01_2, "12").startswith("❌")
    assert shown(asesmen.cek_pre_eks01_1, "Z").startswith("❌")
    assert shown(asesmen.cek_pre_mtu01_3, "TOLAK").startswith("✅")
    assert shown(asesmen.cek_pre_str01_3, None).startswith("❌")
    printed = shown(asesmen.cek_pre_bya01_2, h["pre_bya01_2"]) + shown(asesmen.cek_pre_bya01_2, 1.0)
    assert "diumumkan pelatih" in printed and "Benar." not in printed
    assert f"{h['pre_bya01_2']:.0f}" not in printed


def test_unknown_form_is_refused_in_indonesian():
    with pytest.raises(ValueError, match="tidak dikenal"):
        asesmen.butir("asesmen-tengah", "p01")
