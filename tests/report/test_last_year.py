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
from tthc.report.narrative import Narrative
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
    again = report.restate_last_year((report.last_year, frames, None))
    assert "communes" not in again.comparable
    assert again.reasons["communes"].endswith("UBND xã Lương Tài chưa có số liệu cùng kỳ")
