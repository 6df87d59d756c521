"""Every piece of hand-written WordprocessingML the post-processor needs, in one place.

python-docx has no API for these: table and cell borders, table width and indent,
cell margins, repeated header rows, rows that must not split, table look flags,
paragraph borders (the short ND 30 rules), section breaks inside the body and
page-number restarts.  Everything else goes through python-docx's objects.
Readers of the same markup (grid spans, vertical merges, header flags) live here too.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Iterator

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
NO_BORDER = {"val": "nil"}
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")

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
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
        "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
        "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ).split(),
    "trPr": (
        "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight "
        "tblHeader tblCellSpacing jc hidden"
    ).split(),
}


#: Each property element's rank in its parent's schema order, by local name (set_child runs for every cell).
_RANKS = {parent: {name: rank for rank, name in enumerate(names)} for parent, names in _ORDER.items()}
_qn = functools.cache(qn)  # python-docx's qn splits and formats the name on every call


def _local_name(node: etree._Element) -> str:
    """etree.QName(node).localname, without building a QName (comments and processing instructions: "")."""
    tag = node.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def element(tag: str, **attrs: str) -> etree._Element:
    """A w: element with w: attributes."""
    new = OxmlElement(tag)
    for key, value in attrs.items():
        new.set(_qn(f"w:{key}"), value)
    return new


def child(parent: etree._Element, tag: str) -> etree._Element:
    """The property element ``tag`` of ``parent`` (e.g. w:tblPr), created first if missing."""
    found = parent.find(_qn(tag))
    if found is None:
        found = element(tag)
        parent.insert(0, found)
    return found


def set_child(parent: etree._Element, tag: str, replace: etree._Element | None = None,
              **attrs: str) -> etree._Element:
    """Set (or replace) one property element, keeping the schema order Word insists on."""
    new = replace if replace is not None else element(tag, **attrs)
    old = parent.find(_qn(tag))
    if old is not None:
        parent.replace(old, new)
        return new
    ranks = _RANKS.get(_local_name(parent), {})
    position = ranks.get(tag.split(":")[1], len(ranks))
    last_rank = ranks.get(_local_name(parent[-1])) if len(parent) else -1
    if last_rank is not None and last_rank < position:  # the usual case (children in schema order): it goes last
        parent.append(new)
        return new
    for index, existing in enumerate(parent):
        rank = ranks.get(_local_name(existing))
        if rank is not None and rank > position:
            parent.insert(index, new)
            return new
    parent.append(new)
    return new


def remove_children(parent: etree._Element, tag: str) -> None:
    for found in parent.findall(_qn(tag)):
        parent.remove(found)


# --------------------------------------------------------------------------- tables


def _borders(tag: str, spec: dict[str, str]) -> etree._Element:
    """A fresh copy of the borders element: copying one built once is ten times cheaper than building it, and
    data tables set one on every cell."""
    return copy.deepcopy(_border_prototype(tag, tuple(spec.items())))


@functools.cache
def _border_prototype(tag: str, spec: tuple[tuple[str, str], ...]) -> etree._Element:
    """Never put in a document: only copied."""
    borders = element(tag)
    for edge in _EDGES:
        borders.append(element(f"w:{edge}", **dict(spec)))
    return borders


def set_table_borders(tbl: etree._Element, spec: dict[str, str]) -> None:
    set_child(child(tbl, "w:tblPr"), "w:tblBorders", replace=_borders("w:tblBorders", spec))


def set_cell_borders(tc: etree._Element, spec: dict[str, str]) -> None:
    set_child(child(tc, "w:tcPr"), "w:tcBorders", replace=_borders("w:tcBorders", spec))


def set_table_width(tbl: etree._Element, twips: int | None = None, *, percent: bool = False) -> None:
    """Absolute width in twips, or the whole text width (``percent``: 5000 fiftieths of a per cent)."""
    value, kind = ("5000", "pct") if percent else (str(twips), "dxa")
    set_child(child(tbl, "w:tblPr"), "w:tblW", w=value, type=kind)


def set_table_indent(tbl: etree._Element, twips: int) -> None:
    set_child(child(tbl, "w:tblPr"), "w:tblInd", w=str(twips), type="dxa")


def set_cell_margins(tbl: etree._Element, left: int, right: int) -> None:
    margins = element("w:tblCellMar")
    margins.append(element("w:left", w=str(left), type="dxa"))
    margins.append(element("w:right", w=str(right), type="dxa"))
    set_child(child(tbl, "w:tblPr"), "w:tblCellMar", replace=margins)


def set_plain_look(tbl: etree._Element) -> None:
    """No conditional formatting (first row, banding) from the table style."""
    set_child(child(tbl, "w:tblPr"), "w:tblLook", val="0000", firstRow="0", lastRow="0",
              firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")


def set_vertical_center(tc: etree._Element) -> None:
    """What python-docx's ``cell.vertical_alignment = CENTER`` writes, without its generic element machinery
    (a third of the time of formatting a large annex)."""
    set_child(child(tc, "w:tcPr"), "w:vAlign", val="center")


def set_cant_split(tr: etree._Element) -> None:
    set_child(child(tr, "w:trPr"), "w:cantSplit")


def set_repeat_header(tr: etree._Element, on: bool) -> None:
    """Mark a row as a header row repeated at the top of every page (or clear the mark)."""
    if on:
        set_child(child(tr, "w:trPr"), "w:tblHeader")
        return
    tr_pr = tr.find(_qn("w:trPr"))
    if tr_pr is not None:
        remove_children(tr_pr, "w:tblHeader")


def has_header_flag(tr: etree._Element) -> bool:
    return is_on(tr.find(f"{_qn('w:trPr')}/{_qn('w:tblHeader')}"))


def look_has_first_row(tbl: etree._Element) -> bool:
    look = tbl.find(f"{_qn('w:tblPr')}/{_qn('w:tblLook')}")
    if look is None:
        return False
    first_row = look.get(_qn("w:firstRow"))
    if first_row is not None:
        return first_row in ("1", "true", "on")
    return bool(int(look.get(_qn("w:val"), "0"), 16) & 0x0020)


def cells(tr: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
    """(first grid column, span, w:tc) for each cell of a row."""
    column = 0
    grid_before = tr.find(_GRID_BEFORE)
    if grid_before is not None:
        column = int(grid_before.get(_VAL, "0"))
    for tc in tr.findall(_TC):
        span = tc.find(_GRID_SPAN)
        width = 1 if span is None else int(span.get(_VAL, "1"))
        yield column, width, tc
        column += width


_GRID_BEFORE = f"{_qn('w:trPr')}/{_qn('w:gridBefore')}"
_GRID_SPAN = f"{_qn('w:tcPr')}/{_qn('w:gridSpan')}"
_TC = _qn("w:tc")
_VAL = _qn("w:val")
_P_STYLE = f"{_qn('w:pPr')}/{_qn('w:pStyle')}"


def vmerge(tc: etree._Element) -> str | None:
    merge = tc.find(f"{_qn('w:tcPr')}/{_qn('w:vMerge')}")
    if merge is None:
        return None
    return merge.get(_qn("w:val"), "continue")


def grid_widths(tbl: etree._Element) -> list[int]:
    grid = tbl.find(_qn("w:tblGrid"))
    return [] if grid is None else [int(c.get(_qn("w:w"), "0")) for c in grid.findall(_qn("w:gridCol"))]


def is_on(flag: etree._Element | None) -> bool:
    """An OOXML on/off property: present and not switched off by w:val."""
    return flag is not None and flag.get(_qn("w:val"), "1") not in ("0", "false", "off")


# --------------------------------------------------------------------------- paragraphs


def style_id(p: etree._Element) -> str | None:
    found = p.find(_P_STYLE)
    return None if found is None else found.get(_VAL)


def text(node: etree._Element) -> str:
    return "".join(t.text or "" for t in node.iter(_qn("w:t")))


def lines(p: etree._Element) -> list[str]:
    """Text of a paragraph split at manual line breaks."""
    result = [""]
    for node in p.iter(_qn("w:t"), _qn("w:br"), _qn("w:tab")):
        if node.tag == _qn("w:t"):
            result[-1] += node.text or ""
        elif node.tag == _qn("w:tab"):
            result[-1] += " "
        else:
            result.append("")
    return result


def drop_leading_breaks(p: etree._Element) -> None:
    """Line breaks before a paragraph's first text (HTML spacing; Word spaces by style)."""
    for run in list(p.iter(_qn("w:r"))):
        if text(run).strip():
            return
        for br in run.findall(_qn("w:br")):
            run.remove(br)


