"""The header block of page 1 (ND 30/2020, Phụ lục I, ô 1–4) and the rule under the title (ô 5a).

The block is a borderless two-column table: parent body and issuing body on the
left, Quốc hiệu and Tiêu ngữ on the right, the number line and the place-date line
under them.  Each name must stay on one line, so the columns are sized from the
text's own width (a name too long to share the width with the Quốc hiệu is set on two
even lines, the Quốc hiệu keeping its one); the rules are empty bordered paragraphs whose indents give their
length (1/3–1/2 of the issuer's name, the whole motto).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from datetime import date

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt, Twips
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from tthc.render.docx import _xml
from tthc.render.docx._metrics import text_width
from tthc.render.docx._styles import HEADER_BLOCK_STYLE, StyleIds
from tthc.render.reference_docx import HEADER_LEFT_SHARE

#: Rule length as a share of the text above it: issuer (ô 2) 1/3–1/2, motto (ô 1) all of it.
ISSUER_RULE_SHARE = 0.4
MOTTO_RULE_SHARE = 1.0
SUBTITLE_RULE_SHARE = 0.4
HEADER_SIZE = 13  # pt, the Header Block style's size
SMALL_HEADER_SIZE = 12  # ND 30 allows 12–13 pt for agency names and the Quốc hiệu
MAX_OVERHANG = 567  # last resort: the block may reach 10 mm into the 30 mm binding margin
CELL_MARGIN = 28  # twips each side: the block is borderless, the text needs the room
_SAFETY = 1.02  # metrics are exact for Liberation Serif; leave a little for kerning and hinting
_PLACE_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


def is_header_block(table: Table) -> bool:
    """The ND 30 header block: two columns, with the place-date line. A document without one (the trends
    report opens on its title) has a data table first, which must stay ruled and where it is."""
    return len(table.columns) == 2 and report_date(table) is not None


def move_title_block_after(header: Table, ids: StyleIds) -> None:
    """A YAML ``title:`` lands above everything; ND 30 puts "BÁO CÁO" under the header."""
    anchor = header._tbl
    for p in list(anchor.itersiblings(preceding=True))[::-1]:
        if p.tag == _xml.qn("w:p") and _xml.style_id(p) in ids.title_block:
            anchor.addnext(p)
            anchor = p


def format_header_block(document: DocxDocument, header: Table, text_width_twips: int, ids: StyleIds) -> None:
    style = _style(document, HEADER_BLOCK_STYLE)
    for row in header.rows:
        for cell in _unique_cells(row):
            for paragraph in cell.paragraphs:
                if style is not None and not _xml.is_rule(paragraph._p):
                    paragraph.style = style
    overhang, widths = _geometry(header, text_width_twips)
    tbl = header._tbl
    header.autofit = False
    header.alignment = WD_TABLE_ALIGNMENT.LEFT
    _xml.set_table_width(tbl, sum(widths))
    _xml.set_table_indent(tbl, -overhang)
    _xml.set_table_borders(tbl, _xml.NO_BORDER)
    _xml.set_cell_margins(tbl, CELL_MARGIN, CELL_MARGIN)
    _xml.set_plain_look(tbl)
    if len(header.columns) == len(widths):
        for column, width in zip(header.columns, widths, strict=True):
            column.width = Twips(width)
    for row_index, row in enumerate(header.rows):
        _xml.set_repeat_header(row._tr, False)
        for column, span, tc in _xml.cells(row._tr):
            width = sum(widths[column: column + span])
            _cell_of(header, tc).width = Twips(width)
            _xml.set_cell_borders(tc, _xml.NO_BORDER)
            if row_index == 0 and column < 2:
                share = (ISSUER_RULE_SHARE, MOTTO_RULE_SHARE)[column]
                _rule_under_last_bold(_cell_of(header, tc).paragraphs, width - 2 * CELL_MARGIN, share,
                                      ids.header_block)


def report_date(header: Table) -> date | None:
    """The date of the place-date line ("Lương Tài, ngày 24 tháng 9 năm 2024"), if the block has one."""
    match = _PLACE_DATE.search(" ".join(cell.text for row in header.rows for cell in row.cells))
    if match is None:
        return None
    day, month, year = (int(group) for group in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_subtitle_rule(document: DocxDocument, text_width_twips: int, ids: StyleIds) -> None:
    """Rule under the trích yếu, 1/3–1/2 of its line (ND 30, ô 5a)."""
    subtitles = [p for p in document.paragraphs if _xml.style_id(p._p) == ids.subtitle and not _xml.is_rule(p._p)]
    if not subtitles:
        return
    last = subtitles[-1]
    longest = max(text_width(line, _size(last, 14), bold=True) for line in _xml.lines(last._p))
    _insert_rule_after(last, round(min(longest, text_width_twips) * SUBTITLE_RULE_SHARE), text_width_twips,
                       ids.subtitle)


def title_text(document: DocxDocument, ids: StyleIds) -> str:
    """"BÁO CÁO Kết quả công tác tháng …": the Title and Subtitle paragraphs, as the file's title."""
    parts = [p.text.strip() for p in document.paragraphs
             if _xml.style_id(p._p) in (ids.title, ids.subtitle) and p.text.strip()]
    return " ".join(" ".join(parts).split())


# --------------------------------------------------------------------------- geometry


