"""A command ends without the interpreter's teardown, but never without its clean-up: the kernel started
early for a report is stopped and its folder removed whether the command succeeded or failed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_with_tmpdir(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    tmp.mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "tthc", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TMPDIR": str(tmp)})


def test_a_failed_report_stops_the_kernel_it_started_early(data_dir: Path, tmp_path: Path) -> None:
    completed = run_with_tmpdir(tmp_path / "tmp", "report", "2099-01", "--data", str(data_dir))

    assert completed.returncode == 2
    assert "không có thư mục số liệu của kỳ 2099-01" in completed.stderr
    assert list((tmp_path / "tmp").glob("tthc-kernel-*")) == []  # stopped at exit, folder removed


def test_output_written_just_before_the_end_is_not_lost(data_dir: Path, tmp_path: Path) -> None:
    completed = run_with_tmpdir(tmp_path / "tmp", "indicators", "2024-09", "--data", str(data_dir), "--json")

    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.rstrip().endswith("}")  # the whole JSON reached the pipe before the process left
