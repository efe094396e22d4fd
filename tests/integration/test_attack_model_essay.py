"""Red team (session 4): the public *contoh jawaban* of the rubric (uji) cells, lightly disguised (R9).

collect (R9) flags a written answer that matches the kit's public model essay ("sama dengan contoh
jawaban"; the grading guide then scores the cell 0) and stops discounting it in the pair search.
Both compare winnowed 5-word fingerprints. A participant with no skill pastes the model essay and
writes it the way they text: the common words shortened as in an SMS ("yang" -> "yg", "dengan" ->
"dgn", "untuk" -> "utk" ...). The trainer reads the same essay and scores it in full; every cell so
pasted must still be flagged.
"""

from __future__ import annotations

import re
import shutil

import nbformat
import pytest

from tests.integration.test_attack_copy import RUBRIC, _model_answers, _own_essay, _submission

pytestmark = [pytest.mark.slow]

SMS = {
    "yang": "yg", "dengan": "dgn", "untuk": "utk", "tidak": "tdk", "karena": "krn", "sudah": "sdh",
    "belum": "blm", "dan": "&", "dari": "dr", "pada": "pd", "akan": "akn", "bisa": "bs",
    "juga": "jg", "atau": "atw", "kami": "kmi", "kita": "kt", "di": "d", "ke": "k", "dalam": "dlm",
    "lebih": "lbh", "harga": "hrg", "sepatu": "spt",
}  # fmt: skip


def sms(text: str) -> str:
    return re.sub(r"\b(\w+)\b", lambda m: SMS.get(m[1].lower(), m[1]), text)


@pytest.mark.parametrize("modul", sorted(RUBRIC))
def test_a_model_essay_written_in_sms_style_is_still_flagged(released_module, tmp_path, modul):
    from alaskaki.workshop.similarity import module_model_matches

    base, source, released = released_module(modul)  # shared: copied before writing
    ws = type(base)(shutil.copytree(base.root, tmp_path / "lokakarya", symlinks=True))
    model = _model_answers(source, RUBRIC[modul])
    ids = ws.participant_ids()[:6]
    paster = ids[0]
    for pid in ids:
        essays = (
            {g: sms(t) for g, t in model.items()}
            if pid == paster
            else {g: _own_essay(pid, g) for g in RUBRIC[modul]}
        )
        dest = ws.submitted(pid, modul)
        dest.mkdir(parents=True)
        nbformat.write(_submission(released, pid, essays), dest / f"{modul}.ipynb")
    flagged = {(m.peserta, m.sel) for m in module_model_matches(ws, modul)}
    missed = [g for g in RUBRIC[modul] if (paster, g) not in flagged]
    assert not missed, (
        f"{paster} pasted the public contoh jawaban of {RUBRIC[modul]} in SMS spelling; not "
        f"flagged: {missed} (flagged: {sorted(flagged) or 'none'})"
    )
