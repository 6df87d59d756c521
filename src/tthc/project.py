"""Where the project's own files are: notebooks, Quarto configuration, default folders."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # the checkout (the package is installed editable)
NOTEBOOKS = PROJECT_ROOT / "notebooks"
MONTHLY_NOTEBOOK = NOTEBOOKS / "monthly_report.ipynb"
REPORT_FILE_STEM = "bao-cao-thang-{period}"
