"""The reference .docx carries the ND 30/2020 page, fonts and paragraph styles."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypandoc
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tthc.render.reference_docx import FIXED_DATE, build_reference_docx, cached_reference_docx

FONT = "Times New Roman"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_reference_docx(tmp_path_factory.mktemp("ref") / "reference.docx")


@pytest.fixture(scope="module")
def document(reference: Path):
    return Document(str(reference))


def style(document, name: str):
    return document.styles[name]


def test_build_returns_the_path_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "ref.docx"
    assert build_reference_docx(target) == target
    assert target.is_file()


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_reference_docx(tmp_path / "a.docx").read_bytes()
    second = build_reference_docx(tmp_path / "b.docx").read_bytes()
    assert first == second


def test_the_cached_reference_is_the_built_one_and_is_built_once(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    built = build_reference_docx(tmp_path / "built.docx").read_bytes()
    first = cached_reference_docx(tmp_path / "one" / "reference.docx")
    assert first.read_bytes() == built
    [cached] = (tmp_path / "cache" / "tthc").glob("reference-*.docx")
    stamp = cached.stat().st_mtime_ns
    second = cached_reference_docx(tmp_path / "two" / "reference.docx")
    assert second.read_bytes() == built
    assert cached.stat().st_mtime_ns == stamp  # served from the cache, not rebuilt
    assert [p.name for p in cached.parent.iterdir()] == [cached.name]  # no temporary file left behind


def test_an_unwritable_cache_builds_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    target = cached_reference_docx(tmp_path / "reference.docx")
    assert target.read_bytes() == build_reference_docx(tmp_path / "built.docx").read_bytes()


def test_core_properties_do_not_depend_on_the_clock(document) -> None:
    props = document.core_properties
    assert props.created == FIXED_DATE
    assert props.modified == FIXED_DATE
    assert props.revision == 1


def test_zip_entries_have_a_fixed_date(reference: Path) -> None:
    with zipfile.ZipFile(reference) as package:
        assert {info.date_time for info in package.infolist()} == {
            (1980, 1, 1, 0, 0, 0)
        }


def test_page_is_a4_portrait_with_nd30_margins(document) -> None:
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.2)
    assert abs(section.page_height - Mm(297)) < Mm(0.2)
    assert Mm(20) - Mm(0.1) <= section.top_margin <= Mm(25)
    assert Mm(20) - Mm(0.1) <= section.bottom_margin <= Mm(25)
    assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35)
    assert Mm(15) - Mm(0.1) <= section.right_margin <= Mm(20)


def test_times_new_roman_is_set_in_doc_defaults_for_every_script(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(qn(f"w:{script}")) == FONT


def test_no_style_falls_back_to_a_theme_font(reference: Path) -> None:
    with zipfile.ZipFile(reference) as package:
        styles = package.read("word/styles.xml").decode()
    assert "Theme=" not in styles and "cstheme" not in styles


@pytest.mark.parametrize(
    "name",
    [
        "Normal",
        "Body Text",
        "First Paragraph",
        "Compact",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Title",
        "Subtitle",
        "Table Caption",
        "Image Caption",
        "Header Block",
        "Place Date",
        "Recipients Heading",
        "Recipients",
        "Signature",
        "Annex Title",
        "Annex Caption",
    ],
)
def test_each_paragraph_style_names_times_new_roman_itself(document, name: str) -> None:
    fonts = style(document, name).element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts is not None
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(qn(f"w:{script}")) == FONT


@pytest.mark.parametrize("name", ["Normal", "Body Text", "First Paragraph"])
def test_body_text_is_14pt_black_justified_with_first_line_indent(
    document, name: str
) -> None:
    body = style(document, name)
    paragraph = body.paragraph_format
    assert body.font.size == Pt(14)
    assert str(body.font.color.rgb) == "000000"
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(paragraph.first_line_indent - Cm(1.27)) < Mm(0.1)
    assert paragraph.space_after == Pt(6)
    assert 1.0 <= paragraph.line_spacing <= 1.5


# name -> (size pt, bold, italic, alignment)
LOOKS = {
    "Compact": (11, False, False, WD_ALIGN_PARAGRAPH.LEFT),
    "Heading 1": (14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Heading 2": (14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Heading 3": (14, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Title": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Subtitle": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Table Caption": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Image Caption": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Header Block": (13, False, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Place Date": (14, False, True, WD_ALIGN_PARAGRAPH.CENTER),
    "Recipients Heading": (12, True, True, WD_ALIGN_PARAGRAPH.LEFT),
    "Recipients": (11, False, False, WD_ALIGN_PARAGRAPH.LEFT),
    "Signature": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Annex Title": (14, True, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Annex Caption": (13, False, True, WD_ALIGN_PARAGRAPH.CENTER),
}


@pytest.mark.parametrize("name", LOOKS)
def test_styles_follow_nd30_sizes_and_weights(document, name: str) -> None:
    size, bold, italic, alignment = LOOKS[name]
    looked_up = style(document, name)
    assert looked_up.font.size == Pt(size)
    assert bool(looked_up.font.bold) is bold
    assert bool(looked_up.font.italic) is italic
    assert looked_up.paragraph_format.alignment == alignment
    assert str(looked_up.font.color.rgb) == "000000"


@pytest.mark.parametrize("name", [n for n in LOOKS if not n.startswith("Heading")])
def test_centred_and_block_styles_have_no_first_line_indent(
    document, name: str
) -> None:
    assert style(document, name).paragraph_format.first_line_indent == 0


@pytest.mark.parametrize("name", ["Header Block", "Recipients", "Compact"])
def test_compact_blocks_use_single_spacing(document, name: str) -> None:
    paragraph = style(document, name).paragraph_format
    assert paragraph.line_spacing == 1.0
    assert paragraph.space_after in (0, Pt(2))


def test_headings_have_the_body_indent_and_no_theme_colour(document) -> None:
    for level in (1, 2, 3):
        heading = style(document, f"Heading {level}")
        assert abs(heading.paragraph_format.first_line_indent - Cm(1.27)) < Mm(0.1)
        color = heading.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
        assert color.get(qn("w:themeColor")) is None


def test_hyperlinks_are_black(document) -> None:
    assert str(style(document, "Hyperlink").font.color.rgb) == "000000"


def test_table_style_has_thin_single_borders_on_every_edge(document) -> None:
    table = document.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='Table']")
    borders = table.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = borders.find(qn(f"w:{edge}"))
        assert border.get(qn("w:val")) == "single"
        assert int(border.get(qn("w:sz"))) <= 8


def test_only_the_table_styles_a_report_uses_are_kept(document, reference: Path) -> None:
    """The template's hundred unused table styles made styles.xml 350 kB, parsed again by pandoc for each DOCX."""
    tables = sorted(s.name for s in document.styles if s.type == WD_STYLE_TYPE.TABLE)
    with zipfile.ZipFile(reference) as package:
        styles_size = package.getinfo("word/styles.xml").file_size

    assert tables == ["Normal Table", "Table"]
    assert styles_size < 60_000


