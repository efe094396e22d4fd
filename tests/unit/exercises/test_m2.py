"""Module m2 (HS classification): variants, expected values from alaskaki.domain.hs, checks both ways."""

from __future__ import annotations

import re

import pytest
from modulekit import ok, run_source_as, solution_regions

from alaskaki import paths
from alaskaki.domain import hs
from alaskaki.exercises import m2

IDS = [f"p{i:02d}" for i in range(40)]


def test_variants_are_stable_and_differ_between_participants():
    assert m2.soal("p01") == m2.soal("p01")
    assert m2.harapan("p01") == m2.harapan("p01")
    assert len({str(m2.soal(pid).upper_luas) for pid in IDS}) > 20
    answers = {m2.harapan(pid)["bahan_upper"] for pid in IDS}
    assert answers == {"kulit", "tekstil", "karet_plastik"}, (
        "every upper material occurs across variants"
    )
    assert {m2.harapan(pid)["bahan_sol"] for pid in IDS} == {"kulit", "karet_plastik"}
    assert len({tuple(sorted(m2.harapan(pid)["studi_kasus"].items())) for pid in IDS}) > 10


@pytest.mark.parametrize("pid", IDS[:10])
def test_expected_values_come_from_the_domain(pid):
    s, h = m2.soal(pid), m2.harapan(pid)
    assert h["bahan_upper"] == m2.kata_bahan(hs.upper_material(s.upper_luas))
    assert h["bahan_sol"] == m2.kata_bahan(hs.outsole_material(s.sol_luas))
    by_text = {p.uraian: p for p in m2.PRODUK}
    for letter, text in s.produk.items():
        produk = by_text[text]
        assert h["kode_hs"][letter] == hs.classify_footwear(
            produk.upper, produk.sol, **produk.fitur
        )
    assert len(s.produk) == 8 and set(h["kode_hs"].values()) <= set(hs.returnable_codes())
    sk = h["studi_kasus"]
    assert list(sk) == list(m2.KASUS_NAMA)  # one plain answer line each, in the cell's order
    for a in s.pesanan:
        assert sk[f"kode_{m2.KASUS_ARTIKEL[a.nama]}"] == m2._kode_artikel(a)
        hs.hs_line(m2._kode_artikel(a))  # a real HS 2022 subheading
    baris = [a.pasang for a in s.pesanan if m2._kode_artikel(a) == sk["kode_pantofel"]]
    assert sk["pasang_pantofel"] == sum(baris)  # one invoice line per subheading
    # every non-part offered in exercise 5 is one of the Note 2 items
    parts = dict(m2._bank_barang()[1])
    for name in s.barang.values():
        code = parts.get(name, "")
        if not code:
            assert any(name.lower().split(" (")[0] in item for item in hs.NOT_PARTS)
        else:
            hs.hs_line(code)


@pytest.mark.parametrize("pid", IDS[:15])
def test_counting_accessories_would_give_a_wrong_upper(pid):
    """The variant is built so that Note 4(a) matters: adding accessory areas changes the answer."""
    s = m2.soal(pid)
    naive: dict[str, float] = {}
    for key, area in s.upper_luas.items():
        material = key.split(":")[0]
        naive[material] = naive.get(material, 0) + area
    naive_material = max(naive, key=naive.get)
    right = m2.harapan(pid)["bahan_upper"]
    as_word = {"kulit": "kulit", "tekstil": "tekstil", "tekstil_berlapis": "karet_plastik"}[
        naive_material
    ]
    assert as_word != right
    m2._sesi._id = pid
    assert not m2._bahan_upper(pid, as_word).benar


