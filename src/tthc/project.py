"""Where the project's own files are: notebooks, Quarto configuration, default folders.

A built package carries the notebooks and _quarto.yml in ``tthc/_project/`` (see setup.py);
an editable install reads them from the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_PACKAGED = _PACKAGE / "_project"
#: The folder holding `_quarto.yml` and `notebooks/`: the installed package's copy, else the checkout.
PROJECT_ROOT = _PACKAGED if (_PACKAGED / "_quarto.yml").is_file() else _PACKAGE.parents[1]
NOTEBOOKS = PROJECT_ROOT / "notebooks"
MONTHLY_NOTEBOOK = NOTEBOOKS / "monthly_report.ipynb"
REPORT_FILE_STEM = "bao-cao-thang-{period}"
#: The formats a document is rendered to, in the order they are asked for by default.
FORMATS = ("html", "docx")


def user_cache() -> Path:
    """The user's cache folder for built files (XDG_CACHE_HOME, else ~/.cache), never the project's."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tthc"
