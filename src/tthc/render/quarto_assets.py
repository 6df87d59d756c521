"""A throw-away Quarto project around an executed notebook, so `quarto render` never writes into the checkout.

A real Quarto 1.10.16 showed why settings in ``_quarto.yml`` alone are not enough:
the notebook is copied to the root of the private project, which the project's
``render:`` list (``reports/*/bao-cao-*.ipynb``) does not name, and the
``format:`` options never applied (Bootstrap page, no report CSS, resources in a
``_files/`` folder). So the options the report needs travel in the notebook's own
front matter (its first raw cell, which Quarto reads for an .ipynb), and the
private project's copy of ``_quarto.yml`` names exactly that notebook.

Quarto also adds require.js and jQuery from a CDN to an HTML page as soon as one
notebook output carries ``text/html`` or ``application/javascript``
(``extractJupyterWidgetDependencies`` in quarto-cli's ``src/core/jupyter/widgets.ts``),
and with require.js on the page the vega bundle registers as an AMD module and
``vegaEmbed`` is missing. So the copy Quarto reads holds no such output: for HTML
the chart's markup becomes a raw HTML block of a ``text/markdown`` output, for Word
the chart is its PNG.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import yaml

from tthc.project import PROJECT_ROOT
from tthc.render.html_assets import CONTENT_SECURITY_POLICY, report_css, vega_bundle
from tthc.render.html_check import BUNDLE_ID
from tthc.render.reference_docx import build_reference_docx

ASSETS = Path("reports") / "_assets"
# Quarto embeds its own scripts as data: URIs, so its page must allow them; nothing external.
QUARTO_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'unsafe-inline'", "script-src 'unsafe-inline' data:")
#: Output kinds that make Quarto add CDN scripts to an HTML page.
SCRIPT_OUTPUTS = ("text/html", "application/javascript")


def head_html() -> str:
    return (f'<meta http-equiv="Content-Security-Policy" content="{QUARTO_CSP}">\n'
            f'<script id="{BUNDLE_ID}">{vega_bundle()}</script>\n')


def format_options(fmt: str) -> dict:
    """The render options of one format, as the notebook's front matter gives them (paths from the notebook)."""
    if fmt == "html":
        return {"html": {
            "minimal": True,
            "embed-resources": True,
            "toc": True,
            "toc-title": "Mục lục",
            "toc-depth": 2,
            "css": [(ASSETS / "report.css").as_posix()],
            "include-in-header": [(ASSETS / "head.html").as_posix()],
        }}
    if fmt == "docx":
        return {"docx": {"reference-doc": (ASSETS / "reference.docx").as_posix(), "toc": False}}
    raise ValueError(f"unknown format {fmt!r}")


def prepare_quarto_project(folder: Path, notebook_name: str) -> Path:
    """Copy _quarto.yml into `folder`, its render list naming `notebook_name`, and write the assets it names."""
    folder.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((PROJECT_ROOT / "_quarto.yml").read_text(encoding="utf-8"))
    config.setdefault("project", {})["render"] = [notebook_name]
    (folder / "_quarto.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")
    assets = folder / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    build_reference_docx(assets / "reference.docx")
    (assets / "report.css").write_text(report_css(), encoding="utf-8")
    (assets / "head.html").write_text(head_html(), encoding="utf-8")
    return folder


def write_quarto_notebook(executed: Path, target: Path, fmt: str, title: str) -> Path:
    """The executed notebook as Quarto should read it for `fmt`: own front matter, no script-carrying output."""
    notebook = nbformat.read(executed, as_version=4)
    front = _front_matter(notebook)
    front.update({"pagetitle": title, "lang": "vi", "format": format_options(fmt)})
    execute = front.setdefault("execute", {})
    execute.update({"echo": False, "warning": False, "enabled": False})
    cell = nbformat.v4.new_raw_cell("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---")
    cells = [c for c in notebook.cells if not _is_front_matter(c)]
    notebook.cells = [cell, *(_without_script_outputs(c, fmt) for c in cells)]
    nbformat.write(notebook, target)
    return target


def _is_front_matter(cell) -> bool:
    return cell.cell_type == "raw" and cell.source.lstrip().startswith("---")


def _front_matter(notebook) -> dict:
    first = next((c for c in notebook.cells if _is_front_matter(c)), None)
    if first is None:
        return {}
    loaded = yaml.safe_load(first.source.strip().strip("-").strip() or "{}")
    return loaded if isinstance(loaded, dict) else {}


def _without_script_outputs(cell, fmt: str):
    if cell.cell_type != "code":
        return cell
    cell = copy.deepcopy(cell)
    outputs = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if output.get("output_type") in ("display_data", "execute_result") and any(k in data for k in SCRIPT_OUTPUTS):
            markup = data.get("text/html")
            if fmt == "html" and markup:
                output = nbformat.v4.new_output("display_data",
                                                data={"text/markdown": f"```{{=html}}\n{markup.strip()}\n```\n"})
            elif "image/png" in data:
                output = nbformat.v4.new_output("display_data", data={"image/png": data["image/png"]},
                                                metadata=output.get("metadata", {}))
            else:
                continue
        outputs.append(output)
    cell["outputs"] = outputs
    return cell
