"""great-tables' HTML tables given to Word as Word tables, without pandoc's table path.

pandoc reads a raw HTML table with its HTML reader, builds its table model and writes it with its docx
writer: for the annexes that was most of a Word rendering (and grew with every row of a province's
1 000 units). The annexes are plain grids of text (great-tables writes the spanners as `colspan`, the
stub and labels as `rowspan`, alignment as `gt_left`/`gt_center`/`gt_right` classes), so before pandoc
runs, each fenced HTML block holding a great-tables table becomes a raw OpenXML block holding the same
table as pandoc would have written it: the same rows, merges, header rows, alignment and text. The layout
rules (widths, borders, repeated headers, bold totals, …) are then applied to it by
:mod:`tthc.render.docx.tables`, like every data table, so the published document does not depend on which
path a table took.

This is the pandoc path's: the Quarto path keeps Quarto's own reading of the HTML, which the real Quarto build
(it cannot run here) checked; raw OpenXML in its notebooks was not part of that check.
Tables that are not great-tables' (the header block and the signature block, with their bold, italic and
rules) keep pandoc's path (``html_tables.lua``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import lxml.html

_FENCE = re.compile(r"```\{=html\}\n(.*?)\n```", re.DOTALL)
_SPACE = re.compile(r"[ \t\r\n\f]+")  # what pandoc's HTML reader collapses (a no-break space is kept)
_ALIGNMENT = {"gt_left": "left", "gt_center": "center", "gt_right": "right"}
GT_CLASS = "gt_table"


@dataclass(frozen=True)
class Cell:
    lines: tuple[str, ...]  # the cell's text, one entry per line (<br>); () when empty
    span: int = 1
    merge: str | None = None  # Word's vMerge: "restart" on a cell spanning rows, "continue" below it
    align: str | None = None


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool


def read_html_table(table: lxml.html.HtmlElement) -> tuple[int, list[Row]]:
    """The table as a grid: its column count and its rows, a `rowspan` spread as Word's vertical merge."""
    rows: list[Row] = []
    below: dict[int, int] = {}  # grid column → rows a cell above still spans
    for tr in table.iter("tr"):
        section = tr.getparent()
        header = section is not None and section.tag == "thead"
        cells: list[Cell] = []
        column = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            column = _continue_merges(cells, below, column)
            span = _count(td.get("colspan"))
            down = _count(td.get("rowspan"))
            if down > 1:
                for covered in range(column, column + span):
                    below[covered] = down - 1
            cells.append(Cell(_lines(td), span, "restart" if down > 1 else None, _alignment(td)))
            column += span
        _continue_merges(cells, below, column, to_end=True)
        rows.append(Row(tuple(cells), header))
    columns = max((sum(c.span for c in row.cells) for row in rows), default=0)
    return columns, rows


def _continue_merges(cells: list[Cell], below: dict[int, int], column: int, to_end: bool = False) -> int:
    """Add the "continue" cells of merges from above that sit at `column` (or anywhere after it, at the row's end)."""
    while column in below or (to_end and any(c >= column for c in below)):
        if column in below:
            below[column] -= 1
            if below[column] == 0:
                del below[column]
            cells.append(Cell((), 1, "continue"))
        column += 1
    return column


def _count(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def _alignment(td: lxml.html.HtmlElement) -> str | None:
    for name in (td.get("class") or "").split():
        if name in _ALIGNMENT:
            return _ALIGNMENT[name]
    return None


def _lines(td: lxml.html.HtmlElement) -> tuple[str, ...]:
    parts: list[str] = [""]
    for piece in td.iter():
        if piece is not td and piece.tag == "br":
            parts.append("")
        elif piece.text and piece.tag not in ("style", "script"):
            parts[-1] += piece.text
        if piece is not td and piece.tail:
            parts[-1] += piece.tail
    lines = tuple(_SPACE.sub(" ", part).strip() for part in parts)
    return () if not any(lines) else lines


def table_xml(columns: int, rows: list[Row]) -> str:
    """The table as pandoc's docx writer writes one (style "Table", cells "Compact", header rows marked)."""
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:type="auto" w:w="0"/>'
           '<w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" '
           'w:noVBand="0" w:val="0020"/></w:tblPr><w:tblGrid>']
    out += ['<w:gridCol w:w="0"/>'] * columns
    out.append("</w:tblGrid>")
    for row in rows:
        out.append('<w:tr><w:trPr><w:tblHeader w:val="on"/></w:trPr>' if row.header else "<w:tr>")
        for cell in row.cells:
            out.append(_cell_xml(cell))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell_xml(cell: Cell) -> str:
    if cell.merge == "continue":
        return '<w:tc><w:tcPr><w:gridSpan w:val="1"/><w:vMerge w:val="continue"/></w:tcPr><w:p><w:pPr/></w:p></w:tc>'
    properties = (f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if cell.merge == "restart" else "")
    paragraph = '<w:pPr><w:pStyle w:val="Compact"/>' + (
        f'<w:jc w:val="{cell.align}"/>' if cell.align and cell.lines else "") + "</w:pPr>"
    runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
                                      for line in cell.lines)
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{paragraph}{runs}</w:p></w:tc>"


def word_tables(html: str) -> str | None:
    """The raw OpenXML of the great-tables tables in an HTML block; None when it holds none."""
    if GT_CLASS not in html:
        return None
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    tables = [t for t in root.iter("table") if GT_CLASS in (t.get("class") or "").split()]
    if not tables:
        return None
    return "".join(table_xml(*read_html_table(t)) for t in tables)


def replace_html_tables(markdown: str) -> str:
    """Each fenced HTML block holding great-tables tables replaced by a raw OpenXML block of those tables."""
    def replace(match: re.Match[str]) -> str:
        xml = word_tables(match.group(1))
        return match.group(0) if xml is None else f"```{{=openxml}}\n{xml}\n```"

    return _FENCE.sub(replace, markdown) if "```{=html}" in markdown else markdown


def write_word_notebook(executed: Path, target: Path) -> Path:
    """A copy of the executed notebook for a Word rendering, its great-tables tables already Word's."""
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                text = data["text/markdown"]
                data["text/markdown"] = replace_html_tables("".join(text) if isinstance(text, list) else text)
    target.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    return target
