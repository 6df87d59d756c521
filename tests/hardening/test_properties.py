"""Properties over random inputs: what the export writer writes, the ingest reads back unchanged;
rates are exact and rounded half-up.

Random dossier tables use real units of the registry (under any of their listed
spellings), counts that satisfy every identity of the validation rules, random
column orders, group headings and optional columns; they are written in the
shape the government systems export (tthc.exports.writer) as .xlsx and as .csv
in several encodings, then read back through the real pipeline.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from math import floor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable, write_csv, write_xlsx
from tthc.formatting.numbers import percentage, round_half_up
from tthc.pipeline import ingest_period, tidy_frames
from tthc.registry import load_registry
from tthc.sources import DOSSIERS
from tthc.validation.rules import rate_agrees

from support import SEPTEMBER, SHIPPED

REGISTRY = load_registry(SHIPPED / "reference" / "units.yaml")
UNITS = REGISTRY.units
GROUPS = ["Các phòng, ban, đơn vị trực thuộc huyện", "UBND các xã, thị trấn", "Các đơn vị của tỉnh"]
COUNTS = [c.name for c in DOSSIERS.columns if c.kind == "count"]


def round_trips(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A data folder with the shipped reference files and an empty period folder, reused by every example."""
    root = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(SHIPPED / "reference", root / "reference")
    organisation = root / "reference" / "organisation.yaml"  # one export per example: no input is required here
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(": required", ": optional"),
                            encoding="utf-8")
    (root / "raw" / str(SEPTEMBER)).mkdir(parents=True)
    return root


small = st.integers(min_value=0, max_value=500)


@st.composite
def unit_rows(draw, unit) -> dict[str, int | str]:
    """One unit's counts, satisfying every identity of the dossier rules."""
    early, on_time, late = draw(small), draw(small), draw(small)
    not_due, overdue = draw(small), draw(small)
    paused = [draw(small) for _ in range(3)]
    refused, withdrawn = draw(small), draw(small)
    resolved, pending = early + on_time + late, not_due + overdue
    received = resolved + pending + sum(paused) + refused + withdrawn
    online = draw(st.integers(min_value=0, max_value=received))
    fee_bearing = draw(small)
    paid_online = draw(st.integers(min_value=0, max_value=fee_bearing))
    return {
        "unit": draw(st.sampled_from((unit.name, *unit.aliases))),
        "received": received, "received_direct": received - online, "received_online": online,
        "resolved": resolved, "resolved_early": early, "resolved_on_time": on_time, "resolved_late": late,
        "pending": pending, "pending_not_due": not_due, "pending_overdue": overdue,
        "paused_supplement": paused[0], "paused_financial": paused[1], "paused_other": paused[2],
        "refused": refused, "withdrawn": withdrawn,
        "fee_bearing": fee_bearing, "paid_online": paid_online, "paid_direct": fee_bearing - paid_online,
        "results_digitised": draw(st.integers(min_value=0, max_value=resolved)),
        "carried_over": 0, "cumulative": draw(st.integers(min_value=received, max_value=received + 5000)),
    }


@st.composite
def dossier_tables(draw) -> tuple[ExportTable, list[dict]]:
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=12, unique_by=lambda u: u.id))
    rows = [draw(unit_rows(u)) for u in units]
    optional = draw(st.lists(st.sampled_from(["carried_over", "cumulative", "paid_direct"]), unique=True))
    values = [c for c in COUNTS if c not in ("carried_over", "cumulative", "paid_direct") or c in optional]
    values = draw(st.permutations(values))
    grouped = draw(st.booleans())
    group_of = {u.id: draw(st.sampled_from(GROUPS)) for u in units} if grouped else {}
    base = seed.centre_table()
    table = replace(
        base,
        columns=["stt", "unit", *values],
        rows=[ExportRow({k: v for k, v in r.items() if k == "unit" or k in values}, group_of.get(u.id))
              for u, r in zip(units, rows, strict=True)],
        with_total=draw(st.booleans()),
    )
    expected = [{"unit_id": u.id, **{k: r[k] for k in values}} for u, r in zip(units, rows, strict=True)]
    return table, expected


def read_back(workspace: Path, write) -> tuple[list, list[dict]]:
    folder = workspace / "raw" / str(SEPTEMBER)
    for old in folder.iterdir():
        old.unlink()
    write(folder)
    inputs = ingest_period(load_context(workspace), SEPTEMBER)
    frame = tidy_frames(inputs)["dossiers"].sort("row")
    return [f for f in inputs.findings if f.is_error], frame.to_dicts()


