"""One test per validation rule, each on a real export file that breaks it.

Row and column numbers are those an analyst sees in Excel: the centre's table has a
two-line title, a blank line and a two-row header, so its n-th unit is on row 5 + n.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tthc.demo import seed
from tthc.exports.writer import ExportRow, write_xlsx
from tthc.findings import Severity
from tthc.pipeline import build_period, ingest_period

from support import SEPTEMBER, replace_export, run_tthc, tree_digest, with_value

CENTRE = "Bieu_TTHCC_thang9.xlsx"
COMMUNES = "Bieu_xa_thi_tran_T9_2024.xlsx"
SIGNING = "ThongKeKySo_24082024_23092024.xlsx"
PAYMENTS = "thanh-toan-truc-tuyen-dvcqg.xlsx"
FEEDBACK = "PAKN_thang_9.xlsx"
TU_PHAP_ROW = 11  # 6th unit of the centre's table


def findings_of(context, code):
    return [f for f in ingest_period(context, SEPTEMBER).findings if f.code == code]


def only(findings):
    assert len(findings) == 1, [f.describe() for f in findings]
    return findings[0]


def assert_nothing_written(context):
    before = tree_digest(context.paths.root)
    inputs = build_period(context, SEPTEMBER)
    assert inputs.has_errors
    assert not context.paths.store.exists()
    assert tree_digest(context.paths.root) == before


def test_shipped_period_has_only_the_two_known_warnings(context):
    findings = ingest_period(context, SEPTEMBER).findings
    assert sorted(f.code for f in findings) == ["feedback_total_mismatch", "identity_fee_split"]
    assert all(f.severity is Severity.WARNING for f in findings)


def test_lai_ha_fee_split_is_a_warning_on_its_row(context):
    f = only(findings_of(context, "identity_fee_split"))
    assert f.severity is Severity.WARNING
    assert (f.location.file, f.location.sheet, f.location.row) == (COMMUNES, "Sheet1", 9)
    assert f.location.column.startswith("R (")
    assert f.values == {"fee_bearing": 9, "paid_online": 5, "paid_direct": 3}
    assert "UBND xã Lai Hạ" in f.message


def test_feedback_items_versus_stated_total(context):
    f = only(findings_of(context, "feedback_total_mismatch"))
    assert f.severity is Severity.WARNING and f.location.file == FEEDBACK
    assert f.values["total_stated"] == 17 and f.values["total_listed"] == 16
    assert "ghi 17, danh sách có 16" in f.message


def test_missing_required_column(context, september):
    table = seed.centre_table()
    table = replace(table, columns=[c for c in table.columns if c != "received_online"])
    replace_export(september, CENTRE, table)
    f = only(findings_of(context, "missing_column"))
    assert f.severity is Severity.ERROR
    assert (f.location.file, f.location.row) == (CENTRE, 4)
    assert f.location.column == "Tổng hồ sơ tiếp nhận trực tuyến trong kỳ"
    assert_nothing_written(context)


@pytest.mark.parametrize(
    ("value", "reason"),
    [(12.5, "không phải số nguyên"), (-3, "số âm"), ("mười", "không phải số"), (None, "ô trống")],
)
def test_bad_count_cell(context, september, value, reason):
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", resolved_early=value))
    f = only(findings_of(context, "bad_count"))
    assert f.severity is Severity.ERROR
    assert (f.location.file, f.location.row, f.location.column) == (CENTRE, TU_PHAP_ROW, "G (Đã giải quyết / Trước hạn)")
    assert reason in f.message
    assert_nothing_written(context)


def test_duplicate_unit_across_rows(context, september):
    table = seed.centre_table()
    replace_export(september, CENTRE, replace(table, rows=[*table.rows, table.rows[5]]))
    f = only(findings_of(context, "duplicate_unit"))
    assert f.severity is Severity.ERROR
    assert (f.location.file, f.location.row) == (CENTRE, 15)
    assert f.location.column.startswith("B (")
    assert f"dòng {TU_PHAP_ROW}" in f.message
    assert_nothing_written(context)


def test_unknown_unit_names_the_closest_known_units(context, september):
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", unit="Phòng Tư phap hộ tịch"))
    f = only(findings_of(context, "unknown_unit"))
    assert f.severity is Severity.ERROR
    assert (f.location.row, f.location.column) == (TU_PHAP_ROW, "B (Tên đơn vị)")
    assert "Phòng Tư pháp" in f.message  # the closest known unit is suggested
    assert_nothing_written(context)


def test_totals_that_differ_only_because_a_row_was_left_out_are_one_finding_saying_so(context, september):
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", unit="Phòng Tư phap hộ tịch"))
    only(findings_of(context, "unknown_unit"))
    assert findings_of(context, "total_mismatch") == []  # not one warning per column of the total row
    f = only(findings_of(context, "total_mismatch_after_error"))
    assert f.severity is Severity.WARNING and f.location.row == 15
    assert f"vì dòng {TU_PHAP_ROW} bị loại do lỗi nêu ở dòng đó" in f.message and "cột khác" in f.message


def test_ambiguous_unit(context, september):
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", unit="Trung tâm"))
    f = only(findings_of(context, "unknown_unit") + findings_of(context, "ambiguous_unit"))
    assert f.severity is Severity.ERROR and f.location.row == TU_PHAP_ROW


def test_two_units_sharing_a_spelling_is_ambiguous(context, september):
    units = context.paths.units
    units.write_text(units.read_text(encoding="utf-8").replace(
        "aliases: [Phòng Nội vụ huyện Lương Tài]", "aliases: [Phòng Nội vụ huyện Lương Tài, Phòng Tư pháp]"),
        encoding="utf-8")
    from tthc.context import load_context

    f = only([f for f in ingest_period(load_context(context.paths.root), SEPTEMBER).findings
              if f.code == "ambiguous_unit"])
    assert f.severity is Severity.ERROR and f.location.row == TU_PHAP_ROW
    assert "Phòng Nội vụ" in f.message and "Phòng Tư pháp" in f.message


def test_loose_unit_match_is_reported(context, september):
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", unit="PHONG TU PHAP"))
    f = only(findings_of(context, "loose_unit_match"))
    assert f.severity is Severity.WARNING and f.location.row == TU_PHAP_ROW
    assert "Phòng Tư pháp" in f.message


def test_total_row_differs_from_column_sums(context, september):
    table = seed.centre_table()
    replace_export(september, CENTRE, replace(table, total={"received": 685}))
    f = only(findings_of(context, "total_mismatch"))
    assert f.severity is Severity.WARNING
    assert (f.location.row, f.location.column) == (15, "C (Tổng hồ sơ tiếp nhận\ntrong kỳ)")
    assert f.values == {"stated": 685, "summed": 684}


IDENTITY_CASES = [
    # code, unit, changes, severity, column letter
    ("identity_received_channels", "Phòng Tư pháp", {"received_online": 23, "received": 24}, Severity.ERROR, "C"),
    ("identity_resolved", "Phòng Tư pháp", {"resolved": 22}, Severity.ERROR, "F"),
    ("identity_pending", "Phòng Tư pháp", {"pending_overdue": 2, "pending": 1}, Severity.ERROR, "J"),
    ("identity_received_outcomes", "Phòng Tư pháp", {"refused": 1}, Severity.WARNING, "C"),
    ("digitised_within_resolved", "Phòng Tư pháp", {"results_digitised": 24}, Severity.ERROR, "T"),
    ("paid_within_fee_bearing", "Phòng Tư pháp", {"paid_online": 24}, Severity.ERROR, "S"),
]


@pytest.mark.parametrize(("code", "unit", "changes", "severity", "letter"), IDENTITY_CASES)
def test_row_identity(context, september, code, unit, changes, severity, letter):
    replace_export(september, CENTRE, with_value(seed.centre_table(), unit, **changes))
    found = [f for f in findings_of(context, code) if f.location.file == CENTRE]
    f = only(found)
    assert f.severity is severity
    assert f.location.row == TU_PHAP_ROW and f.location.column.startswith(letter + " (")
    if severity is Severity.ERROR:
        assert_nothing_written(context)


def test_carried_over_column_joins_the_outcome_identity(context, september):
    table = seed.centre_table()
    table = replace(table, columns=["stt", "unit", "carried_over", *table.columns[2:]])
    table = with_value(table, "Phòng Tư pháp", carried_over=2, pending=3, pending_overdue=3)
    table = replace(table, rows=[ExportRow({"carried_over": 0, **r.values}, r.group) for r in table.rows])
    replace_export(september, CENTRE, table)
    assert findings_of(context, "identity_received_outcomes") == []


def test_rate_column_disagrees_with_its_counts(context, september):
    replace_export(september, SIGNING, with_value(seed.signing_table(), "UBND xã Lai Hạ",
                                                  rate_signed_from_workfiles=90.0))
    f = only(findings_of(context, "rate_mismatch"))
    assert f.severity is Severity.WARNING and f.location.file == SIGNING
    # title 2 lines + blank + header = row 4; group rows at 5 and 7; Lai Hạ is the 7th commune
    assert f.location.row == 14 and f.location.column.startswith("K (")


def test_export_of_another_period(context, september):
    table = replace(seed.payments_table(), title_lines=[
        "THỐNG KÊ THANH TOÁN TRỰC TUYẾN", "Từ ngày 24/07/2024 đến ngày 23/08/2024"])
    replace_export(september, PAYMENTS, table)
    f = only(findings_of(context, "other_period"))
    assert f.severity is Severity.ERROR and f.location.file == PAYMENTS
    assert "24/07/2024–23/08/2024" in f.message
    assert_nothing_written(context)


def test_unrecognised_sheet(context, september):
    (september / "ghi_chu.csv").write_text("Nội dung,Ghi chú\nmột,hai\n", encoding="utf-8")
    f = only(findings_of(context, "unrecognised_table"))
    assert f.severity is Severity.ERROR and f.location.file == "ghi_chu.csv"
    assert_nothing_written(context)


def test_the_same_table_saved_twice_is_one_error_at_its_cause(context, september):
    write_xlsx(seed.centre_table(), september / "ban_sao_bieu_TTHCC.xlsx")
    assert findings_of(context, "duplicate_unit") == []  # not one error per unit
    f = only(findings_of(context, "repeated_table"))
    assert f.severity is Severity.ERROR and f.location.file == "ban_sao_bieu_TTHCC.xlsx"
    assert f"tệp {CENTRE}" in f.message and "cùng 9 đơn vị, cùng số liệu" in f.message
    assert_nothing_written(context)


def test_two_versions_of_one_table_are_one_error_saying_the_figures_differ(context, september):
    write_xlsx(with_value(seed.centre_table(), "Phòng Tư pháp", received=999), september / "bieu_TTHCC_moi.xlsx")
    assert findings_of(context, "duplicate_unit") == []
    f = only(findings_of(context, "repeated_table"))
    assert "số liệu khác nhau" in f.message


def test_units_repeated_across_two_different_tables_are_still_named_one_by_one(context, september):
    table = seed.centre_table()
    write_xlsx(replace(table, rows=table.rows[:2]), september / "hai_don_vi.xlsx")
    found = findings_of(context, "duplicate_unit")
    assert len(found) == 2 and all(f"lần đầu: tệp {CENTRE}" in f.message for f in found)


def test_malformed_analyst_file(context, september):
    path = september / "ghi-chu-chuyen-vien.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "e_certifications: 566", "e_certifications: năm trăm"), encoding="utf-8")
    f = only(findings_of(context, "bad_analyst_file"))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("e_certifications:"))
    assert f.severity is Severity.ERROR and f.location.file == path.name and f.location.row == line
    assert "e_certifications" in f.message
    assert_nothing_written(context)


def test_check_command_exit_codes(data_dir, september):
    ok = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert ok.returncode == 0, ok.stderr
    assert "UBND xã Lai Hạ" in ok.stdout and "ghi 17, danh sách có 16" in ok.stdout
    replace_export(september, CENTRE, with_value(seed.centre_table(), "Phòng Tư pháp", resolved="abc"))
    bad = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    for period in ("2024-13", "09/2024", "2023-09"):
        usage = run_tthc("check", period, "--data", str(data_dir))
        assert usage.returncode == 2, period
        assert "kỳ báo cáo" in usage.stderr or "không có thư mục" in usage.stderr