def set_run_size(r: etree._Element, half_points: int, bold: bool = False) -> None:
    """What ``run.font.size = Pt(…)`` (and ``run.font.bold = True``) write, without python-docx's generic
    element machinery: data tables set it on every run."""
    r_pr = child(r, "w:rPr")
    if bold:
        set_child(r_pr, "w:b")
    set_child(r_pr, "w:sz", val=str(half_points))


def is_aligned(p: etree._Element) -> bool:
    """The paragraph has its own alignment (python-docx's ``paragraph.alignment is not None``)."""
    return p.find(f"{_qn('w:pPr')}/{_qn('w:jc')}") is not None


def set_centered(p: etree._Element) -> None:
    """What ``paragraph.alignment = CENTER`` writes."""
    set_child(child(p, "w:pPr"), "w:jc", val="center")


def rule_paragraph(style: str, indent: int, after: int = 120) -> etree._Element:
    """An empty 1-pt paragraph whose top border is a solid rule; its indents set its length."""
    rule = element("w:p")
    p_pr = element("w:pPr")
    rule.append(p_pr)
    p_pr.append(element("w:pStyle", val=style))
    border = element("w:pBdr")
    border.append(element("w:top", val="single", sz="6", space="1", color="000000"))
    p_pr.append(border)
    p_pr.append(element("w:spacing", before="40", after=str(after), line="240", lineRule="auto"))
    p_pr.append(element("w:ind", left=str(indent), right=str(indent), firstLine="0"))
    p_pr.append(tiny_mark())
    return rule


