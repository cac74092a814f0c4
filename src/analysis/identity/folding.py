"""Folded names: one spelling for every way a name is written, so names from many alphabets and
keyboards meet. 'Barış Alper Yılmaz' -> 'baris alper yilmaz', 'Martin Ødegaard' -> 'martin odegaard',
'N'Golo Kanté' -> 'ngolo kante', 'Pierre-Emerick' -> 'pierre emerick'.

anyascii transliterates what stripping accents cannot (ı, ø, ß, æ, ð, ł, Cyrillic, Greek). Only names
with such a character need it; the rest fold in DuckDB, accents stripped, by the same two rules
(FOLD_SQL), which a unit test keeps in step with `fold`.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['`]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")

# The same in DuckDB for a name whose only non-ASCII characters are accented letters (s: an expression).
FOLD_SQL = (
    "trim(regexp_replace(replace(replace(lower(strip_accents({s})), '''', ''), '`', ''), '[^a-z0-9]+', ' ', 'g'))"
)


def fold(name: str) -> str:
    """Lower-case ASCII letters and digits, words separated by one space; apostrophes vanish."""
    text = name if name.isascii() else anyascii(unicodedata.normalize("NFC", name))
    return _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()


def fold_many(names: list[str]) -> list[str]:
    return [fold(n) for n in names]
