"""Benchmark: `tthc check` of the shipped seed month against the same month with a 100 000-row export.

Run on demand (not a test): `python benchmarks/export_check.py [--runs N] [--before REV]`. Works on
copies of data/ in temporary folders; prints one table of median wall times and the
ratio of each large case to the shipped month (median of the ratios within each run; the issue's goal: at most 10 ×). Each run is a fresh
process timing every case once; with `--before` (default `main`) the runs alternate between that
commit's code and the working tree's, so both see the same load, and the table shows both.

Cases: the feedback list with 100 000 items (xlsx and csv), and the centre's
dossier table repeated over 100 000 rows (csv; every repeat is a duplicate finding).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable, write_csv, write_xlsx
from tthc.period import Period
from tthc.pipeline import ingest_period

sys.path.insert(0, str(Path(__file__).parent))
from before_after import load, run_json, tree  # noqa: E402

PERIOD = Period.parse("2024-09")
ROWS = 100_000


def _feedback_rows() -> ExportTable:
    table = seed.feedback_table()
    items = table.rows
    rows = [ExportRow({**items[i % len(items)].values, "topic": f"Phản ánh số {i + 1}"}) for i in range(ROWS)]
    title = [line for line in table.title_lines if "Tổng số PAKN" not in line]
    return replace(table, rows=rows, title_lines=title)


def _dossier_rows() -> ExportTable:
    table = seed.centre_table()
    return replace(table, rows=[table.rows[i % len(table.rows)] for i in range(ROWS)], with_total=False)


def _replace(month: Path, stem: str, table: ExportTable, as_csv: bool) -> None:
    for old in month.glob(f"{stem}*"):
        old.unlink()
    if as_csv:
        write_csv(table, month / f"{stem}.csv")
    else:
        write_xlsx(table, month / f"{stem}.xlsx")


CASES: dict[str, Callable[[Path], None] | None] = {
    "shipped 2024-09": None,
    "feedback 100 000 rows (xlsx)": lambda m: _replace(m, "PAKN_thang_9", _feedback_rows(), False),
    "feedback 100 000 rows (csv)": lambda m: _replace(m, "PAKN_thang_9", _feedback_rows(), True),
    "dossiers 100 000 rows (csv)": lambda m: _replace(m, "Bieu_TTHCC_thang9", _dossier_rows(), True),
}


def time_check(data: Path, runs: int) -> tuple[float, int]:
    times, findings = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        context = load_context(data)
        inputs = ingest_period(context, PERIOD)
        times.append(time.perf_counter() - started)
        findings = len(inputs.findings)
    return statistics.median(times), findings


def measure(runs: int, only: str | None) -> list[tuple[str, float, int]]:
    """(case, median wall, findings) of every case, in this process with the code it imports."""
    shipped = Path(__file__).resolve().parents[1] / "data"  # the checkout's data, whichever code runs
    results = []
    for name, prepare in CASES.items():
        if only and only not in name and prepare is not None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(shipped / "reference", data / "reference")
            shutil.copytree(shipped / "raw" / "2024-09", data / "raw" / "2024-09")
            if prepare is not None:
                prepare(data / "raw" / "2024-09")
            wall, findings = time_check(data, runs)
            results.append((name, wall, findings))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    parser.add_argument("--before", default="main", help="commit to compare with ('' for none)")
    parser.add_argument("--json", action="store_true", help="one run of every case with the current code, as JSON")
    args = parser.parse_args()
    if args.json:
        print(json.dumps({"cases": measure(1, args.only), "load": os.getloadavg()[0]}))
        return
    source = tree(args.before) if args.before else None
    extra = ["--only", args.only] if args.only else []
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for index in range(args.runs):
        if source is not None:
            runs["before"].append(run_json(Path(__file__), extra, source))
        runs["after"].append(run_json(Path(__file__), extra, None))
        for label in ("before", "after"):
            if runs[label]:
                r = runs[label][-1]
                walls = ", ".join(f"{wall:.2f}" for _, wall, _ in r["cases"])
                print(f"run {index + 1} {label:<6} {walls} s  (load {r['load']:.2f})")
    labels = [label for label in runs if runs[label]]
    names = [name for name, _, _ in runs["after"][0]["cases"]]
    median = {label: [statistics.median(r["cases"][i][1] for r in runs[label]) for i in range(len(names))]
              for label in labels}
    findings = {label: [runs[label][0]["cases"][i][2] for i in range(len(names))] for label in labels}
    print(f"\ntthc check 2024-09 (ingest and validation), median of {args.runs} fresh processes "
          f"(before = {args.before or '-'}, after = working tree); load now {load()}")
    # the ratio within each process (the shipped month and the case timed back to back), then its median:
    # steadier than a ratio of medians when the shared machine's load moves between runs
    ratio = {label: [statistics.median(r["cases"][i][1] / r["cases"][0][1] for r in runs[label])
                     for i in range(len(names))] for label in labels}
    print("| case | " + " | ".join(f"{label} wall | {label} findings | {label} ratio to shipped" for label in labels)
          + " |")
    print("|---|" + "---|---|---|" * len(labels))
    for i, name in enumerate(names):
        cells = [f"{median[label][i]:.3f} s | {findings[label][i]} | {ratio[label][i]:.1f} ×" for label in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
    loads = [r["load"] for rs in runs.values() for r in rs]
    print(f"load average during the runs: {min(loads):.2f} – {max(loads):.2f}; goal: each case at most 10 × shipped")


if __name__ == "__main__":
    main()
