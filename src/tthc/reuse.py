"""A period's store reused when nothing it was validated from has changed.

A report validates its own period and the two it is compared with (previous period, same period last
year); a site build validates each period up to three times and the trends once more. A period's findings
and tidy frames depend only on its input folder, the previous period's folder (copied exports, carried-over
dossiers), whether the previous period is stored, the reference files and the code: when the key over
those equals the one the store was written with, the store stands and its findings are read back instead of
ingesting the exports again. A period with errors is never stored, so it is always validated afresh.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from tthc.context import Context
from tthc.findings import Finding, Location, Severity
from tthc.fingerprint import build_key, code_digest, file_digest, folder_digests
from tthc.period import Period
from tthc.store import INPUTS_DATASET, read_period
from tthc.stored import Frames, current_inputs, store_holds

KEY_COLUMN = "build_key"  # in the period's `inputs` dataset: the key of the write that made the store


def reference_files(context: Context) -> list[Path]:
    """The reference files a period's figures depend on: the profile and catalogue only where the centre has its own."""
    paths = context.paths
    return [paths.organisation, paths.units, *(p for p in (paths.profile, paths.catalogue) if p.is_file())]


def store_key(context: Context, period: Period) -> str:
    """What one month's (or one folder's) validation depends on, hashed."""
    previous = period.previous()
    previous_inputs = current_inputs(context, previous)  # hashed once: for the key and the store's check
    return build_key({
        "kind": "store",
        "period": str(period),
        "inputs": folder_digests(context.paths.period_raw(period)),
        "previous_inputs": previous_inputs,
        "previous_stored": store_holds(context, previous, previous_inputs),
        "reference": {p.name: file_digest(p) for p in reference_files(context)},
        "code": code_digest(),
    })


def stored_key(context: Context, period: Period) -> str | None:
    """The key the period's store was written with, None when it has none (or no store)."""
    inputs = read_period(context.paths.store, INPUTS_DATASET, period)
    if inputs is None or KEY_COLUMN not in inputs.columns or not inputs.height:
        return None
    keys = set(inputs[KEY_COLUMN].to_list())
    return keys.pop() if len(keys) == 1 else None


def with_key(frames: Frames, key: str) -> Frames:
    """The frames to store, their `inputs` dataset marked with the key (an empty folder has no row to mark)."""
    return {**frames, INPUTS_DATASET: frames[INPUTS_DATASET].with_columns(pl.lit(key).alias(KEY_COLUMN))}


def stored_findings(frames: Frames) -> list[Finding]:
    """The findings the store was written with, as the validation made them (values as the store keeps them)."""
    frame = frames.get("findings")
    if frame is None:
        return []
    return [Finding(Severity(r["severity"]), r["code"], r["message"],
                    Location(r["file"], r["sheet"], r["row"], r["column"]), json.loads(r["values"] or "{}"))
            for r in frame.iter_rows(named=True)]
