"""Markdown with great-tables HTML -> real pandoc -> postprocess: an ND 30/2020 Word report.

Every test reads the .docx that the real pipeline wrote; nothing is mocked.
"""

from __future__ import annotations

import json
from datetime import datetime
from importlib.resources import files
from pathlib import Path

import nbformat
import pypandoc
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from tthc.render.docx._metrics import text_width
from tthc.render.docx.header import _SAFETY, CELL_MARGIN, _break_in_two, balanced_halves
from tthc.render.docx.tables import is_total_row
from tthc.render.docx_postprocess import postprocess_docx
from tthc.render.reference_docx import build_reference_docx

FILTERS = files("tthc.render") / "filters"
HTML_TABLES = str(FILTERS / "html_tables.lua")
NOTEBOOK_OUTPUTS = str(FILTERS / "notebook_outputs.lua")

HEADER_TABLE = """\
```{=html}
<table>
<tr>
<td><p>UBND HUYỆN LƯƠNG TÀI</p><p><strong>TRUNG TÂM HÀNH CHÍNH CÔNG</strong></p></td>
<td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>
<p><strong>Độc lập - Tự do - Hạnh phúc</strong></p></td>
</tr>
<tr>
<td><p>Số: &nbsp;&nbsp;&nbsp;/BC-TTHCC</p></td>
<td><p><em>Lương Tài, ngày 24 tháng 9 năm 2024</em></p></td>
</tr>
</table>
```
"""

ANNEX_TABLE = """\
```{=html}
<table>
<thead>
<tr><th rowspan="2">STT</th><th rowspan="2">Đơn vị</th><th colspan="2">Đã giải quyết</th></tr>
<tr><th>Trước hạn</th><th>Đúng hạn</th></tr>
</thead>
<tbody>
<tr><td>1</td><td>Phòng Tài nguyên và Môi trường</td><td>120</td><td>3</td></tr>
<tr><td>2</td><td>Phòng Tư pháp</td><td>90</td><td>0</td></tr>
</tbody>
</table>
```
"""

REPORT = f"""\
{HEADER_TABLE}
::: {{custom-style="Title"}}
BÁO CÁO
:::

::: {{custom-style="Subtitle"}}
Kết quả công tác tháng 09/2024 và phương hướng, nhiệm vụ tháng 10/2024
:::

# I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ

Trong kỳ báo cáo (từ ngày 24/8/2024 đến ngày 23/9/2024), Trung tâm đã tiếp nhận 419 hồ sơ,
trong đó 284 hồ sơ trực tuyến. Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 99,53%.

Thanh toán trực tuyến đạt 105/112 hồ sơ, tỷ lệ 93,75%./.

::: {{custom-style="Recipients Heading"}}
Nơi nhận:
:::

::: {{custom-style="Recipients"}}
\\- Văn phòng HĐND và UBND huyện;\\
\\- Lưu: VT, TTHCC.
:::

::: {{custom-style="Annex Title"}}
Phụ lục 1
:::

{ANNEX_TABLE}
::: {{custom-style="Annex Title"}}
Phụ lục 2

KẾT QUẢ SỐ HÓA HỒ SƠ
:::

::: {{custom-style="Annex Caption"}}
(Kèm theo Báo cáo số /BC-TTHCC ngày 24 tháng 9 năm 2024)
:::

{ANNEX_TABLE}
"""


def render(markdown: str, folder: Path, reference: Path, name: str = "report") -> Path:
    """The production path: pandoc + our filter + our reference doc, then postprocess."""
    source = folder / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    output = folder / f"{name}.docx"
    pypandoc.convert_file(
        str(source),
        "docx",
        outputfile=str(output),
        extra_args=["--reference-doc", str(reference), "--lua-filter", HTML_TABLES],
    )
    postprocess_docx(output)
    return output


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_reference_docx(tmp_path_factory.mktemp("ref") / "reference.docx")


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory, reference: Path) -> Path:
    return render(REPORT, tmp_path_factory.mktemp("report"), reference)


