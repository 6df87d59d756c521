"""What Quarto is given: the render options in the notebook itself, and no output that makes it add CDN scripts.

Quarto cannot be installed here; a real Quarto 1.10.16 showed (shared/rendering.md) that options in
_quarto.yml did not apply to the copied notebook and that an output carrying text/html made it add
require.js and jQuery from a CDN. These tests read the files handed to `quarto render`.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
import yaml

from tthc.project import PROJECT_ROOT
from tthc.render.quarto_assets import QUARTO_CSP, SCRIPT_OUTPUTS, prepare_quarto_project, write_quarto_notebook

NAME = "bao-cao-thang-2024-09.ipynb"
TITLE = "Báo cáo kết quả công tác tháng 09/2024"


@pytest.fixture(scope="module")
def executed(september_report: Path) -> Path:
    return september_report / "reports" / "2024-09" / NAME


def project_with(executed: Path, folder: Path, fmt: str) -> tuple[Path, nbformat.NotebookNode]:
    project = prepare_quarto_project(folder, NAME)
    source = write_quarto_notebook(executed, project / NAME, fmt, TITLE)
    return project, nbformat.read(source, as_version=4)


def front_matter(notebook) -> dict:
    first = notebook.cells[0]
    assert first.cell_type == "raw" and first.source.startswith("---\n") and first.source.endswith("---")
    return yaml.safe_load(first.source.strip("-\n"))


def outputs(notebook) -> list:
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def test_the_html_options_are_in_the_notebooks_own_front_matter(executed: Path, tmp_path: Path):
    project, notebook = project_with(executed, tmp_path, "html")
    front = front_matter(notebook)
    html = front["format"]["html"]
    assert html["embed-resources"] is True and html["minimal"] is True
    assert (front["pagetitle"], front["lang"], front["execute"]["enabled"]) == (TITLE, "vi", False)
    css, head = project / html["css"][0], project / html["include-in-header"][0]
    assert css.is_file() and ".nd30-header" in css.read_text(encoding="utf-8")
    head_text = head.read_text(encoding="utf-8")
    assert QUARTO_CSP in head_text and '<script id="vega-bundle">' in head_text and "vegaEmbed" in head_text
    assert sum(1 for c in notebook.cells if c.cell_type == "raw" and c.source.startswith("---")) == 1


def test_the_private_project_renders_exactly_this_notebook(executed: Path, tmp_path: Path):
    project, _ = project_with(executed, tmp_path, "html")
    config = yaml.safe_load((project / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["project"]["render"] == [NAME]
    checkout = yaml.safe_load((PROJECT_ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["format"] == checkout["format"]  # the checkout's settings are kept, only the list changes


def test_no_output_makes_quarto_add_require_and_jquery(executed: Path, tmp_path: Path):
    original = nbformat.read(executed, as_version=4)
    assert any(k in o.get("data", {}) for o in outputs(original) for k in SCRIPT_OUTPUTS)  # the chart does
    for fmt in ("html", "docx"):
        _, notebook = project_with(executed, tmp_path / fmt, fmt)
        assert not any(k in o.get("data", {}) for o in outputs(notebook) for k in SCRIPT_OUTPUTS), fmt


def test_the_chart_reaches_html_as_raw_markup_and_word_as_its_picture(executed: Path, tmp_path: Path):
    _, html = project_with(executed, tmp_path / "html", "html")
    chart = [o for o in outputs(html) if 'id="bieu-do-thanh-toan-truc-tuyen"' in o.get("data", {}).get("text/markdown", "")]
    assert len(chart) == 1 and chart[0]["data"]["text/markdown"].startswith("```{=html}\n")
    assert "vegaEmbed(" in chart[0]["data"]["text/markdown"]
    _, docx = project_with(executed, tmp_path / "docx", "docx")
    pictures = [o for o in outputs(docx) if "image/png" in o.get("data", {})]
    assert len(pictures) == 1
    assert front_matter(docx)["format"]["docx"]["reference-doc"] == "reports/_assets/reference.docx"
    assert (tmp_path / "docx" / "reports" / "_assets" / "reference.docx").is_file()


def test_the_narrative_outputs_are_unchanged(executed: Path, tmp_path: Path):
    original = [o["data"]["text/markdown"] for o in outputs(nbformat.read(executed, as_version=4))
                if "text/markdown" in o.get("data", {})]
    _, notebook = project_with(executed, tmp_path, "docx")
    assert [o["data"]["text/markdown"] for o in outputs(notebook) if "text/markdown" in o.get("data", {})] == original
