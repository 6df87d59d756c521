"""The code stays clean: mypy (configured in pyproject.toml) and ruff pass on the repository."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_passes() -> None:
    result = _run("mypy")
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}\n{result.stderr}"


def test_ruff_passes() -> None:
    result = _run("ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, f"ruff failed:\n{result.stdout}\n{result.stderr}"
