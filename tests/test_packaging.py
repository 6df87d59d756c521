"""`pip install .` (not editable) into a fresh virtual environment, then `tthc report` from another folder.

The fresh environment borrows the dependencies of the one running the tests (a .pth line; installing
polars, vl-convert … again would take a minute and prove nothing about this package), but holds its own,
non-editable copy of tthc: notebooks, _quarto.yml and filters must come with it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from support import SHIPPED

CHECKOUT = Path(__file__).resolve().parents[1]


def test_a_plain_install_reports_from_another_folder(tmp_path: Path):
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=False)
    python = environment / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    source = tmp_path / "source"  # a copy, so the build leaves nothing in the checkout
    shutil.copytree(CHECKOUT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "reports", "data", "build", "*.egg-info", "__pycache__", ".ruff_cache", ".mypy_cache"))
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                                "--no-deps", str(source)], capture_output=True, text=True, check=False, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    shutil.rmtree(source)  # nothing may be read from a checkout any more

    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(SHIPPED / "reference", elsewhere / "du-lieu" / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", elsewhere / "du-lieu" / "raw" / "2024-09")
    where = subprocess.run([python, "-c", "import tthc.project as p; print(p.PROJECT_ROOT)"], cwd=elsewhere,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site)
    completed = subprocess.run([python, "-m", "tthc", "report", "2024-09", "--engine", "pandoc",
                                "--data", "du-lieu", "--out", "bao-cao"], cwd=elsewhere,
                               capture_output=True, text=True, check=False, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    produced = sorted(p.name for p in (elsewhere / "bao-cao" / "2024-09").iterdir())
    assert produced == ["bao-cao-thang-2024-09.docx", "bao-cao-thang-2024-09.html", "bao-cao-thang-2024-09.ipynb",
                        "manifest.json"]
