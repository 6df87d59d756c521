"""state_at (codes partly computed by arithmetic) against a plain per-record reference; benchmark layout."""

from __future__ import annotations

from datetime import date

import polars as pl
import pyarrow.parquet as pq

from tthc.demo.records import ROW_GROUP_SIZE, synthetic_records, write_synthetic
from tthc.records.rules import STATE, state_at

START, END = date(2024, 8, 24), date(2024, 9, 23)


def reference_state(r: dict, end: date) -> int:
    """The rules of tthc.records.rules written out for one record, with Python dates."""
    def waited(started, ended, total):
        if ended is None or ended > end:
            return 0
        return total if total is not None else (ended - started).days if started is not None else 0

    due = r["due_at"].toordinal() + waited(r["supplement_requested_at"], r["supplement_returned_at"],
                                           r["supplement_days"]) \
        + waited(r["paused_at"], r["resumed_at"], r["paused_days"])
    done = r["finished_at"] or r["returned_at"]
    if r["status"] != "processing" and done is not None and done <= end:
        if r["status"] == "resolved":
            d = done.toordinal()
            return STATE["resolved_early"] if d < due else STATE["resolved_on_time"] if d == due \
                else STATE["resolved_late"]
        return STATE[r["status"]]
    for started, ended, code in (
        ("supplement_requested_at", "supplement_returned_at", None),
        ("paused_at", "resumed_at", "pause"),
    ):
        if r[started] is not None and r[started] <= end and (r[ended] is None or r[ended] > end):
            if code is None:
                return STATE["paused_supplement"]
            return STATE["paused_financial"] if r["pause_kind"] == "financial" else STATE["paused_other"]
    return STATE["pending_overdue"] if due < end.toordinal() else STATE["pending_not_due"]


def test_state_at_matches_the_reference_on_synthetic_records() -> None:
    records = synthetic_records(20_000, START, END, seed=3, span_days=60)
    # Some records with a missing due-date wait total and a pause without its kind.
    records = records.with_columns(
        pl.when(pl.int_range(pl.len()) % 7 == 0).then(None).otherwise(pl.col("supplement_days"))
        .alias("supplement_days"),
        pl.when(pl.int_range(pl.len()) % 5 == 0).then(None).otherwise(pl.col("pause_kind")).alias("pause_kind"),
    )
    for end in (date(2024, 9, 10), END):
        got = records.select(state_at(end).alias("s"))["s"].to_list()
        expected = [reference_state(r, end) for r in records.iter_rows(named=True)]
        assert got == expected
        assert set(got) == set(STATE.values())  # every state occurs, so every branch is checked


def test_write_synthetic_uses_small_row_groups(tmp_path) -> None:
    n = ROW_GROUP_SIZE * 2 + 5
    paths = write_synthetic(tmp_path, n, START, END, seed=1, part_size=n)
    meta = pq.ParquetFile(paths[0]).metadata
    assert meta.num_rows == n
    assert meta.num_row_groups == 3
    assert pl.read_parquet(paths[0]).equals(synthetic_records(n, START, END, seed=1, part=0))


def test_missing_due_date_gives_the_when_chain_states() -> None:
    """Without a due date every comparison is false: a resolved dossier is late, an open one not due."""
    end = date(2024, 9, 23)
    frame = pl.DataFrame({
        "status": ["resolved", "processing"], "finished_at": [date(2024, 9, 1), None], "returned_at": [None, None],
        "due_at": [None, None], "supplement_requested_at": [None, None], "supplement_returned_at": [None, None],
        "supplement_days": [None, None], "paused_at": [None, None], "resumed_at": [None, None],
        "paused_days": [None, None], "pause_kind": [None, None],
    }, schema_overrides={"due_at": pl.Date, "returned_at": pl.Date, "supplement_requested_at": pl.Date,
                         "supplement_returned_at": pl.Date, "supplement_days": pl.Int32, "paused_at": pl.Date,
                         "resumed_at": pl.Date, "paused_days": pl.Int32, "pause_kind": pl.String})
    assert frame.select(state_at(end).alias("s"))["s"].to_list() == [STATE["resolved_late"], STATE["pending_not_due"]]
