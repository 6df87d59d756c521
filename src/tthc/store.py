"""The tidy store: one Parquet dataset per source, one file per period, written atomically.

Writing a period replaces that period wholly: a dataset of an earlier run that the new
inputs no longer give (its export deleted, renamed, or no longer holding a table) is
removed, so the store never outlives its source. A crash mid-write leaves either the old
file or the new one, never a torn one (write aside, then rename); the `inputs` dataset
names the datasets of the last complete write, and readers take only those.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

from tthc.period import Period

INPUTS_DATASET = "inputs"  # one row per input file of the period: digest, kind, synthetic, datasets


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
            handle, temp_name = tempfile.mkstemp(prefix=f".{period}.", suffix=".tmp", dir=target.parent)
            os.close(handle)
            staged.append((Path(temp_name), target))
            frame.with_columns(pl.lit(str(period)).alias("period")).write_parquet(temp_name)
        for temp, target in staged:
            os.replace(temp, target)
        written = {target for _, target in staged}
        for stale in store.glob(f"*/{period}.parquet"):
            if stale not in written:
                stale.unlink(missing_ok=True)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return [target for _, target in staged]


def stored_datasets(store: Path, period: Period) -> list[str]:
    """The datasets the period's last complete write made (listed in its `inputs` dataset)."""
    inputs = read_period(store, INPUTS_DATASET, period)
    if inputs is None or "datasets" not in inputs.columns:
        return []
    return sorted({d for cell in inputs["datasets"].to_list() for d in (cell or "").split(",") if d}
                  | {INPUTS_DATASET})


def read_period(store: Path, dataset: str, period: Period) -> pl.DataFrame | None:
    path = period_file(store, dataset, period)
    return pl.read_parquet(path) if path.is_file() else None


def scan_dataset(store: Path, dataset: str) -> pl.LazyFrame | None:
    """All periods of one dataset, lazily, for trends."""
    folder = store / dataset
    files = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    return pl.scan_parquet(files) if files else None