@pytest.fixture(scope="module")
def report(report_path: Path):
    return Document(str(report_path))


def w(element, path: str):
    """All descendants matching a w:-prefixed XPath."""
    return element.xpath(path)


def sect_pr(section):
    return section._sectPr


# --------------------------------------------------------------------------- page and fonts


def test_the_body_is_a4_portrait_with_nd30_margins(report) -> None:
    body = report.sections[0]
    assert body.orientation == WD_ORIENT.PORTRAIT
    assert abs(body.page_width - Mm(210)) < Mm(0.2)
    assert abs(body.page_height - Mm(297)) < Mm(0.2)
    assert Mm(19.9) <= body.top_margin <= Mm(25)
    assert Mm(19.9) <= body.bottom_margin <= Mm(25)
    assert Mm(29.9) <= body.left_margin <= Mm(35)
    assert Mm(14.9) <= body.right_margin <= Mm(20)


def test_text_styles_are_times_new_roman_13_to_14pt(report) -> None:
    for name in ("Body Text", "First Paragraph", "Heading 1", "Title", "Subtitle"):
        style = report.styles[name]
        assert style.font.name == "Times New Roman"
        assert Pt(13) <= style.font.size <= Pt(14)
    body = [p for p in report.paragraphs if p.text.startswith("Trong kỳ báo cáo")]
    assert body and body[0].style.name in ("First Paragraph", "Body Text")


# --------------------------------------------------------------------------- tables


def test_raw_html_tables_become_word_tables(report) -> None:
    assert len(report.tables) == 3  # header block + one table per annex


def test_the_first_table_is_a_borderless_two_column_header_block(report) -> None:
    header = report.tables[0]
    assert len(header.columns) == 2
    table_borders = w(header._tbl, "./w:tblPr/w:tblBorders/*")
    assert len(table_borders) == 6
    assert {b.get(qn("w:val")) for b in table_borders} == {"nil"}
    for cell in header._tbl.iter(qn("w:tc")):
        assert {b.get(qn("w:val")) for b in w(cell, "./w:tcPr/w:tcBorders/*")} == {
            "nil"
        }
    styles = {
        p.style.name for row in header.rows for c in row.cells for p in c.paragraphs
    }
    assert styles == {"Header Block"}
    assert not w(header._tbl, ".//w:tblHeader")


def test_the_header_block_keeps_its_texts_side_by_side(report) -> None:
    left, right = report.tables[0].rows[0].cells
    assert "TRUNG TÂM HÀNH CHÍNH CÔNG" in left.text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.text
    assert "Độc lập - Tự do - Hạnh phúc" in right.text


def test_the_header_block_splits_roughly_40_60(report) -> None:
    widths = [
        int(c.get(qn("w:w"))) for c in w(report.tables[0]._tbl, "./w:tblGrid/w:gridCol")
    ]
    share = widths[0] / sum(widths)
    assert 0.35 <= share <= 0.48
    section = report.sections[0]
    text_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips  # as stored
    assert (
        text_width * 0.98 <= sum(widths) <= text_width + Mm(10).twips
    )  # may reach into the margin


def test_a_long_issuer_takes_two_even_lines_and_the_quoc_hieu_keeps_one(tmp_path: Path, reference: Path) -> None:
    """A commune's centre since 1/7/2025: "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" beside the Quốc hiệu cannot both
    hold one line; the name is broken where its halves are even, and the Quốc hiệu's column fits it whole."""
    header = (HEADER_TABLE.replace("UBND HUYỆN LƯƠNG TÀI", "UBND XÃ LÂM THAO")
              .replace("TRUNG TÂM HÀNH CHÍNH CÔNG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"))
    document = Document(str(render(header, tmp_path, reference)))
    left, right = document.tables[0].rows[0].cells
    issuer = next(p for p in left.paragraphs if "TRUNG TÂM" in p.text)
    nation = next(p for p in right.paragraphs if "CỘNG HÒA" in p.text)
    widths = [int(c.get(qn("w:w"))) for c in w(document.tables[0]._tbl, "./w:tblGrid/w:gridCol")]
    size = nation.runs[0].font.size.pt

    assert issuer.text == "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG"  # python-docx reads <w:br/> as a newline
    assert "\n" not in nation.text
    assert widths[1] >= round(text_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size, bold=True) * _SAFETY) + 2 * CELL_MARGIN


