"""Annexes on their own landscape sections, numbered from 1; page numbers in the top margin.

ND 30/2020: page numbers centred in the top margin, not on page 1; annexes
(Phụ lục) numbered separately.  A paragraph styled ``Annex Title`` starts an
annex; consecutive ``Annex Title`` paragraphs belong to the same annex.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import Section
from lxml import etree

from tthc.render.docx import _xml
from tthc.render.docx._styles import StyleIds
from tthc.render.reference_docx import append_page_field


def body_section(document: DocxDocument) -> Section:
    """The portrait body: the first section (after a previous run it ends at the first break)."""
    return document.sections[0]


def text_width(section: Section) -> int:
    """Twips between the margins."""
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return 9354  # A4 with 30/15 mm margins
    return section.page_width.twips - section.left_margin.twips - section.right_margin.twips


def landscape_text_width(document: DocxDocument) -> int:
    return text_width(_landscape(_xml.deep_copy(body_section(document)._sectPr), document))


def elements_after_first_annex(document: DocxDocument, ids: StyleIds) -> set[etree._Element]:
    """Block elements that follow the first annex title: they will sit on landscape pages."""
    after: set[etree._Element] = set()
    seen = False
    for node in document.element.body:
        if node.tag == qn("w:p") and _xml.style_id(node) == ids.annex_title:
            seen = True
        elif seen:
            after.add(node)
    return after


def split_annex_sections(document: DocxDocument, ids: StyleIds) -> None:
    """Each annex gets its own landscape section whose page numbers restart at 1.

    The break before annex k carries the properties of the section BEFORE it (the
    portrait body for k = 1, annex k-1 otherwise), and the body's final sectPr
    becomes the last annex's.
    """
    body = document.element.body
    starts = [p for p in body.findall(qn("w:p"))
              if _xml.style_id(p) == ids.annex_title and not _continues_annex(p, ids)]
    if not starts:
        return
    portrait = _xml.deep_copy(body_section(document)._sectPr)
    landscape = _landscape(_xml.deep_copy(portrait), document)
    for index, start in enumerate(starts):
        if index == 0 and _xml.block_before(start) is None:
            continue  # the document is all annex: nothing to end
        _xml.end_section_before(start, _xml.deep_copy(portrait if index == 0 else landscape))
    body.replace(body.find(qn("w:sectPr")), landscape)


def ensure_page_number_header(document: DocxDocument) -> None:
    """Our reference doc brings the header; a foreign one may not, so add it here."""
    section = document.sections[-1]
    has_default = any(ref.get(qn("w:type")) == "default" for ref in section._sectPr.findall(qn("w:headerReference")))
    if not has_default:
        header = section.header
        header.is_linked_to_previous = False
        append_page_field(header.paragraphs[0]._p)
        header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not section.different_first_page_header_footer:
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False


def _continues_annex(p: etree._Element, ids: StyleIds) -> bool:
    previous = _xml.block_before(p)
    return previous is not None and previous.tag == qn("w:p") and _xml.style_id(previous) == ids.annex_title


def _landscape(sect_pr: etree._Element, document: DocxDocument) -> etree._Element:
    """Rotate the page a quarter turn clockwise: the bound left edge becomes the top."""
    section = Section(sect_pr, document.part)
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    if None not in margins:
        top, right, bottom, left = margins
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = left, top, right, bottom
    _xml.restart_page_numbers(sect_pr)
    return sect_pr
