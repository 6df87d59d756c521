"""Parse single cells into counts, rates, dates and text, reporting what cannot be parsed.

Nothing here repairs data: a cell that is not a clean non-negative whole number
is reported, not rounded or clipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from tthc.ingest.grid import Cell, ErrorCell, FormulaCell
from tthc.text import shorten, visible

# ASCII digits only: "２３" or "١٢" are not what an export writes, and are reported
_GROUPED_INT = re.compile("^[0-9]{1,3}(?:[. \u00a0\u202f][0-9]{3})+$")
_PLAIN_INT = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]+(?:[.,][0-9]+)?$")
_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")

MAX_COUNT = 10_000_000  # more dossiers than this in one unit-month is not a real export
MAX_DIGITS = 18  # longer digit strings are never parsed (Python refuses over 4 300 digits anyway)


@dataclass(frozen=True)
class Parsed:
    value: object
    problem: str | None = None  # Vietnamese reason when the cell is unusable


def text_of(cell: Cell) -> str:
    if cell is None:
        return ""
    if type(cell) is str and cell.isascii():  # the common case: NFC changes nothing
        return cell.strip()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return visible(unicodedata.normalize("NFC", str(cell))).strip()


def is_blank(cell: Cell) -> bool:
    return text_of(cell) == ""


def formula_problem(cell: Cell) -> str | None:
    """Why a cell holding a formula without a result, or an Excel error, cannot be used."""
    if isinstance(cell, FormulaCell):
        return (f"ô chứa công thức '{shorten(str(cell), 60)}' nhưng tệp không lưu kết quả tính (tệp do phần mềm "
                "khác tạo, chưa mở bằng Excel); hãy mở tệp bằng Excel, lưu lại rồi chạy lại, hoặc ghi giá trị "
                "thay cho công thức")
    if isinstance(cell, ErrorCell):
        return f"ô có giá trị lỗi {shorten(str(cell), 20)} của Excel (công thức tính bị lỗi); hãy sửa công thức hoặc ghi giá trị"
    return None


def parse_count(cell: Cell) -> Parsed:
    # fast paths for the cells of a clean export (a 100 000-row list has two million of them)
    # (type(cell) rather than isinstance: the Formula/Error cells are str subclasses and must miss)
    if type(cell) is str and len(cell) <= 7 and cell.isascii() and cell.isdigit():
        return Parsed(int(cell))  # at most 9 999 999, below MAX_COUNT
    if (type(cell) is int or type(cell) is float and cell.is_integer()) and 0 <= cell <= MAX_COUNT:
        return Parsed(int(cell))
    problem = formula_problem(cell)
    if problem:
        return Parsed(None, problem)
    if is_blank(cell):
        return Parsed(None, "ô trống, cần một số nguyên không âm (ghi 0 nếu không có)")
    if isinstance(cell, bool):
        return Parsed(None, f"giá trị '{cell}' không phải số")
    if isinstance(cell, (int, float)):
        number = cell
        shown = _show_number(cell)
        if isinstance(cell, float) and not math.isfinite(cell):
            return Parsed(None, f"giá trị {shown} không phải số")
    else:
        text = text_of(cell)
        shown = shorten(text, 40)
        if text.startswith("="):
            return Parsed(None, f"ô chứa công thức '{shown}', cần giá trị số")
        digits = text.lstrip("+-")
        if digits.isascii() and digits.isdigit() and len(digits) > MAX_DIGITS:
            return Parsed(None, f"giá trị '{shown}' lớn bất thường (quá {MAX_COUNT:,})".replace(",", "."))
        if len(text) > 40:
            return Parsed(None, f"giá trị '{shown}' không phải số")
        if _GROUPED_INT.match(text):
            number = int(re.sub("[. \u00a0\u202f]", "", text))
        elif _PLAIN_INT.match(text):
            number = int(text)
        elif _DECIMAL.match(text):
            number = float(text.replace(",", "."))
        else:
            return Parsed(None, f"giá trị '{shown}' không phải số")
    if isinstance(number, float) and not number.is_integer():
        return Parsed(None, f"giá trị {shown} không phải số nguyên")
    number = int(number)
    if number < 0:
        return Parsed(None, f"giá trị {shown} là số âm")
    if number > MAX_COUNT:
        return Parsed(None, f"giá trị {shown} lớn bất thường (quá {MAX_COUNT:,})".replace(",", "."))
    return Parsed(number)


def _show_number(number: float) -> str:
    """A number as the analyst would recognise it, never hundreds of digits long."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    if isinstance(number, int) and abs(number) < 10**15:
        return str(number)
    return f"{number:.6g}"


def parse_rate(cell: Cell) -> Parsed:
    """Rates as exported: "99.65", "99,65", 99.65 or "99,65%"; blank is allowed (no rate)."""
    if is_blank(cell):
        return Parsed(None)
    problem = formula_problem(cell)
    if problem:
        return Parsed(None, problem)
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        if not math.isfinite(cell):
            return Parsed(None, f"tỷ lệ {cell} không phải số")
        return Parsed(float(cell))
    text = text_of(cell).rstrip("%").strip()
    if len(text) <= 40 and _DECIMAL.match(text):
        return Parsed(float(text.replace(",", ".")))
    return Parsed(None, f"tỷ lệ '{shorten(text, 40)}' không phải số")


def parse_date(cell: Cell) -> Parsed:
    if is_blank(cell):
        return Parsed(None)
    problem = formula_problem(cell)
    if problem:
        return Parsed(None, problem)
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
    return Parsed(None, f"ngày '{shorten(text_of(cell), 40)}' không đúng dạng ngày/tháng/năm")


def parse_int_label(cell: Cell) -> int | None:
    """An STT cell: a whole number or nothing."""
    text = text_of(cell)
    return int(text) if len(text) <= MAX_DIGITS and _PLAIN_INT.match(text) else None