def test_page_number_is_a_centred_page_field_hidden_on_page_one(document) -> None:
    section = document.sections[0]
    assert section.different_first_page_header_footer
    header = section.header
    assert not header.is_linked_to_previous
    instructions = "".join(t.text for t in header._element.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert header.paragraphs[0].style.name == "Header"
    assert (
        style(document, "Header").paragraph_format.alignment
        == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert style(document, "Header").font.size == Pt(13)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert all(not p.text for p in first.paragraphs)
    assert not list(first._element.iter(qn("w:instrText")))


def test_pandoc_takes_page_setup_styles_and_header_from_it(
    reference: Path, tmp_path: Path
) -> None:
    source = tmp_path / "doc.md"
    source.write_text("# I. KẾT QUẢ\n\nNội dung báo cáo.\n", encoding="utf-8")
    output = tmp_path / "doc.docx"
    pypandoc.convert_file(
        str(source),
        "docx",
        outputfile=str(output),
        extra_args=["--reference-doc", str(reference)],
    )
    converted = Document(str(output))
    section = converted.sections[-1]
    assert abs(section.page_width - Mm(210)) < Mm(0.2)
    assert abs(section.left_margin - Mm(30)) < Mm(0.2)
    assert section.different_first_page_header_footer
    assert "PAGE" in "".join(
        t.text for t in section.header._element.iter(qn("w:instrText"))
    )
    styles = [p.style.name for p in converted.paragraphs]
    assert styles == ["Heading 1", "First Paragraph"]
    assert converted.styles["First Paragraph"].font.name == FONT