def test_a_name_written_in_several_runs_is_broken_where_its_whole_text_is_even() -> None:
    paragraph = Document().add_paragraph()
    for part in ("TRUNG TÂM ", "PHỤC VỤ HÀNH ", "CHÍNH CÔNG"):
        paragraph.add_run(part).bold = True

    _break_in_two(paragraph, len, room=20)

    assert paragraph.text == "TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG"
    assert [run.text for run in paragraph.runs] == ["TRUNG TÂM ", "PHỤC VỤ\nHÀNH ", "CHÍNH CÔNG"]


def test_a_name_is_cut_at_the_space_that_evens_its_halves() -> None:
    assert balanced_halves("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", len) == ("TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG")
    assert balanced_halves("TRUNGTÂM", len) is None


def test_short_rules_sit_under_the_issuer_and_the_motto(report) -> None:
    for cell in report.tables[0].rows[0].cells:
        rules = [p for p in cell._tc.iter(qn("w:p")) if w(p, "./w:pPr/w:pBdr/w:top")]
        assert len(rules) == 1
        assert rules[0].getprevious() is not None and "".join(rules[0].itertext()) == ""


def test_data_tables_keep_merged_header_cells(report) -> None:
    for table in report.tables[1:]:
        spans = w(table._tbl, ".//w:tcPr/w:gridSpan[@w:val='2']")
        restarts = w(table._tbl, ".//w:tcPr/w:vMerge[@w:val='restart']")
        continues = w(
            table._tbl, ".//w:tcPr/w:vMerge[not(@w:val) or @w:val='continue']"
        )
        assert len(spans) == 1 and len(restarts) == 2 and len(continues) == 2


def test_both_header_rows_repeat_on_every_page_and_body_rows_do_not(report) -> None:
    for table in report.tables[1:]:
        flags = [
            bool(w(row, "./w:trPr/w:tblHeader")) for row in table._tbl.iter(qn("w:tr"))
        ]
        assert flags == [True, True, False, False]


def test_data_tables_have_borders_on_every_cell(report) -> None:
    for table in report.tables[1:]:
        for cell in table._tbl.iter(qn("w:tc")):
            borders = w(cell, "./w:tcPr/w:tcBorders/*")
            assert {b.get(qn("w:val")) for b in borders} == {"single"}


def test_data_table_text_is_10_to_11pt_and_headers_are_bold(report) -> None:
    table = report.tables[1]
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                if paragraph.text:
                    assert Pt(10) <= paragraph.style.font.size <= Pt(11)
    header_runs = [r for c in table.rows[0].cells for p in c.paragraphs for r in p.runs]
    assert header_runs and all(r.bold for r in header_runs)


# --------------------------------------------------------------------------- sections


def test_each_annex_is_its_own_section(report) -> None:
    first_texts = []
    for section in report.sections:
        paragraphs = [
            b
            for b in section.iter_inner_content()
            if isinstance(b, Paragraph) and b.text
        ]
        first_texts.append(paragraphs[0].text)
    assert len(report.sections) == 3
    assert first_texts[0] == "BÁO CÁO"  # the first paragraph after the header table
    assert first_texts[1:] == ["Phụ lục 1", "Phụ lục 2"]


