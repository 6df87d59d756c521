"""Write the synthetic months of the Lương Tài area (2024-01 … 2026-11) into examples/xa-luong-tai/raw.

Developer tool: `python scripts/make_reorganisation_demo.py [DATA_DIR] [--seed N] [--period 2025-07 …]
[--records]`. Each month gets `<DATA_DIR>/raw/<YYYY-MM>/` with five exports and the analyst's notes,
made by `tthc.demo.reorganisation` (deterministic: the same seed gives byte-identical files). With
`--records` (which needs `<DATA_DIR>/reference/units.yaml`), the months in RECORDS_PERIODS also get the
dossier records `ho-so-<period>.parquet` that aggregate exactly to their dossiers exports, as
scripts/make_demo_records.py makes them for data/raw.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tthc.context import load_context
from tthc.demo.records import records_for_tables
from tthc.demo.reorganisation import DEFAULT_SEED, area_periods, write_area_period
from tthc.period import Period
from tthc.provenance import PARQUET_METADATA
from tthc.records.reconcile import reconcile_period

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_demo_records import aggregated_dossiers  # noqa: E402

RECORDS_PERIODS = (Period(2024, 10), Period(2025, 9), Period(2026, 11))


def write_records(data: Path, periods: tuple[Period, ...] = RECORDS_PERIODS, seed: int = 0) -> int:
    context = load_context(data)
    cutoff = context.organisation.cutoff_day
    status = 0
    for period in periods:
        folder = context.paths.period_raw(period)
        dossiers = aggregated_dossiers(folder, context.registry)
        if dossiers is None:
            print(f"{period}: không có biểu tổng hợp hồ sơ, bỏ qua")
            continue
        records = records_for_tables(dossiers, period, cutoff, seed=seed)
        _, findings = reconcile_period(dossiers, records.lazy(), period.start(cutoff), period.end(cutoff))
        if findings:
            print(f"{period}: danh sách hồ sơ không khớp biểu tổng hợp ({len(findings)} chênh lệch), không ghi")
            status = 1
            continue
        target = folder / f"ho-so-{period}.parquet"
        records.write_parquet(target, metadata=PARQUET_METADATA)  # marked synthetic (tthc.provenance)
        print(f"{target}: {records.height} hồ sơ")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default="examples/xa-luong-tai", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--period", action="append", type=Period.parse, dest="periods",
                        help="chỉ tạo kỳ này (NĂM-THÁNG); có thể ghi nhiều lần")
    parser.add_argument("--records", action="store_true", help="tạo thêm danh sách hồ sơ của các kỳ mẫu")
    args = parser.parse_args(argv)
    for period in args.periods or area_periods():
        for path in write_area_period(period, args.data / "raw" / str(period), seed=args.seed):
            print(path)
    return write_records(args.data) if args.records else 0


if __name__ == "__main__":
    sys.exit(main())
