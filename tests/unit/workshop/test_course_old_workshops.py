"""Workshops made by an older kit keep working without handing out a key (red team R15, R16).

The red team's own tests (tests/integration/test_attack_old_workshop_uji.py) walk the whole
release/grade cycle; these check the pieces on one small workshop each.
"""

from __future__ import annotations

import json
import shutil

import pytest

from alaskaki import paths
from alaskaki.errors import AlaskakiError

UJI = "asesmen-akhir"


@pytest.fixture(scope="module")
def uji_workshop(tmp_path_factory):
    from alaskaki.workshop.course import init_workshop

    root = tmp_path_factory.mktemp("lama") / "lokakarya"
    init_workshop(root, roster=paths.dataset("contoh_peserta.csv"), modules=[UJI])
    return root


def _copy(src, tmp_path):
    from alaskaki.workshop.course import Workshop

    dest = tmp_path / "lokakarya"
    shutil.copytree(src, dest, symlinks=True)
    return Workshop(dest)


def _old_config(ws) -> str:
    """The workshop's nbgrader_config.py as written before R13 (no Generate Feedback block)."""
    text = ws.config_file.read_text(encoding="utf-8")
    old = text[: text.index("# nbgrader's own feedback")] + "c.Execute.timeout = 90  # pelatih\n"
    ws.config_file.write_text(old, encoding="utf-8")
    return old


def test_an_older_config_gets_the_feedback_block_and_keeps_the_trainers_lines(
    uji_workshop, tmp_path
):
    from alaskaki.workshop.course import refresh_config

    ws = _copy(uji_workshop, tmp_path)
    old = _old_config(ws)
    assert "GenerateFeedback" not in repr(ws.config())
    assert refresh_config(ws) is True
    text = ws.config_file.read_text(encoding="utf-8")
    assert text.startswith(old), "the trainer's own lines are kept as they were"
    cfg = ws.config()  # nbgrader reads it: the uji refuser is nbgrader's first feedback step
    assert cfg.GenerateFeedback.preprocessors[0].__name__ == "UjiTanpaUmpanBalikNbgrader"
    assert cfg.Execute.timeout == 90
    assert refresh_config(ws) is False, "a second run adds nothing"
    assert ws.config_file.read_text(encoding="utf-8") == text


def test_an_uji_feedback_page_nbgrader_wrote_is_never_handed_out(uji_workshop, tmp_path):
    from alaskaki.workshop.feedback import GENERATOR, foreign_uji_pages
    from alaskaki.workshop.hub import release_feedback

    ws = _copy(uji_workshop, tmp_path)
    theirs = ws.feedback("p01", UJI) / f"{UJI}.html"
    ours = ws.feedback("p02", UJI) / f"{UJI}.html"
    for page, head in ((theirs, ""), (ours, GENERATOR)):
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><head>{head}</head><body>kunci.uji(...)</body></html>")
    assert foreign_uji_pages(ws, UJI) == [theirs]
    with ws.config_file.open("a", encoding="utf-8") as fh:  # a workshop on a hub
        fh.write(f"c.Exchange.root = {str(tmp_path / 'exchange')!r}\n")
    with pytest.raises(AlaskakiError) as err:
        release_feedback(ws, UJI)
    assert str(theirs) in str(err.value) and f"alaskaki feedback {UJI}" in str(err.value)


def _with_committed_form(ws) -> None:
    """As a workshop made before workshop forms: the kit's committed form, no secret."""
    from alaskaki_kunci import bengkel

    shutil.rmtree(ws.source(UJI))
    shutil.copytree(paths.SOURCE_DIR / UJI, ws.source(UJI))
    bengkel.rahasia_path(ws.root).unlink()


