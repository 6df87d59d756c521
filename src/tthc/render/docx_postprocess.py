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
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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

#: Style names (as the reference document spells them) the rules below rely on.
HEADER_BLOCK_STYLE = "Header Block"
ANNEX_TITLE_STYLE = "Annex Title"
TABLE_CELL_STYLE = "Compact"
#: A table holding one of these styles lays out the signature block: no borders.
LAYOUT_STYLES = ("Signature", "Recipients", "Recipients Heading", "Place Date")
#: Styles pandoc gives to plain text; inside data tables they become ``Compact``.
_BODY_STYLES = {None, "Normal", "Body Text", "First Paragraph", "Compact"}
_TITLE_BLOCK_STYLES = ("Title", "Subtitle")

#: Length of the rule under the header cells, as a share of the text above it:
#: issuer (ô 2) 1/3–1/2, national motto (ô 1) the whole motto (ND 30, Phụ lục I).
_HEADER_RULE_SHARE = (0.45, 1.0)
_SUBTITLE_RULE_SHARE = 0.4
_HEADER_SIZE = 13
_SMALL_HEADER_SIZE = 12  # ND 30 allows 12–13 pt for agency names and the Quốc hiệu
_MAX_OVERHANG = 567  # the header block may reach 10 mm into the 30 mm binding margin
_BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
_NO_BORDER = {"val": "nil"}
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
_CELL_MARGIN = 85 * 2  # twips, left + right, as in the reference "Table" style
_NUMBER = re.compile(r"^[\s\d.,%+\-\u2212()]*\d[\s\d.,%+\-\u2212()]*$")


def postprocess_docx(path: Path) -> None:
    """Apply the ND 30 layout rules to ``path`` in place.

    Same input, same bytes; running it again on its own output changes nothing.
    """
    path = Path(path)
    document = Document(str(path))
    ids = _StyleIds.of(document)
    body = document.element.body
    main_sect = body.find(qn("w:sectPr"))
    if main_sect is None:
        main_sect = _element("w:sectPr")
        body.append(main_sect)
    _ensure_page_number_header(document)
    text_width = _text_width(_body_section(body, main_sect))
    tables = body.findall(qn("w:tbl"))
    if tables:
        _move_title_block_after(tables[0], ids)
        _format_header_block(tables[0], text_width, ids)
        _add_subtitle_rule(body, text_width, ids)
    landscape_width = _text_width(_landscape_copy(_body_section(body, main_sect)))
    in_annex = _elements_after_first_annex(body, ids)
    for table in tables[1:]:
        if _is_layout_table(table, ids):
            _format_layout_table(table)
        else:
            _format_data_table(table, ids, landscape_width if table in in_annex else text_width)
    _split_annex_sections(body, main_sect, ids)
    fix_core_properties(document)
    document.save(str(path))
    normalize_zip(path)


@dataclass(frozen=True)
class _StyleIds:
    """Style ids as this document spells them (pandoc keeps the reference doc's ids)."""

    header_block: str
    annex_title: str
    table_cell: str
    subtitle: str
    title_block: frozenset[str]
    layout: frozenset[str]
    body: frozenset[str | None]

    @classmethod
    def of(cls, document: DocxDocument) -> _StyleIds:
        by_name = {}
        for style in document.styles.element.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                by_name[name.get(qn("w:val")).lower()] = style.get(qn("w:styleId"))

        def resolve(name: str | None) -> str | None:
            if name is None:
                return None
            return by_name.get(name.lower(), name.replace(" ", ""))

        return cls(
            header_block=resolve(HEADER_BLOCK_STYLE),
            annex_title=resolve(ANNEX_TITLE_STYLE),
            table_cell=resolve(TABLE_CELL_STYLE),
            subtitle=resolve("Subtitle"),
            title_block=frozenset(resolve(name) for name in _TITLE_BLOCK_STYLES),
            layout=frozenset(resolve(name) for name in LAYOUT_STYLES),
            body=frozenset(resolve(name) for name in _BODY_STYLES),
        )


# --------------------------------------------------------------------------- header block


def _move_title_block_after(header_table: etree._Element, ids: _StyleIds) -> None:
    """A YAML ``title:`` lands above everything; ND 30 puts "BÁO CÁO" under the header."""
    anchor = header_table
    for paragraph in list(header_table.itersiblings(preceding=True))[::-1]:
        if paragraph.tag == qn("w:p") and _style_id(paragraph) in ids.title_block:
            anchor.addnext(paragraph)
            anchor = paragraph


