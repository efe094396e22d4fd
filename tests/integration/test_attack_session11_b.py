"""Second red team of session 11 (redteam2): the session's fixes attacked by someone who did not
write them: the key recorder after R80/R81/R86, the R82 marking, the writer lock (R83/R84/R91/R92),
the anonymous reports and the roster's name key (R85).

A defence that holds is a normal test; a finding not fixed here is a strict xfail named R10x
(/work/wt/redteam2-session11.md has each one's reproduction and severity).
"""

from __future__ import annotations

import pytest
from test_attack_session11 import _got, _key, _recorded, _run

# ------------------------------------------------------------------------------------------
# 1. the key recorder: a cell that ends up holding the key must leave a `kunci:` record
# ------------------------------------------------------------------------------------------

# R100: a generator's frame, taken while the generator is idle (gi_frame is heard, but an idle
# frame has no caller, so nothing running a check is reached), is resumed inside the check by the
# answer's own __float__ (polos leaves an object of the notebook's own class unchanged and
# periksa_angka calls float() on it while `harapan` is its local): f_back and f_locals of a running
# frame are read with no audit event.
GEN_FLOAT = """
bocor = []
def mata():
    while True:
        f = sendiri.f_back
        while f is not None:
            if 'harapan' in f.f_locals:
                bocor.append(f.f_locals['harapan'])
            f = f.f_back
        yield
g = mata()
sendiri = g.gi_frame
class Angka:
    def __float__(self):
        next(g)
        return 1.0
latihan.cek_hpp(Angka())
x = bocor[0]
"""

# R101: the kit's own source compiled again under another file name: the copy's harapan carries
# the marker, but the recorder takes a marker only from code whose file is in the kit's folder.
SOURCE_COPY = """
import sys, types
m = types.ModuleType('salinan')
sys.modules['salinan'] = m
with open(latihan.__file__) as fh:
    exec(compile(fh.read(), 'salinan.py', 'exec'), m.__dict__)
x = m.harapan('p08')['hpp']
"""

UNRECORDED = {
    "R100_idle_generator_frame_resumed_by_the_answers_float": GEN_FLOAT,
    "R101_kit_source_compiled_under_another_name": SOURCE_COPY,
}


@pytest.mark.slow
@pytest.mark.parametrize("attack", sorted(UNRECORDED))
@pytest.mark.xfail(strict=True, reason="R100/R101: the key is read with nothing recorded")
def test_r100_r101_the_key_reached_another_way_is_recorded(attack):
    res = _run("m3", UNRECORDED[attack])
    assert res.cells[-1]["status"] == "ok", res.cells
    assert _got(res) == _key("m3", "hpp"), res.points  # the attack works ...
    assert _recorded(res), res.checks  # ... and the trainer must see it
