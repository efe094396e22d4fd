"""Shoe size systems: EU (Paris point), UK/US (barleycorn) and Mondopoint (brief §4.6).

Units and facts used (all from the brief):

* **Paris point** = 2/3 cm (6.67 mm): one EU size. The EU scale starts at zero, so an EU size is
  the *last length* divided by 2/3 cm.
* **Barleycorn** = 1/3 inch (8.47 mm): one UK or US size. The US counts from 1 rather than 0, so
  US men's = UK men's + 1 (US men's 13 = UK men's 12).
* **Mondopoint** (ISO 9407:2019) = the *foot* length in mm, written without the unit. Grading is
  5 mm or 7.5 mm (DIN 66074-2, secondary source).
* **Allowance** between foot and last: the inner cavity of a shoe is typically 15–20 mm longer
  than the foot (secondary source). The brief gives a range, not one value, so every function takes
  ``allowance_mm``; the default :data:`DEFAULT_ALLOWANCE_MM` is the lower end, 15 mm.

Not in the brief, therefore **parameters with no default**:

* the UK scale's zero point (the last length of UK size 0), ``uk_zero_mm``; take it from the
  buyer's size chart or ISO 19407:2023 conversion tables;
* the US–UK offset for women's sizes: ``us_size``/``convert`` accept only ``gender="pria"``.

API (lengths in mm, sizes as unrounded floats; rounding to whole or half sizes is left to the
caller and its buyer's chart):

* ``last_length(foot_length_mm, allowance_mm)`` and ``foot_length(last_length_mm, allowance_mm)``
* ``eu_size(foot_length_mm, allowance_mm=15)``
* ``uk_size(foot_length_mm, *, uk_zero_mm, allowance_mm=15)``
* ``us_size(foot_length_mm, *, uk_zero_mm, allowance_mm=15, gender="pria")``
* ``mondopoint(foot_length_mm) -> int``
* ``convert(size, from_system, to_system, *, allowance_mm=15, uk_zero_mm=None, gender="pria")``
  for systems ``"eu"``, ``"uk"``, ``"us"``, ``"mondopoint"``; ``uk_zero_mm`` is needed only when
  the conversion crosses between the UK/US scales and the EU/Mondopoint scales.
* ``size_step_mm(system)``: the length of one size step.

Bad input raises :class:`ValueError` with a message in Bahasa Indonesia.
"""

from __future__ import annotations

import math
import numbers

__all__ = [
    "eu_size_to_make",
    "PARIS_POINT_MM",
    "BARLEYCORN_MM",
    "ALLOWANCE_RANGE_MM",
    "DEFAULT_ALLOWANCE_MM",
    "MONDOPOINT_GRADING_MM",
    "US_MEN_OFFSET",
    "SYSTEMS",
    "last_length",
    "foot_length",
    "eu_size",
    "uk_size",
    "us_size",
    "mondopoint",
    "convert",
    "size_step_mm",
]

PARIS_POINT_MM = 20 / 3  # 2/3 cm
BARLEYCORN_MM = 25.4 / 3  # 1/3 inch
ALLOWANCE_RANGE_MM = (15.0, 20.0)  # inner cavity longer than the foot, typical range [S]
DEFAULT_ALLOWANCE_MM = ALLOWANCE_RANGE_MM[0]
MONDOPOINT_GRADING_MM = (5.0, 7.5)  # range 1, range 2 (DIN 66074-2) [S]
US_MEN_OFFSET = 1  # US men's = UK men's + 1
SYSTEMS: dict[str, str] = {
    "eu": "EU (Paris point)",
    "uk": "UK (barleycorn)",
    "us": "US pria (barleycorn)",
    "mondopoint": "Mondopoint (panjang kaki, mm)",
}
_GENDERS = {"pria": "pria", "men": "pria", "laki-laki": "pria", "m": "pria"}


def _number(value: object, what: str, *, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)):
        raise ValueError(f"{what} harus angka, bukan {value!r}.")
    x = float(value)
    if positive and x <= 0:
        raise ValueError(f"{what} harus lebih dari nol, bukan {value!r}.")
    return x


def _allowance(allowance_mm: object) -> float:
    a = _number(allowance_mm, "Kelonggaran (allowance) antara kaki dan acuan (mm)", positive=False)
    if a < 0:
        raise ValueError(
            f"Kelonggaran antara kaki dan acuan tidak boleh negatif: {allowance_mm!r} mm."
        )
    return a


def _uk_zero(uk_zero_mm: object) -> float:
    if uk_zero_mm is None:
        raise ValueError(
            "Titik nol skala UK (panjang acuan untuk UK 0, mm) tidak ada di sumber kit; "
            "isi uk_zero_mm dari tabel ukuran pembeli atau tabel ISO 19407."
        )
    return _number(uk_zero_mm, "Titik nol skala UK (mm)")


def _gender(gender: object) -> str:
    key = str(gender).strip().lower()
    if key in _GENDERS:
        return _GENDERS[key]
    if key in ("wanita", "women", "perempuan", "f", "w"):
        raise ValueError(
            "Sumber kit hanya memuat hubungan US–UK untuk ukuran pria (US pria 13 = UK pria 12); "
            "selisih untuk ukuran wanita belum bersumber, jadi belum dihitung."
        )
    raise ValueError(f"Jenis ukuran {gender!r} tidak dikenal; gunakan 'pria'.")