def _format_header_block(
    table: etree._Element, text_width: int, ids: _StyleIds
) -> None:
    for paragraph in table.iter(qn("w:p")):
        _set_style(paragraph, ids.header_block)
    overhang, widths = _header_geometry(table, text_width)
    tbl_pr = _child(table, "w:tblPr", first=True)
    _set_child(tbl_pr, "w:tblW", w=str(sum(widths)), type="dxa")
    _set_child(tbl_pr, "w:tblInd", w=str(-overhang), type="dxa")
    _set_child(tbl_pr, "w:tblBorders", replace=_borders("w:tblBorders", _NO_BORDER))
    _set_child(tbl_pr, "w:tblLayout", type="fixed")
    _set_child(
        tbl_pr,
        "w:tblLook",
        val="0000",
        firstRow="0",
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand="1",
        noVBand="1",
    )
    _set_grid(table, widths)
    for row_index, row in enumerate(table.findall(qn("w:tr"))):
        _drop_header_flag(row)
        for column, span, cell in _cells(row):
            width = sum(widths[column : column + span])
            tc_pr = _child(cell, "w:tcPr", first=True)
            _set_child(tc_pr, "w:tcW", w=str(width), type="dxa")
            _set_child(
                tc_pr, "w:tcBorders", replace=_borders("w:tcBorders", _NO_BORDER)
            )
            if row_index == 0 and column < len(_HEADER_RULE_SHARE):
                _add_header_rule(
                    cell, width - _CELL_MARGIN, _HEADER_RULE_SHARE[column], ids
                )


def _header_geometry(table: etree._Element, text_width: int) -> tuple[int, list[int]]:
    """Column widths that keep each name and the Quốc hiệu on one line.

    Start from the 42/58 split; move the divider when a column needs more;
    if both together need more than the text width, reach into the binding
    margin, then fall back to 12 pt capitals (still inside ND 30's range).
    """
    if _grid_columns(table) != 2:
        half = text_width // 2
        return 0, [half] * _grid_columns(table)
    needs = _column_needs(table)
    if sum(needs) > text_width + _MAX_OVERHANG:
        _shrink_capitals(table)
        needs = _column_needs(table)
    total = min(max(text_width, sum(needs)), text_width + _MAX_OVERHANG)
    if sum(needs) <= total:
        left = min(max(round(total * HEADER_LEFT_SHARE), needs[0]), total - needs[1])
    else:
        left = round(total * needs[0] / sum(needs))
    return total - text_width, [left, total - left]


def _column_needs(table: etree._Element) -> list[int]:
    needs = [0, 0]
    for row in table.findall(qn("w:tr")):
        for column, span, cell in _cells(row):
            if span != 1 or column > 1:
                continue
            for paragraph in cell.findall(qn("w:p")):
                size = _font_size(paragraph, default=_HEADER_SIZE)
                bold = _is_bold(paragraph)
                for line in _lines(paragraph):
                    need = (
                        round(_estimate_width(line, size, bold) * 1.03) + _CELL_MARGIN
                    )
                    needs[column] = max(needs[column], need)
    return needs


def _shrink_capitals(table: etree._Element) -> None:
    for paragraph in table.iter(qn("w:p")):
        text = _text(paragraph)
        if (
            text.strip()
            and text == text.upper()
            and any(char.isalpha() for char in text)
        ):
            for run in paragraph.iter(qn("w:r")):
                r_pr = _child(run, "w:rPr", first=True)
                _set_child(r_pr, "w:sz", val=str(_SMALL_HEADER_SIZE * 2))
                _set_child(r_pr, "w:szCs", val=str(_SMALL_HEADER_SIZE * 2))


def _add_header_rule(
    cell: etree._Element, room: int, share: float, ids: _StyleIds
) -> None:
    """Short solid rule under the issuer name / the national motto."""
    last_bold = None
    for paragraph in cell.findall(qn("w:p")):
        if _is_bold(paragraph):
            last_bold = paragraph
        elif last_bold is not None:
            break
    if last_bold is None:
        return
    size = _font_size(last_bold, default=_HEADER_SIZE)
    longest = max(_estimate_width(line, size, bold=True) for line in _lines(last_bold))
    _insert_rule_after(
        last_bold, round(min(longest, room) * share), room, ids.header_block
    )


