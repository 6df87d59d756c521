"""Write tables in the shape the government systems export them.

Used to ship the demo data and by tests that need real broken files: a title
block, a one- or two-row header with merged parent cells, an STT column,
group-heading rows and a total row, as .xlsx (with merges) or .csv.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from tthc.provenance import SYNTHETIC_DESCRIPTION, SYNTHETIC_KEYWORD
from tthc.tablespec import Kind, TableSpec

Value = int | float | str | None


@dataclass(frozen=True)
class ExportRow:
    values: Mapping[str, Value]
    group: str | None = None  # a group heading written above this row when it changes


@dataclass
class ExportTable:
    spec: TableSpec
    title_lines: Sequence[str]
    columns: Sequence[str]  # column names in the order to write, "stt" and "unit" included
    rows: Sequence[ExportRow]
    total: Mapping[str, Value] | None = None  # None: sums of the count columns
    with_total: bool = True
    labels: Mapping[str, str] = field(default_factory=dict)  # per-column label overrides

    def label(self, name: str) -> str:
        return self.labels.get(name, self.spec.column(name).label)


Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (1-based)


def build_grid(table: ExportTable) -> tuple[list[list[Value]], list[Merge]]:
    width = len(table.columns)
    grid: list[list[Value]] = []
    merges: list[Merge] = []
    for line in table.title_lines:
        grid.append([line] + [None] * (width - 1))
        merges.append((len(grid), 1, len(grid), width))
    grid.append([None] * width)
    _append_header(table, grid, merges)
    counter = 0
    group: str | None = None
    for row in table.rows:
        if row.group and row.group != group:
            group = row.group
            grid.append([group] + [None] * (width - 1))
            merges.append((len(grid), 1, len(grid), width))
        counter += 1
        grid.append([counter if name == "stt" else row.values.get(name) for name in table.columns])
    if table.with_total:
        totals = table.total if table.total is not None else _sums(table)
        grid.append(["Tổng" if name == "unit" else totals.get(name) for name in table.columns])
    return grid, merges


def _sums(table: ExportTable) -> dict[str, Value]:
    counts = [n for n in table.columns if n not in ("stt", "unit") and table.spec.column(n).kind is Kind.COUNT]
    return {n: sum(v for r in table.rows if isinstance(v := r.values.get(n), (int, float))) for n in counts}


def _append_header(table: ExportTable, grid: list[list[Value]], merges: list[Merge]) -> None:
    parts = [table.label(n).split(" / ") for n in table.columns]
    two_rows = any(len(p) == 2 for p in parts)
    top: list[Value] = []
    bottom: list[Value] = []
    first = len(grid) + 1
    previous_parent = None
    for index, p in enumerate(parts):
        col = index + 1
        if len(p) == 2:
            parent, child = p
            if parent != previous_parent:
                top.append(parent)
                span_end = col
                while span_end < len(parts) and len(parts[span_end]) == 2 and parts[span_end][0] == parent:
                    span_end += 1
                if span_end > col:
                    merges.append((first, col, first, span_end))
            else:
                top.append(None)
            bottom.append(child)
            previous_parent = parent
        else:
            top.append(p[0])
            bottom.append(None)
            previous_parent = None
            if two_rows:
                merges.append((first, col, first + 1, col))
    grid.append(top)
    if two_rows:
        grid.append(bottom)


FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Value) -> TypeGuard[str]:
    """Text a spreadsheet would run as a formula (CSV injection)."""
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def write_xlsx(table: ExportTable, path: Path, sheet_name: str = "Sheet1", *, neutralise: bool = True,
               synthetic: bool = False) -> Path:
    """Write the table; with `neutralise` (the default) formula-like text is stored as plain text.

    neutralise=False keeps "=…" cells as formulas: only tests that need hostile files use it.
    synthetic=True marks the workbook as demo data in its document properties (tthc.provenance).
    """
    grid, merges = build_grid(table)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    for row in grid:
        sheet.append(row)
    if neutralise:
        for row in sheet.iter_rows():
            for cell in row:
                if is_formula_like(cell.value):
                    cell.data_type = "s"  # a string cell, never evaluated
    for r1, c1, r2, c2 in merges:
        sheet.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    bold = Font(bold=True)
    header_rows = 2 if any(" / " in table.label(n) for n in table.columns) else 1
    header_first = len(table.title_lines) + 2
    for row in sheet.iter_rows(min_row=1, max_row=header_first + header_rows - 1):
        for cell in row:
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, name in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 32 if name in ("unit", "topic") else 11
    workbook.properties.creator = "tthc"
    if synthetic:
        workbook.properties.keywords = SYNTHETIC_KEYWORD
        workbook.properties.description = SYNTHETIC_DESCRIPTION
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def write_csv(table: ExportTable, path: Path, encoding: str = "utf-8-sig", *, neutralise: bool = True) -> Path:
    """Write the table as CSV; with `neutralise` a formula-like cell gets a leading apostrophe (OWASP)."""
    grid, _ = build_grid(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(
            ["" if v is None else ("'" + v if neutralise and is_formula_like(v) else v) for v in row] for row in grid)
    return path
