"""A 766 score quoted from the national portal: read with its snapshot time, checked against the components
of the period's version, stored apart from the scores computed from records, shown as quoted."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
from records.records_support import write_seed_month_records

from tthc.pipeline import build_period, ingest_period
from tthc.records.index766 import default_path, load_index_766_versions
from tthc.records.portal766 import (
    PORTAL_766_DATASET,
    is_portal_766_file,
    parse_snapshot,
    portal_766_display,
    read_portal_766,
)
from tthc.report.document import MonthlyReport
from tthc.stored import load_frames

from support import SEPTEMBER

NAME = "chi-so-766-cong-dvcqg.yaml"
START, END = date(2024, 8, 24), date(2024, 9, 23)
QUOTED_2024 = """\
scope: UBND huyện Lương Tài
snapshot_at: "Dữ liệu được tính tại thời điểm 08:15 ngày 03/10/2024"
components:
  Công khai, minh bạch: 13.2
  Tiến độ, kết quả giải quyết: "18,4/20"
  Số hóa hồ sơ: 15.6
  Cung cấp dịch vụ trực tuyến: 15.3
  Mức độ hài lòng: 17.6
total: 80.1
band: Tốt
"""


def write(folder: Path, text: str, name: str = NAME) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read(data_dir: Path, path: Path, start: date = START, end: date = END):
    return read_portal_766(path, load_index_766_versions(default_path(data_dir)), start, end)


def test_a_quoted_score_is_read_with_its_snapshot_time(data_dir: Path, tmp_path: Path) -> None:
    quoted, findings = read(data_dir, write(tmp_path, QUOTED_2024))
    assert findings == []
    assert quoted is not None and quoted.version_id == "qd766_2022"
    assert quoted.snapshot_at == datetime(2024, 10, 3, 8, 15) and quoted.snapshot_has_time
    assert [(c.name, float(c.points), float(c.max_points)) for c in quoted.components] == [
        ("Công khai, minh bạch", 13.2, 18), ("Tiến độ, kết quả giải quyết", 18.4, 20), ("Số hóa hồ sơ", 15.6, 22),
        ("Cung cấp dịch vụ trực tuyến", 15.3, 22), ("Mức độ hài lòng", 17.6, 18)]
    shown = portal_766_display(quoted.to_frame())
    assert shown is not None
    assert shown.source == "Cổng Dịch vụ công quốc gia, dữ liệu được tính tại thời điểm 08:15 ngày 03/10/2024"
    assert "80,10/100 điểm, xếp loại Tốt" in shown.sentence and "không phải số liệu tính" in shown.sentence
    assert shown.rows[3] == ("Cung cấp dịch vụ trực tuyến", "15,30", "22")
    assert portal_766_display(None) is None


def test_snapshot_wordings() -> None:
    assert parse_snapshot("03/10/2024 08:15:30") == (datetime(2024, 10, 3, 8, 15, 30), True)
    assert parse_snapshot(date(2024, 10, 3)) == (datetime(2024, 10, 3), False)
    assert parse_snapshot("2024-10-03T08:15") == (datetime(2024, 10, 3, 8, 15), True)
    assert parse_snapshot("hôm qua") is None


def test_a_component_of_another_version_is_an_error_naming_the_file(data_dir: Path, tmp_path: Path) -> None:
    text = QUOTED_2024.replace("  Cung cấp dịch vụ trực tuyến: 15.3\n",
                               "  DVC trực tuyến: 7.7\n  Thanh toán trực tuyến: 7.6\n")
    quoted, findings = read(data_dir, write(tmp_path, text))
    assert quoted is None
    bad = [f for f in findings if f.code == "portal_766_unknown_component"]
    assert [f.values["component"] for f in bad] == ["DVC trực tuyến", "Thanh toán trực tuyến"]
    assert all(f.is_error and f.location.file == NAME and NAME in f.message for f in bad)
    assert "không thuộc Bộ chỉ số 766 theo Quyết định 766/QĐ-TTg (5 nhóm chỉ số)" in bad[0].message
    # the same components are right for a 2026 month
    quoted, findings = read(data_dir, write(tmp_path, text.replace("2024", "2026").replace(
        "Công khai, minh bạch", "Công khai minh bạch").replace("Tiến độ, kết quả giải quyết", "Tiến độ giải quyết")),
        date(2026, 2, 24), date(2026, 3, 23))
    assert quoted is not None and quoted.version_id == "cong_dvcqg_6_nhom", [f.describe() for f in findings]
    assert findings == [] and len(quoted.components) == 6 and quoted.total == sum(c.points for c in quoted.components)


def test_points_above_the_components_maximum_are_an_error(data_dir: Path, tmp_path: Path) -> None:
    _, findings = read(data_dir, write(tmp_path, QUOTED_2024.replace("Mức độ hài lòng: 17.6", "Mức độ hài lòng: 19")))
    assert [f.code for f in findings] == ["portal_766_points_out_of_range"]


def test_a_missing_snapshot_time_is_an_error_naming_the_file(data_dir: Path, tmp_path: Path) -> None:
    text = "\n".join(line for line in QUOTED_2024.splitlines() if not line.startswith("snapshot_at"))
    quoted, findings = read(data_dir, write(tmp_path, text))
    assert quoted is None
    assert [(f.code, f.is_error, f.location.file) for f in findings] == [("portal_766_no_snapshot", True, NAME)]
    assert f"tệp {NAME} thiếu mục snapshot_at" in findings[0].message
    assert "Dữ liệu được tính tại thời điểm" in findings[0].message


def test_a_total_that_is_not_the_sum_is_flagged(data_dir: Path, tmp_path: Path) -> None:
    _, findings = read(data_dir, write(tmp_path, QUOTED_2024.replace("total: 80.1", "total: 82.0")))
    assert [(f.code, f.is_error) for f in findings] == [("portal_766_total_differs", False)]


def test_recognised_by_name_or_keys_never_as_notes(tmp_path: Path) -> None:
    assert is_portal_766_file(write(tmp_path, "x: 1\n"))
    assert is_portal_766_file(write(tmp_path, QUOTED_2024, "diem-cong.yaml"))
    assert not is_portal_766_file(write(tmp_path, "period: 2024-09\n", "ghi-chu.yaml"))


def test_the_quoted_score_is_stored_apart_from_the_computed_one(context, september: Path) -> None:
    write_seed_month_records(context, september, SEPTEMBER)
    write(september, QUOTED_2024)
    inputs = build_period(context, SEPTEMBER)
    assert not inputs.has_errors, [f.describe() for f in inputs.findings if f.is_error]
    assert inputs.analyst is not None  # the notes file is still the notes file
    frames = load_frames(context, SEPTEMBER)
    quoted, computed = frames[PORTAL_766_DATASET], frames["index_766"]
    assert quoted["component"].to_list()[3] == "Cung cấp dịch vụ trực tuyến"
    assert quoted["snapshot_at"].unique().to_list() == [datetime(2024, 10, 3, 8, 15)]
    assert "snapshot_at" not in computed.columns and "indicator" not in quoted.columns
    assert computed.filter(pl.col("unit_id") == "__overall__")["version_id"].unique().to_list() == ["qd766_2022"]
    source = next(s for s in inputs.sources if s.name == NAME)
    assert source.kinds == ("index_766_portal",)


def test_an_unusable_quoted_file_stops_the_store(context, september: Path) -> None:
    write(september, QUOTED_2024.replace("Số hóa hồ sơ", "Số hóa dữ liệu"))
    found = [f for f in ingest_period(context, SEPTEMBER).findings if f.location.file == NAME]
    assert [(f.code, f.is_error) for f in found] == [("portal_766_unknown_component", True)]


def test_components_left_out_are_flagged(data_dir: Path, tmp_path: Path) -> None:
    quoted, findings = read(data_dir, write(tmp_path, QUOTED_2024.replace("  Số hóa hồ sơ: 15.6\n", "").replace(
        "total: 80.1\n", "")))
    assert quoted is not None and [f.code for f in findings] == ["portal_766_missing_components"]
    assert "Số hóa hồ sơ" in findings[0].message


def test_the_prose_names_the_definitions_and_says_the_portal_score_is_quoted(context, data_dir: Path,
                                                                             september: Path) -> None:
    """Section 6: the score computed from records names its definitions; the portal's is quoted with its time."""
    write_seed_month_records(context, september, SEPTEMBER)
    write(september, QUOTED_2024)
    assert not build_period(context, SEPTEMBER).has_errors
    text = MonthlyReport(SEPTEMBER, data_dir).narrative.after_chart().replace("\\", "")
    computed = next(line for line in text.splitlines() if "tính từ danh sách hồ sơ của kỳ: đạt" in line)
    assert computed.startswith("- Bộ chỉ số 766 theo Quyết định 766/QĐ-TTg (5 nhóm chỉ số), tính từ danh sách")
    quoted = next(line for line in text.splitlines() if "Cổng Dịch vụ công quốc gia" in line)
    assert "tại thời điểm 08:15 ngày 03/10/2024" in quoted and "không phải số liệu tính từ danh sách hồ sơ" in quoted
    assert "đạt 80,10/100 điểm, xếp loại Tốt" in quoted
