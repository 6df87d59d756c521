"""Benchmark: all unit tables of one month from 1M / 10M / 100M dossier records — polars, pandas, DuckDB.

Run on demand (not a test):

    python benchmarks/records_scale.py [--sizes 1M,10M,100M] [--engines polars,pandas,duckdb]
                                       [--pandas-max 10M] [--units 2000] [--keep DIR]

Records are made once per size with tthc.demo.records.write_synthetic (deterministic,
numpy, in Parquet parts of 5M rows with row groups of 100k rows) in a temporary folder (or DIR
with --keep, reused when present). Each engine then runs in its own subprocess, so its peak memory is its own: the
child's VmHWM read at its end (the whole process since exec: interpreter, libraries, data). The three
engines apply the same rules (tthc.records.rules: effective due date moved on by supplement
and pause waits, states at the period's end, the cohort received in the period):

- polars: the project's own tthc.records.tables.unit_tables on pl.scan_parquet, streaming engine
  (one row group read ahead, tthc.records.tables.READ_AHEAD; POLARS_ROW_GROUP_PREFETCH_SIZE=50 in the
  environment gives polars' default back, to compare);
- pandas: the same logic written with pandas (read_parquet of the needed columns, vectorised);
- DuckDB: the same logic in SQL over read_parquet.

Every engine's table is checked against polars' (column sums per unit); a difference is printed.
The table printed: size × engine, wall time, peak memory, and the ratios to polars.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PERIOD_START, PERIOD_END = date(2024, 8, 24), date(2024, 9, 23)
COLUMNS = ["unit_id", "channel", "received_at", "due_at", "finished_at", "returned_at", "status",
           "supplement_requested_at", "supplement_returned_at", "supplement_days", "pause_kind", "paused_at",
           "resumed_at", "paused_days", "fee_bearing", "paid_online", "paid_direct", "result_attached"]
OUTPUT = ["received", "received_direct", "received_online", "resolved", "resolved_early", "resolved_on_time",
          "resolved_late", "pending", "pending_not_due", "pending_overdue", "paused_supplement", "paused_financial",
          "paused_other", "refused", "withdrawn", "fee_bearing", "paid_online", "paid_direct", "results_digitised"]


def parse_size(text: str) -> int:
    text = text.strip().upper()
    factor = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}.get(text[-1], 1)
    return int(float(text[:-1] if text[-1] in "KMG" else text) * factor)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n:,}"


# --- engines (run in a child process) -------------------------------------------------------------

def run_polars(folder: Path) -> dict:
    import polars as pl

    from tthc.records.tables import unit_tables

    frame = unit_tables(pl.scan_parquet(folder / "*.parquet"), PERIOD_START, PERIOD_END, engine="streaming")
    return {r["unit_id"]: [int(r[c]) for c in OUTPUT] for r in frame.iter_rows(named=True)}


def run_pandas(folder: Path) -> dict:
    import numpy as np
    import pandas as pd

    df = pd.read_parquet(sorted(str(p) for p in folder.glob("*.parquet")), columns=COLUMNS,
                         to_pandas_kwargs={"date_as_object": False})
    start, end = pd.Timestamp(PERIOD_START), pd.Timestamp(PERIOD_END)
    df = df[(df["received_at"] >= start) & (df["received_at"] <= end)]

    def waited(begin: str, stop: str, total: str) -> pd.Series:
        amount = df[total].astype("float64").fillna((df[stop] - df[begin]).dt.days)
        return amount.where(df[stop] <= end, 0).fillna(0)

    due = df["due_at"] + pd.to_timedelta(
        waited("supplement_requested_at", "supplement_returned_at", "supplement_days")
        + waited("paused_at", "resumed_at", "paused_days"), unit="D")
    done = df["finished_at"].fillna(df["returned_at"])
    status = df["status"].astype(str)
    closed = (status != "processing") & (done <= end)
    sup_open = (df["supplement_requested_at"] <= end) & ~(df["supplement_returned_at"] <= end)
    pause_open = (df["paused_at"] <= end) & ~(df["resumed_at"] <= end)
    resolved = closed & (status == "resolved")
    state = np.select(
        [resolved & (done < due), resolved & (done == due), resolved, closed & (status == "refused"), closed,
         sup_open, pause_open & (df["pause_kind"].astype(str) == "financial"), pause_open, due < end],
        [1, 2, 3, 9, 10, 6, 7, 8, 5], 4)
    fee = df["fee_bearing"]
    work = pd.DataFrame({
        "unit_id": df["unit_id"].to_numpy(), "state": state,
        "online": (df["channel"].astype(str) == "online").to_numpy(),
        "fee": fee.to_numpy(), "paid_online": (fee & df["paid_online"]).to_numpy(),
        "paid_direct": (fee & df["paid_direct"]).to_numpy(),
        "digitised": (resolved & df["result_attached"]).to_numpy(),
    })
    grouped = work.groupby(["unit_id", "state"]).size().unstack(fill_value=0)
    sums = work.groupby("unit_id")[["online", "fee", "paid_online", "paid_direct", "digitised"]].sum()
    for code in range(1, 11):
        if code not in grouped.columns:
            grouped[code] = 0
    out = {}
    for unit_id in grouped.index:
        g, s = grouped.loc[unit_id], sums.loc[unit_id]
        received = int(g.sum())
        out[unit_id] = [received, received - int(s["online"]), int(s["online"]),
                        int(g[1] + g[2] + g[3]), int(g[1]), int(g[2]), int(g[3]), int(g[4] + g[5]), int(g[4]),
                        int(g[5]), int(g[6]), int(g[7]), int(g[8]), int(g[9]), int(g[10]), int(s["fee"]),
                        int(s["paid_online"]), int(s["paid_direct"]), int(s["digitised"])]
    return out


DUCKDB_SQL = """
WITH r AS (
  SELECT unit_id, channel, fee_bearing, paid_online, paid_direct, result_attached, status, pause_kind,
         coalesce(finished_at, returned_at) AS done,
         due_at
           + CASE WHEN supplement_returned_at <= DATE '{end}'
                  THEN CAST(coalesce(supplement_days, supplement_returned_at - supplement_requested_at) AS INTEGER) ELSE 0 END
           + CASE WHEN resumed_at <= DATE '{end}'
                  THEN CAST(coalesce(paused_days, resumed_at - paused_at) AS INTEGER) ELSE 0 END AS due,
         coalesce(supplement_requested_at <= DATE '{end}'
                  AND (supplement_returned_at IS NULL OR supplement_returned_at > DATE '{end}'), false) AS sup_open,
         coalesce(paused_at <= DATE '{end}' AND (resumed_at IS NULL OR resumed_at > DATE '{end}'), false) AS pause_open
  FROM read_parquet('{files}')
  WHERE received_at BETWEEN DATE '{start}' AND DATE '{end}'
), s AS (
  SELECT *, CASE
      WHEN status <> 'processing' AND done <= DATE '{end}' THEN
        CASE WHEN status = 'resolved' THEN (CASE WHEN done < due THEN 1 WHEN done = due THEN 2 ELSE 3 END)
             WHEN status = 'refused' THEN 9 ELSE 10 END
      WHEN sup_open THEN 6
      WHEN pause_open THEN (CASE WHEN pause_kind = 'financial' THEN 7 ELSE 8 END)
      WHEN due < DATE '{end}' THEN 5 ELSE 4 END AS state
  FROM r
)
SELECT unit_id,
  count(*) AS received,
  count(*) FILTER (channel = 'direct') AS received_direct,
  count(*) FILTER (channel = 'online') AS received_online,
  count(*) FILTER (state IN (1, 2, 3)) AS resolved,
  count(*) FILTER (state = 1), count(*) FILTER (state = 2), count(*) FILTER (state = 3),
  count(*) FILTER (state IN (4, 5)) AS pending,
  count(*) FILTER (state = 4), count(*) FILTER (state = 5), count(*) FILTER (state = 6),
  count(*) FILTER (state = 7), count(*) FILTER (state = 8), count(*) FILTER (state = 9),
  count(*) FILTER (state = 10),
  count(*) FILTER (fee_bearing), count(*) FILTER (fee_bearing AND paid_online),
  count(*) FILTER (fee_bearing AND paid_direct),
  count(*) FILTER (state IN (1, 2, 3) AND result_attached)
