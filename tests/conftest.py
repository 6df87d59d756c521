"""Shared fixtures: every test works on a copy of the shipped data in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.context import Context, load_context

from support import SHIPPED


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/reference and data/raw/2024-09 (no store, no other periods)."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", target / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", target / "raw" / "2024-09")
    return target


@pytest.fixture
def context(data_dir: Path) -> Context:
    return load_context(data_dir)


@pytest.fixture
def september(data_dir: Path) -> Path:
    return data_dir / "raw" / "2024-09"


def _shipped_month_report(tmp_path_factory, period: str) -> Path:
    """`tthc report PERIOD` (pandoc) on a copy of one shipped month, with relative --data and --out run
    from the copy's folder, as the README's command gives them."""
    from support import run_tthc

    root = tmp_path_factory.mktemp(f"report-{period}")
    shutil.copytree(SHIPPED / "reference", root / "data" / "reference")
    shutil.copytree(SHIPPED / "raw" / period, root / "data" / "raw" / period)
    completed = run_tthc("report", period, "--engine", "pandoc", "--data", "data", "--out", "reports", cwd=root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return root


@pytest.fixture(scope="session")
def september_report(tmp_path_factory) -> Path:
    """The seed month's report, shared by the report tests."""
    return _shipped_month_report(tmp_path_factory, "2024-09")


@pytest.fixture(scope="session")
def october_report(tmp_path_factory) -> Path:
    """A demo month whose dossier records add Phụ lục 5 and 6."""
    return _shipped_month_report(tmp_path_factory, "2024-10")
