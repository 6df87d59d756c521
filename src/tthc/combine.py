"""A period longer than a month built from its months' validated stores: flows summed, stocks taken at the
right end.

A count of what happened during the period (received, resolved, refused, documents signed, dossiers paid
online) is the sum of its months. A count of a state (being processed, paused, the year-to-date
cumulative) is the one at the period's end: the last month's. What was carried over into the period is
the first month's carried-over. Rates are recomputed from the summed counts, never averaged. Lists (citizen
feedback) are the months' lists together; the analyst's notes and the figures computed from dossier records
(late list, Decision 766) are not combined: a longer period has its own notes, or says it has none.
"""

from __future__ import annotations

import polars as pl

from tthc.period import Period
from tthc.sources import SOURCES

Frames = dict[str, pl.DataFrame]

KEYS = ("desk", "unit_id")
PROVENANCE = ("file", "sheet", "row", "group", "unit_name")
AT_END = ("pending", "pending_not_due", "pending_overdue", "paused_supplement", "paused_financial", "paused_other",
          "cumulative")
AT_START = ("carried_over",)
# rate column → (numerator, denominator), from the table specs; recomputed from the sums
RATES = {rate: (numerator, denominator) for spec in SOURCES for rate, numerator, denominator in spec.rates}
PER_UNIT = ("dossiers", "signing", "payments")
LISTS = ("feedback", "findings")
NOT_COMBINED = ("analyst", "late_dossiers", "index_766")


def combine_unit_tables(months: list[pl.DataFrame]) -> pl.DataFrame:
    """One row per (desk, unit): flows summed, stocks from the end, carried-over from the start."""
    frames = [m.with_columns(pl.lit(i).alias("_month")) for i, m in enumerate(months)]
    every = pl.concat(frames, how="diagonal_relaxed")
    last, first = len(months) - 1, 0
    columns = [c for c in every.columns if c not in (*KEYS, *PROVENANCE, "_month", "period")]
    aggregations: list[pl.Expr] = [pl.col(c).sort_by("_month").last().alias(c) for c in PROVENANCE
                                   if c in every.columns]
    for column in columns:
        if column in RATES:
            continue
        values = pl.col(column)
        if column in AT_END:
            aggregations.append(values.filter(pl.col("_month") == last).first().alias(column))
        elif column in AT_START:
            aggregations.append(values.filter(pl.col("_month") == first).first().alias(column))
        else:
            aggregations.append(pl.when(values.is_not_null().any()).then(values.sum()).alias(column))
    combined = every.group_by(*KEYS, maintain_order=True).agg(aggregations)
    for rate, (numerator, denominator) in RATES.items():
        if rate in every.columns:
            combined = combined.with_columns(
                pl.when(pl.col(denominator) > 0)
                .then((pl.col(numerator) * 100 / pl.col(denominator)).round(2))
                .alias(rate))
    order = [c for c in months[-1].columns if c in combined.columns and c != "period"]
    return combined.select(*order, *(c for c in combined.columns if c not in order))


def combine_months(period: Period, months: dict[Period, Frames]) -> Frames:
    """The period's datasets from its months' (every month present and validated; the caller checks). A range
    is combined from the months given (those of the organisation's cut-off day), in order."""
    ordered = [months[m] for m in (sorted(months) if period.is_range else period.month_periods())]
    frames: Frames = {}
    for dataset in PER_UNIT:
        parts = [f[dataset].drop("period", strict=False) for f in ordered if dataset in f]
        if parts:
            frames[dataset] = combine_unit_tables(parts)
    for dataset in LISTS:
        parts = [f[dataset].drop("period", strict=False) for f in ordered if dataset in f]
        if parts:
            frames[dataset] = pl.concat(parts, how="diagonal_relaxed")
    stated = [f["feedback_stated"].drop("period", strict=False) for f in ordered if "feedback_stated" in f]
    if len(stated) == len(ordered):  # the app's stated totals add up only if every month states them
        frames["feedback_stated"] = pl.concat(stated, how="diagonal_relaxed").sum()
    return frames
