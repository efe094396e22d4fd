"""The static scan behind *indikasi kecurangan*: tricks are named, ordinary answers are not."""

from __future__ import annotations

import pytest

from alaskaki.workshop.grading.sanitise import static_flags as _static_flags

HONEST = [
    "biaya_kulit = soal.luas_kulit_dm2 * soal.harga_kulit_ft2 / 9.29",
    "global total\ntotal = sum(x['harga'] for x in soal.bahan)",
    "import re\npola = re.compile('a')\ntabel = pd.DataFrame(soal.bahan, columns=['bahan', 'harga'])",
    "hasil = df.eval('harga * jumlah').sum()\nlatihan.cek_biaya_kulit(nilai=biaya_kulit)",
    "import math\nluas = math.pi * 2 ** 2\nnp_sum = np.sum([1, 2])",
    "uji_lab = [inspection.lab_test_for(k).iso_number for k in soal.keluhan]",
    "soal = latihan.mulai(ID_PESERTA)\nprint(soal.harga)",
]


@pytest.mark.parametrize("code", HONEST)
def test_ordinary_answers_raise_no_flag(code):
    assert _static_flags([code]) == []


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("get_ipython().input_transformers_post.append(f)", "IPython"),
        ("get_ipython().set_custom_exc((Exception,), h)", "penangan galat"),
        ("import sys; sys.settrace(f)", "settrace"),
        ("import builtins; builtins.abs = f", "builtins"),
        ("math.isclose = lambda *a, **k: True", "monkeypatching"),
        ("latihan.uji_biaya = lambda *a: None", "monkeypatching"),
        ("import subprocess", "proses"),
        ("import os\nos.fork()", "proses"),
        ("import socket", "jaringan"),
        ("open('../../gradebook.db').read()", "gradebook"),
        ("open('../source/m3/m3.ipynb')", "berkas"),
        ("exec('x = 1')", "dinamis"),
        ("!cat /etc/passwd", "shell"),
        ("biaya_kulit = latihan.harapan(ID_PESERTA)['biaya_kulit']", "kunci jawaban"),
        ("latihan.uji_hpp(ID_PESERTA, 1)", "kunci jawaban"),
        ("teman = latihan.soal('p07')", "peserta lain"),
    ],
)
def test_tricks_are_named(code, word):
    assert any(word in f for f in _static_flags([code])), _static_flags([code])