def assert_same(actual: list[dict], expected: list[dict]) -> None:
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected, strict=True):
        assert {k: got[k] for k in want} == want


@round_trips(30)
@given(dossier_tables())
def test_xlsx_round_trip(workspace, drawn):
    table, expected = drawn
    errors, actual = read_back(workspace, lambda folder: write_xlsx(table, folder / "bieu.xlsx"))
    assert errors == []
    assert_same(actual, expected)


@round_trips(40)
@given(dossier_tables(), st.sampled_from(["utf-8-sig", "utf-8", "utf-16"]))
def test_csv_round_trip(workspace, drawn, encoding):
    table, expected = drawn
    errors, actual = read_back(workspace, lambda folder: write_csv(table, folder / "bieu.csv", encoding=encoding))
    assert errors == []
    assert_same(actual, expected)


# ---------------------------------------------------------------- rates and rounding


def exact_percentage(numerator: int, denominator: int, places: int) -> Decimal:
    """Half-up rounding in integer arithmetic only: floor(x · 10^places + 1/2) / 10^places."""
    scaled = Fraction(numerator * 100, denominator) * 10**places
    return Decimal(floor(scaled + Fraction(1, 2))).scaleb(-places)


counts = st.integers(min_value=0, max_value=10**7)


@settings(max_examples=300, deadline=None)
@given(counts, st.integers(min_value=1, max_value=10**7), st.integers(min_value=0, max_value=4))
def test_percentage_matches_an_exact_fraction_reference(numerator, denominator, places):
    result = percentage(numerator, denominator, places)
    assert result == exact_percentage(numerator, denominator, places)
    assert result.as_tuple().exponent == -places  # always exactly `places` decimals, "66,50" not "66,5"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=4))
def test_exact_halves_round_up(units, places):
    """x.xx5 (a half at the last kept place) always rounds away from zero, never to even."""
    half = Fraction(2 * units + 1, 2 * 10**places)
    assert round_half_up(half, places) == Decimal(units + 1).scaleb(-places)
    assert round_half_up(-half, places) == -Decimal(units + 1).scaleb(-places)


@settings(max_examples=200, deadline=None)
@given(counts, st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=1000))
def test_percentage_is_bounded_and_scale_free(numerator, denominator, factor):
    result = percentage(numerator, denominator)
    assert result == percentage(numerator * factor, denominator * factor)
    if numerator <= denominator:
        assert Decimal(0) <= result <= Decimal(100)


@settings(max_examples=200, deadline=None)
@given(counts, st.integers(min_value=1, max_value=10**7))
def test_an_exported_rate_of_the_same_counts_is_never_flagged(numerator, denominator):
    """The rate check accepts the rate the counts give, as a float, as the exporting system writes it."""
    exact = percentage(numerator, denominator)
    assert rate_agrees(float(exact), exact)
    assert not rate_agrees(float(exact) + 0.02, exact)
    assert rate_agrees(0.0, None) and not rate_agrees(float(exact) + 1, None)


# ---------------------------------------------------------------- fuzzing the readers


any_cell = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                     st.text(max_size=60), st.from_regex(r"[+-]?[0-9]{1,30}([.,][0-9]{0,5})?", fullmatch=True))


@settings(max_examples=400, deadline=None)
@given(any_cell)
def test_a_count_cell_is_a_whole_number_in_range_or_a_vietnamese_reason(cell):
    from tthc.ingest.cells import MAX_COUNT, parse_count

    parsed = parse_count(cell)
    if parsed.problem is None:
        assert isinstance(parsed.value, int) and 0 <= parsed.value <= MAX_COUNT
    else:
        assert parsed.value is None and len(parsed.problem) < 400


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unit_spelling_resolves_or_is_reported(name):
    match = REGISTRY.match(name)
    assert (match.unit is None) == (match.how in ("ambiguous", "unknown"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx", ".xls"]))
def test_any_bytes_read_as_a_table_or_a_vietnamese_reason(tmp_path, payload, suffix):
    from tthc.ingest.tables import extract_tables

    path = tmp_path / f"tep{suffix}"
    path.write_bytes(payload)
    tables, findings = extract_tables(path, path.name)
    assert tables or findings
    assert all(f.location.file == path.name for f in findings)