def _add_subtitle_rule(body: etree._Element, text_width: int, ids: _StyleIds) -> None:
    """Rule under the trích yếu, 1/3–1/2 of its line (ND 30, ô 5a)."""
    subtitles = [
        p
        for p in body.findall(qn("w:p"))
        if _style_id(p) == ids.subtitle and not _is_rule(p)
    ]
    if not subtitles:
        return
    last = subtitles[-1]
    size = _font_size(last, default=14)
    longest = max(_estimate_width(line, size, bold=True) for line in _lines(last))
    _insert_rule_after(
        last,
        round(min(longest, text_width) * _SUBTITLE_RULE_SHARE),
        text_width,
        ids.subtitle,
    )


def _insert_rule_after(
    paragraph: etree._Element, length: int, room: int, style_id: str
) -> None:
    """An empty 1-pt paragraph whose top border is the rule; its indents centre it."""
    following = paragraph.getnext()
    if following is not None and _is_rule(following):
        return
    indent = max((room - length) // 2, 0)
    rule = _element("w:p")
    p_pr = _element("w:pPr")
    rule.append(p_pr)
    p_pr.append(_element("w:pStyle", val=style_id))
    p_bdr = _element("w:pBdr")
    p_bdr.append(_element("w:top", val="single", sz="6", space="1", color="000000"))
    p_pr.append(p_bdr)
    p_pr.append(
        _element("w:spacing", before="0", after="120", line="240", lineRule="auto")
    )
    p_pr.append(_element("w:ind", left=str(indent), right=str(indent), firstLine="0"))
    p_pr.append(_tiny_mark())
    paragraph.addnext(rule)


def _is_rule(element: etree._Element) -> bool:
    border = element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    return element.tag == qn("w:p") and border is not None and not _text(element)


def _tiny_mark() -> etree._Element:
    """Run properties of a paragraph mark 1 pt high: the paragraph takes no visible room."""
    r_pr = _element("w:rPr")
    r_pr.append(_element("w:sz", val="2"))
    r_pr.append(_element("w:szCs", val="2"))
    return r_pr


# --------------------------------------------------------------------------- other tables


def _is_layout_table(table: etree._Element, ids: _StyleIds) -> bool:
    """Nơi nhận beside the signature needs a table, but not a ruled one."""
    return any(
        _style_id(paragraph) in ids.layout for paragraph in table.iter(qn("w:p"))
    )


def _format_layout_table(table: etree._Element) -> None:
    """The cells place the blocks: no borders, no style indents, tops level."""
    tbl_pr = _child(table, "w:tblPr", first=True)
    _set_child(tbl_pr, "w:tblW", w="5000", type="pct")
    _set_child(tbl_pr, "w:tblBorders", replace=_borders("w:tblBorders", _NO_BORDER))
    for row in table.findall(qn("w:tr")):
        _drop_header_flag(row)
        for _, _, cell in _cells(row):
            tc_pr = _child(cell, "w:tcPr", first=True)
            _set_child(
                tc_pr, "w:tcBorders", replace=_borders("w:tcBorders", _NO_BORDER)
            )
            for index, paragraph in enumerate(cell.findall(qn("w:p"))):
                p_pr = _child(paragraph, "w:pPr", first=True)
                _set_child(p_pr, "w:ind", left="0", right="0", firstLine="0")
                if index == 0:
                    _set_child(p_pr, "w:spacing", before="0")


def _elements_after_first_annex(body: etree._Element, ids: _StyleIds) -> set[etree._Element]:
    """Block elements that follow the first annex title: they will sit on landscape pages."""
    after: set[etree._Element] = set()
    seen = False
    for element in body:
        if element.tag == qn("w:p") and _style_id(element) == ids.annex_title:
            seen = True
        elif seen:
            after.add(element)
    return after


def _format_data_table(table: etree._Element, ids: _StyleIds, width: int) -> None:
    """Full text width (of the page the table sits on), columns shared by what they hold."""
    tbl_pr = _child(table, "w:tblPr", first=True)
    _set_child(tbl_pr, "w:tblW", w=str(width), type="dxa")
    _set_child(tbl_pr, "w:tblBorders", replace=_borders("w:tblBorders", _BORDER))
    _set_child(tbl_pr, "w:tblLayout", type="fixed")
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="57", type="dxa"))  # 1 mm: counts need the room
    _set_child(tbl_pr, "w:tblCellMar", replace=margins)
    rows = table.findall(qn("w:tr"))
    header_rows = _header_rows(table, rows)
    weights = _column_weights(table, header_rows)
    _set_grid(table, [round(width * w / sum(weights)) for w in weights])
    for row in rows:
        is_header = any(row is header for header in header_rows)
        tr_pr = _child(row, "w:trPr", first=True)
        _set_child(tr_pr, "w:cantSplit")
        if is_header:
            _set_child(tr_pr, "w:tblHeader")
        for _, _, cell in _cells(row):
            tc_pr = _child(cell, "w:tcPr", first=True)
            _set_child(tc_pr, "w:tcBorders", replace=_borders("w:tcBorders", _BORDER))
            _set_child(tc_pr, "w:vAlign", val="center")
            for paragraph in cell.findall(qn("w:p")):
                if _style_id(paragraph) in ids.body:
                    _set_style(paragraph, ids.table_cell)
                _set_size(paragraph, _HEADER_SIZE if is_header else _BODY_SIZE)
                if is_header:
                    _set_alignment(paragraph, "center")
                    _make_bold(paragraph)
                elif _alignment(paragraph) is None and _NUMBER.match(_text(paragraph)):
                    _set_alignment(paragraph, "center")


