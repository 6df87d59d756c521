"""Shared fixtures: every test works on a copy of the shipped data in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.pipeline import Context, load_context

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


@pytest.fixture(scope="session")
def september_report(tmp_path_factory) -> Path:
    """One `tthc report 2024-09` (pandoc) on a copy of the shipped data, shared by the report tests.

    Relative --data and --out, run from the copy's folder, as the README's command gives them.
    """
    from support import run_tthc

    root = tmp_path_factory.mktemp("september-report")
    shutil.copytree(SHIPPED / "reference", root / "data" / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", root / "data" / "raw" / "2024-09")
    completed = run_tthc("report", "2024-09", "--engine", "pandoc", "--data", "data", "--out", "reports", cwd=root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return root


@pytest.fixture(scope="session")
def october_report(tmp_path_factory) -> Path:
    """One `tthc report 2024-10`: a demo month whose dossier records add Phụ lục 5 and 6."""
    from support import run_tthc

    root = tmp_path_factory.mktemp("october-report")
    shutil.copytree(SHIPPED / "reference", root / "data" / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-10", root / "data" / "raw" / "2024-10")
    completed = run_tthc("report", "2024-10", "--engine", "pandoc", "--data", "data", "--out", "reports", cwd=root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return root