def is_rule(node: etree._Element) -> bool:
    border = node.find(f"{_qn('w:pPr')}/{_qn('w:pBdr')}/{_qn('w:top')}")
    return node.tag == _qn("w:p") and border is not None and not text(node)


def tiny_mark() -> etree._Element:
    """Run properties of a paragraph mark 1 pt high: the paragraph takes no visible room."""
    r_pr = element("w:rPr")
    r_pr.append(element("w:sz", val="2"))
    r_pr.append(element("w:szCs", val="2"))
    return r_pr


def hidden_mark() -> etree._Element:
    """Run properties of a hidden paragraph mark: the paragraph takes no room at all, in Word or LibreOffice."""
    r_pr = tiny_mark()
    r_pr.insert(0, element("w:vanish"))  # schema order: vanish before sz
    return r_pr


# --------------------------------------------------------------------------- sections


def block_before(node: etree._Element) -> etree._Element | None:
    """Previous block sibling, stepping over bookmarks and other markup."""
    for sibling in node.itersiblings(preceding=True):
        if sibling.tag in (_qn("w:p"), _qn("w:tbl"), _qn("w:sdt")):
            return sibling
    return None


def first_section_break(body: etree._Element) -> etree._Element | None:
    return body.find(f"{_qn('w:p')}/{_qn('w:pPr')}/{_qn('w:sectPr')}")


def end_section_before(start: etree._Element, sect_pr: etree._Element) -> None:
    """Close the section that runs up to ``start``: its properties go in the paragraph before it.

    WordprocessingML stores a section's properties at its END; a table cannot carry
    them, so after a table an empty paragraph is added to carry the break, its mark hidden: when the
    table (the signature block) ends at the foot of the page, a visible mark, however small, went to a
    page of its own, printed blank but for its number (the province's quarter report, page 6).
    """
    previous = block_before(start)
    if previous is not None and previous.tag == _qn("w:p"):
        carrier = previous
    else:
        carrier = element("w:p")
        p_pr = element("w:pPr")
        p_pr.append(element("w:spacing", before="0", after="0", line="20", lineRule="exact"))
        p_pr.append(hidden_mark())
        carrier.append(p_pr)
        start.addprevious(carrier)
    set_child(child(carrier, "w:pPr"), "w:sectPr", replace=sect_pr)


def restart_page_numbers(sect_pr: etree._Element) -> None:
    pg_num = sect_pr.find(_qn("w:pgNumType"))
    if pg_num is None:
        pg_num = element("w:pgNumType")
        _insert_after_any(sect_pr, pg_num,
                          ("w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType"))
    pg_num.set(_qn("w:start"), "1")


def _insert_after_any(parent: etree._Element, new: etree._Element, after: Iterable[str]) -> None:
    anchors = [parent.find(_qn(tag)) for tag in after]
    anchors = [anchor for anchor in anchors if anchor is not None]
    if anchors:
        anchors[-1].addnext(new)
    else:
        parent.insert(0, new)


def separate_adjacent_tables(body: etree._Element) -> None:
    """An empty paragraph between two tables that follow each other (Word would join them into one), as pandoc
    writes between its own tables: tables given to pandoc as raw OpenXML (:mod:`.gt_tables`) get none."""
    tbl = _qn("w:tbl")
    for node in body.iterchildren(tbl):
        following = node.getnext()
        if following is not None and following.tag == tbl:
            node.addnext(element("w:p"))


def deep_copy(node: etree._Element) -> etree._Element:
    return copy.deepcopy(node)


# --------------------------------------------------------------------------- pictures


def zero_picture_distances(inline: etree._Element) -> None:
    """An inline picture without wrap distances gets LibreOffice's default (0,32 cm a side):
    a chart as wide as the text then pokes into the right margin."""
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
