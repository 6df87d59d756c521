"""The late dossiers of a period: resolved late, and pending overdue at the period's end.

Same states as the unit tables (tthc.records.rules): a dossier is in the list
when its state at the end is resolved_late or pending_overdue, so the list's
count per unit equals the tables' resolved_late + pending_overdue. Days late
are calendar days from the effective due date (appointment date moved on by
supplement and pause waits) to the outcome date, or to the period's end for a
dossier still open. NĐ 61/2018 (NĐ 118/2025) asks for an apology letter for
each; ``apology_letter`` says whether one is recorded.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from tthc.records.rules import (
    STATE,
    carried_over_at,
    days_late,
    effective_due,
    outcome_day,
    received_between,
    state_at,
)

if TYPE_CHECKING:
    from polars._typing import EngineType

LATE_STATES = {STATE["resolved_late"]: "resolved_late", STATE["pending_overdue"]: "pending_overdue"}
LATE_COLUMNS = ("unit_id", "dossier_code", "procedure", "state", "received_at", "due_at", "effective_due_at",
                "finished_at", "days_late", "apology_letter")


def late_list(records: pl.LazyFrame, start: date, end: date, *, carried_over: bool = False,
              engine: EngineType = "streaming") -> pl.DataFrame:
    """One row per late dossier, by unit, most days late first."""
    cohort = received_between(start, end)
    if carried_over:
        cohort = cohort | carried_over_at(start)
    state = state_at(end)
    return (
        records.filter(cohort & state.is_in(list(LATE_STATES)))
        .select(
            "unit_id", "dossier_code", "procedure",
            state.replace_strict(LATE_STATES, return_dtype=pl.String).alias("state"),
            "received_at", "due_at",
            effective_due(end).cast(pl.Date).alias("effective_due_at"),
            pl.when(state == STATE["resolved_late"]).then(outcome_day()).cast(pl.Date).alias("finished_at"),
            days_late(end).alias("days_late"),
            pl.col("apology_letter").fill_null(False),
        )
        .sort(["unit_id", "days_late", "dossier_code"], descending=[False, True, False])
        .collect(engine=engine)
    )


def missing_apologies(late: pl.DataFrame) -> pl.DataFrame:
    """Per unit: late dossiers and how many have no apology letter recorded."""
    return (
        late.group_by("unit_id", maintain_order=True)
        .agg(pl.len().alias("late"), (~pl.col("apology_letter")).sum().alias("without_apology"))
    )
