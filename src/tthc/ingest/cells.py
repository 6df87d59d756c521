"""Parse single cells into counts, rates, dates and text, reporting what cannot be parsed.

Nothing here repairs data: a cell that is not a clean non-negative whole number
is reported, not rounded or clipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from tthc.ingest.grid import Cell

_GROUPED_INT = re.compile(r"^\d{1,3}(?:[.\s]\d{3})+$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")

MAX_COUNT = 10_000_000  # more dossiers than this in one unit-month is not a real export


@dataclass(frozen=True)
class Parsed:
    value: object
    problem: str | None = None  # Vietnamese reason when the cell is unusable


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unicodedata.normalize("NFC", str(cell)).strip()


def is_blank(cell: Cell) -> bool:
    return text_of(cell) == ""


def parse_count(cell: Cell) -> Parsed:
    if is_blank(cell):
        return Parsed(None, "ô trống, cần một số nguyên không âm (ghi 0 nếu không có)")
    if isinstance(cell, bool):
        return Parsed(None, f"giá trị '{cell}' không phải số")
    if isinstance(cell, (int, float)):
        number = cell
    else:
        text = text_of(cell)
        if text.startswith("="):
            return Parsed(None, f"ô chứa công thức '{text[:40]}', cần giá trị số")
        if _GROUPED_INT.match(text):
            number = int(re.sub(r"[.\s]", "", text))
        elif _PLAIN_INT.match(text):
            number = int(text)
        elif _DECIMAL.match(text):
            number = float(text.replace(",", "."))
        else:
            return Parsed(None, f"giá trị '{text[:40]}' không phải số")
    if isinstance(number, float) and not number.is_integer():
        return Parsed(None, f"giá trị {number} không phải số nguyên")
    number = int(number)
    if number < 0:
        return Parsed(None, f"giá trị {number} là số âm")
    if number > MAX_COUNT:
        return Parsed(None, f"giá trị {number} lớn bất thường (quá {MAX_COUNT:,})".replace(",", "."))
    return Parsed(number)


def parse_rate(cell: Cell) -> Parsed:
    """Rates as exported: "99.65", "99,65", 99.65 or "99,65%"; blank is allowed (no rate)."""
    if is_blank(cell):
        return Parsed(None)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return Parsed(float(cell))
    text = text_of(cell).rstrip("%").strip()
    if _DECIMAL.match(text):
        return Parsed(float(text.replace(",", ".")))
    return Parsed(None, f"tỷ lệ '{text[:40]}' không phải số")


def parse_date(cell: Cell) -> Parsed:
    if is_blank(cell):
        return Parsed(None)
    if isinstance(cell, datetime):
        return Parsed(cell.date())
    if isinstance(cell, date):
        return Parsed(cell)
    match = _DATE.match(text_of(cell))
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return Parsed(date(year, month, day))
        except ValueError:
            pass
    return Parsed(None, f"ngày '{text_of(cell)[:40]}' không đúng dạng ngày/tháng/năm")


def parse_int_label(cell: Cell) -> int | None:
    """An STT cell: a whole number or nothing."""
    text = text_of(cell)
    return int(text) if _PLAIN_INT.match(text) else None
