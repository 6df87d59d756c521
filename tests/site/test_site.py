"""`tthc site` over the twelve shipped periods: reports, trends, index, incremental rebuilds, offline browsing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from browser import open_page
from documents import read_html
from layout import WIDTHS, column_report, cut_off_cells, horizontal_overflow
from support import SHIPPED

PERIODS = [f"2024-{m:02d}" for m in range(1, 13)]
NO_KERNEL = (
    "import sys, papermill\n"
    "def refuse(*args, **kwargs):\n"
    "    raise SystemExit('a notebook kernel was started')\n"
    "papermill.execute_notebook = refuse\n"
    "import tthc.render.engine as engine\n"
    "engine.papermill.execute_notebook = refuse\n"
    "from tthc.cli import app\n"
    "sys.argv = ['tthc', *sys.argv[1:]]\n"
    "app()\n"
)


def run_site(root: Path, *, forbid_kernel: bool = False) -> subprocess.CompletedProcess[str]:
    code = NO_KERNEL if forbid_kernel else "from tthc.cli import app; import sys; sys.argv=['tthc', *sys.argv[1:]]; app()"
    # relative folders from the copy's root: parallel builds must not lose track of them
    return subprocess.run(
        [sys.executable, "-c", code, "site", "--data", "data", "--out", "reports", "--site", "_site", "--jobs", "2",
         "--engine", "pandoc"],
        capture_output=True, text=True, timeout=900, cwd=root)


def build_log(root: Path) -> dict:
    return json.loads((root / "_site" / "build-log.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SHIPPED / "reference", root / "data" / "reference")
    for period in PERIODS:  # exactly these periods, whatever else an analyst has added to data/raw
        shutil.copytree(SHIPPED / "raw" / period, root / "data" / "raw" / period)
    completed = run_site(root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return root


def test_full_build_makes_twelve_reports_the_trends_and_the_index(root):
    site = root / "_site"
    for period in PERIODS:
        for fmt in ("html", "docx", "ipynb"):
            assert (site / period / f"bao-cao-thang-{period}.{fmt}").is_file(), (period, fmt)
    assert sorted(build_log(root)["rebuilt"]) == sorted([*PERIODS, "xu-huong"])
    assert (site / "xu-huong" / "xu-huong-2024-01-2024-12.html").is_file()
    text, tables = read_html(site / "index.html")
    assert all(f"Tháng {p[5:]}/{p[:4]}" in text for p in PERIODS)
    assert "Báo cáo xu hướng qua các kỳ" in text and "minh họa" in text
    quality, _ = read_html(site / "chat-luong-so-lieu.html")
    assert "ghi 17, danh sách có 16" in quality


#: "2024-12" as a word of its own; not inside a file name (ho-so-2024-12.parquet) or a date range (24/11/2024-23/12/2024).
ISO_MONTH = re.compile(r"(?<![\w/.-])\d{4}-(?:0[1-9]|1[0-2])(?![\w/-]|\.\w)")
#: A cell that holds only figures: "714 / 494", "99,17% / 99,37%", "0", "13".
FIGURES = re.compile(r"^-?[\d.,%/–\s]*\d[\d.,%/–\s]*$")
SITE_PAGES = ["index.html", "chat-luong-so-lieu.html"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_index_names_periods_in_vietnamese_never_by_their_folder_name(root, width):
    with open_page(root / "_site" / "index.html", viewport=WIDTHS[width]) as session:
        links = session.page.locator("main a").all_inner_texts()
        shown = session.page.inner_text("main")
    assert [link for link in links if ISO_MONTH.search(link)] == []
    assert ISO_MONTH.findall(shown) == []
    assert all(f"Tháng {p[5:]}/{p[:4]}" in shown for p in PERIODS)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_period_page_names_its_month_in_vietnamese(root, width):
    with open_page(root / "_site" / "2024-12" / "bao-cao-thang-2024-12.html", viewport=WIDTHS[width]) as session:
        session.page.wait_for_load_state("networkidle")
        shown = session.page.inner_text("main")
        drawn = session.page.evaluate("() => [...document.querySelectorAll('svg text')].map(t => t.textContent)")
    assert "tháng 12/2024" in shown.lower()
    assert ISO_MONTH.findall(shown) == [] and ISO_MONTH.findall(" ".join(drawn)) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SITE_PAGES)
def test_figures_on_the_site_pages_are_right_aligned(root, name, width):
    with open_page(root / "_site" / name, viewport=WIDTHS[width]) as session:
        cells = session.page.evaluate(
            "() => [...document.querySelectorAll('main table tbody td')]"
            ".map(td => [td.innerText.trim(), getComputedStyle(td).textAlign])")
    figures = [(text, align) for text, align in cells if FIGURES.match(text)]
    assert figures, cells[:10]
    assert [(text, align) for text, align in figures if align not in ("right", "end")] == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", SITE_PAGES)
def test_no_column_of_the_site_pages_is_cut_off(root, name, width):
    with open_page(root / "_site" / name, viewport=WIDTHS[width]) as session:
        cut = cut_off_cells(session.page)
        overflow = horizontal_overflow(session.page)
    assert cut == []
    assert overflow is None


@pytest.mark.parametrize("width", WIDTHS)
def test_the_quality_page_shows_its_message_column(root, width):
    with open_page(root / "_site" / "chat-luong-so-lieu.html", viewport=WIDTHS[width]) as session:
        [column] = column_report(session.page, "Nội dung")
    assert column["cells"] >= 4 and column["cellsShown"] == column["cells"], column
    assert column["headerShown"] or column["labelled"] == column["cells"], column
    assert column["cut"] == [], column


def test_real_september_is_not_compared_with_synthetic_august_but_october_with_september_is(root):
    text, _ = read_html(root / "_site" / "2024-09" / "bao-cao-thang-2024-09.html")
    assert "đạt tỷ lệ 66,50%" in text and "so với tháng 8" not in text
    assert "Không so sánh với tháng 8: số liệu tháng 8 là số liệu minh họa" in text
    august, _ = read_html(root / "_site" / "2024-08" / "bao-cao-thang-2024-08.html")
    assert "58,15%" in august and "SỐ LIỆU MINH HỌA" in august
    assert "SỐ LIỆU MINH HỌA" not in text and "minh họa" not in text.replace(
        "Không so sánh với tháng 8: số liệu tháng 8 là số liệu minh họa", "")
    october, _ = read_html(root / "_site" / "2024-10" / "bao-cao-thang-2024-10.html")
    assert "so với tháng 9" in october and "SỐ LIỆU MINH HỌA" in october


def test_links_are_relative(root):
    html = (root / "_site" / "index.html").read_text(encoding="utf-8")
    assert 'href="2024-09/bao-cao-thang-2024-09.html"' in html
    assert 'href="/' not in html and "file:" not in html


def test_a_rebuild_without_changes_starts_no_kernel(root):
    before = {p: (root / "_site" / p / "manifest.json").read_bytes() for p in PERIODS}
    completed = run_site(root, forbid_kernel=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    log = build_log(root)
    assert log["rebuilt"] == [] and len(log["kept"]) == 13
    assert {p: (root / "_site" / p / "manifest.json").read_bytes() for p in PERIODS} == before


def _change_signing_export(folder: Path) -> None:
    """Add one incoming document to a commune in the e-office export (no identity involves it)."""
    path = next(p for p in folder.glob("*.xlsx") if "KySo" in p.name or "ky-so" in p.name.lower() or _is_signing(p))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    header = next(r for r in sheet.iter_rows() if any(c.value == "Tổng số VB đến" for c in r))
    column = next(c.column for c in header if c.value == "Tổng số VB đến")
    row = next(r for r in sheet.iter_rows(min_row=header[0].row + 1) if isinstance(r[column - 1].value, (int, float)))
    row[column - 1].value = int(row[column - 1].value) + 1
    workbook.save(path)


def _is_signing(path: Path) -> bool:
    sheet = openpyxl.load_workbook(path, read_only=True).active
    return any(c == "Tổng số VB đến" for row in sheet.iter_rows(max_row=12, values_only=True) for c in row)


def test_changing_one_period_rebuilds_that_period_the_trends_and_the_index_only(root):
    index_before = (root / "_site" / "index.html").read_bytes()
    _change_signing_export(root / "data" / "raw" / "2024-12")
    completed = run_site(root)
    assert completed.returncode == 0, completed.stderr
    log = build_log(root)
    assert sorted(log["rebuilt"]) == ["2024-12", "xu-huong"]
    assert len(log["kept"]) == 11
    manifest = json.loads((root / "_site" / "2024-12" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["build_key"] == json.loads(
        (root / "reports" / "2024-12" / "manifest.json").read_text(encoding="utf-8"))["build_key"]
    assert (root / "_site" / "index.html").read_bytes() is not None and index_before  # index rewritten in place


def test_a_period_cites_its_previous_month_so_changing_august_rebuilds_september_too(root):
    _change_signing_export(root / "data" / "raw" / "2024-08")
    completed = run_site(root)
    assert completed.returncode == 0, completed.stderr
    assert sorted(build_log(root)["rebuilt"]) == ["2024-08", "2024-09", "xu-huong"]


def test_browsing_the_site_offline(root):
    with open_page(root / "_site" / "index.html") as session:
        page = session.page
        page.click('a[href="2024-09/bao-cao-thang-2024-09.html"]')
        page.wait_for_selector("#bieu-do-thanh-toan-truc-tuyen svg")
        assert "66,50%" in page.inner_text("body")
        page.go_back()
        page.click('a[href^="xu-huong/"]')
        page.wait_for_selector("#bieu-do-xa svg")
        cell = page.locator("#bieu-do-xa svg g.mark-rect path").first
        cell.hover()
        tooltip = page.locator("#vg-tooltip-element.visible")
        tooltip.wait_for(state="visible")
        tip = tooltip.inner_text()
        line = page.locator("#bieu-do-xa svg g.mark-line path").first
        before = line.get_attribute("d")
        select = page.locator("#bieu-do-xa select")
        options = select.locator("option").all_inner_texts()
        select.select_option(options[-1])
        page.wait_for_function(
            "([sel, old]) => { const p = document.querySelector(sel); return p && p.getAttribute('d') !== old; }",
            arg=["#bieu-do-xa svg g.mark-line path", before])
        after = line.get_attribute("d")
        report = session.finish()
    assert "Tỷ lệ (%)" in tip and "Đơn vị" in tip
    assert after != before
    assert report.problems == []
