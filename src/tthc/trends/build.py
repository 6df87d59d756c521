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
from tthc.render.kernel import NotebookKernel
from tthc.render.room import DEFAULT_OPTIONS, Document, RenderOptions, ReportResult, is_current, produce
from tthc.reuse import reference_files
from tthc.trends.geography import TODAY, check_geography
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


def stored_periods(context: Context, first: Period, last: Period) -> list[Period]:
    """The periods a trends build validates and stores: from January of the first year (year-to-date), and the
    same period of the previous year as the last one (the comparison), when its exports are there."""
    periods = periods_between(history_start(first), last)
    last_year = Period(last.year - 1, last.month)
    if last_year < periods[0] and context.paths.period_raw(last_year).is_dir():
        periods.insert(0, last_year)
    return periods


def trends_key_parts(context: Context, first: Period, last: Period, formats: tuple[str, ...], engine: Engine,
                     geography: str = TODAY) -> dict:
    return {
        "kind": "trends",
        "range": [str(first), str(last)],
        "geography": geography,  # today's units or the units of the time: another report, so another key
        "inputs": {str(p): folder_digests(context.paths.period_raw(p)) for p in stored_periods(context, first, last)},
        "reference": {p.name: file_digest(p) for p in reference_files(context)},  # the catalogue's too
        "notebook": file_digest(TRENDS_NOTEBOOK),
        "code": code_digest(),
        "formats": sorted(formats),
        "engine": str(engine),
    }


def build_trends(first: Period, last: Period, data_dir: Path, reports_dir: Path,
                 options: RenderOptions = DEFAULT_OPTIONS, geography: str = TODAY) -> ReportResult:
    """`geography`: "today" (history restated onto today's units) or "historical" (the units of each period)."""
    data_dir, reports_dir = data_dir.resolve(), reports_dir.resolve()
    context = load_context(data_dir)
    with exclusive(context.paths.locks, TRENDS_FOLDER, on_wait=options.on_step):
        return _build_trends(context, first, last, data_dir, reports_dir, options.resolved(), check_geography(geography))


def _build_trends(context: Context, first: Period, last: Period, data_dir: Path, reports_dir: Path,
                  options: RenderOptions, geography: str) -> ReportResult:
    started = time.perf_counter()
    final = reports_dir / TRENDS_FOLDER
    stem = TRENDS_STEM.format(first=first, last=last)
    key = build_key(trends_key_parts(context, first, last, options.formats, options.engine, geography))
    if not options.force and is_current(final, key, options.formats):
        files = {f: final / f"{stem}.{f}" for f in (*options.formats, "ipynb")}
        return ReportResult(last, final, {**files, "manifest": final / "manifest.json"}, options.engine,
                            {"total": time.perf_counter() - started}, [], rebuilt=False)
    options.on_step("Kiểm tra và lưu số liệu các kỳ")
    warnings: list[Finding] = []
    stored: set[Period] = set()
    with NotebookKernel(TRENDS_NOTEBOOK) as kernel:  # boots and imports on the other core while periods validate
        for period in stored_periods(context, first, last):
            if context.paths.period_raw(period).is_dir():
                inputs = build_period(context, period)  # a period with errors is left out of the trends
                if not inputs.has_errors:
                    stored.add(period)
                if period >= first:
                    warnings.extend(f for f in inputs.findings if not f.is_error)
        timings = {"validate": time.perf_counter() - started}
        parameters = {"period_from": str(first), "period_to": str(last), "data_dir": str(data_dir),
                      "geography": geography}
        title = (f"Xu hướng từ kỳ {format_month(first.year, first.month)} "  # the reader's "01/2024", not "2024-01"
                 f"đến kỳ {format_month(last.year, last.month)}")
        document = Document(TRENDS_NOTEBOOK, parameters, stem, final, title,
                            {"range": [str(first), str(last)], "geography": geography, "build_key": key},
                            Snapshot(context, frozenset(stored)))
        files = produce(document, options, timings, kernel)
    timings["total"] = time.perf_counter() - started
    return ReportResult(last, final, files, options.engine, timings, warnings)
