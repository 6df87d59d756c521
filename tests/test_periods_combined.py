"""Periods longer than a month: a quarter, a half-year, a year — from one export of the range, or built from
its months' exports (flows summed, stocks at the end, carried-over at the start); both give the same report."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.exports.writer import ExportRow, ExportTable, write_xlsx
from tthc.formatting.dates import format_date
from tthc.indicators import compute_indicators
from tthc.period import Period, PeriodError
from tthc.pipeline import build_period, check_period
from tthc.report.narrative import report_title
from tthc.sources import DOSSIERS, FEEDBACK, PAYMENTS, SIGNING
from tthc.stored import analyst_from_frames, load_frames
from tthc.tablespec import TableSpec

from support import SHIPPED, run_tthc

Q3 = Period.parse("2024-Q3")
STATUS_LABELS = {value: spellings[0] for value, spellings in FEEDBACK.column("status").words}


@pytest.mark.parametrize(("text", "shown", "start", "end", "previous"), [
    ("2024-09", "tháng 09/2024", date(2024, 8, 24), date(2024, 9, 23), "2024-08"),
    ("2024-Q3", "quý III/2024", date(2024, 6, 24), date(2024, 9, 23), "2024-Q2"),
    ("2024-q1", "quý I/2024", date(2023, 12, 24), date(2024, 3, 23), "2023-Q4"),
    ("2024-H1", "6 tháng đầu năm 2024", date(2023, 12, 24), date(2024, 6, 23), "2023-H2"),
    ("2024", "năm 2024", date(2023, 12, 24), date(2024, 12, 23), "2023"),
])
def test_a_period_is_a_month_a_quarter_a_half_year_or_a_year_under_the_cutoff_day(text, shown, start, end, previous):
    period = Period.parse(text)
    assert period.label() == shown and str(Period.parse(str(period))) == str(period)
    assert (period.start(24), period.end(24), str(period.previous())) == (start, end, previous)


def test_the_national_rule_quarter_runs_from_the_15th_before_the_quarter_to_the_14th_of_its_last_month():
    q1 = Period.parse("2023-Q1")  # Kon Tum, Q1/2023: 15/12/2022 – 14/3/2023
    assert (q1.start(15), q1.end(15), [str(m) for m in q1.month_periods()]) == (
        date(2022, 12, 15), date(2023, 3, 14), ["2023-01", "2023-02", "2023-03"])


def test_a_period_in_no_known_form_is_refused_in_vietnamese():
    with pytest.raises(PeriodError, match="NĂM-Qn"):
        Period.parse("2024-Q5")


def test_the_report_title_names_the_period_and_the_next_one():
    assert report_title(Q3)[1] == "Kết quả công tác quý III/2024 và phương hướng, nhiệm vụ quý IV/2024"
    assert report_title(Period.parse("2024"))[1] == "Kết quả công tác năm 2024 và phương hướng, nhiệm vụ năm 2025"


def _months(tmp_path: Path, name: str, months: list[str]) -> Path:
    data = tmp_path / name
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for month in months:
        shutil.copytree(SHIPPED / "raw" / month, data / "raw" / month)
    return data


def _table(spec: TableSpec, frame: pl.DataFrame, title: list[str], *, total: bool = True) -> ExportTable:
    """An export of the range written from the combined frame, in the shape the ingest reads."""
    names = [c.name for c in spec.columns if c.name not in ("stt", "unit") and c.name in frame.columns
             and frame[c.name].is_not_null().any()]
    rows = []
    for r in frame.iter_rows(named=True):
        values = {"unit": r["unit_name"], **{n: r[n] for n in names}}
        if "status" in values:
            values["status"] = STATUS_LABELS.get(values["status"], values["status"])
        rows.append(ExportRow(values, r.get("group")))
    return ExportTable(spec, title, ["stt", "unit", *names] if spec is not FEEDBACK else ["stt", *names[:1], "unit",
                                                                                       *names[1:]],
                       rows, with_total=total)


PROVENANCE_KEYS = {"source", "files", "input_files", "synthetic_files", "notes", "all_synthetic"}


def _figures_only(value: object) -> object:
    """The figures of an indicators JSON without what names their files (those differ by construction)."""
    if isinstance(value, dict):
        return {k: _figures_only(v) for k, v in value.items() if k not in PROVENANCE_KEYS}
    if isinstance(value, list):
        return [_figures_only(v) for v in value]
    return value


def test_a_quarter_from_its_three_monthly_exports_equals_the_quarter_from_one_export_of_the_range(tmp_path):
    months = _months(tmp_path, "months", ["2024-07", "2024-08", "2024-09"])
    combined_inputs = build_period(load_context(months), Q3)
    assert not combined_inputs.has_errors
    combined = load_frames(load_context(months), Q3)
    assert combined["dossiers"].filter(pl.col("unit_name") == "Phòng Tư pháp")["received"].item() == sum(
        load_frames(load_context(months), Period(2024, m))["dossiers"].filter(
            pl.col("unit_name") == "Phòng Tư pháp")["received"].item() for m in (7, 8, 9))
    september = load_frames(load_context(months), Period(2024, 9))["dossiers"]
    assert combined["dossiers"]["pending"].to_list() == september["pending"].to_list()  # a stock: at the end

    one = _months(tmp_path, "one", [])
    folder = one / "raw" / "2024-Q3"
    folder.mkdir(parents=True)
    context = load_context(one)
    span = f"Từ ngày {format_date(Q3.start(24), padded=True)} đến ngày {format_date(Q3.end(24), padded=True)}"
    dossiers = combined["dossiers"]
    for desk in ("centre", "commune"):
        rows = dossiers.filter(pl.col("desk") == desk)
        write_xlsx(_table(DOSSIERS, rows, [DOSSIERS.title, f"({span})"]), folder / f"bieu-{desk}-quy-3.xlsx")
    write_xlsx(_table(SIGNING, combined["signing"], [SIGNING.title, span], total=False), folder / "ky-so.xlsx")
    write_xlsx(_table(PAYMENTS, combined["payments"], [PAYMENTS.title, span]), folder / "thanh-toan.xlsx")
    stated = combined["feedback_stated"].row(0, named=True)
    stated_line = ", ".join(f"{label}: {stated[key]}" for key, label in (
        ("total", "Tổng số PAKN"), ("handled", "Đã xử lý"), ("hidden", "Đã ẩn"), ("unanswered", "Chưa trả lời")))
    write_xlsx(_table(FEEDBACK, combined["feedback"], [FEEDBACK.title, span, stated_line], total=False),
               folder / "pakn.xlsx")
    single_inputs = build_period(context, Q3)
    assert not single_inputs.has_errors, [f.describe() for f in single_inputs.findings if f.is_error]
    single = load_frames(context, Q3)

    def figures(data: Path, frames: dict) -> object:
        c = load_context(data)
        result = compute_indicators(Q3, frames, analyst_from_frames(frames), c.organisation, c.registry)
        return _figures_only(json.loads(result.to_json()))

    assert figures(months, combined) == figures(one, single)


def test_tthc_check_and_report_accept_a_quarter_built_from_its_months_and_name_a_missing_month(tmp_path):
    data = _months(tmp_path, "data", ["2024-07", "2024-09"])
    completed = run_tthc("check", "2024-Q3", "--data", str(data))
    assert completed.returncode == 2 and "thiếu thư mục số liệu của" in completed.stderr
    assert "2024-08" in completed.stderr and "quý III/2024" in completed.stderr
    shutil.copytree(SHIPPED / "raw" / "2024-08", data / "raw" / "2024-08")
    assert run_tthc("check", "2024-Q3", "--data", str(data)).returncode == 0
    completed = run_tthc("report", "2024-Q3", "--formats", "html", "--data", str(data),
                         "--out", str(tmp_path / "reports"))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    page = next((tmp_path / "reports" / "2024-Q3").glob("*.html")).read_text(encoding="utf-8")
    assert "quý III/2024" in page and "Từ ngày 24/6/2024 - 23/9/2024" in page


def test_a_months_export_in_a_quarters_folder_is_refused_by_the_title_date_check(tmp_path):
    data = _months(tmp_path, "data", [])
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-Q3")
    findings = [f for f in check_period(load_context(data), Q3).findings if f.is_error]
    assert findings and all("khác kỳ báo cáo 24/06/2024–23/09/2024" in f.message for f in findings
                            if "24/08/2024–23/09/2024" in f.message)
    assert any("tệp ghi kỳ số liệu 24/08/2024–23/09/2024" in f.message for f in findings)
