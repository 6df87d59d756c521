"""The Word report follows Nghị định 30/2020: page, margins, fonts, header block, page numbers, annexes."""

from __future__ import annotations


import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm


@pytest.fixture(scope="module")
def document(september_report):
    return docx.Document(str(september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.docx"))


def mm(length) -> float:
    return round(length / Mm(1), 1)


def test_body_is_a4_portrait_with_nd30_margins(document):
    body = document.sections[0]
    assert (mm(body.page_width), mm(body.page_height)) == (210.0, 297.0)
    assert 20 <= mm(body.top_margin) <= 25 and 20 <= mm(body.bottom_margin) <= 25
    assert 30 <= mm(body.left_margin) <= 35 and 15 <= mm(body.right_margin) <= 20


def test_annexes_are_landscape_sections_numbered_from_one(document):
    annexes = document.sections[1:]
    assert len(annexes) == 4  # Phụ lục 1–4 (5–6 come from dossier records, which the seed month has not)
    for section in annexes:
        assert section.page_width > section.page_height
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_times_new_roman_and_body_size(document):
    styles = document.styles
    for name in ("Normal", "Body Text", "First Paragraph", "Title", "Heading 2"):
        fonts = styles[name].element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts.get(qn("w:ascii")) == "Times New Roman", name
    body = styles["Body Text"]
    assert 13 <= body.font.size.pt <= 14
    assert body.paragraph_format.first_line_indent is not None and body.paragraph_format.first_line_indent > 0
    assert body.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY


def test_header_block_is_a_borderless_two_column_table(document):
    header = document.tables[0]
    assert len(header.columns) == 2
    texts = [c.text for c in header.rows[0].cells]
    assert "UBND HUYỆN LƯƠNG TÀI" in texts[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[1]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert all(edge.get(qn("w:val")) in ("nil", "none") for edge in borders)


def test_page_number_field_in_the_top_margin_hidden_on_page_one(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_annex_tables_are_real_tables_with_merged_header_cells(document):
    data_tables = [t for t in document.tables[1:] if len(t.columns) > 5]
    assert len(data_tables) == 4  # Phụ lục 1, 2, 3 and the data-quality list (no dossier records in the seed month)
    for table in data_tables[:2]:
        xml = table._tbl.xml
        assert 'w:gridSpan w:val="4"' in xml  # "Đã giải quyết" spans its four columns
        assert "w:vMerge" in xml
        header_rows = [r for r in table.rows if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None]
        assert len(header_rows) == 2
