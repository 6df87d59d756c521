"""Benchmark: wall time of `tthc report PERIOD` with the pandoc engine, by stage, before and after a change.

Run on demand (not a test): `python benchmarks/report_speed.py [PERIOD] [--runs N] [--before REV]`.
Works on a copy of data/ in a temporary folder. With `--before` (default `main`) the runs alternate between
that commit's code and the working tree's, so both see the same load, and one table prints both with the
ratio. The wall is the whole command as the analyst waits for it: a fresh `python -m tthc report`
process (imports included). `cells` is the part of `execute` papermill spent running the notebook's cells
(the rest is papermill's import, the parameter check, the kernel's readiness and stop). The load average is
printed beside each run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from before_after import alternate, load, tree  # noqa: E402

SHIPPED = Path(__file__).resolve().parents[1] / "data"  # the checkout's data, whichever code runs
STAGES = ["validate", "execute", "cells", "render_html", "render_docx", "wall"]


def one_run(period: str) -> dict[str, float]:
    """`tthc report` in a fresh process on a fresh copy of data/; stage times from the manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(SHIPPED / "reference", data / "reference")
        shutil.copytree(SHIPPED / "raw", data / "raw")
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "-m", "tthc", "report", period, "--data", str(data),
                                    "--out", f"{tmp}/reports", "--engine", "pandoc"], capture_output=True,
                                   text=True, check=False)
        wall = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit(completed.stdout + completed.stderr)
        folder = Path(tmp) / "reports" / period
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        executed = next(f["file"] for f in manifest["outputs"] if f["format"] == "ipynb")
        notebook = json.loads((folder / executed).read_text(encoding="utf-8"))
        cells = notebook["metadata"]["papermill"]["duration"]  # the part of `execute` spent running the cells
        return {**manifest["timings_seconds"], "cells": cells, "wall": wall, "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("period", nargs="?", default="2024-09")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", default="main", help="commit to compare with ('' for none)")
    parser.add_argument("--json", action="store_true", help="one run of the current code, as JSON")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(one_run(args.period)))
        return
    source = tree(args.before) if args.before else None
    runs = alternate(Path(__file__), [args.period], source, args.runs,
                     lambda r: f"wall {r['wall']:5.2f} s  (load {r['load']:.2f})")
    print(f"\ntthc report {args.period} --engine pandoc, median of {args.runs} runs in seconds "
          f"(before = {args.before or '-'}, after = working tree); load now {load()}")
    print(f"| {'stage':<12} | {'before':>7} | {'after':>7} | {'after/before':>12} |")
    print(f"|{'-' * 14}|{'-' * 9}|{'-' * 9}|{'-' * 14}|")
    for stage in STAGES:
        after = statistics.median(r.get(stage, 0.0) for r in runs["after"])
        before = statistics.median(r.get(stage, 0.0) for r in runs["before"]) if runs["before"] else float("nan")
        print(f"| {stage:<12} | {before:>7.2f} | {after:>7.2f} | {after / before if before else float('nan'):>11.2f}× |")
    loads = [r["load"] for rs in runs.values() for r in rs]
    print(f"load average during the runs: {min(loads):.2f} – {max(loads):.2f}; goal: wall under 1,5 s on a quiet machine")


if __name__ == "__main__":
    main()