def _header_rows(
    table: etree._Element, rows: list[etree._Element]
) -> list[etree._Element]:
    """Rows pandoc wrote from <thead>: marked tblHeader, or (Quarto/older writers) the
    first row plus the rows its vertical merges run into when tblLook says firstRow."""
    marked = [row for row in rows if _has_header_flag(row)]
    if marked or not rows or not _look_has_first_row(table):
        return marked
    header = [rows[0]]
    for row in rows[1:]:
        if any(_vmerge(cell) == "continue" for _, _, cell in _cells(row)):
            header.append(row)
        else:
            break
    return header


def _column_weights(table: etree._Element, header_rows: list[etree._Element]) -> list[int]:
    """Share columns by the text they hold: names get room, counts stay narrow.

    Header labels may wrap between words, so they only ask for their longest word;
    text cells ask for about three quarters of their length, within bounds.
    """
    weights = [3] * _grid_columns(table)
    for row in table.findall(qn("w:tr")):
        is_header = any(row is header for header in header_rows)
        for column, span, cell in _cells(row):
            if span == 1 and column < len(weights):
                text = _text(cell)
                longest_word = max((len(word) for word in text.split()), default=0)
                if is_header or _NUMBER.match(text):
                    wanted = longest_word + 2
                else:
                    wanted = min(max(len(text) * 0.75, longest_word + 2), 24)
                weights[column] = max(weights[column], round(wanted))
    return weights


# --------------------------------------------------------------------------- sections


def _split_annex_sections(
    body: etree._Element, main_sect: etree._Element, ids: _StyleIds
) -> None:
    """Each annex gets its own landscape section whose page numbers restart at 1.

    WordprocessingML stores a section's properties at its END: in the last
    paragraph of the section, or in the body's final sectPr for the last one.
    So the break before annex k carries the properties of the section BEFORE
    it (the portrait body for k = 1, annex k-1 otherwise), and the body's
    final sectPr becomes the last annex's.
    """
    starts = [
        paragraph
        for paragraph in body.findall(qn("w:p"))
        if _style_id(paragraph) == ids.annex_title
        and not _continues_annex(paragraph, ids)
    ]
    if not starts:
        return
    portrait = copy.deepcopy(_body_section(body, main_sect))
    landscape = _landscape_copy(portrait)
    for index, start in enumerate(starts):
        if index == 0 and _paragraph_before(start) is None:
            continue  # the document is all annex: nothing to end
        _end_section_before(start, copy.deepcopy(portrait if index == 0 else landscape))
    body.replace(main_sect, landscape)


def _body_section(body: etree._Element, main_sect: etree._Element) -> etree._Element:
    """Properties of the first section; after a previous run it ends at the first break."""
    first_break = body.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}")
    return main_sect if first_break is None else first_break


def _continues_annex(paragraph: etree._Element, ids: _StyleIds) -> bool:
    previous = _paragraph_before(paragraph)
    return (
        previous is not None
        and previous.tag == qn("w:p")
        and _style_id(previous) == ids.annex_title
    )


def _paragraph_before(element: etree._Element) -> etree._Element | None:
    """Previous block sibling, stepping over bookmarks and other markup."""
    for sibling in element.itersiblings(preceding=True):
        if sibling.tag in (qn("w:p"), qn("w:tbl"), qn("w:sdt")):
            return sibling
    return None


def _end_section_before(start: etree._Element, sect_pr: etree._Element) -> None:
    previous = _paragraph_before(start)
    if previous is not None and previous.tag == qn("w:p"):
        carrier = previous
    else:  # a table cannot carry a section break: add a 1-pt empty paragraph
        carrier = _element("w:p")
        p_pr = _element("w:pPr")
        p_pr.append(
            _element("w:spacing", before="0", after="0", line="240", lineRule="auto")
        )
        p_pr.append(_tiny_mark())
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
        top, right, bottom, left = (
            pg_mar.get(qn(f"w:{edge}")) for edge in ("top", "right", "bottom", "left")
        )
        pg_mar.set(qn("w:top"), left)
        pg_mar.set(qn("w:right"), top)
        pg_mar.set(qn("w:bottom"), right)
        pg_mar.set(qn("w:left"), bottom)
    pg_num = landscape.find(qn("w:pgNumType"))
    if pg_num is None:
        pg_num = _element("w:pgNumType")
        _insert_in_order(
            landscape,
            pg_num,
            after=("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType"),
        )
    pg_num.set(qn("w:start"), "1")
    return landscape


def _ensure_page_number_header(document: DocxDocument) -> None:
    """Our reference doc brings the header; a foreign one may not, so add it here."""
    section = document.sections[-1]
    sect_pr = section._sectPr
    has_default = any(
        ref.get(qn("w:type")) == "default"
        for ref in sect_pr.findall(qn("w:headerReference"))
    )
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


# Schema order of the property elements we touch: Word rejects files that break it.
_ORDER = {
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize "
        "tblStyleColBandSize tblW jc tblCellSpacing tblInd tblBorders shd "
        "tblLayout tblCellMar tblLook tblCaption tblDescription"
    ).split(),
    "tcPr": (
        "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar "
        "textDirection tcFitText vAlign hideMark"
    ).split(),
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
        "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap "
        "jc textDirection textAlignment textboxTightWrap outlineLvl divId "
        "cnfStyle rPr sectPr pPrChange"
    ).split(),
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow "
        "emboss imprint noProof snapToGrid vanish webHidden color spacing w "
        "kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
        "cs em lang eastAsianLayout specVanish oMath"
    ).split(),
    "trPr": (
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight "
        "tblHeader tblCellSpacing jc hidden"
    ).split(),
}


def _set_child(
    parent: etree._Element,
    tag: str,
    replace: etree._Element | None = None,
    **attrs: str,
) -> etree._Element:
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


def _insert_in_order(
    parent: etree._Element, new: etree._Element, after: Iterable[str]
) -> None:
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


def _set_grid(table: etree._Element, widths: list[int]) -> None:
    grid = table.find(qn("w:tblGrid"))
    columns = [] if grid is None else grid.findall(qn("w:gridCol"))
    if len(columns) != len(widths) or not widths:
        return
    for column, width in zip(columns, widths, strict=True):
        column.set(qn("w:w"), str(width))


def _set_style(paragraph: etree._Element, style_id: str) -> None:
    p_pr = _child(paragraph, "w:pPr", first=True)
    _set_child(p_pr, "w:pStyle", val=style_id)


def _set_alignment(paragraph: etree._Element, value: str) -> None:
    p_pr = _child(paragraph, "w:pPr", first=True)
    _set_child(p_pr, "w:jc", val=value)


_HEADER_SIZE, _BODY_SIZE = 18, 20  # half-points: wide annexes need 9 pt headers and 10 pt figures


