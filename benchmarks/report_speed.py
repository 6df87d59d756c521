"""Benchmark: wall time and peak memory of `tthc report PERIOD` with the pandoc engine, by stage.

Run on demand (not a test): `python benchmarks/report_speed.py [PERIOD] [--runs N]`.
Works on a copy of data/ in a temporary folder; prints one table. Peak memory is
the largest resident set of this process and of its children (the Jupyter
kernel, pandoc), read from getrusage.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tthc.period import Period
from tthc.project import PROJECT_ROOT
from tthc.render.engine import Engine
from tthc.render.room import RenderOptions
from tthc.report.build import build_report


def run_once(period: Period, data: Path, out: Path) -> dict[str, float]:
    started = time.perf_counter()
    result = build_report(period, data, out, RenderOptions(("html", "docx"), Engine.PANDOC))
    timings = dict(result.timings)
    timings["wall"] = time.perf_counter() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("period", nargs="?", default="2024-09")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    period = Period.parse(args.period)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
        shutil.copytree(PROJECT_ROOT / "data" / "raw", data / "raw")
        runs = [run_once(period, data, Path(tmp) / "reports") for _ in range(args.runs)]
    stages = ["validate", "execute", "render_html", "render_docx", "wall"]
    print(f"tthc report {period} --engine pandoc, {args.runs} runs (median, min, max in seconds)")
    print(f"{'stage':<14}{'median':>9}{'min':>9}{'max':>9}")
    for stage in stages:
        values = [r.get(stage, 0.0) for r in runs]
        print(f"{stage:<14}{statistics.median(values):>9.2f}{min(values):>9.2f}{max(values):>9.2f}")
    self_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {self_peak:.0f} MB, largest child (kernel or pandoc) {child_peak:.0f} MB")
    print("target: under 8 s in total (wall)")


if __name__ == "__main__":
    main()