def test_annexes_are_a4_landscape_and_restart_numbering(report) -> None:
    body = report.sections[0]
    for annex in report.sections[1:]:
        assert annex.orientation == WD_ORIENT.LANDSCAPE
        assert abs(annex.page_width - Mm(297)) < Mm(0.2)
        assert abs(annex.page_height - Mm(210)) < Mm(0.2)
        assert annex.top_margin == body.left_margin  # binding edge now on top
        assert {annex.left_margin, annex.right_margin} == {
            body.top_margin,
            body.bottom_margin,
        }
        assert w(sect_pr(annex), "./w:pgNumType/@w:start") == ["1"]


def test_every_section_numbers_pages_in_the_header_but_not_its_first_page(
    report,
) -> None:
    for section in report.sections:
        assert section.different_first_page_header_footer
        instructions = "".join(
            t.text for t in section.header._element.iter(qn("w:instrText"))
        )
        assert "PAGE" in instructions
        assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_an_annex_title_split_over_two_paragraphs_starts_one_section(report) -> None:
    annex = report.sections[2]
    titles = [
        b.text
        for b in annex.iter_inner_content()
        if isinstance(b, Paragraph) and b.style.name == "Annex Title"
    ]
    assert titles == ["Phụ lục 2", "KẾT QUẢ SỐ HÓA HỒ SƠ"]


# --------------------------------------------------------------------------- reproducibility


def test_same_markdown_gives_the_same_bytes(
    tmp_path: Path, reference: Path, report_path: Path
) -> None:
    again = render(REPORT, tmp_path, reference)
    assert again.read_bytes() == report_path.read_bytes()


def test_postprocessing_twice_changes_nothing(
    tmp_path: Path, report_path: Path
) -> None:
    copy = tmp_path / "copy.docx"
    copy.write_bytes(report_path.read_bytes())
    postprocess_docx(copy)
    assert copy.read_bytes() == report_path.read_bytes()


def test_core_properties_carry_the_reports_title_and_date_not_the_clock(report) -> None:
    """Was "a fixed date" (5/3/2020, the reference document's); now the report's own date, still clock-free."""
    props = report.core_properties
    assert props.created.replace(tzinfo=None) == datetime(2024, 9, 24)  # "ngày 24 tháng 9 năm 2024"
    assert props.modified == props.created
    assert props.title == (
        "BÁO CÁO Kết quả công tác tháng 09/2024 và phương hướng, nhiệm vụ tháng 10/2024"
    )


