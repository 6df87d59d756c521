"""A period's dossier records in the pipeline: reconcile with the exports, list late dossiers, score 766.

Called by tthc.pipeline.ingest_period for every file recognised as records (766 with the version of
index_766.yaml in force on the period's last day);
the frames it returns go to the tidy store beside the exports' datasets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from tthc.findings import Finding, Location, error, warning
from tthc.records.index766 import OVERALL, default_path, index_766, load_index_766_versions
from tthc.records.ingest import SheetRows, scan_records
from tthc.records.late import late_list
from tthc.records.reconcile import reconcile_period
from tthc.reference import ReferenceDataError
from tthc.registry import UnitRegistry


@dataclass
class RecordsOutcome:
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def ingest_records(paths: list[Path], registry: UnitRegistry, data_dir: Path, start: date, end: date,
                   dossiers: pl.DataFrame | None, read: Mapping[Path, SheetRows] | None = None) -> RecordsOutcome:
    """`read`: the workbooks among `paths` the caller already read, by path (each file is opened once)."""
    outcome = RecordsOutcome()
    scans = []
    for path in paths:
        scan = scan_records(path, registry, display_name=path.name, sheets=(read or {}).get(path))
        outcome.findings.extend(scan.findings)
        scans.append(scan)
    if any(f.is_error for f in outcome.findings) or not scans:
        return outcome
    records = pl.concat([s.frame for s in scans], how="diagonal_relaxed")
    in_period = _received_in_period(records, start, end)
    if in_period == 0:  # another period's file: one finding at its cause, not a difference per unit
        outcome.findings.append(warning(
            "records_outside_period",
            f"danh sách hồ sơ không có hồ sơ nào tiếp nhận trong kỳ ({start:%d/%m/%Y}–{end:%d/%m/%Y}): có thể là "
            "tệp của kỳ khác bị chép nhầm; danh sách không được dùng (không đối chiếu, không lập Phụ lục 5, 6)",
            Location(", ".join(p.name for p in paths))))
        return outcome
    names = {u.id: u.name for u in registry.units}
    if dossiers is not None and dossiers.height:
        _, findings = reconcile_period(dossiers, records, start, end, records_file=", ".join(p.name for p in paths),
                                       unit_names=names)
        outcome.findings.extend(findings)
    late = late_list(records, start, end)
    desks = {u.id: u.desk for u in registry.units}
    outcome.frames["late_dossiers"] = late.with_columns(
        pl.col("unit_id").replace_strict(names, default=pl.col("unit_id"), return_dtype=pl.String).alias("unit_name"),
        pl.col("unit_id").replace_strict(desks, default=None, return_dtype=pl.String).alias("desk"))
    try:
        versions = load_index_766_versions(default_path(data_dir))
    except ReferenceDataError as exc:
        outcome.findings.append(error("bad_index_766_file", str(exc), Location(default_path(data_dir).name)))
        return outcome
    spec = versions.for_period(end)
    if spec is None:  # never score a period with definitions that did not apply to it
        outcome.findings.append(warning("index_766_no_version", versions.outside_message(start, end),
                                        Location(default_path(data_dir).name)))
        return outcome
    outside = [u.id for u in registry.units if u.outside_one_stop]
    order = [u.id for u in registry.units]
    outcome.frames["index_766"] = index_766(records, start, end, spec, exclude_units=outside, units=order).to_frame()
    return outcome


def _received_in_period(records: pl.LazyFrame, start: date, end: date) -> int:
    day = pl.col("received_at").cast(pl.Date)
    return int(records.filter(day.is_between(start, end)).select(pl.len()).collect().item())


__all__ = ["OVERALL", "RecordsOutcome", "ingest_records"]
