"""Explicit date-range periods ("2022-12-15..2023-03-14"): their names, dates and wording, the folder that holds
them, the title-date check that follows them, and their figures — from an export of the range, or combined from
the months when the range is made of whole months of the organisation's cut-off day."""

from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tthc.context import load_context
from tthc.indicators import compute_indicators
from tthc.period import Period, PeriodError
from tthc.pipeline import build_period, check_period
from tthc.report.narrative import report_title
from tthc.stored import analyst_from_frames, load_frames

from support import REPO, SHIPPED, run_tthc

QUARTER_RANGE = "2022-12-15..2023-03-14"  # the province example's 2023-Q1 under cut-off day 15
QUARTER_FOLDER = "2022-12-15_2023-03-14"


@pytest.mark.parametrize("text", [QUARTER_RANGE, QUARTER_FOLDER, " 2022-12-15 .. 2023-03-14 "])
def test_a_range_is_named_by_its_folder_typed_with_two_dots_and_reads_back_the_same(text):
    period = Period.parse(text)
    assert (str(period), period.command_text()) == (QUARTER_FOLDER, QUARTER_RANGE)
    assert Period.parse(str(period)) == period == Period.parse(period.command_text())
    assert period.is_range and not period.is_month and period.kind == "range"


@pytest.mark.parametrize("cutoff", [1, 15, 24])
def test_a_range_covers_its_own_days_whatever_the_cutoff_day(cutoff):
    period = Period.parse(QUARTER_RANGE)
    assert (period.start(cutoff), period.end(cutoff), period.report_date(cutoff)) == (
        date(2022, 12, 15), date(2023, 3, 14), date(2023, 3, 15))


def test_the_document_writes_a_range_from_day_to_day():
    period = Period.parse(QUARTER_RANGE)
    assert period.label() == "từ ngày 15/12/2022 đến ngày 14/3/2023"
    assert report_title(period)[1] == ("Kết quả công tác từ ngày 15/12/2022 đến ngày 14/3/2023 và phương hướng, "
                                       "nhiệm vụ từ ngày 15/3/2023 đến ngày 14/6/2023")


def test_a_range_of_whole_months_moves_by_whole_months_and_another_by_its_length():
    period = Period.parse(QUARTER_RANGE)
    assert (period.previous().command_text(), period.next().command_text(),
            period.same_period_last_year().command_text()) == (
        "2022-09-15..2022-12-14", "2023-03-15..2023-06-14", "2021-12-15..2022-03-14")
    odd = Period.parse("2024-03-05..2024-03-14")  # ten days
    assert (odd.previous().command_text(), odd.next().command_text()) == ("2024-02-24..2024-03-04",
                                                                          "2024-03-15..2024-03-24")


def test_a_range_has_months_only_under_a_cutoff_day_it_is_made_of():
    period = Period.parse(QUARTER_RANGE)
    assert [str(m) for m in period.month_periods(15)] == ["2023-01", "2023-02", "2023-03"]
    assert [str(m) for m in Period.parse("2024-01-01..2024-02-29").month_periods(1)] == ["2024-01", "2024-02"]
    with pytest.raises(PeriodError, match="không gồm trọn các tháng báo cáo theo ngày chốt số liệu 24"):
        period.month_periods(24)
    with pytest.raises(PeriodError, match="ngày chốt số liệu 15"):
        Period.parse("2022-12-16..2023-03-14").month_periods(15)


@pytest.mark.parametrize(("text", "said"), [
    ("2023-03-14..2022-12-15", "ngày cuối 15/12/2022 trước ngày đầu 14/3/2023"),
    ("2023-02-30..2023-03-14", "ngày '2023-02-30' không có thật"),
    ("2023-1-1..2023-03-14", "mỗi ngày dạng NĂM-THÁNG-NGÀY"),
    ("15/12/2022..14/03/2023", "mỗi ngày dạng NĂM-THÁNG-NGÀY"),
    ("1999-12-15..2000-03-14", "năm phải từ 2000 đến 2100"),
])
def test_a_bad_range_is_refused_in_vietnamese(text, said):
    with pytest.raises(PeriodError, match=re.escape(said)):
        Period.parse(text)


def _province(tmp_path: Path) -> Path:
    """The province example with its quarter's export also in the folder of the range of the same days."""
    data = tmp_path / "toan-tinh-quy"
    shutil.copytree(REPO / "examples" / "toan-tinh-quy", data, ignore=shutil.ignore_patterns("store"))
    folder = data / "raw" / QUARTER_FOLDER
    shutil.copytree(data / "raw" / "2023-Q1", folder)
    notes = folder / "ghi-chu-chuyen-vien.yaml"
    notes.write_text(re.sub(r"(?m)^period: .*$", f"period: {QUARTER_RANGE}", notes.read_text(encoding="utf-8")),
                     encoding="utf-8")
    return data


