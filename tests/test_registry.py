"""Unit names resolve to one canonical unit, or are reported; never guessed."""

from __future__ import annotations

import pytest

from tthc.reference import ReferenceDataError
from tthc.registry import MatchHow, load_registry

from support import SHIPPED


@pytest.fixture(scope="module")
def registry():
    return load_registry(SHIPPED / "reference" / "units.yaml")


@pytest.mark.parametrize(
    ("spelling", "unit_id"),
    [
        ("UBND thị trấn Thừa", "tt_thua"),  # communes table
        ("UBND thị trấn Thứa", "tt_thua"),  # signing table
        ("UBND thị trấn Thửa", "tt_thua"),  # feedback list
        ("UBND xã Trùng Xá", "trung_xa"),
        ("UBND xã Trừng Xá", "trung_xa"),
        ("UBND xã Trung Khê", "trung_kenh"),
        ("Chi Cục Thuế - HLT", "chi_cuc_thue"),
        ("Phòng Lao động – Thương binh và Xã hội huyện", "phong_lao_dong"),
        ("  phòng   tư PHÁP ", "phong_tu_phap"),
    ],
)
def test_listed_spellings_match_exactly(registry, spelling, unit_id):
    match = registry.match(spelling)
    assert match.how is MatchHow.EXACT and match.unit.id == unit_id


@pytest.mark.parametrize(
    ("spelling", "unit_id"),
    [("Xã Lâm Thao", "lam_thao"), ("UBND xa Lam Thao", "lam_thao"), ("Ủy ban nhân dân xã Quảng Phú", "quang_phu"),
     ("Phòng Y tế huyện", "phong_y_te")],
)
def test_unlisted_spellings_match_loosely_and_say_so(registry, spelling, unit_id):
    match = registry.match(spelling)
    assert match.how is MatchHow.LOOSE and match.unit.id == unit_id


def test_unknown_name_offers_the_closest_units(registry):
    match = registry.match("UBND xã Trung Chinh Đông")
    assert match.how is MatchHow.UNKNOWN and match.unit is None
    assert "trung_chinh" in [u.id for u in match.candidates]


def test_tax_office_is_outside_the_one_stop_system(registry):
    assert registry.by_id("chi_cuc_thue").outside_one_stop
    assert not any(u.outside_one_stop for u in registry.units if u.id != "chi_cuc_thue")
    assert sum(u.kind == "commune" for u in registry.units) == 14


def test_duplicate_ids_are_rejected(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("units:\n  - {id: a, name: A, kind: commune}\n  - {id: a, name: B, kind: commune}\n",
                    encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="mã đơn vị bị trùng: a"):
        load_registry(path)


def test_missing_registry_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReferenceDataError, match="không tìm thấy tệp"):
        load_registry(tmp_path / "units.yaml")