def test_core_properties_follow_source_date_epoch(
    tmp_path: Path, reference: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727395200")  # 27/9/2024 00:00 UTC
    document = Document(str(render(REPORT, tmp_path, reference)))
    assert document.core_properties.created.replace(tzinfo=None) == datetime(2024, 9, 27)


# --------------------------------------------------------------------------- conventions


def test_a_yaml_title_moves_below_the_header_block(
    tmp_path: Path, reference: Path
) -> None:
    markdown = (
        "---\ntitle: BÁO CÁO\nsubtitle: Kết quả tháng 09/2024\n---\n\n" + HEADER_TABLE
    )
    document = Document(str(render(markdown, tmp_path, reference)))
    body = list(document.element.body.iterchildren())
    assert body[0].tag == qn("w:tbl")
    titles = [
        p.text
        for p in document.paragraphs
        if p.text and p.style.name in ("Title", "Subtitle")
    ]
    assert titles == ["BÁO CÁO", "Kết quả tháng 09/2024"]


def test_a_document_without_a_header_block_keeps_its_title_first_and_its_first_table_ruled(
    tmp_path: Path, reference: Path
) -> None:
    """The trends report opens on its title, and its first table holds figures: the title stays above it,
    and the table is ruled like every data table (it was taken for the header block and left borderless)."""
    markdown = (
        '::: {custom-style="Title"}\nTRUNG TÂM HÀNH CHÍNH CÔNG HUYỆN LƯƠNG TÀI\n:::\n\n'
        '::: {custom-style="Subtitle"}\nXu hướng kết quả giải quyết TTHC từ kỳ 01/2024 đến kỳ 12/2024\n:::\n\n'
        "## 1. Các tỷ lệ chính của kỳ gần nhất\n\n"
        "| Nơi tiếp nhận | Chỉ tiêu | Tỷ lệ |\n|---|---|---:|\n"
        "| Trung tâm HCC | Tỷ lệ giải quyết sớm và đúng hạn | 99,17% |\n"
        "| Xã, thị trấn | Tỷ lệ tiếp nhận trực tuyến | 100,00% |\n"
    )
    document = Document(str(render(markdown, tmp_path, reference)))
    body = [child for child in document.element.body.iterchildren() if child.tag != qn("w:sectPr")]
    [table] = document.tables
    borders = w(table._tbl, "./w:tblPr/w:tblBorders/*")

    assert [p.text for p in document.paragraphs if p.style.name in ("Title", "Subtitle")][:2] == [
        "TRUNG TÂM HÀNH CHÍNH CÔNG HUYỆN LƯƠNG TÀI",
        "Xu hướng kết quả giải quyết TTHC từ kỳ 01/2024 đến kỳ 12/2024"]
    assert body.index(table._tbl) > body.index(document.paragraphs[0]._p)
    assert document.paragraphs[0].text == "TRUNG TÂM HÀNH CHÍNH CÔNG HUYỆN LƯƠNG TÀI"
    assert borders and all(b.get(qn("w:val")) == "single" for b in borders)
    assert len(table.columns) == 3


def test_a_signature_table_is_laid_out_without_borders(
    tmp_path: Path, reference: Path
) -> None:
    signature = """
```{=html}
<table><tr>
<td><div data-custom-style="Recipients Heading">Nơi nhận:</div>
<div data-custom-style="Recipients">- Lưu: VT, TTHCC.</div></td>
<td><div data-custom-style="Signature">KT. GIÁM ĐỐC<br>PHÓ GIÁM ĐỐC</div></td>
</tr></table>
```
"""
    document = Document(str(render(HEADER_TABLE + signature, tmp_path, reference)))
    layout = document.tables[1]
    styles = [p.style.name for c in layout.rows[0].cells for p in c.paragraphs]
    assert styles == ["Recipients Heading", "Recipients", "Signature"]
    assert {b.get(qn("w:val")) for b in w(layout._tbl, ".//w:tcBorders/*")} == {"nil"}


def test_great_tables_html_becomes_a_table_with_merged_spanner(
    tmp_path: Path, reference: Path
) -> None:
    great_tables = pytest.importorskip("great_tables")
    polars = pytest.importorskip("polars")
    frame = polars.DataFrame(
        {"Đơn vị": ["Phòng Tư pháp"], "Trực tiếp": [10], "Trực tuyến": [90]}
    )
    html = (
        great_tables.GT(frame)
        .tab_spanner("Hồ sơ tiếp nhận", ["Trực tiếp", "Trực tuyến"])
        .as_raw_html()
    )
    markdown = HEADER_TABLE + "\n```{=html}\n" + html + "\n```\n"
    path = render(markdown, tmp_path, reference)
    document = Document(str(path))
    assert len(document.tables) == 2
    table = document.tables[1]
    assert w(table._tbl, ".//w:gridSpan[@w:val='2']")
    assert "Hồ sơ tiếp nhận" in table._tbl.xpath("string(.)")
    xml = document.element.xml
    assert "font-family" not in xml  # GT's <style> is gone
    assert "w:bookmarkStart" not in xml  # GT's random div id did not become a bookmark


def test_html_pasted_without_a_fence_is_still_one_table(
    tmp_path: Path, reference: Path
) -> None:
    unfenced = (
        HEADER_TABLE
        + "\n"
        + ANNEX_TABLE.replace("```{=html}\n", "").replace("```\n", "")
    )
    document = Document(str(render(unfenced, tmp_path, reference)))
    assert len(document.tables) == 2
    assert len(document.tables[1]._tbl.findall(qn("w:tr"))) == 4


# --------------------------------------------------------------------------- filters


def test_the_table_filter_leaves_html_output_alone(tmp_path: Path) -> None:
    source = tmp_path / "t.md"
    source.write_text(
        ANNEX_TABLE + "\n```{=html}\n<style>td {color: red}</style>\n```\n",
        encoding="utf-8",
    )
    plain = pypandoc.convert_file(str(source), "html")
    filtered = pypandoc.convert_file(
        str(source), "html", extra_args=["--lua-filter", HTML_TABLES]
    )
    assert filtered == plain
    assert '<th colspan="2">Đã giải quyết</th>' in filtered
    assert "<style>" in filtered


def test_the_table_filter_drops_other_raw_html_for_word(tmp_path: Path) -> None:
    source = tmp_path / "t.md"
    source.write_text(
        "```{=html}\n<script>alert(1)</script>\n```\n\nVăn bản.\n", encoding="utf-8"
    )
    native = pypandoc.convert_file(
        str(source), "json", extra_args=["--lua-filter", HTML_TABLES]
    )
    blocks = json.loads(native)["blocks"]
    assert [block["t"] for block in blocks] == ["Para"]


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Báo cáo tháng"),
        nbformat.v4.new_code_cell(
            "print('debug')\ndisplay(table)",
            execution_count=1,
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="debug\n"),
                nbformat.v4.new_output(
                    "stream", name="stderr", text="DeprecationWarning\n"
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "text/markdown": "Tỷ lệ đúng hạn **99,53%**",
                        "text/plain": "<Markdown>",
                    },
                ),
                nbformat.v4.new_output(
                    "execute_result",
                    execution_count=1,
                    data={
                        "text/html": "<table><tr><th>STT</th></tr><tr><td>1</td></tr></table>",
                        "text/plain": "GT(...)",
                    },
                ),
            ],
        ),
    ]
    path = tmp_path / "report.ipynb"
    nbformat.write(nb, path)
    return path