def test_right_answers_pass_every_check(capsys):
    pid = "p07"
    h = m2.harapan(pid)
    m2.mulai(pid)
    ok(capsys, m2.cek_bahan_upper, h["bahan_upper"])
    ok(capsys, m2.cek_bahan_upper, " " + h["bahan_upper"].upper() + " ")
    ok(capsys, m2.cek_bahan_sol, h["bahan_sol"])
    ok(capsys, lambda v: m2.cek_kode_hs(*v.values()), h["kode_hs"])
    ok(capsys, lambda v: m2.cek_kode_hs(*v), [v.replace(".", "") for v in h["kode_hs"].values()])
    ok(capsys, m2.cek_olahraga, [x.lower() for x in h["olahraga"]])
    ok(capsys, m2.cek_bagian, h["bagian_6406"])
    ok(capsys, lambda v: m2.cek_btki(v["subpos"], v["draf_benar"].upper()), h["btki"])
    ok(capsys, lambda v: m2.cek_studi_kasus(*v.values()), h["studi_kasus"])
    for check, value in [
        (m2.uji_bahan_upper, h["bahan_upper"]),
        (lambda pid, v: m2.uji_kode_hs(pid, *v.values()), h["kode_hs"]),
        (lambda pid, v: m2.uji_studi_kasus(pid, *v.values()), h["studi_kasus"]),
    ]:
        check(pid, value)  # no AssertionError


def test_wrong_answers_fail_with_indonesian_hints():
    pid = "p07"
    h = m2.harapan(pid)
    wrong_material = next(w for w in m2.BAHAN if w != h["bahan_upper"])
    with pytest.raises(AssertionError, match="aksesori"):
        m2.uji_bahan_upper(pid, wrong_material)
    with pytest.raises(AssertionError, match="Jawaban belum diisi"):
        m2.uji_bahan_sol(pid, None)
    with pytest.raises(AssertionError, match="bukan salah satu pilihan"):
        m2.uji_bahan_sol(pid, "kayu")

    codes = dict(h["kode_hs"])
    first = sorted(codes)[0]
    real = codes[first]
    other_heading = "6405.90" if not real.startswith("6405") else "6404.19"
    codes[first] = other_heading
    with pytest.raises(AssertionError) as err:
        m2.uji_kode_hs(pid, *codes.values())
    message = str(err.value)
    # the idea (materials, then heading), never which letter is wrong: a letter list is an oracle
    assert "bahan upper" in message and real not in message
    assert not re.search(r"\b[A-H]\b", message.replace("(4)", ""))
    subpos_only = dict(h["kode_hs"])
    wrong_sub = next(
        c for c in ("6403.91", "6403.99", "6404.19", "6402.99") if c != subpos_only[first]
    )
    subpos_only[first] = subpos_only[first][:4] + wrong_sub[4:]
    if subpos_only[first] != h["kode_hs"][first]:
        with pytest.raises(AssertionError, match="Pos 4 digit Anda sudah tepat"):
            m2.uji_kode_hs(pid, *subpos_only.values())
    with pytest.raises(AssertionError, match="sampai 6 digit"):
        m2.uji_kode_hs(pid, *(v[:4] for v in h["kode_hs"].values()))

    with pytest.raises(AssertionError, match="Catatan Subpos") as err:
        m2.uji_olahraga(pid, h["olahraga"][:-1])
    assert "belum ditemukan" not in str(err.value)  # a hint about the concept, not a count
    with pytest.raises(AssertionError, match="Catatan 2"):
        m2.uji_bagian(pid, h["bagian_6406"] + ["Z"])
    wrong_letter = (h["btki"]["subpos"], "ya" if h["btki"]["draf_benar"] == "tidak" else "tidak")
    with pytest.raises(AssertionError, match="BTKI 2022"):
        m2.uji_btki(pid, *wrong_letter)

    case = dict(h["studi_kasus"])

    def sk(**change):
        return list(dict(case, **change).values())

    with pytest.raises(AssertionError, match="jumlahkan pasang artikel yang subposnya sama"):
        m2.uji_studi_kasus(pid, *sk(pasang_pantofel=case["pasang_pantofel"] + 50))
    with pytest.raises(AssertionError, match="tanpa tanda petik"):
        m2.uji_studi_kasus(pid, *sk(pasang_pantofel=str(case["pasang_pantofel"])))
    with pytest.raises(AssertionError, match="Masih ada None di sk_kode_bot"):
        m2.uji_studi_kasus(pid, *sk(kode_bot=None))
    with pytest.raises(AssertionError, match="sampai 6 digit"):
        m2.uji_studi_kasus(pid, *sk(kode_sandal=case["kode_sandal"][:4]))
    with pytest.raises(AssertionError, match="bahan upper"):
        m2.uji_studi_kasus(pid, *sk(kode_pantofel="6405.90"))  # no forgotten note gives this
    m2.uji_studi_kasus(pid, *sk(kode_kasual=case["kode_kasual"].replace(".", "")))  # 640399
    m2.uji_olahraga(pid, ", ".join(h["olahraga"]))
    m2.uji_bagian(pid, " ".join(h["bagian_6406"]))


