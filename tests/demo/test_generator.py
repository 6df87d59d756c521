"""The synthetic demo periods: deterministic, valid for the pipeline, plausible, and pinned where
the seed needs it (August's communes read 58,15 % so that September reads +8,34 points)."""

from __future__ import annotations

import itertools
import runpy
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc.analyst import load_analyst_inputs
from tthc.context import Context, load_context
from tthc.demo.generator import (
    AUGUST,
    NOTES_FILE,
    SEED_PERIOD,
    SeedPeriodError,
    commune_payment_totals,
    demo_periods,
    generate_analyst_notes,
    generate_period,
    write_demo_period,
)
from tthc.demo.seed import SEED_FILES
from tthc.exports.writer import ExportTable, build_grid
from tthc.findings import Severity
from tthc.formatting.numbers import percentage, round_half_up
from tthc.indicators import compute_indicators
from tthc.period import Period
from tthc.pipeline import PeriodInputs, ingest_period, tidy_frames
from tthc.registry import MatchHow, load_registry

from support import SHIPPED

PERIODS = demo_periods(2024)
COMMUNES_GROUP = "UBND các xã, thị trấn"
SEPTEMBER_COMMUNES = Fraction(778, 1170)
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_demo_data.py"


@pytest.fixture(scope="module")
def generated() -> dict[Period, dict[str, ExportTable]]:
    return {period: generate_period(period) for period in PERIODS}


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the shipped reference files and of all twelve shipped periods.

    The demo periods in data/raw are the generator's output, byte for byte (checked by
    test_shipped_demo_data_is_what_the_generator_writes), so copying them is the fast way to
    put every generated period into a data folder.
    """
    target = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(SHIPPED / "reference", target / "reference")
    for period in [*PERIODS, SEED_PERIOD]:
        shutil.copytree(SHIPPED / "raw" / str(period), target / "raw" / str(period))
    return target


@pytest.fixture(scope="module")
def demo_context(demo_data: Path) -> Context:
    return load_context(demo_data)


@pytest.fixture(scope="module")
def ingested(demo_context: Context) -> dict[Period, PeriodInputs]:
    return {period: ingest_period(demo_context, period) for period in [*PERIODS, SEED_PERIOD]}


def _tables(tables: dict[str, ExportTable], kind: str) -> ExportTable:
    if kind in ("centre", "communes"):
        dossiers = [t for t in tables.values() if t.spec.name == "dossiers"]
        return next(t for t in dossiers if ("paid_direct" in t.columns) == (kind == "communes"))
    return next(t for t in tables.values() if t.spec.name == kind)


def _commune_rows(tables: dict[str, ExportTable]) -> list[dict]:
    return [r.values for r in _tables(tables, "payments").rows if r.group == COMMUNES_GROUP]


# --- determinism ------------------------------------------------------------------------------

def test_same_seed_gives_the_same_tables() -> None:
    assert generate_period(Period(2024, 3)) == generate_period(Period(2024, 3))
    assert generate_period(Period(2024, 11), seed=7) == generate_period(Period(2024, 11), seed=7)


def test_other_seeds_and_other_months_differ(generated) -> None:
    march = generated[Period(2024, 3)]
    assert generate_period(Period(2024, 3), seed=2025) != march
    assert generated[Period(2024, 4)] != march


def test_written_files_are_byte_identical(tmp_path: Path) -> None:
    first = write_demo_period(Period(2024, 5), tmp_path / "a")
    second = write_demo_period(Period(2024, 5), tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) == 6 and first[-1].name == NOTES_FILE
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


# --- September is the seed's ----------------------------------------------------------------

def test_september_is_never_generated_or_written(tmp_path: Path) -> None:
    with pytest.raises(SeedPeriodError):
        write_demo_period(SEED_PERIOD, tmp_path / "2024-09")
    with pytest.raises(SeedPeriodError):
        generate_period(SEED_PERIOD)
    assert not (tmp_path / "2024-09").exists()
    assert SEED_PERIOD not in PERIODS and len(PERIODS) == 11


def test_the_script_never_touches_september(data_dir: Path) -> None:
    raw = data_dir / "raw"
    before = {p.name: p.read_bytes() for p in (raw / "2024-09").iterdir()}
    main = runpy.run_path(str(SCRIPT))["main"]
    written = main(raw, periods=[SEED_PERIOD, Period(2024, 2)])
    assert {p.parent.name for p in written} == {"2024-02"} and len(written) == 6
    assert {p.name: p.read_bytes() for p in (raw / "2024-09").iterdir()} == before
    assert sorted(p.name for p in raw.iterdir()) == ["2024-02", "2024-09"]


# --- the pipeline takes every generated period ---------------------------------------------

@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_every_generated_period_ingests_without_errors(ingested, period: Period) -> None:
    inputs = ingested[period]
    assert not [f.describe() for f in inputs.findings if f.severity is Severity.ERROR]
    # the only warnings are the deliberate loose spellings of a unit name
    assert {f.code for f in inputs.findings} <= {"loose_unit_match"}
    assert {t.source for t in inputs.tables} == {"dossiers", "signing", "payments", "feedback"}
    assert len(inputs.tables) == 5
    assert inputs.analyst is not None and inputs.analyst.synthetic is True


def test_loose_spellings_appear_in_one_or_two_periods_only(ingested) -> None:
    loose = {p for p in PERIODS if any(f.code == "loose_unit_match" for f in ingested[p].findings)}
    assert 1 <= len(loose) <= 2


def test_shipped_demo_data_is_what_the_generator_writes(generated, tmp_path: Path) -> None:
    """data/raw/<period> holds the generator's output (rerun scripts/make_demo_data.py data/raw if not)."""
    for period, tables in generated.items():
        folder = SHIPPED / "raw" / str(period)
        records = f"ho-so-{period}.parquet"  # written by scripts/make_demo_records.py from these exports
        assert sorted(p.name for p in folder.iterdir()) == sorted([*tables, NOTES_FILE, records]), period
        assert (folder / NOTES_FILE).read_text(encoding="utf-8") == generate_analyst_notes(period, tables), period
        for name, table in tables.items():
            sheet = load_workbook(folder / name, read_only=True).active
            cells = [list(row) for row in sheet.iter_rows(values_only=True)]
            grid, _ = build_grid(table)
            assert cells == grid, (period, name)
    # and byte for byte, for one period
    for path in write_demo_period(AUGUST, tmp_path):
        assert path.read_bytes() == (SHIPPED / "raw" / str(AUGUST) / path.name).read_bytes(), path.name


