"""Reading a data folder's tidy store: what every notebook reads, and all it reads.

The kernel side of the project (monthly report, trends, site pages) imports this module and not the
pipeline, so it never ingests an export. A period is read when the build that started the notebook has
just stored it (its `Snapshot` lists it), or, with no snapshot (a plain papermill run), when the store
still holds exactly what data/raw/<period>/ holds now: a stale store is never read.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from tthc.analyst import AnalystInputs
from tthc.context import Context, Snapshot, load_context, read_snapshot
from tthc.errors import DataError
from tthc.fingerprint import hash_inputs
from tthc.inputs import SourceFile
from tthc.period import Period
from tthc.store import INPUTS_DATASET, read_period, stored_datasets

Frames = dict[str, pl.DataFrame]


class StoreNotReadyError(DataError):
    """The store has no validated data for the period; message is Vietnamese."""


class StoredData:
    """The store of one data folder as one notebook sees it; each period is read once."""

    def __init__(self, context: Context, stored: frozenset[Period] | None = None) -> None:
        self.context = context
        self.stored = stored  # None: no build vouches for the store, so each period is checked against data/raw
        self._frames: dict[Period, Frames] = {}

    @classmethod
    def open(cls, data_dir: str | Path, snapshot_file: str | Path = "") -> StoredData:
        """From the build's snapshot when the notebook was given one, else from the data folder itself."""
        if snapshot_file:
            snapshot: Snapshot = read_snapshot(Path(snapshot_file))
            return cls(snapshot.context, snapshot.stored)
        return cls(load_context(Path(data_dir)))

    def frames(self, period: Period) -> Frames:
        """The period's stored datasets, or {} when the store does not hold the period's current inputs."""
        if period not in self._frames:
            self._frames[period] = self._read(period) if self._is_current(period) else {}
        return self._frames[period]

    def require(self, period: Period) -> Frames:
        """The period's datasets, or a Vietnamese error saying which command stores them."""
        frames = self.frames(period)
        if INPUTS_DATASET not in frames:
            raise StoreNotReadyError(
                f"kho số liệu chưa có số liệu đã kiểm tra của kỳ {period} (hoặc tệp trong "
                f"{self.context.paths.period_raw(period)} đã thay đổi sau lần kiểm tra trước): "
                f"chạy `tthc report {period}` hoặc `tthc indicators {period}` (hai lệnh này kiểm tra rồi lưu vào kho) trước")
        return frames

    def _is_current(self, period: Period) -> bool:
        if self.stored is not None:
            return period in self.stored
        return store_is_current(self.context, period)

    def _read(self, period: Period) -> Frames:
        frames = {}
        for dataset in stored_datasets(self.context.paths.store, period):
            frame = read_period(self.context.paths.store, dataset, period)
            if frame is not None:
                frames[dataset] = frame
        return frames


def load_frames(context: Context, period: Period) -> Frames:
    """The period's stored datasets if the store is current for it, else {} (one-off read, no snapshot)."""
    return StoredData(context).frames(period)


def store_is_current(context: Context, period: Period) -> bool:
    return store_holds(context, period, current_inputs(context, period))


def store_holds(context: Context, period: Period, inputs: dict[str, str]) -> bool:
    """The period's store was written from exactly these input files (name → sha256, as `current_inputs`)."""
    stored = read_period(context.paths.store, INPUTS_DATASET, period)
    if stored is None:
        return False
    return dict(zip(stored["file"].to_list(), stored["sha256"].to_list())) == inputs


def current_inputs(context: Context, period: Period) -> dict[str, str]:
    """name → sha256 of the files the period is made from now; a combined period's names carry their month."""
    return {prefix + f.name: f.sha256 for prefix, folder in context.paths.input_folders(period)
            for f in hash_inputs(folder)}


def sources_from_frame(frame: pl.DataFrame | None) -> list[SourceFile]:
    if frame is None:
        return []
    return [SourceFile(r["file"], r["sha256"], r["bytes"], tuple(k for k in r["kinds"].split(",") if k),
                       r["synthetic"]) for r in frame.iter_rows(named=True)]


def analyst_from_frames(frames: Frames) -> AnalystInputs | None:
    frame = frames.get("analyst")
    if frame is None or not frame.height:
        return None
    data = json.loads(frame["json"][0])
    data["sections"] = {k: tuple(v) for k, v in data.get("sections", {}).items()}
    return AnalystInputs(**data)
