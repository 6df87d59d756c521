"""Read any supported export into a grid of cells with their Excel coordinates.

Findings must name the row and column the analyst sees in Excel, so the grid
keeps absolute positions (row 1 = first sheet row, column A = first column)
even where the sheet starts with empty rows or columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import python_calamine

Cell = str | int | float | bool | date | datetime | None

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv"}
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES
CSV_ENCODINGS = ("utf-8-sig", "cp1258")


class UnreadableFileError(Exception):
    """The file cannot be opened as the table format its name claims; message is Vietnamese."""


@dataclass(frozen=True)
class Sheet:
    file: Path
    name: str | None  # None for CSV
    rows: list[list[Cell]]

    def cell(self, row_index: int, col_index: int) -> Cell:
        row = self.rows[row_index]
        return row[col_index] if col_index < len(row) else None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_sheets(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [Sheet(path, None, _read_csv(path))]
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path)
    raise UnreadableFileError(f"định dạng tệp {path.suffix} không được hỗ trợ")


def _read_workbook(path: Path) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for corrupt or encrypted files
        raise UnreadableFileError(
            "không mở được tệp Excel (tệp hỏng, có mật khẩu hoặc không phải Excel)"
        ) from exc
    sheets = []
    try:
        for index, name in enumerate(workbook.sheet_names):
            sheet = workbook.get_sheet_by_index(index)
            rows = [[_clean(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            sheets.append(Sheet(path, name, rows))
    except Exception as exc:
        raise UnreadableFileError("không đọc được nội dung tệp Excel") from exc
    finally:
        workbook.close()
    return sheets


def _clean(value: Cell) -> Cell:
    return None if value == "" else value


def _read_csv(path: Path) -> list[list[Cell]]:
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1258 decodes almost any byte string, so this is rare
        raise UnreadableFileError("không đọc được bảng mã của tệp CSV (cần UTF-8 hoặc Windows-1258)")
    if "\x00" in text:
        raise UnreadableFileError("tệp CSV chứa ký tự nhị phân, không phải văn bản")
    dialect = _sniff(text)
    return [[_clean(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel
