"""The two example centres under examples/: what the generator writes is what is shipped, `tthc check` passes
on their periods (months, a quarter, a year), and the figures read back are the figures written.

examples/trung-tam-tinh/: a provincial centre, 20 agencies, cut-off day 21, carried-over dossiers, months of 2024.
examples/toan-tinh-quy/: a province-wide report, 133 units in three tiers, one export for 2022 and one for 2023-Q1.
Every test works on a copy in tmp_path.
"""

from __future__ import annotations

import shutil
from collections import Counter
from fractions import Fraction
from pathlib import Path

import polars as pl
import pytest
import yaml

from tthc.context import load_context
from tthc.demo.examples import (
    CENTRE_FOLDER,
    COLUMNS,
    DISTRICT_GROUP,
    PINNED,
    PROVINCE_FOLDER,
    PROVINCIAL_GROUP,
    SAME_NAMED,
    ExamplePeriod,
    closing_open,
    generate_centre,
    generate_province,
    on_time_rates,
    write_examples,
)
from tthc.formatting.numbers import format_percent, round_half_up
from tthc.ingest.tables import read_file_sheets, tables_of_sheets
from tthc.period import Period
from tthc.pipeline import build_period, check_period, tidy_frames
from tthc.stored import load_frames

from support import REPO, run_tthc

EXAMPLES = REPO / "examples"
FIGURES = [c for c in COLUMNS if c not in ("stt", "unit")]
OPTIONAL_KINDS = ("dossiers_communes", "signing", "payments", "feedback")  # the provincial centre has none of them

def _copy(tmp_path: Path, folder: str) -> Path:
    target = tmp_path / folder
    shutil.copytree(EXAMPLES / folder, target, ignore=shutil.ignore_patterns("store", "reports"))
    return target


def _shipped_files(root: Path) -> dict[str, bytes]:
    """The files of the two folders this generator writes (examples/ holds other centres too)."""
    return {str(p.relative_to(root)): p.read_bytes() for folder in (CENTRE_FOLDER, PROVINCE_FOLDER)
            for p in sorted((root / folder).rglob("*"))
            if p.is_file() and p.relative_to(root).parts[1] in ("reference", "raw")}


def _by_period(examples: list[ExamplePeriod]) -> dict[Period, ExamplePeriod]:
    return {e.period: e for e in examples}


def _totals(rows: list[dict[str, int]]) -> dict[str, int]:
    return {name: sum(r[name] for r in rows) for name in FIGURES}


def _frame_totals(frame: pl.DataFrame) -> dict[str, int]:
    return {name: int(frame[name].sum()) for name in FIGURES}


def test_the_shipped_example_folders_are_what_the_generator_writes(tmp_path):
    write_examples(tmp_path)
    assert _shipped_files(tmp_path) == _shipped_files(EXAMPLES)  # byte for byte: rerun the module after a change


# --- the provincial centre -----------------------------------------------------------------------------------


def test_the_provincial_centre_has_twenty_agencies_no_communes_and_cutoff_day_21(tmp_path):
    context = load_context(_copy(tmp_path, CENTRE_FOLDER))
    units = context.registry.units
    assert len(units) == 20 and {(u.kind.value, u.group) for u in units} == {("provincial_body", PROVINCIAL_GROUP)}
    assert context.organisation.cutoff_day == 21
    assert context.organisation.required_inputs == ("dossiers_centre",)
    september = Period(2024, 9)
    assert (f"{september.start(21):%d/%m/%Y}", f"{september.end(21):%d/%m/%Y}") == ("21/08/2024", "20/09/2024")


@pytest.mark.parametrize(("period", "months"), [("2024-09", 1), ("2024-Q3", 3), ("2024", 12)])
def test_check_passes_on_the_provincial_centre_for_a_month_a_quarter_and_the_year(tmp_path, period, months):
    data = _copy(tmp_path, CENTRE_FOLDER)
    completed = run_tthc("check", period, "--data", str(data))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Tổng cộng: 0 lỗi," in completed.stdout
    assert not (data / "store").exists()  # check writes nothing
    # the only warnings: optional exports a provincial centre does not have (communes, signing, payments, feedback)
    findings = check_period(load_context(data), Period.parse(period)).findings
    assert {(f.code, f.values.get("kind")) for f in findings} <= {("missing_input", k) for k in OPTIONAL_KINDS}
    assert len(findings) <= len(OPTIONAL_KINDS) * months


def test_consecutive_months_hand_on_what_the_next_one_carries_over():
    months = generate_centre()
    for previous, current in zip(months, months[1:]):
        assert {u: closing_open(r) for u, r in previous.rows.items()} == \
            {u: r["carried_over"] for u, r in current.rows.items()}, current.period
    assert sum(r["carried_over"] for r in months[0].rows.values()) > 0  # January carries December 2023 over


