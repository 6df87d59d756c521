"""The unit tables of the aggregated exports, computed from dossier records in one lazy query.

For a period [start, end] the output has one row per unit_id and exactly the
count columns of tthc.sources.DOSSIERS, derived as follows (states at the
period's end as defined in tthc.records.rules):

received                 received_at within [start, end]
received_direct / _online  of those, by channel (postal dossiers count as direct)
resolved_early / _on_time / _late, resolved
                         of the cohort, closed as resolved by the end, outcome date before /
                         on / after the effective due date (due date moved on by supplement
                         waiting and pause days); resolved = the three together
pending_not_due / _overdue, pending
                         of the cohort, open and not paused at the end, effective due date on or
                         after / before the end
paused_supplement / _financial / _other
                         of the cohort, a supplement request or a pause of that kind open at the end
refused / withdrawn      of the cohort, closed as refused / withdrawn by the end
fee_bearing              of the cohort, fee-bearing
paid_online / paid_direct  of the fee-bearing ones, paid online / paid at the counter
                         (paid_direct is null when the records have no such column)
results_digitised        of the cohort, resolved by the end with an electronic result attached
carried_over             received before start and open on the start day — only with
                         ``carried_over=True``, else null
cumulative               received within [year_start, end] — only with ``year_start``, else null

The cohort is the dossiers received in the period (the seed's exports: no
carried-over column, and received = resolved + pending + paused + refused +
withdrawn holds row by row). With ``carried_over=True`` the cohort adds the
dossiers carried over, as exports with a "Kỳ trước chuyển sang" column count
them (received + carried_over = the outcome columns).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from tthc.records.rules import (
    STATE,
    carried_over_at,
    day_number,
    days,
    received_between,
    state_at,
)
from tthc.sources import DOSSIERS, Kind

if TYPE_CHECKING:
    from polars._typing import EngineType
    from polars.expr.whenthen import ChainedThen, Then

COUNT_COLUMNS: tuple[str, ...] = tuple(c.name for c in DOSSIERS.columns if c.kind is Kind.COUNT)
RESOLVED = (STATE["resolved_early"], STATE["resolved_on_time"], STATE["resolved_late"])
PENDING = (STATE["pending_not_due"], STATE["pending_overdue"])

col = pl.col


IN_PERIOD, CARRIED, EARLIER = 0, 1, 2  # the _part of a record: which counts it enters

# Polars' streaming Parquet reader decodes up to 50 row groups ahead of the query by default: with the
# records' row groups of 100k rows that is a whole 5M-record part per open file, decoded and waiting,
# because this query computes slower than the reader decodes (peak about 420 MB at 100M records, 340 MB
# at 10M). One row group ahead bounds it (about 205 MB and 140 MB) in the same time: reading further ahead
# buys nothing here (benchmarks/records_scale.py, run with POLARS_ROW_GROUP_PREFETCH_SIZE=50 to compare).
# Polars reads this variable each time a scan starts and has no Python option for it; a value already set
# in the environment wins.
READ_AHEAD = {"POLARS_ROW_GROUP_PREFETCH_SIZE": "1"}


def unit_tables_query(records: pl.LazyFrame, start: date, end: date, *, carried_over: bool = False,
                      year_start: date | None = None) -> pl.LazyFrame:
    """The lazy query behind unit_tables.

    Two group-bys: the first, over the records, counts per (unit, part, state) with the
    flag sums (channel, fee-bearing, paid, result attached); the second, over those few
    thousand rows, spreads the states into the table's columns. Only the columns the rules
    read are projected, so a Parquet scan reads nothing else, and every step streams.
    """
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    names = set(records.collect_schema().names())
    has_direct = "paid_direct" in names
    earliest = min(start, year_start) if year_start else start
    received = days("received_at")
    keep = received <= day_number(end)
    if not carried_over:
        keep = keep & (received >= day_number(earliest))
    choice: Then | ChainedThen = pl.when(received_between(start, end)).then(IN_PERIOD)
    if carried_over:
        choice = choice.when(carried_over_at(start)).then(CARRIED)
    part = choice.otherwise(EARLIER).cast(pl.Int8)
    fee = col("fee_bearing").fill_null(False)
    flags = [
        (col("channel") == "online").alias("_online"),
        fee.alias("_fee"),
        (fee & col("paid_online").fill_null(False)).alias("_paid_online"),
        (fee & col("paid_direct").fill_null(False) if has_direct else pl.lit(False)).alias("_paid_direct"),
        col("result_attached").fill_null(False).alias("_attached"),
    ]
    if year_start is not None:
        flags.append((received >= day_number(year_start)).alias("_this_year"))
    per_state = (
        records.filter(keep)
        .select("unit_id", part.alias("_part"), state_at(end).alias("_state"), *flags)
        .group_by("unit_id", "_part", "_state")
        .agg(pl.len().alias("_n"), *[col(f.meta.output_name()).sum() for f in flags])
    )
    n = col("_n")
    in_period = col("_part") == IN_PERIOD
    cohort = col("_part") != EARLIER
    state = col("_state")

    def total(value: pl.Expr, where: pl.Expr) -> pl.Expr:
        return value.filter(where).sum()

    aggs: dict[str, pl.Expr | None] = {
        "carried_over": total(n, col("_part") == CARRIED) if carried_over else None,
        "received": total(n, in_period),
        "received_direct": total(n - col("_online"), in_period),
        "received_online": total(col("_online"), in_period),
        "cumulative": col("_this_year").sum() if year_start is not None else None,
        "resolved": total(n, cohort & state.is_in(list(RESOLVED))),
        **{name: total(n, cohort & (state == STATE[name])) for name in (
            "resolved_early", "resolved_on_time", "resolved_late")},
        "pending": total(n, cohort & state.is_in(list(PENDING))),
        **{name: total(n, cohort & (state == STATE[name])) for name in (
            "pending_not_due", "pending_overdue", "paused_supplement", "paused_financial", "paused_other",
            "refused", "withdrawn")},
        "fee_bearing": total(col("_fee"), cohort),
        "paid_online": total(col("_paid_online"), cohort),
        "paid_direct": total(col("_paid_direct"), cohort) if has_direct else None,
        "results_digitised": total(col("_attached"), cohort & state.is_in(list(RESOLVED))),
    }
    missing = set(COUNT_COLUMNS) - set(aggs)
    if missing:  # DOSSIERS gained a column this module does not derive
        raise AssertionError(f"no record rule for {sorted(missing)}")
    return per_state.group_by("unit_id").agg(
        (agg if (agg := aggs[name]) is not None else pl.lit(None)).cast(pl.Int64).alias(name)
        for name in COUNT_COLUMNS
    )


def unit_tables(records: pl.LazyFrame, start: date, end: date, *, carried_over: bool = False,
                year_start: date | None = None, units: Sequence[str] | None = None,
                engine: EngineType = "streaming") -> pl.DataFrame:
    """One row per unit_id with the DOSSIERS count columns, for the period [start, end].

    `units` adds all-zero rows for listed units without records and orders the
    rows as listed (others follow, sorted); without it rows are sorted by unit_id.
    """
    query = unit_tables_query(records, start, end, carried_over=carried_over, year_start=year_start)
    with bounded_read_ahead():
        result = query.collect(engine=engine)
    if units is None:
        return result.sort("unit_id")
    derived = derived_columns(records, carried_over=carried_over, year_start=year_start)
    listed = pl.DataFrame({"unit_id": list(dict.fromkeys(units))}, schema={"unit_id": pl.String})
    extra = result.filter(~col("unit_id").is_in(listed["unit_id"].implode())).sort("unit_id")
    ordered = listed.join(result, on="unit_id", how="left", maintain_order="left")
    ordered = ordered.with_columns(col(n).fill_null(0) for n in derived)
    return pl.concat([ordered, extra], how="vertical")


@contextmanager
def bounded_read_ahead() -> Iterator[None]:
    """READ_AHEAD in the environment while a query runs (unless already set), then as it was."""
    added = [name for name in READ_AHEAD if name not in os.environ]
    os.environ.update({name: READ_AHEAD[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def derived_columns(records: pl.LazyFrame, *, carried_over: bool = False,
                    year_start: date | None = None) -> tuple[str, ...]:
    """The count columns unit_tables fills (the others are null)."""
    names = set(records.collect_schema().names())
    skipped = {n for n, off in (("carried_over", not carried_over), ("cumulative", year_start is None),
                                ("paid_direct", "paid_direct" not in names)) if off}
    return tuple(n for n in COUNT_COLUMNS if n not in skipped)


def totals(tables: pl.DataFrame) -> dict[str, int | None]:
    """Column sums of unit tables (a column that is null throughout stays null)."""
    return {n: (None if tables.height and tables[n].null_count() == tables.height else int(tables[n].sum()))
            for n in COUNT_COLUMNS}
