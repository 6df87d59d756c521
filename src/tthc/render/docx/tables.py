"""Data tables (the annexes): ruled, full text width, headers repeated, totals bold, no orphan rows.

Rules, as LibreOffice and Word both honour them:

* every row is kept on one page (``cantSplit``); the rows pandoc wrote from
  ``<thead>`` repeat on every page;
* a table never leaves one body row alone: its first body row is kept with
  the second, its last but one with the last (paragraph "keep with next"), so a
  page holds at least two body rows of a table it starts or ends on;
* a total row ("Tổng", "Toàn huyện", …) is bold;
* header rows get a minimum height that fits their tallest cell, because a
  repeated header whose cells merge vertically is otherwise clipped on
  continuation pages.
"""

from __future__ import annotations

import math
import re

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from lxml import etree

from tthc.render.docx import _xml
from tthc.render.docx._metrics import text_width
from tthc.render.docx._styles import StyleIds

HEADER_ROW_SIZE = 9  # pt: wide annexes need 9 pt headers …
BODY_SIZE = 10  # … and 10 pt figures
CELL_MARGIN = 57  # twips each side (1 mm): counts need the room
TOTAL_LABELS = ("Tổng", "Tổng cộng", "Cộng")
#: "Tổng cộng toàn tỉnh" (a profile's grand total), "Toàn huyện", "Toàn xã", "Toàn Trung tâm" (its whole_area):
#: no unit's name starts so.
TOTAL_PREFIXES = ("Tổng cộng ", "Toàn ")
_LINE = 1.2  # line height as a multiple of the font size (single spacing in Times)
_NUMBER = re.compile(r"^[\s\d.,%+\-\u2212()]*\d[\s\d.,%+\-\u2212()]*$")


def format_data_table(document: DocxDocument, table: Table, ids: StyleIds, width: int) -> None:
    """Full text width (of the page the table sits on), columns shared by what they hold."""
    tbl = table._tbl
    table.autofit = False
    _xml.set_table_width(tbl, width)
    _xml.set_table_indent(tbl, CELL_MARGIN)  # the left border on the margin, not a cell margin beyond it
    _xml.set_table_borders(tbl, _xml.BORDER)
    _xml.set_cell_margins(tbl, CELL_MARGIN, CELL_MARGIN)
    rows = list(table.rows)
    headers = header_rows(table)
    weights = _column_weights(table, headers)
    widths = [round(width * w / sum(weights)) for w in weights] if weights else []
    if len(table.columns) == len(widths):
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = Twips(column_width)
    style = _style(document, "Compact")
    # the style's id once: `paragraph.style = style` looks the style up among all of them for every cell,
    # which made the annexes of a 1 000-unit province take most of the Word rendering time
    style_id = style.style_id if style is not None else None
    for row in rows:
        is_header = any(row._tr is header._tr for header in headers)
        _xml.set_cant_split(row._tr)
        _xml.set_repeat_header(row._tr, is_header)
        half_points = 2 * (HEADER_ROW_SIZE if is_header else BODY_SIZE)
        for _, _, tc in _xml.cells(row._tr):
            cell = _Cell(tc, table)
            _xml.set_cell_borders(tc, _xml.BORDER)
            _xml.set_vertical_center(tc)
            # the oxml is written directly: python-docx's setters are generic and cost most of a large annex's time
            for paragraph in cell.paragraphs:
                if style_id is not None and _xml.style_id(paragraph._p) in ids.body:
                    paragraph._p.style = style_id  # python-docx's oxml setter: <w:pStyle w:val=…/>
                for r in paragraph._p.findall(qn("w:r")):  # paragraph.runs: the runs directly inside it
                    _xml.set_run_size(r, half_points, bold=is_header)
                if is_header or (not _xml.is_aligned(paragraph._p) and _NUMBER.match(paragraph.text)):
                    _xml.set_centered(paragraph._p)
    body = [row for row in rows if not any(row._tr is header._tr for header in headers)]
    for row in body:
        if is_total_row(row):
            _make_bold(row)
    _keep_rows_in_pairs(body)
    if widths:
        _fit_header_heights(table, headers, widths)


def header_rows(table: Table) -> list[_Row]:
    """Rows pandoc wrote from <thead>: marked tblHeader, or (Quarto/older writers) the
    first row plus the rows its vertical merges run into when tblLook says firstRow."""
    rows = list(table.rows)
    marked = [row for row in rows if _xml.has_header_flag(row._tr)]
    if marked or not rows or not _xml.look_has_first_row(table._tbl):
        return marked
    header = [rows[0]]
    for row in rows[1:]:
        if any(_xml.vmerge(tc) == "continue" for _, _, tc in _xml.cells(row._tr)):
            header.append(row)
        else:
            break
    return header


