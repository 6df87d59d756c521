"""What a reader sees: the September Word report printed to PDF by LibreOffice, checked by text positions.

The DOCX tests read what the file says; these read where LibreOffice actually puts things, so a
rule that is set but drawn across the cell, a name that wraps, or a chart that runs into the margin
fails here. The report is built once per session (``september_report``) and converted once per module.

Table-break rule: a table that continues onto a new page must bring at least two body rows there
(besides its repeated header), and may not leave fewer than two body rows behind on the page it
starts on (``test_no_table_leaves_a_row_alone_on_a_page``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

pdfplumber = pytest.importorskip("pdfplumber")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")

MM = 72 / 25.4  # PDF points per millimetre
SLACK = 1.5  # points: anti-aliasing and glyph side bearings


@dataclass(frozen=True)
class Box:
    """A page's text area in PDF points (origin top left, like pdfplumber)."""

    left: float
    top: float
    right: float
    bottom: float

    def holds(self, x0: float, top: float, x1: float, bottom: float) -> bool:
        return (x0 >= self.left - SLACK and x1 <= self.right + SLACK
                and top >= self.top - SLACK and bottom <= self.bottom + SLACK)


@pytest.fixture(scope="module")
def docx_path(september_report) -> Path:
    return september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.docx"


def convert_to_pdf(docx_path: Path, folder: Path) -> Path:
    """One LibreOffice conversion, with a private profile so parallel runs cannot share a lock."""
    profile = folder / "profile"
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(docx_path)],
        capture_output=True, text=True, timeout=240, check=False,
        env={**os.environ, "HOME": str(folder)},
    )
    produced = folder / f"{docx_path.stem}.pdf"
    assert completed.returncode == 0 and produced.is_file(), completed.stdout + completed.stderr
    return produced


@pytest.fixture(scope="module")
def pdf(docx_path: Path, tmp_path_factory):
    with pdfplumber.open(convert_to_pdf(docx_path, tmp_path_factory.mktemp("pdf"))) as document:
        yield document


@pytest.fixture(scope="module")
def october_pdf(october_report, tmp_path_factory):
    """A demo month: its dossier records add Phụ lục 5 (late dossiers) and 6 (Decision 766)."""
    produced = convert_to_pdf(october_report / "reports" / "2024-10" / "bao-cao-thang-2024-10.docx",
                              tmp_path_factory.mktemp("october-pdf"))
    with pdfplumber.open(produced) as document:
        yield document


@pytest.fixture(scope="module")
def boxes(docx_path: Path) -> dict[str, Box]:
    """Text areas of the portrait body and the landscape annexes, from the file's own sections."""
    document = docx.Document(str(docx_path))
    result = {}
    for kind, section in (("portrait", document.sections[0]), ("landscape", document.sections[-1])):
        pt = lambda length: length.pt  # noqa: E731
        result[kind] = Box(pt(section.left_margin), pt(section.top_margin),
                           pt(section.page_width) - pt(section.right_margin),
                           pt(section.page_height) - pt(section.bottom_margin))
    return result


