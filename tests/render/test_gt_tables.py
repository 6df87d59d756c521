"""The annexes reach Word without pandoc's table path, and Word cannot tell: a great-tables table written as
OpenXML before pandoc runs gives the same document as pandoc reading its HTML, once the layout rules ran."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import lxml.html
import nbformat
import polars as pl
from great_tables import GT

from tthc.render.docx.gt_tables import Cell, read_html_table, replace_html_tables, write_word_notebook
from tthc.render.engine import docx_of_notebook, pandoc_docx

DOSSIERS = pl.DataFrame({
    "stt": ["1", "2", "", ""],
    "unit": ["Phòng Tư pháp", "UBND xã Trung Kênh & An Thịnh", "Tổng", "<không rõ>"],
    "received": [90, 1204, 1294, 0],
    "early": [12, 300, 312, 0],
    "on_time": [78, 904, 982, 0],
    "group": ["Phòng, ban", "Xã", "Xã", "Xã"],
})


def annex_html(groups: bool = False) -> str:
    table = GT(DOSSIERS, id="phu-luc-1", groupname_col="group") if groups else GT(DOSSIERS.drop("group"), id="phu-luc-1")
    table = table.tab_spanner("Đã giải quyết", ["early", "on_time"]).cols_label(
        stt="STT", unit="Tên đơn vị", received="Tổng hồ sơ tiếp nhận trong kỳ", early="Trước hạn",
        on_time="Đúng hạn").fmt_integer(["received", "early", "on_time"], sep_mark=".").cols_align(
        "right", ["received", "early", "on_time"])
    return table.as_raw_html()


def grid(html: str) -> tuple[int, list]:
    return read_html_table(next(lxml.html.fragment_fromstring(html, create_parent="div").iter("table")))


def test_spanners_and_labels_become_word_merges() -> None:
    columns, rows = grid(annex_html())

    assert columns == 5
    first, second = rows[0], rows[1]
    assert first.header and second.header and not rows[2].header
    assert [(c.lines, c.span, c.merge) for c in first.cells] == [
        (("STT",), 1, "restart"), (("Tên đơn vị",), 1, "restart"),
        (("Tổng hồ sơ tiếp nhận trong kỳ",), 1, "restart"), (("Đã giải quyết",), 2, None)]
    assert [(c.lines, c.merge) for c in second.cells] == [
        ((), "continue"), ((), "continue"), ((), "continue"), (("Trước hạn",), None), (("Đúng hạn",), None)]


def test_cells_keep_their_text_alignment_and_emptiness() -> None:
    _, rows = grid(annex_html())

    body = rows[2:]
    assert body[1].cells[1] == Cell(("UBND xã Trung Kênh & An Thịnh",), align="left")
    assert body[1].cells[2] == Cell(("1.204",), align="right")
    assert body[2].cells[0].lines == ()  # the total row has no number
    assert body[3].cells[1].lines == ("<không rõ>",)


def test_a_line_break_is_a_line_and_spaces_collapse_as_pandoc_does() -> None:
    _, rows = grid("<table class='gt_table'><tr><td>Hồ sơ\n   quá hạn<br>(tồn)\u00a0kỳ trước</td></tr></table>")

    assert rows[0].cells[0].lines == ("Hồ sơ quá hạn", "(tồn)\u00a0kỳ trước")


def test_only_great_tables_blocks_are_replaced() -> None:
    header = f"```{{=html}}\n{header_block_html_sample()}\n```"
    annex = f"```{{=html}}\n{annex_html()}\n```"

    replaced = replace_html_tables(f"{header}\n\nĐoạn văn.\n\n{annex}\n")

    assert replaced.startswith(header)  # the header block keeps pandoc's path (bold, italic, rules)
    assert "```{=openxml}\n<w:tbl>" in replaced
    assert "gt_table" not in replaced and "Đoạn văn." in replaced


def header_block_html_sample() -> str:
    return ('<table class="nd30-header"><tr><td><p>UBND HUYỆN LƯƠNG TÀI</p></td>'
            "<td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p></td></tr></table>")


def notebook_with(tmp_path: Path, markdown: str) -> Path:
    cell = nbformat.v4.new_code_cell("show_markdown(annex)", outputs=[
        nbformat.v4.new_output("display_data", data={"text/markdown": markdown})])
    path = tmp_path / "executed.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), str(path))
    return path


def pandoc_table_path(executed: Path, output: Path, workdir: Path) -> Path:
    """The DOCX as it was made before: pandoc reads the HTML tables itself (html_tables.lua)."""
    workdir.mkdir()
    return docx_of_notebook(executed, output, workdir)


def document_xml(path: Path) -> str:
    return zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")


def test_the_word_document_is_the_one_pandoc_s_table_path_gave(tmp_path: Path) -> None:
    markdown = "\n\n".join([
        "```{=html}\n" + header_block_html_sample() + "\n```",
        '::: {custom-style="Annex Title"}\nPhụ lục 1\\\nTÌNH HÌNH TIẾP NHẬN\n:::',
        "```{=html}\n" + f'<div class="table-scroll">{annex_html()}</div>' + "\n```",
        "```{=html}\n" + annex_html(groups=True) + "\n```",
    ])
    executed = notebook_with(tmp_path, markdown)
    (tmp_path / "direct").mkdir()

    direct = pandoc_docx(executed, tmp_path / "direct.docx", tmp_path / "direct")
    through_pandoc = pandoc_table_path(executed, tmp_path / "pandoc.docx", tmp_path / "pandoc")

    assert document_xml(direct) == document_xml(through_pandoc)
    assert document_xml(direct).count("<w:tbl>") == 3


def test_the_word_notebook_is_a_copy_and_the_executed_one_is_untouched(tmp_path: Path) -> None:
    executed = notebook_with(tmp_path, "```{=html}\n" + annex_html() + "\n```")
    before = executed.read_bytes()

    copy = write_word_notebook(executed, tmp_path / "word.ipynb")

    assert executed.read_bytes() == before
    [output] = json.loads(copy.read_text(encoding="utf-8"))["cells"][0]["outputs"]
    assert output["data"]["text/markdown"].startswith("```{=openxml}\n<w:tbl>")