NAMING = {"period", "source", "files", "input_files", "synthetic_files", "notes", "all_synthetic"}


def _figures(data: Path, period: Period) -> object:
    """The period's indicators as JSON without what names the period and its files."""
    context = load_context(data)
    inputs = build_period(context, period)
    assert not inputs.has_errors, [f.describe() for f in inputs.findings if f.is_error]
    frames = load_frames(context, period)
    result = compute_indicators(period, frames, analyst_from_frames(frames), context.organisation, context.registry,
                                context.profile, context.catalogue)

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in NAMING}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(result.to_json()))


def test_a_range_equal_to_the_province_quarter_gives_the_quarters_figures(tmp_path):
    data = _province(tmp_path)
    quarter, days = _figures(data, Period.parse("2023-Q1")), _figures(data, Period.parse(QUARTER_RANGE))
    assert days == quarter
    assert days["tiers"]  # not two empty results
    assert not [f for f in check_period(load_context(data), Period.parse(QUARTER_RANGE)).findings
                if f.code == "notes_other_period"]  # the notes name the range with two dots: the same period


def test_the_title_date_check_follows_the_range(tmp_path):
    data = _province(tmp_path)
    shutil.move(data / "raw" / QUARTER_FOLDER, data / "raw" / "2022-12-16_2023-03-14")
    findings = check_period(load_context(data), Period.parse("2022-12-16..2023-03-14")).findings
    assert any(f.is_error and "tệp ghi kỳ số liệu 15/12/2022–14/03/2023, khác kỳ báo cáo 16/12/2022–14/03/2023"
               in f.message for f in findings), [f.describe() for f in findings]


def test_a_range_of_whole_months_is_combined_from_the_months_as_its_quarter_is(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for month in ("2024-07", "2024-08", "2024-09"):
        shutil.copytree(SHIPPED / "raw" / month, data / "raw" / month)
    days = Period.parse("2024-06-24..2024-09-23")  # the seed's cut-off day 24: the third quarter
    assert _figures(data, days) == _figures(data, Period.parse("2024-Q3"))


def test_tthc_check_refuses_a_range_it_cannot_build_and_a_bad_range_with_exit_2(tmp_path):
    data = _province(tmp_path)
    not_whole = run_tthc("check", "2022-12-20..2023-03-14", "--data", str(data))
    assert not_whole.returncode == 2
    assert "không gồm trọn các tháng báo cáo theo ngày chốt số liệu 15" in not_whole.stderr
    assert "raw/2022-12-20_2023-03-14" in not_whole.stderr
    no_months = run_tthc("check", "2023-03-15..2023-05-14", "--data", str(data))
    assert no_months.returncode == 2 and "thiếu thư mục số liệu của" in no_months.stderr
    for text, said in (("2023-03-14..2022-12-15", "trước ngày đầu"), ("2023-13-01..2023-14-01", "không có thật")):
        bad = run_tthc("indicators", text, "--data", str(data))
        assert bad.returncode == 2 and said in bad.stderr and "Traceback" not in bad.stderr


def test_tthc_report_of_a_range_writes_it_from_day_to_day(tmp_path):
    data = _province(tmp_path)
    assert run_tthc("check", QUARTER_RANGE, "--data", str(data)).returncode == 0
    made = run_tthc("report", QUARTER_RANGE, "--data", str(data), "--out", str(tmp_path / "reports"),
                    "--formats", "html", "--engine", "pandoc")
    assert made.returncode == 0, made.stdout + made.stderr
    page = next((tmp_path / "reports" / QUARTER_FOLDER).glob("*.html")).read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert "Kết quả công tác từ ngày 15/12/2022 đến ngày 14/3/2023" in text
    assert "Tình hình công tác từ ngày 15/12/2022 đến ngày 14/3/2023" in text
    assert "quý I/2023" not in text


def test_a_range_folder_named_with_dots_is_named_in_the_message_not_read_as_missing(tmp_path):
    data = _province(tmp_path)
    (data / "raw" / "2022-12-20..2023-03-14").mkdir()
    named = run_tthc("check", "2022-12-20..2023-03-14", "--data", str(data))
    assert named.returncode == 2
    assert "có dấu '..' trong tên; hãy đổi tên thành 2022-12-20_2023-03-14" in named.stderr
