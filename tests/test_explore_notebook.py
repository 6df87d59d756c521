"""The exploration notebook runs against a store built from the shipped data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tthc.context import load_context
from tthc.period import Period
from tthc.pipeline import build_period

from support import REPO, SHIPPED


def test_explore_notebook_runs_on_the_tidy_store(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in ("2024-08", "2024-09"):
        shutil.copytree(SHIPPED / "raw" / period, data / "raw" / period)
        assert not build_period(load_context(data), Period.parse(period)).has_errors
    out = tmp_path / "explore.ipynb"
    completed = subprocess.run(
        [sys.executable, "-m", "papermill", str(REPO / "notebooks" / "explore.ipynb"), str(out), "-p", "data_dir",
         str(data)], capture_output=True, text=True, timeout=300, cwd=REPO / "notebooks")
    assert completed.returncode == 0, completed.stderr[-2000:]
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    shown = "".join("".join(o.get("data", {}).get("text/plain", "")) for c in cells for o in c.get("outputs", []))
    assert "2024-08" in shown and "2024-09" in shown
