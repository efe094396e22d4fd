"""One exchange course, one batch (``alaskaki.workshop.exchange``, issue 14): the course id two
workshops share is asked about, and the trainer's answer is kept. nbgrader's own release into a
real exchange folder; the end-to-end case with a participant account is
tests/integration/test_exchange_between_batches.py."""

from __future__ import annotations

import json
import subprocess

import pytest

from alaskaki.errors import AlaskakiError
from alaskaki.workshop import collect_module, import_roster, init_workshop
from alaskaki.workshop.course import Workshop
from alaskaki.workshop.exchange import OWNER_FILE
from alaskaki.workshop.hub import set_exchange
from alaskaki.workshop.release import release_module

pytestmark = pytest.mark.slow  # each test creates nbgrader gradebooks

MOD = "m3-biaya-produksi"


def _roster(path, pid: str, nama: str):
    path.write_text(
        f"id,nama,ikm,kelurahan,jenis_kelamin,peran\n{pid},{nama},IKM A,Miji,P,admin\n",
        encoding="utf-8",
    )
    return path


def test_another_workshop_with_the_same_course_id_is_asked_and_can_share(tmp_path):
    """Two workshops made by ``init`` with the same folder name have the same course id: the second
    one's release is refused naming the other; ``--angkatan-sama`` is the trainer's word that they
    share it (then collect goes on without asking), ``--angkatan-baru`` moves it to its own course."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    first = init_workshop(tmp_path / "a" / "lokakarya", modules=[MOD])
    second = init_workshop(tmp_path / "b" / "lokakarya", modules=[MOD])
    for n, ws in enumerate((first, second)):
        import_roster(ws, _roster(tmp_path / f"r{n}.csv", f"p0{n}", f"Peserta {n}"))
        set_exchange(ws, exchange)
    release_module(first, MOD)
    assert first.course_id == second.course_id == "lokakarya"
    with pytest.raises(AlaskakiError) as err:
        release_module(second, MOD)
    said = str(err.value)
    assert "lokakarya lain" in said and str(first.root) in said and "--angkatan-sama" in said
    with pytest.raises(AlaskakiError, match="--angkatan-baru"):
        collect_module(second, MOD)
    release_module(second, MOD, angkatan="sama")
    assert collect_module(second, MOD).collected == {}
    assert collect_module(first, MOD).collected == {}
    release_module(second, MOD, angkatan="baru")
    assert Workshop(second.root).course_id == "lokakarya-2"
    assert (exchange / "lokakarya-2" / "outbound" / MOD).is_dir()
    # the record names no participant: every account can read it
    text = (exchange / "lokakarya" / OWNER_FILE).read_text(encoding="utf-8")
    assert "Peserta" not in text and "p00" not in text and len(json.loads(text)["peserta"]) == 2


def test_a_course_released_by_an_older_kit_is_judged_by_the_original_still_in_place(tmp_path):
    """An exchange course without the record (released by an older kit): a ``cp -a`` copy whose
    roster holds other people than the original's (still in its place) is asked; a copy with the
    original's roster (the same batch's working copy) goes on and records itself."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    first = init_workshop(tmp_path / "angkatan-1", modules=[MOD])
    import_roster(first, _roster(tmp_path / "r1.csv", "p01", "Ani"))
    set_exchange(first, exchange)
    release_module(first, MOD)
    (exchange / first.course_id / OWNER_FILE).unlink()  # as an older kit left it
    release_module(first, MOD, angkatan="baru")  # the folder init made keeps its own course
    assert Workshop(first.root).course_id == "angkatan-1"
    (exchange / first.course_id / OWNER_FILE).unlink()
    for name in ("angkatan-2", "kerja"):
        subprocess.run(["cp", "-a", str(first.root), str(tmp_path / name)], check=True)
    copy = Workshop(tmp_path / "angkatan-2")
    import_roster(copy, _roster(tmp_path / "r2.csv", "p01", "Budi"))
    with pytest.raises(AlaskakiError, match=f"Kursus {first.course_id} .*--angkatan-baru"):
        collect_module(copy, MOD)
    assert not (exchange / first.course_id / OWNER_FILE).exists()
    work = Workshop(tmp_path / "kerja")
    assert collect_module(work, MOD).collected == {}
    assert json.loads((exchange / first.course_id / OWNER_FILE).read_text())["folder"] == str(
        work.root
    )
    with pytest.raises(AlaskakiError, match="--angkatan-sama"):
        collect_module(copy, MOD)
