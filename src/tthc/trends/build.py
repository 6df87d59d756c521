"""`tthc trends`: execute notebooks/trends.ipynb for a range of periods and render it like a monthly report."""

from __future__ import annotations

import time
from pathlib import Path

from tthc.context import Context, Snapshot, load_context
from tthc.findings import Finding
from tthc.fingerprint import build_key, code_digest, file_digest, folder_digests
from tthc.formatting.dates import format_month
from tthc.locking import exclusive
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.project import NOTEBOOKS
from tthc.render.engine import Engine
from tthc.render.room import DEFAULT_OPTIONS, Document, RenderOptions, ReportResult, is_current, produce
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


def trends_key_parts(context: Context, first: Period, last: Period, formats: tuple[str, ...], engine: Engine) -> dict:
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
                 options: RenderOptions = DEFAULT_OPTIONS) -> ReportResult:
    data_dir, reports_dir = data_dir.resolve(), reports_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, TRENDS_FOLDER, on_wait=options.on_step):
        return _build_trends(context, first, last, data_dir, reports_dir, options.resolved())


def _build_trends(context: Context, first: Period, last: Period, data_dir: Path, reports_dir: Path,
                  options: RenderOptions) -> ReportResult:
    started = time.perf_counter()
    final = reports_dir / TRENDS_FOLDER
    stem = TRENDS_STEM.format(first=first, last=last)
    key = build_key(trends_key_parts(context, first, last, options.formats, options.engine))
    if not options.force and is_current(final, key, options.formats):
        files = {f: final / f"{stem}.{f}" for f in (*options.formats, "ipynb")}
        return ReportResult(last, final, {**files, "manifest": final / "manifest.json"}, options.engine,
                            {"total": time.perf_counter() - started}, [], rebuilt=False)
    options.on_step("Kiểm tra và lưu số liệu các kỳ")
    warnings: list[Finding] = []
    stored: set[Period] = set()
    for period in periods_between(history_start(first), last):
        if context.paths.period_raw(period).is_dir():
            inputs = build_period(context, period)  # a period with errors is left out of the trends
            if not inputs.has_errors:
                stored.add(period)
            if period >= first:
                warnings.extend(f for f in inputs.findings if not f.is_error)
    timings = {"validate": time.perf_counter() - started}
    parameters = {"period_from": str(first), "period_to": str(last), "data_dir": str(data_dir)}
    title = (f"Xu hướng từ kỳ {format_month(first.year, first.month)} "  # the reader's "01/2024", not "2024-01"
             f"đến kỳ {format_month(last.year, last.month)}")
    document = Document(TRENDS_NOTEBOOK, parameters, stem, final, title,
                        {"range": [str(first), str(last)], "build_key": key}, Snapshot(context, frozenset(stored)))
    files = produce(document, options, timings)
    timings["total"] = time.perf_counter() - started
    return ReportResult(last, final, files, options.engine, timings, warnings)
