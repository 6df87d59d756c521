"""The same records under another cut-off day: different tables, each consistent."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from tthc.demo.records import synthetic_records
from tthc.period import Period
from tthc.records.tables import unit_tables

OUTCOMES = ("resolved", "pending", "paused_supplement", "paused_financial", "paused_other", "refused", "withdrawn")


def test_cutoff_days_give_different_but_consistent_tables() -> None:
    september, october = Period(2024, 9), Period(2024, 10)
    records = synthetic_records(30_000, september.start(24), october.end(1), units=["a", "b"], seed=5,
                                span_days=(october.end(1) - september.start(24)).days + 1)
    tables = {}
    for cutoff in (24, 15, 1):
        start, end = september.start(cutoff), september.end(cutoff)
        table = unit_tables(records.lazy(), start, end)
        tables[cutoff] = table
        expected = records.filter(pl.col("received_at").is_between(start, end)).height
        assert table["received"].sum() == expected
        for row in table.iter_rows(named=True):
            assert row["received"] == sum(row[n] for n in OUTCOMES)
    assert not tables[24].equals(tables[1]) and not tables[15].equals(tables[1])
    # Consecutive periods under one cut-off day partition the records by date received.
    first = unit_tables(records.lazy(), september.start(1), september.end(1))["received"].sum()
    second = unit_tables(records.lazy(), october.start(1), october.end(1))["received"].sum()
    whole = records.filter(pl.col("received_at").is_between(september.start(1), october.end(1))).height
    assert first + second == whole
    # A later end of the same period closes more dossiers: never fewer resolved.
    later = unit_tables(records.lazy(), september.start(24), september.end(24) + timedelta(days=5))
    assert later["resolved"].sum() >= tables[24]["resolved"].sum()
