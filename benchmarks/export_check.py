"""Benchmark: `tthc check` of the shipped seed month against the same month with a 100 000-row export.

Run on demand (not a test): `python benchmarks/export_check.py [--runs N]`. Works on
copies of data/ in temporary folders; prints one table of median wall times and the
ratio of each large case to the shipped month (the issue's goal: at most 10 ×).

Cases: the feedback list with 100 000 items (xlsx and csv), and the centre's
dossier table repeated over 100 000 rows (csv; every repeat is a duplicate finding).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
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
from tthc.project import PROJECT_ROOT

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="run only the cases whose name contains this text")
    args = parser.parse_args()
    shipped = PROJECT_ROOT / "data"
    results = []
    for name, prepare in CASES.items():
        if args.only and args.only not in name and prepare is not None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            shutil.copytree(shipped / "reference", data / "reference")
            shutil.copytree(shipped / "raw" / "2024-09", data / "raw" / "2024-09")
            if prepare is not None:
                prepare(data / "raw" / "2024-09")
            wall, findings = time_check(data, args.runs)
            results.append((name, wall, findings))
    base = results[0][1]
    print(f"| case | median wall ({args.runs} runs) | findings | ratio to shipped |")
    print("|---|---|---|---|")
    for name, wall, findings in results:
        print(f"| {name} | {wall:.3f} s | {findings} | {wall / base:.1f} × |")


if __name__ == "__main__":
    main()
