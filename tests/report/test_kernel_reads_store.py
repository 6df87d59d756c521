"""The report's kernel reads the store alone: the build validates and stores, then hands the notebook its
configuration; the kernel never ingests, never reads data/raw, never loads the reference files again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.context import Snapshot, SnapshotError, load_context, read_snapshot, write_snapshot
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.report.document import MonthlyReport
from tthc.stored import StoreNotReadyError

from support import SHIPPED

SEPTEMBER, AUGUST = Period.parse("2024-09"), Period.parse("2024-08")


def _data(tmp_path: Path, *periods: Period) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in periods:
        shutil.copytree(SHIPPED / "raw" / str(period), data / "raw" / str(period))
    return data


def _text(report: MonthlyReport) -> str:
    return "".join([report.front_matter(), report.body_before_chart(), report.body_after_chart(),
                    *(report.annex_markdown(n) for n in range(1, 7))])


def test_with_the_builds_snapshot_the_report_needs_neither_the_exports_nor_the_reference_files(tmp_path):
    data = _data(tmp_path, AUGUST, SEPTEMBER)
    context = load_context(data)
    for period in (AUGUST, SEPTEMBER):
        assert not build_period(context, period).has_errors
    expected = _text(MonthlyReport(SEPTEMBER, data))
    snapshot = write_snapshot(Snapshot(context, frozenset({AUGUST, SEPTEMBER})), tmp_path / "snapshot.pickle")
    shutil.rmtree(data / "raw")
    shutil.rmtree(data / "reference")
    report = MonthlyReport("2024-09", data, snapshot)
    assert _text(report) == expected
    assert "684 hồ sơ" in expected and "Không so sánh với tháng 8" in expected
    assert report.period == SEPTEMBER and isinstance(report.period, Period)


def test_a_period_the_build_did_not_store_is_not_read_even_if_an_old_store_holds_it(tmp_path):
    data = _data(tmp_path, AUGUST, SEPTEMBER)
    context = load_context(data)
    for period in (AUGUST, SEPTEMBER):
        assert not build_period(context, period).has_errors
    snapshot = write_snapshot(Snapshot(context, frozenset({SEPTEMBER})), tmp_path / "snapshot.pickle")
    report = MonthlyReport(SEPTEMBER, data, snapshot)
    assert report.previous is None
    assert "so với tháng 8" not in _text(report) and "Không so sánh với tháng 8" not in _text(report)


def test_without_a_stored_period_the_kernel_says_which_command_stores_it_and_ingests_nothing(tmp_path):
    data = _data(tmp_path, SEPTEMBER)
    with pytest.raises(StoreNotReadyError) as raised:
        MonthlyReport("2024-09", data)
    assert "chạy `tthc report 2024-09` hoặc `tthc indicators 2024-09`" in str(raised.value)
    assert not (data / "store").exists()


def test_a_store_older_than_the_exports_is_not_read_without_a_snapshot(tmp_path):
    data = _data(tmp_path, SEPTEMBER)
    assert not build_period(load_context(data), SEPTEMBER).has_errors
    notes = next((data / "raw" / "2024-09").glob("*.yaml"))
    notes.write_text(notes.read_text(encoding="utf-8") + "\n# sửa sau khi kiểm tra\n", encoding="utf-8")
    with pytest.raises(StoreNotReadyError, match="đã thay đổi sau lần kiểm tra trước"):
        MonthlyReport("2024-09", data)


def test_an_unreadable_snapshot_is_a_vietnamese_error(tmp_path):
    broken = tmp_path / "snapshot.pickle"
    broken.write_bytes(b"not a pickle")
    with pytest.raises(SnapshotError, match="không đọc được tệp cấu hình"):
        read_snapshot(broken)