FROM s GROUP BY unit_id
"""


def run_duckdb(folder: Path) -> dict:
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET threads = 2")
    sql = DUCKDB_SQL.format(start=PERIOD_START, end=PERIOD_END, files=str(folder / "*.parquet"))
    return {row[0]: [int(v) for v in row[1:]] for row in connection.execute(sql).fetchall()}


ENGINES = {"polars": run_polars, "pandas": run_pandas, "duckdb": run_duckdb}


def child(engine: str, folder: str, out: str) -> None:
    # Libraries are imported before the clock starts: the time is the computation's.
    if engine == "polars":
        import polars  # noqa: F401

        import tthc.records.tables  # noqa: F401
    elif engine == "pandas":
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    else:
        import duckdb  # noqa: F401
    started = time.perf_counter()
    result = ENGINES[engine](Path(folder))
    wall = time.perf_counter() - started
    Path(out).write_text(json.dumps({"wall": wall, "peak_kb": peak_kb(), "result": result}))


def peak_kb() -> int:
    """This process's peak resident set since exec (VmHWM); ru_maxrss would include the parent's at fork."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# --- driver ---------------------------------------------------------------------------------------

def measure(engine: str, folder: Path, scratch: Path) -> dict:
    out = scratch / f"{engine}.json"
    process = subprocess.run([sys.executable, __file__, "--child", engine, str(folder), str(out)], check=False)
    if process.returncode != 0:
        return {"error": f"exit status {process.returncode}"}
    data = json.loads(out.read_text())
    return {"wall": data["wall"], "peak_mb": data["peak_kb"] / 1024, "result": data["result"]}