def _set_size(paragraph: etree._Element, half_points: int) -> None:
    for run in paragraph.iter(qn("w:r")):
        r_pr = _child(run, "w:rPr", first=True)
        _set_child(r_pr, "w:sz", val=str(half_points))
        _set_child(r_pr, "w:szCs", val=str(half_points))


def _make_bold(paragraph: etree._Element) -> None:
    for run in paragraph.iter(qn("w:r")):
        _set_child(_child(run, "w:rPr", first=True), "w:b")


def _style_id(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _alignment(paragraph: etree._Element) -> str | None:
    jc = paragraph.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    return None if jc is None else jc.get(qn("w:val"))


def _cells(row: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
    """(first grid column, span, cell) for each cell of a row."""
    column = 0
    grid_before = row.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    if grid_before is not None:
        column = int(grid_before.get(qn("w:val"), "0"))
    for cell in row.findall(qn("w:tc")):
        span = _grid_span(cell)
        yield column, span, cell
        column += span


def _grid_columns(table: etree._Element) -> int:
    grid = table.find(qn("w:tblGrid"))
    return 0 if grid is None else len(grid.findall(qn("w:gridCol")))


def _drop_header_flag(row: etree._Element) -> None:
    tr_pr = row.find(qn("w:trPr"))
    if tr_pr is not None:
        for flag in tr_pr.findall(qn("w:tblHeader")):
            tr_pr.remove(flag)


def _grid_span(cell: etree._Element) -> int:
    span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(qn("w:val"), "1"))


def _vmerge(cell: etree._Element) -> str | None:
    merge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if merge is None:
        return None
    return merge.get(qn("w:val"), "continue")


def _has_header_flag(row: etree._Element) -> bool:
    return _is_on(row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}"))


def _is_on(flag: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not switched off by w:val."""
    return flag is not None and flag.get(qn("w:val"), "1") not in ("0", "false", "off")


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
    return _is_on(run.find(f"{qn('w:rPr')}/{qn('w:b')}"))


def _font_size(paragraph: etree._Element, default: float) -> float:
    for size in paragraph.iter(qn("w:sz")):
        return int(size.get(qn("w:val"))) / 2
    return default


def _lines(paragraph: etree._Element) -> list[str]:
    """Text of a paragraph split at manual line breaks."""
    lines = [""]
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:t"):
            lines[-1] += node.text or ""
        elif node.tag == qn("w:tab"):
            lines[-1] += " "
        else:
            lines.append("")
    return lines


def _text(element: etree._Element) -> str:
    return "".join(node.text or "" for node in element.iter(qn("w:t")))


def _text_width(sect_pr: etree._Element) -> int:
    pg_sz, pg_mar = sect_pr.find(qn("w:pgSz")), sect_pr.find(qn("w:pgMar"))
    if pg_sz is None or pg_mar is None:
        return 9354  # A4 with 30/15 mm margins
    return (
        int(pg_sz.get(qn("w:w")))
        - int(pg_mar.get(qn("w:left")))
        - int(pg_mar.get(qn("w:right")))
    )


def _metrics(upper: str, lower: str, digits: int, punctuation: str) -> dict[str, int]:
    """Advance widths in 1/1000 em, from the Times-Roman/Times-Bold AFM files
    (Times New Roman and Liberation Serif share them)."""
    widths = dict(zip(string.ascii_uppercase, map(int, upper.split()), strict=True))
    widths |= dict(zip(string.ascii_lowercase, map(int, lower.split()), strict=True))
    widths |= dict.fromkeys(string.digits, digits)
    widths |= {
        char: int(width)
        for char, width in zip(" .,:;-/()%", punctuation.split(), strict=True)
    }
    return widths


_ROMAN = _metrics(
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611",
    "444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444",
    500,
    "250 250 250 278 278 333 278 333 333 833",
)
_BOLD = _metrics(
    "722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667",
    "500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 500 500 444",
    500,
    "250 250 250 333 333 333 278 333 333 1000",
)


def _estimate_width(text: str, size_pt: float, bold: bool) -> int:
    """Rendered width in twips, from font metrics; accents do not change advance widths."""
    metrics = _BOLD if bold else _ROMAN
    thousandths = sum(metrics.get(char, 500) for char in _base_letters(text))
    return round(thousandths / 1000 * size_pt * 20)


def _base_letters(text: str) -> Iterator[str]:
    for char in unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")):
        if not unicodedata.combining(char):
            yield char