def box_of(page, boxes: dict[str, Box]) -> Box:
    return boxes["landscape" if page.width > page.height else "portrait"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def lines_of(page) -> list[dict]:
    """Text lines (words sharing a baseline, split where a gap wider than 12 pt separates columns)."""
    words = sorted(page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False),
                   key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for word in words:
        last = lines[-1][-1] if lines else None
        if last is not None and abs(last["top"] - word["top"]) < 2 and word["x0"] - last["x1"] < 12:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [{"text": nfc(" ".join(w["text"] for w in line)), "x0": line[0]["x0"], "x1": line[-1]["x1"],
             "top": min(w["top"] for w in line), "bottom": max(w["bottom"] for w in line), "words": line}
            for line in lines]


def find_line(page, text: str) -> dict:
    matches = [line for line in lines_of(page) if text in line["text"]]
    assert matches, f"{text!r} not on page {page.page_number}: {[line['text'] for line in lines_of(page)][:40]}"
    return matches[0]


def horizontal_rules(page, below: float, within: float = 14) -> list[tuple[float, float]]:
    """(x0, x1) of thin horizontal strokes whose top lies within `within` pt under `below`."""
    rules = []
    for shape in (*page.lines, *page.rects):
        if shape["height"] <= 2 and shape["width"] > 5 and below <= shape["top"] <= below + within:
            rules.append((round(shape["x0"], 1), round(shape["x1"], 1)))
    return sorted(set(rules))  # LibreOffice may draw one border as a line and a rectangle


def is_bold(line: dict) -> bool:
    return all("Bold" in w["fontname"] for w in line["words"])


def sizes(line: dict) -> set[float]:
    return {round(w["size"], 1) for w in line["words"]}


# --------------------------------------------------------------------------- header block


def test_the_issuing_body_fits_on_one_line(pdf):
    line = find_line(pdf.pages[0], "TRUNG TÂM")
    assert line["text"] == "TRUNG TÂM HÀNH CHÍNH CÔNG"


def test_a_short_rule_sits_under_the_issuing_body(pdf):
    page = pdf.pages[0]
    name = find_line(page, "TRUNG TÂM HÀNH CHÍNH")
    rules = horizontal_rules(page, name["bottom"])
    rules = [(x0, x1) for x0, x1 in rules if x1 <= page.width / 2 + 20]
    assert len(rules) == 1, rules
    x0, x1 = rules[0]
    width = name["x1"] - name["x0"]
    assert width / 3 - SLACK <= x1 - x0 <= width / 2 + SLACK  # ND 30: 1/3 to 1/2 of the name
    assert abs((x0 + x1) / 2 - (name["x0"] + name["x1"]) / 2) <= 3  # centred under it


def test_the_rule_under_the_motto_is_as_long_as_the_motto(pdf):
    page = pdf.pages[0]
    motto = find_line(page, "Độc lập - Tự do - Hạnh phúc")
    rules = [(x0, x1) for x0, x1 in horizontal_rules(page, motto["bottom"]) if x0 >= page.width / 3]
    assert len(rules) == 1, rules
    x0, x1 = rules[0]
    assert abs((x1 - x0) - (motto["x1"] - motto["x0"])) <= 0.06 * (motto["x1"] - motto["x0"])
    assert abs((x0 + x1) / 2 - (motto["x0"] + motto["x1"]) / 2) <= 3


def test_the_number_line_keeps_a_blank_for_the_number(pdf):
    page = pdf.pages[0]
    chars = [c for c in page.chars if c["top"] > find_line(page, "Độc lập")["bottom"]]
    text = nfc("".join(c["text"] for c in chars))
    assert "Số:" in text and "/BC-TTHCC" in text
    line = find_line(page, "/BC-TTHCC")
    colon = next(c for c in page.chars if c["text"] == ":" and abs(c["top"] - line["top"]) < 2)
    slash = next(c for c in page.chars if c["text"] == "/" and abs(c["top"] - line["top"]) < 2)
    assert slash["x0"] - colon["x1"] >= 12  # six non-breaking spaces of 13 pt, not one space


# --------------------------------------------------------------------------- signature block


def signature_page(pdf):
    for page in pdf.pages:
        if any("Đỗ Minh Hiếu" in line["text"] for line in lines_of(page)):
            return page
    raise AssertionError("no page carries the signer's name")


def test_the_signer_block_is_in_the_right_half_centred_bold_13_to_14pt(pdf, boxes):
    page = signature_page(pdf)
    box = box_of(page, boxes)
    middle = (box.left + box.right) / 2
    lines = [find_line(page, text) for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Minh Hiếu")]
    centres = [(line["x0"] + line["x1"]) / 2 for line in lines]
    for line in lines:
        assert line["x0"] >= middle - SLACK, line["text"]
        assert is_bold(line), line["text"]
        assert all(13 <= size <= 14 for size in sizes(line)), (line["text"], sizes(line))
    assert max(centres) - min(centres) <= 3
    assert abs(centres[0] - (middle + box.right) / 2) <= 0.1 * (box.right - middle)  # centred in the right half
    assert lines[2]["top"] - lines[1]["bottom"] >= 50  # room for the signature and the seal


def test_noi_nhan_is_bold_italic_12pt_and_its_lines_11pt_flush_left(pdf, boxes):
    page = signature_page(pdf)
    box = box_of(page, boxes)
    heading = find_line(page, "Nơi nhận:")
    assert heading["x0"] <= box.left + 8
    fonts = {w["fontname"] for w in heading["words"]}
    assert all("BoldItalic" in f or "Bold-Italic" in f or "BoldOblique" in f for f in fonts), fonts
    assert sizes(heading) == {12.0}
    item = find_line(page, "CT, các PCT UBND huyện")
    assert sizes(item) == {11.0} and item["x0"] <= box.left + 8
    level = find_line(page, "KT. GIÁM ĐỐC")
    assert abs(level["top"] - heading["top"]) <= 4  # "Nơi nhận:" level with the authority line


def test_the_signature_block_has_no_borders(pdf):
    page = signature_page(pdf)
    top = find_line(page, "Nơi nhận:")["top"] - 10
    bottom = find_line(page, "Đỗ Minh Hiếu")["bottom"] + 10
    strokes = [s for s in (*page.lines, *page.rects) if top <= s["top"] <= bottom]
    assert strokes == []


def test_the_signer_never_stands_alone_on_a_page(pdf):
    """The report's closing paragraph ("Trên đây là …") is on the page of the signature block."""
    page = signature_page(pdf)
    closing = find_line(page, "Trên đây là kết quả")
    assert closing["bottom"] < find_line(page, "Nơi nhận:")["top"]


# --------------------------------------------------------------------------- margins


def test_no_image_runs_beyond_the_margins(pdf, boxes):
    images = 0
    for page in pdf.pages:
        box = box_of(page, boxes)
        for image in page.images:
            images += 1
            assert box.holds(image["x0"], image["top"], image["x1"], image["bottom"]), (
                page.page_number, image["x0"], image["x1"], box)
    assert images >= 1  # the payment chart


def test_every_page_keeps_its_content_inside_the_margins(pdf, boxes):
    """Everything but the page number, which ND 30 puts centred in the top margin."""
    outside = []
    for page in pdf.pages:
        box = box_of(page, boxes)
        for char in page.chars:
            if char["text"].isspace():
                continue
            if char["bottom"] <= box.top and char["text"].isdigit():
                continue  # the page number
            if not box.holds(char["x0"], char["top"], char["x1"], char["bottom"]):
                outside.append((page.page_number, char["text"], round(char["x0"]), round(char["top"])))
        for shape in (*page.rects, *page.lines):
            if not box.holds(shape["x0"], shape["top"], shape["x1"], shape["bottom"]):
                outside.append((page.page_number, "stroke", round(shape["x0"]), round(shape["top"])))
    assert outside == []


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(pdf, boxes):
    """Page 1 of the report and the first page of each annex (numbered on its own) show no number."""
    for page in pdf.pages:
        box = box_of(page, boxes)
        number = [c for c in page.chars if c["bottom"] <= box.top]
        first_line = lines_of(page)[0]["text"] if page.chars else ""
        if page.page_number == 1 or first_line.startswith("Phụ lục"):
            assert number == [], page.page_number
            continue
        text = "".join(c["text"] for c in number)
        assert text.isdigit(), (page.page_number, text)
        centre = (min(c["x0"] for c in number) + max(c["x1"] for c in number)) / 2
        assert abs(centre - (box.left + box.right) / 2) <= 3
        assert all(13 <= round(c["size"]) <= 14 for c in number)


# --------------------------------------------------------------------------- tables across pages


def table_rows_by_page(pdf) -> list[tuple[int, int]]:
    """(page number, body rows) for each page a data table continues onto, and for each page a table starts on.

    A body row is recognised by its first cell: an STT number (1, 2, …) or "Tổng" at the table's left edge.
    """
    found = []
    for page in pdf.pages:
        if page.width <= page.height:
            continue
        tables = page.find_tables()
        for table in tables:
            rows = [row for row in table.extract() if row and row[0] is not None]
            body = [row for row in rows if nfc(row[0]).strip().isdigit() or nfc(row[0]).strip() == "Tổng"
                    or (row[0].strip() == "" and any(cell and "Tổng" in cell for cell in row[:3]))]
            if body:
                found.append((page.page_number, len(body)))
    return found


def test_no_table_leaves_a_row_alone_on_a_page(pdf):
    pages = table_rows_by_page(pdf)
    assert pages, "no annex table found in the PDF"
    lonely = [(number, rows) for number, rows in pages if rows < 2]
    assert lonely == []


def test_no_table_leaves_a_row_alone_in_a_month_with_dossier_records(october_pdf):
    """Phụ lục 5 (the late dossiers) once left its last row alone on a page."""
    assert any("Phụ lục 5" in nfc(page.extract_text() or "") for page in october_pdf.pages)
    lonely = [(number, rows) for number, rows in table_rows_by_page(october_pdf) if rows < 2]
    assert lonely == []


def header_words(table) -> list[str]:
    """Words of the rows above the first body row (the header, repeated or not), in reading order."""
    words = []
    for row in table.extract():
        if row and row[0] is not None and nfc(row[0]).strip().isdigit():
            break
        if row and row[0] and all(cell is None for cell in row[1:]):
            break  # a group row ("Các xã phường trực thuộc …") spanning the table: the body has begun
        words += [w for cell in row if cell for w in nfc(cell).split()]
    return sorted(words)


def test_repeated_header_rows_are_not_clipped(pdf):
    """A continuation page repeats the header with every word the table's first page shows."""
    previous = None
    checked = 0
    for page in pdf.pages:
        tables = page.find_tables() if page.width > page.height else []
        if not tables:
            previous = None
            continue
        starts = "Phụ lục" in nfc(page.extract_text() or "")
        if not starts and previous is not None:
            assert header_words(tables[0]) == previous, page.page_number
            checked += 1
        previous = header_words(tables[-1])
    assert checked >= 1  # Phụ lục 2 at least runs over two pages


# ---------- the province's quarter (examples/toan-tinh-quy): its signature block ends at the foot of page 5


@pytest.fixture(scope="module")
def province_quarter_pdf(tmp_path_factory):
    from support import REPO, run_tthc

    root = tmp_path_factory.mktemp("province-quarter")
    shutil.copytree(REPO / "examples" / "toan-tinh-quy", root / "data", ignore=shutil.ignore_patterns("store"))
    made = run_tthc("report", "2023-Q1", "--data", str(root / "data"), "--out", str(root / "reports"),
                    "--formats", "docx", "--engine", "pandoc")
    assert made.returncode == 0, made.stdout + made.stderr
    produced = convert_to_pdf(root / "reports" / "2023-Q1" / "bao-cao-quy-2023-Q1.docx", root)
    with pdfplumber.open(produced) as document:
        yield document


def test_no_page_is_blank_but_for_its_number(province_quarter_pdf) -> None:
    """The section break after the signature block takes no room: it made page 6 an empty page numbered 6."""
    blank = [page.page_number for page in province_quarter_pdf.pages
             if (page.extract_text() or "").strip().isdigit() or not (page.extract_text() or "").strip()]

    assert blank == []
    assert "Phụ lục 1" in (province_quarter_pdf.pages[5].extract_text() or "")  # the annexes start on page 6