@pytest.mark.parametrize("pid", IDS[:30])
def test_case_study_names_the_note_a_wrong_code_forgot(pid):
    """Specific feedback (issue 15 req. 3): a subheading reached by forgetting one note gets that note, never the
    right code; the variants make every note matter for some participant."""
    s, h = m2.soal(pid), m2.harapan(pid)["studi_kasus"]
    for a in s.pesanan:
        name = f"kode_{m2.KASUS_ARTIKEL[a.nama]}"
        paths_ = [(code, rule) for code, rule in m2._jalan_salah(a) if code != h[name]]
        for code, _ in paths_:
            rule = next(r for c, r in paths_ if c == code)  # the first note that leads there
            res = m2._studi_kasus(pid, dict(h, **{name: code}))
            assert not res.benar and rule in res.pesan and h[name] not in res.pesan


def test_every_forgotten_note_is_a_real_trap_in_the_case_study():
    rules = set()
    for i in range(1, 61):
        pid = f"p{i:02d}"
        h = m2.harapan(pid)["studi_kasus"]
        for a in m2.soal(pid).pesanan:
            right = h[f"kode_{m2.KASUS_ARTIKEL[a.nama]}"]
            rules |= {rule for code, rule in m2._jalan_salah(a) if code != right}
    assert len(rules) == 4


def test_code_normalisation():
    assert m2.normalisasi_kode("640399") == "6403.99"
    assert m2.normalisasi_kode(" 6403 99 ") == "6403.99"
    assert m2.normalisasi_kode("6403") == "6403"
    assert m2.normalisasi_kode("sepatu") is None
    assert m2.normalisasi_kode(640399) is None


def test_no_eight_digit_codes_are_taught():
    """BTKI 8-digit lines are [NV]: no answer option or expected value carries one."""
    import re

    for pid in IDS[:5]:
        for code in m2.harapan(pid)["kode_hs"].values():
            assert re.fullmatch(r"\d{4}\.\d{2}", code)
        assert re.fullmatch(r"\d{4}\.\d{2}", m2.harapan(pid)["btki"]["subpos"])
        assert re.fullmatch(r"\d{4}\.\d{2}", m2.soal(pid).btki_draf)


def test_the_variant_object_holds_no_answers():
    """What a participant can print (soal) carries descriptions only, never codes or flags."""
    s = m2.soal("p03")
    h = m2.harapan("p03")
    shown = repr(s.produk) + repr(s.olahraga) + repr(s.barang) + repr(s.btki_produk)
    for code in h["kode_hs"].values():
        assert code not in shown
    assert "True" not in shown and "6406" not in shown
    assert all(isinstance(v, str) for v in s.produk.values())


# ---- the instructor solutions in the source notebook --------------------------------------------