def test_notebook_outputs_keep_only_rich_outputs_in_word(
    notebook: Path, tmp_path: Path, reference: Path
) -> None:
    output = tmp_path / "nb.docx"
    pypandoc.convert_file(
        str(notebook),
        "docx",
        outputfile=str(output),
        extra_args=[
            "--ipynb-output=all",
            "--reference-doc",
            str(reference),
            "--lua-filter",
            NOTEBOOK_OUTPUTS,
            "--lua-filter",
            HTML_TABLES,
        ],
    )
    text = Document(str(output)).element.body.xpath("string(.)")
    assert "Báo cáo tháng" in text
    assert "Tỷ lệ đúng hạn 99,53%" in text  # markdown output, not its text/plain repr
    assert "STT" in text  # HTML table output became a Word table
    for noise in ("print(", "debug", "DeprecationWarning", "<Markdown>", "GT(...)"):
        assert noise not in text


def test_notebook_outputs_unwrap_cells_and_drop_sources_and_streams(notebook: Path) -> None:
    native = pypandoc.convert_file(
        str(notebook), "json", extra_args=["--ipynb-output=all", "--lua-filter", NOTEBOOK_OUTPUTS]
    )
    blocks = json.loads(native)["blocks"]
    # heading, the markdown output's paragraph, the HTML table: no cell wrappers, no code, no streams
    assert [block["t"] for block in blocks] == ["Header", "Para", "RawBlock"]
    assert blocks[2]["c"][0] == "html"


@pytest.mark.parametrize(("label", "total"), [
    ("Tổng", True), ("Tổng cộng", True), ("Tổng cộng toàn tỉnh", True), ("Toàn huyện", True), ("Toàn xã", True),
    ("Toàn Trung tâm", True), ("UBND xã Trung Kênh", False), ("Tổng cục Thuế", False), ("Cấp tỉnh", False),
])
def test_a_total_row_is_told_by_its_label(label: str, total: bool) -> None:
    table = Document().add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "", label

    assert is_total_row(table.rows[0]) is total
