"""Cut a recognised sheet into title block, group headings, unit rows and the total row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from tthc.findings import Finding, Location, Severity, error, warning
from tthc.ingest.cells import is_blank, parse_int_label, text_of
from tthc.ingest.grid import (
    Cell,
    Sheet,
    UnreadableFileError,
    collector_paused,
    column_letter,
    read_sheets,
)
from tthc.ingest.headers import HEADER_SEARCH_ROWS, Header, find_header, match_source
from tthc.sources import SOURCES, TOTAL_ROW_LABELS
from tthc.tablespec import Kind, TableSpec
from tthc.text import normalise

MIN_RECOGNISED_SHARE = 0.5
_TOTAL_KEYS = {normalise(label) for label in TOTAL_ROW_LABELS}


class RawRow(NamedTuple):
    """A data row: the sheet's row as read (shared with the sheet, never changed), read by column through RawTable.

    A named tuple: made once a row of a large export, it costs half what a frozen dataclass does."""

    row: int  # Excel row number, 1-based
    group: str | None
    values: list[Cell]
    positions: dict[str, int]  # the table's column name → index (one dict shared by its rows)

    @property
    def cells(self) -> dict[str, Cell]:
        """The row's cell of each of the table's columns, by name (None past the row's end)."""
        values = self.values
        return {name: values[col] if col < len(values) else None for name, col in self.positions.items()}


@dataclass
class RawTable:
    source: TableSpec
    file: str
    sheet: str | None
    title_lines: list[str]
    columns: dict[str, int]
    labels: dict[str, str]
    rows: list[RawRow] = field(default_factory=list)
    total: RawRow | None = None
    merged: tuple[tuple[int, int, int, int], ...] = ()  # the sheet's merged areas, 0-based

    def cell(self, row: RawRow, name: str) -> Cell:
        """The cell of `row` in column `name`; None when the table has no such column or the row stops short."""
        col = self.columns.get(name)
        values = row.values
        return values[col] if col is not None and col < len(values) else None

    def column_cells(self, names: Iterable[str]) -> dict[str, list[Cell]]:
        """Every data row's cell of each column named, in row order (None where the table has no such column):
        the rows turned into columns at once, not a cell at a time."""
        rows = [r.values for r in self.rows]
        width = min(map(len, rows), default=0)
        wanted = {name: self.columns.get(name) for name in names}
        if any(col is not None and col < width for col in wanted.values()):
            together = list(zip(*rows, strict=False))  # the columns every row reaches, as tuples
        columns: dict[str, list[Cell]] = {}
        for name, col in wanted.items():
            if col is None:
                columns[name] = [None] * len(rows)
            elif col < width:
                columns[name] = list(together[col])
            else:
                columns[name] = [values[col] if col < len(values) else None for values in rows]
        return columns

    def merged_area(self, row: int, name: str) -> str | None:
        """"E9:E10" when the cell of Excel row `row` in column `name` is hidden inside a merged area."""
        probe = Sheet(Path(), None, [], merged=self.merged)
        return probe.merged_area(row - 1, self.columns[name])

    def column_ref(self, name: str) -> str:
        """Excel letter with the header text, as the analyst sees it."""
        return f"{column_letter(self.columns[name])} ({self.labels[name]})"

    def location(self, row: int | None = None, column: str | None = None) -> Location:
        return Location(self.file, self.sheet, row, self.column_ref(column) if column else None)


def extract_tables(path: Path, display_name: str) -> tuple[list[RawTable], list[Finding]]:
    sheets, findings = read_file_sheets(path, display_name)
    if findings:
        return [], findings
    return tables_of_sheets(sheets, display_name)


@collector_paused
def read_file_sheets(path: Path, display_name: str, data: bytes | None = None) -> tuple[list[Sheet], list[Finding]]:
    """A workbook or CSV read once (from `data` when the caller has read the file), or the finding that says why
    it cannot be."""
    try:
        return read_sheets(path, data), []
    except UnreadableFileError as exc:
        return [], [error("unreadable_file", str(exc), Location(display_name))]


@collector_paused
def tables_of_sheets(sheets: list[Sheet], display_name: str) -> tuple[list[RawTable], list[Finding]]:
    """The recognised tables of sheets already read (a file is opened once, whatever it turns out to hold)."""
    tables: list[RawTable] = []
    findings: list[Finding] = []
    unrecognised: list[Finding] = []
    for sheet in sheets:
        if sheet.problem:
            findings.append(error("unreadable_sheet", sheet.problem, Location(display_name, sheet.name)))
            continue
        if all(is_blank(c) for row in sheet.rows for c in row):
            continue
        table, problems = _extract_sheet(sheet, display_name)
        if table is None:
            unrecognised.extend(problems)
        else:
            tables.append(table)
            findings.extend(problems)
    if not tables:
        findings.extend(unrecognised)
        if not findings:
            findings.append(error("empty_file", "tệp không có dữ liệu (mọi trang tính đều trống)", Location(display_name)))
    else:  # an extra sheet beside a recognised one is noted, not fatal
        findings.extend(warning(f.code, f.message, f.location, **f.values) for f in unrecognised)
    return tables, findings


def _extract_sheet(sheet: Sheet, display_name: str) -> tuple[RawTable | None, list[Finding]]:
    where = Location(display_name, sheet.name)
    header = find_header(sheet)
    match = match_source(header) if header else None
    if header is None or match is None or match.score < MIN_RECOGNISED_SHARE:
        message = (f"không nhận dạng được bảng: không tìm thấy dòng tiêu đề cột của bảng kết xuất nào đã biết "
                   f"({', '.join(s.short for s in SOURCES)}) trong {HEADER_SEARCH_ROWS} dòng đầu")
        for note in (sheet.encoding_note, sheet.format_note):
            if note:
                message += f"; {note}"
        return None, [error("unrecognised_table", message, where)]
    table = RawTable(
        source=match.source,
        file=display_name,
        sheet=sheet.name,
        title_lines=_title_lines(sheet, header),
        columns=match.columns,
        labels={name: header.labels[col] for name, col in match.columns.items()},
        merged=sheet.merged,
    )
    if match.missing:
        header_row = header.first_row + 1
        return None, [
            error(
                "missing_column",
                f"thiếu cột bắt buộc '{match.source.column(name).label}' trong bảng {match.source.title}",
                Location(display_name, sheet.name, header_row, match.source.column(name).label),
                column=name,
            )
            for name in match.missing
        ]
    _split_rows(sheet, header, table)
    findings = []
    if sheet.suspicious_encoding and sheet.encoding_note:
        findings.append(warning("suspect_encoding", sheet.encoding_note, where))
    if not table.rows and match.source.empty is not None:  # the spec says what a table without rows means
        make = error if match.source.empty is Severity.ERROR else warning
        findings.append(make(
            "empty_table",
            f"bảng {match.source.title} không có dòng số liệu nào (chỉ có dòng tiêu đề cột); "
            "có thể tệp được kết xuất khi chưa chọn đơn vị hoặc kỳ: hãy kết xuất lại",
            Location(display_name, sheet.name, header.data_start + 1)))
    return table, findings


def _title_lines(sheet: Sheet, header: Header) -> list[str]:
    lines = []
    for row in sheet.rows[: header.first_row]:
        text = " ".join(text_of(c) for c in row if not is_blank(c))
        if text:
            lines.append(text)
    return lines


def _split_rows(sheet: Sheet, header: Header, table: RawTable) -> None:
    """Unit rows, group headings and the total row. A numbered row is a unit's, never a heading: each run of
    them is taken at once, without reading their other cells; only the other rows are looked at one by one."""
    value_cols = [col for n, col in table.columns.items()
                  if table.source.column(n).kind not in (Kind.KEY, Kind.UNIT)]
    stt_col = table.columns.get("stt")
    unit_col = table.columns.get("unit")
    rows = table.rows
    first = header.data_start
    data = sheet.rows[first:]
    count = len(data)
    numbered = ([stt_col < len(r) and _is_plain_stt(r[stt_col]) for r in data] if stt_col is not None
                else [False] * count)
    group: str | None = None
    position = 0
    while position < count:
        if numbered[position]:
            try:
                end = numbered.index(False, position)
            except ValueError:
                end = count
            rows.extend(map(RawRow, range(first + position + 1, first + end + 1), repeat(group), data[position:end],
                            repeat(table.columns)))
            position = end
            continue
        row_cells = data[position]
        index = first + position
        position += 1
        width = len(row_cells)
        if all(is_blank(c) for c in row_cells):
            continue
        row = RawRow(index + 1, group, row_cells, table.columns)
        first_text = next((text_of(c) for c in row_cells if not is_blank(c)), "")
        stt = row_cells[stt_col] if stt_col is not None and stt_col < width else None
        unit = row_cells[unit_col] if unit_col is not None and unit_col < width else None
        label = text_of(unit) or first_text
        if normalise(label).rstrip(":") in _TOTAL_KEYS and parse_int_label(stt) is None:
            table.total = row
        elif parse_int_label(stt) is None and all(is_blank(row_cells[c] if c < width else None) for c in value_cols) and (
            stt_col is not None or is_blank(unit)
        ):
            group = label  # "I | Huyện A": the heading's name, not its roman numeral, resolves its units
        else:
            rows.append(row)


def _is_plain_stt(cell: Cell) -> bool:
    """An STT that parse_int_label reads as a number, recognised without reading the rest of the row."""
    if type(cell) is int:
        return abs(cell) < 10**17
    if type(cell) is float:
        return cell.is_integer() and abs(cell) < 1e15
    return type(cell) is str and 0 < len(cell) <= 18 and cell.isascii() and cell.isdigit()