def test_a_month_of_the_provincial_centre_reads_back_as_written(tmp_path):
    context = load_context(_copy(tmp_path, CENTRE_FOLDER))
    written = _by_period(generate_centre())[PINNED[0]]
    inputs = check_period(context, PINNED[0])
    assert not inputs.has_errors
    dossiers = tidy_frames(inputs)["dossiers"]
    for row in dossiers.iter_rows(named=True):
        assert {n: row[n] for n in FIGURES} == written.rows[row["unit_id"]], row["unit_name"]
    assert dossiers.height == 20 and set(dossiers["desk"]) == {"centre"}
    assert _frame_totals(dossiers) == _totals(list(written.rows.values()))
    carried = int(dossiers["carried_over"].sum())
    assert carried > 0 and int(dossiers["received"].sum()) + carried == sum(
        int(dossiers[c].sum()) for c in ("resolved", "pending", "paused_supplement", "paused_financial",
                                         "paused_other", "refused", "withdrawn"))


def test_the_on_time_rate_over_dossiers_due_differs_visibly_from_the_rate_over_resolved(tmp_path):
    context = load_context(_copy(tmp_path, CENTRE_FOLDER))
    dossiers = tidy_frames(check_period(context, PINNED[0]))["dossiers"]
    in_time = int(dossiers["resolved_early"].sum() + dossiers["resolved_on_time"].sum())
    resolved, overdue = int(dossiers["resolved"].sum()), int(dossiers["pending_overdue"].sum())
    over_resolved = format_percent(round_half_up(Fraction(100 * in_time, resolved)))
    over_due = format_percent(round_half_up(Fraction(100 * in_time, resolved + overdue)))
    assert (over_resolved, over_due) == ("99,81%", "99,71%")
    for month in generate_centre():  # every month has overdue pending dossiers, so the two rates always differ
        rate_resolved, rate_due = on_time_rates(list(month.rows.values()))
        assert rate_due < rate_resolved, month.period


@pytest.mark.parametrize("text", ["2024-Q3", "2024"])
def test_a_quarter_and_the_year_built_from_the_months_sum_flows_and_take_stocks_at_the_ends(tmp_path, text):
    context = load_context(_copy(tmp_path, CENTRE_FOLDER))
    period = Period.parse(text)
    inputs = build_period(context, period)
    assert not inputs.has_errors
    # each month after the first was checked against the stored month before it: no carried-over differs
    assert [f for f in inputs.findings if f.code == "carried_over_mismatch"] == []
    months = [_by_period(generate_centre())[m] for m in period.month_periods()]
    combined = load_frames(context, period)["dossiers"]
    assert combined.height == 20
    for row in combined.iter_rows(named=True):
        unit = row["unit_id"]
        assert row["received"] == sum(m.rows[unit]["received"] for m in months)
        assert row["resolved_late"] == sum(m.rows[unit]["resolved_late"] for m in months)
        assert row["carried_over"] == months[0].rows[unit]["carried_over"]
        assert row["pending"] == months[-1].rows[unit]["pending"]
        assert row["pending_overdue"] == months[-1].rows[unit]["pending_overdue"]
    assert int(combined["carried_over"].sum()) == sum(r["carried_over"] for r in months[0].rows.values())


def test_a_changed_carried_over_count_is_reported_against_the_previous_month(tmp_path):
    """The continuity check does run on these folders: a month whose carried-over differs is seen."""
    from openpyxl import load_workbook

    data = _copy(tmp_path, CENTRE_FOLDER)
    context = load_context(data)
    build_period(context, Period(2024, 8))
    september = _by_period(generate_centre())[Period(2024, 9)]
    path = data / "raw" / "2024-09" / september.file_name
    book = load_workbook(path)
    sheet = book.active
    header = next(r for r in sheet.iter_rows() if r[2].value == "Kỳ trước chuyển sang")
    first = header[0].row + 2  # two header rows, then Sở Tư pháp
    sheet.cell(first, 3).value = sheet.cell(first, 3).value + 1
    sheet.cell(first, 4).value = sheet.cell(first, 4).value - 1  # received: carried + received still add up
    sheet.cell(first, 6).value = sheet.cell(first, 6).value - 1
    total = sheet.max_row
    sheet.cell(total, 3).value += 1
    sheet.cell(total, 4).value -= 1
    sheet.cell(total, 6).value -= 1
    book.save(path)
    findings = check_period(context, Period(2024, 9)).findings
    mismatches = [f for f in findings if f.code == "carried_over_mismatch"]
    assert [(f.location.row, f.location.column) for f in mismatches] == [(first, "C (Kỳ trước chuyển sang)")]


