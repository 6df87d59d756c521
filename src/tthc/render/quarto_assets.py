"""A throw-away Quarto project around an executed notebook, so `quarto render` never writes into the checkout.

_quarto.yml names generated files under reports/_assets/: the reference .docx
(built by code), the CSS, and head.html carrying the CSP and the offline vega
bundle. They are written into the render folder next to a copy of _quarto.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tthc.project import PROJECT_ROOT
from tthc.render.html_assets import CONTENT_SECURITY_POLICY, report_css, vega_bundle
from tthc.render.reference_docx import build_reference_docx

ASSETS = Path("reports") / "_assets"
# Quarto embeds its own scripts as data: URIs, so its page must allow them; nothing external.
QUARTO_CSP = CONTENT_SECURITY_POLICY.replace("script-src 'unsafe-inline'", "script-src 'unsafe-inline' data:")


def head_html() -> str:
    return (f'<meta http-equiv="Content-Security-Policy" content="{QUARTO_CSP}">\n'
            f"<script>{vega_bundle()}</script>\n")


def prepare_quarto_project(folder: Path) -> Path:
    """Copy _quarto.yml into `folder` and write the assets it names; returns the folder."""
    shutil.copyfile(PROJECT_ROOT / "_quarto.yml", folder / "_quarto.yml")
    assets = folder / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    build_reference_docx(assets / "reference.docx")
    (assets / "report.css").write_text(report_css(), encoding="utf-8")
    (assets / "head.html").write_text(head_html(), encoding="utf-8")
    return folder
