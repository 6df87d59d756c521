"""The report profile: tiers of units, sections and annexes in data; the seed's district centre is the default."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tthc.context import load_context
from tthc.indicators import compute_indicators
from tthc.inputs import INPUT_KINDS
from tthc.pipeline import build_period, check_period
from tthc.profile import load_profile
from tthc.reference import ReferenceDataError
from tthc.report.annexes import build_annexes
from tthc.stored import analyst_from_frames, load_frames

from support import SEPTEMBER

AGENCIES_ONLY = """
name: Trung tâm chỉ có các cơ quan
tiers:
  - {key: agencies, kinds: [department, district_body, provincial_body], input: dossiers_centre, name: Trung tâm}
sections: [work_situation, "tier:agencies", assessment, next_tasks]
annexes: ["tier:agencies", data_quality]
group_subtotals: true
definitions: {on_time_rate: over_due}
"""

WHOLE_AREA = """
name: Toàn huyện, hai cấp và tổng cộng
tiers:
  - {key: district, kinds: [department, district_body, provincial_body], input: dossiers_centre, name: Cấp huyện}
  - {key: communes, kinds: [commune], input: dossiers_communes, name: Cấp xã}
total: {name: Toàn huyện}
sections: [work_situation, "tier:district", "tier:communes", total, next_tasks]
annexes: [all_tiers, data_quality]
"""


@pytest.fixture
def frames(context):
    assert not build_period(context, SEPTEMBER).has_errors
    return load_frames(context, SEPTEMBER)


def profile_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def annex_frame(annex) -> pl.DataFrame:
    return annex.table._tbl_data


def test_the_default_profile_is_the_seeds_district_centre():
    profile = load_profile(None)
    assert [t.key for t in profile.tiers] == ["centre", "communes"]
    assert profile.sections == ("work_situation", "tier:centre", "digital_transformation", "tier:communes",
                                "e_certification", "assessment", "next_tasks")
    assert profile.annex_number("tier:communes") == 2 and profile.annex_number("index_766") == 6
    assert profile.total is None and profile.has_part("payment_classes")


def test_a_centre_with_agencies_only_has_one_tier_and_its_own_annexes(context, frames, tmp_path):
    profile = load_profile(profile_file(tmp_path, AGENCIES_ONLY), context.catalogue)
    result = compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation,
                                context.registry, profile, context.catalogue)
    assert list(result.tiers) == ["agencies"]
    assert result.tiers["agencies"].counts["received_total"].value == 684  # the seed's centre, all units
    assert not result.communes.present  # a tier the profile does not have: no data, never zeros shown as figures
    annexes = build_annexes(frames, context.registry, profile)
    assert [(a.number, a.kind) for a in annexes] == [(1, "tier:agencies"), (2, "data_quality")]


def test_group_subtotals_sum_their_units(context, frames, tmp_path):
    profile = load_profile(profile_file(tmp_path, AGENCIES_ONLY), context.catalogue)
    data = annex_frame(build_annexes(frames, context.registry, profile)[0])
    groups = {u.id: u.group for u in context.registry.units}
    centre = frames["dossiers"].filter(pl.col("desk") == "centre").with_columns(
        pl.col("unit_id").replace_strict(groups).alias("unit_group"))
    expected = dict(centre.group_by("unit_group").agg(pl.col("received").sum()).iter_rows())
    subtotal_rows = data.filter(pl.col("stt") == "")
    shown = dict(zip(subtotal_rows["unit"].to_list(), subtotal_rows["received"].to_list()))
    assert shown.pop("Tổng") == 684
    assert shown == expected and len(shown) >= 2
    assert data.filter(pl.col("stt") != "").height == centre.height  # every unit once, numbered 1…n
    assert data.filter(pl.col("stt") != "")["stt"].to_list() == [str(i) for i in range(1, centre.height + 1)]


def test_a_whole_area_annex_has_tier_rows_and_a_grand_total(context, frames, tmp_path):
    profile = load_profile(profile_file(tmp_path, WHOLE_AREA), context.catalogue)
    result = compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation,
                                context.registry, profile, context.catalogue)
    district, communes = result.tiers["district"], result.tiers["communes"]
    assert result.total is not None
    assert result.total.counts["received_total"].value == (district.counts["received_total"].value
                                                           + communes.counts["received_total"].value)
    data = annex_frame(build_annexes(frames, context.registry, profile)[0])
    tiers = data.filter(pl.col("stt").is_in(["I", "II"]))
    assert tiers["unit"].to_list() == ["Cấp huyện", "Cấp xã"]
    assert tiers["received"].to_list() == [district.counts["received_total"].value,
                                           communes.counts["received_total"].value]
    last = data.row(data.height - 1, named=True)
    assert last["unit"] == "Tổng cộng toàn huyện" and last["received"] == result.total.counts["received_total"].value


@pytest.mark.parametrize(("text", "message"), [
    (AGENCIES_ONLY.replace('"tier:agencies", assessment', '"tier:communes", assessment'),
     "nêu 'tier:communes' nhưng không có cấp này"),
    (AGENCIES_ONLY.replace("kinds: [department,", "kinds: [ward,"), "kinds của cấp thứ 1"),
    (WHOLE_AREA.replace("total: {name: Toàn huyện}\n", ""), "có 'total' nhưng chưa khai báo"),
    (WHOLE_AREA.replace("kinds: [commune]", "kinds: [commune, department]"), "thuộc hai cấp"),
    (AGENCIES_ONLY.replace("data_quality]", "quality]"), "'quality' không hợp lệ"),
])
def test_a_broken_profile_is_named_in_vietnamese(tmp_path, text, message):
    path = profile_file(tmp_path, text)
    with pytest.raises(ReferenceDataError) as caught:
        load_profile(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


SEED_PARTS = {
    "dossiers_centre": "mục 2 và Phụ lục 1", "dossiers_communes": "mục 4 và Phụ lục 2",
    "signing": "mục 3.1 và Phụ lục 3", "payments": "mục 2.4, mục 4.4 và biểu đồ thanh toán trực tuyến",
    "feedback": "mục 3.2", "analyst_notes": "mục 1, 5, 6, 7 và các câu giải thích",
    "records": "danh sách hồ sơ quá hạn (Phụ lục 5) và Bộ chỉ số 766 (Phụ lục 6)",
}


def test_the_inputs_name_the_seeds_sections_in_the_seeds_words():
    seed = load_profile(None)
    assert {key: INPUT_KINDS[key].parts(seed) for key in SEED_PARTS} == SEED_PARTS
    assert INPUT_KINDS["analyst_notes"].contents(seed).endswith("giải thích hồ sơ quá hạn và nội dung mục 1, 6, 7")


def _reordered(tmp_path: Path) -> Path:
    """The seed's profile with the digital transformation after the communes and the signing annex first."""
    text = load_profile(None).path.read_text(encoding="utf-8")
    for old, new in (('digital_transformation, "tier:communes"', '"tier:communes", digital_transformation'),
                     ('annexes: ["tier:centre", "tier:communes", signing', 'annexes: [signing, "tier:centre", "tier:communes"')):
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_inputs_take_their_section_numbers_from_the_profiles_order(tmp_path):
    profile = load_profile(_reordered(tmp_path))
    assert INPUT_KINDS["signing"].parts(profile) == "mục 4.1 và Phụ lục 1"
    assert INPUT_KINDS["feedback"].parts(profile) == "mục 4.2"
    assert INPUT_KINDS["dossiers_centre"].parts(profile) == "mục 2 và Phụ lục 2"
    assert INPUT_KINDS["payments"].parts(profile) == "mục 2.4, mục 3.4 và biểu đồ thanh toán trực tuyến"
    province = load_profile(Path(__file__).parents[1] / "examples" / "toan-tinh-quy" / "reference" / "profile.yaml")
    assert INPUT_KINDS["dossiers_centre"].parts(province) == "mục 2, 3 và Phụ lục 1"  # two tiers, one annex


def test_a_missing_input_is_told_with_the_centres_own_section_numbers(data_dir, tmp_path):
    (data_dir / "raw" / "2024-09" / "ThongKeKySo_24082024_23092024.xlsx").unlink()
    (data_dir / "reference" / "profile.yaml").write_bytes(_reordered(tmp_path).read_bytes())
    messages = [f.message for f in check_period(load_context(data_dir), SEPTEMBER).findings
                if f.code == "missing_input"]
    assert messages == ["không có bảng thống kê tình hình ký số văn bản điện tử: báo cáo ghi \"Không có số liệu\" "
                        "cho mục 4.1 và Phụ lục 1"]
