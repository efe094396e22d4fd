"""alaskaki_kunci — the GRADER side of the kit: the key of the uji kompetensi (asesmen-awal/akhir).

Nothing participant-side imports this package (``alaskaki`` only reaches it lazily from trainer
commands such as ``alaskaki cetak ... --kunci``). It ships only in the trainer install; on a
workshop server its files are unreadable by participant OS users, and the grader's sandbox does not
mount it. See docs/grading.md, "Threat model of the key".

* :mod:`alaskaki_kunci.bank` — the items of both forms: question, options, answer, criterion,
  difficulty features (the ONE place a summative answer is computed, from ``alaskaki.domain``);
* :mod:`alaskaki_kunci.asesmen` — the hidden tests' entry point (``uji``) and the key (``kunci``);
* :mod:`alaskaki_kunci.generate` — writes the two assessment notebooks and the reference sheet,
  byte-identically (``python -m alaskaki_kunci.generate [--check]``);
* :mod:`alaskaki_kunci.cetak` — printable HTML of a form and of its key.
"""
