"""Text normalisation shared by header matching and unit matching.

Exports from different systems spell the same label with composed or decomposed
diacritics, old or new tone placement ("hoá"/"hóa"), stray spaces inside words
("ST T", "NVT C") and line breaks. Matching compares keys, never raw text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")
# Characters that show as nothing: zero-width space and joiners, word joiner, byte-order mark,
# soft hyphen. Pasted from web pages or left by joined files, they are never part of a name.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def visible(text: str) -> str:
    """The text without characters that show as nothing."""
    return text.translate(_INVISIBLE)


def normalise(text: str) -> str:
    """NFC, invisible characters dropped, case-folded, whitespace collapsed: the form used for exact comparison."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", visible(text))).strip().casefold()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks so tone placement and typos in marks compare equal."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=65536)  # the same labels are keyed for every header row of every file and spec
def header_key(text: str) -> str:
    """Key for header labels: no marks, no case, no spaces or punctuation.

    Headers carry quirks such as "ST T" or "NVT C" (a word broken by a line wrap),
    so every non-letter is dropped; collisions between real headers do not occur.
    """
    return _NON_WORD.sub("", strip_diacritics(normalise(text))).replace("_", "")


def loose_key(text: str) -> str:
    """Key for unit names: no marks, no case, single spaces, punctuation as spaces."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", strip_diacritics(normalise(text)))).strip()


def shorten(text: str, limit: int = 80) -> str:
    """Text for a message: cut after `limit` characters, saying how long it really was.

    A cell can hold 100 000 characters; a message quoting it whole is unreadable.
    """
    if len(text) <= limit:
        return text
    length = f"{len(text):,}".replace(",", ".")
    return f"{text[:limit]}… ({length} ký tự)"
