"""Unit names resolve to one canonical unit, or are reported; never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from tthc.reference import ReferenceDataError
from tthc.registry import MatchHow, UnitKind, UnitLevel, load_registry

from support import REPO, SHIPPED


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


# ---- Versions and lineage: the Lương Tài area through the 2025 reorganisations ----

LUONG_TAI_UNITS = REPO / "examples" / "xa-luong-tai" / "reference" / "units.yaml"
SEPT_2024, MARCH_2025, SEPT_2025 = date(2024, 9, 30), date(2025, 3, 31), date(2025, 9, 30)


@pytest.fixture(scope="module")
def area():
    return load_registry(LUONG_TAI_UNITS)


def test_units_keep_their_code_level_parent_and_validity(area):
    lai_ha = area.by_id("lai_ha")
    assert (lai_ha.code, lai_ha.level, lai_ha.parent) == ("09520", UnitLevel.COMMUNE, "ubnd_huyen")
    assert (lai_ha.valid_from, lai_ha.valid_to) == (None, date(2024, 12, 31))
    an_tap = area.by_id("an_tap")
    assert (an_tap.code, an_tap.valid_from, an_tap.valid_to) == ("09508", date(2025, 1, 1), date(2025, 6, 30))
    assert area.by_id("xa_luong_tai_2025").code == area.by_id("tt_thua").code == "09496"  # a code reused


def test_lineage_links_carry_their_date_and_legal_basis(area):
    links = area.lineage.links
    assert len(links) == 6
    trung_kenh = next(link for link in links if link.target == "trung_kenh_2025")
    assert set(trung_kenh.sources) == {"an_thinh", "trung_kenh", "an_tap"}
    assert trung_kenh.date == date(2025, 7, 1)
    assert trung_kenh.basis == "Nghị quyết 1658/NQ-UBTVQH15 ngày 16/6/2025"
    assert {link.date for link in links if link.target in ("quang_minh", "an_tap")} == {date(2025, 1, 1)}


@pytest.mark.parametrize(("day", "communes"), [(SEPT_2024, 14), (MARCH_2025, 12), (SEPT_2025, 4)])
def test_on_a_date_gives_the_communes_existing_then(area, day, communes):
    assert sum(u.kind is UnitKind.COMMUNE for u in area.on(day).units) == communes


def test_after_july_2025_only_the_commune_era_units_exist(area):
    """The district's departments and old communes are gone; the province's land registry branch goes on (its
    new "khu vực" name is an alias of the same unit: the commune centre's exports name it either way)."""
    units = area.on(SEPT_2025).units
    assert sorted(u.name for u in units) == sorted([
        "UBND xã Lương Tài", "UBND xã Lâm Thao", "UBND xã Trung Chính", "UBND xã Trung Kênh",
        "Chi nhánh Văn phòng Đăng ký đất đai", "Công an xã Lương Tài"])
    assert area.on(SEPT_2025).match("Chi nhánh Văn phòng Đăng ký đất đai khu vực").unit.id == "chi_nhanh_vpdk"
    assert "ubnd_huyen" in {u.id for u in area.on(date(2025, 6, 30)).units}  # valid_to is inclusive
    assert "ubnd_huyen" not in {u.id for u in area.on(date(2025, 7, 1)).units}


def test_one_name_is_a_different_unit_before_and_after_the_merger(area):
    assert area.on(MARCH_2025).match("UBND xã Trung Kênh").unit.id == "trung_kenh"
    assert area.on(SEPT_2025).match("UBND xã Trung Kênh").unit.id == "trung_kenh_2025"
    assert area.match("UBND xã Trung Kênh").how is MatchHow.AMBIGUOUS  # every date at once: not a unit


def test_a_retired_name_is_unknown_on_a_later_date_but_says_which_unit_it_was(area):
    match = area.on(SEPT_2025).match("UBND xã Lai Hạ")
    assert match.how is MatchHow.UNKNOWN and match.unit is None
    assert match.out_of_date.id == "lai_ha"
    assert area.on(SEPT_2024).match("UBND xã Lai Hạ").unit.id == "lai_ha"


def test_predecessors_are_every_unit_whose_history_restates_onto_a_unit(area):
    assert {u.name for u in area.predecessors("trung_kenh_2025")} == {
        "UBND xã An Thịnh", "UBND xã Trung Kênh", "UBND xã Mỹ Hương", "UBND xã Lai Hạ", "UBND xã An Tập"}
    assert "trung_kenh_2025" not in {u.id for u in area.predecessors("trung_kenh_2025")}
    assert {u.id for u in area.predecessors("trung_kenh_2025", on=SEPT_2024)} == {
        "an_thinh", "trung_kenh", "my_huong", "lai_ha"}
    assert {u.id for u in area.predecessors("trung_kenh_2025", on=MARCH_2025)} == {"an_thinh", "trung_kenh", "an_tap"}
    assert area.predecessors("tt_thua") == ()


@pytest.mark.parametrize(("day", "successor"), [(SEPT_2024, "lai_ha"), (MARCH_2025, "an_tap"),
                                                (SEPT_2025, "trung_kenh_2025")])
def test_successors_follow_the_lineage_to_the_date(area, day, successor):
    assert [u.id for u in area.successors("lai_ha", day)] == [successor]


def test_the_area_re_aggregates_exactly_because_no_unit_was_split(area):
    for unit_id in ("xa_luong_tai_2025", "lam_thao_2025", "trung_chinh_2025", "trung_kenh_2025"):
        assert area.restates_exactly(unit_id) and area.split_predecessors(unit_id) == ()
    communes_2024 = [u.id for u in area.on(SEPT_2024).units if u.kind is UnitKind.COMMUNE]
    today = [area.successors(u, SEPT_2025) for u in communes_2024]
    assert all(len(s) == 1 for s in today)  # each old commune lies in exactly one of the four
    assert {s[0].id for s in today} == {"xa_luong_tai_2025", "lam_thao_2025", "trung_chinh_2025", "trung_kenh_2025"}


SPLIT = """
units:
  - {id: a, name: UBND xã A, kind: commune, valid_to: 2025-06-30}
  - {id: b, name: UBND xã B, kind: commune, valid_to: 2025-06-30}
  - {id: c, name: UBND xã C, kind: commune, valid_from: 2025-07-01}
  - {id: d, name: UBND xã D, kind: commune, valid_from: 2025-07-01}
lineage:
  - {from: [a, b], to: c, date: 2025-07-01}
  - {from: [a], to: d, date: 2025-07-01}
"""


def test_a_unit_split_between_two_successors_makes_their_history_inexact(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text(SPLIT, encoding="utf-8")
    registry = load_registry(path)
    assert registry.lineage.is_split("a") and not registry.lineage.is_split("b")
    assert [u.id for u in registry.successors("a", date(2025, 7, 1))] == ["c", "d"]
    assert [u.id for u in registry.split_predecessors("c")] == ["a"] and not registry.restates_exactly("c")
    assert [u.id for u in registry.split_predecessors("d")] == ["a"]


def test_a_registry_without_dates_is_the_same_on_every_date(registry):
    for day in (date(2000, 1, 1), SEPT_2024, date(2030, 1, 1)):
        view = registry.on(day)
        assert view.units == registry.units
        assert view.match("UBND thị trấn Thừa").unit.id == "tt_thua"
    assert registry.lineage.links == () and registry.predecessors("tt_thua") == ()


@pytest.mark.parametrize(
    ("units", "message"),
    [
        ("  - {id: a, name: A, kind: commune}\nlineage:\n  - {from: [a, x], to: a, date: 2025-07-01}\n",
         "liên kết thứ 1 trong mục 'lineage' ghi đơn vị 'x' không có trong mục 'units'"),
        ("  - {id: a, name: A, kind: commune, valid_from: 2025-07-01, valid_to: 2025-06-30}\n",
         r"valid_to \(2025-06-30\) trước valid_from \(2025-07-01\)"),
        ("  - {id: a, name: A, kind: commune, valid_from: 1/7/2025}\n", "phải là một ngày dạng năm-tháng-ngày"),
        ("  - {id: a, name: A, kind: commune, code: 9496}\n", "phải ghi trong dấu ngoặc kép"),
        ("  - {id: a, name: A, kind: commune, level: ward}\n", "level 'ward' không hợp lệ"),
        ("  - {id: a, name: A, kind: commune, parent: z}\n", "parent 'z' không có trong mục 'units'"),
        ('  - {id: a, name: A, kind: commune, code: "09496"}\n  - {id: b, name: B, kind: commune, code: "09496"}\n',
         "mã đơn vị hành chính 09496 được dùng cho hai đơn vị cùng thời gian"),
        ("  - {id: a, name: A, kind: commune, valid_to: 2024-12-31}\n"
         "  - {id: b, name: B, kind: commune, valid_from: 2025-07-01}\n"
         "lineage:\n  - {from: [a], to: b, date: 2025-01-01}\n",
         "đơn vị 'b' chưa có hoặc đã hết hiệu lực vào ngày 2025-01-01"),
        ("  - {id: a, name: A, kind: commune, valid_to: 2024-06-30}\n  - {id: b, name: B, kind: commune}\n"
         "lineage:\n  - {from: [a], to: b, date: 2025-01-01}\n",
         "đơn vị 'a' không còn hiệu lực vào ngày 2024-12-31"),
        ("  - {id: a, name: A, kind: commune}\nlineage:\n  - {from: [a]}\n", "phải có from"),
    ],
)
def test_bad_versions_or_lineage_are_refused_naming_the_file(tmp_path, units, message):
    path = tmp_path / "units.yaml"
    path.write_text("units:\n" + units, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=message) as raised:
        load_registry(path)
    assert str(path) in str(raised.value)


# ---- Hierarchy: names resolved within their group ----

def _province(tmp_path, districts=3, communes=200):
    """A province-like registry: districts, each with `communes` communes, one name shared by all districts."""
    lines = ["matching:\n  prefixes: [UBND, xã, huyện]\nunits:"]
    for d in range(districts):
        lines.append(f"  - {{id: h{d}, name: UBND huyện {chr(65 + d)}, kind: district_body, level: district}}")
        lines.append(f"  - {{id: h{d}_an_binh, name: UBND xã An Bình, kind: commune, parent: h{d}}}")
        lines += [f"  - {{id: h{d}_x{i}, name: UBND xã {chr(65 + d)} {i}, kind: commune, parent: h{d}}}"
                  for i in range(communes)]
    path = tmp_path / "units.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_registry(path)


def test_a_name_shared_by_three_districts_resolves_under_its_district_heading(tmp_path):
    province = _province(tmp_path)
    assert province.match("UBND xã An Bình").how is MatchHow.AMBIGUOUS
    assert len(province.match("UBND xã An Bình").candidates) == 3
    for heading, unit_id in (("Huyện A", "h0_an_binh"), ("UBND huyện B", "h1_an_binh"), ("huyện C", "h2_an_binh")):
        match = province.match("UBND xã An Bình", heading)
        assert match.how is MatchHow.EXACT and match.unit.id == unit_id
    assert province.match("Xã An Bình", "Huyện B").how is MatchHow.LOOSE
    assert province.match("Xã An Bình", "Huyện B").unit.id == "h1_an_binh"
    assert province.match("UBND xã An Bình", "Huyện Z").how is MatchHow.AMBIGUOUS  # an unknown heading: no help
    assert province.match("UBND xã A 7", "Huyện C").unit.id == "h0_x7"  # a unique name is found anywhere
    assert len(province.children("h1")) == 201


def test_a_units_own_group_text_is_a_scope_too(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text("units:\n"
                    "  - {id: a1, name: Phòng Tư pháp, kind: department, group: Huyện A}\n"
                    "  - {id: b1, name: Phòng Tư pháp, kind: department, group: Huyện B}\n", encoding="utf-8")
    registry = load_registry(path)
    assert registry.match("Phòng Tư pháp").how is MatchHow.AMBIGUOUS
    assert registry.match("Phòng Tư pháp", "huyện b").unit.id == "b1"
