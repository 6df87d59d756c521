"""Finish a pandoc/Quarto .docx with the ND 30/2020 rules a reference document cannot carry.

A reference .docx only gives styles and ONE page setup.  Nghị định 30/2020,
Phụ lục I also wants a borderless two-column header block, table headers
repeated on every page, and annexes (Phụ lục) on landscape pages numbered
on their own.  This module edits the Word XML directly to get there.

Conventions the markdown must follow:

* the first table of the document is the header block (cơ quan / Quốc hiệu,
  Số / địa danh, ngày tháng); every later table is a data table;
* a paragraph styled ``Annex Title`` starts an annex; consecutive
  ``Annex Title`` paragraphs belong to the same annex.
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from tthc.render.reference_docx import (
    HEADER_LEFT_SHARE,
    append_page_field,
    fix_core_properties,
    normalize_zip,
)

HEADER_BLOCK_STYLE = "Header Block"
ANNEX_TITLE_STYLE = "Annex Title"
TABLE_CELL_STYLE = "Compact"
#: Styles pandoc gives to plain text; inside data tables they become ``Compact``.
_BODY_STYLES = {None, "Normal", "BodyText", "FirstParagraph", "Compact"}
_TITLE_BLOCK_STYLES = ("Title", "Subtitle")

#: Length of the rule under the header cells, as a share of the text above it:
#: issuer (ô 2) 1/3–1/2, national motto (ô 1) the whole motto (ND 30, Phụ lục I).
_HEADER_RULE_SHARE = (0.45, 1.0)
_SUBTITLE_RULE_SHARE = 0.4
_BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
_NO_BORDER = {"val": "nil"}
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_CELL_MARGIN = 85 * 2  # twips, left + right, as in the reference "Table" style


def postprocess_docx(path: Path) -> None:
    """Apply the ND 30 layout rules to ``path`` in place; reruns give identical bytes."""
    path = Path(path)
    document = Document(str(path))
    body = document.element.body
    main_sect = body.find(qn("w:sectPr"))
    if main_sect is None:
        main_sect = _element("w:sectPr")
        body.append(main_sect)
    _ensure_page_number_header(document)
    text_width = _text_width(main_sect)
    tables = body.findall(qn("w:tbl"))
    if tables:
        _move_title_block_after(tables[0])
        _format_header_block(tables[0], text_width)
        _add_subtitle_rule(body, text_width)
    for table in tables[1:]:
        _format_data_table(table)
    _split_annex_sections(document, main_sect)
    fix_core_properties(document)
    document.save(str(path))
    normalize_zip(path)


# --------------------------------------------------------------------------- header block


def _move_title_block_after(header_table: etree._Element) -> None:
    """A YAML ``title:`` lands above everything; ND 30 puts "BÁO CÁO" under the header."""
    anchor = header_table
    for paragraph in list(header_table.itersiblings(preceding=True))[::-1]:
        if paragraph.tag == qn("w:p") and _style_id(paragraph) in _TITLE_BLOCK_STYLES:
            anchor.addnext(paragraph)
            anchor = paragraph


def _format_header_block(table: etree._Element, text_width: int) -> None:
    left = round(text_width * HEADER_LEFT_SHARE)
    widths = [left, text_width - left]
    tbl_pr = _child(table, "w:tblPr", first=True)
    _set_child(tbl_pr, "w:tblW", w=str(text_width), type="dxa")
    _set_child(tbl_pr, "w:tblBorders", replace=_borders("w:tblBorders", _NO_BORDER))
    _set_child(tbl_pr, "w:tblLayout", type="fixed")
    _set_child(tbl_pr, "w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
               lastColumn="0", noHBand="1", noVBand="1")
    _set_grid(table, widths)
    for row_index, row in enumerate(table.findall(qn("w:tr"))):
        tr_pr = row.find(qn("w:trPr"))
        if tr_pr is not None:
            for header_flag in tr_pr.findall(qn("w:tblHeader")):
                tr_pr.remove(header_flag)
        column = 0
        for cell in row.findall(qn("w:tc")):
            span = _grid_span(cell)
            width = sum(widths[column:column + span])
            tc_pr = _child(cell, "w:tcPr", first=True)
            _set_child(tc_pr, "w:tcW", w=str(width), type="dxa")
            _set_child(tc_pr, "w:tcBorders", replace=_borders("w:tcBorders", _NO_BORDER))
            for paragraph in cell.findall(qn("w:p")):
                _set_style(paragraph, "HeaderBlock")
            if row_index == 0 and column < len(_HEADER_RULE_SHARE):
                _add_header_rule(cell, width - _CELL_MARGIN, _HEADER_RULE_SHARE[column])
            column += span


def _add_header_rule(cell: etree._Element, room: int, share: float) -> None:
    """Short solid rule under the issuer name / the national motto."""
    paragraphs = cell.findall(qn("w:p"))
    last_bold = None
    for paragraph in paragraphs:
        if _is_bold(paragraph):
            last_bold = paragraph
        elif last_bold is not None:
            break
    if last_bold is None:
        return
    size = _font_size(last_bold, default=13)
    length = min(_estimate_width(_text(last_bold), size, bold=True), room) * share
    _insert_rule_after(last_bold, round(length), room, "HeaderBlock")


def _add_subtitle_rule(body: etree._Element, text_width: int) -> None:
    subtitles = [p for p in body.findall(qn("w:p")) if _style_id(p) == "Subtitle"]
    if not subtitles:
        return
    last = subtitles[-1]
    size = _font_size(last, default=14)
    length = min(_estimate_width(_text(last), size, bold=True), text_width) * _SUBTITLE_RULE_SHARE
    _insert_rule_after(last, round(length), text_width, "Subtitle")


def _insert_rule_after(paragraph: etree._Element, length: int, room: int, style: str) -> None:
    """An empty, 1-pt-high paragraph whose top border is the rule; indents centre it."""
    indent = max((room - length) // 2, 0)
    rule = _element("w:p")
    p_pr = _element("w:pPr")
    rule.append(p_pr)
    p_pr.append(_element("w:pStyle", val=style))
    p_pr.append(_element("w:keepNext"))
    p_bdr = _element("w:pBdr")
    p_bdr.append(_element("w:top", val="single", sz="6", space="1", color="000000"))
    p_pr.append(p_bdr)
    p_pr.append(_element("w:spacing", before="0", after="120", line="240", lineRule="auto"))
    p_pr.append(_element("w:ind", left=str(indent), right=str(indent), firstLine="0"))
    r_pr = _element("w:rPr")
    r_pr.append(_element("w:sz", val="2"))
    r_pr.append(_element("w:szCs", val="2"))
    p_pr.append(r_pr)
    paragraph.addnext(rule)


# --------------------------------------------------------------------------- data tables


def _format_data_table(table: etree._Element) -> None:
    tbl_pr = _child(table, "w:tblPr", first=True)
    _set_child(tbl_pr, "w:tblW", w="5000", type="pct")
    _set_child(tbl_pr, "w:tblBorders", replace=_borders("w:tblBorders", _BORDER))
    _set_child(tbl_pr, "w:tblLayout", type="autofit")
    _set_grid(table, _column_weights(table), as_pct=True)
    rows = table.findall(qn("w:tr"))
    header_rows = _header_rows(table, rows)
    for row in rows:
        tr_pr = _child(row, "w:trPr", first=True)
        _set_child(tr_pr, "w:cantSplit")
        is_header = row in header_rows
        if is_header:
            _set_child(tr_pr, "w:tblHeader")
        for cell in row.findall(qn("w:tc")):
            tc_pr = _child(cell, "w:tcPr", first=True)
            _set_child(tc_pr, "w:tcBorders", replace=_borders("w:tcBorders", _BORDER))
            if is_header:
                _set_child(tc_pr, "w:vAlign", val="center")
            for paragraph in cell.findall(qn("w:p")):
                if _style_id(paragraph) in _BODY_STYLES:
                    _set_style(paragraph, TABLE_CELL_STYLE)
                if is_header:
                    _set_alignment(paragraph, "center")
                    _make_bold(paragraph)


def _header_rows(table: etree._Element, rows: list[etree._Element]) -> list[etree._Element]:
    """Rows pandoc wrote from <thead>: marked tblHeader, or (Quarto/older writers) the
    first row plus the rows its vertical merges run into when tblLook says firstRow."""
    marked = [row for row in rows if _has_header_flag(row)]
    if marked or not rows or not _look_has_first_row(table):
        return marked
    header = [rows[0]]
    for row in rows[1:]:
        if any(_vmerge(cell) == "continue" for cell in row.findall(qn("w:tc"))):
            header.append(row)
        else:
            break
    return header


def _column_weights(table: etree._Element) -> list[int]:
    """Share columns by the longest text they hold, so names get room and counts stay narrow."""
    columns = len(table.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
    weights = [4] * columns
    for row in table.findall(qn("w:tr")):
        column = 0
        for cell in row.findall(qn("w:tc")):
            span = _grid_span(cell)
            if span == 1 and column < columns:
                words = _text(cell).split()
                longest_word = max((len(word) for word in words), default=0)
                wanted = min(max(len(_text(cell)) * 0.6, longest_word + 2), 40)
                weights[column] = max(weights[column], round(wanted))
            column += span
    return weights


# --------------------------------------------------------------------------- sections


def _split_annex_sections(document: DocxDocument, main_sect: etree._Element) -> None:
    """Each annex gets its own landscape section whose page numbers restart at 1.

    WordprocessingML stores a section's properties at its END: in the last
    paragraph of the section, or in the body's final sectPr for the last one.
    So the break before annex k carries the properties of the section BEFORE
    it (the portrait body for k = 1, annex k-1 otherwise).
    """
    body = document.element.body
    annex_id = _style_id_of(document, ANNEX_TITLE_STYLE)
    starts = [p for p in body.findall(qn("w:p")) if _style_id(p) == annex_id and not _continues_annex(p, annex_id)]
    if not starts:
        return
    portrait = copy.deepcopy(main_sect)
    landscape = _landscape_copy(main_sect)
    for index, start in enumerate(starts):
        previous_section = portrait if index == 0 else landscape
        if _paragraph_before(start) is None and index == 0:
            continue
        _end_section_before(start, copy.deepcopy(previous_section))
    main_sect.getparent().replace(main_sect, copy.deepcopy(landscape))


def _continues_annex(paragraph: etree._Element, annex_id: str) -> bool:
    previous = _paragraph_before(paragraph)
    return previous is not None and previous.tag == qn("w:p") and _style_id(previous) == annex_id


def _paragraph_before(element: etree._Element) -> etree._Element | None:
    """Previous block sibling, stepping over bookmarks and other markup."""
    for sibling in element.itersiblings(preceding=True):
        if sibling.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt")):
            return sibling
    return None


def _end_section_before(start: etree._Element, sect_pr: etree._Element) -> None:
    previous = _paragraph_before(start)
    if previous is not None and previous.tag == qn("w:p") and previous.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        carrier = previous
    else:  # tables cannot carry a section break: add a 1-pt empty paragraph
        carrier = _element("w:p")
        p_pr = _element("w:pPr")
        p_pr.append(_element("w:spacing", before="0", after="0", line="240", lineRule="auto"))
        r_pr = _element("w:rPr")
        r_pr.append(_element("w:sz", val="2"))
        r_pr.append(_element("w:szCs", val="2"))
        p_pr.append(r_pr)
        carrier.append(p_pr)
        start.addprevious(carrier)
    _set_child(_child(carrier, "w:pPr", first=True), "w:sectPr", replace=sect_pr)


def _landscape_copy(sect_pr: etree._Element) -> etree._Element:
    """Rotate the page a quarter turn clockwise: the bound left edge becomes the top."""
    landscape = copy.deepcopy(sect_pr)
    pg_sz = landscape.find(qn("w:pgSz"))
    if pg_sz is not None:
        width, height = pg_sz.get(qn("w:w")), pg_sz.get(qn("w:h"))
        if int(width) < int(height):
            pg_sz.set(qn("w:w"), height)
            pg_sz.set(qn("w:h"), width)
        pg_sz.set(qn("w:orient"), "landscape")
    pg_mar = landscape.find(qn("w:pgMar"))
    if pg_mar is not None:
        top, right, bottom, left = (pg_mar.get(qn(f"w:{edge}")) for edge in ("top", "right", "bottom", "left"))
        pg_mar.set(qn("w:top"), left)
        pg_mar.set(qn("w:right"), top)
        pg_mar.set(qn("w:bottom"), right)
        pg_mar.set(qn("w:left"), bottom)
    pg_num = landscape.find(qn("w:pgNumType"))
    if pg_num is None:
        pg_num = _element("w:pgNumType")
        _insert_in_order(landscape, pg_num, after=("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType"))
    pg_num.set(qn("w:start"), "1")
    return landscape


def _ensure_page_number_header(document: DocxDocument) -> None:
    """Our reference doc brings the header; a foreign one may not, so add it here."""
    section = document.sections[-1]
    sect_pr = section._sectPr
    has_default = any(ref.get(qn("w:type")) == "default" for ref in sect_pr.findall(qn("w:headerReference")))
    if not has_default:
        header = section.header
        header.is_linked_to_previous = False
        append_page_field(header.paragraphs[0]._p)
        header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if sect_pr.find(qn("w:titlePg")) is None:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False


# --------------------------------------------------------------------------- XML helpers


def _element(tag: str, **attrs: str) -> etree._Element:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _child(parent: etree._Element, tag: str, first: bool = False) -> etree._Element:
    found = parent.find(qn(tag))
    if found is None:
        found = _element(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


# Schema order of the children we touch (CT_TblPr, CT_TrPr is a choice, CT_TcPr, CT_PPr).
_ORDER = {
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
              "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
              "tblLook", "tblCaption", "tblDescription"],
    "tcPr": ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
            "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
            "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"],
    "trPr": ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"],
}


def _set_child(parent: etree._Element, tag: str, replace: etree._Element | None = None, **attrs: str) -> etree._Element:
    """Set (or replace) one property element, keeping the schema order Word insists on."""
    new = replace if replace is not None else _element(tag, **attrs)
    old = parent.find(qn(tag))
    if old is not None:
        parent.replace(old, new)
        return new
    local = etree.QName(parent).localname
    order = _ORDER.get(local, [])
    name = tag.split(":")[1]
    position = order.index(name) if name in order else len(order)
    for index, child in enumerate(parent):
        child_name = etree.QName(child).localname
        if child_name in order and order.index(child_name) > position:
            parent.insert(index, new)
            return new
    parent.append(new)
    return new


def _insert_in_order(parent: etree._Element, new: etree._Element, after: Iterable[str]) -> None:
    anchors = [parent.find(qn(tag)) for tag in after]
    anchors = [anchor for anchor in anchors if anchor is not None]
    if anchors:
        anchors[-1].addnext(new)
    else:
        parent.insert(0, new)


def _borders(tag: str, spec: dict[str, str]) -> etree._Element:
    borders = _element(tag)
    for edge in _EDGES:
        borders.append(_element(f"w:{edge}", **spec))
    return borders


def _set_grid(table: etree._Element, weights: list[int], as_pct: bool = False) -> None:
    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol"))
    if len(columns) != len(weights):
        return
    if as_pct:  # keep pandoc's total width, redistribute it
        total = sum(int(col.get(qn("w:w"), "0")) for col in columns) or 9000
        weights = [round(total * weight / sum(weights)) for weight in weights]
    for column, width in zip(columns, weights):
        column.set(qn("w:w"), str(width))


def _set_style(paragraph: etree._Element, style_id: str) -> None:
    p_pr = _child(paragraph, "w:pPr", first=True)
    _set_child(p_pr, "w:pStyle", val=style_id)


def _set_alignment(paragraph: etree._Element, value: str) -> None:
    p_pr = _child(paragraph, "w:pPr", first=True)
    _set_child(p_pr, "w:jc", val=value)


def _make_bold(paragraph: etree._Element) -> None:
    for run in paragraph.iter(qn("w:r")):
        r_pr = _child(run, "w:rPr", first=True)
        if r_pr.find(qn("w:b")) is None:
            position = 1 if r_pr.find(qn("w:rStyle")) is not None else 0
            position += 1 if r_pr.find(qn("w:rFonts")) is not None else 0
            r_pr.insert(position, _element("w:b"))


def _style_id(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _style_id_of(document: DocxDocument, name: str) -> str:
    for style in document.styles.element.findall(qn("w:style")):
        style_name = style.find(qn("w:name"))
        if style_name is not None and style_name.get(qn("w:val")) == name:
            return style.get(qn("w:styleId"))
    return name.replace(" ", "")


def _grid_span(cell: etree._Element) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(qn("w:val"), "1"))


def _vmerge(cell: etree._Element) -> str | None:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if merge is None:
        return None
    return merge.get(qn("w:val"), "continue")


def _has_header_flag(row: etree._Element) -> bool:
    flag = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false", "off")


def _look_has_first_row(table: etree._Element) -> bool:
    look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
    if look is None:
        return False
    first_row = look.get(qn("w:firstRow"))
    if first_row is not None:
        return first_row in ("1", "true", "on")
    return bool(int(look.get(qn("w:val"), "0"), 16) & 0x0020)


def _is_bold(paragraph: etree._Element) -> bool:
    runs = [run for run in paragraph.iter(qn("w:r")) if _text(run).strip()]
    return bool(runs) and all(_run_is_bold(run) for run in runs)


def _run_is_bold(run: etree._Element) -> bool:
    bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    return bold is not None and bold.get(qn("w:val"), "true") not in ("0", "false", "off")


def _font_size(paragraph: etree._Element, default: float) -> float:
    for size in paragraph.iter(qn("w:sz")):
        return int(size.get(qn("w:val"))) / 2
    return default


def _text(element: etree._Element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _text_width(sect_pr: etree._Element) -> int:
    pg_sz, pg_mar = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    if pg_sz is None or pg_mar is None:
        return 9354  # A4 with 30/15 mm margins
    return int(pg_sz.get(qn("w:w"))) - int(pg_mar.get(qn("w:left"))) - int(pg_mar.get(qn("w:right")))


# Advance widths of Times New Roman Bold, in em, for the letters that stray from the mean.
_NARROW = dict.fromkeys("ijlI.,:;'!|", 0.28) | dict.fromkeys("frt-()", 0.36)
_WIDE = dict.fromkeys("mMW", 0.95) | dict.fromkeys("w", 0.72)


def _estimate_width(text: str, size_pt: float, bold: bool) -> int:
    """Rough rendered width in twips: enough to size a decorative rule."""
    em = 0.0
    for char in _base_letters(text):
        if char in _NARROW:
            em += _NARROW[char]
        elif char in _WIDE:
            em += _WIDE[char]
        elif char == " ":
            em += 0.25
        elif char.isupper():
            em += 0.72
        else:
            em += 0.5
    em *= 1.03 if bold else 1.0
    return round(em * size_pt * 20)


def _base_letters(text: str) -> Iterator[str]:
    for char in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")):
        if not unicodedata.combining(char):
            yield char
