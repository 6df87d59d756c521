"""Which inputs a period has: a missing required export is an error, a missing optional one a warning;
last month's files copied into the period are said to be so."""

from __future__ import annotations

import shutil

import pytest

from tthc.context import load_context
from tthc.findings import Severity
from tthc.pipeline import build_period, ingest_period

from support import SEPTEMBER, SHIPPED

EXPORTS = {  # input kind → the shipped September file that supplies it
    "dossiers_centre": "Bieu_TTHCC_thang9.xlsx",
    "dossiers_communes": "Bieu_xa_thi_tran_T9_2024.xlsx",
    "signing": "ThongKeKySo_24082024_23092024.xlsx",
    "payments": "thanh-toan-truc-tuyen-dvcqg.xlsx",
    "feedback": "PAKN_thang_9.xlsx",
    "analyst_notes": "ghi-chu-chuyen-vien.yaml",
}


def missing(context, kind: str):
    return [f for f in ingest_period(context, SEPTEMBER).findings if f.code == "missing_input"
            and f.values.get("kind") == kind]


@pytest.mark.parametrize("kind", ["dossiers_centre", "dossiers_communes"])
def test_a_missing_required_export_is_an_error_naming_what_it_would_contain(context, september, kind):
    (september / EXPORTS[kind]).unlink()
    [finding] = missing(context, kind)
    assert finding.severity is Severity.ERROR
    assert finding.location.describe() == "thư mục 2024-09"
    assert "thiếu biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC" in finding.message
    assert "số hồ sơ tiếp nhận, đã giải quyết" in finding.message and "bắt buộc" in finding.message
    assert build_period(context, SEPTEMBER).has_errors


@pytest.mark.parametrize("kind", ["signing", "payments", "feedback", "analyst_notes"])
def test_a_missing_optional_export_is_a_warning_saying_the_report_has_no_data_there(context, september, kind):
    (september / EXPORTS[kind]).unlink()
    [finding] = missing(context, kind)
    assert finding.severity is Severity.WARNING and '"Không có số liệu"' in finding.message
    assert not build_period(context, SEPTEMBER).has_errors


def test_the_shipped_september_has_every_input(context):
    assert [f for f in ingest_period(context, SEPTEMBER).findings if f.code == "missing_input"] == []


def test_which_inputs_are_required_is_the_centres_choice(data_dir, september):
    organisation = data_dir / "reference" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "signing: optional", "signing: required").replace("dossiers_communes: required", "dossiers_communes: optional"),
        encoding="utf-8")
    (september / EXPORTS["signing"]).unlink()
    (september / EXPORTS["dossiers_communes"]).unlink()
    context = load_context(data_dir)
    assert [f.severity for f in missing(context, "signing")] == [Severity.ERROR]
    assert [f.severity for f in missing(context, "dossiers_communes")] == [Severity.WARNING]


def test_a_file_copied_unchanged_from_last_month_is_a_warning_at_the_file(data_dir, september):
    august = data_dir / "raw" / "2024-08"
    shutil.copytree(SHIPPED / "raw" / "2024-08", august)
    (september / EXPORTS["signing"]).unlink()
    shutil.copy(august / "ThongKeKySo_24072024_23082024.xlsx", september / "ky-so-thang-9.xlsx")
    findings = ingest_period(load_context(data_dir), SEPTEMBER).findings
    [copied] = [f for f in findings if f.code == "copied_from_previous"]
    assert copied.location.file == "ky-so-thang-9.xlsx"
    assert "giống hệt tệp ThongKeKySo_24072024_23082024.xlsx của kỳ 2024-08" in copied.message
    # and its title names August's period: the export is refused as another period's
    assert any(f.code == "other_period" and f.location.file == "ky-so-thang-9.xlsx" for f in findings)


def test_notes_that_name_another_period_are_a_warning_at_their_line(context, september):
    notes = september / EXPORTS["analyst_notes"]
    notes.write_text(notes.read_text(encoding="utf-8").replace('period: "2024-09"', 'period: "2024-08"'),
                     encoding="utf-8")
    [finding] = [f for f in ingest_period(context, SEPTEMBER).findings if f.code == "notes_other_period"]
    line = next(i for i, t in enumerate(notes.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("period:"))
    assert finding.location.row == line and "ghi kỳ 2024-08, khác kỳ báo cáo 2024-09" in finding.message


def test_records_of_another_period_are_one_finding_not_one_per_unit_and_column(data_dir, september):
    shutil.copy(SHIPPED / "raw" / "2024-08" / "ho-so-2024-08.parquet", september / "ho-so.parquet")
    inputs = ingest_period(load_context(data_dir), SEPTEMBER)
    assert [f for f in inputs.findings if f.code == "records_mismatch"] == []
    [finding] = [f for f in inputs.findings if f.code == "records_outside_period"]
    assert "không có hồ sơ nào tiếp nhận trong kỳ (24/08/2024–23/09/2024)" in finding.message
    assert "late_dossiers" not in inputs.extra_frames and "index_766" not in inputs.extra_frames
