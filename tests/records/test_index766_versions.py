"""Decision 766 definitions by date: the 2022 decision's five groups, the portal's six components since,
an old single-version file, and a period no version covers (not scored, with a finding)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from records.records_support import frame, record, write_seed_month_records

from tthc.pipeline import ingest_period
from tthc.records.index766 import (
    SINGLE_VERSION_LABEL,
    default_path,
    index_766,
    load_index_766,
    load_index_766_versions,
)
from tthc.records.portal766 import SCHEMA
from tthc.reference import ReferenceDataError
from tthc.report.annexes import index_766_notes

from support import SEPTEMBER

SEPT_2024 = (date(2024, 8, 24), date(2024, 9, 23))
MARCH_2026 = (date(2026, 2, 24), date(2026, 3, 23))

OLD_SHAPE = """
indicators:
  - {id: "2.1", name: Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn, group: Tiến độ, points: 20, threshold: null}
  - {id: "3.3", name: Tỷ lệ hồ sơ trực tuyến, group: DVC trực tuyến, points: 12, threshold: 50}
bands:
  - {label: Tốt, min: 80}
  - {label: Yếu, min: 0}
"""


def components(spec) -> list[tuple[str, int]]:
    return [(c.name, int(c.points)) for c in spec.components]


def test_a_2024_month_uses_the_2022_five_groups(data_dir: Path) -> None:
    spec = load_index_766_versions(default_path(data_dir)).for_period(SEPT_2024[1])
    assert spec is not None and spec.id == "qd766_2022"
    assert components(spec) == [("Công khai, minh bạch", 18), ("Tiến độ, kết quả giải quyết", 20),
                                ("Số hóa hồ sơ", 22), ("Cung cấp dịch vụ trực tuyến", 22), ("Mức độ hài lòng", 18)]
    online = spec.component(spec.indicator("3.3").component)
    assert online is not None and online.points == 22 and spec.indicator("3.6").component == online.name


def test_a_2026_month_uses_the_portals_six_components(data_dir: Path) -> None:
    spec = load_index_766_versions(default_path(data_dir)).for_period(MARCH_2026[1])
    assert spec is not None and spec.id == "cong_dvcqg_6_nhom"
    assert components(spec) == [("Công khai minh bạch", 18), ("Tiến độ giải quyết", 20), ("DVC trực tuyến", 12),
                                ("Thanh toán trực tuyến", 10), ("Mức độ hài lòng", 18), ("Số hóa hồ sơ", 22)]
    assert sum(p for _, p in components(spec)) == 100
    assert spec.component(spec.indicator("3.6").component).points == 10


def test_the_version_is_chosen_by_the_periods_last_day(data_dir: Path) -> None:
    versions = load_index_766_versions(default_path(data_dir))
    assert versions.for_period(date(2024, 12, 31)).id == "qd766_2022"
    assert versions.for_period(date(2025, 1, 1)).id == "cong_dvcqg_6_nhom"
    assert versions.for_period(date(2022, 7, 31)) is None  # before the portal computed the index
    assert load_index_766(default_path(data_dir)).id == "cong_dvcqg_6_nhom"  # no date: the current one


def test_stored_scores_name_their_version_and_component(data_dir: Path) -> None:
    versions = load_index_766_versions(default_path(data_dir))
    rows = [record(channel="online", fee_bearing=True, paid_online=True)]
    old = index_766(frame(*rows), *SEPT_2024, versions.for_period(SEPT_2024[1])).to_frame()
    new = index_766(frame(*rows), *MARCH_2026, versions.for_period(MARCH_2026[1])).to_frame()
    pick = pl.col("indicator") == "3.6"
    assert old.filter(pick).select("version_id", "component", "component_points").unique().rows() == [
        ("qd766_2022", "Cung cấp dịch vụ trực tuyến", 22.0)]
    assert new.filter(pick).select("version_id", "component", "component_points").unique().rows() == [
        ("cong_dvcqg_6_nhom", "Thanh toán trực tuyến", 10.0)]
    assert old["version_label"].unique().to_list() == [versions.for_period(SEPT_2024[1]).label]


def test_an_old_single_version_file_loads_as_one_version_valid_always(tmp_path: Path) -> None:
    path = tmp_path / "index_766.yaml"
    path.write_text(OLD_SHAPE, encoding="utf-8")
    versions = load_index_766_versions(path)
    assert len(versions.versions) == 1
    spec = versions.for_period(date(2019, 1, 1))
    assert spec is versions.for_period(date(2030, 1, 1)) is not None
    assert spec.label == SINGLE_VERSION_LABEL and "mọi kỳ" in spec.label
    assert [(i.id, i.component) for i in spec.indicators] == [("2.1", "Tiến độ"), ("3.3", "DVC trực tuyến")]
    assert [b.label for b in spec.bands] == ["Tốt", "Yếu"]


def version_text(vid: str, since: str, until: str | None, component: str = "Tiến độ", points: int = 20) -> str:
    end = f"    valid_to: {until}\n" if until else ""
    return (f"  - id: {vid}\n    label: Phiên bản {vid}\n    valid_from: {since}\n{end}"
            f"    components: [{{name: Tiến độ, points: 20}}]\n"
            f"    indicators: [{{id: '2.1', name: x, component: {component}, points: {points}, threshold: null}}]\n"
            "    bands: [{label: Tốt, min: 0}]\n")


@pytest.mark.parametrize(("text", "message"), [
    (version_text("a", "2022-01-01", "2024-06-30") + version_text("b", "2024-06-01", None), "chồng lên nhau"),
    (version_text("a", "2022-01-01", None, component="Số hóa"), "nhóm 'Số hóa' không có"),
    (version_text("a", "2022-01-01", None, points=25), "vượt điểm tối đa"),
    (version_text("a", "2022-01-01", "2021-01-01"), "trước valid_from"),
])
def test_inconsistent_versions_are_reported(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "index_766.yaml"
    path.write_text("versions:\n" + text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message):
        load_index_766_versions(path)


def test_a_period_outside_every_version_is_not_scored_and_says_why(context, data_dir: Path, september: Path) -> None:
    write_seed_month_records(context, september, SEPTEMBER)
    path = default_path(data_dir)
    text = path.read_text(encoding="utf-8")
    cut = text.index("  - id: cong_dvcqg_6_nhom")
    start = text.index("  - id: qd766_2022")
    path.write_text(text[:start] + text[cut:], encoding="utf-8")  # only the version from 2025
    inputs = ingest_period(context, SEPTEMBER)
    found = [f for f in inputs.findings if f.code == "index_766_no_version"]
    assert len(found) == 1 and not found[0].is_error and found[0].location.file == "index_766.yaml"
    assert "24/08/2024–23/09/2024" in found[0].message and "không tính điểm 766" in found[0].message
    assert "index_766" not in inputs.extra_frames and "late_dossiers" in inputs.extra_frames


def test_the_766_annex_says_which_definitions_and_what_the_portal_quoted(data_dir: Path) -> None:
    versions = load_index_766_versions(default_path(data_dir))
    scores = index_766(frame(record()), *SEPT_2024, versions.for_period(SEPT_2024[1])).to_frame()
    assert index_766_notes(scores, None) == (
        "Định nghĩa các chỉ số: Bộ chỉ số 766 theo Quyết định 766/QĐ-TTg (5 nhóm chỉ số).",)
    quoted = pl.DataFrame([("f.yaml", "", datetime(2024, 10, 3, 8, 15), True, "qd766_2022", "5 nhóm",
                            "Số hóa hồ sơ", 15.6, 22.0, 80.1, None)], schema=SCHEMA, orient="row")
    assert index_766_notes(scores, quoted)[1].startswith(
        "Điểm trích từ Cổng Dịch vụ công quốc gia, dữ liệu được tính tại thời điểm 08:15 ngày 03/10/2024")
    assert index_766_notes(scores.drop("version_label"), None) == ()  # an older store: no claim