def _system(name: object) -> str:
    key = str(name).strip().lower()
    key = {"mp": "mondopoint", "mondo": "mondopoint", "eropa": "eu"}.get(key, key)
    if key not in SYSTEMS:
        raise ValueError(f"Sistem ukuran {name!r} tidak dikenal. Pilih: {', '.join(SYSTEMS)}.")
    return key


def last_length(foot_length_mm: float, allowance_mm: float = DEFAULT_ALLOWANCE_MM) -> float:
    """Last (shoe cavity) length in mm: foot length plus the allowance."""
    return _number(foot_length_mm, "Panjang kaki (mm)") + _allowance(allowance_mm)


def foot_length(last_length_mm: float, allowance_mm: float = DEFAULT_ALLOWANCE_MM) -> float:
    """Foot length in mm that fits a last of this length."""
    foot = _number(last_length_mm, "Panjang acuan (mm)") - _allowance(allowance_mm)
    if foot <= 0:
        raise ValueError("Panjang acuan lebih pendek daripada kelonggarannya; periksa angkanya.")
    return foot


def eu_size(foot_length_mm: float, allowance_mm: float = DEFAULT_ALLOWANCE_MM) -> float:
    """EU size (unrounded): last length / 2/3 cm, the scale starting at zero."""
    return last_length(foot_length_mm, allowance_mm) / PARIS_POINT_MM


def eu_size_to_make(foot_length_mm: float, allowance_mm: float = DEFAULT_ALLOWANCE_MM) -> int:
    """The whole EU size to offer for a foot: the smallest whose last is at least foot + allowance long.

    :func:`eu_size` gives e.g. 41.25, which no shoe carries; a size below it would leave less than
    the allowance (the shoe pinches), so the maker rounds UP to the next whole size (here 42).
    """
    exact = eu_size(foot_length_mm, allowance_mm)
    return math.ceil(exact - 1e-9)  # an exact whole size (e.g. 42.0) stays itself


def uk_size(
    foot_length_mm: float, *, uk_zero_mm: float, allowance_mm: float = DEFAULT_ALLOWANCE_MM
) -> float:
    """UK size (unrounded): barleycorns of last length beyond the UK zero point."""
    return (last_length(foot_length_mm, allowance_mm) - _uk_zero(uk_zero_mm)) / BARLEYCORN_MM


def us_size(
    foot_length_mm: float,
    *,
    uk_zero_mm: float,
    allowance_mm: float = DEFAULT_ALLOWANCE_MM,
    gender: str = "pria",
) -> float:
    """US men's size (unrounded): UK men's + 1. Women's sizes are not sourced (ValueError)."""
    _gender(gender)
    return uk_size(foot_length_mm, uk_zero_mm=uk_zero_mm, allowance_mm=allowance_mm) + US_MEN_OFFSET


def mondopoint(foot_length_mm: float) -> int:
    """Mondopoint size: the foot length in whole millimetres (half a millimetre rounds up)."""
    return math.floor(_number(foot_length_mm, "Panjang kaki (mm)") + 0.5)


def size_step_mm(system: str) -> float:
    """Length in mm of one size step: EU 6.67, UK/US 8.47, Mondopoint 1 (the unit is the mm)."""
    key = _system(system)
    return {"eu": PARIS_POINT_MM, "uk": BARLEYCORN_MM, "us": BARLEYCORN_MM, "mondopoint": 1.0}[key]


def convert(
    size: float,
    from_system: str,
    to_system: str,
    *,
    allowance_mm: float = DEFAULT_ALLOWANCE_MM,
    uk_zero_mm: float | None = None,
    gender: str = "pria",
) -> float:
    """Convert a size between ``"eu"``, ``"uk"``, ``"us"`` and ``"mondopoint"`` (unrounded).

    The conversion goes through the foot length. ``uk_zero_mm`` is needed only when one side is
    UK/US and the other EU/Mondopoint; UK↔US (men's) needs nothing but the +1 offset.
    """
    src, dst = _system(from_system), _system(to_system)
    x = _number(size, "Ukuran", positive=False)
    if "us" in (src, dst):
        _gender(gender)
    if src == dst:
        return x
    barleycorn = {"uk", "us"}
    if src in barleycorn and dst in barleycorn:
        return x + US_MEN_OFFSET if dst == "us" else x - US_MEN_OFFSET

    # to foot length
    if src == "mondopoint":
        foot = _number(size, "Ukuran Mondopoint (mm)")
    elif src == "eu":
        foot = foot_length(x * PARIS_POINT_MM, allowance_mm)
    else:
        uk = x - US_MEN_OFFSET if src == "us" else x
        foot = foot_length(_uk_zero(uk_zero_mm) + uk * BARLEYCORN_MM, allowance_mm)

    # from foot length (unrounded Mondopoint so a round trip is exact)
    if dst == "mondopoint":
        return foot
    if dst == "eu":
        return eu_size(foot, allowance_mm)
    if dst == "uk":
        return uk_size(foot, uk_zero_mm=uk_zero_mm, allowance_mm=allowance_mm)  # type: ignore[arg-type]
    return us_size(foot, uk_zero_mm=uk_zero_mm, allowance_mm=allowance_mm, gender=gender)  # type: ignore[arg-type]
