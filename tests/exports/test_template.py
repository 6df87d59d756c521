"""`tthc template PERIOD --out DIR` writes blank exports of every kind that the ingest reads back as what they are.

Blank means header-only: empty figures may give findings (an empty dossiers table, missing inputs), but
never one about the format (an unrecognised table, a missing column, an unreadable file, another period).
Existing files are never overwritten without --force.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.context import load_context
from tthc.formats import TABLES
from tthc.pipeline import ingest_period
from tthc.records.spec import RECORDS
from tthc.validation.rules import stated_period

from support import SEPTEMBER, SHIPPED, run_tthc
from test_cli_usage import english_in, examples_in, help_of

FORMAT_CODES = {"unrecognised_table", "missing_column", "unreadable_file", "unreadable_sheet", "empty_file",
                "ignored_file", "other_period", "repeated_table"}
FORMAT_WORDS = ["không nhận dạng", "không nhận ra", "không đọc được", "thiếu cột", "khác kỳ báo cáo"]


@pytest.fixture
def templates(data_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "mau"
    completed = run_tthc("template", "2024-09", "--out", str(out), "--data", str(data_dir))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out


@pytest.fixture
def blank_period(templates: Path, tmp_path: Path) -> Path:
    """A data folder whose 2024-09 holds only the templates."""
    data = tmp_path / "trong"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(templates, data / "raw" / "2024-09")
    return data


def test_one_template_per_input_kind_of_every_table(templates: Path):
    names = sorted(p.name for p in templates.iterdir())
    kinds = [key for spec in TABLES for key in spec.inputs]
    assert names == sorted(f"mau-{key.replace('_', '-')}-2024-09.xlsx" for key in kinds)


def test_tthc_check_reads_the_templates_back_without_a_format_error(blank_period: Path):
    completed = run_tthc("check", "2024-09", "--data", str(blank_period))
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr
    assert [w for w in FORMAT_WORDS if w in completed.stdout] == [], completed.stdout


def test_every_template_is_recognised_as_its_table_with_the_period_in_its_title(blank_period: Path):
    context = load_context(blank_period)
    inputs = ingest_period(context, SEPTEMBER)
    assert [f.describe() for f in inputs.findings if f.code in FORMAT_CODES] == []
    read = {t.raw.file: t.source for t in inputs.tables}
    for spec in TABLES:
        for key in spec.inputs:
            name = f"mau-{key.replace('_', '-')}-2024-09.xlsx"
            if spec is RECORDS:  # read by the records path, which finds no dossier in it
                assert name not in read
                assert all(not f.is_error for f in inputs.findings if f.location.file == name)
            else:
                assert read[name] == spec.name
    start, end = SEPTEMBER.start(context.organisation.cutoff_day), SEPTEMBER.end(context.organisation.cutoff_day)
    assert {stated_period(t.raw.title_lines) for t in inputs.tables} == {(start, end)}
    assert all(set(t.raw.columns) == {c.name for c in t.raw.source.columns} for t in inputs.tables)


def test_existing_templates_are_not_overwritten_without_force(templates: Path, data_dir: Path):
    target = templates / "mau-signing-2024-09.xlsx"
    target.write_bytes(b"ban nhap cua chuyen vien")
    completed = run_tthc("template", "2024-09", "--out", str(templates), "--data", str(data_dir))
    assert completed.returncode == 2
    assert completed.stderr.startswith("Lỗi:")
    assert "không ghi đè" in completed.stderr and "--force" in completed.stderr
    assert target.read_bytes() == b"ban nhap cua chuyen vien"
    completed = run_tthc("template", "2024-09", "--out", str(templates), "--data", str(data_dir), "--force")
    assert completed.returncode == 0, completed.stderr
    assert target.read_bytes().startswith(b"PK")


def test_the_template_help_is_vietnamese_with_examples():
    text = help_of("template")
    assert english_in(text) == []
    assert "Cách dùng: tthc template --out THƯ_MỤC [TÙY_CHỌN] KỲ" in text
    assert ["template", "2024-09", "--out", "mau"] in examples_in(text)
