"""Where the project's own files are: notebooks, Quarto configuration, default folders.

A built package carries the notebooks and _quarto.yml in ``tthc/_project/`` (see setup.py);
an editable install reads them from the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.period import Period

_PACKAGE = Path(__file__).resolve().parent
_PACKAGED = _PACKAGE / "_project"
#: The folder holding `_quarto.yml` and `notebooks/`: the installed package's copy, else the checkout.
PROJECT_ROOT = _PACKAGED if (_PACKAGED / "_quarto.yml").is_file() else _PACKAGE.parents[1]
NOTEBOOKS = PROJECT_ROOT / "notebooks"
MONTHLY_NOTEBOOK = NOTEBOOKS / "monthly_report.ipynb"
#: The report's file name by the kind of its period (ASCII: the names travel by e-mail and intranet links):
#: "bao-cao-thang-2024-09", "bao-cao-quy-2023-Q1", "bao-cao-6-thang-2024-H1", "bao-cao-nam-2022", and a range
#: of dates "bao-cao-ky-2022-12-15_2023-03-14".
REPORT_FILE_STEMS = {"month": "bao-cao-thang-{period}", "quarter": "bao-cao-quy-{period}",
                     "half": "bao-cao-6-thang-{period}", "year": "bao-cao-nam-{period}",
                     "range": "bao-cao-ky-{period}"}
#: The formats a document is rendered to, in the order they are asked for by default.
FORMATS = ("html", "docx")


def report_file_stem(period: Period) -> str:
    """A quarter's report is not named "báo cáo tháng"."""
    return REPORT_FILE_STEMS[period.kind].format(period=period)


def user_cache() -> Path:
    """The user's cache folder for built files (XDG_CACHE_HOME, else ~/.cache), never the project's."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tthc"
