"""The tidy store: one Parquet dataset per source, one file per period, written atomically.

Writing a period replaces only that period's files; a crash mid-write leaves
either the old file or the new one, never a torn one (write aside, then rename).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

from tthc.period import Period


def period_file(store: Path, dataset: str, period: Period) -> Path:
    return store / dataset / f"{period}.parquet"


def write_period(store: Path, period: Period, frames: dict[str, pl.DataFrame]) -> list[Path]:
    """Write every dataset of a period: all files are staged first, then renamed into place."""
    for leftover in store.glob(f"*/.{period}.*.tmp"):  # from a run that was killed mid-write
        leftover.unlink(missing_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for dataset, frame in frames.items():
            target = period_file(store, dataset, period)
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{period}.", suffix=".tmp", dir=target.parent)
            os.close(handle)
            staged.append((Path(temp), target))
            frame.with_columns(pl.lit(str(period)).alias("period")).write_parquet(temp)
        for temp, target in staged:
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [target for _, target in staged]


def read_period(store: Path, dataset: str, period: Period) -> pl.DataFrame | None:
    path = period_file(store, dataset, period)
    return pl.read_parquet(path) if path.is_file() else None


def scan_dataset(store: Path, dataset: str) -> pl.LazyFrame | None:
    """All periods of one dataset, lazily, for trends."""
    folder = store / dataset
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    return pl.scan_parquet(files) if files else None
