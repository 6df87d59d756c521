"""Compare the aggregated export of a period with the tables computed from its dossier records.

reconcile(aggregated, computed) gives one finding per (unit, column) whose two
values differ, with both values. Compared: every count column the export has
(a column absent from the export, or null throughout, is skipped) and that the
records can give (tables.derived_columns); units missing on one side count as
zeros there, so a unit with records but no export row is reported too.

Severity: WARNING by default. Both figures are legitimate sources for the same
dossiers; a difference means one of them is stale or counts differently (the
records exported on another day, a dossier re-dated after the export, a
provincial rule the records do not show), not that the report cannot be made.
The report keeps using the aggregated export, which is the figure the
provincial system publishes, and the data-quality annex shows every difference
with both values so the signer can see it. An ERROR would stop the period from
being stored (tthc.pipeline writes nothing when any finding is an error), i.e.
block the monthly report over a timing difference. Pass severity=ERROR where
the records are the source of record and any difference must stop the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from tthc.findings import Finding, Location, Severity, error, warning
from tthc.records.tables import COUNT_COLUMNS, unit_tables
from tthc.sources import DOSSIERS

if TYPE_CHECKING:
    from polars._typing import EngineType


def compared_columns(aggregated: pl.DataFrame, computed: pl.DataFrame) -> list[str]:
    """Count columns present (not null throughout) on both sides."""
    def present(frame: pl.DataFrame, name: str) -> bool:
        return name in frame.columns and (frame.height == 0 or frame[name].null_count() < frame.height)

    return [n for n in COUNT_COLUMNS if present(aggregated, n) and present(computed, n)]


def reconcile(aggregated: pl.DataFrame, computed: pl.DataFrame, *, records_file: str = "danh sách hồ sơ",
              unit_names: dict[str, str] | None = None, severity: Severity = Severity.WARNING,
              columns: Sequence[str] | None = None) -> list[Finding]:
    """One finding per (unit, column) difference, located at the export's cell when known.

    `aggregated` is a tidy dossiers frame (unit_id and count columns; file / sheet / row /
    unit_name used for locations when present; several rows of one unit are summed), `computed`
    the output of unit_tables.
    """
    names = columns if columns is not None else compared_columns(aggregated, computed)
    unit_names = dict(unit_names or {})
    if "unit_name" in aggregated.columns:
        for unit_id, name in aggregated.select("unit_id", "unit_name").iter_rows():
            unit_names.setdefault(unit_id, name)
    where = _locations(aggregated)
    left = aggregated.group_by("unit_id", maintain_order=True).agg(pl.col(n).fill_null(0).sum() for n in names)
    right = computed.select("unit_id", *[pl.col(n).fill_null(0) for n in names])
    both = left.join(right, on="unit_id", how="full", coalesce=True, suffix="__records")
    both = both.with_columns(pl.col(n).fill_null(0) for n in both.columns if n != "unit_id")
    order = {u: i for i, u in enumerate([*left["unit_id"].to_list(), *right["unit_id"].to_list()])}
    make = error if severity is Severity.ERROR else warning
    findings = []
    for row in sorted(both.iter_rows(named=True), key=lambda r: order.get(r["unit_id"], len(order))):
        unit_id = row["unit_id"]
        for name in names:
            exported, counted = int(row[name]), int(row[f"{name}__records"])
            if exported == counted:
                continue
            label = DOSSIERS.column(name).label
            unit = unit_names.get(unit_id, unit_id)
            file, sheet, line = where.get(unit_id, (records_file, None, None))
            message = (f"{unit}: cột '{label}' trong biểu tổng hợp là {exported}, tính từ {records_file} là "
                       f"{counted} (chênh {counted - exported:+d})")
            findings.append(make("records_mismatch", message, Location(file, sheet, line, label),
                                 unit_id=unit_id, unit=unit, column=name, aggregated=exported, records=counted))
    return findings


def _locations(aggregated: pl.DataFrame) -> dict[str, tuple[str, str | None, int | None]]:
    if not {"file", "row"} <= set(aggregated.columns):
        return {}
    sheet = pl.col("sheet") if "sheet" in aggregated.columns else pl.lit(None, dtype=pl.String)
    rows = aggregated.select("unit_id", "file", sheet.alias("sheet"), "row").unique("unit_id", keep="first",
                                                                                   maintain_order=True)
    return {u: (f, s, r) for u, f, s, r in rows.iter_rows()}


def tables_for(aggregated: pl.DataFrame, records: pl.LazyFrame, start: date, end: date, *,
               year_start: date | None = None, engine: EngineType = "streaming") -> pl.DataFrame:
    """unit_tables computed the way `aggregated` counts: with carried-over dossiers when the export has
    a carried-over column, with a cumulative count when it has one (and year_start is given), with
    zero rows for every unit of the export."""
    def has(name: str) -> bool:
        return name in aggregated.columns and aggregated[name].null_count() < aggregated.height

    units = aggregated["unit_id"].unique(maintain_order=True).to_list()
    return unit_tables(records, start, end, carried_over=has("carried_over"),
                       year_start=year_start if has("cumulative") else None, units=units, engine=engine)


def reconcile_period(aggregated: pl.DataFrame, records: pl.LazyFrame, start: date, end: date, *,
                     records_file: str = "danh sách hồ sơ", unit_names: dict[str, str] | None = None,
                     year_start: date | None = None,
                     severity: Severity = Severity.WARNING) -> tuple[pl.DataFrame, list[Finding]]:
    """Compute the tables from the records as the export counts, and reconcile them with it."""
    computed = tables_for(aggregated, records, start, end, year_start=year_start)
    return computed, reconcile(aggregated, computed, records_file=records_file, unit_names=unit_names,
                               severity=severity)