SOURCE = paths.SOURCE_DIR / m2.MODUL / f"{m2.MODUL}.ipynb"
NAMES = {
    "bahan_upper": "bahan_upper",
    "bahan_sol": "bahan_sol",
    "kode_hs": "kode_hs",
    "olahraga": "olahraga",
    "bagian": "bagian_6406",
    "btki": "btki",
    "studi_kasus": "studi_kasus",
}


def test_solutions_never_call_the_answer_key_or_the_hidden_tests():
    """The grader flags an answer cell that calls harapan()/uji_*; the demo copies these solutions."""
    regions = solution_regions(SOURCE)
    assert len(regions) == len(NAMES) + 1  # + the participant id cell
    for gid, code in regions.items():
        assert "harapan" not in code and "uji_" not in code, gid


def test_the_tested_variants_show_every_product_and_item_of_the_banks():
    """So the per-variant test below exercises the solutions on every description they must read."""
    seen = [m2.soal(pid) for pid in IDS]
    assert {u for s in seen for u in s.produk.values()} == {p.uraian for p in m2.PRODUK}
    assert {u for s in seen for u in s.olahraga.values()} == {u for u, _ in m2._bank_barang()[0]}
    assert {u for s in seen for u in s.barang.values()} >= {u for u, _ in m2._bank_barang()[1]}
    assert len({u for s in seen for u in s.barang.values()}) == len(m2._bank_barang()[1]) + len(
        hs.NOT_PARTS
    )


@pytest.mark.parametrize("pid", IDS)
def test_instructor_solutions_are_right_for_every_variant(pid):
    """Derived from each participant's `soal`, not copied from one id: the hidden tests pass for all."""
    ns, graded = run_source_as(SOURCE, pid)
    assert ns["ID_PESERTA"] == pid
    assert {f"m2_{n}" for n in NAMES} <= set(graded)
    h = m2.harapan(pid)
    assert ns["bahan_upper"] == h["bahan_upper"] and ns["bahan_sol"] == h["bahan_sol"]
    assert [ns[f"hs_{x}"] for x in "abcdefgh"] == list(h["kode_hs"].values())
    assert ns["kode_hs"] == h["kode_hs"]
    assert {n: ns[f"sk_{n}"] for n in m2.KASUS_NAMA} == h["studi_kasus"]
    assert sorted(ns["olahraga"]) == h["olahraga"]
    assert (
        sorted(ns["bagian_6406"]) == h["bagian_6406"] and ns["btki_subpos"] == h["btki"]["subpos"]
    )
    assert ns["btki_draf_benar"] == h["btki"]["draf_benar"]


def test_latihan_6_is_a_job_on_a_draft_peb_line_not_a_concept_choice():
    """Issue 15 req. 4: classify the draft's product and check the colleague's six digits; never an 8-digit line."""
    drafts = [m2.soal(f"p{i:02d}") for i in range(1, 41)]
    verdicts = {m2.harapan(s.peserta)["btki"]["draf_benar"] for s in drafts}
    assert verdicts == {"ya", "tidak"}  # both a right and a wrong draft occur
    for s in drafts:
        h = m2.harapan(s.peserta)["btki"]
        assert re.fullmatch(r"64\d\d\.\d\d", s.btki_draf) and h["subpos"] in hs.returnable_codes()
        assert (h["draf_benar"] == "ya") == (s.btki_draf == h["subpos"])
        assert s.btki_produk not in s.produk.values()  # not one of Latihan 3's eight products
        m2.uji_btki(s.peserta, h["subpos"], h["draf_benar"])
    nb = (paths.SOURCE_DIR / m2.MODUL / f"{m2.MODUL}.ipynb").read_text(encoding="utf-8")
    assert not re.search(r"\b64\d\d\.\d\d\.\d\d\b", nb), "an 8-digit BTKI line is [NV] in the brief"
    with pytest.raises(AssertionError, match="subpos"):
        m2.uji_btki("p01", m2.harapan("p01")["btki"]["subpos"][:4], "ya")
