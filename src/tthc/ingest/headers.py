"""Find the header rows of an export and map its columns to a source's column names.

Exports put a title block above a one- or two-row header whose parent cells are
merged across their children. Merged cells read as a value in the first cell
and blanks after it, so a parent label is carried right over the blanks that sit
above child labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from tthc.ingest.grid import Cell, Sheet
from tthc.sources import SOURCES
from tthc.tablespec import TableSpec
from tthc.text import header_key

HEADER_SEARCH_ROWS = 40
MIN_LABELS_IN_HEADER = 3


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index of the first header row
    row_count: int  # 1 or 2
    labels: dict[int, str]  # column index → flattened label "Parent / Child"

    @property
    def data_start(self) -> int:
        return self.first_row + self.row_count


def _label_keys() -> tuple[set[str], set[str], set[str]]:
    """Keys of whole labels (the spec layer's column keys), of parent parts and of child parts, over all sources."""
    whole: set[str] = set()
    parents: set[str] = set()
    children: set[str] = set()
    for source in SOURCES:
        for column in source.columns:
            whole |= column.keys
            for key in column.keys:
                parts = key.split("/")
                if len(parts) == 2:
                    parents.add(parts[0])
                    children.add(parts[1])
    return whole, parents, children


WHOLE_KEYS, PARENT_KEYS, CHILD_KEYS = _label_keys()


def _text(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else ""


def find_header(sheet: Sheet) -> Header | None:
    """The first row, near the top, holding at least three known labels."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        keys = [header_key(_text(c)) for c in row]
        hits = sum(1 for k in keys if k and (k in WHOLE_KEYS or k in PARENT_KEYS))
        if hits >= MIN_LABELS_IN_HEADER:
            return _build_header(sheet, index)
    return None


def _build_header(sheet: Sheet, first: int) -> Header:
    top = sheet.rows[first]
    below = sheet.rows[first + 1] if first + 1 < len(sheet.rows) else []
    two_rows = any(header_key(_text(c)) in CHILD_KEYS for c in below)
    width = max(len(top), len(below) if two_rows else 0)
    labels: dict[int, str] = {}
    parent = ""
    for col in range(width):
        top_text = _text(top[col]) if col < len(top) else ""
        child = _text(below[col]) if two_rows and col < len(below) else ""
        if top_text:
            parent = top_text
        elif not child:
            parent = ""
        if not top_text and not child:
            continue
        labels[col] = f"{parent} / {child}" if child else parent
    return Header(first, 2 if two_rows else 1, labels)


@dataclass(frozen=True)
class ColumnMatch:
    source: TableSpec
    columns: dict[str, int]  # column name → column index
    missing: tuple[str, ...]  # required column names not found

    @property
    def score(self) -> float:
        required = len(self.source.required)
        return (required - len(self.missing)) / required


def match_source(header: Header) -> ColumnMatch | None:
    """The source whose labels the header carries best; ties go to the most columns matched."""
    best: ColumnMatch | None = None
    for source in SOURCES:
        found = source.find_columns(header.labels.items())  # the spec layer's matcher, as for the records
        columns = {c.name: found[c.name] for c in source.columns if c.name in found}  # in the spec's order
        missing = source.missing(columns)
        candidate = ColumnMatch(source, columns, missing)
        if best is None or (candidate.score, len(columns)) > (best.score, len(best.columns)):
            best = candidate
    return best
