"""Text widths from font metrics, to size the header columns and the short rules without a renderer."""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Iterator


def _metrics(upper: str, lower: str, digits: int, punctuation: str) -> dict[str, int]:
    """Advance widths in 1/1000 em, from the Times-Roman/Times-Bold AFM files
    (Times New Roman and Liberation Serif share them)."""
    widths = dict(zip(string.ascii_uppercase, map(int, upper.split()), strict=True))
    widths |= dict(zip(string.ascii_lowercase, map(int, lower.split()), strict=True))
    widths |= dict.fromkeys(string.digits, digits)
    widths |= {char: int(width) for char, width in zip(" .,:;-/()%", punctuation.split(), strict=True)}
    return widths


_ROMAN = _metrics(
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611",
    "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444",
    500,
    "250 250 250 278 278 333 278 333 333 833",
)
_BOLD = _metrics(
    "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667",
    "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444",
    500,
    "250 250 250 333 333 333 278 333 333 1000",
)


def text_width(text: str, size_pt: float, bold: bool) -> int:
    """Rendered width in twips; accents do not change advance widths."""
    metrics = _BOLD if bold else _ROMAN
    thousandths = sum(metrics.get(char, 500) for char in _base_letters(text))
    return round(thousandths / 1000 * size_pt * 20)


def _base_letters(text: str) -> Iterator[str]:
    for char in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")):
        if not unicodedata.combining(char):
            yield char