def test_a_released_committed_form_is_refused_with_the_way_out(uji_workshop, tmp_path):
    from alaskaki.workshop.course import check_uji_release

    ws = _copy(uji_workshop, tmp_path)
    _with_committed_form(ws)
    ws.release(UJI).mkdir(parents=True)  # participants already have it
    form = ws.source_notebook(UJI).read_bytes()
    with pytest.raises(AlaskakiError) as err:
        check_uji_release(ws, UJI)
    assert "publik" in str(err.value) and f"alaskaki ulang {UJI}" in str(err.value)
    assert ws.source_notebook(UJI).read_bytes() == form, "a released form is never replaced"


def test_an_unreleased_committed_form_is_replaced_by_the_workshops_own(
    uji_workshop, tmp_path, capsys
):
    from alaskaki.workshop.course import _public_key, check_uji_release

    ws = _copy(uji_workshop, tmp_path)
    _with_committed_form(ws)
    assert _public_key(ws, UJI) == "kit"
    check_uji_release(ws, UJI)
    assert _public_key(ws, UJI) is None
    assert "formulir bawaan kit" in capsys.readouterr().err
    assert ws.modules() == [UJI]  # the committed form went to penilaian/, out of nbgrader's sight


def _before_session_6(ws) -> None:
    """lokakarya.json as a kit from before session 6 wrote it: no folder_asal (R34)."""
    from alaskaki.folder import ORIGIN_KEY

    meta = ws.meta()
    del meta[ORIGIN_KEY]
    ws.meta_file.write_text(json.dumps(meta), encoding="utf-8")


def _key(ws) -> dict:
    from alaskaki_kunci.bengkel import kunci_form

    return {r["grade_id"]: r["harapan"] for r in kunci_form(ws.source_notebook(UJI))}


def test_a_workshop_from_before_the_folder_record_says_once_what_cannot_be_known(
    uji_workshop, tmp_path, capsys
):
    """No trace of a copy (the original, or a `cp -r` copy): the first command records the folder
    as the workshop's own and says, once, that a copy made before the update cannot be told, with
    the way out while the uji form is neither handed out nor printed."""
    from alaskaki.cli import main
    from alaskaki.folder import ORIGIN_KEY, STATE_SEEN_FILE

    ws = _copy(uji_workshop, tmp_path)
    _before_session_6(ws)
    (ws.backup_dir / STATE_SEEN_FILE).unlink(missing_ok=True)
    form = _key(ws)
    assert main(["status", "-w", str(ws.root)]) == 0
    err = capsys.readouterr().err
    assert "sekali saja" in err and UJI in err, err
    assert f"`alaskaki init FOLDER_BARU --roster {ws.roster_path}`" in err
    assert ws.meta()[ORIGIN_KEY]["path"] == str(ws.root)
    assert main(["status", "-w", str(ws.root)]) == 0
    assert "sekali saja" not in capsys.readouterr().err
    assert _key(ws) == form  # nothing drawn anew: it may be the original


def test_a_workshop_copied_before_the_folder_record_draws_its_own_uji_form(
    uji_workshop, tmp_path, capsys
):
    """A template copied with its times (`cp -a`) before the update: the first command reads the
    trace before the gradebook's backup rewrites it, and the uji form is drawn anew before it is
    handed out (as for a recorded copy, R34b); the template keeps its own."""
    from alaskaki.cli import main
    from alaskaki.workshop.course import Workshop, own_forms_for_a_copy

    template = _copy(uji_workshop, tmp_path)
    _before_session_6(template)
    template.before_write("roster")  # the old kit's last command recorded the gradebook's state
    copy = Workshop(shutil.copytree(template.root, tmp_path / "angkatan-2", symlinks=True))
    form = _key(template)
    assert main(["status", "-w", str(copy.root)]) == 0
    assert "sekali saja" not in capsys.readouterr().err  # a trace: nothing left unknown
    assert own_forms_for_a_copy(copy) is True
    err = capsys.readouterr().err
    assert "salinan" in err and UJI in err, err
    assert _key(copy) != form
    assert own_forms_for_a_copy(copy) is False  # once: the copy is now a workshop of its own
    assert own_forms_for_a_copy(template) is False
    assert _key(template) == form
