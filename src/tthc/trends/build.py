"""`tthc trends`: execute notebooks/trends.ipynb for a range of periods and render it like a monthly report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tthc.fingerprint import build_key, code_digest, file_digest, folder_digests
from tthc.formatting.dates import format_month
from tthc.locking import exclusive
from tthc.period import Period
from tthc.pipeline import build_period, load_context
from tthc.project import NOTEBOOKS
from tthc.render.engine import Engine, resolve_engine
from tthc.report.build import FORMATS, ReportResult, is_current, produce
from tthc.trends.series import history_start

TRENDS_NOTEBOOK = NOTEBOOKS / "trends.ipynb"
TRENDS_FOLDER = "xu-huong"
TRENDS_STEM = "xu-huong-{first}-{last}"


def periods_between(first: Period, last: Period) -> list[Period]:
    periods, period = [], first
    while period <= last:
        periods.append(period)
        period = period.next()
    return periods


def trends_key_parts(context, first: Period, last: Period, formats: tuple[str, ...], engine: Engine) -> dict:
    return {
        "kind": "trends",
        "range": [str(first), str(last)],
        "inputs": {str(p): folder_digests(context.paths.period_raw(p))
                   for p in periods_between(history_start(first), last)},
        "reference": {p.name: file_digest(p) for p in (context.paths.organisation, context.paths.units)},
        "notebook": file_digest(TRENDS_NOTEBOOK),
        "code": code_digest(),
        "formats": sorted(formats),
        "engine": str(engine),
    }


def build_trends(first: Period, last: Period, data_dir: Path, reports_dir: Path,
                 formats: tuple[str, ...] = FORMATS, engine: Engine = Engine.AUTO,
                 on_step: Callable[[str], None] | None = None, *, force: bool = True) -> ReportResult:
    data_dir, reports_dir = data_dir.resolve(), reports_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, TRENDS_FOLDER, on_wait=on_step):
        return _build_trends(context, first, last, data_dir, reports_dir, formats, engine, on_step, force)


def _build_trends(context, first: Period, last: Period, data_dir: Path, reports_dir: Path,
                  formats: tuple[str, ...], engine: Engine, on_step: Callable[[str], None] | None,
                  force: bool) -> ReportResult:
    step = on_step or (lambda _: None)
    started = time.perf_counter()
    chosen = resolve_engine(engine)
    final = reports_dir / TRENDS_FOLDER
    stem = TRENDS_STEM.format(first=first, last=last)
    key = build_key(trends_key_parts(context, first, last, formats, chosen))
    if not force and is_current(final, key, formats):
        files = {f: final / f"{stem}.{f}" for f in (*formats, "ipynb")}
        return ReportResult(last, final, {**files, "manifest": final / "manifest.json"}, chosen,
                            {"total": time.perf_counter() - started}, [], rebuilt=False)
    step("Kiểm tra và lưu số liệu các kỳ")
    warnings = []
    for period in periods_between(history_start(first), last):
        if context.paths.period_raw(period).is_dir():
            inputs = build_period(context, period)  # a period with errors is left out of the trends
            if period >= first:
                warnings.extend(f for f in inputs.findings if not f.is_error)
    timings = {"validate": time.perf_counter() - started}
    parameters = {"period_from": str(first), "period_to": str(last), "data_dir": str(data_dir.resolve())}
    title = (f"Xu hướng từ kỳ {format_month(first.year, first.month)} "  # the reader's "01/2024", not "2024-01"
             f"đến kỳ {format_month(last.year, last.month)}")
    files = produce(TRENDS_NOTEBOOK, parameters, stem, final, formats, chosen, title, timings, step,
                    manifest_extra={"range": [str(first), str(last)], "build_key": key})
    timings["total"] = time.perf_counter() - started
    return ReportResult(last, final, files, chosen, timings, warnings)
