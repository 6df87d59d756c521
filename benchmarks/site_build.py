"""Benchmark: a full `tthc site` build of every shipped period, against one `tthc report` in the same run.

Run on demand (not a test): `python benchmarks/site_build.py [--runs N] [--jobs N] [--before REV]`.
Each figure is a fresh `python -m tthc` process on a fresh copy of data/ in a temporary folder (engine
pandoc): one `tthc report 2024-09`, then `tthc site` (full build: 12 periods and the trends), then
`tthc site` again with nothing changed. With `--before` (default `main`) the runs alternate between that
commit's code and the working tree's, so both see the same load; the table gives medians and the
ratio site ÷ report of each code (the issue's goal: a full site build at most 4 × one report).
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
FIGURES = ["report", "site", "rebuild"]


def _tthc(*args: str) -> float:
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", "tthc", *args], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(completed.stdout[-3000:] + completed.stderr[-3000:])
    return time.perf_counter() - started


def one_run(jobs: int) -> dict[str, float]:
    """One report, one full site build and one no-change rebuild, each a fresh process on fresh data."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "report-data"
        shutil.copytree(SHIPPED / "reference", data / "reference")
        shutil.copytree(SHIPPED / "raw", data / "raw")
        figures["report"] = _tthc("report", "2024-09", "--data", str(data), "--out", f"{tmp}/report-out",
                                  "--engine", "pandoc")
        data = Path(tmp) / "site-data"
        shutil.copytree(SHIPPED / "reference", data / "reference")
        shutil.copytree(SHIPPED / "raw", data / "raw")
        site = ["site", "--data", str(data), "--out", f"{tmp}/reports", "--site", f"{tmp}/_site",
                "--jobs", str(jobs), "--engine", "pandoc"]
        figures["site"] = _tthc(*site)
        figures["rebuild"] = _tthc(*site)
        log = json.loads((Path(tmp) / "_site" / "build-log.json").read_text(encoding="utf-8"))
        if log["failed"]:
            raise SystemExit(f"periods failed: {log['failed']}")
    return {**figures, "load": os.getloadavg()[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--before", default="main", help="commit to compare with ('' for none)")
    parser.add_argument("--json", action="store_true", help="one run of the current code, as JSON")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(one_run(args.jobs)))
        return
    source = tree(args.before) if args.before else None
    runs = alternate(Path(__file__), ["--jobs", str(args.jobs)], source, args.runs,
                     lambda r: f"report {r['report']:5.2f} s  site {r['site']:6.2f} s  rebuild {r['rebuild']:5.2f} s  "
                               f"(load {r['load']:.2f})")
    medians = {label: {f: statistics.median(r[f] for r in rs) for f in FIGURES} for label, rs in runs.items() if rs}
    print(f"\ntthc site (--jobs {args.jobs}, pandoc) against one tthc report 2024-09, median of {args.runs} runs "
          f"in seconds (before = {args.before or '-'}, after = working tree); load now {load()}")
    print(f"| {'figure':<22} | {'before':>7} | {'after':>7} |")
    print(f"|{'-' * 24}|{'-' * 9}|{'-' * 9}|")
    for figure in FIGURES:
        cells = [f"{medians[label][figure]:>7.2f}" if label in medians else f"{'-':>7}" for label in runs]
        print(f"| {figure:<22} | {' | '.join(cells)} |")
    ratios = [f"{medians[label]['site'] / medians[label]['report']:>6.1f}×" if label in medians else f"{'-':>7}"
              for label in runs]
    print(f"| {'site ÷ report':<22} | {' | '.join(ratios)} |")
    loads = [r["load"] for rs in runs.values() for r in rs]
    print(f"load average during the runs: {min(loads):.2f} – {max(loads):.2f}; goal: site at most 4 × one report")


if __name__ == "__main__":
    main()
