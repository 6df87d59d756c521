"""Read produced reports as a reader would: the text of an HTML page, its tables, a DOCX's text and tables."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx


class _TableParser(HTMLParser):
    """Collects visible text and every table as rows of cell texts; script and style are skipped."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._stack: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._stack.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and self._stack and self._cell is not None:
            if self._stack[-1]:
                self._stack[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append(self._stack.pop())

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read_html(path: Path) -> tuple[str, list[list[list[str]]]]:
    parser = _TableParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.text).split()), parser.tables


def read_docx(path: Path) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            previous = None
            for cell in row.cells:  # merged cells repeat: keep each once
                if cell._tc is not previous:
                    cells.append(" ".join(cell.text.split()))
                previous = cell._tc
            rows.append(cells)
        tables.append(rows)
        parts.extend(" ".join(r) for r in rows)
    return " ".join(" ".join(parts).split()), tables


def total_row(tables: list[list[list[str]]], first_cell: str) -> list[str]:
    """The 'Tổng' row of the annex table whose first body row starts with `first_cell`."""
    for table in tables:
        if any(first_cell in " ".join(row) for row in table):
            for row in table:
                if "Tổng" in row:
                    return row[row.index("Tổng") + 1:]
    raise AssertionError(f"no total row in a table containing {first_cell!r}")
