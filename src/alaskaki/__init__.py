"""alaskaki: pelatihan dan asesmen kompetensi ekspor untuk IKM alas kaki Kota Mojokerto."""

__version__ = "0.1.0"


def skip_iri_checker() -> None:
    """Keep jsonschema from loading its optional IRI format checker in this process.

    ``import jsonschema`` (under nbformat, so under nearly every command and the grader) imports
    ``rfc3987_syntax`` when installed, which builds some 40 Earley grammars at import: 1.2 s CPU,
    more than half of ``alaskaki status`` (``python -X importtime``, docs/benchmarks.md). Nothing
    in alaskaki checks the ``iri`` format; without the module jsonschema simply does not check it
    (every other format is checked as before). Called by the CLI and by the grader's package.
    """
    import sys

    sys.modules.setdefault("rfc3987_syntax", None)
