"""Same inputs, same bytes; hostile text shows as text; nothing in any output points outside."""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tthc.demo import seed
from tthc.exports.writer import ExportRow

from browser import XML_NAMESPACES, find_external_urls, open_page
from documents import read_docx, read_html
from support import SHIPPED, replace_export, run_tthc

HOSTILE_PROSE = "<script>alert('xss')</script> và <img src=x onerror=alert(1)> **không in đậm**"
HOSTILE_TOPIC = "<b>Rác</b> & \"nước\" =cmd|' /C calc'!A0"
# Namespace identifiers inside .docx XML and the three URLs inside the vega bundle: names, never fetched.
OOXML = re.compile(r"^http://(schemas\.openxmlformats\.org|schemas\.microsoft\.com|purl\.org|www\.w3\.org)/")


def build(root: Path, *, hostile: bool = False) -> Path:
    data = root / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    if hostile:
        notes = data / "raw" / "2024-09" / "ghi-chu-chuyen-vien.yaml"
        text = notes.read_text(encoding="utf-8").replace(
            "  strengths:\n", f"  strengths:\n    - {json.dumps(HOSTILE_PROSE, ensure_ascii=False)}\n", 1)
        notes.write_text(text, encoding="utf-8")
        table = seed.feedback_table()
        rows = [ExportRow({**r.values, "topic": HOSTILE_TOPIC}, r.group) if i == 0 else r
                for i, r in enumerate(table.rows)]
        replace_export(data / "raw" / "2024-09", "PAKN_thang_9.xlsx", replace(table, rows=rows))
    completed = run_tthc("report", "2024-09", "--engine", "pandoc", "--data", str(data), "--out", str(root / "reports"))
    assert completed.returncode == 0, completed.stderr
    return root / "reports" / "2024-09"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, september_report) -> tuple[Path, Path]:
    """The shared report (relative folders) and a second run elsewhere (absolute folders)."""
    return september_report / "reports" / "2024-09", build(tmp_path_factory.mktemp("second"))


@pytest.mark.parametrize("suffix", ["html", "docx"])
def test_two_runs_give_byte_identical_reports(two_builds, suffix):
    first, second = (folder / f"bao-cao-thang-2024-09.{suffix}" for folder in two_builds)
    assert first.read_bytes() == second.read_bytes()


def test_two_runs_give_identical_notebook_outputs(two_builds):
    outputs = [[c.get("outputs") for c in json.loads((f / "bao-cao-thang-2024-09.ipynb").read_text())["cells"]]
               for f in two_builds]
    assert outputs[0] == outputs[1]


def test_render_time_in_the_manifest_follows_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727136000")  # 24/09/2024 00:00 UTC
    from tthc.render.room import render_time

    assert render_time() == "2024-09-24T00:00:00+00:00"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("hostile"), hostile=True)


def test_hostile_prose_and_topics_are_shown_as_text(hostile):
    page = (hostile / "bao-cao-thang-2024-09.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Rác</b>" not in page
    text, _ = read_html(hostile / "bao-cao-thang-2024-09.html")
    assert "<script>alert('xss')</script>" in text and "**không in đậm**" in text
    assert "<b>Rác</b> & \"nước\"" in text  # the feedback topic, as literal text
    docx_text, _ = read_docx(hostile / "bao-cao-thang-2024-09.docx")
    assert "<script>alert('xss')</script>" in docx_text


def test_hostile_page_runs_no_injected_script_in_the_browser(hostile):
    with open_page(hostile / "bao-cao-thang-2024-09.html") as session:
        dialogs = []
        session.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        session.page.wait_for_selector("#bieu-do-thanh-toan-truc-tuyen svg")
        assert "<script>alert('xss')</script>" in session.page.inner_text("body")
        report = session.finish()
    assert dialogs == []
    assert report.problems == []


def test_every_page_carries_a_csp_that_forbids_external_loads(hostile):
    page = (hostile / "bao-cao-thang-2024-09.html").read_text(encoding="utf-8")
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy and "unsafe-eval" not in policy


def test_no_output_file_points_outside(hostile):
    for path in hostile.iterdir():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                texts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                         if n.endswith((".xml", ".rels"))]
        else:
            texts = [path.read_text(encoding="utf-8")]
        for text in texts:
            found = [u for u in find_external_urls(text) if not OOXML.match(u) and u not in XML_NAMESPACES]
            # the vega bundle names its schema and project pages in strings it never loads (CSP forbids it anyway)
            found = [u for u in found if not (path.suffix == ".html" and u.startswith(("https://vega.github.io",
                                                                                          "https://github.com/vega")))]
            assert found == [], (path.name, found[:5])
