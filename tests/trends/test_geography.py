"""Per-commune figures restated onto today's geography (tthc.trends.geography) on a copy of examples/xa-luong-tai."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from tthc.context import Context, load_context
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.registry import load_registry
from tthc.stored import StoredData
from tthc.trends.geography import HISTORICAL, breaks, inexact_note, restate

from support import REPO

FIGURES = ["received", "resolved", "resolved_on_time"]
RANGE_END = date(2026, 11, 30)


@pytest.fixture(scope="module")
def area(tmp_path_factory) -> tuple[Context, StoredData]:
    folder = tmp_path_factory.mktemp("xa-luong-tai") / "data"
    shutil.copytree(REPO / "examples" / "xa-luong-tai", folder)
    context = load_context(Path(folder))
    for period in ("2024-09", "2025-03", "2025-09"):
        assert not build_period(context, Period.parse(period)).has_errors
    return context, StoredData(context)


def communes(data: StoredData, period: str) -> pl.DataFrame:
    return data.frames(Period.parse(period))["dossiers"].filter(pl.col("desk") == "commune")


def figures_of(rows: pl.DataFrame, *unit_ids: str) -> list[int]:
    chosen = rows.filter(pl.col("unit_id").is_in(unit_ids))
    assert chosen.height == len(unit_ids)
    return [int(chosen.get_column(c).sum()) for c in FIGURES]


def test_luong_tai_restated_in_2024_09_is_the_sum_of_thua_phu_hoa_tan_lang(area):
    context, data = area
    rows = communes(data, "2024-09")
    restated = restate(rows, context.registry, RANGE_END)
    assert figures_of(restated, "xa_luong_tai_2025") == figures_of(rows, "tt_thua", "phu_hoa", "tan_lang")
    assert restated.filter(pl.col("unit_id") == "xa_luong_tai_2025").get_column("exact").to_list() == [True]


def test_trung_kenh_restated_in_2024_09_sums_four_communes_through_an_tap(area):
    context, data = area
    rows = communes(data, "2024-09")
    restated = restate(rows, context.registry, RANGE_END)
    assert figures_of(restated, "trung_kenh_2025") == figures_of(rows, "an_thinh", "trung_kenh", "my_huong", "lai_ha")
    assert set(restated.get_column("unit_id")) == {"xa_luong_tai_2025", "lam_thao_2025", "trung_chinh_2025",
                                                    "trung_kenh_2025"}


def test_luong_tai_in_2025_09_is_its_own_row(area):
    context, data = area
    rows = communes(data, "2025-09")
    assert figures_of(restate(rows, context.registry, RANGE_END), "xa_luong_tai_2025") == \
        figures_of(rows, "xa_luong_tai_2025")


def test_the_historical_geography_keeps_the_old_units(area):
    context, data = area
    rows = communes(data, "2024-09")
    kept = restate(rows, context.registry, RANGE_END, HISTORICAL)
    assert sorted(kept.get_column("unit_id")) == sorted(rows.get_column("unit_id"))
    assert figures_of(kept, "tt_thua") == figures_of(rows, "tt_thua")


def test_the_breaks_of_2024_01_to_2026_11_are_1_1_2025_and_1_7_2025_with_their_basis(area):
    context, _ = area
    found = breaks(context.registry, date(2024, 1, 1), RANGE_END)
    assert [b.date for b in found] == [date(2025, 1, 1), date(2025, 7, 1)]
    assert found[1].label() == "01/7/2025: sắp xếp ĐVHC (NQ 1658/NQ-UBTVQH15)"
    assert found[0].label() == "01/1/2025: sắp xếp ĐVHC"
    assert breaks(context.registry, date(2025, 7, 1), RANGE_END) == ()


SPLIT_UNITS = """
units:
  - {id: a, name: UBND xã A, short_name: A, kind: commune, group: Các xã, valid_to: 2025-06-30}
  - {id: b, name: UBND xã B, short_name: B, kind: commune, group: Các xã, valid_to: 2025-06-30}
  - {id: ab, name: UBND xã AB, short_name: AB, kind: commune, group: Các xã, valid_from: 2025-07-01}
  - {id: c, name: UBND xã C, short_name: C, kind: commune, group: Các xã, valid_from: 2025-07-01}
lineage:
  - {from: [a, b], to: ab, date: 2025-07-01}
  - {from: [b], to: c, date: 2025-07-01}
"""


def test_a_unit_made_partly_of_a_split_unit_is_flagged_and_the_note_names_the_split(tmp_path):
    """B was split between AB and C: AB's restated history is not exact, and the report says why in words."""
    path = tmp_path / "units.yaml"
    path.write_text(SPLIT_UNITS, encoding="utf-8")
    registry = load_registry(path)
    rows = pl.DataFrame({"unit_id": ["a", "b"], "desk": ["commune"] * 2, "period": ["2024-09"] * 2,
                         "received": [10, 7]})
    restated = restate(rows, registry, RANGE_END)
    assert restated.select("unit_id", "received", "exact").rows() == [("ab", 17, False)]
    note = inexact_note(registry, "ab", RANGE_END)
    assert note == ("Số liệu trước sắp xếp của AB chỉ gần đúng: B bị chia tách cho AB, C, toàn bộ số liệu cũ "
                    "của đơn vị này được tính vào AB.")
    assert not registry.restates_exactly("c")
