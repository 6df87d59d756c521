"""Text normalisation shared by header matching and unit matching.

Exports from different systems spell the same label with composed or decomposed
diacritics, old or new tone placement ("hoá"/"hóa"), stray spaces inside words
("ST T", "NVT C") and line breaks. Matching compares keys, never raw text.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """NFC, case-folded, whitespace collapsed: the form used for exact comparison."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks so tone placement and typos in marks compare equal."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def header_key(text: str) -> str:
    """Key for header labels: no marks, no case, no spaces or punctuation.

    Headers carry quirks such as "ST T" or "NVT C" (a word broken by a line wrap),
    so every non-letter is dropped; collisions between real headers do not occur.
    """
    return _NON_WORD.sub("", strip_diacritics(normalise(text))).replace("_", "")


def loose_key(text: str) -> str:
    """Key for unit names: no marks, no case, single spaces, punctuation as spaces."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", strip_diacritics(normalise(text)))).strip()
