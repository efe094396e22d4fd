"""alaskaki: pelatihan dan asesmen kompetensi ekspor untuk IKM alas kaki Kota Mojokerto."""

__version__ = "0.1.0"
