"""The demo months of the Lương Tài area through the 2025 reorganisation (examples/xa-luong-tai):
the units of each era, sums that follow the lineage so restated trends have no jump, marked synthetic,
deterministic, shipped as the generator writes them, and read back by `tthc check` without errors."""

from __future__ import annotations

import shutil

import pytest

from tthc.demo.reorganisation import (
    FIRST,
    LAST,
    LUONG_TAI,
    LUONG_TAI_PREDECESSORS,
    MERGED_2025,
    area_periods,
    commune_totals,
    era,
    generate_area_period,
    payment_rate,
    write_area_period,
)
from tthc.period import Period
from tthc.provenance import is_synthetic

from support import REPO, run_tthc

EXAMPLE = REPO / "examples" / "xa-luong-tai"
OLD_COMMUNES = 14


@pytest.fixture(scope="module")
def months() -> dict[Period, dict]:
    return {p: generate_area_period(p) for p in area_periods(Period(2024, 7), Period(2026, 2))}


def test_the_demo_spans_2024_01_to_2026_11_in_three_eras():
    periods = area_periods()
    assert (periods[0], periods[-1], len(periods)) == (Period(2024, 1), Period(2026, 11), 35)
    assert [era(Period(2024, 12)), era(Period(2025, 1)), era(Period(2025, 6)), era(Period(2025, 7))] == \
        ["district", "merged", "merged", "commune"]
    with pytest.raises(ValueError, match="ngoài dữ liệu minh họa"):
        generate_area_period(LAST.next())
    assert FIRST == Period(2024, 1)


def test_each_era_lists_the_communes_of_its_time(months):
    assert len(commune_totals(months[Period(2024, 12)])) == OLD_COMMUNES
    merged = commune_totals(months[Period(2025, 3)])
    assert len(merged) == 12 and set(MERGED_2025) <= set(merged)
    assert not {old for olds in MERGED_2025.values() for old in olds} & set(merged)
    assert set(commune_totals(months[Period(2025, 9)])) == {LUONG_TAI}


def test_the_commune_centres_months_continue_the_sum_of_its_predecessors(months):
    """The restated series (Lương Tài = Thị trấn Thứa + Phú Hòa + Tân Lãng before 2025-07) has no jump."""
    def restated(period: Period) -> int:
        totals = commune_totals(months[period])
        return totals[LUONG_TAI] if LUONG_TAI in totals else sum(totals[n] for n in LUONG_TAI_PREDECESSORS)

    before = [restated(Period(2025, m)) for m in (3, 4, 5, 6)]
    after = [restated(Period(2025, m)) for m in (7, 8, 9, 10)]
    assert 0.75 < sum(after) / sum(before) < 1.33
    assert 0.7 < restated(Period(2025, 7)) / restated(Period(2025, 6)) < 1.43


def test_the_communes_online_payment_rate_carries_on_past_december_2024(months):
    december = payment_rate(months[Period(2024, 12)], commune_totals(months[Period(2024, 12)]))
    january = payment_rate(months[Period(2025, 1)], commune_totals(months[Period(2025, 1)]))
    september = payment_rate(months[Period(2025, 9)], [LUONG_TAI])
    assert 0.90 < december < january < 0.97 < september <= 1


def test_the_commune_centre_receives_for_the_land_registration_branch(months):
    centre = next(t for t in months[Period(2025, 9)].values()
                  if t.spec.name == "dossiers" and "paid_direct" not in t.columns)
    assert [r.values["unit"] for r in centre.rows] == ["Chi nhánh Văn phòng Đăng ký đất đai"]
    assert "TRUNG TÂM PVHCC" in centre.title_lines[0] and "(Từ ngày 01/09/2025-30/09/2025)" in centre.title_lines[0]


def test_generation_is_deterministic_and_a_seed_changes_it(tmp_path):
    first = write_area_period(Period(2025, 7), tmp_path / "a")
    again = write_area_period(Period(2025, 7), tmp_path / "b")
    other = write_area_period(Period(2025, 7), tmp_path / "c", seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]


@pytest.mark.parametrize("period", ["2024-09", "2025-03", "2025-09", "2026-11"])
def test_the_shipped_months_are_what_the_generator_writes_and_are_marked_synthetic(tmp_path, period):
    shipped = EXAMPLE / "raw" / period
    written = write_area_period(Period.parse(period), tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in shipped.iterdir() if p.suffix != ".parquet")
    for path in written:
        assert path.read_bytes() == (shipped / path.name).read_bytes(), path.name
    assert all(is_synthetic(p) for p in shipped.iterdir())


def test_every_shipped_month_has_its_folder_and_a_few_have_dossier_records():
    folders = sorted(p.name for p in (EXAMPLE / "raw").iterdir() if p.is_dir())
    assert folders == [str(p) for p in area_periods()]
    with_records = sorted(p.parent.name for p in (EXAMPLE / "raw").glob("*/ho-so-*.parquet"))
    assert with_records == ["2024-10", "2025-09", "2026-11"]


@pytest.mark.parametrize("period", ["2024-09", "2025-03", "2025-09"])
def test_tthc_check_reads_the_shipped_months_without_errors(tmp_path, period):
    if not (EXAMPLE / "reference" / "units.yaml").is_file():
        pytest.skip("examples/xa-luong-tai/reference/units.yaml (the versioned registry) is not there yet")
    data = tmp_path / "xa-luong-tai"
    shutil.copytree(EXAMPLE / "reference", data / "reference")
    shutil.copytree(EXAMPLE / "raw" / period, data / "raw" / period)
    completed = run_tthc("check", period, "--data", str(data))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "0 lỗi" in completed.stdout or "Không có lỗi" in completed.stdout


def test_the_example_folder_ships_index_766_as_data_reference_does():
    assert (EXAMPLE / "reference" / "index_766.yaml").read_bytes() == \
        (REPO / "data" / "reference" / "index_766.yaml").read_bytes()


def test_the_regeneration_script_writes_a_month(tmp_path):
    import runpy

    script = runpy.run_path(str(REPO / "scripts" / "make_reorganisation_demo.py"), run_name="not_main")
    assert script["main"]([str(tmp_path), "--period", "2025-08"]) == 0
    assert sorted(p.name for p in (tmp_path / "raw" / "2025-08").iterdir()) == \
        sorted(p.name for p in (EXAMPLE / "raw" / "2025-08").iterdir())
