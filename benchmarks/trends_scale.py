"""Benchmark: the trends report over 3, 12 and 36 periods — validate + store of every period, then the build.

Run on demand (not a test):

    python benchmarks/trends_scale.py [--lengths 3,12,36] [--formats html]

Each range ends a whole number of years after January so that the trends' history (from January of
the range's first year, tthc.trends.series.history_start) is the range itself: 3 = 2024-01..2024-03,
12 = 2024-01..2024-12, 36 = 2022-01..2024-12 (for other lengths: the range ending at 2024-12, or
starting at 2024-01 when shorter than a year). The shipped data/raw holds 2024; the months of
2022 and 2023 are made once with tthc.demo.generator.write_demo_period (five exports and the
analyst's notes, no dossier records) in a temporary folder. Every length runs in a fresh copy of
data/ with an empty store, through tthc.trends.build.build_trends with
RenderOptions(formats, Engine.PANDOC); its own timings are printed: validate (build_period of every
period: ingest, checks, store), execute (the notebook under papermill), render, and the wall time,
with each length's ratio to the first. One run per length: compare ratios, not absolute times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from tthc.demo.generator import write_demo_period
from tthc.period import Period
from tthc.project import PROJECT_ROOT
from tthc.render.engine import Engine
from tthc.render.room import RenderOptions
from tthc.trends.build import build_trends, periods_between

LAST = Period(2024, 12)


def span(length: int) -> tuple[Period, Period]:
    if length <= 12:
        return Period(2024, 1), Period(2024, length)
    first = LAST
    for _ in range(length - 1):
        first = first.previous()
    return first, LAST


def synthetic_months(cache: Path, periods: list[Period]) -> dict[Period, Path]:
    """A folder per period not shipped in data/raw, made once."""
    shipped = PROJECT_ROOT / "data" / "raw"
    folders = {}
    for period in periods:
        if (shipped / str(period)).is_dir():
            continue
        folder = cache / str(period)
        if not folder.is_dir():
            write_demo_period(period, folder)
        folders[period] = folder
    return folders


def run(length: int, cache: Path, formats: tuple[str, ...]) -> dict[str, float]:
    first, last = span(length)
    periods = periods_between(first, last)
    made = synthetic_months(cache, periods)
    with tempfile.TemporaryDirectory(prefix="trends-bench-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
        shutil.copytree(PROJECT_ROOT / "data" / "raw", data / "raw")
        for period, folder in made.items():
            shutil.copytree(folder, data / "raw" / str(period))
        started = time.perf_counter()
        result = build_trends(first, last, data, Path(tmp) / "reports", RenderOptions(formats, Engine.PANDOC))
        wall = time.perf_counter() - started
        timings = {k: v for k, v in result.timings.items() if k != "total"}
        timings["wall"] = wall
        for fmt, path in result.files.items():
            if fmt in formats:
                timings[f"{fmt} size (kB)"] = path.stat().st_size / 1000
        timings["periods"] = len(periods)
        return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="3,12,36")
    parser.add_argument("--formats", default="html")
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    formats = tuple(f.strip() for f in args.formats.split(","))
    with tempfile.TemporaryDirectory(prefix="trends-months-") as cache:
        started = time.perf_counter()
        synthetic_months(Path(cache), periods_between(*span(max(lengths))))
        print(f"  synthetic months made in {time.perf_counter() - started:.1f} s", flush=True)
        results = [run(n, Path(cache), formats) for n in lengths]
    print(f"tthc trends --engine pandoc --formats {','.join(formats)} over N periods, empty store "
          f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end); "
          f"seconds, ×{lengths[0]} periods in brackets")
    header = f"{'stage':<18}" + "".join(f"{f'{n} ({span(n)[0]}..{span(n)[1]})':>26}" for n in lengths)
    print(header)
    print("-" * len(header))
    for r in results:
        r["validate/period"] = r["validate"] / r["periods"]
    base = results[0]
    for stage in dict.fromkeys(k for r in results for k in r):
        if stage == "periods":
            continue
        cells = []
        for r in results:
            value = r.get(stage)
            ratio = value / base[stage] if value is not None and base.get(stage) else float("nan")
            cells.append(f"{'—':>26}" if value is None else f"{value:>18.2f} ({ratio:>4.1f}x)")
        print(f"{stage:<18}" + "".join(cells))


if __name__ == "__main__":
    main()