def is_total_row(row: _Row) -> bool:
    """A row whose label cell says "Tổng", "Toàn huyện", … (any of the first three cells)."""
    labels = [_xml.text(tc).strip() for _, _, tc in list(_xml.cells(row._tr))[:3]]
    return any(label in TOTAL_LABELS or label.startswith(TOTAL_PREFIXES) for label in labels)


def _make_bold(row: _Row) -> None:
    for _, _, tc in _xml.cells(row._tr):
        for paragraph in _parentless_cell(tc).paragraphs:
            for run in paragraph.runs:
                run.font.bold = True


def _keep_rows_in_pairs(body: list[_Row]) -> None:
    """First body row with the second, last but one with the last: no body row alone on a page."""
    if len(body) < 2:
        return
    for row in {id(body[0]._tr): body[0], id(body[-2]._tr): body[-2]}.values():
        for _, _, tc in _xml.cells(row._tr):
            for paragraph in _parentless_cell(tc).paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _fit_header_heights(table: Table, headers: list[_Row], widths: list[int]) -> None:
    """Give each header row the height its own cells need, and the first row the extra a
    vertically merged cell needs beyond the rows it spans (LibreOffice clips repeated headers)."""
    if not headers:
        return
    needs: list[float] = []
    merged: list[tuple[int, float]] = []  # (first header row, height) of cells merged downwards
    for index, row in enumerate(headers):
        own = 0.0
        for column, span, tc in _xml.cells(row._tr):
            merge = _xml.vmerge(tc)
            if merge == "continue":
                continue
            height = _cell_height(tc, sum(widths[column: column + span]))
            if merge == "restart":
                merged.append((index, height))
            else:
                own = max(own, height)
        needs.append(own)
    for first, height in merged:
        spanned = len(headers) - first  # a header merge runs to the last header row at most
        short = height - sum(needs[first:first + spanned])
        if short > 0:
            needs[first] += short
    for row, need in zip(headers, needs, strict=True):
        if need > 0:
            row.height = Twips(math.ceil(need))
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


def _cell_height(tc: etree._Element, width: int) -> float:
    """Twips the cell's text needs at the header size when it wraps between words in ``width``."""
    room = max(width - 2 * CELL_MARGIN, 1)
    lines = 0
    for paragraph in _parentless_cell(tc).paragraphs:
        for text in _xml.lines(paragraph._p):
            lines += _wrapped_lines(text, room)
    return lines * HEADER_ROW_SIZE * _LINE * 20 + 2 * 20  # plus 2 pt of paragraph spacing (Compact)


def _wrapped_lines(text: str, room: int) -> int:
    words = text.split()
    if not words:
        return 1
    count, used = 1, 0
    space = text_width(" ", HEADER_ROW_SIZE, bold=True)
    for word in words:
        width = text_width(word, HEADER_ROW_SIZE, bold=True)
        if used and used + space + width > room:
            count, used = count + 1, width
        else:
            used += (space if used else 0) + width
        while used > room:  # a word longer than the cell breaks anywhere
            count, used = count + 1, used - room
    return count


def _column_weights(table: Table, headers: list[_Row]) -> list[int]:
    """Share columns by the text they hold: names get room, counts stay narrow.

    Header labels may wrap between words, so they only ask for their longest word;
    text cells ask for about three quarters of their length, within bounds.
    """
    weights = [3] * len(_xml.grid_widths(table._tbl))
    for row in table.rows:
        is_header = any(row._tr is header._tr for header in headers)
        for column, span, tc in _xml.cells(row._tr):
            if span == 1 and column < len(weights):
                text = _xml.text(tc)
                longest_word = max((len(word) for word in text.split()), default=0)
                wanted: float
                if is_header or _NUMBER.match(text):
                    wanted = longest_word + 2
                else:
                    wanted = min(max(len(text) * 0.75, longest_word + 2), 24)
                weights[column] = max(weights[column], round(wanted))
    return weights


def _parentless_cell(tc: etree._Element) -> _Cell:
    """A cell read or formatted through its paragraphs only, which need no parent table."""
    return _Cell(tc, None)  # type: ignore[arg-type]  # the stub wants a parent; these uses never reach it


def _style(document: DocxDocument, name: str) -> BaseStyle | None:
    try:
        return document.styles[name]
    except KeyError:
        return None
