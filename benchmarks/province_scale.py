"""Benchmark: one month's report for a province of up to 1 000 communes — stages versus the shipped district.

Run on demand (not a test):

    python benchmarks/province_scale.py [--units 14,100,300,1000] [--period 2024-10] [--formats html,docx]

For each size N a temporary data folder is built: the shipped data/reference with N − 14
synthetic communes appended to units.yaml (tthc.demo.province.synthetic_communes, named
"UBND xã Thử Nghiệm 0001"…), a copy of data/raw, and the period's folder replaced by a
synthetic month (tthc.demo.generator.generate_period, widened by tthc.demo.province.widen_period:
one more row per synthetic commune in the communes' dossiers export, the payments export and the
signing statistics; the analyst's notes generated from the widened tables). N = 14 is the shipped
district through the same code (no synthetic commune), so every size has the same files and none has
dossier records. Stages, timed in this process:

- load + validate + store: tthc.context.load_context and tthc.pipeline.build_period;
- indicators: tthc.stored.load_frames and tthc.indicators.compute_indicators (as `tthc indicators`);
- report: tthc.report.build.build_report with RenderOptions(formats, Engine.PANDOC), its own
  timings (validate, execute: the notebook under papermill, render_html, render_docx) and wall;
  the two renders run at the same time (one process each), so their sum can exceed the wall time.

The table prints seconds per stage and each size's ratio to N = 14. One run per size: compare the
ratios, not the absolute times (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from tthc.context import load_context
from tthc.demo.generator import NOTES_FILE, generate_analyst_notes, generate_period
from tthc.demo.province import synthetic_communes, units_yaml_with, widen_period
from tthc.exports.writer import write_xlsx
from tthc.indicators import compute_indicators
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.project import PROJECT_ROOT
from tthc.render.engine import Engine
from tthc.render.room import RenderOptions
from tthc.report.build import build_report
from tthc.stored import analyst_from_frames, load_frames

SHIPPED_COMMUNES = 14


def make_data(root: Path, communes: int, period: Period) -> Path:
    data = root / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
    shutil.copytree(PROJECT_ROOT / "data" / "raw", data / "raw")
    extra = synthetic_communes(communes - SHIPPED_COMMUNES)
    units = data / "reference" / "units.yaml"
    units.write_text(units_yaml_with(units.read_text(encoding="utf-8"), extra), encoding="utf-8")
    folder = data / "raw" / str(period)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tables = widen_period(generate_period(period), extra)
    for name, table in tables.items():
        write_xlsx(table, folder / name, synthetic=True)
    (folder / NOTES_FILE).write_text(generate_analyst_notes(period, tables), encoding="utf-8")
    return data


def run(communes: int, period: Period, formats: tuple[str, ...]) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="province-bench-") as tmp:
        data = make_data(Path(tmp), communes, period)
        timings: dict[str, float] = {}
        started = time.perf_counter()
        context = load_context(data)
        inputs = build_period(context, period)
        timings["load+validate+store"] = time.perf_counter() - started
        errors = [f for f in inputs.findings if f.is_error]
        if errors:
            raise SystemExit(f"{communes} communes: {len(errors)} errors, first: {errors[0].describe()}")
        timings["warnings"] = len(inputs.findings)
        started = time.perf_counter()
        frames = load_frames(context, period)
        compute_indicators(period, frames, analyst_from_frames(frames), context.organisation, context.registry)
        timings["indicators"] = time.perf_counter() - started
        started = time.perf_counter()
        result = build_report(period, data, Path(tmp) / "reports", RenderOptions(formats, Engine.PANDOC))
        timings["report wall"] = time.perf_counter() - started
        for stage in ("validate", "execute", "render_html", "render_docx"):
            if stage in result.timings:
                timings[f"  {stage}"] = result.timings[stage]
        for fmt, path in result.files.items():
            timings[f"{fmt} size (kB)"] = path.stat().st_size / 1000
        return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", default="14,100,300,1000", help="commune counts (the first is the baseline)")
    parser.add_argument("--period", default="2024-10")
    parser.add_argument("--formats", default="html,docx")
    args = parser.parse_args()
    period = Period.parse(args.period)
    formats = tuple(f.strip() for f in args.formats.split(","))
    sizes = [int(s) for s in args.units.split(",")]
    if min(sizes) < SHIPPED_COMMUNES:
        parser.error(f"at least the {SHIPPED_COMMUNES} shipped communes")
    results = []
    for n in sizes:
        started = time.perf_counter()
        results.append(run(n, period, formats))
        print(f"  {n} communes done in {time.perf_counter() - started:.1f} s", flush=True)
    print_table(sizes, results, period, formats)


def print_table(sizes: list[int], results: list[dict[str, float]], period: Period, formats: tuple[str, ...]) -> None:
    print(f"tthc report {period} --engine pandoc --formats {','.join(formats)} for N communes "
          f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end); seconds, ×{sizes[0]} in brackets")
    stages = list(dict.fromkeys(k for r in results for k in r))
    header = f"{'stage':<22}" + "".join(f"{n:>18}" for n in sizes)
    print(header)
    print("-" * len(header))
    base = results[0]
    for stage in stages:
        cells = []
        for r in results:
            value = r.get(stage)
            if value is None:
                cells.append(f"{'—':>18}")
            elif stage == "warnings":
                cells.append(f"{int(value):>18}")
            else:
                ratio = value / base[stage] if base.get(stage) else float("nan")
                cells.append(f"{value:>10.2f} ({ratio:>4.1f}x)")
        print(f"{stage:<22}" + "".join(cells))


if __name__ == "__main__":
    main()