def _geometry(header: Table, text_width_twips: int) -> tuple[int, list[int]]:
    """Column widths that keep each name and the Quốc hiệu on one line, inside the text width.

    Start from the 42/58 split and move the divider when a column needs more; when both
    together need more than the text width, set the capitals in 12 pt (ND 30 allows it);
    only if that is still too wide, reach into the binding margin.
    """
    columns = len(header.columns)
    if columns != 2:
        return 0, [text_width_twips // max(columns, 1)] * columns
    needs = _column_needs(header)
    if sum(needs) > text_width_twips:
        _shrink_capitals(header)
        needs = _column_needs(header)
    total = min(max(text_width_twips, sum(needs)), text_width_twips + MAX_OVERHANG)
    if sum(needs) > total:  # a long issuer ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" beside the Quốc hiệu)
        _break_long_names(header, total - needs[1] - 2 * CELL_MARGIN)
        needs = _column_needs(header)
    if sum(needs) <= total:
        left = min(max(round(total * HEADER_LEFT_SHARE), needs[0]), total - needs[1])
    else:
        left = round(total * needs[0] / sum(needs))
    return total - text_width_twips, [left, total - left]


def _break_long_names(header: Table, room: int) -> None:
    """Each line of the issuer's column wider than `room` broken in two, where the halves are most even.

    ND 30 lets a long agency name take two lines; the Quốc hiệu keeps its one line. Left to Word, the name
    wrapped where the column ended ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH / CÔNG") and the Quốc hiệu wrapped too.
    """
    for row in header.rows:
        for column, span, tc in _xml.cells(row._tr):
            if column != 0 or span != 1:
                continue
            for paragraph in _cell_of(header, tc).paragraphs:
                _break_in_two(paragraph, functools.partial(text_width, size_pt=_size(paragraph, HEADER_SIZE),
                                                           bold=_is_bold(paragraph)), room)


def _break_in_two(paragraph: Paragraph, width: Callable[[str], int], room: int) -> None:
    """The paragraph's text broken at its most even space when wider than `room`, whichever run holds it."""
    runs = paragraph.runs
    text = "".join(run.text for run in runs)
    if "\n" in text or width(text) * _SAFETY <= room:
        return
    halves = balanced_halves(text, width)
    if halves is None:
        return
    cut = len(halves[0])  # the index of the space, in the runs' joined text
    for run in runs:
        if cut < len(run.text):
            run.text = run.text[:cut] + "\n" + run.text[cut + 1:]  # python-docx writes the newline as <w:br/>
            return
        cut -= len(run.text)


def balanced_halves(text: str, width: Callable[[str], int]) -> tuple[str, str] | None:
    """`text` cut at the space that makes its wider half the narrowest; None without a space."""
    spaces = [i for i, char in enumerate(text) if char == " "]
    if not spaces:
        return None
    cut = min(spaces, key=lambda i: max(width(text[:i]), width(text[i + 1:])))
    return text[:cut], text[cut + 1:]


def _column_needs(header: Table) -> list[int]:
    needs = [0, 0]
    for row in header.rows:
        for column, span, tc in _xml.cells(row._tr):
            if span != 1 or column > 1:
                continue
            for paragraph in _cell_of(header, tc).paragraphs:
                size, bold = _size(paragraph, HEADER_SIZE), _is_bold(paragraph)
                for line in _xml.lines(paragraph._p):
                    need = round(text_width(line, size, bold) * _SAFETY) + 2 * CELL_MARGIN
                    needs[column] = max(needs[column], need)
    return needs


def _shrink_capitals(header: Table) -> None:
    for row in header.rows:
        for cell in _unique_cells(row):
            for paragraph in cell.paragraphs:
                text = paragraph.text
                if text.strip() and text == text.upper() and any(char.isalpha() for char in text):
                    for run in paragraph.runs:
                        run.font.size = Pt(SMALL_HEADER_SIZE)


def _rule_under_last_bold(paragraphs: list[Paragraph], room: int, share: float, style_id: str) -> None:
    """Short solid rule under the issuer name / the national motto (the cell's last bold line)."""
    last_bold = None
    for paragraph in paragraphs:
        if _is_bold(paragraph):
            last_bold = paragraph
        elif last_bold is not None:
            break
    if last_bold is None:
        return
    size = _size(last_bold, HEADER_SIZE)
    longest = max(text_width(line, size, bold=True) for line in _xml.lines(last_bold._p))
    _insert_rule_after(last_bold, round(min(longest, room) * share), room, style_id)


def _insert_rule_after(paragraph: Paragraph, length: int, room: int, style_id: str) -> None:
    following = paragraph._p.getnext()
    if following is not None and _xml.is_rule(following):
        return
    paragraph._p.addnext(_xml.rule_paragraph(style_id, max((room - length) // 2, 0)))


# --------------------------------------------------------------------------- reading runs


def _size(paragraph: Paragraph, default: float) -> float:
    for run in paragraph.runs:
        if run.text.strip() and run.font.size is not None:
            return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return default


def _is_bold(paragraph: Paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _style(document: DocxDocument, name: str) -> BaseStyle | None:
    try:
        return document.styles[name]
    except KeyError:
        return None


def _unique_cells(row: _Row) -> Iterator[_Cell]:
    seen = set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def _cell_of(table: Table, tc: etree._Element) -> _Cell:
    return _Cell(tc, table)
