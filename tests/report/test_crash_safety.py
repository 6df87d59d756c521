"""A run killed at any point leaves the previous outputs complete; the next run completes normally."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tthc.context import load_context
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.store import period_file

from support import SHIPPED, run_tthc, tree_digest


@pytest.fixture
def built(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    completed = run_tthc("report", "2024-09", "--engine", "pandoc", "--data", str(data), "--out", str(tmp_path / "reports"))
    assert completed.returncode == 0, completed.stderr
    return tmp_path


def start_report(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tthc", "report", "2024-09", "--engine", "pandoc", "--data", str(root / "data"),
         "--out", str(root / "reports")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(process: subprocess.Popen, ready, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, "the run ended before the moment to kill it"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the run, its notebook kernel and pandoc
    process.wait(timeout=30)


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_killed_report_keeps_the_previous_one_and_the_next_run_completes(built):
    """Killed while papermill executes the notebook, then killed while pandoc renders: nothing is lost."""
    reports = built / "reports"
    before = tree_digest(reports / "2024-09")
    moments = {
        "executing the notebook": lambda: any(reports.glob(".2024-09-*/*.ipynb")),  # papermill is writing it
        "rendering": lambda: any(reports.glob(".2024-09-*/render-*/*-*")),  # pandoc is running
    }
    for moment, ready in moments.items():
        kill_when(start_report(built), ready)
        assert tree_digest(reports / "2024-09") == before, moment
        assert visible(reports) == ["2024-09"], moment
    again = run_tthc("report", "2024-09", "--engine", "pandoc", "--data", str(built / "data"), "--out", str(reports))
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in reports.iterdir()) == ["2024-09"]  # the killed runs' staging is gone
    assert len(visible(reports / "2024-09")) == 4


STALL_STORE_WRITE = """
import os, sys, time
from pathlib import Path
import tthc.store as store
real_replace = os.replace
def stall(src, dst):
    print("staged", flush=True)
    time.sleep(600)
store.os.replace = stall
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.context import load_context
build_period(load_context(Path(sys.argv[1])), Period(2024, 9))
"""


def test_killed_store_write_leaves_the_previous_store(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    context = load_context(data)
    build_period(context, Period(2024, 9))
    stored = period_file(context.paths.store, "dossiers", Period(2024, 9))
    before = stored.read_bytes()
    notes = next((data / "raw" / "2024-09").glob("*.yaml"))  # an edit, so the period is stored again
    notes.write_text(notes.read_text(encoding="utf-8") + "\n# sửa ghi chú\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", STALL_STORE_WRITE, str(data)], stdout=subprocess.PIPE,
                               text=True, start_new_session=True)
    assert process.stdout.readline().strip() == "staged"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert stored.read_bytes() == before
    assert list(context.paths.store.glob("*/.2024-09.*.tmp"))  # the half-done files are hidden, not in place
    assert not build_period(context, Period(2024, 9)).has_errors
    assert not list(context.paths.store.glob("*/.2024-09.*.tmp"))