# --- identities -------------------------------------------------------------------------------

DOSSIER_EQUALITIES = (
    ("received", ("received_direct", "received_online")),
    ("resolved", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("pending", ("pending_not_due", "pending_overdue")),
    ("received", ("resolved", "pending", "paused_supplement", "paused_financial", "paused_other", "refused",
                  "withdrawn")),
)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_identities_hold_exactly(generated, period: Period) -> None:
    tables = generated[period]
    for kind in ("centre", "communes"):
        for row in (r.values for r in _tables(tables, kind).rows):
            for left, right in DOSSIER_EQUALITIES:
                assert row[left] == sum(row[c] for c in right), (kind, row["unit"], left)
            assert row["results_digitised"] <= row["resolved"]
            assert row["paid_online"] <= row["fee_bearing"]
            if kind == "communes":
                assert row["fee_bearing"] == row["paid_online"] + row["paid_direct"], row["unit"]
            assert min(v for v in row.values() if isinstance(v, int)) >= 0
    tax = next(r.values for r in _tables(tables, "centre").rows if r.values["unit"] == "Chi Cục Thuế - HLT")
    assert tax["received"] == tax["received_direct"] == tax["resolved"] == tax["resolved_on_time"] > 0
    for row in (r.values for r in _tables(tables, "signing").rows):
        assert row["docs_out_signed"] <= row["docs_out"]
        assert row["docs_out_signed_from_workfiles"] <= row["docs_out_signed"]
        assert row["docs_out_from_workfiles"] <= row["docs_out"]
        assert row["workfiles_done"] <= row["workfiles"]
        for rate, num in (("rate_signed", "docs_out_signed"),
                          ("rate_signed_from_workfiles", "docs_out_signed_from_workfiles")):
            expected = percentage(row[num], row["docs_out"]) or Decimal("0.00")
            assert Decimal(str(row[rate])) == expected, (row["unit"], rate)
    for row in (r.values for r in _tables(tables, "payments").rows):
        assert 0 <= row["paid_online"] <= row["fee_bearing"]
        assert Decimal(str(row["rate_paid_online"])) == (percentage(row["paid_online"], row["fee_bearing"])
                                                           or Decimal("0.00"))
    feedback = _tables(tables, "feedback")
    listed = {s: sum(1 for r in feedback.rows if r.values["status"] == s)
              for s in ("Đã xử lý", "Đã ẩn", "Chưa trả lời")}
    assert feedback.title_lines[2] == (f"Tổng số PAKN: {len(feedback.rows)}; Đã xử lý: {listed['Đã xử lý']}; "
                                       f"Đã ẩn: {listed['Đã ẩn']}; Chưa trả lời: {listed['Chưa trả lời']}")


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_titles_name_the_period(generated, period: Period) -> None:
    start, end = period.start(24), period.end(24)
    tables = generated[period]
    annex = f"(Từ ngày {start:%d/%m/%Y}-{end:%d/%m/%Y})"
    assert _tables(tables, "centre").title_lines[0].endswith(annex)
    assert _tables(tables, "communes").title_lines[0].endswith(annex)
    assert _tables(tables, "signing").title_lines[1] == f"Từ ngày {start:%d/%m/%Y} Đến ngày {end:%d/%m/%Y}"
    assert f"Bieu_TTHCC_thang{period.month}.xlsx" in tables


def test_same_units_as_september_in_every_export(generated) -> None:
    registry = load_registry(SHIPPED / "reference" / "units.yaml")

    def units(tables: dict[str, ExportTable]) -> dict[str, list[str]]:
        out = {}
        for kind in ("centre", "communes", "signing", "payments"):
            matches = [registry.match(str(r.values["unit"])) for r in _tables(tables, kind).rows]
            assert all(m.how in (MatchHow.EXACT, MatchHow.LOOSE) for m in matches), kind
            out[kind] = [m.unit.id for m in matches]
        return out

    september = units({name: make() for name, make in SEED_FILES.items()})
    spellings: set[str] = set()
    for period, tables in generated.items():
        assert units(tables) == september, period
        for table in tables.values():
            spellings |= {str(r.values["unit"]) for r in table.rows}
        for row in _tables(tables, "feedback").rows:
            assert registry.match(str(row.values["unit"])).how is MatchHow.EXACT
    seed_spellings = {str(r.values["unit"]) for make in SEED_FILES.values() for r in make().rows}
    assert spellings - seed_spellings, "no period uses another spelling of a unit"


# --- plausibility -----------------------------------------------------------------------------

def test_august_reads_58_15_and_september_plus_8_34(generated) -> None:
    fee, paid = commune_payment_totals(generated[AUGUST])
    assert 1000 <= fee <= 1300
    assert percentage(paid, fee) == Decimal("58.15")
    assert round_half_up(100 * SEPTEMBER_COMMUNES - Fraction(100 * paid, fee)) == Decimal("8.34")


def test_august_through_the_pipeline(ingested, demo_context: Context) -> None:
    context = demo_context
    figures = {}
    for period in (AUGUST, SEED_PERIOD):
        inputs = ingested[period]
        figures[period] = compute_indicators(period, tidy_frames(inputs), inputs.analyst, context.organisation,
                                             context.registry).communes.rates["online_payment_rate"]
    august, september = figures[AUGUST], figures[SEED_PERIOD]
    assert august.value == Decimal("58.15")
    assert (september.numerator, september.denominator) == (778, 1170)
    change = Fraction(100 * september.numerator, september.denominator) - Fraction(
        100 * august.numerator, august.denominator)
    assert round_half_up(change) == Decimal("8.34")


def test_communes_payment_rate_rises_to_the_target(generated) -> None:
    rates = []
    for month in range(1, 13):
        period = Period(2024, month)
        if period == SEED_PERIOD:
            rates.append(SEPTEMBER_COMMUNES)
            continue
        fee, paid = commune_payment_totals(generated[period])
        rates.append(Fraction(paid, fee))
    assert all(later > earlier for earlier, later in itertools.pairwise(rates)), [float(r) for r in rates]
    assert Fraction(30, 100) <= rates[0] <= Fraction(40, 100)
    assert rates[-1] >= Fraction(90, 100)
    december = _commune_rows(generated[Period(2024, 12)])
    assert any(Fraction(r["paid_online"], r["fee_bearing"]) < Fraction(9, 10) for r in december)
    assert any(r["paid_online"] == r["fee_bearing"] for r in december)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_centre_pays_online_digitises_and_signs(generated, period: Period) -> None:
    tables = generated[period]
    centre = [r.values for r in _tables(tables, "payments").rows if r.group != COMMUNES_GROUP]
    assert Fraction(sum(r["paid_online"] for r in centre), sum(r["fee_bearing"] for r in centre)) >= Fraction(9, 10)
    for kind in ("centre", "communes"):
        rows = [r.values for r in _tables(tables, kind).rows if r.values["unit"] != "Chi Cục Thuế - HLT"]
        assert sum(r["results_digitised"] for r in rows) >= 0.97 * sum(r["resolved"] for r in rows)
        assert sum(r["resolved_late"] + r["pending_overdue"] for r in rows) <= 15
    signing = [r.values for r in _tables(tables, "signing").rows if r.values["workfiles"]]
    below = [r["unit"] for r in signing if r["rate_signed_from_workfiles"] < 100]
    assert 1 <= len(below) <= 5


def test_volume_dips_at_tet_and_peaks_at_year_end(generated) -> None:
    def received(period: Period) -> int:
        return sum(r.values["received"] for r in _tables(generated[period], "communes").rows)

    assert received(Period(2024, 2)) < min(received(p) for p in PERIODS if p.month != 2)
    assert received(Period(2024, 12)) > received(Period(2024, 8))


# --- the analyst's notes ------------------------------------------------------------------------

@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_notes_are_synthetic_and_explain_late_dossiers(generated, period: Period, tmp_path: Path) -> None:
    tables = generated[period]
    text = generate_analyst_notes(period, tables)
    assert text.startswith("# DỮ LIỆU MINH HỌA") and "\nsynthetic: true\n" in text
    assert text == generate_analyst_notes(period, tables)
    path = tmp_path / NOTES_FILE
    path.write_text(text, encoding="utf-8")
    notes = load_analyst_inputs(path)
    assert notes.synthetic is True
    assert notes.registration_fee_revenue and notes.e_certifications and notes.directives_drafted
    assert all(notes.section(k) for k in ("work_situation", "strengths", "limitations", "next_tasks"))
    for desk, kind in (("centre", "centre"), ("communes", "communes")):
        rows = [r.values for r in _tables(tables, kind).rows]
        for key in ("resolved_late", "pending_overdue"):
            assert bool(notes.explanation(desk, key)) == any(r[key] for r in rows), (desk, key)
