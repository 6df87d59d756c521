"""Write the synthetic demo periods (2024-01 … 2024-12 except 2024-09) into a raw-data folder.

Developer tool: `python scripts/make_demo_data.py data/raw [--seed 2024] [--period 2024-03 …]`. Each period gets
its own folder `<raw>/<YYYY-MM>/` with the five exports and the analyst's notes file, made
by `tthc.demo.generator` (deterministic: the same seed gives byte-identical files).
September 2024 is the seed's real period: its folder is never written, whatever it holds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from tthc.demo.generator import (
    DEFAULT_SEED,
    SEED_PERIOD,
    demo_periods,
    write_demo_period,
)
from tthc.period import Period


def main(raw: str | Path, seed: int = DEFAULT_SEED, periods: Iterable[Period] | None = None) -> list[Path]:
    """Write the demo periods (all of 2024 but September, or the ones given) under `raw`."""
    root = Path(raw)
    written: list[Path] = []
    for period in demo_periods(2024) if periods is None else periods:
        if period == SEED_PERIOD:  # never touch the seed's folder, even when asked to
            print(f"bỏ qua {period}: số liệu gốc của báo cáo mẫu, không tạo lại", file=sys.stderr)
            continue
        written.extend(write_demo_period(period, root / str(period), seed=seed))
    return written


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", help="thư mục số liệu gốc, ví dụ data/raw")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="hạt giống ngẫu nhiên (mặc định 2024)")
    parser.add_argument("--period", action="append", type=Period.parse, dest="periods",
                        help="chỉ tạo kỳ này (NĂM-THÁNG); có thể ghi nhiều lần")
    args = parser.parse_args()
    for path in main(args.raw, args.seed, args.periods):
        print(path)