def ensure_records(base: Path, n: int, units: int) -> Path:
    from tthc.demo.records import (
        ROW_GROUP_SIZE,
        synthetic_unit_ids,
        write_synthetic,
    )

    # The layout is in the name so that a kept folder written with other row groups is not reused.
    folder = base / f"records-{label(n)}-{units}u-rg{ROW_GROUP_SIZE // 1000}k"
    if (folder / "done").exists():
        return folder
    started = time.perf_counter()
    write_synthetic(folder, n, PERIOD_START, PERIOD_END, units=synthetic_unit_ids(units), seed=0)
    (folder / "done").write_text("")
    size = sum(p.stat().st_size for p in folder.glob("*.parquet")) / 1e6
    print(f"  records {label(n)}: generated in {time.perf_counter() - started:.1f} s, {size:.0f} MB Parquet",
          file=sys.stderr)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M,10M,100M")
    parser.add_argument("--engines", default="polars,pandas,duckdb")
    parser.add_argument("--pandas-max", default="10M", help="skip pandas above this size")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated records in this folder")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    engines = [e.strip() for e in args.engines.split(",")]
    pandas_max = parse_size(args.pandas_max)
    with tempfile.TemporaryDirectory(prefix="records-bench-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        rows = []
        for n in sizes:
            folder = ensure_records(base, n, args.units)
            results = {}
            for engine in engines:
                if engine == "pandas" and n > pandas_max:
                    results[engine] = {"skipped": True}
                    continue
                results[engine] = measure(engine, folder, Path(tmp))
            rows.append((n, results))
    print_table(rows, engines, args.units)


def print_table(rows, engines, units) -> None:
    load = os.getloadavg()[0]
    print(f"All unit tables of one month (24/08–23/09/2024) from N records, {units} units, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the end")
    header = f"{'records':>8} {'engine':<7} {'wall (s)':>9} {'peak (MB)':>10} {'time/polars':>12} " \
             f"{'mem/polars':>11}  same result"
    print(header)
    print("-" * len(header))
    for n, results in rows:
        base = results.get("polars", {})
        for engine in engines:
            r = results[engine]
            if r.get("skipped"):
                print(f"{label(n):>8} {engine:<7} {'skipped':>9}")
                continue
            if "error" in r:
                print(f"{label(n):>8} {engine:<7} {r['error']}")
                continue
            time_ratio = r["wall"] / base["wall"] if base.get("wall") else float("nan")
            mem_ratio = r["peak_mb"] / base["peak_mb"] if base.get("peak_mb") else float("nan")
            same = "yes" if "result" in base and r["result"] == base["result"] else "NO"
            print(f"{label(n):>8} {engine:<7} {r['wall']:>9.2f} {r['peak_mb']:>10.0f} {time_ratio:>11.1f}x "
                  f"{mem_ratio:>10.1f}x  {same}")


if __name__ == "__main__":
    main()
