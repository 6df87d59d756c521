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


# --------------------------------------------------------------------------- the checklist of docs/nd30-layout.md


def effective(paragraph, attribute: str):
    """A font attribute as Word resolves it: the paragraph's runs, then its style and the styles it is based on."""
    values = {getattr(run.font, attribute) for run in paragraph.runs if run.text.strip()}
    if values and None not in values:
        return values.pop() if len(values) == 1 else values
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def signature_table(document):
    return next(t for t in document.tables if "Nơi nhận:" in t._tbl.xml)


def paragraphs_of(table):
    return [p for row in table.rows for cell in row.cells for p in cell.paragraphs if p.text.strip()]


def test_the_number_line_keeps_six_no_break_spaces_for_the_number(document):
    number = next(p.text for p in document.tables[0].rows[1].cells[0].paragraphs if p.text.startswith("Số:"))
    assert number == "Số:" + "\u00a0" * 6 + "/BC-TTHCC"


def test_the_signer_lines_are_bold_centred_13_to_14pt_with_room_for_the_signature(document):
    signer = [p for p in paragraphs_of(signature_table(document))
              if p.style.name in ("Signature", "Signer Name")]
    assert [p.text for p in signer] == ["KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Đỗ Minh Hiếu"]
    for paragraph in signer:
        assert effective(paragraph, "bold") is True
        assert 13 <= effective(paragraph, "size").pt <= 14
        assert paragraph.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert signer[1].style.paragraph_format.space_before.pt >= 50


def test_noi_nhan_is_bold_italic_12pt_and_its_lines_11pt(document):
    paragraphs = paragraphs_of(signature_table(document))
    heading = next(p for p in paragraphs if p.text == "Nơi nhận:")
    assert heading.style.name == "Recipients Heading"
    assert (effective(heading, "bold"), effective(heading, "italic"), effective(heading, "size").pt) == (True, True, 12)
    lines = [p for p in paragraphs if p.style.name == "Recipients"]
    assert lines[-1].text == "- Lưu: VT."
    assert all(effective(p, "size").pt == 11 for p in lines)


def test_the_signature_block_has_no_borders(document):
    table = signature_table(document)
    values = {edge.get(qn("w:val")) for edge in table._tbl.iter(qn("w:tblBorders"), qn("w:tcBorders"))
              for edge in edge}
    assert values <= {"nil", "none"}


def test_the_chart_is_a_centred_unindented_paragraph_within_the_text_width(document):
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    pictures = [p for p in document.paragraphs if p._p.findall(".//" + qn("w:drawing"))]
    assert pictures  # the payment chart
    for paragraph in pictures:
        assert paragraph.style.name == "Figure"
        assert not paragraph.paragraph_format.first_line_indent
        assert not paragraph.style.paragraph_format.first_line_indent
    assert all(shape.width <= text_width for shape in document.inline_shapes)


def test_total_rows_are_bold(document):
    totals = [row for table in document.tables[1:] for row in table.rows
              if any(cell.text.strip() in ("Tổng", "Toàn huyện") for cell in row.cells[:3])]
    assert len(totals) >= 2  # Phụ lục 1 and 2 each end on a total (Phụ lục 3 lists units only)
    for row in totals:
        runs = [run for cell in row.cells for p in cell.paragraphs for run in p.runs if run.text.strip()]
        assert runs and all(run.bold for run in runs), [c.text for c in row.cells]


def test_the_files_properties_carry_the_title_and_the_reports_date(document):
    properties = document.core_properties
    assert properties.title.startswith("BÁO CÁO Kết quả công tác tháng 09/2024")
    assert properties.created.date().isoformat() == "2024-09-24"


def test_the_html_page_keeps_the_same_blank_for_the_number(september_report):
    page = (september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.html").read_text(encoding="utf-8")
    cell = page.split('class="number">', 1)[1].split("</td>", 1)[0]
    assert cell.replace("&nbsp;", "\u00a0").replace("&#160;", "\u00a0") == "Số:" + "\u00a0" * 6 + "/BC-TTHCC"


def test_the_place_and_date_are_italic_under_the_motto(document):
    header = document.tables[0]
    place = next(p for p in header.rows[1].cells[1].paragraphs if p.text.strip())
    assert place.text == "Lương Tài, ngày 24 tháng 9 năm 2024"
    assert effective(place, "italic") is True
    assert "Độc lập - Tự do - Hạnh phúc" in header.rows[0].cells[1].text  # same column, the row above


def test_the_title_is_centred_bold_under_the_header_block_with_a_rule_under_its_subject(document):
    body = list(document.element.body.iterchildren())
    assert body[0].tag == qn("w:tbl")  # the header block comes first
    titles = [p for p in document.paragraphs[:8] if p.style.name in ("Title", "Subtitle") and p.text.strip()]
    assert [p.text for p in titles] == ["BÁO CÁO", "Kết quả công tác tháng 09/2024 và phương hướng, nhiệm vụ tháng 10/2024"]
    for paragraph in titles:
        assert effective(paragraph, "bold") is True
        assert paragraph.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    rule = titles[1]._p.getnext()
    assert rule.find(qn("w:pPr")).find(qn("w:pBdr")) is not None and "".join(rule.itertext()) == ""
