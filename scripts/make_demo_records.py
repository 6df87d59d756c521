"""Write the demo dossier records `ho-so-<period>.parquet` into every period folder of data/raw.

Developer tool: `python scripts/make_demo_records.py [DATA_DIR] [--seed N]`. For each folder
data/raw/<YYYY-MM>, the aggregated dossier tables of that folder (records files skipped) are
read as the pipeline reads them, and records that aggregate to them exactly are generated
(tthc.demo.records.records_for_tables) and checked with reconcile before writing.
Deterministic: the same exports and seed give the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

from tthc.context import load_context
from tthc.demo.generator import SEED_PERIOD
from tthc.demo.records import records_for_tables
from tthc.ingest.grid import SUPPORTED_SUFFIXES
from tthc.ingest.tables import extract_tables
from tthc.ingest.tidy import tidy_table
from tthc.provenance import PARQUET_METADATA
from tthc.records.ingest import is_records_file
from tthc.records.reconcile import reconcile_period


def aggregated_dossiers(folder: Path, registry) -> pl.DataFrame | None:
    parts = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name.startswith((".", "~$")) or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        if is_records_file(path):
            continue
        tables, _ = extract_tables(path, path.name)
        for raw in tables:
            if raw.source.name == "dossiers":
                parts.append(tidy_table(raw, registry)[0].frame)
    return pl.concat(parts, how="vertical_relaxed") if parts else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="data", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    context = load_context(args.data)
    cutoff = context.organisation.cutoff_day
    status = 0
    for period in context.paths.periods():
        folder = context.paths.period_raw(period)
        if period == SEED_PERIOD:  # the seed's real month holds only what the seed gives
            print(f"{period}: kỳ số liệu thật của báo cáo mẫu, không tạo danh sách hồ sơ minh họa")
            continue
        dossiers = aggregated_dossiers(folder, context.registry)
        if dossiers is None:
            print(f"{period}: không có biểu tổng hợp hồ sơ, bỏ qua")
            continue
        records = records_for_tables(dossiers, period, cutoff, seed=args.seed)
        _, findings = reconcile_period(dossiers, records.lazy(), period.start(cutoff), period.end(cutoff))
        if findings:
            print(f"{period}: danh sách hồ sơ không khớp biểu tổng hợp ({len(findings)} chênh lệch), không ghi")
            status = 1
            continue
        target = folder / f"ho-so-{period}.parquet"
        records.write_parquet(target, metadata=PARQUET_METADATA)  # marked synthetic (tthc.provenance)
        print(f"{target}: {records.height} hồ sơ")
    return status


if __name__ == "__main__":
    sys.exit(main())