# --- the province --------------------------------------------------------------------------------------------


def test_the_province_has_133_units_in_three_tiers_and_the_same_commune_name_in_three_districts():
    listed = yaml.safe_load((EXAMPLES / PROVINCE_FOLDER / "reference" / "units.yaml").read_text(encoding="utf-8"))
    units = listed["units"]
    assert Counter(u["kind"] for u in units) == {"provincial_body": 20, "district_body": 10, "commune": 103}
    by_id = {u["id"]: u for u in units}
    assert len(by_id) == 133
    districts = {u["id"]: u for u in units if u["kind"] == "district_body"}
    for commune in (u for u in units if u["kind"] == "commune"):
        assert commune["parent"] in districts and commune["level"] == "commune"
    same = [u for u in units if u["name"] == SAME_NAMED]
    assert len(same) == 3 and len({u["parent"] for u in same}) == 3 and len({u["group"] for u in same}) == 3
    siblings = {u["group"] for u in units if u["kind"] == "commune"}
    assert len(siblings) == 10  # one group per district, as the export's group rows


def test_the_province_export_lists_its_communes_under_one_group_row_per_district(tmp_path):
    data = _copy(tmp_path, PROVINCE_FOLDER)
    units = yaml.safe_load((data / "reference" / "units.yaml").read_text(encoding="utf-8"))["units"]
    for example in generate_province():
        path = data / "raw" / str(example.period) / example.file_name
        tables, _ = tables_of_sheets(read_file_sheets(path, path.name)[0], path.name)
        (table,) = tables
        groups = [row.group for row in table.rows]
        assert Counter(groups) == Counter(u["group"] for u in units)
        assert groups[0] == PROVINCIAL_GROUP and DISTRICT_GROUP in groups
        named = [row.group for row in table.rows if row.cells["unit"] == SAME_NAMED]
        assert sorted(named) == sorted(u["group"] for u in units if u["name"] == SAME_NAMED)


@pytest.mark.parametrize(("text", "start", "end"), [("2023-Q1", "15/12/2022", "14/03/2023"),
                                                     ("2022", "15/12/2021", "14/12/2022")])
def test_the_province_has_no_error_the_same_named_communes_resolve_within_their_district(tmp_path, text, start,
                                                                                        end):
    """Title dates follow the quarter and the year; the three "UBND xã Tân Lập" resolve by their district's row."""
    context = load_context(_copy(tmp_path, PROVINCE_FOLDER))
    period = Period.parse(text)
    assert (f"{period.start(15):%d/%m/%Y}", f"{period.end(15):%d/%m/%Y}") == (start, end)
    inputs = check_period(context, period)
    assert inputs.tables and all(t.raw.title_lines[1] == f"Từ ngày {start} đến ngày {end}" for t in inputs.tables)
    errors = [f for f in inputs.findings if f.is_error]
    assert errors == []
    assert not [f for f in inputs.findings if f.code == "other_period"]


def test_the_quarter_carries_over_what_the_year_left_open():
    year, quarter = generate_province()
    assert {u: closing_open(r) for u, r in year.rows.items()} == {u: r["carried_over"] for u, r in quarter.rows.items()}


@pytest.mark.parametrize("text", ["2023-Q1", "2022"])
def test_check_passes_on_the_province_for_the_quarter_and_the_year(tmp_path, text):
    data = _copy(tmp_path, PROVINCE_FOLDER)
    completed = run_tthc("check", text, "--data", str(data))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Tổng cộng: 0 lỗi" in completed.stdout


@pytest.mark.parametrize("text", ["2023-Q1", "2022"])
def test_the_province_reads_back_as_written_grand_total_tiers_and_carried_over(tmp_path, text):
    context = load_context(_copy(tmp_path, PROVINCE_FOLDER))
    period = Period.parse(text)
    written = _by_period(generate_province())[period]
    inputs = check_period(context, period)
    assert not inputs.has_errors
    dossiers = tidy_frames(inputs)["dossiers"]
    assert dossiers.height == 133
    assert _frame_totals(dossiers) == _totals(list(written.rows.values()))
    kinds = {u.id: u.kind.value for u in context.registry.units}
    for kind in ("provincial_body", "district_body", "commune"):
        tier = dossiers.filter(pl.col("unit_id").is_in([u for u, k in kinds.items() if k == kind]))
        assert _frame_totals(tier) == _totals([r for u, r in written.rows.items() if kinds[u] == kind]), kind
    for row in dossiers.iter_rows(named=True):
        assert row["carried_over"] == written.rows[row["unit_id"]]["carried_over"], row["unit_name"]
