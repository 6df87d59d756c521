"""The same period of the previous year across the 2025 reorganisation: compared on today's units.

September 2025's commune centre of xã Lương Tài faces September 2024's rows of the three communes its
area was made of (thị trấn Thứa, Phú Hòa, Tân Lãng), not the district's fourteen; without a
reorganisation between the two periods the stored figures compare as they are.
"""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.formatting.numbers import format_percent, percentage
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.report.document import MonthlyReport
from tthc.report.last_year import Earlier
from tthc.report.narrative import Narrative, rate_change
from tthc.stored import load_frames

from support import REPO

EXAMPLE = REPO / "examples" / "xa-luong-tai"
PREDECESSORS = ("tt_thua", "phu_hoa", "tan_lang")


@pytest.fixture(scope="module")
def area(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("lt") / "xa-luong-tai"
    shutil.copytree(EXAMPLE / "reference", data / "reference")
    for period in ("2024-09", "2025-09", "2026-09"):
        if (EXAMPLE / "raw" / period).is_dir():
            shutil.copytree(EXAMPLE / "raw" / period, data / "raw" / period)
    context = load_context(data)
    for period in ("2024-09", "2025-09", "2026-09"):
        assert not build_period(context, Period.parse(period)).has_errors
    return data


def on_time_of(data: Path, period: str, units: tuple[str, ...]) -> Decimal | None:
    """Computed here from the stored per-unit rows, not by the report's code."""
    rows = load_frames(load_context(data), Period.parse(period))["dossiers"].filter(pl.col("unit_id").is_in(units))
    return percentage(int(rows["resolved_early"].sum() + rows["resolved_on_time"].sum()), int(rows["resolved"].sum()))


def line_of(report: MonthlyReport, start: str) -> list[str]:
    text = report.narrative.before_chart().replace("\\", "")
    return [x for x in text.splitlines() if x.startswith(start)]


def test_the_commune_tier_faces_the_sum_of_its_predecessors_a_year_before(area):
    report = MonthlyReport("2025-09", area)
    restated = report.last_year_restated
    assert restated is not None and str(restated.break_day) == "2025-07-01"
    last = restated.indicators.tiers["communes"].rates["on_time_rate"].value
    assert last == on_time_of(area, "2024-09", PREDECESSORS)
    district = report.last_year.tiers["communes"].rates["on_time_rate"].value  # the fourteen communes as stored
    assert district != last
    resolved = line_of(report, "- Hồ sơ đã giải quyết")
    assert f"(cùng kỳ năm 2024, tính theo đơn vị hành chính hiện nay: {format_percent(last)})" in resolved[1]
    assert all(format_percent(district) + ")" not in line for line in resolved[1:])


def test_without_a_reorganisation_between_the_figures_compare_as_stored(area):
    report = MonthlyReport("2026-09", area)  # 2025-09 and 2026-09: the same four communes
    assert report.last_year_restated is None
    stored = report.last_year.tiers["communes"].rates["on_time_rate"].value
    assert stored == on_time_of(area, "2025-09", ("xa_luong_tai_2025",))
    assert f"(cùng kỳ năm 2025: {format_percent(stored)})" in line_of(report, "- Hồ sơ đã giải quyết")[1]


def test_a_tier_with_a_unit_that_has_no_history_says_why_it_is_not_compared(area):
    report = MonthlyReport("2025-09", area)
    restated = dataclasses.replace(report.last_year_restated, comparable=frozenset({"communes"}),
                                   reasons={"centre": "không so sánh với cùng kỳ năm 2024: sau sắp xếp đơn vị hành "
                                                      "chính ngày 1/7/2025, Công an xã chưa có số liệu cùng kỳ"})
    inputs = dataclasses.replace(report.narrative.inputs, last_year_restated=restated)
    text = Narrative(inputs).before_chart().replace("\\", "")
    centre = next(x for x in text.splitlines() if x.startswith("- Hồ sơ đã giải quyết"))
    assert centre.endswith("(không so sánh với cùng kỳ năm 2024: sau sắp xếp đơn vị hành chính ngày 1/7/2025, "
                           "Công an xã chưa có số liệu cùng kỳ). Cụ thể:")


def test_a_body_that_covered_the_whole_district_then_is_not_compared_and_the_sentence_says_why(area):
    """The land registry branch received at the district centre for fourteen communes, now for one."""
    report = MonthlyReport("2025-09", area)
    restated = report.last_year_restated
    assert "centre" not in restated.comparable
    assert "Chi nhánh Văn phòng Đăng ký đất đai thuộc phạm vi tiếp nhận khác" in restated.reasons["centre"]
    centre = line_of(report, "- Hồ sơ đã giải quyết")[0]
    assert "(không so sánh với cùng kỳ năm 2024: sau sắp xếp đơn vị hành chính ngày 1/7/2025" in centre
    assert "cùng kỳ năm 2024, tính theo" not in centre


def test_a_unit_without_rows_a_year_before_makes_its_tier_incomparable(area):
    """Computed by the restatement itself: xã Lương Tài's predecessors' rows removed from 2024-09."""
    report = MonthlyReport("2025-09", area)
    last = load_frames(load_context(area), Period(2024, 9))
    frames = {**last, "dossiers": last["dossiers"].filter(~pl.col("unit_id").is_in(PREDECESSORS))}
    again = report.restate((report.last_year, frames, None), Earlier(Period(2024, 9), "cùng kỳ năm 2024", "cùng kỳ"))
    assert "communes" not in again.comparable
    assert again.reasons["communes"].endswith("UBND xã Lương Tài chưa có số liệu cùng kỳ")


@pytest.fixture(scope="module")
def either_side(tmp_path_factory) -> Path:
    """June and July 2025 of the area: the district centre, then the commune centre."""
    data = tmp_path_factory.mktemp("lt-break") / "xa-luong-tai"
    shutil.copytree(EXAMPLE / "reference", data / "reference")
    context = load_context(data)
    for period in ("2025-06", "2025-07"):
        shutil.copytree(EXAMPLE / "raw" / period, data / "raw" / period)
        assert not build_period(context, Period.parse(period)).has_errors
    return data


def test_the_change_on_the_month_before_the_reorganisation_is_taken_on_todays_units(either_side):
    """July 2025's commune (xã Lương Tài) faces its three predecessors' June rows, not June's fourteen communes."""
    report = MonthlyReport("2025-07", either_side)
    june = report.previous_restated
    assert june is not None and str(june.break_day) == "2025-07-01" and "communes" in june.comparable
    then = june.indicators.tiers["communes"].rates["on_time_rate"]
    assert then.value == on_time_of(either_side, "2025-06", PREDECESSORS)
    assert then.value != report.previous.tiers["communes"].rates["on_time_rate"].value  # fourteen communes
    now = report.indicators.tiers["communes"].rates["on_time_rate"]
    delta = narrative_change(now, then)
    communes = line_of(report, "- Hồ sơ đã giải quyết")[1]
    assert f"{delta} điểm phần trăm so với tháng 6, tính theo đơn vị hành chính hiện nay)" in communes \
        or "(không đổi so với tháng 6, tính theo đơn vị hành chính hiện nay)" in communes


def test_a_tier_not_traced_to_the_month_before_says_so_once_and_is_not_compared(either_side):
    """The land registry branch received for fourteen communes in June, for one in July."""
    report = MonthlyReport("2025-07", either_side)
    text = report.narrative.before_chart().replace("\\", "")
    centre = text[:text.index("Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC thuộc thẩm quyền")]
    reason = ("(không so sánh với tháng 6: sau sắp xếp đơn vị hành chính ngày 1/7/2025, số liệu tháng 6 của "
              "Chi nhánh Văn phòng Đăng ký đất đai thuộc phạm vi tiếp nhận khác)")
    assert centre.count(reason) == 1
    assert "so với tháng 6" not in centre.replace(reason, "")
    assert report.narrative.before_chart().replace("\\", "") == text  # rendered again: the same text


def test_a_year_is_compared_with_the_year_before_once(tmp_path):
    """A year's previous period is the same period last year: one comparison, not two."""
    data = tmp_path / "xa-luong-tai"
    shutil.copytree(EXAMPLE / "reference", data / "reference")
    for month in range(1, 13):
        for year in (2024, 2025):
            shutil.copytree(EXAMPLE / "raw" / f"{year}-{month:02d}", data / "raw" / f"{year}-{month:02d}")
    context = load_context(data)
    for year in ("2024", "2025"):
        assert not build_period(context, Period.parse(year)).has_errors
    report = MonthlyReport("2025", data)
    assert report.last_year is None and report.previous is not None
    resolved = line_of(report, "- Hồ sơ đã giải quyết")[0]
    assert resolved.count("(không so sánh với năm 2024: sau sắp xếp đơn vị hành chính ngày 1/7/2025, kỳ này gồm "
                          "cả số liệu của ") == 1, resolved
    assert "cùng kỳ năm 2024" not in resolved and "điểm phần trăm so với năm 2024" not in resolved


def narrative_change(now, then) -> str:
    """The change as the report writes it ("tăng 1,18" / "giảm 0,04"), from the two rates."""
    delta = rate_change(now, then)
    return ("tăng " if delta > 0 else "giảm ") + format(abs(delta), "f").replace(".", ",")


@pytest.fixture(scope="module")
def either_side_a_year_on(tmp_path_factory) -> Path:
    """June and July 2025 of the area, and July 2024."""
    data = tmp_path_factory.mktemp("lt-break-year") / "xa-luong-tai"
    shutil.copytree(EXAMPLE / "reference", data / "reference")
    context = load_context(data)
    for period in ("2024-07", "2025-06", "2025-07"):
        shutil.copytree(EXAMPLE / "raw" / period, data / "raw" / period)
        assert not build_period(context, Period.parse(period)).has_errors
    return data


def test_the_month_before_and_last_year_refused_for_one_reason_are_said_in_one_sentence(either_side_a_year_on):
    report = MonthlyReport("2025-07", either_side_a_year_on)
    assert "centre" in report.previous_restated.causes and "centre" in report.last_year_restated.causes
    text = report.narrative.before_chart().replace("\\", "")
    centre = text[:text.index("Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC thuộc thẩm quyền")]
    joined = ("(không so sánh với tháng 6 và cùng kỳ năm 2024: sau sắp xếp đơn vị hành chính ngày 1/7/2025, số liệu "
              "trước đó của Chi nhánh Văn phòng Đăng ký đất đai thuộc phạm vi tiếp nhận khác)")
    assert centre.count(joined) == 1
    assert "so với tháng 6" not in centre.replace(joined, "") and "cùng kỳ" not in centre.replace(joined, "")
